#include "scenariorunner.h"

#include "chaos/chaosregistry.h"
#include "engine/automationrun.h"
#include "engine/requestengine.h"
#include "metrics/latencyhistogram.h"
#include "reportbuilder.h"

#include <QDateTime>
#include <QJsonArray>
#include <cmath>

namespace airm {
namespace {

constexpr qint64 kMinTickMs = 10; // real ms: the fastest during-check pace, whatever the scale
constexpr qint64 kChaosSafetyMarginMs =
    5'000;                             // the registry ends a chaos this long after its step should have
constexpr int kBaselineMinSamples = 5; // fewer run requests before a chaos step: use the engine's rate

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms % 1000 == 0 ? 0 : (ms % 100 == 0 ? 1 : 3)) +
           QStringLiteral(" s");
}

QString pct(double v)
{
    return QString::number(v, 'f', 1) + QStringLiteral(" %");
}

bool hasServicesField(const QJsonObject &stepSource)
{
    const QJsonObject load = stepSource.value(QLatin1String("load")).toObject();
    return load.contains(QLatin1String("services")) || load.contains(QLatin1String("service"));
}

// The first field that names a service the engine does not have, as "path: reason".
QString unknownServiceIn(const std::vector<StepSpec> &steps, const QString &path, const QStringList &known)
{
    auto bad = [&](const QString &name) {
        return !name.isEmpty() && name != QLatin1String("all") && !known.contains(name);
    };
    auto message = [&](const QString &field, const QString &name) {
        return QStringLiteral("%1: service \"%2\" is not configured (configured: %3)")
            .arg(field, name, known.join(QStringLiteral(", ")));
    };
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const StepSpec &s = steps[i];
        const QString p = path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
        if (s.chaos)
            for (const QString &t : s.chaos->targets)
                if (bad(t)) return message(p + QStringLiteral(".chaos.targets"), t);
        if (s.load)
            for (const QString &t : s.load->services)
                if (bad(t)) return message(p + QStringLiteral(".load.services"), t);
        if (s.until && bad(s.until->service))
            return message(p + QStringLiteral(".until.service"), s.until->service);
        for (int j = 0; j < s.inlineProbes.size(); ++j)
            if (bad(s.inlineProbes[j].service))
                return message(p + QStringLiteral(".probes[%1].service").arg(j), s.inlineProbes[j].service);
        for (const QString &t : s.forEachServices)
            if (bad(t)) return message(p + QStringLiteral(".services"), t);
        if (s.type != StepType::ForEach) {
            const QString inner = unknownServiceIn(s.steps, p + QStringLiteral(".steps"), known);
            if (!inner.isEmpty()) return inner;
        }
    }
    return {};
}

} // namespace

QJsonObject ScenarioStatus::toJson() const
{
    return {{QStringLiteral("runId"), runId},
            {QStringLiteral("plan"), plan},
            {QStringLiteral("title"), title},
            {QStringLiteral("status"), runStatusName(status)},
            {QStringLiteral("running"), status == RunStatus::Running},
            {QStringLiteral("phase"), phase},
            {QStringLiteral("startedAt"),
             startedAtMs ? QDateTime::fromMSecsSinceEpoch(startedAtMs, Qt::UTC).toString(Qt::ISODateWithMs)
                         : QString()},
            {QStringLiteral("endedAt"),
             endedAtMs ? QDateTime::fromMSecsSinceEpoch(endedAtMs, Qt::UTC).toString(Qt::ISODateWithMs)
                       : QString()},
            {QStringLiteral("elapsedMs"), elapsedMs},
            {QStringLiteral("timeScale"), timeScale},
            {QStringLiteral("cycle"), cycle},
            {QStringLiteral("stepsStarted"), stepsStarted},
            {QStringLiteral("stepsFinished"), stepsFinished},
            {QStringLiteral("currentSteps"), QJsonArray::fromStringList(currentSteps)},
            {QStringLiteral("totalRequests"), requests},
            {QStringLiteral("successfulRequests"), successes},
            {QStringLiteral("failedRequests"), failures},
            {QStringLiteral("activeChaos"), activeChaos},
            {QStringLiteral("pendingRecoveries"), pendingRecoveries},
            {QStringLiteral("output"), QJsonArray::fromStringList(lastLines)}};
}

ScenarioRunner::ScenarioRunner(RequestEngine &engine, Plan plan, QObject *parent)
    : ScenarioRunner(engine, std::move(plan), Options{}, parent)
{}

