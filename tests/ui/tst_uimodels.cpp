// The item models behind the tables and the log, under QAbstractItemModelTester while they change the way
// the live application changes them; and the pure helpers the charts rely on (decimation, series cache,
// nice axis ceilings, time windows, labels).
#include "uitestrig.h"

#include "activechaosmodel.h"
#include "chaoshistorymodel.h"
#include "decimation.h"
#include "historytablemodel.h"
#include "labels.h"
#include "requestlogmodel.h"
#include "seriescache.h"
#include "timechartview.h"
#include "timewindow.h"
#include "transitionmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

namespace {

RequestRecord record(quint64 id, Outcome outcome, Origin origin = Origin::Automation)
{
    RequestRecord r;
    r.id = id;
    r.service = QStringLiteral("gemini");
    r.outcome = outcome;
    r.origin = origin;
    r.finishedAtMs = 1'700'000'000'000 + qint64(id);
    r.latencyMs = 42;
    r.prompt = QStringLiteral("What is AI?");
    if (outcome != Outcome::Success) {
        r.errorClass = ErrorClass::ServerError;
        r.errorMessage = QStringLiteral("HTTP 500");
    }
    return r;
}

QList<RequestRecord> batch(quint64 firstId, int n, Outcome outcome = Outcome::Success)
{
    QList<RequestRecord> out;
    for (int i = 0; i < n; ++i)
        out << record(firstId + quint64(i), outcome);
    return out;
}

ActiveChaos chaos(const QString &id, qint64 endsAtMs)
{
    ActiveChaos a;
    a.id = id;
    a.type = ChaosType::Failure;
    a.targets = {QStringLiteral("gemini")};
    a.startedAtMs = endsAtMs - 30'000;
    a.endsAtMs = endsAtMs;
    ChaosSpec spec;
    spec.type = ChaosType::Failure;
    spec.errorStatus = 503;
    spec.probabilityPct = 50;
    a.spec = spec.toJson();
    return a;
}

} // namespace

