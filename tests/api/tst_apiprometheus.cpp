// GET /prometheus (and GET /metrics for a scraper) checked by the strict text-format parser of tests/support:
// every sample has HELP and TYPE, families are contiguous, label values are escaped, histograms are
// cumulative and end in +Inf with _count equal to it; and the series the issue names exist with their labels
// and plausible values.
#include "apitestrig.h"

#include "api/historyprovider.h"
#include "prometheusparser.h"

#include <cmath>

using namespace airm;
using namespace airm::test;

namespace {

QMap<QString, QString> labels(std::initializer_list<std::pair<const char *, QString>> list)
{
    QMap<QString, QString> m;
    for (const auto &[k, v] : list)
        m.insert(QString::fromLatin1(k), v);
    return m;
}

class StatusOnlyHistory final : public HistoryProvider
{
public:
    ApiHistoryPage requests(const HistoryQuery &) override { return {}; }
    ApiHistoryPage breakerEvents(const HistoryQuery &) override { return {}; }
    ApiHistoryPage chaosExperiments(const HistoryQuery &) override { return {}; }
    HistoryResult statistics(const HistoryQuery &) override { return {}; }
    HistoryResult errorPatterns(const HistoryQuery &) override { return {}; }
    HistoryResult trends(const HistoryQuery &) override { return {}; }
    HistoryResult databaseStats() override { return {}; }
    QByteArray exportRequests(const HistoryQuery &, ExportFormat, QString *, QString *) override
    {
        return {};
    }
    qint64 logRequest(const RequestRecord &, QString *) override { return 1; }
    StorageStatus status() const override { return {42, true, {}}; }
};

} // namespace

class TestApiPrometheus : public QObject
{
    Q_OBJECT
private slots:
    void exposesTheNamedSeriesInValidText()
    {
        StatusOnlyHistory history;
        EngineConfig config;
        config.fallback.enabled = true;
        config.fallback.order = {QStringLiteral("gemini"), QStringLiteral("cohere")};
        ApiRig rig({simulatedService(QStringLiteral("gemini")),
                    simulatedService(QStringLiteral("cohere"), ProviderKind::Cohere)},
                   {}, config, &history);
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        // Failures on gemini fall back to cohere; a latency experiment stays active on everything.
        QCOMPARE(rig.post(QStringLiteral("/chaos/inject"),
                          QJsonObject{{QStringLiteral("service"), QStringLiteral("gemini")},
                                      {QStringLiteral("type"), QStringLiteral("failure")},
                                      {QStringLiteral("intensity"), 100},
                                      {QStringLiteral("duration"), 60}})
                     .status,
                 200);
        QCOMPARE(rig.post(QStringLiteral("/chaos/inject"),
                          QJsonObject{{QStringLiteral("service"), QStringLiteral("all")},
                                      {QStringLiteral("type"), QStringLiteral("latency")},
                                      {QStringLiteral("intensity"), 1},
                                      {QStringLiteral("duration"), 60}})
                     .status,
                 200);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(
                rig.post(QStringLiteral("/ai"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("x")}})
                    .status,
                200);

