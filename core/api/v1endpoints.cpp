#include "v1endpoints.h"

#include "apijson.h"
#include "apiserver.h"
#include "enginebridge.h"
#include "healthcoordinator.h"
#include "jsonfields.h"
#include "requestwaiter.h"
#include "routetable.h"

#include "chaos/chaosregistry.h"
#include "engine/automationrun.h"
#include "engine/requestengine.h"
#include "metrics/metricsregistry.h"

#include <QDateTime>
#include <QJsonArray>
#include <algorithm>

namespace airm {
namespace {

constexpr qint64 kWaitGraceMs = 5000;
constexpr qsizetype kMaxPromptChars = 200'000;

// What a work lambda on the engine thread hands back: the answer's status and body, and a Location.
QJsonObject reply(int status, const QJsonObject &body, const QString &location = {})
{
    QJsonObject o{{QStringLiteral("status"), status}, {QStringLiteral("body"), body}};
    if (!location.isEmpty()) o.insert(QStringLiteral("location"), location);
    return o;
}

QJsonObject notFound(const QString &what, const QString &name)
{
    return reply(404, ApiJson::error(QStringLiteral("Unknown %1: %2").arg(what, name), 404));
}

QJsonObject badRequest(const QString &message)
{
    return reply(400, ApiJson::error(message, 400));
}

QJsonObject breakerJson(const QString &name, const BreakerSnapshot &b, const BreakerConfig &config)
{
    QJsonObject o = b.toJson();
    o.insert(QStringLiteral("service"), name);
    o.insert(QStringLiteral("config"), config.toJson());
    return o;
}

QJsonObject breakerOf(RequestEngine &e, const QString &name)
{
    const MetricsSnapshot snap = e.snapshot();
    const ServiceMetrics *m = snap.service(name);
    return breakerJson(name, m ? m->breaker : BreakerSnapshot{}, e.breakerConfig(name));
}

AutomationRun *findRun(RequestEngine &e, const QString &id)
{
    for (AutomationRun *run : e.findChildren<AutomationRun *>(QString(), Qt::FindDirectChildrenOnly))
        if (run->config().runId == id) return run;
    return nullptr;
}

QJsonObject runJson(const AutomationRun &run)
{
    return {{QStringLiteral("runId"), run.config().runId},
            {QStringLiteral("config"), run.config().toJson()},
            {QStringLiteral("status"), run.status().toJson()}};
}

// Reads ?name=N as an integer in [min, max]; answers 400 and returns false when it is not one.
bool queryInteger(const ExchangePtr &x, const QString &name, qint64 min, qint64 max, qint64 *value)
{
    if (!x->hasQueryItem(name)) return true;
    bool ok = false;
    const qint64 v = x->queryValue(name).toLongLong(&ok);
    if (!ok || v < min || v > max) {
        ApiServer::fail(
            x, 400, QStringLiteral("%1 must be an integer between %2 and %3").arg(name).arg(min).arg(max));
        return false;
    }
    *value = v;
    return true;
}

} // namespace

void V1Endpoints::read(const ExchangePtr &x, std::function<QJsonObject(RequestEngine &)> work)
{
    m_api.bridge().run(std::move(work), [x](const QJsonObject &r) {
        HeaderList headers;
        if (r.contains(QLatin1String("location")))
            headers.emplaceBack("Location", r.value(QLatin1String("location")).toString().toUtf8());
        x->respondJson(r.value(QLatin1String("body")).toObject(), r.value(QLatin1String("status")).toInt(200),
                       headers);
    });
}

void V1Endpoints::change(const ExchangePtr &x, const QString &what,
                         std::function<QJsonObject(RequestEngine &)> work)
{
    m_api.bridge().run(std::move(work), [this, x, what](const QJsonObject &r) {
        const int status = r.value(QLatin1String("status")).toInt(200);
        if (status < 400) {
            m_api.logChange(x, what);
            m_api.refreshSnapshot();
        }
        HeaderList headers;
        if (r.contains(QLatin1String("location")))
            headers.emplaceBack("Location", r.value(QLatin1String("location")).toString().toUtf8());
        x->respondJson(r.value(QLatin1String("body")).toObject(), status, headers);
    });
}

void V1Endpoints::index(const ExchangePtr &x)
{
    QJsonArray routes;
    for (const Route &r : RouteTable::instance().routes())
        if (r.path.startsWith("/api/v1")) routes.append(QString::fromLatin1(r.method + ' ' + r.path));
    x->respondJson(QJsonObject{
        {QStringLiteral("version"), QStringLiteral("v1")},
        {QStringLiteral("resources"),
         QJsonObject{{QStringLiteral("services"), QStringLiteral("/api/v1/services")},
                     {QStringLiteral("breakers"), QStringLiteral("/api/v1/breakers")},
                     {QStringLiteral("chaos"), QStringLiteral("/api/v1/chaos/experiments")},
                     {QStringLiteral("requests"), QStringLiteral("/api/v1/requests")},
                     {QStringLiteral("automation"), QStringLiteral("/api/v1/automation")},
                     {QStringLiteral("health"), QStringLiteral("/api/v1/health")},
                     {QStringLiteral("metrics"), QStringLiteral("/api/v1/metrics")},
                     {QStringLiteral("history"), QStringLiteral("/api/v1/history/requests")},
                     {QStringLiteral("events"), QStringLiteral("/api/v1/events")}}},
        {QStringLiteral("routes"), routes},
    });
}

void V1Endpoints::services(const ExchangePtr &x)
{
    read(x, [snap = m_api.snapshot()](RequestEngine &e) {
        QJsonArray list;
        for (const QString &name : e.serviceNames())
            list.append(ApiJson::service(*e.serviceConfig(name), snap.service(name)));
        return reply(200, {{QStringLiteral("services"), list}, {QStringLiteral("count"), list.size()}});
    });
}

void V1Endpoints::service(const ExchangePtr &x, const QString &name)
{
    read(x, [name, snap = m_api.snapshot()](RequestEngine &e) {
        const ServiceConfig *c = e.serviceConfig(name);
        if (!c) return notFound(QStringLiteral("service"), name);
        return reply(200, ApiJson::service(*c, snap.service(name)));
    });
}

void V1Endpoints::patchService(const ExchangePtr &x, const QString &name)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    change(x, QStringLiteral("service %1 changed").arg(name), [name, body](RequestEngine &e) {
        const ServiceConfig *current = e.serviceConfig(name);
        if (!current) return notFound(QStringLiteral("service"), name);
        if (body.contains(QLatin1String("name")) && body.value(QLatin1String("name")).toString() != name)
            return badRequest(
                QStringLiteral("name cannot be changed; create the service under the new name"));
        ServiceConfig c = *current;
        const QString error = mergeServiceJson(c, body);
        if (!error.isEmpty()) return badRequest(error);
        // A key goes only where it was meant to go: moving the service elsewhere drops it unless a new one
        // comes.
        if ((c.baseUrl != current->baseUrl || c.kind != current->kind) &&
            !body.contains(QLatin1String("apiKey"))) {
            c.apiKey.clear();
            c.keySource.clear();
        } else {
            resolveKeyFromEnvironment(c);
        }
        const QString conflict = e.upsertService(c);
        if (!conflict.isEmpty()) return reply(409, ApiJson::error(conflict, 409));
        return reply(200, ApiJson::service(*e.serviceConfig(name), nullptr));
    });
}

