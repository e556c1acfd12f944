// The request mix the benchmarks feed: log-normal latencies (median about 400 ms) and 85 % successes, 7 %
// failures, 4 % timeouts and 4 % rejections, from a seeded generator so every run sees the same records.
#pragma once

#include "model/requestrecord.h"

#include <random>

namespace airm::bench {

class RequestMix
{
public:
    explicit RequestMix(quint64 seed)
        : m_rng(seed)
    {}

    // Sets latencyMs, outcome and errorClass.
    void draw(RequestRecord &r)
    {
        r.latencyMs = m_latency(m_rng);
        const int p = roll();
        r.outcome = p < 85   ? Outcome::Success
                    : p < 92 ? Outcome::Failure
                    : p < 96 ? Outcome::Timeout
                             : Outcome::Rejected;
        r.errorClass = r.outcome == Outcome::Success   ? ErrorClass::None
                       : r.outcome == Outcome::Failure ? ErrorClass::ServerError
                       : r.outcome == Outcome::Timeout ? ErrorClass::Timeout
                                                       : ErrorClass::Rejected;
    }
    // 0 to 99 from the same generator, for the benchmark's own choices.
    int roll() { return m_roll(m_rng); }

private:
    std::mt19937_64 m_rng;
    std::lognormal_distribution<double> m_latency{6.0, 0.8};
    std::uniform_int_distribution<int> m_roll{0, 99};
};

} // namespace airm::bench
