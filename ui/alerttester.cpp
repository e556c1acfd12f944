#include "alerttester.h"

#include "alertlabels.h"

#include <QDateTime>
#include <QTimer>

namespace airm::ui {

AlertTester::AlertTester(AlertManager *alerts, QObject *parent)
    : QObject(parent)
    , m_alerts(alerts)
    , m_countdown(new QTimer(this))
{
    constexpr int kCountdownMs = 1000;
    m_countdown->setInterval(kCountdownMs);
    connect(m_countdown, &QTimer::timeout, this, &AlertTester::tick);
    if (alerts) connect(alerts, &AlertManager::deliveryChanged, this, &AlertTester::onDelivery);
}

bool AlertTester::send(AlertChannel channel, const QUrl &url)
{
    if (!m_alerts) {
        report(channel, Outcome::NotSent, tr("Alerts are not available in this window"));
        return false;
    }
    if (channel == AlertChannel::Webhook || channel == AlertChannel::Slack) {
        const QUrl target = url.isEmpty()
                                ? (channel == AlertChannel::Webhook ? m_alerts->config().channels.webhookUrl
                                                                    : m_alerts->config().channels.slackUrl)
                                : url;
        const QString scheme = target.scheme().toLower();
        if (target.isEmpty()) {
            report(channel, Outcome::NotSent, tr("Not sent: enter a URL first"));
            return false;
        }
        if (!target.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
            target.host().isEmpty()) {
            report(channel, Outcome::NotSent,
                   tr("Not sent: the URL must be http:// or https:// with a host"));
            return false;
        }
    }
    QString error;
    const QString id = m_alerts->test(channel, url, &error);
    if (id.isEmpty()) {
        report(channel, Outcome::NotSent, tr("Not sent: %1").arg(error));
        return false;
    }
    m_pending.insert(id, channel);
    // The first delivery states are reported inside test(), before its id is known here.
    const QList<AlertDelivery> sofar = m_alerts->deliveries(id);
    if (sofar.isEmpty())
        report(channel, Outcome::Pending, tr("Sending…"));
    else
        onDelivery(sofar.constLast());
    return true;
}

void AlertTester::onDelivery(const AlertDelivery &d)
{
    if (!d.test || !m_pending.contains(d.alertId)) return;
    const AlertChannel channel = m_pending.value(d.alertId);
    const Outcome outcome = d.status == AlertDelivery::Status::Delivered ? Outcome::Delivered
                            : d.status == AlertDelivery::Status::Failed  ? Outcome::Failed
                                                                         : Outcome::Pending;
    if (outcome != Outcome::Pending) m_pending.remove(d.alertId);
    if (outcome == Outcome::Pending && d.nextAttemptMs > 0)
        m_waiting.insert(d.alertId, d);
    else
        m_waiting.remove(d.alertId);
    if (m_waiting.isEmpty())
        m_countdown->stop();
    else if (!m_countdown->isActive())
        m_countdown->start();
    const QString text =
        channel == AlertChannel::Desktop && outcome == Outcome::Delivered
            ? tr("Test notification sent to the desktop")
            : tr("Test alert: %1").arg(AlertLabels::delivery(d, QDateTime::currentMSecsSinceEpoch()));
    report(channel, outcome, text);
}

void AlertTester::tick()
{
    const QList<AlertDelivery> waiting = m_waiting.values();
    for (const AlertDelivery &d : waiting)
        onDelivery(d);
}

void AlertTester::report(AlertChannel channel, Outcome outcome, const QString &text)
{
    m_text.insert(int(channel), text);
    m_outcome.insert(int(channel), outcome);
    emit reported(channel, outcome, text);
}

} // namespace airm::ui