ScenarioRunner::ScenarioRunner(RequestEngine &engine, Plan plan, Options options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(std::move(options))
    , m_tracker(RecoveryTracker::Settings{plan.recovery.successWindow, plan.recovery.tolerancePts})
{
    qRegisterMetaType<airm::RunResult>("airm::RunResult");
    static quint64 s_serial = 0;
    m_result.plan = std::move(plan);
    m_result.timeScale = m_options.timeScale > 0 ? m_options.timeScale : m_result.plan.timeScale;
    m_result.maxDurationMs =
        m_options.maxDurationMs >= 0 ? m_options.maxDurationMs : m_result.plan.maxDurationMs;
    m_result.runId = m_options.runId;
    if (m_result.runId.isEmpty())
        m_result.runId = QStringLiteral("scn-%1-%2")
                             .arg(QDateTime::fromMSecsSinceEpoch(m_engine.clock().wallMs(), Qt::UTC)
                                      .toString(QStringLiteral("yyyyMMdd-HHmmss")))
                             .arg(++s_serial);
}

ScenarioRunner::~ScenarioRunner()
{
    if (isRunning()) rollback(QStringLiteral("runner destroyed"));
    for (const quint64 id : std::as_const(m_timers))
        m_engine.clock().cancel(id);
    m_timers.clear();
    disconnect(&m_engine, nullptr, this, nullptr);
}

// ------------------------------------------------------------------------------------------------ helpers

quint64 ScenarioRunner::later(qint64 delayMs, std::function<void()> fn)
{
    auto holder = std::make_shared<quint64>(0);
    const quint64 id =
        m_engine.clock().schedule(std::max<qint64>(0, delayMs), [this, holder, fn = std::move(fn)] {
            m_timers.remove(*holder);
            fn();
        });
    *holder = id;
    m_timers.insert(id);
    return id;
}

void ScenarioRunner::cancel(quint64 &timer)
{
    if (!timer) return;
    m_engine.clock().cancel(timer);
    m_timers.remove(timer);
    timer = 0;
}

qint64 ScenarioRunner::scaled(qint64 planMs) const
{
    if (planMs <= 0) return planMs;
    return std::max<qint64>(1, std::llround(double(planMs) / m_result.timeScale));
}

qint64 ScenarioRunner::nowMono() const
{
    return m_engine.clock().nowMs();
}

qint64 ScenarioRunner::nowWall() const
{
    return m_engine.clock().wallMs();
}

void ScenarioRunner::log(const QString &line)
{
    const qint64 elapsed = m_result.startedAtMs > 0 ? nowMono() - m_startMono : 0;
    const QString text = QStringLiteral("[+%1s] %2").arg(double(elapsed) / 1000.0, 0, 'f', 1).arg(line);
    m_output.push_back(text);
    while (int(m_output.size()) > std::max(1, m_options.outputLines))
        m_output.pop_front();
    emit output(text);
}

void ScenarioRunner::event(const QString &kind, const QString &stepKey, const QString &service,
                           const QString &detail)
{
    TimelineEvent e;
    e.atMs = nowWall();
    e.kind = kind;
    e.stepKey = stepKey;
    e.service = service;
    e.detail = detail;
    m_result.timeline << e;
}

QStringList ScenarioRunner::resolveServices(const QStringList &names) const
{
    if (names.isEmpty() || names.contains(QLatin1String("all"))) return m_services;
    return names;
}

QString ScenarioRunner::automationRunId(const QString &key) const
{
    return m_result.runId + QLatin1Char('/') + key;
}

QString ScenarioRunner::nextExperimentId()
{
    return QString::number(m_nextExperiment++);
}

qint64 ScenarioRunner::inFlight() const
{
    qint64 n = m_probesInFlight;
    for (const auto &run : m_automations)
        n += run->status().inFlight;
    return n;
}

void ScenarioRunner::chaosContext(const QString &service, qint64 atWallMs, bool *active, QString *type) const
{
    for (const ChaosInjection &c : m_result.chaos)
        if (c.targets.contains(service) && c.startedAtMs <= atWallMs &&
            (c.endedAtMs == 0 || atWallMs < c.endedAtMs)) {
            *active = true;
            *type = toString(c.type);
            return;
        }
}

QString ScenarioRunner::makeKey(const QString &parentKey, std::size_t index) const
{
    const QString n = QString::number(index + 1);
    if (!parentKey.isEmpty()) return parentKey + QLatin1Char('.') + n;
    return m_result.plan.repeat == 1 ? n : QStringLiteral("c%1.%2").arg(m_cycle).arg(n);
}

ScenarioStatus ScenarioRunner::status() const
{
    ScenarioStatus s;
    s.runId = m_result.runId;
    s.plan = m_result.plan.name;
    s.title = m_result.plan.title;
    s.status = m_phase == Phase::Finished ? m_result.status
                                          : (m_phase == Phase::Idle ? m_result.status : RunStatus::Running);
    switch (m_phase) {
    case Phase::Idle:
        s.phase = QStringLiteral("idle");
        break;
    case Phase::Method:
        s.phase = QStringLiteral("method");
        break;
    case Phase::Recovering:
        s.phase = QStringLiteral("recovering");
        break;
    case Phase::Draining:
        s.phase = QStringLiteral("draining");
        break;
    case Phase::Finished:
        s.phase = QStringLiteral("finished");
        break;
    }
    s.startedAtMs = m_result.startedAtMs;
    s.endedAtMs = m_result.endedAtMs;
    s.elapsedMs = m_result.startedAtMs
                      ? (m_result.endedAtMs ? m_result.endedAtMs : nowWall()) - m_result.startedAtMs
                      : 0;
    s.timeScale = m_result.timeScale;
    s.cycle = m_cycle;
    s.stepsStarted = int(m_result.steps.size());
    s.stepsFinished = m_stepsFinished;
    for (const auto &[key, a] : m_active)
        s.currentSteps << key + QLatin1Char(' ') + m_result.steps[a.stepIndex].title;
    s.requests = m_result.requestsObserved;
    s.successes = m_successes;
    s.failures = m_result.requestsObserved - m_successes;
    for (const ChaosInjection &c : m_result.chaos)
        if (c.endedAtMs == 0) ++s.activeChaos;
    s.pendingRecoveries = int(m_tracker.pending().size());
    s.lastLines = QStringList(m_output.begin(), m_output.end());
    return s;
}

// ------------------------------------------------------------------------------------------------- start

bool ScenarioRunner::start(QString *error)
{
    error->clear();
    if (m_phase != Phase::Idle) {
        *error = QStringLiteral("this run was already started");
        return false;
    }
    const Plan &plan = m_result.plan;
    m_services = m_engine.serviceNames();
    auto reject = [&](const QString &message) {
        *error = message;
        m_result.status = RunStatus::Error;
        m_result.reason = message;
        m_phase = Phase::Finished;
        return false;
    };
    for (int i = 0; i < plan.probes.size(); ++i) {
        const QString &svc = plan.probes[i].service;
        if (svc != QLatin1String("all") && !m_services.contains(svc))
            return reject(
                QStringLiteral(
                    "hypothesis.probes[%1].service: service \"%2\" is not configured (configured: %3)")
                    .arg(i)
                    .arg(svc, m_services.join(QStringLiteral(", "))));
    }
    for (int i = 0; i < plan.abortConditions.size(); ++i) {
        const QString &svc = plan.abortConditions[i].probe.service;
        if (svc != QLatin1String("all") && !m_services.contains(svc))
            return reject(
                QStringLiteral(
                    "abortConditions[%1].service: service \"%2\" is not configured (configured: %3)")
                    .arg(i)
                    .arg(svc, m_services.join(QStringLiteral(", "))));
    }
    const QString unknown = unknownServiceIn(plan.method, QStringLiteral("method"), m_services);
    if (!unknown.isEmpty()) return reject(unknown);
    if (m_services.isEmpty()) return reject(QStringLiteral("the engine has no services"));
    QString expandError;
    const std::vector<StepSpec> expanded = expand(plan.method, QStringLiteral("method"), &expandError);
    if (!expandError.isEmpty()) return reject(expandError);
    // for_each templates name their services only once expanded.
    const QString unknownExpanded =
        unknownServiceIn(expanded, QStringLiteral("method (expanded)"), m_services);
    if (!unknownExpanded.isEmpty()) return reject(unknownExpanded);

    // Which data the probes need, and how far back.
    auto consider = [this](const ProbeSpec &p) {
        if (p.scope == ProbeScope::Service) m_wantServiceScope = true;
        m_longestWindowMs = std::max(m_longestWindowMs, scaled(p.windowMs));
    };
    for (const ProbeSpec &p : plan.probes)
        consider(p);
    for (const AbortCondition &a : plan.abortConditions)
        consider(a.probe);
    std::function<void(const std::vector<StepSpec> &)> walk = [&](const std::vector<StepSpec> &steps) {
        for (const StepSpec &s : steps) {
            if (s.until) consider(*s.until);
            for (const ProbeSpec &p : s.inlineProbes)
                consider(p);
            walk(s.steps);
        }
    };
    walk(plan.method);
    m_longestWindowMs = std::max(m_longestWindowMs, scaled(plan.recovery.baselineWindowMs));

    m_result.environment = ReportBuilder::environment(m_engine);
    m_result.environment.insert(QStringLiteral("timeScale"), m_result.timeScale);
    const MetricsSnapshot snap = m_engine.snapshot();
    for (const ServiceMetrics &m : snap.services)
        m_breakers.insert(m.name, m.breaker.state);
    m_abortStates.resize(std::size_t(plan.abortConditions.size()));

    connect(&m_engine, &RequestEngine::requestFinished, this, &ScenarioRunner::onRecord);
    connect(&m_engine, &RequestEngine::breakerTransitioned, this, &ScenarioRunner::onTransition);
    connect(&m_engine, &RequestEngine::chaosEnded, this, &ScenarioRunner::onChaosEnded);

    m_phase = Phase::Method;
    m_result.status = RunStatus::Running;
    m_result.startedAtMs = nowWall();
    m_startMono = nowMono();
    if (m_result.maxDurationMs > 0) {
        m_deadlineMono = m_startMono + scaled(m_result.maxDurationMs);
        m_deadlineTimer = later(scaled(m_result.maxDurationMs), [this] {
            m_deadlineTimer = 0;
            methodDone(QStringLiteral("duration reached"));
        });
    }
    event(QStringLiteral("run_started"), {}, {}, plan.name);
    log(QStringLiteral("scenario %1 (%2) started as %3, time scale %4%5")
            .arg(plan.name, plan.title, m_result.runId)
            .arg(m_result.timeScale)
            .arg(m_result.maxDurationMs > 0 ? QStringLiteral(", duration ") + seconds(m_result.maxDurationMs)
                                            : QString()));
    m_tickTimer = later(std::max(kMinTickMs, scaled(plan.checkIntervalMs)), [this] {
        m_tickTimer = 0;
        tick();
    });
    m_deferTimer = later(0, [this] {
        m_deferTimer = 0;
        beginMethod();
    });
    return true;
}

void ScenarioRunner::beginMethod()
{
    if (m_phase != Phase::Method) return;
    if (!checkPhase(QStringLiteral("before"))) {
        log(QStringLiteral("the steady state did not hold before the method: skipping it"));
        m_endReason = QStringLiteral("steady state did not hold before the method");
        shutdown(RunStatus::Completed, m_endReason);
        return;
    }
    runCycle(1);
}

std::vector<StepSpec> ScenarioRunner::expand(const std::vector<StepSpec> &steps, const QString &path,
                                             QString *error) const
{
    std::vector<StepSpec> out;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const StepSpec &s = steps[i];
        const QString p = path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
        if (s.type == StepType::ForEach) {
            StepSpec seq;
            seq.type = StepType::Sequence;
            seq.id = s.id;
            seq.title = s.title.isEmpty() ? QStringLiteral("for each") : s.title;
            seq.source = s.source;
            const QStringList services = s.forEachServices.isEmpty() ? m_services : s.forEachServices;
            std::vector<StepSpec> expanded = expandForEach(s, services, p, error);
            if (!error->isEmpty()) return {};
            seq.steps = expand(expanded, p + QStringLiteral(".steps"), error);
            if (!error->isEmpty()) return {};
            out.push_back(std::move(seq));
        } else {
            StepSpec copy = s;
            if (!s.steps.empty()) {
                copy.steps = expand(s.steps, p + QStringLiteral(".steps"), error);
                if (!error->isEmpty()) return {};
            }
            out.push_back(std::move(copy));
        }
    }
    return out;
}

