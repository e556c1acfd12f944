// The REST API served by the window: owns the core's ApiHost (its own thread), starts it with the settings
// chosen in Settings, stops it, and says what it is doing (off, serving at a URL, or the error that kept it
// from starting) for the Settings card and the status bar chip. The token is held in memory only.
// Thread affinity: GUI thread. start binds a socket and stop joins the API thread (bounded); both are short.
#pragma once

#include "settings/appconfig.h"

#include <QObject>
#include <memory>

namespace airm {
class AlertManager;
class ApiHost;
class EngineHost;
class HistoryProvider;
class ScenarioService;
} // namespace airm

namespace airm::ui {

class ApiController : public QObject
{
    Q_OBJECT
public:
    enum class State { Off, Running, Error };

    // host, history and scenarios (both may be null) must outlive the controller. initial: the settings
    // the program started with (configuration file, environment); it is not started here.
    ApiController(EngineHost *host, HistoryProvider *history, ScenarioService *scenarios, ApiSettings initial,
                  QObject *parent = nullptr);
    ~ApiController() override;

    // The alert manager behind /api/v1/alerts and the "alert" events (null: those answer 503). It lives on
    // the GUI thread and must outlive the controller; takes effect at the next apply().
    void setAlerts(AlertManager *alerts);

    // Stops a running server, then starts one with settings when enabled. Returns "" or the one-line error
    // (port in use, a non-loopback address without a token, ...), which state() and error() keep.
    QString apply(bool enabled, const ApiSettings &settings);
    void stop();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    bool enabled() const { return m_enabled; }
    // The settings last applied (or the initial ones).
    const ApiSettings &settings() const { return m_settings; }
    QString baseUrl() const;
    quint16 port() const;
    QString error() const { return m_error; }

signals:
    void stateChanged();

private:
    EngineHost *m_host;
    HistoryProvider *m_history;
    ScenarioService *m_scenarios;
    AlertManager *m_alerts = nullptr;
    ApiSettings m_settings;
    std::unique_ptr<ApiHost> m_api;
    State m_state = State::Off;
    bool m_enabled = false;
    QString m_error;
};

} // namespace airm::ui
