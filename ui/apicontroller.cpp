#include "apicontroller.h"

#include "alerts/alertmanager.h"
#include "api/apihost.h"
#include "api/apiserver.h"

namespace airm::ui {

ApiController::ApiController(EngineHost *host, HistoryProvider *history, ScenarioService *scenarios,
                             ApiSettings initial, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_history(history)
    , m_scenarios(scenarios)
    , m_settings(std::move(initial))
{}

void ApiController::setAlerts(AlertManager *alerts)
{
    if (m_alerts) m_alerts->disconnect(this);
    m_alerts = alerts;
    if (!alerts) return;
    // Event clients get each alert as it is raised, as from the headless service.
    connect(alerts, &AlertManager::alertRaised, this, [this](const AlertRecord &a) {
        ApiServer *server = m_api ? m_api->server() : nullptr;
        if (!server) return;
        QMetaObject::invokeMethod(
            server, [server, json = a.toJson()] { server->publishAlert(json); }, Qt::QueuedConnection);
    });
}

ApiController::~ApiController()
{
    if (m_api) m_api->stop();
}

QString ApiController::apply(bool enabled, const ApiSettings &settings)
{
    if (m_api) {
        m_api->stop();
        m_api.reset();
    }
    m_settings = settings;
    m_settings.enabled = enabled;
    m_enabled = enabled;
    m_error.clear();
    m_state = State::Off;
    if (enabled) {
        auto api = std::make_unique<ApiHost>(m_host, m_settings, m_history, m_scenarios);
        api->setAlerts(m_alerts);
        m_error = api->start();
        if (m_error.isEmpty()) {
            m_api = std::move(api);
            m_state = State::Running;
        } else {
            m_state = State::Error;
        }
    }
    emit stateChanged();
    return m_error;
}

void ApiController::stop()
{
    apply(false, m_settings);
}

QString ApiController::baseUrl() const
{
    return m_api ? m_api->baseUrl() : QString();
}

quint16 ApiController::port() const
{
    return m_api ? m_api->port() : 0;
}

} // namespace airm::ui
