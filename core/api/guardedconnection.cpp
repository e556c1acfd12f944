#include "guardedconnection.h"

#include "httpexchange.h"
#include "httpguard.h"
#include "transport/socketwrite.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace airm {
namespace {

constexpr qint64 kMaxChunkLineBytes = 1024;

// The method as a metrics label: any token is a valid method, so unknown ones share one label rather than
// letting a client grow the statistics without bound.
QByteArray methodLabel(const QByteArray &method)
{
    static const QByteArrayList known{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    return known.contains(method) ? method : QByteArrayLiteral("OTHER");
}

} // namespace

GuardedConnection::GuardedConnection(qintptr descriptor, HttpGuard *guard)
    : QObject(guard)
    , m_guard(guard)
    , m_socket(new QTcpSocket(this))
{
    if (!m_socket->setSocketDescriptor(descriptor)) {
        m_done = true;
        return;
    }
    m_socket->setReadBufferSize(guard->config().readBufferBytes);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_lastActivityMs = guard->nowMs();
    connect(m_socket, &QTcpSocket::readyRead, this, &GuardedConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &GuardedConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_closing && !m_writeShut && m_socket && m_socket->bytesToWrite() == 0) shutdownWrite();
    });
}

GuardedConnection::~GuardedConnection() = default;

