#include "breakerpanel.h"

#include "breakerbadge.h"
#include "breakertimeline.h"
#include "card.h"
#include "labels.h"
#include "transitionmodel.h"

#include "engine/enginehost.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

QLabel *addMetric(QGridLayout *grid, int row, int column, const QString &name, const QString &toolTip)
{
    auto *title = new QLabel(name);
    title->setObjectName(QStringLiteral("metricName"));
    title->setToolTip(toolTip);
    auto *value = new QLabel(QStringLiteral("–"));
    value->setObjectName(QStringLiteral("metricValue"));
    value->setToolTip(toolTip);
    auto *cell = new QVBoxLayout;
    cell->setSpacing(1);
    cell->addWidget(title);
    cell->addWidget(value);
    grid->addLayout(cell, row, column);
    return value;
}

} // namespace

BreakerPanel::BreakerPanel(EngineHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_badge(new BreakerBadge)
    , m_stateDetail(new QLabel)
    , m_consecutiveBar(new QProgressBar)
    , m_reset(new QPushButton(tr("Reset")))
    , m_forceOpen(new QPushButton(tr("Force open")))
    , m_disable(new QPushButton(tr("Disable")))
    , m_metricsOnly(new QPushButton(tr("Metrics only")))
    , m_timeline(new BreakerTimeline)
    , m_model(new TransitionModel(this))
    , m_table(new QTableView)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(m_badge);
    m_stateDetail->setObjectName(QStringLiteral("hint"));
    stateRow->addWidget(m_stateDetail, 1);
    m_reset->setProperty("role", QStringLiteral("primary"));
    m_reset->setToolTip(tr("Close the breaker and clear its counters"));
    m_forceOpen->setProperty("role", QStringLiteral("danger"));
    m_forceOpen->setToolTip(BreakerBadge::explanation(BreakerState::ForcedOpen));
    m_disable->setToolTip(BreakerBadge::explanation(BreakerState::Disabled));
    m_metricsOnly->setToolTip(BreakerBadge::explanation(BreakerState::MetricsOnly));
    for (QPushButton *b : {m_reset, m_forceOpen, m_disable, m_metricsOnly})
        stateRow->addWidget(b);
    layout->addLayout(stateRow);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(12);
    m_failureRate =
        addMetric(grid, 0, 0, tr("Failure rate"),
                  tr("Failed calls in the sliding window; shown once the window holds the minimum "
                     "number of calls"));
    m_slowRate = addMetric(grid, 0, 1, tr("Slow-call rate"), tr("Calls slower than the slow-call threshold"));
    m_timeInState = addMetric(grid, 0, 2, tr("Time in state"), tr("Since the last transition"));
    m_rejected = addMetric(grid, 0, 3, tr("Rejected"), tr("Calls refused without reaching the service"));
    m_calls = addMetric(grid, 1, 0, tr("Calls"), tr("Calls the breaker counted: successful / failed"));
    m_opened = addMetric(grid, 1, 1, tr("Times opened"), tr("How often the breaker opened since start"));
    m_preset = addMetric(grid, 1, 2, tr("Preset"), tr("Configuration preset (see below)"));
    m_consecutive = addMetric(grid, 1, 3, tr("Consecutive failures"),
                              tr("Consecutive failures against the threshold that opens the breaker"));
    for (int c = 0; c < 4; ++c)
        grid->setColumnStretch(c, 1);
    layout->addLayout(grid);
    m_consecutiveBar->setTextVisible(false);
    m_consecutiveBar->setFixedHeight(8);
    m_consecutiveBar->setToolTip(m_consecutive->toolTip());
    layout->addWidget(m_consecutiveBar);

    auto *timelineTitle = new QLabel(tr("Last 10 minutes"));
    timelineTitle->setObjectName(QStringLiteral("metricName"));
    layout->addWidget(timelineTitle);
    layout->addWidget(m_timeline);

    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(26);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnHidden(TransitionModel::Service, true);
    m_table->setMinimumHeight(160);
    m_table->setAccessibleName(tr("Breaker transitions"));
    layout->addWidget(m_table);

    connect(m_reset, &QPushButton::clicked, this, [this] {
        const QString service = m_service;
        m_host->post([service](RequestEngine &e) { e.resetBreaker(service); });
        emit actionRequested();
    });
    connect(m_forceOpen, &QPushButton::clicked, this, [this] { force(BreakerState::ForcedOpen); });
    connect(m_disable, &QPushButton::clicked, this, [this] { force(BreakerState::Disabled); });
    connect(m_metricsOnly, &QPushButton::clicked, this, [this] { force(BreakerState::MetricsOnly); });
}

