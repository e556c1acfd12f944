#include "providerjson.h"

#include <QUrlQuery>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace airm {
namespace {

// Room for any qint64 or shortest-form double (at most 24 characters) in std::to_chars.
constexpr qsizetype kNumberChars = 32;
// The longest UTF-8 output for one UTF-16 code unit: "\u00xx" for a control character or "\udxxx" for an
// unpaired surrogate (a BMP character needs 3 bytes, a surrogate pair 4 for 2 units).
constexpr qsizetype kMaxBytesPerUnit = 6;

char hexDigit(uint nibble)
{
    return char(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}

// Printable ASCII, which stands in a JSON string as it is: a table, because writing and parsing test every
// character of every string against it.
constexpr std::array<bool, 256> kPlainBytes = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c)
        plain[size_t(c)] = c != '"' && c != '\\';
    return plain;
}();

bool isPlain(char16_t c)
{
    return c < 0x80 && kPlainBytes[c];
}

bool isPlain(char c)
{
    return kPlainBytes[uchar(c)];
}

char *writeUnicodeEscape(char *out, char16_t unit)
{
    *out++ = '\\';
    *out++ = 'u';
    *out++ = hexDigit((unit >> 12) & 0xf);
    *out++ = hexDigit((unit >> 8) & 0xf);
    *out++ = hexDigit((unit >> 4) & 0xf);
    *out++ = hexDigit(unit & 0xf);
    return out;
}

// An ASCII character that is not plain: a quote, a backslash or a control character.
char *writeEscape(char *out, char16_t c)
{
    char escape = 0;
    switch (c) {
    case '"':
        escape = '"';
        break;
    case '\\':
        escape = '\\';
        break;
    case '\b':
        escape = 'b';
        break;
    case '\f':
        escape = 'f';
        break;
    case '\n':
        escape = 'n';
        break;
    case '\r':
        escape = 'r';
        break;
    case '\t':
        escape = 't';
        break;
    default:
        return writeUnicodeEscape(out, c);
    }
    *out++ = '\\';
    *out++ = escape;
    return out;
}

// Either input's code unit: Latin-1 bytes are the code points U+0000 to U+00FF.
char16_t unitOf(char16_t c)
{
    return c;
}

char16_t unitOf(char c)
{
    return char16_t(uchar(c));
}

// UTF-16 or Latin-1 to escaped UTF-8, for the part of a string past its plain ASCII prefix.
template<typename Char> char *writeEscapedUtf8(char *out, const Char *p, const Char *const end)
{
    while (p != end) {
        const char16_t u = unitOf(*p++);
        if (isPlain(u)) {
            *out++ = char(u);
        } else if (u < 0x80) {
            out = writeEscape(out, u);
        } else if (u < 0x800) {
            *out++ = char(0xc0 | (u >> 6));
            *out++ = char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *out++ = char(0xe0 | (u >> 12));
            *out++ = char(0x80 | ((u >> 6) & 0x3f));
            *out++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(unitOf(*p))) {
            const char32_t c = QChar::surrogateToUcs4(u, unitOf(*p++));
            *out++ = char(0xf0 | (c >> 18));
            *out++ = char(0x80 | ((c >> 12) & 0x3f));
            *out++ = char(0x80 | ((c >> 6) & 0x3f));
            *out++ = char(0x80 | (c & 0x3f));
        } else {
            out = writeUnicodeEscape(out, u); // unpaired surrogate: not encodable as UTF-8
        }
    }
    return out;
}

const char *const kCredentialQueryItems[] = {"key", "api_key", "apikey", "access_token"};

} // namespace

JsonWriter::JsonWriter(qsizetype reserveBytes)
{
    grow(reserveBytes);
}

qsizetype JsonWriter::used() const
{
    return m_cursor ? m_cursor - m_out.constData() : 0;
}

void JsonWriter::grow(qsizetype bytes)
{
    const qsizetype used = this->used();
    m_out.resize(std::max({used + bytes, 2 * m_out.size(), kDefaultReserve}));
    m_cursor = m_out.data() + used;
    m_limit = m_out.data() + m_out.size();
}

