#include "breakerbadge.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

namespace airm::ui {

BreakerBadge::BreakerBadge(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setToolTip(explanation(m_state));
}

void BreakerBadge::setState(BreakerState state)
{
    if (state == m_state) return;
    m_state = state;
    setToolTip(explanation(state));
    updateGeometry();
    update();
}

void BreakerBadge::setTheme(const Theme &theme)
{
    m_theme = theme;
    update();
}

QString BreakerBadge::text() const
{
    return label(m_state);
}

QString BreakerBadge::label(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return QCoreApplication::translate("airm::ui::BreakerBadge", "CLOSED");
    case BreakerState::Open:
        return QCoreApplication::translate("airm::ui::BreakerBadge", "OPEN");
    case BreakerState::HalfOpen:
        return QCoreApplication::translate("airm::ui::BreakerBadge", "HALF-OPEN");
    case BreakerState::ForcedOpen:
        return QCoreApplication::translate("airm::ui::BreakerBadge", "FORCED OPEN");
    case BreakerState::Disabled:
        return QCoreApplication::translate("airm::ui::BreakerBadge", "DISABLED");
    case BreakerState::MetricsOnly:
        return QCoreApplication::translate("airm::ui::BreakerBadge", "METRICS ONLY");
    }
    return {};
}

QString BreakerBadge::explanation(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return QCoreApplication::translate("airm::ui::BreakerBadge",
                                           "Closed: calls pass through; failures are counted.");
    case BreakerState::Open:
        return QCoreApplication::translate(
            "airm::ui::BreakerBadge",
            "Open: calls are rejected without reaching the service until the wait ends.");
    case BreakerState::HalfOpen:
        return QCoreApplication::translate(
            "airm::ui::BreakerBadge",
            "Half-open: a few probe calls decide whether the breaker closes again.");
    case BreakerState::ForcedOpen:
        return QCoreApplication::translate("airm::ui::BreakerBadge",
                                           "Forced open by an operator: every call is rejected until reset.");
    case BreakerState::Disabled:
        return QCoreApplication::translate("airm::ui::BreakerBadge",
                                           "Disabled by an operator: every call passes, nothing is counted.");
    case BreakerState::MetricsOnly:
        return QCoreApplication::translate(
            "airm::ui::BreakerBadge", "Metrics only: every call passes; rates are counted but never trip.");
    }
    return {};
}

bool BreakerBadge::isForced(BreakerState state)
{
    return state == BreakerState::ForcedOpen || state == BreakerState::Disabled ||
           state == BreakerState::MetricsOnly;
}

QSize BreakerBadge::sizeHint() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.82);
    f.setBold(true);
    const int textWidth = QFontMetrics(f).horizontalAdvance(text());
    const int lock = isForced(m_state) ? 14 : 0;
    return {textWidth + 28 + lock, QFontMetrics(f).height() + 8};
}

void BreakerBadge::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor color = m_theme.breakerColor(m_state);
    const QRectF r = QRectF(rect()).adjusted(1, 1, -1, -1);
    const double radius = r.height() / 2;
    const bool forced = isForced(m_state);

    p.setPen(forced ? QPen(color, 1.5, Qt::DashLine) : QPen(Qt::NoPen));
    p.setBrush(Theme::withAlpha(color, forced ? 0.12 : 0.22));
    p.drawRoundedRect(r, radius, radius);

    // A status dot (natural states) or a small lock (operator overrides) before the text.
    double x = r.left() + 10;
    const double cy = r.center().y();
    if (forced) {
        p.setPen(QPen(color, 1.4));
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(x, cy - 6, 7, 7), 0, 180 * 16);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(x - 1, cy - 2.5, 9, 7), 1.5, 1.5);
        x += 13;
    } else {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QPointF(x + 3, cy), 3.5, 3.5);
        x += 11;
    }
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.82);
    f.setBold(true);
    p.setFont(f);
    p.setPen(m_theme.kind == Theme::Kind::Dark ? color.lighter(130) : color.darker(130));
    p.drawText(QRectF(x, r.top(), r.right() - x - 6, r.height()), Qt::AlignVCenter | Qt::AlignLeft, text());
}

} // namespace airm::ui
