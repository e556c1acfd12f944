// JsonWriter and JsonTree, the providers' hot-path JSON: the writer must produce what QJsonDocument reads
// back to the same values (and the same bytes for strings), the reader must never accept what is not JSON (it
// is how a corrupt 2xx is detected) and must read every valid document as QJsonDocument does.
#include "providers/providerjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

using namespace airm;
using namespace Qt::StringLiterals;

namespace {

QByteArray qtCompact(const QJsonValue &v)
{
    return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
}

QByteArray written(const QString &s)
{
    JsonWriter json;
    json.beginArray().value(s).endArray();
    return json.take();
}

bool isAscii(const QString &s)
{
    for (const QChar c : s)
        if (c.unicode() >= 0x80) return false;
    return true;
}

// Whether node reads as v reads from QJsonDocument; why says where not.
bool sameValue(const JsonNode &node, const QJsonValue &v, QString *why)
{
    auto fail = [why](const QString &what) {
        *why = what;
        return false;
    };
    switch (v.type()) {
    case QJsonValue::Null:
        return node.isNull() || fail(u"null"_s);
    case QJsonValue::Bool:
        return (node.isBool() && node.toBool() == v.toBool()) || fail(u"bool"_s);
    case QJsonValue::Double:
        return (node.isNumber() && node.toInteger() == v.toInteger() && node.toDouble() == v.toDouble()) ||
               fail(u"number"_s);
    case QJsonValue::String:
        if (!node.isString() || node.toString() != v.toString()) return fail(u"string"_s);
        if (isAscii(v.toString()) && !node.stringEquals(QLatin1String(v.toString().toLatin1())))
            return fail(u"stringEquals"_s);
        return true;
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        if (!node.isArray() || node.size() != a.size()) return fail(u"array size"_s);
        if (a.isEmpty() != node.first().isUndefined()) return fail(u"first"_s);
        qsizetype i = 0;
        for (const JsonNode element : node)
            if (!sameValue(element, a.at(i++), why)) return false;
        return i == a.size() || fail(u"array iteration"_s);
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        if (!node.isObject() || node.size() < o.size()) return fail(u"object size"_s);
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!isAscii(it.key())) continue; // lookups take ASCII keys
            const QByteArray key = it.key().toLatin1();
            if (!sameValue(node[QLatin1String(key)], it.value(), why)) return false;
        }
        return node["\x01missing"_L1].isUndefined() || fail(u"missing member"_s);
    }
    case QJsonValue::Undefined:
        break;
    }
    return fail(u"undefined"_s);
}

QJsonValue rootValue(const QJsonDocument &doc)
{
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QString randomString(QRandomGenerator &rng)
{
    QString s;
    for (int i = rng.bounded(12); i > 0; --i) {
        switch (rng.bounded(6)) {
        case 0:
            s += QChar(char16_t(rng.bounded(0x20)));
            break;
        case 1:
            s += QChar(char16_t(0x20 + rng.bounded(0x60)));
            break;
        case 2:
            s += QChar(char16_t(0x80 + rng.bounded(0x780)));
            break;
        case 3:
            s += QChar(char16_t(0x800 + rng.bounded(0xd000)));
            break;
        case 4: {
            const char32_t c = 0x10000 + rng.bounded(0xfffff);
            s += QString::fromUcs4(&c, 1);
            break;
        }
        default:
            s += "\"\\/"_L1;
            break;
        }
    }
    return s;
}

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth > 4 ? 5 : 8)) {
    case 0:
        return QJsonValue::Null;
    case 1:
        return rng.bounded(2) == 1;
    case 2:
        return qint64(rng.generate64());
    case 3:
        return std::ldexp(rng.generateDouble() - 0.5, rng.bounded(-1070, 1020));
    case 4:
        return randomString(rng);
    case 5:
    case 6: {
        QJsonArray a;
        for (int i = rng.bounded(5); i > 0; --i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        QJsonObject o;
        for (int i = rng.bounded(5); i > 0; --i)
            o.insert(rng.bounded(3) ? u"k%1"_s.arg(rng.bounded(20)) : randomString(rng),
                     randomValue(rng, depth + 1));
        return o;
    }
    }
}

} // namespace

