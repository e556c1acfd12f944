#include "seedendpoints.h"

#include "apijson.h"
#include "apiserver.h"
#include "enginebridge.h"
#include "healthcoordinator.h"
#include "jsonfields.h"
#include "requestwaiter.h"
#include "routetable.h"

#include "chaos/chaosregistry.h"
#include "engine/requestengine.h"
#include "metrics/prometheuswriter.h"

#include <QDateTime>
#include <QJsonArray>
#include <cmath>

namespace airm {
namespace {

constexpr qint64 kWaitGraceMs = 5000; // beyond the engine's own deadline, before the API gives up waiting
constexpr qsizetype kMaxPromptChars = 200'000;

QByteArray retryAfterSeconds(qint64 ms)
{
    return QByteArray::number(std::max<qint64>(1, (ms + 999) / 1000));
}

} // namespace

void SeedEndpoints::index(const ExchangePtr &x)
{
    const QList<Route> &routes = RouteTable::instance().routes();
    const bool token = !m_api.settings().token.isEmpty();
    if (ApiJson::prefersHtml(x->header("accept"))) {
        QString html =
            QStringLiteral("<!doctype html><html><head><meta charset=\"utf-8\"><title>AI Resilience "
                           "Monitor API</title></head><body><h1>AI Resilience Monitor API</h1><p>"
                           "Version ") +
            QStringLiteral(AIRM_VERSION) +
            QStringLiteral(". JSON over HTTP; events as a WebSocket on <code>/api/v1/events</code>; "
                           "Prometheus metrics on <code>/prometheus</code>. ") +
            (token ? QStringLiteral("Every route but <code>/test</code> needs "
                                    "<code>Authorization: Bearer &lt;token&gt;</code>.")
                   : QStringLiteral("Served on loopback without a token.")) +
            QStringLiteral("</p><table><tr><th>Method</th><th>Path</th><th>What</th></tr>");
        for (const Route &r : routes)
            html += QStringLiteral("<tr><td>%1</td><td><code>%2</code></td><td>%3</td></tr>")
                        .arg(QString::fromLatin1(r.method), QString::fromLatin1(r.path).toHtmlEscaped(),
                             QString::fromUtf8(r.summary).toHtmlEscaped());
        html += QStringLiteral("</table></body></html>");
        x->respond(200, "text/html; charset=utf-8", html.toUtf8());
        return;
    }
    QJsonArray endpoints;
    for (const Route &r : routes)
        endpoints.append(QJsonObject{{QStringLiteral("method"), QString::fromLatin1(r.method)},
                                     {QStringLiteral("path"), QString::fromLatin1(r.path)},
                                     {QStringLiteral("summary"), QString::fromUtf8(r.summary)},
                                     {QStringLiteral("auth"), token && !r.isPublic}});
    x->respondJson(QJsonObject{
        {QStringLiteral("name"), QStringLiteral("AI Resilience Monitor")},
        {QStringLiteral("version"), QStringLiteral(AIRM_VERSION)},
        {QStringLiteral("auth"), token ? QStringLiteral("bearer") : QStringLiteral("none (loopback only)")},
        {QStringLiteral("events"), QStringLiteral("/api/v1/events")},
        {QStringLiteral("prometheus"), QStringLiteral("/prometheus")},
        {QStringLiteral("documentation"),
         QStringLiteral("docs/API.md and docs/openapi.yaml in the source tree")},
        {QStringLiteral("endpoints"), endpoints},
    });
}

void SeedEndpoints::test(const ExchangePtr &x)
{
    // The liveness probe is the hottest route: written by hand rather than through QJsonDocument.
    QByteArray body;
    body.reserve(112);
    body += "{\"status\":\"OK\",\"timestamp\":\"";
    body += ApiJson::isoUtc(QDateTime::currentMSecsSinceEpoch());
    body += "\",\"uptime\":";
    body += QByteArray::number(m_api.uptimeMs());
    body += ",\"chaos_active\":";
    body += m_api.snapshot().activeChaos.isEmpty() ? "false" : "true";
    body += '}';
    x->respond(200, "application/json", body);
}

void SeedEndpoints::metrics(const ExchangePtr &x, bool allowPrometheus)
{
    if (allowPrometheus && ApiJson::prefersPrometheusText(x->header("accept"))) {
        prometheus(x);
        return;
    }
    x->respond(200, "application/json", m_api.seedMetricsJson());
}

void SeedEndpoints::prometheus(const ExchangePtr &x)
{
    x->respond(200, PrometheusWriter::contentType(), m_api.prometheusText());
}

void SeedEndpoints::breakerStatus(const ExchangePtr &x)
{
    m_api.bridge().run(
        [failures = m_api.lastFailures(), since = m_api.startedWallMs()](RequestEngine &e) {
            const MetricsSnapshot snap = e.snapshot();
            const qint64 now = e.clock().wallMs();
            QJsonObject out;
            for (const ServiceMetrics &m : snap.services)
                out.insert(m.name,
                           ApiJson::seedBreaker(m.name, m.breaker, e.breakerConfig(m.name),
                                                e.transitions(m.name), failures.value(m.name), since, now));
            return out;
        },
        [x](const QJsonObject &o) { x->respondJson(o); });
}

void SeedEndpoints::breakerReset(const ExchangePtr &x)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    JsonFields f(body);
    const QString service = f.string(QStringLiteral("service"), {}, false, 64);
    if (!f.ok()) {
        ApiServer::fail(x, 400, f.error());
        return;
    }
    m_api.bridge().run(
        [service](RequestEngine &e) {
            if (!service.isEmpty() && service != QLatin1String("all") && !e.serviceConfig(service))
                return QJsonObject{{QStringLiteral("invalid"), true}};
            e.resetBreaker(service.isEmpty() ? QStringLiteral("all") : service);
            return QJsonObject{};
        },
        [this, x, service](const QJsonObject &r) {
            if (r.value(QLatin1String("invalid")).toBool()) {
                ApiServer::fail(
                    x, 400, QStringLiteral("Invalid service name"),
                    {{QStringLiteral("known"), QJsonArray::fromStringList(m_api.serviceNames())}});
                return;
            }
            const bool all = service.isEmpty() || service == QLatin1String("all");
            m_api.logChange(
                x, QStringLiteral("circuit breaker reset: %1").arg(all ? QStringLiteral("all") : service));
            m_api.forgetFailures(service);
            m_api.refreshSnapshot();
            if (all)
                x->respondJson(QJsonObject{
                    {QStringLiteral("success"), true},
                    {QStringLiteral("message"), QStringLiteral("All circuit breakers reset successfully")}});
            else
                x->respondJson(
                    QJsonObject{{QStringLiteral("success"), true},
                                {QStringLiteral("message"),
                                 QStringLiteral("Circuit breaker for %1 reset successfully").arg(service)},
                                {QStringLiteral("state"), QStringLiteral("CLOSED")}});
        });
}

