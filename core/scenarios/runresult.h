// What a scenario run produced: every step with its times, the requests it observed, breaker transitions,
// chaos injections, measured recoveries, probe results and the timeline, plus the verdict and the process
// exit code a CI gate uses. Plain value types, copied to other threads by queued signals.
#pragma once

#include "engine/automationrun.h"
#include "model/metricssnapshot.h"
#include "plan.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>

namespace airm {

enum class RunStatus {
    Pending, // not started
    Running,
    Completed, // the method ran to its end (or its duration limit)
    Aborted,   // an abort condition or a failed check with abortOnFailure stopped it
    Stopped,   // stop() was called
    Error      // a plan that cannot run here (unknown service) or a runtime error (chaos rejected)
};

enum class ProbeOutcome { Held, Failed, Inconclusive };

QString runStatusName(RunStatus s);
QString probeOutcomeName(ProbeOutcome o);

// One request the run observed (its own, or every request of a service for service-scoped probes).
struct ObservedRequest
{
    quint64 id = 0;
    QString service;  // asked
    QString servedBy; // answered (differs after a fallback)
    QString stepKey;  // the step whose load or probe sent it; "recovery/<step>" for recovery probes
    QString experimentId;
    qint64 startedAtMs = 0; // wall
    qint64 finishedAtMs = 0;
    Outcome outcome = Outcome::Success;
    ErrorClass errorClass = ErrorClass::None;
    QString errorMessage;
    double latencyMs = 0.0;
    BreakerState breakerState = BreakerState::Closed; // of the asked service, after the request
    int responseLength = 0;
    bool chaosActive = false; // a chaos experiment targeted the service when the request started
    QString chaosType;        // its type ("latency", ...), or "NONE"
    bool recoveryProbe = false;

    bool succeeded() const { return outcome == Outcome::Success; }
};

struct StepRecord
{
    QString key;       // "3", "5.2", "4.1.2"; "#N" suffix for cycle N > 1 of a repeating plan
    QString parentKey; // empty at the top level
    StepType type = StepType::Wait;
    QString id, title, experimentId;
    int cycle = 1;
    int depth = 0;
    qint64 startedAtMs = 0, endedAtMs = 0; // wall
    qint64 plannedDurationMs = -1;         // real ms after scaling; -1 = none
    // completed | until_met | timed_out | stopped | error | running
    QString status = QStringLiteral("running");
    QString detail;
    // chaos steps
    QString chaosId;
    QJsonObject chaos; // ChaosSpec::toJson() as injected, with resolved targets
    ChaosType chaosType = ChaosType::Latency;
    QStringList targets;
    double intensity = 0.0;
    // load steps (and a chaos step's own load)
    QString loadRunId;
    QJsonObject load; // AutomationConfig::toJson() as started (scaled)
    AutomationStatus loadStatus;
    bool untilMet = false;

    bool isChaos() const { return type == StepType::Chaos; }
};

struct ChaosInjection
{
    QString id;
    QString stepKey;
    QString experimentId;
    ChaosType type = ChaosType::Latency;
    QStringList targets; // resolved service names
    QJsonObject spec;
    double intensity = 0.0;
    qint64 startedAtMs = 0, endedAtMs = 0; // wall; endedAtMs 0 while active
    QString endReason;
    qint64 touched = 0;
};

// Recovery after one chaos step for one service: time from the end of the chaos to the breaker being CLOSED
// again and to the rolling success rate being back within tolerance of the pre-chaos baseline.
struct RecoveryRecord
{
    QString stepKey;
    QString experimentId;
    QString service;
    ChaosType chaosType = ChaosType::Latency;
    qint64 chaosEndedAtMs = 0; // wall
    double baselinePct = 100.0;
    int baselineSamples = 0;
    QString baselineSource; // "run" | "engine" | "default"
    double thresholdPct = 95.0;
    int successWindow = 10;
    BreakerState breakerAtChaosEnd = BreakerState::Closed;
    bool breakerTripped = false;   // the breaker was not CLOSED when the chaos ended
    qint64 breakerRecoveryMs = -1; // -1: not (yet) closed
    qint64 successRecoveryMs = -1; // -1: not (yet) back within tolerance
    double lastWindowPct = -1.0;   // rolling rate when the measurement ended
    bool successMeasured = true;   // false in a window report without request records: breaker only
    qint64 waitedMs = 0;
    // pending | recovered | not_recovered | interrupted | stopped
    QString status = QStringLiteral("pending");