void ScenarioRunner::runCycle(int cycle)
{
    if (m_phase != Phase::Method) return;
    m_cycle = cycle;
    m_cycleStartMono = nowMono();
    QString error;
    m_cycleSteps = expand(m_result.plan.method, QStringLiteral("method"), &error);
    if (!error.isEmpty()) {
        failRun(error);
        return;
    }
    if (m_result.plan.repeat != 1) log(QStringLiteral("cycle %1").arg(cycle));
    runSequence(&m_cycleSteps, 0, QString(), 0, [this, cycle] {
        if (m_phase != Phase::Method) return;
        const int repeat = m_result.plan.repeat;
        if (repeat == 0 || cycle < repeat) {
            if (nowMono() == m_cycleStartMono && repeat == 0) {
                failRun(
                    QStringLiteral("repeat: a plan that repeats until stopped needs steps that take time"));
                return;
            }
            m_deferTimer = later(0, [this, cycle] {
                m_deferTimer = 0;
                runCycle(cycle + 1);
            });
        } else {
            methodDone(QStringLiteral("method completed"));
        }
    });
}

void ScenarioRunner::runSequence(const std::vector<StepSpec> *steps, std::size_t index,
                                 const QString &parentKey, int depth, Done done)
{
    if (m_phase != Phase::Method) return;
    if (index >= steps->size()) {
        done();
        return;
    }
    const StepSpec &s = (*steps)[index];
    const QString key = makeKey(parentKey, index);
    if (m_deadlineMono >= 0) {
        const qint64 nominal = s.nominalDurationMs();
        const bool divisible =
            s.type == StepType::Sequence && !s.atomic; // its own steps are checked one by one
        if (!divisible && nominal > 0 && nowMono() + scaled(nominal) > m_deadlineMono) {
            log(QStringLiteral("step %1 (%2) does not fit before the end of the run").arg(key, s.title));
            methodDone(QStringLiteral("duration reached"));
            return;
        }
    }
    runStep(s, key, parentKey, depth, [this, steps, index, parentKey, depth, done] {
        runSequence(steps, index + 1, parentKey, depth, done);
    });
}

void ScenarioRunner::runStep(const StepSpec &s, const QString &key, const QString &parentKey, int depth,
                             Done done)
{
    StepRecord rec;
    rec.key = key;
    rec.parentKey = parentKey;
    rec.type = s.type;
    rec.id = s.id;
    rec.cycle = m_cycle;
    rec.depth = depth;
    rec.startedAtMs = nowWall();
    rec.plannedDurationMs = s.durationMs > 0 ? scaled(s.durationMs) : -1;
    rec.experimentId = s.experimentId;
    if (rec.experimentId.isEmpty()) {
        if (s.type == StepType::Chaos)
            rec.experimentId = nextExperimentId();
        else if (s.type == StepType::Load)
            rec.experimentId = QStringLiteral("LOAD");
    }
    if (s.chaos) {
        const QStringList targets = resolveServices(s.chaos->targets);
        rec.title = s.title.isEmpty() ? QStringLiteral("%1 chaos on %2")
                                            .arg(toString(s.chaos->type), targets.join(QLatin1Char(',')))
                                      : s.title;
    } else {
        rec.title = s.title.isEmpty() ? StepSpec::typeName(s.type) : s.title;
    }
    m_result.steps << rec;
    const int index = int(m_result.steps.size()) - 1;
    m_experimentOfStep.insert(key, rec.experimentId);
    event(QStringLiteral("step_started"), key, {}, rec.title);
    emit stepStarted(key, rec.title);
    log(QStringLiteral("step %1 %2: %3%4")
            .arg(key, StepSpec::typeName(s.type), rec.title,
                 rec.plannedDurationMs > 0 ? QStringLiteral(" (%1)").arg(seconds(rec.plannedDurationMs))
                                           : QString()));

    auto finishContainer = [this, index, done] {
        StepRecord &r = stepRecord(index);
        if (r.status != QLatin1String("running")) return;
        r.status = m_phase == Phase::Method ? QStringLiteral("completed") : QStringLiteral("stopped");
        r.endedAtMs = nowWall();
        ++m_stepsFinished;
        event(QStringLiteral("step_ended"), r.key, {}, r.status);
        emit stepFinished(r.key, r.status);
        if (m_phase == Phase::Method) done();
    };

    switch (s.type) {
    case StepType::Group: {
        auto remaining = std::make_shared<int>(int(s.steps.size()));
        for (std::size_t i = 0; i < s.steps.size() && m_phase == Phase::Method; ++i)
            runStep(s.steps[i], makeKey(key, i), key, depth + 1, [remaining, finishContainer] {
                if (--*remaining == 0) finishContainer();
            });
        return;
    }
    case StepType::Sequence:
        runSequence(&s.steps, 0, key, depth + 1, finishContainer);
        return;
    case StepType::ForEach:
        failRun(QStringLiteral("step %1: for_each was not expanded").arg(key));
        return;
    case StepType::Check:
        runCheck(s, key);
        if (m_phase != Phase::Method) return;
        {
            StepRecord &r = stepRecord(index);
            r.status = QStringLiteral("completed");
            r.endedAtMs = nowWall();
            ++m_stepsFinished;
            event(QStringLiteral("step_ended"), key, {}, r.status);
            emit stepFinished(key, r.status);
        }
        // Continue on the next turn: a long run of checks must not grow the stack.
        later(0, [this, done] {
            if (m_phase == Phase::Method) done();
        });
        return;
    case StepType::Load:
    case StepType::Chaos:
    case StepType::Wait: {
        Active a;
        a.stepIndex = index;
        a.spec = &s;
        a.done = std::move(done);
        Active &slot = m_active[key] = std::move(a);
        if (s.type == StepType::Chaos)
            startChaos(key, slot);
        else if (s.type == StepType::Load)
            startLoad(key, slot);
        if (m_phase != Phase::Method || !m_active.count(key)) return;
        armEnd(key, m_active[key]);
        return;
    }
    }
}

