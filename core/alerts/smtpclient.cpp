#include "smtpclient.h"

#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QUuid>

namespace airm {
namespace {

constexpr int kMaxReplyBytes = 64 * 1024; // a server that talks without end is cut off

// RFC 2047 encoded-word for a header value that is not plain ASCII.
QByteArray headerText(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    bool ascii = true;
    for (const char c : utf8)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return utf8;
    return "=?UTF-8?B?" + utf8.toBase64() + "?=";
}

QByteArray wrapBase64(const QByteArray &data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        out += encoded.mid(i, 76) + "\r\n";
    return out;
}

// RFC 5321 section 4.5.2: a line that starts with a dot gets one more.
QByteArray dotStuffed(const QByteArray &message)
{
    QByteArray out = message.startsWith('.') ? "." + message : message;
    return out.replace("\r\n.", "\r\n..");
}

} // namespace

SmtpClient::SmtpClient(SmtpSettings settings, qint64 timeoutMs, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_socket(new QSslSocket(this))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(int(timeoutMs));
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("no answer from %1:%2 within %3 ms")
                 .arg(m_settings.host)
                 .arg(m_settings.port)
                 .arg(m_timeout.interval()),
             false);
    });
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpClient::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpClient::onEncrypted);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_done || m_step == Step::Done) return;
        if (m_step == Step::Quit) { // the server accepted the message; closing before 221 does not matter
            succeed();
            return;
        }
        fail(QStringLiteral("%1:%2: %3")
                 .arg(m_settings.host)
                 .arg(m_settings.port)
                 .arg(m_socket->errorString()),
             false);
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList text;
        for (const QSslError &e : errors)
            text << e.errorString();
        fail(QStringLiteral("TLS to %1 refused: %2").arg(m_settings.host, text.join(QLatin1String("; "))),
             true);
    });
    if (!m_settings.caFile.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(QSslCertificate::fromPath(m_settings.caFile));
        m_socket->setSslConfiguration(tls);
    }
}

SmtpClient::~SmtpClient()
{
    m_done = true;
    m_socket->disconnect(this);
    m_socket->abort();
}

QByteArray SmtpClient::composeMessage(const SmtpSettings &settings, const QString &subject,
                                      const QString &body, qint64 nowMs)
{
    QString cleanSubject = subject;
    cleanSubject.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    const QString domain = settings.from.section(QLatin1Char('@'), 1);
    QByteArray m;
    m += "From: AI Resilience Monitor <" + settings.from.toUtf8() + ">\r\n";
    m += "To: " + settings.to.join(QLatin1String(", ")).toUtf8() + "\r\n";
    m += "Subject: " + headerText(cleanSubject) + "\r\n";
    m += "Date: " + QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")).toUtf8() +
         " +0000\r\n";
    m += "Message-ID: <" + QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8() + "@" +
         (domain.isEmpty() ? QByteArray("airm.local") : domain.toUtf8()) + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: base64\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "\r\n";
    QString text = body;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"))
        .replace(QLatin1Char('\n'), QLatin1String("\r\n"));
    m += wrapBase64(text.toUtf8());
    return m;
}

void SmtpClient::send(const QString &subject, const QString &body)
{
    if (const QString problem = m_settings.validate(); !problem.isEmpty() || !m_settings.isEnabled()) {
        QMetaObject::invokeMethod(
            this,
            [this, problem] {
                fail(problem.isEmpty() ? QStringLiteral("no SMTP host configured") : problem, true);
            },
            Qt::QueuedConnection);
        return;
    }
    m_message = dotStuffed(composeMessage(m_settings, subject, body, QDateTime::currentMSecsSinceEpoch()));
    m_step = Step::Greeting;
    m_timeout.start();
    if (m_settings.security == SmtpSettings::Security::Tls)
        m_socket->connectToHostEncrypted(m_settings.host, quint16(m_settings.port));
    else
        m_socket->connectToHost(m_settings.host, quint16(m_settings.port));
}

void SmtpClient::onEncrypted()
{
    // Implicit TLS: the greeting follows on the encrypted connection. STARTTLS: EHLO again (RFC 3207).
    if (m_step == Step::StartTls) sendCommand("EHLO " + QByteArray("airm.local"), Step::EhloAgain);
}

void SmtpClient::onReadyRead()
{
    m_buffer += m_socket->readAll();
    if (m_buffer.size() > kMaxReplyBytes) {
        fail(QStringLiteral("%1 sent an overlong reply").arg(m_settings.host), false);
        return;
    }
    qsizetype end;
    while (!m_done && (end = m_buffer.indexOf("\r\n")) >= 0) {
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        bool ok = false;
        const int code = line.left(3).toInt(&ok);
        if (!ok || line.size() < 3 || (line.size() > 3 && line.at(3) != ' ' && line.at(3) != '-')) {
            fail(QStringLiteral("%1 does not speak SMTP: \"%2\"")
                     .arg(m_settings.host, QString::fromUtf8(line.left(80))),
                 true);
            return;
        }
        m_replyLines << QString::fromUtf8(line.mid(4));
        if (line.size() > 3 && line.at(3) == '-') continue; // more lines of the same reply follow
        const QStringList lines = std::exchange(m_replyLines, {});
        onReply(code, lines);
    }
}

