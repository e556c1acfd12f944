#include "headlessapp.h"

#include "configreloader.h"
#include "logging.h"

#include "alerts/alertmanager.h"
#include "api/apihost.h"
#include "api/apiserver.h"
#include "api/storagehistoryprovider.h"
#include "common/unixsignals.h"
#include "engine/automationrun.h"
#include "engine/enginehost.h"
#include "engine/runsummary.h"
#include "scenarios/planlibrary.h"
#include "scenarios/reportbuilder.h"
#include "scenarios/scenarioservice.h"
#include "settings/keystore.h"
#include "storage/databaselocation.h"
#include "storage/historyrecorder.h"
#include "storage/storagewriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>

Q_LOGGING_CATEGORY(lcHeadless, "airm.headless")

namespace airm {
namespace {

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

// Loads names from the store and waits for every answer (each keychain job has a timeout): headless, this
// runs before the engine, when nothing else needs the event loop. The keys found, by name.
QHash<QString, QString> loadAndWait(KeyStore &store, const QStringList &names)
{
    QHash<QString, QString> found;
    QObject::connect(&store, &KeyStore::keyLoaded, &store,
                     [&found](const QString &name, const QString &key) { found.insert(name, key); });
    QEventLoop loop;
    QObject::connect(&store, &KeyStore::loadFinished, &loop, &QEventLoop::quit);
    store.load(names);
    loop.exec();
    return found;
}

void printError(const QString &message)
{
    QTextStream(stderr) << "ai-resilience-monitor: " << message << Qt::endl;
}

} // namespace

HeadlessApp::HeadlessApp(CommandLine options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

HeadlessApp::~HeadlessApp()
{
    shutdown();
}

int HeadlessApp::exec()
{
    logging::install(m_options.logFormat, m_options.logLevel);
    if (m_options.checkConfig) return checkConfig();
    m_startedWallMs = QDateTime::currentMSecsSinceEpoch();
    int exitCode = start();
    if (exitCode == 0) {
        if (m_options.requests > 0)
            exitCode = runBatch();
        else if (!m_options.scenario.isEmpty())
            exitCode = runScenario();
        else
            exitCode = runService();
    }
    shutdown();
    return exitCode;
}

int HeadlessApp::start()
{
    if (m_options.keychain) readKeychain();
    m_host = new EngineHost(m_options.config.engine, m_options.config.services);
    for (const ServiceConfig &s : std::as_const(m_options.config.services))
        qCInfo(lcHeadless).noquote()
            << QStringLiteral("service %1 (%2, %3): %4")
                   .arg(s.name, toString(s.kind), s.model,
                        s.simulated()
                            ? QStringLiteral("SIMULATED, no key in %1").arg(s.keyEnv.join(QLatin1String("/")))
                            : QStringLiteral("real, %1").arg(s.baseUrl.toString()));
    connectEngineLog();
    if (!openHistory() || !injectChaos()) return 2;
    m_scenarios = std::make_unique<ScenarioService>(*m_host, ReportStore());
    if (m_history) m_scenarios->setWriter(m_history->writer());
    connect(m_scenarios.get(), &ScenarioService::output, this,
            [](const QString &line) { qCInfo(lcHeadless).noquote() << QStringLiteral("scenario: ") + line; });
    startAlerts();
    const bool serviceMode = m_options.requests <= 0 && m_options.scenario.isEmpty();
    const bool wantApi = !m_options.noApi && (serviceMode || m_options.apiExplicit);
    if (wantApi && !startApi()) return 2;
    return 0;
}

int HeadlessApp::checkConfig()
{
    // The command line and the file were read and validated already; what else a start would refuse:
    QStringList problems;
    if (!m_options.noDb) {
        QString error;
        DatabaseLocation::parse(m_options.config.databasePath, &error);
        if (!error.isEmpty()) problems << QStringLiteral("database: %1").arg(error);
    }
    if (!m_options.noApi)
        if (const QString error = m_options.config.api.validate(); !error.isEmpty()) problems << error;
    for (const QString &problem : std::as_const(problems))
        printError(problem);
    if (!problems.isEmpty()) return 2;
    QTextStream(stdout) << QJsonDocument(m_options.config.toJson()).toJson(QJsonDocument::Indented);
    QTextStream(stderr) << "ai-resilience-monitor: configuration is valid ("
                        << m_options.config.services.size() << " services)" << Qt::endl;
    return 0;
}

void HeadlessApp::readKeychain()
{
    readSmtpPasswordFromKeychain();
    QStringList wanted;
    for (const ServiceConfig &s : std::as_const(m_options.config.services))
        if (s.requiresKey && s.apiKey.isEmpty() && !s.forceSimulation) wanted << s.name;
    if (wanted.isEmpty()) {
        qCInfo(lcHeadless) << "keychain: not read, every service has its key";
        return;
    }
    KeyStore::Config config;
    config.timeoutMs = kKeychainTimeoutMs;
    KeyStore store(config);
    const QHash<QString, QString> keys = loadAndWait(store, wanted);
    QStringList found;
    for (ServiceConfig &s : m_options.config.services)
        if (const auto key = keys.constFind(s.name); key != keys.cend()) {
            s.apiKey = key.value();
            s.keySource = QStringLiteral("keychain");
            found << s.name;
        }
    const auto names = [](const QStringList &list) { return list.join(QLatin1String(", ")); };
    if (store.backend() == KeyStore::Backend::Unavailable) {
        qCWarning(lcHeadless).noquote() << QStringLiteral("keychain: not available (%1); without a key: %2")
                                               .arg(store.unavailableReason(), names(wanted));
        return;
    }
    QStringList missing = wanted;
    for (const QString &name : std::as_const(found))
        missing.removeAll(name);
    qCInfo(lcHeadless).noquote() << QStringLiteral("keychain: keys for %1; none for %2")
                                        .arg(found.isEmpty() ? QStringLiteral("no service") : names(found),
                                             missing.isEmpty() ? QStringLiteral("no service")
                                                               : names(missing));
}

void HeadlessApp::readSmtpPasswordFromKeychain()
{
    SmtpSettings &email = m_options.config.alerts.channels.email;
    if (!email.isEnabled() || email.username.isEmpty() || !email.password.isEmpty() ||
        qEnvironmentVariableIsSet("AIRM_SMTP_PASSWORD"))
        return;
    KeyStore::Config config = KeyStore::smtpPasswordConfig();
    config.timeoutMs = kKeychainTimeoutMs;
    KeyStore store(config);
    email.password = loadAndWait(store, {KeyStore::smtpPasswordName()}).value(KeyStore::smtpPasswordName());
    if (!email.password.isEmpty()) qCInfo(lcHeadless) << "keychain: SMTP password for the e-mail alerts";
}

void HeadlessApp::connectEngineLog()
{
    RequestEngine *engine = m_host->engine();
    connect(engine, &RequestEngine::breakerTransitioned, this, [](const BreakerTransition &t) {
        qCInfo(lcHeadless).noquote() << QStringLiteral("breaker %1: %2 -> %3 (%4)")
                                            .arg(t.service, toString(t.from), toString(t.to), t.reason);
    });
    connect(engine, &RequestEngine::chaosStarted, this, [](const ActiveChaos &c) {
        qCInfo(lcHeadless).noquote() << QStringLiteral("chaos %1 started: %2 on %3")
                                            .arg(c.id, toString(c.type), c.targets.join(QLatin1Char(',')));
    });
    connect(engine, &RequestEngine::chaosEnded, this, [](const ActiveChaos &c, const QString &reason) {
        qCInfo(lcHeadless).noquote()
            << QStringLiteral("chaos %1 ended: %2 (touched %3 requests)").arg(c.id, reason).arg(c.touched);
    });
    if (m_options.verbose)
        connect(engine, &RequestEngine::requestFinished, this, [](const RequestRecord &r) {
            qCInfo(lcHeadless).noquote()
                << QStringLiteral("request %1 %2 %3 %4 ms%5%6")
                       .arg(r.id)
                       .arg(r.servedBy, toString(r.outcome))
                       .arg(r.latencyMs, 0, 'f', 0)
                       .arg(r.errorClass == ErrorClass::None ? QString()
                                                             : QStringLiteral(" ") + toString(r.errorClass),
                            r.simulated ? QStringLiteral(" [simulated]") : QString());
        });
}

bool HeadlessApp::openHistory()
{
    if (m_options.noDb) {
        qCInfo(lcHeadless) << "history: not recorded (--no-db)";
        return true;
    }
    m_history = std::make_unique<HistoryRecorder>(m_options.config.databasePath);
    if (!m_history->isOpen()) {
        printError(QStringLiteral("--db: %1").arg(m_history->error()));
        m_history.reset();
        return false;
    }
    m_history->attach(m_host);
    qCInfo(lcHeadless).noquote() << QStringLiteral("history: %1").arg(m_history->location());
    connect(m_history.get(), &HistoryRecorder::stateChanged, this,
            [last = StorageState::Health::Starting](const StorageState &s) mutable {
                if (s.health == last) return;
                last = s.health;
                if (s.isDegraded())
                    qCWarning(lcHeadless).noquote()
                        << QStringLiteral(
                               "history degraded: %1 (%2 queued, %3 in the journal; nothing is lost)")
                               .arg(s.reason)
                               .arg(s.queued)
                               .arg(s.journaled);
                else if (s.isOk())
                    qCInfo(lcHeadless) << "history: writing";
            });
    m_historyProvider = std::make_unique<StorageHistoryProvider>(m_history->database(), m_history->writer());
    return true;
}

void HeadlessApp::startAlerts()
{
    m_alerts = std::make_unique<AlertManager>();
    m_alerts->setConfig(m_options.config.alerts); // validated when the config was read
    RequestEngine *engine = m_host->engine();
    connect(engine, &RequestEngine::breakerTransitioned, m_alerts.get(), &AlertManager::onTransition);
    connect(engine, &RequestEngine::snapshotPublished, m_alerts.get(), &AlertManager::onSnapshot);
    if (m_history) {
        m_alerts->setStorage(m_history->writer());
        connect(m_history.get(), &HistoryRecorder::stateChanged, m_alerts.get(),
                &AlertManager::onStorageState);
    }
    connect(m_scenarios.get(), &ScenarioService::finished, m_alerts.get(), [this](const RunResult &r) {
        m_alerts->onScenarioFinished(r.runId, r.plan.name, !r.hypothesisHeld(),
                                     r.status == RunStatus::Aborted, r.reason);
    });
    connect(m_alerts.get(), &AlertManager::alertRaised, this, [this](const AlertRecord &a) {
        qCWarning(lcHeadless).noquote()
            << QStringLiteral("alert %1 [%2]%3: %4")
                   .arg(a.rule, a.severity, a.service.isEmpty() ? QString() : QStringLiteral(" ") + a.service,
                        a.message);
        if (m_api && m_api->server())
            QMetaObject::invokeMethod(m_api->server(), "publishAlert", Qt::QueuedConnection,
                                      Q_ARG(QJsonObject, a.toJson()));
    });
    connect(m_alerts.get(), &AlertManager::deliveryChanged, this, [](const AlertDelivery &d) {
        if (d.status == AlertDelivery::Status::Failed)
            qCWarning(lcHeadless).noquote()
                << QStringLiteral("alert %1 not delivered to %2 after %3 attempts: %4")
                       .arg(d.alertId, toString(d.channel))
                       .arg(d.attempts)
                       .arg(d.lastError);
    });
}

bool HeadlessApp::injectChaos()
{
    QString chaosError;
    const QList<ChaosSpec> chaos = m_options.chaos;
    m_host->call([&](RequestEngine &e) {
        for (const ChaosSpec &spec : chaos) {
            QString error;
            e.injectChaos(spec, &error);
            if (!error.isEmpty() && chaosError.isEmpty()) chaosError = error;
        }
    });
    if (chaosError.isEmpty()) return true;
    printError(QStringLiteral("--chaos: %1").arg(chaosError));
    return false;
}

bool HeadlessApp::startApi()
{
    m_api =
        std::make_unique<ApiHost>(m_host, m_options.config.api, m_historyProvider.get(), m_scenarios.get());
    m_api->setAlerts(m_alerts.get());
    const QString error = m_api->start();
    if (!error.isEmpty()) {
        printError(QStringLiteral("API: %1").arg(error));
        m_api.reset();
        return false;
    }
    qCInfo(lcHeadless).noquote() << QStringLiteral("API listening on %1%2")
                                        .arg(m_api->baseUrl(), m_options.config.api.token.isEmpty()
                                                                   ? QString()
                                                                   : QStringLiteral(" (token required)"));
    return true;
}

int HeadlessApp::runBatch()
{
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
    qCInfo(lcHeadless).noquote() << QStringLiteral("batch: %1 requests to %2, interval %3 ms, concurrency %4")
                                        .arg(m_options.requests)
                                        .arg(m_options.service)
                                        .arg(m_options.intervalMs)
                                        .arg(m_options.concurrency);
    UnixSignals signalWatcher;
    connect(&signalWatcher, &UnixSignals::terminationRequested, this, [](int sig) {
        qCInfo(lcHeadless).noquote() << QStringLiteral("signal %1: stopping the batch").arg(sig);
        QCoreApplication::exit(130);
    });
    QElapsedTimer elapsed;
    elapsed.start();
    const int loopCode = QCoreApplication::exec();
    int exitCode = finishBatch(elapsed.elapsed());
    if (!writeLiveReport() && exitCode == 0) exitCode = 2;
    return loopCode != 0 ? loopCode : exitCode;
}

int HeadlessApp::runScenario()
{
    QString error;
    const Plan plan = PlanLibrary::load(m_options.scenario, &error);
    if (!error.isEmpty()) {
        printError(QStringLiteral("--scenario %1: %2").arg(m_options.scenario, error));
        return 2;
    }
    ScenarioRunner::Options options;
    options.timeScale = m_options.timeScale;
    if (m_options.durationMs > 0) options.maxDurationMs = m_options.durationMs;
    int exitCode = 2;
    connect(m_scenarios.get(), &ScenarioService::finished, this,
            [this, &exitCode](const RunResult &result, const QStringList &files, const QString &saveError) {
                exitCode = result.exitCode();
                const ReportBundle report = m_scenarios->lastReport();
                QTextStream(stdout) << QString::fromUtf8(report.summaryText) << Qt::flush;
                if (!saveError.isEmpty())
                    qCWarning(lcHeadless).noquote()
                        << QStringLiteral("report files not saved: %1").arg(saveError);
                else
                    qCInfo(lcHeadless).noquote()
                        << QStringLiteral("report files in %1: %2")
                               .arg(m_scenarios->store().directory(), files.join(QLatin1String(", ")));
                if (!m_options.reportPath.isEmpty()) {
                    QString writeError;
                    if (!writeFile(m_options.reportPath, report.json(), &writeError)) {
                        printError(
                            QStringLiteral("cannot write %1: %2").arg(m_options.reportPath, writeError));
                        exitCode = 2;
                    }
                }
                QCoreApplication::exit(0);
            });
    if (!m_scenarios->start(plan, options, &error)) {
        printError(QStringLiteral("--scenario %1: %2").arg(m_options.scenario, error));
        return 2;
    }
    UnixSignals signalWatcher;
    connect(
        &signalWatcher, &UnixSignals::terminationRequested, this, [this](int sig) {
            qCInfo(lcHeadless).noquote()
                << QStringLiteral("signal %1: stopping the scenario (rollback, then the report)").arg(sig);
            m_scenarios->stop(QStringLiteral("interrupted by signal %1").arg(sig));
        });
    QCoreApplication::exec();
    return exitCode;
}

int HeadlessApp::runService()
{
    const QList<AutomationConfig> runs = m_options.config.automations + m_options.automations;
    for (const AutomationConfig &config : runs) {
        m_host->post([config](RequestEngine &e) {
            auto *run = new AutomationRun(e, config, &e);
            QObject::connect(run, &AutomationRun::finished, run, [run](const QString &id) {
                qCInfo(lcHeadless).noquote()
                    << QStringLiteral("automation %1 finished: %2").arg(id, run->status().stopReason);
            });
            run->start();
        });
        qCInfo(lcHeadless).noquote()
            << QStringLiteral("automation started: %1")
                   .arg(QString::fromUtf8(QJsonDocument(config.toJson()).toJson(QJsonDocument::Compact)));
    }
    UnixSignals signalWatcher;
    connect(&signalWatcher, &UnixSignals::terminationRequested, this, [](int sig) {
        qCInfo(lcHeadless).noquote() << QStringLiteral("signal %1: shutting down").arg(sig);
        QCoreApplication::exit(0);
    });
    ConfigReloader reloader(m_host, m_alerts.get(), m_options.config, QCoreApplication::arguments());
    signalWatcher.watchHangup();
    connect(&signalWatcher, &UnixSignals::reloadRequested, &reloader, [&reloader] {
        qCInfo(lcHeadless) << "SIGHUP: reloading the configuration";
        reloader.reload();
    });
    if (m_options.durationMs > 0) {
        QTimer::singleShot(std::chrono::milliseconds(m_options.durationMs), qApp, [] {
            qCInfo(lcHeadless) << "--duration reached: shutting down";
            QCoreApplication::exit(0);
        });
    }
    qCInfo(lcHeadless).noquote() << QStringLiteral("engine running with %1 services; Ctrl+C stops")
                                        .arg(m_options.config.services.size());
    QCoreApplication::exec();
    return writeLiveReport() ? 0 : 2;
}

bool HeadlessApp::writeLiveReport()
{
    if (m_options.reportPath.isEmpty()) return true;
    ReportBundle report;
    const qint64 from = m_startedWallMs;
    m_host->call(
        [&](RequestEngine &e) { report = ReportBuilder::fromLive(LiveReportInput::capture(e, from, 0)); });
    QString error;
    if (!writeFile(m_options.reportPath, report.json(), &error)) {
        printError(QStringLiteral("cannot write %1: %2").arg(m_options.reportPath, error));
        return false;
    }
    qCInfo(lcHeadless).noquote() << QStringLiteral("report written to %1").arg(m_options.reportPath);
    return true;
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
        QString error;
        if (!writeFile(m_options.summaryJsonPath, QJsonDocument(summary.toJson()).toJson(), &error)) {
            printError(QStringLiteral("cannot write %1: %2").arg(m_options.summaryJsonPath, error));
            return 2;
        }
    }
    return 0;
}

void HeadlessApp::shutdown()
{
    if (m_api) {
        m_api->stop();
        m_api.reset();
    }
    m_scenarios.reset(); // a run still going is rolled back first
    m_alerts.reset();    // pending webhook deliveries are dropped; their alerts are stored
    if (m_host) {
        m_host->call([](RequestEngine &e) {
            for (AutomationRun *run : e.findChildren<AutomationRun *>(QString(), Qt::FindDirectChildrenOnly))
                run->stop(QStringLiteral("shutdown"));
        });
        m_host->stop(5000);
    }
    m_historyProvider.reset();
    if (m_history) {
        m_history->stop(10'000);
        const StorageState s = m_history->state();
        qCInfo(lcHeadless).noquote() << QStringLiteral(
                                            "history closed: %1 written, %2 in the journal, %3 dropped")
                                            .arg(s.written)
                                            .arg(s.journaled)
                                            .arg(s.dropped);
        m_history.reset();
    }
    delete m_host;
    m_host = nullptr;
}

} // namespace airm
