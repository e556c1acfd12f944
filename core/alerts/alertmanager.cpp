#include "alertmanager.h"

#include "smtpclient.h"

#include "storage/storagewriter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSysInfo>

#include <algorithm>
#include <cmath>

namespace airm {
namespace {

// Test alerts kept for deliveries() beside the kRecentLimit real ones.
constexpr int kRecentTests = 20;
// Characters of a failed answer's body quoted in lastError.
constexpr int kErrorBodyChars = 200;

const QString kTestRule = QStringLiteral("test");

QString ruleTitle(const QString &rule)
{
    const std::optional<AlertRuleId> id = alertRuleFromString(rule);
    if (!id) return rule == kTestRule ? QStringLiteral("Test alert") : rule;
    switch (*id) {
    case AlertRuleId::BreakerOpened:
        return QStringLiteral("Circuit breaker opened");
    case AlertRuleId::BreakerClosed:
        return QStringLiteral("Circuit breaker closed");
    case AlertRuleId::BreakerStuckOpen:
        return QStringLiteral("Circuit breaker open too long");
    case AlertRuleId::ErrorRate:
        return QStringLiteral("High error rate");
    case AlertRuleId::LatencyP95:
        return QStringLiteral("High p95 latency");
    case AlertRuleId::ScenarioHypothesisFailed:
        return QStringLiteral("Scenario hypothesis failed");
    case AlertRuleId::ScenarioAborted:
        return QStringLiteral("Scenario aborted");
    case AlertRuleId::DatabaseDegraded:
        return QStringLiteral("Database degraded");
    }
    return rule;
}

QString checkRemoteUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (url.isEmpty()) return QStringLiteral("no URL is configured for this channel");
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        return QStringLiteral("the URL must be http or https with a host");
    return {};
}

bool retryable(int httpStatus)
{
    // No HTTP answer (refused, reset, DNS, timeout), request timeout, rate limit, server errors.
    return httpStatus == 0 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
}

} // namespace

