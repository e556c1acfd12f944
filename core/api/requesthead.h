// The request line and headers of one HTTP/1.x request, as the HTTP guard reads them: enough to enforce
// limits (body size, header size), framing (Content-Length or chunked), Connection: close, WebSocket upgrades
// and authentication before the body is read or a handler runs. Value type; any thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace airm {

struct RequestHead
{
    QByteArray method; // as sent (methods are case-sensitive)
    QByteArray target; // request-target as sent
    QByteArray path;   // target up to '?', still percent-encoded
    QByteArray query;  // after '?', without it
    int versionMinor = 1;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed, in order
    qsizetype size = 0;                           // bytes of the head, blank line included
    qint64 contentLength = -1;                    // -1: no Content-Length
    bool chunked = false;
    bool closeRequested = false; // Connection: close, or HTTP/1.0
    bool expectContinue = false;
    bool upgradeWebSocket = false;

    // The first value of a header (name in lower case), empty when absent.
    QByteArray header(const QByteArray &lowerName) const;
    bool hasHeader(const QByteArray &lowerName) const;
    bool hasBody() const { return chunked || contentLength > 0; }

    // Checks a complete request line (without CRLF): METHOD SP origin-form|* SP HTTP/1.x.
    static bool isValidRequestLine(const char *line, qsizetype length);

    // Parses data[0, length), which ends with the blank line. Returns false with the HTTP status to answer
    // (400, 501, 505) and a short reason when the head is malformed or asks for something the server refuses.
    static bool parse(const char *data, qsizetype length, RequestHead *out, int *status, QByteArray *reason);
};

} // namespace airm
