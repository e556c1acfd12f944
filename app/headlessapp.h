// The headless mode: builds the engine on its thread, records history, raises alerts, serves the REST API,
// injects the command line's chaos, then runs one of: a batch (--requests, prints its summary), a scenario
// (--scenario, exit code from its hypotheses), or the service (automation runs, until SIGINT/SIGTERM or
// --duration; SIGHUP reloads the configuration, see ConfigReloader). Shuts down in order: API, scenario
// (rolled back), automation, engine (in-flight requests finish or time out), history (flushed). Thread
// affinity: the main thread.
#pragma once

#include "commandline.h"

#include <QObject>
#include <memory>

namespace airm {

class AlertManager;
class ApiHost;
class EngineHost;
class HistoryRecorder;
class ScenarioService;
class StorageHistoryProvider;

class HeadlessApp : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessApp(CommandLine options, QObject *parent = nullptr);
    ~HeadlessApp() override;
    int exec();

private:
    static constexpr int kKeychainTimeoutMs = 3000; // per keychain job

    int start();       // 0, or the exit code of a start-up failure
    int checkConfig(); // --check-config: 0 and the effective configuration on stdout, or 2 and the problems
    // --keychain: keys of services without one from the OS keychain, before the engine starts.
    void readKeychain();
    // The SMTP password Settings > Alerts saved, when the e-mail channel logs in and has none.
    void readSmtpPasswordFromKeychain();
    void connectEngineLog();
    bool injectChaos();
    bool openHistory();
    bool startApi();
    void startAlerts();
    int runBatch();
    int runScenario();
    int runService();
    int finishBatch(qint64 elapsedMs);
    // --report FILE for runs other than a scenario: the live report since start.
    bool writeLiveReport();
    void shutdown();

    CommandLine m_options;
    qint64 m_startedWallMs = 0;
    EngineHost *m_host = nullptr;
    std::unique_ptr<HistoryRecorder> m_history;
    std::unique_ptr<StorageHistoryProvider> m_historyProvider;
    std::unique_ptr<ScenarioService> m_scenarios;
    std::unique_ptr<AlertManager> m_alerts;
    std::unique_ptr<ApiHost> m_api;
};

} // namespace airm
