#include "metrics/metricsregistry.h"

#include <QJsonArray>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <random>

using namespace airm;

namespace {

// A whole second, so offsets below read as "seconds after the start of second kS".
constexpr qint64 kS = 1'700'000'000;
constexpr qint64 kT0 = kS * 1000;

RequestRecord makeRecord(const QString &service, qint64 finishedAtMs, double latencyMs,
                         Outcome outcome = Outcome::Success, ErrorClass error = ErrorClass::None)
{
    RequestRecord r;
    r.service = service;
    r.servedBy = service;
    r.startedAtMs = finishedAtMs - qint64(latencyMs);
    r.finishedAtMs = finishedAtMs;
    r.latencyMs = latencyMs;
    r.outcome = outcome;
    r.errorClass = error;
    r.attempts = outcome == Outcome::Rejected ? 0 : 1;
    return r;
}

bool near(double a, double b, double rel = 0.01)
{
    return std::abs(a - b) <= rel * std::abs(b);
}

} // namespace

class TestMetricsRegistry : public QObject
{
    Q_OBJECT

private slots:
    void countsPerOutcome_data()
    {
        QTest::addColumn<Outcome>("outcome");
        QTest::addColumn<ErrorClass>("error");
        QTest::addColumn<QList<qint64>>("expected"); // successes, failures, rejected, timeouts
        QTest::addColumn<double>("successRate");
        QTest::addColumn<qint64>("latencyCount");
        QTest::addRow("success") << Outcome::Success << ErrorClass::None << QList<qint64>{1, 0, 0, 0} << 100.0
                                 << qint64(1);
        QTest::addRow("server error")
            << Outcome::Failure << ErrorClass::ServerError << QList<qint64>{0, 1, 0, 0} << 0.0 << qint64(1);
        QTest::addRow("rate limited")
            << Outcome::Failure << ErrorClass::RateLimited << QList<qint64>{0, 1, 0, 0} << 0.0 << qint64(1);
        QTest::addRow("corrupt") << Outcome::Failure << ErrorClass::CorruptResponse
                                 << QList<qint64>{0, 1, 0, 0} << 0.0 << qint64(1);
        QTest::addRow("rejected, no latency")
            << Outcome::Rejected << ErrorClass::Rejected << QList<qint64>{0, 0, 1, 0} << 0.0 << qint64(0);
        QTest::addRow("timeout") << Outcome::Timeout << ErrorClass::Timeout << QList<qint64>{0, 0, 0, 1}
                                 << 0.0 << qint64(1);
        QTest::addRow("cancelled") << Outcome::Failure << ErrorClass::Cancelled << QList<qint64>{0, 1, 0, 0}
                                   << 0.0 << qint64(1);
    }

    void countsPerOutcome()
    {
        QFETCH(Outcome, outcome);
        QFETCH(ErrorClass, error);
        QFETCH(QList<qint64>, expected);
        QFETCH(double, successRate);
        QFETCH(qint64, latencyCount);

        MetricsRegistry reg;
        reg.record(makeRecord(QStringLiteral("gemini"), kT0 + 100, 250.0, outcome, error));
        const MetricsSnapshot snap = reg.snapshot(kT0 + 500);
        QCOMPARE(snap.services.size(), 1);
        for (const ServiceMetrics *m : {snap.service(QStringLiteral("gemini")), &snap.overall}) {
            QVERIFY(m);
            QCOMPARE(m->requests, qint64(1));
            QCOMPARE((QList<qint64>{m->successes, m->failures, m->rejected, m->timeouts}), expected);
            QCOMPARE(m->successRatePct(), successRate);
            QCOMPARE(m->latencyAll.count, latencyCount);
            QCOMPARE(m->latency1m.count, latencyCount);
            QCOMPARE(m->latency5m.count, latencyCount);
            // Every non-None class is present, and only the recorded one counts.
            QCOMPARE(m->errorsByClass.size(), 11);
            QVERIFY(!m->errorsByClass.contains(ErrorClass::None));
            for (auto it = m->errorsByClass.cbegin(); it != m->errorsByClass.cend(); ++it)
                QCOMPARE(it.value(), qint64(it.key() == error ? 1 : 0));
        }
    }

