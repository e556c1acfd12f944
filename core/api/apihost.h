// Owns the API thread: creates the ApiServer inside it, starts listening, and destroys it there again, like
// EngineHost does for the engine. Usage: ApiHost api(&engineHost, settings, history, scenarios);
// api.setAlerts(&alertManager); QString error = api.start(); ... api.stop(); Thread affinity: create, start,
// stop and destroy on one thread (usually main); port() and baseUrl() may be read from any thread after
// start().
#pragma once

#include "settings/appconfig.h"

#include <QObject>
#include <QThread>
#include <atomic>

namespace airm {

class AlertManager;
class ApiServer;
class EngineHost;
class HistoryProvider;
class ScenarioService;

class ApiHost : public QObject
{
    Q_OBJECT
public:
    // engine, history and scenarios must outlive the host; history and scenarios may be null. scenarios lives
    // on its own thread (usually this one): the API only queues calls to it and never waits for it.
    ApiHost(EngineHost *engine, ApiSettings settings, HistoryProvider *history = nullptr,
            ScenarioService *scenarios = nullptr, QObject *parent = nullptr);
    ~ApiHost() override;

    // Call before start(). The manager lives on its own thread (usually this one), like scenarios: the API
    // only queues calls to it and never waits for it; it must outlive the running API. Null (the default):
    // the alert routes answer 503 "alerts are not enabled".
    void setAlerts(AlertManager *alerts) { m_alerts = alerts; }

    // Starts the thread and listens. Returns an empty string, or a one-line error (then nothing runs).
    QString start();
    // Closes every connection and the listening socket, destroys the server and joins the thread. Idempotent.
    void stop();

    bool isRunning() const { return m_server != nullptr; }
    quint16 port() const { return m_port.load(); }
    QString baseUrl() const;
    // The server lives on the API thread: call it only through QMetaObject::invokeMethod(server(), ...).
    ApiServer *server() const { return m_server; }

private:
    EngineHost *m_engine;
    ApiSettings m_settings;
    HistoryProvider *m_history;
    ScenarioService *m_scenarios;
    AlertManager *m_alerts = nullptr;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on the API thread
    ApiServer *m_server = nullptr;
    std::atomic<quint16> m_port{0};
    QString m_baseUrl;
};

} // namespace airm
