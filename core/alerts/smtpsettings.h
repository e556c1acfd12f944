// Where the e-mail alert channel sends: the SMTP server, its security and credentials, sender and recipients.
// A value type; validate() says what a send would refuse before connecting.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace airm {

struct SmtpSettings
{
    enum class Security { StartTls, Tls, None };

    QString host; // empty: the e-mail channel is off
    int port = 587;
    Security security = Security::StartTls;
    QString username; // empty: no AUTH
    QString password; // from the config file or AIRM_SMTP_PASSWORD; never echoed
    QString from;
    QStringList to;
    QString caFile; // PEM file of extra CA certificates (a private mail relay), or empty

    bool isEnabled() const { return !host.isEmpty(); }
    // Every problem a send would hit before connecting (no sender or recipients, line breaks in an address,
    // a password over an unencrypted connection to another host, an unreadable caFile), or empty.
    QString validate() const;
    bool operator==(const SmtpSettings &) const = default;

    static QString securityName(Security s); // "starttls", "tls", "none"
    static std::optional<Security> securityFromName(const QString &name);
};

} // namespace airm