void SeedEndpoints::metricsReset(const ExchangePtr &x)
{
    m_api.bridge().run(
        [](RequestEngine &e) {
            e.resetMetrics();
            e.resetBreaker(QStringLiteral("all"));
            return QJsonObject{{QStringLiteral("stopped"), e.stopAllChaos()}};
        },
        [this, x](const QJsonObject &r) {
            m_api.logChange(
                x, QStringLiteral("metrics, circuit breakers and chaos reset (%1 experiments stopped)")
                       .arg(r.value(QLatin1String("stopped")).toInt()));
            m_api.forgetFailures(QStringLiteral("all"));
            m_api.refreshSnapshot();
            x->respondJson(
                QJsonObject{{QStringLiteral("success"), true},
                            {QStringLiteral("message"),
                             QStringLiteral("All metrics, circuit breakers, and chaos experiments have "
                                            "been reset successfully")},
                            {QStringLiteral("chaosStopped"), r.value(QLatin1String("stopped"))}});
        });
}

void SeedEndpoints::aiHealth(const ExchangePtr &x)
{
    m_api.health().check([x](const QJsonObject &o) { x->respondJson(o); });
}

void SeedEndpoints::ai(const ExchangePtr &x)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    JsonFields f(body);
    const QString service = f.string(QStringLiteral("service"), QStringLiteral("gemini"), false, 64);
    const QString prompt = f.string(QStringLiteral("prompt"), {}, true, kMaxPromptChars);
    const QString model = f.string(QStringLiteral("model"), {}, false, 200);
    const qint64 maxTokens = f.integer(QStringLiteral("maxTokens"), -1, 1, 1'000'000);
    const qint64 timeoutMs = f.integer(QStringLiteral("timeoutMs"), -1, 1, 3'600'000);
    if (f.ok() && prompt.trimmed().isEmpty())
        f.fail(QStringLiteral("prompt"), QStringLiteral("Prompt is required"));
    const QJsonObject context{
        {QStringLiteral("service"), service},
        {QStringLiteral("latency"), 0},
        {QStringLiteral("timestamp"), ApiJson::isoUtcString(QDateTime::currentMSecsSinceEpoch())}};
    if (!f.ok()) {
        ApiServer::fail(x, 400, f.error(), context);
        return;
    }
    if (!m_api.hasService(service)) {
        QJsonObject extra = context;
        extra.insert(QStringLiteral("known"), QJsonArray::fromStringList(m_api.serviceNames()));
        ApiServer::fail(x, 400, QStringLiteral("Unknown service: %1").arg(service), extra);
        return;
    }
    RequestSpec spec(service, prompt, Origin::Api);
    spec.model = model;
    spec.maxTokens = int(maxTokens);
    if (timeoutMs > 0) spec.deadlineMs = timeoutMs;
    const qint64 wait = (timeoutMs > 0 ? timeoutMs : m_api.engineDeadlineMs()) + kWaitGraceMs;
    ApiServer *api = &m_api;
    m_api.requests().submit(
        std::move(spec), wait, {},
        [x, api, service](const RequestRecord &result) {
            if (!x->isWaiting()) return; // the client left; nothing to answer
            RequestRecord r = result;
            if (r.service.isEmpty()) r.service = service;
            HeaderList headers;
            if (r.errorClass == ErrorClass::RateLimited && r.retryAfterMs >= 0)
                headers.emplaceBack("Retry-After", retryAfterSeconds(r.retryAfterMs));
            if (r.errorClass == ErrorClass::Rejected)
                if (const ServiceMetrics *m = api->snapshot().service(r.service);
                    m && m->breaker.remainingOpenMs > 0)
                    headers.emplaceBack("Retry-After", retryAfterSeconds(m->breaker.remainingOpenMs));
            x->respond(ApiJson::statusFor(r), QByteArrayLiteral("application/json"), ApiJson::aiAnswer(r),
                       headers);
        },
        false);
}

