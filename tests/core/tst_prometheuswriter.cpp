#include "metrics/metricsregistry.h"
#include "metrics/prometheuswriter.h"
#include "prometheusparser.h"

#include <QTest>
#include <cmath>

using namespace airm;
using namespace airm::test;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;

RequestRecord makeRecord(const QString &service, qint64 finishedAtMs, double latencyMs,
                         Outcome outcome = Outcome::Success, ErrorClass error = ErrorClass::None)
{
    RequestRecord r;
    r.service = service;
    r.finishedAtMs = finishedAtMs;
    r.startedAtMs = finishedAtMs - qint64(latencyMs);
    r.latencyMs = latencyMs;
    r.outcome = outcome;
    r.errorClass = error;
    r.attempts = 1;
    return r;
}

// Three services with mixed traffic, breaker and health states filled in as the engine would.
MetricsSnapshot busySnapshot(const QStringList &names)
{
    MetricsRegistry reg;
    reg.reset(kT0);
    const Outcome outcomes[] = {Outcome::Success, Outcome::Success, Outcome::Failure, Outcome::Timeout,
                                Outcome::Rejected};
    const ErrorClass errors[] = {ErrorClass::None, ErrorClass::None, ErrorClass::ServerError,
                                 ErrorClass::Timeout, ErrorClass::Rejected};
    for (int i = 0; i < 3000; ++i) {
        RequestRecord r = makeRecord(names[i % names.size()], kT0 + i * 50, 3.0 + (i % 97) * 41.3,
                                     outcomes[i % 5], errors[i % 5]);
        r.inputTokens = 12;
        r.outputTokens = 40;
        r.costUsd = 0.0001;
        r.attempts = 1 + i % 3;
        r.simulated = i % 2;
        reg.record(r);
    }
    MetricsSnapshot snap = reg.snapshot(kT0 + 3000 * 50);
    const BreakerState states[] = {BreakerState::Closed, BreakerState::Open, BreakerState::HalfOpen};
    for (qsizetype i = 0; i < snap.services.size(); ++i) {
        snap.services[i].breaker.state = states[i % 3];
        snap.services[i].breaker.failureRatePct = i == 0 ? -1.0 : 37.5;
        snap.services[i].breaker.openCount = i;
        snap.services[i].breaker.notPermittedCalls = 10 * i;
        snap.services[i].health = HealthState::Degraded;
        snap.services[i].simulated = i == 1;
    }
    snap.activeChaos.append(ActiveChaos{});
    return snap;
}

QMap<QString, QString> labels(std::initializer_list<std::pair<QString, QString>> list)
{
    QMap<QString, QString> m;
    for (const auto &[k, v] : list)
        m.insert(k, v);
    return m;
}

} // namespace

class TestPrometheusWriter : public QObject
{
    Q_OBJECT

private slots:
    void outputIsValid_data()
    {
        QTest::addColumn<QStringList>("services");
        QTest::addRow("no services") << QStringList{};
        QTest::addRow("three services")
            << QStringList{QStringLiteral("gemini"), QStringLiteral("cohere"), QStringLiteral("openai")};
        QTest::addRow("names that need escaping")
            << QStringList{QStringLiteral("a\"b"), QStringLiteral("back\\slash"), QStringLiteral("new\nline"),
                           QStringLiteral("unicodé ✓")};
    }

