// The /api/v1/events WebSocket on the API's port: the hello message, a breaker transition caused by a chaos
// experiment arriving as an event, type filters, the token (header or ?token=), and upgrades elsewhere
// refused.
#include "apitestrig.h"

#include <QWebSocket>

using namespace airm;
using namespace airm::test;

namespace {

QList<ServiceConfig> services()
{
    return {simulatedService(QStringLiteral("gemini")),
            simulatedService(QStringLiteral("cohere"), ProviderKind::Cohere)};
}

// A WebSocket client that keeps every event it receives.
struct Listener
{
    QWebSocket socket;
    QList<QJsonObject> events;
    bool closed = false;

    Listener()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [this](const QString &text) {
            events.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        QObject::connect(&socket, &QWebSocket::stateChanged, &socket, [this](QAbstractSocket::SocketState s) {
            if (s == QAbstractSocket::UnconnectedState) closed = true;
        });
    }
    bool open(const QUrl &url, const QByteArray &authorization = {})
    {
        QNetworkRequest request(url);
        if (!authorization.isEmpty()) request.setRawHeader("Authorization", authorization);
        closed = false;
        socket.open(request);
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState || closed; },
                               5000) &&
               socket.state() == QAbstractSocket::ConnectedState;
    }
    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &e : events)
            if (e.value(QLatin1String("type")).toString() == type) out << e;
        return out;
    }
};

QUrl wsUrl(const ApiRig &rig, const QString &pathAndQuery)
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(rig.api->port()) + pathAndQuery);
}

} // namespace

