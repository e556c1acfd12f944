#include "scenarioendpoints.h"

#include "apijson.h"
#include "apiserver.h"
#include "enginebridge.h"
#include "jsonfields.h"

#include "engine/requestengine.h"
#include "scenarios/planlibrary.h"
#include "scenarios/reportbuilder.h"
#include "scenarios/scenarioservice.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent>
#include <cmath>

namespace airm {
namespace {

constexpr double kMaxTimeScale = 100'000.0;  // as Plan::fromJson accepts in a plan
constexpr double kMaxSeedHours = 24.0 * 365; // as ScenarioService::startSeedMode accepts
constexpr QLatin1String kCurrentLocation("/api/v1/scenarios/current");

// What a work lambda hands back: the answer's status and body, and a Location.
QJsonObject reply(int status, const QJsonObject &body, const QString &location = {})
{
    QJsonObject o{{QStringLiteral("status"), status}, {QStringLiteral("body"), body}};
    if (!location.isEmpty()) o.insert(QStringLiteral("location"), location);
    return o;
}

QString iso(qint64 ms)
{
    return ms > 0 ? ApiJson::isoUtcString(ms) : QString();
}

QJsonValue msOrNull(qint64 ms)
{
    return ms >= 0 ? QJsonValue(ms) : QJsonValue(QJsonValue::Null);
}

// Plan time the method takes when nothing ends it early, cut at maxDuration; -1 when the plan repeats until
// stopped without a duration. Steps whose length depends on the run (until conditions, request counts,
// for_each expansions) count as 0, so *exact tells whether the figure is exact or a lower bound.
qint64 nominalPlanDurationMs(const Plan &plan, bool *exact)
{
    *exact = true;
    qint64 once = 0;
    for (const StepSpec &s : plan.method) {
        const qint64 d = s.nominalDurationMs();
        if (d < 0) *exact = false;
        once += std::max<qint64>(0, d);
    }
    if (plan.repeat <= 0) return plan.maxDurationMs > 0 ? plan.maxDurationMs : -1;
    if (once == 0 && !*exact) return -1; // nothing known: no useful lower bound
    const qint64 total = once * plan.repeat;
    if (plan.maxDurationMs > 0 && total >= plan.maxDurationMs) {
        *exact = true;
        return plan.maxDurationMs;
    }
    return total;
}

QJsonObject planSummary(const Plan &p)
{
    bool exact = true;
    const qint64 nominal = nominalPlanDurationMs(p, &exact);
    return {
        {QStringLiteral("name"), p.name},
        {QStringLiteral("title"), p.title},
        {QStringLiteral("description"), p.description},
        {QStringLiteral("tags"), QJsonArray::fromStringList(p.tags)},
        {QStringLiteral("builtIn"), true},
        {QStringLiteral("steps"), qint64(p.method.size())},
        {QStringLiteral("repeat"), p.repeat},
        {QStringLiteral("timeScale"), p.timeScale},
        {QStringLiteral("nominalDurationMs"), msOrNull(nominal)},
        {QStringLiteral("nominalDurationExact"), nominal >= 0 && exact},
        {QStringLiteral("maxDurationMs"), p.maxDurationMs > 0 ? QJsonValue(p.maxDurationMs) : QJsonValue()},
        {QStringLiteral("location"), QString(QStringLiteral("/api/v1/scenarios/plans/") + p.name)}};
}

QJsonObject lastRunJson(const RunResult &r, const QStringList &files, const QString &saveError)
{
    int recovered = 0;
    for (const RecoveryRecord &rec : r.recoveries)
        if (rec.recovered()) ++recovered;
    QJsonArray failedProbes;
    for (const ProbeResult &p : r.probes)
        if (p.failed())
            failedProbes.append(QJsonObject{{QStringLiteral("name"), p.name},
                                            {QStringLiteral("phase"), p.phase},
                                            {QStringLiteral("service"), p.service},
                                            {QStringLiteral("value"), p.valueText},
                                            {QStringLiteral("tolerance"), p.tolerance}});
    QJsonArray reportFiles;
    for (const QString &f : files)
        reportFiles.append(
            QJsonObject{{QStringLiteral("name"), f},
                        {QStringLiteral("location"), QString(QStringLiteral("/api/v1/reports/") + f)}});
    QJsonObject o{
        {QStringLiteral("runId"), r.runId},
        {QStringLiteral("plan"), r.plan.name},
        {QStringLiteral("title"), r.plan.title},
        {QStringLiteral("status"), runStatusName(r.status)},
        {QStringLiteral("verdict"), r.verdict()},
        {QStringLiteral("exitCode"), r.exitCode()},
        {QStringLiteral("hypothesisHeld"), r.hypothesisHeld()},
        {QStringLiteral("reason"), r.reason},
        {QStringLiteral("startedAt"), iso(r.startedAtMs)},
        {QStringLiteral("endedAt"), iso(r.endedAtMs)},
        {QStringLiteral("durationMs"), std::max<qint64>(0, r.endedAtMs - r.startedAtMs)},
        {QStringLiteral("timeScale"), r.timeScale},
        {QStringLiteral("requests"), QJsonObject{{QStringLiteral("observed"), r.requestsObserved},
                                                 {QStringLiteral("sent"), r.sent},
                                                 {QStringLiteral("lost"), r.lost},
                                                 {QStringLiteral("inFlightAtEnd"), r.inFlightAtEnd}}},
        {QStringLiteral("steps"), qint64(r.steps.size())},
        {QStringLiteral("chaosExperiments"), qint64(r.chaos.size())},
        {QStringLiteral("recoveries"), QJsonObject{{QStringLiteral("measured"), qint64(r.recoveries.size())},
                                                   {QStringLiteral("recovered"), recovered}}},
        {QStringLiteral("failedProbes"), failedProbes},
        {QStringLiteral("untilTimedOut"), r.untilTimedOut},
        {QStringLiteral("reportFiles"), reportFiles}};
    if (!saveError.isEmpty()) o.insert(QStringLiteral("saveError"), saveError);
    return o;
}

QByteArray contentTypeOf(const QString &name)
{
    if (name.endsWith(QLatin1String(".json"))) return "application/json";
    if (name.endsWith(QLatin1String(".csv"))) return "text/csv; charset=utf-8";
    return "text/plain; charset=utf-8";
}

struct ReadResult
{
    bool found = false;
    QByteArray content;
};

} // namespace

ScenarioEndpoints::ScenarioEndpoints(ApiServer &api, ScenarioService *service)
    : m_api(api)
    , m_service(service)
{}

ScenarioEndpoints::~ScenarioEndpoints() = default;

void ScenarioEndpoints::onService(Work work, Done done)
{
    ScenarioService *service = m_service;
    m_reply.run(
        service, [service, work = std::move(work)] { return work(*service); }, std::move(done));
}

void ScenarioEndpoints::answer(const ExchangePtr &x, const QJsonObject &r, const QString &what)
{
    const int status = r.value(QLatin1String("status")).toInt(200);
    if (status < 400 && !what.isEmpty()) m_api.logChange(x, what);
    HeaderList headers;
    if (r.contains(QLatin1String("location")))
        headers.emplaceBack("Location", r.value(QLatin1String("location")).toString().toUtf8());
    x->respondJson(r.value(QLatin1String("body")).toObject(), status, headers);
}

bool ScenarioEndpoints::requireService(const ExchangePtr &x)
{
    if (m_service) return true;
    ApiServer::fail(x, 503, QStringLiteral("scenarios are not enabled"));
    return false;
}

bool ScenarioEndpoints::checkReportName(const ExchangePtr &x, const QString &name)
{
    // ReportStore accepts nothing it did not list; this only tells a malformed request from a missing file.
    const bool pathLike = name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) ||
                          name.contains(QLatin1Char(':')) || name.contains(QLatin1String("..")) ||
                          name.startsWith(QLatin1Char('.')) || name.contains(QChar(u'\0')) ||
                          name.contains(QLatin1Char('%'));
    if (!pathLike) return true;
    ApiServer::fail(x, 400, QStringLiteral("name must be a report file name as listed, without a path"));
    return false;
}