QByteArray JsonWriter::take()
{
    m_out.truncate(used());
    m_cursor = m_limit = nullptr;
    m_needsComma = false;
    return std::exchange(m_out, QByteArray());
}

JsonWriter &JsonWriter::open(char bracket)
{
    char *out = separate(1);
    *out++ = bracket;
    m_cursor = out;
    m_needsComma = false;
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    *room(1) = bracket;
    ++m_cursor;
    m_needsComma = true;
    return *this;
}

JsonWriter &JsonWriter::literal(QLatin1String token)
{
    char *out = separate(token.size());
    std::memcpy(out, token.data(), size_t(token.size()));
    m_cursor = out + token.size();
    m_needsComma = true;
    return *this;
}

// Plain ASCII is copied with one bounds check for the whole string; the first character that needs more
// sizes the room for the worst case of the rest.
template<typename Char> void JsonWriter::appendString(const Char *p, const Char *const end)
{
    char *out = separate(end - p + 2);
    *out++ = '"';
    while (p != end && isPlain(*p))
        *out++ = char(*p++);
    if (p != end) {
        m_cursor = out;
        out = writeEscapedUtf8(room(kMaxBytesPerUnit * (end - p) + 1), p, end);
    }
    *out++ = '"';
    m_cursor = out;
}

JsonWriter &JsonWriter::key(QLatin1String name)
{
    appendString(name.data(), name.data() + name.size());
    *room(1) = ':';
    ++m_cursor;
    m_needsComma = false;
    return *this;
}

JsonWriter &JsonWriter::value(QStringView text)
{
    appendString(text.utf16(), text.utf16() + text.size());
    m_needsComma = true;
    return *this;
}

JsonWriter &JsonWriter::value(QLatin1String text)
{
    appendString(text.data(), text.data() + text.size());
    m_needsComma = true;
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    char *out = separate(kNumberChars);
    m_cursor = std::to_chars(out, out + kNumberChars, number).ptr;
    m_needsComma = true;
    return *this;
}

JsonWriter &JsonWriter::value(double number)
{
    if (!std::isfinite(number)) return null(); // JSON has no infinities or NaN; QJsonDocument writes null too
    char *out = separate(kNumberChars);
    m_cursor = std::to_chars(out, out + kNumberChars, number).ptr; // the shortest form that round-trips
    m_needsComma = true;
    return *this;
}

// JsonTree's parser: recursive descent over the body's bytes, appending one node per value in document order.
class JsonParser
{
public:
    JsonParser(const QByteArray &body, QVarLengthArray<JsonTree::Node, JsonTree::kInlineNodes> &nodes)
        : m_begin(body.constData())
        , m_p(m_begin)
        , m_end(m_begin + body.size())
        , m_nodes(nodes)
    {}

    bool parseDocument()
    {
        // As QJsonDocument::fromJson: a UTF-8 byte order mark is skipped, the top level is an object or
        // array.
        if (m_end - m_p > 3 && uchar(m_p[0]) == 0xef && uchar(m_p[1]) == 0xbb && uchar(m_p[2]) == 0xbf)
            m_p += 3;
        skipSpace();
        if (m_p == m_end || (*m_p != '{' && *m_p != '[')) return false;
        if (!parseValue()) return false;
        skipSpace();
        return m_p == m_end;
    }

private:
    using Type = JsonTree::Type;
    using Node = JsonTree::Node;

