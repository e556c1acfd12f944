// Live metrics per service and overall: counters per outcome and error class, tokens, cost, latency percentiles
// over the whole run and rolling 1-minute and 5-minute windows, and a per-second series kept for an hour.
// Thread affinity: the engine thread. snapshot() produces the value that crosses threads.
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
    int seriesSeconds = 3600;  // per-second history kept per service
    int window1mSeconds = 60;
    int window5mSeconds = 300;
    int rateWindowSeconds = 10; // requestsPerSecond is averaged over this many seconds
};

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

    // Fills counters, latency summaries, buckets and rates for every service and "all". Breaker, health, chaos
    // and config fields are left for the engine to fill.
    MetricsSnapshot snapshot(qint64 nowWallMs) const;
    // Per-second points in [fromSecond, toSecond], oldest first; service "all" for the total.
    QList<SecondPoint> series(const QString &service, qint64 fromSecond, qint64 toSecond) const;

private:
    struct Series;
    MetricsConfig m_config;
    QList<QString> m_order;
    QHash<QString, std::shared_ptr<Series>> m_series; // includes "all"
    qint64 m_startedAtMs = 0;
};

} // namespace airm
