// Raises alerts from the monitor's events (through an AlertEvaluator) and delivers them: to the GUI and the
// desktop by signals, to a JSON webhook and a Slack incoming webhook by HTTP POST and by e-mail (SMTP) with
// retries and exponential backoff, and to the database through an optional StorageWriter. Keeps the last
// kRecentLimit alerts with their delivery status, and counters. Never blocks: deliveries are asynchronous
// (QNetworkAccessManager) and storing only enqueues.
//
// Storing: an alert is enqueued at once; when it goes to a webhook it is enqueued again (the alerts table
// upserts on alert_id) once every remote delivery has its final outcome, with `delivered` set. `delivered`
// means every configured channel took the alert: each webhook answered 2xx, the SMTP server accepted the
// e-mail (desktop counts as taken when the signal is emitted); false when no channel is configured at all.
//
// Thread affinity: use and destroy on one thread (it may be the GUI thread or a thread of its own, moved
// there with moveToThread() before use; the network work runs on it). Signals are emitted on that thread.
// Connect the engine's, scenario service's and storage writer's signals to the on*() slots (queued across
// threads). The clock (not owned) must outlive the manager and live on the same thread; without one the
// manager uses its own SystemClock.
#pragma once

#include "alertevaluator.h"
#include "alertrules.h"
#include "storage/storagerecords.h"

#include <QHash>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <map>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace airm {

class SmtpClient;
class StorageWriter;

// The fate of one alert on one remote channel (webhook, slack or email), or on the desktop for a test.
struct AlertDelivery
{
    enum class Status { Pending, Delivered, Failed };

    QString alertId;
    AlertChannel channel = AlertChannel::Webhook;
    Status status = Status::Pending;
    int attempts = 0;         // HTTP attempts made so far
    int httpStatus = 0;       // of the last attempt; 0 when it got no HTTP answer
    QString lastError;        // of the last failed attempt; empty after success
    qint64 updatedAtMs = 0;   // wall
    qint64 nextAttemptMs = 0; // wall, while a retry waits; 0 otherwise
    bool test = false;        // sent by AlertManager::test()

    static QString statusName(Status s); // "pending", "delivered", "failed"
    QJsonObject toJson() const;
};

struct AlertStats
{
    qint64 raised = 0;     // alerts raised by the rules (tests excluded)
    qint64 suppressed = 0; // alerts not raised because of a cooldown
    qint64 sent = 0;       // webhook deliveries that succeeded (tests included)
    qint64 failed = 0;     // webhook deliveries that failed for good, after their last attempt
    qint64 retried = 0;    // attempts after a failed one
    qint64 pending = 0;    // webhook deliveries in flight or waiting to retry
    QJsonObject toJson() const;
};

class AlertManager : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRecentLimit = 200;
    // Deliveries in flight or waiting to retry; beyond it new ones fail at once (a dead endpoint and a storm
    // of distinct alerts must not grow memory without bound).
    static constexpr int kMaxPendingDeliveries = 256;
    // Time-based rules (breaker open too long, database still degraded) are checked this often.
    static constexpr int kTickIntervalMs = 1000;

    explicit AlertManager(const Clock *clock = nullptr, QObject *parent = nullptr);
    ~AlertManager() override;

    // Validates and applies; returns the error (config unchanged) or an empty string. Cooldowns and pending
    // deliveries are kept; deliveries in progress keep the URL they started with.
    QString setConfig(const AlertRulesConfig &config);
    const AlertRulesConfig &config() const { return m_evaluator.config(); }
    // Not owned; nullptr stops storing. Must outlive the manager or be unset before it goes.
    void setStorage(StorageWriter *writer) { m_storage = writer; }
    // Multiplies every retry wait (tests: 0.01 turns 1 s, 2 s, 4 s into 10, 20, 40 ms).
    void setBackoffScale(double scale) { m_backoffScale = scale; }

    // Newest first, at most kRecentLimit, with `delivered` as currently known.
    QList<AlertRecord> recent() const;
    // The deliveries of one of the recent alerts (or recent tests), by channel.
    QList<AlertDelivery> deliveries(const QString &alertId) const;
    AlertStats stats() const;

    // Sends a test alert (rule "test", severity info) through one channel: to `url` when given, else to the
    // configured one. Desktop: emits desktopNotificationRequested. Test alerts are not stored, not in
    // recent() and not counted as raised; their deliveries are reported like any other. Returns the test
    // alert's id, or an empty string and *error (no URL configured, URL not http(s)).
    QString test(AlertChannel channel, const QUrl &url = {}, QString *error = nullptr);