    void outputIsValid()
    {
        QFETCH(QStringList, services);
        const MetricsSnapshot snap =
            busySnapshot(services.isEmpty() ? QStringList{QStringLiteral("x")} : services);
        MetricsSnapshot used = snap;
        if (services.isEmpty()) used.services.clear();
        const QByteArray text = PrometheusWriter::render(used);
        const PrometheusText e = parsePrometheusText(text);
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));

        const QList<QByteArray> families{"airm_requests_total",
                                         "airm_errors_total",
                                         "airm_request_duration_seconds",
                                         "airm_request_latency_seconds",
                                         "airm_tokens_total",
                                         "airm_cost_usd_total",
                                         "airm_chaos_affected_requests_total",
                                         "airm_simulated_requests_total",
                                         "airm_retries_total",
                                         "airm_fallbacks_total",
                                         "airm_service_simulated",
                                         "airm_service_health",
                                         "airm_circuitbreaker_state",
                                         "airm_circuitbreaker_not_permitted_calls_total",
                                         "airm_circuitbreaker_calls_total",
                                         "airm_circuitbreaker_failure_rate",
                                         "airm_circuitbreaker_slow_call_rate",
                                         "airm_circuitbreaker_opens_total",
                                         "airm_chaos_active_experiments",
                                         "airm_chaos_experiments_active",
                                         "airm_chaos_injected_faults_total",
                                         "airm_requests_per_second",
                                         "airm_uptime_seconds",
                                         "airm_build_info"};
        for (const QByteArray &f : families)
            QVERIFY2(e.types.contains(f), f.constData());
        QCOMPARE(e.types.value("airm_request_duration_seconds"), QByteArray("histogram"));
        QCOMPARE(e.types.value("airm_requests_total"), QByteArray("counter"));
        QCOMPARE(e.types.value("airm_circuitbreaker_state"), QByteArray("gauge"));

        // Every per-service series names one of the services, never the "all" aggregate.
        for (const PrometheusSample &s : e.samples) {
            const QString svc = s.labels.value(QStringLiteral("service"));
            QVERIFY2(!s.labels.contains(QStringLiteral("name")),
                     s.name.constData()); // "service", as resilience4j
            if (s.labels.contains(QStringLiteral("service")))
                QVERIFY2(services.contains(svc), qPrintable(svc));
        }
        for (const QString &svc : services) {
            const ServiceMetrics *m = snap.service(svc);
            QVERIFY(m);
            QCOMPARE(e.value("airm_requests_total",
                             labels({{QStringLiteral("service"), svc},
                                     {QStringLiteral("outcome"), QStringLiteral("success")}})),
                     double(m->successes));
            QCOMPARE(
                e.value("airm_request_duration_seconds_count", labels({{QStringLiteral("service"), svc}})),
                double(m->latencyAll.count));
        }
        QCOMPARE(e.value("airm_chaos_active_experiments", {}), 1.0);
        QCOMPARE(
            e.value("airm_build_info", labels({{QStringLiteral("version"), QStringLiteral(AIRM_VERSION)}})),
            1.0);
    }

    void labelValuesAreEscaped_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("escaped");
        QTest::addRow("quote") << QStringLiteral("my\"svc") << QByteArray("service=\"my\\\"svc\"");
        QTest::addRow("backslash") << QStringLiteral("a\\b") << QByteArray("service=\"a\\\\b\"");
        QTest::addRow("newline") << QStringLiteral("a\nb") << QByteArray("service=\"a\\nb\"");
        QTest::addRow("all three") << QStringLiteral("\\\"\n") << QByteArray("service=\"\\\\\\\"\\n\"");
        QTest::addRow("utf-8") << QStringLiteral("ü") << QByteArray("service=\"\xc3\xbc\"");
    }

    void labelValuesAreEscaped()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, escaped);
        MetricsSnapshot snap;
        ServiceMetrics m;
        m.name = name;
        snap.services.append(m);
        const QByteArray text = PrometheusWriter::render(snap);
        const QByteArray line = "airm_requests_total{" + escaped + ",outcome=\"success\"} 0\n";
        QVERIFY2(text.contains(line), line.constData());
        const PrometheusText e = parsePrometheusText(text);
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
        QCOMPARE(e.find("airm_cost_usd_total").first().labels.value(QStringLiteral("service")), name);
        QCOMPARE(e.find("airm_circuitbreaker_opens_total").first().labels.value(QStringLiteral("service")),
                 name);
    }

    void breakerStateIsOneHot_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("label");
        QTest::addRow("closed") << int(BreakerState::Closed) << QStringLiteral("closed");
        QTest::addRow("open") << int(BreakerState::Open) << QStringLiteral("open");
        QTest::addRow("half open") << int(BreakerState::HalfOpen) << QStringLiteral("half_open");
        QTest::addRow("forced open") << int(BreakerState::ForcedOpen) << QStringLiteral("forced_open");
        QTest::addRow("disabled") << int(BreakerState::Disabled) << QStringLiteral("disabled");
        QTest::addRow("metrics only") << int(BreakerState::MetricsOnly) << QStringLiteral("metrics_only");
    }

    void breakerStateIsOneHot()
    {
        QFETCH(int, state);
        QFETCH(QString, label);
        MetricsSnapshot snap;
        for (const QString &n : {QStringLiteral("a"), QStringLiteral("b")}) {
            ServiceMetrics m;
            m.name = n;
            snap.services.append(m);
        }
        snap.services[0].breaker.state = BreakerState(state);
        snap.services[0].health = HealthState::Down;
        const PrometheusText e = parsePrometheusText(PrometheusWriter::render(snap));
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
        for (const QString &n : {QStringLiteral("a"), QStringLiteral("b")}) {
            const QList<PrometheusSample> states =
                e.find("airm_circuitbreaker_state", labels({{QStringLiteral("service"), n}}));
            QCOMPARE(states.size(), 6);
            double sum = 0;
            for (const PrometheusSample &s : states)
                sum += s.value;
            QCOMPARE(sum, 1.0);
            const QList<PrometheusSample> health =
                e.find("airm_service_health", labels({{QStringLiteral("service"), n}}));
            QCOMPARE(health.size(), 7);
            sum = 0;
            for (const PrometheusSample &s : health)
                sum += s.value;
            QCOMPARE(sum, 1.0);
        }
        QCOMPARE(
            e.value("airm_circuitbreaker_state", labels({{QStringLiteral("service"), QStringLiteral("a")},
                                                         {QStringLiteral("state"), label}})),
            1.0);
        QCOMPARE(e.value("airm_circuitbreaker_state",
                         labels({{QStringLiteral("service"), QStringLiteral("b")},
                                 {QStringLiteral("state"), QStringLiteral("closed")}})),
                 1.0);
        QCOMPARE(e.value("airm_service_health", labels({{QStringLiteral("service"), QStringLiteral("a")},
                                                        {QStringLiteral("state"), QStringLiteral("down")}})),
                 1.0);
    }

    void histogramMatchesTheSnapshot()
    {
        MetricsRegistry reg;
        const QList<double> latencies{2, 5, 7.5, 100, 100.5, 2400, 45000, 70000};
        for (double l : latencies)
            reg.record(makeRecord(QStringLiteral("svc"), kT0, l));
        reg.record(makeRecord(QStringLiteral("svc"), kT0, 0, Outcome::Rejected, ErrorClass::Rejected));
        const MetricsSnapshot snap = reg.snapshot(kT0 + 100);
        const PrometheusText e = parsePrometheusText(PrometheusWriter::render(snap));
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));

        const QList<PrometheusSample> buckets = e.find("airm_request_duration_seconds_bucket");
        QCOMPARE(buckets.size(), qsizetype(std::size(kPrometheusBucketsMs)) + 1);
        for (const PrometheusSample &b : buckets) {
            double le = 0;
            QVERIFY(parsePrometheusNumber(b.labels.value(QStringLiteral("le")).toLatin1(), &le));
            const auto expected =
                std::count_if(latencies.begin(), latencies.end(), [&](double l) { return l / 1000.0 <= le; });
            QCOMPARE(b.value, double(expected));
        }
        QCOMPARE(buckets.first().labels.value(QStringLiteral("le")), QStringLiteral("0.005"));
        QCOMPARE(buckets.last().labels.value(QStringLiteral("le")), QStringLiteral("+Inf"));
        double sum = 0;
        for (double l : latencies)
            sum += l;
        QVERIFY(std::abs(e.value("airm_request_duration_seconds_sum", {}) - sum / 1000.0) < 1e-12);
        QCOMPARE(e.value("airm_request_duration_seconds_count", {}), double(latencies.size()));
        QCOMPARE(
            e.value("airm_requests_total", labels({{QStringLiteral("outcome"), QStringLiteral("rejected")}})),
            1.0);
        QCOMPARE(e.value("airm_errors_total",
                         labels({{QStringLiteral("error_class"), QStringLiteral("rejected")}})),
                 1.0);
        QCOMPARE(e.find("airm_errors_total").size(), 11);
    }

    void chaosAndFallbackSeries()
    {
        MetricsSnapshot snap;
        for (const QString &n : {QStringLiteral("a"), QStringLiteral("b")}) {
            ServiceMetrics m;
            m.name = n;
            snap.services.append(m);
        }
        snap.services[0].chaosFaultsByType.insert(ChaosType::Failure, 4);
        ActiveChaos onA;
        onA.type = ChaosType::Latency;
        onA.targets = {QStringLiteral("a")};
        ActiveChaos onAll;
        onAll.type = ChaosType::Latency;
        onAll.targets = {QStringLiteral("all")};
        snap.activeChaos = {onA, onAll};
        snap.fallbacksByRoute.insert({QStringLiteral("a"), QStringLiteral("b")}, 3);
        const PrometheusText e = parsePrometheusText(PrometheusWriter::render(snap));
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
        QCOMPARE(e.value("airm_chaos_injected_faults_total",
                         labels({{QStringLiteral("service"), QStringLiteral("a")},
                                 {QStringLiteral("type"), QStringLiteral("failure")}})),
                 4.0);
        QCOMPARE(e.find("airm_chaos_injected_faults_total").size(), 2 * 7);
        QCOMPARE(e.value("airm_chaos_experiments_active",
                         labels({{QStringLiteral("service"), QStringLiteral("a")},
                                 {QStringLiteral("type"), QStringLiteral("latency")}})),
                 2.0);
        QCOMPARE(e.value("airm_chaos_experiments_active",
                         labels({{QStringLiteral("service"), QStringLiteral("b")},
                                 {QStringLiteral("type"), QStringLiteral("latency")}})),
                 1.0);
        QCOMPARE(e.value("airm_fallbacks_total", labels({{QStringLiteral("from"), QStringLiteral("a")},
                                                         {QStringLiteral("to"), QStringLiteral("b")}})),
                 3.0);
    }

    void extrasAreValidAndDisjoint()
    {
        PrometheusExtras x;
        x.storageKnown = true;
        x.storageQueueDepth = 12;
        x.storageDegraded = true;
        x.processKnown = true;
        x.residentMemoryBytes = 20e6;
        x.cpuUserSeconds = 1.5;
        x.cpuSystemSeconds = 0.25;
        x.startTimeSeconds = 1.7e9;
        x.openFds = 17;
        x.maxFds = 1024;
        x.httpKnown = true;
        x.httpResponses.insert({QStringLiteral("GET"), QStringLiteral("200")}, 5);
        x.httpRejected.insert(QStringLiteral("body_too_large"), 1);
        MetricsSnapshot snap;
        ServiceMetrics m;
        m.name = QStringLiteral("s");
        snap.services.append(m);
        const PrometheusText e =
            parsePrometheusText(PrometheusWriter::render(snap) + PrometheusWriter::renderExtras(x));
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
        QCOMPARE(e.value("airm_storage_queue_depth", {}), 12.0);
        QCOMPARE(e.value("airm_storage_degraded", {}), 1.0);
        QCOMPARE(e.value("process_cpu_seconds_total", {}), 1.75);
        QCOMPARE(e.value("process_open_fds", {}), 17.0);
        QCOMPARE(e.types.value("process_resident_memory_bytes"), QByteArray("gauge"));
        QCOMPARE(
            e.value("airm_http_responses_total", labels({{QStringLiteral("method"), QStringLiteral("GET")},
                                                         {QStringLiteral("code"), QStringLiteral("200")}})),
            5.0);
        QVERIFY(PrometheusWriter::renderExtras({}).isEmpty()); // unknown sources are left out
    }

    void valuesAndUnits()
    {
        MetricsSnapshot snap;
        snap.startedAtMs = kT0;
        snap.takenAtMs = kT0 + 90500;
        ServiceMetrics m;
        m.name = QStringLiteral("s");
        m.inputTokens = 9'000'000'000'123; // beyond 2^32 and float precision, printed exactly
        m.outputTokens = 7;
        m.costUsd = 12.345;
        m.retries = 3;
        m.latency1m.count = 0; // empty window: quantiles are NaN
        m.latencyAll.count = 4;
        m.latencyAll.p50Ms = 250;
        m.latencyAll.p99Ms = 1500;
        m.requestsPerSecond = 2.5;
        m.breaker.failureRatePct = -1;
        m.breaker.slowCallRatePct = 12.5;
        m.breaker.successfulCalls = 5;
        m.breaker.failedCalls = 2;
        m.breaker.openCount = 4;
        snap.services.append(m);
        const QByteArray text = PrometheusWriter::render(snap);
        const PrometheusText e = parsePrometheusText(text);
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));

        QVERIFY(text.contains("airm_tokens_total{service=\"s\",direction=\"input\"} 9000000000123\n"));
        QCOMPARE(
            e.value("airm_tokens_total", labels({{QStringLiteral("direction"), QStringLiteral("output")}})),
            7.0);
        QVERIFY(text.contains("airm_cost_usd_total{service=\"s\"} 12.345\n"));
        QCOMPARE(e.value("airm_retries_total", {}), 3.0);
        QCOMPARE(e.value("airm_uptime_seconds", {}), 90.5);
        QCOMPARE(e.value("airm_requests_per_second", {}), 2.5);
        QCOMPARE(e.value("airm_circuitbreaker_failure_rate", {}), -1.0);
        QCOMPARE(e.value("airm_circuitbreaker_slow_call_rate", {}), 12.5);
        QCOMPARE(e.value("airm_circuitbreaker_opens_total", {}), 4.0);
        QCOMPARE(e.value("airm_circuitbreaker_calls_total",
                         labels({{QStringLiteral("kind"), QStringLiteral("failed")}})),
                 2.0);
        QCOMPARE(e.value("airm_request_latency_seconds",
                         labels({{QStringLiteral("window"), QStringLiteral("all")},
                                 {QStringLiteral("quantile"), QStringLiteral("0.5")}})),
                 0.25);
        QCOMPARE(e.value("airm_request_latency_seconds",
                         labels({{QStringLiteral("window"), QStringLiteral("all")},
                                 {QStringLiteral("quantile"), QStringLiteral("0.99")}})),
                 1.5);
        QVERIFY(std::isnan(e.value("airm_request_latency_seconds",
                                   labels({{QStringLiteral("window"), QStringLiteral("1m")},
                                           {QStringLiteral("quantile"), QStringLiteral("0.5")}}))));
        QCOMPARE(e.find("airm_request_latency_seconds").size(), 12);
        QCOMPARE(e.value("airm_service_simulated", {}), 0.0);
        QCOMPARE(e.value("airm_chaos_active_experiments", {}), 0.0);
    }

    void contentType()
    {
        QCOMPARE(PrometheusWriter::contentType(), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusWriter)
#include "tst_prometheuswriter.moc"
