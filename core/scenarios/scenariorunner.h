// Executes one experiment plan against a RequestEngine: checks the steady-state hypothesis before, during and
// after, runs the method's steps (load phases through AutomationRun, chaos injections, waits, checks,
// parallel groups), watches abort conditions, measures recovery after each chaos step from real events, and
// always rolls back what it started (chaos, automation, probes) at the end, on abort, on stop() and on
// destruction. The RunResult it emits is the input of ReportBuilder. Thread affinity: the engine thread (it
// calls the RequestEngine directly and uses its clock). Other threads reach it through EngineHost::post/call;
// finished() carries the result as a value.
#pragma once

#include "recoverytracker.h"
#include "runresult.h"

#include <QObject>
#include <QPointer>
#include <deque>
#include <functional>
#include <map>
#include <memory>

namespace airm {

class RequestEngine;
class AutomationRun;

struct ScenarioStatus
{
    QString runId;
    QString plan;
    QString title;
    RunStatus status = RunStatus::Pending;
    QString phase; // before | method | recovering | draining | finished
    qint64 startedAtMs = 0, endedAtMs = 0;
    qint64 elapsedMs = 0;
    double timeScale = 1.0;
    int cycle = 0;
    int stepsStarted = 0, stepsFinished = 0;
    QStringList currentSteps; // "key title"
    qint64 requests = 0, successes = 0, failures = 0;
    int activeChaos = 0, pendingRecoveries = 0;
    QStringList lastLines; // the newest output lines, oldest first
    QJsonObject toJson() const;
};

class ScenarioRunner : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        double timeScale = 0.0;         // 0 = the plan's
        qint64 maxDurationMs = -1;      // plan time; -1 = the plan's, 0 = none
        QString runId;                  // empty = generated
        int maxRequestRows = 1'000'000; // request rows kept for the CSV; counts stay exact beyond it
        qint64 stopGraceMs = 5'000;     // real ms to let requests in flight finish after stop() or abort
        int outputLines = 200;          // lines kept for status()
    };

    ScenarioRunner(RequestEngine &engine, Plan plan, Options options, QObject *parent = nullptr);
    ScenarioRunner(RequestEngine &engine, Plan plan, QObject *parent = nullptr);
    ~ScenarioRunner() override;

    // Checks the plan against the engine (every named service exists) and starts. On false nothing was
    // started, *error names the field and reason, and the result has status Error (exit code 2).
    bool start(QString *error);
    // Ends the run now: rollback, a short drain, the after-check, finished(). No-op when not running.
    void stop(const QString &reason = QStringLiteral("stopped by user"));

    bool isRunning() const { return m_phase != Phase::Idle && m_phase != Phase::Finished; }
    bool isFinished() const { return m_phase == Phase::Finished; }
    QString runId() const { return m_result.runId; }
    const Plan &plan() const { return m_result.plan; }
    // The result so far; complete once finished() was emitted.
    const RunResult &result() const { return m_result; }
    ScenarioStatus status() const;

    // Real milliseconds for a plan duration under this run's time scale (at least 1 for a positive input).
    qint64 scaled(qint64 planMs) const;

signals:
    void stepStarted(const QString &key, const QString &title);
    void stepFinished(const QString &key, const QString &status);
    void output(const QString &line);
    void finished(const airm::RunResult &result);