    bool recovered() const { return status == QLatin1String("recovered"); }
    // Full recovery (both criteria) in ms, or -1.
    qint64 recoveryMs() const;
    // For averages: the recovery time, or the time waited when it did not recover (a lower bound).
    qint64 recoveryOrWaitedMs() const { return recovered() ? recoveryMs() : waitedMs; }
    QJsonObject toJson() const;
};

struct ProbeResult
{
    QString name;
    ProbeType type = ProbeType::SuccessRate;
    QString service;
    QString phase;   // before | during | after | check | abort
    QString stepKey; // check steps
    qint64 atMs = 0; // wall, last evaluation
    ProbeOutcome outcome = ProbeOutcome::Inconclusive;
    double value = 0.0; // rate %, p95 ms, lost count; breaker_state: 1 = matches
    QString valueText;  // "92.5 %", "OPEN", ...
    qint64 samples = 0; // requests in the window (during/abort: evaluations)
    QString tolerance;
    QString detail;

    bool failed() const { return outcome == ProbeOutcome::Failed; }
    QJsonObject toJson() const;
};

struct TimelineEvent
{
    qint64 atMs = 0; // wall
    QString kind;    // run_started, step_started, step_ended, chaos_started, chaos_ended, breaker_transition,
                     // probe_failed, recovery, abort, rollback, run_ended
    QString stepKey;
    QString service;
    QString detail;
    QJsonObject toJson() const;
};

struct RunResult
{
    QString runId;
    Plan plan;
    double timeScale = 1.0;
    qint64 maxDurationMs = 0; // plan time actually applied
    RunStatus status = RunStatus::Pending;
    QString reason; // why it ended
    qint64 startedAtMs = 0, endedAtMs = 0;
    QJsonObject environment;
    QList<StepRecord> steps;
    QList<ObservedRequest> requests;
    bool requestsTruncated = false; // more requests than the runner keeps rows for (counts stay exact)
    qint64 requestsObserved = 0;
    QList<BreakerTransition> transitions;
    QList<ChaosInjection> chaos;
    QList<RecoveryRecord> recoveries;
    QList<ProbeResult> probes;
    QList<TimelineEvent> timeline;
    qint64 sent = 0; // requests the run submitted
    qint64 lost = 0; // submitted but never recorded (after the drain)
    qint64 inFlightAtEnd = 0;
    bool untilTimedOut = false; // a step waited for a condition that never came

    // Exit codes of --scenario runs (docs/SCENARIOS.md).
    static constexpr int kExitPassed = 0;
    static constexpr int kExitFailed = 1;
    static constexpr int kExitUsageOrPlanError = 2;

    // No probe failed and no step timed out waiting for its condition. Inconclusive probes do not fail.
    bool hypothesisHeld() const;
    // passed | failed | aborted | error
    QString verdict() const;
    int exitCode() const;
    const StepRecord *step(const QString &key) const;
};

// The seed's single intensity number for a chaos spec (the experiment log's Intensity column): latency ms,
// probability %, intermittent duty cycle %, 100 for unavailable, the attempt timeout for timeout chaos.
double chaosIntensity(const ChaosSpec &spec, int attemptTimeoutMs = -1);

// 0 when the run completed (or was stopped) with every hypothesis holding, 1 when one failed or the run was
// aborted, 2 when the plan could not run.
int scenarioExitCode(RunStatus status, bool hypothesisHeld);

} // namespace airm

Q_DECLARE_METATYPE(airm::RunResult)
