#include "alertspage.h"

#include "alertlabels.h"
#include "alertsmodel.h"
#include "alerttester.h"
#include "card.h"
#include "labels.h"
#include "pilldelegate.h"
#include "statcard.h"

#include "alerts/alertmanager.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

constexpr int kRefreshMs = 1000;
constexpr AlertChannel kChannels[] = {AlertChannel::Desktop, AlertChannel::Webhook, AlertChannel::Slack,
                                      AlertChannel::Email};

int severityRank(const QString &severity)
{
    return severity.isEmpty() ? -1 : int(alertSeverityFromString(severity).value_or(AlertSeverity::Info));
}

void setTone(QLabel *label, const QString &tone)
{
    if (label->property("tone").toString() == tone) return;
    label->setProperty("tone", tone);
    repolish(label);
}

} // namespace

AlertsPage::AlertsPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Alerts"),
           tr("What the alert rules raised in this run, and where each alert was delivered"), false, parent)
    , m_model(new AlertsModel(this))
    , m_severityDelegate(new PillDelegate(AlertsModel::EmphasisRole, this))
    , m_view(new QTableView)
    , m_empty(new QLabel)
    , m_detail(new QLabel)
    , m_disabledBanner(new Card)
    , m_configure(new QPushButton(tr("Configure rules…")))
    , m_tester(new AlertTester(ctx.alerts, this))
{
    m_configure->setToolTip(tr("Edit the rules, thresholds and channels in Settings > Alerts"));
    headerActions()->addWidget(m_configure);
    connect(m_configure, &QPushButton::clicked, this, &AlertsPage::configureRequested);

    // Shown while the master switch is off.
    m_disabledBanner->setStyleProperty("state", QStringLiteral("warning"));
    auto *bannerRow = new QHBoxLayout;
    auto *bannerText = new QLabel(tr("Alerts are switched off: no rule is evaluated and nothing is sent."));
    bannerText->setWordWrap(true);
    auto *bannerButton = new QPushButton(tr("Open Settings > Alerts"));
    connect(bannerButton, &QPushButton::clicked, this, &AlertsPage::configureRequested);
    bannerRow->addWidget(bannerText, 1);
    bannerRow->addWidget(bannerButton);
    m_disabledBanner->body()->addLayout(bannerRow);
    m_disabledBanner->hide();
    content()->addWidget(m_disabledBanner);

    // Counters.
    auto *counters = new QHBoxLayout;
    counters->setSpacing(14);
    for (const auto &[key, title] :
         {std::pair{QStringLiteral("raised"), tr("Raised")},
          std::pair{QStringLiteral("suppressed"), tr("Suppressed")},
          std::pair{QStringLiteral("sent"), tr("Sent")}, std::pair{QStringLiteral("failed"), tr("Failed")}}) {
        auto *card = new StatCard(title);
        m_counters.insert(key, card);
        counters->addWidget(card);
    }
    m_counters.value(QStringLiteral("raised"))->setToolTip(tr("Alerts the rules raised in this run"));
    m_counters.value(QStringLiteral("suppressed"))
        ->setToolTip(
            tr("Alerts not raised again because the rule's cooldown for that service had not passed"));
    m_counters.value(QStringLiteral("sent"))
        ->setToolTip(tr("Webhook, Slack and e-mail deliveries that succeeded"));
    m_counters.value(QStringLiteral("failed"))
        ->setToolTip(tr("Webhook, Slack and e-mail deliveries that failed for good, after their last retry"));
    content()->addLayout(counters);
    content()->addWidget(buildChannels());

    // Recent alerts.
    auto *recent = new Card(tr("Recent alerts"));
    recent->setHint(tr("Newest first, at most %1. Hover a delivery for its attempts and errors.")
                        .arg(AlertManager::kRecentLimit));
    m_model->setManager(ctx.alerts);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Recent alerts"));
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(30);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setItemDelegateForColumn(AlertsModel::Severity, m_severityDelegate);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AlertsModel::Message, QHeaderView::Stretch);
    header->setMinimumSectionSize(60);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(ctx.alerts ? tr("No alert in this run yet.\n\nOne appears here when a breaker opens or "
                                     "stays open, the error rate or p95 latency of a service crosses its "
                                     "threshold, a scenario fails or is aborted, or the database degrades.")
                                : tr("This window runs without alerts."));
    m_detail->setObjectName(QStringLiteral("hint"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::RichText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->hide();
    recent->body()->addWidget(m_empty, 1);
    recent->body()->addWidget(m_view, 1);
    recent->body()->addWidget(m_detail);

    content()->addWidget(recent, 1);

    auto onRows = [this] {
        const bool empty = m_model->rowCount() == 0;
        m_empty->setVisible(empty);
        m_view->setVisible(!empty);
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, onRows);
    connect(m_model, &QAbstractItemModel::modelReset, this, onRows);
    onRows();
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AlertsPage::refreshDetail);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                const int current = m_view->currentIndex().row();
                if (current >= from.row() && current <= to.row()) refreshDetail();
            });
    connect(m_tester, &AlertTester::reported, this,
            [this](AlertChannel channel) { showTestResult(channel); });

    if (AlertManager *alerts = ctx.alerts) {
        connect(alerts, &AlertManager::alertRaised, this, &AlertsPage::onAlertRaised);
        connect(alerts, &AlertManager::deliveryChanged, this, [this] {
            if (isActive()) refreshCounters();
        });
    }
    auto *timer = new QTimer(this);
    timer->setInterval(kRefreshMs);
    connect(timer, &QTimer::timeout, this, [this] {
        if (isActive()) refresh();
    });
    timer->start();
    refresh();
}

