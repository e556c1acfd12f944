#include "metrics/metricsregistry.h"
#include "metrics/prometheuswriter.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <cmath>

using namespace airm;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;

struct Sample
{
    QByteArray name;
    QMap<QString, QString> labels;
    double value = 0;
};

// A small text-format 0.0.4 validator: collects every rule violation instead of stopping at the first.
struct Exposition
{
    QMap<QByteArray, QByteArray> types; // family -> type
    QList<Sample> samples;
    QStringList errors;

    QList<Sample> find(const QByteArray &name, const QMap<QString, QString> &match = {}) const
    {
        QList<Sample> out;
        for (const Sample &s : samples) {
            if (s.name != name) continue;
            bool ok = true;
            for (auto it = match.cbegin(); it != match.cend(); ++it)
                ok = ok && s.labels.value(it.key()) == it.value();
            if (ok) out.append(s);
        }
        return out;
    }
    double value(const QByteArray &name, const QMap<QString, QString> &match) const
    {
        const QList<Sample> found = find(name, match);
        return found.size() == 1 ? found.first().value : std::nan("");
    }
};

bool parseNumber(const QByteArray &text, double *out)
{
    if (text == "NaN") return *out = std::nan(""), true;
    if (text == "+Inf") return *out = INFINITY, true;
    if (text == "-Inf") return *out = -INFINITY, true;
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

// Parses `name="value",...` with the three escapes the format allows.
bool parseLabels(const QByteArray &text, QMap<QString, QString> *labels)
{
    static const QRegularExpression kLabelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype eq = text.indexOf('=', i);
        if (eq < 0) return false;
        const QString name = QString::fromUtf8(text.mid(i, eq - i));
        if (!kLabelName.match(name).hasMatch() || labels->contains(name)) return false;
        i = eq + 1;
        if (i >= text.size() || text[i] != '"') return false;
        ++i;
        QByteArray value;
        for (;; ++i) {
            if (i >= text.size()) return false;
            const char c = text[i];
            if (c == '"') break;
            if (c == '\n') return false;
            if (c == '\\') {
                if (++i >= text.size()) return false;
                const char e = text[i];
                if (e == 'n')
                    value += '\n';
                else if (e == '\\' || e == '"')
                    value += e;
                else
                    return false;
            } else {
                value += c;
            }
        }
        labels->insert(name, QString::fromUtf8(value));
        ++i; // closing quote
        if (i < text.size()) {
            if (text[i] != ',') return false;
            ++i;
        }
    }
    return true;
}

QByteArray familyOf(const QByteArray &sample, const QMap<QByteArray, QByteArray> &types)
{
    for (const char *suffix : {"_bucket", "_sum", "_count"}) {
        if (!sample.endsWith(suffix)) continue;
        const QByteArray base = sample.left(sample.size() - qsizetype(qstrlen(suffix)));
        if (types.value(base) == "histogram") return base;
    }
    return sample;
}