void V1Endpoints::putService(const ExchangePtr &x, const QString &name)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    if (!isValidServiceName(name)) {
        ApiServer::fail(
            x, 400, QStringLiteral("service names must match [a-z0-9][a-z0-9_-]{0,63} and not be \"all\""));
        return;
    }
    change(x, QStringLiteral("service %1 created or replaced").arg(name), [name, body](RequestEngine &e) {
        const ServiceConfig *current = e.serviceConfig(name);
        if (body.contains(QLatin1String("name")) && body.value(QLatin1String("name")).toString() != name)
            return badRequest(QStringLiteral("name must match the path"));
        std::optional<ProviderKind> kind;
        if (body.contains(QLatin1String("kind"))) {
            kind = providerKindFromString(body.value(QLatin1String("kind")).toString());
            if (!kind)
                return badRequest(
                    QStringLiteral("kind must be one of gemini, cohere, huggingface, openai, anthropic"));
        } else if (current) {
            kind = current->kind;
        } else {
            return badRequest(QStringLiteral("kind is required to create a service"));
        }
        ServiceConfig c = defaultServiceFor(*kind, name);
        if (*kind == ProviderKind::OpenAi && name != QLatin1String("openai")) // as a config file would
            c.keyEnv = {name.toUpper().replace(QLatin1Char('-'), QLatin1Char('_')) +
                        QStringLiteral("_API_KEY")};
        const QString error = mergeServiceJson(c, body);
        if (!error.isEmpty()) return badRequest(error);
        resolveKeyFromEnvironment(c);
        const QString conflict = e.upsertService(c);
        if (!conflict.isEmpty()) return reply(409, ApiJson::error(conflict, 409));
        return reply(current ? 200 : 201, ApiJson::service(*e.serviceConfig(name), nullptr),
                     QStringLiteral("/api/v1/services/") + name);
    });
}

