// The API's listening socket and HTTP/1.1 front end. QHttpServer 6.4 has no limits of its own, ignores
// Connection: close, answers pipelined requests out of order and frees sockets under deferred answers
// (qt64-notes 3.6, 3.9); fed through a guard it also cost half again as much CPU per request as the guard
// doing the HTTP itself, so the guard does the HTTP itself. Every accepted connection becomes a
// GuardedConnection that reads and checks requests and hands the handler one complete request at a time.
// Enforced here: a cap on concurrent connections, an idle timeout, a header size limit, a body size limit
// (413 before the body is buffered), Connection: close and HTTP/1.0, in-order answers to pipelined requests,
// 400 and close on malformed request lines, HEAD (as GET without the body), Expect: 100-continue, and the
// handler's verdict before the body is read (auth, CORS, WebSocket upgrade).
// Thread affinity: create, use and destroy on one thread (the API thread).
#pragma once

#include "httphandler.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

namespace airm {

class GuardedConnection;

struct GuardConfig
{
    int maxConnections = 256;
    qint64 idleTimeoutMs = 60'000;    // keep-alive idle, and the time allowed for one request to arrive
    qint64 maxBodyBytes = 1 << 20;    // larger bodies: 413 and the connection is closed
    qint64 maxHeaderBytes = 32 << 10; // larger heads: 431 and the connection is closed
    qint64 lingerMs = 2000;          // after the last answer, how long unread input is drained before closing
    qint64 maxAnswerMs = 15 * 60000; // a handler that has not answered by then loses the connection
    qint64 readBufferBytes = 256 << 10;
};

// Counters for /prometheus. Responses are counted by method and status.
struct GuardStats
{
    qint64 accepted = 0;
    qint64 rejectedBusy = 0; // over maxConnections: 503 and closed
    qint64 bodyTooLarge = 0; // 413
    qint64 headTooLarge = 0; // 431
    qint64 malformed = 0;    // 400 from the guard
    qint64 timedOut = 0;     // idle or slow requests closed
    qint64 webSockets = 0;   // upgrades handed over
    QHash<QPair<QByteArray, int>, qint64> responses;
};

class HttpGuard final : public QTcpServer
{
    Q_OBJECT
public:
    HttpGuard(GuardConfig config, HttpHandler *handler, QObject *parent = nullptr);
    ~HttpGuard() override;

    const GuardConfig &config() const { return m_config; }
    HttpHandler *handler() const { return m_handler; }
    const GuardStats &stats() const { return m_stats; }
    GuardStats &stats() { return m_stats; }
    int openConnections() const { return int(m_connections.size()); }
    // Monotonic milliseconds since the guard was created.
    qint64 nowMs() const { return m_clock.elapsed(); }

    // Closes every connection right away (shutdown).
    void closeAll();

    // Answer bytes for a status the guard gives itself: JSON {"error": message}, optionally with Connection:
    // close.
    static QByteArray errorResponse(int status, const QByteArray &message, bool close,
                                    const HeaderList &headers = {});
    // A complete answer framed with Content-Length; headOnly leaves the body out (answer to HEAD).
    static QByteArray response(int status, const QByteArray &contentType, const QByteArray &body, bool close,
                               const HeaderList &headers = {}, const HeaderList &moreHeaders = {},
                               bool headOnly = false);
    static QByteArray reasonPhrase(int status);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class GuardedConnection;
    void connectionClosed(GuardedConnection *connection);
    void sweep();

    GuardConfig m_config;
    HttpHandler *m_handler;
    GuardStats m_stats;
    QSet<GuardedConnection *> m_connections;
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
};

} // namespace airm