    // QJsonDocument's limit; it also bounds this parser's recursion.
    static constexpr int kMaxDepth = 1024;

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }
    static bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

    void skipSpace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    qint32 append(Type type)
    {
        Node node;
        node.type = type;
        m_nodes.append(node);
        return qint32(m_nodes.size() - 1);
    }

    void close(qint32 index) { m_nodes[index].next = qint32(m_nodes.size()); }

    bool parseValue()
    {
        skipSpace();
        if (m_p == m_end) return false;
        switch (*m_p) {
        case '{':
            return parseContainer(Type::Object, '}');
        case '[':
            return parseContainer(Type::Array, ']');
        case '"':
            return parseString();
        case 't':
            return parseLiteral("true"_L1, Type::Bool, true);
        case 'f':
            return parseLiteral("false"_L1, Type::Bool, false);
        case 'n':
            return parseLiteral("null"_L1, Type::Null, false);
        default:
            return parseNumber();
        }
    }

    bool parseLiteral(QLatin1String word, Type type, bool flag)
    {
        if (m_end - m_p < word.size() || std::memcmp(m_p, word.data(), size_t(word.size())) != 0)
            return false;
        m_p += word.size();
        const qint32 index = append(type);
        m_nodes[index].flag = flag;
        close(index);
        return true;
    }

    // An object's members are a key node followed by the value's nodes.
    bool parseContainer(Type type, char closing)
    {
        if (++m_depth > kMaxDepth) return false;
        const qint32 index = append(type);
        ++m_p;
        skipSpace();
        qint32 count = 0;
        if (m_p != m_end && *m_p == closing) {
            ++m_p;
        } else {
            for (;;) {
                if (type == Type::Object) {
                    skipSpace();
                    if (m_p == m_end || *m_p != '"' || !parseString()) return false;
                    skipSpace();
                    if (m_p == m_end || *m_p != ':') return false;
                    ++m_p;
                }
                if (!parseValue()) return false;
                ++count;
                skipSpace();
                if (m_p == m_end) return false;
                const char c = *m_p++;
                if (c == closing) break;
                if (c != ',') return false;
            }
        }
        m_nodes[index].count = count;
        close(index);
        --m_depth;
        return true;
    }

    bool parseString()
    {
        const char *const start = ++m_p;
        bool escapes = false;
        for (;;) {
            while (m_p != m_end && isPlain(*m_p))
                ++m_p;
            if (m_p == m_end) return false;
            const auto c = uchar(*m_p);
            if (c == '"') break;
            if (c < 0x20) return false; // control characters must be escaped
            if (c == '\\') {
                escapes = true;
                if (!skipEscape()) return false;
            } else if (c < 0x80) {
                ++m_p;
            } else if (!skipUtf8Sequence()) {
                return false;
            }
        }
        if (m_p - m_begin > std::numeric_limits<qint32>::max()) return false;
        const qint32 index = append(Type::String);
        Node &node = m_nodes[index];
        node.flag = escapes;
        node.offset = qint32(start - m_begin);
        node.length = qint32(m_p - start);
        ++m_p; // the closing quote
        close(index);
        return true;
    }

    bool skipEscape()
    {
        ++m_p; // the backslash
        if (m_p == m_end) return false;
        switch (*m_p++) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            return true;
        case 'u':
            if (m_end - m_p < 4) return false;
            for (int i = 0; i < 4; ++i, ++m_p)
                if (!isHexDigit(*m_p)) return false;
            return true; // any code unit, as QJsonDocument takes it: an unpaired surrogate too
        default:
            return false;
        }
    }

    // One multi-byte UTF-8 sequence, well formed: no overlong forms, no surrogates, nothing past U+10FFFF.
    bool skipUtf8Sequence()
    {
        const auto *p = reinterpret_cast<const uchar *>(m_p);
        const auto *end = reinterpret_cast<const uchar *>(m_end);
        const uchar lead = *p;
        int trailing = 0;
        uchar low = 0x80; // the range of the first trailing byte
        uchar high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            trailing = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            trailing = 2;
            if (lead == 0xe0) low = 0xa0;
            if (lead == 0xed) high = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            trailing = 3;
            if (lead == 0xf0) low = 0x90;
            if (lead == 0xf4) high = 0x8f;
        } else {
            return false;
        }
        if (end - p <= trailing) return false;
        if (p[1] < low || p[1] > high) return false;
        for (int i = 2; i <= trailing; ++i)
            if ((p[i] & 0xc0) != 0x80) return false;
        m_p += trailing + 1;
        return true;
    }

    bool parseNumber()
    {
        const char *const start = m_p;
        bool integral = true;
        if (m_p != m_end && *m_p == '-') ++m_p;
        if (m_p == m_end) return false;
        if (*m_p == '0') {
            ++m_p;
        } else if (isDigit(*m_p)) {
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        } else {
            return false;
        }
        if (m_p != m_end && *m_p == '.') {
            integral = false;
            ++m_p;
            if (m_p == m_end || !isDigit(*m_p)) return false;
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            integral = false;
            ++m_p;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-')) ++m_p;
            if (m_p == m_end || !isDigit(*m_p)) return false;
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        }
        const qint32 index = append(Type::Number);
        Node &node = m_nodes[index];
        close(index);
        if (integral && std::from_chars(start, m_p, node.integer).ec == std::errc()) {
            node.flag = true;
            return true;
        }
        // Beyond a double's range is an error, as in QJsonDocument.
        if (std::from_chars(start, m_p, node.real).ec != std::errc() || !std::isfinite(node.real))
            return false;
        // A whole number that fits is an integer, as QJsonDocument keeps "1.0" or "1e3".
        constexpr double kTwo63 = 9223372036854775808.0;
        if (node.real >= -kTwo63 && node.real < kTwo63 && std::trunc(node.real) == node.real) {
            node.flag = true;
            node.integer = qint64(node.real);
        }
        return true;
    }

    const char *const m_begin;
    const char *m_p;
    const char *const m_end;
    QVarLengthArray<JsonTree::Node, JsonTree::kInlineNodes> &m_nodes;
    int m_depth = 0;
};

