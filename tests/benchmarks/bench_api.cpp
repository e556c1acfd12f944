// Throughput of the HTTP API in process (engine and API on their threads, the mock provider on a third),
// loaded by wrk from a second process on loopback with 16 connections: GET /test, GET /metrics (JSON), GET
// /prometheus with 5 services, POST /ai through the engine to the zero-latency mock provider, and the process
// RSS once 1,000,000 requests have been served. Prints one JSON object. The load generator and the server
// share the machine's cores, so the figures are what this box can do with both on it.
// Usage: bench_api [--seconds N] [--connections N] [--wrk PATH]
#include "api/apihost.h"
#include "api/processstats.h"
#include "engine/enginehost.h"
#include "mockproviderserver.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>

using namespace airm;

namespace {

struct WrkResult
{
    bool ok = false;
    double rps = 0;
    qint64 requests = 0;
    qint64 errors = 0; // socket errors and non-2xx answers
    double p50Ms = 0, p90Ms = 0, p99Ms = 0;
    QString error;
};

double toMs(const QString &value)
{
    static const QRegularExpression re(QStringLiteral("^([0-9.]+)(us|ms|s|m)$"));
    const auto m = re.match(value.trimmed());
    if (!m.hasMatch()) return -1;
    const double v = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    return unit == QLatin1String("us")   ? v / 1000
           : unit == QLatin1String("ms") ? v
           : unit == QLatin1String("s")  ? v * 1000
                                         : v * 60000;
}

WrkResult runWrk(const QString &wrk, const QString &url, int connections, int seconds,
                 const QString &script = {})
{
    QStringList args{QStringLiteral("-t1"), QStringLiteral("-c%1").arg(connections),
                     QStringLiteral("-d%1s").arg(seconds), QStringLiteral("--latency")};
    if (!script.isEmpty()) args << QStringLiteral("-s") << script;
    args << url;
    QProcess p;
    p.start(wrk, args);
    WrkResult r;
    if (!p.waitForFinished(seconds * 1000 + 30'000) || p.exitCode() != 0) {
        r.error = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
        if (r.error.isEmpty()) r.error = QStringLiteral("wrk failed");
        return r;
    }
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
    const auto number = [&](const QString &pattern) {
        const auto m = QRegularExpression(pattern).match(out);
        return m.hasMatch() ? m.captured(1) : QString();
    };
    r.rps = number(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).toDouble();
    r.requests = number(QStringLiteral("([0-9]+) requests in")).toLongLong();
    r.errors = number(QStringLiteral("Non-2xx or 3xx responses:\\s+([0-9]+)")).toLongLong();
    const auto socketErrors =
        QRegularExpression(
            QStringLiteral("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)"))
            .match(out);
    if (socketErrors.hasMatch())
        for (int i = 1; i <= 4; ++i)
            r.errors += socketErrors.captured(i).toLongLong();
    r.p50Ms = toMs(number(QStringLiteral("\\n\\s+50%\\s+(\\S+)")));
    r.p90Ms = toMs(number(QStringLiteral("\\n\\s+90%\\s+(\\S+)")));
    r.p99Ms = toMs(number(QStringLiteral("\\n\\s+99%\\s+(\\S+)")));
    r.ok = r.requests > 0;
    return r;
}

QJsonObject report(const WrkResult &r, double targetRps, double p99TargetMs = -1)
{
    QJsonObject o{{QStringLiteral("rps"), qRound(r.rps)},  {QStringLiteral("requests"), r.requests},
                  {QStringLiteral("errors"), r.errors},    {QStringLiteral("p50Ms"), r.p50Ms},
                  {QStringLiteral("p90Ms"), r.p90Ms},      {QStringLiteral("p99Ms"), r.p99Ms},
                  {QStringLiteral("targetRps"), targetRps}};
    bool pass = r.ok && r.errors == 0 && r.rps >= targetRps;
    if (p99TargetMs > 0) {
        o.insert(QStringLiteral("p99TargetMs"), p99TargetMs);
        pass = pass && r.p99Ms >= 0 && r.p99Ms < p99TargetMs;
    }
    o.insert(QStringLiteral("pass"), pass);
    if (!r.error.isEmpty()) o.insert(QStringLiteral("error"), r.error);
    return o;
}

ServiceConfig simulated(const QString &name, ProviderKind kind)
{
    ServiceConfig c = defaultServiceFor(kind, name);
    c.apiKey.clear();
    c.keyEnv.clear();
    c.simulation.latencyMinMs = 0;
    c.simulation.latencyMaxMs = 0;
    c.simulation.failurePct = 0;
    return c;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int seconds = 5, connections = 16;
    QString only; // profile one case: test, metrics, prometheus, ai, ai-simulated
    QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--seconds")) seconds = args[i + 1].toInt();
        if (args[i] == QLatin1String("--connections")) connections = args[i + 1].toInt();
        if (args[i] == QLatin1String("--wrk")) wrk = args[i + 1];
        if (args[i] == QLatin1String("--only")) only = args[i + 1];
    }
    if (wrk.isEmpty()) {
        std::printf("{\"benchmark\":\"api\",\"error\":\"wrk is not installed (packaging/install-deps.sh "
                    "installs it)\"}\n");
        return 1;
    }

    // The mock provider serves on its own thread, as a remote provider would.
    QThread mockThread;
    mockThread.start();
    QObject mockContext;
    mockContext.moveToThread(&mockThread);
    test::MockProviderServer *mock = nullptr;
    QMetaObject::invokeMethod(
        &mockContext,
        [&mock] {
            mock = new test::MockProviderServer;
            mock->setRecording(false);
        },
        Qt::BlockingQueuedConnection);

    ServiceConfig real = defaultServiceFor(ProviderKind::OpenAi, QStringLiteral("mock"));
    real.baseUrl = mock->baseUrl();
    real.apiKey = QStringLiteral("bench-key");
    real.keyEnv.clear();
    EngineConfig engineConfig;
    engineConfig.breaker.consecutiveFailureThreshold = 0; // measure the path, not the breaker's opinion
    EngineHost engine(engineConfig, {simulated(QStringLiteral("gemini"), ProviderKind::Gemini),
                                     simulated(QStringLiteral("cohere"), ProviderKind::Cohere),
                                     simulated(QStringLiteral("huggingface"), ProviderKind::HuggingFace),
                                     simulated(QStringLiteral("anthropic"), ProviderKind::Anthropic), real});
    ApiSettings settings;
    settings.port = 0;
    ApiHost api(&engine, settings);
    if (const QString error = api.start(); !error.isEmpty()) {
        std::printf("{\"benchmark\":\"api\",\"error\":\"%s\"}\n", qPrintable(error));
        return 1;
    }
    const QString base = api.baseUrl();

    QTemporaryDir dir;
    const auto writeScript = [&dir](const QString &name, const QByteArray &service) {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return QString();
        f.write("wrk.method = \"POST\"\n"
                "wrk.body = '{\"service\":\"" +
                service +
                "\",\"prompt\":\"What is a circuit breaker?\"}'\n"
                "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        return path;
    };
    const QString script = writeScript(QStringLiteral("ai.lua"), "mock");
    const QString simulatedScript = writeScript(QStringLiteral("ai-simulated.lua"), "gemini");
    if (script.isEmpty() || simulatedScript.isEmpty()) return 1;

    if (!only.isEmpty()) {
        const bool post = only.startsWith(QLatin1String("ai"));
        const QString path = post ? QStringLiteral("/ai") : QLatin1Char('/') + only;
        const WrkResult r = runWrk(wrk, base + path, connections, seconds,
                                   only == QLatin1String("ai") ? script
                                   : post                      ? simulatedScript
                                                               : QString());
        std::printf("%s\n", QJsonDocument(report(r, 0)).toJson(QJsonDocument::Compact).constData());
        api.stop();
        engine.stop();
        QMetaObject::invokeMethod(
            &mockContext, [mock] { delete mock; }, Qt::BlockingQueuedConnection);
        mockThread.quit();
        mockThread.wait();
        return 0;
    }

    // Warm up the connection pools and caches.
    runWrk(wrk, base + QStringLiteral("/test"), connections, 1);
    runWrk(wrk, base + QStringLiteral("/ai"), connections, 1, script);

    qint64 served = 0;
    const WrkResult test = runWrk(wrk, base + QStringLiteral("/test"), connections, seconds);
    const WrkResult metrics = runWrk(wrk, base + QStringLiteral("/metrics"), connections, seconds);
    const WrkResult prometheus = runWrk(wrk, base + QStringLiteral("/prometheus"), connections, seconds);
    const WrkResult ai = runWrk(wrk, base + QStringLiteral("/ai"), connections, seconds, script);
    // The same route against a zero-latency simulated service: the API and engine without the HTTP client.
    const WrkResult aiSimulated =
        runWrk(wrk, base + QStringLiteral("/ai"), connections, seconds, simulatedScript);
    served = test.requests + metrics.requests + prometheus.requests + ai.requests + aiSimulated.requests;

    // Keep serving until a million requests went through (a mix of the routes above), then read the RSS.
    const qint64 kRssRequests = 1'000'000;
    int round = 0;
    while (served < kRssRequests && round < 200) {
        const WrkResult more =
            round % 3 == 2   ? runWrk(wrk, base + QStringLiteral("/ai"), connections, 2, script)
            : round % 3 == 1 ? runWrk(wrk, base + QStringLiteral("/metrics"), connections, 2)
                             : runWrk(wrk, base + QStringLiteral("/test"), connections, 2);
        if (!more.ok) break;
        served += more.requests;
        ++round;
    }
    const double rssMb = double(ProcessStats::residentBytes()) / (1024.0 * 1024.0);

    api.stop();
    engine.stop();
    QMetaObject::invokeMethod(
        &mockContext, [mock] { delete mock; }, Qt::BlockingQueuedConnection);
    mockThread.quit();
    mockThread.wait();

    const QJsonObject out{
        {QStringLiteral("benchmark"), QStringLiteral("api")},
        {QStringLiteral("loadGenerator"),
         QStringLiteral("wrk -t1 -c%1 -d%2s --latency").arg(connections).arg(seconds)},
        {QStringLiteral("cores"), QThread::idealThreadCount()},
        {QStringLiteral("eventDispatcher"),
         QString::fromLatin1(QCoreApplication::eventDispatcher()->metaObject()->className())},
        {QStringLiteral("getTest"), report(test, 50'000)},
        {QStringLiteral("getMetricsJson"), report(metrics, 30'000)},
        {QStringLiteral("getPrometheus5Services"), report(prometheus, 10'000)},
        {QStringLiteral("postAiMockProvider"), report(ai, 15'000, 5.0)},
        {QStringLiteral("postAiSimulatedZeroLatency"), report(aiSimulated, 15'000, 5.0)},
        {QStringLiteral("rss"),
         QJsonObject{{QStringLiteral("requestsServed"), served},
                     {QStringLiteral("vmRssMb"), qRound(rssMb * 10) / 10.0},
                     {QStringLiteral("targetMb"), 60},
                     {QStringLiteral("pass"), served >= kRssRequests && rssMb <= 60.0}}},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
