// The results of Analytics: key insights, the leaderboard, failure recovery, performance trends and the
// Overall Health figure, each with its JSON form. Any thread.
#pragma once

#include "model/types.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace airm {

struct AnalyticsOptions
{
    qint64 nowMs = 0;                        // end of every window (wall ms)
    qint64 windowMs = 24LL * 3600 * 1000;    // insights, leaderboard, recovery, health
    qint64 recentWindowMs = 5LL * 60 * 1000; // trends: this window against the one before it
    int minRequests = 10;            // a service needs this many requests to be "most reliable" or "fastest"
    int minTrendSamples = 5;         // each trend window needs this many samples, else "insufficient_data"
    double trendThresholdPct = 20.0; // relative change that counts as a trend (both directions)
    double healthTrendPoints = 5.0;  // Overall Health change (in points) that counts as a trend
    int utcOffsetMinutes = 0;        // time zone of the peak hour
    QStringList services;            // empty: every service
};

// A value now against the value one window earlier.
struct TrendFigure
{
    double recent = -1, previous = -1; // -1: no data
    double changePct = 0;              // relative change of recent against previous, in %
    qint64 recentSamples = 0, previousSamples = 0;
    QString label; // per figure: "rising"/"falling", "slower"/"faster", "improving"/"declining"; "stable";
                   // "insufficient_data"
    QJsonObject toJson() const;
};

struct ServiceFigure
{
    QString service;
    double value = 0;
    qint64 requests = 0;
    QJsonObject toJson(const char *valueKey) const;
};

struct KeyInsights
{
    std::optional<ServiceFigure> mostReliable; // value: success rate %
    std::optional<ServiceFigure> fastest;      // value: average latency of successes, ms
    std::optional<int> peakHour;               // local hour of day with the lowest average success latency
    double peakHourLatencyMs = 0;
    double availabilityPct = -1; // minutes with a success / minutes with traffic, over services
    TrendFigure volume;          // requests per minute
    TrendFigure errorRate;       // % of requests that did not succeed
    QJsonObject toJson() const;
};

struct LeaderboardEntry
{
    int rank = 0;
    QString service;
    qint64 requests = 0, failures = 0;
    double successRatePct = 0;
    double avgLatencyMs = 0; // successes only; 0 without successes
    double score =
        0; // 0.6 * successRate + 0.4 * max(0, 100 - avgLatencyMs / 30); speed part 0 without successes
    QString badge; // "excellent", "good", "poor"
    QJsonObject toJson() const;
};

struct ServiceRecovery
{
    QString service;
    qint64 failures = 0;
    QString status; // "no_failures", "recovered", "failing"
    qint64 lastFailureMs = 0;
    ErrorClass lastFailureClass = ErrorClass::None;
    QString lastFailureMessage;
    qint64 episodes = 0, recoveredEpisodes = 0;
    double lastRecoveryMs = -1, meanRecoveryMs = -1,
           maxRecoveryMs = -1; // first failure -> first success after
    qint64 failingForMs = 0;   // status "failing": since the first failure
    QJsonObject toJson() const;
};

struct ChaosRecovery
{
    QString experimentId;
    ChaosType type = ChaosType::Latency;
    QString service;
    qint64 endedMs = 0;
    BreakerState stateAtEnd = BreakerState::Closed;
    qint64 closedAtMs = 0;  // 0: not CLOSED again yet
    double recoveryMs = -1; // experiment end -> breaker CLOSED; 0 when it never left CLOSED
    QJsonObject toJson() const;
};

struct RecoveryReport
{
    QList<ServiceRecovery> services;
    QList<ChaosRecovery> chaos;
    QJsonObject toJson() const;
};

struct PerformanceTrend
{
    QString service;         // "all" for the total
    TrendFigure latency;     // average latency of successes: "slower", "faster", "stable"
    TrendFigure successRate; // "improving", "declining", "stable"
    QJsonObject toJson() const;
};

struct OverallHealth
{
    double score = -1; // 0..100, -1 without traffic
    QString label;     // "healthy" (>= 90), "degraded" (>= 70), "unhealthy", "no_data"
    double previousScore = -1;
    QString trend;                 // "improving", "declining", "stable", "insufficient_data"
    QList<ServiceFigure> services; // per-service health
    QString formula;
    QJsonObject toJson() const;
};

} // namespace airm