void ScenarioRunner::startLoad(const QString &key, Active &a)
{
    const StepSpec &s = *a.spec;
    StepRecord &rec = stepRecord(a.stepIndex);
    AutomationConfig c = *s.load;
    c.runId = automationRunId(key);
    c.origin = Origin::Scenario;
    if (s.type == StepType::Chaos && !hasServicesField(s.source) && !s.chaos->targetsAll())
        c.services = s.chaos->targets;
    if (c.services.contains(QLatin1String("all"))) c.services.clear();
    if (c.strategy == AutomationConfig::Strategy::Single && c.services.size() != 1) {
        failRun(QStringLiteral("step %1: load strategy \"single\" needs exactly one service").arg(key));
        return;
    }
    if (c.prompts.isEmpty())
        c.prompts = m_result.plan.prompts.isEmpty() ? Plan::chaosTestPrompts() : m_result.plan.prompts;
    if (c.intervalMs > 0) c.intervalMs = scaled(c.intervalMs);
    if (c.targetRps > 0) c.targetRps *= m_result.timeScale;
    c.durationMs = 0; // the step ends it
    const QString invalid = c.validate();
    if (!invalid.isEmpty()) {
        failRun(QStringLiteral("step %1: load: %2").arg(key, invalid));
        return;
    }
    auto run = std::make_unique<AutomationRun>(m_engine, c);
    AutomationRun *raw = run.get();
    m_automations.push_back(std::move(run));
    m_stepOfRunId.insert(c.runId, key);
    rec.loadRunId = c.runId;
    rec.load = c.toJson();
    a.load = raw;
    connect(raw, &AutomationRun::finished, this, [this, key, raw] {
        const auto it = m_active.find(key);
        if (it != m_active.end() && it->second.load == raw && it->second.spec->type == StepType::Load)
            endStep(key, QStringLiteral("completed"), raw->status().stopReason);
        maybeFinish();
    });
    raw->start();
}

void ScenarioRunner::startChaos(const QString &key, Active &a)
{
    const StepSpec &s = *a.spec;
    ChaosSpec spec = *s.chaos;
    spec.id.clear();
    const QStringList targets = resolveServices(spec.targets);
    const qint64 now = nowWall();

    // A new chaos on a service ends the recovery measurement of an earlier one there.
    for (std::size_t i = 0; i < m_recoveryProbes.size(); ++i)
        if (targets.contains(m_recoveryProbes[i].service) && m_tracker.isPending(m_recoveryProbes[i].watch))
            endRecovery(int(i), QStringLiteral("interrupted"));

    // Baselines for recovery: the run's own recent success rate per target, else the engine's, else 100 %.
    const qint64 since = now - scaled(m_result.plan.recovery.baselineWindowMs);
    MetricsSnapshot snap;
    bool haveSnap = false;
    for (const QString &t : targets) {
        qint64 n = 0, ok = 0;
        for (auto it = m_recent.rbegin(); it != m_recent.rend() && it->finishedAtMs > since; ++it)
            if (it->service == t && !it->recoveryProbe) {
                ++n;
                if (it->succeeded()) ++ok;
            }
        if (n >= kBaselineMinSamples) {
            a.baselines[t] = double(ok) * 100.0 / double(n);
            a.baselineSamples[t] = int(n);
            a.baselineSources[t] = QStringLiteral("run");
            continue;
        }
        if (!haveSnap) {
            snap = m_engine.snapshot();
            haveSnap = true;
        }
        const ServiceMetrics *m = snap.service(t);
        if (m && m->successRatePct() >= 0) {
            a.baselines[t] = m->successRatePct();
            a.baselineSamples[t] = int(m->requests);
            a.baselineSources[t] = QStringLiteral("engine");
        } else {
            a.baselines[t] = 100.0;
            a.baselineSamples[t] = 0;
            a.baselineSources[t] = QStringLiteral("default");
        }
    }

    const qint64 bound = s.durationMs > 0
                             ? scaled(s.durationMs)
                             : (s.timeoutMs >= 0 ? s.timeoutMs : m_result.plan.defaultUntilTimeoutMs);
    spec.durationMs = std::clamp<qint64>(bound + kChaosSafetyMarginMs, 1000, ChaosLimits::kMaxDurationMs);
    QString error;
    const QString id = m_engine.injectChaos(spec, &error);
    if (id.isEmpty() || !error.isEmpty()) {
        failRun(QStringLiteral("step %1: chaos rejected: %2").arg(key, error));
        return;
    }
    spec.id = id;
    a.chaosId = id;
    StepRecord &rec = stepRecord(a.stepIndex);
    rec.chaosId = id;
    rec.chaos = spec.toJson();
    // The registry's expiry is only a safety net; the step's own length is what the plan asked for.
    rec.chaos.insert(QStringLiteral("safetyExpiryMs"), spec.durationMs);
    if (s.durationMs > 0)
        rec.chaos.insert(QStringLiteral("durationMs"), scaled(s.durationMs));
    else
        rec.chaos.remove(QStringLiteral("durationMs"));
    rec.chaosType = spec.type;
    rec.targets = targets;
    rec.intensity = s.intensity ? *s.intensity : chaosIntensity(spec, s.load ? s.load->attemptTimeoutMs : -1);
    ChaosInjection inj;
    inj.id = id;
    inj.stepKey = key;
    inj.experimentId = rec.experimentId;
    inj.type = spec.type;
    inj.targets = targets;
    inj.spec = rec.chaos;
    inj.intensity = rec.intensity;
    inj.startedAtMs = now;
    m_result.chaos << inj;
    for (const QString &t : targets)
        event(QStringLiteral("chaos_started"), key, t,
              QStringLiteral("%1 %2 (%3)").arg(toString(spec.type)).arg(rec.intensity).arg(id));
    if (s.load) startLoad(key, a);
}

void ScenarioRunner::armEnd(const QString &key, Active &a)
{
    const StepSpec &s = *a.spec;
    if (s.durationMs > 0)
        a.durationTimer =
            later(scaled(s.durationMs), [this, key] { endStep(key, QStringLiteral("completed")); });
    if (s.until) {
        const qint64 timeout = s.timeoutMs >= 0 ? s.timeoutMs : m_result.plan.defaultUntilTimeoutMs;
        a.timeoutTimer = later(timeout, [this, key, timeout] {
            if (!m_active.count(key)) return;
            m_result.untilTimedOut = true;
            endStep(key, QStringLiteral("timed_out"),
                    QStringLiteral("the until condition did not hold within %1").arg(seconds(timeout)));
        });
        later(0, [this] { evaluateUntils(); });
    }
}

