#include "outcomechartview.h"

#include "labels.h"

#include <QPainter>
#include <QtCharts/QLegend>
#include <QtCharts/QPieSeries>
#include <QtCharts/QPieSlice>

namespace airm::ui {

OutcomeChartView::OutcomeChartView(QWidget *parent)
    : QChartView(new QChart, parent)
    , m_pie(new QPieSeries)
{
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(200, 150);
    m_pie->setHoleSize(0.64);
    m_pie->setPieSize(0.95);
    for (const QString &name : {tr("Success"), tr("Failure"), tr("Timeout"), tr("Rejected")}) {
        auto *slice = m_pie->append(name, 0);
        slice->setBorderWidth(0);
        slice->setLabelVisible(false);
    }
    QChart *c = chart();
    c->addSeries(m_pie);
    c->setAnimationOptions(QChart::NoAnimation);
    c->setBackgroundRoundness(0);
    c->setMargins(QMargins(0, 0, 0, 0));
    c->legend()->hide(); // the card lists the slices with their counts below the donut
}

void OutcomeChartView::setCounts(qint64 successes, qint64 failures, qint64 timeouts, qint64 rejected)
{
    const qint64 values[4] = {successes, failures, timeouts, rejected};
    const QString names[4] = {tr("Success"), tr("Failure"), tr("Timeout"), tr("Rejected")};
    m_total = successes + failures + timeouts + rejected;
    m_successes = successes;
    const QList<QPieSlice *> slices = m_pie->slices();
    for (int i = 0; i < 4 && i < slices.size(); ++i) {
        slices.at(i)->setValue(double(values[i]));
        const double pct = m_total > 0 ? 100.0 * double(values[i]) / double(m_total) : 0.0;
        slices.at(i)->setLabel(
            tr("%1 %2 (%3)").arg(names[i], Labels::count(values[i]), Labels::percent(pct, 0)));
    }
    viewport()->update();
}

double OutcomeChartView::sliceValue(int index) const
{
    const QList<QPieSlice *> slices = m_pie->slices();
    return index >= 0 && index < slices.size() ? slices.at(index)->value() : 0.0;
}

QString OutcomeChartView::sliceLabel(int index) const
{
    const QList<QPieSlice *> slices = m_pie->slices();
    return index >= 0 && index < slices.size() ? slices.at(index)->label() : QString();
}

void OutcomeChartView::applyTheme(const Theme &theme)
{
    m_theme = theme;
    chart()->setBackgroundBrush(theme.surface);
    chart()->setBackgroundPen(Qt::NoPen);
    chart()->legend()->setLabelColor(theme.textMuted);
    const QColor colors[4] = {theme.success, theme.error, theme.warning, theme.neutral};
    const QList<QPieSlice *> slices = m_pie->slices();
    for (int i = 0; i < 4 && i < slices.size(); ++i) {
        slices.at(i)->setBrush(colors[i]);
        slices.at(i)->setPen(QPen(theme.surface, 2));
    }
    setBackgroundBrush(theme.surface);
    viewport()->update();
}

void OutcomeChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    const double side = std::min(plot.width(), plot.height()) * 0.9;
    const QRectF hole(plot.center().x() - side * 0.31, plot.center().y() - side * 0.31, side * 0.62,
                      side * 0.62);
    painter->save();
    QFont big = font();
    big.setPixelSize(std::max(10, int(hole.width() * 0.2)));
    big.setBold(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    if (m_total == 0) {
        // An empty ring where the donut will be, so the card does not look broken before the first request.
        const double ring = side * (1.0 - 0.64) / 4.0;
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(m_theme.surfaceAlt, ring * 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(plot.center(), side / 2.0 - ring, side / 2.0 - ring);
        painter->setPen(m_theme.textMuted);
        painter->setFont(small);
        painter->drawText(hole, Qt::AlignCenter | Qt::TextWordWrap, tr("No requests"));
    } else {
        const double pct = 100.0 * double(m_successes) / double(m_total);
        painter->setPen(m_theme.successRateColor(pct));
        painter->setFont(big);
        painter->drawText(hole.adjusted(0, 0, 0, -hole.height() * 0.18), Qt::AlignCenter,
                          Labels::percent(pct));
        painter->setPen(m_theme.textMuted);
        painter->setFont(small);
        painter->drawText(hole.adjusted(0, hole.height() * 0.3, 0, 0), Qt::AlignCenter, tr("success"));
    }
    painter->restore();
}

} // namespace airm::ui
