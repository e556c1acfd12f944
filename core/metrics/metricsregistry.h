// Live metrics per service and overall: counters per outcome and error class, tokens, cost, latency
// percentiles over the whole run and rolling 1-minute and 5-minute windows, and a per-second series kept for
// an hour. Thread affinity: the engine thread. snapshot() produces the value that crosses threads.
#pragma once

#include "latencyhistogram.h"
#include "model/metricssnapshot.h"
#include "model/requestrecord.h"

#include <QHash>
#include <QList>
#include <deque>
#include <memory>

namespace airm {

struct SecondPoint
{
    qint64 second = 0; // wall-clock second (ms since epoch / 1000)
    qint32 requests = 0, successes = 0, failures = 0, rejected = 0, timeouts = 0;
    float p50Ms = 0, p95Ms = 0;
};

struct MetricsConfig
{
    int seriesSeconds = 3600; // per-second history kept per service
    int window1mSeconds = 60;
    int window5mSeconds = 300;
    int rateWindowSeconds = 10; // requestsPerSecond is averaged over this many seconds
};

// Time is whatever the caller says: record.finishedAtMs and the nowWallMs arguments (wall clock); nothing
// here reads a clock. Seconds are whole wall-clock seconds: the 1-minute window at second S holds seconds
// S-59..S, the 5-minute window S-299..S. A record that finishes in a second already closed (delivered late,
// or the wall clock stepped back by less than the 5-minute window) counts in the newest second; a larger step
// back restarts the windows. Rejected requests count in every counter but not in latency: they never made a
// call. Window min and max are exact (every second keeps its own); window percentiles carry the histogram's
// error (under 1 %). requestsPerSecond averages the last rateWindowSeconds complete seconds (fewer right
// after a start or reset). A service named "all" or "" is not a service: such records count in the total
// only.
class MetricsRegistry
{
public:
    explicit MetricsRegistry(MetricsConfig config = {});
    ~MetricsRegistry();

    // Services appear in snapshot() in the order they were added.
    void addService(const QString &name);
    void removeService(const QString &name);
    // Counts one finished logical request at record.finishedAtMs (wall clock) for record.service and "all".
    void record(const RequestRecord &record);
    // Zeroes live counters and windows (history in the database is untouched); startedAtMs becomes nowWallMs.
    void reset(qint64 nowWallMs);

    // Fills counters, latency summaries, buckets and rates for every service and "all". Breaker, health,
    // chaos and config fields are left for the engine to fill.
    MetricsSnapshot snapshot(qint64 nowWallMs) const;
    // Per-second points in [fromSecond, toSecond], oldest first; service "all" for the total.
    QList<SecondPoint> series(const QString &service, qint64 fromSecond, qint64 toSecond) const;

private:
    // Everything one service (or the total) keeps. Defined in the .cpp. snapshot() is const for callers but
    // moves each Series' clock forward to nowWallMs (closing seconds, evicting window slots) through the
    // shared_ptr; both happen on the engine thread.
    struct Series;
    const Series *findSeries(const QString &name) const;

    MetricsConfig m_config;
    QList<QString> m_order;
    QHash<QString, std::shared_ptr<Series>> m_series; // services only; "all" is m_total
    std::shared_ptr<Series> m_total;
    qint64 m_startedAtMs = 0; // 0 until reset() or the first record
};

} // namespace airm
