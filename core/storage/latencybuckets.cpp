#include "latencybuckets.h"

#include <algorithm>
#include <cmath>

namespace airm {

int LatencyBuckets::indexFor(double ms)
{
    const auto it = std::lower_bound(kUpperBoundsMs.begin(), kUpperBoundsMs.end(), ms);
    return int(it - kUpperBoundsMs.begin());
}

QString LatencyBuckets::columnName(int index)
{
    return QStringLiteral("b%1").arg(index, 2, 10, QLatin1Char('0'));
}

double LatencyBuckets::percentile(const Counts &counts, double p, double minMs, double maxMs)
{
    qint64 total = 0;
    for (qint64 c : counts)
        total += c;
    if (total <= 0) return 0.0;
    // Same rank definition as LatencyHistogram (nearest rank, epsilon against 0.95 * 100 landing high).
    const qint64 rank = std::clamp<qint64>(qint64(std::ceil(p / 100.0 * double(total) - 1e-9)), 1, total);
    qint64 seen = 0;
    for (int i = 0; i < kCount; ++i) {
        const qint64 c = counts[std::size_t(i)];
        if (c == 0) continue;
        if (seen + c >= rank) {
            double lo = i == 0 ? 0.0 : kUpperBoundsMs[std::size_t(i - 1)];
            double hi = i == kBoundCount ? std::max(maxMs, lo) : kUpperBoundsMs[std::size_t(i)];
            lo = std::max(lo, minMs);
            hi = std::min(hi, maxMs);
            if (hi < lo) hi = lo;
            const double within = double(rank - seen) / double(c); // (0, 1]
            return lo + (hi - lo) * within;
        }
        seen += c;
    }
    return maxMs;
}

} // namespace airm
