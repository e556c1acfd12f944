// Engine-wide policies: deadline, retries, fallback, snapshot rate, privacy, health checks, breakers, seed.
#pragma once

#include "model/types.h"
#include "resilience/breakerconfig.h"

#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QStringList>

namespace airm {

// Exponential backoff with full jitter; honours Retry-After. Off by default (the seed did not retry).
struct RetryPolicy
{
    bool enabled = false;
    int maxAttempts = 3; // per service, including the first
    qint64 baseDelayMs = 500;
    qint64 maxDelayMs = 10'000;
    bool honourRetryAfter = true;
    qint64 maxRetryAfterMs = 60'000; // a longer Retry-After ends the retries instead of waiting
    QSet<ErrorClass> retryOn{ErrorClass::RateLimited, ErrorClass::Overloaded, ErrorClass::ServerError,
                             ErrorClass::Timeout,     ErrorClass::Network,    ErrorClass::CorruptResponse};
};

// On failure, try the next service of the chain. Off by default.
struct FallbackPolicy
{
    bool enabled = false;
    QStringList order; // services in fallback order; empty = the configured order
    QSet<ErrorClass> fallbackOn{ErrorClass::RateLimited, ErrorClass::Overloaded, ErrorClass::ServerError,
                                ErrorClass::Timeout,     ErrorClass::Network,    ErrorClass::CorruptResponse,
                                ErrorClass::Rejected};
};

struct EngineConfig
{
    qint64 defaultDeadlineMs = 120'000;
    RetryPolicy retry;
    FallbackPolicy fallback;
    int snapshotIntervalMs = 100; // at most 10 snapshots a second
    bool privacyMode = false;     // prompts and responses are not kept in records
    int healthCheckIntervalS = 0; // 0 = on demand only
    int healthCheckTimeoutMs = 10'000;
    quint64 seed = 0;                              // 0 = random
    BreakerConfig breaker;                         // for every service...
    QMap<QString, BreakerConfig> breakerOverrides; // ...unless overridden by name

    QJsonObject toJson() const;
    // Applies {"deadlineMs","retry":{...},"fallback":{...},"privacyMode","healthCheckIntervalS","seed"}.
    QString mergeJson(const QJsonObject &o);
};

} // namespace airm