void V1Endpoints::deleteService(const ExchangePtr &x, const QString &name)
{
    change(x, QStringLiteral("service %1 removed").arg(name), [name](RequestEngine &e) {
        if (!e.serviceConfig(name)) return notFound(QStringLiteral("service"), name);
        if (!e.removeService(name))
            return reply(409,
                         ApiJson::error(QStringLiteral("service %1 has requests in flight").arg(name), 409));
        return reply(200, {{QStringLiteral("removed"), name}});
    });
}

void V1Endpoints::breakers(const ExchangePtr &x)
{
    read(x, [](RequestEngine &e) {
        const MetricsSnapshot snap = e.snapshot();
        QJsonArray list;
        for (const ServiceMetrics &m : snap.services)
            list.append(breakerJson(m.name, m.breaker, e.breakerConfig(m.name)));
        return reply(200, {{QStringLiteral("breakers"), list}});
    });
}

void V1Endpoints::breaker(const ExchangePtr &x, const QString &service)
{
    read(x, [service](RequestEngine &e) {
        if (!e.serviceConfig(service)) return notFound(QStringLiteral("service"), service);
        return reply(200, breakerOf(e, service));
    });
}

void V1Endpoints::resetBreaker(const ExchangePtr &x, const QString &service)
{
    m_api.forgetFailures(service);
    change(x, QStringLiteral("breaker reset: %1").arg(service), [service](RequestEngine &e) {
        if (service == QLatin1String("all")) {
            e.resetBreaker(service);
            return reply(200, {{QStringLiteral("reset"), QJsonArray::fromStringList(e.serviceNames())}});
        }
        if (!e.resetBreaker(service)) return notFound(QStringLiteral("service"), service);
        return reply(200, breakerOf(e, service));
    });
}

void V1Endpoints::forceBreaker(const ExchangePtr &x, const QString &service)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    JsonFields f(body);
    const QString stateName = f.string(QStringLiteral("state"), {}, true, 32);
    const auto state = breakerStateFromString(stateName);
    if (f.ok() && !state)
        f.fail(QStringLiteral("state"),
               QStringLiteral(
                   "state must be one of CLOSED, OPEN, HALF_OPEN, DISABLED, FORCED_OPEN, METRICS_ONLY"));
    if (!f.ok()) {
        ApiServer::fail(x, 400, f.error());
        return;
    }
    change(x, QStringLiteral("breaker %1 forced to %2").arg(service, toString(*state)),
           [service, target = *state](RequestEngine &e) {
               if (!e.forceBreaker(service, target)) return notFound(QStringLiteral("service"), service);
               return reply(200, breakerOf(e, service));
           });
}

