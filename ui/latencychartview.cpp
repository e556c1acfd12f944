#include "latencychartview.h"

#include "decimation.h"

#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

namespace airm::ui {

LatencyChartView::LatencyChartView(QWidget *parent)
    : TimeChartView(parent)
    , m_lowLabel(tr("p50"))
    , m_highLabel(tr("p95"))
{
    valueAxis()->setTitleText(tr("ms"));
    setEmptyText(tr("No latency yet: send a request or start automation"));
}

void LatencyChartView::setServices(const QStringList &services, const QList<QColor> &colors)
{
    if (services == m_order) {
        for (int i = 0; i < services.size(); ++i) {
            Lines &l = m_lines[services.at(i)];
            l.color = colors.value(i, theme().primary);
            l.high->setPen(QPen(l.color, 2.0));
            l.low->setPen(QPen(l.color, 1.3, Qt::DashLine));
        }
        return;
    }
    for (const Lines &l : std::as_const(m_lines)) {
        chart()->removeSeries(l.low);
        chart()->removeSeries(l.high);
        delete l.low;
        delete l.high;
    }
    m_lines.clear();
    m_order = services;
    for (int i = 0; i < services.size(); ++i) {
        Lines l;
        l.color = colors.value(i, theme().primary);
        l.high = new QLineSeries;
        l.high->setName(services.at(i));
        l.high->setPen(QPen(l.color, 2.0));
        l.low = new QLineSeries;
        l.low->setName(QStringLiteral("%1 %2").arg(services.at(i), m_lowLabel));
        l.low->setPen(QPen(l.color, 1.3, Qt::DashLine));
        attach(l.high);
        attach(l.low);
        // One legend entry per service: the dashed line shares the colour and is explained in the caption.
        for (QLegendMarker *marker : chart()->legend()->markers(l.low))
            marker->setVisible(false);
        m_lines.insert(services.at(i), l);
    }
}

void LatencyChartView::setLineNames(const QString &lowLabel, const QString &highLabel)
{
    m_lowLabel = lowLabel;
    m_highLabel = highLabel;
}

void LatencyChartView::setData(const QString &service, const QList<QPointF> &low, const QList<QPointF> &high)
{
    const auto it = m_lines.find(service);
    if (it == m_lines.end()) return;
    const int buckets = plotPixelWidth() / 2;
    const QList<QPointF> highPoints = decimateMinMax(high, buckets);
    it->high->replace(highPoints);
    it->low->replace(decimateMinMax(low, buckets));
    for (const QPointF &p : highPoints)
        m_max = std::max(m_max, p.y());
}

void LatencyChartView::finishUpdate()
{
    bool any = false;
    for (const Lines &l : std::as_const(m_lines))
        any = any || l.high->count() > 0;
    setHasData(any);
    setValueCeiling(std::max(m_max, 10.0));
    m_max = 0;
}

int LatencyChartView::pointCount(const QString &service) const
{
    const auto it = m_lines.constFind(service);
    return it == m_lines.constEnd() ? 0 : int(it->high->count());
}

void LatencyChartView::applyTheme(const Theme &theme)
{
    TimeChartView::applyTheme(theme);
}

} // namespace airm::ui
