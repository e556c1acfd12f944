#include "servicecard.h"

#include "breakerbadge.h"
#include "card.h"
#include "labels.h"
#include "sparkline.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

namespace airm::ui {

ServiceCard::ServiceCard(const QString &service, QWidget *parent)
    : QFrame(parent)
    , m_service(service)
    , m_dot(new QLabel)
    , m_name(new QLabel(service))
    , m_model(new QLabel)
    , m_mode(new QLabel)
    , m_health(new QLabel)
    , m_chaos(new QLabel)
    , m_badge(new BreakerBadge)
    , m_requests(nullptr)
    , m_failures(nullptr)
    , m_p50(nullptr)
    , m_p95(nullptr)
    , m_sparkline(new Sparkline)
    , m_sparkCaption(new QLabel(tr("Requests per 5 s, last 5 min; failures in red")))
{
    setObjectName(QStringLiteral("card"));
    setAttribute(Qt::WA_StyledBackground);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus); // Tab reaches the card, Enter opens the service
    setAccessibleName(tr("Service %1").arg(service));
    setToolTip(tr("Open %1 on the Services page").arg(service));
    setMinimumWidth(260);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(8);

    auto *top = new QHBoxLayout;
    m_dot->setFixedSize(12, 12);
    m_name->setObjectName(QStringLiteral("serviceName"));
    top->addWidget(m_dot);
    top->addWidget(m_name);
    top->addStretch(1);
    top->addWidget(m_badge);
    layout->addLayout(top);

    m_model->setObjectName(QStringLiteral("cardSubtitle"));
    layout->addWidget(m_model);

    auto *chips = new QHBoxLayout;
    chips->setSpacing(6);
    for (QLabel *chip : {m_mode, m_health, m_chaos}) {
        chip->setObjectName(QStringLiteral("chip"));
        chip->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
        chips->addWidget(chip);
    }
    chips->addStretch(1);
    m_chaos->hide();
    layout->addLayout(chips);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(0);
    m_requests = addMetric(grid, 0, tr("Requests"));
    m_failures = addMetric(grid, 1, tr("Failures"));
    m_p50 = addMetric(grid, 2, tr("p50"));
    m_p95 = addMetric(grid, 3, tr("p95"));
    m_p50->setToolTip(tr("Median latency over the last minute"));
    m_p95->setToolTip(tr("95th percentile latency over the last minute"));
    layout->addLayout(grid);

    layout->addWidget(m_sparkline);
    m_sparkCaption->setObjectName(QStringLiteral("metricName"));
    layout->addWidget(m_sparkCaption);
}

QLabel *ServiceCard::addMetric(QGridLayout *grid, int column, const QString &name)
{
    auto *title = new QLabel(name);
    title->setObjectName(QStringLiteral("metricName"));
    auto *value = new QLabel(QStringLiteral("–"));
    value->setObjectName(QStringLiteral("metricValue"));
    grid->addWidget(title, 0, column);
    grid->addWidget(value, 1, column);
    grid->setColumnStretch(column, 1);
    return value;
}

void ServiceCard::update(const ServiceMetrics &m, const QStringList &chaosTypes)
{
    m_model->setText(m.model.isEmpty() ? Labels::providerKind(m.kind)
                                       : tr("%1 · %2").arg(Labels::providerKind(m.kind), m.model));
    m_mode->setText(m.simulated ? tr("SIMULATED") : tr("REAL API"));
    m_mode->setProperty("tone", m.simulated ? QStringLiteral("info") : QStringLiteral("success"));
    m_mode->setToolTip(m.simulated ? Labels::healthDetail(HealthState::Simulated)
                                   : tr("Requests go to the real provider with your API key."));
    repolish(m_mode);

    m_health->setText(Labels::health(m.health));
    m_health->setToolTip(Labels::healthDetail(m.health));
    const QString tone = m.health == HealthState::Healthy ? QStringLiteral("success")
                         : (m.health == HealthState::Down || m.health == HealthState::AuthError)
                             ? QStringLiteral("error")
                         : m.health == HealthState::Degraded ? QStringLiteral("warning")
                                                             : QString();
    m_health->setProperty("tone", tone);
    m_health->setVisible(m.health != HealthState::Simulated || !m.simulated);
    repolish(m_health);

    m_badge->setState(m.breaker.state);
    m_requests->setText(Labels::count(m.requests));
    const qint64 failures = m.failures + m.timeouts + m.rejected;
    m_failures->setText(Labels::count(failures));
    m_failures->setStyleSheet(failures > 0 ? QStringLiteral("color: %1;").arg(m_theme.error.name())
                                           : QString());
    m_failures->setToolTip(tr("%1 failed, %2 timed out, %3 rejected by the breaker")
                               .arg(m.failures)
                               .arg(m.timeouts)
                               .arg(m.rejected));
    const LatencySummary &lat = m.latency1m.count > 0 ? m.latency1m : m.latencyAll;
    m_p50->setText(lat.count > 0 ? Labels::latency(lat.p50Ms) : QStringLiteral("–"));
    m_p95->setText(lat.count > 0 ? Labels::latency(lat.p95Ms) : QStringLiteral("–"));

    const bool chaos = !chaosTypes.isEmpty();
    m_chaos->setVisible(chaos);
    if (chaos) {
        m_chaos->setText(tr("chaos: %1").arg(chaosTypes.join(QStringLiteral(", "))));
        m_chaos->setToolTip(
            tr("A chaos experiment targets this service: %1").arg(chaosTypes.join(QStringLiteral(", "))));
        m_chaos->setProperty("tone", QStringLiteral("error"));
        repolish(m_chaos);
    }
    if (property("chaos").toBool() != chaos) {
        setProperty("chaos", chaos);
        repolish(this);
    }
}

void ServiceCard::setSparkline(const QList<double> &total, const QList<double> &failed)
{
    m_sparkline->setData(total, failed);
}

void ServiceCard::setTheme(const Theme &theme, const QColor &serviceColor)
{
    m_theme = theme;
    m_badge->setTheme(theme);
    m_sparkline->setColors(serviceColor, theme.error, theme.border);
    m_dot->setStyleSheet(QStringLiteral("background: %1; border-radius: 6px;").arg(serviceColor.name()));
}

bool ServiceCard::chaosMarked() const
{
    return property("chaos").toBool();
}

void ServiceCard::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        emit activated(m_service);
        return;
    }
    QFrame::keyPressEvent(event);
}

void ServiceCard::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit activated(m_service);
    QFrame::mouseReleaseEvent(event);
}

} // namespace airm::ui