void V1Endpoints::breakerConfig(const ExchangePtr &x, const QString &service)
{
    read(x, [service](RequestEngine &e) {
        if (!e.serviceConfig(service)) return notFound(QStringLiteral("service"), service);
        return reply(200, e.breakerConfig(service).toJson());
    });
}

void V1Endpoints::putBreakerConfig(const ExchangePtr &x, const QString &service)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body, false)) return;
    change(x, QStringLiteral("breaker configuration of %1 changed").arg(service),
           [service, body](RequestEngine &e) {
               if (!e.serviceConfig(service)) return notFound(QStringLiteral("service"), service);
               BreakerConfig config = e.breakerConfig(service);
               QString error = config.mergeJson(body);
               if (error.isEmpty()) error = e.setBreakerConfig(service, config);
               if (!error.isEmpty()) return badRequest(error);
               return reply(200, e.breakerConfig(service).toJson());
           });
}

void V1Endpoints::breakerTransitions(const ExchangePtr &x, const QString &service)
{
    qint64 limit = 100;
    if (!queryInteger(x, QStringLiteral("limit"), 1, 1000, &limit)) return;
    read(x, [service, limit](RequestEngine &e) {
        if (!e.serviceConfig(service)) return notFound(QStringLiteral("service"), service);
        const QList<BreakerTransition> all = e.transitions(service);
        QJsonArray list;
        for (qsizetype i = all.size() - 1; i >= 0 && list.size() < limit; --i)
            list.append(all.at(i).toJson());
        return reply(200, {{QStringLiteral("service"), service},
                           {QStringLiteral("transitions"), list},
                           {QStringLiteral("count"), list.size()}});
    });
}

void V1Endpoints::breakerPresets(const ExchangePtr &x)
{
    QJsonArray presets;
    for (const QString &name : BreakerConfig::presetNames()) {
        BreakerConfig c;
        if (BreakerConfig::fromPreset(name, &c))
            presets.append(
                QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("config"), c.toJson()}});
    }
    x->respondJson(QJsonObject{{QStringLiteral("presets"), presets}});
}

void V1Endpoints::chaosList(const ExchangePtr &x)
{
    read(x, [](RequestEngine &e) {
        const qint64 now = e.clock().wallMs();
        QJsonArray list;
        for (const ActiveChaos &a : e.chaos().active()) {
            QJsonObject o = ApiJson::seedExperiment(a, now);
            o.insert(QStringLiteral("status"), QStringLiteral("active"));
            list.append(o);
        }
        return reply(200, {{QStringLiteral("experiments"), list}, {QStringLiteral("count"), list.size()}});
    });
}

void V1Endpoints::chaosCreate(const ExchangePtr &x)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body, false)) return;
    if (!body.contains(QLatin1String("service")) && !body.contains(QLatin1String("targets"))) {
        ApiServer::fail(x, 400,
                        QStringLiteral("targets (service names, or [\"all\"]) or service is required"));
        return;
    }
    QString error;
    const ChaosSpec spec = ChaosSpec::fromJson(body, &error);
    if (!error.isEmpty()) {
        ApiServer::fail(x, 400, error);
        return;
    }
    change(x,
           QStringLiteral("chaos %1 on %2 started")
               .arg(toString(spec.type),
                    spec.targetsAll() ? QStringLiteral("all") : spec.targets.join(QLatin1Char(','))),
           [spec](RequestEngine &e) {
               QString error;
               const QString id = e.injectChaos(spec, &error);
               if (!error.isEmpty()) return badRequest(error);
               for (const ActiveChaos &a : e.chaos().active())
                   if (a.id == id) {
                       QJsonObject o = ApiJson::seedExperiment(a, e.clock().wallMs());
                       o.insert(QStringLiteral("status"), QStringLiteral("active"));
                       return reply(201, o, QStringLiteral("/api/v1/chaos/experiments/") + id);
                   }
               return reply(409, ApiJson::error(QStringLiteral("the experiment ended immediately"), 409));
           });
}

