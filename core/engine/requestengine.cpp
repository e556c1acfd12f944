#include "requestengine.h"

#include "automationrun.h"
#include "chaos/chaosregistry.h"
#include "metrics/metricsregistry.h"
#include "providers/provider.h"
#include "resilience/circuitbreaker.h"
#include "transport/chaostransport.h"
#include "transport/httptransport.h"
#include "transport/simulatedtransport.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <cmath>
#include <deque>

namespace airm {

QJsonObject HealthReport::toJson() const
{
    QJsonObject o{{QStringLiteral("service"), service},
                  {QStringLiteral("status"), toString(state)},
                  {QStringLiteral("httpStatus"), httpStatus},
                  {QStringLiteral("latency"), latencyMs},
                  {QStringLiteral("lastCheck"),
                   checkedAtMs
                       ? QDateTime::fromMSecsSinceEpoch(checkedAtMs, Qt::UTC).toString(Qt::ISODateWithMs)
                       : QString()}};
    if (!detail.isEmpty()) o.insert(QStringLiteral("detail"), detail);
    return o;
}

struct RequestEngine::Service
{
    ServiceConfig config;
    std::unique_ptr<Provider> provider;
    std::unique_ptr<Transport> base; // HttpTransport or SimulatedTransport
    std::unique_ptr<ChaosTransport> chaos;
    std::unique_ptr<CircuitBreaker> breaker;
    Clock::TimerId breakerTimer = 0;
    qint64 breakerDeadline = -1;
    int inFlight = 0;
    std::deque<quint64> waiting; // requests waiting for a concurrency slot
    HealthReport health;
    std::deque<BreakerTransition> transitions; // bounded log for summaries and the API
};

struct RequestEngine::Pending
{
    RequestSpec spec;
    RequestRecord record;
    QStringList chain;
    int chainIndex = 0;
    int attemptOnService = 0;
    qint64 startMono = 0;
    qint64 startNs = 0;
    qint64 deadlineMono = 0;
    Service *service = nullptr;
    Transport::CallId call = 0;
    Clock::TimerId timer = 0;
    CircuitBreaker::Permit permit = 0;
    qint64 attemptStartMono = 0;
    qint64 attemptStartNs = 0;
    quint64 attemptSerial = 0;
    bool waitingForSlot = false;
    ProviderReply reply; // of the last attempt
};

namespace {
constexpr int kTransitionLogLimit = 1000;
constexpr qint64 kIdlePublishMs = 1000; // time-in-state and rates move even without traffic
} // namespace

RequestEngine::RequestEngine(EngineConfig config, QList<ServiceConfig> services, Clock *clock,
                             QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_random(m_config.seed ? m_config.seed : std::random_device{}())
    , m_nam(new QNetworkAccessManager(this))
{
    if (clock) {
        m_clock = clock;
    } else {
        auto *system = new SystemClock(this);
        m_clock = system;
    }
    m_chaos = std::make_unique<ChaosRegistry>(*m_clock);
    m_metrics = std::make_unique<MetricsRegistry>();
    m_chaos->setStartedListener([this](const ChaosExperiment &e) {
        m_dirty = true;
        emit chaosStarted(e.toActive());
    });
    m_chaos->setEndedListener([this](const ChaosExperiment &e) {
        m_dirty = true;
        emit chaosEnded(e.toActive(), e.endReason);
    });
    for (const ServiceConfig &c : services)
        upsertService(c);
    m_publishTimer = m_clock->schedule(m_config.snapshotIntervalMs, [this] { publishTick(); });
    if (m_config.healthCheckIntervalS > 0) m_healthTimer = m_clock->schedule(0, [this] { checkHealth(); });
}

RequestEngine::~RequestEngine()
{
    // Automation runs parented to the engine cancel their timers on the clock, which is a child created
    // before them (and so deleted before them by ~QObject): they go first.
    qDeleteAll(findChildren<AutomationRun *>(QString(), Qt::FindDirectChildrenOnly));
    cancelAll();
    m_clock->cancel(m_publishTimer);
    m_clock->cancel(m_healthTimer);
    for (auto &s : m_services)
        m_clock->cancel(s->breakerTimer);
    m_services.clear();
    m_chaos.reset();
}

RequestEngine::Service *RequestEngine::service(const QString &name) const
{
    for (const auto &s : m_services)
        if (s->config.name == name) return s.get();
    return nullptr;
}

QStringList RequestEngine::serviceNames() const
{
    QStringList names;
    for (const auto &s : m_services)
        names << s->config.name;
    return names;
}

const ServiceConfig *RequestEngine::serviceConfig(const QString &name) const
{
    const Service *s = service(name);
    return s ? &s->config : nullptr;
}

void RequestEngine::buildService(Service &s)
{
    s.chaos.reset();
    s.base.reset();
    s.provider = makeProvider(s.config.kind, s.config.variant);
    if (s.config.simulated())
        s.base = std::make_unique<SimulatedTransport>(*s.provider, s.config.simulation, *m_clock, m_random);
    else
        s.base = std::make_unique<HttpTransport>(m_nam);
    s.chaos = std::make_unique<ChaosTransport>(*s.base, *m_chaos, *s.provider, *m_clock, m_random);
    s.health.service = s.config.name;
    s.health.state = s.config.simulated() ? HealthState::Simulated : HealthState::Unknown;
}

QString RequestEngine::upsertService(const ServiceConfig &config)
{
    if (!isValidServiceName(config.name))
        return QStringLiteral("invalid service name \"%1\"").arg(config.name);
    Service *s = service(config.name);
    if (s && s->inFlight > 0)
        return QStringLiteral("service \"%1\" has requests in flight; try again when it is idle")
            .arg(config.name);
    if (!s) {
        auto created = std::make_unique<Service>();
        s = created.get();
        m_services.push_back(std::move(created));
        const BreakerConfig bc = m_config.breakerOverrides.value(config.name, m_config.breaker);
        s->breaker = std::make_unique<CircuitBreaker>(config.name, bc, *m_clock);
        s->breaker->setTransitionListener([this](const BreakerTransition &t) { onTransition(t); });
        m_metrics->addService(config.name);
    }
    s->config = config;
    buildService(*s);
    m_dirty = true;
    return {};
}

bool RequestEngine::removeService(const QString &name)
{
    for (auto it = m_services.begin(); it != m_services.end(); ++it)
        if ((*it)->config.name == name) {
            if ((*it)->inFlight > 0 || !(*it)->waiting.empty()) return false;
            m_clock->cancel((*it)->breakerTimer);
            m_services.erase(it);
            m_metrics->removeService(name);
            m_dirty = true;
            return true;
        }
    return false;
}

bool RequestEngine::serviceBusy(const QString &name) const
{
    const Service *s = service(name);
    return s && (s->inFlight > 0 || !s->waiting.empty());
}

quint64 RequestEngine::submit(RequestSpec spec)
{
    Service *s = service(spec.service);
    if (!s) {
        finishImmediately(std::move(spec), ErrorClass::BadRequest,
                          QStringLiteral("Unknown service: %1").arg(spec.service));
        return m_nextId - 1;
    }
    if (!s->config.enabled) {
        finishImmediately(std::move(spec), ErrorClass::BadRequest,
                          QStringLiteral("Service %1 is disabled").arg(spec.service));
        return m_nextId - 1;
    }
    if (spec.prompt.trimmed().isEmpty()) {
        finishImmediately(std::move(spec), ErrorClass::BadRequest, QStringLiteral("Prompt is required"));
        return m_nextId - 1;
    }
    const quint64 id = m_nextId++;
    Pending &p = m_pending[id];
    p.startMono = m_clock->nowMs();
    p.startNs = m_clock->nowNs();
    p.deadlineMono = p.startMono + (spec.deadlineMs > 0 ? spec.deadlineMs : m_config.defaultDeadlineMs);
    p.record.id = id;
    p.record.startedAtMs = m_clock->wallMs();
    p.record.service = spec.service;
    p.record.kind = s->config.kind;
    p.record.model = spec.model.isEmpty() ? s->config.model : spec.model;
    p.record.origin = spec.origin;
    p.record.runId = spec.runId;
    if (!m_config.privacyMode) p.record.prompt = spec.prompt;
    p.chain << spec.service;
    if (m_config.fallback.enabled) {
        const QStringList order =
            m_config.fallback.order.isEmpty() ? serviceNames() : m_config.fallback.order;
        for (const QString &name : order)
            if (name != spec.service && service(name) && service(name)->config.enabled) p.chain << name;
    }
    p.spec = std::move(spec);
    // Started on the next turn so that the caller holds the id before anything is emitted.
    m_clock->schedule(0, [this, id] { startAttempt(id); });
    return id;
}

void RequestEngine::finishImmediately(RequestSpec spec, ErrorClass errorClass, const QString &message)
{
    const quint64 id = m_nextId++;
    RequestRecord r;
    r.id = id;
    r.startedAtMs = r.finishedAtMs = m_clock->wallMs();
    r.service = r.servedBy = spec.service;
    r.origin = spec.origin;
    r.runId = spec.runId;
    r.outcome = Outcome::Failure;
    r.errorClass = errorClass;
    r.errorMessage = message;
    if (!m_config.privacyMode) r.prompt = spec.prompt;
    if (const Service *s = service(spec.service)) {
        r.kind = s->config.kind;
        r.model = s->config.model;
        r.simulated = s->config.simulated();
        r.breakerState = s->breaker->state();
    }
    const bool known = service(spec.service) != nullptr;
    m_clock->schedule(0, [this, r, known] {
        if (known) {
            m_metrics->record(r);
            m_dirty = true;
        }
        emit requestFinished(r);
    });
}

void RequestEngine::startAttempt(quint64 id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end()) return;
    Pending &p = it->second;
    p.timer = 0;
    Service *s = service(p.chain.value(p.chainIndex));
    if (!s) { // removed meanwhile
        p.reply = {};
        p.reply.errorClass = ErrorClass::BadRequest;
        p.reply.errorMessage = QStringLiteral("Service %1 was removed").arg(p.chain.value(p.chainIndex));
        finish(id, p);
        return;
    }
    p.service = s;
    if (p.deadlineMono <= m_clock->nowMs()) {
        p.reply = {};
        p.reply.errorClass = ErrorClass::Timeout;
        p.reply.errorMessage = QStringLiteral("Deadline exceeded before the attempt started");
        finish(id, p);
        return;
    }
    if (s->config.maxConcurrent > 0 && s->inFlight >= s->config.maxConcurrent) {
        p.waitingForSlot = true;
        s->waiting.push_back(id);
        p.timer = m_clock->schedule(p.deadlineMono - m_clock->nowMs(), [this, id] {
            const auto it = m_pending.find(id);
            if (it == m_pending.end()) return;
            Pending &p = it->second;
            p.timer = 0;
            auto &w = p.service->waiting;
            w.erase(std::remove(w.begin(), w.end(), id), w.end());
            p.waitingForSlot = false;
            p.reply = {};
            p.reply.errorClass = ErrorClass::Timeout;
            p.reply.errorMessage = QStringLiteral("Deadline exceeded waiting for a concurrency slot on %1")
                                       .arg(p.service->config.name);
            finish(id, p);
        });
        return;
    }
    sendAttempt(id, p);
}

void RequestEngine::sendAttempt(quint64 id, Pending &p)
{
    Service &s = *p.service;
    ++p.attemptOnService;
    p.attemptSerial = m_nextAttemptSerial++;
    p.attemptStartMono = m_clock->nowMs();
    p.attemptStartNs = m_clock->nowNs();
    p.permit = s.breaker->tryAcquire();
    armBreakerTimer(s);
    if (!p.permit) {
        AttemptRecord a;
        a.service = s.config.name;
        a.number = int(p.record.attemptList.size()) + 1;
        a.outcome = Outcome::Rejected;
        a.errorClass = ErrorClass::Rejected;
        a.simulated = s.config.simulated();
        const BreakerSnapshot b = s.breaker->snapshot();
        a.errorMessage = b.state == BreakerState::Open
                             ? QStringLiteral("Circuit breaker for %1 is OPEN. Retry in %2s")
                                   .arg(s.config.name)
                                   .arg((b.remainingOpenMs + 999) / 1000)
                             : QStringLiteral("Circuit breaker for %1 is %2 and did not permit the call")
                                   .arg(s.config.name, toString(b.state));
        p.record.attemptList.append(a);
        p.reply = {};
        p.reply.errorClass = ErrorClass::Rejected;
        p.reply.errorMessage = a.errorMessage;
        afterFailure(id, p, ErrorClass::Rejected, -1);
        return;
    }
    ++s.inFlight;
    RequestSpec spec = p.spec;
    if (s.config.name != p.spec.service) spec.model.clear(); // a model override belongs to the asked service
    HttpRequest request = s.provider->buildRequest(s.config, spec);
    request.meta.service = s.config.name;
    request.meta.prompt = spec.prompt;
    request.meta.model = spec.model.isEmpty() ? s.config.model : spec.model;
    const qint64 attemptTimeout = p.spec.attemptTimeoutMs > 0 ? p.spec.attemptTimeoutMs : s.config.timeoutMs;
    const qint64 timeout = std::max<qint64>(1, std::min(attemptTimeout, p.deadlineMono - p.attemptStartMono));
    const quint64 serial = p.attemptSerial;
    p.call =
        s.chaos->send(request, [this, id, serial](HttpResponse r) { onResponse(id, serial, std::move(r)); });
    p.timer = m_clock->schedule(timeout, [this, id, serial] { onAttemptTimeout(id, serial); });
}

void RequestEngine::onAttemptTimeout(quint64 id, quint64 attemptSerial)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second.attemptSerial != attemptSerial) return;
    Pending &p = it->second;
    p.timer = 0;
    HttpResponse r;
    r.error = TransportError::Timeout;
    r.chaosIds = p.service->chaos->abort(p.call);
    r.errorString =
        QStringLiteral("Attempt timed out after %1 ms").arg(m_clock->nowMs() - p.attemptStartMono);
    onResponse(id, attemptSerial, std::move(r));
}

