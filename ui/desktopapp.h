// The desktop application, end to end: settings and theme, the engine on its thread (with the command line's
// chaos), the history database and its writer, the scenario service, the REST API (when switched on in
// Settings), the live state and the main window; exec() runs the event loop and shuts everything down in
// order (window, API, scenario, engine, then the database, so no record is lost).
// Thread affinity: GUI thread; needs a QApplication.
#pragma once

#include "model/chaosspec.h"
#include "settings/appconfig.h"

#include <QObject>

namespace airm::ui {

class DesktopApp : public QObject
{
    Q_OBJECT
public:
    // databaseOverride: true when the location came from the command line or config file (it then wins over
    // the one chosen in Settings).
    DesktopApp(AppConfig config, QList<ChaosSpec> chaos, bool databaseOverride, QObject *parent = nullptr);
    int exec();

private:
    AppConfig m_config;
    QList<ChaosSpec> m_chaos;
    bool m_databaseOverride;
};

} // namespace airm::ui
