// The wire pieces every provider shares: a JSON writer that appends straight to one QByteArray and a strict
// read-only JSON tree (request bodies, the simulation's answers and their parsing run on every request, where
// QJsonObject and QJsonDocument cost most of it), plus the parse, URL and header helpers that each provider
// used to repeat, among them the ones that keep keys out of URLs.
#pragma once

#include "model/requestspec.h"
#include "model/serviceconfig.h"
#include "transport/httpmessage.h"

#include <QByteArray>
#include <QLatin1String>
#include <QString>
#include <QStringView>
#include <QUrl>
#include <QVarLengthArray>

namespace airm {

// Compact JSON (RFC 8259) without an intermediate QJsonObject or QCborValue tree. The caller keeps the
// structure well formed: begin/end pair up and every key is followed by exactly one value; commas are placed
// here. Strings go out as UTF-8 with the escapes QJsonDocument uses (\" \\ \b \f \n \r \t, other control
// characters and unpaired surrogates as \u00xx / \uxxxx); integers exactly; doubles in the shortest form that
// round-trips, non-finite ones as null.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserveBytes = kDefaultReserve);
    JsonWriter(const JsonWriter &) = delete; // holds pointers into its own buffer
    JsonWriter &operator=(const JsonWriter &) = delete;

    JsonWriter &beginObject() { return open('{'); }
    JsonWriter &endObject() { return close('}'); }
    JsonWriter &beginArray() { return open('['); }
    JsonWriter &endArray() { return close(']'); }
    JsonWriter &key(QLatin1String name);

    JsonWriter &value(QStringView text);
    JsonWriter &value(const QString &text) { return value(QStringView(text)); }
    JsonWriter &value(QLatin1String text);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(double number);
    JsonWriter &value(bool flag) { return literal(flag ? QLatin1String("true") : QLatin1String("false")); }
    JsonWriter &value(const char *) = delete; // would silently become a bool: say QLatin1String
    JsonWriter &null() { return literal(QLatin1String("null")); }

    template<typename T> JsonWriter &field(QLatin1String name, const T &v) { return key(name).value(v); }
    JsonWriter &nullField(QLatin1String name) { return key(name).null(); }

    // The document written so far; the writer starts over empty.
    QByteArray take();

private:
    static constexpr qsizetype kDefaultReserve = 256;

    // A pointer with room for bytes more bytes at the write position.
    char *room(qsizetype bytes)
    {
        if (m_limit - m_cursor < bytes) grow(bytes);
        return m_cursor;
    }
    void grow(qsizetype bytes);
    qsizetype used() const;
    // Writes the comma a value needs after an earlier sibling; room for extra bytes after it.
    char *separate(qsizetype extra)
    {
        char *out = room(extra + 1);
        if (m_needsComma) *out++ = ',';
        return out;
    }
    JsonWriter &open(char bracket);
    JsonWriter &close(char bracket);
    JsonWriter &literal(QLatin1String token);
    // A quoted, escaped string from UTF-16 (char16_t) or Latin-1 (char) code units.
    template<typename Char> void appendString(const Char *p, const Char *end);

    // m_out is sized to its capacity; [data, m_cursor) is the document, [m_cursor, m_limit) free room.
    QByteArray m_out;
    char *m_cursor = nullptr;
    char *m_limit = nullptr;
    bool m_needsComma = false;
};

class JsonTree;

// One value in a JsonTree, or undefined (a missing member, an element past the end, anything read from a
// value of another type). Reading never fails: like QJsonValue, a value of the wrong type reads as an empty
// string, 0 or false, and its members and elements as undefined. Valid while its tree lives.
class JsonNode
{
public:
    class Iterator;

    JsonNode() = default;

    bool isUndefined() const { return !m_tree; }
    bool isNull() const;
    bool isBool() const;
    bool isNumber() const;
    bool isString() const;
    bool isArray() const;
    bool isObject() const;

    // The member named key (ASCII), the last one when a key repeats (as QJsonDocument keeps it).
    JsonNode operator[](QLatin1String key) const;
    // The first element of a non-empty array.
    JsonNode first() const;
    // Elements of an array or members of an object; 0 for anything else.
    qsizetype size() const;
    // The elements of an array; nothing for anything else.
    Iterator begin() const;
    Iterator end() const;

