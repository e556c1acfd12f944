#include "reportbuilder.h"

#include "csvwriter.h"
#include "engine/requestengine.h"
#include "metrics/latencyhistogram.h"
#include "recoverytracker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <algorithm>
#include <cmath>

#ifndef AIRM_VERSION
#define AIRM_VERSION "unknown"
#endif

namespace airm {
namespace {

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

// The seed's CSV timestamps: ISO 8601 local time, no offset.
QString isoLocal(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
}

QString fixed(double v, int decimals = 2)
{
    return QString::number(v, 'f', decimals);
}

QJsonValue numberOrNull(double v, bool present)
{
    return present ? QJsonValue(std::round(v * 1000.0) / 1000.0) : QJsonValue(QJsonValue::Null);
}

QString boolText(bool b)
{
    return b ? QStringLiteral("True") : QStringLiteral("False");
}

struct Stats
{
    qint64 requests = 0, successes = 0, failures = 0, rejected = 0, timeouts = 0;
    QMap<QString, qint64> byClass;
    LatencyHistogram latency; // successful requests
    qint64 breakerTrips = 0;
    bool fromSnapshot = false;
    LatencySummary snapshotLatency;

    void add(const ObservedRequest &o)
    {
        ++requests;
        switch (o.outcome) {
        case Outcome::Success:
            ++successes;
            latency.record(o.latencyMs);
            return;
        case Outcome::Rejected:
            ++rejected;
            return;
        case Outcome::Timeout:
            ++timeouts;
            ++failures;
            break;
        case Outcome::Failure:
            ++failures;
            break;
        }
        ++byClass[toString(o.errorClass)];
    }
    bool hasRate() const { return requests > 0; }
    double successRate() const { return requests > 0 ? double(successes) * 100.0 / double(requests) : 0.0; }
    bool hasLatency() const { return fromSnapshot ? snapshotLatency.count > 0 : latency.count() > 0; }
    double avgLatency() const { return fromSnapshot ? snapshotLatency.meanMs : latency.meanMs(); }
    double minLatency() const { return fromSnapshot ? snapshotLatency.minMs : latency.minMs(); }
    double maxLatency() const { return fromSnapshot ? snapshotLatency.maxMs : latency.maxMs(); }

    QJsonObject toJson() const
    {
        QJsonObject classes;
        for (auto it = byClass.begin(); it != byClass.end(); ++it)
            classes.insert(it.key(), it.value());
        const bool l = hasLatency();
        QJsonObject lat{
            {QStringLiteral("count"), fromSnapshot ? snapshotLatency.count : latency.count()},
            {QStringLiteral("min"), numberOrNull(minLatency(), l)},
            {QStringLiteral("avg"), numberOrNull(avgLatency(), l)},
            {QStringLiteral("p50"),
             numberOrNull(fromSnapshot ? snapshotLatency.p50Ms : latency.quantileMs(0.50), l)},
            {QStringLiteral("p95"),
             numberOrNull(fromSnapshot ? snapshotLatency.p95Ms : latency.quantileMs(0.95), l)},
            {QStringLiteral("p99"),
             numberOrNull(fromSnapshot ? snapshotLatency.p99Ms : latency.quantileMs(0.99), l)},
            {QStringLiteral("max"), numberOrNull(maxLatency(), l)},
            {QStringLiteral("of"), fromSnapshot ? QStringLiteral("completed") : QStringLiteral("successes")}};
        return {{QStringLiteral("requests"), requests},
                {QStringLiteral("successes"), successes},
                {QStringLiteral("failures"), failures},
                {QStringLiteral("rejected"), rejected},
                {QStringLiteral("timeouts"), timeouts},
                {QStringLiteral("successRatePct"), numberOrNull(successRate(), hasRate())},
                {QStringLiteral("failuresByClass"), classes},
                {QStringLiteral("latencyMs"), lat},
                {QStringLiteral("breakerTrips"), breakerTrips}};
    }
};

qint64 tripsIn(const QList<BreakerTransition> &transitions, const QString &service, qint64 from, qint64 to)
{
    qint64 n = 0;
    for (const BreakerTransition &t : transitions)
        if (t.to == BreakerState::Open && t.atMs >= from && t.atMs <= to &&
            (service.isEmpty() || t.service == service))
            ++n;
    return n;
}

// Everything a report is computed from, whichever way it was obtained.
struct Source
{
    QString kind; // scenario | window
    const RunResult *run = nullptr;
    RunResult owned; // window reports build theirs here
    qint64 fromMs = 0, toMs = 0;
    QStringList services;
    const MetricsSnapshot *snapshot = nullptr; // window reports without records
    bool fromRecords = true;
};

QStringList servicesOf(const RunResult &run)
{
    QStringList out;
    for (const QJsonValue &v : run.environment.value(QLatin1String("services")).toArray())
        out << v.toObject().value(QLatin1String("name")).toString();
    for (const ObservedRequest &o : run.requests)
        if (!o.service.isEmpty() && !out.contains(o.service)) out << o.service;
    return out;
}

Stats statsFor(const Source &src, const QString &service)
{
    Stats s;
    if (!src.fromRecords && src.snapshot) {
        s.fromSnapshot = true;
        const ServiceMetrics *m = service.isEmpty() ? &src.snapshot->overall : src.snapshot->service(service);
        if (m) {
            s.requests = m->requests;
            s.successes = m->successes;
            s.rejected = m->rejected;
            s.timeouts = m->timeouts;
            s.failures = std::max<qint64>(0, m->requests - m->successes - m->rejected);
            for (auto it = m->errorsByClass.begin(); it != m->errorsByClass.end(); ++it)
                if (it.key() != ErrorClass::Rejected && it.key() != ErrorClass::None)
                    s.byClass[toString(it.key())] += it.value();
            s.snapshotLatency = m->latencyAll;
        }
    } else {
        for (const ObservedRequest &o : src.run->requests)
            if (service.isEmpty() || o.service == service) s.add(o);
    }
    s.breakerTrips = tripsIn(src.run->transitions, service, src.fromMs, src.toMs);
    return s;
}

// The run's requests indexed by start time and by step, so per-step and per-experiment statistics stay
// O(matching requests) on long runs.
struct Index
{
    const RunResult *run = nullptr;
    std::vector<int> byStart;
    QHash<QString, std::vector<int>> byStep;