void SeedEndpoints::chaosInject(const ExchangePtr &x)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    if (!body.contains(QLatin1String("service")) && !body.contains(QLatin1String("targets"))) {
        ApiServer::fail(x, 400, QStringLiteral("service is required (a service name, or \"all\")"));
        return;
    }
    QString error;
    const ChaosSpec spec = ChaosSpec::fromJson(body, &error);
    if (!error.isEmpty()) {
        ApiServer::fail(x, 400, error);
        return;
    }
    m_api.bridge().run(
        [spec](RequestEngine &e) {
            QString error;
            const QString id = e.injectChaos(spec, &error);
            if (!error.isEmpty()) return QJsonObject{{QStringLiteral("error"), error}};
            for (const ActiveChaos &a : e.chaos().active())
                if (a.id == id)
                    return QJsonObject{
                        {QStringLiteral("experiment"), ApiJson::seedExperiment(a, e.clock().wallMs())}};
            return QJsonObject{{QStringLiteral("error"), QStringLiteral("the experiment ended immediately")}};
        },
        [this, x](const QJsonObject &r) {
            if (r.contains(QLatin1String("error"))) {
                ApiServer::fail(x, 400, r.value(QLatin1String("error")).toString());
                return;
            }
            const QJsonObject experiment = r.value(QLatin1String("experiment")).toObject();
            m_api.logChange(x, QStringLiteral("chaos %1 started: %2 on %3 for %4 s")
                                   .arg(experiment.value(QLatin1String("id")).toString(),
                                        experiment.value(QLatin1String("type")).toString(),
                                        experiment.value(QLatin1String("service")).toString())
                                   .arg(experiment.value(QLatin1String("duration")).toDouble()));
            m_api.refreshSnapshot();
            x->respondJson(
                QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("experiment"), experiment}});
        });
}