class TestProviderJson : public QObject
{
    Q_OBJECT

private slots:
    void writerEscapes_data();
    void writerEscapes();
    void writerMatchesQtForEveryCodeUnit();
    void writerNumbers_data();
    void writerNumbers();
    void writerStructure();
    void writerGrowsFromATinyReserve();

    void readerAcceptsOnlyJson_data();
    void readerAcceptsOnlyJson();
    void readerAccess();
    void readerDecodesStrings_data();
    void readerDecodesStrings();
    void readerNestingLimit();
    void readerAgreesWithQJsonDocument();
};

void TestProviderJson::writerEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("plain") << u"plain text"_s << QByteArray(R"(["plain text"])");
    QTest::addRow("quote and backslash") << u"a\"b\\c"_s << QByteArray(R"(["a\"b\\c"])");
    QTest::addRow("slash unescaped") << u"a/b"_s << QByteArray(R"(["a/b"])");
    QTest::addRow("short escapes") << u"\b\f\n\r\t"_s << QByteArray(R"(["\b\f\n\r\t"])");
    QTest::addRow("other controls") << QString(QChar(0x01)) + QChar(0x1f)
                                    << QByteArray(R"(["\u0001\u001f"])");
    QTest::addRow("DEL as is") << QString(QChar(0x7f)) << QByteArray("[\"\x7f\"]");
    QTest::addRow("two-byte UTF-8") << u"é"_s << QByteArray("[\"\xc3\xa9\"]");
    QTest::addRow("three-byte UTF-8") << u"€"_s << QByteArray("[\"\xe2\x82\xac\"]");
    QTest::addRow("surrogate pair") << u"😀"_s << QByteArray("[\"\xf0\x9f\x98\x80\"]");
    QTest::addRow("lone high surrogate") << QString(QChar(0xd800)) << QByteArray(R"(["\ud800"])");
    QTest::addRow("lone low surrogate") << QString(QChar(0xdc00)) + u"x"_s << QByteArray(R"(["\udc00x"])");
    QTest::addRow("empty") << QString() << QByteArray(R"([""])");
}

void TestProviderJson::writerEscapes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, expected);
    QCOMPARE(written(text), expected);
    QCOMPARE(written(text), qtCompact(text));
}

void TestProviderJson::writerMatchesQtForEveryCodeUnit()
{
    for (uint u = 0; u <= 0xffff; ++u) {
        const QString s{QChar(char16_t(u))};
        if (written(s) != qtCompact(s)) QFAIL(qPrintable(u"code unit %1"_s.arg(u, 4, 16, QLatin1Char('0'))));
    }
    // Latin-1 keys and values go out as UTF-8 too.
    JsonWriter json;
    json.beginObject().field("k\xe9y"_L1, "v\xe9\x01"_L1).endObject();
    const QString key = QString::fromLatin1("k\xe9y");
    const QString value = QString::fromLatin1("v\xe9\x01");
    QCOMPARE(json.take(), QJsonDocument(QJsonObject{{key, value}}).toJson(QJsonDocument::Compact));
}

void TestProviderJson::writerNumbers_data()
{
    QTest::addColumn<double>("number");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("tenth") << 0.1 << QByteArray("[0.1]");
    QTest::addRow("third") << 1.0 / 3.0 << QByteArray("[0.3333333333333333]");
    QTest::addRow("whole") << 3.0 << QByteArray("[3]");
    QTest::addRow("large") << 1e300 << QByteArray("[1e+300]");
    QTest::addRow("denormal") << 5e-324 << QByteArray("[5e-324]");
    QTest::addRow("infinity") << std::numeric_limits<double>::infinity() << QByteArray("[null]");
    QTest::addRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QByteArray("[null]");
}

void TestProviderJson::writerNumbers()
{
    QFETCH(double, number);
    QFETCH(QByteArray, expected);
    JsonWriter json;
    json.beginArray().value(number).endArray();
    const QByteArray out = json.take();
    QCOMPARE(out, expected);
    if (std::isfinite(number)) QCOMPARE(QJsonDocument::fromJson(out).array().at(0).toDouble(), number);

    for (const qint64 n :
         {qint64(0), qint64(-1), std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()}) {
        json.beginArray().value(n).endArray();
        QCOMPARE(json.take(), "[" + QByteArray::number(n) + "]");
    }
}