bool GuardedConnection::isOpen() const
{
    return !m_done && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool GuardedConnection::isWaitingFor(quint64 serial) const
{
    return !m_done && m_inFlight && serial == m_serial && !m_closing;
}

void GuardedConnection::onReadyRead()
{
    if (m_done || m_handedOver) return;
    m_lastActivityMs = m_guard->nowMs();
    for (;;) {
        bool progressed = false;
        switch (m_in) {
        case In::Head:
            progressed = readHead();
            break;
        case In::Body:
            progressed = readBody();
            break;
        case In::ChunkSize:
        case In::ChunkData:
        case In::ChunkDataEnd:
        case In::Trailer:
            progressed = readChunked();
            break;
        case In::Stopped:
            // Nothing more is read after a final answer; input is drained so the close is not a reset.
            if (m_socket) m_socket->skip(m_socket->bytesAvailable());
            return;
        }
        if (!progressed || m_handedOver || m_done) break;
    }
}

bool GuardedConnection::readHead()
{
    // RFC 9112 2.2: empty lines before a request line are ignored.
    while (m_socket->bytesAvailable() >= 2 && m_headScanned == 0) {
        char crlf[2];
        if (m_socket->peek(crlf, 2) != 2 || crlf[0] != '\r' || crlf[1] != '\n') break;
        m_socket->skip(2);
    }
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0) return false;
    if (m_requestStartedMs < 0) m_requestStartedMs = m_guard->nowMs();
    const qint64 limit = m_guard->config().maxHeaderBytes;
    QByteArray buffer = m_socket->peek(std::min(available, limit + 1));
    const qsizetype end = buffer.indexOf("\r\n\r\n", std::max<qsizetype>(0, m_headScanned - 3));
    if (end < 0) {
        // The request line is checked as soon as it is complete, so garbage is refused early.
        const qsizetype lineEnd = buffer.indexOf('\n');
        if (lineEnd >= 0 && (lineEnd == 0 || buffer.at(lineEnd - 1) != '\r' ||
                             !RequestHead::isValidRequestLine(buffer.constData(), lineEnd - 1))) {
            reject(400, "malformed request line");
            return false;
        }
        if (buffer.size() > limit) {
            ++m_guard->stats().headTooLarge;
            reject(431, "request head larger than " + QByteArray::number(limit) + " bytes");
            return false;
        }
        m_headScanned = buffer.size();
        return false;
    }
    const qsizetype headSize = end + 4;
    m_headScanned = 0;
    if (headSize > limit) {
        ++m_guard->stats().headTooLarge;
        reject(431, "request head larger than " + QByteArray::number(limit) + " bytes");
        return false;
    }
    RequestHead head;
    int status = 0;
    QByteArray reason;
    if (!RequestHead::parse(buffer.constData(), headSize, &head, &status, &reason)) {
        reject(status, reason);
        return false;
    }
    const qint64 maxBody = m_guard->config().maxBodyBytes;
    if (head.contentLength > maxBody) {
        ++m_guard->stats().bodyTooLarge;
        reject(413, "request body larger than " + QByteArray::number(maxBody) + " bytes", head.method);
        return false;
    }

    const HttpHandler::Decision decision = m_guard->handler()->decide(head, m_socket->peerAddress());
    switch (decision.action) {
    case HttpHandler::Decision::Action::UpgradeWebSocket: {
        if (m_inFlight || !m_queue.empty()) {
            reject(400, "a WebSocket upgrade must not be pipelined", head.method);
            return false;
        }
        // The upgrade request is still unread in the socket: the WebSocket server reads it from there.
        m_handedOver = true;
        m_done = true;
        ++m_guard->stats().webSockets;
        QTcpSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->setParent(nullptr);
        m_guard->connectionClosed(this);
        m_guard->handler()->acceptWebSocket(socket, head);
        deleteLater();
        return false;
    }
    case HttpHandler::Decision::Action::Respond: {
        m_socket->skip(headSize);
        m_requestStartedMs = -1;
        // A body that would follow is not read: the answer closes the connection instead. So does a refused
        // upgrade, which a WebSocket client would otherwise keep waiting on.
        const bool close = head.closeRequested || head.hasBody() || head.upgradeWebSocket;
        Pending p;
        p.deliver = false;
        p.method = head.method;
        p.bytes = HttpGuard::response(decision.status, decision.contentType, decision.body, close,
                                      decision.responseHeaders, {}, head.method == "HEAD");
        p.close = close;
        if (close) m_in = In::Stopped;
        enqueue(std::move(p));
        return !close;
    }
    case HttpHandler::Decision::Action::Pass:
        break;
    }

    m_socket->skip(headSize);
    m_head = std::move(head);
    m_extraHeaders = decision.responseHeaders;
    m_body.clear();
    if (m_head.expectContinue && m_head.hasBody() && !m_inFlight && m_queue.empty())
        writeOut(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    if (m_head.chunked) {
        m_in = In::ChunkSize;
        m_lineBuffer.clear();
    } else if (m_head.contentLength > 0) {
        m_in = In::Body;
        m_remaining = m_head.contentLength;
        m_body.reserve(m_head.contentLength);
    } else {
        finishRequest();
    }
    return true;
}

bool GuardedConnection::readBody()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0) return false;
    const qint64 n = std::min(available, m_remaining);
    const qsizetype old = m_body.size();
    m_body.resize(old + n);
    const qint64 got = m_socket->read(m_body.data() + old, n);
    m_body.resize(old + std::max<qint64>(0, got));
    if (got <= 0) return false;
    m_remaining -= got;
    if (m_remaining == 0) {
        if (m_in == In::Body)
            finishRequest();
        else
            m_in = In::ChunkDataEnd;
    }
    return true;
}

