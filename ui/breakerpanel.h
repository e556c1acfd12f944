// One service's circuit breaker: its state, failure and slow-call rates, consecutive failures against the
// threshold, time in state, rejected calls; reset and the operator overrides (force open, disable, metrics
// only); the transition history as a timeline and a table with reasons. GUI thread.
#pragma once

#include "theme.h"

#include "model/metricssnapshot.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace airm {
class EngineHost;
}

namespace airm::ui {

class BreakerBadge;
class BreakerTimeline;
class TransitionModel;

class BreakerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BreakerPanel(EngineHost *host, QWidget *parent = nullptr);

    void setService(const QString &service);
    // metrics of the service; transitions of the service, oldest first.
    void update(const ServiceMetrics &metrics, const QList<BreakerTransition> &transitions, qint64 nowMs);
    void setTheme(const Theme &theme);

    QPushButton *resetButton() const { return m_reset; }
    QPushButton *forceOpenButton() const { return m_forceOpen; }
    QPushButton *disableButton() const { return m_disable; }
    QPushButton *metricsOnlyButton() const { return m_metricsOnly; }
    BreakerBadge *badge() const { return m_badge; }
    TransitionModel *transitionModel() const { return m_model; }

signals:
    void actionRequested(); // something was sent to the engine: refresh soon

private:
    void force(BreakerState state);

    EngineHost *m_host;
    QString m_service;
    Theme m_theme = Theme::dark();
    BreakerBadge *m_badge;
    QLabel *m_stateDetail;
    QLabel *m_failureRate;
    QLabel *m_slowRate;
    QLabel *m_consecutive;
    QProgressBar *m_consecutiveBar;
    QLabel *m_timeInState;
    QLabel *m_rejected;
    QLabel *m_calls;
    QLabel *m_opened;
    QLabel *m_preset;
    QPushButton *m_reset;
    QPushButton *m_forceOpen;
    QPushButton *m_disable;
    QPushButton *m_metricsOnly;
    BreakerTimeline *m_timeline;
    TransitionModel *m_model;
    QTableView *m_table;
};

} // namespace airm::ui
