// The dashboard analytics of the seed, computed from the database (every origin's traffic, not one client's)
// and with its defects fixed: key insights among services with enough requests, the leaderboard score,
// failure recovery (first failure to first success; chaos end to breaker CLOSED), performance trends with
// symmetric thresholds, and an Overall Health figure:
//   health(service) = 0.5 * successRate + 0.3 * availability + 0.2 * max(0, 100 - avgSuccessLatencyMs / 30)
//   (the latency part is 0 without successes), and Overall Health = the request-weighted mean over services.
// Thread affinity: thread-safe (every query runs on the calling thread's connection).
#pragma once

#include "analyticstypes.h"
#include "historystore.h"

namespace airm {

class Analytics
{
public:
    explicit Analytics(const HistoryStore &store);

    KeyInsights keyInsights(const AnalyticsOptions &o, QString *error = nullptr) const;
    QList<LeaderboardEntry> leaderboard(const AnalyticsOptions &o, QString *error = nullptr) const;
    RecoveryReport recovery(const AnalyticsOptions &o, QString *error = nullptr) const;
    // Per service and "all" (first): the recent window against the previous one.
    QList<PerformanceTrend> performanceTrends(const AnalyticsOptions &o, QString *error = nullptr) const;
    OverallHealth overallHealth(const AnalyticsOptions &o, QString *error = nullptr) const;
    // Everything above plus error patterns, as one document.
    QJsonObject report(const AnalyticsOptions &o, QString *error = nullptr) const;

    static double leaderboardScore(double successRatePct, double avgLatencyMs, qint64 successes);
    static double serviceHealth(double successRatePct, double availabilityPct, double avgLatencyMs,
                                qint64 successes);
    static QString healthLabel(double score);

private:
    const HistoryStore &m_store;
};

} // namespace airm