Exposition validate(const QByteArray &text)
{
    static const QRegularExpression kSample(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$"));
    static const QRegularExpression kName(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    static const QSet<QByteArray> kTypes{"counter", "gauge", "histogram", "summary", "untyped"};
    Exposition e;
    QSet<QByteArray> helped, finished, seriesSeen;
    QByteArray currentFamily;
    if (!text.endsWith('\n')) e.errors << QStringLiteral("no trailing newline");
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n + 1 < lines.size(); ++n) {
        const QByteArray &line = lines[n];
        const QString where = QStringLiteral("line %1: ").arg(n + 1) + QString::fromUtf8(line);
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            const QList<QByteArray> parts = line.mid(7).split(' ');
            const QByteArray &name = parts.value(0);
            if (!kName.match(QString::fromLatin1(name)).hasMatch()) e.errors << where;
            if (finished.contains(name) || currentFamily == name)
                e.errors << QStringLiteral("metadata after samples ") + where;
            if (line.startsWith("# HELP ")) {
                if (helped.contains(name)) e.errors << QStringLiteral("duplicate HELP ") + where;
                helped.insert(name);
            } else {
                if (e.types.contains(name)) e.errors << QStringLiteral("duplicate TYPE ") + where;
                if (parts.size() != 2 || !kTypes.contains(parts.value(1)))
                    e.errors << QStringLiteral("bad TYPE ") + where;
                e.types.insert(name, parts.value(1));
            }
            continue;
        }
        if (line.startsWith('#') || line.isEmpty()) {
            e.errors << QStringLiteral("unexpected line ") + where;
            continue;
        }
        const QRegularExpressionMatch m = kSample.match(QString::fromUtf8(line));
        if (!m.hasMatch()) {
            e.errors << QStringLiteral("bad sample ") + where;
            continue;
        }
        Sample s;
        s.name = m.captured(1).toLatin1();
        if (!parseLabels(m.captured(3).toUtf8(), &s.labels))
            e.errors << QStringLiteral("bad labels ") + where;
        if (!parseNumber(m.captured(4).toLatin1(), &s.value))
            e.errors << QStringLiteral("bad number ") + where;
        const QByteArray family = familyOf(s.name, e.types);
        if (!e.types.contains(family) || !helped.contains(family))
            e.errors << QStringLiteral("sample before HELP/TYPE ") + where;
        if (family != currentFamily) {
            if (finished.contains(family)) e.errors << QStringLiteral("family not contiguous ") + where;
            finished.insert(currentFamily);
            currentFamily = family;
        }
        QByteArray key = s.name;
        for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
            key += ',' + it.key().toUtf8() + '=' + it.value().toUtf8();
        if (seriesSeen.contains(key)) e.errors << QStringLiteral("duplicate series ") + where;
        seriesSeen.insert(key);
        e.samples.append(s);
    }

    // Histograms: per label set, buckets in rising le order, cumulative, +Inf equal to _count.
    for (auto t = e.types.cbegin(); t != e.types.cend(); ++t) {
        if (t.value() != "histogram") continue;
        QMap<QString, QList<Sample>> byLabels;
        for (const Sample &s : e.find(t.key() + "_bucket")) {
            QMap<QString, QString> rest = s.labels;
            rest.remove(QStringLiteral("le"));
            QString key;
            for (auto it = rest.cbegin(); it != rest.cend(); ++it)
                key += it.key() + u'=' + it.value() + u',';
            byLabels[key].append(s);
            if (!s.labels.contains(QStringLiteral("le"))) e.errors << QStringLiteral("bucket without le");
        }
        for (auto it = byLabels.cbegin(); it != byLabels.cend(); ++it) {
            double lastLe = -INFINITY, lastCount = 0;
            for (const Sample &b : it.value()) {
                double le = 0;
                if (!parseNumber(b.labels.value(QStringLiteral("le")).toLatin1(), &le) || le <= lastLe)
                    e.errors << QStringLiteral("le not rising in ") + it.key();
                if (b.value < lastCount) e.errors << QStringLiteral("bucket not cumulative in ") + it.key();
                lastLe = le;
                lastCount = b.value;
            }
            if (!std::isinf(lastLe)) e.errors << QStringLiteral("no +Inf bucket in ") + it.key();
            QMap<QString, QString> rest = it.value().first().labels;
            rest.remove(QStringLiteral("le"));
            if (e.value(t.key() + "_count", rest) != lastCount)
                e.errors << QStringLiteral("+Inf != _count in ") + it.key();
            if (std::isnan(e.value(t.key() + "_sum", rest)))
                e.errors << QStringLiteral("no _sum in ") + it.key();
        }
    }
    return e;
}

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
        const Exposition e = validate(text);
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
        for (const Sample &s : e.samples) {
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
        const Exposition e = validate(text);
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
        const Exposition e = validate(PrometheusWriter::render(snap));
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
        for (const QString &n : {QStringLiteral("a"), QStringLiteral("b")}) {
            const QList<Sample> states =
                e.find("airm_circuitbreaker_state", labels({{QStringLiteral("service"), n}}));
            QCOMPARE(states.size(), 6);
            double sum = 0;
            for (const Sample &s : states)
                sum += s.value;
            QCOMPARE(sum, 1.0);
            const QList<Sample> health =
                e.find("airm_service_health", labels({{QStringLiteral("service"), n}}));
            QCOMPARE(health.size(), 7);
            sum = 0;
            for (const Sample &s : health)
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
        const Exposition e = validate(PrometheusWriter::render(snap));
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));

        const QList<Sample> buckets = e.find("airm_request_duration_seconds_bucket");
        QCOMPARE(buckets.size(), qsizetype(std::size(kPrometheusBucketsMs)) + 1);
        for (const Sample &b : buckets) {
            double le = 0;
            QVERIFY(parseNumber(b.labels.value(QStringLiteral("le")).toLatin1(), &le));
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
        const Exposition e = validate(PrometheusWriter::render(snap));
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
        const Exposition e = validate(PrometheusWriter::render(snap) + PrometheusWriter::renderExtras(x));
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
        const Exposition e = validate(text);
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
