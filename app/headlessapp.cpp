#include "headlessapp.h"

#include "common/unixsignals.h"
#include "engine/automationrun.h"
#include "engine/enginehost.h"
#include "engine/runsummary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

namespace airm {

HeadlessApp::HeadlessApp(CommandLine options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

HeadlessApp::~HeadlessApp()
{
    delete m_host;
}

void HeadlessApp::logLine(const QString &line) const
{
    QTextStream(stderr) << QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) << ' ' << line
                        << Qt::endl;
}

int HeadlessApp::exec()
{
    m_host = new EngineHost(m_options.config.engine, m_options.config.services);
    RequestEngine *engine = m_host->engine();

    for (const ServiceConfig &s : std::as_const(m_options.config.services))
        logLine(
            QStringLiteral("service %1 (%2, %3): %4")
                .arg(s.name, toString(s.kind), s.model,
                     s.simulated()
                         ? QStringLiteral("SIMULATED, no key in %1").arg(s.keyEnv.join(QLatin1String("/")))
                         : QStringLiteral("real, %1").arg(s.baseUrl.toString())));

    connect(engine, &RequestEngine::breakerTransitioned, this, [this](const BreakerTransition &t) {
        logLine(QStringLiteral("breaker %1: %2 -> %3 (%4)")
                    .arg(t.service, toString(t.from), toString(t.to), t.reason));
    });
    connect(engine, &RequestEngine::chaosStarted, this, [this](const ActiveChaos &c) {
        logLine(QStringLiteral("chaos %1 started: %2 on %3")
                    .arg(c.id, toString(c.type), c.targets.join(QLatin1Char(','))));
    });
    connect(engine, &RequestEngine::chaosEnded, this, [this](const ActiveChaos &c, const QString &reason) {
        logLine(QStringLiteral("chaos %1 ended: %2 (touched %3 requests)").arg(c.id, reason).arg(c.touched));
    });
    if (m_options.verbose)
        connect(engine, &RequestEngine::requestFinished, this, [this](const RequestRecord &r) {
            logLine(QStringLiteral("request %1 %2 %3 %4 ms%5%6")
                        .arg(r.id)
                        .arg(r.servedBy, toString(r.outcome))
                        .arg(r.latencyMs, 0, 'f', 0)
                        .arg(r.errorClass == ErrorClass::None ? QString()
                                                              : QStringLiteral(" ") + toString(r.errorClass),
                             r.simulated ? QStringLiteral(" [simulated]") : QString()));
        });

    QString chaosError;
    const QList<ChaosSpec> chaos = m_options.chaos;
    m_host->call([&](RequestEngine &e) {
        for (const ChaosSpec &spec : chaos) {
            QString error;
            e.injectChaos(spec, &error);
            if (!error.isEmpty() && chaosError.isEmpty()) chaosError = error;
        }
    });
    if (!chaosError.isEmpty()) {
        QTextStream(stderr) << "ai-resilience-monitor: --chaos: " << chaosError << Qt::endl;
        return 2;
    }

    UnixSignals signalWatcher;
    QElapsedTimer elapsed;
    elapsed.start();
    int exitCode = 0;
    connect(&signalWatcher, &UnixSignals::terminationRequested, this, [this](int sig) {
        logLine(QStringLiteral("signal %1: shutting down").arg(sig));
        QCoreApplication::exit(0);
    });

    if (m_options.requests > 0) {
        AutomationConfig ac;
        ac.runId = QStringLiteral("cli");
        ac.strategy = m_options.service == QLatin1String("all") ? AutomationConfig::Strategy::RoundRobin
                                                                : AutomationConfig::Strategy::Single;
        if (m_options.service != QLatin1String("all")) ac.services = {m_options.service};
        ac.intervalMs = m_options.intervalMs;
        ac.maxInFlight = m_options.concurrency;
        ac.maxRequests = m_options.requests;
        m_host->post([ac](RequestEngine &e) {
            auto *run = new AutomationRun(e, ac, &e);
            QObject::connect(run, &AutomationRun::finished, run, [run] {
                run->deleteLater();
                QMetaObject::invokeMethod(QCoreApplication::instance(), [] { QCoreApplication::exit(0); });
            });
            run->start();
        });
        logLine(QStringLiteral("batch: %1 requests to %2, interval %3 ms, concurrency %4")
                    .arg(m_options.requests)
                    .arg(m_options.service)
                    .arg(m_options.intervalMs)
                    .arg(m_options.concurrency));
        QCoreApplication::exec();
        exitCode = finishBatch(elapsed.elapsed());
    } else {
        logLine(QStringLiteral("engine running with %1 services; Ctrl+C stops")
                    .arg(m_options.config.services.size()));
        QCoreApplication::exec();
    }
    m_host->stop(5000);
    return exitCode;
}

int HeadlessApp::finishBatch(qint64 elapsedMs)
{
    MetricsSnapshot snapshot;
    QList<BreakerTransition> transitions;
    m_host->call([&](RequestEngine &e) {
        snapshot = e.snapshot();
        transitions = e.transitions(QString());
    });
    const RunSummary summary(snapshot, transitions, elapsedMs);
    if (m_options.summary) QTextStream(stdout) << summary.toTable();
    if (!m_options.summaryJsonPath.isEmpty()) {
        QFile f(m_options.summaryJsonPath);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(QJsonDocument(summary.toJson()).toJson()) < 0) {
            QTextStream(stderr) << "ai-resilience-monitor: cannot write " << m_options.summaryJsonPath << ": "
                                << f.errorString() << Qt::endl;
            return 2;
        }
    }
    return 0;
}

} // namespace airm