void V1Endpoints::chaosGet(const ExchangePtr &x, const QString &id)
{
    read(x, [id](RequestEngine &e) {
        const ChaosExperiment *experiment = e.chaos().find(id);
        if (!experiment) return notFound(QStringLiteral("experiment"), id);
        if (experiment->endedWallMs == 0)
            for (const ActiveChaos &a : e.chaos().active())
                if (a.id == id) {
                    QJsonObject o = ApiJson::seedExperiment(a, e.clock().wallMs());
                    o.insert(QStringLiteral("status"), QStringLiteral("active"));
                    return reply(200, o);
                }
        QJsonObject o = experiment->toJson();
        o.insert(QStringLiteral("id"), id);
        return reply(200, o);
    });
}

void V1Endpoints::chaosStop(const ExchangePtr &x, const QString &id)
{
    change(x, QStringLiteral("chaos %1 stopped").arg(id), [id](RequestEngine &e) {
        if (e.stopChaos(id)) {
            QJsonObject o = e.chaos().find(id) ? e.chaos().find(id)->toJson() : QJsonObject{};
            o.insert(QStringLiteral("id"), id);
            return reply(200, o);
        }
        if (const ChaosExperiment *ended = e.chaos().find(id))
            return reply(
                409, ApiJson::error(
                         QStringLiteral("experiment %1 is not active (%2)").arg(id, ended->endReason), 409));
        return notFound(QStringLiteral("experiment"), id);
    });
}

void V1Endpoints::chaosStopAll(const ExchangePtr &x)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    JsonFields f(body);
    const QString service = f.string(QStringLiteral("service"), QStringLiteral("all"), false, 64);
    if (!f.ok()) {
        ApiServer::fail(x, 400, f.error());
        return;
    }
    change(x, QStringLiteral("chaos stopped on %1").arg(service), [service](RequestEngine &e) {
        if (service != QLatin1String("all") && !e.serviceConfig(service))
            return badRequest(QStringLiteral("Unknown service: %1").arg(service));
        return reply(200, {{QStringLiteral("stopped"), e.stopAllChaos(service)},
                           {QStringLiteral("service"), service}});
    });
}

void V1Endpoints::chaosHistory(const ExchangePtr &x)
{
    qint64 limit = 100;
    if (!queryInteger(x, QStringLiteral("limit"), 1, 500, &limit)) return;
    read(x, [limit](RequestEngine &e) {
        const auto &history = e.chaos().history();
        QJsonArray list;
        for (auto it = history.rbegin(); it != history.rend() && list.size() < limit; ++it)
            list.append(it->toJson());
        return reply(200, {{QStringLiteral("experiments"), list}, {QStringLiteral("count"), list.size()}});
    });
}