void RequestEngine::onResponse(quint64 id, quint64 attemptSerial, HttpResponse response)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second.attemptSerial != attemptSerial) return;
    Pending &p = it->second;
    Service &s = *p.service;
    if (p.timer) m_clock->cancel(p.timer);
    p.timer = 0;
    p.call = 0;
    const qint64 durationNs = m_clock->nowNs() - p.attemptStartNs;
    const qint64 duration = durationNs / 1'000'000;
    ProviderReply reply = s.provider->parseReply(response);
    if (response.error == TransportError::Timeout && !response.errorString.isEmpty())
        reply.errorMessage = response.errorString;
    else if (!reply.ok && reply.errorMessage.isEmpty())
        reply.errorMessage = response.errorString;
    s.breaker->onResult(p.permit, reply.ok ? ErrorClass::None : reply.errorClass, duration,
                        reply.retryAfterMs);
    p.permit = 0;
    armBreakerTimer(s);

    AttemptRecord a;
    a.service = s.config.name;
    a.number = int(p.record.attemptList.size()) + 1;
    a.outcome = reply.ok ? Outcome::Success
                         : (reply.errorClass == ErrorClass::Timeout ? Outcome::Timeout : Outcome::Failure);
    a.errorClass = reply.ok ? ErrorClass::None : reply.errorClass;
    a.errorMessage = reply.errorMessage;
    a.httpStatus = reply.httpStatus;
    a.latencyMs = double(durationNs) / 1e6;
    a.chaosIds = response.chaosIds;
    a.simulated = s.config.simulated();
    p.record.attemptList.append(a);
    p.reply = reply;

    --s.inFlight;
    releaseSlot(s);
    if (reply.ok) {
        finish(id, p);
        return;
    }
    afterFailure(id, p, reply.errorClass, reply.retryAfterMs);
}