void ScenarioRunner::endStep(const QString &key, const QString &status, const QString &detail)
{
    const auto it = m_active.find(key);
    if (it == m_active.end()) return;
    Active a = std::move(it->second);
    m_active.erase(it);
    cancel(a.durationTimer);
    cancel(a.timeoutTimer);
    if (!a.chaosId.isEmpty()) m_engine.stopChaos(a.chaosId);
    if (a.load) a.load->stop(QStringLiteral("step ended"));
    StepRecord &rec = stepRecord(a.stepIndex);
    if (a.load) rec.loadStatus = a.load->status();
    rec.status = status;
    rec.detail = detail;
    rec.endedAtMs = nowWall();
    rec.untilMet = status == QLatin1String("until_met");
    ++m_stepsFinished;
    event(QStringLiteral("step_ended"), key, {},
          detail.isEmpty() ? status : status + QStringLiteral(": ") + detail);
    emit stepFinished(key, status);
    log(QStringLiteral("step %1 %2%3")
            .arg(key, status,
                 detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + QLatin1Char(')')));
    if (rec.isChaos() && a.spec->measureRecovery &&
        (m_phase == Phase::Method || m_phase == Phase::Recovering))
        startRecovery(key, a, rec);
    if (m_phase == Phase::Method && a.done) a.done();
}

void ScenarioRunner::endActiveSteps(const QString &status, const QString &detail)
{
    QStringList keys;
    for (const auto &[key, a] : m_active)
        keys << key;
    for (const QString &key : std::as_const(keys))
        endStep(key, status, detail);
}

// ----------------------------------------------------------------------------------------------- checks

void ScenarioRunner::runCheck(const StepSpec &s, const QString &key)
{
    QList<ProbeSpec> probes = s.inlineProbes;
    for (const QString &name : s.checkProbes)
        if (const ProbeSpec *p = m_result.plan.probe(name)) probes << *p;
    if (s.inlineProbes.isEmpty() && s.checkProbes.isEmpty()) probes = m_result.plan.probes;
    QStringList failed;
    for (const ProbeSpec &p : std::as_const(probes)) {
        const ProbeResult r = evaluate(p, QStringLiteral("check"), key);
        m_result.probes << r;
        log(QStringLiteral("check %1 %2: %3 (%4 %5)")
                .arg(key, r.name, probeOutcomeName(r.outcome), r.valueText, r.tolerance));
        if (r.failed()) {
            failed << r.name;
            event(QStringLiteral("probe_failed"), key, r.service,
                  r.name + QStringLiteral(": ") + r.valueText);
        }
    }
    if (!failed.isEmpty() && s.abortOnFailure)
        shutdown(RunStatus::Aborted,
                 QStringLiteral("check %1 failed: %2").arg(key, failed.join(QStringLiteral(", "))));
}

bool ScenarioRunner::checkPhase(const QString &phase)
{
    bool held = true;
    for (const ProbeSpec &p : m_result.plan.probes) {
        const bool wanted = phase == QLatin1String("before") ? p.before : p.after;
        if (!wanted) continue;
        const ProbeResult r = evaluate(p, phase, {});
        m_result.probes << r;
        log(QStringLiteral("%1 %2: %3 (%4 %5)")
                .arg(phase, r.name, probeOutcomeName(r.outcome), r.valueText, r.tolerance));
        if (r.failed()) {
            held = false;
            event(QStringLiteral("probe_failed"), {}, r.service,
                  phase + QLatin1Char(' ') + r.name + QStringLiteral(": ") + r.valueText);
        }
    }
    return held;
}

ProbeResult ScenarioRunner::evaluate(const ProbeSpec &p, const QString &phase, const QString &stepKey)
{
    ProbeResult r;
    r.name = p.name;
    r.type = p.type;
    r.service = p.service;
    r.phase = phase;
    r.stepKey = stepKey;
    r.atMs = nowWall();
    r.tolerance = p.toleranceText();
    switch (p.type) {
    case ProbeType::SuccessRate:
    case ProbeType::LatencyP95: {
        const std::deque<ObservedRequest> &source = p.scope == ProbeScope::Run ? m_recent : m_serviceRecent;
        const qint64 window = scaled(p.windowMs);
        const qint64 since = r.atMs - window;
        const bool all = p.service == QLatin1String("all");
        qint64 n = 0, ok = 0;
        LatencyHistogram h;
        for (auto it = source.rbegin(); it != source.rend() && it->finishedAtMs > since; ++it) {
            if (!all && it->service != p.service) continue;
            ++n;
            if (it->succeeded()) {
                ++ok;
                h.record(it->latencyMs);
            }
        }
        const QString where =
            QStringLiteral("window %1 (plan %2), scope %3")
                .arg(seconds(window), seconds(p.windowMs),
                     p.scope == ProbeScope::Run ? QStringLiteral("run") : QStringLiteral("service"));
        if (p.type == ProbeType::SuccessRate) {
            r.samples = n;
            r.value = n > 0 ? double(ok) * 100.0 / double(n) : 0.0;
            r.valueText = n > 0 ? pct(r.value) + QStringLiteral(" (%1 of %2)").arg(ok).arg(n)
                                : QStringLiteral("no requests");
            r.outcome = n < p.minSamples      ? ProbeOutcome::Inconclusive
                        : r.value >= p.minPct ? ProbeOutcome::Held
                                              : ProbeOutcome::Failed;
        } else {
            r.samples = h.count();
            r.value = h.count() > 0 ? h.quantileMs(0.95) : 0.0;
            r.valueText = h.count() > 0
                              ? QStringLiteral("%1 ms (%2 answers)").arg(r.value, 0, 'f', 1).arg(h.count())
                              : QStringLiteral("no successful requests");
            r.outcome = h.count() < p.minSamples ? ProbeOutcome::Inconclusive
                        : r.value <= p.maxMs     ? ProbeOutcome::Held
                                                 : ProbeOutcome::Failed;
        }
        r.detail = where;
        if (r.outcome == ProbeOutcome::Inconclusive)
            r.detail += QStringLiteral("; fewer than %1 samples").arg(p.minSamples);
        break;
    }
    case ProbeType::BreakerState: {
        const QStringList services = p.service == QLatin1String("all") ? m_services : QStringList{p.service};
        QStringList states, wrong;
        for (const QString &svc : services) {
            const BreakerState st = m_breakers.value(svc, BreakerState::Closed);
            states << svc + QLatin1Char('=') + toString(st);
            if (st != p.state) wrong << svc;
        }
        r.samples = services.size();
        r.value = wrong.isEmpty() ? 1.0 : 0.0;
        r.valueText = states.join(QStringLiteral(", "));
        r.outcome = wrong.isEmpty() ? ProbeOutcome::Held : ProbeOutcome::Failed;
        if (!wrong.isEmpty())
            r.detail = QStringLiteral("not %1: %2").arg(toString(p.state), wrong.join(QStringLiteral(", ")));
        break;
    }
    case ProbeType::NoRequestLost: {
        qint64 sent = m_probesSent;
        for (const auto &run : m_automations)
            sent += run->status().sent;
        const bool atRest = phase == QLatin1String("after") && m_endStatus == RunStatus::Completed;
        const qint64 pending = atRest ? 0 : inFlight();
        const qint64 lost = std::max<qint64>(0, sent - qint64(m_seen.size()) - pending);
        r.samples = sent;
        r.value = double(lost);
        r.valueText = QStringLiteral("%1 lost of %2 sent").arg(lost).arg(sent);
        if (pending > 0) r.detail = QStringLiteral("%1 still in flight").arg(pending);
        r.outcome = lost == 0 ? ProbeOutcome::Held : ProbeOutcome::Failed;
        break;
    }
    }
    return r;
}

