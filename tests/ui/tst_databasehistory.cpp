// The desktop's history database end to end on SQLite: the engine's records, transitions and experiments
// reach the database through the writer, and DatabaseHistorySource answers pages, counts, analytics and
// exports from it on its own threads; the storage state reaches the status object; clear empties it.
#include "uitestrig.h"

#include "databasehistorysource.h"
#include "historydatabase.h"
#include "storagestatus.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

namespace {

qint64 countOf(HistorySource *source, const HistoryFilter &filter)
{
    QSignalSpy spy(source, &HistorySource::countReady);
    const quint64 ticket = source->requestCount(filter);
    while (spy.wait(5000))
        for (const QList<QVariant> &args : std::as_const(spy))
            if (args.at(0).toULongLong() == ticket) return args.at(1).toLongLong();
    return -1;
}

} // namespace

class TestDatabaseHistory : public QObject
{
    Q_OBJECT
private slots:
    void engineToDatabaseAndBack()
    {
        UiRig rig(false);
        StorageStatus status;
        StorageConfig config;
        config.flushIntervalMs = 20;
        config.firstCleanupDelayMs = 3'600'000;
        config.journalPath = rig.dir.filePath(QStringLiteral("journal.jsonl"));
        auto db = std::make_unique<HistoryDatabase>(rig.dir.filePath(QStringLiteral("history.db")), config,
                                                    &status);
        QVERIFY2(db->isOpen(), qPrintable(db->error()));
        db->attach(rig.host.get());
        HistorySource *source = db->source();
        QVERIFY(source);
        QVERIFY(source->describe().contains(QStringLiteral("history.db")));

        rig.send(QStringLiteral("gemini"), 12);
        rig.send(QStringLiteral("cohere"), 6);
        rig.host->post(
            [](RequestEngine &e) { e.forceBreaker(QStringLiteral("cohere"), BreakerState::ForcedOpen); });
        QTRY_COMPARE(countOf(source, {}), qint64(18));
        QTRY_VERIFY(status.available() && status.state().isOk());
        QTRY_VERIFY(status.state().written >=
                    18); // the state signal is rate-limited: it may trail the commit

        HistoryFilter cohere;
        cohere.services = {QStringLiteral("cohere")};
        QCOMPARE(countOf(source, cohere), qint64(6));
        QSignalSpy pages(source, &HistorySource::pageReady);
        const quint64 ticket = source->requestPage(cohere, 4, std::nullopt);
        QVERIFY(pages.wait(5000));
        QCOMPARE(pages.constLast().at(0).toULongLong(), ticket);
        const HistoryPage page = pages.constLast().at(1).value<HistoryPage>();
        QCOMPARE(page.rows.size(), 4);
        QVERIFY(page.next.has_value());
        QCOMPARE(page.rows.constFirst().record.service, QStringLiteral("cohere"));

        QSignalSpy analytics(source, &HistorySource::analyticsReady);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        source->requestAnalytics(now - 3'600'000, now + 1000);
        QVERIFY(analytics.wait(10000));
        const AnalyticsReport report = analytics.constLast().at(1).value<AnalyticsReport>();
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.stats.overall.requests, qint64(18));
        QCOMPARE(report.leaderboard.size(), 2);

        // Exports: CSV with a header and one line per row, JSON with the rows and their count.
        QSignalSpy finished(source, &HistorySource::exportFinished);
        const QString csvPath = rig.dir.filePath(QStringLiteral("out.csv"));
        source->exportRequests({}, csvPath, HistorySource::ExportFormat::Csv);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.constLast().at(1).toBool(), qPrintable(finished.constLast().at(2).toString()));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count("\r\n"), 19);

        const QString jsonPath = rig.dir.filePath(QStringLiteral("out.json"));
        source->exportRequests(cohere, jsonPath, HistorySource::ExportFormat::Json);
        QVERIFY(finished.wait(10000));
        QFile json(jsonPath);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(doc.value(QStringLiteral("count")).toInt(), 6);
        QCOMPARE(doc.value(QStringLiteral("requests")).toArray().size(), 6);

        QSignalSpy cleared(source, &HistorySource::cleared);
        source->clearHistory();
        QVERIFY(cleared.wait(10000));
        QVERIFY2(cleared.constLast().at(1).toBool(), qPrintable(cleared.constLast().at(2).toString()));
        QCOMPARE(countOf(source, {}), qint64(0));

        rig.host->stop(1000); // the engine first, then the writer: nothing is enqueued to a stopped writer
        db.reset();
    }

    void badLocationIsReported()
    {
        StorageStatus status;
        HistoryDatabase db(QStringLiteral("postgresql://user@:notaport/db"), {}, &status);
        QVERIFY(!db.isOpen());
        QVERIFY(!db.error().isEmpty());
        QVERIFY(!status.available());
        QVERIFY(!status.unavailableReason().isEmpty());
        QVERIFY(!db.source());
    }
};

QTEST_MAIN(TestDatabaseHistory)
#include "tst_databasehistory.moc"
