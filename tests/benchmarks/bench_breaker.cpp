// Cost of the breaker's hot path: tryAcquire() + onResult() per call, for the seed configuration, the
// resilience4j count-based window and a time-based window. Prints one JSON object; target <= 100 ns per call.
#include "common/clock.h"
#include "resilience/breakerconfig.h"
#include "resilience/circuitbreaker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <cstdio>

using namespace airm;

namespace {

constexpr qint64 kCalls = 10'000'000;
constexpr double kTargetNsPerCall = 100.0;
// One failure every kFailureEvery calls, never two in a row: the seed's 3-consecutive rule and the 50 % / 10
// % rate rules stay CLOSED, so the loop measures the common path, not rejections.
constexpr qint64 kFailureEvery = 13;
// The ManualClock moves 1 ms every kCallsPerMs calls, so a time-based window rolls over many buckets.
constexpr qint64 kCallsPerMs = 64;

struct Result
{
    QString config;
    qint64 calls = 0;
    double nsPerCall = 0;
    qint64 permitted = 0;
    qint64 opens = 0;
    QString finalState;
};

Result run(const QString &name, const BreakerConfig &config)
{
    ManualClock clock;
    CircuitBreaker breaker(QStringLiteral("bench"), config, clock);
    qint64 permitted = 0;

    const auto start = std::chrono::steady_clock::now();
    for (qint64 i = 0; i < kCalls; ++i) {
        if (i % kCallsPerMs == 0) clock.advance(1);
        const CircuitBreaker::Permit permit = breaker.tryAcquire();
        if (permit == 0) continue;
        ++permitted;
        const bool fail = i % kFailureEvery == 0;
        breaker.onResult(permit, fail ? ErrorClass::Timeout : ErrorClass::None, 50 + (i & 255));
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;

    const BreakerSnapshot s = breaker.snapshot();
    Result r;
    r.config = name;
    r.calls = kCalls;
    r.nsPerCall =
        double(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()) / double(kCalls);
    r.permitted = permitted;
    r.opens = s.openCount;
    r.finalState = toString(s.state);
    return r;
}

BreakerConfig preset(const QString &name)
{
    BreakerConfig c;
    BreakerConfig::fromPreset(name, &c);
    return c;
}

} // namespace

int main()
{
    BreakerConfig timeBased = preset(QStringLiteral("resilience4j"));
    timeBased.slidingWindowType = SlidingWindowType::TimeBased;
    timeBased.slidingWindowSize = 60;
    timeBased.preset = QStringLiteral("custom");

    const QList<Result> results{
        run(QStringLiteral("seed"), preset(QStringLiteral("seed"))),
        run(QStringLiteral("resilience4j_count_window"), preset(QStringLiteral("resilience4j"))),
        run(QStringLiteral("time_window_60s"), timeBased),
    };

    QJsonArray list;
    bool withinTarget = true;
    for (const Result &r : results) {
        list.append(QJsonObject{{QStringLiteral("config"), r.config},
                                {QStringLiteral("calls"), r.calls},
                                {QStringLiteral("ns_per_call"), std::round(r.nsPerCall * 100.0) / 100.0},
                                {QStringLiteral("permitted"), r.permitted},
                                {QStringLiteral("open_count"), r.opens},
                                {QStringLiteral("final_state"), r.finalState}});
        withinTarget = withinTarget && r.nsPerCall <= kTargetNsPerCall;
    }
    const QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("breaker")},
                          {QStringLiteral("results"), list},
                          {QStringLiteral("target_ns_per_call"), kTargetNsPerCall},
                          {QStringLiteral("within_target"), withinTarget}};
    std::fputs(QJsonDocument(out).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    return 0;
}
