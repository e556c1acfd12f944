// The explicit simulation for services without a key: answers in the provider's real wire format after a
// latency drawn from the service's SimulationProfile, with its error mix. Every response is flagged
// simulated. Thread affinity: the engine thread.
#pragma once

#include "common/clock.h"
#include "common/random.h"
#include "model/serviceconfig.h"
#include "transport.h"

#include <QHash>

namespace airm {

class Provider;

class SimulatedTransport final : public Transport
{
public:
    SimulatedTransport(const Provider &provider, SimulationProfile profile, Clock &clock, Random &random);
    ~SimulatedTransport() override;

    void setProfile(const SimulationProfile &profile) { m_profile = profile; }
    const SimulationProfile &profile() const { return m_profile; }

    CallId send(const HttpRequest &request, Callback done) override;
    QStringList abort(CallId id) override;

private:
    HttpResponse makeResponse(const HttpRequest &request, bool *hang);

    const Provider &m_provider;
    SimulationProfile m_profile;
    Clock &m_clock;
    Random &m_random;
    QHash<CallId, Clock::TimerId> m_timers; // calls in flight; a hanging call has timer 0
    CallId m_nextId = 1;
};

} // namespace airm
