// Engine throughput: (1) a zero-latency simulated transport on one engine thread, (2) real HTTP to the
// loopback mock provider, with the engine's own added latency (request latency minus time on the wire).
// Prints JSON.
#include "engine/requestengine.h"
#include "metrics/latencyhistogram.h"
#include "mockproviderserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <cstdio>

using namespace airm;

namespace {

struct Result
{
    qint64 requests = 0;
    double seconds = 0;
    qint64 failures = 0;
    LatencyHistogram overhead; // ms
    LatencyHistogram latency;  // ms
};

Result drive(RequestEngine &engine, const QStringList &services, qint64 total, int window)
{
    Result result;
    qint64 submitted = 0;
    QElapsedTimer timer;
    QObject::connect(&engine, &RequestEngine::requestFinished, &engine, [&](const RequestRecord &r) {
        ++result.requests;
        if (!r.succeeded()) ++result.failures;
        double onWire = 0;
        for (const AttemptRecord &a : r.attemptList)
            onWire += a.latencyMs;
        result.overhead.record(std::max(0.0, r.latencyMs - onWire));
        result.latency.record(r.latencyMs);
        if (submitted < total) {
            engine.submit(
                {services.at(int(submitted % services.size())), QStringLiteral("benchmark prompt")});
            ++submitted;
        }
        if (result.requests == total) QCoreApplication::exit(0);
    });
    timer.start();
    for (; submitted < std::min<qint64>(window, total); ++submitted)
        engine.submit({services.at(int(submitted % services.size())), QStringLiteral("benchmark prompt")});
    QCoreApplication::exec();
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

QJsonObject toJson(const char *name, const Result &r, double target)
{
    const double rps = double(r.requests) / r.seconds;
    return {{QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("requests"), r.requests},
            {QStringLiteral("failures"), r.failures},
            {QStringLiteral("seconds"), r.seconds},
            {QStringLiteral("requests_per_s"), qRound(rps)},
            {QStringLiteral("target_requests_per_s"), target},
            {QStringLiteral("engine_overhead_p50_ms"), r.overhead.quantileMs(0.5)},
            {QStringLiteral("engine_overhead_p99_ms"), r.overhead.quantileMs(0.99)},
            {QStringLiteral("latency_p50_ms"), r.latency.quantileMs(0.5)},
            {QStringLiteral("latency_p99_ms"), r.latency.quantileMs(0.99)},
            {QStringLiteral("within_target"), rps >= target}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 simulatedTotal = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    const qint64 httpTotal = argc > 2 ? QByteArray(argv[2]).toLongLong() : 100'000;
    const int httpWindow = argc > 3 ? QByteArray(argv[3]).toInt() : 16;
    QJsonArray results;

    {
        QList<ServiceConfig> services;
        for (const char *name : {"gemini", "cohere", "huggingface"}) {
            ServiceConfig s =
                defaultServiceFor(*providerKindFromString(QLatin1String(name)), QLatin1String(name));
            s.apiKey.clear();
            s.simulation.latencyMinMs = s.simulation.latencyMaxMs = 0;
            s.simulation.failurePct = 0;
            services << s;
        }
        EngineConfig cfg;
        cfg.seed = 1;
        RequestEngine engine(cfg, services);
        results.append(toJson("simulated_zero_latency",
                              drive(engine, engine.serviceNames(), simulatedTotal, 1000), 100'000));
    }

    {
        QThread serverThread;
        QObject context;
        context.moveToThread(&serverThread);
        serverThread.start();
        test::MockProviderServer *mock = nullptr;
        QMetaObject::invokeMethod(
            &context,
            [&] {
                mock = new test::MockProviderServer;
                mock->setRecording(false);
            },
            Qt::BlockingQueuedConnection);
        ServiceConfig s = defaultServiceFor(ProviderKind::OpenAi, QStringLiteral("local"));
        s.baseUrl = mock->baseUrl();
        s.apiKey = QStringLiteral("bench");
        EngineConfig cfg;
        cfg.seed = 1;
        {
            RequestEngine engine(cfg, {s});
            results.append(toJson("loopback_mock_http",
                                  drive(engine, {QStringLiteral("local")}, httpTotal, httpWindow), 10'000));
        }
        QMetaObject::invokeMethod(
            &context, [&] { delete mock; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    }

    const QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("engine")},
                          {QStringLiteral("results"), results},
                          {QStringLiteral("target_engine_overhead_p99_ms"), 1.0}};
    std::fputs(QJsonDocument(out).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
    return 0;
}
