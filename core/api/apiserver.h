// The headless REST API, WebSocket event stream and Prometheus endpoint on one port. It listens through the
// HttpGuard (limits, framing, Connection: close), decides per request head what the guard should do (the
// token, CORS, the Host check, WebSocket upgrades), dispatches complete requests by the RouteTable to the
// endpoint classes, and keeps what the endpoints share: the latest metrics snapshot, answers rendered from
// it, the engine bridge, waiting requests, health rounds and the event hub. Handlers translate JSON to core
// calls and back; the work happens on the engine thread. Thread affinity: create, use and destroy on one
// thread (the API thread, see ApiHost); it talks to the engine only through EngineBridge and queued signals,
// and to the scenario service and the alert manager (other threads) only through queued calls
// (ScenarioEndpoints, AlertEndpoints).
#pragma once

#include "httpexchange.h"
#include "httphandler.h"
#include "model/metricssnapshot.h"
#include "routetable.h"
#include "settings/appconfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QThreadPool>
#include <memory>

class QTcpSocket;

namespace airm {

Q_DECLARE_LOGGING_CATEGORY(lcApi)

class AlertEndpoints;
class AlertManager;
class EngineBridge;
class EngineHost;
class EventHub;
class HealthCoordinator;
class HistoryEndpoints;
class HistoryProvider;
class HttpGuard;
class ProcessStats;
class RequestWaiter;
class ScenarioEndpoints;
class ScenarioService;
class SeedEndpoints;
class V1Endpoints;
struct BreakerTransition;
struct GuardConfig;
struct RequestRecord;

class ApiServer : public QObject, public HttpHandler
{
    Q_OBJECT
public:
    // host must outlive the server; history may be null (the history endpoints then answer 503); scenarios
    // may be null (the scenario endpoints then answer 503), lives on another thread and must outlive the
    // server; alerts likewise (null: the alert endpoints answer 503).
    ApiServer(EngineHost *host, ApiSettings settings, HistoryProvider *history = nullptr,
              ScenarioService *scenarios = nullptr, AlertManager *alerts = nullptr,
              QObject *parent = nullptr);
    ~ApiServer() override;

    // Binds and listens. Returns an empty string, or a one-line error (bad address, a non-loopback address
    // without a token, port in use). Port 0 picks a free port; port() tells which.
    QString listen();
    quint16 port() const;
    QString baseUrl() const;
    const ApiSettings &settings() const { return m_settings; }

    // HttpHandler
    Decision decide(const RequestHead &head, const QHostAddress &peer) override;
    void handle(const ExchangePtr &exchange) override;
    void acceptWebSocket(QTcpSocket *socket, const RequestHead &head) override;

    // Shared with the endpoint classes.
    EngineHost *host() const { return m_host; }
    EngineBridge &bridge() { return *m_bridge; }
    RequestWaiter &requests() { return *m_requests; }
    HealthCoordinator &health() { return *m_health; }
    EventHub &events() { return *m_events; }
    HistoryProvider *history() const { return m_history; }
    QThreadPool &workers() { return m_workers; }
    HttpGuard &guard() { return *m_guard; }
    const MetricsSnapshot &snapshot() const { return m_snapshot; }
    // Asks the engine for a snapshot now, so reads right after a change made through the API see it.
    void refreshSnapshot();
    bool hasService(const QString &name) const;
    QStringList serviceNames() const;
    QHash<QString, qint64> lastFailures() const { return m_lastFailure; }
    void forgetFailures(const QString &service); // "all" or empty: every service
    qint64 startedWallMs() const { return m_startedWallMs; }
    qint64 uptimeMs() const { return m_uptime.elapsed(); }
    qint64 engineDeadlineMs() const { return m_engineDeadlineMs; }
    // Rendered from the snapshot, cached until it changes.
    QByteArray seedMetricsJson();
    QByteArray prometheusText();
    // Logs a change made through the API with who made it (chaos, breakers, services, resets, scenarios).
    void logChange(const ExchangePtr &exchange, const QString &what) const;

    // Reads the body as a JSON object (an empty body is {} when emptyIsObject); answers 400 and returns false
    // otherwise.
    static bool readJsonObject(const ExchangePtr &exchange, QJsonObject *out, bool emptyIsObject = true);
    // Answers {success:false, error, status} (plus extra).
    static void fail(const ExchangePtr &exchange, int status, const QString &message,
                     const QJsonObject &extra = {});

public slots:
    // For alert rules: streams {type:"alert", data: alert} to event clients.
    void publishAlert(const QJsonObject &alert);

private:
    void dispatch(RouteId id, const ExchangePtr &x, const QStringList &params);
    void onRequestFinished(const RequestRecord &record);
    void setSnapshot(const MetricsSnapshot &snapshot);
    bool hostAllowed(const QByteArray &hostHeader) const;
    bool originAllowed(const QByteArray &origin, const RequestHead &head, bool *sameOrigin) const;
    bool tokenAccepted(const RequestHead &head) const;
    Decision respond(int status, const QString &message, const HeaderList &headers = {}) const;

    EngineHost *m_host;
    ApiSettings m_settings;
    HistoryProvider *m_history;
    QByteArray m_expectedAuthorization; // "Bearer <token>"
    QList<QByteArray> m_allowedOrigins;
    QList<QByteArray> m_allowedHosts;

    QThreadPool m_workers; // history queries; never the API thread
    std::unique_ptr<EngineBridge> m_bridge;
    std::unique_ptr<RequestWaiter> m_requests;
    std::unique_ptr<HealthCoordinator> m_health;
    std::unique_ptr<EventHub> m_events;
    std::unique_ptr<ProcessStats> m_processStats;
    std::unique_ptr<SeedEndpoints> m_seed;
    std::unique_ptr<V1Endpoints> m_v1;
    std::unique_ptr<HistoryEndpoints> m_historyEndpoints;
    std::unique_ptr<ScenarioEndpoints> m_scenarioEndpoints;
    std::unique_ptr<AlertEndpoints> m_alertEndpoints;
    HttpGuard *m_guard = nullptr; // child

    MetricsSnapshot m_snapshot;
    QHash<QString, qint64> m_lastFailure; // wall ms of each service's last failed (not rejected) request
    quint64 m_healthGeneration = 0;
    qint64 m_engineDeadlineMs = 120'000;
    qint64 m_startedWallMs = 0;
    QElapsedTimer m_uptime;

    struct Rendered
    {
        quint64 sequence = 0;
        qint64 takenAtMs = -1;
        quint64 health = 0;
        QByteArray bytes;
    };
    Rendered m_metricsJson;
    Rendered m_prometheus;
};

} // namespace airm
