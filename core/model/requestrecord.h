// The result of one logical request: outcome, error class, latency, attempts, tokens, cost, chaos and breaker
// context. Everything downstream (metrics, storage, UI, API, reports) reads this one value type.
#pragma once

#include "types.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace airm {

struct AttemptRecord
{
    QString service;
    int number = 1; // 1-based, across retries and fallbacks
    Outcome outcome = Outcome::Success;
    ErrorClass errorClass = ErrorClass::None;
    QString errorMessage;
    int httpStatus = 0; // 0: no HTTP response
    double latencyMs = 0.0;
    QStringList chaosIds; // experiments that touched this attempt
    bool simulated = false;
};

struct RequestRecord
{
    quint64 id = 0;         // engine-assigned, unique per process run
    qint64 startedAtMs = 0; // wall clock, ms since epoch
    qint64 finishedAtMs = 0;
    QString service;  // the service that was asked
    QString servedBy; // the service whose answer is returned (differs after a fallback)
    ProviderKind kind = ProviderKind::OpenAi;
    QString model;
    Origin origin = Origin::Manual;
    QString runId;
    Outcome outcome = Outcome::Success;
    ErrorClass errorClass = ErrorClass::None;
    QString errorMessage;
    int httpStatus = 0;
    double latencyMs = 0.0; // whole request, all attempts and backoff
    int attempts = 0;
    QList<AttemptRecord> attemptList;
    bool fallbackUsed = false;
    BreakerState breakerState = BreakerState::Closed; // of the asked service, after the request
    QStringList chaosIds;                             // union over attempts
    bool simulated = false;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    double costUsd = 0.0;
    int retryAfterMs = -1; // from the provider's last 429, -1 if none
    QString prompt;        // empty in privacy mode
    QString responseText;
    int responseLength = 0;

    bool succeeded() const { return outcome == Outcome::Success; }
    bool chaosAffected() const { return !chaosIds.isEmpty(); }

    // Full JSON form for the API, exports and logs. Never contains keys.
    QJsonObject toJson(bool includePrompt = true, bool includeResponse = true) const;
};

} // namespace airm