bool GuardedConnection::readChunked()
{
    const qint64 maxBody = m_guard->config().maxBodyBytes;
    switch (m_in) {
    case In::ChunkData:
        return readBody();
    case In::ChunkDataEnd: {
        if (m_socket->bytesAvailable() < 2) return false;
        char crlf[2];
        m_socket->read(crlf, 2);
        if (crlf[0] != '\r' || crlf[1] != '\n') {
            reject(400, "malformed chunked body", m_head.method);
            return false;
        }
        m_in = In::ChunkSize;
        return true;
    }
    case In::ChunkSize:
    case In::Trailer: {
        if (!m_socket->canReadLine()) {
            if (m_socket->bytesAvailable() > kMaxChunkLineBytes) {
                reject(400, "chunk line too long", m_head.method);
                return false;
            }
            return false;
        }
        const QByteArray line = m_socket->readLine(kMaxChunkLineBytes + 2);
        if (!line.endsWith("\r\n")) {
            reject(400, "malformed chunked body", m_head.method);
            return false;
        }
        if (m_in == In::Trailer) {
            m_lineBuffer += line;
            if (m_lineBuffer.size() > m_guard->config().maxHeaderBytes) {
                ++m_guard->stats().headTooLarge;
                reject(431, "request trailers too large", m_head.method);
                return false;
            }
            if (line == "\r\n") finishRequest();
            return true;
        }
        QByteArray sizeText = line.left(line.size() - 2);
        const qsizetype semicolon = sizeText.indexOf(';');
        if (semicolon >= 0) sizeText.truncate(semicolon);
        sizeText = sizeText.trimmed();
        bool ok = !sizeText.isEmpty() && sizeText.size() <= 15;
        const qint64 size = ok ? sizeText.toLongLong(&ok, 16) : -1;
        if (!ok || size < 0) {
            reject(400, "malformed chunk size", m_head.method);
            return false;
        }
        if (m_body.size() + size > maxBody) {
            ++m_guard->stats().bodyTooLarge;
            reject(413, "request body larger than " + QByteArray::number(maxBody) + " bytes", m_head.method);
            return false;
        }
        if (size == 0) {
            m_in = In::Trailer;
            m_lineBuffer.clear();
        } else {
            m_in = In::ChunkData;
            m_remaining = size;
        }
        return true;
    }
    case In::Head:
    case In::Body:
    case In::Stopped:
        break;
    }
    return false;
}

void GuardedConnection::finishRequest()
{
    Pending p;
    p.method = m_head.method;
    p.close = m_head.closeRequested;
    p.extraHeaders = std::move(m_extraHeaders);
    p.receivedAtMs = m_guard->nowMs();
    p.head = std::move(m_head);
    p.body = std::move(m_body);
    m_head = RequestHead();
    m_body = QByteArray();
    m_requestStartedMs = -1;
    m_in = p.close ? In::Stopped : In::Head; // nothing after Connection: close is read
    enqueue(std::move(p));
}

void GuardedConnection::reject(int status, const QByteArray &reason, const QByteArray &method)
{
    if (status == 400) ++m_guard->stats().malformed;
    Pending p;
    p.deliver = false;
    p.bytes = HttpGuard::errorResponse(status, reason, true);
    p.close = true;
    p.method = method.isEmpty() ? QByteArrayLiteral("UNKNOWN") : method;
    m_in = In::Stopped;
    if (m_socket) m_socket->skip(m_socket->bytesAvailable());
    enqueue(std::move(p));
}

void GuardedConnection::enqueue(Pending pending)
{
    m_queue.push_back(std::move(pending));
    pump();
}

void GuardedConnection::pump()
{
    if (m_done || m_closing || m_delivering) return;
    while (!m_inFlight) {
        if (m_closeAfterAnswer) {
            startClose();
            return;
        }
        if (m_queue.empty()) return;
        Pending p = std::move(m_queue.front());
        m_queue.pop_front();
        if (!p.deliver) {
            writeOut(p.bytes);
            m_guard->stats().responses[{methodLabel(p.method), p.bytes.mid(9, 3).toInt()}] += 1;
            if (m_socket && m_socket->bytesToWrite() > 0) m_socket->flush();
            if (p.close) m_closeAfterAnswer = true;
            continue;
        }
        m_inFlight = true;
        m_inFlightSinceMs = m_guard->nowMs();
        ++m_serial;
        m_currentMethod = p.method;
        m_currentHeaders = std::move(p.extraHeaders);
        m_currentClose = p.close;
        auto exchange = std::make_shared<HttpExchange>(this, m_serial, std::move(p.head), std::move(p.body),
                                                       m_socket->peerAddress(), p.receivedAtMs);
        m_delivering = true;
        m_guard->handler()->handle(exchange);
        exchange.reset(); // an exchange nobody kept answers now (see ~HttpExchange)
        m_delivering = false;
        if (m_done) return;
    }
}