void ScenarioEndpoints::readReport(const QString &name, std::function<void(bool, const QByteArray &)> done)
{
    auto *watcher = new QFutureWatcher<ReadResult>(&m_api);
    QObject::connect(watcher, &QFutureWatcherBase::finished, &m_api, [watcher, done = std::move(done)] {
        const ReadResult r = watcher->result();
        done(r.found, r.content);
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&m_api.workers(), [store = m_service->store(), name] {
        ReadResult r;
        QString error;
        r.found = store.read(name, &r.content, &error);
        if (!r.found && error != QLatin1String("not found"))
            qCWarning(lcApi).noquote() << QStringLiteral("report %1: %2").arg(name, error);
        return r;
    }));
}

// ------------------------------------------------------------------------------------------- /chaos-testing

void ScenarioEndpoints::seedStart(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body)) return;
    // The seed's fields; outputDir is ignored (reports go to the report directory) and so are unknown fields.
    QString mode = QStringLiteral("validation");
    const QJsonValue modeValue = body.value(QLatin1String("mode"));
    if (!modeValue.isUndefined() && !modeValue.isNull()) mode = modeValue.toString();
    if (mode != QLatin1String("validation") && mode != QLatin1String("continuous")) {
        ApiServer::fail(x, 400, QStringLiteral("mode must be \"validation\" or \"continuous\""));
        return;
    }
    double hours = 0; // the service's default (24 h for continuous)
    const QJsonValue durationValue = body.value(QLatin1String("duration"));
    if (!durationValue.isUndefined() && !durationValue.isNull()) {
        bool ok = durationValue.isDouble();
        hours = ok ? durationValue.toDouble() : durationValue.toString().trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(hours) || hours <= 0 || hours > kMaxSeedHours) {
            ApiServer::fail(x, 400,
                            QStringLiteral("duration must be a number of hours greater than 0 and at most %1")
                                .arg(kMaxSeedHours));
            return;
        }
    }
    onService(
        [mode, hours](ScenarioService &s) {
            if (s.isRunning())
                return reply(409, ApiJson::error(QStringLiteral("Chaos testing is already running"), 409,
                                                 {{QStringLiteral("message"),
                                                   QStringLiteral("Chaos testing is already running")},
                                                  {QStringLiteral("status"), s.seedStatusJson()}}));
            QString error;
            if (!s.startSeedMode(mode, hours, &error)) return reply(400, ApiJson::error(error, 400));
            const QJsonObject status = s.seedStatusJson();
            return reply(200, {{QStringLiteral("success"), true},
                               {QStringLiteral("message"),
                                QStringLiteral("Chaos testing started in %1 mode").arg(mode)},
                               {QStringLiteral("runId"), status.value(QLatin1String("runId"))},
                               {QStringLiteral("status"), status}});
        },
        [this, x, mode](const QJsonObject &r) {
            answer(x, r, QStringLiteral("chaos testing started in %1 mode").arg(mode));
        });
}