void RequestEngine::afterFailure(quint64 id, Pending &p, ErrorClass errorClass, int retryAfterMs)
{
    const qint64 now = m_clock->nowMs();
    const RetryPolicy &retry = m_config.retry;
    if (retry.enabled && errorClass != ErrorClass::Rejected && retry.retryOn.contains(errorClass) &&
        p.attemptOnService < retry.maxAttempts) {
        // Full jitter: uniform in [0, min(max, base * 2^(n-1))].
        const double cap = std::min<double>(
            double(retry.maxDelayMs), double(retry.baseDelayMs) * std::pow(2.0, p.attemptOnService - 1));
        qint64 delay = m_random.uniformInt(0, qint64(cap));
        bool allowed = true;
        if (retry.honourRetryAfter && retryAfterMs >= 0) {
            if (retryAfterMs > retry.maxRetryAfterMs) allowed = false;
            delay = std::max<qint64>(delay, retryAfterMs);
        }
        if (allowed && now + delay < p.deadlineMono) {
            p.timer = m_clock->schedule(delay, [this, id] {
                const auto it = m_pending.find(id);
                if (it == m_pending.end()) return;
                Pending &p = it->second;
                p.timer = 0;
                if (p.deadlineMono <= m_clock->nowMs()) {
                    finish(id, p);
                    return;
                }
                sendAttempt(id, p);
            });
            return;
        }
    }
    if (m_config.fallback.enabled && m_config.fallback.fallbackOn.contains(errorClass) &&
        p.chainIndex + 1 < p.chain.size() && now < p.deadlineMono) {
        ++p.chainIndex;
        p.attemptOnService = 0;
        p.record.fallbackUsed = true;
        startAttempt(id);
        return;
    }
    finish(id, p);
}