    explicit Index(const RunResult &r)
        : run(&r)
    {
        byStart.resize(std::size_t(r.requests.size()));
        for (int i = 0; i < r.requests.size(); ++i) {
            byStart[std::size_t(i)] = i;
            byStep[r.requests[i].stepKey].push_back(i);
        }
        std::stable_sort(byStart.begin(), byStart.end(), [&r](int a, int b) {
            return r.requests[a].startedAtMs < r.requests[b].startedAtMs;
        });
    }
    template<typename F> void forWindow(qint64 from, qint64 to, F fn) const
    {
        auto it = std::lower_bound(byStart.begin(), byStart.end(), from,
                                   [this](int i, qint64 t) { return run->requests[i].startedAtMs < t; });
        for (; it != byStart.end() && run->requests[*it].startedAtMs < to; ++it)
            fn(run->requests[*it]);
    }
    template<typename F> void forStep(const QString &key, F fn) const
    {
        const auto it = byStep.constFind(key);
        if (it == byStep.constEnd()) return;
        for (const int i : *it)
            fn(run->requests[i]);
    }
};

qint64 stepEnd(const Index &ix, const StepRecord &step)
{
    return step.endedAtMs > 0 ? step.endedAtMs : ix.run->endedAtMs;
}

Stats statsInWindow(const Index &ix, const QString &service, qint64 from, qint64 to)
{
    Stats s;
    ix.forWindow(from, to, [&](const ObservedRequest &o) {
        if (service.isEmpty() || o.service == service) s.add(o);
    });
    s.breakerTrips = tripsIn(ix.run->transitions, service, from, to);
    return s;
}

Stats statsForStep(const Index &ix, const StepRecord &step, const QString &service)
{
    if (step.type != StepType::Load) return statsInWindow(ix, service, step.startedAtMs, stepEnd(ix, step));
    Stats s;
    ix.forStep(step.key, [&](const ObservedRequest &o) {
        if (service.isEmpty() || o.service == service) s.add(o);
    });
    s.breakerTrips = tripsIn(ix.run->transitions, service, step.startedAtMs, stepEnd(ix, step));
    return s;
}

QStringList servicesWithRequests(const Index &ix, const StepRecord &step)
{
    QStringList out = step.targets;
    auto add = [&out](const ObservedRequest &o) {
        if (!out.contains(o.service)) out << o.service;
    };
    if (step.type == StepType::Load)
        ix.forStep(step.key, add);
    else
        ix.forWindow(step.startedAtMs, stepEnd(ix, step), add);
    return out;
}

struct ServiceSummary
{
    QString service;
    Stats stats;
    QList<RecoveryRecord> recoveries;
    double avgRecoveryS = 0.0;
    bool scored = false;
    double score = 0.0;
};

ServiceSummary summarize(const Source &src, const QString &service)
{
    ServiceSummary s;
    s.service = service;
    s.stats = statsFor(src, service);
    double sumMs = 0;
    for (const RecoveryRecord &r : src.run->recoveries)
        if (r.service == service && r.status != QLatin1String("interrupted")) {
            s.recoveries << r;
            sumMs += double(r.recoveryOrWaitedMs());
        }
    s.avgRecoveryS = s.recoveries.isEmpty() ? 0.0 : sumMs / double(s.recoveries.size()) / 1000.0;
    s.scored = s.stats.hasRate();
    if (s.scored)
        s.score = ReportBuilder::resilienceScore(s.stats.successRate(),
                                                 s.stats.hasLatency() ? s.stats.avgLatency() : -1.0,
                                                 s.stats.breakerTrips, s.avgRecoveryS);
    return s;
}

QJsonObject serviceJson(const ServiceSummary &s)
{
    QJsonObject o = s.stats.toJson();
    o.insert(QStringLiteral("service"), s.service);
    qint64 recovered = 0, maxMs = 0;
    double recoveredSum = 0;
    QJsonArray list;
    for (const RecoveryRecord &r : s.recoveries) {
        list.append(r.toJson());
        if (r.recovered()) {
            ++recovered;
            recoveredSum += double(r.recoveryMs());
            maxMs = std::max(maxMs, r.recoveryMs());
        }
    }
    o.insert(QStringLiteral("recovery"),
             QJsonObject{{QStringLiteral("measurements"), qint64(s.recoveries.size())},
                         {QStringLiteral("recovered"), recovered},
                         {QStringLiteral("notRecovered"), qint64(s.recoveries.size()) - recovered},
                         {QStringLiteral("avgRecoveryMs"),
                          numberOrNull(recovered ? recoveredSum / double(recovered) : 0, recovered > 0)},
                         {QStringLiteral("maxRecoveryMs"), numberOrNull(double(maxMs), recovered > 0)},
                         {QStringLiteral("avgForScoreS"), s.avgRecoveryS},
                         {QStringLiteral("items"), list}});
    if (s.scored) {
        const double lat = s.stats.hasLatency() ? s.stats.avgLatency() : -1.0;
        o.insert(
            QStringLiteral("resilienceScore"),
            QJsonObject{
                {QStringLiteral("score"), std::round(s.score * 100.0) / 100.0},
                {QStringLiteral("successRateTerm"), s.stats.successRate() * 0.4},
                {QStringLiteral("latencyTerm"), lat < 0 ? 0.0 : (100.0 - std::min(lat / 50.0, 100.0)) * 0.3},
                {QStringLiteral("breakerTripsTerm"),
                 (100.0 - std::min(double(s.stats.breakerTrips) * 10.0, 100.0)) * 0.2},
                {QStringLiteral("recoveryTerm"), (100.0 - std::min(s.avgRecoveryS / 10.0, 100.0)) * 0.1},
                {QStringLiteral("formula"),
                 QStringLiteral("SR*0.4 + (100-min(avgLatencyMs/50,100))*0.3 + (100-min(trips*10,100))*0.2 + "
                                "(100-min(avgRecoveryS/10,100))*0.1")}});
    } else {
        o.insert(QStringLiteral("resilienceScore"), QJsonValue(QJsonValue::Null));
    }
    return o;
}

struct Impact
{
    QString type;
    int experiments = 0, measured = 0;
    double sumRate = 0;
    qint64 trips = 0;
};

QList<Impact> chaosImpact(const Index &ix, qint64 windowEnd)
{
    QList<Impact> out;
    for (const ChaosInjection &c : ix.run->chaos) {
        const QString type = toString(c.type);
        auto it = std::find_if(out.begin(), out.end(), [&](const Impact &i) { return i.type == type; });
        if (it == out.end()) {
            out.append(Impact{type, 0, 0, 0, 0});
            it = out.end() - 1;
        }
        const qint64 end = c.endedAtMs > 0 ? c.endedAtMs : windowEnd;
        for (const QString &t : c.targets) {
            ++it->experiments;
            const Stats s = statsInWindow(ix, t, c.startedAtMs, end);
            it->trips += s.breakerTrips;
            if (s.hasRate()) {
                ++it->measured;
                it->sumRate += s.successRate();
            }
        }
    }
    return out;
}

QJsonObject stepJson(const Index &ix, const StepRecord &step)
{
    QJsonArray services;
    const RunResult &run = *ix.run;
    for (const QString &svc : servicesWithRequests(ix, step)) {
        QJsonObject o = statsForStep(ix, step, svc).toJson();
        o.insert(QStringLiteral("service"), svc);
        services.append(o);
    }
    QJsonArray recoveries;
    for (const RecoveryRecord &r : run.recoveries)
        if (r.stepKey == step.key) recoveries.append(r.toJson());
    const qint64 end = step.endedAtMs > 0 ? step.endedAtMs : run.endedAtMs;
    QJsonObject o{
        {QStringLiteral("key"), step.key},
        {QStringLiteral("parent"), step.parentKey},
        {QStringLiteral("depth"), step.depth},
        {QStringLiteral("cycle"), step.cycle},
        {QStringLiteral("type"), StepSpec::typeName(step.type)},
        {QStringLiteral("id"), step.id},
        {QStringLiteral("title"), step.title},
        {QStringLiteral("experimentId"), step.experimentId},
        {QStringLiteral("status"), step.status},
        {QStringLiteral("detail"), step.detail},
        {QStringLiteral("startedAt"), iso(step.startedAtMs)},
        {QStringLiteral("endedAt"), iso(end)},
        {QStringLiteral("durationMs"), std::max<qint64>(0, end - step.startedAtMs)},
        {QStringLiteral("plannedDurationMs"), step.plannedDurationMs},
        {QStringLiteral("untilMet"), step.untilMet},
        {QStringLiteral("chaos"), step.isChaos() ? QJsonValue(step.chaos) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("intensity"),
         step.isChaos() ? QJsonValue(step.intensity) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("load"),
         step.loadRunId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(step.load)},
        {QStringLiteral("loadStatus"),
         step.loadRunId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(step.loadStatus.toJson())},
        {QStringLiteral("totals"), statsForStep(ix, step, {}).toJson()},
        {QStringLiteral("services"), services},
        {QStringLiteral("recoveries"), recoveries}};
    return o;
}

QJsonObject insightsJson(const QList<ServiceSummary> &services, const Stats &totals,
                         const QList<Impact> &impacts)
{
    const ServiceSummary *reliable = nullptr, *fastest = nullptr;
    for (const ServiceSummary &s : services) {
        if (!s.stats.hasRate()) continue; // an idle service is neither reliable nor fast
        if (!reliable || s.stats.successRate() > reliable->stats.successRate() ||
            (s.stats.successRate() == reliable->stats.successRate() &&
             s.stats.requests > reliable->stats.requests))
            reliable = &s;
        if (s.stats.hasLatency() && (!fastest || s.stats.avgLatency() < fastest->stats.avgLatency()))
            fastest = &s;
    }
    QList<QPair<QString, qint64>> errors;
    for (auto it = totals.byClass.begin(); it != totals.byClass.end(); ++it)
        errors.append({it.key(), it.value()});
    if (totals.rejected > 0) errors.append({QStringLiteral("rejected"), totals.rejected});
    std::stable_sort(errors.begin(), errors.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    QJsonArray top;
    for (int i = 0; i < errors.size() && i < 5; ++i)
        top.append(QJsonObject{{QStringLiteral("errorClass"), errors[i].first},
                               {QStringLiteral("count"), errors[i].second}});
    const Impact *worst = nullptr;
    for (const Impact &i : impacts)
        if (i.measured > 0 && (!worst || i.sumRate / i.measured < worst->sumRate / worst->measured))
            worst = &i;
    return {{QStringLiteral("mostReliableService"),
             reliable
                 ? QJsonValue(QJsonObject{{QStringLiteral("service"), reliable->service},
                                          {QStringLiteral("successRatePct"), reliable->stats.successRate()}})
                 : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("fastestService"),
             fastest ? QJsonValue(QJsonObject{{QStringLiteral("service"), fastest->service},
                                              {QStringLiteral("avgLatencyMs"), fastest->stats.avgLatency()}})
                     : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("topErrors"), top},
            {QStringLiteral("mostDisruptiveChaos"),
             worst ? QJsonValue(
                         QJsonObject{{QStringLiteral("type"), worst->type},
                                     {QStringLiteral("avgSuccessRatePct"), worst->sumRate / worst->measured}})
                   : QJsonValue(QJsonValue::Null)}};
}

QString durationText(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s >= 3600) return QStringLiteral("%1h %2m %3s").arg(s / 3600).arg((s % 3600) / 60).arg(s % 60);
    if (s >= 60) return QStringLiteral("%1m %2s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

ReportBundle build(const Source &src, const QString &stampIn)
{
    const RunResult &run = *src.run;
    ReportBundle b;
    b.stamp = stampIn.isEmpty() ? ReportBuilder::stampFor(src.fromMs) : stampIn;
    const qint64 generated = QDateTime::currentMSecsSinceEpoch();

    QList<ServiceSummary> services;
    for (const QString &svc : src.services)
        services << summarize(src, svc);
    const Stats totals = statsFor(src, QString());
    const Index ix(run);
    const QList<Impact> impacts = chaosImpact(ix, src.toMs);
    const bool scenario = src.kind == QLatin1String("scenario");

    qint64 probesFailed = 0, probesInconclusive = 0;
    QJsonArray probes;
    for (const ProbeResult &p : run.probes) {
        probes.append(p.toJson());
        if (p.failed()) ++probesFailed;
        if (p.outcome == ProbeOutcome::Inconclusive) ++probesInconclusive;
    }
    QJsonArray steps;
    for (const StepRecord &s : run.steps)
        steps.append(stepJson(ix, s));
    QJsonArray serviceArray;
    for (const ServiceSummary &s : services)
        serviceArray.append(serviceJson(s));
    QJsonArray impactArray;
    for (const Impact &i : impacts) {
        const bool measured = i.measured > 0;
        const double avg = measured ? i.sumRate / i.measured : 0.0;
        impactArray.append(QJsonObject{
            {QStringLiteral("type"), i.type},
            {QStringLiteral("experiments"), i.experiments},
            {QStringLiteral("avgSuccessRatePct"), numberOrNull(avg, measured)},
            {QStringLiteral("avgBreakerTrips"), i.experiments ? double(i.trips) / i.experiments : 0.0},
            {QStringLiteral("impact"),
             measured ? ReportBuilder::impactLevel(avg) : QStringLiteral("Unknown")}});
    }
    QJsonArray chaos;
    for (const ChaosInjection &c : run.chaos) {
        QJsonArray perTarget;
        for (const QString &t : c.targets) {
            QJsonObject st =
                statsInWindow(ix, t, c.startedAtMs, c.endedAtMs > 0 ? c.endedAtMs : src.toMs).toJson();
            st.insert(QStringLiteral("service"), t);
            perTarget.append(st);
        }
        chaos.append(QJsonObject{{QStringLiteral("id"), c.id},
                                 {QStringLiteral("step"), c.stepKey},
                                 {QStringLiteral("experimentId"), c.experimentId},
                                 {QStringLiteral("type"), toString(c.type)},
                                 {QStringLiteral("targets"), QJsonArray::fromStringList(c.targets)},
                                 {QStringLiteral("intensity"), c.intensity},
                                 {QStringLiteral("spec"), c.spec},
                                 {QStringLiteral("startedAt"), iso(c.startedAtMs)},
                                 {QStringLiteral("endedAt"), iso(c.endedAtMs)},
                                 {QStringLiteral("endReason"), c.endReason},
                                 {QStringLiteral("touched"), c.touched},
                                 {QStringLiteral("services"), perTarget}});
    }
    QJsonArray transitions;
    for (const BreakerTransition &t : run.transitions)
        transitions.append(t.toJson());
    QJsonArray timeline;
    for (const TimelineEvent &e : run.timeline)
        timeline.append(e.toJson());
    QJsonArray recoveries;
    for (const RecoveryRecord &r : run.recoveries)
        recoveries.append(r.toJson());

    const QString verdict = scenario ? run.verdict() : QStringLiteral("none");
    b.report = QJsonObject{
        {QStringLiteral("schema"), QStringLiteral("airm-report")},
        {QStringLiteral("schemaVersion"), ReportBundle::kSchemaVersion},
        {QStringLiteral("kind"), src.kind},
        {QStringLiteral("generatedAt"), iso(generated)},
        {QStringLiteral("generator"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("ai-resilience-monitor")},
                     {QStringLiteral("version"), QStringLiteral(AIRM_VERSION)}}},
        {QStringLiteral("run"),
         QJsonObject{
             {QStringLiteral("id"), run.runId},
             {QStringLiteral("plan"), scenario ? QJsonValue(run.plan.name) : QJsonValue(QJsonValue::Null)},
             {QStringLiteral("title"),
              scenario ? run.plan.title : QStringLiteral("Report for a time window")},
             {QStringLiteral("status"), runStatusName(run.status)},
             {QStringLiteral("reason"), run.reason},
             {QStringLiteral("startedAt"), iso(src.fromMs)},
             {QStringLiteral("endedAt"), iso(src.toMs)},
             {QStringLiteral("durationMs"), std::max<qint64>(0, src.toMs - src.fromMs)},
             {QStringLiteral("timeScale"), run.timeScale},
             {QStringLiteral("maxDurationMs"), run.maxDurationMs}}},
        {QStringLiteral("window"),
         QJsonObject{{QStringLiteral("from"), iso(src.fromMs)},
                     {QStringLiteral("to"), iso(src.toMs)},
                     {QStringLiteral("fromMs"), src.fromMs},
                     {QStringLiteral("toMs"), src.toMs},
                     {QStringLiteral("source"),
                      src.fromRecords ? QStringLiteral("records") : QStringLiteral("snapshot")}}},
        {QStringLiteral("plan"), scenario ? QJsonValue(run.plan.toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("environment"), run.environment},
        {QStringLiteral("verdict"),
         QJsonObject{{QStringLiteral("result"), verdict},
                     {QStringLiteral("passed"), verdict == QLatin1String("passed")},
                     {QStringLiteral("status"), runStatusName(run.status)},
                     {QStringLiteral("reason"), run.reason},
                     {QStringLiteral("exitCode"), scenario ? run.exitCode() : 0},
                     {QStringLiteral("probes"), qint64(run.probes.size())},
                     {QStringLiteral("probesFailed"), probesFailed},
                     {QStringLiteral("probesInconclusive"), probesInconclusive},
                     {QStringLiteral("untilTimedOut"), run.untilTimedOut}}},
        {QStringLiteral("requests"),
         QJsonObject{{QStringLiteral("observed"), src.fromRecords ? run.requestsObserved : totals.requests},
                     {QStringLiteral("sent"), run.sent},
                     {QStringLiteral("lost"), run.lost},
                     {QStringLiteral("inFlightAtEnd"), run.inFlightAtEnd},
                     {QStringLiteral("rowsTruncated"), run.requestsTruncated}}},
        {QStringLiteral("totals"), totals.toJson()},
        {QStringLiteral("steps"), steps},
        {QStringLiteral("services"), serviceArray},
        {QStringLiteral("chaosTypes"), impactArray},
        {QStringLiteral("chaosExperiments"), chaos},
        {QStringLiteral("recoveries"), recoveries},
        {QStringLiteral("probes"), probes},
        {QStringLiteral("breakerTransitions"), transitions},
        {QStringLiteral("timeline"), timeline},
        {QStringLiteral("insights"), insightsJson(services, totals, impacts)},
        {QStringLiteral("files"), QJsonArray::fromStringList(b.fileNames())}};

    // experiment_log: one row per chaos experiment and target, and per load step and service, in time order.
    struct Row
    {
        qint64 at;
        QStringList fields;
    };
    QList<Row> rows;
    auto experimentRow = [&](qint64 start, qint64 end, const QString &id, const QString &type,
                             double intensity, const QString &service, const Stats &s,
                             const QString &recovery) {
        rows.append(
            {start,
             {isoLocal(start), id, type,
              type == QLatin1String("NONE") ? QString() : QString::number(intensity), service,
              fixed(double(std::max<qint64>(0, end - start)) / 1000.0), QString::number(s.requests),
              QString::number(s.successes), QString::number(s.requests - s.successes),
              s.hasLatency() ? fixed(s.avgLatency()) : QString(),
              s.hasLatency() ? fixed(s.minLatency()) : QString(),
              s.hasLatency() ? fixed(s.maxLatency()) : QString(),
              s.hasRate() ? fixed(s.successRate()) : QString(), QString::number(s.breakerTrips), recovery}});
    };
    for (const ChaosInjection &c : run.chaos) {
        const qint64 end = c.endedAtMs > 0 ? c.endedAtMs : src.toMs;
        for (const QString &t : c.targets) {
            QString recovery;
            for (const RecoveryRecord &r : run.recoveries)
                if (r.service == t && ((!c.stepKey.isEmpty() && r.stepKey == c.stepKey) ||
                                       (c.stepKey.isEmpty() && r.experimentId == c.experimentId)))
                    recovery = r.recovered() ? fixed(double(r.recoveryMs()) / 1000.0) : QString();
            experimentRow(c.startedAtMs, end, c.experimentId, toString(c.type), c.intensity, t,
                          statsInWindow(ix, t, c.startedAtMs, end), recovery);
        }
    }
    for (const StepRecord &s : run.steps)
        if (s.type == StepType::Load)
            for (const QString &svc : servicesWithRequests(ix, s))
                experimentRow(s.startedAtMs, s.endedAtMs > 0 ? s.endedAtMs : src.toMs, s.experimentId,
                              QStringLiteral("NONE"), 0, svc, statsForStep(ix, s, svc), QString());
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.at < b.at; });
    b.experimentLogCsv = CsvWriter::record(ReportBuilder::experimentLogColumns());
    for (const Row &r : std::as_const(rows))
        b.experimentLogCsv += CsvWriter::record(r.fields);

    b.requestLogCsv = CsvWriter::record(ReportBuilder::requestLogColumns());
    for (const ObservedRequest &o : run.requests)
        b.requestLogCsv +=
            CsvWriter::record({isoLocal(o.startedAtMs), o.experimentId, o.service, o.chaosType,
                               boolText(o.chaosActive), boolText(o.succeeded()), fixed(o.latencyMs),
                               o.errorClass == ErrorClass::None ? QString() : toString(o.errorClass),
                               toString(o.breakerState), QString::number(o.responseLength)});

    b.serviceComparisonCsv = CsvWriter::record(ReportBuilder::serviceComparisonColumns());
    for (const ServiceSummary &s : services)
        b.serviceComparisonCsv += CsvWriter::record(
            {isoLocal(src.toMs), s.service, QString::number(s.stats.requests),
             s.stats.hasRate() ? fixed(s.stats.successRate()) : QString(),
             s.stats.hasLatency() ? fixed(s.stats.avgLatency()) : QString(),
             QString::number(s.stats.requests - s.stats.successes), QString::number(s.stats.breakerTrips),
             s.recoveries.isEmpty() ? QString() : fixed(s.avgRecoveryS),
             s.scored ? fixed(s.score) : QString()});

    // The human summary, in the seed's final_report layout plus the verdict.
    const QString rule(80, QLatin1Char('='));
    QString t;
    t += rule + QLatin1Char('\n') + QStringLiteral("AI RESILIENCE MONITOR - CHAOS TESTING FINAL REPORT\n") +
         rule + QLatin1Char('\n');
    if (scenario) {
        t += QStringLiteral("Plan: %1 (%2)\nRun: %3\n").arg(run.plan.name, run.plan.title, run.runId);
        t += QStringLiteral("Verdict: %1 (%2: %3), exit code %4\n")
                 .arg(verdict.toUpper(), runStatusName(run.status), run.reason)
                 .arg(run.exitCode());
    } else {
        t += QStringLiteral("Window: %1 to %2 (counts from %3)\n")
                 .arg(iso(src.fromMs), iso(src.toMs),
                      src.fromRecords ? QStringLiteral("request records") : QStringLiteral("live counters"));
    }
    t += QStringLiteral("Test Duration: %1 (time scale %2)\n")
             .arg(durationText(src.toMs - src.fromMs))
             .arg(run.timeScale);
    t += QStringLiteral("Total Requests: %1\nTotal Chaos Experiments: %2\nReport Generated: %3\n\n")
             .arg(totals.requests)
             .arg(run.chaos.size())
             .arg(iso(generated));
    t += QStringLiteral("SERVICE PERFORMANCE COMPARISON\n") + QString(80, QLatin1Char('-')) +
         QLatin1Char('\n');
    for (const ServiceSummary &s : services) {
        if (!s.stats.hasRate()) continue;
        t += QStringLiteral("%1\n  Total Requests: %2\n  Success Rate: %3%\n  Avg Latency: %4 ms\n  Circuit "
                            "Breaker Trips: %5\n"
                            "  Avg Recovery Time: %6 s\n  Resilience Score: %7/100\n")
                 .arg(s.service.toUpper())
                 .arg(s.stats.requests)
                 .arg(fixed(s.stats.successRate()),
                      s.stats.hasLatency() ? fixed(s.stats.avgLatency()) : QStringLiteral("-"))
                 .arg(s.stats.breakerTrips)
                 .arg(fixed(s.avgRecoveryS), fixed(s.score));
    }
    t += QStringLiteral("\nCHAOS TYPE IMPACT ANALYSIS\n") + QString(80, QLatin1Char('-')) + QLatin1Char('\n');
    if (impacts.isEmpty()) t += QStringLiteral("  (no chaos experiments)\n");
    for (const Impact &i : impacts) {
        const bool measured = i.measured > 0;
        t += QStringLiteral("%1\n  Experiments Run: %2\n  Avg Success Rate: %3\n  Avg Circuit Breaker Trips: "
                            "%4\n  Impact Level: %5\n")
                 .arg(i.type.toUpper())
                 .arg(i.experiments)
                 .arg(measured ? fixed(i.sumRate / i.measured) + QLatin1Char('%')
                               : QStringLiteral("no requests"),
                      fixed(i.experiments ? double(i.trips) / i.experiments : 0.0),
                      measured ? ReportBuilder::impactLevel(i.sumRate / i.measured)
                               : QStringLiteral("Unknown"));
    }
    if (!run.recoveries.isEmpty()) {
        t += QStringLiteral("\nRECOVERY (measured, not slept)\n") + QString(80, QLatin1Char('-')) +
             QLatin1Char('\n');
        for (const RecoveryRecord &r : run.recoveries)
            t +=
                QStringLiteral("  %1 after %2 (%3): %4\n")
                    .arg(r.service,
                         r.stepKey.isEmpty() ? r.experimentId : QStringLiteral("step ") + r.stepKey,
                         toString(r.chaosType),
                         r.recovered()
                             ? QStringLiteral("recovered in %1 s").arg(fixed(double(r.recoveryMs()) / 1000.0))
                             : QStringLiteral("%1 after waiting %2 s")
                                   .arg(QString(r.status).replace(QLatin1Char('_'), QLatin1Char(' ')),
                                        fixed(double(r.waitedMs) / 1000.0)));
    }
    if (!run.probes.isEmpty()) {
        t += QStringLiteral("\nHYPOTHESIS\n") + QString(80, QLatin1Char('-')) + QLatin1Char('\n');
        for (const ProbeResult &p : run.probes)
            t += QStringLiteral("  [%1] %2 %3: %4 (%5)\n")
                     .arg(probeOutcomeName(p.outcome),
                          p.phase + (p.stepKey.isEmpty() ? QString() : QLatin1Char(' ') + p.stepKey), p.name,
                          p.valueText, p.tolerance);
    }
    t += QStringLiteral("\nDATA FILES GENERATED\n") + QString(80, QLatin1Char('-')) + QLatin1Char('\n');
    for (const QString &f : b.fileNames())
        t += QStringLiteral("  ") + f + QLatin1Char('\n');
    b.summaryText = t.toUtf8();
    return b;
}

} // namespace

QByteArray ReportBundle::json() const
{
    return QJsonDocument(report).toJson(QJsonDocument::Indented);
}

QStringList ReportBundle::fileNames() const
{
    return {reportName(), summaryName(), experimentLogName(), requestLogName(), serviceComparisonName()};
}

QList<QPair<QString, QByteArray>> ReportBundle::files() const
{
    return {{reportName(), json()},
            {summaryName(), summaryText},
            {experimentLogName(), experimentLogCsv},
            {requestLogName(), requestLogCsv},
            {serviceComparisonName(), serviceComparisonCsv}};
}

QStringList ReportBuilder::experimentLogColumns()
{
    return {QStringLiteral("Timestamp"),        QStringLiteral("Experiment_ID"),
            QStringLiteral("Chaos_Type"),       QStringLiteral("Intensity"),
            QStringLiteral("Service"),          QStringLiteral("Duration_Sec"),
            QStringLiteral("Total_Requests"),   QStringLiteral("Successful_Requests"),
            QStringLiteral("Failed_Requests"),  QStringLiteral("Avg_Latency_Ms"),
            QStringLiteral("Min_Latency_Ms"),   QStringLiteral("Max_Latency_Ms"),
            QStringLiteral("Success_Rate_%"),   QStringLiteral("Circuit_Breaker_Trips"),
            QStringLiteral("Recovery_Time_Sec")};
}

QStringList ReportBuilder::requestLogColumns()
{
    return {QStringLiteral("Timestamp"),
            QStringLiteral("Experiment_ID"),
            QStringLiteral("Service"),
            QStringLiteral("Chaos_Type"),
            QStringLiteral("Chaos_Active"),
            QStringLiteral("Success"),
            QStringLiteral("Latency_Ms"),
            QStringLiteral("Error_Type"),
            QStringLiteral("Circuit_Breaker_State"),
            QStringLiteral("Response_Size")};
}

QStringList ReportBuilder::serviceComparisonColumns()
{
    return {QStringLiteral("Timestamp"),
            QStringLiteral("Service"),
            QStringLiteral("Total_Requests"),
            QStringLiteral("Success_Rate_%"),
            QStringLiteral("Avg_Latency_Ms"),
            QStringLiteral("Total_Failures"),
            QStringLiteral("Circuit_Breaker_Trips"),
            QStringLiteral("Avg_Recovery_Time_Sec"),
            QStringLiteral("Resilience_Score")};
}

double ReportBuilder::resilienceScore(double successRatePct, double avgLatencyMs, qint64 breakerTrips,
                                      double avgRecoveryS)
{
    const double latencyTerm = avgLatencyMs < 0 ? 0.0 : 100.0 - std::min(avgLatencyMs / 50.0, 100.0);
    return successRatePct * 0.4 + latencyTerm * 0.3 +
           (100.0 - std::min(double(breakerTrips) * 10.0, 100.0)) * 0.2 +
           (100.0 - std::min(avgRecoveryS / 10.0, 100.0)) * 0.1;
}

QString ReportBuilder::impactLevel(double avgSuccessRatePct)
{
    if (avgSuccessRatePct < 50.0) return QStringLiteral("High");
    if (avgSuccessRatePct < 75.0) return QStringLiteral("Medium");
    return QStringLiteral("Low");
}

QString ReportBuilder::stampFor(qint64 wallMs)
{
    return QDateTime::fromMSecsSinceEpoch(wallMs).toString(QStringLiteral("yyyyMMdd_HHmmss"));
}

QJsonObject ReportBuilder::environment(const RequestEngine &engine)
{
    QJsonArray services;
    for (const QString &name : engine.serviceNames()) {
        const ServiceConfig *c = engine.serviceConfig(name);
        if (!c) continue;
        QJsonObject o = c->toJson();
        o.remove(QStringLiteral("keySource"));
        o.insert(QStringLiteral("breaker"), engine.breakerConfig(name).toJson());
        services.append(o);
    }
    QJsonObject engineJson = engine.config().toJson();
    engineJson.insert(QStringLiteral("seed"), QString::number(engine.config().seed));
    return {{QStringLiteral("version"), QStringLiteral(AIRM_VERSION)},
            {QStringLiteral("qtVersion"), QString::fromLatin1(qVersion())},
            {QStringLiteral("os"), QSysInfo::prettyProductName()},
            {QStringLiteral("cpu"), QSysInfo::currentCpuArchitecture()},
            {QStringLiteral("services"), services},
            {QStringLiteral("engine"), engineJson}};
}

ReportBundle ReportBuilder::fromRun(const RunResult &run, const QString &stamp)
{
    Source src;
    src.kind = QStringLiteral("scenario");
    src.run = &run;
    src.fromMs = run.startedAtMs;
    src.toMs = run.endedAtMs > 0 ? run.endedAtMs : QDateTime::currentMSecsSinceEpoch();
    src.services = servicesOf(run);
    return build(src, stamp);
}

LiveReportInput LiveReportInput::capture(RequestEngine &engine, qint64 fromMs, qint64 toMs)
{
    LiveReportInput in;
    in.snapshot = engine.snapshot();
    in.fromMs = fromMs;
    in.toMs = toMs;
    in.transitions = engine.transitions(QString());
    for (const ChaosExperiment &e : engine.chaos().history())
        in.chaos << e;
    for (const ActiveChaos &a : in.snapshot.activeChaos)
        if (const ChaosExperiment *e = engine.chaos().find(a.id)) in.chaos << *e;
    in.environment = ReportBuilder::environment(engine);
    return in;
}

ReportBundle ReportBuilder::fromLive(const LiveReportInput &input, const QString &stamp)
{
    Source src;
    src.kind = QStringLiteral("window");
    RunResult &run = src.owned;
    src.run = &run;
    src.fromMs = input.fromMs > 0 ? input.fromMs : input.snapshot.startedAtMs;
    src.toMs = input.toMs > 0 ? input.toMs : input.snapshot.takenAtMs;
    if (!input.haveRecords)
        src.fromMs = std::max(src.fromMs, input.snapshot.startedAtMs); // counters start there
    src.fromRecords = input.haveRecords;
    src.snapshot = &input.snapshot;
    run.runId = QStringLiteral("window-") + stampFor(src.fromMs);
    run.status = RunStatus::Completed;
    run.reason = QStringLiteral("window report");
    run.startedAtMs = src.fromMs;
    run.endedAtMs = src.toMs;
    run.environment = input.environment;

    for (const BreakerTransition &t : input.transitions)
        if (t.atMs >= src.fromMs && t.atMs <= src.toMs) run.transitions << t;

    const QStringList known = [&] {
        QStringList names;
        for (const ServiceMetrics &m : input.snapshot.services)
            names << m.name;
        return names;
    }();
    for (const ChaosExperiment &e : input.chaos) {
        const qint64 end = e.endedWallMs > 0 ? e.endedWallMs : 0;
        if (e.startedWallMs > src.toMs || (end > 0 && end < src.fromMs)) continue;
        ChaosInjection c;
        c.id = e.spec.id;
        c.experimentId = e.spec.id;
        c.type = e.spec.type;
        c.targets = e.spec.targetsAll() ? known : e.spec.targets;
        c.spec = e.spec.toJson();
        c.intensity = chaosIntensity(e.spec);
        c.startedAtMs = e.startedWallMs;
        c.endedAtMs = end;
        c.endReason = e.endedWallMs > 0 ? e.endReason : QStringLiteral("active");
        c.touched = e.touched;
        run.chaos << c;
    }
    std::stable_sort(
        run.chaos.begin(), run.chaos.end(),
        [](const ChaosInjection &a, const ChaosInjection &b) { return a.startedAtMs < b.startedAtMs; });

    if (input.haveRecords) {
        for (const RequestRecord &r : input.records) {
            if (r.startedAtMs < src.fromMs || r.startedAtMs > src.toMs) continue;
            ObservedRequest o;
            o.id = r.id;
            o.service = r.service;
            o.servedBy = r.servedBy;
            o.startedAtMs = r.startedAtMs;
            o.finishedAtMs = r.finishedAtMs;
            o.outcome = r.outcome;
            o.errorClass = r.errorClass;
            o.errorMessage = r.errorMessage;
            o.latencyMs = r.latencyMs;
            o.breakerState = r.breakerState;
            o.responseLength = r.responseLength;
            o.chaosType = QStringLiteral("NONE");
            for (const ChaosInjection &c : std::as_const(run.chaos))
                if (c.targets.contains(r.service) && c.startedAtMs <= r.startedAtMs &&
                    (c.endedAtMs == 0 || r.startedAtMs < c.endedAtMs)) {
                    o.chaosActive = true;
                    o.chaosType = toString(c.type);
                    o.experimentId = c.experimentId;
                }
            if (!o.chaosActive && !r.chaosIds.isEmpty()) {
                o.chaosActive = true;
                o.chaosType = QStringLiteral("unknown");
            }
            if (o.experimentId.isEmpty()) o.experimentId = QStringLiteral("LIVE");
            run.requests << o;
        }
        std::stable_sort(run.requests.begin(), run.requests.end(),
                         [](const ObservedRequest &a, const ObservedRequest &b) {
                             return a.finishedAtMs < b.finishedAtMs;
                         });
        run.requestsObserved = run.requests.size();
    }

    // Recovery after every chaos experiment that ended in the window, replayed from the recorded events.
    RecoveryTracker tracker({input.successWindow, input.tolerancePts});
    struct Ev
    {
        qint64 at;
        int kind; // 0 = chaos end, 1 = transition, 2 = request, 3 = chaos start
        int index;
    };
    QList<Ev> events;
    for (int i = 0; i < run.chaos.size(); ++i) {
        events.append({run.chaos[i].startedAtMs, 3, i});
        if (run.chaos[i].endedAtMs > 0) events.append({run.chaos[i].endedAtMs, 0, i});
    }
    for (int i = 0; i < run.transitions.size(); ++i)
        events.append({run.transitions[i].atMs, 1, i});
    for (int i = 0; i < run.requests.size(); ++i)
        events.append({run.requests[i].finishedAtMs, 2, i});
    std::stable_sort(events.begin(), events.end(),
                     [](const Ev &a, const Ev &b) { return a.at != b.at ? a.at < b.at : a.kind < b.kind; });
    QMap<QString, BreakerState> state;
    for (const BreakerTransition &t : input.transitions) // the state at the window start
        if (t.atMs < src.fromMs) state.insert(t.service, t.to);
    int lastRequest = -1;
    for (const Ev &e : std::as_const(events)) {
        if (e.kind == 3) {
            // A new chaos on a service ends the measurement of the one before.
            for (const QString &t : run.chaos[e.index].targets)
                tracker.endForService(t, QStringLiteral("interrupted"), e.at);
        } else if (e.kind == 0) {
            const ChaosInjection &c = run.chaos[e.index];
            for (const QString &t : c.targets) {
                RecoveryRecord seed;
                seed.experimentId = c.experimentId;
                seed.service = t;
                seed.chaosType = c.type;
                seed.chaosEndedAtMs = e.at;
                seed.successMeasured = input.haveRecords;
                qint64 n = 0, ok = 0;
                for (const ObservedRequest &o : std::as_const(run.requests))
                    if (o.service == t && o.finishedAtMs <= c.startedAtMs &&
                        o.finishedAtMs > c.startedAtMs - input.baselineWindowMs) {
                        ++n;
                        if (o.succeeded()) ++ok;
                    }
                const ServiceMetrics *m = input.snapshot.service(t);
                if (n >= 5) {
                    seed.baselinePct = double(ok) * 100.0 / double(n);
                    seed.baselineSamples = int(n);
                    seed.baselineSource = QStringLiteral("run");
                } else if (m && m->successRatePct() >= 0) {
                    seed.baselinePct = m->successRatePct();
                    seed.baselineSamples = int(m->requests);
                    seed.baselineSource = QStringLiteral("engine");
                } else {
                    seed.baselineSource = QStringLiteral("default");
                }
                QList<bool> recent;
                for (int j = lastRequest; j >= 0 && recent.size() < input.successWindow; --j)
                    if (run.requests[j].service == t) recent.prepend(run.requests[j].succeeded());
                tracker.begin(seed, state.value(t, BreakerState::Closed), recent);
            }
        } else if (e.kind == 1) {
            const BreakerTransition &t = run.transitions[e.index];
            state.insert(t.service, t.to);
            tracker.onTransition(t);
        } else {
            const ObservedRequest &o = run.requests[e.index];
            lastRequest = e.index;
            tracker.onRequest(o.service, o.startedAtMs, o.finishedAtMs, o.succeeded());
        }
    }
    for (int i : tracker.pending())
        tracker.end(i, QStringLiteral("not_recovered"), src.toMs);
    run.recoveries = tracker.records();

    for (const BreakerTransition &t : std::as_const(run.transitions)) {
        TimelineEvent e;
        e.atMs = t.atMs;
        e.kind = QStringLiteral("breaker_transition");
        e.service = t.service;
        e.detail = QStringLiteral("%1 -> %2: %3").arg(toString(t.from), toString(t.to), t.reason);
        run.timeline << e;
    }
    for (const ChaosInjection &c : std::as_const(run.chaos)) {
        TimelineEvent e;
        e.atMs = c.startedAtMs;
        e.kind = QStringLiteral("chaos_started");
        e.service = c.targets.join(QLatin1Char(','));
        e.detail = QStringLiteral("%1 %2 (%3)").arg(toString(c.type)).arg(c.intensity).arg(c.id);
        run.timeline << e;
        if (c.endedAtMs > 0) {
            e.atMs = c.endedAtMs;
            e.kind = QStringLiteral("chaos_ended");
            e.detail = QStringLiteral("%1 (%2, touched %3 requests)").arg(c.id, c.endReason).arg(c.touched);
            run.timeline << e;
        }
    }
    std::stable_sort(run.timeline.begin(), run.timeline.end(),
                     [](const TimelineEvent &a, const TimelineEvent &b) { return a.atMs < b.atMs; });
    src.services = known;
    for (const ObservedRequest &o : std::as_const(run.requests))
        if (!src.services.contains(o.service)) src.services << o.service;
    return build(src, stamp);
}

} // namespace airm
