// Sends one e-mail to an SMTP server (RFC 5321): EHLO, STARTTLS or implicit TLS, AUTH PLAIN or LOGIN,
// MAIL FROM, RCPT TO, DATA, QUIT. The message is plain UTF-8 text (base64 body, RFC 2047 subject). The whole
// exchange is bounded by a timeout. A password never goes over an unencrypted connection to anything but a
// loopback address, and a server certificate is verified against the system's CAs (plus caFile when set).
// Thread affinity: the thread it was created on; finished() is emitted once, asynchronously.
#pragma once

#include "smtpsettings.h"

#include <QObject>
#include <QTimer>

class QSslSocket;

namespace airm {

class SmtpClient : public QObject
{
    Q_OBJECT
public:
    explicit SmtpClient(SmtpSettings settings, qint64 timeoutMs, QObject *parent = nullptr);
    ~SmtpClient() override;

    // Starts sending; finished() follows.
    void send(const QString &subject, const QString &body);

    // The message as it goes after DATA (headers, blank line, base64 body; dot-stuffing is not applied).
    static QByteArray composeMessage(const SmtpSettings &settings, const QString &subject,
                                     const QString &body, qint64 nowMs);

signals:
    // ok: the server accepted the message. permanent: retrying cannot help (a 5xx answer, a refused
    // certificate, a server without STARTTLS or AUTH when they are needed).
    void finished(bool ok, bool permanent, const QString &error);

private:
    enum class Step {
        Connect,
        Greeting,
        Ehlo,
        StartTls,
        EhloAgain,
        Auth,
        AuthUser,
        AuthPassword,
        MailFrom,
        RcptTo,
        Data,
        Message,
        Quit,
        Done
    };

    void onEncrypted();
    void onReadyRead();
    void onReply(int code, const QStringList &lines);
    void sendCommand(const QByteArray &command, Step next);
    void afterEhlo();
    void startAuth();
    // Stops the exchange once (false when it had already ended): closes politely or aborts.
    bool end(bool graceful);
    void fail(const QString &error, bool permanent);
    void succeed();

    SmtpSettings m_settings;
    QSslSocket *m_socket;
    QTimer m_timeout;
    Step m_step = Step::Connect;
    QByteArray m_buffer;
    QStringList m_replyLines;
    QStringList m_extensions; // from EHLO, upper case
    QByteArray m_message;
    int m_nextRecipient = 0;
    bool m_authLogin = false;
    bool m_done = false;
};

} // namespace airm
