// Circuit breaker configuration in resilience4j's vocabulary, plus a consecutive-failure trip (gobreaker
// style) and the set of error classes that count as failures. Presets name the behaviour of known libraries.
#pragma once

#include "model/types.h"

#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace airm {

enum class SlidingWindowType { CountBased, TimeBased };

struct BreakerConfig
{
    QString preset = QStringLiteral("seed");

    // Trip rule 1: consecutive failures >= N (0 = off).
    int consecutiveFailureThreshold = 3;

    // Trip rule 2: failure rate >= X % over the sliding window once minimumNumberOfCalls is reached (0 =
    // off).
    double failureRateThreshold = 0.0;
    // Trip rule 3: slow-call rate >= Y % (0 = off); a call is slow when it takes >=
    // slowCallDurationThresholdMs.
    double slowCallRateThreshold = 0.0;
    qint64 slowCallDurationThresholdMs = 60'000;
    SlidingWindowType slidingWindowType = SlidingWindowType::CountBased;
    int slidingWindowSize = 100; // calls (count-based) or seconds (time-based)
    int minimumNumberOfCalls = 100;

    // OPEN -> HALF_OPEN after this long, measured from the moment the breaker opened.
    qint64 waitDurationInOpenStateMs = 20'000;
    // Each consecutive re-open multiplies the wait (1.0 = constant), capped at maxWaitDurationInOpenStateMs.
    double openBackoffMultiplier = 1.0;
    qint64 maxWaitDurationInOpenStateMs = 300'000;
    // A provider's Retry-After lengthens the open wait to at least that long.
    bool honourRetryAfter = true;

    // HALF_OPEN: probe calls admitted; any failure re-opens; successThreshold successes close.
    int permittedNumberOfCallsInHalfOpenState = 2;
    int halfOpenSuccessThreshold = 2;
    // 0 = wait for the probes forever; otherwise HALF_OPEN falls back to OPEN after this long without a
    // verdict.
    qint64 maxWaitDurationInHalfOpenStateMs = 0;

    // Error classes that count as failures; the rest are "ignored" (neither success nor failure).
    QSet<ErrorClass> recordedErrors = defaultRecordedErrors();

    static QSet<ErrorClass> defaultRecordedErrors();

    // "seed" (3 consecutive / 2 probes / 20 s), "resilience4j", "hystrix", "polly".
    static QStringList presetNames();
    static bool fromPreset(const QString &name, BreakerConfig *out);

    QString validate() const; // empty when valid, otherwise names the field and its range
    QJsonObject toJson() const;
    // Applies the present fields over *this ("preset" first, then individual fields); error names the field.
    QString mergeJson(const QJsonObject &o);
};

} // namespace airm
