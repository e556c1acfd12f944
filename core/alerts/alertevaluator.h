// Turns what the monitor observes (breaker transitions, metrics snapshots, finished scenario runs, storage
// states) into alerts according to an AlertRulesConfig, with a cooldown per rule and key so a flapping
// condition cannot cause an alert storm. Pure logic on an injected clock: no I/O, no timers, no signals.
//
// Two kinds of rules:
// - events (breakerOpened, breakerClosed, scenarioHypothesisFailed, scenarioAborted) raise one alert each;
//   an event within the cooldown of the previous alert of the same rule and key is suppressed (counted).
// - conditions (breakerStuckOpen, errorRate, latencyP95, databaseDegraded) raise an alert when they start to
//   hold (suppressed and counted if within the cooldown), then one reminder per cooldown period while they
//   keep holding; holding on between reminders is not counted as suppression. They are re-evaluated on every
//   input and on tick().
// Keys: the service for breaker and metric rules, the plan name for scenario rules, empty for the database.
//
// Windows: the error rate is taken over the last kWindowMs, from the differences of the cumulative counters
// of snapshots sampled at most every kSampleIntervalMs (so the window is kWindowMs to kWindowMs +
// kSampleIntervalMs long, or shorter right after a start or a metrics reset); it counts failures and timeouts
// among finished calls, not requests the breaker rejected (the breaker rules report those). The p95 latency
// is ServiceMetrics::latency5m. Times: cooldowns and durations use clock.nowMs(); AlertRecord::atMs is
// clock.wallMs().
// Thread affinity: none of its own; use from one thread at a time (AlertManager's).
#pragma once

#include "alertrules.h"
#include "common/clock.h"
#include "model/metricssnapshot.h"
#include "storage/storagerecords.h"
#include "storage/storagestate.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <deque>

namespace airm {

class AlertEvaluator
{
public:
    static constexpr qint64 kWindowMs = 5 * 60 * 1000;
    static constexpr qint64 kSampleIntervalMs = 5'000;

    explicit AlertEvaluator(const Clock &clock, AlertRulesConfig config = {});

    // Keeps cooldowns and what is being tracked (open breakers, counter samples).
    void setConfig(const AlertRulesConfig &config) { m_config = config; }
    const AlertRulesConfig &config() const { return m_config; }

    QList<AlertRecord> onTransition(const BreakerTransition &transition);
    QList<AlertRecord> onSnapshot(const MetricsSnapshot &snapshot);
    // An aborted run raises scenarioAborted only (its hypotheses did not get to run to their end).
    QList<AlertRecord> onScenarioFinished(const QString &runId, const QString &planName,
                                          bool hypothesisFailed, bool aborted, const QString &reason);
    QList<AlertRecord> onStorageState(const StorageState &state);
    // Re-evaluates the time-based conditions (breakerStuckOpen, databaseDegraded reminders).
    QList<AlertRecord> tick();

    // Alerts not raised because of a cooldown, since construction.
    qint64 suppressedCount() const { return m_suppressed; }
    void clearCooldowns();

    // A fresh alert (new id, wall time now) outside the rules, e.g. for a channel test.
    AlertRecord makeAlert(const QString &rule, AlertSeverity severity, const QString &service,
                          const QString &message) const;

private:
    struct Sample
    {
        qint64 atMs = 0; // clock.nowMs()
        qint64 calls = 0, errors = 0;
    };
    struct ServiceTrack
    {
        qint64 startedAtMs = -1;    // the snapshot's startedAtMs; a change means the metrics were reset
        std::deque<Sample> samples; // oldest first
        qint64 notClosedSinceMs = -1;
    };

    // Raises an event alert unless in cooldown.
    void fireEvent(AlertRuleId id, const QString &key, const QString &service, const QString &message,
                   QList<AlertRecord> *out);
    // Evaluates a condition; message is only built when an alert is raised.
    template<typename MessageFn>
    void condition(AlertRuleId id, const QString &key, const QString &service, bool holds, MessageFn message,
                   QList<AlertRecord> *out);
    bool ruleOn(AlertRuleId id) const;
    void emitAlert(AlertRuleId id, const QString &cooldownKey, const QString &service, const QString &message,
                   QList<AlertRecord> *out);
    void checkStuckOpen(QList<AlertRecord> *out);
    void checkDatabase(QList<AlertRecord> *out);
    void trackBreaker(ServiceTrack &track, BreakerState state, qint64 timeInStateMs);
    void evaluateService(const ServiceMetrics &m, qint64 startedAtMs, qint64 takenAtMs,
                         QList<AlertRecord> *out);
    void pruneCooldowns();

    const Clock &m_clock;
    AlertRulesConfig m_config;
    QHash<QString, ServiceTrack> m_services;
    QHash<QString, qint64> m_lastFiredMs; // rule + key -> clock.nowMs() of the last alert
    QSet<QString> m_holding;              // rule + key of conditions that currently hold
    bool m_databaseDegraded = false;
    QString m_databaseReason;
    qint64 m_databaseQueued = 0;
    qint64 m_suppressed = 0;
};

} // namespace airm
