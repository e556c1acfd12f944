// Load phases: AutomationRun as the scenarios use it. Rate accuracy for target rates that do not divide a
// second, strategies, the seed's prompts, the attempt timeout, status, and AutomationConfig::fromJson errors.
#include "common/clock.h"
#include "engine/automationrun.h"
#include "engine/requestengine.h"

#include "fixedlatencyservice.h"
#include "testprinters.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace airm;
using namespace airm::test;

namespace {

constexpr int kServiceLatencyMs = 10; // unless a test needs slower services

struct Rig
{
    ManualClock clock;
    std::unique_ptr<RequestEngine> engine;
    QList<RequestRecord> records;
    explicit Rig(QList<ServiceConfig> services = {
                     fixedLatencyService(QStringLiteral("a"), kServiceLatencyMs),
                     fixedLatencyService(QStringLiteral("b"), kServiceLatencyMs),
                     fixedLatencyService(QStringLiteral("c"), kServiceLatencyMs)})
    {
        EngineConfig config;
        config.seed = 11;
        config.breaker.consecutiveFailureThreshold = 0;
        engine = std::make_unique<RequestEngine>(config, services, &clock);
        QObject::connect(engine.get(), &RequestEngine::requestFinished, engine.get(),
                         [this](const RequestRecord &r) { records << r; });
    }
};

} // namespace