QString AlertDelivery::statusName(Status s)
{
    switch (s) {
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Delivered:
        return QStringLiteral("delivered");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QJsonObject AlertDelivery::toJson() const
{
    return {{QStringLiteral("alertId"), alertId},
            {QStringLiteral("channel"), toString(channel)},
            {QStringLiteral("status"), statusName(status)},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("httpStatus"), httpStatus},
            {QStringLiteral("lastError"), lastError},
            {QStringLiteral("updatedAtMs"), updatedAtMs},
            {QStringLiteral("nextAttemptMs"), nextAttemptMs},
            {QStringLiteral("test"), test}};
}

QJsonObject AlertStats::toJson() const
{
    return {{QStringLiteral("raised"), raised},   {QStringLiteral("suppressed"), suppressed},
            {QStringLiteral("sent"), sent},       {QStringLiteral("failed"), failed},
            {QStringLiteral("retried"), retried}, {QStringLiteral("pending"), pending}};
}

QString alertSeverityColor(const QString &severity)
{
    switch (alertSeverityFromString(severity).value_or(AlertSeverity::Info)) {
    case AlertSeverity::Info:
        return QStringLiteral("#36a64f");
    case AlertSeverity::Warning:
        return QStringLiteral("#ff9500");
    case AlertSeverity::Error:
        return QStringLiteral("#ff0000");
    case AlertSeverity::Critical:
        return QStringLiteral("#8b0000");
    }
    return QStringLiteral("#36a64f");
}

QJsonObject alertWebhookPayload(const AlertRecord &alert, bool test)
{
    QJsonObject o = alert.toJson();
    o.remove(QStringLiteral("delivered"));
    o.insert(QStringLiteral("title"), ruleTitle(alert.rule));
    o.insert(QStringLiteral("source"), QStringLiteral("ai-resilience-monitor"));
    o.insert(QStringLiteral("version"), QStringLiteral(AIRM_VERSION));
    o.insert(QStringLiteral("host"), QSysInfo::machineHostName());
    o.insert(QStringLiteral("test"), test);
    return o;
}

QJsonObject alertSlackPayload(const AlertRecord &alert, bool test)
{
    const QString title = QStringLiteral("[%1] %2%3%4")
                              .arg(alert.severity.toUpper(), ruleTitle(alert.rule),
                                   alert.service.isEmpty() ? QString() : QStringLiteral(": "), alert.service);
    QJsonArray fields{
        QJsonObject{{QStringLiteral("title"), QStringLiteral("Service")},
                    {QStringLiteral("value"), alert.service.isEmpty() ? QStringLiteral("-") : alert.service},
                    {QStringLiteral("short"), true}},
        QJsonObject{{QStringLiteral("title"), QStringLiteral("Severity")},
                    {QStringLiteral("value"), alert.severity},
                    {QStringLiteral("short"), true}},
        QJsonObject{{QStringLiteral("title"), QStringLiteral("Rule")},
                    {QStringLiteral("value"), alert.rule},
                    {QStringLiteral("short"), true}},
        QJsonObject{{QStringLiteral("title"), QStringLiteral("Host")},
                    {QStringLiteral("value"), QSysInfo::machineHostName()},
                    {QStringLiteral("short"), true}},
    };
    const QJsonObject attachment{
        {QStringLiteral("color"), alertSeverityColor(alert.severity)},
        {QStringLiteral("title"), test ? QString(QStringLiteral("[TEST] ") % title) : title},
        {QStringLiteral("text"), alert.message},
        {QStringLiteral("fallback"), QString(title % QStringLiteral(" - ") % alert.message)},
        {QStringLiteral("fields"), fields},
        {QStringLiteral("footer"), QStringLiteral("AI Resilience Monitor")},
        {QStringLiteral("ts"), alert.atMs / 1000}, // Slack wants epoch seconds
    };
    return {{QStringLiteral("attachments"), QJsonArray{attachment}}};
}

QString alertEmailSubject(const AlertRecord &alert, bool test)
{
    return QStringLiteral("%1[%2] %3%4%5")
        .arg(test ? QStringLiteral("[TEST] ") : QString(), alert.severity.toUpper(), ruleTitle(alert.rule),
             alert.service.isEmpty() ? QString() : QStringLiteral(": "), alert.service);
}

QString alertEmailBody(const AlertRecord &alert, bool test)
{
    QString body = alert.message % QStringLiteral("\n\n");
    const auto line = [&body](const char *label, const QString &value) {
        body += QLatin1String(label) % QStringLiteral(": ") % value % QLatin1Char('\n');
    };
    line("Rule", alert.rule);
    line("Severity", alert.severity);
    line("Service", alert.service.isEmpty() ? QStringLiteral("-") : alert.service);
    line("Time", QDateTime::fromMSecsSinceEpoch(alert.atMs, Qt::UTC).toString(Qt::ISODateWithMs));
    line("Host", QSysInfo::machineHostName());
    line("Alert", alert.alertId);
    body += QStringLiteral("\n-- \nAI Resilience Monitor %1%2\n")
                .arg(QStringLiteral(AIRM_VERSION),
                     test ? QStringLiteral(" (a test of the e-mail channel)") : QString());
    return body;
}

AlertManager::AlertManager(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_ownClock(clock ? nullptr : std::make_unique<SystemClock>())
    , m_clock(clock ? *clock : *m_ownClock)
    , m_evaluator(m_clock)
    , m_network(new QNetworkAccessManager(this))
    , m_tick(this) // a child, so moveToThread() takes it along
{
    qRegisterMetaType<airm::AlertRecord>("airm::AlertRecord");
    qRegisterMetaType<airm::AlertDelivery>("airm::AlertDelivery");
    m_tick.setInterval(kTickIntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &AlertManager::tick);
    m_tick.start();
}

AlertManager::~AlertManager()
{
    // Replies finish synchronously on abort(); nothing may call back into a half-destroyed manager.
    for (auto &[id, job] : m_jobs) {
        if (job->smtp) job->smtp->disconnect(this);
        if (job->reply) {
            job->reply->disconnect(this);
            job->reply->abort();
        }
    }
}

QString AlertManager::setConfig(const AlertRulesConfig &config)
{
    const QString error = config.validate();
    if (error.isEmpty()) m_evaluator.setConfig(config);
    return error;
}

QList<AlertRecord> AlertManager::recent() const
{
    QList<AlertRecord> out;
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it)
        if (!it->test) out << it->alert;
    return out;
}

QList<AlertDelivery> AlertManager::deliveries(const QString &alertId) const
{
    for (const Entry &e : m_entries)
        if (e.alert.alertId == alertId) return e.deliveries;
    return {};
}

AlertStats AlertManager::stats() const
{
    AlertStats s = m_stats;
    s.suppressed = m_evaluator.suppressedCount();
    s.pending = qint64(m_jobs.size());
    return s;
}

void AlertManager::onTransition(const BreakerTransition &transition)
{
    handle(m_evaluator.onTransition(transition));
}

void AlertManager::onSnapshot(const MetricsSnapshot &snapshot)
{
    handle(m_evaluator.onSnapshot(snapshot));
}

void AlertManager::onScenarioFinished(const QString &runId, const QString &planName, bool hypothesisFailed,
                                      bool aborted, const QString &reason)
{
    handle(m_evaluator.onScenarioFinished(runId, planName, hypothesisFailed, aborted, reason));
}

void AlertManager::onStorageState(const StorageState &state)
{
    handle(m_evaluator.onStorageState(state));
}

void AlertManager::tick()
{
    handle(m_evaluator.tick());
}

void AlertManager::handle(const QList<AlertRecord> &alerts)
{
    for (const AlertRecord &a : alerts)
        raise(a);
}

AlertManager::Entry *AlertManager::entry(const QString &alertId)
{
    for (Entry &e : m_entries)
        if (e.alert.alertId == alertId) return &e;
    return nullptr;
}

void AlertManager::remember(Entry e)
{
    const bool test = e.test;
    m_entries.push_back(std::move(e));
    const int limit = test ? kRecentTests : kRecentLimit;
    const auto count = std::count_if(m_entries.cbegin(), m_entries.cend(),
                                     [test](const Entry &x) { return x.test == test; });
    if (count <= limit) return;
    // A delivery still running for an evicted entry finds no entry and only updates its own copy.
    const auto oldest =
        std::find_if(m_entries.begin(), m_entries.end(), [test](const Entry &x) { return x.test == test; });
    m_entries.erase(oldest);
}

void AlertManager::store(const AlertRecord &alert)
{
    if (m_storage) m_storage->enqueueAlert(alert);
}

void AlertManager::raise(AlertRecord alert)
{
    ++m_stats.raised;
    const AlertChannelsConfig ch = config().channels; // a copy: slots of the signals below may change it
    QList<std::pair<AlertChannel, QUrl>> remote;
    if (!ch.webhookUrl.isEmpty()) remote.append({AlertChannel::Webhook, ch.webhookUrl});
    if (!ch.slackUrl.isEmpty()) remote.append({AlertChannel::Slack, ch.slackUrl});
    if (ch.email.isEnabled()) remote.append({AlertChannel::Email, QUrl()});

    alert.delivered = remote.isEmpty() && ch.desktop;
    Entry e;
    e.alert = alert;
    e.outstanding = int(remote.size());
    remember(std::move(e));
    store(alert);

    emit alertRaised(alert);
    if (ch.desktop) emit desktopNotificationRequested(alert);
    for (const auto &[channel, url] : remote)
        startDelivery(alert, channel, url, false);
}

QString AlertManager::test(AlertChannel channel, const QUrl &url, QString *error)
{
    const AlertChannelsConfig ch = config().channels;
    QUrl target = url;
    if (target.isEmpty()) target = channel == AlertChannel::Webhook ? ch.webhookUrl : ch.slackUrl;
    QString problem;
    if (channel == AlertChannel::Email)
        problem = !url.isEmpty()          ? QStringLiteral("a url is only for the webhook and slack channels")
                  : !ch.email.isEnabled() ? QStringLiteral("no SMTP host configured")
                                          : emailSettings().validate();
    else if (channel != AlertChannel::Desktop)
        problem = checkRemoteUrl(target);
    if (!problem.isEmpty()) {
        if (error) *error = toString(channel) % QStringLiteral(": ") % problem;
        return {};
    }
    AlertRecord alert =
        m_evaluator.makeAlert(kTestRule, AlertSeverity::Info, QString(),
                              QStringLiteral("Test alert from AI Resilience Monitor: the %1 channel works.")
                                  .arg(toString(channel)));
    Entry e;
    e.alert = alert;
    e.test = true;
    e.outstanding = channel == AlertChannel::Desktop ? 0 : 1;
    if (channel == AlertChannel::Desktop) {
        AlertDelivery d;
        d.alertId = alert.alertId;
        d.channel = channel;
        d.status = AlertDelivery::Status::Delivered;
        d.updatedAtMs = m_clock.wallMs();
        d.test = true;
        e.deliveries << d;
        remember(std::move(e));
        emit desktopNotificationRequested(alert);
        emit deliveryChanged(d);
    } else {
        remember(std::move(e));
        startDelivery(alert, channel, target, true);
    }
    if (error) error->clear();
    return alert.alertId;
}

void AlertManager::startDelivery(const AlertRecord &alert, AlertChannel channel, const QUrl &url, bool test)
{
    const AlertChannelsConfig &ch = config().channels;
    auto job = std::make_unique<Job>();
    job->alert = alert;
    job->delivery.alertId = alert.alertId;
    job->delivery.channel = channel;
    job->delivery.test = test;
    job->delivery.updatedAtMs = m_clock.wallMs();
    job->url = url;
    if (channel != AlertChannel::Email) {
        const QJsonObject body = channel == AlertChannel::Slack ? alertSlackPayload(alert, test)
                                                                : alertWebhookPayload(alert, test);
        job->body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    job->maxAttempts = 1 + ch.retries;
    job->retryInitialMs = ch.retryInitialMs;
    job->timeoutMs = ch.timeoutMs;

    const quint64 id = m_nextJobId++;
    const bool full = m_jobs.size() >= std::size_t(kMaxPendingDeliveries);
    m_jobs.emplace(id, std::move(job));
    if (full) {
        m_jobs[id]->delivery.lastError =
            QStringLiteral("not sent: %1 deliveries are already pending").arg(kMaxPendingDeliveries);
        complete(id, false);
        return;
    }
    attempt(id);
}

void AlertManager::attempt(quint64 jobId)
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end()) return;
    Job &job = *it->second;
    if (job.delivery.attempts > 0) ++m_stats.retried;
    ++job.delivery.attempts;
    job.delivery.nextAttemptMs = 0;
    job.delivery.updatedAtMs = m_clock.wallMs();

    if (job.delivery.channel == AlertChannel::Email) {
        job.smtp = new SmtpClient(emailSettings(), job.timeoutMs, this);
        connect(job.smtp, &SmtpClient::finished, this,
                [this, jobId](bool ok, bool permanent, const QString &error) {
                    finishEmail(jobId, ok, permanent, error);
                });
        job.smtp->send(alertEmailSubject(job.alert, job.delivery.test),
                       alertEmailBody(job.alert, job.delivery.test));
        publish(job.delivery);
        return;
    }
    QNetworkRequest request(job.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("ai-resilience-monitor/" AIRM_VERSION));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(job.timeoutMs));
    job.reply = m_network->post(request, job.body);
    connect(job.reply, &QNetworkReply::finished, this, [this, jobId] { finishAttempt(jobId); });
    publish(job.delivery);
}

