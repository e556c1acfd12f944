#include "apiserver.h"

#include "alertendpoints.h"
#include "apijson.h"
#include "enginebridge.h"
#include "eventhub.h"
#include "healthcoordinator.h"
#include "historyendpoints.h"
#include "historyprovider.h"
#include "httpguard.h"
#include "processstats.h"
#include "requestwaiter.h"
#include "scenarioendpoints.h"
#include "seedendpoints.h"
#include "v1endpoints.h"

#include "engine/enginehost.h"
#include "engine/requestengine.h"
#include "metrics/prometheuswriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

namespace airm {

Q_LOGGING_CATEGORY(lcApi, "airm.api")

namespace {

constexpr int kHistoryWorkers = 2;

bool equalsConstantTime(const QByteArray &a, const QByteArray &b)
{
    // Runs over the longer input whatever the content, so timing tells at most the length.
    unsigned diff = a.size() == b.size() ? 0u : 1u;
    const qsizetype n = std::max(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a.at(i) : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b.at(i) : 0);
        diff |= unsigned(x ^ y);
    }
    return diff == 0;
}

// The host part of a Host header: "127.0.0.1:3000" -> "127.0.0.1", "[::1]:3000" -> "::1".
QByteArray hostOf(const QByteArray &hostHeader)
{
    QByteArray h = hostHeader.trimmed().toLower();
    if (h.startsWith('[')) {
        const qsizetype end = h.indexOf(']');
        return end < 0 ? h : h.mid(1, end - 1);
    }
    const qsizetype colon = h.indexOf(':');
    return colon < 0 ? h : h.left(colon);
}

} // namespace

