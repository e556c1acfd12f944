#include "circuitbreaker.h"

#include <algorithm>
#include <cmath>

namespace airm {
namespace {

constexpr qint64 kMsPerSecond = 1000;
constexpr quint64 kSerialMask = 0xffffffffu;

quint32 errorBit(ErrorClass e)
{
    return 1u << static_cast<unsigned>(e);
}

QString percent(double v)
{
    return QString::number(v, 'f', 1) % QLatin1Char('%');
}

} // namespace

CircuitBreaker::CircuitBreaker(QString service, BreakerConfig config, const Clock &clock)
    : m_service(std::move(service))
    , m_config(std::move(config))
    , m_clock(clock)
    , m_stateSinceMs(clock.nowMs())
    , m_stateSinceWallMs(clock.wallMs())
{
    applyConfig();
}

void CircuitBreaker::setConfig(const BreakerConfig &config)
{
    m_config = config;
    applyConfig();
}

void CircuitBreaker::applyConfig()
{
    m_recordedMask = 0;
    for (const ErrorClass e : std::as_const(m_config.recordedErrors))
        m_recordedMask |= errorBit(e);
    clearWindow();
}

CircuitBreaker::Permit CircuitBreaker::tryAcquire()
{
    if (m_state == BreakerState::Open || m_state == BreakerState::HalfOpen) pollAt(m_clock.nowMs());

    switch (m_state) {
    case BreakerState::HalfOpen:
        if (m_halfOpenInFlight >= m_config.permittedNumberOfCallsInHalfOpenState) break;
        ++m_halfOpenInFlight;
        [[fallthrough]];
    case BreakerState::Closed:
    case BreakerState::Disabled:
    case BreakerState::MetricsOnly:
        // The generation is never 0, so neither is a permit, whatever the serial.
        return (m_generation << 32) | (m_nextPermitSerial++ & kSerialMask);
    case BreakerState::Open:
    case BreakerState::ForcedOpen:
        break;
    }
    ++m_notPermitted;
    return 0;
}

void CircuitBreaker::onResult(Permit permit, ErrorClass errorClass, qint64 durationMs, int retryAfterMs)
{
    if (permit == 0) return;
    const qint64 now = m_clock.nowMs();
    // A deadline that passed before this result arrived wins, as if the engine's timer had fired first.
    if (m_state == BreakerState::Open || m_state == BreakerState::HalfOpen) pollAt(now);

    const bool current = isCurrent(permit);
    ++m_total;
    const bool success = errorClass == ErrorClass::None;
    const bool failure = !success && (m_recordedMask & errorBit(errorClass)) != 0;
    if (!success && !failure) {
        ++m_ignored;
        // An ignored probe gives its slot back without a verdict.
        if (current && m_state == BreakerState::HalfOpen && m_halfOpenInFlight > 0) --m_halfOpenInFlight;
        return;
    }
    const bool slow = durationMs >= m_config.slowCallDurationThresholdMs;
    if (slow) ++m_slow;
    if (failure)
        ++m_failed;
    else
        ++m_success;
    if (!current) return;

    switch (m_state) {
    case BreakerState::Closed:
    case BreakerState::MetricsOnly: {
        m_consecutiveFailures = failure ? m_consecutiveFailures + 1 : 0;
        recordInWindow(failure, slow, now);
        if (m_state != BreakerState::Closed) break;
        QString reason; // built only when the breaker trips
        if (evaluateTrip(&reason)) {
            const bool retry = failure && m_config.honourRetryAfter && retryAfterMs >= 0;
            const qint64 retryMs = std::min<qint64>(retryAfterMs, m_config.maxWaitDurationInOpenStateMs);
            transitionTo(BreakerState::Open, reason, retry ? now + retryMs : -1);
        }
        break;
    }
    case BreakerState::HalfOpen:
        if (m_halfOpenInFlight > 0) --m_halfOpenInFlight;
        if (failure) {
            const bool retry = m_config.honourRetryAfter && retryAfterMs >= 0;
            const qint64 retryMs = std::min<qint64>(retryAfterMs, m_config.maxWaitDurationInOpenStateMs);
            transitionTo(BreakerState::Open, QStringLiteral("Failure during recovery test"),
                         retry ? now + retryMs : -1);
        } else if (++m_halfOpenSuccesses >= m_config.halfOpenSuccessThreshold) {
            transitionTo(BreakerState::Closed, QStringLiteral("Success threshold reached (") %
                                                   QString::number(m_halfOpenSuccesses) % QLatin1Char('/') %
                                                   QString::number(m_config.halfOpenSuccessThreshold) %
                                                   QLatin1Char(')'));
        }
        break;
    case BreakerState::Disabled:
    case BreakerState::Open:
    case BreakerState::ForcedOpen:
        break;
    }
}

void CircuitBreaker::release(Permit permit)
{
    if (permit == 0 || !isCurrent(permit)) return;
    if (m_state == BreakerState::HalfOpen && m_halfOpenInFlight > 0) --m_halfOpenInFlight;
}

void CircuitBreaker::poll()
{
    pollAt(m_clock.nowMs());
}

void CircuitBreaker::pollAt(qint64 nowMs)
{
    if (m_state == BreakerState::Open) {
        const qint64 deadline = openDeadlineMs();
        if (nowMs >= deadline)
            transitionTo(BreakerState::HalfOpen, QStringLiteral("Wait duration expired (") %
                                                     QString::number(deadline - m_stateSinceMs) %
                                                     QStringLiteral(" ms), testing recovery"));
    } else if (m_state == BreakerState::HalfOpen && m_config.maxWaitDurationInHalfOpenStateMs > 0) {
        if (nowMs >= m_stateSinceMs + m_config.maxWaitDurationInHalfOpenStateMs)
            transitionTo(BreakerState::Open, QStringLiteral("Half-open wait expired (") %
                                                 QString::number(m_config.maxWaitDurationInHalfOpenStateMs) %
                                                 QStringLiteral(" ms) without a verdict"));
    }
}

qint64 CircuitBreaker::nextDeadlineMs() const
{
    if (m_state == BreakerState::Open) return openDeadlineMs();
    if (m_state == BreakerState::HalfOpen && m_config.maxWaitDurationInHalfOpenStateMs > 0)
        return m_stateSinceMs + m_config.maxWaitDurationInHalfOpenStateMs;
    return -1;
}

qint64 CircuitBreaker::openWaitMs() const
{
    const qint64 base = m_config.waitDurationInOpenStateMs;
    const qint64 cap = std::max(base, m_config.maxWaitDurationInOpenStateMs);
    if (m_config.openBackoffMultiplier <= 1.0 || m_consecutiveOpens == 0) return std::min(base, cap);
    const double wait =
        static_cast<double>(base) * std::pow(m_config.openBackoffMultiplier, m_consecutiveOpens);
    return wait >= static_cast<double>(cap) ? cap : static_cast<qint64>(wait);
}

qint64 CircuitBreaker::openDeadlineMs() const
{
    return std::max(m_stateSinceMs + openWaitMs(), m_minOpenUntilMs);
}

void CircuitBreaker::reset(const QString &reason)
{
    transitionTo(BreakerState::Closed, reason);
}

void CircuitBreaker::forceState(BreakerState state, const QString &reason)
{
    transitionTo(state, reason);
}

void CircuitBreaker::transitionTo(BreakerState to, const QString &reason, qint64 minOpenUntilMs)
{
    const BreakerState from = m_state;
    const qint64 now = m_clock.nowMs();
    m_state = to;
    m_stateSinceMs = now;
    m_stateSinceWallMs = m_clock.wallMs();
    ++m_generation; // results of calls permitted before now are late from here on
    m_halfOpenInFlight = 0;
    m_halfOpenSuccesses = 0;

    QString fullReason = reason;
    switch (to) {
    case BreakerState::Closed:
        clearWindow();
        m_consecutiveFailures = 0;
        m_consecutiveOpens = 0;
        m_minOpenUntilMs = -1;
        break;
    case BreakerState::Open:
        if (from == BreakerState::HalfOpen) ++m_consecutiveOpens;
        ++m_opens;
        m_minOpenUntilMs = minOpenUntilMs;
        if (minOpenUntilMs > now + openWaitMs())
            fullReason += QStringLiteral("; Retry-After keeps it open for ") %
                          QString::number(minOpenUntilMs - now) % QStringLiteral(" ms");
        break;
    case BreakerState::Disabled:
        // DISABLED keeps totals only; stale rates from before would be misleading.
        clearWindow();
        m_consecutiveFailures = 0;
        break;
    case BreakerState::HalfOpen:
    case BreakerState::ForcedOpen:
    case BreakerState::MetricsOnly:
        break;
    }

    const BreakerTransition t{m_stateSinceWallMs, m_service, from, to, fullReason};
    m_recent.push_back(t);
    while (m_recent.size() > static_cast<std::size_t>(BreakerSnapshot::kRecentTransitions))
        m_recent.pop_front();
    if (m_listener) m_listener(t);
}

int CircuitBreaker::effectiveMinimumCalls() const
{
    // As in resilience4j, a count-based window smaller than the minimum is judged once it is full.
    if (m_config.slidingWindowType == SlidingWindowType::CountBased)
        return std::max(1, std::min(m_config.minimumNumberOfCalls, m_config.slidingWindowSize));
    return std::max(1, m_config.minimumNumberOfCalls);
}

void CircuitBreaker::clearWindow()
{
    const std::size_t size = static_cast<std::size_t>(std::max(1, m_config.slidingWindowSize));
    const bool timeBased = m_config.slidingWindowType == SlidingWindowType::TimeBased;
    m_ring.assign(timeBased ? 0 : size, Outcome{false, false});
    m_ringNext = 0;
    m_ringFill = 0;
    m_buckets.assign(timeBased ? size : 0, Bucket{});
    m_bucketHeadSecond = std::max<qint64>(0, m_clock.nowMs() / kMsPerSecond);
    m_windowCalls = m_windowFailures = m_windowSlow = 0;
}

void CircuitBreaker::evictExpiredBuckets(qint64 nowMs) const
{
    if (m_buckets.empty()) return;
    const qint64 second = std::max<qint64>(0, nowMs / kMsPerSecond);
    if (second <= m_bucketHeadSecond) return;
    const qint64 size = static_cast<qint64>(m_buckets.size());
    if (second - m_bucketHeadSecond >= size) {
        std::fill(m_buckets.begin(), m_buckets.end(), Bucket{});
        m_windowCalls = m_windowFailures = m_windowSlow = 0;
    } else {
        // Each second entering the window reuses the slot of the one leaving it.
        for (qint64 s = m_bucketHeadSecond + 1; s <= second; ++s) {
            Bucket &b = m_buckets[static_cast<std::size_t>(s % size)];
            m_windowCalls -= b.calls;
            m_windowFailures -= b.failures;
            m_windowSlow -= b.slow;
            b = Bucket{};
        }
    }
    m_bucketHeadSecond = second;
}

void CircuitBreaker::recordInWindow(bool failure, bool slow, qint64 nowMs)
{
    if (!m_ring.empty()) {
        if (m_ringFill == m_ring.size()) {
            const Outcome &old = m_ring[m_ringNext];
            --m_windowCalls;
            m_windowFailures -= old.failure;
            m_windowSlow -= old.slow;
        } else {
            ++m_ringFill;
        }
        m_ring[m_ringNext] = Outcome{failure, slow};
        if (++m_ringNext == m_ring.size()) m_ringNext = 0;
    } else if (!m_buckets.empty()) {
        evictExpiredBuckets(nowMs);
        Bucket &b =
            m_buckets[static_cast<std::size_t>(m_bucketHeadSecond % static_cast<qint64>(m_buckets.size()))];
        b.second = m_bucketHeadSecond;
        ++b.calls;
        b.failures += failure;
        b.slow += slow;
    } else {
        return;
    }
    ++m_windowCalls;
    m_windowFailures += failure;
    m_windowSlow += slow;
}

bool CircuitBreaker::evaluateTrip(QString *reason) const
{
    const int consecutive = m_config.consecutiveFailureThreshold;
    if (consecutive > 0 && m_consecutiveFailures >= consecutive) {
        *reason = QStringLiteral("Failure threshold reached (") % QString::number(m_consecutiveFailures) %
                  QLatin1Char('/') % QString::number(consecutive) % QLatin1Char(')');
        return true;
    }
    if (m_windowCalls < effectiveMinimumCalls() || m_windowCalls == 0) return false;
    const double calls = m_windowCalls;
    const auto check = [&](double threshold, int count, QLatin1String what) {
        if (threshold <= 0.0) return false;
        const double rate = count * 100.0 / calls;
        if (rate < threshold) return false;
        *reason = what % QLatin1Char(' ') % percent(rate) % QStringLiteral(" >= ") % percent(threshold) %
                  QStringLiteral(" over ") % QString::number(m_windowCalls) % QStringLiteral(" calls");
        return true;
    };
    return check(m_config.failureRateThreshold, m_windowFailures, QLatin1String("Failure rate")) ||
           check(m_config.slowCallRateThreshold, m_windowSlow, QLatin1String("Slow-call rate"));
}

double CircuitBreaker::failureRate() const
{
    evictExpiredBuckets(m_clock.nowMs());
    if (m_windowCalls == 0 || m_windowCalls < effectiveMinimumCalls()) return -1.0;
    return m_windowFailures * 100.0 / m_windowCalls;
}

double CircuitBreaker::slowRate() const
{
    evictExpiredBuckets(m_clock.nowMs());
    if (m_windowCalls == 0 || m_windowCalls < effectiveMinimumCalls()) return -1.0;
    return m_windowSlow * 100.0 / m_windowCalls;
}

BreakerSnapshot CircuitBreaker::snapshot() const
{
    const qint64 now = m_clock.nowMs();
    BreakerSnapshot s;
    s.state = m_state;
    s.timeInStateMs = now - m_stateSinceMs;
    s.consecutiveFailures = m_consecutiveFailures;
    s.consecutiveFailureThreshold = m_config.consecutiveFailureThreshold;
    s.halfOpenSuccesses = m_halfOpenSuccesses;
    s.halfOpenSuccessThreshold = m_config.halfOpenSuccessThreshold;
    s.halfOpenInFlight = m_halfOpenInFlight;
    s.failureRatePct = failureRate();
    s.slowCallRatePct = slowRate();
    s.totalCalls = m_total;
    s.successfulCalls = m_success;
    s.failedCalls = m_failed;
    s.ignoredCalls = m_ignored;
    s.slowCalls = m_slow;
    s.notPermittedCalls = m_notPermitted;
    s.openCount = m_opens;
    s.remainingOpenMs = m_state == BreakerState::Open ? std::max<qint64>(0, openDeadlineMs() - now) : 0;
    s.preset = m_config.preset;
    s.recentTransitions.reserve(static_cast<qsizetype>(m_recent.size()));
    for (const BreakerTransition &t : m_recent)
        s.recentTransitions.append(t);
    return s;
}

} // namespace airm