void TestProviderJson::writerStructure()
{
    JsonWriter json;
    json.beginObject()
        .field("a"_L1, 1)
        .key("b"_L1)
        .beginArray()
        .endArray()
        .key("c"_L1)
        .beginObject()
        .endObject()
        .field("d"_L1, true)
        .field("e"_L1, false)
        .nullField("f"_L1)
        .key("g"_L1)
        .beginArray()
        .value(1)
        .beginObject()
        .endObject()
        .null()
        .endArray()
        .endObject();
    QCOMPARE(json.take(), QByteArray(R"({"a":1,"b":[],"c":{},"d":true,"e":false,"f":null,"g":[1,{},null]})"));
    QVERIFY(json.take().isEmpty());
    json.beginArray().endArray();
    QCOMPARE(json.take(), QByteArray("[]"));
}

void TestProviderJson::writerGrowsFromATinyReserve()
{
    JsonWriter json(1);
    QJsonArray expected;
    json.beginArray();
    for (int i = 0; i < 500; ++i) {
        const QString s = QString::number(i) + QChar(0x20ac) + QChar(char16_t(i % 32)) + u"\"x"_s;
        json.beginObject().field("s"_L1, s).field("n"_L1, qint64(i) * 1'000'003).field("b"_L1, i % 2 == 0);
        json.nullField("z"_L1).endObject();
        expected.append(QJsonObject{
            {u"s"_s, s}, {u"n"_s, qint64(i) * 1'000'003}, {u"b"_s, i % 2 == 0}, {u"z"_s, QJsonValue::Null}});
    }
    json.endArray();
    QCOMPARE(QJsonDocument::fromJson(json.take()).array(), expected);

    const QString big(100'000, QChar(0x01)); // six bytes out for every unit in
    JsonWriter small(8);
    small.beginArray().value(big).endArray();
    QCOMPARE(small.take(), qtCompact(big));
}

void TestProviderJson::readerAcceptsOnlyJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    auto row = [](const char *name, const char *body, bool valid) {
        QTest::addRow("%s", name) << QByteArray(body) << valid;
    };
    row("empty object", "{}", true);
    row("empty array", "[]", true);
    row("whitespace around", " \t\r\n[ ] \n", true);
    row("BOM", "\xef\xbb\xbf{}", true);
    row("duplicate keys", R"({"a":1,"a":2})", true);
    row("lone surrogate escape", R"(["\ud800"])", true);
    row("surrogate pair escape", R"(["\ud83d\ude00"])", true);
    row("four-byte UTF-8", "[\"\xf0\x9f\x98\x80\"]", true);
    row("noncharacter", "[\"\xef\xbf\xbf\"]", true);
    row("DEL in string", "[\"\x7f\"]", true);
    row("numbers", "[1E2,-0,-0.0,0.5e-3,12345678901234567890,-9223372036854775808,4.9e-324]", true);
    row("empty body", "", false);
    row("only whitespace", " ", false);
    row("only BOM", "\xef\xbb\xbf", false);
    row("string at the top", R"("a")", false);
    row("number at the top", "1", false);
    row("null at the top", "null", false);
    row("two documents", "{} {}", false);
    row("garbage after", "{}x", false);
    row("truncated object", R"({"a":1)", false);
    row("truncated string", R"(["a)", false);
    row("unterminated array", R"(["a")", false);
    row("trailing comma in array", "[1,2,]", false);
    row("trailing comma in object", R"({"a":1,})", false);
    row("lone comma in object", "{,}", false);
    row("lone comma in array", "[,]", false);
    row("missing comma", "[1 2]", false);
    row("missing colon", R"({"a" 1})", false);
    row("missing value", R"({"a":})", false);
    row("unquoted key", "{a:1}", false);
    row("single quotes", "['a']", false);
    row("leading zero", "[01]", false);
    row("no fraction digits", "[1.]", false);
    row("no integer digits", "[.5]", false);
    row("lone minus", "[-]", false);
    row("no exponent digits", "[1e]", false);
    row("signed empty exponent", "[1e+]", false);
    row("plus sign", "[+1]", false);
    row("overflowing number", "[1e400]", false);
    row("underflowing number", "[1e-400]", false);
    row("NaN", "[NaN]", false);
    row("Infinity", "[Infinity]", false);
    row("short literal", "[tru]", false);
    row("long literal", "[truex]", false);
    row("unknown escape", R"(["\a"])", false);
    row("hex escape", R"(["\x41"])", false);
    row("short unicode escape", R"(["\u12"])", false);
    row("bad unicode escape", R"(["\u12g4"])", false);
    row("raw newline in string", "[\"a\nb\"]", false);
    row("raw control in string", "[\"a\x01\"]", false);
    row("overlong UTF-8", "[\"\xc0\xaf\"]", false);
    row("UTF-8 surrogate", "[\"\xed\xa0\x80\"]", false);
    row("beyond U+10FFFF", "[\"\xf4\x90\x80\x80\"]", false);
    row("truncated UTF-8", "[\"\xe2\x82\"]", false);
    row("invalid byte", "[\"\xff\"]", false);
}