void ScenarioEndpoints::seedStop(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    onService(
        [](ScenarioService &s) {
            if (!s.stop(QStringLiteral("stopped through the API")))
                return reply(409, ApiJson::error(QStringLiteral("No chaos testing process running"), 409,
                                                 {{QStringLiteral("message"),
                                                   QStringLiteral("No chaos testing process running")}}));
            return reply(200,
                         {{QStringLiteral("success"), true},
                          {QStringLiteral("message"),
                           QStringLiteral("Chaos testing stopped; the report is written after the rollback")},
                          {QStringLiteral("status"), s.seedStatusJson()}});
        },
        [this, x](const QJsonObject &r) { answer(x, r, QStringLiteral("chaos testing stopped")); });
}

void ScenarioEndpoints::seedStatus(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    x->respondJson(QJsonObject{{QStringLiteral("success"), true},
                               {QStringLiteral("status"), m_service->seedStatusJson()}});
}

void ScenarioEndpoints::seedResults(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    x->respondJson(m_service->seedResultsJson());
}

void ScenarioEndpoints::seedResult(const ExchangePtr &x, const QString &name)
{
    if (!requireService(x) || !checkReportName(x, name)) return;
    readReport(name, [x, name](bool found, const QByteArray &content) {
        if (!found) {
            ApiServer::fail(x, 404, QStringLiteral("File not found"));
            return;
        }
        x->respondJson(QJsonObject{{QStringLiteral("success"), true},
                                   {QStringLiteral("filename"), name},
                                   {QStringLiteral("content"), QString::fromUtf8(content)}});
    });
}

