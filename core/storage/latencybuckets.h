// The fixed latency buckets of the per-minute roll-ups (a superset of the Prometheus bounds, so exported
// histograms can be rebuilt from the database), and percentile estimation from them. Pure functions, any
// thread.
#pragma once

#include <QString>
#include <QtGlobal>
#include <array>

namespace airm {

class LatencyBuckets
{
public:
    // Upper bounds in ms (inclusive); the last bucket (index kBoundCount) is +Inf.
    static constexpr std::array<double, 21> kUpperBoundsMs{5,    10,   25,   50,    75,    100,   150,
                                                           250,  350,  500,  750,   1000,  1500,  2500,
                                                           3500, 5000, 7500, 10000, 20000, 30000, 60000};
    static constexpr int kBoundCount = int(kUpperBoundsMs.size());
    static constexpr int kCount = kBoundCount + 1;
    using Counts = std::array<qint64, kCount>;

    static int indexFor(double ms);
    // Column name in rollups_minute: "b00" .. "b21".
    static QString columnName(int index);
    // Nearest-rank percentile (p in [0, 100]) estimated from per-bucket counts: the sample of that rank is
    // placed by linear interpolation inside its bucket, between the bucket's bounds narrowed to the observed
    // [minMs, maxMs]. 0 when there are no samples.
    static double percentile(const Counts &counts, double p, double minMs, double maxMs);
};

} // namespace airm
