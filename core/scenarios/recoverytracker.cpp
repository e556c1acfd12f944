#include "recoverytracker.h"

#include <algorithm>

namespace airm {
namespace {

// States in which the breaker is not in the way of traffic. DISABLED and METRICS_ONLY never block.
bool breakerPasses(BreakerState s)
{
    return s == BreakerState::Closed || s == BreakerState::Disabled || s == BreakerState::MetricsOnly;
}

} // namespace

RecoveryTracker::RecoveryTracker()
    : RecoveryTracker(Settings{10, 5.0})
{}

RecoveryTracker::RecoveryTracker(Settings settings)
    : m_settings(settings)
{
    m_settings.successWindow = std::max(1, m_settings.successWindow);
}

int RecoveryTracker::begin(RecoveryRecord seed, BreakerState stateAtChaosEnd, const QList<bool> &recent)
{
    Watch w;
    w.record = std::move(seed);
    w.record.status = QStringLiteral("pending");
    w.record.successWindow = m_settings.successWindow;
    w.record.thresholdPct = std::max(0.0, w.record.baselinePct - m_settings.tolerancePts);
    w.record.breakerAtChaosEnd = stateAtChaosEnd;
    w.record.breakerTripped = !breakerPasses(stateAtChaosEnd);
    if (!w.record.breakerTripped) w.record.breakerRecoveryMs = 0;
    for (const bool ok : recent)
        w.window.push_back(ok);
    while (int(w.window.size()) > m_settings.successWindow)
        w.window.pop_front();
    if (w.record.successMeasured && !w.window.empty()) {
        const qint64 ok = std::count(w.window.begin(), w.window.end(), true);
        w.record.lastWindowPct = double(ok) * 100.0 / double(w.window.size());
        if (int(w.window.size()) >= m_settings.successWindow &&
            w.record.lastWindowPct >= w.record.thresholdPct)
            w.record.successRecoveryMs = 0;
    }
    m_watches.push_back(std::move(w));
    settleIfDone(m_watches.back(), m_watches.back().record.chaosEndedAtMs);
    return int(m_watches.size()) - 1;
}

void RecoveryTracker::onRequest(const QString &service, qint64 startedAtMs, qint64 finishedAtMs,
                                bool succeeded)
{
    for (Watch &w : m_watches) {
        RecoveryRecord &r = w.record;
        if (r.status != QLatin1String("pending") || r.service != service || startedAtMs < r.chaosEndedAtMs)
            continue;
        w.window.push_back(succeeded);
        while (int(w.window.size()) > m_settings.successWindow)
            w.window.pop_front();
        const qint64 ok = std::count(w.window.begin(), w.window.end(), true);
        r.lastWindowPct = double(ok) * 100.0 / double(w.window.size());
        if (r.successRecoveryMs < 0 && int(w.window.size()) >= m_settings.successWindow &&
            r.lastWindowPct >= r.thresholdPct)
            r.successRecoveryMs = std::max<qint64>(0, finishedAtMs - r.chaosEndedAtMs);
        settleIfDone(w, finishedAtMs);
    }
}

void RecoveryTracker::onTransition(const BreakerTransition &t)
{
    for (Watch &w : m_watches) {
        RecoveryRecord &r = w.record;
        if (r.status != QLatin1String("pending") || r.service != t.service || t.atMs < r.chaosEndedAtMs)
            continue;
        if (r.breakerRecoveryMs < 0 && breakerPasses(t.to))
            r.breakerRecoveryMs = std::max<qint64>(0, t.atMs - r.chaosEndedAtMs);
        settleIfDone(w, t.atMs);
    }
}

void RecoveryTracker::settleIfDone(Watch &w, qint64 nowMs)
{
    RecoveryRecord &r = w.record;
    if (r.breakerRecoveryMs >= 0 && (r.successRecoveryMs >= 0 || !r.successMeasured)) {
        r.status = QStringLiteral("recovered");
        r.waitedMs = std::max<qint64>(r.recoveryMs(), nowMs - r.chaosEndedAtMs);
    }
}

void RecoveryTracker::end(int index, const QString &status, qint64 nowMs)
{
    if (!isPending(index)) return;
    RecoveryRecord &r = m_watches[std::size_t(index)].record;
    r.status = status;
    r.waitedMs = std::max<qint64>(0, nowMs - r.chaosEndedAtMs);
}

QList<int> RecoveryTracker::endForService(const QString &service, const QString &status, qint64 nowMs)
{
    QList<int> ended;
    for (int i = 0; i < int(m_watches.size()); ++i)
        if (isPending(i) && m_watches[std::size_t(i)].record.service == service) {
            end(i, status, nowMs);
            ended << i;
        }
    return ended;
}

bool RecoveryTracker::isPending(int index) const
{
    return index >= 0 && index < int(m_watches.size()) &&
           m_watches[std::size_t(index)].record.status == QLatin1String("pending");
}

QList<int> RecoveryTracker::pending() const
{
    QList<int> out;
    for (int i = 0; i < int(m_watches.size()); ++i)
        if (isPending(i)) out << i;
    return out;
}

QList<RecoveryRecord> RecoveryTracker::records() const
{
    QList<RecoveryRecord> out;
    out.reserve(qsizetype(m_watches.size()));
    for (const Watch &w : m_watches)
        out << w.record;
    return out;
}

} // namespace airm
