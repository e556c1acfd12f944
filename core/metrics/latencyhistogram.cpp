#include "latencyhistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace airm {
namespace {

constexpr double kUsPerMs = 1000.0;
// Values are bucketed in whole microseconds below this bound; larger ones share the top bucket.
constexpr double kRangeUs = 4294967296.0; // 2^32

} // namespace

double LatencyHistogram::sanitize(double ms)
{
    if (std::isnan(ms) || ms < 0.0) return 0.0;
    if (std::isinf(ms)) return kRangeUs / kUsPerMs;
    return ms;
}

int LatencyHistogram::bucketIndex(double ms)
{
    const double us = ms * kUsPerMs;
    const std::uint64_t v = us < kRangeUs ? static_cast<std::uint64_t>(us) : std::uint64_t(kRangeUs) - 1;
    const int shift = std::max(0, static_cast<int>(std::bit_width(v)) - (kSubBucketBits + 1));
    return shift * kSubBuckets + static_cast<int>(v >> shift);
}

double LatencyHistogram::bucketUpperMs(int index)
{
    const int shift = std::max(0, index / kSubBuckets - 1);
    const std::uint64_t sub = static_cast<std::uint64_t>(index - shift * kSubBuckets);
    return static_cast<double>((sub + 1) << shift) / kUsPerMs;
}

qint64 LatencyHistogram::rankFor(double q, qint64 count)
{
    // The epsilon keeps q * count from landing one rank high when q has no exact binary form (0.95 * 100).
    const auto rank = static_cast<qint64>(std::ceil(q * static_cast<double>(count) - 1e-9));
    return std::clamp<qint64>(rank, 1, count);
}

void LatencyHistogram::add(int index, double ms)
{
    ++m_buckets[static_cast<std::size_t>(index)];
    if (m_count == 0) {
        m_minMs = m_maxMs = ms;
    } else {
        m_minMs = std::min(m_minMs, ms);
        m_maxMs = std::max(m_maxMs, ms);
    }
    ++m_count;
    m_sumMs += ms;
}

void LatencyHistogram::record(double ms)
{
    ms = sanitize(ms);
    add(bucketIndex(ms), ms);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0) return;
    // Buckets outside [index(min), index(max)] are empty by construction.
    const int lo = bucketIndex(other.m_minMs);
    const int hi = bucketIndex(other.m_maxMs);
    for (int i = lo; i <= hi; ++i)
        m_buckets[static_cast<std::size_t>(i)] += other.m_buckets[static_cast<std::size_t>(i)];
    if (m_count == 0) {
        m_minMs = other.m_minMs;
        m_maxMs = other.m_maxMs;
    } else {
        m_minMs = std::min(m_minMs, other.m_minMs);
        m_maxMs = std::max(m_maxMs, other.m_maxMs);
    }
    m_count += other.m_count;
    m_sumMs += other.m_sumMs;
}

void LatencyHistogram::clear()
{
    m_buckets.fill(0);
    m_count = 0;
    m_sumMs = m_minMs = m_maxMs = 0.0;
}

double LatencyHistogram::minMs() const
{
    return m_count > 0 ? m_minMs : 0.0;
}

double LatencyHistogram::maxMs() const
{
    return m_count > 0 ? m_maxMs : 0.0;
}

double LatencyHistogram::meanMs() const
{
    return m_count > 0 ? m_sumMs / static_cast<double>(m_count) : 0.0;
}

void LatencyHistogram::quantilesMs(const double *qs, double *out, int n) const
{
    int next = 0;
    if (m_count == 0) {
        for (; next < n; ++next)
            out[next] = 0.0;
        return;
    }
    // q <= 0 (and NaN) asks for the smallest sample, which is known exactly.
    while (next < n && !(qs[next] > 0.0))
        out[next++] = m_minMs;
    if (next == n) return;

    qint64 rank = rankFor(std::min(qs[next], 1.0), m_count);
    qint64 seen = 0;
    const int lo = bucketIndex(m_minMs);
    const int hi = bucketIndex(m_maxMs);
    for (int i = lo; i <= hi && next < n; ++i) {
        seen += static_cast<qint64>(m_buckets[static_cast<std::size_t>(i)]);
        while (next < n && seen >= rank) {
            // The top bucket has no upper edge: everything above the range is in it.
            const double upper = i == kBucketCount - 1 ? m_maxMs : bucketUpperMs(i);
            out[next++] = std::clamp(upper, m_minMs, m_maxMs);
            if (next < n) rank = rankFor(std::min(qs[next], 1.0), m_count);
        }
    }
    // Only reachable if the buckets disagree with m_count; the max is the honest answer then.
    for (; next < n; ++next)
        out[next] = m_maxMs;
}

double LatencyHistogram::quantileMs(double q) const
{
    double out = 0.0;
    quantilesMs(&q, &out, 1);
    return out;
}

qint64 LatencyHistogram::countAtOrBelow(double ms) const
{
    if (m_count == 0 || ms < m_minMs) return 0;
    if (ms >= m_maxMs) return m_count;
    const int lo = bucketIndex(m_minMs);
    const int hi = bucketIndex(ms);
    qint64 n = 0;
    for (int i = lo; i <= hi; ++i)
        n += static_cast<qint64>(m_buckets[static_cast<std::size_t>(i)]);
    return n;
}

LatencySummary LatencyHistogram::summary() const
{
    static constexpr double kQs[] = {0.5, 0.9, 0.95, 0.99};
    double values[std::size(kQs)] = {};
    quantilesMs(kQs, values, static_cast<int>(std::size(kQs)));
    LatencySummary s;
    s.count = m_count;
    s.minMs = minMs();
    s.meanMs = meanMs();
    s.p50Ms = values[0];
    s.p90Ms = values[1];
    s.p95Ms = values[2];
    s.p99Ms = values[3];
    s.maxMs = maxMs();
    return s;
}

} // namespace airm
