#include "alertevaluator.h"

#include <QUuid>

#include <algorithm>
#include <utility>

namespace airm {
namespace {

// Above this many cooldown entries, expired ones are dropped (plan names and services are open-ended).
constexpr qsizetype kCooldownPruneSize = 4096;

QString cooldownKey(AlertRuleId id, const QString &key)
{
    return toString(id) % QLatin1Char('/') % key;
}

bool isNotClosed(BreakerState s)
{
    // FORCED_OPEN is an operator's decision, not an outage; DISABLED and METRICS_ONLY never reject.
    return s == BreakerState::Open || s == BreakerState::HalfOpen;
}

QString seconds(qint64 ms)
{
    return QString::number(ms / 1000);
}

QString number(double v)
{
    return QString::number(v, 'f', 1);
}

} // namespace

AlertEvaluator::AlertEvaluator(const Clock &clock, AlertRulesConfig config)
    : m_clock(clock)
    , m_config(std::move(config))
{}

void AlertEvaluator::clearCooldowns()
{
    m_lastFiredMs.clear();
    m_holding.clear();
}

AlertRecord AlertEvaluator::makeAlert(const QString &rule, AlertSeverity severity, const QString &service,
                                      const QString &message) const
{
    AlertRecord a;
    a.alertId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.atMs = m_clock.wallMs();
    a.rule = rule;
    a.severity = toString(severity);
    a.service = service;
    a.message = message;
    return a;
}

bool AlertEvaluator::ruleOn(AlertRuleId id) const
{
    return m_config.enabled && m_config.rule(id).enabled;
}

void AlertEvaluator::emitAlert(AlertRuleId id, const QString &key, const QString &service,
                               const QString &message, QList<AlertRecord> *out)
{
    m_lastFiredMs.insert(key, m_clock.nowMs());
    out->append(makeAlert(toString(id), m_config.rule(id).severity, service, message));
    pruneCooldowns();
}

void AlertEvaluator::fireEvent(AlertRuleId id, const QString &key, const QString &service,
                               const QString &message, QList<AlertRecord> *out)
{
    if (!ruleOn(id)) return;
    const QString k = cooldownKey(id, key);
    const auto last = m_lastFiredMs.constFind(k);
    if (last != m_lastFiredMs.cend() && m_clock.nowMs() - *last < m_config.rule(id).cooldownMs) {
        ++m_suppressed;
        return;
    }
    emitAlert(id, k, service, message, out);
}

template<typename MessageFn>
void AlertEvaluator::condition(AlertRuleId id, const QString &key, const QString &service, bool holds,
                               MessageFn message, QList<AlertRecord> *out)
{
    const QString k = cooldownKey(id, key);
    if (!holds || !ruleOn(id)) {
        m_holding.remove(k);
        return;
    }
    const bool started = !m_holding.contains(k);
    m_holding.insert(k);
    const auto last = m_lastFiredMs.constFind(k);
    if (last != m_lastFiredMs.cend() && m_clock.nowMs() - *last < m_config.rule(id).cooldownMs) {
        if (started) ++m_suppressed; // a new occurrence inside the cooldown; holding on is not one
        return;
    }
    emitAlert(id, k, service, message(), out);
}

void AlertEvaluator::pruneCooldowns()
{
    if (m_lastFiredMs.size() <= kCooldownPruneSize) return;
    qint64 longest = 0;
    for (const AlertRule &r : m_config.rules)
        longest = std::max(longest, r.cooldownMs);
    const qint64 now = m_clock.nowMs();
    m_lastFiredMs.removeIf([&](QHash<QString, qint64>::iterator it) { return now - it.value() >= longest; });
}

void AlertEvaluator::trackBreaker(ServiceTrack &track, BreakerState state, qint64 timeInStateMs)
{
    if (!isNotClosed(state))
        track.notClosedSinceMs = -1;
    else if (track.notClosedSinceMs < 0)
        track.notClosedSinceMs = m_clock.nowMs() - std::max<qint64>(0, timeInStateMs);
}

QList<AlertRecord> AlertEvaluator::onTransition(const BreakerTransition &t)
{
    QList<AlertRecord> out;
    trackBreaker(m_services[t.service], t.to, 0);
    const bool wasTripped = isNotClosed(t.from) || t.from == BreakerState::ForcedOpen;
    if (t.to == BreakerState::Open && !wasTripped) {
        fireEvent(AlertRuleId::BreakerOpened, t.service, t.service,
                  QStringLiteral("Circuit breaker of %1 opened (%2 -> %3)%4")
                      .arg(t.service, toString(t.from), toString(t.to),
                           t.reason.isEmpty() ? QString() : QString(QStringLiteral(": ") % t.reason)),
                  &out);
    } else if (t.to == BreakerState::Closed && isNotClosed(t.from)) {
        fireEvent(AlertRuleId::BreakerClosed, t.service, t.service,
                  QStringLiteral("Circuit breaker of %1 closed again (%2 -> %3)")
                      .arg(t.service, toString(t.from), toString(t.to)),
                  &out);
    }
    checkStuckOpen(&out);
    return out;
}

void AlertEvaluator::evaluateService(const ServiceMetrics &m, qint64 startedAtMs, qint64 takenAtMs,
                                     QList<AlertRecord> *out)
{
    ServiceTrack &track = m_services[m.name];
    trackBreaker(track, m.breaker.state, m.breaker.timeInStateMs);

    const qint64 now = m_clock.nowMs();
    const Sample current{now, m.successes + m.failures + m.timeouts, m.failures + m.timeouts};
    if (track.startedAtMs != startedAtMs ||
        (!track.samples.empty() &&
         (current.calls < track.samples.back().calls || current.errors < track.samples.back().errors))) {
        track.samples.clear(); // metrics were reset: older counters belong to another time line
        track.startedAtMs = startedAtMs;
    }
    // Keep only the newest sample at or before the window's start, as the baseline.
    while (track.samples.size() >= 2 && track.samples[1].atMs <= now - kWindowMs)
        track.samples.pop_front();
    Sample baseline;
    if (startedAtMs >= takenAtMs - kWindowMs)
        baseline = Sample{}; // the counters began inside the window: all of them are in it
    else if (!track.samples.empty())
        baseline = track.samples.front();
    else
        baseline = current; // first look at an old run: nothing known about the window yet
    if (track.samples.empty() || now - track.samples.back().atMs >= kSampleIntervalMs)
        track.samples.push_back(current);

    const AlertRule &rate = m_config.rule(AlertRuleId::ErrorRate);
    const qint64 calls = current.calls - baseline.calls;
    const qint64 errors = current.errors - baseline.errors;
    const double ratePct = calls > 0 ? 100.0 * double(errors) / double(calls) : 0.0;
    condition(
        AlertRuleId::ErrorRate, m.name, m.name,
        calls >= rate.minRequests && calls > 0 && ratePct >= rate.thresholdPct,
        [&] {
            return QStringLiteral(
                       "Error rate of %1 is %2 % over the last 5 minutes (%3 of %4 calls failed or "
                       "timed out; threshold %5 %)")
                .arg(m.name, number(ratePct), QString::number(errors), QString::number(calls),
                     number(rate.thresholdPct));
        },
        out);

    const AlertRule &latency = m_config.rule(AlertRuleId::LatencyP95);
    const LatencySummary &l = m.latency5m;
    condition(
        AlertRuleId::LatencyP95, m.name, m.name,
        l.count > 0 && l.count >= latency.minRequests && l.p95Ms >= double(latency.thresholdMs),
        [&] {
            return QStringLiteral(
                       "p95 latency of %1 is %2 ms over the last 5 minutes (%3 calls; threshold %4 ms)")
                .arg(m.name, QString::number(qRound64(l.p95Ms)), QString::number(l.count),
                     QString::number(latency.thresholdMs));
        },
        out);
}

QList<AlertRecord> AlertEvaluator::onSnapshot(const MetricsSnapshot &s)
{
    QList<AlertRecord> out;
    for (const ServiceMetrics &m : s.services)
        evaluateService(m, s.startedAtMs, s.takenAtMs, &out);
    checkStuckOpen(&out);
    checkDatabase(&out);
    return out;
}

void AlertEvaluator::checkStuckOpen(QList<AlertRecord> *out)
{
    const qint64 now = m_clock.nowMs();
    const AlertRule &rule = m_config.rule(AlertRuleId::BreakerStuckOpen);
    for (auto it = m_services.cbegin(); it != m_services.cend(); ++it) {
        const qint64 since = it->notClosedSinceMs;
        const QString &service = it.key();
        condition(
            AlertRuleId::BreakerStuckOpen, service, service, since >= 0 && now - since >= rule.thresholdMs,
            [&] {
                return QStringLiteral("Circuit breaker of %1 has not closed for %2 s (threshold %3 s)")
                    .arg(service, seconds(now - since), seconds(rule.thresholdMs));
            },
            out);
    }
}

void AlertEvaluator::checkDatabase(QList<AlertRecord> *out)
{
    condition(
        AlertRuleId::DatabaseDegraded, QString(), QString(), m_databaseDegraded,
        [this] {
            return QStringLiteral("Database degraded: %1 (%2 records waiting in memory or the journal)")
                .arg(m_databaseReason.isEmpty() ? QStringLiteral("unknown reason") : m_databaseReason,
                     QString::number(m_databaseQueued));
        },
        out);
}

QList<AlertRecord> AlertEvaluator::onScenarioFinished(const QString &runId, const QString &planName,
                                                      bool hypothesisFailed, bool aborted,
                                                      const QString &reason)
{
    QList<AlertRecord> out;
    const QString detail = reason.isEmpty() ? QString() : QString(QStringLiteral(": ") % reason);
    if (aborted)
        fireEvent(AlertRuleId::ScenarioAborted, planName, QString(),
                  QStringLiteral("Scenario \"%1\" (run %2) was aborted%3").arg(planName, runId, detail),
                  &out);
    else if (hypothesisFailed)
        fireEvent(
            AlertRuleId::ScenarioHypothesisFailed, planName, QString(),
            QStringLiteral("Scenario \"%1\" (run %2): a hypothesis failed%3").arg(planName, runId, detail),
            &out);
    return out;
}

QList<AlertRecord> AlertEvaluator::onStorageState(const StorageState &state)
{
    QList<AlertRecord> out;
    m_databaseDegraded = state.isDegraded();
    m_databaseReason = state.reason;
    m_databaseQueued = state.queued + state.journaled;
    checkDatabase(&out);
    return out;
}

QList<AlertRecord> AlertEvaluator::tick()
{
    QList<AlertRecord> out;
    checkStuckOpen(&out);
    checkDatabase(&out);
    return out;
}

} // namespace airm