private:
    enum class Phase { Idle, Method, Recovering, Draining, Finished };
    using Done = std::function<void()>;

    struct Active
    {
        int stepIndex = -1;
        const StepSpec *spec = nullptr;
        Done done;
        quint64 durationTimer = 0;
        quint64 timeoutTimer = 0;
        QString chaosId;
        QPointer<AutomationRun> load;
        QMap<QString, double> baselines;
        QMap<QString, int> baselineSamples;
        QMap<QString, QString> baselineSources;
    };

    struct RecoveryProbe
    {
        int watch = -1;
        QString service;
        QString stepKey;
        quint64 timer = 0;
        quint64 timeoutTimer = 0;
        bool inFlight = false;
    };

    struct AbortState
    {
        qint64 breachSinceMs = -1; // mono
        ProbeResult worst;
        qint64 evaluations = 0;
        bool everFailed = false;
    };

    // Execution
    void beginMethod();
    void runCycle(int cycle);
    std::vector<StepSpec> expand(const std::vector<StepSpec> &steps, const QString &path,
                                 QString *error) const;
    void runSequence(const std::vector<StepSpec> *steps, std::size_t index, const QString &parentKey,
                     int depth, Done done);
    void runStep(const StepSpec &s, const QString &key, const QString &parentKey, int depth, Done done);
    void startLoad(const QString &key, Active &a);
    void startChaos(const QString &key, Active &a);
    void runCheck(const StepSpec &s, const QString &key);
    void armEnd(const QString &key, Active &a);
    void endStep(const QString &key, const QString &status, const QString &detail = {});
    QString makeKey(const QString &parentKey, std::size_t index) const;

    // Method end, shutdown and rollback
    void methodDone(const QString &reason);
    void shutdown(RunStatus status, const QString &reason);
    void endActiveSteps(const QString &status, const QString &detail);
    void rollback(const QString &why);
    void maybeFinish();
    void advanceWindDown();
    void finish();
    void failRun(const QString &error);

    // Observation
    void onRecord(const RequestRecord &r);
    void onTransition(const BreakerTransition &t);
    void onChaosEnded(const ActiveChaos &c, const QString &reason);
    void tick();
    void evaluateUntils();

    // Probes
    ProbeResult evaluate(const ProbeSpec &p, const QString &phase, const QString &stepKey);
    bool checkPhase(const QString &phase);
    void recordDuring(const ProbeResult &r);

    // Recovery
    void startRecovery(const QString &key, const Active &a, const StepRecord &step);
    void sendRecoveryProbe(int probeIndex);
    void endRecovery(int probeIndex, const QString &status);
    void syncRecoveries();

    // Helpers
    // Every timer the runner schedules goes through here, so the destructor can cancel what is pending.
    quint64 later(qint64 delayMs, std::function<void()> fn);
    void cancel(quint64 &timer);
    QStringList resolveServices(const QStringList &names) const;
    QString automationRunId(const QString &key) const;
    QString nextExperimentId();
    qint64 nowMono() const;
    qint64 nowWall() const;
    void log(const QString &line);
    void event(const QString &kind, const QString &stepKey, const QString &service, const QString &detail);
    void chaosContext(const QString &service, qint64 atWallMs, bool *active, QString *type) const;
    qint64 inFlight() const;
    StepRecord &stepRecord(int index) { return m_result.steps[index]; }

    RequestEngine &m_engine;
    Options m_options;
    RunResult m_result;
    Phase m_phase = Phase::Idle;
    QStringList m_services; // the engine's, at start
    qint64 m_startMono = 0;
    qint64 m_deadlineMono = -1;
    quint64 m_tickTimer = 0;
    quint64 m_deadlineTimer = 0;
    quint64 m_drainTimer = 0;
    quint64 m_deferTimer = 0;
    quint64 m_windDownTimer = 0;
    QSet<quint64> m_timers;
    int m_cycle = 0;
    qint64 m_cycleStartMono = 0;
    std::vector<StepSpec> m_cycleSteps;
    std::map<QString, Active> m_active;
    QMap<QString, QString> m_stepOfRunId; // automation run id -> step key
    QMap<QString, QString> m_experimentOfStep;
    std::vector<std::unique_ptr<AutomationRun>> m_automations;
    QSet<quint64> m_seen;
    std::deque<ObservedRequest> m_recent;        // the run's own requests inside the longest window
    std::deque<ObservedRequest> m_serviceRecent; // every request, for scope "service" probes
    bool m_wantServiceScope = false;
    qint64 m_longestWindowMs = 0;
    QMap<QString, BreakerState> m_breakers;
    RecoveryTracker m_tracker;
    std::vector<RecoveryProbe> m_recoveryProbes;
    QMap<QString, int> m_probeByRunId;
    qint64 m_probesSent = 0;
    int m_probesInFlight = 0;
    int m_nextExperiment = 1;
    QMap<QString, ProbeResult> m_during;
    QList<QString> m_duringOrder;
    QMap<QString, QPair<qint64, qint64>> m_duringCounts; // evaluations, failures
    std::vector<AbortState> m_abortStates;
    qint64 m_successes = 0;
    int m_stepsFinished = 0;
    RunStatus m_endStatus = RunStatus::Completed;
    QString m_endReason;
    bool m_rolledBack = false;
    std::deque<QString> m_output;
};

} // namespace airm
