// One accepted TCP connection behind the HttpGuard. It parses requests off the socket (the head by peeking,
// so a WebSocket upgrade can be handed over untouched; the body by Content-Length or chunked framing, counted
// against the limit as it arrives), queues them, and hands the handler one complete request at a time as an
// HttpExchange. Answers go out in request order, each framed with Content-Length, with the headers the
// handler's decision asked for (CORS) and Connection: close when the connection ends after it; a HEAD answer
// loses its body. Only when an answer is written is the next request handed over.
// Thread affinity: the guard's thread.
#pragma once

#include "httphandler.h"
#include "requesthead.h"

#include <QByteArray>
#include <QObject>
#include <deque>

class QTcpSocket;

namespace airm {

class HttpGuard;

class GuardedConnection final : public QObject
{
    Q_OBJECT
public:
    GuardedConnection(qintptr descriptor, HttpGuard *guard);
    ~GuardedConnection() override;

    bool isOpen() const;
    bool isWaitingFor(quint64 serial) const;

    // The guard's periodic check: idle keep-alive connections and slow requests are closed.
    void checkTimeouts(qint64 nowMs);
    // Closes without lingering (server shutdown).
    void abort();

    // From the HttpExchange with that serial; ignored when it is not the one being answered.
    void answer(quint64 serial, int status, const QByteArray &contentType, const QByteArray &body,
                const HeaderList &headers);

private:
    enum class In { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Stopped };

    struct Pending
    {
        bool deliver = true; // false: bytes are a complete answer written by the guard itself
        RequestHead head;
        QByteArray body;
        QByteArray bytes;
        QByteArray method;
        HeaderList extraHeaders; // added to the handler's answer
        bool close = false;      // close the connection after this answer
        qint64 receivedAtMs = 0;
    };

    void onReadyRead();
    bool readHead();
    bool readBody();
    bool readChunked();
    void finishRequest();
    void reject(int status, const QByteArray &reason, const QByteArray &method = {});
    void enqueue(Pending pending);
    void pump();
    void schedulePump();
    void answerComplete(int status);
    void writeOut(const QByteArray &bytes);
    void startClose();
    void shutdownWrite();
    void onDisconnected();

    HttpGuard *m_guard;
    QTcpSocket *m_socket;

    // Input side
    In m_in = In::Head;
    RequestHead m_head;
    QByteArray m_body;
    HeaderList m_extraHeaders;
    qint64 m_remaining = 0;      // body or chunk bytes still to read
    qsizetype m_headScanned = 0; // bytes known not to hold the end of the head
    qint64 m_requestStartedMs = -1;
    QByteArray m_lineBuffer; // chunk-size and trailer lines

    // Output side
    std::deque<Pending> m_queue;
    bool m_inFlight = false;
    quint64 m_serial = 0; // of the request being answered
    qint64 m_inFlightSinceMs = 0;
    QByteArray m_currentMethod;
    HeaderList m_currentHeaders;
    bool m_currentClose = false;

    bool m_delivering = false;
    bool m_pumpQueued = false;
    bool m_closeAfterAnswer = false;
    bool m_closing = false;
    bool m_writeShut = false;
    bool m_handedOver = false;
    bool m_done = false;
    qint64 m_lastActivityMs = 0;
    qint64 m_closingSinceMs = 0;
};

} // namespace airm
