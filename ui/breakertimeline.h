// A breaker's recent life as a strip: coloured spans per state over the last minutes, so flapping and long
// open periods are visible at a glance next to the transition table. GUI thread.
#pragma once

#include "theme.h"

#include "model/metricssnapshot.h"

#include <QWidget>

namespace airm::ui {

class BreakerTimeline : public QWidget
{
    Q_OBJECT
public:
    explicit BreakerTimeline(QWidget *parent = nullptr);

    // transitions of one service, oldest first; current is the state now.
    void setData(const QList<BreakerTransition> &transitions, BreakerState current, qint64 nowMs);
    void setSpanMs(qint64 spanMs);
    void setTheme(const Theme &theme);

    QSize sizeHint() const override { return {400, 46}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<BreakerTransition> m_transitions;
    BreakerState m_current = BreakerState::Closed;
    qint64 m_nowMs = 0;
    qint64 m_spanMs = 10 * 60'000;
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
