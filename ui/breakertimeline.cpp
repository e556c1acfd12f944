#include "breakertimeline.h"

#include "labels.h"

#include <QPainter>
#include <QPainterPath>

namespace airm::ui {

BreakerTimeline::BreakerTimeline(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(46);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Breaker state over the last 10 minutes: green closed, red open, amber half-open"));
}

void BreakerTimeline::setData(const QList<BreakerTransition> &transitions, BreakerState current, qint64 nowMs)
{
    m_transitions = transitions;
    m_current = current;
    m_nowMs = nowMs;
    update();
}

void BreakerTimeline::setSpanMs(qint64 spanMs)
{
    m_spanMs = std::max<qint64>(spanMs, 1000);
    update();
}

void BreakerTimeline::setTheme(const Theme &theme)
{
    m_theme = theme;
    update();
}

void BreakerTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    p.setFont(small);
    const QFontMetrics fm(small);
    const QRectF bar(0, 2, width(), height() - fm.height() - 8);
    const qint64 from = m_nowMs - m_spanMs;
    auto xAt = [&](qint64 ms) { return bar.left() + double(ms - from) / double(m_spanMs) * bar.width(); };

    QPainterPath clip;
    clip.addRoundedRect(bar, 5, 5);
    p.setClipPath(clip);
    p.fillRect(bar, m_theme.surfaceAlt);

    // The state before the window began is the "from" of the first transition inside it.
    BreakerState state = m_current;
    int first = int(m_transitions.size());
    for (int i = 0; i < m_transitions.size(); ++i) {
        if (m_transitions.at(i).atMs >= from) {
            first = i;
            break;
        }
    }
    if (first < m_transitions.size())
        state = m_transitions.at(first).from;
    else if (!m_transitions.isEmpty())
        state = m_transitions.constLast().to;
    qint64 spanStart = from;
    for (int i = first; i <= m_transitions.size(); ++i) {
        const qint64 spanEnd = i < m_transitions.size() ? m_transitions.at(i).atMs : m_nowMs;
        const double x1 = xAt(spanStart), x2 = xAt(spanEnd);
        if (x2 > x1)
            p.fillRect(QRectF(x1, bar.top(), x2 - x1, bar.height()),
                       Theme::withAlpha(m_theme.breakerColor(state), 0.75));
        if (i < m_transitions.size()) {
            state = m_transitions.at(i).to;
            spanStart = spanEnd;
        }
    }
    p.setClipping(false);
    p.setPen(m_theme.textMuted);
    const QRectF labels(0, bar.bottom() + 3, width(), fm.height());
    p.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, tr("-%1").arg(Labels::duration(m_spanMs)));
    p.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, tr("now"));
}

} // namespace airm::ui
