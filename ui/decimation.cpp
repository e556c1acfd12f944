#include "decimation.h"

namespace airm::ui {

QList<QPointF> decimateMinMax(const QList<QPointF> &points, int buckets)
{
    if (buckets <= 0 || points.size() <= 2 * buckets) return points;
    const double x0 = points.constFirst().x();
    const double span = points.constLast().x() - x0;
    if (span <= 0) return points;
    QList<QPointF> out;
    out.reserve(2 * buckets + 2);
    int i = 0;
    const int n = int(points.size());
    for (int b = 0; b < buckets && i < n; ++b) {
        const double bucketEnd = x0 + span * double(b + 1) / buckets;
        const int start = i;
        int minIndex = i, maxIndex = i;
        while (i < n && (points.at(i).x() < bucketEnd || b == buckets - 1)) {
            if (points.at(i).y() < points.at(minIndex).y()) minIndex = i;
            if (points.at(i).y() > points.at(maxIndex).y()) maxIndex = i;
            ++i;
        }
        if (i == start) continue; // an empty bucket: a gap in the data
        if (minIndex == maxIndex) {
            out.append(points.at(minIndex));
        } else if (minIndex < maxIndex) {
            out.append(points.at(minIndex));
            out.append(points.at(maxIndex));
        } else {
            out.append(points.at(maxIndex));
            out.append(points.at(minIndex));
        }
    }
    return out;
}

} // namespace airm::ui
