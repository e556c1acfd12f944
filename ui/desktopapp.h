// The desktop application, end to end: settings and theme, the engine on its thread (with the command line's
// chaos), the history database and its writer, the scenario service, the alert manager (rules from the
// configuration file, overridden by Settings > Alerts), the REST API (when switched on in Settings), the live
// state and the main window; exec() runs the event loop and shuts everything down in order (window, API,
// scenario, engine, alerts, then the database, so no record is lost).
// Thread affinity: GUI thread; needs a QApplication.
#pragma once

#include "model/chaosspec.h"
#include "settings/appconfig.h"

#include <QObject>
#include <memory>

namespace airm {
class AlertManager;
class EngineHost;
class ScenarioService;
} // namespace airm

namespace airm::ui {

class HistoryDatabase;
class StorageStatus;
class UiSettings;

class DesktopApp : public QObject
{
    Q_OBJECT
public:
    // databaseOverride: true when the location came from the command line or config file (it then wins over
    // the one chosen in Settings).
    DesktopApp(AppConfig config, QList<ChaosSpec> chaos, bool databaseOverride, QObject *parent = nullptr);
    int exec();

private:
    // Creates the manager on this thread and connects it to the engine, the storage state and the scenarios.
    std::unique_ptr<AlertManager> startAlerts(UiSettings &settings, EngineHost &host,
                                              HistoryDatabase &database, StorageStatus &storage,
                                              ScenarioService &scenarios);

    AppConfig m_config;
    QList<ChaosSpec> m_chaos;
    bool m_databaseOverride;
};

} // namespace airm::ui
