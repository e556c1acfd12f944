#include "desktopapp.h"

#include "apicontroller.h"
#include "databasehistorysource.h"
#include "historydatabase.h"
#include "livestate.h"
#include "mainwindow.h"
#include "storagestatus.h"
#include "thememanager.h"
#include "traycontroller.h"
#include "uisettings.h"

#include "alerts/alertmanager.h"
#include "api/storagehistoryprovider.h"
#include "engine/enginehost.h"
#include "scenarios/scenarioservice.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

namespace airm::ui {
namespace {

constexpr int kEngineGraceMs = 2000;
constexpr int kStorageFlushMs = 5000;

} // namespace

DesktopApp::DesktopApp(AppConfig config, QList<ChaosSpec> chaos, bool databaseOverride, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_chaos(std::move(chaos))
    , m_databaseOverride(databaseOverride)
{}

int DesktopApp::exec()
{
    UiSettings settings;

    // Translations: Qt's own and ours (compiled in as they are completed); a missing one is not an error.
    const QString language = settings.language();
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    // Numbers and dates follow the chosen language too, not only the words.
    if (!language.isEmpty()) QLocale::setDefault(locale);
    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(locale, QStringLiteral("ai-resilience-monitor"), QStringLiteral("_"),
                           QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&appTranslator);

    ThemeManager theme(settings.theme());
    theme.apply();

    // Settings that shape the engine and the database at start.
    if (settings.privacyMode()) m_config.engine.privacyMode = true;
    const QString preset = settings.breakerPreset();
    BreakerConfig breaker;
    if (!preset.isEmpty() && BreakerConfig::fromPreset(preset, &breaker)) {
        breaker.preset = preset;
        m_config.engine.breaker = breaker;
    }
    QString databasePath = m_config.databasePath;
    if (!m_databaseOverride && databasePath.isEmpty())
        databasePath = settings.value(QStringLiteral("database/path"));

    EngineHost host(m_config.engine, m_config.services);
    if (!m_chaos.isEmpty()) {
        const QList<ChaosSpec> chaos = m_chaos;
        host.post([chaos](RequestEngine &e) {
            for (const ChaosSpec &spec : chaos) {
                QString error;
                e.injectChaos(spec, &error);
                if (!error.isEmpty()) qWarning("chaos from the command line: %s", qUtf8Printable(error));
            }
        });
    }

    StorageStatus storageStatus;
    StorageConfig storageConfig;
    storageConfig.rawRetentionDays = settings.rawRetentionDays();
    storageConfig.rollupRetentionDays = settings.rollupRetentionDays();
    storageConfig.storePrompts = !m_config.engine.privacyMode;
    auto database = std::make_unique<HistoryDatabase>(databasePath, storageConfig, &storageStatus);
    if (database->isOpen())
        database->attach(&host);
    else
        QTextStream(stderr) << "ai-resilience-monitor: history database unavailable: " << database->error()
                            << Qt::endl;

    // The REST API reads the same history the window records, runs scenarios through the same service as
    // the Scenarios page (one run at a time, whoever starts it) and is served from its own thread.
    std::unique_ptr<StorageHistoryProvider> historyProvider;
    if (database->isOpen())
        historyProvider = std::make_unique<StorageHistoryProvider>(database->database(), database->writer());
    auto scenarios = std::make_unique<ScenarioService>(host, ReportStore());
    if (database->isOpen()) scenarios->setWriter(database->writer()); // runs go to scenario_runs
    std::unique_ptr<AlertManager> alerts = startAlerts(settings, host, *database, storageStatus, *scenarios);
    ApiSettings apiSettings = m_config.api;
    apiSettings.bind = settings.apiBind(apiSettings.bind);
    apiSettings.port = settings.apiPort(apiSettings.port);
    auto api = std::make_unique<ApiController>(&host, historyProvider.get(), scenarios.get(), apiSettings);
    api->setAlerts(alerts.get());
    if (settings.apiEnabled()) {
        const QString error = api->apply(true, apiSettings);
        if (!error.isEmpty())
            QTextStream(stderr) << "ai-resilience-monitor: REST API not served: " << error << Qt::endl;
    }

    int exitCode = 0;
    {
        LiveState live(&host);
        UiContext context;
        context.host = &host;
        context.live = &live;
        context.theme = &theme;
        context.settings = &settings;
        context.history = database->source();
        context.storage = &storageStatus;
        context.scenarios = scenarios.get();
        context.api = api.get();
        context.alerts = alerts.get();
        context.config = m_config;

        MainWindow window(context);
        window.show();
        QApplication::setQuitOnLastWindowClosed(!(window.tray()->available() && settings.closeToTray()));
        connect(&settings, &UiSettings::closeToTrayChanged, &window, [&window](bool on) {
            QApplication::setQuitOnLastWindowClosed(!(window.tray()->available() && on));
        });
        exitCode = QApplication::exec();
        window.saveState();
    }
    // Order matters: the API goes first (it uses the scenarios, the alerts, the history and the engine); a
    // scenario still running is rolled back while the engine runs (its alert still raised and stored); the
    // engine stops (in-flight requests finish or are cancelled, their records are emitted and enqueued); the
    // alerts go (webhook deliveries still in flight are abandoned) before the writer they store to; then the
    // writer flushes and stops.
    api.reset();
    scenarios.reset();
    host.stop(kEngineGraceMs);
    alerts.reset();
    historyProvider.reset();
    database->stop(kStorageFlushMs);
    return exitCode;
}

std::unique_ptr<AlertManager> DesktopApp::startAlerts(UiSettings &settings, EngineHost &host,
                                                      HistoryDatabase &database, StorageStatus &storage,
                                                      ScenarioService &scenarios)
{
    // The configuration file's rules, overridden by the ones last applied in Settings > Alerts.
    AlertRulesConfig rules = m_config.alerts;
    if (const QJsonObject saved = settings.alertRules(); !saved.isEmpty()) {
        QString error;
        if (const std::optional<AlertRulesConfig> c = AlertRulesConfig::fromJson(saved, &error, rules))
            rules = *c;
        else
            QTextStream(stderr) << "ai-resilience-monitor: alert rules in the settings ignored: " << error
                                << Qt::endl;
    }
    // On the GUI thread: the manager only starts network requests and emits signals, it never waits.
    auto alerts = std::make_unique<AlertManager>();
    alerts->setConfig(rules); // validated: by the config file's reader or by fromJson above
    AlertManager *a = alerts.get();
    RequestEngine *engine = host.engine();
    connect(engine, &RequestEngine::breakerTransitioned, a, &AlertManager::onTransition);
    connect(engine, &RequestEngine::snapshotPublished, a, &AlertManager::onSnapshot);
    if (database.isOpen()) {
        a->setStorage(database.writer());
        connect(&storage, &StorageStatus::changed, a, [a, &storage] {
            if (storage.available()) a->onStorageState(storage.state());
        });
    }
    connect(&scenarios, &ScenarioService::finished, a, [a](const RunResult &r) {
        a->onScenarioFinished(r.runId, r.plan.name, !r.hypothesisHeld(), r.status == RunStatus::Aborted,
                              r.reason);
    });
    return alerts;
}

} // namespace airm::ui
