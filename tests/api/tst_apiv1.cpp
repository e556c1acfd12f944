// The versioned API: services (keys never returned), breakers (status, reset, force, configuration, presets),
// chaos experiments (create, list, get, stop, history), requests (wait, or 202 and poll), automation runs,
// health, metrics and the series, each with its bad inputs (400), unknown resources (404) and conflicts
// (409).
#include "apitestrig.h"

#include "mockproviderserver.h"

using namespace airm;
using namespace airm::test;

namespace {

QList<ServiceConfig> services()
{
    return {simulatedService(QStringLiteral("gemini")),
            simulatedService(QStringLiteral("cohere"), ProviderKind::Cohere)};
}

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> fields)
{
    QJsonObject o;
    for (const auto &f : fields)
        o.insert(f.first, f.second);
    return o;
}

QString errorOf(const HttpResult &r)
{
    return r.json().value(QLatin1String("error")).toString();
}

} // namespace

class TestApiV1 : public QObject
{
    Q_OBJECT
private slots:
    void indexAndEventsWithoutUpgrade()
    {
        ApiRig rig(services());
        const QJsonObject index = rig.get(QStringLiteral("/api/v1")).json();
        QCOMPARE(index.value(QLatin1String("version")).toString(), QStringLiteral("v1"));
        QVERIFY(index.value(QLatin1String("routes")).toArray().size() > 30);
        const HttpResult events = rig.get(QStringLiteral("/api/v1/events"));
        QCOMPARE(events.status, 426);
        QCOMPARE(events.header("Upgrade"), QByteArray("websocket"));
    }