    void extraCounters_data()
    {
        QTest::addColumn<int>("attempts");
        QTest::addColumn<bool>("fallback");
        QTest::addColumn<QStringList>("chaosIds");
        QTest::addColumn<bool>("simulated");
        QTest::addColumn<qint64>("expectedRetries");
        QTest::addRow("plain") << 1 << false << QStringList{} << false << qint64(0);
        QTest::addRow("two retries") << 3 << false << QStringList{} << false << qint64(2);
        QTest::addRow("fallback after retry") << 2 << true << QStringList{} << false << qint64(1);
        QTest::addRow("chaos") << 1 << false << QStringList{QStringLiteral("c1"), QStringLiteral("c2")}
                               << false << qint64(0);
        QTest::addRow("simulated") << 1 << false << QStringList{} << true << qint64(0);
        QTest::addRow("rejected, zero attempts") << 0 << false << QStringList{} << false << qint64(0);
    }

    void extraCounters()
    {
        QFETCH(int, attempts);
        QFETCH(bool, fallback);
        QFETCH(QStringList, chaosIds);
        QFETCH(bool, simulated);
        QFETCH(qint64, expectedRetries);

        MetricsRegistry reg;
        for (int i = 0; i < 3; ++i) {
            RequestRecord r = makeRecord(QStringLiteral("cohere"), kT0 + i, 100.0);
            r.attempts = attempts;
            r.fallbackUsed = fallback;
            r.chaosIds = chaosIds;
            r.simulated = simulated;
            r.inputTokens = 10;
            r.outputTokens = 25;
            r.costUsd = 0.125;
            reg.record(r);
        }
        const MetricsSnapshot snap = reg.snapshot(kT0 + 10);
        for (const ServiceMetrics *m : {&snap.services.first(), &snap.overall}) {
            QCOMPARE(m->retries, 3 * expectedRetries);
            QCOMPARE(m->fallbacks, fallback ? qint64(3) : qint64(0));
            QCOMPARE(m->chaosAffected, chaosIds.isEmpty() ? qint64(0) : qint64(3));
            QCOMPARE(m->simulatedCalls, simulated ? qint64(3) : qint64(0));
            QCOMPARE(m->inputTokens, qint64(30));
            QCOMPARE(m->outputTokens, qint64(75));
            QCOMPARE(m->costUsd, 0.375);
        }
    }

    void rejectedRequestsStayOutOfLatency()
    {
        MetricsRegistry reg;
        reg.record(makeRecord(QStringLiteral("a"), kT0, 100.0));
        reg.record(makeRecord(QStringLiteral("a"), kT0, 0.0, Outcome::Rejected, ErrorClass::Rejected));
        const ServiceMetrics m = reg.snapshot(kT0 + 1).services.first();
        QCOMPARE(m.requests, qint64(2));
        QCOMPARE(m.latencyAll.count, qint64(1));
        QCOMPARE(m.latencyAll.minMs, 100.0);
        QCOMPARE(m.latency1m.minMs, 100.0);
        QCOMPARE(m.latencySumMs, 100.0);
        QCOMPARE(m.latencyBucketCounts.first(), qint64(0));
        QCOMPARE(m.latencyBucketCounts.last(), qint64(1));
        QCOMPARE(m.successRatePct(), 50.0);
    }

    void latencyBucketCountsAreCumulativeAndExact()
    {
        const QList<double> latencies{1, 5, 5.0001, 10, 24.9, 999.99, 1000, 60000, 60001, 1e6};
        MetricsRegistry reg;
        for (double l : latencies)
            reg.record(makeRecord(QStringLiteral("a"), kT0, l));
        const ServiceMetrics m = reg.snapshot(kT0).services.first();
        QCOMPARE(m.latencyBucketCounts.size(), qsizetype(std::size(kPrometheusBucketsMs)));
        for (qsizetype i = 0; i < m.latencyBucketCounts.size(); ++i) {
            const auto expected = std::count_if(latencies.begin(), latencies.end(),
                                                [&](double l) { return l <= kPrometheusBucketsMs[i]; });
            QCOMPARE(m.latencyBucketCounts[i], qint64(expected));
        }
        QCOMPARE(m.latencyAll.count, qint64(latencies.size()));
        double sum = 0;
        for (double l : latencies)
            sum += l;
        QCOMPARE(m.latencySumMs, sum);
    }

