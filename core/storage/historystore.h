// Read side of the history: filtered history pages with keyset paging, per-service statistics, trends from
// the minute roll-ups, breaker transitions, chaos experiments, scenario runs, alerts, error patterns and
// database figures. Every call uses the calling thread's own connection, so one HistoryStore serves any
// number of threads (SQLite WAL lets readers run beside the writer). The schema must exist (StorageWriter or
// Database::initialize creates it). Errors: each call returns an empty result and sets *error.
// Thread affinity: thread-safe.
#pragma once

#include "database.h"
#include "historytypes.h"
#include "minuterollup.h"
#include "model/metricssnapshot.h"
#include "storagerecords.h"

#include <functional>
#include <memory>

namespace airm {

class HistoryStore
{
public:
    struct Options
    {
        // Statistics over windows up to this long come from raw rows (exact bounds, exact percentiles);
        // longer ones from the minute roll-ups (window widened to whole minutes, percentiles interpolated
        // inside the histogram buckets).
        qint64 exactWindowMs = 6LL * 3600 * 1000;
        // Above this many latency samples even a short window takes its percentiles from the roll-ups.
        qint64 maxExactSamples = 200'000;
        int maxPageSize = 1000;
        int maxTrendBuckets = 20'000;
        int defaultListLimit = 100;
    };

    explicit HistoryStore(std::shared_ptr<const Database> database);
    HistoryStore(std::shared_ptr<const Database> database, Options options);

    const Database &database() const { return *m_db; }
    const Options &options() const { return m_options; }

    // Newest first, at most limit rows (capped at maxPageSize), strictly after `after` when given.
    HistoryPage history(const HistoryFilter &filter, int limit,
                        const std::optional<HistoryCursor> &after = {}, QString *error = nullptr) const;
    qint64 count(const HistoryFilter &filter, QString *error = nullptr) const;
    std::optional<StoredRequest> request(qint64 rowId, QString *error = nullptr) const;
    // Calls fn for every matching row, newest first, reading keyset pages of pageSize rows (bounded memory
    // whatever the size of the result). Stops early when fn returns false. Returns the rows visited.
    qint64 forEach(const HistoryFilter &filter, int pageSize,
                   const std::function<bool(const StoredRequest &)> &fn, QString *error = nullptr) const;

    // Requests started in [fromMs, toMs), per service (all services when empty).
    StatsReport statistics(qint64 fromMs, qint64 toMs, const QStringList &services = {},
                           QString *error = nullptr) const;
    // Roll-up buckets covering [fromMs, toMs) (widened to whole buckets, UTC-aligned), oldest first. combine:
    // one series "all" instead of one per service. fillGaps: zero points for empty buckets of every series.
    QList<TrendPoint> trends(qint64 fromMs, qint64 toMs, TrendBucket bucket, const QStringList &services = {},
                             bool combine = false, bool fillGaps = true, QString *error = nullptr) const;
    // The minute roll-ups in [fromMinute, toMinute) for the services (all when empty), oldest first.
    QList<MinuteRollup> rollups(qint64 fromMinute, qint64 toMinute, const QStringList &services = {},
                                QString *error = nullptr) const;

    // Newest first. An empty service means every service; toMs 0 means no upper bound.
    QList<BreakerTransition> breakerTransitions(const QString &service, qint64 fromMs, qint64 toMs, int limit,
                                                QString *error = nullptr) const;
    // Experiments overlapping [fromMs, toMs), newest start first.
    QList<ChaosRecord> chaosExperiments(qint64 fromMs, qint64 toMs, int limit,
                                        QString *error = nullptr) const;
    QList<ScenarioRunRecord> scenarioRuns(qint64 fromMs, qint64 toMs, int limit,
                                          QString *error = nullptr) const;
    QList<AlertRecord> alerts(qint64 fromMs, qint64 toMs, int limit, QString *error = nullptr) const;
    // Failed, timed-out and rejected requests grouped by error class and normalised message, most frequent
    // first.
    QList<ErrorPattern> errorPatterns(qint64 fromMs, qint64 toMs, const QStringList &services = {},
                                      int limit = 20, QString *error = nullptr) const;
    DatabaseStats databaseStats(QString *error = nullptr) const;

    // Analytics building blocks.
    // Requests in [fromMs, toMs) by hour of day (local hour = UTC hour shifted by utcOffsetMinutes), from the
    // roll-ups; only hours with traffic.
    QList<HourProfile> hourOfDayProfile(qint64 fromMs, qint64 toMs, const QStringList &services,
                                        int utcOffsetMinutes, QString *error = nullptr) const;
    // Per service, in time order: the first request of the window and every request whose success differs
    // from the one before it (SQL window function, so only the changes leave the database).
    QList<OutcomeChange> outcomeChanges(qint64 fromMs, qint64 toMs, const QStringList &services = {},
                                        QString *error = nullptr) const;
    // The last transition of service at or before atMs.
    std::optional<BreakerTransition> transitionBefore(const QString &service, qint64 atMs,
                                                      QString *error = nullptr) const;
    // The first transition of service into state at or after fromMs.
    std::optional<BreakerTransition> firstTransitionTo(const QString &service, BreakerState state,
                                                       qint64 fromMs, QString *error = nullptr) const;
    // Services with requests or breaker transitions in [fromMs, toMs), sorted.
    QStringList servicesSeen(qint64 fromMs, qint64 toMs, QString *error = nullptr) const;

private:
    // limit, or Options::defaultListLimit when limit is 0 or less.
    int listLimit(int limit) const;

    std::shared_ptr<const Database> m_db;
    Options m_options;
};

} // namespace airm
