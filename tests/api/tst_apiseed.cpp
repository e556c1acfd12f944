// The seed's endpoints on our single port: exact paths, methods and JSON field names, the happy paths and the
// bad inputs (malformed JSON, wrong types, missing fields, out-of-range values, unknown services and
// experiments), and the seed's defects fixed (400 not 500, real health, failures with the right status).
#include "apitestrig.h"

#include "mockproviderserver.h"

#include <QDateTime>

using namespace airm;
using namespace airm::test;

namespace {

QList<ServiceConfig> services()
{
    return {simulatedService(QStringLiteral("gemini")),
            simulatedService(QStringLiteral("cohere"), ProviderKind::Cohere),
            simulatedService(QStringLiteral("huggingface"), ProviderKind::HuggingFace)};
}

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> fields)
{
    QJsonObject o;
    for (const auto &f : fields)
        o.insert(f.first, f.second);
    return o;
}

bool isIso(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).isValid();
}

} // namespace

class TestApiSeed : public QObject
{
    Q_OBJECT
private slots:
    void testEndpoint()
    {
        ApiRig rig(services());
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        const HttpResult r = rig.get(QStringLiteral("/test"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("OK"));
        QVERIFY(isIso(o.value(QLatin1String("timestamp"))));
        QVERIFY(o.value(QLatin1String("uptime")).isDouble());
        QCOMPARE(o.value(QLatin1String("chaos_active")), QJsonValue(false));
        QCOMPARE(rig.post(QStringLiteral("/chaos/inject"),
                          obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                               {QStringLiteral("type"), QStringLiteral("latency")},
                               {QStringLiteral("intensity"), 10},
                               {QStringLiteral("duration"), 30}}))
                     .status,
                 200);
        QTRY_COMPARE(rig.get(QStringLiteral("/test")).json().value(QLatin1String("chaos_active")),
                     QJsonValue(true));
    }

    void aiAnswersInTheSeedsShape()
    {
        ApiRig rig(services());
        const HttpResult r =
            rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("What is AI?")}}));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("success")), QJsonValue(true));
        QCOMPARE(o.value(QLatin1String("service")).toString(),
                 QStringLiteral("gemini")); // the seed's default
        QVERIFY(o.value(QLatin1String("response")).toString().contains(QLatin1String("What is AI?")));
        QVERIFY(o.value(QLatin1String("latency")).isDouble());
        QCOMPARE(o.value(QLatin1String("isRealAPI")), QJsonValue(false));
        QVERIFY(isIso(o.value(QLatin1String("timestamp"))));
        // Ours
        QCOMPARE(o.value(QLatin1String("simulated")), QJsonValue(true));
        QCOMPARE(o.value(QLatin1String("outcome")).toString(), QStringLiteral("success"));
        QCOMPARE(o.value(QLatin1String("errorClass")).toString(), QStringLiteral("none"));
        QCOMPARE(o.value(QLatin1String("attempts")).toInt(), 1);
        QCOMPARE(o.value(QLatin1String("breakerState")).toString(), QStringLiteral("CLOSED"));
        QVERIFY(o.value(QLatin1String("chaosIds")).isArray());
        QVERIFY(o.value(QLatin1String("tokens")).toObject().value(QLatin1String("output")).toInt() > 0);
        QVERIFY(!o.value(QLatin1String("requestId")).toString().isEmpty());
        QVERIFY(o.value(QLatin1String("costUsd")).isDouble());

        const HttpResult cohere =
            rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("service"), QStringLiteral("cohere")},
                                                 {QStringLiteral("prompt"), QStringLiteral("hi")}}));
        QCOMPARE(cohere.json().value(QLatin1String("service")).toString(), QStringLiteral("cohere"));
    }

    void aiAgainstARealProviderIsReal()
    {
        MockProviderServer mock;
        ApiRig rig({mockService(QStringLiteral("gemini"), ProviderKind::Gemini, mock.baseUrl())});
        const HttpResult r =
            rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("ping")}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("isRealAPI")), QJsonValue(true));
        QCOMPARE(r.json().value(QLatin1String("simulated")), QJsonValue(false));
        QCOMPARE(mock.requestCount(), 1);
    }

    void aiRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addRow("malformed JSON") << QByteArray("{\"prompt\":") << QStringLiteral("invalid JSON body");
        QTest::addRow("not an object") << QByteArray("[1,2]") << QStringLiteral("must be a JSON object");
        QTest::addRow("no body") << QByteArray() << QStringLiteral("prompt is required");
        QTest::addRow("missing prompt")
            << QByteArray(R"({"service":"gemini"})") << QStringLiteral("prompt is required");
        QTest::addRow("empty prompt")
            << QByteArray(R"({"prompt":"  "})") << QStringLiteral("Prompt is required");
        QTest::addRow("prompt not a string")
            << QByteArray(R"({"prompt":5})") << QStringLiteral("prompt must be a string");
        QTest::addRow("service not a string")
            << QByteArray(R"({"prompt":"x","service":[]})") << QStringLiteral("service must be a string");
        QTest::addRow("unknown service") << QByteArray(R"({"prompt":"x","service":"skynet"})")
                                         << QStringLiteral("Unknown service: skynet");
        QTest::addRow("maxTokens out of range")
            << QByteArray(R"({"prompt":"x","maxTokens":0})")
            << QStringLiteral("maxTokens must be an integer between 1 and");
        QTest::addRow("timeoutMs fractional") << QByteArray(R"({"prompt":"x","timeoutMs":1.5})")
                                              << QStringLiteral("timeoutMs must be an integer");
    }

    void aiRejectsBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        ApiRig rig(services());
        const HttpResult r = rig.request("POST", QStringLiteral("/ai"), body);
        QCOMPARE(r.status, 400);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("success")), QJsonValue(false));
        QVERIFY2(o.value(QLatin1String("error")).toString().contains(message), r.body.constData());
    }

    void aiFailuresCarryTheirStatus()
    {
        ApiRig rig(services());
        QCOMPARE(rig.post(QStringLiteral("/chaos/inject"),
                          obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                               {QStringLiteral("type"), QStringLiteral("failure")},
                               {QStringLiteral("intensity"), 100},
                               {QStringLiteral("duration"), 60}}))
                     .status,
                 200);
        for (int i = 0; i < 3; ++i) { // the seed preset opens after 3 consecutive failures
            const HttpResult r =
                rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("x")}}));
            QCOMPARE(r.status, 502);
            const QJsonObject o = r.json();
            QCOMPARE(o.value(QLatin1String("success")), QJsonValue(false));
            QVERIFY(!o.value(QLatin1String("error")).toString().isEmpty());
            QCOMPARE(o.value(QLatin1String("service")).toString(), QStringLiteral("gemini"));
            QVERIFY(o.value(QLatin1String("latency")).isDouble());
            QVERIFY(isIso(o.value(QLatin1String("timestamp"))));
            QCOMPARE(o.value(QLatin1String("chaosIds")).toArray().size(), 1);
        }
        const HttpResult rejected =
            rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("x")}}));
        QCOMPARE(rejected.status, 503);
        QCOMPARE(rejected.json().value(QLatin1String("errorClass")).toString(), QStringLiteral("rejected"));
        QTRY_VERIFY(rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("x")}}))
                        .header("Retry-After")
                        .toInt() > 0);

        QCOMPARE(rig.post(QStringLiteral("/chaos/inject"),
                          obj({{QStringLiteral("service"), QStringLiteral("cohere")},
                               {QStringLiteral("type"), QStringLiteral("timeout")},
                               {QStringLiteral("duration"), 60}}))
                     .status,
                 200);
        const HttpResult timedOut =
            rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("service"), QStringLiteral("cohere")},
                                                 {QStringLiteral("prompt"), QStringLiteral("x")},
                                                 {QStringLiteral("timeoutMs"), 200}}));
        QCOMPARE(timedOut.status, 504);
        QCOMPARE(timedOut.json().value(QLatin1String("errorClass")).toString(), QStringLiteral("timeout"));
    }

    void metricsJsonHasTheSeedsFields()
    {
        ApiRig rig(services());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("x")}}))
                         .status,
                     200);
        QTRY_COMPARE(rig.get(QStringLiteral("/metrics")).json().value(QLatin1String("totalRequests")).toInt(),
                     3);
        const HttpResult r = rig.get(QStringLiteral("/metrics"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("successfulRequests")).toInt(), 3);
        QCOMPARE(o.value(QLatin1String("failedRequests")).toInt(), 0);
        QCOMPARE(o.value(QLatin1String("successRate")).toDouble(), 100.0);
        QVERIFY(o.value(QLatin1String("avgLatency")).isDouble());
        QVERIFY(o.value(QLatin1String("uptime")).isDouble());
        const QJsonObject services = o.value(QLatin1String("aiServices")).toObject();
        QCOMPARE(services.keys(), (QStringList{QStringLiteral("cohere"), QStringLiteral("gemini"),
                                               QStringLiteral("huggingface")}));
        const QJsonObject gemini = services.value(QLatin1String("gemini")).toObject();
        for (const char *field : {"requests", "failures", "successRate", "avgLatency", "status", "lastCheck"})
            QVERIFY2(gemini.contains(QLatin1String(field)), field);
        QCOMPARE(gemini.value(QLatin1String("requests")).toInt(), 3);
        QCOMPARE(gemini.value(QLatin1String("status")).toString(), QStringLiteral("simulated"));
        QCOMPARE(
            services.value(QLatin1String("cohere")).toObject().value(QLatin1String("successRate")).toDouble(),
            100.0);
        QCOMPARE(rig.get(QStringLiteral("/api/metrics")).json().value(QLatin1String("totalRequests")).toInt(),
                 3);
    }

    void metricsServesPrometheusToScrapers_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("text");
        QTest::addRow("prometheus 2.x")
            << QByteArray("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                          "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
            << true;
        QTest::addRow("text/plain") << QByteArray("text/plain") << true;
        QTest::addRow("curl") << QByteArray("*/*") << false;
        QTest::addRow("json") << QByteArray("application/json") << false;
        QTest::addRow("browser") << QByteArray(
                                        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                                 << false;
        QTest::addRow("json preferred") << QByteArray("application/json, text/plain;q=0.5") << false;
        QTest::addRow("text refused") << QByteArray("text/plain;q=0, */*") << false;
    }

    void metricsServesPrometheusToScrapers()
    {
        QFETCH(QByteArray, accept);
        QFETCH(bool, text);
        ApiRig rig(services());
        const HttpResult r = rig.get(QStringLiteral("/metrics"), {{"Accept", accept}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type").startsWith("text/plain; version=0.0.4"), text);
        QCOMPARE(r.body.contains("# TYPE airm_requests_total counter"), text);
        // The frontend's alias is always JSON.
        QVERIFY(rig.get(QStringLiteral("/api/metrics"), {{"Accept", accept}}).header("Content-Type") ==
                "application/json");
    }

    void breakerStatusHasTheSeedsShape()
    {
        ApiRig rig(services());
        HttpResult r = rig.get(QStringLiteral("/circuit-breaker/status"));
        QCOMPARE(r.status, 200);
        QJsonObject gemini = r.json().value(QLatin1String("gemini")).toObject();
        QCOMPARE(gemini.value(QLatin1String("name")).toString(), QStringLiteral("gemini"));
        QCOMPARE(gemini.value(QLatin1String("state")).toString(), QStringLiteral("CLOSED"));
        QCOMPARE(gemini.value(QLatin1String("failureThreshold")).toInt(), 3);
        QCOMPARE(gemini.value(QLatin1String("successThreshold")).toInt(), 2);
        QVERIFY(gemini.value(QLatin1String("lastFailureTime")).isNull());
        for (const char *f :
             {"failureCount", "consecutiveSuccesses", "timeInCurrentState", "metrics", "stateHistory"})
            QVERIFY2(gemini.contains(QLatin1String(f)), f);
        QJsonObject metrics = gemini.value(QLatin1String("metrics")).toObject();
        for (const char *f : {"totalCalls", "successfulCalls", "failedCalls", "rejectedCalls",
                              "stateTransitions", "timeInStates", "lastTransitionTime"})
            QVERIFY2(metrics.contains(QLatin1String(f)), f);
        QVERIFY(metrics.value(QLatin1String("successRate")).isDouble()); // a number, not the seed's string
        QVERIFY(metrics.value(QLatin1String("rejectionRate")).isDouble());

        rig.post(QStringLiteral("/chaos/inject"), obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                                                       {QStringLiteral("type"), QStringLiteral("failure")},
                                                       {QStringLiteral("intensity"), 100},
                                                       {QStringLiteral("duration"), 60}}));
        for (int i = 0; i < 4; ++i)
            rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("x")}}));
        r = rig.get(QStringLiteral("/circuit-breaker/status"));
        gemini = r.json().value(QLatin1String("gemini")).toObject();
        QCOMPARE(gemini.value(QLatin1String("state")).toString(), QStringLiteral("OPEN"));
        QVERIFY(gemini.value(QLatin1String("lastFailureTime")).toDouble() > 0);
        metrics = gemini.value(QLatin1String("metrics")).toObject();
        QCOMPARE(metrics.value(QLatin1String("stateTransitions"))
                     .toObject()
                     .value(QLatin1String("CLOSED->OPEN"))
                     .toInt(),
                 1);
        QCOMPARE(metrics.value(QLatin1String("failedCalls")).toInt(), 3);
        QCOMPARE(metrics.value(QLatin1String("rejectedCalls")).toInt(), 1);
        QCOMPARE(metrics.value(QLatin1String("totalCalls")).toInt(), 4);
        QCOMPARE(metrics.value(QLatin1String("rejectionRate")).toDouble(), 25.0);
        const QJsonArray history = gemini.value(QLatin1String("stateHistory")).toArray();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.at(0).toObject().value(QLatin1String("to")).toString(), QStringLiteral("OPEN"));
        QVERIFY(history.at(0).toObject().contains(QLatin1String("reason")));
    }

    void breakerReset_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("text");
        QTest::addRow("one") << QByteArray(R"({"service":"gemini"})") << 200
                             << QStringLiteral("Circuit breaker for gemini reset successfully");
        QTest::addRow("all (empty body)")
            << QByteArray() << 200 << QStringLiteral("All circuit breakers reset successfully");
        QTest::addRow("all (no service)")
            << QByteArray("{}") << 200 << QStringLiteral("All circuit breakers reset successfully");
        QTest::addRow("unknown") << QByteArray(R"({"service":"nope"})") << 400
                                 << QStringLiteral("Invalid service name");
        QTest::addRow("wrong type") << QByteArray(R"({"service":7})") << 400
                                    << QStringLiteral("service must be a string");
        QTest::addRow("malformed") << QByteArray("{service:") << 400 << QStringLiteral("invalid JSON body");
    }

    void breakerReset()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, text);
        ApiRig rig(services());
        const HttpResult r = rig.request("POST", QStringLiteral("/circuit-breaker/reset"), body);
        QCOMPARE(r.status, status);
        const QJsonObject o = r.json();
        QVERIFY2((status == 200 ? o.value(QLatin1String("message")) : o.value(QLatin1String("error")))
                     .toString()
                     .contains(text),
                 r.body.constData());
        QCOMPARE(o.value(QLatin1String("success")).toBool(), status == 200);
        if (body.contains("gemini"))
            QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("CLOSED"));
    }

    void metricsResetClearsLiveState()
    {
        ApiRig rig(services());
        rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("x")}}));
        rig.post(QStringLiteral("/chaos/inject"), obj({{QStringLiteral("service"), QStringLiteral("all")},
                                                       {QStringLiteral("type"), QStringLiteral("latency")},
                                                       {QStringLiteral("intensity"), 5},
                                                       {QStringLiteral("duration"), 60}}));
        QTRY_COMPARE(rig.get(QStringLiteral("/metrics")).json().value(QLatin1String("totalRequests")).toInt(),
                     1);
        const HttpResult r = rig.post(QStringLiteral("/metrics/reset"), QByteArray());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("message")).toString(),
                 QStringLiteral(
                     "All metrics, circuit breakers, and chaos experiments have been reset successfully"));
        QTRY_COMPARE(rig.get(QStringLiteral("/metrics")).json().value(QLatin1String("totalRequests")).toInt(),
                     0);
        QCOMPARE(rig.get(QStringLiteral("/chaos/status")).json().value(QLatin1String("count")).toInt(), 0);
    }

    void healthOfSimulatedServicesIsSimulated()
    {
        ApiRig rig(services());
        for (const QString &path : {QStringLiteral("/ai/health"), QStringLiteral("/api/health")}) {
            const HttpResult r = rig.get(path);
            QCOMPARE(r.status, 200);
            const QJsonObject o = r.json();
            QCOMPARE(o.value(QLatin1String("overall")).toString(), QStringLiteral("simulated"));
            const QJsonObject gemini =
                o.value(QLatin1String("services")).toObject().value(QLatin1String("gemini")).toObject();
            QCOMPARE(gemini.value(QLatin1String("status")).toString(),
                     QStringLiteral("simulated")); // never a fake "healthy"
            QVERIFY(isIso(gemini.value(QLatin1String("lastCheck"))));
            QVERIFY(isIso(o.value(QLatin1String("timestamp"))));
        }
    }

    void healthAggregatesRealChecks()
    {
        MockProviderServer mock;
        ApiRig rig({mockService(QStringLiteral("gemini"), ProviderKind::Gemini, mock.baseUrl()),
                    mockService(QStringLiteral("openai"), ProviderKind::OpenAi, mock.baseUrl()),
                    simulatedService(QStringLiteral("cohere"), ProviderKind::Cohere)});
        const QJsonObject healthy = rig.get(QStringLiteral("/ai/health")).json();
        QCOMPARE(healthy.value(QLatin1String("overall")).toString(), QStringLiteral("healthy"));
        const QJsonObject all = healthy.value(QLatin1String("services")).toObject();
        QCOMPARE(all.value(QLatin1String("openai")).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("healthy"));
        QCOMPARE(all.value(QLatin1String("cohere")).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("simulated"));
        QVERIFY(mock.requestCount() >= 2); // real probes went out

        mock.setScript(QStringLiteral("/v1/models"), MockProviderServer::error(500));
        const QJsonObject degraded = rig.get(QStringLiteral("/ai/health")).json();
        QCOMPARE(degraded.value(QLatin1String("overall")).toString(), QStringLiteral("degraded"));
        const QJsonObject openai =
            degraded.value(QLatin1String("services")).toObject().value(QLatin1String("openai")).toObject();
        QCOMPARE(openai.value(QLatin1String("status")).toString(), QStringLiteral("down"));
        QVERIFY(openai.contains(QLatin1String("error")));

        mock.setScript(QStringLiteral("/v1beta"), MockProviderServer::error(500));
        QCOMPARE(rig.get(QStringLiteral("/ai/health")).json().value(QLatin1String("overall")).toString(),
                 QStringLiteral("down"));
    }

    void chaosInjectTakesTheSeedsForm()
    {
        ApiRig rig(services());
        const HttpResult r = rig.post(QStringLiteral("/chaos/inject"),
                                      obj({{QStringLiteral("service"), QStringLiteral("cohere")},
                                           {QStringLiteral("type"), QStringLiteral("latency")},
                                           {QStringLiteral("intensity"), 250},
                                           {QStringLiteral("duration"), 30}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("success")), QJsonValue(true));
        const QJsonObject e = r.json().value(QLatin1String("experiment")).toObject();
        QCOMPARE(e.value(QLatin1String("service")).toString(), QStringLiteral("cohere"));
        QCOMPARE(e.value(QLatin1String("type")).toString(), QStringLiteral("latency"));
        QCOMPARE(e.value(QLatin1String("intensity")).toInt(), 250);
        QCOMPARE(e.value(QLatin1String("duration")).toDouble(), 30.0);
        QVERIFY(isIso(e.value(QLatin1String("startTime"))));
        QVERIFY(isIso(e.value(QLatin1String("endTime"))));
        QVERIFY(!e.value(QLatin1String("id")).toString().isEmpty());
        // Our own fields are accepted too.
        QCOMPARE(rig.post(QStringLiteral("/chaos/inject"),
                          obj({{QStringLiteral("targets"), QJsonArray{QStringLiteral("gemini")}},
                               {QStringLiteral("type"), QStringLiteral("failure")},
                               {QStringLiteral("probabilityPct"), 50},
                               {QStringLiteral("errorStatus"), 503},
                               {QStringLiteral("durationMs"), 5000}}))
                     .status,
                 200);
    }

    void chaosInjectRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addRow("malformed") << QByteArray("{") << QStringLiteral("invalid JSON");
        QTest::addRow("no service") << QByteArray(R"({"type":"latency"})")
                                    << QStringLiteral("service is required");
        QTest::addRow("unknown type")
            << QByteArray(R"({"service":"gemini","type":"meteor"})") << QStringLiteral("type must be one of");
        QTest::addRow("unknown service")
            << QByteArray(R"({"service":"nope","type":"latency"})") << QStringLiteral("unknown service");
        QTest::addRow("duration too long")
            << QByteArray(R"({"service":"gemini","type":"latency","duration":999999})")
            << QStringLiteral("duration must be between");
        QTest::addRow("duration zero") << QByteArray(R"({"service":"gemini","type":"latency","duration":0})")
                                       << QStringLiteral("duration must be between");
        QTest::addRow("failure over 100 pct")
            << QByteArray(R"({"service":"gemini","type":"failure","intensity":5000})")
            << QStringLiteral("probabilityPct must be between 0 and 100");
        QTest::addRow("intensity not a number")
            << QByteArray(R"({"service":"gemini","type":"latency","intensity":"lots"})")
            << QStringLiteral("intensity must be a number");
        QTest::addRow("unknown field")
            << QByteArray(R"({"service":"gemini","type":"latency","colour":"red"})")
            << QStringLiteral("unknown chaos parameter");
    }

    void chaosInjectRejectsBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        ApiRig rig(services());
        const HttpResult r = rig.request("POST", QStringLiteral("/chaos/inject"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QLatin1String("success")), QJsonValue(false));
        QVERIFY2(r.json().value(QLatin1String("error")).toString().contains(message), r.body.constData());
    }

    void chaosStatusAndStop()
    {
        ApiRig rig(services());
        const QString id = rig.post(QStringLiteral("/chaos/inject"),
                                    obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                                         {QStringLiteral("type"), QStringLiteral("failure")},
                                         {QStringLiteral("intensity"), 30},
                                         {QStringLiteral("duration"), 120}}))
                               .json()
                               .value(QLatin1String("experiment"))
                               .toObject()
                               .value(QLatin1String("id"))
                               .toString();
        QJsonObject status = rig.get(QStringLiteral("/chaos/status")).json();
        QCOMPARE(status.value(QLatin1String("success")), QJsonValue(true));
        QCOMPARE(status.value(QLatin1String("count")).toInt(), 1);
        const QJsonObject active = status.value(QLatin1String("active")).toArray().at(0).toObject();
        QCOMPARE(active.value(QLatin1String("id")).toString(), id);
        QCOMPARE(active.value(QLatin1String("service")).toString(), QStringLiteral("gemini"));
        QCOMPARE(active.value(QLatin1String("type")).toString(), QStringLiteral("failure"));
        QCOMPARE(active.value(QLatin1String("intensity")).toDouble(), 30.0);
        QVERIFY(active.value(QLatin1String("remainingSeconds")).toInt() > 100);
        QVERIFY(isIso(active.value(QLatin1String("startTime"))) &&
                isIso(active.value(QLatin1String("endTime"))));

        const auto stop = [&](const QByteArray &body) {
            return rig.request("POST", QStringLiteral("/chaos/stop"), body);
        };
        QCOMPARE(stop(R"({"service":"cohere"})").json().value(QLatin1String("message")).toString(),
                 QStringLiteral("No active chaos for cohere"));
        QCOMPARE(stop(R"({"service":"gemini"})").json().value(QLatin1String("message")).toString(),
                 QStringLiteral("Chaos experiment stopped for gemini"));
        QCOMPARE(rig.get(QStringLiteral("/chaos/status")).json().value(QLatin1String("count")).toInt(), 0);
        QCOMPARE(stop(R"({"service":"all"})").json().value(QLatin1String("message")).toString(),
                 QStringLiteral("All chaos experiments stopped"));
        QCOMPARE(stop(R"({"id":"chaos-999"})").status, 404);
        QCOMPARE(stop((QStringLiteral("{\"id\":\"") + id + QStringLiteral("\"}")).toUtf8()).status,
                 409); // it ended already
        const HttpResult invalid = stop(R"({"service":"nope"})");
        QCOMPARE(invalid.status, 400);
        QVERIFY(invalid.json()
                    .value(QLatin1String("error"))
                    .toString()
                    .startsWith(QLatin1String("Invalid service. Must be")));
        QCOMPARE(stop("{}").status, 400);
        QCOMPARE(stop(R"({"service":1})").status, 400);
        QCOMPARE(stop("nonsense").status, 400);

        const QString second = rig.post(QStringLiteral("/chaos/inject"),
                                        obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                                             {QStringLiteral("type"), QStringLiteral("unavailable")},
                                             {QStringLiteral("duration"), 60}}))
                                   .json()
                                   .value(QLatin1String("experiment"))
                                   .toObject()
                                   .value(QLatin1String("id"))
                                   .toString();
        const HttpResult byId =
            stop((QStringLiteral("{\"id\":\"") + second + QStringLiteral("\"}")).toUtf8());
        QCOMPARE(byId.status, 200);
        QCOMPARE(byId.json().value(QLatin1String("stopped")).toInt(), 1);
    }

    void statusIndexAndPrometheus()
    {
        ApiRig rig(services());
        const QJsonObject status = rig.get(QStringLiteral("/api/status")).json();
        QCOMPARE(status.value(QLatin1String("status")).toString(), QStringLiteral("running"));
        QCOMPARE(status.value(QLatin1String("backend_status")).toString(), QStringLiteral("connected"));
        QVERIFY(status.value(QLatin1String("backend_url"))
                    .toString()
                    .startsWith(QLatin1String("http://127.0.0.1:")));
        QVERIFY(isIso(status.value(QLatin1String("timestamp"))));

        const HttpResult index = rig.get(QStringLiteral("/"));
        QCOMPARE(index.status, 200);
        QVERIFY(index.json().value(QLatin1String("endpoints")).toArray().size() > 40);
        const HttpResult html = rig.get(QStringLiteral("/"), {{"Accept", "text/html,*/*;q=0.8"}});
        QVERIFY(html.header("Content-Type").startsWith("text/html"));
        QVERIFY(html.body.contains("<table>") && html.body.contains("/chaos/inject"));

        const HttpResult prom = rig.get(QStringLiteral("/prometheus"));
        QCOMPARE(prom.status, 200);
        QCOMPARE(prom.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QVERIFY(prom.body.contains("airm_build_info"));
    }

    void historyWithoutStorageIs503()
    {
        ApiRig rig(services());
        for (const char *path : {"/api/history/requests", "/api/history/statistics", "/api/history/errors",
                                 "/api/history/circuit-breaker", "/api/history/chaos", "/api/history/trends",
                                 "/api/history/export", "/api/database/stats"}) {
            const HttpResult r = rig.get(QString::fromLatin1(path));
            QCOMPARE(r.status, 503);
            QCOMPARE(r.json().value(QLatin1String("error")).toString(),
                     QStringLiteral("history storage is not enabled"));
            QCOMPARE(r.json().value(QLatin1String("success")), QJsonValue(false));
        }
        const QByteArray valid = R"({"service":"gemini","success":true,"latency":12})";
        QCOMPARE(rig.request("POST", QStringLiteral("/api/log-request"), valid).status, 503);
        QCOMPARE(rig.request("POST", QStringLiteral("/api/log-request"), R"({"service":"gemini"})").status,
                 400);
    }
};

QTEST_GUILESS_MAIN(TestApiSeed)
#include "tst_apiseed.moc"