void SeedEndpoints::chaosStop(const ExchangePtr &x)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    JsonFields f(body);
    const QString id = f.string(QStringLiteral("id"), {}, false, 128);
    const QString service = f.string(QStringLiteral("service"), {}, false, 64);
    if (f.ok() && id.isEmpty() && service.isEmpty())
        f.fail(QStringLiteral("service"), QStringLiteral("service (a name or \"all\") or id is required"));
    if (!f.ok()) {
        ApiServer::fail(x, 400, f.error());
        return;
    }
    m_api.bridge().run(
        [id, service](RequestEngine &e) {
            if (!id.isEmpty()) {
                if (e.stopChaos(id)) return QJsonObject{{QStringLiteral("stopped"), 1}};
                const ChaosExperiment *known = e.chaos().find(id);
                return QJsonObject{{known ? QStringLiteral("ended") : QStringLiteral("unknown"), true},
                                   {QStringLiteral("reason"), known ? known->endReason : QString()}};
            }
            if (service != QLatin1String("all") && !e.serviceConfig(service))
                return QJsonObject{{QStringLiteral("invalid"), true},
                                   {QStringLiteral("known"), QJsonArray::fromStringList(e.serviceNames())}};
            return QJsonObject{{QStringLiteral("stopped"), e.stopAllChaos(service)}};
        },
        [this, x, id, service](const QJsonObject &r) {
            if (r.value(QLatin1String("invalid")).toBool()) {
                QStringList known;
                for (const QJsonValue &v : r.value(QLatin1String("known")).toArray())
                    known << v.toString();
                ApiServer::fail(x, 400,
                                QStringLiteral("Invalid service. Must be %1, or all")
                                    .arg(known.join(QLatin1String(", "))));
                return;
            }
            if (r.value(QLatin1String("unknown")).toBool()) {
                ApiServer::fail(x, 404, QStringLiteral("Unknown experiment: %1").arg(id));
                return;
            }
            if (r.value(QLatin1String("ended")).toBool()) {
                ApiServer::fail(x, 409,
                                QStringLiteral("Experiment %1 is not active (%2)")
                                    .arg(id, r.value(QLatin1String("reason")).toString()));
                return;
            }
            const int stopped = r.value(QLatin1String("stopped")).toInt();
            QString message;
            if (!id.isEmpty())
                message = QStringLiteral("Chaos experiment %1 stopped").arg(id);
            else if (service == QLatin1String("all"))
                message = QStringLiteral("All chaos experiments stopped");
            else
                message = stopped > 0 ? QStringLiteral("Chaos experiment stopped for %1").arg(service)
                                      : QStringLiteral("No active chaos for %1").arg(service);
            if (stopped > 0) {
                m_api.logChange(x, QStringLiteral("chaos stopped (%1): %2 experiment(s)")
                                       .arg(id.isEmpty() ? service : id)
                                       .arg(stopped));
                m_api.refreshSnapshot();
            }
            x->respondJson(QJsonObject{{QStringLiteral("success"), true},
                                       {QStringLiteral("message"), message},
                                       {QStringLiteral("stopped"), stopped}});
        });
}

void SeedEndpoints::chaosStatus(const ExchangePtr &x)
{
    m_api.bridge().run(
        [](RequestEngine &e) {
            const qint64 now = e.clock().wallMs();
            QJsonArray active;
            for (const ActiveChaos &a : e.chaos().active())
                active.append(ApiJson::seedExperiment(a, now));
            return QJsonObject{{QStringLiteral("success"), true},
                               {QStringLiteral("active"), active},
                               {QStringLiteral("count"), active.size()}};
        },
        [x](const QJsonObject &o) { x->respondJson(o); });
}

void SeedEndpoints::apiStatus(const ExchangePtr &x)
{
    // The seed's frontend probed its backend; here both are this process.
    x->respondJson(
        QJsonObject{{QStringLiteral("status"), QStringLiteral("running")},
                    {QStringLiteral("backend_status"), QStringLiteral("connected")},
                    {QStringLiteral("timestamp"), ApiJson::isoUtcString(QDateTime::currentMSecsSinceEpoch())},
                    {QStringLiteral("backend_url"), m_api.baseUrl()}});
}

} // namespace airm
