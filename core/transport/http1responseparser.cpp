#include "http1responseparser.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace airm {
namespace {

// Chunk-size and trailer lines longer than this are not HTTP.
constexpr qsizetype kMaxLineBytes = 8 << 10;
// A Content-Length above this is not trusted to size the body buffer up front.
constexpr qint64 kMaxReserveBytes = 16 << 20;

// Index just past the blank line that ends a head (CRLF or bare LF line ends), or -1.
qsizetype findHeadEnd(const char *data, qsizetype size, qsizetype from)
{
    qsizetype i = from;
    while (i < size) {
        const void *nl = std::memchr(data + i, '\n', size_t(size - i));
        if (!nl) return -1;
        i = static_cast<const char *>(nl) - data;
        if (i + 1 < size && data[i + 1] == '\n') return i + 2;
        if (i + 2 < size && data[i + 1] == '\r' && data[i + 2] == '\n') return i + 3;
        ++i;
    }
    return -1;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.chop(1);
    return v;
}

bool listContains(QByteArrayView value, QByteArrayView token)
{
    while (!value.isEmpty()) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView part = trimmed(comma < 0 ? value : value.first(comma));
        if (part.compare(token, Qt::CaseInsensitive) == 0) return true;
        if (comma < 0) break;
        value = value.sliced(comma + 1);
    }
    return false;
}

const QByteArray *findHeader(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers)
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0) return &h.second;
    return nullptr;
}

// Content-Length, possibly repeated (merged as "n, n"): every copy must agree. -1 when invalid.
qint64 parseContentLength(QByteArrayView value)
{
    qint64 result = -1;
    while (true) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView part = trimmed(comma < 0 ? value : value.first(comma));
        if (part.isEmpty() || part.size() > 18) return -1;
        qint64 n = 0;
        for (const char c : part) {
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        if (result >= 0 && n != result) return -1;
        result = n;
        if (comma < 0) return result;
        value = value.sliced(comma + 1);
    }
}

} // namespace

Http1ResponseParser::Http1ResponseParser(qsizetype maxHeadBytes)
    : m_maxHeadBytes(maxHeadBytes)
{}

void Http1ResponseParser::reset(bool headRequest)
{
    m_headRequest = headRequest;
    m_state = State::Incomplete;
    m_phase = Phase::Head;
    m_started = false;
    m_keepAlive = false;
    m_error.clear();
    m_head.resize(0);
    m_headScanned = 0;
    m_line.resize(0);
    m_remaining = 0;
    m_status = 0;
    m_headers.clear();
    m_body = QByteArray();
}

Http1ResponseParser::State Http1ResponseParser::fail(const char *reason)
{
    m_state = State::Error;
    m_phase = Phase::Done;
    m_keepAlive = false;
    m_error = reason;
    return m_state;
}

Http1ResponseParser::State Http1ResponseParser::complete()
{
    m_state = State::Complete;
    m_phase = Phase::Done;
    return m_state;
}

bool Http1ResponseParser::readLine(QByteArrayView data, qsizetype *pos, QByteArray *line)
{
    const qsizetype nl = data.indexOf('\n', *pos);
    if (nl < 0) {
        line->append(data.data() + *pos, data.size() - *pos);
        *pos = data.size();
        return false;
    }
    line->append(data.data() + *pos, nl - *pos);
    *pos = nl + 1;
    if (line->endsWith('\r')) line->chop(1);
    return true;
}

Http1ResponseParser::State Http1ResponseParser::feed(QByteArrayView data, qsizetype *consumed)
{
    qsizetype pos = 0;
    if (!data.isEmpty() && m_state == State::Incomplete) m_started = true;
    while (m_state == State::Incomplete && pos < data.size()) {
        switch (m_phase) {
        case Phase::Head: {
            if (m_head.isEmpty()) {
                // Usual case: the whole head arrives in one read; parse it in place.
                const qsizetype end = findHeadEnd(data.data() + pos, data.size() - pos, 0);
                if (end >= 0) {
                    if (end > m_maxHeadBytes) return fail("Response head too large");
                    const qsizetype start = pos;
                    pos += end;
                    if (!parseHead(data.data() + start, end)) return m_state;
                    break;
                }
            }
            const qsizetype before = m_head.size();
            m_head.append(data.data() + pos, data.size() - pos);
            const qsizetype end = findHeadEnd(m_head.constData(), m_head.size(), m_headScanned);
            if (end < 0) {
                if (m_head.size() > m_maxHeadBytes) return fail("Response head too large");
                m_headScanned = std::max<qsizetype>(0, m_head.size() - 2);
                pos = data.size();
                break;
            }
            if (end > m_maxHeadBytes) return fail("Response head too large");
            pos += end - before;
            const QByteArray head = std::exchange(m_head, QByteArray());
            m_headScanned = 0;
            if (!parseHead(head.constData(), end)) return m_state;
            break;
        }
        case Phase::Body:
        case Phase::ChunkData: {
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, data.size() - pos));
            m_body.append(data.data() + pos, take);
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_phase == Phase::Body)
                    complete();
                else
                    m_phase = Phase::ChunkDataEnd;
            }
            break;
        }
        case Phase::UntilClose:
            m_body.append(data.data() + pos, data.size() - pos);
            pos = data.size();
            break;
        case Phase::ChunkSize: {
            if (!readLine(data, &pos, &m_line)) {
                if (m_line.size() > kMaxLineBytes) return fail("Malformed chunk size");
                break;
            }
            QByteArrayView size(m_line);
            const qsizetype semicolon = size.indexOf(';');
            if (semicolon >= 0) size = size.first(semicolon);
            size = trimmed(size);
            bool ok = !size.isEmpty() && size.size() <= 15;
            const qint64 n = ok ? size.toLongLong(&ok, 16) : -1;
            m_line.resize(0);
            if (!ok || n < 0) return fail("Malformed chunk size");
            if (n == 0) {
                m_phase = Phase::Trailer;
            } else {
                m_remaining = n;
                m_phase = Phase::ChunkData;
            }
            break;
        }
        case Phase::ChunkDataEnd: {
            if (!readLine(data, &pos, &m_line)) {
                if (m_line.size() > 2) return fail("Malformed chunk");
                break;
            }
            const bool empty = m_line.isEmpty();
            m_line.resize(0);
            if (!empty) return fail("Malformed chunk");
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::Trailer: {
            if (!readLine(data, &pos, &m_line)) {
                if (m_line.size() > kMaxLineBytes) return fail("Malformed chunk trailer");
                break;
            }
            const bool empty = m_line.isEmpty();
            m_line.resize(0);
            if (empty) complete(); // trailer fields are read and dropped
            break;
        }
        case Phase::Done:
            break;
        }
    }
    if (consumed) *consumed = pos;
    return m_state;
}