class TestApiEvents : public QObject
{
    Q_OBJECT
private slots:
    void helloThenBreakerTransitionFromChaos()
    {
        ApiRig rig(services());
        Listener all;
        QVERIFY(all.open(wsUrl(rig, QStringLiteral("/api/v1/events"))));
        QTRY_COMPARE(all.ofType(QStringLiteral("hello")).size(), 1);
        Listener breakers;
        QVERIFY(breakers.open(wsUrl(rig, QStringLiteral("/api/v1/events?types=breaker"))));
        QTRY_COMPARE(breakers.ofType(QStringLiteral("hello")).size(), 1);

        const HttpResult injected =
            rig.post(QStringLiteral("/chaos/inject"),
                     QJsonObject{{QStringLiteral("service"), QStringLiteral("gemini")},
                                 {QStringLiteral("type"), QStringLiteral("failure")},
                                 {QStringLiteral("intensity"), 100},
                                 {QStringLiteral("duration"), 60}});
        QCOMPARE(injected.status, 200);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                rig.post(QStringLiteral("/ai"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("x")}})
                    .status,
                502);

        QTRY_COMPARE(breakers.ofType(QStringLiteral("breaker")).size(), 1);
        const QJsonObject transition = breakers.ofType(QStringLiteral("breaker")).first();
        const QJsonObject data = transition.value(QLatin1String("data")).toObject();
        QCOMPARE(data.value(QLatin1String("service")).toString(), QStringLiteral("gemini"));
        QCOMPARE(data.value(QLatin1String("from")).toString(), QStringLiteral("CLOSED"));
        QCOMPARE(data.value(QLatin1String("to")).toString(), QStringLiteral("OPEN"));
        QVERIFY(!data.value(QLatin1String("reason")).toString().isEmpty());
        QVERIFY(transition.value(QLatin1String("seq")).toInt() > 0);
        QVERIFY(!transition.value(QLatin1String("at")).toString().isEmpty());
        // The filtered client got nothing else.
        for (const QJsonObject &e : breakers.events)
            QVERIFY(e.value(QLatin1String("type")) == QStringLiteral("hello") ||
                    e.value(QLatin1String("type")) == QStringLiteral("breaker"));

        // The unfiltered one saw the experiment start, the requests and the transition.
        QTRY_COMPARE(all.ofType(QStringLiteral("request")).size(), 3);
        QCOMPARE(all.ofType(QStringLiteral("chaos_started")).size(), 1);
        QCOMPARE(all.ofType(QStringLiteral("breaker")).size(), 1);
        const QJsonObject request =
            all.ofType(QStringLiteral("request")).first().value(QLatin1String("data")).toObject();
        QCOMPARE(request.value(QLatin1String("outcome")).toString(), QStringLiteral("failure"));
        QVERIFY(!request.contains(QLatin1String("prompt"))); // events never carry prompts or answers

        QCOMPARE(rig.post(QStringLiteral("/chaos/stop"),
                          QJsonObject{{QStringLiteral("service"), QStringLiteral("all")}})
                     .status,
                 200);
        QTRY_COMPARE(all.ofType(QStringLiteral("chaos_ended")).size(), 1);
        QCOMPARE(all.ofType(QStringLiteral("chaos_ended"))
                     .first()
                     .value(QLatin1String("data"))
                     .toObject()
                     .value(QLatin1String("reason"))
                     .toString(),
                 QStringLiteral("stopped"));
        QCOMPARE(rig.post(QStringLiteral("/metrics/reset"), QByteArray()).status, 200);
        QTRY_COMPARE(all.ofType(QStringLiteral("metrics_reset")).size(), 1);
        QCOMPARE(rig.get(QStringLiteral("/ai/health")).status, 200);
        QTRY_COMPARE(all.ofType(QStringLiteral("health")).size(), 2);
    }

    void alertsArePublished()
    {
        ApiRig rig(services());
        Listener l;
        QVERIFY(l.open(wsUrl(rig, QStringLiteral("/api/v1/events?types=alert"))));
        QMetaObject::invokeMethod(rig.server(), [server = rig.server()] {
            server->publishAlert(QJsonObject{{QStringLiteral("rule"), QStringLiteral("breaker-open")}});
        });
        QTRY_COMPARE(l.ofType(QStringLiteral("alert")).size(), 1);
        QCOMPARE(l.ofType(QStringLiteral("alert"))
                     .first()
                     .value(QLatin1String("data"))
                     .toObject()
                     .value(QLatin1String("rule"))
                     .toString(),
                 QStringLiteral("breaker-open"));
    }

    void tokenIsRequired()
    {
        ApiSettings s;
        s.token = QStringLiteral("stream-token-0123456789");
        ApiRig rig(services(), s);
        Listener none;
        QVERIFY(!none.open(wsUrl(rig, QStringLiteral("/api/v1/events"))));
        Listener wrong;
        QVERIFY(!wrong.open(wsUrl(rig, QStringLiteral("/api/v1/events?token=nope"))));
        Listener query;
        QVERIFY(query.open(wsUrl(rig, QStringLiteral("/api/v1/events?token=stream-token-0123456789"))));
        Listener header;
        QVERIFY(header.open(wsUrl(rig, QStringLiteral("/api/v1/events")), "Bearer stream-token-0123456789"));
        QTRY_COMPARE(header.ofType(QStringLiteral("hello")).size(), 1);
        // ?token= is only for the stream, where browsers cannot set headers.
        QCOMPARE(rig.get(QStringLiteral("/metrics?token=stream-token-0123456789")).status, 401);
    }

    void upgradesElsewhereAreRefused()
    {
        ApiRig rig(services());
        Listener l;
        QVERIFY(!l.open(wsUrl(rig, QStringLiteral("/test"))));
        const QByteArray raw =
            rig.raw("GET /test HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        QCOMPARE(statusOf(raw), 404);
        // The port keeps serving HTTP and the stream after refusals.
        QCOMPARE(rig.get(QStringLiteral("/test")).status, 200);
        QVERIFY(l.open(wsUrl(rig, QStringLiteral("/api/v1/events"))));
    }
};

QTEST_GUILESS_MAIN(TestApiEvents)
#include "tst_apievents.moc"
