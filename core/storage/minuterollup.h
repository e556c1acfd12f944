// One row of rollups_minute: what one service did in one UTC minute (counts per outcome, latency sum, min,
// max and histogram, tokens, cost, response bytes). The writer accumulates these per batch and upserts them
// additively; queries sum them over longer windows. Plain value type, any thread.
#pragma once

#include "latencybuckets.h"
#include "model/requestrecord.h"

#include <QStringList>

namespace airm {

struct MinuteRollup
{
    QString service;
    qint64 minute = 0; // ms since epoch / 60000
    qint64 requests = 0, successes = 0, failures = 0, rejected = 0, timeouts = 0;
    qint64 chaos = 0, simulated = 0;
    qint64 latCount = 0, latSumUs = 0;   // non-rejected requests
    qint64 latMinUs = -1, latMaxUs = -1; // -1: no latency sample
    qint64 okLatSumUs = 0;               // successes only
    qint64 tokensIn = 0, tokensOut = 0, costNusd = 0, respLenSum = 0;
    LatencyBuckets::Counts buckets{};

    static constexpr qint64 kMsPerMinute = 60'000;

    // Adds one request (time = its start). Rejected requests count but carry no latency sample.
    void add(const RequestRecord &r);
    void merge(const MinuteRollup &o);
    bool hasLatency() const { return latCount > 0; }

    // The additive columns in binding order (everything but service, minute, lat_min_us, lat_max_us).
    static const QStringList &additiveColumns();
    // The values of additiveColumns(), same order.
    QList<qint64> additiveValues() const;
    // Reads additiveColumns() values back (from SUM()s), same order.
    void setAdditiveValues(const QList<qint64> &values);
};

// Stored units, shared by the writer, the queries and the migration backfill.
qint64 latencyToUs(double ms);
qint64 costToNanoUsd(double usd);

} // namespace airm