Http1ResponseParser::State Http1ResponseParser::finishAtEof()
{
    if (m_state != State::Incomplete) return m_state;
    if (m_phase == Phase::UntilClose) {
        m_keepAlive = false;
        return complete();
    }
    return fail("Connection closed before the response was complete");
}

bool Http1ResponseParser::parseHead(const char *data, qsizetype length)
{
    QByteArrayView rest(data, length);
    auto nextLine = [&rest]() {
        const qsizetype nl = rest.indexOf('\n');
        QByteArrayView line = nl < 0 ? rest : rest.first(nl);
        rest = nl < 0 ? QByteArrayView() : rest.sliced(nl + 1);
        if (line.endsWith('\r')) line.chop(1);
        return line;
    };

    // HTTP/1.x SP 3DIGIT [SP reason]
    const QByteArrayView statusLine = nextLine();
    if (statusLine.size() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine[8] != ' ' ||
        (statusLine.size() > 12 && statusLine[12] != ' ')) {
        fail("Malformed status line");
        return false;
    }
    const char minor = statusLine[7];
    int status = 0;
    for (qsizetype i = 9; i < 12; ++i) {
        const char c = statusLine[i];
        if (c < '0' || c > '9' || minor < '0' || minor > '9') {
            fail("Malformed status line");
            return false;
        }
        status = status * 10 + (c - '0');
    }
    if (status < 100) {
        fail("Malformed status line");
        return false;
    }

    m_headers.clear();
    while (!rest.isEmpty()) {
        const QByteArrayView line = nextLine();
        if (line.isEmpty()) break;
        if (line.front() == ' ' || line.front() == '\t') { // obsolete line folding
            if (m_headers.isEmpty()) {
                fail("Malformed header line");
                return false;
            }
            m_headers.last().second += ' ' + trimmed(line).toByteArray();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail("Malformed header line");
            return false;
        }
        const QByteArrayView name = trimmed(line.first(colon));
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        bool merged = false;
        for (auto &h : m_headers) {
            if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) != 0) continue;
            // Like QNetworkReply: one entry per name, cookies joined by newlines, the rest by commas.
            h.second += name.compare("set-cookie", Qt::CaseInsensitive) == 0 ? QByteArrayView("\n")
                                                                             : QByteArrayView(", ");
            h.second += value;
            merged = true;
            break;
        }
        if (!merged) m_headers.append({name.toByteArray(), value.toByteArray()});
    }

    if (status < 200) {
        if (status == 101) {
            fail("Unexpected protocol switch");
            return false;
        }
        m_headers.clear(); // an interim answer: the real one follows
        m_phase = Phase::Head;
        return true;
    }
    m_status = status;

    const QByteArray *connection = findHeader(m_headers, "connection");
    const bool close = connection && listContains(*connection, "close");
    const bool keepAlive = connection && listContains(*connection, "keep-alive");
    m_keepAlive = minor >= '1' ? !close : keepAlive && !close;

    if (m_headRequest || status == 204 || status == 304) {
        complete();
        return true;
    }
    const QByteArray *transferEncoding = findHeader(m_headers, "transfer-encoding");
    if (transferEncoding && !transferEncoding->isEmpty()) {
        QByteArrayView codings(*transferEncoding);
        const qsizetype lastComma = codings.lastIndexOf(',');
        if (trimmed(lastComma < 0 ? codings : codings.sliced(lastComma + 1))
                .compare("chunked", Qt::CaseInsensitive) == 0) {
            m_phase = Phase::ChunkSize;
        } else {
            m_phase = Phase::UntilClose;
            m_keepAlive = false;
        }
        return true;
    }
    if (const QByteArray *contentLength = findHeader(m_headers, "content-length")) {
        const qint64 n = parseContentLength(*contentLength);
        if (n < 0) {
            fail("Invalid Content-Length");
            return false;
        }
        if (n == 0) {
            complete();
            return true;
        }
        m_body.reserve(qsizetype(std::min(n, kMaxReserveBytes)));
        m_remaining = n;
        m_phase = Phase::Body;
        return true;
    }
    m_phase = Phase::UntilClose;
    m_keepAlive = false;
    return true;
}

} // namespace airm
