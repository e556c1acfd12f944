#include "mocksmtpserver.h"

#include <QSslSocket>

namespace airm::test {

class MockSmtpSession : public QObject
{
public:
    MockSmtpSession(MockSmtpServer *server, QSslSocket *socket)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        connect(socket, &QSslSocket::readyRead, this, &MockSmtpSession::onReadyRead);
        connect(socket, &QSslSocket::disconnected, this, &QObject::deleteLater);
        connect(socket, &QSslSocket::encrypted, this, [this] { m_message.tls = true; });
        if (!server->m_silent) reply("220 mock.smtp ESMTP ready");
    }

private:
    enum class State { Command, AuthLoginUser, AuthLoginPassword, Data };

    void reply(const QByteArray &line) { m_socket->write(line + "\r\n"); }

    void onReadyRead()
    {
        m_buffer += m_socket->readAll();
        qsizetype end;
        while ((end = m_buffer.indexOf("\r\n")) >= 0) {
            const QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + 2);
            if (m_state == State::Data) {
                dataLine(line);
                continue;
            }
            if (!command(line)) return;
        }
    }

    void dataLine(const QByteArray &line)
    {
        if (line == ".") {
            m_state = State::Command;
            if (const QByteArray failure = m_server->takeFailure("MESSAGE"); !failure.isEmpty()) {
                reply(failure);
                return;
            }
            m_server->m_messages << m_message;
            emit m_server->messageReceived(m_message);
            reply("250 2.0.0 queued");
            m_message = MockSmtpServer::Message{
                {},           {}, {}, m_message.authUser, m_message.authPassword, m_message.authMechanism,
                m_message.tls};
            return;
        }
        m_message.data += (line.startsWith("..") ? line.mid(1) : line) + "\r\n";
    }

    bool command(const QByteArray &line)
    {
        if (m_state == State::AuthLoginUser) {
            m_message.authUser = QString::fromUtf8(QByteArray::fromBase64(line));
            m_state = State::AuthLoginPassword;
            reply("334 UGFzc3dvcmQ6");
            return true;
        }
        if (m_state == State::AuthLoginPassword) {
            m_message.authPassword = QString::fromUtf8(QByteArray::fromBase64(line));
            m_state = State::Command;
            finishAuth(QStringLiteral("LOGIN"));
            return true;
        }
        const QByteArray verb = line.left(line.indexOf(' ') < 0 ? line.size() : line.indexOf(' ')).toUpper();
        if (const QByteArray failure = m_server->takeFailure(verb); !failure.isEmpty()) {
            reply(failure);
            return true;
        }
        if (verb == "EHLO" || verb == "HELO") {
            QList<QByteArray> lines{"250-mock.smtp"};
            if (!m_server->m_certificate.isNull() && !m_socket->isEncrypted()) lines << "250-STARTTLS";
            if (!m_server->m_mechanisms.isEmpty()) lines << "250-AUTH " + m_server->m_mechanisms.toUtf8();
            lines << "250 8BITMIME";
            for (const QByteArray &l : lines)
                reply(l);
        } else if (verb == "STARTTLS") {
            if (m_server->m_certificate.isNull() || m_socket->isEncrypted()) {
                reply("502 5.5.1 not offered");
                return true;
            }
            reply("220 2.0.0 go ahead");
            m_socket->setLocalCertificate(m_server->m_certificate);
            m_socket->setPrivateKey(m_server->m_key);
            m_buffer.clear();
            m_socket->startServerEncryption();
        } else if (verb == "AUTH") {
            const QList<QByteArray> parts = line.split(' ');
            const QByteArray mechanism = parts.value(1).toUpper();
            if (mechanism == "PLAIN" && parts.size() >= 3) {
                const QList<QByteArray> fields = QByteArray::fromBase64(parts.at(2)).split('\0');
                m_message.authUser = QString::fromUtf8(fields.value(1));
                m_message.authPassword = QString::fromUtf8(fields.value(2));
                finishAuth(QStringLiteral("PLAIN"));
            } else if (mechanism == "LOGIN") {
                m_state = State::AuthLoginUser;
                reply("334 VXNlcm5hbWU6");
            } else {
                reply("504 5.5.4 mechanism not supported");
            }
        } else if (verb == "MAIL") {
            m_message.mailFrom = QString::fromUtf8(between(line));
            reply("250 2.1.0 ok");
        } else if (verb == "RCPT") {
            m_message.rcptTo << QString::fromUtf8(between(line));
            reply("250 2.1.5 ok");
        } else if (verb == "DATA") {
            m_state = State::Data;
            reply("354 end with <CRLF>.<CRLF>");
        } else if (verb == "QUIT") {
            if (m_server->m_closeOnQuit) {
                m_socket->abort();
                return false;
            }
            reply("221 2.0.0 bye");
            m_socket->disconnectFromHost();
            return false;
        } else {
            reply("500 5.5.2 unknown command");
        }
        return true;
    }

    void finishAuth(const QString &mechanism)
    {
        m_message.authMechanism = mechanism;
        if (m_server->m_checkCredentials &&
            (m_message.authUser != m_server->m_user || m_message.authPassword != m_server->m_password)) {
            reply("535 5.7.8 authentication failed");
            return;
        }
        reply("235 2.7.0 authenticated");
    }

    static QByteArray between(const QByteArray &line)
    {
        const qsizetype open = line.indexOf('<');
        const qsizetype close = line.indexOf('>', open);
        return open >= 0 && close > open ? line.mid(open + 1, close - open - 1) : QByteArray();
    }

    MockSmtpServer *m_server;
    QSslSocket *m_socket;
    QByteArray m_buffer;
    State m_state = State::Command;
    MockSmtpServer::Message m_message;
};

MockSmtpServer::MockSmtpServer(QObject *parent)
    : QTcpServer(parent)
{}

MockSmtpServer::~MockSmtpServer() = default;

quint16 MockSmtpServer::listenOnLoopback()
{
    return listen(QHostAddress::LocalHost, 0) ? serverPort() : 0;
}

void MockSmtpServer::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_certificate = certificate;
    m_key = key;
}

void MockSmtpServer::setCredentials(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
    m_checkCredentials = true;
}

void MockSmtpServer::failNext(const QByteArray &verb, const QByteArray &reply, int times)
{
    for (int i = 0; i < times; ++i)
        m_failures[verb.toUpper()] << reply;
}

QByteArray MockSmtpServer::takeFailure(const QByteArray &verb)
{
    const auto it = m_failures.find(verb);
    if (it == m_failures.end() || it->isEmpty()) return {};
    return it->takeFirst();
}

void MockSmtpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    ++m_connections;
    new MockSmtpSession(this, socket);
}

} // namespace airm::test
