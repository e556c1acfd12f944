// A circuit breaker's state as a pill: CLOSED green, OPEN red, HALF-OPEN amber, filled; the forced states
// (FORCED OPEN, DISABLED, METRICS ONLY) outlined with a lock, so an operator's override never looks like the
// breaker's own decision. GUI thread.
#pragma once

#include "theme.h"

#include <QWidget>

namespace airm::ui {

class BreakerBadge : public QWidget
{
    Q_OBJECT
public:
    explicit BreakerBadge(QWidget *parent = nullptr);

    void setState(BreakerState state);
    BreakerState state() const { return m_state; }
    void setTheme(const Theme &theme);
    QString text() const;

    static QString label(BreakerState state); // translated, for people
    static QString explanation(BreakerState state);
    static bool isForced(BreakerState state);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    BreakerState m_state = BreakerState::Closed;
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
