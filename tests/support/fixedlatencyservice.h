// A simulated service for engine tests on a manual clock: no API key, every request answered after exactly
// latencyMs and none failing, so the timing of a run follows from its plan alone.
#pragma once

#include "model/serviceconfig.h"

namespace airm::test {

inline ServiceConfig fixedLatencyService(const QString &name, int latencyMs,
                                         ProviderKind kind = ProviderKind::Gemini)
{
    ServiceConfig c = defaultServiceFor(kind, name);
    c.apiKey.clear();
    c.simulation.latencyMinMs = latencyMs;
    c.simulation.latencyMaxMs = latencyMs;
    c.simulation.failurePct = 0;
    c.timeoutMs = 5000;
    return c;
}

} // namespace airm::test
