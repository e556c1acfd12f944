// A seedable random source, so simulation, chaos and automation are reproducible in tests and with --seed.
// Not thread-safe: one per thread.
#pragma once

#include <QtGlobal>
#include <random>

namespace airm {

class Random
{
public:
    explicit Random(quint64 seed = std::random_device{}())
        : m_engine(seed)
    {}
    void reseed(quint64 seed) { m_engine.seed(seed); }
    // Uniform in [0, 1).
    double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(m_engine); }
    // Uniform integer in [lo, hi].
    qint64 uniformInt(qint64 lo, qint64 hi)
    {
        return hi <= lo ? lo : std::uniform_int_distribution<qint64>(lo, hi)(m_engine);
    }
    // True with probability pct / 100; 0 never, 100 always.
    bool chance(double pct) { return pct >= 100.0 || (pct > 0.0 && uniform() * 100.0 < pct); }
    std::mt19937_64 &engine() { return m_engine; }

private:
    std::mt19937_64 m_engine;
};

} // namespace airm