void V1Endpoints::submitRequest(const ExchangePtr &x)
{
    bool wait = true;
    if (x->hasQueryItem(QStringLiteral("wait"))) {
        const QString w = x->queryValue(QStringLiteral("wait")).toLower();
        if (w == QLatin1String("false") || w == QLatin1String("0"))
            wait = false;
        else if (!w.isEmpty() && w != QLatin1String("true") && w != QLatin1String("1")) {
            ApiServer::fail(x, 400, QStringLiteral("wait must be true or false"));
            return;
        }
    }
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body, false)) return;
    JsonFields f(body);
    f.rejectUnknown({QStringLiteral("service"), QStringLiteral("prompt"), QStringLiteral("model"),
                     QStringLiteral("maxTokens"), QStringLiteral("timeoutMs")});
    const QString service = f.string(QStringLiteral("service"), {}, true, 64);
    const QString prompt = f.string(QStringLiteral("prompt"), {}, true, kMaxPromptChars);
    const QString model = f.string(QStringLiteral("model"), {}, false, 200);
    const qint64 maxTokens = f.integer(QStringLiteral("maxTokens"), -1, 1, 1'000'000);
    const qint64 timeoutMs = f.integer(QStringLiteral("timeoutMs"), -1, 1, 3'600'000);
    if (f.ok() && prompt.trimmed().isEmpty())
        f.fail(QStringLiteral("prompt"), QStringLiteral("prompt must not be empty"));
    if (f.ok() && !m_api.hasService(service))
        f.fail(QStringLiteral("service"), QStringLiteral("Unknown service: %1").arg(service));
    if (!f.ok()) {
        ApiServer::fail(x, 400, f.error());
        return;
    }
    RequestSpec spec(service, prompt, Origin::Api);
    spec.model = model;
    spec.maxTokens = int(maxTokens);
    if (timeoutMs > 0) spec.deadlineMs = timeoutMs;
    const qint64 waitMs = (timeoutMs > 0 ? timeoutMs : m_api.engineDeadlineMs()) + kWaitGraceMs;
    if (!wait) {
        m_api.requests().submit(
            std::move(spec), waitMs,
            [x](quint64 id) {
                const QString location = QStringLiteral("/api/v1/requests/%1").arg(id);
                x->respondJson(QJsonObject{{QStringLiteral("id"), QString::number(id)},
                                           {QStringLiteral("status"), QStringLiteral("pending")},
                                           {QStringLiteral("location"), location}},
                               202, {{"Location", location.toUtf8()}});
            },
            {}, true);
        return;
    }
    m_api.requests().submit(
        std::move(spec), waitMs, {}, [x](const RequestRecord &r) { x->respondJson(r.toJson()); }, true);
}

void V1Endpoints::request(const ExchangePtr &x, const QString &id)
{
    bool ok = false;
    const quint64 number = id.toULongLong(&ok);
    if (!ok) {
        ApiServer::fail(x, 400, QStringLiteral("request id must be a number"));
        return;
    }
    RequestRecord record;
    switch (m_api.requests().get(number, &record)) {
    case RequestWaiter::State::Finished:
        x->respondJson(record.toJson());
        return;
    case RequestWaiter::State::Pending:
        x->respondJson(
            QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("status"), QStringLiteral("pending")}},
            202);
        return;
    case RequestWaiter::State::Unknown:
        break;
    }
    ApiServer::fail(
        x, 404,
        QStringLiteral("Unknown request: %1 (the last %2 requests submitted through the API are kept; older "
                       "ones are in /api/v1/history/requests)")
            .arg(id)
            .arg(RequestWaiter::kRecentLimit));
}

void V1Endpoints::automationList(const ExchangePtr &x)
{
    read(x, [](RequestEngine &e) {
        QJsonArray runs;
        for (AutomationRun *run : e.findChildren<AutomationRun *>(QString(), Qt::FindDirectChildrenOnly))
            runs.append(runJson(*run));
        return reply(200, {{QStringLiteral("runs"), runs}, {QStringLiteral("count"), runs.size()}});
    });
}