ApiServer::ApiServer(EngineHost *host, ApiSettings settings, HistoryProvider *history,
                     ScenarioService *scenarios, AlertManager *alerts, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_settings(std::move(settings))
    , m_history(history)
    , m_bridge(std::make_unique<EngineBridge>(host))
    , m_requests(std::make_unique<RequestWaiter>(m_bridge.get()))
    , m_health(std::make_unique<HealthCoordinator>(m_bridge.get()))
    , m_events(std::make_unique<EventHub>())
    , m_processStats(std::make_unique<ProcessStats>())
    , m_seed(std::make_unique<SeedEndpoints>(*this))
    , m_v1(std::make_unique<V1Endpoints>(*this))
    , m_historyEndpoints(std::make_unique<HistoryEndpoints>(*this))
    , m_scenarioEndpoints(std::make_unique<ScenarioEndpoints>(*this, scenarios))
    , m_alertEndpoints(std::make_unique<AlertEndpoints>(*this, alerts))
{
    m_uptime.start();
    m_startedWallMs = QDateTime::currentMSecsSinceEpoch();
    m_workers.setMaxThreadCount(kHistoryWorkers);
    if (!m_settings.token.isEmpty()) m_expectedAuthorization = m_settings.token.toUtf8();
    for (const QString &o : std::as_const(m_settings.corsOrigins)) {
        m_allowedOrigins << o.toLower().toUtf8();
        m_allowedHosts << QUrl(o).host().toLower().toUtf8();
    }
    m_allowedHosts << "localhost"
                   << "127.0.0.1"
                   << "::1" << m_settings.bind.toLower().toUtf8();

    m_snapshot = host->latestSnapshot();
    RequestEngine *engine = host->engine();
    connect(host, &EngineHost::snapshotUpdated, this, &ApiServer::setSnapshot);
    connect(engine, &RequestEngine::requestFinished, this, &ApiServer::onRequestFinished);
    connect(engine, &RequestEngine::breakerTransitioned, this,
            [this](const BreakerTransition &t) { m_events->publish(QStringLiteral("breaker"), t.toJson()); });
    connect(engine, &RequestEngine::chaosStarted, this, [this](const ActiveChaos &c) {
        m_events->publish(QStringLiteral("chaos_started"), ApiJson::seedExperiment(c, c.startedAtMs));
    });
    connect(engine, &RequestEngine::chaosEnded, this, [this](const ActiveChaos &c, const QString &reason) {
        QJsonObject data = ApiJson::seedExperiment(c, QDateTime::currentMSecsSinceEpoch());
        data.insert(QStringLiteral("reason"), reason);
        m_events->publish(QStringLiteral("chaos_ended"), data);
    });
    connect(engine, &RequestEngine::healthChecked, this, [this](const HealthReport &r) {
        m_health->onReport(r);
        ++m_healthGeneration;
        m_events->publish(QStringLiteral("health"), r.toJson());
    });
    connect(engine, &RequestEngine::metricsReset, this, [this](qint64 atMs) {
        m_lastFailure.clear();
        m_events->publish(
            QStringLiteral("metrics_reset"),
            QJsonObject{{QStringLiteral("atMs"), atMs}, {QStringLiteral("at"), ApiJson::isoUtcString(atMs)}});
    });
    m_bridge->run(
        [](RequestEngine &e) {
            return QJsonObject{{QStringLiteral("deadlineMs"), e.config().defaultDeadlineMs}};
        },
        [this](const QJsonObject &r) {
            m_engineDeadlineMs = qint64(r.value(QLatin1String("deadlineMs")).toDouble(120'000));
        });
}

ApiServer::~ApiServer()
{
    if (m_guard) m_guard->closeAll();
    m_events->closeAll();
    m_workers.waitForDone();
    delete m_guard;
    m_guard = nullptr;
    // The bridge goes first: callbacks it still holds capture the waiter and the health coordinator.
    m_bridge.reset();
}

QString ApiServer::listen()
{
    if (const QString error = m_settings.validate(); !error.isEmpty()) return error;
    const QHostAddress address = m_settings.address();
    GuardConfig config;
    config.maxConnections = m_settings.maxConnections;
    config.idleTimeoutMs = m_settings.idleTimeoutMs;
    config.maxBodyBytes = m_settings.maxBodyBytes;
    delete m_guard;
    m_guard = new HttpGuard(config, this, this);
    if (!m_guard->listen(address, quint16(m_settings.port))) {
        const QString error = QStringLiteral("cannot listen on %1:%2: %3")
                                  .arg(m_settings.bind)
                                  .arg(m_settings.port)
                                  .arg(m_guard->errorString());
        delete m_guard;
        m_guard = nullptr;
        return error;
    }
    return {};
}

quint16 ApiServer::port() const
{
    return m_guard ? m_guard->serverPort() : 0;
}

QString ApiServer::baseUrl() const
{
    QString host = m_settings.bind;
    if (host.contains(QLatin1Char(':'))) host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(port());
}

bool ApiServer::hostAllowed(const QByteArray &hostHeader) const
{
    if (hostHeader.isEmpty()) return true; // HTTP/1.0 clients may omit it
    // The common cases without allocating: "127.0.0.1[:port]" and "localhost[:port]" (nine characters each).
    constexpr qsizetype kNameLength = 9;
    if ((hostHeader.startsWith("127.0.0.1") || hostHeader.startsWith("localhost")) &&
        (hostHeader.size() == kNameLength || hostHeader.at(kNameLength) == ':'))
        return true;
    const QByteArray host = hostOf(hostHeader);
    if (host.startsWith("127.")) return true;
    return m_allowedHosts.contains(host);
}

bool ApiServer::originAllowed(const QByteArray &origin, const RequestHead &head, bool *sameOrigin) const
{
    const QByteArray o = origin.toLower();
    *sameOrigin = o == "http://" + head.header("host").toLower();
    return *sameOrigin || m_allowedOrigins.contains(o);
}

bool ApiServer::tokenAccepted(const RequestHead &head) const
{
    if (m_expectedAuthorization.isEmpty()) return true;
    if (head.path == "/test") return true;
    const QByteArray auth = head.header("authorization");
    if (auth.size() > 7 && auth.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return equalsConstantTime(auth.mid(7).trimmed(), m_expectedAuthorization);
    // Browsers cannot set headers on a WebSocket: the event stream also takes ?token=.
    if (head.path == "/api/v1/events" && !head.query.isEmpty()) {
        const QString token = QUrlQuery(QString::fromUtf8(head.query))
                                  .queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
        return !token.isEmpty() && equalsConstantTime(token.toUtf8(), m_expectedAuthorization);
    }
    return false;
}

HttpHandler::Decision ApiServer::respond(int status, const QString &message, const HeaderList &headers) const
{
    Decision d;
    d.action = Decision::Action::Respond;
    d.status = status;
    d.contentType = "application/json";
    d.body = QJsonDocument(ApiJson::error(message, status)).toJson(QJsonDocument::Compact);
    d.responseHeaders = headers;
    return d;
}

HttpHandler::Decision ApiServer::decide(const RequestHead &head, const QHostAddress &peer)
{
    Q_UNUSED(peer);
    const QByteArray origin = head.header("origin");
    bool sameOrigin = false;
    const bool originOk = !origin.isEmpty() && originAllowed(origin, head, &sameOrigin);
    HeaderList cors;
    if (originOk && !sameOrigin)
        cors = {{"Access-Control-Allow-Origin", origin},
                {"Vary", "Origin"},
                {"Access-Control-Expose-Headers", "Location, Retry-After, X-Next-Cursor"}};

    // A CORS preflight carries no credentials by design: answer it before authentication.
    if (head.method == "OPTIONS" && !origin.isEmpty() && head.hasHeader("access-control-request-method")) {
        if (!originOk) return respond(403, QStringLiteral("origin not allowed; add it to api.corsOrigins"));
        cors.emplaceBack("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
        cors.emplaceBack("Access-Control-Allow-Headers", "Authorization, Content-Type");
        cors.emplaceBack("Access-Control-Max-Age", "600");
        Decision d;
        d.action = Decision::Action::Respond;
        d.status = 204;
        d.responseHeaders = cors;
        return d;
    }
    // Without a token the API is only safe on loopback, and only for loopback names: a foreign Host is a DNS
    // rebinding attempt, a foreign Origin on a state change is cross-site request forgery.
    if (m_expectedAuthorization.isEmpty() && !hostAllowed(head.header("host")))
        return respond(403, QStringLiteral("Host not allowed; a non-local name needs an API token"));
    if (!origin.isEmpty() && !originOk && head.method != "GET" && head.method != "HEAD")
        return respond(403, QStringLiteral("origin not allowed; add it to api.corsOrigins"));
    if (!tokenAccepted(head)) {
        HeaderList headers = cors;
        headers.emplaceBack("WWW-Authenticate", "Bearer realm=\"ai-resilience-monitor\"");
        return respond(401, QStringLiteral("missing or wrong bearer token (Authorization: Bearer <token>)"),
                       headers);
    }
    if (head.method == "OPTIONS") {
        const RouteTable::Match m = RouteTable::instance().match("OPTIONS", head.path);
        if (m.allowed.isEmpty() && head.target != "*") return respond(404, QStringLiteral("Not found"), cors);
        QByteArrayList allow =
            head.target == "*" ? QByteArrayList{"GET", "POST", "PUT", "PATCH", "DELETE"} : m.allowed;
        if (allow.contains("GET")) allow.append("HEAD");
        allow.append("OPTIONS");
        Decision d;
        d.action = Decision::Action::Respond;
        d.status = 204;
        d.responseHeaders = cors;
        d.responseHeaders.emplaceBack("Allow", allow.join(", "));
        return d;
    }
    if (head.upgradeWebSocket) {
        if (head.path == "/api/v1/events" && head.method == "GET") {
            Decision d;
            d.action = Decision::Action::UpgradeWebSocket;
            return d;
        }
        return respond(404, QStringLiteral("WebSocket upgrades are served on /api/v1/events only"), cors);
    }
    Decision d;
    d.responseHeaders = std::move(cors);
    return d;
}

void ApiServer::acceptWebSocket(QTcpSocket *socket, const RequestHead &head)
{
    m_events->accept(socket, head);
}

void ApiServer::handle(const ExchangePtr &x)
{
    const RouteTable::Match m = RouteTable::instance().match(x->routeMethod(), x->rawPath());
    if (m.route) {
        dispatch(m.route->id, x, m.params);
        return;
    }
    if (!m.allowed.isEmpty()) {
        QByteArrayList allow = m.allowed;
        if (allow.contains("GET")) allow.append("HEAD");
        allow.append("OPTIONS");
        QJsonArray allowed;
        for (const QByteArray &a : std::as_const(allow))
            allowed.append(QString::fromLatin1(a));
        x->respondJson(QJsonObject{{QStringLiteral("error"), QStringLiteral("Method not allowed")},
                                   {QStringLiteral("path"), x->path()},
                                   {QStringLiteral("method"), QString::fromLatin1(x->method())},
                                   {QStringLiteral("allowed"), allowed}},
                       405, {{"Allow", allow.join(", ")}});
        return;
    }
    x->respondJson(QJsonObject{{QStringLiteral("error"), QStringLiteral("Not found")},
                               {QStringLiteral("path"), x->path()},
                               {QStringLiteral("method"), QString::fromLatin1(x->method())}},
                   404);
}

void ApiServer::dispatch(RouteId id, const ExchangePtr &x, const QStringList &p)
{
    SeedEndpoints &s = *m_seed;
    V1Endpoints &v = *m_v1;
    HistoryEndpoints &h = *m_historyEndpoints;
    ScenarioEndpoints &sc = *m_scenarioEndpoints;
    AlertEndpoints &al = *m_alertEndpoints;
    using R = RouteId;
    using Q = HistoryEndpoints::Query;
    switch (id) {
    case R::Index:
        s.index(x);
        return;
    case R::Test:
        s.test(x);
        return;
    case R::Metrics:
        s.metrics(x, true);
        return;
    case R::SeedApiMetrics:
        s.metrics(x, false);
        return;
    case R::BreakerStatus:
        s.breakerStatus(x);
        return;
    case R::BreakerReset:
        s.breakerReset(x);
        return;
    case R::MetricsReset:
        s.metricsReset(x);
        return;
    case R::AiHealth:
    case R::SeedApiHealth:
        s.aiHealth(x);
        return;
    case R::Ai:
        s.ai(x);
        return;
    case R::ChaosInject:
        s.chaosInject(x);
        return;
    case R::ChaosStop:
        s.chaosStop(x);
        return;
    case R::ChaosStatus:
        s.chaosStatus(x);
        return;
    case R::Prometheus:
        s.prometheus(x);
        return;
    case R::SeedApiStatus:
        s.apiStatus(x);
        return;
    case R::SeedHistoryRequests:
        h.seed(x, Q::Requests);
        return;
    case R::SeedHistoryStatistics:
        h.seed(x, Q::Statistics);
        return;
    case R::SeedHistoryErrors:
        h.seed(x, Q::Errors);
        return;
    case R::SeedHistoryBreaker:
        h.seed(x, Q::Breakers);
        return;
    case R::SeedHistoryChaos:
        h.seed(x, Q::Chaos);
        return;
    case R::SeedHistoryTrends:
        h.seed(x, Q::Trends);
        return;
    case R::SeedHistoryExport:
        h.seed(x, Q::Export);
        return;
    case R::SeedDatabaseStats:
        h.seed(x, Q::Database);
        return;
    case R::SeedLogRequest:
        h.logRequest(x);
        return;
    case R::SeedTestingStart:
        sc.seedStart(x);
        return;
    case R::SeedTestingStop:
        sc.seedStop(x);
        return;
    case R::SeedTestingStatus:
        sc.seedStatus(x);
        return;
    case R::SeedTestingResults:
        sc.seedResults(x);
        return;
    case R::SeedTestingResult:
        sc.seedResult(x, p.value(0));
        return;
    case R::V1Index:
        v.index(x);
        return;
    case R::V1Services:
        v.services(x);
        return;
    case R::V1Service:
        v.service(x, p.value(0));
        return;
    case R::V1ServicePatch:
        v.patchService(x, p.value(0));
        return;
    case R::V1ServicePut:
        v.putService(x, p.value(0));
        return;
    case R::V1ServiceDelete:
        v.deleteService(x, p.value(0));
        return;
    case R::V1Breakers:
        v.breakers(x);
        return;
    case R::V1Breaker:
        v.breaker(x, p.value(0));
        return;
    case R::V1BreakersReset:
        v.resetBreaker(x, QStringLiteral("all"));
        return;
    case R::V1BreakerReset:
        v.resetBreaker(x, p.value(0));
        return;
    case R::V1BreakerForce:
        v.forceBreaker(x, p.value(0));
        return;
    case R::V1BreakerConfig:
        v.breakerConfig(x, p.value(0));
        return;
    case R::V1BreakerConfigPut:
        v.putBreakerConfig(x, p.value(0));
        return;
    case R::V1BreakerTransitions:
        v.breakerTransitions(x, p.value(0));
        return;
    case R::V1BreakerPresets:
        v.breakerPresets(x);
        return;
    case R::V1ChaosList:
        v.chaosList(x);
        return;
    case R::V1ChaosCreate:
        v.chaosCreate(x);
        return;
    case R::V1ChaosGet:
        v.chaosGet(x, p.value(0));
        return;
    case R::V1ChaosDelete:
    case R::V1ChaosStop:
        v.chaosStop(x, p.value(0));
        return;
    case R::V1ChaosStopAll:
        v.chaosStopAll(x);
        return;
    case R::V1ChaosHistory:
        v.chaosHistory(x);
        return;
    case R::V1RequestSubmit:
        v.submitRequest(x);
        return;
    case R::V1RequestGet:
        v.request(x, p.value(0));
        return;
    case R::V1AutomationList:
        v.automationList(x);
        return;
    case R::V1AutomationStart:
        v.automationStart(x);
        return;
    case R::V1AutomationGet:
        v.automationGet(x, p.value(0));
        return;
    case R::V1AutomationStop:
        v.automationStop(x, p.value(0));
        return;
    case R::V1Health:
        v.health(x);
        return;
    case R::V1HealthCheck:
        s.aiHealth(x);
        return;
    case R::V1Metrics:
        v.metrics(x);
        return;
    case R::V1MetricsSeries:
        v.metricsSeries(x);
        return;
    case R::V1MetricsReset:
        v.metricsReset(x);
        return;
    case R::V1HistoryRequests:
        h.v1(x, Q::Requests);
        return;
    case R::V1HistoryStatistics:
        h.v1(x, Q::Statistics);
        return;
    case R::V1HistoryErrors:
        h.v1(x, Q::Errors);
        return;
    case R::V1HistoryBreakers:
        h.v1(x, Q::Breakers);
        return;
    case R::V1HistoryChaos:
        h.v1(x, Q::Chaos);
        return;
    case R::V1HistoryTrends:
        h.v1(x, Q::Trends);
        return;
    case R::V1HistoryExport:
        h.v1(x, Q::Export);
        return;
    case R::V1DatabaseStats:
        h.v1(x, Q::Database);
        return;
    case R::V1Events:
        v.eventsWithoutUpgrade(x);
        return;
    case R::V1Scenarios:
        sc.plans(x);
        return;
    case R::V1ScenarioPlan:
        sc.plan(x, p.value(0));
        return;
    case R::V1ScenarioStart:
        sc.start(x);
        return;
    case R::V1ScenarioCurrent:
        sc.current(x);
        return;
    case R::V1ScenarioStop:
        sc.stop(x);
        return;
    case R::V1ScenarioLast:
        sc.last(x);
        return;
    case R::V1Reports:
        sc.reports(x);
        return;
    case R::V1ReportWindow:
        sc.windowReport(x);
        return;
    case R::V1Report:
        sc.report(x, p.value(0));
        return;
    case R::V1ReportDelete:
        sc.deleteReport(x, p.value(0));
        return;
    case R::V1Alerts:
        al.alerts(x);
        return;
    case R::V1AlertConfig:
        al.config(x);
        return;
    case R::V1AlertConfigPut:
        al.putConfig(x);
        return;
    case R::V1AlertTest:
        al.test(x);
        return;
    }
}

void ApiServer::onRequestFinished(const RequestRecord &r)
{
    if (r.outcome == Outcome::Failure || r.outcome == Outcome::Timeout)
        m_lastFailure.insert(r.service, r.finishedAtMs);
    m_requests->onFinished(r);
    if (m_events->wants(QStringLiteral("request")))
        m_events->publish(QStringLiteral("request"), r.toJson(false, false));
}

void ApiServer::setSnapshot(const MetricsSnapshot &snapshot)
{
    if (snapshot.takenAtMs < m_snapshot.takenAtMs) return; // an older answer overtaken by a newer publish
    m_snapshot = snapshot;
}

void ApiServer::refreshSnapshot()
{
    m_bridge->fetchSnapshot([this](const MetricsSnapshot &s) { setSnapshot(s); });
}

bool ApiServer::hasService(const QString &name) const
{
    return std::any_of(m_snapshot.services.cbegin(), m_snapshot.services.cend(),
                       [&](const ServiceMetrics &m) { return m.name == name; });
}

QStringList ApiServer::serviceNames() const
{
    QStringList names;
    for (const ServiceMetrics &m : m_snapshot.services)
        names << m.name;
    return names;
}

void ApiServer::forgetFailures(const QString &service)
{
    if (service.isEmpty() || service == QLatin1String("all"))
        m_lastFailure.clear();
    else
        m_lastFailure.remove(service);
}

QByteArray ApiServer::seedMetricsJson()
{
    Rendered &r = m_metricsJson;
    if (r.bytes.isEmpty() || r.sequence != m_snapshot.sequence || r.takenAtMs != m_snapshot.takenAtMs ||
        r.health != m_healthGeneration) {
        r.sequence = m_snapshot.sequence;
        r.takenAtMs = m_snapshot.takenAtMs;
        r.health = m_healthGeneration;
        r.bytes = QJsonDocument(ApiJson::seedMetrics(m_snapshot, *m_health)).toJson(QJsonDocument::Compact);
    }
    return r.bytes;
}

QByteArray ApiServer::prometheusText()
{
    Rendered &r = m_prometheus;
    if (r.bytes.isEmpty() || r.sequence != m_snapshot.sequence || r.takenAtMs != m_snapshot.takenAtMs) {
        r.sequence = m_snapshot.sequence;
        r.takenAtMs = m_snapshot.takenAtMs;
        r.bytes = PrometheusWriter::render(m_snapshot);
    }
    PrometheusExtras extras;
    m_processStats->fill(&extras);
    if (m_history) {
        const StorageStatus status = m_history->status();
        extras.storageKnown = true;
        extras.storageQueueDepth = status.queueDepth;
        extras.storageDegraded = status.degraded;
    }
    if (m_guard) {
        const GuardStats &g = m_guard->stats();
        extras.httpKnown = true;
        for (auto it = g.responses.cbegin(); it != g.responses.cend(); ++it)
            extras.httpResponses.insert(
                {QString::fromLatin1(it.key().first), QString::number(it.key().second)}, it.value());
        extras.httpRejected.insert(QStringLiteral("too_many_connections"), g.rejectedBusy);
        extras.httpRejected.insert(QStringLiteral("body_too_large"), g.bodyTooLarge);
        extras.httpRejected.insert(QStringLiteral("head_too_large"), g.headTooLarge);
        extras.httpRejected.insert(QStringLiteral("malformed"), g.malformed);
        extras.httpRejected.insert(QStringLiteral("timed_out"), g.timedOut);
        extras.httpConnectionsOpen = m_guard->openConnections();
        extras.webSocketClients = m_events->clientCount();
    }
    QByteArray out;
    out.reserve(r.bytes.size() + 4096);
    out += r.bytes;
    out += PrometheusWriter::renderExtras(extras);
    return out;
}

void ApiServer::logChange(const ExchangePtr &x, const QString &what) const
{
    qCInfo(lcApi).noquote() << QStringLiteral("change via API from %1: %2").arg(x->peer().toString(), what);
}

void ApiServer::publishAlert(const QJsonObject &alert)
{
    m_events->publish(QStringLiteral("alert"), alert);
}

bool ApiServer::readJsonObject(const ExchangePtr &x, QJsonObject *out, bool emptyIsObject)
{
    if (x->body().trimmed().isEmpty()) {
        if (emptyIsObject) {
            *out = {};
            return true;
        }
        fail(x, 400, QStringLiteral("a JSON object body is required"));
        return false;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(x->body(), &error);
    if (error.error != QJsonParseError::NoError) {
        fail(x, 400,
             QStringLiteral("invalid JSON body: %1 at offset %2").arg(error.errorString()).arg(error.offset));
        return false;
    }
    if (!doc.isObject()) {
        fail(x, 400, QStringLiteral("the body must be a JSON object"));
        return false;
    }
    *out = doc.object();
    return true;
}

void ApiServer::fail(const ExchangePtr &x, int status, const QString &message, const QJsonObject &extra)
{
    x->respondJson(ApiJson::error(message, status, extra), status);
}

} // namespace airm
