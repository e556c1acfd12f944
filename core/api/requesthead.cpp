#include "requesthead.h"

#include <cstring>

namespace airm {
namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

// Visible ASCII without space, plus obs-text: what a request-target may contain.
bool isTargetChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f;
}

bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

// Does a comma-separated header value contain token (case-insensitive)?
bool listContains(const QByteArray &value, const char *token)
{
    for (const QByteArray &part : value.split(','))
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0) return true;
    return false;
}

bool fail(int *status, QByteArray *reason, int code, const char *text)
{
    *status = code;
    *reason = text;
    return false;
}

} // namespace

QByteArray RequestHead::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName) return h.second;
    return {};
}

bool RequestHead::hasHeader(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName) return true;
    return false;
}

bool RequestHead::isValidRequestLine(const char *line, qsizetype length)
{
    qsizetype i = 0;
    while (i < length && isTokenChar(line[i]))
        ++i;
    if (i == 0 || i >= length || line[i] != ' ') return false;
    const qsizetype targetStart = ++i;
    while (i < length && isTargetChar(line[i]))
        ++i;
    if (i == targetStart || i >= length || line[i] != ' ') return false;
    const char first = line[targetStart];
    if (first != '/' && !(first == '*' && i == targetStart + 1)) return false;
    ++i;
    static constexpr char kVersion[] = "HTTP/1.";
    constexpr qsizetype kVersionLength = sizeof(kVersion) - 1;
    if (length - i != kVersionLength + 1) return false;
    if (std::memcmp(line + i, kVersion, kVersionLength) != 0) return false;
    const char minor = line[i + kVersionLength];
    return minor == '0' || minor == '1';
}

bool RequestHead::parse(const char *data, qsizetype length, RequestHead *out, int *status, QByteArray *reason)
{
    RequestHead h;
    h.size = length;
    qsizetype pos = 0;
    // RFC 9112 2.2: ignore empty lines before the request line.
    while (pos + 1 < length && data[pos] == '\r' && data[pos + 1] == '\n')
        pos += 2;
    const char *lineEnd = static_cast<const char *>(std::memchr(data + pos, '\n', size_t(length - pos)));
    if (!lineEnd || lineEnd == data + pos || lineEnd[-1] != '\r')
        return fail(status, reason, 400, "malformed request line");
    const qsizetype lineLength = (lineEnd - 1) - (data + pos);
    if (!isValidRequestLine(data + pos, lineLength))
        return fail(status, reason, 400, "malformed request line");
    {
        const char *line = data + pos;
        const char *sp1 = static_cast<const char *>(std::memchr(line, ' ', size_t(lineLength)));
        const char *sp2 =
            static_cast<const char *>(std::memchr(sp1 + 1, ' ', size_t(line + lineLength - sp1 - 1)));
        h.method = QByteArray(line, sp1 - line);
        h.target = QByteArray(sp1 + 1, sp2 - sp1 - 1);
        h.versionMinor = line[lineLength - 1] - '0';
        const qsizetype q = h.target.indexOf('?');
        h.path = q < 0 ? h.target : h.target.left(q);
        h.query = q < 0 ? QByteArray() : h.target.mid(q + 1);
    }
    pos = (lineEnd - data) + 1;

    QByteArray connection;
    QByteArray transferEncoding;
    bool sawContentLength = false;
    while (pos < length) {
        const char *end = static_cast<const char *>(std::memchr(data + pos, '\n', size_t(length - pos)));
        if (!end || end == data + pos || end[-1] != '\r')
            return fail(status, reason, 400, "malformed header");
        const qsizetype len = (end - 1) - (data + pos);
        if (len == 0) break; // the blank line
        const char *line = data + pos;
        pos = (end - data) + 1;
        if (line[0] == ' ' || line[0] == '\t') return fail(status, reason, 400, "obsolete header folding");
        const char *colon = static_cast<const char *>(std::memchr(line, ':', size_t(len)));
        if (!colon || colon == line) return fail(status, reason, 400, "malformed header");
        for (const char *c = line; c < colon; ++c)
            if (!isTokenChar(*c)) return fail(status, reason, 400, "malformed header name");
        for (const char *c = colon + 1; c < line + len; ++c)
            if (!isFieldValueChar(*c)) return fail(status, reason, 400, "malformed header value");
        QByteArray name(line, colon - line);
        name = name.toLower();
        QByteArray value = QByteArray(colon + 1, line + len - colon - 1).trimmed();
        if (name == "content-length") {
            bool ok = !value.isEmpty();
            for (char c : std::as_const(value))
                ok = ok && c >= '0' && c <= '9';
            const qint64 n = ok && value.size() <= 15 ? value.toLongLong(&ok) : -1;
            if (!ok || n < 0) return fail(status, reason, 400, "invalid Content-Length");
            if (sawContentLength && n != h.contentLength)
                return fail(status, reason, 400, "conflicting Content-Length headers");
            sawContentLength = true;
            h.contentLength = n;
        } else if (name == "transfer-encoding") {
            transferEncoding += transferEncoding.isEmpty() ? value : QByteArray(", ") + value;
        } else if (name == "connection") {
            connection += connection.isEmpty() ? value : QByteArray(", ") + value;
        } else if (name == "expect") {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0)
                return fail(status, reason, 417, "only Expect: 100-continue is supported");
            h.expectContinue = true;
        } else if (name == "upgrade") {
            h.upgradeWebSocket = listContains(value, "websocket");
        }
        h.headers.emplaceBack(std::move(name), std::move(value));
    }
    if (!transferEncoding.isEmpty()) {
        // Only plain chunked framing is accepted; both framings at once is how requests get smuggled.
        if (transferEncoding.trimmed().compare("chunked", Qt::CaseInsensitive) != 0)
            return fail(status, reason, 501, "unsupported Transfer-Encoding");
        if (sawContentLength)
            return fail(status, reason, 400, "both Content-Length and Transfer-Encoding are present");
        if (h.versionMinor == 0) return fail(status, reason, 400, "chunked requests need HTTP/1.1");
        h.chunked = true;
    }
    h.closeRequested = h.versionMinor == 0 || listContains(connection, "close");
    if (h.upgradeWebSocket && !listContains(connection, "upgrade")) h.upgradeWebSocket = false;
    *out = std::move(h);
    return true;
}

} // namespace airm
