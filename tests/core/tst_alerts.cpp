// Alerts: the rule configuration and its validation, every rule firing on its condition and not below its
// threshold or minimum count, cooldowns on a manual clock, and delivery to a local webhook receiver (JSON and
// Slack payloads, retries with backoff, final failures, test alerts) and to the database.
#include "alerts/alertevaluator.h"
#include "alerts/alertmanager.h"
#include "alerts/alertrules.h"
#include "storage/historystore.h"
#include "storage/storagewriter.h"

#include "mocksmtpserver.h"
#include "storagetestenv.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

using namespace airm;

namespace {

constexpr qint64 kMinute = 60'000;

// A minimal HTTP/1.1 server on 127.0.0.1 that records each request and answers with the next configured
// status (then defaultStatus), closing the connection after each answer.
class WebhookReceiver : public QObject
{
public:
    struct Request
    {
        QByteArray method, path, contentType, body;
        qint64 atMs = 0; // since the receiver started
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };

    WebhookReceiver()
    {
        m_elapsed.start();
        if (!m_server.listen(QHostAddress::LocalHost, 0)) qFatal("webhook receiver: cannot listen");
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QUrl url(const QString &path = QStringLiteral("/hook")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }

    QList<int> statuses; // answered in order, then defaultStatus
    int defaultStatus = 200;
    QList<Request> requests;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) return;
        Request r;
        qsizetype contentLength = 0;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        r.method = requestLine.value(0);
        r.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0) continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            if (name == "content-length") contentLength = value.toLongLong();
            if (name == "content-type") r.contentType = value;
        }
        if (buffer.size() < headerEnd + 4 + contentLength) return;
        r.body = buffer.mid(headerEnd + 4, contentLength);
        r.atMs = m_elapsed.elapsed();
        m_buffers.remove(socket);
        requests << r;

        const int status = statuses.isEmpty() ? defaultStatus : statuses.takeFirst();
        const QByteArray body = status < 300 ? QByteArray("ok") : QByteArray("receiver says no");
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " Status\r\nContent-Type: text/plain\r\n" +
                      "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" +
                      body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QElapsedTimer m_elapsed;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

BreakerTransition transition(const QString &service, BreakerState from, BreakerState to)
{
    BreakerTransition t;
    t.service = service;
    t.from = from;
    t.to = to;
    t.reason = QStringLiteral("3 consecutive failures");
    return t;
}

ServiceMetrics service(const QString &name, qint64 successes, qint64 failures, qint64 timeouts = 0)
{
    ServiceMetrics m;
    m.name = name;
    m.successes = successes;
    m.failures = failures;
    m.timeouts = timeouts;
    m.requests = successes + failures + timeouts;
    return m;
}

MetricsSnapshot snapshot(const Clock &clock, qint64 startedAtMs, const QList<ServiceMetrics> &services)
{
    MetricsSnapshot s;
    s.takenAtMs = clock.wallMs();
    s.startedAtMs = startedAtMs;
    s.services = services;
    return s;
}

QStringList rules(const QList<AlertRecord> &alerts)
{
    QStringList out;
    for (const AlertRecord &a : alerts)
        out << a.rule;
    return out;
}