void V1Endpoints::automationStart(const ExchangePtr &x)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    QString error;
    std::optional<AutomationConfig> config = ApiJson::automationConfig(body, &error);
    if (!config) {
        ApiServer::fail(x, 400, error);
        return;
    }
    change(x, QStringLiteral("automation run started"), [config = *config](RequestEngine &e) {
        for (const QString &s : config.services)
            if (!e.serviceConfig(s)) return badRequest(QStringLiteral("Unknown service: %1").arg(s));
        if (!config.runId.isEmpty() && findRun(e, config.runId))
            return reply(409,
                         ApiJson::error(QStringLiteral("a run with id %1 exists").arg(config.runId), 409));
        // Finished runs stay listed until kFinishedRunsKept newer ones have finished.
        QList<AutomationRun *> finished;
        for (AutomationRun *run : e.findChildren<AutomationRun *>(QString(), Qt::FindDirectChildrenOnly))
            if (!run->status().running) finished << run;
        std::sort(finished.begin(), finished.end(), [](const AutomationRun *a, const AutomationRun *b) {
            return a->status().endedAtMs < b->status().endedAtMs;
        });
        while (finished.size() >= kFinishedRunsKept)
            delete finished.takeFirst();
        auto *run = new AutomationRun(e, config, &e);
        run->start();
        return reply(201, runJson(*run), QStringLiteral("/api/v1/automation/") + run->config().runId);
    });
}

void V1Endpoints::automationGet(const ExchangePtr &x, const QString &id)
{
    read(x, [id](RequestEngine &e) {
        const AutomationRun *run = findRun(e, id);
        return run ? reply(200, runJson(*run)) : notFound(QStringLiteral("automation run"), id);
    });
}

void V1Endpoints::automationStop(const ExchangePtr &x, const QString &id)
{
    change(x, QStringLiteral("automation run %1 stopped").arg(id), [id](RequestEngine &e) {
        AutomationRun *run = findRun(e, id);
        if (!run) return notFound(QStringLiteral("automation run"), id);
        run->stop(QStringLiteral("stopped via API"));
        return reply(200, runJson(*run));
    });
}

void V1Endpoints::health(const ExchangePtr &x)
{
    x->respondJson(m_api.health().latest());
}

void V1Endpoints::metrics(const ExchangePtr &x)
{
    x->respondJson(m_api.snapshot().toJson());
}

void V1Endpoints::metricsSeries(const ExchangePtr &x)
{
    QString service = x->queryValue(QStringLiteral("service"));
    if (service.isEmpty()) service = QStringLiteral("all");
    qint64 seconds = 60;
    if (!queryInteger(x, QStringLiteral("seconds"), 1, 3600, &seconds)) return;
    if (service != QLatin1String("all") && !m_api.hasService(service)) {
        ApiServer::fail(x, 404, QStringLiteral("Unknown service: %1").arg(service));
        return;
    }
    read(x, [service, seconds](RequestEngine &e) {
        const qint64 now = e.clock().wallMs() / 1000;
        QJsonArray points;
        for (const SecondPoint &p : e.series(service, now - seconds + 1, now))
            points.append(QJsonObject{{QStringLiteral("second"), p.second},
                                      {QStringLiteral("requests"), p.requests},
                                      {QStringLiteral("successes"), p.successes},
                                      {QStringLiteral("failures"), p.failures},
                                      {QStringLiteral("rejected"), p.rejected},
                                      {QStringLiteral("timeouts"), p.timeouts},
                                      {QStringLiteral("p50Ms"), double(p.p50Ms)},
                                      {QStringLiteral("p95Ms"), double(p.p95Ms)}});
        return reply(200, {{QStringLiteral("service"), service},
                           {QStringLiteral("seconds"), seconds},
                           {QStringLiteral("points"), points}});
    });
}

void V1Endpoints::metricsReset(const ExchangePtr &x)
{
    m_api.forgetFailures(QStringLiteral("all"));
    change(x, QStringLiteral("metrics reset"), [](RequestEngine &e) {
        e.resetMetrics();
        return reply(200, {{QStringLiteral("reset"), true},
                           {QStringLiteral("at"), ApiJson::isoUtcString(e.clock().wallMs())}});
    });
}

void V1Endpoints::eventsWithoutUpgrade(const ExchangePtr &x)
{
    x->respondJson(
        ApiJson::error(QStringLiteral("/api/v1/events is a WebSocket: connect with a WebSocket client "
                                      "(Upgrade: websocket)"),
                       426),
        426, {{"Upgrade", "websocket"}});
}

} // namespace airm
