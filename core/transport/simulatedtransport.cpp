#include "simulatedtransport.h"

#include "providers/provider.h"

namespace airm {

SimulatedTransport::SimulatedTransport(const Provider &provider, SimulationProfile profile, Clock &clock,
                                       Random &random)
    : m_provider(provider)
    , m_profile(profile)
    , m_clock(clock)
    , m_random(random)
{}

SimulatedTransport::~SimulatedTransport()
{
    for (const Clock::TimerId t : std::as_const(m_timers))
        if (t) m_clock.cancel(t);
}

HttpResponse SimulatedTransport::makeResponse(const HttpRequest &request, bool *hang)
{
    HttpResponse r;
    r.simulated = true;
    *hang = false;
    if (request.meta.healthCheck) {
        r.status = 200;
        r.body = QByteArrayLiteral("{\"simulated\":true}");
        return r;
    }
    // One draw decides the outcome, so the shares in the profile are exact proportions of the traffic.
    double roll = m_random.uniform() * 100.0;
    auto take = [&roll](double pct) {
        if (roll < pct) return true;
        roll -= pct;
        return false;
    };
    if (take(m_profile.timeoutPct)) {
        *hang = true;
        return r;
    }
    if (take(m_profile.failurePct)) {
        r.status = 500;
        r.body =
            m_provider.errorBody(500, ErrorClass::ServerError,
                                 QStringLiteral("Simulated %1 service failure").arg(request.meta.service));
        return r;
    }
    if (take(m_profile.rateLimitPct)) {
        r.status = 429;
        r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(m_profile.retryAfterS)});
        r.body = m_provider.errorBody(429, ErrorClass::RateLimited, QStringLiteral("Simulated rate limit"));
        return r;
    }
    if (take(m_profile.overloadedPct)) {
        r.status = 503;
        r.body = m_provider.errorBody(503, ErrorClass::Overloaded, QStringLiteral("Simulated overload"));
        return r;
    }
    const QString text =
        QStringLiteral("Simulated %1 response for: \"%2\"").arg(request.meta.service, request.meta.prompt);
    const qint64 inputTokens = std::max<qint64>(1, request.meta.prompt.size() / 4);
    const qint64 outputTokens = m_random.uniformInt(m_profile.outputTokensMin, m_profile.outputTokensMax);
    r.status = 200;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.body = m_provider.successBody(text, request.meta.model, inputTokens, outputTokens);
    return r;
}

Transport::CallId SimulatedTransport::send(const HttpRequest &request, Callback done)
{
    const CallId id = m_nextId++;
    bool hang = false;
    HttpResponse response = makeResponse(request, &hang);
    if (hang) { // never answers: the engine's attempt timeout decides
        m_timers.insert(id, 0);
        return id;
    }
    const qint64 latency =
        request.meta.healthCheck ? 0 : m_random.uniformInt(m_profile.latencyMinMs, m_profile.latencyMaxMs);
    const Clock::TimerId timer = m_clock.schedule(
        latency, [this, id, done = std::move(done), response = std::move(response)]() mutable {
            m_timers.remove(id);
            done(std::move(response));
        });
    m_timers.insert(id, timer);
    return id;
}

QStringList SimulatedTransport::abort(CallId id)
{
    const auto it = m_timers.find(id);
    if (it == m_timers.end()) return {};
    if (it.value()) m_clock.cancel(it.value());
    m_timers.erase(it);
    return {};
}

} // namespace airm
