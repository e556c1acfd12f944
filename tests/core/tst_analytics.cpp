// Analytics on SQLite and PostgreSQL over a crafted history: key insights only among services with enough
// requests, the leaderboard score and badges, failure recovery (first failure to first success; chaos end to
// breaker CLOSED), performance trends with symmetric thresholds, and the Overall Health formula.
#include "storage/analytics.h"

#include "historystoretest.h"

#include <QJsonArray>
#include <cmath>

using namespace airm;
using namespace airm::testenv;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 60 * kMin;
constexpr qint64 kNow = 472'224LL * kHour; // a whole hour
constexpr qint64 kChaosEnd = kNow - 2 * kHour;

RequestRecord req(const QString &service, qint64 at, Outcome outcome, double latencyMs)
{
    return makeRecord(service, at, outcome, latencyMs);
}

QList<RequestRecord> history()
{
    QList<RequestRecord> r;
    for (int i = 0; i < 20; ++i) // 100 %, 500 ms
        r << req(QStringLiteral("steady"), kNow - 3 * kHour + i * kMin, Outcome::Success, 500);
    for (int i = 0; i < 20; ++i) // 90 %, 200 ms, all in one clock hour
        r << req(QStringLiteral("quick"), kNow - 5 * kHour + i * kMin,
                 i < 18 ? Outcome::Success : Outcome::Failure, 200);
    for (int i = 0; i < 3; ++i) // perfect but too few requests for the insights
        r << req(QStringLiteral("tiny"), kNow - 6 * kHour + i * kMin, Outcome::Success, 50);
    for (int i = 0; i < 12; ++i)
        r << req(QStringLiteral("broken"), kNow - 4 * kHour + i * kMin, Outcome::Failure, 300);
    // flaky: S F F . S   then   F F (still failing)
    const qint64 f0 = kNow - 2 * kHour - 10 * kMin;
    r << req(QStringLiteral("flaky"), f0, Outcome::Success, 100)
      << req(QStringLiteral("flaky"), f0 + 60'000, Outcome::Failure, 100)
      << req(QStringLiteral("flaky"), f0 + 70'000, Outcome::Timeout, 100)
      << req(QStringLiteral("flaky"), f0 + 90'000, Outcome::Success, 100)
      << req(QStringLiteral("flaky"), kNow - kHour, Outcome::Failure, 100);
    RequestRecord last = req(QStringLiteral("flaky"), kNow - kHour + 5000, Outcome::Rejected, 0);
    last.errorMessage = QStringLiteral("circuit breaker is OPEN. Retry in 12s");
    r << last;
    // trend: 10 requests in the previous 5 minutes, 20 (5 failing, slower) in the last 5 minutes.
    for (int i = 0; i < 10; ++i)
        r << req(QStringLiteral("trend"), kNow - 10 * kMin + i * 30'000, Outcome::Success, 1000);
    for (int i = 0; i < 20; ++i)
        r << req(QStringLiteral("trend"), kNow - 5 * kMin + i * 15'000,
                 i < 15 ? Outcome::Success : Outcome::Failure, 1500);
    return r;
}

BatchWriter::Items breakerAndChaos()
{
    BatchWriter::Items items;
    auto transition = [&](const QString &service, qint64 at, BreakerState from, BreakerState to) {
        BreakerTransition t;
        t.atMs = at;
        t.service = service;
        t.from = from;
        t.to = to;
        items.push_back(t);
    };
    transition(QStringLiteral("steady"), kChaosEnd - kMin, BreakerState::Closed, BreakerState::Open);
    transition(QStringLiteral("steady"), kChaosEnd + 5000, BreakerState::Open, BreakerState::HalfOpen);
    transition(QStringLiteral("steady"), kChaosEnd + 8000, BreakerState::HalfOpen, BreakerState::Closed);
    transition(QStringLiteral("broken"), kNow - 30 * kMin - 10'000, BreakerState::Closed, BreakerState::Open);
    auto chaos = [&](const QString &id, const QString &target, qint64 end, bool ended) {
        ChaosRecord c;
        c.id = id;
        c.type = ChaosType::Failure;
        c.targets = {target};
        c.startedMs = end - 10 * kMin;
        c.endsMs = end;
        c.endedMs = ended ? end : 0;
        c.status = ended ? QStringLiteral("expired") : QStringLiteral("active");
        items.push_back(c);
    };
    chaos(QStringLiteral("chaos-1"), QStringLiteral("steady"), kChaosEnd, true);
    chaos(QStringLiteral("chaos-2"), QStringLiteral("quick"), kNow - 90 * kMin, true);
    chaos(QStringLiteral("chaos-3"), QStringLiteral("broken"), kNow - 30 * kMin, true);
    chaos(QStringLiteral("chaos-4"), QStringLiteral("quick"), kNow + 5 * kMin, false);
    return items;
}

AnalyticsOptions options()
{
    AnalyticsOptions o;
    o.nowMs = kNow;
    o.utcOffsetMinutes = 120;
    return o;
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-6 * std::max(1.0, std::abs(b));
}

} // namespace

class TestAnalytics : public HistoryStoreTest
{
    Q_OBJECT
public:
    using HistoryStoreTest::HistoryStoreTest;

protected:
    void seed(TestDatabase &db) override
    {
        db.write(history());
        db.write(breakerAndChaos());
    }

private slots:
    void formulas_data()
    {
        QTest::addColumn<double>("successRate");
        QTest::addColumn<double>("latency");
        QTest::addColumn<qint64>("successes");
        QTest::addColumn<double>("score");
        QTest::addRow("perfect and instant") << 100.0 << 0.0 << qint64(10) << 100.0;
        QTest::addRow("seed example") << 90.0 << 600.0 << qint64(9) << 54.0 + 0.4 * 80.0;
        QTest::addRow("slower than 3 s: no speed points") << 100.0 << 4000.0 << qint64(1) << 60.0;
        QTest::addRow("no successes: no speed points") << 0.0 << 0.0 << qint64(0) << 0.0;
    }
    void formulas()
    {
        QFETCH(double, successRate);
        QFETCH(double, latency);
        QFETCH(qint64, successes);
        QFETCH(double, score);
        QVERIFY(near(Analytics::leaderboardScore(successRate, latency, successes), score));
        QCOMPARE(Analytics::healthLabel(95), QStringLiteral("healthy"));
        QCOMPARE(Analytics::healthLabel(75), QStringLiteral("degraded"));
        QCOMPARE(Analytics::healthLabel(10), QStringLiteral("unhealthy"));
        QCOMPARE(Analytics::healthLabel(-1), QStringLiteral("no_data"));
    }

    void keyInsights()
    {
        QString error;
        const KeyInsights k = Analytics(store()).keyInsights(options(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(k.mostReliable);
        QCOMPARE(k.mostReliable->service, QStringLiteral("steady")); // "tiny" is perfect but has 3 requests
        QCOMPARE(k.mostReliable->value, 100.0);
        QVERIFY(k.fastest);
        QCOMPARE(k.fastest->service, QStringLiteral("quick")); // "tiny" is faster but has 3 requests
        QCOMPARE(k.fastest->value, 200.0);
        QVERIFY(k.peakHour);
        const int quickUtcHour = int(((kNow - 5 * kHour) / kHour) % 24);
        QCOMPARE(*k.peakHour, (quickUtcHour + 2) % 24); // UTC+2
        QCOMPARE(k.peakHourLatencyMs, 200.0);
        // Minutes with a success over minutes with traffic, per service: 20+18+3+0+2+(trend) / ...
        QVERIFY(k.availabilityPct > 0 && k.availabilityPct < 100);
        QCOMPARE(k.volume.recent, 4.0);
        QCOMPARE(k.volume.previous, 2.0);
        QCOMPARE(k.volume.label, QStringLiteral("rising"));
        QCOMPARE(k.errorRate.recent, 25.0);
        QCOMPARE(k.errorRate.previous, 0.0);
        QCOMPARE(k.errorRate.label, QStringLiteral("rising"));

        // Nothing qualifies when the minimum is out of reach.
        AnalyticsOptions strict = options();
        strict.minRequests = 1000;
        const KeyInsights none = Analytics(store()).keyInsights(strict, &error);
        QVERIFY(!none.mostReliable && !none.fastest && !none.peakHour);
    }

    void leaderboard()
    {
        QString error;
        const auto board = Analytics(store()).leaderboard(options(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(board.size(), 6); // every service with requests, idle ones none
        QCOMPARE(board[0].service, QStringLiteral("tiny"));
        QVERIFY(near(board[0].score, 0.6 * 100 + 0.4 * (100 - 50.0 / 30)));
        QCOMPARE(board[1].service, QStringLiteral("steady"));
        QVERIFY(near(board[1].score, 60 + 0.4 * (100 - 500.0 / 30)));
        QCOMPARE(board[1].badge, QStringLiteral("excellent"));
        QCOMPARE(board[2].service, QStringLiteral("quick"));
        QVERIFY(near(board[2].score, 0.6 * 90 + 0.4 * (100 - 200.0 / 30)));
        QCOMPARE(board[2].badge, QStringLiteral("good"));
        QCOMPARE(board[2].failures, 2);
        QCOMPARE(board.constLast().service, QStringLiteral("broken"));
        QCOMPARE(board.constLast().score, 0.0);
        QCOMPARE(board.constLast().badge, QStringLiteral("poor"));
        for (qsizetype i = 0; i < board.size(); ++i)
            QCOMPARE(board[i].rank, int(i) + 1);
    }

    void failureRecovery()
    {
        QString error;
        const RecoveryReport r = Analytics(store()).recovery(options(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto find = [&](const QString &name) -> const ServiceRecovery * {
            for (const ServiceRecovery &s : r.services)
                if (s.service == name) return &s;
            return nullptr;
        };
        const ServiceRecovery *flaky = find(QStringLiteral("flaky"));
        QVERIFY(flaky);
        QCOMPARE(flaky->failures, 4);
        QCOMPARE(flaky->episodes, 2);
        QCOMPARE(flaky->recoveredEpisodes, 1);
        QCOMPARE(flaky->lastRecoveryMs, 30'000.0); // first failure -> first success after it
        QCOMPARE(flaky->status, QStringLiteral("failing"));
        QCOMPARE(flaky->failingForMs, kHour);
        QCOMPARE(flaky->lastFailureMs, kNow - kHour + 5000);
        QCOMPARE(flaky->lastFailureClass, ErrorClass::Rejected);
        QCOMPARE(find(QStringLiteral("steady"))->status, QStringLiteral("no_failures"));
        const ServiceRecovery *quick = find(QStringLiteral("quick"));
        QCOMPARE(quick->status, QStringLiteral("failing")); // its last two requests failed
        QCOMPARE(find(QStringLiteral("trend"))->status, QStringLiteral("failing"));

        QCOMPARE(r.chaos.size(), 3); // chaos-4 has not ended
        for (const ChaosRecovery &c : r.chaos) {
            if (c.experimentId == QLatin1String("chaos-1")) {
                QCOMPARE(c.stateAtEnd, BreakerState::Open);
                QCOMPARE(c.recoveryMs, 8000.0); // chaos end -> CLOSED
                QCOMPARE(c.closedAtMs, kChaosEnd + 8000);
            } else if (c.experimentId == QLatin1String("chaos-2")) {
                QCOMPARE(c.stateAtEnd, BreakerState::Closed);
                QCOMPARE(c.recoveryMs, 0.0);
            } else {
                QCOMPARE(c.experimentId, QStringLiteral("chaos-3"));
                QCOMPARE(c.stateAtEnd, BreakerState::Open);
                QCOMPARE(c.recoveryMs, -1.0); // still open
                QCOMPARE(c.closedAtMs, 0);
            }
        }
    }

    void performanceTrends()
    {
        QString error;
        const auto trends = Analytics(store()).performanceTrends(options(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(trends.size(), 2); // "all" and the only service with recent traffic
        QCOMPARE(trends[0].service, QStringLiteral("all"));
        const PerformanceTrend &t = trends[1];
        QCOMPARE(t.service, QStringLiteral("trend"));
        QCOMPARE(t.latency.recent, 1500.0);
        QCOMPARE(t.latency.previous, 1000.0);
        QVERIFY(near(t.latency.changePct, 50.0));
        QCOMPARE(t.latency.label, QStringLiteral("slower"));
        QCOMPARE(t.successRate.recent, 75.0);
        QCOMPARE(t.successRate.previous, 100.0);
        QCOMPARE(t.successRate.label, QStringLiteral("declining"));

        AnalyticsOptions loose = options();
        loose.trendThresholdPct = 60;
        const auto stable = Analytics(store()).performanceTrends(loose, &error);
        QCOMPARE(stable[1].latency.label, QStringLiteral("stable"));
        QCOMPARE(stable[1].successRate.label, QStringLiteral("stable"));
        AnalyticsOptions picky = options();
        picky.minTrendSamples = 11;
        QCOMPARE(Analytics(store()).performanceTrends(picky, &error)[1].latency.label,
                 QStringLiteral("insufficient_data"));
    }

    void overallHealth()
    {
        QString error;
        const OverallHealth h = Analytics(store()).overallHealth(options(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const StatsReport stats = store().statistics(kNow - 24 * kHour, kNow);
        double weighted = 0, requests = 0;
        for (const ServiceStats &s : stats.services) {
            weighted += Analytics::serviceHealth(s.successRatePct, s.availabilityPct, s.avgSuccessLatencyMs,
                                                 s.successes) *
                        double(s.requests);
            requests += double(s.requests);
        }
        QVERIFY(near(h.score, weighted / requests));
        QCOMPARE(h.label, Analytics::healthLabel(h.score));
        QCOMPARE(h.trend, QStringLiteral("insufficient_data")); // nothing the day before
        for (const ServiceFigure &f : h.services)
            if (f.service == QLatin1String("steady"))
                QVERIFY(near(f.value, 50 + 30 + 0.2 * (100 - 500.0 / 30)));
        QVERIFY(!h.formula.isEmpty());
    }

    void reportDocument()
    {
        QString error;
        const QJsonObject doc = Analytics(store()).report(options(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const char *key :
             {"insights", "leaderboard", "recovery", "performanceTrends", "overallHealth", "errorPatterns"})
            QVERIFY2(doc.contains(QLatin1String(key)), key);
        QCOMPARE(doc.value(QStringLiteral("leaderboard")).toArray().size(), 6);
        const QJsonArray patterns = doc.value(QStringLiteral("errorPatterns")).toArray();
        QVERIFY(!patterns.isEmpty() && patterns.size() <= 5);
    }
};

AIRM_STORAGE_TEST_MAIN(TestAnalytics)

#include "tst_analytics.moc"
