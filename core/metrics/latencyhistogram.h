// A log-linear latency histogram (HDR style): constant memory, O(1) record, percentiles within 1 % relative error
// from 1 µs to 1 hour. Mergeable, so rolling windows are rings of histograms.
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
    // ... implementation-defined bucket layout
    static constexpr int kSubBuckets = 128;      // per power of two: <= 0.8 % relative error
    static constexpr int kPowers = 32;           // 1 µs * 2^32 ~ 71 min
    std::array<std::uint32_t, kSubBuckets * kPowers> m_buckets{};
    qint64 m_count = 0;
    double m_sumMs = 0.0;
    double m_minMs = 0.0;
    double m_maxMs = 0.0;
};

} // namespace airm