void TestProviderJson::readerAcceptsOnlyJson()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    JsonTree doc;
    QCOMPARE(doc.parse(body), valid);
    QCOMPARE(doc.root().isUndefined(), !valid);
    if (valid) {
        QString why;
        QVERIFY2(sameValue(doc.root(), rootValue(QJsonDocument::fromJson(body)), &why), qPrintable(why));
    }
}

void TestProviderJson::readerAccess()
{
    JsonTree doc;
    QVERIFY(doc.parse(R"({"s":"text","n":42,"d":1.5,"w":2.0,"b":true,"z":null,"a":[1,{"k":"v"}],"o":{},)"
                      R"("dup":1,"dup":2,"big":9223372036854775808})"));
    const JsonNode root = doc.root();
    QVERIFY(root.isObject());
    QCOMPARE(root.size(), qsizetype(11));
    QCOMPARE(root["s"_L1].toString(), u"text"_s);
    QVERIFY(root["s"_L1].stringEquals("text"_L1));
    QVERIFY(!root["s"_L1].stringEquals("tex"_L1));
    QCOMPARE(root["n"_L1].toInteger(), qint64(42));
    QCOMPARE(root["d"_L1].toInteger(), qint64(0)); // as QJsonValue::toInteger: not integral
    QCOMPARE(root["d"_L1].toDouble(), 1.5);
    QCOMPARE(root["w"_L1].toInteger(), qint64(2));
    QCOMPARE(root["big"_L1].toInteger(), qint64(0)); // does not fit
    QVERIFY(root["b"_L1].toBool());
    QVERIFY(root["z"_L1].isNull());
    QCOMPARE(root["dup"_L1].toInteger(), qint64(2)); // the last one, as QJsonDocument keeps it
    QCOMPARE(root["a"_L1].size(), qsizetype(2));
    QCOMPARE(root["a"_L1].first().toInteger(), qint64(1));
    QVERIFY(root["o"_L1].isObject());
    QVERIFY(root["o"_L1].first().isUndefined());

    // Wrong types read as empty, 0, false or undefined, never fail.
    const JsonNode missing = root["missing"_L1];
    QVERIFY(missing.isUndefined());
    QVERIFY(!missing.isNull());
    QVERIFY(missing["x"_L1].isUndefined());
    QVERIFY(missing.first().isUndefined());
    QCOMPARE(missing.size(), qsizetype(0));
    QVERIFY(missing.begin() == missing.end());
    QVERIFY(root["n"_L1].toString().isEmpty());
    QCOMPARE(root["s"_L1].toInteger(), qint64(0));
    QVERIFY(!root["n"_L1].toBool());
    QVERIFY(root["s"_L1]["x"_L1].isUndefined());
    QVERIFY(root["o"_L1].begin() == root["o"_L1].end()); // objects do not iterate as arrays
    int elements = 0;
    for (const JsonNode element : root["a"_L1]) {
        Q_UNUSED(element)
        ++elements;
    }
    QCOMPARE(elements, 2);

    // A failed parse leaves nothing behind.
    QVERIFY(!doc.parse("{\"a\":"));
    QVERIFY(doc.root().isUndefined());
}