    void windowsExpire_data()
    {
        QTest::addColumn<qint64>("elapsedMs");
        QTest::addColumn<bool>("stepped"); // snapshot 10 times a second on the way, as the engine does
        QTest::addColumn<qint64>("in1m");
        QTest::addColumn<qint64>("in5m");
        QTest::addRow("now") << qint64(0) << false << qint64(1) << qint64(1);
        QTest::addRow("30 s") << qint64(30000) << false << qint64(1) << qint64(1);
        QTest::addRow("59.999 s") << qint64(59999) << false << qint64(1) << qint64(1);
        QTest::addRow("60 s") << qint64(60000) << false << qint64(0) << qint64(1);
        QTest::addRow("60 s stepped") << qint64(60000) << true << qint64(0) << qint64(1);
        QTest::addRow("299.9 s stepped") << qint64(299900) << true << qint64(0) << qint64(1);
        QTest::addRow("300 s") << qint64(300000) << false << qint64(0) << qint64(0);
        QTest::addRow("300 s stepped") << qint64(300000) << true << qint64(0) << qint64(0);
        QTest::addRow("an hour") << qint64(3600000) << false << qint64(0) << qint64(0);
    }

    void windowsExpire()
    {
        QFETCH(qint64, elapsedMs);
        QFETCH(bool, stepped);
        QFETCH(qint64, in1m);
        QFETCH(qint64, in5m);
        MetricsRegistry reg;
        reg.record(makeRecord(QStringLiteral("a"), kT0, 250.0));
        if (stepped)
            for (qint64 t = 0; t < elapsedMs; t += 100)
                reg.snapshot(kT0 + t);
        const MetricsSnapshot snap = reg.snapshot(kT0 + elapsedMs);
        for (const ServiceMetrics *m : {&snap.services.first(), &snap.overall}) {
            QCOMPARE(m->latency1m.count, in1m);
            QCOMPARE(m->latency5m.count, in5m);
            QCOMPARE(m->latency1m.p50Ms, in1m ? 250.0 : 0.0);
            QCOMPARE(m->latency5m.maxMs, in5m ? 250.0 : 0.0);
            QCOMPARE(m->latencyAll.count, qint64(1));
            QCOMPARE(m->latencyAll.p99Ms, 250.0);
        }
    }

