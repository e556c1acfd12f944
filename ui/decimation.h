// Reduces a time series to what a chart can show: at most two points (the minimum and the maximum, in time
// order) per bucket, so spikes survive while the point count follows the chart's pixel width.
#pragma once

#include <QList>
#include <QPointF>

namespace airm::ui {

// points sorted by x. Returns points unchanged when they already fit into 2 * buckets.
QList<QPointF> decimateMinMax(const QList<QPointF> &points, int buckets);

} // namespace airm::ui