void AlertManager::finishAttempt(quint64 jobId)
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end()) return;
    Job &job = *it->second;
    QNetworkReply *reply = job.reply;
    job.reply = nullptr;
    if (!reply) return;
    reply->deleteLater();

    // QNAM reports HTTP errors as network errors too; the status decides (see qt64-notes section 13).
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    job.delivery.httpStatus = status;
    job.delivery.updatedAtMs = m_clock.wallMs();
    if (status >= 200 && status < 300) {
        job.delivery.lastError.clear();
        complete(jobId, true);
        return;
    }
    if (status > 0) {
        const QString body = QString::fromUtf8(reply->read(kErrorBodyChars)).simplified();
        job.delivery.lastError =
            QStringLiteral("HTTP %1 %2%3")
                .arg(QString::number(status),
                     reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(),
                     body.isEmpty() ? QString() : QString(QStringLiteral(": ") % body))
                .trimmed();
    } else if (reply->error() == QNetworkReply::OperationCanceledError) {
        job.delivery.lastError = QStringLiteral("no answer within %1 ms").arg(job.timeoutMs);
    } else {
        job.delivery.lastError = reply->errorString();
    }

    retryOrFail(jobId, retryable(status));
}

void AlertManager::finishEmail(quint64 jobId, bool ok, bool permanent, const QString &error)
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end()) return;
    Job &job = *it->second;
    if (job.smtp) job.smtp->deleteLater(); // it is emitting this signal
    job.smtp = nullptr;
    job.delivery.updatedAtMs = m_clock.wallMs();
    if (ok) {
        job.delivery.lastError.clear();
        complete(jobId, true);
        return;
    }
    job.delivery.lastError = error;
    retryOrFail(jobId, !permanent);
}

