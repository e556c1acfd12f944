// A log-linear latency histogram (HDR style): constant memory, O(1) record, percentiles within 1 % relative
// error from 1 µs to 1 hour. Mergeable, so rolling windows are rings of histograms.
#pragma once

#include "model/metricssnapshot.h"

#include <array>
#include <cstdint>

namespace airm {

class LatencyHistogram
{
public:
    void record(double ms);
    void merge(const LatencyHistogram &other);
    void clear();

    qint64 count() const { return m_count; }
    double sumMs() const { return m_sumMs; }
    double minMs() const;
    double maxMs() const;
    double meanMs() const;
    // q in [0, 1]; 0 with no samples. The answer is the upper edge of the bucket holding the q-th sample,
    // clamped to the recorded max.
    double quantileMs(double q) const;
    // Number of samples <= ms (bucket resolution).
    qint64 countAtOrBelow(double ms) const;
    LatencySummary summary() const;

private:
    // MetricsRegistry's rolling windows keep sparse per-second copies of the buckets and subtract them again
    // when a second leaves a window; that needs the raw layout.
    friend class MetricsRegistry;

    // Bucket layout, in whole microseconds v: buckets [0, 256) hold v exactly (1 µs wide); above that every
    // power of two [2^p, 2^(p+1)) is split into 128 buckets 2^(p-7) wide, so a bucket's upper edge is at most
    // 1/128 (0.78 %) above any value in it. Values from 2^32 µs (~71.6 min) up land in the top bucket.
    static constexpr int kSubBucketBits = 7;
    static constexpr int kSubBuckets = 1 << kSubBucketBits; // per power of two
    static constexpr int kRangeBits = 32;                   // 1 µs * 2^32 ~ 71 min
    static constexpr int kBucketCount = kSubBuckets * (kRangeBits - kSubBucketBits + 1);

    static int bucketIndex(double ms);
    static double bucketUpperMs(int index);
    static double sanitize(double ms);
    // The rank (1-based) of the q-th sample among count, nearest-rank definition.
    static qint64 rankFor(double q, qint64 count);
    void add(int index, double ms);
    // Fills out[i] with the quantile for qs[i]; qs ascending. One pass over the occupied buckets.
    void quantilesMs(const double *qs, double *out, int n) const;

    // 64-bit counts: the whole-run histogram of a busy service can pass 2^32 samples in a bucket.
    std::array<std::uint64_t, kBucketCount> m_buckets{};
    qint64 m_count = 0;
    double m_sumMs = 0.0;
    double m_minMs = 0.0;
    double m_maxMs = 0.0;
};

} // namespace airm
