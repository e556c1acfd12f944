// GET /prometheus (and GET /metrics for a scraper) checked by a strict text-format parser: every sample has
// HELP and TYPE, families are contiguous, label values are escaped, histograms are cumulative and end in +Inf
// with _count equal to it; and the series the issue names exist with their labels and plausible values.
#include "apitestrig.h"

#include "api/historyprovider.h"

#include <QRegularExpression>
#include <QSet>
#include <cmath>

using namespace airm;
using namespace airm::test;

namespace {

struct Sample
{
    QByteArray name;
    QMap<QString, QString> labels;
    double value = 0;
};

struct Exposition
{
    QMap<QByteArray, QByteArray> types;
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
            if (ok) out << s;
        }
        return out;
    }
    double value(const QByteArray &name, const QMap<QString, QString> &match = {}) const
    {
        const QList<Sample> found = find(name, match);
        return found.size() == 1 ? found.first().value : std::nan("");
    }
};

bool parseValue(const QByteArray &text, double *out)
{
    if (text == "NaN") return *out = std::nan(""), true;
    if (text == "+Inf") return *out = INFINITY, true;
    if (text == "-Inf") return *out = -INFINITY, true;
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

bool parseLabels(const QByteArray &text, QMap<QString, QString> *labels)
{
    static const QRegularExpression name(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype eq = text.indexOf('=', i);
        if (eq < 0) return false;
        const QString key = QString::fromUtf8(text.mid(i, eq - i));
        if (!name.match(key).hasMatch() || labels->contains(key)) return false;
        i = eq + 1;
        if (i >= text.size() || text.at(i) != '"') return false;
        QByteArray value;
        for (++i;; ++i) {
            if (i >= text.size() || text.at(i) == '\n') return false;
            const char c = text.at(i);
            if (c == '"') break;
            if (c == '\\') {
                if (++i >= text.size()) return false;
                const char e = text.at(i);
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
        labels->insert(key, QString::fromUtf8(value));
        if (++i < text.size()) {
            if (text.at(i) != ',') return false;
            ++i;
        }
    }
    return true;
}

Exposition parse(const QByteArray &text)
{
    static const QRegularExpression sampleRe(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$"));
    static const QSet<QByteArray> kinds{"counter", "gauge", "histogram", "summary", "untyped"};
    Exposition e;
    QSet<QByteArray> help, done;
    QByteArray current;
    if (!text.endsWith('\n')) e.errors << QStringLiteral("no trailing newline");
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n + 1 < lines.size(); ++n) {
        const QByteArray &line = lines.at(n);
        const QString where = QStringLiteral(" (line %1: %2)").arg(n + 1).arg(QString::fromUtf8(line));
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            const QList<QByteArray> parts = line.mid(7).split(' ');
            const QByteArray family = parts.value(0);
            if (done.contains(family) || current == family)
                e.errors << QStringLiteral("metadata after samples") + where;
            if (line.startsWith("# HELP ")) {
                if (help.contains(family)) e.errors << QStringLiteral("second HELP") + where;
                help.insert(family);
            } else {
                if (e.types.contains(family)) e.errors << QStringLiteral("second TYPE") + where;
                if (parts.size() != 2 || !kinds.contains(parts.value(1)))
                    e.errors << QStringLiteral("bad TYPE") + where;
                e.types.insert(family, parts.value(1));
            }
            continue;
        }
        if (line.isEmpty() || line.startsWith('#')) {
            e.errors << QStringLiteral("unexpected line") + where;
            continue;
        }
        const QRegularExpressionMatch m = sampleRe.match(QString::fromUtf8(line));
        if (!m.hasMatch()) {
            e.errors << QStringLiteral("bad sample") + where;
            continue;
        }
        Sample s;
        s.name = m.captured(1).toUtf8();
        if (!parseLabels(m.captured(3).toUtf8(), &s.labels)) e.errors << QStringLiteral("bad labels") + where;
        if (!parseValue(m.captured(4).toUtf8(), &s.value)) e.errors << QStringLiteral("bad value") + where;
        QByteArray family = s.name;
        for (const char *suffix : {"_bucket", "_sum", "_count"})
            if (s.name.endsWith(suffix) &&
                e.types.value(s.name.chopped(qsizetype(qstrlen(suffix)))) == "histogram")
                family = s.name.chopped(qsizetype(qstrlen(suffix)));
        if (!e.types.contains(family) || !help.contains(family))
            e.errors << QStringLiteral("sample without HELP/TYPE") + where;
        if (family != current) {
            if (done.contains(family)) e.errors << QStringLiteral("family split") + where;
            done.insert(current);
            current = family;
        }
        e.samples << s;
    }
    for (auto t = e.types.cbegin(); t != e.types.cend(); ++t) {
        if (t.value() != "histogram") continue;
        QMap<QString, QList<Sample>> series;
        for (const Sample &b : e.find(t.key() + "_bucket")) {
            QMap<QString, QString> rest = b.labels;
            rest.remove(QStringLiteral("le"));
            QStringList key;
            for (auto it = rest.cbegin(); it != rest.cend(); ++it)
                key << it.key() + QLatin1Char('=') + it.value();
            series[key.join(QLatin1Char(','))] << b;
        }
        for (auto it = series.cbegin(); it != series.cend(); ++it) {
            double lastLe = -INFINITY, lastCount = 0;
            for (const Sample &b : it.value()) {
                double le = 0;
                if (!parseValue(b.labels.value(QStringLiteral("le")).toUtf8(), &le) || le <= lastLe)
                    e.errors << QStringLiteral("le not increasing in ") + it.key();
                if (b.value < lastCount) e.errors << QStringLiteral("buckets not cumulative in ") + it.key();
                lastLe = le;
                lastCount = b.value;
            }
            if (!std::isinf(lastLe)) e.errors << QStringLiteral("no +Inf bucket in ") + it.key();
            QMap<QString, QString> rest = it.value().first().labels;
            rest.remove(QStringLiteral("le"));
            if (e.value(t.key() + "_count", rest) != lastCount)
                e.errors << QStringLiteral("_count != +Inf in ") + it.key();
        }
    }
    return e;
}

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

        Exposition e;
        QTRY_VERIFY((e = parse(rig.get(QStringLiteral("/prometheus")).body))
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
            const QList<Sample> found = e.find(name);
            QVERIFY2(!found.isEmpty(), name.constData());
            for (const Sample &s : found) {
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
        const Exposition e = parse(r.body);
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(QLatin1Char('\n'))));
        QVERIFY(!e.find("airm_requests_total").isEmpty());
        QVERIFY(e.find("airm_storage_queue_depth").isEmpty()); // no storage configured: not invented
    }
};

QTEST_GUILESS_MAIN(TestApiPrometheus)
#include "tst_apiprometheus.moc"