public slots:
    void onTransition(const airm::BreakerTransition &transition);
    void onSnapshot(const airm::MetricsSnapshot &snapshot);
    void onScenarioFinished(const QString &runId, const QString &planName, bool hypothesisFailed,
                            bool aborted, const QString &reason);
    void onStorageState(const airm::StorageState &state);
    // Checks the time-based rules now (the manager also does so every kTickIntervalMs).
    void tick();

signals:
    // Every alert the rules raise, once, whatever the channels.
    void alertRaised(const airm::AlertRecord &alert);
    // An alert to show as a desktop notification (only while the desktop channel is on, and for tests).
    void desktopNotificationRequested(const airm::AlertRecord &alert);
    // A delivery started, was attempted, waits for a retry, succeeded or failed.
    void deliveryChanged(const airm::AlertDelivery &delivery);
    // An alert's `delivered` became final (after its last remote delivery); the record as stored.
    void alertUpdated(const airm::AlertRecord &alert);

private:
    struct Job
    {
        AlertRecord alert;
        AlertDelivery delivery;
        QUrl url;
        QByteArray body;
        QPointer<QNetworkReply> reply;
        QPointer<SmtpClient> smtp; // an e-mail attempt in progress (a child of the manager)
        std::unique_ptr<QTimer> retryTimer;
        int maxAttempts = 1;
        qint64 retryInitialMs = 0;
        qint64 timeoutMs = 0;
    };
    struct Entry // one recent alert (or test) and its deliveries
    {
        AlertRecord alert;
        QList<AlertDelivery> deliveries;
        int outstanding = 0; // remote deliveries without a final outcome
        bool allDelivered = true;
        bool test = false;
    };

    void handle(const QList<AlertRecord> &alerts);
    void raise(AlertRecord alert);
    void startDelivery(const AlertRecord &alert, AlertChannel channel, const QUrl &url, bool test);
    void attempt(quint64 jobId);
    void finishAttempt(quint64 jobId);
    void finishEmail(quint64 jobId, bool ok, bool permanent, const QString &error);
    // After a failed attempt: another one after the backoff, or the delivery fails for good.
    void retryOrFail(quint64 jobId, bool retryable);
    // The configured e-mail settings, with the password from AIRM_SMTP_PASSWORD when the config has none.
    SmtpSettings emailSettings() const;
    void complete(quint64 jobId, bool delivered);
    void publish(const AlertDelivery &delivery);
    Entry *entry(const QString &alertId);
    void remember(Entry entry);
    void store(const AlertRecord &alert);

    std::unique_ptr<SystemClock> m_ownClock;
    const Clock &m_clock;
    AlertEvaluator m_evaluator;
    QNetworkAccessManager *m_network = nullptr; // child
    QTimer m_tick;
    StorageWriter *m_storage = nullptr;
    double m_backoffScale = 1.0;

    std::deque<Entry> m_entries; // oldest first; kRecentLimit alerts and a few tests
    std::map<quint64, std::unique_ptr<Job>> m_jobs;
    quint64 m_nextJobId = 1;
    AlertStats m_stats;
};

// The JSON webhook body: AlertRecord::toJson() without "delivered", plus "source" and "test".
QJsonObject alertWebhookPayload(const AlertRecord &alert, bool test = false);
// The Slack incoming-webhook body: one attachment coloured by severity (see alertSeverityColor).
QJsonObject alertSlackPayload(const AlertRecord &alert, bool test = false);
// The e-mail: "[TEST] [ERROR] Breaker opened: gemini" and the message with rule, severity, service, time,
// host and alert id.
QString alertEmailSubject(const AlertRecord &alert, bool test = false);
QString alertEmailBody(const AlertRecord &alert, bool test = false);
// "#36a64f" info, "#ff9500" warning, "#ff0000" error, "#8b0000" critical.
QString alertSeverityColor(const QString &severity);

} // namespace airm

Q_DECLARE_METATYPE(airm::AlertRecord)
Q_DECLARE_METATYPE(airm::AlertDelivery)