    void windowsSlide_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<bool>("stepped");
        QTest::addRow("rising") << 0 << false;
        QTest::addRow("falling") << 1 << false;
        QTest::addRow("fast recently, same range") << 2 << false;
        QTest::addRow("rising, snapshots at 10 Hz") << 0 << true;
        QTest::addRow("falling, snapshots at 10 Hz") << 1 << true;
        QTest::addRow("fast recently, snapshots at 10 Hz") << 2 << true;
    }

    // 400 seconds, 10 requests a second whose latency moves with the second: the windows must hold exactly
    // the last 60 and 300 seconds, with exact min and max and percentiles within 1 %. In the third shape
    // every second spans the same range (100..1000 ms) but the last minute is mostly fast, so percentiles
    // only come out right if the older seconds' buckets really left the 1-minute window.
    void windowsSlide()
    {
        QFETCH(int, shape);
        QFETCH(bool, stepped);
        constexpr int kSeconds = 400;
        constexpr int kPerSecond = 10;
        auto latency = [&](int second, int i) {
            switch (shape) {
            case 0:
                return 100.0 + second + i * 0.05;
            case 1:
                return 1000.0 - second + i * 0.05;
            default: {
                const bool fast = second >= kSeconds - 60 ? i < 8 : i < 2;
                return (i == 0 ? 100.0 : i == 9 ? 1000.0 : fast ? 150.0 : 800.0) + second * 0.01;
            }
            }
        };

        MetricsRegistry reg;
        for (int s = 0; s < kSeconds; ++s) {
            for (int i = 0; i < kPerSecond; ++i)
                reg.record(makeRecord(QStringLiteral("a"), kT0 + s * 1000 + i * 100, latency(s, i)));
            if (stepped && s + 1 < kSeconds)
                reg.snapshot(kT0 + (s + 1) * 1000); // rolls before the next record
        }
        const MetricsSnapshot snap = reg.snapshot(kT0 + (kSeconds - 1) * 1000 + 500);
        const ServiceMetrics &m = snap.services.first();

        auto check = [&](const LatencySummary &summary, int windowSeconds) {
            QList<double> values;
            for (int s = kSeconds - windowSeconds; s < kSeconds; ++s)
                for (int i = 0; i < kPerSecond; ++i)
                    values.append(latency(s, i));
            std::sort(values.begin(), values.end());
            QCOMPARE(summary.count, qint64(values.size()));
            QCOMPARE(summary.minMs, values.first());
            QCOMPARE(summary.maxMs, values.last());
            double sum = 0;
            for (double v : values)
                sum += v;
            QVERIFY(near(summary.meanMs, sum / double(values.size()), 1e-9));
            const auto rank = [&](double q) {
                return qsizetype(std::ceil(q * double(values.size()) - 1e-9)) - 1;
            };
            QVERIFY2(near(summary.p50Ms, values[rank(0.5)]), qPrintable(QString::number(summary.p50Ms)));
            QVERIFY(near(summary.p90Ms, values[rank(0.9)]));
            QVERIFY(near(summary.p99Ms, values[rank(0.99)]));
        };
        check(m.latency1m, 60);
        check(m.latency5m, 300);
        check(m.latencyAll, kSeconds);
    }

    void seriesPoints()
    {
        MetricsRegistry reg;
        const QString a = QStringLiteral("a");
        for (double l : {100.0, 200.0, 300.0})
            reg.record(makeRecord(a, kT0 + 10, l));
        reg.record(makeRecord(a, kT0 + 20, 400.0, Outcome::Failure, ErrorClass::ServerError));
        reg.record(makeRecord(a, kT0 + 30, 0.0, Outcome::Rejected, ErrorClass::Rejected));
        reg.record(makeRecord(a, kT0 + 2100, 1000.0, Outcome::Timeout, ErrorClass::Timeout));
        reg.record(makeRecord(a, kT0 + 2900, 2000.0, Outcome::Timeout, ErrorClass::Timeout));
        reg.snapshot(kT0 + 3500);

        for (const QString &name : {a, QStringLiteral("all")}) {
            const QList<SecondPoint> points = reg.series(name, kS - 100, kS + 100);
            QCOMPARE(points.size(), 4); // kS .. kS+3: nothing before the first record, nothing after "now"
            QCOMPARE(points[0].second, kS);
            QCOMPARE(points[0].requests, 5);
            QCOMPARE(points[0].successes, 3);
            QCOMPARE(points[0].failures, 1);
            QCOMPARE(points[0].rejected, 1);
            QCOMPARE(points[0].timeouts, 0);
            QVERIFY(near(points[0].p50Ms, 200.0));
            QCOMPARE(points[0].p95Ms, 400.0f);
            QCOMPARE(points[1].second, kS + 1);
            QCOMPARE(points[1].requests, 0);
            QCOMPARE(points[1].p50Ms, 0.0f);
            QCOMPARE(points[2].timeouts, 2);
            QVERIFY(near(points[2].p50Ms, 1000.0));
            QCOMPARE(points[2].p95Ms, 2000.0f);
            QCOMPARE(points[3].second, kS + 3);
            QCOMPARE(points[3].requests, 0);
        }
        QCOMPARE(reg.series(a, kS + 1, kS + 2).size(), 2);
        QCOMPARE(reg.series(a, kS + 2, kS + 1).size(), 0);
        QVERIFY(reg.series(QStringLiteral("nope"), kS, kS + 3).isEmpty());

        // The open second reports live percentiles.
        reg.record(makeRecord(a, kT0 + 3600, 42.0));
        const QList<SecondPoint> open = reg.series(a, kS + 3, kS + 3);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open[0].requests, 1);
        QCOMPARE(open[0].p50Ms, 42.0f);
    }

    void seriesRetention_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<int>("expectedPoints");
        QTest::addRow("10 minutes") << 600 << 600;
        QTest::addRow("exactly an hour") << 3600 << 3600;
        QTest::addRow("an hour and 100 s") << 3700 << 3600;
    }

    void seriesRetention()
    {
        QFETCH(int, seconds);
        QFETCH(int, expectedPoints);
        MetricsRegistry reg;
        for (int s = 0; s < seconds; ++s)
            reg.record(makeRecord(QStringLiteral("a"), kT0 + s * 1000 + 7, 50.0));
        const QList<SecondPoint> points = reg.series(QStringLiteral("a"), 0, kS * 2);
        QCOMPARE(points.size(), expectedPoints);
        QCOMPARE(points.last().second, kS + seconds - 1);
        QCOMPARE(points.first().second, kS + seconds - expectedPoints);
        for (const SecondPoint &p : points)
            QCOMPARE(p.requests, 1);
        // An hour later, nothing older than 3600 s remains.
        reg.snapshot(kT0 + (seconds - 1 + 3600) * qint64(1000));
        const QList<SecondPoint> later = reg.series(QStringLiteral("a"), 0, kS * 2);
        QCOMPARE(later.size(), 3600);
        QCOMPARE(later.first().second, kS + seconds);
        for (const SecondPoint &p : later)
            QCOMPARE(p.requests, 0);
    }

    void requestsPerSecond_data()
    {
        QTest::addColumn<int>("perSecond");
        QTest::addColumn<int>("busySeconds");
        QTest::addColumn<qint64>("nowOffsetMs"); // from kT0
        QTest::addColumn<double>("expected");
        QTest::addRow("steady 10/s") << 10 << 20 << qint64(20000) << 10.0;
        QTest::addRow("steady, mid-second") << 10 << 20 << qint64(20700) << 10.0;
        QTest::addRow("only 5 s since reset") << 8 << 5 << qint64(5000) << 8.0;
        QTest::addRow("half the window idle") << 10 << 20 << qint64(25000) << 5.0;
        QTest::addRow("idle") << 10 << 20 << qint64(40000) << 0.0;
        QTest::addRow("first second") << 10 << 1 << qint64(500) << 0.0;
    }

    void requestsPerSecond()
    {
        QFETCH(int, perSecond);
        QFETCH(int, busySeconds);
        QFETCH(qint64, nowOffsetMs);
        QFETCH(double, expected);
        MetricsRegistry reg;
        reg.reset(kT0);
        for (int s = 0; s < busySeconds; ++s)
            for (int i = 0; i < perSecond; ++i) {
                const qint64 t = kT0 + s * 1000 + i * (1000 / perSecond);
                if (t <= kT0 + nowOffsetMs) reg.record(makeRecord(QStringLiteral("a"), t, 20.0));
            }
        const MetricsSnapshot snap = reg.snapshot(kT0 + nowOffsetMs);
        QCOMPARE(snap.services.first().requestsPerSecond, expected);
        QCOMPARE(snap.overall.requestsPerSecond, expected);
    }

    void resetZeroesEverything()
    {
        MetricsRegistry reg;
        reg.addService(QStringLiteral("b"));
        for (int i = 0; i < 50; ++i) {
            RequestRecord r = makeRecord(i % 2 ? QStringLiteral("a") : QStringLiteral("b"), kT0 + i * 100,
                                         80.0 + i, i % 5 ? Outcome::Success : Outcome::Failure,
                                         i % 5 ? ErrorClass::None : ErrorClass::Network);
            r.inputTokens = 3;
            r.costUsd = 0.01;
            r.attempts = 2;
            reg.record(r);
        }
        QCOMPARE(reg.snapshot(kT0 + 5000).overall.requests, qint64(50));

        const qint64 resetAt = kT0 + 6000;
        reg.reset(resetAt);
        const MetricsSnapshot snap = reg.snapshot(resetAt + 100);
        QCOMPARE(snap.startedAtMs, resetAt);
        QCOMPARE(snap.takenAtMs, resetAt + 100);
        QCOMPARE(snap.services.size(), 2);
        QCOMPARE(snap.services[0].name, QStringLiteral("b"));
        QCOMPARE(snap.services[1].name, QStringLiteral("a"));
        for (const ServiceMetrics *m : {&snap.services[0], &snap.services[1], &snap.overall}) {
            QCOMPARE(m->requests, qint64(0));
            QCOMPARE(m->failures, qint64(0));
            QCOMPARE(m->retries, qint64(0));
            QCOMPARE(m->inputTokens, qint64(0));
            QCOMPARE(m->costUsd, 0.0);
            QCOMPARE(m->errorsByClass.value(ErrorClass::Network), qint64(0));
            QCOMPARE(m->latencyAll.count, qint64(0));
            QCOMPARE(m->latency1m.count, qint64(0));
            QCOMPARE(m->latency5m.count, qint64(0));
            QCOMPARE(m->latencySumMs, 0.0);
            QCOMPARE(m->latencyBucketCounts.last(), qint64(0));
            QCOMPARE(m->requestsPerSecond, 0.0);
            QCOMPARE(m->successRatePct(), -1.0);
        }
        const QList<SecondPoint> points = reg.series(QStringLiteral("a"), 0, kS * 2);
        QCOMPARE(points.size(), 1);
        QCOMPARE(points.first().second, resetAt / 1000);
        QCOMPARE(points.first().requests, 0);

        reg.record(makeRecord(QStringLiteral("a"), resetAt + 200, 10.0));
        QCOMPARE(reg.snapshot(resetAt + 300).service(QStringLiteral("a"))->requests, qint64(1));
    }

    void servicesAreAddedInOrder()
    {
        MetricsRegistry reg;
        reg.addService(QStringLiteral("b"));
        reg.addService(QStringLiteral("a"));
        reg.addService(QStringLiteral("b"));
        reg.addService(QStringLiteral("all")); // the total's name, not a service
        reg.record(makeRecord(QStringLiteral("c"), kT0, 10.0));
        reg.record(makeRecord(QStringLiteral("a"), kT0, 10.0));
        MetricsSnapshot snap = reg.snapshot(kT0 + 1);
        QCOMPARE(snap.overall.name, QStringLiteral("all"));
        QStringList names;
        for (const ServiceMetrics &m : snap.services)
            names << m.name;
        QCOMPARE(names, (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")}));
        QCOMPARE(snap.service(QStringLiteral("c"))->requests, qint64(1));
        QCOMPARE(snap.service(QStringLiteral("b"))->requests, qint64(0));
        QCOMPARE(snap.service(QStringLiteral("all")), &snap.overall);
        QCOMPARE(snap.service(QStringLiteral("zzz")), nullptr);

        reg.removeService(QStringLiteral("a"));
        snap = reg.snapshot(kT0 + 2);
        QCOMPARE(snap.services.size(), 2);
        QCOMPARE(snap.services[1].name, QStringLiteral("c"));
        QCOMPARE(snap.overall.requests, qint64(2)); // the total keeps what "a" contributed
    }

    void allIsTheSumOfServices()
    {
        const QStringList names{QStringLiteral("gemini"), QStringLiteral("cohere"), QStringLiteral("openai")};
        std::mt19937_64 rng(42);
        std::uniform_int_distribution<int> pick(0, 2), outcome(0, 3), error(0, 11), attempts(0, 4),
            tokens(0, 500);
        std::lognormal_distribution<double> latency(5.5, 1.2);
        std::bernoulli_distribution coin(0.3);
        MetricsRegistry reg;
        qint64 t = kT0;
        for (int i = 0; i < 20000; ++i) {
            t += 20; // 400 s of traffic at 50 requests a second
            RequestRecord r =
                makeRecord(names[pick(rng)], t, latency(rng), Outcome(outcome(rng)), ErrorClass(error(rng)));
            r.attempts = attempts(rng);
            r.fallbackUsed = coin(rng);
            r.simulated = coin(rng);
            if (coin(rng)) r.chaosIds = {QStringLiteral("x")};
            r.inputTokens = tokens(rng);
            r.outputTokens = tokens(rng);
            r.costUsd = r.inputTokens * 1e-6;
            reg.record(r);
        }
        const MetricsSnapshot snap = reg.snapshot(t + 1);
        QCOMPARE(snap.services.size(), 3);
        const ServiceMetrics &all = snap.overall;
        auto sum = [&](auto field) {
            std::decay_t<decltype(snap.services[0].*field)> total{};
            for (const ServiceMetrics &m : snap.services)
                total += m.*field;
            return total;
        };
        QCOMPARE(all.requests, qint64(20000));
        QCOMPARE(all.requests, sum(&ServiceMetrics::requests));
        QCOMPARE(all.successes, sum(&ServiceMetrics::successes));
        QCOMPARE(all.failures, sum(&ServiceMetrics::failures));
        QCOMPARE(all.rejected, sum(&ServiceMetrics::rejected));
        QCOMPARE(all.timeouts, sum(&ServiceMetrics::timeouts));
        QCOMPARE(all.successes + all.failures + all.rejected + all.timeouts, all.requests);
        QCOMPARE(all.chaosAffected, sum(&ServiceMetrics::chaosAffected));
        QCOMPARE(all.simulatedCalls, sum(&ServiceMetrics::simulatedCalls));
        QCOMPARE(all.retries, sum(&ServiceMetrics::retries));
        QCOMPARE(all.fallbacks, sum(&ServiceMetrics::fallbacks));
        QCOMPARE(all.inputTokens, sum(&ServiceMetrics::inputTokens));
        QCOMPARE(all.outputTokens, sum(&ServiceMetrics::outputTokens));
        QVERIFY(near(all.costUsd, sum(&ServiceMetrics::costUsd), 1e-9));
        QVERIFY(near(all.latencySumMs, sum(&ServiceMetrics::latencySumMs), 1e-9));
        QVERIFY(near(all.requestsPerSecond, sum(&ServiceMetrics::requestsPerSecond), 1e-9));
        QCOMPARE(all.requestsPerSecond, 50.0);
        for (auto it = all.errorsByClass.cbegin(); it != all.errorsByClass.cend(); ++it) {
            qint64 n = 0;
            for (const ServiceMetrics &m : snap.services)
                n += m.errorsByClass.value(it.key());
            QCOMPARE(it.value(), n);
        }
        for (qsizetype i = 0; i < all.latencyBucketCounts.size(); ++i) {
            qint64 n = 0;
            for (const ServiceMetrics &m : snap.services)
                n += m.latencyBucketCounts[i];
            QCOMPARE(all.latencyBucketCounts[i], n);
        }
        const auto windows = {&ServiceMetrics::latencyAll, &ServiceMetrics::latency1m,
                              &ServiceMetrics::latency5m};
        for (auto window : windows) {
            qint64 n = 0;
            double lo = 1e300, hi = 0;
            for (const ServiceMetrics &m : snap.services) {
                n += (m.*window).count;
                lo = std::min(lo, (m.*window).minMs);
                hi = std::max(hi, (m.*window).maxMs);
            }
            QCOMPARE((all.*window).count, n);
            QCOMPARE((all.*window).minMs, lo);
            QCOMPARE((all.*window).maxMs, hi);
        }
        // 50 requests a second, three in four of them not rejected, give about 2250 latencies a minute.
        QVERIFY(all.latency1m.count > 2000 && all.latency1m.count < 2500);
        QVERIFY(all.latency5m.count > 5 * 2000 && all.latency5m.count < 5 * 2500);
    }

    void lateRecordsCountInTheNewestSecond()
    {
        MetricsRegistry reg;
        const QString a = QStringLiteral("a");
        reg.record(makeRecord(a, kT0 + 5000, 10.0));
        reg.record(makeRecord(a, kT0 + 3000, 20.0)); // delivered after a later one
        const QList<SecondPoint> points = reg.series(a, kS, kS + 10);
        QCOMPARE(points.size(), 1);
        QCOMPARE(points.first().second, kS + 5);
        QCOMPARE(points.first().requests, 2);
        const MetricsSnapshot snap = reg.snapshot(kT0 + 5500);
        QCOMPARE(snap.services.first().latency1m.count, qint64(2));
        // 60 s after the newest second both are gone from the minute, though one finished 2 s earlier.
        QCOMPARE(reg.snapshot(kT0 + 65000).services.first().latency1m.count, qint64(0));
    }

    void clockSteppingBackRestartsTheWindows()
    {
        MetricsRegistry reg;
        const QString a = QStringLiteral("a");
        reg.record(makeRecord(a, kT0 + 3600000, 10.0));
        reg.record(makeRecord(a, kT0, 20.0)); // the wall clock went back an hour
        const MetricsSnapshot snap = reg.snapshot(kT0 + 500);
        const ServiceMetrics &m = snap.services.first();
        QCOMPARE(m.requests, qint64(2));
        QCOMPARE(m.latencyAll.count, qint64(2));
        QCOMPARE(m.latency1m.count, qint64(1));
        QCOMPARE(m.latency1m.maxMs, 20.0);
        QCOMPARE(reg.series(a, kS - 10, kS + 10).size(), 1);
    }

    void snapshotJson()
    {
        MetricsRegistry reg;
        reg.reset(kT0);
        reg.addService(QStringLiteral("idle"));
        reg.record(makeRecord(QStringLiteral("a"), kT0 + 1000, 120.0));
        reg.record(makeRecord(QStringLiteral("a"), kT0 + 1000, 0.0, Outcome::Rejected, ErrorClass::Rejected));
        MetricsSnapshot snap = reg.snapshot(kT0 + 1234);
        snap.breakersOpen = 1;
        snap.services[1].breaker.state = BreakerState::HalfOpen;
        snap.services[1].breaker.recentTransitions.append(
            BreakerTransition{kT0 + 5, QStringLiteral("a"), BreakerState::Open, BreakerState::HalfOpen,
                              QStringLiteral("wait elapsed")});
        ActiveChaos chaos;
        chaos.id = QStringLiteral("c1");
        chaos.type = ChaosType::RateLimit;
        chaos.targets = {QStringLiteral("a")};
        snap.activeChaos.append(chaos);

        const QJsonObject json = snap.toJson();
        QCOMPARE(json.value(QLatin1String("takenAt")).toString(), QStringLiteral("2023-11-14T22:13:21.234Z"));
        QCOMPARE(json.value(QLatin1String("takenAtMs")).toInteger(), kT0 + 1234);
        QCOMPARE(json.value(QLatin1String("startedAtMs")).toInteger(), kT0);
        QCOMPARE(json.value(QLatin1String("breakersOpen")).toInt(), 1);
        QCOMPARE(json.value(QLatin1String("overall")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("all"));
        const QJsonArray services = json.value(QLatin1String("services")).toArray();
        QCOMPARE(services.size(), 2);
        const QJsonObject idle = services[0].toObject();
        QCOMPARE(idle.value(QLatin1String("name")).toString(), QStringLiteral("idle"));
        QCOMPARE(idle.value(QLatin1String("successRate")).toDouble(), -1.0);
        const QJsonObject a = services[1].toObject();
        QCOMPARE(a.value(QLatin1String("requests")).toInteger(), 2);
        QCOMPARE(a.value(QLatin1String("rejected")).toInteger(), 1);
        QCOMPARE(a.value(QLatin1String("successRate")).toDouble(), 50.0);
        QCOMPARE(
            a.value(QLatin1String("errorsByClass")).toObject().value(QLatin1String("rejected")).toInteger(),
            1);
        QCOMPARE(a.value(QLatin1String("errorsByClass")).toObject().size(), 11);
        QCOMPARE(a.value(QLatin1String("latencyAll")).toObject().value(QLatin1String("p50Ms")).toDouble(),
                 120.0);
        QCOMPARE(a.value(QLatin1String("latency1m")).toObject().value(QLatin1String("count")).toInteger(), 1);
        QCOMPARE(a.value(QLatin1String("latencyBucketCounts")).toArray().size(),
                 qsizetype(std::size(kPrometheusBucketsMs)));
        const QJsonObject breaker = a.value(QLatin1String("breaker")).toObject();
        QCOMPARE(breaker.value(QLatin1String("state")).toString(), QStringLiteral("HALF_OPEN"));
        QCOMPARE(breaker.value(QLatin1String("failureRatePct")).toDouble(), -1.0);
        const QJsonObject transition =
            breaker.value(QLatin1String("recentTransitions")).toArray()[0].toObject();
        QCOMPARE(transition.value(QLatin1String("from")).toString(), QStringLiteral("OPEN"));
        QCOMPARE(transition.value(QLatin1String("reason")).toString(), QStringLiteral("wait elapsed"));
        const QJsonObject c = json.value(QLatin1String("activeChaos")).toArray()[0].toObject();
        QCOMPARE(c.value(QLatin1String("type")).toString(), QStringLiteral("rate_limit"));
        QCOMPARE(c.value(QLatin1String("targets")).toArray()[0].toString(), QStringLiteral("a"));
    }

    void snapshotTimes()
    {
        MetricsRegistry reg;
        QCOMPARE(reg.snapshot(kT0).startedAtMs, kT0); // nothing yet: uptime 0
        reg.record(makeRecord(QStringLiteral("a"), kT0 + 1000, 400.0));
        const MetricsSnapshot snap = reg.snapshot(kT0 + 2000);
        QCOMPARE(snap.startedAtMs, kT0 + 600); // the first request's start
        QCOMPARE(snap.takenAtMs, kT0 + 2000);
        QCOMPARE(toString(snap.services.first().breaker.state), toString(BreakerState::Closed));
        QCOMPARE(toString(snap.services.first().health), toString(HealthState::Unknown));
    }
};

QTEST_GUILESS_MAIN(TestMetricsRegistry)
#include "tst_metricsregistry.moc"
