// The engine on a manual clock with simulated services: the chaos-trips-breaker scenario, every chaos type,
// injection rate, expiry, composition, the honest simulation, retries, fallback and the concurrency cap.
#include "chaos/chaosregistry.h"
#include "common/clock.h"
#include "engine/automationrun.h"
#include "engine/requestengine.h"

#include "testprinters.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace airm;

namespace {

ServiceConfig simService(const QString &name, ProviderKind kind = ProviderKind::Gemini)
{
    ServiceConfig c = defaultServiceFor(kind, name);
    c.apiKey.clear();
    c.simulation.latencyMinMs = 100;
    c.simulation.latencyMaxMs = 100;
    c.simulation.failurePct = 0;
    c.timeoutMs = 5000;
    return c;
}

struct Rig
{
    ManualClock clock;
    std::unique_ptr<RequestEngine> engine;
    QList<RequestRecord> records;
    QList<BreakerTransition> transitions;

    explicit Rig(QList<ServiceConfig> services = {simService(QStringLiteral("gemini")),
                                                  simService(QStringLiteral("cohere"), ProviderKind::Cohere)},
                 EngineConfig config = {})
    {
        config.seed = config.seed ? config.seed : 42;
        engine = std::make_unique<RequestEngine>(config, services, &clock);
        QObject::connect(engine.get(), &RequestEngine::requestFinished, engine.get(),
                         [this](const RequestRecord &r) { records.append(r); });
        QObject::connect(engine.get(), &RequestEngine::breakerTransitioned, engine.get(),
                         [this](const BreakerTransition &t) { transitions.append(t); });
    }

    RequestRecord run(const QString &service, const QString &prompt = QStringLiteral("hello"),
                      qint64 maxMs = 60000)
    {
        const int before = int(records.size());
        const quint64 id = engine->submit({service, prompt});
        for (qint64 waited = 0; waited <= maxMs && records.size() == before; waited += 10)
            clock.advance(10);
        if (records.size() == before) return {};
        const RequestRecord r = records.constLast();
        if (r.id != id) qWarning("unexpected record order");
        return r;
    }

