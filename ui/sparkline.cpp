#include "sparkline.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace airm::ui {

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(34);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFixedHeight(40);
}

void Sparkline::setData(const QList<double> &total, const QList<double> &failed)
{
    m_total = total;
    m_failed = failed;
    update();
}

void Sparkline::setColors(const QColor &line, const QColor &failure, const QColor &baseline)
{
    m_line = line;
    m_failure = failure;
    m_baseline = baseline;
    update();
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(1, 3, -1, -2);
    p.setPen(QPen(m_baseline, 1));
    p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()));
    const int n = int(m_total.size());
    if (n < 2) return;
    const double maxValue = std::max(1.0, *std::max_element(m_total.cbegin(), m_total.cend()));
    const double dx = r.width() / double(n - 1);
    auto pointAt = [&](int i, double v) {
        return QPointF(r.left() + i * dx, r.bottom() - v / maxValue * r.height());
    };

    auto area = [&](const QList<double> &values) {
        QPainterPath line;
        for (int i = 0; i < n; ++i) {
            const double v = i < values.size() ? values.at(i) : 0.0;
            if (i == 0)
                line.moveTo(pointAt(i, v));
            else
                line.lineTo(pointAt(i, v));
        }
        QPainterPath fill = line;
        fill.lineTo(QPointF(r.right(), r.bottom()));
        fill.lineTo(QPointF(r.left(), r.bottom()));
        fill.closeSubpath();
        return std::pair{line, fill};
    };

    const auto [line, fill] = area(m_total);
    QLinearGradient gradient(r.topLeft(), r.bottomLeft());
    QColor top = m_line;
    top.setAlphaF(0.35f);
    QColor bottom = m_line;
    bottom.setAlphaF(0.02f);
    gradient.setColorAt(0, top);
    gradient.setColorAt(1, bottom);
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawPath(fill);
    p.setPen(QPen(m_line, 1.6));
    p.setBrush(Qt::NoBrush);
    p.drawPath(line);

    if (std::any_of(m_failed.cbegin(), m_failed.cend(), [](double v) { return v > 0; })) {
        const auto [failLine, failFill] = area(m_failed);
        QColor f = m_failure;
        f.setAlphaF(0.45f);
        p.setPen(Qt::NoPen);
        p.setBrush(f);
        p.drawPath(failFill);
        p.setPen(QPen(m_failure, 1.2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(failLine);
    }
}

} // namespace airm::ui