void ScenarioRunner::recordDuring(const ProbeResult &r)
{
    auto it = m_during.find(r.name);
    if (it == m_during.end()) {
        m_during.insert(r.name, r);
        m_duringOrder << r.name;
        m_duringCounts.insert(r.name, {1, r.failed() ? 1 : 0});
        if (r.failed())
            event(QStringLiteral("probe_failed"), {}, r.service,
                  QStringLiteral("during ") + r.name + QStringLiteral(": ") + r.valueText);
        return;
    }
    // The aggregate keeps the worst failing evaluation, or the latest passing one when none failed.
    ProbeResult &agg = it.value();
    auto &counts = m_duringCounts[r.name];
    ++counts.first;
    if (r.failed()) {
        ++counts.second;
        if (!agg.failed())
            event(QStringLiteral("probe_failed"), {}, r.service,
                  QStringLiteral("during ") + r.name + QStringLiteral(": ") + r.valueText);
        const bool worse =
            !agg.failed() || (r.type == ProbeType::LatencyP95 ? r.value > agg.value : r.value < agg.value);
        if (worse) agg = r;
    } else if (!agg.failed() && r.outcome == ProbeOutcome::Held) {
        agg = r;
    }
}

void ScenarioRunner::tick()
{
    if (m_phase != Phase::Method) return;
    const Plan &plan = m_result.plan;
    for (const ProbeSpec &p : plan.probes)
        if (p.during) recordDuring(evaluate(p, QStringLiteral("during"), {}));
    for (int i = 0; i < plan.abortConditions.size(); ++i) {
        const AbortCondition &c = plan.abortConditions[i];
        AbortState &st = m_abortStates[std::size_t(i)];
        ProbeResult r = evaluate(c.probe, QStringLiteral("abort"), {});
        ++st.evaluations;
        if (r.failed()) {
            if (st.breachSinceMs < 0) st.breachSinceMs = nowMono();
            if (!st.everFailed || r.value < st.worst.value) st.worst = r;
            st.everFailed = true;
            const qint64 breached = nowMono() - st.breachSinceMs;
            if (breached >= scaled(c.forMs)) {
                st.worst = r;
                st.worst.detail = QStringLiteral("breached for %1 (limit %2): %3")
                                      .arg(seconds(breached), seconds(scaled(c.forMs)), r.detail);
                const QString why = QStringLiteral("abort condition %1 breached for %2: %3 (%4)")
                                        .arg(c.probe.name, seconds(breached), r.valueText, r.tolerance);
                event(QStringLiteral("abort"), {}, r.service, why);
                log(why);
                shutdown(RunStatus::Aborted, why);
                return;
            }
        } else {
            st.breachSinceMs = -1;
            if (!st.everFailed) st.worst = r;
        }
    }
    evaluateUntils();
    if (m_phase == Phase::Method)
        m_tickTimer = later(std::max(kMinTickMs, scaled(plan.checkIntervalMs)), [this] {
            m_tickTimer = 0;
            tick();
        });
}

void ScenarioRunner::evaluateUntils()
{
    if (m_phase != Phase::Method) return;
    QStringList keys;
    for (const auto &[key, a] : m_active)
        if (a.spec->until) keys << key;
    for (const QString &key : std::as_const(keys)) {
        const auto it = m_active.find(key);
        if (it == m_active.end() || m_phase != Phase::Method) continue;
        const ProbeResult r = evaluate(*it->second.spec->until, QStringLiteral("until"), key);
        if (r.outcome == ProbeOutcome::Held) endStep(key, QStringLiteral("until_met"), r.valueText);
    }
}

// ------------------------------------------------------------------------------------------ observation

void ScenarioRunner::onRecord(const RequestRecord &r)
{
    if (m_phase == Phase::Idle || m_phase == Phase::Finished) return;
    const qint64 now = nowWall();
    const qint64 keepSince = now - std::max<qint64>(m_longestWindowMs, 1);
    if (m_wantServiceScope) {
        ObservedRequest o;
        o.id = r.id;
        o.service = r.service;
        o.finishedAtMs = r.finishedAtMs;
        o.outcome = r.outcome;
        o.latencyMs = r.latencyMs;
        m_serviceRecent.push_back(o);
        while (!m_serviceRecent.empty() && m_serviceRecent.front().finishedAtMs <= keepSince)
            m_serviceRecent.pop_front();
    }
    const QString prefix = m_result.runId + QLatin1Char('/');
    if (r.origin != Origin::Scenario || !(r.runId == m_result.runId || r.runId.startsWith(prefix))) return;
    if (m_seen.contains(r.id)) return;
    m_seen.insert(r.id);

    ObservedRequest o;
    o.id = r.id;
    o.service = r.service;
    o.servedBy = r.servedBy;
    o.startedAtMs = r.startedAtMs;
    o.finishedAtMs = r.finishedAtMs;
    o.outcome = r.outcome;
    o.errorClass = r.errorClass;
    o.latencyMs =
        r.latencyMs; // the message stays in the engine's records: a long run keeps only what it reports
    o.breakerState = r.breakerState;
    o.responseLength = r.responseLength;
    const auto probeIt = m_probeByRunId.constFind(r.runId);
    if (probeIt != m_probeByRunId.constEnd()) {
        o.recoveryProbe = true;
        RecoveryProbe &p = m_recoveryProbes[std::size_t(probeIt.value())];
        if (p.inFlight) {
            p.inFlight = false;
            --m_probesInFlight;
        }
        o.stepKey = QStringLiteral("recovery/") + p.stepKey;
        o.experimentId = QStringLiteral("RECOVERY_") + m_experimentOfStep.value(p.stepKey);
    } else {
        o.stepKey = m_stepOfRunId.value(r.runId);
        o.experimentId = m_experimentOfStep.value(o.stepKey);
    }
    chaosContext(o.service, o.startedAtMs, &o.chaosActive, &o.chaosType);
    if (!o.chaosActive && !r.chaosIds.isEmpty()) {
        o.chaosActive = true;
        const ChaosExperiment *e = m_engine.chaos().find(r.chaosIds.constFirst());
        o.chaosType = e ? toString(e->spec.type) : QStringLiteral("unknown");
    }
    if (!o.chaosActive) o.chaosType = QStringLiteral("NONE");

    ++m_result.requestsObserved;
    if (o.succeeded()) ++m_successes;
    if (m_result.requests.size() < m_options.maxRequestRows)
        m_result.requests << o;
    else
        m_result.requestsTruncated = true;
    m_recent.push_back(o);
    while (!m_recent.empty() && m_recent.front().finishedAtMs <= keepSince)
        m_recent.pop_front();

    m_tracker.onRequest(o.service, o.startedAtMs, o.finishedAtMs, o.succeeded());
    syncRecoveries();
    evaluateUntils();
    maybeFinish();
}

