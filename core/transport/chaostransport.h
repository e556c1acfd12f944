// Applies the active chaos experiments of one service to each call, in start order, around an inner transport
// (real HTTP or the simulation). Latencies add up; the first fault wins; corruption rewrites a 2xx body so
// the provider's parser rejects it. It sits inside the breaker's protected call, so chaos faults trip
// breakers. Thread affinity: the engine thread.
#pragma once

#include "common/clock.h"
#include "common/random.h"
#include "transport.h"

#include <QHash>

namespace airm {

class ChaosRegistry;
class Provider;

class ChaosTransport final : public Transport
{
public:
    ChaosTransport(Transport &inner, const ChaosRegistry &registry, const Provider &provider, Clock &clock,
                   Random &random);
    ~ChaosTransport() override;

    CallId send(const HttpRequest &request, Callback done) override;
    QStringList abort(CallId id) override;

    // Rewrites a body as the corruption mode says (exposed for tests).
    static QByteArray corrupt(const QByteArray &body, int mode);

private:
    struct Call
    {
        Clock::TimerId timer = 0; // pending delay or fault
        CallId innerId = 0;       // forwarded to the inner transport
        QStringList chaosIds;
        int corruptionMode = -1;
        QString corruptionId;
    };
    static constexpr CallId kOwnBit = CallId(1) << 63;

    void forward(CallId id, const HttpRequest &request, Callback done);

    Transport &m_inner;
    const ChaosRegistry &m_registry;
    const Provider &m_provider;
    Clock &m_clock;
    Random &m_random;
    QHash<CallId, Call> m_calls;
    CallId m_nextId = kOwnBit | 1;
};

} // namespace airm