void RequestEngine::finish(quint64 id, Pending &p)
{
    RequestRecord &r = p.record;
    r.finishedAtMs = m_clock->wallMs();
    r.latencyMs = double(m_clock->nowNs() - p.startNs) / 1e6;
    r.attempts = int(r.attemptList.size());
    const ProviderReply &reply = p.reply;
    if (reply.ok) {
        r.outcome = Outcome::Success;
        r.errorClass = ErrorClass::None;
    } else {
        r.errorClass = reply.errorClass == ErrorClass::None ? ErrorClass::ServerError : reply.errorClass;
        r.outcome = r.errorClass == ErrorClass::Rejected  ? Outcome::Rejected
                    : r.errorClass == ErrorClass::Timeout ? Outcome::Timeout
                                                          : Outcome::Failure;
        r.errorMessage = reply.errorMessage;
    }
    r.httpStatus = reply.httpStatus;
    r.retryAfterMs = reply.retryAfterMs;
    const AttemptRecord *last = r.attemptList.isEmpty() ? nullptr : &r.attemptList.constLast();
    r.servedBy = last ? last->service : r.service;
    const Service *served = service(r.servedBy);
    r.simulated = served ? served->config.simulated() : false;
    for (const AttemptRecord &a : std::as_const(r.attemptList))
        for (const QString &c : a.chaosIds)
            if (!r.chaosIds.contains(c)) r.chaosIds << c;
    if (reply.ok) {
        r.inputTokens = reply.inputTokens;
        r.outputTokens = reply.outputTokens;
        if (served && !r.simulated) // simulated calls cost nothing
            r.costUsd = (double(reply.inputTokens) * served->config.pricing.inputPerMillionUsd +
                         double(reply.outputTokens) * served->config.pricing.outputPerMillionUsd) /
                        1e6;
        r.responseLength = int(reply.text.size());
        if (!m_config.privacyMode) r.responseText = reply.text;
    }
    if (const Service *asked = service(r.service)) r.breakerState = asked->breaker->state();

    if (p.timer) m_clock->cancel(p.timer);
    for (const AttemptRecord &a : std::as_const(r.attemptList))
        for (const QString &c : a.chaosIds)
            if (const ChaosExperiment *e = m_chaos->find(c)) ++m_chaosFaults[a.service][e->spec.type];
    if (r.fallbackUsed) ++m_fallbackRoutes[{r.service, r.servedBy}];
    RequestRecord done = std::move(r);
    m_pending.erase(id);
    m_metrics->record(done);
    m_dirty = true;
    emit requestFinished(done);
}