bool JsonTree::parse(const QByteArray &body)
{
    m_nodes.clear();
    m_body = body;
    if (body.size() > std::numeric_limits<qint32>::max()) return false;
    JsonParser parser(m_body, m_nodes);
    if (parser.parseDocument()) return true;
    m_nodes.clear();
    return false;
}

QString JsonTree::decode(const Node &string) const
{
    const auto *p = reinterpret_cast<const uchar *>(m_body.constData()) + string.offset;
    const auto *const end = p + string.length;
    if (!string.flag) return QString::fromUtf8(reinterpret_cast<const char *>(p), string.length);
    // Never more UTF-16 units than UTF-8 bytes; the input is known to be well formed.
    QString text(string.length, Qt::Uninitialized);
    auto *out = reinterpret_cast<char16_t *>(text.data());
    auto *const first = out;
    while (p != end) {
        const uchar c = *p++;
        if (c == '\\') {
            const uchar e = *p++;
            switch (e) {
            case 'b':
                *out++ = u'\b';
                break;
            case 'f':
                *out++ = u'\f';
                break;
            case 'n':
                *out++ = u'\n';
                break;
            case 'r':
                *out++ = u'\r';
                break;
            case 't':
                *out++ = u'\t';
                break;
            case 'u': {
                char16_t unit = 0;
                for (int i = 0; i < 4; ++i) {
                    const uchar h = *p++;
                    unit = char16_t(unit << 4 | (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10));
                }
                *out++ = unit;
                break;
            }
            default: // " \ /
                *out++ = e;
                break;
            }
        } else if (c < 0x80) {
            *out++ = c;
        } else if (c < 0xe0) {
            *out++ = char16_t((c & 0x1f) << 6 | (p[0] & 0x3f));
            p += 1;
        } else if (c < 0xf0) {
            *out++ = char16_t((c & 0x0f) << 12 | (p[0] & 0x3f) << 6 | (p[1] & 0x3f));
            p += 2;
        } else {
            const char32_t ucs4 = (c & 0x07) << 18 | (p[0] & 0x3f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f);
            *out++ = QChar::highSurrogate(ucs4);
            *out++ = QChar::lowSurrogate(ucs4);
            p += 3;
        }
    }
    text.truncate(out - first);
    return text;
}

bool JsonTree::keyEquals(const Node &key, QLatin1String name) const
{
    if (key.flag) return decode(key) == name;
    return key.length == name.size() &&
           std::memcmp(m_body.constData() + key.offset, name.data(), size_t(name.size())) == 0;
}

bool JsonNode::isNull() const
{
    return m_tree && m_tree->node(m_index).type == JsonTree::Type::Null;
}

bool JsonNode::isBool() const
{
    return m_tree && m_tree->node(m_index).type == JsonTree::Type::Bool;
}

bool JsonNode::isNumber() const
{
    return m_tree && m_tree->node(m_index).type == JsonTree::Type::Number;
}

