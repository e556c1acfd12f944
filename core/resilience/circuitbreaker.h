// A circuit breaker for one service: pure logic over an injected clock, no threads, no timers of its own.
// The engine calls tryAcquire() before a call and onResult() after it; poll() applies time-driven transitions
// (OPEN -> HALF_OPEN, HALF_OPEN timeout) and the engine arms a timer for nextDeadlineMs().
// Thread affinity: the engine thread. Not thread-safe.
#pragma once

#include "breakerconfig.h"
#include "common/clock.h"
#include "model/metricssnapshot.h"

#include <deque>
#include <functional>
#include <vector>

namespace airm {

class CircuitBreaker
{
public:
    using Permit = quint64; // 0 = not permitted
    using TransitionListener = std::function<void(const BreakerTransition &)>;

    CircuitBreaker(QString service, BreakerConfig config, const Clock &clock);

    const QString &service() const { return m_service; }
    const BreakerConfig &config() const { return m_config; }
    // Replaces the configuration; counters and the current state are kept, the sliding window is cleared.
    void setConfig(const BreakerConfig &config);

    // Applies due time-driven transitions, then decides. Rejections are counted (notPermittedCalls).
    Permit tryAcquire();
    // Records the result of a permitted call. A permit from before the last transition (a late call) is
    // counted in totals but does not move the state machine. retryAfterMs (>= 0) lengthens the open wait.
    void onResult(Permit permit, ErrorClass errorClass, qint64 durationMs, int retryAfterMs = -1);
    // Gives back a permit whose call never ran (cancelled before sending).
    void release(Permit permit);

    BreakerState state() const { return m_state; }
    // Applies due time-driven transitions now.
    void poll();
    // Monotonic time of the next time-driven transition, or -1.
    qint64 nextDeadlineMs() const;

    // Manual control; each is a recorded transition with a reason.
    void reset(const QString &reason = QStringLiteral("Manual reset"));
    void forceState(BreakerState state, const QString &reason = QStringLiteral("Forced by user"));

    BreakerSnapshot snapshot() const;
    void setTransitionListener(TransitionListener listener) { m_listener = std::move(listener); }

private:
    struct Outcome
    {
        bool failure;
        bool slow;
    };
    // minOpenUntilMs (monotonic) only matters when entering OPEN: a Retry-After that keeps it open longer.
    void transitionTo(BreakerState to, const QString &reason, qint64 minOpenUntilMs = -1);
    void pollAt(qint64 nowMs);
    bool isCurrent(Permit permit) const { return (permit >> 32) == (m_generation & 0xffffffffu); }
    void applyConfig();
    int effectiveMinimumCalls() const;
    qint64 openDeadlineMs() const;
    void recordInWindow(bool failure, bool slow, qint64 nowMs);
    void clearWindow();
    bool evaluateTrip(QString *reason) const;
    double failureRate() const;
    double slowRate() const;
    void evictExpiredBuckets(qint64 nowMs) const;
    qint64 openWaitMs() const;

    QString m_service;
    BreakerConfig m_config;
    const Clock &m_clock;
    BreakerState m_state = BreakerState::Closed;
    qint64 m_stateSinceMs = 0;
    qint64 m_stateSinceWallMs = 0;
    quint64 m_generation = 1; // bumped on each transition; permits carry it
    quint64 m_nextPermitSerial = 1;

    int m_consecutiveFailures = 0;
    int m_halfOpenInFlight = 0;
    int m_halfOpenSuccesses = 0;
    int m_consecutiveOpens = 0;
    qint64 m_minOpenUntilMs = -1; // from Retry-After
    quint32 m_recordedMask = 0;   // bit per ErrorClass of m_config.recordedErrors, for the hot path

    // Count-based window: ring of outcomes. Time-based: one bucket per second.
    std::vector<Outcome> m_ring;
    std::size_t m_ringNext = 0;
    std::size_t m_ringFill = 0;
    struct Bucket
    {
        qint64 second = -1;
        int calls = 0;
        int failures = 0;
        int slow = 0;
    };
    mutable std::vector<Bucket> m_buckets;
    mutable qint64 m_bucketHeadSecond = -1; // newest second whose bucket is live; older ones evicted up to it
    mutable int m_windowCalls = 0, m_windowFailures = 0, m_windowSlow = 0;

    qint64 m_total = 0, m_success = 0, m_failed = 0, m_ignored = 0, m_slow = 0, m_notPermitted = 0,
           m_opens = 0;
    std::deque<BreakerTransition> m_recent;
    TransitionListener m_listener;
};

} // namespace airm
