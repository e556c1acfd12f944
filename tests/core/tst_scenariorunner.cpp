// Scenario runs on a manual clock against simulated services with fixed latencies and a seeded RNG: every
// built-in plan runs to completion with the expected steps, abort conditions stop a run and the rollback
// leaves nothing behind, recovery is measured against a known breaker timeline, exit codes map 0/1/2.
#include "chaos/chaosregistry.h"
#include "common/clock.h"
#include "engine/requestengine.h"
#include "scenarios/planlibrary.h"
#include "scenarios/scenariorunner.h"

#include "testprinters.h"

#include <QSignalSpy>
#include <QTest>

using namespace airm;

namespace {

ServiceConfig simService(const QString &name, int latencyMs = 100, ProviderKind kind = ProviderKind::Gemini)
{
    ServiceConfig c = defaultServiceFor(kind, name);
    c.apiKey.clear();
    c.simulation.latencyMinMs = latencyMs;
    c.simulation.latencyMaxMs = latencyMs;
    c.simulation.failurePct = 0;
    c.timeoutMs = 5000;
    return c;
}

QList<ServiceConfig> seedServices()
{
    return {simService(QStringLiteral("gemini")),
            simService(QStringLiteral("cohere"), 100, ProviderKind::Cohere),
            simService(QStringLiteral("huggingface"), 100, ProviderKind::HuggingFace)};
}

struct Rig
{
    ManualClock clock;
    std::unique_ptr<RequestEngine> engine;

    explicit Rig(QList<ServiceConfig> services = seedServices(), EngineConfig config = {})
    {
        config.seed = config.seed ? config.seed : 42;
        engine = std::make_unique<RequestEngine>(config, services, &clock);
    }

    // Runs the plan to its end on the manual clock; maxMs bounds the clock time.
    RunResult run(const Plan &plan, ScenarioRunner::Options options = {}, qint64 maxMs = 6 * 3600 * 1000,
                  qint64 stepMs = 1000, const std::function<void(ScenarioRunner &)> &during = {})
    {
        ScenarioRunner runner(*engine, plan, options);
        if (qEnvironmentVariableIsSet("AIRM_SCENARIO_TRACE")) // prints the run's live output
            QObject::connect(&runner, &ScenarioRunner::output, &runner,
                             [](const QString &line) { qDebug().noquote() << line; });
        QString error;
        if (!runner.start(&error)) {
            qWarning("start failed: %s", qPrintable(error));
            return runner.result();
        }
        for (qint64 t = 0; t < maxMs && !runner.isFinished(); t += stepMs) {
            clock.advance(stepMs);
            if (during) during(runner);
        }
        if (!runner.isFinished()) qWarning("run did not finish within %lld ms", maxMs);
        return runner.result();
    }

    Plan builtIn(const QString &name)
    {
        QString error;
        Plan p = PlanLibrary::load(name, &error);
        if (!error.isEmpty()) qWarning("%s", qPrintable(error));
        return p;
    }
};

Plan parse(const QString &json)
{
    QString error;
    Plan p = Plan::fromJsonText(json.toUtf8(), &error);
    if (!error.isEmpty()) qWarning("plan error: %s", qPrintable(error));
    return p;
}

QList<const StepRecord *> topLevel(const RunResult &r)
{
    QList<const StepRecord *> out;
    for (const StepRecord &s : r.steps)
        if (s.parentKey.isEmpty()) out << &s;
    return out;
}

QList<ObservedRequest> requestsOf(const RunResult &r, const QString &stepKey)
{
    QList<ObservedRequest> out;
    for (const ObservedRequest &o : r.requests)
        if (o.stepKey == stepKey) out << o;
    return out;
}

const ProbeResult *probe(const RunResult &r, const QString &name, const QString &phase)
{
    for (const ProbeResult &p : r.probes)
        if (p.name == name && p.phase == phase) return &p;
    return nullptr;
}

} // namespace