class TestScenarioLoad : public QObject
{
    Q_OBJECT
private slots:
    void targetRateIsKeptOnAverage_data()
    {
        QTest::addColumn<double>("rps");
        QTest::addColumn<qint64>("durationMs");
        QTest::addColumn<int>("expected");
        QTest::addRow("3 rps") << 3.0 << qint64(10'000) << 30;
        QTest::addRow("7 rps") << 7.0 << qint64(10'000) << 70;
        QTest::addRow("300 rps") << 300.0 << qint64(2'000) << 600;    // 3.33 ms apart: truncation gave 333
        QTest::addRow("2500 rps") << 2500.0 << qint64(1'000) << 2500; // below the clock's 1 ms resolution
        QTest::addRow("0.5 rps") << 0.5 << qint64(60'000) << 30;
    }
    void targetRateIsKeptOnAverage()
    {
        QFETCH(double, rps);
        QFETCH(qint64, durationMs);
        QFETCH(int, expected);
        Rig rig;
        AutomationConfig c;
        c.targetRps = rps;
        c.maxInFlight = 10'000;
        c.durationMs = durationMs;
        AutomationRun run(*rig.engine, c);
        QSignalSpy done(&run, &AutomationRun::finished);
        run.start();
        rig.clock.advance(durationMs + 1000);
        QCOMPARE(done.size(), 1);
        const qint64 tolerance =
            std::max<qint64>(1, expected / 500); // the last send may fall either side of the end
        QVERIFY2(std::abs(run.status().sent - expected) <= tolerance,
                 qPrintable(QString::number(run.status().sent)));
        QCOMPARE(run.status().targetRatePerSecond, rps);
        QCOMPARE(run.status().completed, run.status().sent);
    }

    void intervalIsScheduledNotBurstAfterAStall()
    {
        Rig rig({fixedLatencyService(QStringLiteral("slow"), 2500)});
        AutomationConfig c;
        c.intervalMs =
            1000; // one in flight and 2.5 s latency: sends wait, then the pace resumes without a burst
        c.maxRequests = 4;
        AutomationRun run(*rig.engine, c);
        run.start();
        rig.clock.advance(20'000);
        QCOMPARE(rig.records.size(), 4);
        for (int i = 1; i < rig.records.size(); ++i)
            QCOMPARE(rig.records[i].startedAtMs - rig.records[i - 1].startedAtMs, 2500);
    }

    void strategiesPickServices()
    {
        Rig rig;
        AutomationConfig c;
        c.strategy = AutomationConfig::Strategy::Weighted;
        c.weights = {{QStringLiteral("a"), 8}, {QStringLiteral("b"), 2}, {QStringLiteral("c"), 0}};
        c.intervalMs = 0;
        c.maxInFlight = 100;
        c.maxRequests = 2000;
        AutomationRun run(*rig.engine, c);
        run.start();
        rig.clock.advance(5000);
        QMap<QString, int> counts;
        for (const RequestRecord &r : std::as_const(rig.records))
            ++counts[r.service];
        QCOMPARE(counts.value(QStringLiteral("c")), 0);
        QVERIFY2(counts.value(QStringLiteral("a")) > 1500 && counts.value(QStringLiteral("a")) < 1700,
                 qPrintable(QString::number(counts.value(QStringLiteral("a")))));
    }

    void promptsAreTheDashboardsTenAndTimeoutPassesThrough()
    {
        QCOMPARE(AutomationConfig::seedPrompts().size(), 10);
        QCOMPARE(AutomationConfig::seedPrompts().first(),
                 QStringLiteral("Explain quantum computing briefly"));
        QCOMPARE(AutomationConfig::seedPrompts().last(), QStringLiteral("How does 5G work?"));
        Rig rig({fixedLatencyService(QStringLiteral("a"), 3000)});
        AutomationConfig c;
        c.maxRequests = 1;
        c.attemptTimeoutMs = 1000;
        AutomationRun run(*rig.engine, c);
        run.start();
        rig.clock.advance(5000);
        QCOMPARE(rig.records.size(), 1);
        QCOMPARE(rig.records[0].errorClass, ErrorClass::Timeout);
        QCOMPARE(rig.records[0].latencyMs, 1000.0);
        QCOMPARE(rig.records[0].prompt, QStringLiteral("Explain quantum computing briefly"));
    }

    void statusCountsRejectionsAndRate()
    {
        Rig rig({fixedLatencyService(QStringLiteral("a"), kServiceLatencyMs)});
        rig.engine->forceBreaker(QStringLiteral("a"), BreakerState::Open);
        AutomationConfig c;
        c.intervalMs = 500;
        c.durationMs = 10'000;
        AutomationRun run(*rig.engine, c);
        run.start();
        rig.clock.advance(5'000);
        QVERIFY(run.status().running);
        QVERIFY(std::abs(run.status().ratePerSecond - 2.0) < 0.25);
        rig.clock.advance(6'000);
        const AutomationStatus s = run.status();
        QVERIFY(!s.running);
        QCOMPARE(s.stopReason, QStringLiteral("duration reached"));
        QCOMPARE(s.rejected, s.completed);
        QCOMPARE(s.failed, s.completed);
        QCOMPARE(s.sent, 20);
        QCOMPARE(s.toJson().value(QLatin1String("rejected")).toInteger(), 20);
    }

    void noServicesEndsTheRunCleanly()
    {
        Rig rig(QList<ServiceConfig>{});
        AutomationRun run(*rig.engine, AutomationConfig{});
        QSignalSpy done(&run, &AutomationRun::finished);
        run.start();
        QCOMPARE(done.size(), 0); // never inside start()
        rig.clock.runPending();
        QCOMPARE(done.size(), 1);
        QCOMPARE(run.status().stopReason, QStringLiteral("no services to send to"));
    }

    void fromJsonReadsFieldsAndNamesErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("ok") << QStringLiteral(
                                   R"({"strategy":"random","interval":"5s","maxInFlight":2,"prompts":["x"]})")
                            << QString();
        QTest::addRow("strategy") << QStringLiteral(R"({"strategy":"rr"})")
                                  << QStringLiteral(
                                         "strategy must be one of round_robin, random, weighted, single");
        QTest::addRow("unknown") << QStringLiteral(R"({"speed":1})")
                                 << QStringLiteral("unknown automation field \"speed\"");
        QTest::addRow("interval") << QStringLiteral(R"({"interval":"soon"})")
                                  << QStringLiteral(
                                         "interval must be a number of seconds or like 5s, 1m, 500ms");
        QTest::addRow("integer") << QStringLiteral(R"({"maxRequests":1.5})")
                                 << QStringLiteral("maxRequests must be an integer");
        QTest::addRow("in flight") << QStringLiteral(R"({"maxInFlight":0})")
                                   << QStringLiteral("maxInFlight must be between 1 and 10000");
        QTest::addRow("single") << QStringLiteral(R"({"strategy":"single","services":["a","b"]})")
                                << QStringLiteral("strategy \"single\" needs exactly one service");
        QTest::addRow("weights") << QStringLiteral(R"({"weights":{"a":"x"}})")
                                 << QStringLiteral("weights.a must be a number");
        QTest::addRow("empty prompt") << QStringLiteral(R"({"prompts":[" "]})")
                                      << QStringLiteral("prompts must not contain empty prompts");
        QTest::addRow("timeout")
            << QStringLiteral(R"({"attemptTimeoutMs":0})")
            << QStringLiteral("attemptTimeoutMs must be -1 (the service's timeout) or between 1 and 600000");
    }
    void fromJsonReadsFieldsAndNamesErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, error);
        QString got;
        const AutomationConfig c =
            AutomationConfig::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &got);
        QCOMPARE(got, error);
        if (error.isEmpty()) {
            QCOMPARE(c.strategy, AutomationConfig::Strategy::Random);
            QCOMPARE(c.intervalMs, 5000);
            QCOMPARE(c.maxInFlight, 2);
            QCOMPARE(c.prompts, QStringList{QStringLiteral("x")});
        }
    }

    void serviceShorthandMeansSingle()
    {
        QString error;
        const AutomationConfig c =
            AutomationConfig::fromJson({{QStringLiteral("service"), QStringLiteral("a")}}, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(c.strategy, AutomationConfig::Strategy::Single);
        QCOMPARE(c.services, QStringList{QStringLiteral("a")});
    }
};

QTEST_GUILESS_MAIN(TestScenarioLoad)
#include "tst_scenarioload.moc"
