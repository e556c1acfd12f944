#include "http1connection.h"

#include "socketwrite.h"

#include <QTcpSocket>

namespace airm {
namespace {

// Bytes read off the socket per step.
constexpr qint64 kReadChunkBytes = 64 << 10;

TransportError transportError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return TransportError::ConnectionRefused;
    case QAbstractSocket::RemoteHostClosedError:
    case QAbstractSocket::ProxyConnectionClosedError:
        return TransportError::ConnectionReset;
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::ProxyNotFoundError:
        return TransportError::HostNotFound;
    case QAbstractSocket::SocketTimeoutError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return TransportError::Timeout;
    case QAbstractSocket::SslHandshakeFailedError:
        return TransportError::Tls;
    default:
        return TransportError::Other;
    }
}

} // namespace

struct Http1Connection::HandlingScope
{
    explicit HandlingScope(Http1Connection *c)
        : connection(c)
    {
        ++connection->m_handling;
    }
    ~HandlingScope() { --connection->m_handling; }
    Http1Connection *connection;
};

Http1Connection::Http1Connection(Owner *owner, QString host, quint16 port, qsizetype maxHeadBytes,
                                 QObject *parent)
    : QObject(parent)
    , m_owner(owner)
    , m_socket(new QTcpSocket(this))
    , m_host(std::move(host))
    , m_port(port)
    , m_parser(maxHeadBytes)
{
    connect(m_socket, &QTcpSocket::connected, this, &Http1Connection::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &Http1Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &Http1Connection::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &Http1Connection::onDisconnected);
}

Http1Connection::~Http1Connection()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void Http1Connection::open()
{
    // connectToHost() can fail (or succeed) before it returns and emit on the spot; the owner is in the
    // middle of send() then, so whatever happens is handled from the event loop instead.
    m_socket->blockSignals(true);
    m_socket->connectToHost(m_host, m_port);
    m_socket->blockSignals(false);
    const QAbstractSocket::SocketState state = m_socket->state();
    if (state == QAbstractSocket::ConnectedState) {
        QMetaObject::invokeMethod(this, &Http1Connection::onConnected, Qt::QueuedConnection);
    } else if (state == QAbstractSocket::UnconnectedState) {
        const QAbstractSocket::SocketError error = m_socket->error();
        QMetaObject::invokeMethod(
            this, [this, error] { onSocketError(error); }, Qt::QueuedConnection);
    }
}

void Http1Connection::start(QByteArray request, bool headRequest)
{
    m_parser.reset(headRequest);
    if (m_state == State::Connecting) {
        m_pending = std::move(request);
        return;
    }
    Q_ASSERT(m_state == State::Idle);
    m_state = State::Busy;
    writeNow(m_socket, request);
    // Send now rather than on the next event-loop turn. A write error found here is reported from the
    // event loop, as the owner is in the middle of send().
    m_socket->blockSignals(true);
    m_socket->flush();
    m_socket->blockSignals(false);
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        const QAbstractSocket::SocketError error = m_socket->error();
        QMetaObject::invokeMethod(
            this, [this, error] { onSocketError(error); }, Qt::QueuedConnection);
    }
}

void Http1Connection::detach()
{
    if (m_state == State::Connecting) {
        m_pending.clear();
        return;
    }
    if (m_state == State::Busy) shutdown();
}

void Http1Connection::close()
{
    shutdown();
}

void Http1Connection::shutdown()
{
    m_state = State::Closed;
    m_pending.clear();
    m_socket->disconnect(this);
    m_socket->abort();
}

void Http1Connection::onConnected()
{
    const HandlingScope scope(this);
    if (m_state != State::Connecting) return;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    m_state = State::Idle;
    if (m_pending.isEmpty()) {
        m_owner->connectionIdle(this);
        return;
    }
    // start() reset the parser when the request was handed over.
    m_state = State::Busy;
    writeNow(m_socket, std::exchange(m_pending, QByteArray()));
    m_socket->flush();
}

void Http1Connection::onReadyRead()
{
    const HandlingScope scope(this);
    if (m_state == State::Busy) {
        readAvailable();
    } else if (m_state == State::Idle && m_socket->bytesAvailable() > 0) {
        lose(); // bytes nobody asked for: the stream is out of step
    }
}

void Http1Connection::readAvailable()
{
    while (m_state == State::Busy) {
        const qint64 available = std::min(m_socket->bytesAvailable(), kReadChunkBytes);
        if (available <= 0) return;
        if (m_readBuffer.size() < available) m_readBuffer.resize(available);
        const qint64 n = m_socket->read(m_readBuffer.data(), available);
        if (n <= 0) return;
        qsizetype consumed = 0;
        switch (m_parser.feed(QByteArrayView(m_readBuffer.constData(), n), &consumed)) {
        case Http1ResponseParser::State::Incomplete:
            break;
        case Http1ResponseParser::State::Error:
            fail(TransportError::Other, QStringLiteral("Malformed HTTP response: %1")
                                            .arg(QString::fromLatin1(m_parser.errorString())));
            return;
        case Http1ResponseParser::State::Complete:
            // Bytes after the answer, or a request not fully sent: the stream is out of step, so it closes.
            finishResponse(m_parser.keepAlive() && consumed == n && m_socket->bytesAvailable() == 0 &&
                           m_socket->bytesToWrite() == 0 &&
                           m_socket->state() == QAbstractSocket::ConnectedState);
            return;
        }
    }
}

void Http1Connection::finishResponse(bool reusable)
{
    HttpResponse response;
    response.status = m_parser.status();
    response.headers = m_parser.takeHeaders();
    response.body = m_parser.takeBody();
    ++m_served;
    if (reusable)
        m_state = State::Idle;
    else
        shutdown();
    m_owner->exchangeFinished(this, std::move(response), reusable);
}

void Http1Connection::fail(TransportError error, const QString &message)
{
    shutdown();
    HttpResponse response;
    response.error = error;
    response.errorString = message;
    m_owner->exchangeFinished(this, std::move(response), false);
}

void Http1Connection::lose()
{
    shutdown();
    m_owner->connectionLost(this);
}

void Http1Connection::onDisconnected()
{
    onSocketError(QAbstractSocket::RemoteHostClosedError);
}

void Http1Connection::onSocketError(QAbstractSocket::SocketError error)
{
    const HandlingScope scope(this);
    if (m_state == State::Closed) return;
    if (error == QAbstractSocket::RemoteHostClosedError && m_state == State::Busy) {
        // What arrived before the end of the stream may complete the answer (a body framed by the close).
        readAvailable();
        if (m_state != State::Busy) return;
        if (m_parser.finishAtEof() == Http1ResponseParser::State::Complete) {
            finishResponse(false);
            return;
        }
    }
    const bool carriesRequest =
        m_state == State::Busy || (m_state == State::Connecting && !m_pending.isEmpty());
    if (!carriesRequest) {
        lose();
        return;
    }
    // The messages are QNetworkAccessManager's for the same events, so logs and alerts read the same.
    QString message;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        message = QStringLiteral("Connection refused");
        break;
    case QAbstractSocket::RemoteHostClosedError:
        message = QStringLiteral("Connection closed");
        break;
    case QAbstractSocket::HostNotFoundError:
        message = QStringLiteral("Host %1 not found").arg(m_host);
        break;
    default:
        message = m_socket->errorString();
        break;
    }
    fail(transportError(error), message);
}

} // namespace airm
