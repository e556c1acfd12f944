// Sends test alerts through one channel at a time and follows each to its outcome, for the "Send test"
// buttons of the Alerts page and of Settings > Alerts: reports a line of text and a tone per channel as the
// delivery starts, retries, succeeds or fails. GUI thread, with the manager on the same thread.
#pragma once

#include "alerts/alertmanager.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QTimer;

namespace airm::ui {

class AlertTester : public QObject
{
    Q_OBJECT
public:
    // The state of the last test of a channel. NotSent: refused before sending (no or a bad URL).
    enum class Outcome { NotSent, Pending, Delivered, Failed };

    explicit AlertTester(AlertManager *alerts, QObject *parent = nullptr);

    // Sends a test to url, or to the configured URL when url is empty (webhook, Slack); desktop ignores it.
    // Returns false when nothing was sent (then reported as NotSent with the reason).
    bool send(AlertChannel channel, const QUrl &url = {});
    // The last report of a channel ("" before any test).
    QString text(AlertChannel channel) const { return m_text.value(int(channel)); }
    Outcome outcome(AlertChannel channel) const { return m_outcome.value(int(channel), Outcome::NotSent); }

signals:
    void reported(airm::AlertChannel channel, airm::ui::AlertTester::Outcome outcome, const QString &text);

private:
    void onDelivery(const AlertDelivery &delivery);
    void report(AlertChannel channel, Outcome outcome, const QString &text);
    void tick();

    QPointer<AlertManager> m_alerts;
    QTimer *m_countdown;                     // while a retry waits: its "retrying in" is kept current
    QHash<QString, AlertDelivery> m_waiting; // test alert id -> its delivery waiting for a retry
    QHash<QString, AlertChannel> m_pending;  // test alert id -> channel
    QHash<int, QString> m_text;
    QHash<int, Outcome> m_outcome;
};

} // namespace airm::ui