// ------------------------------------------------------------------------------------------
// /api/v1/scenarios

void ScenarioEndpoints::plans(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    QJsonArray plans;
    for (const QString &name : PlanLibrary::builtInNames()) {
        QString error;
        const Plan p = PlanLibrary::load(name, &error);
        if (error.isEmpty()) plans.append(planSummary(p));
    }
    x->respondJson(QJsonObject{{QStringLiteral("plans"), plans}, {QStringLiteral("count"), plans.size()}});
}

void ScenarioEndpoints::plan(const ExchangePtr &x, const QString &name)
{
    if (!requireService(x)) return;
    const QByteArray text = PlanLibrary::builtInText(name);
    if (text.isEmpty()) {
        ApiServer::fail(x, 404,
                        QStringLiteral("Unknown plan: %1 (built-in plans: %2)")
                            .arg(name, PlanLibrary::builtInNames().join(QLatin1String(", "))));
        return;
    }
    x->respond(200, "application/json", text);
}

void ScenarioEndpoints::start(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body, false)) return;
    JsonFields f(body);
    f.rejectUnknown({QStringLiteral("plan"), QStringLiteral("planDocument"), QStringLiteral("timeScale"),
                     QStringLiteral("maxDuration"), QStringLiteral("maxDurationMs")});
    ScenarioRunner::Options options;
    options.timeScale = f.number(QStringLiteral("timeScale"), 0.0, 0.001, kMaxTimeScale);
    const std::optional<QString> name = f.optionalString(QStringLiteral("plan"), 64);
    if (!f.ok()) {
        ApiServer::fail(x, 400, f.error());
        return;
    }
    QString error;
    qint64 maxDurationMs = -1;
    if (!readPlanDuration(body, QStringLiteral("maxDuration"), QString(), &maxDurationMs, &error)) {
        ApiServer::fail(x, 400, error);
        return;
    }
    options.maxDurationMs = maxDurationMs;
    const QJsonValue document = body.value(QLatin1String("planDocument"));
    const bool hasDocument = !document.isUndefined() && !document.isNull();
    if (name.has_value() == hasDocument) {
        ApiServer::fail(x, 400, QStringLiteral("give either plan (a built-in plan name) or planDocument"));
        return;
    }
    Plan plan;
    if (name) {
        if (!PlanLibrary::isBuiltIn(*name)) {
            ApiServer::fail(x, 400,
                            QStringLiteral("plan must be one of %1, or send the plan as planDocument")
                                .arg(PlanLibrary::builtInNames().join(QLatin1String(", "))));
            return;
        }
        plan = PlanLibrary::load(*name, &error);
        if (!error.isEmpty()) {
            ApiServer::fail(x, 500, QStringLiteral("built-in plan %1 cannot be read").arg(*name));
            return;
        }
    } else {
        if (!document.isObject()) {
            ApiServer::fail(x, 400, QStringLiteral("planDocument must be a JSON object (a plan)"));
            return;
        }
        plan = Plan::fromJson(document.toObject(), &error);
        if (!error.isEmpty()) {
            ApiServer::fail(x, 400, QStringLiteral("planDocument.") + error);
            return;
        }
    }
    const QString what = QStringLiteral("scenario %1 started").arg(plan.name);
    onService(
        [plan = std::move(plan), options](ScenarioService &s) {
            if (s.isRunning())
                return reply(409, ApiJson::error(QStringLiteral("a scenario is already running"), 409,
                                                 {{QStringLiteral("current"), s.status().toJson()}}));
            QString startError;
            if (!s.start(plan, options, &startError)) return reply(400, ApiJson::error(startError, 400));
            return reply(201, s.status().toJson(), QString(kCurrentLocation));
        },
        [this, x, what](const QJsonObject &r) { answer(x, r, what); });
}

void ScenarioEndpoints::current(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    x->respondJson(m_service->status().toJson());
}