    QString chaos(const QString &json)
    {
        QString error;
        const ChaosSpec spec = ChaosSpec::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &error);
        if (!error.isEmpty()) return QStringLiteral("ERROR ") + error;
        const QString id = engine->injectChaos(spec, &error);
        return error.isEmpty() ? id : QStringLiteral("ERROR ") + error;
    }
};

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT
private slots:
    void simulationIsHonestAndInTheSeedsWords()
    {
        Rig rig;
        const RequestRecord r = rig.run(QStringLiteral("gemini"), QStringLiteral("What is AI?"));
        QCOMPARE(r.outcome, Outcome::Success);
        QVERIFY(r.simulated);
        QCOMPARE(r.responseText, QStringLiteral("Simulated gemini response for: \"What is AI?\""));
        QCOMPARE(r.latencyMs, 100.0);
        QVERIFY(r.outputTokens > 0);
        QCOMPARE(r.costUsd, 0.0); // nothing was billed
        QCOMPARE(rig.engine->snapshot().service(QStringLiteral("gemini"))->simulatedCalls, 1);
    }

    void defaultSimulationFailsAboutTenPercent()
    {
        ServiceConfig s = defaultServiceFor(ProviderKind::Gemini, QStringLiteral("gemini"));
        s.apiKey.clear();
        s.simulation.latencyMinMs = s.simulation.latencyMaxMs = 1;
        EngineConfig cfg;
        cfg.breaker.consecutiveFailureThreshold = 0; // keep the breaker out of the count
        Rig rig({s}, cfg);
        for (int i = 0; i < 2000; ++i)
            rig.engine->submit({QStringLiteral("gemini"), QStringLiteral("p")});
        rig.clock.advance(100);
        QCOMPARE(rig.records.size(), 2000);
        const auto failed = std::count_if(rig.records.begin(), rig.records.end(),
                                          [](const RequestRecord &r) { return !r.succeeded(); });
        QVERIFY2(failed > 150 && failed < 250, qPrintable(QString::number(failed)));
        for (const RequestRecord &r : std::as_const(rig.records))
            if (!r.succeeded()) QCOMPARE(r.errorClass, ErrorClass::ServerError);
    }

    // The acceptance scenario of the foundation issue.
    void failureChaosTripsBreakerThenItRecovers()
    {
        Rig rig;
        const QString id = rig.chaos(
            QStringLiteral(R"({"type":"failure","service":"gemini","probabilityPct":100,"duration":300})"));
        QVERIFY2(!id.startsWith(QLatin1String("ERROR")), qPrintable(id));
        for (int i = 0; i < 3; ++i) {
            const RequestRecord r = rig.run(QStringLiteral("gemini"));
            QCOMPARE(r.outcome, Outcome::Failure);
            QCOMPARE(r.errorClass, ErrorClass::ServerError);
            QCOMPARE(r.chaosIds, QStringList{id});
        }
        QCOMPARE(rig.engine->snapshot().service(QStringLiteral("gemini"))->breaker.state, BreakerState::Open);
        QCOMPARE(rig.transitions.size(), 1);
        QCOMPARE(rig.transitions[0].to, BreakerState::Open);
        const qint64 openedAt = rig.transitions[0].atMs - (rig.clock.wallMs() - rig.clock.nowMs());

        const RequestRecord rejected = rig.run(QStringLiteral("gemini"));
        QCOMPARE(rejected.outcome, Outcome::Rejected);
        QCOMPARE(rejected.attemptList.size(), 1);
        QCOMPARE(rejected.attemptList[0].httpStatus, 0); // no network call
        QVERIFY(rejected.chaosIds.isEmpty());            // chaos never saw it
        QCOMPARE(rig.engine->chaos().find(id)->touched, 3);

        rig.clock.advance(openedAt + 20'000 - rig.clock.nowMs() - 1);
        QCOMPARE(rig.engine->snapshot().service(QStringLiteral("gemini"))->breaker.state, BreakerState::Open);
        rig.clock.advance(1); // the timer, not the next request, moves it
        QCOMPARE(rig.transitions.size(), 2);
        QCOMPARE(rig.transitions[1].to, BreakerState::HalfOpen);

        QVERIFY(rig.engine->stopChaos(id));
        QCOMPARE(rig.run(QStringLiteral("gemini")).outcome, Outcome::Success);
        QCOMPARE(rig.run(QStringLiteral("gemini")).outcome, Outcome::Success);
        QCOMPARE(rig.transitions.size(), 3);
        QCOMPARE(rig.transitions[2].to, BreakerState::Closed);
        const ServiceMetrics *m = rig.engine->snapshot().service(QStringLiteral("gemini"));
        QCOMPARE(m->rejected, 1);
        QCOMPARE(m->failures, 3);
        QCOMPARE(m->chaosAffected, 3);
    }

    void chaosTypes_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<int>("errorClass");
        QTest::addColumn<double>("minLatency");
        QTest::addRow("latency") << R"({"type":"latency","latencyMs":1500})" << int(Outcome::Success)
                                 << int(ErrorClass::None) << 1600.0;
        QTest::addRow("failure 503") << R"({"type":"failure","errorStatus":503})" << int(Outcome::Failure)
                                     << int(ErrorClass::Overloaded) << 0.0;
        QTest::addRow("timeout") << R"({"type":"timeout"})" << int(Outcome::Timeout)
                                 << int(ErrorClass::Timeout) << 5000.0;
        QTest::addRow("unavailable") << R"({"type":"unavailable"})" << int(Outcome::Failure)
                                     << int(ErrorClass::Network) << 0.0;
        QTest::addRow("rate limit") << R"({"type":"rate_limit","retryAfterS":7})" << int(Outcome::Failure)
                                    << int(ErrorClass::RateLimited) << 0.0;
        QTest::addRow("intermittent, failing phase")
            << R"({"type":"intermittent","failSeconds":5,"healthySeconds":5})" << int(Outcome::Failure)
            << int(ErrorClass::ServerError) << 0.0;
        for (const char *mode : {"truncated", "invalid_json", "wrong_schema", "empty"})
            QTest::addRow("corruption %s", mode)
                << QStringLiteral(R"({"type":"corruption","corruptionMode":"%1"})").arg(QLatin1String(mode))
                << int(Outcome::Failure) << int(ErrorClass::CorruptResponse) << 100.0;
    }

    void chaosTypes()
    {
        QFETCH(QString, spec);
        QFETCH(int, outcome);
        QFETCH(int, errorClass);
        QFETCH(double, minLatency);
        for (const ProviderKind kind : {ProviderKind::Gemini, ProviderKind::Cohere, ProviderKind::HuggingFace,
                                        ProviderKind::OpenAi, ProviderKind::Anthropic}) {
            Rig rig({simService(QStringLiteral("svc"), kind)});
            QJsonObject o = QJsonDocument::fromJson(spec.toUtf8()).object();
            o.insert(QStringLiteral("service"), QStringLiteral("svc"));
            const QString id = rig.chaos(QString::fromUtf8(QJsonDocument(o).toJson()));
            QVERIFY2(!id.startsWith(QLatin1String("ERROR")), qPrintable(id));
            const RequestRecord r = rig.run(QStringLiteral("svc"));
            QCOMPARE(int(r.outcome), outcome);
            QCOMPARE(int(r.errorClass), errorClass);
            QVERIFY2(r.latencyMs >= minLatency, qPrintable(QString::number(r.latencyMs)));
            QCOMPARE(r.chaosIds, QStringList{id});
            QVERIFY(r.simulated);
            if (ErrorClass(errorClass) == ErrorClass::RateLimited) QCOMPARE(r.retryAfterMs, 7000);
        }
    }

    void intermittentAlternatesByTheClock()
    {
        Rig rig;
        rig.chaos(QStringLiteral(
            R"({"type":"intermittent","service":"gemini","failSeconds":2,"healthySeconds":3,"duration":60})"));
        EngineConfig cfg;
        QList<bool> failing;
        for (int second = 0; second < 10; ++second) {
            const qint64 target = qint64(second) * 1000 + 500;
            rig.clock.advance(target - rig.clock.nowMs());
            rig.engine->resetBreaker(QStringLiteral("gemini"));
            failing << !rig.run(QStringLiteral("gemini")).succeeded();
        }
        // Requests start at x.5 s and the phase is decided when the attempt is sent.
        QCOMPARE(failing, (QList<bool>{true, true, false, false, false, true, true, false, false, false}));
    }

    void injectionRateTouchesThatShare()
    {
        EngineConfig cfg;
        cfg.breaker.consecutiveFailureThreshold = 0;
        Rig rig({simService(QStringLiteral("gemini"))}, cfg);
        const QString id = rig.chaos(
            QStringLiteral(R"({"type":"failure","service":"gemini","injectionRatePct":25,"duration":600})"));
        for (int i = 0; i < 2000; ++i)
            rig.engine->submit({QStringLiteral("gemini"), QStringLiteral("p")});
        rig.clock.advance(200);
        const qint64 touched = rig.engine->chaos().find(id)->touched;
        QVERIFY2(touched > 420 && touched < 580, qPrintable(QString::number(touched)));
        const auto failed = std::count_if(rig.records.begin(), rig.records.end(),
                                          [](const RequestRecord &r) { return !r.succeeded(); });
        QCOMPARE(qint64(failed), touched);
    }

    void experimentsExpireByTimerAndCanBeStopped()
    {
        Rig rig;
        QSignalSpy ended(rig.engine.get(), &RequestEngine::chaosEnded);
        const QString a =
            rig.chaos(QStringLiteral(R"({"type":"latency","service":"gemini","latencyMs":10,"duration":5})"));
        const QString b = rig.chaos(QStringLiteral(R"({"type":"failure","service":"cohere","duration":60})"));
        const QString c =
            rig.chaos(QStringLiteral(R"({"type":"unavailable","targets":"all","duration":60})"));
        QCOMPARE(rig.engine->chaos().activeCount(), 3);
        rig.clock.advance(5000); // no request needed
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended[0][0].value<ActiveChaos>().id, a);
        QCOMPARE(ended[0][1].toString(), QStringLiteral("expired"));
        QVERIFY(rig.engine->stopChaos(b));
        QVERIFY(!rig.engine->stopChaos(b));
        QCOMPARE(rig.engine->stopAllChaos(), 1);
        QCOMPARE(rig.engine->chaos().activeCount(), 0);
        QCOMPARE(rig.engine->chaos().find(c)->endReason, QStringLiteral("stopped"));
        QCOMPARE(rig.run(QStringLiteral("gemini")).outcome, Outcome::Success);
    }

    void experimentsComposeInStartOrder()
    {
        Rig rig;
        const QString slow =
            rig.chaos(QStringLiteral(R"({"type":"latency","service":"gemini","latencyMs":2000})"));
        const QString slower =
            rig.chaos(QStringLiteral(R"({"type":"latency","service":"gemini","latencyMs":1000})"));
        const QString fail =
            rig.chaos(QStringLiteral(R"({"type":"failure","service":"gemini","errorStatus":500})"));
        const RequestRecord r = rig.run(QStringLiteral("gemini"));
        QCOMPARE(r.latencyMs, 3000.0); // both delays, then the failure instead of the call
        QCOMPARE(r.errorClass, ErrorClass::ServerError);
        QCOMPARE(r.chaosIds, (QStringList{slow, slower, fail}));
    }

    void badChaosIsRejectedWithTheParameterNamed_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("latency too high") << R"({"type":"latency","latencyMs":60001})"
                                          << "latencyMs";
        QTest::addRow("probability") << R"({"type":"failure","probabilityPct":150})"
                                     << "probabilityPct";
        QTest::addRow("status") << R"({"type":"failure","errorStatus":200})"
                                << "errorStatus";
        QTest::addRow("zero injection") << R"({"type":"failure","injectionRatePct":0})"
                                        << "injectionRatePct";
        QTest::addRow("unknown type") << R"({"type":"error"})"
                                      << "type";
        QTest::addRow("unknown service") << R"({"type":"failure","service":"nope"})"
                                         << "nope";
        QTest::addRow("duration") << R"({"type":"failure","duration":0})"
                                  << "duration";
        QTest::addRow("mode") << R"({"type":"corruption","corruptionMode":"garbled"})"
                              << "corruptionMode";
        QTest::addRow("seed intensity 0 stays 0") << R"({"type":"latency","intensity":0,"jitterMs":-1})"
                                                  << "jitterMs";
    }

    void badChaosIsRejectedWithTheParameterNamed()
    {
        QFETCH(QString, spec);
        QFETCH(QString, mentions);
        Rig rig;
        const QString result = rig.chaos(spec);
        QVERIFY2(result.startsWith(QLatin1String("ERROR")), qPrintable(result));
        QVERIFY2(result.contains(mentions), qPrintable(result));
        QCOMPARE(rig.engine->chaos().activeCount(), 0);
    }

    void chaosCommandLineForm()
    {
        QString error;
        ChaosSpec s =
            ChaosSpec::fromCommandLine(QStringLiteral("cohere:latency:ms=500,jitter=100:2m"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(s.latencyMs, 500);
        QCOMPARE(s.jitterMs, 100);
        QCOMPARE(s.durationMs, 120000);
        s = ChaosSpec::fromCommandLine(QStringLiteral("gemini:failure:50:30s"), &error);
        QCOMPARE(s.probabilityPct, 50.0);
        ChaosSpec::fromCommandLine(QStringLiteral("gemini:bogus"), &error);
        QVERIFY(error.contains(QLatin1String("bogus")));
    }

    void fallbackServesFromTheNextService()
    {
        EngineConfig cfg;
        cfg.fallback.enabled = true;
        Rig rig({simService(QStringLiteral("gemini")),
                 simService(QStringLiteral("cohere"), ProviderKind::Cohere)},
                cfg);
        rig.chaos(QStringLiteral(R"({"type":"unavailable","service":"gemini"})"));
        const RequestRecord r = rig.run(QStringLiteral("gemini"));
        QCOMPARE(r.outcome, Outcome::Success);
        QVERIFY(r.fallbackUsed);
        QCOMPARE(r.servedBy, QStringLiteral("cohere"));
        QCOMPARE(r.attempts, 2);
        QCOMPARE(r.attemptList[0].errorClass, ErrorClass::Network);
    }

    void retriesWithBackoffHonourRetryAfter()
    {
        EngineConfig cfg;
        cfg.retry.enabled = true;
        cfg.retry.maxAttempts = 3;
        cfg.breaker.consecutiveFailureThreshold = 0;
        Rig rig({simService(QStringLiteral("gemini"))}, cfg);
        rig.chaos(QStringLiteral(R"({"type":"rate_limit","service":"gemini","retryAfterS":2})"));
        const RequestRecord r = rig.run(QStringLiteral("gemini"));
        QCOMPARE(r.attempts, 3);
        QCOMPARE(r.errorClass, ErrorClass::RateLimited);
        // Two waits of at least Retry-After (2 s) between three immediate 429s.
        QVERIFY2(r.latencyMs >= 4000 && r.latencyMs < 4100, qPrintable(QString::number(r.latencyMs)));
    }

    void concurrencyCapQueuesRequests()
    {
        ServiceConfig s = simService(QStringLiteral("gemini"));
        s.maxConcurrent = 2;
        Rig rig({s});
        for (int i = 0; i < 6; ++i)
            rig.engine->submit({QStringLiteral("gemini"), QStringLiteral("p")});
        rig.clock.advance(100);
        QCOMPARE(rig.records.size(), 2);
        rig.clock.advance(100);
        QCOMPARE(rig.records.size(), 4);
        rig.clock.advance(100);
        QCOMPARE(rig.records.size(), 6);
    }

    void validationFailuresAreRecordsNotCrashes()
    {
        Rig rig;
        rig.engine->submit({QStringLiteral("nope"), QStringLiteral("p")});
        rig.engine->submit({QStringLiteral("gemini"), QStringLiteral("   ")});
        rig.clock.runPending();
        QCOMPARE(rig.records.size(), 2);
        QCOMPARE(rig.records[0].errorClass, ErrorClass::BadRequest);
        QVERIFY(rig.records[0].errorMessage.contains(QLatin1String("Unknown service")));
        QCOMPARE(rig.records[1].errorMessage, QStringLiteral("Prompt is required"));
        const MetricsSnapshot snap = rig.engine->snapshot();
        QCOMPARE(snap.overall.requests, 1); // the unknown service is not attributed to anyone
        QCOMPARE(snap.overall.failures, 1);
    }

    void automationRoundRobinNeverOverlaps()
    {
        Rig rig({simService(QStringLiteral("a")), simService(QStringLiteral("b")),
                 simService(QStringLiteral("c"))});
        AutomationConfig ac;
        ac.intervalMs = 50; // shorter than the 100 ms latency: with one in flight, sends wait for completions
        ac.maxRequests = 9;
        AutomationRun run(*rig.engine, ac);
        QSignalSpy done(&run, &AutomationRun::finished);
        run.start();
        rig.clock.advance(5000);
        QCOMPARE(done.size(), 1);
        QCOMPARE(rig.records.size(), 9);
        QStringList order;
        for (const RequestRecord &r : std::as_const(rig.records))
            order << r.service;
        QCOMPARE(order.join(QLatin1Char(',')), QStringLiteral("a,b,c,a,b,c,a,b,c"));
        for (int i = 1; i < rig.records.size(); ++i) // no overlap: each starts after the previous finished
            QVERIFY(rig.records[i].startedAtMs >= rig.records[i - 1].finishedAtMs);
        QCOMPARE(run.status().completed, 9);
        QCOMPARE(rig.records[0].origin, Origin::Automation);
        QCOMPARE(rig.records[0].runId, run.config().runId);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