class TestUiModels : public QObject
{
    Q_OBJECT
private slots:
    void requestLogIsABoundedRing()
    {
        RequestLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(100);
        QCOMPARE(model.append(batch(1, 60)), 60);
        QCOMPARE(model.rowCount(), 60);
        QCOMPARE(model.append(batch(61, 60)), 60);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(0).data(RequestLogModel::RequestIdRole).toULongLong(), 21ULL);
        QCOMPARE(model.index(99).data(RequestLogModel::RequestIdRole).toULongLong(), 120ULL);
        // A batch larger than the capacity keeps its newest lines.
        QCOMPARE(model.append(batch(1000, 250)), 100);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(0).data(RequestLogModel::RequestIdRole).toULongLong(), 1150ULL);
        QCOMPARE(model.totalAppended(), qint64(370));
        model.setCapacity(10);
        QCOMPARE(model.rowCount(), 10);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void requestLogColoursAndFilters()
    {
        RequestLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTheme(Theme::dark());
        model.append(
            {record(1, Outcome::Success), record(2, Outcome::Failure), record(3, Outcome::Rejected)});
        QCOMPARE(model.index(1).data(Qt::ForegroundRole).value<QColor>(), Theme::dark().error);
        QCOMPARE(model.index(2).data(Qt::ForegroundRole).value<QColor>(), Theme::dark().neutral);
        QVERIFY(model.index(1).data().toString().contains(QStringLiteral("server_error")));
        QCOMPARE(model.index(1).data(Qt::ToolTipRole).toString(), QStringLiteral("HTTP 500"));
        model.setFilter(RequestLogModel::Filter::Failures);
        QCOMPARE(model.append({record(4, Outcome::Success), record(5, Outcome::Timeout)}), 1);
        model.setFilter(RequestLogModel::Filter::Automation);
        QCOMPARE(model.append({record(6, Outcome::Success, Origin::Manual), record(7, Outcome::Success)}), 1);
    }

    void requestLogKeepsUpWithThousandsPerSecond()
    {
        RequestLogModel model;
        model.setCapacity(RequestLogModel::kDefaultCapacity);
        QElapsedTimer timer;
        timer.start();
        quint64 id = 1;
        for (int b = 0; b < 100; ++b) { // 10 s of 1 000 requests/s in 100 ms batches
            model.append(batch(id, 100));
            id += 100;
        }
        QCOMPARE(model.rowCount(), RequestLogModel::kDefaultCapacity);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    }

    void transitionModelNewestFirst()
    {
        TransitionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<BreakerTransition> ts;
        for (int i = 0; i < 5; ++i)
            ts.append(
                {1000LL * i, QStringLiteral("gemini"), i % 2 ? BreakerState::Open : BreakerState::Closed,
                 i % 2 ? BreakerState::Closed : BreakerState::Open, QStringLiteral("reason %1").arg(i)});
        model.setTransitions(ts);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, TransitionModel::Reason).data().toString(), QStringLiteral("reason 4"));
        QCOMPARE(model.index(0, TransitionModel::To).data(Qt::ForegroundRole).value<QColor>(),
                 Theme::dark().breakerColor(ts.constLast().to));
        model.setTransitions(ts.mid(0, 2));
        QCOMPARE(model.rowCount(), 2);
        model.setTransitions({});
        QCOMPARE(model.rowCount(), 0);
    }

    void activeChaosModelKeepsRows()
    {
        ActiveChaosModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QHash<QString, ChaosImpact> impact;
        impact.insert(QStringLiteral("chaos-2"), {7, 3});
        model.setImpact(&impact);
        const qint64 now = 1'700'000'000'000;
        model.setExperiments(
            {chaos(QStringLiteral("chaos-1"), now + 10'000), chaos(QStringLiteral("chaos-2"), now + 70'000)});
        model.tick(now);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ActiveChaosModel::Remaining).data().toString(), QStringLiteral("10 s"));
        QCOMPARE(model.index(1, ActiveChaosModel::Remaining).data().toString(), QStringLiteral("1 min 10 s"));
        QCOMPARE(model.index(1, ActiveChaosModel::Failures).data().toString(), QStringLiteral("3"));
        QVERIFY(
            model.index(0, ActiveChaosModel::Parameters).data().toString().contains(QStringLiteral("503")));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setExperiments(
            {chaos(QStringLiteral("chaos-2"), now + 70'000), chaos(QStringLiteral("chaos-3"), now + 5000)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.experimentId(0), QStringLiteral("chaos-2"));
        QCOMPARE(model.experimentId(1), QStringLiteral("chaos-3"));
        QCOMPARE(resets.count(), 0);
        model.setExperiments({});
        QCOMPARE(model.rowCount(), 0);
    }

    void chaosHistoryMergesDuplicates()
    {
        ChaosHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChaosRecord a;
        a.id = QStringLiteral("chaos-1");
        a.startedMs = 1000;
        a.endedMs = 0;
        a.status = QStringLiteral("active");
        ChaosRecord ended = a;
        ended.endedMs = 31'000;
        ended.status = QStringLiteral("expired");
        ChaosRecord b;
        b.id = QStringLiteral("chaos-2");
        b.startedMs = 5000;
        b.endedMs = 6000;
        b.status = QStringLiteral("stopped");
        model.setRecords({a, b, ended});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.record(0).id, QStringLiteral("chaos-2")); // newest start first
        QCOMPARE(model.index(1, ChaosHistoryModel::Ended).data().toString(), QStringLiteral("expired"));
        QCOMPARE(model.index(1, ChaosHistoryModel::Duration).data().toString(), QStringLiteral("30 s"));
    }

    void historyTablePassesTheTester()
    {
        FakeHistorySource source;
        for (int i = 0; i < 250; ++i)
            source.rows.append(
                storedRequest(1000 - i, QStringLiteral("gemini"), Outcome::Success, 1'700'000'000'000 - i));
        HistoryTableModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter({});
        // The tester itself asks for more while it checks: every page arrives, in order, with consistent
        // signals.
        QTRY_COMPARE(model.rowCount(), 250);
        HistoryFilter none;
        none.services = {QStringLiteral("nobody")};
        model.setFilter(none);
        QTRY_COMPARE(model.matchingCount(), qint64(0));
        QCOMPARE(model.rowCount(), 0);
    }

    void historyTableFetchesLazily()
    {
        FakeHistorySource source;
        for (int i = 0; i < 250; ++i)
            source.rows.append(
                storedRequest(1000 - i, i % 2 ? QStringLiteral("gemini") : QStringLiteral("cohere"),
                              i % 5 ? Outcome::Success : Outcome::Failure, 1'700'000'000'000 - i * 1000));
        HistoryTableModel model(&source);
        model.setFilter({});
        QTRY_COMPARE(model.rowCount(), HistoryTableModel::kPageSize);
        QTRY_COMPARE(model.matchingCount(), qint64(250));
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // one page at a time
        QTRY_COMPARE(model.rowCount(), 2 * HistoryTableModel::kPageSize);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 250);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(source.pageFilters.size(), 3);
        QCOMPARE(model.request(0)->rowId, qint64(1000));
        QCOMPARE(model.request(249)->rowId, qint64(751));
        QCOMPARE(model.index(5, HistoryTableModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Failure"));

        HistoryFilter onlyGemini;
        onlyGemini.services = {QStringLiteral("gemini")};
        model.setFilter(onlyGemini);
        QCOMPARE(model.rowCount(), 0);
        QTRY_COMPARE(model.rowCount(), HistoryTableModel::kPageSize);
        QCOMPARE(source.pageFilters.constLast().services, QStringList{QStringLiteral("gemini")});
        QTRY_COMPARE(model.matchingCount(), qint64(125));
    }

    void decimationKeepsExtremes_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("buckets");
        QTest::addColumn<int>("maxOut");
        QTest::addRow("fits") << 100 << 60 << 100;
        QTest::addRow("one hour into 400 px") << 3600 << 200 << 400;
        QTest::addRow("dense") << 100'000 << 500 << 1000;
    }
    void decimationKeepsExtremes()
    {
        QFETCH(int, points);
        QFETCH(int, buckets);
        QFETCH(int, maxOut);
        QList<QPointF> in;
        for (int i = 0; i < points; ++i)
            in << QPointF(i, (i * 37) % 100);
        in[points / 3].setY(5000); // a spike
        in[points / 2].setY(-50);  // a dip
        const QList<QPointF> out = decimateMinMax(in, buckets);
        QVERIFY(out.size() <= maxOut);
        QVERIFY(std::is_sorted(out.cbegin(), out.cend(),
                               [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
        QVERIFY(std::any_of(out.cbegin(), out.cend(), [](const QPointF &p) { return p.y() == 5000; }));
        QVERIFY(std::any_of(out.cbegin(), out.cend(), [](const QPointF &p) { return p.y() == -50; }));
    }

    void decimationSkipsGaps()
    {
        QList<QPointF> in;
        for (int i = 0; i < 50; ++i)
            in << QPointF(i, 1);
        for (int i = 950; i < 1000; ++i)
            in << QPointF(i, 2);
        const QList<QPointF> out = decimateMinMax(in, 20);
        QSet<double> xs;
        for (const QPointF &p : out)
            xs.insert(p.x());
        QCOMPARE(xs.size(), out.size()); // no point twice
    }

    void seriesCacheMergesIncrementally()
    {
        SeriesCache cache(10);
        auto points = [](qint64 from, qint64 to, int requests) {
            QList<SecondPoint> out;
            for (qint64 s = from; s <= to; ++s) {
                SecondPoint p;
                p.second = s;
                p.requests = requests;
                out << p;
            }
            return out;
        };
        cache.merge(QStringLiteral("all"), points(100, 105, 1));
        cache.merge(QStringLiteral("all"), points(104, 108, 2)); // the engine's newer view of 104 and 105
        const QList<SecondPoint> r = cache.range(QStringLiteral("all"), 0, 1000);
        QCOMPARE(r.size(), 9);
        QCOMPARE(r.at(3).requests, 1);
        QCOMPARE(r.at(4).requests, 2);
        QCOMPARE(cache.newestSecond(), qint64(108));
        cache.merge(QStringLiteral("all"), points(109, 120, 3));
        QCOMPARE(cache.range(QStringLiteral("all"), 0, 1000).constFirst().second, qint64(110)); // bounded
        QCOMPARE(cache.range(QStringLiteral("all"), 115, 117).size(), 3);
        QVERIFY(cache.range(QStringLiteral("nope"), 0, 1000).isEmpty());
    }

    void niceCeilings_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("ceiling");
        QTest::addRow("small") << 3.2 << 5.0;
        QTest::addRow("exact") << 200.0 << 200.0;
        QTest::addRow("latency") << 2340.0 << 2500.0;
        QTest::addRow("zero") << 0.0 << 1.0;
    }
    void niceCeilings()
    {
        QFETCH(double, value);
        QFETCH(double, ceiling);
        QCOMPARE(TimeChartView::niceCeiling(value), ceiling);
    }

    void timeWindowsRoundTrip()
    {
        for (const TimeWindow w : TimeWindows::all()) {
            QCOMPARE(TimeWindows::fromKey(TimeWindows::key(w)), w);
            QVERIFY(TimeWindows::lengthMs(w) / 1000 / TimeWindows::bucketSeconds(w) <= 300);
        }
        QVERIFY(!TimeWindows::needsHistory(TimeWindow::OneHour));
        QVERIFY(TimeWindows::needsHistory(TimeWindow::SevenDays));
        QVERIFY(!TimeWindows::fromKey(QStringLiteral("2y")));
    }

    void seedWordsForSuccessRate_data()
    {
        QTest::addColumn<double>("pct");
        QTest::addColumn<QString>("words");
        QTest::addRow("excellent") << 95.0 << QStringLiteral("Excellent performance");
        QTest::addRow("good") << 85.0 << QStringLiteral("Good performance");
        QTest::addRow("degraded") << 84.9 << QStringLiteral("Degraded performance");
        QTest::addRow("none") << -1.0 << QStringLiteral("No requests yet");
    }
    void seedWordsForSuccessRate()
    {
        QFETCH(double, pct);
        QFETCH(QString, words);
        QCOMPARE(Labels::successVerdict(pct), words);
        const Theme t = Theme::dark();
        QCOMPARE(t.successRateColor(95), t.success);
        QCOMPARE(t.successRateColor(90), t.warning);
        QCOMPARE(t.successRateColor(50), t.error);
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
