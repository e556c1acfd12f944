// One service at a glance on the Overview: name, provider and model, real or simulated, health, breaker
// badge, request and failure counts, p50/p95, a sparkline of the last minutes, and a red frame with the
// experiment's type while chaos targets it. GUI thread.
#pragma once

#include "theme.h"

#include "model/metricssnapshot.h"

#include <QFrame>

class QGridLayout;
class QLabel;

namespace airm::ui {

class BreakerBadge;
class Sparkline;

class ServiceCard : public QFrame
{
    Q_OBJECT
public:
    explicit ServiceCard(const QString &service, QWidget *parent = nullptr);

    QString service() const { return m_service; }
    // chaosTypes: the types of the active experiments that target this service (empty: none).
    void update(const ServiceMetrics &metrics, const QStringList &chaosTypes);
    void setSparkline(const QList<double> &total, const QList<double> &failed);
    void setTheme(const Theme &theme, const QColor &serviceColor);

    bool chaosMarked() const;
    BreakerBadge *badge() const { return m_badge; }

signals:
    void activated(const QString &service);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QLabel *addMetric(QGridLayout *grid, int column, const QString &name);

    QString m_service;
    Theme m_theme = Theme::dark();
    QLabel *m_dot;
    QLabel *m_name;
    QLabel *m_model;
    QLabel *m_mode;
    QLabel *m_health;
    QLabel *m_chaos;
    BreakerBadge *m_badge;
    QLabel *m_requests;
    QLabel *m_failures;
    QLabel *m_p50;
    QLabel *m_p95;
    Sparkline *m_sparkline;
    QLabel *m_sparkCaption;
};

} // namespace airm::ui
