// An experiment plan: a steady-state hypothesis (probes with tolerances), a method of ordered steps (load
// phases, chaos injections, waits, checks; parallel groups), abort conditions, recovery measurement settings
// and a time scale. Parsed from versioned JSON (docs/plan-schema.json, docs/SCENARIOS.md) with errors that
// name the field path and the reason. Plain value types: safe to copy between threads.
#pragma once

#include "engine/automationrun.h"
#include "model/chaosspec.h"
#include "model/types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <optional>
#include <vector>

namespace airm {

enum class ProbeType { SuccessRate, LatencyP95, BreakerState, NoRequestLost };

// Which requests a success-rate or latency probe looks at.
enum class ProbeScope {
    Run,    // the requests this run sent (load phases and recovery probes)
    Service // every request to the service, whoever sent it (the engine's live traffic)
};

struct ProbeSpec
{
    QString name;
    ProbeType type = ProbeType::SuccessRate;
    QString service = QStringLiteral("all"); // "all" = every service together (breaker_state: every service)
    double minPct = 0.0;                     // success_rate: holds when rate >= minPct
    double maxMs = 0.0; // latency_p95: holds when the p95 of successful requests <= maxMs
    BreakerState state = BreakerState::Closed; // breaker_state
    qint64 windowMs = 60'000;                  // plan time; success_rate and latency_p95 look this far back
    int minSamples = 1;                        // fewer requests in the window: inconclusive, not failed
    ProbeScope scope = ProbeScope::Run;
    bool before = true, during = false, after = true;

    static QString typeName(ProbeType t);
    static std::optional<ProbeType> typeFromName(const QString &name);
    // ">= 80 %", "<= 2000 ms", "== CLOSED", "== 0 lost".
    QString toleranceText() const;
    QJsonObject toJson() const;
    // path names the object in error messages, e.g. "hypothesis.probes[2]".
    static ProbeSpec fromJson(const QJsonObject &o, const QString &path, QString *error);
};

// Breached continuously for forMs (plan time) during the method: the run stops at once.
struct AbortCondition
{
    ProbeSpec probe;
    qint64 forMs = 0;
    QJsonObject toJson() const;
};

enum class StepType { Load, Chaos, Wait, Check, Group, Sequence, ForEach };

struct StepSpec
{
    StepType type = StepType::Wait;
    QString id; // optional, for people and the API
    QString title;
    QString experimentId;   // the seed's Experiment_ID in the CSV files; chaos steps get 1, 2, ... when empty
    qint64 durationMs = -1; // plan time; -1 = none (a load step then ends with its request count)

    std::optional<AutomationConfig> load; // load steps; chaos steps: optional load on the targets
    std::optional<ChaosSpec> chaos;       // chaos steps
    std::optional<double> intensity;      // chaos steps: the seed's intensity column; default from the spec
    bool measureRecovery = true;          // chaos steps

    std::optional<ProbeSpec> until; // ends the step when it holds (checked on every event and tick)
    qint64 timeoutMs = -1;          // with until: real milliseconds (not scaled), -1 = the plan's default

    QStringList checkProbes;       // check steps: names of hypothesis probes; empty with no inline = all
    QList<ProbeSpec> inlineProbes; // check steps
    bool abortOnFailure = false;   // check steps

    std::vector<StepSpec> steps; // group (parallel), sequence, for_each template
    QStringList forEachServices; // for_each: empty = every configured service
    QJsonArray forEachVariants;  // for_each: objects whose fields ${variant.NAME} refers to
    QJsonArray forEachTemplate;  // for_each: the raw step objects, expanded at run time

    QJsonObject source; // the step as written
    // A sequence made by for_each for one variant and service: under a duration limit it runs whole or not at
    // all (the seed skipped an experiment that would not fit). Plain sequences may end part way.
    bool atomic = false;

    static QString typeName(StepType t);
    // Plan time the step takes when nothing ends it early; -1 when unknown (until, request counts, for_each).
    qint64 nominalDurationMs() const;
    static StepSpec fromJson(const QJsonObject &o, const QString &path, QString *error);
};

struct RecoverySettings
{
    qint64 timeoutMs = 120'000;       // real ms: how long to wait for a service to recover after chaos ends
    qint64 probeIntervalMs = 1'000;   // real ms: pace of the runner's own probe requests while waiting
    int successWindow = 10;           // requests in the rolling success rate
    double tolerancePts = 5.0;        // recovered when the rolling rate >= baseline - tolerancePts
    qint64 baselineWindowMs = 60'000; // plan time before the chaos step that sets the baseline
    bool probeRequests = true;        // false: rely on the plan's own load for traffic
    QJsonObject toJson() const;
};

struct Plan
{
    static constexpr int kSchemaVersion = 1;

    int schemaVersion = kSchemaVersion;
    QString name;
    QString title;
    QString description;
    QStringList tags;
    double timeScale = 1.0;                 // plan durations are divided by it
    qint64 maxDurationMs = 0;               // plan time; 0 = none
    int repeat = 1;                         // how often the method runs; 0 = until stopped or maxDuration
    qint64 checkIntervalMs = 1'000;         // plan time between during-checks and abort-condition checks
    qint64 defaultUntilTimeoutMs = 300'000; // real ms, for steps with until and no timeout
    qint64 drainTimeoutMs = 130'000;        // real ms to wait for the run's requests in flight at the end
    QStringList prompts;                    // for the recovery probes; empty = the seed's chaos-test prompts
    bool resetBreakersOnRollback = false;
    RecoverySettings recovery;
    QString hypothesisTitle;
    QList<ProbeSpec> probes;
    std::vector<StepSpec> method;
    QList<AbortCondition> abortConditions;
    QJsonObject source; // the plan as written

    // The ten prompts of the seed's chaos-test.py (inventory 6.2).
    static QStringList chaosTestPrompts();

    const ProbeSpec *probe(const QString &name) const;
    // Every service the plan names (probes, chaos targets, load services, for_each lists); "all" excluded.
    QStringList referencedServices() const;
    QJsonObject toJson() const { return source; }

    static Plan fromJson(const QJsonObject &o, QString *error);
    static Plan fromJsonText(const QByteArray &text, QString *error);
    // "500ms", "30s", "3m", "1h" or a plain number of seconds, as in plans (for --duration); -1 if malformed.
    static qint64 parseDuration(const QString &text);
};

// Expands a for_each step into one sequence step per variant and service (variants outer, services inner, the
// seed's order), replacing "${service}" and "${variant.NAME}" in every string of the template. A string that
// is exactly "${variant.NAME}" takes the variant's value whatever its JSON type (an object, a number).
std::vector<StepSpec> expandForEach(const StepSpec &forEach, const QStringList &services, const QString &path,
                                    QString *error);

// Converts a duration field: "<name>Ms" (integer milliseconds) or "<name>" (a number of seconds or a string
// like "500ms", "30s", "3m", "1h"). Returns false with *error set when malformed; *out untouched if absent.
bool readPlanDuration(const QJsonObject &o, const QString &name, const QString &path, qint64 *out,
                      QString *error);

} // namespace airm
