// Everything the Analytics page shows for one window, as the core computes it (storage/analytics.h): key
// insights, the leaderboard, failure recovery, performance trends, Overall Health, error patterns and the
// per-service statistics. Plain value type, any thread.
#pragma once

#include "storage/analyticstypes.h"
#include "storage/historytypes.h"

#include <QMetaType>

namespace airm::ui {

struct AnalyticsReport
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 recentWindowMs = 0; // the trends compare the last recentWindowMs with the one before
    int minRequests = 0;       // for "most reliable" and "fastest"
    KeyInsights insights;
    QList<LeaderboardEntry> leaderboard;
    RecoveryReport recovery;
    QList<PerformanceTrend> trends;
    OverallHealth health;
    QList<ErrorPattern> errorPatterns;
    StatsReport stats;
    QString error; // the first query that failed, if any
};

} // namespace airm::ui

Q_DECLARE_METATYPE(airm::ui::AnalyticsReport)
