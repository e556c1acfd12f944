#include "smtpsettings.h"

#include <QHostAddress>
#include <QSslCertificate>

namespace airm {
namespace {

bool hasLineBreak(const QString &s)
{
    return s.contains(QLatin1Char('\r')) || s.contains(QLatin1Char('\n'));
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

QString SmtpSettings::securityName(Security s)
{
    switch (s) {
    case Security::StartTls:
        return QStringLiteral("starttls");
    case Security::Tls:
        return QStringLiteral("tls");
    case Security::None:
        return QStringLiteral("none");
    }
    return {};
}

std::optional<SmtpSettings::Security> SmtpSettings::securityFromName(const QString &name)
{
    for (const Security s : {Security::StartTls, Security::Tls, Security::None})
        if (securityName(s) == name) return s;
    return std::nullopt;
}

QString SmtpSettings::validate() const
{
    if (!isEnabled()) return {};
    if (hasLineBreak(host) || host.contains(QLatin1Char(' ')))
        return QStringLiteral("host is not a host name");
    if (port < 1 || port > 65535) return QStringLiteral("port must be between 1 and 65535");
    const auto badAddress = [](const QString &a) {
        return a.isEmpty() || hasLineBreak(a) || a.contains(QLatin1Char('<')) ||
               a.contains(QLatin1Char('>')) || a.contains(QLatin1Char(' ')) || !a.contains(QLatin1Char('@'));
    };
    if (badAddress(from)) return QStringLiteral("from must be one address like monitor@example.com");
    if (to.isEmpty()) return QStringLiteral("to must list at least one recipient");
    for (const QString &recipient : to)
        if (badAddress(recipient))
            return QStringLiteral("to: \"%1\" is not an address like oncall@example.com").arg(recipient);
    if (hasLineBreak(username) || hasLineBreak(password))
        return QStringLiteral("username and password must be one line");
    if (!username.isEmpty() && security == Security::None && !isLoopbackHost(host))
        return QStringLiteral(
                   "refusing to send the SMTP password unencrypted to %1: use security starttls or tls")
            .arg(host);
    if (!caFile.isEmpty() && QSslCertificate::fromPath(caFile).isEmpty())
        return QStringLiteral("caFile %1 holds no readable PEM certificate").arg(caFile);
    return {};
}

} // namespace airm