    QString toString() const;
    // A string equal to text (ASCII), without decoding it into a QString.
    bool stringEquals(QLatin1String text) const;
    // A number with an integral value that fits, as QJsonValue::toInteger; 0 otherwise.
    qint64 toInteger() const;
    double toDouble() const; // any number; 0 for anything else
    bool toBool() const;

private:
    friend class JsonTree;
    JsonNode(const JsonTree *tree, qint32 index)
        : m_tree(tree)
        , m_index(index)
    {}

    const JsonTree *m_tree = nullptr;
    qint32 m_index = 0;
};

class JsonNode::Iterator
{
public:
    JsonNode operator*() const { return JsonNode(m_tree, m_index); }
    Iterator &operator++();
    bool operator==(const Iterator &other) const { return m_index == other.m_index; }

private:
    friend class JsonNode;
    Iterator(const JsonTree *tree, qint32 index)
        : m_tree(tree)
        , m_index(index)
    {}

    const JsonTree *m_tree;
    qint32 m_index;
};

// A JSON document parsed in one pass into a flat list of nodes; strings stay in the body's bytes until read.
// Strict RFC 8259 with QJsonDocument::fromJson's limits: an object or an array at the top, a leading UTF-8
// BOM skipped, nesting up to 1024 levels, numbers that fit a double. Unlike fromJson it also rejects raw
// control characters in strings, unknown escapes, and numbers such as "1." or ".5": invalid JSON in a 2xx
// answer is how a corrupt response is detected. Numbers with an integral value that fits a qint64 are kept as
// integers, as fromJson keeps them.
class JsonTree
{
public:
    JsonTree() = default;
    JsonTree(const JsonTree &) = delete; // its nodes point at it
    JsonTree &operator=(const JsonTree &) = delete;

    // False, and an undefined root, when body is not such a document.
    bool parse(const QByteArray &body);
    JsonNode root() const { return m_nodes.isEmpty() ? JsonNode() : JsonNode(this, 0); }

private:
    friend class JsonNode;
    friend class JsonParser;

    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };
    struct Node
    {
        Type type = Type::Null;
        bool flag = false;  // Bool: the value; Number: integral; String: contains escapes
        qint32 next = 0;    // index one past this node and everything inside it: the next sibling
        qint32 count = 0;   // Array: elements; Object: members (each a key node, then its value)
        qint32 offset = 0;  // String: where its bytes start in the body, after the opening quote
        qint32 length = 0;  // String: how many bytes, escapes undecoded
        qint64 integer = 0; // Number, when flag is set
        double real = 0;    // Number, when flag is not set
    };

    const Node &node(qint32 index) const { return m_nodes[index]; }
    QString decode(const Node &string) const;
    bool keyEquals(const Node &key, QLatin1String name) const;

    // Room for the answers the providers parse on the hot path without a heap allocation.
    static constexpr qsizetype kInlineNodes = 48;

    QByteArray m_body;
    QVarLengthArray<Node, kInlineNodes> m_nodes;
};

namespace providerjson {

// The top-level object of body, parsed into doc; undefined when body is not valid JSON or not an object.
JsonNode parseObject(JsonTree &doc, const QByteArray &body);

// Content blocks as Anthropic and Cohere v2 send them: "content":[{"type":"text","text":text}].
void writeTextContent(JsonWriter &json, const QString &text);
// Appends the text of the blocks of type "text" (others, such as tool calls, are skipped); false when a block
// is not an object or a text block has no string text.
bool appendTextContent(const JsonNode &blocks, QString &text);

// base's path without trailing slashes.
QString trimmedPath(const QUrl &base);
// base with its path replaced, and without whatever could carry a credential: key-like query items, user
// info, fragment. A key pasted into a base URL must not travel in the URL (logs, proxies); it goes in a
// header.
QUrl endpointUrl(const QUrl &base, const QString &path);

// "Authorization: Bearer <key>" when the service has a key.
void addBearerAuth(HttpRequest &request, const ServiceConfig &service);

// The request's model and token budget, falling back to the service's.
QString requestModel(const ServiceConfig &service, const RequestSpec &spec);
int requestMaxTokens(const ServiceConfig &service, const RequestSpec &spec);

} // namespace providerjson
} // namespace airm