QWidget *AlertsPage::buildChannels()
{
    auto *card = new Card(tr("Channels"));
    card->setHint(tr("Where alerts go. Send a test to check a channel end to end."));
    auto *columns = new QHBoxLayout;
    columns->setSpacing(28);
    for (const AlertChannel channel : kChannels) {
        auto *name =
            new QLabel(QStringLiteral("<b>%1</b>").arg(AlertLabels::channel(channel).toHtmlEscaped()));
        auto *state = new QLabel;
        state->setObjectName(QStringLiteral("chip"));
        auto *target = new QLabel;
        target->setObjectName(QStringLiteral("hint"));
        target->setWordWrap(true);
        target->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *test = new QPushButton(tr("Send test"));
        test->setAccessibleName(tr("Send a test alert to %1").arg(AlertLabels::channel(channel)));
        auto *result = new QLabel;
        result->setWordWrap(true);
        result->setTextInteractionFlags(Qt::TextSelectableByMouse);
        result->hide();
        auto *nameRow = new QHBoxLayout;
        nameRow->setSpacing(8);
        nameRow->addWidget(name);
        nameRow->addWidget(state);
        nameRow->addStretch(1);
        nameRow->addWidget(test);
        auto *column = new QVBoxLayout;
        column->setSpacing(4);
        column->addLayout(nameRow);
        column->addWidget(target);
        column->addWidget(result);
        column->addStretch(1);
        columns->addLayout(column, 1);
        m_channelStates.insert(int(channel), state);
        m_channelTargets.insert(int(channel), target);
        m_testButtons.insert(int(channel), test);
        m_testResults.insert(int(channel), result);
        connect(test, &QPushButton::clicked, this, [this, channel] { m_tester->send(channel); });
    }
    card->body()->addLayout(columns);
    return card;
}

void AlertsPage::setDesktopAvailable(bool available)
{
    m_desktopAvailable = available;
    m_model->setDesktopAvailable(available);
    refreshChannels();
}