    void servicesNeverShowKeys()
    {
        MockProviderServer mock;
        ApiRig rig({mockService(QStringLiteral("openai"), ProviderKind::OpenAi, mock.baseUrl()),
                    simulatedService(QStringLiteral("gemini"))});
        const HttpResult list = rig.get(QStringLiteral("/api/v1/services"));
        QCOMPARE(list.status, 200);
        QVERIFY(!list.body.contains("test-key"));
        const QJsonArray services = list.json().value(QLatin1String("services")).toArray();
        QCOMPARE(services.size(), 2);
        const HttpResult one = rig.get(QStringLiteral("/api/v1/services/openai"));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(QLatin1String("keyStatus")).toString(), QStringLiteral("set"));
        QCOMPARE(one.json().value(QLatin1String("simulated")), QJsonValue(false));
        QVERIFY(!one.body.contains("test-key"));
        QCOMPARE(rig.get(QStringLiteral("/api/v1/services/nope")).status, 404);
    }

    void patchService()
    {
        MockProviderServer mock;
        ApiRig rig({mockService(QStringLiteral("openai"), ProviderKind::OpenAi, mock.baseUrl())});
        const HttpResult ok = rig.request("PATCH", QStringLiteral("/api/v1/services/openai"),
                                          R"({"timeoutMs":1234,"model":"gpt-test"})");
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json().value(QLatin1String("timeoutMs")).toInt(), 1234);
        QCOMPARE(ok.json().value(QLatin1String("model")).toString(), QStringLiteral("gpt-test"));
        QCOMPARE(ok.json().value(QLatin1String("keyStatus")).toString(), QStringLiteral("set"));
        QCOMPARE(rig.get(QStringLiteral("/api/v1/services/openai"))
                     .json()
                     .value(QLatin1String("timeoutMs"))
                     .toInt(),
                 1234);

        QCOMPARE(
            rig.request("PATCH", QStringLiteral("/api/v1/services/openai"), R"({"timeoutMs":-5})").status,
            400);
        QVERIFY(
            errorOf(rig.request("PATCH", QStringLiteral("/api/v1/services/openai"), R"({"colour":"red"})"))
                .contains(QLatin1String("colour")));
        QCOMPARE(
            rig.request("PATCH", QStringLiteral("/api/v1/services/openai"), R"({"name":"other"})").status,
            400);
        QCOMPARE(rig.request("PATCH", QStringLiteral("/api/v1/services/openai"), "{oops").status, 400);
        QCOMPARE(rig.request("PATCH", QStringLiteral("/api/v1/services/nope"), "{}").status, 404);

        // Sending the service elsewhere must not take its key along.
        const HttpResult moved = rig.request("PATCH", QStringLiteral("/api/v1/services/openai"),
                                             "{\"baseUrl\":\"http:/"
                                             "/127.0.0.1:9/\"}");
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json().value(QLatin1String("keyStatus")).toString(), QStringLiteral("missing"));
        QCOMPARE(moved.json().value(QLatin1String("simulated")), QJsonValue(true));
    }

    void putAndDeleteService()
    {
        ApiRig rig(services());
        const HttpResult created =
            rig.request("PUT", QStringLiteral("/api/v1/services/local-llm"),
                        "{\"kind\":\"openai\",\"baseUrl\":\"http:/"
                        "/127.0.0.1:11434\",\"requiresKey\":false,\"model\":\"llama3\"}");
        QCOMPARE(created.status, 201);
        QCOMPARE(created.header("Location"), QByteArray("/api/v1/services/local-llm"));
        QCOMPARE(created.json().value(QLatin1String("name")).toString(), QStringLiteral("local-llm"));
        QTRY_VERIFY(
            rig.get(QStringLiteral("/api/v1/services")).json().value(QLatin1String("count")).toInt() == 3);
        QCOMPARE(rig.request("PUT", QStringLiteral("/api/v1/services/local-llm"), R"({"model":"llama3.1"})")
                     .status,
                 200);
        QCOMPARE(rig.request("PUT", QStringLiteral("/api/v1/services/newone"), R"({"model":"x"})").status,
                 400); // kind?
        QCOMPARE(
            rig.request("PUT", QStringLiteral("/api/v1/services/Bad%20Name"), R"({"kind":"openai"})").status,
            400);
        QCOMPARE(rig.request("PUT", QStringLiteral("/api/v1/services/x1"), R"({"kind":"skynet"})").status,
                 400);
        QCOMPARE(rig.request("DELETE", QStringLiteral("/api/v1/services/local-llm")).status, 200);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/services/local-llm")).status, 404);
        QCOMPARE(rig.request("DELETE", QStringLiteral("/api/v1/services/local-llm")).status, 404);
    }

    void breakers()
    {
        ApiRig rig(services());
        const HttpResult list = rig.get(QStringLiteral("/api/v1/breakers"));
        QCOMPARE(list.json().value(QLatin1String("breakers")).toArray().size(), 2);
        const QJsonObject one = rig.get(QStringLiteral("/api/v1/breakers/gemini")).json();
        QCOMPARE(one.value(QLatin1String("state")).toString(), QStringLiteral("CLOSED"));
        QCOMPARE(one.value(QLatin1String("config")).toObject().value(QLatin1String("preset")).toString(),
                 QStringLiteral("seed"));
        QCOMPARE(rig.get(QStringLiteral("/api/v1/breakers/nope")).status, 404);

        const HttpResult forced = rig.post(QStringLiteral("/api/v1/breakers/gemini/force"),
                                           obj({{QStringLiteral("state"), QStringLiteral("FORCED_OPEN")}}));
        QCOMPARE(forced.status, 200);
        QCOMPARE(forced.json().value(QLatin1String("state")).toString(), QStringLiteral("FORCED_OPEN"));
        QCOMPARE(
            rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("x")}})).status,
            503);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/breakers/gemini/force"),
                          obj({{QStringLiteral("state"), QStringLiteral("AJAR")}}))
                     .status,
                 400);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/breakers/gemini/force"), QJsonObject{}).status, 400);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/breakers/nope/force"),
                          obj({{QStringLiteral("state"), QStringLiteral("OPEN")}}))
                     .status,
                 404);

        const QJsonArray transitions = rig.get(QStringLiteral("/api/v1/breakers/gemini/transitions"))
                                           .json()
                                           .value(QLatin1String("transitions"))
                                           .toArray();
        QCOMPARE(transitions.size(), 1);
        QCOMPARE(transitions.at(0).toObject().value(QLatin1String("to")).toString(),
                 QStringLiteral("FORCED_OPEN"));
        QCOMPARE(rig.get(QStringLiteral("/api/v1/breakers/gemini/transitions?limit=0")).status, 400);

        const HttpResult reset = rig.post(QStringLiteral("/api/v1/breakers/gemini/reset"), QByteArray());
        QCOMPARE(reset.json().value(QLatin1String("state")).toString(), QStringLiteral("CLOSED"));
        QCOMPARE(rig.post(QStringLiteral("/api/v1/breakers/reset"), QByteArray())
                     .json()
                     .value(QLatin1String("reset"))
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/breakers/nope/reset"), QByteArray()).status, 404);
    }

    void breakerConfiguration()
    {
        ApiRig rig(services());
        QCOMPARE(rig.get(QStringLiteral("/api/v1/breakers/gemini/config"))
                     .json()
                     .value(QLatin1String("consecutiveFailureThreshold"))
                     .toInt(),
                 3);
        const HttpResult changed = rig.request("PUT", QStringLiteral("/api/v1/breakers/gemini/config"),
                                               R"({"consecutiveFailureThreshold":5})");
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.json().value(QLatin1String("consecutiveFailureThreshold")).toInt(), 5);
        QCOMPARE(rig.get(QStringLiteral("/circuit-breaker/status"))
                     .json()
                     .value(QLatin1String("gemini"))
                     .toObject()
                     .value(QLatin1String("failureThreshold"))
                     .toInt(),
                 5);
        const HttpResult preset = rig.request("PUT", QStringLiteral("/api/v1/breakers/cohere/config"),
                                              R"({"preset":"resilience4j"})");
        QCOMPARE(preset.status, 200);
        QCOMPARE(preset.json().value(QLatin1String("preset")).toString(), QStringLiteral("resilience4j"));
        QCOMPARE(rig.request("PUT", QStringLiteral("/api/v1/breakers/gemini/config"),
                             R"({"consecutiveFailureThreshold":-1})")
                     .status,
                 400);
        QCOMPARE(rig.request("PUT", QStringLiteral("/api/v1/breakers/gemini/config"), R"({"preset":"yolo"})")
                     .status,
                 400);
        QCOMPARE(rig.request("PUT", QStringLiteral("/api/v1/breakers/gemini/config"),
                             R"({"consecutiveFailureThreshold":"3"})")
                     .status,
                 400);
        QCOMPARE(rig.request("PUT", QStringLiteral("/api/v1/breakers/gemini/config"), QByteArray()).status,
                 400);
        QCOMPARE(rig.request("PUT", QStringLiteral("/api/v1/breakers/nope/config"), "{}").status, 404);
        const QJsonArray presets = rig.get(QStringLiteral("/api/v1/breaker-presets"))
                                       .json()
                                       .value(QLatin1String("presets"))
                                       .toArray();
        QStringList names;
        for (const QJsonValue &p : presets)
            names << p.toObject().value(QLatin1String("name")).toString();
        QCOMPARE(names, (QStringList{QStringLiteral("seed"), QStringLiteral("resilience4j"),
                                     QStringLiteral("hystrix"), QStringLiteral("polly")}));
    }

    void chaosExperiments()
    {
        ApiRig rig(services());
        const HttpResult created =
            rig.post(QStringLiteral("/api/v1/chaos/experiments"),
                     obj({{QStringLiteral("targets"), QJsonArray{QStringLiteral("gemini")}},
                          {QStringLiteral("type"), QStringLiteral("latency")},
                          {QStringLiteral("latencyMs"), 5},
                          {QStringLiteral("durationMs"), 60000}}));
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(QLatin1String("id")).toString();
        QCOMPARE(created.header("Location"), (QStringLiteral("/api/v1/chaos/experiments/") + id).toUtf8());
        QCOMPARE(created.json().value(QLatin1String("status")).toString(), QStringLiteral("active"));

        const QJsonObject list = rig.get(QStringLiteral("/api/v1/chaos/experiments")).json();
        QCOMPARE(list.value(QLatin1String("count")).toInt(), 1);
        const HttpResult got = rig.get(QStringLiteral("/api/v1/chaos/experiments/") + id);
        QCOMPARE(got.json().value(QLatin1String("latencyMs")).toInt(), 5);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/chaos/experiments/chaos-404")).status, 404);

        const HttpResult stopped = rig.request("DELETE", QStringLiteral("/api/v1/chaos/experiments/") + id);
        QCOMPARE(stopped.status, 200);
        QCOMPARE(stopped.json().value(QLatin1String("status")).toString(), QStringLiteral("stopped"));
        QCOMPARE(rig.request("DELETE", QStringLiteral("/api/v1/chaos/experiments/") + id).status, 409);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/chaos/experiments/chaos-404/stop"), QByteArray()).status,
                 404);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/chaos/experiments/") + id)
                     .json()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("stopped"));

        for (int i = 0; i < 2; ++i)
            rig.post(QStringLiteral("/api/v1/chaos/experiments"),
                     obj({{QStringLiteral("service"), QStringLiteral("all")},
                          {QStringLiteral("type"), QStringLiteral("unavailable")},
                          {QStringLiteral("duration"), 60}}));
        const QString second = rig.get(QStringLiteral("/api/v1/chaos/experiments"))
                                   .json()
                                   .value(QLatin1String("experiments"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QLatin1String("id"))
                                   .toString();
        QCOMPARE(rig.post(QStringLiteral("/api/v1/chaos/experiments/") + second + QStringLiteral("/stop"),
                          QByteArray())
                     .status,
                 200);
        const HttpResult all = rig.post(QStringLiteral("/api/v1/chaos/stop"), QByteArray());
        QCOMPARE(all.json().value(QLatin1String("stopped")).toInt(), 1);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/chaos/stop"),
                          obj({{QStringLiteral("service"), QStringLiteral("nope")}}))
                     .status,
                 400);
        QCOMPARE(
            rig.get(QStringLiteral("/api/v1/chaos/history")).json().value(QLatin1String("count")).toInt(), 3);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/chaos/history?limit=1"))
                     .json()
                     .value(QLatin1String("count"))
                     .toInt(),
                 1);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/chaos/history?limit=abc")).status, 400);

        QCOMPARE(rig.post(QStringLiteral("/api/v1/chaos/experiments"),
                          obj({{QStringLiteral("type"), QStringLiteral("latency")}}))
                     .status,
                 400);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/chaos/experiments"),
                          obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                               {QStringLiteral("type"), QStringLiteral("latency")},
                               {QStringLiteral("latencyMs"), 999999}}))
                     .status,
                 400);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/chaos/experiments"), QByteArray()).status, 400);
    }

    void requestsWaitOrPoll()
    {
        ApiRig rig({simulatedService(QStringLiteral("gemini"), ProviderKind::Gemini, 30)});
        const HttpResult waited = rig.post(QStringLiteral("/api/v1/requests"),
                                           obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                                                {QStringLiteral("prompt"), QStringLiteral("hello")}}));
        QCOMPARE(waited.status, 200);
        const QJsonObject record = waited.json();
        QCOMPARE(record.value(QLatin1String("outcome")).toString(), QStringLiteral("success"));
        QCOMPARE(record.value(QLatin1String("origin")).toString(), QStringLiteral("api"));
        QCOMPARE(record.value(QLatin1String("attemptList")).toArray().size(), 1);
        const QString firstId = record.value(QLatin1String("id")).toString();
        QCOMPARE(rig.get(QStringLiteral("/api/v1/requests/") + firstId)
                     .json()
                     .value(QLatin1String("id"))
                     .toString(),
                 firstId);

        const HttpResult accepted = rig.post(QStringLiteral("/api/v1/requests?wait=false"),
                                             obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                                                  {QStringLiteral("prompt"), QStringLiteral("later")}}));
        QCOMPARE(accepted.status, 202);
        const QString location = accepted.json().value(QLatin1String("location")).toString();
        QCOMPARE(accepted.header("Location"), location.toUtf8());
        QCOMPARE(accepted.json().value(QLatin1String("status")).toString(), QStringLiteral("pending"));
        HttpResult polled = rig.get(location);
        QVERIFY(polled.status == 202 || polled.status == 200);
        QTRY_COMPARE((polled = rig.get(location)).status, 200);
        QVERIFY(polled.json().value(QLatin1String("response")).toString().contains(QLatin1String("later")));

        QCOMPARE(rig.get(QStringLiteral("/api/v1/requests/987654")).status, 404);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/requests/abc")).status, 400);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/requests"),
                          obj({{QStringLiteral("prompt"), QStringLiteral("x")}}))
                     .status,
                 400);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/requests"),
                          obj({{QStringLiteral("service"), QStringLiteral("nope")},
                               {QStringLiteral("prompt"), QStringLiteral("x")}}))
                     .status,
                 400);
        QVERIFY(errorOf(rig.post(QStringLiteral("/api/v1/requests"),
                                 obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                                      {QStringLiteral("prompt"), QStringLiteral("x")},
                                      {QStringLiteral("temperature"), 2}})))
                    .contains(QLatin1String("temperature")));
        QCOMPARE(rig.post(QStringLiteral("/api/v1/requests?wait=maybe"),
                          obj({{QStringLiteral("service"), QStringLiteral("gemini")},
                               {QStringLiteral("prompt"), QStringLiteral("x")}}))
                     .status,
                 400);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/requests"), QByteArray("[]")).status, 400);
    }

    void automationRuns()
    {
        // Runs still going when the engine stops must not outlive it (a run stopped by the engine's
        // destruction used its clock after the clock was gone).
        ApiRig rig(services());
        const HttpResult started =
            rig.post(QStringLiteral("/api/v1/automation"),
                     obj({{QStringLiteral("services"), QJsonArray{QStringLiteral("gemini")}},
                          {QStringLiteral("intervalMs"), 0},
                          {QStringLiteral("maxInFlight"), 2},
                          {QStringLiteral("maxRequests"), 5}}));
        QCOMPARE(started.status, 201);
        const QString id = started.json().value(QLatin1String("runId")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(started.header("Location"), (QStringLiteral("/api/v1/automation/") + id).toUtf8());
        QTRY_COMPARE(rig.get(QStringLiteral("/api/v1/automation/") + id)
                         .json()
                         .value(QLatin1String("status"))
                         .toObject()
                         .value(QLatin1String("completed"))
                         .toInt(),
                     5);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/automation/") + id)
                     .json()
                     .value(QLatin1String("status"))
                     .toObject()
                     .value(QLatin1String("running")),
                 QJsonValue(false));

        const HttpResult endless = rig.post(QStringLiteral("/api/v1/automation"),
                                            obj({{QStringLiteral("runId"), QStringLiteral("soak")},
                                                 {QStringLiteral("strategy"), QStringLiteral("round_robin")},
                                                 {QStringLiteral("intervalMs"), 20}}));
        QCOMPARE(endless.status, 201);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/automation"),
                          obj({{QStringLiteral("runId"), QStringLiteral("soak")}}))
                     .status,
                 409);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/automation")).json().value(QLatin1String("count")).toInt(),
                 2);
        const HttpResult stopped = rig.post(QStringLiteral("/api/v1/automation/soak/stop"), QByteArray());
        QCOMPARE(stopped.status, 200);
        QCOMPARE(stopped.json()
                     .value(QLatin1String("status"))
                     .toObject()
                     .value(QLatin1String("stopReason"))
                     .toString(),
                 QStringLiteral("stopped via API"));
        QCOMPARE(rig.get(QStringLiteral("/api/v1/automation/nope")).status, 404);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/automation/nope/stop"), QByteArray()).status, 404);

        for (const QByteArray &bad :
             {QByteArray(R"({"strategy":"zigzag"})"), QByteArray(R"({"maxInFlight":0})"),
              QByteArray(R"({"services":["nope"]})"), QByteArray(R"({"services":7})"),
              QByteArray(R"({"colour":"red"})"), QByteArray(R"({"strategy":"single"})"),
              QByteArray(R"({"prompts":[""]})"), QByteArray("{")}) {
            const HttpResult r = rig.post(QStringLiteral("/api/v1/automation"), bad);
            QVERIFY2(r.status == 400, bad.constData());
            QVERIFY(!errorOf(r).isEmpty());
        }
    }

    void healthAndMetrics()
    {
        ApiRig rig(services());
        QCOMPARE(rig.post(QStringLiteral("/api/v1/health/check"), QByteArray())
                     .json()
                     .value(QLatin1String("overall"))
                     .toString(),
                 QStringLiteral("simulated"));
        QCOMPARE(rig.get(QStringLiteral("/api/v1/health"))
                     .json()
                     .value(QLatin1String("services"))
                     .toObject()
                     .size(),
                 2);

        rig.post(QStringLiteral("/ai"), obj({{QStringLiteral("prompt"), QStringLiteral("x")}}));
        QTRY_COMPARE(rig.get(QStringLiteral("/api/v1/metrics"))
                         .json()
                         .value(QLatin1String("overall"))
                         .toObject()
                         .value(QLatin1String("requests"))
                         .toInt(),
                     1);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/metrics"))
                     .json()
                     .value(QLatin1String("services"))
                     .toArray()
                     .size(),
                 2);
        const QJsonObject series =
            rig.get(QStringLiteral("/api/v1/metrics/series?service=gemini&seconds=10")).json();
        QCOMPARE(series.value(QLatin1String("service")).toString(), QStringLiteral("gemini"));
        int total = 0;
        for (const QJsonValue &p : series.value(QLatin1String("points")).toArray())
            total += p.toObject().value(QLatin1String("requests")).toInt();
        QCOMPARE(total, 1);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/metrics/series")).status, 200);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/metrics/series?seconds=0")).status, 400);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/metrics/series?seconds=99999")).status, 400);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/metrics/series?service=nope")).status, 404);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/metrics/reset"), QByteArray()).status, 200);
        QTRY_COMPARE(rig.get(QStringLiteral("/api/v1/metrics"))
                         .json()
                         .value(QLatin1String("overall"))
                         .toObject()
                         .value(QLatin1String("requests"))
                         .toInt(),
                     0);
    }
};

QTEST_GUILESS_MAIN(TestApiV1)
#include "tst_apiv1.moc"
