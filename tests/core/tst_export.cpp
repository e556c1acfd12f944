// HistoryExporter on SQLite and PostgreSQL: CSV that an RFC 4180 parser reads back into exactly the stored
// rows (commas, quotes, CR, LF and non-ASCII inside fields), JSON that parses back into the rows, the history
// filters, keyset pages across ties, bounded writes, and failing devices.
#include "storage/historyexporter.h"

#include "historystoretest.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>

using namespace airm;
using namespace airm::testenv;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;

// RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold commas, CR, LF and doubled
// quotes.
QList<QStringList> parseCsv(const QString &text, bool *ok)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, fieldStarted = false;
    *ok = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            if (fieldStarted) *ok = false; // a quote inside an unquoted field
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            fieldStarted = false;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            fieldStarted = false;
            ++i;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            *ok = false; // a bare line break outside quotes
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted || !field.isEmpty() || !row.isEmpty()) *ok = false; // the last record must end with CRLF
    return rows;
}

QList<RequestRecord> records()
{
    const QStringList prompts{QStringLiteral("plain"),
                              QStringLiteral("with, comma"),
                              QStringLiteral("say \"hi\""),
                              QStringLiteral("two\nlines"),
                              QStringLiteral("crlf\r\nline"),
                              QStringLiteral("  padded  "),
                              QStringLiteral("ünïcödé ✓ 日本"),
                              QString(),
                              QStringLiteral("\"quoted\",\r\n\"all\"")};
    QList<RequestRecord> out;
    for (int i = 0; i < 60; ++i) {
        RequestRecord r =
            makeRecord(i % 2 ? QStringLiteral("alpha") : QStringLiteral("beta"), kT0 + qint64(i / 3) * 1000,
                       i % 4 == 3 ? Outcome::Failure : Outcome::Success, 12.5 + i);
        r.prompt = prompts[i % prompts.size()];
        if (r.outcome == Outcome::Failure) r.errorMessage = QStringLiteral("bad, \"very\" bad\nreally");
        if (i % 5 == 0) r.chaosIds = {QStringLiteral("chaos-1"), QStringLiteral("chaos-2")};
        if (i % 7 == 0) r.retryAfterMs = 3000;
        r.costUsd = 0.000001 * i;
        out << r;
    }
    return out;
}

// Records the largest single write, to show the export is written in bounded pieces.
class MeasuringDevice : public QIODevice
{
public:
    qint64 largestWrite = 0;
    qint64 total = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        largestWrite = std::max(largestWrite, len);
        total += len;
        return len;
    }
};

} // namespace