        PrometheusText e;
        QTRY_VERIFY((e = parsePrometheusText(rig.get(QStringLiteral("/prometheus")).body))
                        .value("airm_fallbacks_total", labels({{"from", QStringLiteral("gemini")},
                                                               {"to", QStringLiteral("cohere")}})) == 2.0);
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(QLatin1Char('\n'))));

        const QList<std::pair<QByteArray, QStringList>> required{
            {"airm_requests_total", {QStringLiteral("service"), QStringLiteral("outcome")}},
            {"airm_request_duration_seconds_bucket", {QStringLiteral("service"), QStringLiteral("le")}},
            {"airm_circuitbreaker_state", {QStringLiteral("service"), QStringLiteral("state")}},
            {"airm_circuitbreaker_calls_total", {QStringLiteral("service"), QStringLiteral("kind")}},
            {"airm_circuitbreaker_not_permitted_calls_total", {QStringLiteral("service")}},
            {"airm_circuitbreaker_failure_rate", {QStringLiteral("service")}},
            {"airm_circuitbreaker_slow_call_rate", {QStringLiteral("service")}},
            {"airm_chaos_experiments_active", {QStringLiteral("service"), QStringLiteral("type")}},
            {"airm_chaos_injected_faults_total", {QStringLiteral("service"), QStringLiteral("type")}},
            {"airm_tokens_total", {QStringLiteral("service"), QStringLiteral("direction")}},
            {"airm_cost_usd_total", {QStringLiteral("service")}},
            {"airm_retries_total", {QStringLiteral("service")}},
            {"airm_fallbacks_total", {QStringLiteral("from"), QStringLiteral("to")}},
            {"airm_storage_queue_depth", {}},
            {"airm_storage_degraded", {}},
            {"airm_build_info", {QStringLiteral("version")}},
            {"process_resident_memory_bytes", {}},
            {"process_cpu_seconds_total", {}},
            {"process_start_time_seconds", {}},
            {"process_open_fds", {}},
        };
        for (const auto &[name, keys] : required) {
            const QList<PrometheusSample> found = e.find(name);
            QVERIFY2(!found.isEmpty(), name.constData());
            for (const PrometheusSample &s : found) {
                QStringList got = s.labels.keys();
                QStringList want = keys;
                got.sort();
                want.sort();
                QVERIFY2(got == want,
                         QByteArray(name + ": " + got.join(QLatin1Char(',')).toUtf8()).constData());
            }
        }
        QCOMPARE(e.types.value("airm_request_duration_seconds"), QByteArray("histogram"));
        QCOMPARE(e.value("airm_circuitbreaker_state", labels({{"service", QStringLiteral("gemini")},
                                                              {"state", QStringLiteral("closed")}})),
                 1.0);
        QCOMPARE(e.value("airm_chaos_experiments_active", labels({{"service", QStringLiteral("cohere")},
                                                                  {"type", QStringLiteral("latency")}})),
                 1.0);
        QCOMPARE(e.value("airm_chaos_experiments_active", labels({{"service", QStringLiteral("gemini")},
                                                                  {"type", QStringLiteral("failure")}})),
                 1.0);
        QCOMPARE(e.value("airm_chaos_injected_faults_total", labels({{"service", QStringLiteral("gemini")},
                                                                     {"type", QStringLiteral("failure")}})),
                 2.0);
        QCOMPARE(e.value("airm_requests_total", labels({{"service", QStringLiteral("gemini")},
                                                        {"outcome", QStringLiteral("success")}})),
                 2.0);
        QCOMPARE(e.value("airm_storage_queue_depth"), 42.0);
        QCOMPARE(e.value("airm_storage_degraded"), 1.0);
        QVERIFY(e.value("process_resident_memory_bytes") > 1e6);
        QVERIFY(e.value("process_open_fds") > 3);
        QVERIFY(std::abs(e.value("process_start_time_seconds") - double(QDateTime::currentSecsSinceEpoch())) <
                3600);
    }

    void scrapeOfMetricsIsTheSameText()
    {
        ApiRig rig({simulatedService(QStringLiteral("gemini"))});
        const HttpResult r = rig.get(QStringLiteral("/metrics"), {{"Accept", "text/plain;version=0.0.4"}});
        QCOMPARE(r.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        const PrometheusText e = parsePrometheusText(r.body);
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(QLatin1Char('\n'))));
        QVERIFY(!e.find("airm_requests_total").isEmpty());
        QVERIFY(e.find("airm_storage_queue_depth").isEmpty()); // no storage configured: not invented
    }
};

QTEST_GUILESS_MAIN(TestApiPrometheus)
#include "tst_apiprometheus.moc"
