#include "httpguard.h"

#include "guardedconnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace airm {

HttpGuard::HttpGuard(GuardConfig config, HttpHandler *handler, QObject *parent)
    : QTcpServer(parent)
    , m_config(config)
    , m_handler(handler)
{
    m_clock.start();
    // A quarter of the timeout keeps the error under 25 %; the timer only runs while connections exist.
    m_sweepTimer.setInterval(int(std::clamp<qint64>(m_config.idleTimeoutMs / 4, 10, 5000)));
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpGuard::sweep);
    setMaxPendingConnections(m_config.maxConnections);
}

HttpGuard::~HttpGuard()
{
    closeAll();
}

void HttpGuard::incomingConnection(qintptr descriptor)
{
    if (int(m_connections.size()) >= m_config.maxConnections) {
        ++m_stats.rejectedBusy;
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        // Answer, half-close and drain what the client sends, so the answer is not lost to a reset.
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(errorResponse(503, "too many connections", true, {{"Retry-After", "1"}}));
        socket->flush();
#ifdef Q_OS_UNIX
        if (socket->bytesToWrite() > 0 || ::shutdown(int(socket->socketDescriptor()), SHUT_WR) != 0)
#endif
            socket->disconnectFromHost();
        QTimer::singleShot(m_config.lingerMs, socket, [socket] { socket->abort(); });
        return;
    }
    auto *connection = new GuardedConnection(descriptor, this);
    if (!connection->isOpen()) {
        delete connection;
        return;
    }
    m_connections.insert(connection);
    ++m_stats.accepted;
    if (!m_sweepTimer.isActive()) m_sweepTimer.start();
}

void HttpGuard::connectionClosed(GuardedConnection *connection)
{
    m_connections.remove(connection);
    if (m_connections.isEmpty()) m_sweepTimer.stop();
}

void HttpGuard::sweep()
{
    const qint64 now = nowMs();
    const QList<GuardedConnection *> connections = m_connections.values();
    for (GuardedConnection *c : connections)
        if (m_connections.contains(c)) c->checkTimeouts(now);
}

void HttpGuard::closeAll()
{
    const QList<GuardedConnection *> connections = m_connections.values();
    for (GuardedConnection *c : connections)
        if (m_connections.contains(c)) c->abort();
    m_connections.clear();
    m_sweepTimer.stop();
}

QByteArray HttpGuard::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

QByteArray HttpGuard::response(int status, const QByteArray &contentType, const QByteArray &body, bool close,
                               const HeaderList &headers, const HeaderList &moreHeaders, bool headOnly)
{
    QByteArray out;
    out.reserve(160 + contentType.size() + (headOnly ? 0 : body.size()));
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\n";
    if (!contentType.isEmpty()) {
        out += "Content-Type: ";
        out += contentType;
        out += "\r\n";
    }
    out += "Content-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n";
    for (const HeaderList *list : {&headers, &moreHeaders})
        for (const auto &h : *list) {
            out += h.first;
            out += ": ";
            out += h.second;
            out += "\r\n";
        }
    if (close) out += "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly) out += body;
    return out;
}

QByteArray HttpGuard::errorResponse(int status, const QByteArray &message, bool close,
                                    const HeaderList &headers)
{
    const QJsonObject o{{QStringLiteral("error"), QString::fromUtf8(reasonPhrase(status))},
                        {QStringLiteral("message"), QString::fromUtf8(message)},
                        {QStringLiteral("status"), status}};
    return response(status, "application/json", QJsonDocument(o).toJson(QJsonDocument::Compact), close,
                    headers);
}

} // namespace airm