void ScenarioEndpoints::stop(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    onService(
        [](ScenarioService &s) {
            if (!s.stop(QStringLiteral("stopped through the API")))
                return reply(409, ApiJson::error(QStringLiteral("no scenario is running"), 409));
            // The run ends later: rollback, a short drain, the after-check, the report.
            return reply(202, s.status().toJson(), QString(kCurrentLocation));
        },
        [this, x](const QJsonObject &r) { answer(x, r, QStringLiteral("scenario stopped")); });
}

void ScenarioEndpoints::last(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    const std::optional<RunResult> result = m_service->lastResult();
    if (!result) {
        ApiServer::fail(x, 404, QStringLiteral("no scenario run has finished yet"));
        return;
    }
    const QString saveError = m_service->seedStatusJson(0).value(QLatin1String("error")).toString();
    x->respondJson(lastRunJson(*result, m_service->lastReportFiles(), saveError));
}

// --------------------------------------------------------------------------------------------
// /api/v1/reports

void ScenarioEndpoints::reports(const ExchangePtr &x)
{
    if (!requireService(x)) return;
    QJsonArray items;
    for (const ReportFileInfo &f : m_service->store().list()) {
        QJsonObject o = f.toJson();
        o.insert(QStringLiteral("location"), QString(QStringLiteral("/api/v1/reports/") + f.name));
        items.append(o);
    }
    x->respondJson(QJsonObject{{QStringLiteral("reports"), items}, {QStringLiteral("count"), items.size()}});
}

void ScenarioEndpoints::report(const ExchangePtr &x, const QString &name)
{
    if (!requireService(x) || !checkReportName(x, name)) return;
    readReport(name, [x, name](bool found, const QByteArray &content) {
        if (!found) {
            ApiServer::fail(x, 404, QStringLiteral("Unknown report: %1").arg(name));
            return;
        }
        x->respond(200, contentTypeOf(name), content,
                   {{"Content-Disposition", QByteArray("inline; filename=\"" + name.toUtf8() + '"')}});
    });
}

void ScenarioEndpoints::deleteReport(const ExchangePtr &x, const QString &name)
{
    if (!requireService(x) || !checkReportName(x, name)) return;
    // On the service's thread, where runs write their reports.
    onService(
        [name](ScenarioService &s) {
            ReportStore store = s.store();
            QString error;
            if (store.remove(name, &error))
                return reply(200, {{QStringLiteral("success"), true}, {QStringLiteral("deleted"), name}});
            if (error == QLatin1String("not found"))
                return reply(404, ApiJson::error(QStringLiteral("Unknown report: %1").arg(name), 404));
            qCWarning(lcApi).noquote() << QStringLiteral("report %1: %2").arg(name, error);
            return reply(500, ApiJson::error(QStringLiteral("the report could not be deleted"), 500));
        },
        [this, x, name](const QJsonObject &r) {
            answer(x, r, QStringLiteral("report %1 deleted").arg(name));
        });
}

void ScenarioEndpoints::windowReport(const ExchangePtr &x)
{
    qint64 fromMs = m_api.startedWallMs();
    qint64 toMs = 0; // now
    for (const auto &[key, target] :
         {std::pair{QStringLiteral("from"), &fromMs}, std::pair{QStringLiteral("to"), &toMs}}) {
        if (!x->hasQueryItem(key)) continue;
        if (!ApiJson::readTime(x->queryValue(key), target)) {
            ApiServer::fail(
                x, 400,
                QStringLiteral("%1 must be milliseconds since the epoch or an ISO 8601 time").arg(key));
            return;
        }
    }
    if (toMs > 0 && fromMs > toMs) {
        ApiServer::fail(x, 400, QStringLiteral("from must not be after to"));
        return;
    }
    // Captured and built on the engine thread: without request records the report comes from the live
    // counters and the breaker and chaos history, which is quick.
    m_api.bridge().run(
        [fromMs, toMs](RequestEngine &engine) {
            return ReportBuilder::fromLive(LiveReportInput::capture(engine, fromMs, toMs)).report;
        },
        [x](const QJsonObject &report) { x->respondJson(report); });
}

} // namespace airm
