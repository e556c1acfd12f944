// One persistent TCP connection of the HTTP/1.1 client: connects to host:port, carries one serialized request
// at a time (no pipelining), parses the answer and reports to its owner, the client's pool. Socket errors are
// reported as the TransportError kinds and messages QNetworkAccessManager gave for the same events.
// Thread affinity: the owner's thread. The owner deletes it (deleteLater) once it is closed; after close()
// or detach() on a busy connection it makes no more calls to the owner.
#pragma once

#include "http1responseparser.h"
#include "httpmessage.h"

#include <QAbstractSocket>
#include <QObject>

class QTcpSocket;

namespace airm {

class Http1Connection final : public QObject
{
    Q_OBJECT
public:
    class Owner
    {
    public:
        virtual ~Owner() = default;
        // Connected, with no request to carry (the one it was opened for was given up).
        virtual void connectionIdle(Http1Connection *connection) = 0;
        // The request in flight ended with a response (error None) or a failure. When reusable is false the
        // connection is already closed.
        virtual void exchangeFinished(Http1Connection *connection, HttpResponse response, bool reusable) = 0;
        // Closed by the peer, or failed, while no request was in flight. The connection is closed.
        virtual void connectionLost(Http1Connection *connection) = 0;
    };
    enum class State { Connecting, Idle, Busy, Closed };

    Http1Connection(Owner *owner, QString host, quint16 port, qsizetype maxHeadBytes,
                    QObject *parent = nullptr);
    ~Http1Connection() override;

    void open();
    // Sends a complete request (head and body). In Connecting state it goes out once connected.
    void start(QByteArray request, bool headRequest);
    // The owner gives up the request: a busy connection closes (its answer would still arrive), a
    // connecting one stays and reports connectionIdle() when connected.
    void detach();
    void close();

    State state() const { return m_state; }
    const QString &host() const { return m_host; }
    quint16 port() const { return m_port; }
    // The request in flight went out on a connection that had already carried one.
    bool isReused() const { return m_served > 0; }
    // Some byte of the answer to the request in flight has arrived.
    bool responseStarted() const { return m_parser.hasStarted(); }
    // One of its socket handlers is on the stack, so it must be deleted later, not now.
    bool isHandlingEvent() const { return m_handling > 0; }

    // Bookkeeping for the owner: which request the connection carries, and since when it is idle.
    quint64 tag() const { return m_tag; }
    void setTag(quint64 tag) { m_tag = tag; }
    qint64 idleSinceMs() const { return m_idleSinceMs; }
    void setIdleSinceMs(qint64 ms) { m_idleSinceMs = ms; }

private:
    struct HandlingScope;

    void onConnected();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void readAvailable();
    void finishResponse(bool reusable);
    void fail(TransportError error, const QString &message);
    void lose();
    void shutdown();

    Owner *m_owner;
    QTcpSocket *m_socket;
    QString m_host;
    quint16 m_port;
    State m_state = State::Connecting;
    QByteArray m_pending; // request waiting for the connection to be established
    Http1ResponseParser m_parser;
    QByteArray m_readBuffer;
    int m_served = 0;
    int m_handling = 0; // nesting depth of socket handlers
    quint64 m_tag = 0;
    qint64 m_idleSinceMs = 0;
};

} // namespace airm