void RequestEngine::releaseSlot(Service &s)
{
    while (!s.waiting.empty() && (s.config.maxConcurrent <= 0 || s.inFlight < s.config.maxConcurrent)) {
        const quint64 next = s.waiting.front();
        s.waiting.pop_front();
        const auto it = m_pending.find(next);
        if (it == m_pending.end()) continue;
        Pending &p = it->second;
        if (p.timer) m_clock->cancel(p.timer);
        p.timer = 0;
        p.waitingForSlot = false;
        // On the next turn: the caller is in the middle of handling another request.
        m_clock->schedule(0, [this, next] {
            const auto it = m_pending.find(next);
            if (it != m_pending.end()) startAttempt(next);
        });
        return;
    }
}

void RequestEngine::armBreakerTimer(Service &s)
{
    const qint64 deadline = s.breaker->nextDeadlineMs();
    if (deadline == s.breakerDeadline) return;
    if (s.breakerTimer) m_clock->cancel(s.breakerTimer);
    s.breakerTimer = 0;
    s.breakerDeadline = deadline;
    if (deadline < 0) return;
    Service *sp = &s;
    s.breakerTimer = m_clock->schedule(deadline - m_clock->nowMs(), [this, sp] {
        sp->breakerTimer = 0;
        sp->breakerDeadline = -1;
        sp->breaker->poll();
        armBreakerTimer(*sp);
    });
}