void AlertManager::retryOrFail(quint64 jobId, bool retryable)
{
    Job &job = *m_jobs.at(jobId);
    if (!retryable || job.delivery.attempts >= job.maxAttempts) {
        complete(jobId, false);
        return;
    }
    const double factor = std::pow(2.0, double(job.delivery.attempts - 1));
    const qint64 delayMs =
        std::max<qint64>(0, qRound64(double(job.retryInitialMs) * factor * m_backoffScale));
    job.delivery.nextAttemptMs = m_clock.wallMs() + delayMs;
    job.retryTimer = std::make_unique<QTimer>();
    job.retryTimer->setSingleShot(true);
    connect(job.retryTimer.get(), &QTimer::timeout, this, [this, jobId] { attempt(jobId); });
    job.retryTimer->start(int(delayMs));
    publish(job.delivery);
}

SmtpSettings AlertManager::emailSettings() const
{
    SmtpSettings email = config().channels.email;
    if (email.password.isEmpty() && !email.username.isEmpty())
        email.password = qEnvironmentVariable("AIRM_SMTP_PASSWORD");
    return email;
}

void AlertManager::complete(quint64 jobId, bool delivered)
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end()) return;
    std::unique_ptr<Job> job = std::move(it->second);
    m_jobs.erase(it);

    job->delivery.status = delivered ? AlertDelivery::Status::Delivered : AlertDelivery::Status::Failed;
    job->delivery.nextAttemptMs = 0;
    job->delivery.updatedAtMs = m_clock.wallMs();
    ++(delivered ? m_stats.sent : m_stats.failed);
    publish(job->delivery);

    Entry *e = entry(job->alert.alertId);
    AlertRecord record = e ? e->alert : job->alert;
    int outstanding = 0;
    bool allDelivered = delivered;
    if (e) {
        e->outstanding = std::max(0, e->outstanding - 1);
        e->allDelivered = e->allDelivered && delivered;
        outstanding = e->outstanding;
        allDelivered = e->allDelivered;
    }
    if (outstanding > 0 || job->delivery.test) return;
    record.delivered = allDelivered;
    if (e) e->alert.delivered = allDelivered;
    store(record);
    emit alertUpdated(record);
}

void AlertManager::publish(const AlertDelivery &delivery)
{
    if (Entry *e = entry(delivery.alertId)) {
        auto it = std::find_if(e->deliveries.begin(), e->deliveries.end(),
                               [&](const AlertDelivery &d) { return d.channel == delivery.channel; });
        if (it == e->deliveries.end())
            e->deliveries << delivery;
        else
            *it = delivery;
    }
    emit deliveryChanged(delivery);
}

} // namespace airm
