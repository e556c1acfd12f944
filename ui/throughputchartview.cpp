#include "throughputchartview.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

namespace airm::ui {

ThroughputChartView::ThroughputChartView(QWidget *parent)
    : TimeChartView(parent)
{
    const QString names[4] = {tr("Success"), tr("Failure"), tr("Timeout"), tr("Rejected")};
    for (int i = 0; i < 4; ++i) {
        Layer &l = m_layers[i];
        l.upper = new QLineSeries(this);
        l.lower = new QLineSeries(this);
        l.area = new QAreaSeries(l.upper, l.lower);
        l.area->setName(names[i]);
        attach(l.area);
    }
    setEmptyText(tr("No traffic in this window"));
}

void ThroughputChartView::setUnitLabel(const QString &label)
{
    valueAxis()->setTitleText(label);
}

void ThroughputChartView::setBuckets(const QList<Bucket> &buckets)
{
    m_bucketCount = buckets.size();
    QList<QPointF> edges[5]; // cumulative boundaries: 0, +success, +failure, +timeout, +rejected
    for (auto &e : edges)
        e.reserve(buckets.size() * 2);
    double maxTotal = 0;
    for (const Bucket &b : buckets) {
        const double values[4] = {b.successes, b.failures, b.timeouts, b.rejected};
        double level = 0;
        for (int i = 0; i < 5; ++i) {
            // Step shape: flat across the bucket, so every bar reads as "this many in this interval".
            edges[i].append(QPointF(double(b.startMs), level));
            edges[i].append(QPointF(double(b.endMs), level));
            if (i < 4) level += values[i];
        }
        maxTotal = std::max(maxTotal, b.total());
    }
    for (int i = 0; i < 4; ++i) {
        m_layers[i].lower->replace(edges[i]);
        m_layers[i].upper->replace(edges[i + 1]);
    }
    setHasData(maxTotal > 0);
    setValueCeiling(std::max(maxTotal, 4.0));
}

void ThroughputChartView::applyTheme(const Theme &theme)
{
    TimeChartView::applyTheme(theme);
    const QColor colors[4] = {theme.success, theme.error, theme.warning, theme.neutral};
    for (int i = 0; i < 4; ++i) {
        m_layers[i].area->setBrush(Theme::withAlpha(colors[i], 0.55));
        m_layers[i].area->setPen(QPen(colors[i], 1.2));
    }
}

} // namespace airm::ui
