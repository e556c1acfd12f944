#include "apihost.h"

#include "apiserver.h"

namespace airm {

ApiHost::ApiHost(EngineHost *engine, ApiSettings settings, HistoryProvider *history,
                 ScenarioService *scenarios, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_settings(std::move(settings))
    , m_history(history)
    , m_scenarios(scenarios)
{
    m_thread.setObjectName(QStringLiteral("api"));
}

ApiHost::~ApiHost()
{
    stop();
}

QString ApiHost::start()
{
    if (m_server) return {};
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QString error;
    QMetaObject::invokeMethod(
        m_context,
        [this, &error] {
            auto *server = new ApiServer(m_engine, m_settings, m_history, m_scenarios, m_alerts);
            error = server->listen();
            if (!error.isEmpty()) {
                delete server;
                return;
            }
            m_server = server;
            m_port = server->port();
            m_baseUrl = server->baseUrl();
        },
        Qt::BlockingQueuedConnection);
    if (!error.isEmpty()) {
        QMetaObject::invokeMethod(
            m_context, [this] { delete m_context; }, Qt::BlockingQueuedConnection);
        m_context = nullptr;
        m_thread.quit();
        m_thread.wait();
    }
    return error;
}

void ApiHost::stop()
{
    if (!m_thread.isRunning()) return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_server;
            m_server = nullptr;
            delete m_context;
            m_context = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_port = 0;
}

QString ApiHost::baseUrl() const
{
    return m_baseUrl;
}

} // namespace airm
