#include "chaostransport.h"

#include "chaos/chaosregistry.h"
#include "providers/provider.h"

namespace airm {
namespace {

enum class Fault { None, Status, Hang, ConnectionRefused };

} // namespace

ChaosTransport::ChaosTransport(Transport &inner, const ChaosRegistry &registry, const Provider &provider,
                               Clock &clock, Random &random)
    : m_inner(inner)
    , m_registry(registry)
    , m_provider(provider)
    , m_clock(clock)
    , m_random(random)
{}

ChaosTransport::~ChaosTransport()
{
    for (const Call &c : std::as_const(m_calls)) {
        if (c.timer) m_clock.cancel(c.timer);
        if (c.innerId) m_inner.abort(c.innerId);
    }
}

QByteArray ChaosTransport::corrupt(const QByteArray &body, int mode)
{
    switch (CorruptionMode(mode)) {
    case CorruptionMode::Truncated:
        return body.left(body.size() / 2);
    case CorruptionMode::InvalidJson:
        return QByteArrayLiteral("{CORRUPTED_DATA: 0.") + QByteArray::number(qHash(body) % 1000000) +
               QByteArrayLiteral(", original_length: ") + QByteArray::number(body.size()) + '}';
    case CorruptionMode::WrongSchema:
        return QByteArrayLiteral("{\"unexpected\":{\"data\":[1,2,3]},\"ok\":true}");
    case CorruptionMode::Empty:
        return {};
    }
    return body;
}

Transport::CallId ChaosTransport::send(const HttpRequest &request, Callback done)
{
    const auto experiments = m_registry.activeFor(request.meta.service);
    if (experiments.empty()) return m_inner.send(request, std::move(done)); // fast path: ids pass through

    const CallId id = m_nextId++;
    Call call;
    qint64 delayMs = 0;
    Fault fault = Fault::None;
    int status = 0;
    int retryAfterS = -1;
    const qint64 now = m_clock.nowMs();
    for (ChaosExperiment *e : experiments) {
        const ChaosSpec &s = e->spec;
        if (!m_random.chance(s.injectionRatePct)) continue;
        bool touched = false;
        switch (s.type) {
        case ChaosType::Latency:
            delayMs += std::max<qint64>(0, s.latencyMs + m_random.uniformInt(-s.jitterMs, s.jitterMs));
            touched = true;
            break;
        case ChaosType::Failure:
            if (fault == Fault::None && m_random.chance(s.probabilityPct)) {
                fault = Fault::Status;
                status = s.errorStatus;
                touched = true;
            }
            break;
        case ChaosType::Timeout:
            if (fault == Fault::None) {
                fault = Fault::Hang;
                touched = true;
            }
            break;
        case ChaosType::Intermittent: {
            const qint64 period = qint64(s.failSeconds + s.healthySeconds) * 1000;
            if (fault == Fault::None && (now - e->startedMono) % period < qint64(s.failSeconds) * 1000) {
                fault = Fault::Status;
                status = s.errorStatus;
                touched = true;
            }
            break;
        }
        case ChaosType::Unavailable:
            if (fault == Fault::None) {
                fault = Fault::ConnectionRefused;
                touched = true;
            }
            break;
        case ChaosType::RateLimit:
            if (fault == Fault::None && m_random.chance(s.probabilityPct)) {
                fault = Fault::Status;
                status = 429;
                retryAfterS = s.retryAfterS;
                touched = true;
            }
            break;
        case ChaosType::Corruption:
            if (call.corruptionMode < 0 && m_random.chance(s.probabilityPct)) {
                call.corruptionMode = int(s.corruptionMode);
                call.corruptionId = s.id;
            }
            break;
        }
        if (touched) {
            ++e->touched;
            call.chaosIds.append(s.id);
        }
    }

    if (fault == Fault::Hang) { // never answers; the engine's attempt timeout ends it
        m_calls.insert(id, call);
        return id;
    }
    if (fault != Fault::None) {
        HttpResponse response;
        response.chaosIds = call.chaosIds;
        if (fault == Fault::ConnectionRefused) {
            response.error = TransportError::ConnectionRefused;
            response.errorString =
                QStringLiteral("Chaos: %1 is unavailable (connection refused)").arg(request.meta.service);
        } else {
            response.status = status;
            if (retryAfterS >= 0)
                response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterS)});
            response.body = m_provider.errorBody(
                status, errorClassForStatus(status),
                QStringLiteral("Chaos: injected HTTP %1 for %2").arg(status).arg(request.meta.service));
        }
        call.timer = m_clock.schedule(
            delayMs, [this, id, done = std::move(done), response = std::move(response)]() mutable {
                m_calls.remove(id);
                done(std::move(response));
            });
        m_calls.insert(id, call);
        return id;
    }
    m_calls.insert(id, call);
    if (delayMs > 0) {
        m_calls[id].timer = m_clock.schedule(delayMs, [this, id, request, done = std::move(done)]() mutable {
            const auto it = m_calls.find(id);
            if (it == m_calls.end()) return;
            it->timer = 0;
            forward(id, request, std::move(done));
        });
    } else {
        forward(id, request, std::move(done));
    }
    return id;
}

void ChaosTransport::forward(CallId id, const HttpRequest &request, Callback done)
{
    const CallId innerId = m_inner.send(
        request, [this, id, service = request.meta.service, done = std::move(done)](HttpResponse response) {
            const auto it = m_calls.find(id);
            if (it == m_calls.end()) return;
            Call call = it.value();
            m_calls.erase(it);
            if (call.corruptionMode >= 0 && response.hasHttpResponse() && response.status / 100 == 2) {
                response.body = corrupt(response.body, call.corruptionMode);
                call.chaosIds.append(call.corruptionId);
                for (ChaosExperiment *e : m_registry.activeFor(service))
                    if (e->spec.id == call.corruptionId) ++e->touched;
            }
            response.chaosIds = call.chaosIds + response.chaosIds;
            done(std::move(response));
        });
    const auto it = m_calls.find(id);
    if (it != m_calls.end()) it->innerId = innerId;
}

QStringList ChaosTransport::abort(CallId id)
{
    if (!(id & kOwnBit)) return m_inner.abort(id);
    const auto it = m_calls.find(id);
    if (it == m_calls.end()) return {};
    Call call = it.value();
    m_calls.erase(it);
    if (call.timer) m_clock.cancel(call.timer);
    if (call.innerId) m_inner.abort(call.innerId);
    return call.chaosIds;
}

} // namespace airm
