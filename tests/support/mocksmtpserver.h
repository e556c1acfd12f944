// A small SMTP server on 127.0.0.1 for the e-mail alert channel's tests: EHLO with STARTTLS (when given a
// certificate and key) and AUTH PLAIN/LOGIN, MAIL FROM, RCPT TO, DATA (dot-stuffing undone), QUIT. It can
// refuse a command with a given reply a number of times, never greet (a hung server), and records what it
// received. Thread affinity: create, use and destroy on one thread, which then serves.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>
#include <QTcpServer>

namespace airm::test {

class MockSmtpServer final : public QTcpServer
{
    Q_OBJECT
public:
    struct Message
    {
        QString mailFrom;
        QStringList rcptTo;
        QByteArray data; // as sent after DATA, without the final dot line and with dot-stuffing undone
        QString authUser;
        QString authPassword;
        QString authMechanism; // "PLAIN", "LOGIN" or empty
        bool tls = false;      // the message came over an encrypted connection
    };

    explicit MockSmtpServer(QObject *parent = nullptr);
    ~MockSmtpServer() override;

    // Listens on 127.0.0.1 with a port the system picks; returns it, or 0 on failure.
    quint16 listenOnLoopback();

    // Offer STARTTLS with this certificate and key.
    void setTls(const QSslCertificate &certificate, const QSslKey &key);
    // The AUTH mechanisms EHLO offers (default "PLAIN LOGIN"; empty offers none).
    void setAuthMechanisms(const QString &mechanisms) { m_mechanisms = mechanisms; }
    // When set, AUTH with other credentials gets 535.
    void setCredentials(const QString &user, const QString &password);
    // The next `times` commands starting with `verb` (MAIL, RCPT, DATA, AUTH, EHLO; "MESSAGE" for the end of
    // the data) are answered with `reply` ("451 4.3.0 try later") instead.
    void failNext(const QByteArray &verb, const QByteArray &reply, int times = 1);
    // Accept connections but never greet.
    void setSilent(bool silent) { m_silent = silent; }
    // Close the connection on QUIT without the 221 answer (as some servers do).
    void setCloseOnQuit(bool close) { m_closeOnQuit = close; }

    QList<Message> messages() const { return m_messages; }
    int connectionCount() const { return m_connections; }

signals:
    void messageReceived(const airm::test::MockSmtpServer::Message &message);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class MockSmtpSession;
    QByteArray takeFailure(const QByteArray &verb);

    QSslCertificate m_certificate;
    QSslKey m_key;
    QString m_mechanisms = QStringLiteral("PLAIN LOGIN");
    QString m_user;
    QString m_password;
    bool m_checkCredentials = false;
    bool m_silent = false;
    bool m_closeOnQuit = false;
    QHash<QByteArray, QList<QByteArray>> m_failures;
    QList<Message> m_messages;
    int m_connections = 0;
};

} // namespace airm::test
