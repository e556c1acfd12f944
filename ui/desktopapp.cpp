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
    ApiSettings apiSettings = m_config.api;
    apiSettings.bind = settings.apiBind(apiSettings.bind);
    apiSettings.port = settings.apiPort(apiSettings.port);
    auto api = std::make_unique<ApiController>(&host, historyProvider.get(), scenarios.get(), apiSettings);
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
    // Order matters: the API goes first (it uses the scenarios, the history and the engine); a scenario
    // still running is rolled back while the engine runs; the engine stops (in-flight requests finish or are
    // cancelled, their records are emitted and enqueued); then the writer flushes and stops.
    api.reset();
    scenarios.reset();
    host.stop(kEngineGraceMs);
    historyProvider.reset();
    database->stop(kStorageFlushMs);
    return exitCode;
}

} // namespace airm::ui