void ScenarioRunner::onTransition(const BreakerTransition &t)
{
    if (m_phase == Phase::Idle || m_phase == Phase::Finished) return;
    m_breakers.insert(t.service, t.to);
    m_result.transitions << t;
    TimelineEvent e;
    e.atMs = t.atMs;
    e.kind = QStringLiteral("breaker_transition");
    e.service = t.service;
    e.detail = QStringLiteral("%1 -> %2: %3").arg(toString(t.from), toString(t.to), t.reason);
    m_result.timeline << e;
    log(QStringLiteral("breaker %1: %2").arg(t.service, e.detail));
    m_tracker.onTransition(t);
    syncRecoveries();
    evaluateUntils();
}

void ScenarioRunner::onChaosEnded(const ActiveChaos &c, const QString &reason)
{
    for (ChaosInjection &inj : m_result.chaos)
        if (inj.id == c.id && inj.endedAtMs == 0) {
            inj.endedAtMs = nowWall();
            inj.endReason = reason;
            inj.touched = c.touched;
            for (const QString &t : std::as_const(inj.targets))
                event(QStringLiteral("chaos_ended"), inj.stepKey, t,
                      QStringLiteral("%1 (%2, touched %3 requests)").arg(c.id, reason).arg(c.touched));
        }
}

// ------------------------------------------------------------------------------------------- recovery

void ScenarioRunner::startRecovery(const QString &key, const Active &a, const StepRecord &step)
{
    const RecoverySettings &settings = m_result.plan.recovery;
    for (const QString &service : step.targets) {
        RecoveryRecord seed;
        seed.stepKey = key;
        seed.experimentId = step.experimentId;
        seed.service = service;
        seed.chaosType = step.chaosType;
        seed.chaosEndedAtMs = nowWall();
        seed.baselinePct = a.baselines.value(service, 100.0);
        seed.baselineSamples = a.baselineSamples.value(service, 0);
        seed.baselineSource = a.baselineSources.value(service, QStringLiteral("default"));
        QList<bool> recent; // the rolling window as the chaos ended
        for (auto it = m_recent.rbegin(); it != m_recent.rend() && recent.size() < settings.successWindow;
             ++it)
            if (it->service == service) recent.prepend(it->succeeded());
        const int watch = m_tracker.begin(seed, m_breakers.value(service, BreakerState::Closed), recent);
        RecoveryProbe p;
        p.watch = watch;
        p.service = service;
        p.stepKey = key;
        m_recoveryProbes.push_back(p);
        const int index = int(m_recoveryProbes.size()) - 1;
        m_recoveryProbes.back().timeoutTimer =
            later(settings.timeoutMs, [this, index] { endRecovery(index, QStringLiteral("not_recovered")); });
        if (settings.probeRequests)
            m_recoveryProbes.back().timer = later(0, [this, index] { sendRecoveryProbe(index); });
        const RecoveryRecord &r = m_tracker.record(watch);
        log(QStringLiteral("recovery of %1 after step %2: breaker %3, baseline %4 (%5), needs %6 in the last "
                           "%7 requests")
                .arg(service, key, toString(r.breakerAtChaosEnd), pct(r.baselinePct), r.baselineSource,
                     pct(r.thresholdPct))
                .arg(r.successWindow));
    }
    syncRecoveries(); // a service whose breaker and rate never left the band has recovered already
}

void ScenarioRunner::sendRecoveryProbe(int index)
{
    RecoveryProbe &p = m_recoveryProbes[std::size_t(index)];
    p.timer = 0;
    if (!m_tracker.isPending(p.watch) || m_phase == Phase::Draining || m_phase == Phase::Finished) return;
    if (!p.inFlight) {
        const QStringList prompts =
            m_result.plan.prompts.isEmpty() ? Plan::chaosTestPrompts() : m_result.plan.prompts;
        RequestSpec spec(p.service, prompts.at(int(m_probesSent % prompts.size())), Origin::Scenario);
        spec.runId = m_result.runId + QStringLiteral("/recovery/") + p.stepKey + QLatin1Char('/') + p.service;
        m_probeByRunId.insert(spec.runId, index);
        p.inFlight = true;
        ++m_probesInFlight;
        ++m_probesSent;
        m_engine.submit(spec);
    }
    m_recoveryProbes[std::size_t(index)].timer =
        later(m_result.plan.recovery.probeIntervalMs, [this, index] { sendRecoveryProbe(index); });
}

void ScenarioRunner::endRecovery(int index, const QString &status)
{
    RecoveryProbe &p = m_recoveryProbes[std::size_t(index)];
    const bool wasPending = m_tracker.isPending(p.watch);
    m_tracker.end(p.watch, status, nowWall());
    cancel(p.timer);
    cancel(p.timeoutTimer);
    if (wasPending) {
        const RecoveryRecord &r = m_tracker.record(p.watch);
        const QString text =
            QStringLiteral("%1 after step %2: %3, waited %4 (breaker %5, success rate %6)")
                .arg(p.service, p.stepKey, status, seconds(r.waitedMs),
                     r.breakerRecoveryMs >= 0 ? seconds(r.breakerRecoveryMs) : QStringLiteral("not closed"),
                     r.successRecoveryMs >= 0 ? seconds(r.successRecoveryMs) : QStringLiteral("not back"));
        event(QStringLiteral("recovery"), p.stepKey, p.service, text);
        log(QStringLiteral("recovery ") + text);
    }
    maybeFinish();
}

void ScenarioRunner::syncRecoveries()
{
    for (std::size_t i = 0; i < m_recoveryProbes.size(); ++i) {
        RecoveryProbe &p = m_recoveryProbes[i];
        if ((p.timer || p.timeoutTimer) && !m_tracker.isPending(p.watch)) {
            cancel(p.timer);
            cancel(p.timeoutTimer);
            const RecoveryRecord &r = m_tracker.record(p.watch);
            const QString text =
                QStringLiteral("%1 after step %2: recovered in %3 (breaker %4, success rate %5)")
                    .arg(p.service, p.stepKey, seconds(r.recoveryMs()), seconds(r.breakerRecoveryMs),
                         seconds(r.successRecoveryMs));
            event(QStringLiteral("recovery"), p.stepKey, p.service, text);
            log(QStringLiteral("recovery ") + text);
        }
    }
}

// ------------------------------------------------------------------------------------------ ending

void ScenarioRunner::methodDone(const QString &reason)
{
    if (m_phase != Phase::Method) return;
    m_endReason = reason;
    m_phase = Phase::Recovering;
    cancel(m_deferTimer);
    cancel(m_deadlineTimer);
    cancel(m_tickTimer);
    endActiveSteps(QStringLiteral("stopped"), reason);
    log(QStringLiteral("method ended (%1); %2 recovery measurement(s) pending")
            .arg(reason)
            .arg(m_tracker.pending().size()));
    maybeFinish();
}

void ScenarioRunner::stop(const QString &reason)
{
    if (m_phase == Phase::Idle) {
        m_result.status = RunStatus::Stopped;
        m_result.reason = reason;
        m_phase = Phase::Finished;
        return;
    }
    shutdown(RunStatus::Stopped, reason);
}

void ScenarioRunner::failRun(const QString &error)
{
    log(QStringLiteral("error: ") + error);
    event(QStringLiteral("error"), {}, {}, error);
    shutdown(RunStatus::Error, error);
}