void GuardedConnection::schedulePump()
{
    if (m_pumpQueued || (m_queue.empty() && !m_closeAfterAnswer)) return;
    m_pumpQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpQueued = false;
            pump();
        },
        Qt::QueuedConnection);
}

void GuardedConnection::answer(quint64 serial, int status, const QByteArray &contentType,
                               const QByteArray &body, const HeaderList &headers)
{
    if (m_done || !m_inFlight || serial != m_serial || !m_socket) return;
    if (m_currentClose) m_closeAfterAnswer = true;
    writeOut(HttpGuard::response(status, contentType, body, m_closeAfterAnswer, headers, m_currentHeaders,
                                 m_currentMethod == "HEAD"));
    answerComplete(status);
}

void GuardedConnection::answerComplete(int status)
{
    m_inFlight = false;
    m_guard->stats().responses[{methodLabel(m_currentMethod), status}] += 1;
    m_lastActivityMs = m_guard->nowMs();
    if (m_socket && m_socket->bytesToWrite() > 0) m_socket->flush();
    if (!m_delivering) schedulePump();
}

void GuardedConnection::writeOut(const QByteArray &bytes)
{
    if (!m_socket || m_writeShut || bytes.isEmpty()) return;
    writeNow(m_socket, bytes);
}

void GuardedConnection::startClose()
{
    if (m_closing || m_done || !m_socket) return;
    m_closing = true;
    m_closingSinceMs = m_guard->nowMs();
    m_in = In::Stopped;
    m_queue.clear();
    m_socket->skip(m_socket->bytesAvailable());
    m_socket->flush();
    if (m_socket->bytesToWrite() == 0) shutdownWrite();
}

void GuardedConnection::shutdownWrite()
{
    // Half-close and drain: closing with unread input would reset the connection and could destroy the answer
    // before the client reads it (a 413 sent while the client is still uploading, for example).
    m_writeShut = true;
#ifdef Q_OS_UNIX
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) == 0) return;
#endif
    m_socket->disconnectFromHost();
}

void GuardedConnection::checkTimeouts(qint64 nowMs)
{
    if (m_done || !m_socket) return;
    const GuardConfig &config = m_guard->config();
    if (m_closing) {
        if (nowMs - m_closingSinceMs > config.lingerMs) abort();
        return;
    }
    if (m_inFlight && nowMs - m_inFlightSinceMs > config.maxAnswerMs) {
        ++m_guard->stats().timedOut; // a handler lost its exchange; nothing more can come on this connection
        abort();
        return;
    }
    if (m_inFlight || !m_queue.empty()) return; // an answer is being prepared; the API bounds that itself
    const bool partial = m_in != In::Head || m_socket->bytesAvailable() > 0;
    if (partial) {
        if (m_requestStartedMs >= 0 && nowMs - m_requestStartedMs > config.idleTimeoutMs) {
            ++m_guard->stats().timedOut;
            reject(408, "request not received within " + QByteArray::number(config.idleTimeoutMs) + " ms");
        }
        return;
    }
    if (nowMs - m_lastActivityMs > config.idleTimeoutMs) {
        ++m_guard->stats().timedOut;
        startClose();
    }
}

void GuardedConnection::abort()
{
    if (m_done || !m_socket) return;
    m_socket->abort(); // emits disconnected when it was connected
    if (!m_done) onDisconnected();
}

void GuardedConnection::onDisconnected()
{
    if (m_done) return;
    m_done = true;
    m_queue.clear();
    m_guard->connectionClosed(this);
    deleteLater();
}

} // namespace airm
