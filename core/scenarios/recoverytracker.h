// Measures recovery after chaos, from events instead of sleeps: fed the requests and breaker transitions that
// follow the end of a chaos experiment, it finds when the breaker was CLOSED again and when the rolling
// success rate of the last N requests came back within tolerance of the pre-chaos baseline. The runner feeds
// it live; the window report replays recorded events through it. Pure logic on wall-clock milliseconds.
// Thread affinity: none (not thread-safe; use from one thread).
#pragma once

#include "runresult.h"

#include <deque>
#include <vector>

namespace airm {

class RecoveryTracker
{
public:
    struct Settings
    {
        int successWindow = 10;
        double tolerancePts = 5.0;
    };

    RecoveryTracker();
    explicit RecoveryTracker(Settings settings);

    // Starts watching service from chaosEndedAtMs on; returns the watch's index into records(). recent holds
    // the outcomes of the last requests to the service before the chaos ended (oldest first): the rolling
    // window starts from them, so a rate that never left the tolerance band has recovered at once.
    int begin(RecoveryRecord seed, BreakerState stateAtChaosEnd, const QList<bool> &recent = {});
    // A finished request; only requests that started at or after a watch's chaos end count for it.
    void onRequest(const QString &service, qint64 startedAtMs, qint64 finishedAtMs, bool succeeded);
    void onTransition(const BreakerTransition &t);
    // Ends a pending watch that did not recover (status: not_recovered, interrupted or stopped).
    void end(int index, const QString &status, qint64 nowMs);
    // Ends every pending watch of service (a new chaos on it makes the old measurement meaningless).
    QList<int> endForService(const QString &service, const QString &status, qint64 nowMs);

    bool isPending(int index) const;
    QList<int> pending() const;
    const RecoveryRecord &record(int index) const { return m_watches[std::size_t(index)].record; }
    QList<RecoveryRecord> records() const;

private:
    struct Watch
    {
        RecoveryRecord record;
        std::deque<bool> window;
    };
    void settleIfDone(Watch &w, qint64 nowMs);

    Settings m_settings;
    std::vector<Watch> m_watches;
};

} // namespace airm
