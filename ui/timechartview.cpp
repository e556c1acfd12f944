#include "timechartview.h"

#include <QDateTime>
#include <QPainter>
#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>
#include <cmath>

namespace airm::ui {
namespace {

constexpr double kBandAlpha = 0.13;
constexpr int kMaxDrawnMarks = 300;

} // namespace

TimeChartView::TimeChartView(QWidget *parent)
    : QChartView(new QChart, parent)
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setMinimumHeight(200);
    QChart *c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setBackgroundRoundness(0);
    c->setMargins(QMargins(2, 2, 2, 2));
    c->legend()->setAlignment(Qt::AlignTop);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    c->legend()->setFont(small);
    m_timeAxis->setTickCount(7);
    m_timeAxis->setLabelsFont(small);
    m_valueAxis->setLabelsFont(small);
    m_valueAxis->setTickCount(6);
    m_valueAxis->setMinorTickCount(0);
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setTimeRange(now - 300'000, now, QStringLiteral("HH:mm:ss"));
    m_valueAxis->setRange(0, 1);
}

void TimeChartView::attach(QAbstractSeries *series)
{
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
}

void TimeChartView::setTimeRange(qint64 fromMs, qint64 toMs, const QString &format)
{
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1);
    if (m_timeAxis->format() != format) m_timeAxis->setFormat(format);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
}

double TimeChartView::niceCeiling(double value)
{
    if (value <= 0) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (step * magnitude >= value) return step * magnitude;
    return 10 * magnitude;
}

void TimeChartView::setValueCeiling(double maxValue)
{
    const double top = niceCeiling(maxValue * 1.08);
    if (!qFuzzyCompare(m_valueAxis->max(), top) || m_valueAxis->min() != 0) m_valueAxis->setRange(0, top);
    // Round tick labels: 1-2-2.5-5 ceilings divide evenly into 5 steps, 2 into 4.
    const double leading = top / std::pow(10.0, std::floor(std::log10(top)));
    const int ticks = qFuzzyCompare(leading, 2.0) ? 5 : 6;
    if (m_valueAxis->tickCount() != ticks) m_valueAxis->setTickCount(ticks);
}

void TimeChartView::setBands(const QList<Band> &bands)
{
    m_bands = bands;
    viewport()->update();
}

void TimeChartView::setMarks(const QList<Mark> &marks)
{
    m_marks = marks;
    viewport()->update();
}

void TimeChartView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    viewport()->update();
}

void TimeChartView::setHasData(bool hasData)
{
    if (hasData == m_hasData) return;
    m_hasData = hasData;
    viewport()->update();
}

void TimeChartView::applyTheme(const Theme &theme)
{
    m_theme = theme;
    QChart *c = chart();
    c->setBackgroundBrush(theme.surface);
    c->setBackgroundPen(Qt::NoPen);
    c->setPlotAreaBackgroundVisible(false);
    c->setTitleBrush(theme.text);
    c->legend()->setLabelColor(theme.textMuted);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsColor(theme.textMuted);
        axis->setGridLineColor(theme.chartGrid);
        axis->setLinePenColor(theme.border);
        axis->setTitleBrush(theme.textMuted);
        axis->setShadesVisible(false);
    }
    setBackgroundBrush(theme.surface);
    viewport()->update();
}

int TimeChartView::plotPixelWidth() const
{
    return std::max(50, int(chart()->plotArea().width()));
}

double TimeChartView::xForTime(qint64 ms, const QRectF &plot) const
{
    return plot.left() + double(ms - m_fromMs) / double(m_toMs - m_fromMs) * plot.width();
}

void TimeChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    if (plot.width() <= 0 || plot.height() <= 0) return;
    painter->save();
    painter->setClipRect(plot.adjusted(0, -1, 0, 1));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    painter->setFont(small);
    const QFontMetricsF fm(small);

    for (const Band &b : std::as_const(m_bands)) {
        if (b.toMs < m_fromMs || b.fromMs > m_toMs) continue;
        const double x1 = std::max(plot.left(), xForTime(b.fromMs, plot));
        const double x2 = std::min(plot.right(), xForTime(b.toMs, plot));
        if (x2 - x1 < 1) continue;
        const QRectF area(x1, plot.top(), x2 - x1, plot.height());
        painter->fillRect(area, Theme::withAlpha(b.color, kBandAlpha));
        painter->fillRect(QRectF(x1, plot.top(), x2 - x1, 3), Theme::withAlpha(b.color, 0.8));
        const double textWidth = fm.horizontalAdvance(b.label);
        if (textWidth + 8 < area.width()) {
            painter->setPen(b.color);
            painter->drawText(QRectF(x1 + 4, plot.top() + 4, area.width() - 8, fm.height()),
                              Qt::AlignLeft | Qt::AlignTop, b.label);
        }
    }

    int drawn = 0;
    for (auto it = m_marks.crbegin(); it != m_marks.crend() && drawn < kMaxDrawnMarks; ++it) {
        const Mark &m = *it;
        if (m.atMs < m_fromMs || m.atMs > m_toMs) continue;
        ++drawn;
        const double x = xForTime(m.atMs, plot);
        painter->setPen(QPen(Theme::withAlpha(m.color, 0.85), 1.2, Qt::DashLine));
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        painter->setPen(Qt::NoPen);
        painter->setBrush(m.color);
        QPolygonF tip;
        tip << QPointF(x - 4, plot.bottom()) << QPointF(x + 4, plot.bottom())
            << QPointF(x, plot.bottom() - 6);
        painter->drawPolygon(tip);
    }
    // Labels for the newest marks, right to left, where they do not overlap.
    double lastLabelRight = plot.right() + 1;
    drawn = 0;
    for (auto it = m_marks.crbegin(); it != m_marks.crend() && drawn < 12; ++it) {
        const Mark &m = *it;
        if (m.atMs < m_fromMs || m.atMs > m_toMs || m.label.isEmpty()) continue;
        const double x = xForTime(m.atMs, plot);
        const double w = fm.horizontalAdvance(m.label) + 6;
        if (x + 3 + w > lastLabelRight) continue;
        const QRectF box(x + 3, plot.bottom() - fm.height() - 10, w, fm.height() + 2);
        painter->fillRect(box, Theme::withAlpha(m_theme.surface, 0.85));
        painter->setPen(m.color);
        painter->drawText(box, Qt::AlignCenter, m.label);
        lastLabelRight = x - 2;
        ++drawn;
    }

    if (!m_hasData && !m_emptyText.isEmpty()) {
        QFont f = font();
        painter->setFont(f);
        painter->setPen(m_theme.textMuted);
        painter->drawText(plot, Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
    }
    painter->restore();
}

} // namespace airm::ui
