#include "http1client.h"

#include <QTimerEvent>

#include <algorithm>
#include <chrono>

namespace airm {
namespace {

constexpr quint16 kDefaultHttpPort = 80;
// Idle connections are checked this many times per idle timeout.
constexpr qint64 kSweepsPerIdleTimeout = 4;

bool isHeader(const QByteArray &name, QByteArrayView wanted)
{
    return QByteArrayView(name).compare(wanted, Qt::CaseInsensitive) == 0;
}

} // namespace

Http1Client::Http1Client(Http1ClientConfig config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_sweepTimer(this) // a child, so moveToThread() takes it along
{
    m_config.maxConnectionsPerHost = std::max(1, m_config.maxConnectionsPerHost);
    m_clock.start();
    m_sweepTimer.setInterval(
        int(std::clamp<qint64>(m_config.idleTimeoutMs / kSweepsPerIdleTimeout, 1, 60'000)));
    connect(&m_sweepTimer, &QTimer::timeout, this, &Http1Client::sweepIdle);
}

Http1Client::~Http1Client()
{
    // Requests die without callbacks. A connection whose socket handler is on the stack (this client is being
    // destroyed from inside a callback) must outlive this call.
    for (Http1Connection *connection : std::as_const(m_connections)) {
        connection->close();
        if (connection->isHandlingEvent()) {
            connection->setParent(nullptr);
            connection->deleteLater();
        } else {
            delete connection;
        }
    }
}

bool Http1Client::handles(const QUrl &url)
{
    return url.isValid() && url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 &&
           !url.host().isEmpty();
}

QByteArray Http1Client::serialize(const HttpRequest &request)
{
    const QUrl &url = request.url;
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (!target.startsWith('/')) target.prepend('/');

    bool hasHost = false;
    bool hasUserAgent = false;
    qsizetype headerBytes = 0;
    for (const auto &[name, value] : request.headers) {
        hasHost = hasHost || isHeader(name, "host");
        hasUserAgent = hasUserAgent || isHeader(name, "user-agent");
        headerBytes += name.size() + value.size() + 4;
    }
    const QByteArray &method = request.method.isEmpty() ? QByteArrayLiteral("GET") : request.method;
    QByteArray out;
    out.reserve(method.size() + target.size() + headerBytes + request.body.size() + 128);
    out += method;
    out += ' ';
    out += target;
    out += " HTTP/1.1\r\n";
    if (!hasHost) {
        out += "Host: ";
        const QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
        if (host.contains(':')) // an IPv6 literal
            out += '[' + host + ']';
        else
            out += host;
        const int port = url.port(kDefaultHttpPort);
        if (port != kDefaultHttpPort) {
            out += ':';
            out += QByteArray::number(port);
        }
        out += "\r\n";
    }
    if (!hasUserAgent) out += "User-Agent: ai-resilience-monitor/" AIRM_VERSION "\r\n";
    for (const auto &[name, value] : request.headers) {
        // Framing is this client's business: the body goes out whole, with its length.
        if (isHeader(name, "content-length") || isHeader(name, "transfer-encoding")) continue;
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    if (!request.body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        out += "Content-Length: ";
        out += QByteArray::number(request.body.size());
        out += "\r\n";
    }
    out += "\r\n";
    out += request.body;
    return out;
}

Http1Client::RequestId Http1Client::send(const HttpRequest &request, Callback done)
{
    const RequestId id = m_nextId++;
    Request &r = m_requests[id];
    r.done = std::move(done);
    if (m_config.requestTimeoutMs > 0) {
        r.timerId = startTimer(std::chrono::milliseconds(m_config.requestTimeoutMs), Qt::PreciseTimer);
        m_timers.insert(r.timerId, id);
    }
    if (!handles(request.url)) {
        failLater(id, TransportError::Other,
                  QStringLiteral("Unsupported URL for HTTP/1.1: %1")
                      .arg(request.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
        return id;
    }
    r.key = {request.url.host(), quint16(request.url.port(kDefaultHttpPort))};
    r.bytes = serialize(request);
    r.head = request.method == "HEAD";
    dispatch(id, r, false);
    return id;
}

void Http1Client::dispatch(RequestId id, Request &request, bool retry)
{
    Pool &pool = m_pools[request.key];
    if (retry) {
        // The connection that failed had been idle; the other idle ones probably went stale the same way.
        if (pool.connections >= m_config.maxConnectionsPerHost && !pool.idle.isEmpty()) {
            Http1Connection *oldest = pool.idle.takeFirst();
            oldest->close();
            forget(oldest, pool);
        }
    } else if (!pool.idle.isEmpty()) {
        assign(pool.idle.takeLast(), id, request);
        return;
    }
    if (pool.connections < m_config.maxConnectionsPerHost) {
        assign(openConnection(request.key, pool), id, request);
        return;
    }
    request.queued = true;
    if (retry)
        pool.waiting.push_front(id);
    else
        pool.waiting.push_back(id);
}

void Http1Client::assign(Http1Connection *connection, RequestId id, Request &request)
{
    request.connection = connection;
    request.queued = false;
    connection->setTag(id);
    connection->start(request.bytes, request.head);
}

Http1Connection *Http1Client::openConnection(const HostKey &key, Pool &pool)
{
    auto *connection = new Http1Connection(this, key.first, key.second, m_config.maxHeadBytes, this);
    ++pool.connections;
    m_connections.insert(connection);
    connection->open();
    return connection;
}

void Http1Client::forget(Http1Connection *connection, Pool &pool)
{
    --pool.connections;
    m_connections.remove(connection);
    // Often called from the connection's own socket handler; unparented so that this client's destruction
    // (a callback may cause it) cannot delete it while that handler is still on the stack.
    connection->setParent(nullptr);
    connection->deleteLater();
}

void Http1Client::release(Http1Connection *connection)
{
    const HostKey key(connection->host(), connection->port());
    Pool &pool = m_pools[key];
    connection->setTag(0);
    while (!pool.waiting.empty()) {
        const RequestId id = pool.waiting.front();
        pool.waiting.pop_front();
        const auto it = m_requests.find(id);
        if (it == m_requests.end()) continue;
        assign(connection, id, *it);
        return;
    }
    connection->setIdleSinceMs(m_clock.elapsed());
    pool.idle.append(connection);
    if (!m_sweepTimer.isActive()) m_sweepTimer.start();
}

void Http1Client::dropConnection(Http1Connection *connection)
{
    const HostKey key(connection->host(), connection->port());
    Pool &pool = m_pools[key];
    pool.idle.removeOne(connection);
    forget(connection, pool);
    serveWaiting(key);
}

void Http1Client::serveWaiting(const HostKey &key)
{
    const auto poolIt = m_pools.find(key);
    if (poolIt == m_pools.end()) return;
    Pool &pool = poolIt.value();
    // Slots came free: the oldest waiting requests get new connections.
    while (!pool.waiting.empty() && pool.connections < m_config.maxConnectionsPerHost) {
        const RequestId id = pool.waiting.front();
        pool.waiting.pop_front();
        const auto it = m_requests.find(id);
        if (it != m_requests.end()) assign(openConnection(key, pool), id, *it);
    }
}

void Http1Client::connectionIdle(Http1Connection *connection)
{
    release(connection);
}

void Http1Client::connectionLost(Http1Connection *connection)
{
    dropConnection(connection);
}

void Http1Client::exchangeFinished(Http1Connection *connection, HttpResponse response, bool reusable)
{
    const RequestId id = connection->tag();
    const auto it = m_requests.find(id);
    // A stale keep-alive connection: the server closed it before this request reached it. Sent again once,
    // on a new connection, as QNetworkAccessManager does.
    const bool retry = it != m_requests.end() && !it->retried &&
                       response.error == TransportError::ConnectionReset && connection->isReused() &&
                       !connection->responseStarted();
    if (reusable) {
        release(connection);
    } else if (!retry) {
        dropConnection(connection);
    } else {
        const HostKey key(connection->host(), connection->port());
        forget(connection, m_pools[key]);
        // The retry takes the freed slot ahead of the queue.
        it->retried = true;
        it->connection = nullptr;
        dispatch(id, *it, true);
        serveWaiting(key);
        return;
    }
    if (it == m_requests.end()) return;
    it->connection = nullptr;
    complete(id, std::move(response));
}

void Http1Client::complete(RequestId id, HttpResponse response)
{
    const auto it = m_requests.find(id);
    if (it == m_requests.end()) return;
    Callback done = std::move(it->done);
    if (it->timerId) {
        killTimer(it->timerId);
        m_timers.remove(it->timerId);
    }
    m_requests.erase(it);
    done(std::move(response)); // last: the callback may destroy this client
}

void Http1Client::failLater(RequestId id, TransportError error, const QString &message)
{
    QMetaObject::invokeMethod(
        this,
        [this, id, error, message] {
            HttpResponse response;
            response.error = error;
            response.errorString = message;
            complete(id, std::move(response));
        },
        Qt::QueuedConnection);
}

void Http1Client::withdraw(Request &request, RequestId id)
{
    if (request.timerId) {
        killTimer(request.timerId);
        m_timers.remove(request.timerId);
        request.timerId = 0;
    }
    if (Http1Connection *connection = std::exchange(request.connection, nullptr)) {
        connection->setTag(0);
        connection->detach(); // a connecting connection stays and reports connectionIdle() later
        if (connection->state() == Http1Connection::State::Closed) dropConnection(connection);
    } else if (request.queued) {
        const auto poolIt = m_pools.find(request.key);
        if (poolIt != m_pools.end()) {
            auto &waiting = poolIt->waiting;
            waiting.erase(std::remove(waiting.begin(), waiting.end(), id), waiting.end());
        }
        request.queued = false;
    }
}

void Http1Client::abort(RequestId id)
{
    const auto it = m_requests.find(id);
    if (it == m_requests.end()) return;
    withdraw(*it, id);
    m_requests.erase(m_requests.find(id));
}

void Http1Client::timerEvent(QTimerEvent *event)
{
    const int timerId = event->timerId();
    const RequestId id = m_timers.take(timerId);
    killTimer(timerId);
    const auto it = m_requests.find(id);
    if (it == m_requests.end()) return;
    it->timerId = 0;
    withdraw(*it, id);
    HttpResponse response;
    response.error = TransportError::Timeout;
    response.errorString =
        QStringLiteral("Timed out after %1 ms waiting for a response").arg(m_config.requestTimeoutMs);
    complete(id, std::move(response));
}

void Http1Client::sweepIdle()
{
    const qint64 now = m_clock.elapsed();
    bool anyIdle = false;
    for (auto poolIt = m_pools.begin(); poolIt != m_pools.end(); ++poolIt) {
        Pool &pool = poolIt.value();
        // Oldest first: connections are appended when they go idle and reused from the back.
        while (!pool.idle.isEmpty() && now - pool.idle.first()->idleSinceMs() >= m_config.idleTimeoutMs) {
            Http1Connection *connection = pool.idle.takeFirst();
            connection->close();
            forget(connection, pool);
        }
        anyIdle = anyIdle || !pool.idle.isEmpty();
    }
    if (!anyIdle) m_sweepTimer.stop();
}

int Http1Client::connectionCount() const
{
    int n = 0;
    for (const Pool &pool : m_pools)
        n += pool.connections;
    return n;
}

int Http1Client::idleConnectionCount() const
{
    int n = 0;
    for (const Pool &pool : m_pools)
        n += int(pool.idle.size());
    return n;
}

int Http1Client::queuedCount() const
{
    int n = 0;
    for (const Pool &pool : m_pools)
        n += int(pool.waiting.size());
    return n;
}

} // namespace airm