void AlertsPage::onAlertRaised(const AlertRecord &alert)
{
    if (isActive() && isVisible()) {
        refresh();
        return;
    }
    ++m_unread;
    if (severityRank(alert.severity) > severityRank(m_unreadSeverity)) m_unreadSeverity = alert.severity;
    emit unreadChanged(m_unread);
}

void AlertsPage::markRead()
{
    if (m_unread == 0) return;
    m_unread = 0;
    m_unreadSeverity.clear();
    emit unreadChanged(0);
}

void AlertsPage::onActivated()
{
    markRead();
    refresh();
}

void AlertsPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    // The window came back from the tray with this page selected.
    if (isActive()) markRead();
}

void AlertsPage::applyTheme(const Theme &t)
{
    m_model->setTheme(t);
    refresh();
    for (const AlertChannel channel : kChannels)
        showTestResult(channel);
}

void AlertsPage::refresh()
{
    refreshCounters();
    refreshChannels();
    m_model->tick(QDateTime::currentMSecsSinceEpoch());
}

void AlertsPage::refreshCounters()
{
    const AlertManager *alerts = context().alerts;
    const Theme &t = theme();
    const AlertStats s = alerts ? alerts->stats() : AlertStats{};
    m_counters.value(QStringLiteral("raised"))
        ->setValue(Labels::count(s.raised), s.raised > 0 ? t.warning : QColor());
    m_counters.value(QStringLiteral("raised"))->setSubtitle(tr("this run"));
    m_counters.value(QStringLiteral("suppressed"))->setValue(Labels::count(s.suppressed));
    m_counters.value(QStringLiteral("suppressed"))->setSubtitle(tr("by cooldowns"));
    m_counters.value(QStringLiteral("sent"))
        ->setValue(Labels::count(s.sent), s.sent > 0 ? t.success : QColor());
    m_counters.value(QStringLiteral("sent"))
        ->setSubtitle(
            s.pending > 0
                ? tr("%1 pending · %2 retried").arg(Labels::count(s.pending), Labels::count(s.retried))
                : tr("%1 retried").arg(Labels::count(s.retried)));
    m_counters.value(QStringLiteral("failed"))
        ->setValue(Labels::count(s.failed), s.failed > 0 ? t.error : QColor());
    m_counters.value(QStringLiteral("failed"))
        ->setSubtitle(s.failed > 0 ? tr("after every retry") : tr("none"), s.failed > 0 ? t.error : QColor());
}

void AlertsPage::refreshChannels()
{
    const AlertManager *alerts = context().alerts;
    const AlertRulesConfig config = alerts ? alerts->config() : AlertRulesConfig{};
    m_disabledBanner->setVisible(alerts && !config.enabled);
    const QJsonObject redacted =
        config.toJson(true).value(QStringLiteral("channels")).toObject(); // URLs carry secrets
    for (const AlertChannel channel : kChannels) {
        QLabel *state = m_channelStates.value(int(channel));
        QLabel *target = m_channelTargets.value(int(channel));
        QPushButton *test = m_testButtons.value(int(channel));
        bool on = false;
        QString where;
        QString why;
        switch (channel) {
        case AlertChannel::Desktop:
            on = config.channels.desktop && m_desktopAvailable;
            where = !m_desktopAvailable
                        ? tr("This desktop has no system tray: notifications cannot be shown.")
                    : config.channels.desktop ? tr("A tray notification for each alert.")
                                              : tr("Switched off in Settings > Alerts.");
            if (!m_desktopAvailable) why = tr("This desktop has no system tray");
            break;
        case AlertChannel::Webhook:
        case AlertChannel::Slack: {
            const QUrl url =
                channel == AlertChannel::Webhook ? config.channels.webhookUrl : config.channels.slackUrl;
            on = !url.isEmpty();
            where = on ? redacted
                             .value(channel == AlertChannel::Webhook ? QStringLiteral("webhookUrl")
                                                                     : QStringLiteral("slackUrl"))
                             .toString()
                       : tr("No URL: set one in Settings > Alerts.");
            if (!on) why = tr("Set a URL in Settings > Alerts first");
            break;
        }
        case AlertChannel::Email: {
            const SmtpSettings &email = config.channels.email;
            on = email.isEnabled();
            where = on ? tr("To %1 through %2:%3 (%4)")
                             .arg(email.to.join(QLatin1String(", ")), email.host)
                             .arg(email.port)
                             .arg(SmtpSettings::securityName(email.security))
                       : tr("No SMTP server: set one in Settings > Alerts.");
            if (!on) why = tr("Set an SMTP server in Settings > Alerts first");
            break;
        }
        }
        state->setText(on ? tr("on") : tr("off"));
        setTone(state, on ? QStringLiteral("success") : QString());
        target->setText(where);
        test->setEnabled(alerts && (channel == AlertChannel::Desktop ? m_desktopAvailable : on));
        test->setToolTip(why.isEmpty() ? tr("Send a test alert through this channel now") : why);
    }
    m_view->setColumnHidden(AlertsModel::Webhook, config.channels.webhookUrl.isEmpty() &&
                                                      !m_model->usedChannel(AlertChannel::Webhook));
    m_view->setColumnHidden(AlertsModel::Slack,
                            config.channels.slackUrl.isEmpty() && !m_model->usedChannel(AlertChannel::Slack));
    m_view->setColumnHidden(AlertsModel::Email,
                            !config.channels.email.isEnabled() && !m_model->usedChannel(AlertChannel::Email));
}