void TestProviderJson::readerDecodesStrings_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain") << QByteArray(R"(["abc"])") << u"abc"_s;
    QTest::addRow("short escapes") << QByteArray(R"(["\"\\\/\b\f\n\r\t"])") << u"\"\\/\b\f\n\r\t"_s;
    QTest::addRow("unicode escapes") << QByteArray(R"(["\u0041\u00e9\u20AC"])") << u"Aé€"_s;
    QTest::addRow("escaped pair") << QByteArray(R"(["\ud83d\ude00"])") << u"😀"_s;
    QTest::addRow("lone surrogate") << QByteArray(R"(["\ud800x"])") << QString(QChar(0xd800)) + u"x"_s;
    QTest::addRow("UTF-8 with escapes")
        << QByteArray("[\"\xc3\xa9\\n\xe2\x82\xac\xf0\x9f\x98\x80\"]") << u"é\n€😀"_s;
    QTest::addRow("escaped key") << QByteArray(R"({"k\u0065y":"v"})") << u"v"_s;
}

void TestProviderJson::readerDecodesStrings()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    JsonTree doc;
    QVERIFY(doc.parse(body));
    const QJsonDocument qt = QJsonDocument::fromJson(body);
    const bool inArray = doc.root().isArray();
    const JsonNode value = inArray ? doc.root().first() : doc.root()["key"_L1];
    QCOMPARE(value.toString(), expected);
    QCOMPARE(value.toString(),
             inArray ? qt.array().at(0).toString() : qt.object().value(u"key"_s).toString());
}

void TestProviderJson::readerNestingLimit()
{
    for (const int depth : {1024, 1025}) {
        const QByteArray body = QByteArray(depth, '[') + QByteArray(depth, ']');
        JsonTree doc;
        QJsonParseError error;
        QJsonDocument::fromJson(body, &error);
        QCOMPARE(doc.parse(body), depth <= 1024);
        QCOMPARE(doc.parse(body), error.error == QJsonParseError::NoError);
    }
}

void TestProviderJson::readerAgreesWithQJsonDocument()
{
    // Generated documents read alike; corrupted ones are never accepted when QJsonDocument rejects them (the
    // reverse happens where QJsonDocument is lax: unknown escapes, raw control characters, "1.").
    QRandomGenerator rng(20'240'601);
    static const char interesting[] =
        "{}[]\",:\\/0123456789.eE+-tfnu \t\n\x01\x7f\x80\xbf\xc0\xc3\xe0\xed\xef\xf0\xf4\xff";
    int bothAccept = 0;
    for (int round = 0; round < 2000; ++round) {
        const QJsonValue v = randomValue(rng, 0);
        const QJsonDocument source = v.isArray()    ? QJsonDocument(v.toArray())
                                     : v.isObject() ? QJsonDocument(v.toObject())
                                                    : QJsonDocument(QJsonArray{v});
        const QByteArray body =
            source.toJson(rng.bounded(2) ? QJsonDocument::Compact : QJsonDocument::Indented);
        JsonTree doc;
        QVERIFY2(doc.parse(body), body.constData());
        QString why;
        QVERIFY2(sameValue(doc.root(), rootValue(QJsonDocument::fromJson(body)), &why), qPrintable(why));

        for (int m = 0; m < 8; ++m) {
            QByteArray corrupt = body;
            for (int edits = 1 + rng.bounded(3); edits > 0 && !corrupt.isEmpty(); --edits) {
                const int at = rng.bounded(int(corrupt.size()));
                const char c = rng.bounded(3) ? interesting[rng.bounded(int(sizeof interesting - 1))]
                                              : char(rng.bounded(256));
                switch (rng.bounded(4)) {
                case 0:
                    corrupt[at] = c;
                    break;
                case 1:
                    corrupt.insert(at, c);
                    break;
                case 2:
                    corrupt.remove(at, 1);
                    break;
                default:
                    corrupt.truncate(at);
                    break;
                }
            }
            QJsonParseError error;
            const QJsonDocument qt = QJsonDocument::fromJson(corrupt, &error);
            const bool accepted = doc.parse(corrupt);
            if (error.error != QJsonParseError::NoError)
                QVERIFY2(!accepted, corrupt.toPercentEncoding().constData());
            else if (accepted) {
                ++bothAccept;
                QVERIFY2(sameValue(doc.root(), rootValue(qt), &why), qPrintable(why));
            }
        }
    }
    QVERIFY(bothAccept > 100); // the corruption left enough valid documents to compare
}

QTEST_GUILESS_MAIN(TestProviderJson)
#include "tst_providerjson.moc"
