// A lean HTTP/1.1 client for http:// URLs: per host:port a pool of persistent keep-alive connections, capped,
// with a FIFO queue for requests over the cap, idle connections closed after a while, and one retry when a
// reused connection turns out to have been closed by the server before any byte of the answer came back.
// HttpTransport sends plain-HTTP calls through it instead of QNetworkAccessManager, whose per-request cost
// and HTTP thread hand-off capped the engine's real-network throughput.
// Thread affinity: create, use and destroy on one thread (the engine thread); callbacks run on it.
#pragma once

#include "http1connection.h"
#include "httpmessage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <functional>

namespace airm {

struct Http1ClientConfig
{
    int maxConnectionsPerHost = 64;
    qint64 idleTimeoutMs = 30'000; // idle keep-alive connections are closed after this
    // A request not answered this long after send() fails with TransportError::Timeout; 0: never (the engine
    // owns attempt timeouts and aborts).
    qint64 requestTimeoutMs = 0;
    qsizetype maxHeadBytes = 64 << 10; // a longer response head is a malformed response
};

class Http1Client final : public QObject, private Http1Connection::Owner
{
    Q_OBJECT
public:
    using RequestId = quint64;
    using Callback = std::function<void(HttpResponse)>;

    explicit Http1Client(Http1ClientConfig config = {}, QObject *parent = nullptr);
    ~Http1Client() override;

    // True for the URLs this client serves: scheme http with a host.
    static bool handles(const QUrl &url);

    // Starts a request. `done` runs exactly once, later (never inside send()), unless abort(id) comes first.
    RequestId send(const HttpRequest &request, Callback done);
    // Cancels a request; its callback will not run. A request already on the wire costs its connection.
    void abort(RequestId id);

    const Http1ClientConfig &config() const { return m_config; }
    // For tests and diagnostics.
    int connectionCount() const;     // open or connecting, all hosts
    int idleConnectionCount() const; // all hosts
    int queuedCount() const;         // waiting for a connection, all hosts
    int inFlight() const { return int(m_requests.size()); }

    // The request bytes as they go on the wire (exposed for tests).
    static QByteArray serialize(const HttpRequest &request);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    using HostKey = QPair<QString, quint16>;
    struct Request
    {
        HostKey key;
        QByteArray bytes;
        bool head = false;
        Callback done;
        Http1Connection *connection = nullptr;
        int timerId = 0;
        bool retried = false;
        bool queued = false;
    };
    struct Pool
    {
        int connections = 0;           // open or connecting
        QList<Http1Connection *> idle; // most recently used last
        std::deque<RequestId> waiting; // FIFO; a retry goes first
    };

    // retry: the request failed on a stale connection; it goes out on a new one, ahead of the queue.
    void dispatch(RequestId id, Request &request, bool retry);
    void assign(Http1Connection *connection, RequestId id, Request &request);
    Http1Connection *openConnection(const HostKey &key, Pool &pool);
    // A connection that can carry another request: to the oldest waiting one, else into the idle list.
    void release(Http1Connection *connection);
    // A closed connection leaves its pool; its slot goes to the oldest waiting request.
    void dropConnection(Http1Connection *connection);
    void forget(Http1Connection *connection, Pool &pool);
    void serveWaiting(const HostKey &key);
    // Takes a request off its connection or out of the queue, without completing it.
    void withdraw(Request &request, RequestId id);
    void complete(RequestId id, HttpResponse response);
    void failLater(RequestId id, TransportError error, const QString &message);
    void sweepIdle();

    void connectionIdle(Http1Connection *connection) override;
    void exchangeFinished(Http1Connection *connection, HttpResponse response, bool reusable) override;
    void connectionLost(Http1Connection *connection) override;

    Http1ClientConfig m_config;
    QHash<RequestId, Request> m_requests;
    QHash<HostKey, Pool> m_pools;
    QHash<int, RequestId> m_timers;        // request timeouts
    QSet<Http1Connection *> m_connections; // owned
    RequestId m_nextId = 1;
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
};

} // namespace airm