// Only one rule on, no cooldown unless a test sets one.
AlertRulesConfig only(AlertRuleId id)
{
    AlertRulesConfig c;
    for (AlertRule &r : c.rules)
        r.enabled = false;
    c.rule(id).enabled = true;
    c.channels.desktop = false;
    return c;
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestAlerts : public QObject
{
    Q_OBJECT

private:
    // A manager delivering to `receiver` with fast retries.
    AlertRulesConfig webhookConfig(const QUrl &webhook, const QUrl &slack = {})
    {
        AlertRulesConfig c;
        c.channels.desktop = true;
        c.channels.webhookUrl = webhook;
        c.channels.slackUrl = slack;
        c.channels.retries = 3;
        c.channels.retryInitialMs = 1000;
        c.channels.timeoutMs = 5000;
        return c;
    }

private slots:
    // ---- configuration ----

    void configRoundTrip()
    {
        const AlertRulesConfig defaults;
        QCOMPARE(defaults.validate(), QString());
        QString error;
        std::optional<AlertRulesConfig> back = AlertRulesConfig::fromJson(defaults.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == defaults);

        AlertRulesConfig custom;
        custom.enabled = false;
        custom.rule(AlertRuleId::ErrorRate).thresholdPct = 12.5;
        custom.rule(AlertRuleId::ErrorRate).minRequests = 3;
        custom.rule(AlertRuleId::LatencyP95).severity = AlertSeverity::Critical;
        custom.rule(AlertRuleId::BreakerClosed).enabled = false;
        custom.rule(AlertRuleId::DatabaseDegraded).cooldownMs = 0;
        custom.channels.webhookUrl = QUrl(QStringLiteral("https://example.com/hook?x=1"));
        custom.channels.slackUrl = QUrl(QStringLiteral("https://hooks.slack.com/services/T0/B0/secret"));
        custom.channels.retries = 0;
        back = AlertRulesConfig::fromJson(custom.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == custom);

        // Only the fields present change; the rest come from the base.
        back = AlertRulesConfig::fromJson(parse(R"({"rules":{"latencyP95":{"thresholdMs":800}}})"), &error,
                                          custom);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->rule(AlertRuleId::LatencyP95).thresholdMs, 800);
        QCOMPARE(back->rule(AlertRuleId::LatencyP95).severity, AlertSeverity::Critical);
        QCOMPARE(back->channels.slackUrl, custom.channels.slackUrl);
        // An empty URL turns the channel off.
        back = AlertRulesConfig::fromJson(parse(R"({"channels":{"slackUrl":""}})"), &error, custom);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(back->channels.slackUrl.isEmpty());

        // Secrets are hidden on request.
        const QJsonObject redacted = custom.toJson(true).value(QStringLiteral("channels")).toObject();
        QCOMPARE(redacted.value(QStringLiteral("slackUrl")).toString(),
                 QStringLiteral("https://hooks.slack.com/..."));
        QVERIFY(!QJsonDocument(custom.toJson(true)).toJson().contains("secret"));
        // Thresholds appear only on the rules that use them.
        const QJsonObject rulesJson = defaults.toJson().value(QStringLiteral("rules")).toObject();
        QVERIFY(!rulesJson.value(QStringLiteral("breakerOpened"))
                     .toObject()
                     .contains(QStringLiteral("thresholdMs")));
        QCOMPARE(rulesJson.value(QStringLiteral("breakerStuckOpen"))
                     .toObject()
                     .value(QStringLiteral("thresholdMs"))
                     .toInteger(),
                 300'000);
        QCOMPARE(rulesJson.size(), kAlertRuleCount);
    }

    void configValidation_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        const auto row = [](const char *name, const char *json, const char *error) {
            QTest::addRow("%s", name) << QString::fromUtf8(json) << QString::fromUtf8(error);
        };
        row("unknown top-level", R"({"foo":1})", R"(unknown field "foo")");
        row("unknown rule", R"({"rules":{"nope":{}}})", R"(unknown rule "nope" in rules)");
        row("rule name case", R"({"rules":{"ErrorRate":{}}})", R"(unknown rule "ErrorRate")");
        row("unknown rule field", R"({"rules":{"errorRate":{"bar":1}}})",
            R"(unknown field "bar" in rules.errorRate)");
        row("threshold on a rule without one", R"({"rules":{"breakerOpened":{"thresholdMs":5}}})",
            R"(unknown field "thresholdMs" in rules.breakerOpened)");
        row("rate above 100", R"({"rules":{"errorRate":{"thresholdPct":150}}})",
            "rules.errorRate.thresholdPct must be above 0 and at most 100");
        row("rate zero", R"({"rules":{"errorRate":{"thresholdPct":0}}})",
            "rules.errorRate.thresholdPct must be above 0 and at most 100");
        row("min requests zero", R"({"rules":{"errorRate":{"minRequests":0}}})",
            "rules.errorRate.minRequests must be between 1 and 1000000");
        row("min requests fraction", R"({"rules":{"latencyP95":{"minRequests":2.5}}})",
            "rules.latencyP95.minRequests must be an integer");
        row("latency zero", R"({"rules":{"latencyP95":{"thresholdMs":0}}})",
            "rules.latencyP95.thresholdMs must be between 1 and 3600000");
        row("stuck open too short", R"({"rules":{"breakerStuckOpen":{"thresholdMs":10}}})",
            "rules.breakerStuckOpen.thresholdMs must be between 1000 and");
        row("negative cooldown", R"({"rules":{"breakerOpened":{"cooldownMs":-1}}})",
            "rules.breakerOpened.cooldownMs must be between 0 and");
        row("bad severity", R"({"rules":{"breakerOpened":{"severity":"fatal"}}})",
            "rules.breakerOpened.severity must be one of info, warning, error, critical");
        row("enabled not bool", R"({"rules":{"breakerOpened":{"enabled":"yes"}}})",
            "rules.breakerOpened.enabled must be true or false");
        row("rules not object", R"({"rules":[]})", "rules must be an object");
        row("ftp webhook", R"({"channels":{"webhookUrl":"ftp://example.com/x"}})",
            "channels.webhookUrl must be an http or https URL");
        row("slack without scheme", R"({"channels":{"slackUrl":"hooks.slack.com/services/x"}})",
            "channels.slackUrl must be an http or https URL");
        row("url not a string", R"({"channels":{"webhookUrl":5}})", "channels.webhookUrl must be a string");
        row("unknown channel field", R"({"channels":{"pager":"a@b"}})",
            R"(unknown field "pager" in channels)");
        row("email not an object", R"({"channels":{"email":"a@b"}})", "channels.email must be an object");
        row("too many retries", R"({"channels":{"retries":11}})",
            "channels.retries must be between 0 and 10");
        row("tiny timeout", R"({"channels":{"timeoutMs":5}})", "channels.timeoutMs must be between 100 and");
    }

    void configValidation()
    {
        QFETCH(QString, json);
        QFETCH(QString, error);
        QJsonParseError parseError;
        const QJsonObject o = QJsonDocument::fromJson(json.toUtf8(), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QString message;
        const std::optional<AlertRulesConfig> c = AlertRulesConfig::fromJson(o, &message);
        QVERIFY(!c);
        QVERIFY2(message.contains(error), qPrintable(message));
    }

    // ---- rules ----

    void breakerTransitions_data()
    {
        QTest::addColumn<BreakerState>("from");
        QTest::addColumn<BreakerState>("to");
        QTest::addColumn<QString>("rule");
        QTest::addRow("closed -> open")
            << BreakerState::Closed << BreakerState::Open << QStringLiteral("breakerOpened");
        QTest::addRow("disabled -> open")
            << BreakerState::Disabled << BreakerState::Open << QStringLiteral("breakerOpened");
        QTest::addRow("half-open -> open (same outage)")
            << BreakerState::HalfOpen << BreakerState::Open << QString();
        QTest::addRow("open -> half-open") << BreakerState::Open << BreakerState::HalfOpen << QString();
        QTest::addRow("half-open -> closed")
            << BreakerState::HalfOpen << BreakerState::Closed << QStringLiteral("breakerClosed");
        QTest::addRow("open -> closed (reset)")
            << BreakerState::Open << BreakerState::Closed << QStringLiteral("breakerClosed");
        QTest::addRow("closed -> forced open")
            << BreakerState::Closed << BreakerState::ForcedOpen << QString();
        QTest::addRow("forced open -> closed")
            << BreakerState::ForcedOpen << BreakerState::Closed << QString();
    }

    void breakerTransitions()
    {
        QFETCH(BreakerState, from);
        QFETCH(BreakerState, to);
        QFETCH(QString, rule);
        ManualClock clock;
        AlertEvaluator ev(clock);
        const QList<AlertRecord> alerts = ev.onTransition(transition(QStringLiteral("gemini"), from, to));
        QCOMPARE(rules(alerts), rule.isEmpty() ? QStringList() : QStringList{rule});
        if (rule.isEmpty()) return;
        const AlertRecord &a = alerts.first();
        QCOMPARE(a.service, QStringLiteral("gemini"));
        QCOMPARE(a.severity,
                 rule == QLatin1String("breakerOpened") ? QStringLiteral("error") : QStringLiteral("info"));
        QCOMPARE(a.atMs, clock.wallMs());
        QVERIFY(!a.alertId.isEmpty());
        QVERIFY2(a.message.contains(QStringLiteral("gemini")), qPrintable(a.message));
    }

    void cooldownPerRuleAndService()
    {
        ManualClock clock;
        AlertEvaluator ev(clock);
        const QString gemini = QStringLiteral("gemini");
        QCOMPARE(ev.onTransition(transition(gemini, BreakerState::Closed, BreakerState::Open)).size(), 1);
        clock.advance(30'000);
        // Another rule for the same service is not in this rule's cooldown.
        QCOMPARE(rules(ev.onTransition(transition(gemini, BreakerState::HalfOpen, BreakerState::Closed))),
                 QStringList{QStringLiteral("breakerClosed")});
        clock.advance(30'000);
        QVERIFY(ev.onTransition(transition(gemini, BreakerState::Closed, BreakerState::Open)).isEmpty());
        QCOMPARE(ev.suppressedCount(), 1);
        // Another service has its own key.
        QCOMPARE(
            ev.onTransition(transition(QStringLiteral("cohere"), BreakerState::Closed, BreakerState::Open))
                .size(),
            1);
        // After the cooldown (5 minutes since the first alert) it fires again.
        clock.advance(AlertRule::kDefaultCooldownMs - 60'001);
        QVERIFY(ev.onTransition(transition(gemini, BreakerState::Closed, BreakerState::Open)).isEmpty());
        QCOMPARE(ev.suppressedCount(), 2);
        clock.advance(1);
        QCOMPARE(ev.onTransition(transition(gemini, BreakerState::Closed, BreakerState::Open)).size(), 1);

        // Cooldown 0: every event alerts.
        AlertRulesConfig c;
        c.rule(AlertRuleId::BreakerOpened).cooldownMs = 0;
        ev.setConfig(c);
        QCOMPARE(ev.onTransition(transition(gemini, BreakerState::Closed, BreakerState::Open)).size(), 1);
        QCOMPARE(ev.onTransition(transition(gemini, BreakerState::Closed, BreakerState::Open)).size(), 1);
        QCOMPARE(ev.suppressedCount(), 2);
    }

    void disabledRulesStayQuiet()
    {
        ManualClock clock;
        AlertRulesConfig c;
        c.rule(AlertRuleId::BreakerOpened).enabled = false;
        AlertEvaluator ev(clock, c);
        QVERIFY(ev.onTransition(transition(QStringLiteral("a"), BreakerState::Closed, BreakerState::Open))
                    .isEmpty());
        c = AlertRulesConfig();
        c.enabled = false;
        ev.setConfig(c);
        QVERIFY(ev.onTransition(transition(QStringLiteral("b"), BreakerState::Closed, BreakerState::Open))
                    .isEmpty());
        QVERIFY(ev.onScenarioFinished(QStringLiteral("r"), QStringLiteral("p"), true, false, {}).isEmpty());
        StorageState degraded;
        degraded.health = StorageState::Health::Degraded;
        QVERIFY(ev.onStorageState(degraded).isEmpty());
        QCOMPARE(ev.suppressedCount(), 0);
    }

    void breakerStuckOpen()
    {
        ManualClock clock;
        AlertRulesConfig c = only(AlertRuleId::BreakerStuckOpen);
        c.rule(AlertRuleId::BreakerStuckOpen).thresholdMs = 300'000;
        AlertEvaluator ev(clock, c);
        const QString s = QStringLiteral("gemini");
        QVERIFY(ev.onTransition(transition(s, BreakerState::Closed, BreakerState::Open)).isEmpty());
        // OPEN <-> HALF_OPEN cycles are one outage: the time counts from leaving CLOSED.
        for (int i = 0; i < 7; ++i) {
            clock.advance(20'000);
            QVERIFY(ev.onTransition(transition(s, BreakerState::Open, BreakerState::HalfOpen)).isEmpty());
            clock.advance(20'000);
            QVERIFY(ev.onTransition(transition(s, BreakerState::HalfOpen, BreakerState::Open)).isEmpty());
        }
        clock.advance(299'999 - 280'000);
        QVERIFY(ev.tick().isEmpty());
        clock.advance(1);
        const QList<AlertRecord> alerts = ev.tick();
        QCOMPARE(rules(alerts), QStringList{QStringLiteral("breakerStuckOpen")});
        QCOMPARE(alerts.first().severity, QStringLiteral("critical"));
        QCOMPARE(alerts.first().service, s);
        QVERIFY2(alerts.first().message.contains(QStringLiteral("300 s")),
                 qPrintable(alerts.first().message));
        // Still open: no storm, and holding on is not counted as suppression; one reminder per cooldown.
        clock.advance(1000);
        QVERIFY(ev.tick().isEmpty());
        QCOMPARE(ev.suppressedCount(), 0);
        clock.advance(AlertRule::kDefaultCooldownMs - 1000);
        QCOMPARE(ev.tick().size(), 1);
        // Closed: the condition ends.
        QVERIFY(ev.onTransition(transition(s, BreakerState::HalfOpen, BreakerState::Closed)).isEmpty());
        clock.advance(AlertRule::kDefaultCooldownMs);
        QVERIFY(ev.tick().isEmpty());

        // A breaker already open for long when first seen in a snapshot.
        ServiceMetrics m = service(QStringLiteral("cohere"), 0, 0);
        m.breaker.state = BreakerState::Open;
        m.breaker.timeInStateMs = 400'000;
        QCOMPARE(rules(ev.onSnapshot(snapshot(clock, clock.wallMs(), {m}))),
                 QStringList{QStringLiteral("breakerStuckOpen")});
        // A forced-open breaker is an operator's choice, not an outage.
        m.name = QStringLiteral("hf");
        m.breaker.state = BreakerState::ForcedOpen;
        QVERIFY(ev.onSnapshot(snapshot(clock, clock.wallMs(), {m})).isEmpty());
    }

    void errorRate_data()
    {
        QTest::addColumn<int>("successes");
        QTest::addColumn<int>("failures");
        QTest::addColumn<int>("timeouts");
        QTest::addColumn<int>("rejected");
        QTest::addColumn<double>("thresholdPct");
        QTest::addColumn<int>("minRequests");
        QTest::addColumn<bool>("fires");
        QTest::addRow("at threshold") << 20 << 20 << 0 << 0 << 50.0 << 10 << true;
        QTest::addRow("just below threshold") << 21 << 19 << 0 << 0 << 50.0 << 10 << false;
        QTest::addRow("timeouts count") << 10 << 5 << 5 << 0 << 50.0 << 10 << true;
        QTest::addRow("below minimum count") << 0 << 9 << 0 << 0 << 50.0 << 10 << false;
        QTest::addRow("exactly minimum count") << 0 << 10 << 0 << 0 << 50.0 << 10 << true;
        QTest::addRow("rejections do not count") << 20 << 0 << 0 << 500 << 10.0 << 10 << false;
        QTest::addRow("low threshold") << 95 << 5 << 0 << 0 << 5.0 << 10 << true;
    }

    void errorRate()
    {
        QFETCH(int, successes);
        QFETCH(int, failures);
        QFETCH(int, timeouts);
        QFETCH(int, rejected);
        QFETCH(double, thresholdPct);
        QFETCH(int, minRequests);
        QFETCH(bool, fires);
        ManualClock clock;
        AlertRulesConfig c = only(AlertRuleId::ErrorRate);
        c.rule(AlertRuleId::ErrorRate).thresholdPct = thresholdPct;
        c.rule(AlertRuleId::ErrorRate).minRequests = minRequests;
        AlertEvaluator ev(clock, c);
        const qint64 started = clock.wallMs();
        clock.advance(kMinute);
        ServiceMetrics m = service(QStringLiteral("gemini"), successes, failures, timeouts);
        m.rejected = rejected;
        m.requests += rejected;
        const QList<AlertRecord> alerts = ev.onSnapshot(snapshot(clock, started, {m}));
        QCOMPARE(rules(alerts), fires ? QStringList{QStringLiteral("errorRate")} : QStringList());
        if (fires) {
            QCOMPARE(alerts.first().service, QStringLiteral("gemini"));
            QCOMPARE(alerts.first().severity, QStringLiteral("error"));
            QVERIFY2(alerts.first().message.contains(QStringLiteral("last 5 minutes")),
                     qPrintable(alerts.first().message));
        }
    }

    void errorRateCountsOnlyTheLastFiveMinutes()
    {
        ManualClock clock;
        AlertRulesConfig c = only(AlertRuleId::ErrorRate);
        c.rule(AlertRuleId::ErrorRate).cooldownMs = 0;
        AlertEvaluator ev(clock, c);
        const qint64 started = clock.wallMs();
        clock.advance(60 * kMinute);
        const QString s = QStringLiteral("gemini");
        // An hour of failures before the first look: not in the window, no alert.
        QVERIFY(ev.onSnapshot(snapshot(clock, started, {service(s, 100, 80)})).isEmpty());
        // 20 calls in the next minute, all failed.
        clock.advance(kMinute);
        QCOMPARE(rules(ev.onSnapshot(snapshot(clock, started, {service(s, 100, 100)}))),
                 QStringList{QStringLiteral("errorRate")});
        // Three minutes later, no traffic since: the failures are still in the window (cooldown 0: a
        // reminder).
        clock.advance(3 * kMinute);
        QCOMPARE(ev.onSnapshot(snapshot(clock, started, {service(s, 100, 100)})).size(), 1);
        // Six minutes after the failures they have left the window.
        clock.advance(3 * kMinute);
        QVERIFY(ev.onSnapshot(snapshot(clock, started, {service(s, 100, 100)})).isEmpty());
        // A metrics reset starts a new time line: counters since the reset are all in the window.
        const qint64 reset = clock.wallMs();
        clock.advance(kMinute);
        QCOMPARE(rules(ev.onSnapshot(snapshot(clock, reset, {service(s, 0, 12)}))),
                 QStringList{QStringLiteral("errorRate")});
    }

    void latencyP95_data()
    {
        QTest::addColumn<qint64>("count");
        QTest::addColumn<double>("p95Ms");
        QTest::addColumn<bool>("fires");
        QTest::addRow("above") << qint64(50) << 7000.0 << true;
        QTest::addRow("at threshold") << qint64(50) << 5000.0 << true;
        QTest::addRow("below") << qint64(50) << 4999.0 << false;
        QTest::addRow("too few calls") << qint64(9) << 9000.0 << false;
        QTest::addRow("minimum count") << qint64(10) << 9000.0 << true;
    }

    void latencyP95()
    {
        QFETCH(qint64, count);
        QFETCH(double, p95Ms);
        QFETCH(bool, fires);
        ManualClock clock;
        AlertRulesConfig c = only(AlertRuleId::LatencyP95);
        c.rule(AlertRuleId::LatencyP95).thresholdMs = 5000;
        c.rule(AlertRuleId::LatencyP95).minRequests = 10;
        AlertEvaluator ev(clock, c);
        ServiceMetrics m = service(QStringLiteral("cohere"), count, 0);
        m.latency5m.count = count;
        m.latency5m.p95Ms = p95Ms;
        m.latencyAll = m.latency5m;
        const QList<AlertRecord> alerts = ev.onSnapshot(snapshot(clock, clock.wallMs(), {m}));
        QCOMPARE(rules(alerts), fires ? QStringList{QStringLiteral("latencyP95")} : QStringList());
        if (fires) QCOMPARE(alerts.first().severity, QStringLiteral("warning"));
        // The all-time latency does not count, only the 5-minute window.
        m.latency5m = LatencySummary();
        clock.advance(AlertRule::kDefaultCooldownMs);
        QVERIFY(ev.onSnapshot(snapshot(clock, clock.wallMs(), {m})).isEmpty());
    }

    void scenarioRules_data()
    {
        QTest::addColumn<bool>("hypothesisFailed");
        QTest::addColumn<bool>("aborted");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("severity");
        QTest::addRow("passed") << false << false << QString() << QString();
        QTest::addRow("hypothesis failed")
            << true << false << QStringLiteral("scenarioHypothesisFailed") << QStringLiteral("error");
        QTest::addRow("aborted") << false << true << QStringLiteral("scenarioAborted")
                                 << QStringLiteral("warning");
        QTest::addRow("aborted with failed checks")
            << true << true << QStringLiteral("scenarioAborted") << QStringLiteral("warning");
    }

    void scenarioRules()
    {
        QFETCH(bool, hypothesisFailed);
        QFETCH(bool, aborted);
        QFETCH(QString, rule);
        QFETCH(QString, severity);
        ManualClock clock;
        AlertEvaluator ev(clock);
        const QList<AlertRecord> alerts =
            ev.onScenarioFinished(QStringLiteral("run-1"), QStringLiteral("breaker-drill"), hypothesisFailed,
                                  aborted, QStringLiteral("p95 too high"));
        QCOMPARE(rules(alerts), rule.isEmpty() ? QStringList() : QStringList{rule});
        if (rule.isEmpty()) return;
        QCOMPARE(alerts.first().severity, severity);
        QVERIFY(alerts.first().service.isEmpty());
        QVERIFY(alerts.first().message.contains(QStringLiteral("breaker-drill")));
        QVERIFY(alerts.first().message.contains(QStringLiteral("run-1")));
        QVERIFY(alerts.first().message.contains(QStringLiteral("p95 too high")));
        // The cooldown key is the plan: the same plan again is suppressed, another plan is not.
        QVERIFY(ev.onScenarioFinished(QStringLiteral("run-2"), QStringLiteral("breaker-drill"),
                                      hypothesisFailed, aborted, {})
                    .isEmpty());
        QCOMPARE(ev.onScenarioFinished(QStringLiteral("run-3"), QStringLiteral("validation"),
                                       hypothesisFailed, aborted, {})
                     .size(),
                 1);
    }

    void databaseDegraded()
    {
        ManualClock clock;
        AlertEvaluator ev(clock, only(AlertRuleId::DatabaseDegraded));
        StorageState state;
        state.health = StorageState::Health::Ok;
        QVERIFY(ev.onStorageState(state).isEmpty());
        state.health = StorageState::Health::Degraded;
        state.reason = QStringLiteral("database is locked");
        state.queued = 42;
        const QList<AlertRecord> alerts = ev.onStorageState(state);
        QCOMPARE(rules(alerts), QStringList{QStringLiteral("databaseDegraded")});
        QCOMPARE(alerts.first().severity, QStringLiteral("critical"));
        QVERIFY(alerts.first().message.contains(QStringLiteral("database is locked")));
        QVERIFY(alerts.first().message.contains(QStringLiteral("42")));
        // Further states while degraded: quiet until the cooldown has passed, then a reminder (on tick too).
        clock.advance(kMinute);
        QVERIFY(ev.onStorageState(state).isEmpty());
        clock.advance(AlertRule::kDefaultCooldownMs - kMinute);
        QCOMPARE(ev.tick().size(), 1);
        // Recovered, then degraded again soon: a new occurrence within the cooldown is suppressed.
        state.health = StorageState::Health::Ok;
        QVERIFY(ev.onStorageState(state).isEmpty());
        state.health = StorageState::Health::Degraded;
        clock.advance(kMinute);
        QVERIFY(ev.onStorageState(state).isEmpty());
        QCOMPARE(ev.suppressedCount(), 1);
    }

    // ---- delivery ----

    void webhookPayload()
    {
        WebhookReceiver receiver;
        ManualClock clock;
        AlertManager manager(&clock);
        QCOMPARE(manager.setConfig(webhookConfig(receiver.url())), QString());
        QSignalSpy raised(&manager, &AlertManager::alertRaised);
        QSignalSpy desktop(&manager, &AlertManager::desktopNotificationRequested);
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);

        manager.onTransition(transition(QStringLiteral("gemini"), BreakerState::Closed, BreakerState::Open));
        QCOMPARE(raised.size(), 1);
        QCOMPARE(desktop.size(), 1);
        const auto alert = raised.first().first().value<AlertRecord>();
        QVERIFY(!alert.delivered); // not yet
        QTRY_COMPARE(updated.size(), 1);

        QCOMPARE(receiver.requests.size(), 1);
        const WebhookReceiver::Request &r = receiver.requests.first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/hook"));
        QCOMPARE(r.contentType, QByteArray("application/json"));
        const QJsonObject json = r.json();
        QCOMPARE(json.value(QStringLiteral("id")).toString(), alert.alertId);
        QCOMPARE(json.value(QStringLiteral("rule")).toString(), QStringLiteral("breakerOpened"));
        QCOMPARE(json.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(json.value(QStringLiteral("service")).toString(), QStringLiteral("gemini"));
        QCOMPARE(json.value(QStringLiteral("message")).toString(), alert.message);
        QCOMPARE(json.value(QStringLiteral("atMs")).toInteger(), clock.wallMs());
        QVERIFY(json.value(QStringLiteral("time")).toString().startsWith(QStringLiteral("2023-11-14T")));
        QCOMPARE(json.value(QStringLiteral("title")).toString(), QStringLiteral("Circuit breaker opened"));
        QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("ai-resilience-monitor"));
        QCOMPARE(json.value(QStringLiteral("test")), QJsonValue(false));
        QVERIFY(!json.contains(QStringLiteral("delivered")));

        const auto stored = updated.first().first().value<AlertRecord>();
        QVERIFY(stored.delivered);
        QCOMPARE(manager.recent().size(), 1);
        QVERIFY(manager.recent().first().delivered);
        const QList<AlertDelivery> deliveries = manager.deliveries(alert.alertId);
        QCOMPARE(deliveries.size(), 1);
        QCOMPARE(deliveries.first().status, AlertDelivery::Status::Delivered);
        QCOMPARE(deliveries.first().attempts, 1);
        QCOMPARE(deliveries.first().httpStatus, 200);
        QCOMPARE(deliveries.first().channel, AlertChannel::Webhook);
        const AlertStats stats = manager.stats();
        QCOMPARE(stats.raised, 1);
        QCOMPARE(stats.sent, 1);
        QCOMPARE(stats.failed, 0);
        QCOMPARE(stats.pending, 0);
    }

    void slackColours_data()
    {
        QTest::addColumn<AlertSeverity>("severity");
        QTest::addColumn<QString>("colour");
        QTest::addRow("info") << AlertSeverity::Info << QStringLiteral("#36a64f");
        QTest::addRow("warning") << AlertSeverity::Warning << QStringLiteral("#ff9500");
        QTest::addRow("error") << AlertSeverity::Error << QStringLiteral("#ff0000");
        QTest::addRow("critical") << AlertSeverity::Critical << QStringLiteral("#8b0000");
    }

    void slackColours()
    {
        QFETCH(AlertSeverity, severity);
        QFETCH(QString, colour);
        QCOMPARE(alertSeverityColor(toString(severity)), colour);

        WebhookReceiver receiver;
        ManualClock clock;
        AlertManager manager(&clock);
        AlertRulesConfig c = webhookConfig({}, receiver.url(QStringLiteral("/services/T0/B0/x")));
        c.rule(AlertRuleId::BreakerOpened).severity = severity;
        QCOMPARE(manager.setConfig(c), QString());
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        manager.onTransition(transition(QStringLiteral("cohere"), BreakerState::Closed, BreakerState::Open));
        QTRY_COMPARE(updated.size(), 1);
        QVERIFY(updated.first().first().value<AlertRecord>().delivered);

        QCOMPARE(receiver.requests.size(), 1);
        QCOMPARE(receiver.requests.first().path, QByteArray("/services/T0/B0/x"));
        const QJsonObject json = receiver.requests.first().json();
        const QJsonArray attachments = json.value(QStringLiteral("attachments")).toArray();
        QCOMPARE(attachments.size(), 1);
        const QJsonObject a = attachments.first().toObject();
        QCOMPARE(a.value(QStringLiteral("color")).toString(), colour);
        QCOMPARE(a.value(QStringLiteral("title")).toString(),
                 QStringLiteral("[%1] Circuit breaker opened: cohere").arg(toString(severity).toUpper()));
        QVERIFY(a.value(QStringLiteral("text")).toString().contains(QStringLiteral("cohere")));
        QCOMPARE(a.value(QStringLiteral("ts")).toInteger(), clock.wallMs() / 1000);
        QHash<QString, QString> fields;
        for (const QJsonValue &f : a.value(QStringLiteral("fields")).toArray())
            fields.insert(f.toObject().value(QStringLiteral("title")).toString(),
                          f.toObject().value(QStringLiteral("value")).toString());
        QCOMPARE(fields.value(QStringLiteral("Service")), QStringLiteral("cohere"));
        QCOMPARE(fields.value(QStringLiteral("Severity")), toString(severity));
        QCOMPARE(fields.value(QStringLiteral("Rule")), QStringLiteral("breakerOpened"));
    }

    void cooldownAcrossTheManager()
    {
        WebhookReceiver receiver;
        ManualClock clock;
        AlertManager manager(&clock);
        AlertRulesConfig c = webhookConfig(receiver.url());
        c.rule(AlertRuleId::BreakerStuckOpen).enabled = false; // the breaker never closes in this test
        QCOMPARE(manager.setConfig(c), QString());
        QSignalSpy raised(&manager, &AlertManager::alertRaised);
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        const BreakerTransition open =
            transition(QStringLiteral("gemini"), BreakerState::Closed, BreakerState::Open);
        manager.onTransition(open);
        clock.advance(AlertRule::kDefaultCooldownMs - 1);
        manager.onTransition(open);
        QCOMPARE(raised.size(), 1);
        QCOMPARE(manager.stats().suppressed, 1);
        clock.advance(1);
        manager.onTransition(open);
        QCOMPARE(raised.size(), 2);
        QTRY_COMPARE(updated.size(), 2);
        QCOMPARE(receiver.requests.size(), 2);
        QCOMPARE(manager.stats().sent, 2);
        QCOMPARE(manager.recent().size(), 2);
        // Newest first.
        QCOMPARE(manager.recent().first().alertId, raised.last().first().value<AlertRecord>().alertId);
    }

    void retriesWithBackoffThenSuccess()
    {
        WebhookReceiver receiver;
        receiver.statuses = {500, 503, 200};
        ManualClock clock;
        AlertManager manager(&clock);
        manager.setBackoffScale(0.02); // 1 s, 2 s -> 20 ms, 40 ms
        QCOMPARE(manager.setConfig(webhookConfig(receiver.url())), QString());
        QSignalSpy changed(&manager, &AlertManager::deliveryChanged);
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        manager.onScenarioFinished(QStringLiteral("run-9"), QStringLiteral("validation"), true, false, {});
        QTRY_COMPARE(updated.size(), 1);
        QVERIFY(updated.first().first().value<AlertRecord>().delivered);

        QCOMPARE(receiver.requests.size(), 3);
        // Exponential waits between attempts (timers may fire a little early: a margin).
        const qint64 gap1 = receiver.requests[1].atMs - receiver.requests[0].atMs;
        const qint64 gap2 = receiver.requests[2].atMs - receiver.requests[1].atMs;
        QVERIFY2(gap1 >= 15, qPrintable(QString::number(gap1)));
        QVERIFY2(gap2 >= 35, qPrintable(QString::number(gap2)));
        // Every request carried the same alert.
        QCOMPARE(receiver.requests[0].body, receiver.requests[2].body);

        // The failed attempts were visible while they waited for their retry.
        bool sawRetryWait = false;
        for (const QList<QVariant> &args : changed) {
            const auto d = args.first().value<AlertDelivery>();
            if (d.status == AlertDelivery::Status::Pending && d.nextAttemptMs > 0) {
                sawRetryWait = true;
                QVERIFY2(d.lastError.startsWith(QStringLiteral("HTTP 50")), qPrintable(d.lastError));
            }
        }
        QVERIFY(sawRetryWait);
        const auto last = changed.last().first().value<AlertDelivery>();
        QCOMPARE(last.status, AlertDelivery::Status::Delivered);
        QCOMPARE(last.attempts, 3);
        QVERIFY(last.lastError.isEmpty());
        const AlertStats stats = manager.stats();
        QCOMPARE(stats.sent, 1);
        QCOMPARE(stats.retried, 2);
        QCOMPARE(stats.failed, 0);
    }

    void finalFailureIsVisible()
    {
        WebhookReceiver receiver;
        receiver.defaultStatus = 500;
        ManualClock clock;
        AlertManager manager(&clock);
        manager.setBackoffScale(0.001);
        AlertRulesConfig c = webhookConfig(receiver.url());
        c.channels.retries = 2;
        QCOMPARE(manager.setConfig(c), QString());
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        manager.onScenarioFinished(QStringLiteral("run-1"), QStringLiteral("drill"), false, true, {});
        QTRY_COMPARE(updated.size(), 1);
        const auto alert = updated.first().first().value<AlertRecord>();
        QVERIFY(!alert.delivered);
        QCOMPARE(receiver.requests.size(), 3); // 1 + 2 retries
        const QList<AlertDelivery> d = manager.deliveries(alert.alertId);
        QCOMPARE(d.size(), 1);
        QCOMPARE(d.first().status, AlertDelivery::Status::Failed);
        QCOMPARE(d.first().attempts, 3);
        QCOMPARE(d.first().httpStatus, 500);
        QVERIFY2(d.first().lastError.contains(QStringLiteral("HTTP 500")), qPrintable(d.first().lastError));
        QVERIFY2(d.first().lastError.contains(QStringLiteral("receiver says no")),
                 qPrintable(d.first().lastError));
        QCOMPARE(d.first().toJson().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QVERIFY(!manager.recent().first().delivered);
        const AlertStats stats = manager.stats();
        QCOMPARE(stats.failed, 1);
        QCOMPARE(stats.sent, 0);
        QCOMPARE(stats.pending, 0); // nothing left to retry
    }

    void permanentErrorFailsAtOnce()
    {
        WebhookReceiver receiver;
        receiver.defaultStatus = 404;
        ManualClock clock;
        AlertManager manager(&clock);
        manager.setBackoffScale(0.001);
        QCOMPARE(manager.setConfig(webhookConfig(receiver.url())), QString());
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        manager.onTransition(transition(QStringLiteral("x"), BreakerState::Closed, BreakerState::Open));
        QTRY_COMPARE(updated.size(), 1);
        QCOMPARE(receiver.requests.size(), 1);
        QCOMPARE(manager.stats().failed, 1);
        QCOMPARE(manager.stats().retried, 0);
    }

    void unreachableEndpointFails()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        ManualClock clock;
        AlertManager manager(&clock);
        manager.setBackoffScale(0.001);
        AlertRulesConfig c = webhookConfig(QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(closedPort)));
        c.channels.retries = 1;
        QCOMPARE(manager.setConfig(c), QString());
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        manager.onTransition(transition(QStringLiteral("x"), BreakerState::Closed, BreakerState::Open));
        QTRY_COMPARE(updated.size(), 1);
        const QList<AlertDelivery> d =
            manager.deliveries(updated.first().first().value<AlertRecord>().alertId);
        QCOMPARE(d.first().status, AlertDelivery::Status::Failed);
        QCOMPARE(d.first().attempts, 2);
        QCOMPARE(d.first().httpStatus, 0);
        QVERIFY(!d.first().lastError.isEmpty());
    }

    void bothWebhooksMustDeliver()
    {
        WebhookReceiver good, bad;
        bad.defaultStatus = 400;
        ManualClock clock;
        AlertManager manager(&clock);
        QCOMPARE(manager.setConfig(webhookConfig(good.url(), bad.url())), QString());
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        manager.onTransition(transition(QStringLiteral("x"), BreakerState::Closed, BreakerState::Open));
        QTRY_COMPARE(updated.size(), 1);
        QVERIFY(!updated.first().first().value<AlertRecord>().delivered);
        const QList<AlertDelivery> d =
            manager.deliveries(updated.first().first().value<AlertRecord>().alertId);
        QCOMPARE(d.size(), 2);
        QCOMPARE(manager.stats().sent, 1);
        QCOMPARE(manager.stats().failed, 1);
    }

    void desktopOnlyAndOff()
    {
        ManualClock clock;
        AlertManager manager(&clock);
        QSignalSpy raised(&manager, &AlertManager::alertRaised);
        QSignalSpy desktop(&manager, &AlertManager::desktopNotificationRequested);
        AlertRulesConfig c;
        c.rule(AlertRuleId::BreakerOpened).cooldownMs = 0;
        QCOMPARE(manager.setConfig(c), QString()); // desktop only
        manager.onTransition(transition(QStringLiteral("x"), BreakerState::Closed, BreakerState::Open));
        QCOMPARE(raised.size(), 1);
        QCOMPARE(desktop.size(), 1);
        QVERIFY(raised.last().first().value<AlertRecord>().delivered);
        c.channels.desktop = false;
        QCOMPARE(manager.setConfig(c), QString());
        manager.onTransition(transition(QStringLiteral("x"), BreakerState::Closed, BreakerState::Open));
        QCOMPARE(raised.size(), 2);
        QCOMPARE(desktop.size(), 1);
        QVERIFY(!raised.last().first().value<AlertRecord>().delivered);
        // An invalid config is refused and the old one stays.
        c.rule(AlertRuleId::ErrorRate).thresholdPct = 0;
        QVERIFY(manager.setConfig(c).contains(QStringLiteral("thresholdPct")));
        QCOMPARE(manager.config().rule(AlertRuleId::ErrorRate).thresholdPct, 50.0);
    }

    void recentIsBounded()
    {
        ManualClock clock;
        AlertManager manager(&clock);
        AlertRulesConfig c;
        c.rule(AlertRuleId::ScenarioAborted).cooldownMs = 0;
        QCOMPARE(manager.setConfig(c), QString());
        for (int i = 0; i < AlertManager::kRecentLimit + 25; ++i)
            manager.onScenarioFinished(QString::number(i), QStringLiteral("p"), false, true, {});
        const QList<AlertRecord> recent = manager.recent();
        QCOMPARE(recent.size(), AlertManager::kRecentLimit);
        QVERIFY(
            recent.first().message.contains(QStringLiteral("run %1").arg(AlertManager::kRecentLimit + 24)));
        QCOMPARE(manager.stats().raised, AlertManager::kRecentLimit + 25);
    }

    void testChannels()
    {
        WebhookReceiver receiver;
        ManualClock clock;
        AlertManager manager(&clock);
        manager.setBackoffScale(0.001);
        QSignalSpy changed(&manager, &AlertManager::deliveryChanged);
        QSignalSpy desktop(&manager, &AlertManager::desktopNotificationRequested);
        QString error;
        QVERIFY(manager.test(AlertChannel::Webhook, {}, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("no URL")), qPrintable(error));
        QVERIFY(
            manager.test(AlertChannel::Slack, QUrl(QStringLiteral("file:///etc/passwd")), &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("http or https")), qPrintable(error));

        const QString id = manager.test(AlertChannel::Webhook, receiver.url(), &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        QTRY_COMPARE(manager.stats().sent, 1);
        const QJsonObject json = receiver.requests.first().json();
        QCOMPARE(json.value(QStringLiteral("test")), QJsonValue(true));
        QCOMPARE(json.value(QStringLiteral("rule")).toString(), QStringLiteral("test"));
        QCOMPARE(json.value(QStringLiteral("severity")).toString(), QStringLiteral("info"));
        QCOMPARE(manager.deliveries(id).first().status, AlertDelivery::Status::Delivered);
        QVERIFY(manager.deliveries(id).first().test);

        // The configured Slack URL, when none is given.
        AlertRulesConfig c;
        c.channels.slackUrl = receiver.url(QStringLiteral("/slack"));
        QCOMPARE(manager.setConfig(c), QString());
        QVERIFY(!manager.test(AlertChannel::Slack, {}, &error).isEmpty());
        QTRY_COMPARE(manager.stats().sent, 2);
        QCOMPARE(receiver.requests.last().path, QByteArray("/slack"));
        QVERIFY(receiver.requests.last()
                    .json()
                    .value(QStringLiteral("attachments"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("title"))
                    .toString()
                    .startsWith(QStringLiteral("[TEST]")));

        QVERIFY(!manager.test(AlertChannel::Desktop).isEmpty());
        QCOMPARE(desktop.size(), 1);
        // Tests are neither raised alerts nor recent ones.
        QCOMPARE(manager.stats().raised, 0);
        QVERIFY(manager.recent().isEmpty());
        QVERIFY(changed.size() >= 5);
    }

    void emailConfigRoundTripKeepsThePasswordOut()
    {
        AlertRulesConfig c;
        c.channels.email.host = QStringLiteral("smtp.example.com");
        c.channels.email.port = 465;
        c.channels.email.security = SmtpSettings::Security::Tls;
        c.channels.email.username = QStringLiteral("monitor");
        c.channels.email.password = QStringLiteral("hunter2");
        c.channels.email.from = QStringLiteral("monitor@example.com");
        c.channels.email.to = {QStringLiteral("oncall@example.com"), QStringLiteral("lead@example.com")};
        QCOMPARE(c.validate(), QString());
        const QJsonObject json = c.toJson();
        QVERIFY(!QJsonDocument(json).toJson().contains("hunter2"));
        const QJsonObject email =
            json.value(QStringLiteral("channels")).toObject().value(QStringLiteral("email")).toObject();
        QCOMPARE(email.value(QStringLiteral("passwordSet")), QJsonValue(true));
        QCOMPARE(email.value(QStringLiteral("security")).toString(), QStringLiteral("tls"));
        // Read back over the running config (as the API and Settings do), the password stays.
        QString error;
        std::optional<AlertRulesConfig> back = AlertRulesConfig::fromJson(json, &error, c);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == c);
        // A comma-separated "to" is accepted; a header injection and a clear-text password are not.
        back = AlertRulesConfig::fromJson(
            parse(R"({"channels":{"email":{"to":"a@example.com, b@example.com"}}})"), &error, c);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->channels.email.to,
                 (QStringList{QStringLiteral("a@example.com"), QStringLiteral("b@example.com")}));
        QVERIFY(
            !AlertRulesConfig::fromJson(parse(R"({"channels":{"email":{"security":"none"}}})"), &error, c));
        QVERIFY2(error.startsWith(QStringLiteral("channels.email: refusing to send the SMTP password")),
                 qPrintable(error));
        QVERIFY(
            !AlertRulesConfig::fromJson(parse(R"({"channels":{"email":{"security":"ssl"}}})"), &error, c));
        QCOMPARE(error, QStringLiteral("channels.email.security must be starttls, tls or none"));
        QVERIFY(!AlertRulesConfig::fromJson(parse(R"({"channels":{"email":{"nope":1}}})"), &error, c));
        QVERIFY2(error.contains(QStringLiteral("unknown field \"nope\"")), qPrintable(error));
        // null turns the channel off.
        back = AlertRulesConfig::fromJson(parse(R"({"channels":{"email":null}})"), &error, c);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(!back->channels.email.isEnabled());
    }

    // An alert by e-mail through a local relay: a greylisting 451 is retried with backoff, the message
    // carries the alert, the password comes from AIRM_SMTP_PASSWORD; a 550 fails at once and visibly.
    void emailDeliveryRetriesAndFails()
    {
        test::MockSmtpServer relay;
        relay.setCredentials(QStringLiteral("monitor"), QStringLiteral("from-the-environment"));
        relay.failNext("MAIL", "451 4.7.1 greylisted, try again");
        ManualClock clock;
        AlertManager manager(&clock);
        manager.setBackoffScale(0.02);
        AlertRulesConfig c = webhookConfig({});
        c.channels.email.host = QStringLiteral("127.0.0.1");
        c.channels.email.port = relay.listenOnLoopback();
        c.channels.email.security =
            SmtpSettings::Security::None; // loopback: a clear-text password is allowed
        c.channels.email.username = QStringLiteral("monitor");
        c.channels.email.from = QStringLiteral("monitor@example.com");
        c.channels.email.to = {QStringLiteral("oncall@example.com")};
        QCOMPARE(manager.setConfig(c), QString());
        qputenv("AIRM_SMTP_PASSWORD", "from-the-environment");
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        manager.onTransition(transition(QStringLiteral("gemini"), BreakerState::Closed, BreakerState::Open));
        QTRY_COMPARE(updated.size(), 1);
        const AlertRecord alert = updated.first().first().value<AlertRecord>();
        QVERIFY(alert.delivered);
        QCOMPARE(relay.messages().size(), 1);
        const test::MockSmtpServer::Message m = relay.messages().first();
        QCOMPARE(m.rcptTo, QStringList{QStringLiteral("oncall@example.com")});
        QCOMPARE(m.authPassword, QStringLiteral("from-the-environment"));
        QVERIFY2(m.data.contains("Subject: [ERROR] Circuit breaker opened: gemini\r\n"), m.data.constData());
        const qsizetype bodyStart = m.data.indexOf("\r\n\r\n") + 4;
        const QString body =
            QString::fromUtf8(QByteArray::fromBase64(m.data.mid(bodyStart).replace("\r\n", "")));
        QVERIFY2(body.startsWith(alert.message), qPrintable(body));
        QVERIFY(body.contains(QStringLiteral("Alert: ") + alert.alertId));
        const QList<AlertDelivery> deliveries = manager.deliveries(alert.alertId);
        QCOMPARE(deliveries.size(), 1);
        QCOMPARE(deliveries.first().channel, AlertChannel::Email);
        QCOMPARE(deliveries.first().attempts, 2);
        QCOMPARE(manager.stats().retried, 1);

        // A refused recipient is final: one attempt, the server's words in lastError.
        relay.failNext("RCPT", "550 5.1.1 no such mailbox");
        manager.onTransition(transition(QStringLiteral("cohere"), BreakerState::Closed, BreakerState::Open));
        QTRY_COMPARE(updated.size(), 2);
        const AlertRecord failed = updated.last().first().value<AlertRecord>();
        QVERIFY(!failed.delivered);
        const AlertDelivery d = manager.deliveries(failed.alertId).first();
        QCOMPARE(d.status, AlertDelivery::Status::Failed);
        QCOMPARE(d.attempts, 1);
        QVERIFY2(d.lastError.contains(QStringLiteral("550 5.1.1 no such mailbox")), qPrintable(d.lastError));
        QCOMPARE(manager.stats().failed, 1);

        // The e-mail test channel.
        QString error;
        const QString testId = manager.test(AlertChannel::Email, {}, &error);
        QVERIFY2(!testId.isEmpty(), qPrintable(error));
        QTRY_COMPARE(relay.messages().size(), 2);
        QVERIFY(relay.messages().last().data.contains("Subject: [TEST] [INFO] "));
        manager.setConfig(webhookConfig({}));
        QVERIFY(manager.test(AlertChannel::Email, {}, &error).isEmpty());
        QCOMPARE(error, QStringLiteral("email: no SMTP host configured"));
        qunsetenv("AIRM_SMTP_PASSWORD");
    }

    void storedInTheDatabase()
    {
        testenv::TestDatabase db(testenv::Backend::Sqlite);
        StorageConfig sc;
        sc.flushIntervalMs = 20;
        sc.cleanupIntervalMs = 0;
        sc.journalPath = db.dirPath(QStringLiteral("journal.jsonl"));
        StorageWriter writer(db.db(), sc);
        writer.start();

        WebhookReceiver receiver;
        receiver.statuses = {200, 400};
        ManualClock clock;
        AlertManager manager(&clock);
        manager.setStorage(&writer);
        QCOMPARE(manager.setConfig(webhookConfig(receiver.url())), QString());
        QSignalSpy updated(&manager, &AlertManager::alertUpdated);
        QSignalSpy raised(&manager, &AlertManager::alertRaised);

        manager.onScenarioFinished(QStringLiteral("run-1"), QStringLiteral("validation"), true, false,
                                   QStringLiteral("success rate below 90 %"));
        QTRY_COMPARE(updated.size(), 1);
        clock.advance(1000);
        manager.onTransition(transition(QStringLiteral("gemini"), BreakerState::Closed, BreakerState::Open));
        QTRY_COMPARE(updated.size(), 2);
        // No webhook: stored once, at once.
        AlertRulesConfig desktopOnly;
        QCOMPARE(manager.setConfig(desktopOnly), QString());
        clock.advance(1000);
        StorageState degraded;
        degraded.health = StorageState::Health::Degraded;
        degraded.reason = QStringLiteral("disk full");
        manager.onStorageState(degraded);
        QCOMPARE(raised.size(), 3);
        QVERIFY(writer.flush(10'000));

        HistoryStore store(db.db());
        QString error;
        const QList<AlertRecord> rows = store.alerts(0, 0, 10, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(rows.size(), 3); // upserted: one row per alert although two were stored twice
        QCOMPARE(db.count(QStringLiteral("alerts")), 3);
        QHash<QString, AlertRecord> byRule;
        for (const AlertRecord &a : rows)
            byRule.insert(a.rule, a);
        const AlertRecord scenario = byRule.value(QStringLiteral("scenarioHypothesisFailed"));
        const auto firstRaised = raised.first().first().value<AlertRecord>();
        QCOMPARE(scenario.alertId, firstRaised.alertId);
        QCOMPARE(scenario.atMs, firstRaised.atMs);
        QCOMPARE(scenario.severity, QStringLiteral("error"));
        QCOMPARE(scenario.message, firstRaised.message);
        QVERIFY(scenario.service.isEmpty());
        QVERIFY(scenario.delivered);
        const AlertRecord breaker = byRule.value(QStringLiteral("breakerOpened"));
        QCOMPARE(breaker.service, QStringLiteral("gemini"));
        QVERIFY(!breaker.delivered); // the webhook answered 400
        const AlertRecord database = byRule.value(QStringLiteral("databaseDegraded"));
        QCOMPARE(database.severity, QStringLiteral("critical"));
        QVERIFY(database.delivered); // desktop only
        writer.stop();
    }
};

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