void ScenarioRunner::shutdown(RunStatus status, const QString &reason)
{
    if (m_phase == Phase::Idle || m_phase == Phase::Finished) return;
    if (m_phase == Phase::Draining && m_drainTimer && m_endStatus != RunStatus::Completed) return; // already
    const bool normalDrain = m_phase == Phase::Draining;
    if (!normalDrain || status != RunStatus::Stopped) {
        m_endStatus = status;
        m_endReason = reason;
    }
    m_phase = Phase::Draining;
    cancel(m_tickTimer);
    cancel(m_deadlineTimer);
    cancel(m_deferTimer);
    rollback(reason); // first, so the rollback accounts for everything it stopped
    endActiveSteps(status == RunStatus::Aborted ? QStringLiteral("aborted")
                   : status == RunStatus::Error ? QStringLiteral("error")
                                                : QStringLiteral("stopped"),
                   reason);
    for (std::size_t i = 0; i < m_recoveryProbes.size(); ++i)
        if (m_tracker.isPending(m_recoveryProbes[i].watch)) endRecovery(int(i), QStringLiteral("stopped"));
    cancel(m_drainTimer);
    m_drainTimer = later(m_options.stopGraceMs, [this] {
        m_drainTimer = 0;
        finish();
    });
    maybeFinish();
}

void ScenarioRunner::rollback(const QString &why)
{
    int chaosStopped = 0, runsStopped = 0;
    for (const ChaosInjection &c : std::as_const(m_result.chaos))
        if (c.endedAtMs == 0 && m_engine.stopChaos(c.id)) ++chaosStopped;
    for (const auto &run : m_automations)
        if (run->status().running) {
            run->stop(QStringLiteral("rollback"));
            ++runsStopped;
        }
    for (RecoveryProbe &p : m_recoveryProbes)
        cancel(p.timer);
    QStringList reset;
    if (m_result.plan.resetBreakersOnRollback && !m_rolledBack)
        for (const ChaosInjection &c : std::as_const(m_result.chaos))
            for (const QString &t : c.targets)
                if (!reset.contains(t) && m_engine.resetBreaker(t)) reset << t;
    if (!m_rolledBack || chaosStopped || runsStopped) {
        const QString text =
            QStringLiteral("%1: stopped %2 chaos experiment(s) and %3 automation run(s)%4")
                .arg(why)
                .arg(chaosStopped)
                .arg(runsStopped)
                .arg(reset.isEmpty() ? QString()
                                     : QStringLiteral(", reset breakers of ") + reset.join(QLatin1Char(',')));
        event(QStringLiteral("rollback"), {}, {}, text);
        log(QStringLiteral("rollback ") + text);
    }
    m_rolledBack = true;
}

void ScenarioRunner::maybeFinish()
{
    if (m_phase != Phase::Recovering && m_phase != Phase::Draining) return;
    if (m_windDownTimer) return;
    // Deferred: this is reached from inside signal handlers (AutomationRun::finished, requestFinished).
    m_windDownTimer = later(0, [this] {
        m_windDownTimer = 0;
        advanceWindDown();
    });
}

void ScenarioRunner::advanceWindDown()
{
    if (m_phase == Phase::Recovering) {
        if (!m_tracker.pending().isEmpty()) return;
        m_phase = Phase::Draining;
        rollback(m_endReason);
        cancel(m_drainTimer);
        m_drainTimer = later(m_result.plan.drainTimeoutMs, [this] {
            m_drainTimer = 0;
            finish();
        });
    }
    if (m_phase == Phase::Draining && inFlight() == 0) finish();
}

void ScenarioRunner::finish()
{
    if (m_phase == Phase::Finished || m_phase == Phase::Idle) return;
    if (!m_rolledBack) rollback(m_endReason);
    cancel(m_tickTimer);
    cancel(m_drainTimer);
    cancel(m_deadlineTimer);
    cancel(m_deferTimer);
    cancel(m_windDownTimer);
    for (std::size_t i = 0; i < m_recoveryProbes.size(); ++i)
        if (m_tracker.isPending(m_recoveryProbes[i].watch)) endRecovery(int(i), QStringLiteral("stopped"));

    if (m_endStatus != RunStatus::Error) checkPhase(QStringLiteral("after"));
    for (const QString &name : std::as_const(m_duringOrder)) {
        ProbeResult r = m_during.value(name);
        const auto counts = m_duringCounts.value(name);
        r.samples = counts.first;
        r.detail =
            QStringLiteral("failed in %1 of %2 checks; ").arg(counts.second).arg(counts.first) + r.detail;
        m_result.probes << r;
    }
    for (int i = 0; i < m_result.plan.abortConditions.size(); ++i) {
        const AbortCondition &c = m_result.plan.abortConditions[i];
        const AbortState &st = m_abortStates[std::size_t(i)];
        ProbeResult r = st.worst;
        r.name = c.probe.name;
        r.type = c.probe.type;
        r.service = c.probe.service;
        r.phase = QStringLiteral("abort");
        r.tolerance =
            c.probe.toleranceText() + QStringLiteral(" (abort when breached for %1)").arg(seconds(c.forMs));
        r.atMs = r.atMs ? r.atMs : nowWall();
        r.samples = st.evaluations;
        const bool triggered =
            m_endStatus == RunStatus::Aborted &&
            m_endReason.startsWith(QStringLiteral("abort condition %1 ").arg(c.probe.name));
        r.outcome = triggered            ? ProbeOutcome::Failed
                    : st.evaluations > 0 ? ProbeOutcome::Held
                                         : ProbeOutcome::Inconclusive;
        if (!triggered && st.everFailed)
            r.detail = QStringLiteral("breached briefly, never for %1; worst %2")
                           .arg(seconds(scaled(c.forMs)), r.valueText);
        m_result.probes << r;
    }

    qint64 sent = m_probesSent;
    for (const auto &run : m_automations)
        sent += run->status().sent;
    m_result.sent = sent;
    m_result.inFlightAtEnd = inFlight();
    const qint64 excused = m_endStatus == RunStatus::Completed ? 0 : m_result.inFlightAtEnd;
    m_result.lost = std::max<qint64>(0, sent - qint64(m_seen.size()) - excused);
    m_result.recoveries = m_tracker.records();
    for (StepRecord &s : m_result.steps) {
        if (!s.loadRunId.isEmpty())
            for (const auto &run : m_automations)
                if (run->config().runId == s.loadRunId) s.loadStatus = run->status();
        if (s.status == QLatin1String("running")) {
            s.status = QStringLiteral("stopped");
            s.endedAtMs = nowWall();
        }
    }
    m_result.status = m_endStatus;
    m_result.reason = m_endReason;
    m_result.endedAtMs = nowWall();
    m_phase = Phase::Finished;
    disconnect(&m_engine, nullptr, this, nullptr);
    event(QStringLiteral("run_ended"), {}, {},
          runStatusName(m_result.status) + QStringLiteral(": ") + m_result.reason);
    log(QStringLiteral("run %1 (%2): verdict %3, %4 requests, %5 lost")
            .arg(runStatusName(m_result.status), m_result.reason, m_result.verdict())
            .arg(m_result.requestsObserved)
            .arg(m_result.lost));
    std::stable_sort(m_result.timeline.begin(), m_result.timeline.end(),
                     [](const TimelineEvent &a, const TimelineEvent &b) { return a.atMs < b.atMs; });
    emit finished(m_result);
}

} // namespace airm