void AlertsPage::showTestResult(AlertChannel channel)
{
    QLabel *label = m_testResults.value(int(channel));
    const QString text = m_tester->text(channel);
    label->setVisible(!text.isEmpty());
    label->setText(text);
    const Theme &t = theme();
    QColor colour = t.textMuted;
    switch (m_tester->outcome(channel)) {
    case AlertTester::Outcome::Delivered:
        colour = t.success;
        break;
    case AlertTester::Outcome::Pending:
        colour = t.warning;
        break;
    case AlertTester::Outcome::Failed:
    case AlertTester::Outcome::NotSent:
        colour = t.error;
        break;
    }
    label->setStyleSheet(QStringLiteral("color: %1;").arg(colour.name()));
    if (isActive()) refreshCounters();
}

void AlertsPage::refreshDetail()
{
    const int row = m_view->currentIndex().row();
    const AlertRecord a = m_model->alert(row);
    if (row < 0 || a.alertId.isEmpty()) {
        m_detail->hide();
        return;
    }
    QStringList head{QStringLiteral("<b>%1</b>").arg(AlertLabels::rule(a.rule).toHtmlEscaped()),
                     AlertLabels::severity(a.severity).toHtmlEscaped()};
    if (!a.service.isEmpty()) head << a.service.toHtmlEscaped();
    head << Labels::dateTime(a.atMs);
    QStringList delivery;
    const AlertManager *alerts = context().alerts;
    const QList<AlertDelivery> deliveries = alerts ? alerts->deliveries(a.alertId) : QList<AlertDelivery>{};
    if (m_model->data(m_model->index(row, AlertsModel::Desktop), AlertsModel::StatusRole).toInt() >= 0)
        delivery << tr("Desktop: notification shown");
    for (const AlertDelivery &d : deliveries)
        delivery << tr("%1: %2")
                        .arg(AlertLabels::channel(d.channel),
                             AlertLabels::delivery(d, QDateTime::currentMSecsSinceEpoch()))
                        .toHtmlEscaped();
    if (delivery.isEmpty()) delivery << tr("Not sent to any channel").toHtmlEscaped();
    m_detail->setText(head.join(QStringLiteral(" · ")) + QStringLiteral("<br>") + a.message.toHtmlEscaped() +
                      QStringLiteral("<br>") + delivery.join(QStringLiteral(" · ")));
    m_detail->show();
}

} // namespace airm::ui