class TestExport : public HistoryStoreTest
{
    Q_OBJECT
public:
    using HistoryStoreTest::HistoryStoreTest;

protected:
    void seed(TestDatabase &db) override { db.write(records()); }

private slots:
    void csvField_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::addRow("plain") << "abc"
                               << "abc";
        QTest::addRow("empty") << ""
                               << "";
        QTest::addRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::addRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::addRow("newline kept as is") << "a\nb"
                                            << "\"a\nb\"";
        QTest::addRow("carriage return") << "a\rb"
                                         << "\"a\rb\"";
        QTest::addRow("spaces kept") << " a "
                                     << " a ";
    }
    void csvField()
    {
        QFETCH(QString, value);
        QFETCH(QString, field);
        QCOMPARE(HistoryExporter::csvField(value), field);
    }

    void csvRoundTrip_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<bool>("includePrompt");
        QTest::addRow("everything, pages of 4 (ties across pages)") << QString() << 4 << true;
        QTest::addRow("one service, one page") << QStringLiteral("alpha") << 1000 << true;
        QTest::addRow("without prompts") << QString() << 7 << false;
    }
    void csvRoundTrip()
    {
        QFETCH(QString, service);
        QFETCH(int, pageSize);
        QFETCH(bool, includePrompt);
        HistoryFilter f;
        if (!service.isEmpty()) f.services = {service};
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QString error;
        ExportOptions o;
        o.pageSize = pageSize;
        o.includePrompt = includePrompt;
        const qint64 n = HistoryExporter(store()).exportCsv(f, &buffer, &error, o);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const HistoryPage expected = store().history(f, 1000);
        QCOMPARE(n, qint64(expected.rows.size()));

        bool ok = false;
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(buffer.data()), &ok);
        QVERIFY2(ok, "not valid RFC 4180");
        QCOMPARE(rows.size(), expected.rows.size() + 1);
        QCOMPARE(rows[0], HistoryExporter::csvColumns(includePrompt));
        for (qsizetype i = 0; i < expected.rows.size(); ++i)
            QCOMPARE(rows[i + 1], HistoryExporter::csvValues(expected.rows[i], includePrompt));
        // Real line breaks inside quoted fields, not escapes.
        if (includePrompt && service.isEmpty()) QVERIFY(buffer.data().contains("\"two\nlines\""));
        // The values are the records' own.
        const int promptColumn = int(HistoryExporter::csvColumns().indexOf(QStringLiteral("prompt")));
        if (includePrompt) {
            QStringList prompts;
            for (qsizetype i = 1; i < rows.size(); ++i)
                prompts << rows[i][promptColumn];
            QVERIFY(prompts.contains(QStringLiteral("\"quoted\",\r\n\"all\"")) || !service.isEmpty());
        }
    }

    void jsonRoundTrip()
    {
        HistoryFilter f;
        f.outcomes = {Outcome::Failure};
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QString error;
        ExportOptions o;
        o.pageSize = 2;
        const qint64 n = HistoryExporter(store()).exportJson(f, &buffer, kT0 + 1, &error, o);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QJsonParseError parseError;
        const QJsonObject doc = QJsonDocument::fromJson(buffer.data(), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(doc.value(QStringLiteral("count")).toInteger(), n);
        QCOMPARE(doc.value(QStringLiteral("filter")).toObject(), f.toJson());
        QCOMPARE(doc.value(QStringLiteral("exportedAt")).toString(),
                 QStringLiteral("2023-11-14T22:13:20.001Z"));
        const QJsonArray rows = doc.value(QStringLiteral("requests")).toArray();
        const HistoryPage expected = store().history(f, 1000);
        QCOMPARE(rows.size(), expected.rows.size());
        QCOMPARE(n, 15);
        for (qsizetype i = 0; i < rows.size(); ++i)
            QCOMPARE(rows[i].toObject(), expected.rows[i].toJson());
    }

    void emptyExport()
    {
        HistoryFilter f;
        f.services = {QStringLiteral("nobody")};
        QBuffer csv, json;
        csv.open(QIODevice::WriteOnly);
        json.open(QIODevice::WriteOnly);
        QCOMPARE(HistoryExporter(store()).exportCsv(f, &csv), 0);
        QCOMPARE(HistoryExporter(store()).exportJson(f, &json, kT0), 0);
        QCOMPARE(csv.data(), HistoryExporter::csvColumns().join(QLatin1Char(',')).toUtf8() + "\r\n");
        QCOMPARE(
            QJsonDocument::fromJson(json.data()).object().value(QStringLiteral("requests")).toArray().size(),
            0);
    }

    void largeExportWritesInBoundedPieces()
    {
        TestDatabase db(backend());
        QList<RequestRecord> many;
        for (int i = 0; i < 5000; ++i)
            many << makeRecord(QStringLiteral("bulk"), kT0 + i);
        db.write(many);
        HistoryStore store(db.db());
        MeasuringDevice device;
        device.open(QIODevice::WriteOnly);
        QString error;
        QCOMPARE(HistoryExporter(store).exportCsv({}, &device, &error), 5000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(device.total > 5000 * 100);
        QVERIFY2(device.largestWrite < 80 * 1024, qPrintable(QString::number(device.largestWrite)));
        MeasuringDevice jsonDevice;
        jsonDevice.open(QIODevice::WriteOnly);
        QCOMPARE(HistoryExporter(store).exportJson({}, &jsonDevice, kT0, &error), 5000);
        QVERIFY(jsonDevice.largestWrite < 80 * 1024);
    }

    void cancelAndProgress()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        ExportOptions o;
        o.pageSize = 5;
        int asked = 0;
        o.cancelled = [&] { return ++asked > 12; };
        QList<qint64> progress;
        o.progress = [&](qint64 rows) { progress << rows; };
        QString error;
        QCOMPARE(HistoryExporter(store()).exportCsv({}, &buffer, &error, o), -1);
        QCOMPARE(error, QStringLiteral("export cancelled"));
        QCOMPARE(progress, (QList<qint64>{5, 10}));
        progress.clear();
        o.cancelled = nullptr;
        QCOMPARE(HistoryExporter(store()).exportJson({}, &buffer, kT0, &error, o), 60);
        QCOMPARE(progress.size(), 13); // every 5 rows, then the total
        QCOMPARE(progress.constLast(), 60);
    }

    void failingDevice()
    {
        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly);
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
        QString error;
        QCOMPARE(HistoryExporter(store()).exportCsv({}, &readOnly, &error), -1);
        QVERIFY2(error.contains(QLatin1String("writing")), qPrintable(error));
        QCOMPARE(HistoryExporter(store()).exportJson({}, &readOnly, kT0, &error), -1);
        QVERIFY(!error.isEmpty());
    }
};

AIRM_STORAGE_TEST_MAIN(TestExport)

#include "tst_export.moc"