void BreakerPanel::setService(const QString &service)
{
    m_service = service;
}

void BreakerPanel::force(BreakerState state)
{
    const QString service = m_service;
    m_host->post([service, state](RequestEngine &e) { e.forceBreaker(service, state); });
    emit actionRequested();
}

void BreakerPanel::setTheme(const Theme &theme)
{
    m_theme = theme;
    m_badge->setTheme(theme);
    m_timeline->setTheme(theme);
    m_model->setTheme(theme);
}

void BreakerPanel::update(const ServiceMetrics &metrics, const QList<BreakerTransition> &transitions,
                          qint64 nowMs)
{
    const BreakerSnapshot &b = metrics.breaker;
    m_badge->setState(b.state);
    QString detail = BreakerBadge::explanation(b.state);
    if (b.state == BreakerState::Open && b.remainingOpenMs > 0)
        detail = tr("Half-open in %1.").arg(Labels::duration(b.remainingOpenMs + 999));
    else if (b.state == BreakerState::HalfOpen)
        detail = tr("Probes: %1 of %2 successes needed, %3 in flight.")
                     .arg(b.halfOpenSuccesses)
                     .arg(b.halfOpenSuccessThreshold)
                     .arg(b.halfOpenInFlight);
    m_stateDetail->setText(detail);

    m_failureRate->setText(b.failureRatePct < 0 ? tr("not enough calls") : Labels::percent(b.failureRatePct));
    m_slowRate->setText(b.slowCallRatePct < 0 ? tr("not enough calls") : Labels::percent(b.slowCallRatePct));
    m_timeInState->setText(Labels::duration(b.timeInStateMs));
    m_rejected->setText(Labels::count(b.notPermittedCalls));
    m_rejected->setStyleSheet(
        b.notPermittedCalls > 0 ? QStringLiteral("color: %1;").arg(m_theme.warning.name()) : QString());
    m_calls->setText(tr("%1 / %2").arg(Labels::count(b.successfulCalls), Labels::count(b.failedCalls)));
    m_opened->setText(Labels::count(b.openCount));
    m_preset->setText(b.preset);
    if (b.consecutiveFailureThreshold > 0) {
        m_consecutive->setText(tr("%1 / %2").arg(b.consecutiveFailures).arg(b.consecutiveFailureThreshold));
        m_consecutiveBar->setRange(0, b.consecutiveFailureThreshold);
        m_consecutiveBar->setValue(std::min(b.consecutiveFailures, b.consecutiveFailureThreshold));
        m_consecutiveBar->setVisible(true);
        const double share = double(b.consecutiveFailures) / b.consecutiveFailureThreshold;
        const QString tone = share >= 1.0 ? QStringLiteral("error")
                             : share > 0  ? QStringLiteral("warning")
                                          : QString();
        if (m_consecutiveBar->property("tone").toString() != tone) {
            m_consecutiveBar->setProperty("tone", tone);
            repolish(m_consecutiveBar);
        }
    } else {
        m_consecutive->setText(tr("%1 (rule off)").arg(b.consecutiveFailures));
        m_consecutiveBar->setVisible(false);
    }
    m_timeline->setData(transitions, b.state, nowMs);
    m_model->setTransitions(transitions);
}

} // namespace airm::ui