bool JsonNode::isString() const
{
    return m_tree && m_tree->node(m_index).type == JsonTree::Type::String;
}

bool JsonNode::isArray() const
{
    return m_tree && m_tree->node(m_index).type == JsonTree::Type::Array;
}

bool JsonNode::isObject() const
{
    return m_tree && m_tree->node(m_index).type == JsonTree::Type::Object;
}

JsonNode JsonNode::operator[](QLatin1String key) const
{
    if (!isObject()) return {};
    JsonNode found;
    qint32 index = m_index + 1;
    for (qint32 i = 0, n = m_tree->node(m_index).count; i < n; ++i) {
        const qint32 value = index + 1;
        if (m_tree->keyEquals(m_tree->node(index), key)) found = JsonNode(m_tree, value);
        index = m_tree->node(value).next;
    }
    return found;
}

JsonNode JsonNode::first() const
{
    if (!isArray() || m_tree->node(m_index).count == 0) return {};
    return JsonNode(m_tree, m_index + 1);
}

qsizetype JsonNode::size() const
{
    return isArray() || isObject() ? m_tree->node(m_index).count : 0;
}

JsonNode::Iterator JsonNode::begin() const
{
    return isArray() ? Iterator(m_tree, m_index + 1) : Iterator(m_tree, 0);
}

JsonNode::Iterator JsonNode::end() const
{
    return isArray() ? Iterator(m_tree, m_tree->node(m_index).next) : Iterator(m_tree, 0);
}

JsonNode::Iterator &JsonNode::Iterator::operator++()
{
    m_index = m_tree->node(m_index).next;
    return *this;
}

QString JsonNode::toString() const
{
    return isString() ? m_tree->decode(m_tree->node(m_index)) : QString();
}

bool JsonNode::stringEquals(QLatin1String text) const
{
    return isString() && m_tree->keyEquals(m_tree->node(m_index), text);
}

qint64 JsonNode::toInteger() const
{
    if (!isNumber()) return 0;
    const JsonTree::Node &node = m_tree->node(m_index);
    return node.flag ? node.integer : 0;
}

double JsonNode::toDouble() const
{
    if (!isNumber()) return 0;
    const JsonTree::Node &node = m_tree->node(m_index);
    return node.flag ? double(node.integer) : node.real;
}

bool JsonNode::toBool() const
{
    return isBool() && m_tree->node(m_index).flag;
}

namespace providerjson {

JsonNode parseObject(JsonTree &doc, const QByteArray &body)
{
    if (!doc.parse(body) || !doc.root().isObject()) return {};
    return doc.root();
}

void writeTextContent(JsonWriter &json, const QString &text)
{
    json.key("content"_L1)
        .beginArray()
        .beginObject()
        .field("type"_L1, "text"_L1)
        .field("text"_L1, text)
        .endObject()
        .endArray();
}

bool appendTextContent(const JsonNode &blocks, QString &text)
{
    for (const JsonNode block : blocks) {
        if (!block.isObject()) return false;
        if (!block["type"_L1].stringEquals("text"_L1)) continue;
        const JsonNode t = block["text"_L1];
        if (!t.isString()) return false;
        text += t.toString();
    }
    return true;
}

QString trimmedPath(const QUrl &base)
{
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QUrl endpointUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    url.setPath(path);
    if (url.hasQuery()) {
        QUrlQuery query(url);
        for (const char *name : kCredentialQueryItems)
            query.removeAllQueryItems(QLatin1String(name));
        url.setQuery(query);
    }
    url.setUserInfo(QString());
    if (url.hasFragment()) url.setFragment(QString());
    return url;
}

void addBearerAuth(HttpRequest &request, const ServiceConfig &service)
{
    if (!service.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + service.apiKey.toUtf8()});
}

QString requestModel(const ServiceConfig &service, const RequestSpec &spec)
{
    return spec.model.isEmpty() ? service.model : spec.model;
}

int requestMaxTokens(const ServiceConfig &service, const RequestSpec &spec)
{
    return spec.maxTokens > 0 ? spec.maxTokens : service.maxTokens;
}

} // namespace providerjson
} // namespace airm