void SmtpClient::sendCommand(const QByteArray &command, Step next)
{
    m_step = next;
    m_socket->write(command + "\r\n");
}

void SmtpClient::onReply(int code, const QStringList &lines)
{
    const auto expect = [&](int wanted) {
        if (code == wanted || (wanted == 250 && code == 251)) return true;
        fail(QStringLiteral("%1 answered %2 %3")
                 .arg(m_settings.host)
                 .arg(code)
                 .arg(lines.join(QLatin1Char(' '))),
             code >= 500);
        return false;
    };
    switch (m_step) {
    case Step::Greeting:
        if (expect(220)) sendCommand("EHLO airm.local", Step::Ehlo);
        return;
    case Step::Ehlo:
    case Step::EhloAgain:
        if (!expect(250)) return;
        m_extensions.clear();
        for (qsizetype i = 1; i < lines.size(); ++i)
            m_extensions << lines.at(i).toUpper();
        afterEhlo();
        return;
    case Step::StartTls:
        if (!expect(220)) return;
        m_buffer.clear(); // nothing may be read before the handshake (RFC 3207 section 4)
        m_socket->startClientEncryption();
        return;
    case Step::Auth: // the answer to AUTH PLAIN (with its credentials) or to AUTH LOGIN
        if (m_authLogin && code == 334) {
            sendCommand(m_settings.username.toUtf8().toBase64(), Step::AuthUser);
            return;
        }
        if (expect(235)) sendCommand("MAIL FROM:<" + m_settings.from.toUtf8() + ">", Step::MailFrom);
        return;
    case Step::AuthUser: // AUTH LOGIN: the answer to the user name asks for the password
        if (expect(334)) sendCommand(m_settings.password.toUtf8().toBase64(), Step::AuthPassword);
        return;
    case Step::AuthPassword:
        if (expect(235)) sendCommand("MAIL FROM:<" + m_settings.from.toUtf8() + ">", Step::MailFrom);
        return;
    case Step::MailFrom:
        if (!expect(250)) return;
        m_nextRecipient = 0;
        [[fallthrough]];
    case Step::RcptTo:
        if (m_step == Step::RcptTo && !expect(250)) return;
        if (m_nextRecipient < m_settings.to.size()) {
            sendCommand("RCPT TO:<" + m_settings.to.at(m_nextRecipient++).toUtf8() + ">", Step::RcptTo);
            return;
        }
        sendCommand("DATA", Step::Data);
        return;
    case Step::Data:
        if (!expect(354)) return;
        m_step = Step::Message;
        m_socket->write(m_message + ".\r\n");
        return;
    case Step::Message:
        if (expect(250)) sendCommand("QUIT", Step::Quit);
        return;
    case Step::Quit:
        succeed(); // the message was accepted already; the answer to QUIT does not matter
        return;
    case Step::Connect:
    case Step::Done:
        return;
    }
}

void SmtpClient::afterEhlo()
{
    const bool encrypted = m_socket->isEncrypted();
    if (m_settings.security == SmtpSettings::Security::StartTls && !encrypted) {
        if (!m_extensions.contains(QLatin1String("STARTTLS"))) {
            fail(QStringLiteral("%1 does not offer STARTTLS (set security to tls for port 465, or none for a "
                                "local relay without a password)")
                     .arg(m_settings.host),
                 true);
            return;
        }
        sendCommand("STARTTLS", Step::StartTls);
        return;
    }
    if (!m_settings.username.isEmpty()) {
        startAuth();
        return;
    }
    sendCommand("MAIL FROM:<" + m_settings.from.toUtf8() + ">", Step::MailFrom);
}

void SmtpClient::startAuth()
{
    QStringList mechanisms;
    for (const QString &extension : std::as_const(m_extensions))
        if (extension.startsWith(QLatin1String("AUTH ")) || extension.startsWith(QLatin1String("AUTH=")))
            mechanisms << extension.mid(5).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (mechanisms.contains(QLatin1String("PLAIN"))) {
        const QByteArray credentials = QByteArray(1, '\0') + m_settings.username.toUtf8() +
                                       QByteArray(1, '\0') + m_settings.password.toUtf8();
        sendCommand("AUTH PLAIN " + credentials.toBase64(), Step::Auth);
    } else if (mechanisms.contains(QLatin1String("LOGIN"))) {
        m_authLogin = true;
        sendCommand("AUTH LOGIN", Step::Auth);
    } else {
        fail(QStringLiteral("%1 offers no AUTH PLAIN or LOGIN (offers: %2)")
                 .arg(m_settings.host,
                      mechanisms.isEmpty() ? QStringLiteral("none") : mechanisms.join(QLatin1Char(' '))),
             true);
    }
}

bool SmtpClient::end(bool graceful)
{
    if (m_done) return false;
    m_done = true;
    m_step = Step::Done;
    m_timeout.stop();
    m_socket->disconnect(this);
    if (graceful)
        m_socket->disconnectFromHost();
    else
        m_socket->abort();
    return true;
}

void SmtpClient::fail(const QString &error, bool permanent)
{
    if (end(false)) emit finished(false, permanent, error);
}

void SmtpClient::succeed()
{
    if (end(true)) emit finished(true, false, QString());
}

} // namespace airm