void RequestEngine::onTransition(const BreakerTransition &t)
{
    if (Service *s = service(t.service)) {
        s->transitions.push_back(t);
        while (s->transitions.size() > std::size_t(kTransitionLogLimit))
            s->transitions.pop_front();
    }
    m_dirty = true;
    emit breakerTransitioned(t);
}

QString RequestEngine::injectChaos(const ChaosSpec &spec, QString *error)
{
    return m_chaos->start(spec, serviceNames(), error);
}

bool RequestEngine::stopChaos(const QString &id)
{
    return m_chaos->stop(id);
}

int RequestEngine::stopAllChaos(const QString &service)
{
    return m_chaos->stopAll(service);
}

bool RequestEngine::resetBreaker(const QString &name)
{
    if (name.isEmpty() || name == QLatin1String("all")) {
        for (auto &s : m_services) {
            s->breaker->reset();
            armBreakerTimer(*s);
        }
        return true;
    }
    Service *s = service(name);
    if (!s) return false;
    s->breaker->reset();
    armBreakerTimer(*s);
    return true;
}

bool RequestEngine::forceBreaker(const QString &name, BreakerState state)
{
    Service *s = service(name);
    if (!s) return false;
    s->breaker->forceState(state);
    armBreakerTimer(*s);
    return true;
}

QString RequestEngine::setBreakerConfig(const QString &name, const BreakerConfig &config)
{
    const QString error = config.validate();
    if (!error.isEmpty()) return error;
    Service *s = service(name);
    if (!s) return QStringLiteral("unknown service \"%1\"").arg(name);
    s->breaker->setConfig(config);
    m_config.breakerOverrides.insert(name, config);
    armBreakerTimer(*s);
    m_dirty = true;
    return {};
}

BreakerConfig RequestEngine::breakerConfig(const QString &name) const
{
    const Service *s = service(name);
    return s ? s->breaker->config() : BreakerConfig{};
}

QList<BreakerTransition> RequestEngine::transitions(const QString &name) const
{
    QList<BreakerTransition> out;
    for (const auto &s : m_services)
        if (name.isEmpty() || name == QLatin1String("all") || s->config.name == name)
            out.append(QList<BreakerTransition>(s->transitions.begin(), s->transitions.end()));
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.atMs < b.atMs; });
    return out;
}

void RequestEngine::checkHealth(const QString &name)
{
    if (m_config.healthCheckIntervalS > 0 && name.isEmpty()) {
        m_clock->cancel(m_healthTimer);
        m_healthTimer =
            m_clock->schedule(qint64(m_config.healthCheckIntervalS) * 1000, [this] { checkHealth(); });
    }
    for (auto &sp : m_services) {
        Service &s = *sp;
        if (!name.isEmpty() && name != QLatin1String("all") && s.config.name != name) continue;
        if (s.config.simulated()) {
            s.health.state = HealthState::Simulated;
            s.health.detail = s.config.forceSimulation
                                  ? QStringLiteral("simulation forced by configuration")
                                  : QStringLiteral("no API key (%1): running on the simulation")
                                        .arg(s.config.keyEnv.join(QLatin1String(" or ")));
            s.health.httpStatus = 0;
            s.health.latencyMs = 0;
            s.health.checkedAtMs = m_clock->wallMs();
            emit healthChecked(s.health);
            continue;
        }
        HttpRequest request = s.provider->buildHealthCheck(s.config);
        request.meta.service = s.config.name;
        request.meta.healthCheck = true;
        const qint64 started = m_clock->nowMs();
        const QString svcName = s.config.name;
        auto handled = std::make_shared<bool>(false);
        auto callId = std::make_shared<Transport::CallId>(0);
        auto timer = std::make_shared<Clock::TimerId>(0);
        auto report = [this, svcName, started, handled, timer](const HttpResponse &r) {
            if (*handled) return;
            *handled = true;
            if (*timer) m_clock->cancel(*timer);
            Service *s = service(svcName);
            if (!s) return;
            const ProviderReply reply = s->provider->parseReply(r);
            HealthReport h;
            h.service = svcName;
            h.httpStatus = r.status;
            h.latencyMs = double(m_clock->nowMs() - started);
            h.checkedAtMs = m_clock->wallMs();
            if (r.hasHttpResponse() && r.status / 100 == 2) {
                h.state = HealthState::Healthy;
            } else {
                switch (reply.errorClass) {
                case ErrorClass::Auth:
                    h.state = HealthState::AuthError;
                    break;
                case ErrorClass::RateLimited:
                case ErrorClass::Overloaded:
                    h.state = HealthState::Degraded;
                    break;
                default:
                    h.state = HealthState::Down;
                    break;
                }
                h.detail = reply.errorMessage.isEmpty() ? r.errorString : reply.errorMessage;
            }
            s->health = h;
            m_dirty = true;
            emit healthChecked(h);
        };
        *callId = s.chaos->send(request, report);
        *timer = m_clock->schedule(m_config.healthCheckTimeoutMs, [this, svcName, callId, report] {
            Service *s = service(svcName);
            HttpResponse r;
            r.error = TransportError::Timeout;
            r.errorString = QStringLiteral("Health check timed out");
            if (s) r.chaosIds = s->chaos->abort(*callId);
            report(r);
        });
    }
}

