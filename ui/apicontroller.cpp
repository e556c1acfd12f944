#include "apicontroller.h"

#include "api/apihost.h"

namespace airm::ui {

ApiController::ApiController(EngineHost *host, HistoryProvider *history, ScenarioService *scenarios,
                             ApiSettings initial, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_history(history)
    , m_scenarios(scenarios)
    , m_settings(std::move(initial))
{}

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
