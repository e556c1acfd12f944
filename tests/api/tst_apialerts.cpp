// The alert endpoints over a real AlertManager on the test thread (as the app runs it on its main thread):
// alerts the manager raises are listed newest first with their deliveries and the counters, filtered by
// severity and cut by limit; the configuration is read redacted and changed by partial updates, bad updates
// are 400 with the field named and change nothing; a webhook URL set through the API never comes back in any
// GET answer, and a redacted document sent back keeps the real URLs; a test alert reaches a loopback webhook
// receiver; wrong methods are 405; and without a manager every route answers 503.
#include "apitestrig.h"

#include "alerts/alertmanager.h"

#include <QHash>
#include <QTcpServer>

using namespace airm;
using namespace airm::test;

namespace {

// A loopback HTTP server that records each POST it gets and answers it with `status`.
class WebhookReceiver : public QObject
{
public:
    struct Received
    {
        QByteArray path;
        QByteArray body;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };

    WebhookReceiver()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, &WebhookReceiver::accept);
    }

    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    quint16 port() const { return m_server.serverPort(); }

    QList<Received> received;
    int status = 200;

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    }

    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const QByteArray head = buffer.left(end);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n'))
            if (line.toLower().startsWith("content-length:")) length = line.mid(15).trimmed().toLongLong();
        if (buffer.size() < end + 4 + length) return;
        received.append({head.split(' ').value(1), buffer.mid(end + 4, length)});
        buffer.clear();
        socket->write("HTTP/1.1 " + QByteArray::number(status) +
                      " Answer\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QList<ServiceConfig> services()
{
    return {simulatedService(QStringLiteral("gemini"))};
}

BreakerTransition transition(const QString &service, BreakerState from, BreakerState to)
{
    BreakerTransition t;
    t.atMs = QDateTime::currentMSecsSinceEpoch();
    t.service = service;
    t.from = from;
    t.to = to;
    t.reason = QStringLiteral("test");
    return t;
}

QString errorOf(const HttpResult &r)
{
    return r.json().value(QLatin1String("error")).toString();
}

HttpResult put(ApiRig &rig, const QString &path, const QByteArray &body)
{
    return rig.request("PUT", path, body);
}

HttpResult put(ApiRig &rig, const QString &path, const QJsonObject &body)
{
    return put(rig, path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const QString kAlerts = QStringLiteral("/api/v1/alerts");
const QString kConfig = QStringLiteral("/api/v1/alerts/config");
const QString kTest = QStringLiteral("/api/v1/alerts/test");

} // namespace

class TestApiAlerts : public QObject
{
    Q_OBJECT
private slots:
    void withoutAManagerEveryRouteIs503_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("list") << QByteArray("GET") << kAlerts << QByteArray();
        QTest::addRow("config") << QByteArray("GET") << kConfig << QByteArray();
        QTest::addRow("put config") << QByteArray("PUT") << kConfig << QByteArray("{\"enabled\":false}");
        QTest::addRow("test") << QByteArray("POST") << kTest << QByteArray("{\"channel\":\"desktop\"}");
    }
    void withoutAManagerEveryRouteIs503()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        ApiRig rig(services());
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        const HttpResult r = rig.request(method, path, body);
        QCOMPARE(r.status, 503);
        QCOMPARE(errorOf(r), QStringLiteral("alerts are not enabled"));
        QCOMPARE(r.json().value(QLatin1String("success")), QJsonValue(false));
    }

    void raisedAlertsAreListedNewestFirst()
    {
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));

        HttpResult r = rig.get(kAlerts);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("count")).toInt(), 0);
        QVERIFY(r.json().value(QLatin1String("alerts")).toArray().isEmpty());

        QSignalSpy raised(&alerts, &AlertManager::alertRaised);
        alerts.onTransition(transition(QStringLiteral("gemini"), BreakerState::Closed, BreakerState::Open));
        alerts.onTransition(transition(QStringLiteral("cohere"), BreakerState::Open, BreakerState::Closed));
        QCOMPARE(raised.count(), 2);
        const QString openedId = raised.at(0).at(0).value<AlertRecord>().alertId;

        r = rig.get(kAlerts);
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("count")).toInt(), 2);
        const QJsonArray list = o.value(QLatin1String("alerts")).toArray();
        QCOMPARE(list.size(), 2);
        const QJsonObject newest = list.at(0).toObject();
        const QJsonObject opened = list.at(1).toObject();
        QCOMPARE(newest.value(QLatin1String("rule")).toString(), QStringLiteral("breakerClosed"));
        QCOMPARE(newest.value(QLatin1String("severity")).toString(), QStringLiteral("info"));
        QCOMPARE(opened.value(QLatin1String("id")).toString(), openedId);
        QCOMPARE(opened.value(QLatin1String("rule")).toString(), QStringLiteral("breakerOpened"));
        QCOMPARE(opened.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(opened.value(QLatin1String("service")).toString(), QStringLiteral("gemini"));
        QVERIFY(opened.value(QLatin1String("message")).toString().contains(QLatin1String("opened")));
        QCOMPARE(opened.value(QLatin1String("delivered")).toBool(), true); // desktop only, no webhook
        QVERIFY(opened.value(QLatin1String("deliveries")).isArray());
        QVERIFY(opened.value(QLatin1String("deliveries")).toArray().isEmpty());
        const QJsonObject stats = o.value(QLatin1String("stats")).toObject();
        QCOMPARE(stats.value(QLatin1String("raised")).toInt(), 2);
        QCOMPARE(stats.value(QLatin1String("pending")).toInt(), 0);

        // Filter, then cut.
        const QJsonArray errors = rig.get(kAlerts + QStringLiteral("?severity=error"))
                                      .json()
                                      .value(QLatin1String("alerts"))
                                      .toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).toObject().value(QLatin1String("id")).toString(), openedId);
        QCOMPARE(rig.get(kAlerts + QStringLiteral("?severity=ERROR")).json().value(QLatin1String("count")),
                 QJsonValue(1));
        QCOMPARE(rig.get(kAlerts + QStringLiteral("?severity=critical")).json().value(QLatin1String("count")),
                 QJsonValue(0));
        const QJsonArray one =
            rig.get(kAlerts + QStringLiteral("?limit=1")).json().value(QLatin1String("alerts")).toArray();
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.at(0).toObject().value(QLatin1String("rule")).toString(),
                 QStringLiteral("breakerClosed"));
        QCOMPARE(rig.get(kAlerts + QStringLiteral("?limit=200&severity=info"))
                     .json()
                     .value(QLatin1String("count")),
                 QJsonValue(1));
    }

    void badQueriesAre400_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::addRow("limit 0") << QStringLiteral("limit=0") << QStringLiteral("limit");
        QTest::addRow("limit 201") << QStringLiteral("limit=201") << QStringLiteral("limit");
        QTest::addRow("limit negative") << QStringLiteral("limit=-1") << QStringLiteral("limit");
        QTest::addRow("limit text") << QStringLiteral("limit=ten") << QStringLiteral("limit");
        QTest::addRow("limit fraction") << QStringLiteral("limit=1.5") << QStringLiteral("limit");
        QTest::addRow("limit empty") << QStringLiteral("limit=") << QStringLiteral("limit");
        QTest::addRow("severity unknown") << QStringLiteral("severity=fatal") << QStringLiteral("severity");
        QTest::addRow("severity empty") << QStringLiteral("severity=") << QStringLiteral("severity");
    }
    void badQueriesAre400()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        const HttpResult r = rig.get(kAlerts + QLatin1Char('?') + query);
        QCOMPARE(r.status, 400);
        QVERIFY2(errorOf(r).startsWith(field + QLatin1String(" must be")), r.body.constData());
    }

    void configIsReadAndUpdatedPartially()
    {
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));

        HttpResult r = rig.get(kConfig);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), alerts.config().toJson(true));

        r = put(rig, kConfig,
                QJsonObject{{QStringLiteral("rules"),
                             QJsonObject{{QStringLiteral("errorRate"),
                                          QJsonObject{{QStringLiteral("thresholdPct"), 25}}}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), alerts.config().toJson(true));
        QCOMPARE(alerts.config().rule(AlertRuleId::ErrorRate).thresholdPct, 25.0);
        QCOMPARE(alerts.config().rule(AlertRuleId::ErrorRate).minRequests, 10); // untouched
        QCOMPARE(alerts.config().rule(AlertRuleId::LatencyP95),
                 AlertRulesConfig().rule(AlertRuleId::LatencyP95));

        // The next update applies over the current configuration, not the defaults.
        r = put(rig, kConfig, QJsonObject{{QStringLiteral("enabled"), false}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("enabled")).toBool(), false);
        QCOMPARE(alerts.config().enabled, false);
        QCOMPARE(alerts.config().rule(AlertRuleId::ErrorRate).thresholdPct, 25.0);
        QCOMPARE(rig.get(kConfig).json(), alerts.config().toJson(true));

        // An empty object changes nothing.
        const AlertRulesConfig before = alerts.config();
        QCOMPARE(put(rig, kConfig, QJsonObject{}).status, 200);
        QCOMPARE(alerts.config(), before);
    }

    void badConfigUpdatesAre400_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addRow("malformed JSON") << QByteArray("{\"rules\":") << QStringLiteral("invalid JSON body");
        QTest::addRow("not an object")
            << QByteArray("[1]") << QStringLiteral("the body must be a JSON object");
        QTest::addRow("empty body") << QByteArray() << QStringLiteral("a JSON object body is required");
        QTest::addRow("unknown field")
            << QByteArray("{\"mute\":true}") << QStringLiteral("unknown field \"mute\"");
        QTest::addRow("unknown rule") << QByteArray("{\"rules\":{\"diskFull\":{\"enabled\":true}}}")
                                      << QStringLiteral("unknown rule \"diskFull\"");
        QTest::addRow("wrong type") << QByteArray("{\"enabled\":\"yes\"}")
                                    << QStringLiteral("enabled must be");
        QTest::addRow("threshold above 100")
            << QByteArray("{\"rules\":{\"errorRate\":{\"thresholdPct\":150}}}")
            << QStringLiteral("rules.errorRate.thresholdPct must be above 0 and at most 100");
        QTest::addRow("threshold 0") << QByteArray("{\"rules\":{\"latencyP95\":{\"thresholdMs\":0}}}")
                                     << QStringLiteral("rules.latencyP95.thresholdMs must be between");
        QTest::addRow("threshold the rule lacks")
            << QByteArray("{\"rules\":{\"breakerOpened\":{\"thresholdPct\":5}}}")
            << QStringLiteral("unknown field \"thresholdPct\" in rules.breakerOpened");
        QTest::addRow("bad severity") << QByteArray("{\"rules\":{\"breakerOpened\":{\"severity\":\"loud\"}}}")
                                      << QStringLiteral("rules.breakerOpened.severity must be one of");
        QTest::addRow("retries out of range") << QByteArray("{\"channels\":{\"retries\":99}}")
                                              << QStringLiteral("channels.retries must be between");
        QTest::addRow("non-http URL")
            << QByteArray("{\"channels\":{\"webhookUrl\":\"ftp://example.com/hook\"}}")
            << QStringLiteral("channels.webhookUrl must be an http or https URL");
        QTest::addRow("file URL") << QByteArray("{\"channels\":{\"slackUrl\":\"file:///etc/passwd\"}}")
                                  << QStringLiteral("channels.slackUrl must be an http or https URL");
        QTest::addRow("redacted URL")
            << QByteArray("{\"channels\":{\"slackUrl\":\"https://hooks.slack.com/...\"}}")
            << QStringLiteral("channels.slackUrl is a redacted URL");
    }
    void badConfigUpdatesAre400()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        const AlertRulesConfig before = alerts.config();
        const HttpResult r = put(rig, kConfig, body);
        QCOMPARE(r.status, 400);
        QVERIFY2(errorOf(r).startsWith(message), r.body.constData());
        QCOMPARE(alerts.config(), before);
    }

    void webhookUrlsNeverComeBack()
    {
        WebhookReceiver receiver;
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));

        const QString slack = receiver.url(QStringLiteral("/services/T0SECRET/B0SECRET/xoxSECRETTOKEN"));
        const QString webhook = receiver.url(QStringLiteral("/hook/SECRET3?token=SECRET4"));
        HttpResult r = put(
            rig, kConfig,
            QJsonObject{{QStringLiteral("channels"), QJsonObject{{QStringLiteral("slackUrl"), slack},
                                                                 {QStringLiteral("webhookUrl"), webhook}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(alerts.config().channels.slackUrl, QUrl(slack));
        QCOMPARE(alerts.config().channels.webhookUrl, QUrl(webhook));
        QVERIFY2(!r.body.contains("SECRET"), r.body.constData());
        const QString redacted = QStringLiteral("http://127.0.0.1:%1/...").arg(receiver.port());
        const QJsonObject channels = r.json().value(QLatin1String("channels")).toObject();
        QCOMPARE(channels.value(QLatin1String("slackUrl")).toString(), redacted);
        QCOMPARE(channels.value(QLatin1String("webhookUrl")).toString(), redacted);

        // A client that reads the configuration, changes a rule and sends the whole document back keeps the
        // URLs.
        QJsonObject document = rig.get(kConfig).json();
        QVERIFY(!compact(document).contains("SECRET"));
        QJsonObject rules = document.value(QLatin1String("rules")).toObject();
        QJsonObject opened = rules.value(QLatin1String("breakerOpened")).toObject();
        opened.insert(QStringLiteral("severity"), QStringLiteral("critical"));
        rules.insert(QStringLiteral("breakerOpened"), opened);
        document.insert(QStringLiteral("rules"), rules);
        r = put(rig, kConfig, document);
        QCOMPARE(r.status, 200);
        QCOMPARE(alerts.config().rule(AlertRuleId::BreakerOpened).severity, AlertSeverity::Critical);
        QCOMPARE(alerts.config().channels.slackUrl, QUrl(slack));
        QCOMPARE(alerts.config().channels.webhookUrl, QUrl(webhook));

        // A redaction of some other URL is refused rather than stored.
        const AlertRulesConfig before = alerts.config();
        r = put(rig, kConfig,
                QJsonObject{
                    {QStringLiteral("channels"),
                     QJsonObject{{QStringLiteral("slackUrl"), QStringLiteral("https://example.com/...")}}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(alerts.config(), before);

        // An alert goes to both URLs; its deliveries are listed without them.
        alerts.onTransition(transition(QStringLiteral("gemini"), BreakerState::Closed, BreakerState::Open));
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received.size(), 2, 10000);
        QStringList paths;
        for (const WebhookReceiver::Received &got : std::as_const(receiver.received))
            paths << QString::fromUtf8(got.path);
        paths.sort();
        QCOMPARE(paths, (QStringList{QStringLiteral("/hook/SECRET3?token=SECRET4"),
                                     QStringLiteral("/services/T0SECRET/B0SECRET/xoxSECRETTOKEN")}));
        QTRY_COMPARE_WITH_TIMEOUT(rig.get(kAlerts)
                                      .json()
                                      .value(QLatin1String("stats"))
                                      .toObject()
                                      .value(QLatin1String("sent"))
                                      .toInt(),
                                  2, 10000);
        r = rig.get(kAlerts);
        QCOMPARE(r.status, 200);
        const QJsonObject alert = r.json().value(QLatin1String("alerts")).toArray().at(0).toObject();
        QCOMPARE(alert.value(QLatin1String("delivered")).toBool(), true);
        const QJsonArray deliveries = alert.value(QLatin1String("deliveries")).toArray();
        QCOMPARE(deliveries.size(), 2);
        for (const QJsonValue &d : deliveries)
            QCOMPARE(d.toObject().value(QLatin1String("status")).toString(), QStringLiteral("delivered"));

        for (const QString &path : {kAlerts, kConfig, QStringLiteral("/api/v1"), QStringLiteral("/")}) {
            const HttpResult got = rig.get(path);
            QCOMPARE(got.status, 200);
            QVERIFY2(!got.body.contains("SECRET"), qPrintable(path));
        }
    }

    void emailPasswordNeverComesBack()
    {
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        const QJsonObject email{{QStringLiteral("host"), QStringLiteral("smtp.example.com")},
                                {QStringLiteral("username"), QStringLiteral("monitor")},
                                {QStringLiteral("password"), QStringLiteral("SECRET-SMTP-PASSWORD")},
                                {QStringLiteral("from"), QStringLiteral("monitor@example.com")},
                                {QStringLiteral("to"), QJsonArray{QStringLiteral("oncall@example.com")}}};
        HttpResult r =
            put(rig, kConfig,
                QJsonObject{{QStringLiteral("channels"), QJsonObject{{QStringLiteral("email"), email}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(alerts.config().channels.email.password, QStringLiteral("SECRET-SMTP-PASSWORD"));
        QVERIFY2(!r.body.contains("SECRET"), r.body.constData());
        const QJsonObject shown =
            r.json().value(QLatin1String("channels")).toObject().value(QLatin1String("email")).toObject();
        QCOMPARE(shown.value(QLatin1String("passwordSet")), QJsonValue(true));
        QCOMPARE(shown.value(QLatin1String("security")).toString(), QStringLiteral("starttls"));
        // The document a GET shows, sent back whole, keeps the password.
        const HttpResult got = rig.get(kConfig);
        QVERIFY(!got.body.contains("SECRET"));
        QCOMPARE(put(rig, kConfig, got.json()).status, 200);
        QCOMPARE(alerts.config().channels.email.password, QStringLiteral("SECRET-SMTP-PASSWORD"));
        // A clear-text password to a remote relay is refused and changes nothing.
        r = put(rig, kConfig,
                QJsonObject{{QStringLiteral("channels"),
                             QJsonObject{{QStringLiteral("email"), QJsonObject{{QStringLiteral("security"),
                                                                                QStringLiteral("none")}}}}}});
        QCOMPARE(r.status, 400);
        QVERIFY2(errorOf(r).contains(QStringLiteral("unencrypted")), r.body.constData());
        QCOMPARE(alerts.config().channels.email.security, SmtpSettings::Security::StartTls);
    }

    void testAlertReachesTheWebhook()
    {
        WebhookReceiver receiver;
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));

        HttpResult r =
            rig.post(kTest, QJsonObject{{QStringLiteral("channel"), QStringLiteral("webhook")},
                                        {QStringLiteral("url"), receiver.url(QStringLiteral("/t1"))}});
        QCOMPARE(r.status, 202);
        const QString id = r.json().value(QLatin1String("alertId")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(r.json().value(QLatin1String("channel")).toString(), QStringLiteral("webhook"));
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received.size(), 1, 10000);
        QCOMPARE(receiver.received.at(0).path, QByteArray("/t1"));
        const QJsonObject payload = receiver.received.at(0).json();
        QCOMPARE(payload.value(QLatin1String("id")).toString(), id);
        QCOMPARE(payload.value(QLatin1String("rule")).toString(), QStringLiteral("test"));
        QCOMPARE(payload.value(QLatin1String("test")).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(!alerts.deliveries(id).isEmpty() &&
                                     alerts.deliveries(id).constFirst().status ==
                                         AlertDelivery::Status::Delivered,
                                 10000);

        // Without a url the configured one is used; Slack gets its attachment format.
        QCOMPARE(put(rig, kConfig,
                     QJsonObject{
                         {QStringLiteral("channels"),
                          QJsonObject{{QStringLiteral("slackUrl"), receiver.url(QStringLiteral("/slack"))}}}})
                     .status,
                 200);
        r = rig.post(kTest, QJsonObject{{QStringLiteral("channel"), QStringLiteral("slack")}});
        QCOMPARE(r.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received.size(), 2, 10000);
        QCOMPARE(receiver.received.at(1).path, QByteArray("/slack"));
        QVERIFY(receiver.received.at(1).json().value(QLatin1String("attachments")).isArray());

        // Tests are not listed as alerts, but their deliveries count.
        QTRY_COMPARE_WITH_TIMEOUT(alerts.stats().sent, 2, 10000);
        r = rig.get(kAlerts);
        QCOMPARE(r.json().value(QLatin1String("count")).toInt(), 0);
        QCOMPARE(r.json().value(QLatin1String("stats")).toObject().value(QLatin1String("sent")).toInt(), 2);
        QCOMPARE(r.json().value(QLatin1String("stats")).toObject().value(QLatin1String("raised")).toInt(), 0);

        QSignalSpy desktop(&alerts, &AlertManager::desktopNotificationRequested);
        r = rig.post(kTest, QJsonObject{{QStringLiteral("channel"), QStringLiteral("desktop")}});
        QCOMPARE(r.status, 202);
        QCOMPARE(desktop.count(), 1);
        QCOMPARE(desktop.at(0).at(0).value<AlertRecord>().alertId,
                 r.json().value(QLatin1String("alertId")).toString());
    }

    void badTestRequestsAre400_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addRow("malformed JSON") << QByteArray("{\"channel\":") << QStringLiteral("invalid JSON body");
        QTest::addRow("empty body") << QByteArray() << QStringLiteral("a JSON object body is required");
        QTest::addRow("no channel") << QByteArray("{}") << QStringLiteral("channel is required");
        QTest::addRow("unknown channel")
            << QByteArray("{\"channel\":\"pager\"}")
            << QStringLiteral("channel must be one of desktop, webhook, slack, email");
        QTest::addRow("channel not a string")
            << QByteArray("{\"channel\":1}") << QStringLiteral("channel must be a string");
        QTest::addRow("unknown field")
            << QByteArray("{\"channel\":\"webhook\",\"to\":\"x\"}") << QStringLiteral("unknown field \"to\"");
        QTest::addRow("url not a string")
            << QByteArray("{\"channel\":\"webhook\",\"url\":5}") << QStringLiteral("url must be a string");
        QTest::addRow("ftp url") << QByteArray("{\"channel\":\"webhook\",\"url\":\"ftp://127.0.0.1/hook\"}")
                                 << QStringLiteral("webhook: the URL must be http or https");
        QTest::addRow("url without host") << QByteArray("{\"channel\":\"slack\",\"url\":\"http:///hook\"}")
                                          << QStringLiteral("slack: the URL must be http or https");
        QTest::addRow("invalid url") << QByteArray(
                                            "{\"channel\":\"webhook\",\"url\":\"http://exa mple.com/\"}")
                                     << QStringLiteral("url is not a valid URL");
        QTest::addRow("nothing configured")
            << QByteArray("{\"channel\":\"webhook\"}") << QStringLiteral("webhook: no URL is configured");
        QTest::addRow("url for desktop")
            << QByteArray("{\"channel\":\"desktop\",\"url\":\"http://127.0.0.1:1/\"}")
            << QStringLiteral("url is only for the webhook and slack channels");
        QTest::addRow("url for email")
            << QByteArray("{\"channel\":\"email\",\"url\":\"http://127.0.0.1:1/\"}")
            << QStringLiteral("url is only for the webhook and slack channels");
        QTest::addRow("no SMTP host")
            << QByteArray("{\"channel\":\"email\"}") << QStringLiteral("email: no SMTP host configured");
    }
    void badTestRequestsAre400()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        QSignalSpy deliveries(&alerts, &AlertManager::deliveryChanged);
        QSignalSpy desktop(&alerts, &AlertManager::desktopNotificationRequested);
        const HttpResult r = rig.post(kTest, body);
        QCOMPARE(r.status, 400);
        QVERIFY2(errorOf(r).startsWith(message), r.body.constData());
        QCOMPARE(deliveries.count(), 0);
        QCOMPARE(desktop.count(), 0);
    }

    void wrongMethodsAre405_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("allow");
        QTest::addRow("POST alerts") << QByteArray("POST") << kAlerts << QByteArray("GET, HEAD, OPTIONS");
        QTest::addRow("DELETE alerts") << QByteArray("DELETE") << kAlerts << QByteArray("GET, HEAD, OPTIONS");
        QTest::addRow("DELETE config")
            << QByteArray("DELETE") << kConfig << QByteArray("GET, PUT, HEAD, OPTIONS");
        QTest::addRow("PATCH config")
            << QByteArray("PATCH") << kConfig << QByteArray("GET, PUT, HEAD, OPTIONS");
        QTest::addRow("GET test") << QByteArray("GET") << kTest << QByteArray("POST, OPTIONS");
    }
    void wrongMethodsAre405()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, allow);
        AlertManager alerts;
        ApiRig rig(services(), {}, {}, nullptr, {}, &alerts);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        const AlertRulesConfig before = alerts.config();
        const HttpResult r = rig.request(method, path, method == "GET" ? QByteArray() : QByteArray("{}"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), allow);
        QCOMPARE(alerts.config(), before);
    }
};

QTEST_GUILESS_MAIN(TestApiAlerts)
#include "tst_apialerts.moc"