QList<HealthReport> RequestEngine::health() const
{
    QList<HealthReport> out;
    for (const auto &s : m_services)
        out.append(s->health);
    return out;
}

void RequestEngine::resetMetrics()
{
    const qint64 now = m_clock->wallMs();
    m_metrics->reset(now);
    m_chaosFaults.clear();
    m_fallbackRoutes.clear();
    m_dirty = true;
    emit metricsReset(now);
}

QList<SecondPoint> RequestEngine::series(const QString &service, qint64 fromSecond, qint64 toSecond) const
{
    return m_metrics->series(service, fromSecond, toSecond);
}

MetricsSnapshot RequestEngine::buildSnapshot() const
{
    MetricsSnapshot snap = m_metrics->snapshot(m_clock->wallMs());
    snap.activeChaos = m_chaos->active();
    snap.breakersOpen = 0;
    snap.fallbacksByRoute = m_fallbackRoutes;
    for (ServiceMetrics &m : snap.services) {
        const Service *s = service(m.name);
        if (!s) continue;
        m.kind = s->config.kind;
        m.model = s->config.model;
        m.simulated = s->config.simulated();
        m.health = s->health.state;
        m.breaker = s->breaker->snapshot();
        if (m.breaker.state == BreakerState::Open || m.breaker.state == BreakerState::ForcedOpen)
            ++snap.breakersOpen;
        for (const ChaosExperiment *e : m_chaos->activeFor(m.name))
            m.activeChaosIds << e->spec.id;
        m.chaosFaultsByType = m_chaosFaults.value(m.name);
    }
    return snap;
}

MetricsSnapshot RequestEngine::snapshot() const
{
    MetricsSnapshot snap = buildSnapshot();
    snap.sequence = m_snapshotSequence;
    return snap;
}

void RequestEngine::publishTick()
{
    m_publishTimer = m_clock->schedule(m_config.snapshotIntervalMs, [this] { publishTick(); });
    const qint64 now = m_clock->nowMs();
    if (!m_dirty && m_lastPublishMono >= 0 && now - m_lastPublishMono < kIdlePublishMs) return;
    m_dirty = false;
    m_lastPublishMono = now;
    MetricsSnapshot snap = buildSnapshot();
    snap.sequence = ++m_snapshotSequence;
    emit snapshotPublished(snap);
}

void RequestEngine::cancelAll()
{
    std::vector<quint64> ids;
    ids.reserve(m_pending.size());
    for (const auto &[id, p] : m_pending)
        ids.push_back(id);
    for (const quint64 id : ids) {
        const auto it = m_pending.find(id);
        if (it == m_pending.end()) continue;
        Pending &p = it->second;
        if (p.call && p.service) {
            p.service->chaos->abort(p.call);
            p.call = 0;
            if (p.permit) p.service->breaker->release(p.permit);
            p.permit = 0;
            --p.service->inFlight;
        }
        if (p.waitingForSlot && p.service) {
            auto &w = p.service->waiting;
            w.erase(std::remove(w.begin(), w.end(), id), w.end());
        }
        p.reply = {};
        p.reply.errorClass = ErrorClass::Cancelled;
        p.reply.errorMessage = QStringLiteral("Cancelled: the engine is shutting down");
        finish(id, p);
    }
}

} // namespace airm