class TestScenarioRunner : public QObject
{
    Q_OBJECT
private slots:
    void validationSuiteRunsToCompletion()
    {
        Rig rig;
        const RunResult r = rig.run(rig.builtIn(QStringLiteral("validation")));
        QCOMPARE(r.status, RunStatus::Completed);
        QCOMPARE(r.reason, QStringLiteral("method completed"));
        QVERIFY2(r.hypothesisHeld(), qPrintable(r.verdict()));
        QCOMPARE(r.exitCode(), 0);

        const auto top = topLevel(r);
        QCOMPARE(top.size(), 19);
        QStringList ids;
        for (const StepRecord *s : top)
            ids << (s->experimentId.isEmpty() ? StepSpec::typeName(s->type) : s->experimentId);
        QCOMPARE(
            ids.join(QLatin1Char(' ')),
            QStringLiteral("LOAD_NORMAL check wait LOAD_HIGH check wait LOAD_BURST_1 wait LOAD_BURST_2 wait "
                           "LOAD_BURST_3 wait LOAD_MIXED wait CHAOS_CONTINUOUS wait CHAOS_CONTINUOUS wait "
                           "CHAOS_CONTINUOUS"));
        for (const StepRecord *s : top)
            QVERIFY2(s->status == QLatin1String("completed"),
                     qPrintable(s->key + QLatin1Char(' ') + s->status));

        // Durations as the seed's: 180 s phases, 30 s cooldowns, 10 s between bursts.
        QCOMPARE(top[0]->endedAtMs - top[0]->startedAtMs, 180'000);
        QCOMPARE(top[2]->endedAtMs - top[2]->startedAtMs, 30'000);
        QCOMPARE(top[7]->endedAtMs - top[7]->startedAtMs, 10'000);
        // Normal load: one request every 5 s (no overlap with 100 ms latency), to random services.
        QCOMPARE(requestsOf(r, top[0]->key).size(), 36);
        QCOMPARE(requestsOf(r, top[3]->key).size(), 90);
        // A burst: 10 requests sent together.
        const auto burst = requestsOf(r, top[6]->key);
        QCOMPARE(burst.size(), 10);
        for (const ObservedRequest &o : burst)
            QCOMPARE(o.startedAtMs, burst[0].startedAtMs);
        // Mixed providers: strict round robin.
        const auto mixed = requestsOf(r, top[12]->key);
        QCOMPARE(mixed.size(), 60);
        const QStringList order{QStringLiteral("gemini"), QStringLiteral("cohere"),
                                QStringLiteral("huggingface")};
        for (int i = 0; i < mixed.size(); ++i)
            QCOMPARE(mixed[i].service, order[i % 3]);

        // Chaos under load: the three injections, each on its service only, each ended by the runner.
        QCOMPARE(r.chaos.size(), 3);
        QCOMPARE(r.chaos[0].type, ChaosType::Latency);
        QCOMPARE(r.chaos[0].targets, QStringList{QStringLiteral("gemini")});
        QCOMPARE(r.chaos[1].type, ChaosType::Failure);
        QCOMPARE(r.chaos[1].targets, QStringList{QStringLiteral("cohere")});
        QCOMPARE(r.chaos[2].type, ChaosType::Timeout);
        for (const ChaosInjection &c : r.chaos) {
            QCOMPARE(c.endedAtMs - c.startedAtMs, 180'000);
            QCOMPARE(c.endReason, QStringLiteral("stopped"));
            QVERIFY(c.touched > 0);
        }
        const auto latency = requestsOf(r, top[14]->key);
        QCOMPARE(latency.size(), 90);
        for (const ObservedRequest &o : latency) {
            QCOMPARE(o.service, QStringLiteral("gemini"));
            QVERIFY(o.chaosActive);
            QCOMPARE(o.chaosType, QStringLiteral("latency"));
        }
        QCOMPARE(latency[0].latencyMs, 600.0);
        const auto failures = requestsOf(r, top[16]->key);
        const auto failed = std::count_if(failures.begin(), failures.end(),
                                          [](const ObservedRequest &o) { return !o.succeeded(); });
        QVERIFY(failed > 10);
        for (const ObservedRequest &o : requestsOf(r, top[18]->key))
            QVERIFY(o.outcome == Outcome::Timeout || o.outcome == Outcome::Rejected);

        // Breakers tripped under the failures and the timeouts, and recovery was measured for every chaos
        // step.
        QCOMPARE(r.recoveries.size(), 3);
        for (const RecoveryRecord &rec : r.recoveries)
            QVERIFY2(rec.recovered(), qPrintable(rec.service + QLatin1Char(' ') + rec.status));
        QVERIFY(!r.recoveries[0].breakerTripped); // latency alone does not trip
        QCOMPARE(r.recoveries[0].breakerRecoveryMs, 0);
        QVERIFY(r.recoveries[2].breakerTripped);
        QVERIFY(r.recoveries[2].breakerRecoveryMs >= 1);
        QVERIFY(r.recoveries[2].recoveryMs() <= 120'000);

        QCOMPARE(rig.engine->chaos().activeCount(), 0);
        QCOMPARE(r.lost, 0);
        QCOMPARE(r.sent, r.requestsObserved);
        QCOMPARE(probe(r, QStringLiteral("breakers-closed"), QStringLiteral("after"))->outcome,
                 ProbeOutcome::Held);
        QCOMPARE(probe(r, QStringLiteral("no-request-lost"), QStringLiteral("after"))->outcome,
                 ProbeOutcome::Held);
        QCOMPARE(probe(r, QStringLiteral("load-success-rate"), QStringLiteral("check"))->outcome,
                 ProbeOutcome::Held);
    }

    // What a user without keys gets from --scenario validation: the seed's simulation (500-2500 ms, 10 %
    // failures).
    void validationPassesOnTheDefaultSimulation()
    {
        QList<ServiceConfig> services;
        for (const auto &[name, kind] :
             {std::pair{QStringLiteral("gemini"), ProviderKind::Gemini},
              std::pair{QStringLiteral("cohere"), ProviderKind::Cohere},
              std::pair{QStringLiteral("huggingface"), ProviderKind::HuggingFace}}) {
            ServiceConfig c = defaultServiceFor(kind, name);
            c.apiKey.clear();
            services << c;
        }
        for (const double scale : {1.0, 100.0}) {
            Rig rig(services);
            ScenarioRunner::Options o;
            o.timeScale = scale;
            const RunResult r = rig.run(rig.builtIn(QStringLiteral("validation")), o, 6 * 3600 * 1000, 100);
            QCOMPARE(r.status, RunStatus::Completed);
            QString failed;
            for (const ProbeResult &p : r.probes)
                if (p.failed())
                    failed += p.phase + QLatin1Char(' ') + p.name + QStringLiteral(": ") + p.valueText +
                              QLatin1Char(';');
            QVERIFY2(r.exitCode() == 0, qPrintable(failed));
            QCOMPARE(r.lost, 0);
            QCOMPARE(rig.engine->chaos().activeCount(), 0);
        }
    }

    void timeScaleDividesPlanDurations()
    {
        Rig rig;
        ScenarioRunner::Options o;
        o.timeScale = 100;
        const RunResult r = rig.run(rig.builtIn(QStringLiteral("validation")), o, 3600 * 1000, 100);
        QCOMPARE(r.status, RunStatus::Completed);
        const auto top = topLevel(r);
        QCOMPARE(top.size(), 19);
        QCOMPARE(top[0]->endedAtMs - top[0]->startedAtMs, 1'800); // 180 s / 100
        QCOMPARE(top[2]->endedAtMs - top[2]->startedAtMs, 300);
        QCOMPARE(r.chaos[1].endedAtMs - r.chaos[1].startedAtMs, 1'800);
        // The method itself took about 1/100 of the seed's 23 minutes; recovery waits for real breaker time.
        QVERIFY(top.last()->endedAtMs - r.startedAtMs < 15'000);
        QCOMPARE(rig.engine->chaos().activeCount(), 0);
    }

    void continuousRunsUntilTheDurationEnds()
    {
        Rig rig;
        ScenarioRunner::Options o;
        o.maxDurationMs = 40 * 60 * 1000; // 5 experiments of 300 + 180 s fit exactly
        const RunResult r = rig.run(rig.builtIn(QStringLiteral("continuous")), o, 3 * 3600 * 1000, 1000);
        QCOMPARE(r.status, RunStatus::Completed);
        QCOMPARE(r.reason, QStringLiteral("duration reached"));
        QStringList chaos;
        for (const StepRecord &s : r.steps)
            if (s.isChaos()) chaos << s.experimentId + QLatin1Char(':') + s.title;
        QCOMPARE(chaos, (QStringList{QStringLiteral("1:latency 100 ms on gemini"),
                                     QStringLiteral("2:latency 100 ms on cohere"),
                                     QStringLiteral("3:latency 100 ms on huggingface"),
                                     QStringLiteral("4:latency 500 ms on gemini"),
                                     QStringLiteral("5:latency 500 ms on cohere")}));
        int normals = 0;
        for (const StepRecord &s : r.steps)
            if (s.experimentId == QLatin1String("NORMAL")) {
                ++normals;
                QCOMPARE(s.endedAtMs - s.startedAtMs, 180'000);
            }
        QCOMPARE(normals, 5);
        QVERIFY(r.step(QStringLiteral("c1.1.1.1")));
        QCOMPARE(r.step(QStringLiteral("c1.1.1.1"))->endedAtMs -
                     r.step(QStringLiteral("c1.1.1.1"))->startedAtMs,
                 300'000);
        // About 10 requests per experiment, as the seed's pacing (one every 30 s).
        QCOMPARE(requestsOf(r, QStringLiteral("c1.1.1.1")).size(), 10);
        QCOMPARE(rig.engine->chaos().activeCount(), 0);
        QCOMPARE(r.exitCode(), 0);
    }

    void continuousStopsWhenAskedAndRollsBack()
    {
        Rig rig;
        QString error;
        ScenarioRunner runner(*rig.engine, rig.builtIn(QStringLiteral("continuous")));
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        QVERIFY(runner.start(&error));
        rig.clock.advance(100'000); // inside the first chaos experiment
        QCOMPARE(rig.engine->chaos().activeCount(), 1);
        QCOMPARE(runner.status().activeChaos, 1);
        QVERIFY(runner.status().toJson().value(QLatin1String("running")).toBool());
        runner.stop();
        QCOMPARE(rig.engine->chaos().activeCount(), 0); // rolled back at once
        rig.clock.advance(10'000);
        QCOMPARE(finished.size(), 1);
        const RunResult r = runner.result();
        QCOMPARE(r.status, RunStatus::Stopped);
        QCOMPARE(r.step(QStringLiteral("c1.1.1.1"))->status, QStringLiteral("stopped"));
        for (const StepRecord &s : r.steps)
            QVERIFY(s.status != QLatin1String("running"));
        bool rolledBack = false;
        for (const TimelineEvent &e : r.timeline)
            if (e.kind == QLatin1String("rollback"))
                rolledBack = e.detail.contains(QLatin1String("stopped 1 chaos"));
        QVERIFY(rolledBack);
        QCOMPARE(r.exitCode(), 0); // continuous mode runs until stopped: stopping is its normal end
    }

    void breakerDrillOpensAndClosesEveryBreaker()
    {
        Rig rig({simService(QStringLiteral("a")), simService(QStringLiteral("b"))});
        const RunResult r = rig.run(rig.builtIn(QStringLiteral("breaker-drill")));
        QCOMPARE(r.status, RunStatus::Completed);
        QVERIFY2(r.hypothesisHeld(), "drill failed");
        QStringList shape;
        for (const StepRecord &s : r.steps)
            if (s.type == StepType::Chaos || s.type == StepType::Load)
                shape << s.title + QLatin1Char('=') + s.status;
        QCOMPARE(shape, (QStringList{QStringLiteral("Outage on a until its breaker opens=until_met"),
                                     QStringLiteral("Load on a until its breaker closes=until_met"),
                                     QStringLiteral("Outage on b until its breaker opens=until_met"),
                                     QStringLiteral("Load on b until its breaker closes=until_met")}));
        int opens = 0, closes = 0;
        for (const BreakerTransition &t : r.transitions) {
            if (t.to == BreakerState::Open) ++opens;
            if (t.to == BreakerState::Closed) ++closes;
        }
        QCOMPARE(opens, 2);
        QCOMPARE(closes, 2);
        QCOMPARE(r.recoveries.size(), 2);
        for (const RecoveryRecord &rec : r.recoveries) {
            QVERIFY(rec.breakerTripped);
            QVERIFY2(rec.recovered(), qPrintable(rec.status));
            // The seed breaker waits 20 s in OPEN; the drill ends the outage the moment it opens.
            QVERIFY2(rec.breakerRecoveryMs >= 20'000 && rec.breakerRecoveryMs <= 22'000,
                     qPrintable(QString::number(rec.breakerRecoveryMs)));
        }
    }

    void abortConditionStopsTheRunAndRollsBack()
    {
        Rig rig({simService(QStringLiteral("a")), simService(QStringLiteral("b"))});
        const Plan plan = parse(QStringLiteral(R"({"schemaVersion":1,"name":"abort",
            "abortConditions":[{"name":"a-alive","type":"success_rate","service":"a","minPct":20,"window":"10s","minSamples":3,"for":"30s"}],
            "method":[{"type":"chaos","duration":"10m","chaos":{"type":"failure","targets":["a"],"probabilityPct":100},
                       "load":{"interval":"1s"}},
                      {"type":"wait","duration":"1m"}]})"));
        const RunResult r = rig.run(plan);
        QCOMPARE(r.status, RunStatus::Aborted);
        QVERIFY2(r.reason.startsWith(QLatin1String("abort condition a-alive breached for 30 s")),
                 qPrintable(r.reason));
        QCOMPARE(r.exitCode(), 1);
        QCOMPARE(r.verdict(), QStringLiteral("aborted"));
        // Stopped well before the 10 minutes: the window fills within seconds, then 30 s of breach.
        QVERIFY(r.steps[0].endedAtMs - r.steps[0].startedAtMs < 45'000);
        QCOMPARE(r.steps[0].status, QStringLiteral("aborted"));
        QCOMPARE(r.steps.size(), 1); // the wait never started
        QCOMPARE(rig.engine->chaos().activeCount(), 0);
        QVERIFY(!r.steps[0].loadStatus.running || r.steps[0].loadStatus.inFlight == 0);
        QCOMPARE(probe(r, QStringLiteral("a-alive"), QStringLiteral("abort"))->outcome, ProbeOutcome::Failed);
        QStringList kinds;
        for (const TimelineEvent &e : r.timeline)
            kinds << e.kind;
        QVERIFY(kinds.indexOf(QStringLiteral("abort")) < kinds.indexOf(QStringLiteral("rollback")));
        // Traffic has stopped for good.
        const qint64 before = rig.engine->snapshot().overall.requests;
        rig.clock.advance(60'000);
        QCOMPARE(rig.engine->snapshot().overall.requests, before);
    }

    void recoveryIsMeasuredAgainstTheBreakerTimeline()
    {
        Rig rig({simService(QStringLiteral("a"))});
        const Plan plan = parse(QStringLiteral(R"({"schemaVersion":1,"name":"recovery",
            "recovery":{"timeout":"2m","probeInterval":"1s","successWindow":10,"tolerancePts":5},
            "method":[{"type":"group","steps":[
                {"type":"load","duration":"90s","load":{"service":"a","interval":"500ms"}},
                {"type":"sequence","steps":[{"type":"wait","duration":"10s"},
                    {"type":"chaos","duration":"10s","chaos":{"type":"failure","targets":["a"],"probabilityPct":100}}]}]}]})"));
        const RunResult r = rig.run(plan, {}, 3600 * 1000, 100);
        QCOMPARE(r.status, RunStatus::Completed);
        QCOMPARE(r.recoveries.size(), 1);
        const RecoveryRecord &rec = r.recoveries[0];
        QCOMPARE(rec.baselineSource, QStringLiteral("run"));
        QCOMPARE(rec.baselinePct, 100.0);
        QVERIFY(rec.breakerTripped);
        QCOMPARE(rec.breakerAtChaosEnd, BreakerState::Open);
        // The known timeline: the breaker opened after 3 failures early in the chaos, waits 20 s in OPEN,
        // then two successful probes close it. Measured from the end of the chaos, to the CLOSED transition.
        qint64 openedAt = 0, closedAt = 0;
        for (const BreakerTransition &t : r.transitions) {
            if (t.to == BreakerState::Open && !openedAt) openedAt = t.atMs;
            if (t.to == BreakerState::Closed && !closedAt) closedAt = t.atMs;
        }
        QVERIFY(openedAt > 0 && closedAt > openedAt);
        const qint64 chaosEnd = r.chaos[0].endedAtMs;
        QCOMPARE(rec.chaosEndedAtMs, chaosEnd);
        QCOMPARE(rec.breakerRecoveryMs, closedAt - chaosEnd);
        const qint64 expected = (openedAt + 20'000) - chaosEnd; // HALF_OPEN, then probes within ~0.6 s
        QVERIFY2(rec.breakerRecoveryMs >= expected && rec.breakerRecoveryMs <= expected + 700,
                 qPrintable(QStringLiteral("%1 vs %2").arg(rec.breakerRecoveryMs).arg(expected)));
        QVERIFY2(rec.breakerRecoveryMs > 10'000 && rec.breakerRecoveryMs < 12'500,
                 qPrintable(QString::number(rec.breakerRecoveryMs)));
        // The rolling success rate needs 10 successes after the breaker closed (load every 500 ms, probes
        // every 1 s).
        QVERIFY2(rec.successRecoveryMs > rec.breakerRecoveryMs &&
                     rec.successRecoveryMs <= rec.breakerRecoveryMs + 4'000,
                 qPrintable(QString::number(rec.successRecoveryMs)));
        QCOMPARE(rec.recoveryMs(), rec.successRecoveryMs);
        QVERIFY(rec.recovered());
    }

    void recoveryThatNeverComesIsReportedWithTheTimeWaited()
    {
        Rig rig({simService(QStringLiteral("a"))});
        const Plan plan = parse(QStringLiteral(R"({"schemaVersion":1,"name":"slow",
            "recovery":{"timeout":"5s","probeInterval":"1s"},
            "method":[{"type":"chaos","duration":"10s","chaos":{"type":"unavailable","targets":["a"]},"load":{"interval":"1s"}}]})"));
        const RunResult r = rig.run(plan, {}, 3600 * 1000, 100);
        QCOMPARE(r.recoveries.size(), 1);
        QCOMPARE(r.recoveries[0].status, QStringLiteral("not_recovered"));
        QCOMPARE(r.recoveries[0].waitedMs, 5'000);
        QCOMPARE(r.recoveries[0].recoveryMs(), -1);
        QCOMPARE(r.recoveries[0].recoveryOrWaitedMs(), 5'000);
    }

    void newChaosOnAServiceInterruptsItsRecovery()
    {
        Rig rig({simService(QStringLiteral("a"))});
        const Plan plan = parse(QStringLiteral(R"({"schemaVersion":1,"name":"twice",
            "method":[{"type":"chaos","duration":"10s","chaos":{"type":"unavailable","targets":["a"]},"load":{"interval":"1s"}},
                      {"type":"chaos","duration":"10s","chaos":{"type":"latency","targets":["a"],"latencyMs":10}}]})"));
        const RunResult r = rig.run(plan, {}, 3600 * 1000, 100);
        QCOMPARE(r.recoveries.size(), 2);
        QCOMPARE(r.recoveries[0].status, QStringLiteral("interrupted"));
        QCOMPARE(r.chaos[0].experimentId, QStringLiteral("1"));
        QCOMPARE(r.chaos[1].experimentId, QStringLiteral("2"));
    }

    void parallelGroupRunsStepsTogether()
    {
        Rig rig({simService(QStringLiteral("a")), simService(QStringLiteral("b"))});
        const Plan plan = parse(QStringLiteral(R"({"schemaVersion":1,"name":"group",
            "method":[{"type":"group","steps":[{"type":"load","duration":"10s","load":{"service":"a","interval":"1s"}},
                                              {"type":"load","duration":"20s","load":{"service":"b","interval":"2s"}}]},
                      {"type":"wait","duration":"1s"}]})"));
        const RunResult r = rig.run(plan, {}, 3600 * 1000, 100);
        QCOMPARE(r.status, RunStatus::Completed);
        const StepRecord *g = r.step(QStringLiteral("1"));
        const StepRecord *a = r.step(QStringLiteral("1.1"));
        const StepRecord *b = r.step(QStringLiteral("1.2"));
        QVERIFY(g && a && b);
        QCOMPARE(a->startedAtMs, b->startedAtMs);
        QCOMPARE(g->endedAtMs, b->endedAtMs);
        QCOMPARE(r.step(QStringLiteral("2"))->startedAtMs, b->endedAtMs);
        QCOMPARE(requestsOf(r, QStringLiteral("1.1")).size(), 10);
        QCOMPARE(requestsOf(r, QStringLiteral("1.2")).size(), 10);
    }

    void failedProbeFailsTheVerdict()
    {
        Rig rig({simService(QStringLiteral("a"))});
        const Plan plan = parse(QStringLiteral(R"({"schemaVersion":1,"name":"slo",
            "hypothesis":{"probes":[{"name":"fast","type":"latency_p95","service":"a","maxMs":50,"window":"1m","when":["after"]},
                                    {"name":"ok","type":"success_rate","service":"a","minPct":99,"window":"1m","when":["during","after"]}]},
            "method":[{"type":"load","duration":"30s","load":{"interval":"1s"}}]})"));
        const RunResult r = rig.run(plan, {}, 3600 * 1000, 100);
        QCOMPARE(r.status, RunStatus::Completed);
        const ProbeResult *fast = probe(r, QStringLiteral("fast"), QStringLiteral("after"));
        QVERIFY(fast);
        QCOMPARE(fast->outcome, ProbeOutcome::Failed);
        QVERIFY(fast->value >= 100.0 && fast->value <= 101.0); // histogram bucket of the 100 ms answers
        QCOMPARE(fast->samples, 30);
        const ProbeResult *during = probe(r, QStringLiteral("ok"), QStringLiteral("during"));
        QVERIFY(during);
        QCOMPARE(during->outcome, ProbeOutcome::Held);
        QVERIFY(during->samples >= 29); // one evaluation per check interval
        QCOMPARE(r.verdict(), QStringLiteral("failed"));
        QCOMPARE(r.exitCode(), 1);
    }

    void untilThatNeverHoldsTimesOutAndFails()
    {
        Rig rig({simService(QStringLiteral("a"))});
        const Plan plan = parse(QStringLiteral(R"({"schemaVersion":1,"name":"never",
            "method":[{"type":"wait","until":{"type":"breaker_state","service":"a","state":"OPEN"},"timeout":"5s"}]})"));
        const RunResult r = rig.run(plan, {}, 3600 * 1000, 100);
        QCOMPARE(r.steps[0].status, QStringLiteral("timed_out"));
        QCOMPARE(r.steps[0].endedAtMs - r.steps[0].startedAtMs, 5'000);
        QVERIFY(r.untilTimedOut);
        QCOMPARE(r.exitCode(), 1);
    }

    void steadyStateBreachedBeforeSkipsTheMethod()
    {
        Rig rig({simService(QStringLiteral("a"))});
        rig.engine->forceBreaker(QStringLiteral("a"), BreakerState::Open);
        const Plan plan = parse(QStringLiteral(R"({"schemaVersion":1,"name":"before",
            "hypothesis":{"probes":[{"name":"closed","type":"breaker_state","service":"a","state":"CLOSED"}]},
            "method":[{"type":"chaos","duration":"1m","chaos":{"type":"latency","targets":["a"]}}]})"));
        const RunResult r = rig.run(plan, {}, 3600 * 1000, 100);
        QCOMPARE(r.status, RunStatus::Completed);
        QCOMPARE(r.steps.size(), 0);
        QCOMPARE(r.chaos.size(), 0);
        QCOMPARE(probe(r, QStringLiteral("closed"), QStringLiteral("before"))->outcome, ProbeOutcome::Failed);
        QCOMPARE(r.exitCode(), 1);
    }

    void unknownServiceIsAPlanError()
    {
        Rig rig;
        ScenarioRunner runner(*rig.engine, parse(QStringLiteral(R"({"schemaVersion":1,"name":"x",
            "method":[{"type":"wait","duration":"1s"},{"type":"chaos","duration":"1m","chaos":{"type":"latency","targets":["openai"]}}]})")));
        QString error;
        QVERIFY(!runner.start(&error));
        QVERIFY2(
            error.startsWith(QLatin1String("method[1].chaos.targets: service \"openai\" is not configured")),
            qPrintable(error));
        QCOMPARE(runner.result().status, RunStatus::Error);
        QCOMPARE(runner.result().exitCode(), 2);
        QCOMPARE(rig.engine->chaos().activeCount(), 0);
    }

    void requestRowsAreCappedButCountsStayExact()
    {
        Rig rig({simService(QStringLiteral("a"))});
        ScenarioRunner::Options o;
        o.maxRequestRows = 5;
        const RunResult r = rig.run(parse(QStringLiteral(R"({"schemaVersion":1,"name":"cap",
            "method":[{"type":"load","duration":"10s","load":{"interval":"1s"}}]})")),
                                    o, 3600 * 1000, 100);
        QCOMPARE(r.requests.size(), 5);
        QVERIFY(r.requestsTruncated);
        QCOMPARE(r.requestsObserved, 10);
        QCOMPARE(r.lost, 0);
    }

    void exitCodes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("held");
        QTest::addColumn<int>("code");
        QTest::addRow("completed, held") << int(RunStatus::Completed) << true << 0;
        QTest::addRow("completed, failed") << int(RunStatus::Completed) << false << 1;
        QTest::addRow("stopped, held") << int(RunStatus::Stopped) << true << 0;
        QTest::addRow("stopped, failed") << int(RunStatus::Stopped) << false << 1;
        QTest::addRow("aborted") << int(RunStatus::Aborted) << true << 1;
        QTest::addRow("error") << int(RunStatus::Error) << true << 2;
        QTest::addRow("never started") << int(RunStatus::Pending) << true << 2;
    }
    void exitCodes()
    {
        QFETCH(int, status);
        QFETCH(bool, held);
        QFETCH(int, code);
        QCOMPARE(scenarioExitCode(RunStatus(status), held), code);
    }

    void destroyingARunningRunnerRollsBack()
    {
        Rig rig({simService(QStringLiteral("a"))});
        {
            ScenarioRunner runner(*rig.engine, parse(QStringLiteral(R"({"schemaVersion":1,"name":"d",
                "method":[{"type":"chaos","duration":"1h","chaos":{"type":"latency","targets":["a"]},"load":{"interval":"1s"}}]})")));
            QString error;
            QVERIFY(runner.start(&error));
            rig.clock.advance(5'000);
            QCOMPARE(rig.engine->chaos().activeCount(), 1);
        }
        QCOMPARE(rig.engine->chaos().activeCount(), 0);
        const qint64 before = rig.engine->snapshot().overall.requests;
        rig.clock.advance(10'000);
        QVERIFY(rig.engine->snapshot().overall.requests <= before + 1); // at most the request in flight
    }
};

QTEST_GUILESS_MAIN(TestScenarioRunner)
#include "tst_scenariorunner.moc"
