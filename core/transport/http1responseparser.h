// Incremental parser for one HTTP/1.x response at a time, as the client's connections read it off the
// socket: status line, headers (repeated ones merged the way QNetworkReply merges them), and the body framed
// by Content-Length, chunked transfer-encoding or the end of the connection. Interim 1xx answers are skipped.
// Knows whether the connection may carry another request afterwards. Value type; any thread.
#pragma once

#include "httpmessage.h"

#include <QByteArray>
#include <QByteArrayView>

namespace airm {

class Http1ResponseParser
{
public:
    enum class State { Incomplete, Complete, Error };

    explicit Http1ResponseParser(qsizetype maxHeadBytes = 64 << 10);

    // Forgets everything and waits for the answer to a request with that method (HEAD answers have no body).
    void reset(bool headRequest = false);

    // Consumes bytes up to the end of the current response. *consumed says how many were used; bytes after a
    // complete response are not consumed (a well-behaved server sends none).
    State feed(QByteArrayView data, qsizetype *consumed = nullptr);
    // The peer closed the connection: completes a body framed by the end of the connection.
    State finishAtEof();

    State state() const { return m_state; }
    // Some byte of the response has arrived (a stale keep-alive connection closes before any does).
    bool hasStarted() const { return m_started; }
    // After Complete: may the connection carry another request?
    bool keepAlive() const { return m_keepAlive; }
    QByteArray errorString() const { return m_error; }

    int status() const { return m_status; }
    const HeaderList &headers() const { return m_headers; }
    HeaderList takeHeaders() { return std::move(m_headers); }
    QByteArray takeBody() { return std::move(m_body); }

private:
    enum class Phase { Head, Body, UntilClose, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Done };

    bool parseHead(const char *data, qsizetype length);
    bool readLine(QByteArrayView data, qsizetype *pos, QByteArray *line);
    State fail(const char *reason);
    State complete();

    qsizetype m_maxHeadBytes;
    bool m_headRequest = false;
    State m_state = State::Incomplete;
    Phase m_phase = Phase::Head;
    bool m_started = false;
    bool m_keepAlive = false;
    QByteArray m_error;

    QByteArray m_head; // bytes of the head read so far
    qsizetype m_headScanned = 0;
    QByteArray m_line; // chunk-size and trailer lines
    qint64 m_remaining = 0;

    int m_status = 0;
    HeaderList m_headers;
    QByteArray m_body;
};

} // namespace airm
