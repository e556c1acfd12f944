// A consistent, immutable picture of the engine's live state: per-service counters, latency percentiles,
// breaker state and active chaos. Published by the engine at most 10 times a second; read by UI, API, CLI.
#pragma once

#include "types.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace airm {

struct LatencySummary
{
    qint64 count = 0;
    double minMs = 0, meanMs = 0, p50Ms = 0, p90Ms = 0, p95Ms = 0, p99Ms = 0, maxMs = 0;
    QJsonObject toJson() const;
};

struct BreakerTransition
{
    qint64 atMs = 0; // wall clock
    QString service;
    BreakerState from = BreakerState::Closed;
    BreakerState to = BreakerState::Closed;
    QString reason;
    QJsonObject toJson() const;
};

struct BreakerSnapshot
{
    BreakerState state = BreakerState::Closed;
    qint64 timeInStateMs = 0;
    int consecutiveFailures = 0;
    int consecutiveFailureThreshold = 0; // 0 = rule off
    int halfOpenSuccesses = 0;
    int halfOpenSuccessThreshold = 0;
    int halfOpenInFlight = 0;
    double failureRatePct = -1.0; // -1 until the window holds minimumNumberOfCalls
    double slowCallRatePct = -1.0;
    qint64 totalCalls = 0, successfulCalls = 0, failedCalls = 0, ignoredCalls = 0, slowCalls = 0;
    qint64 notPermittedCalls = 0;
    qint64 openCount = 0;
    qint64 remainingOpenMs = 0; // OPEN: time until HALF_OPEN
    QString preset;
    QList<BreakerTransition> recentTransitions; // newest last, at most kRecentTransitions
    static constexpr int kRecentTransitions = 20;
    QJsonObject toJson() const;
};

struct ActiveChaos
{
    QString id;
    ChaosType type = ChaosType::Latency;
    QStringList targets;
    qint64 startedAtMs = 0; // wall
    qint64 endsAtMs = 0;    // wall
    QJsonObject spec;       // ChaosSpec::toJson()
    qint64 touched = 0;     // requests the experiment changed
    QJsonObject toJson() const;
};

// Upper bounds of the exported latency histogram, in milliseconds.
inline constexpr double kPrometheusBucketsMs[] = {5,    10,   25,   50,    100,   250,  500,
                                                  1000, 2500, 5000, 10000, 30000, 60000};

struct ServiceMetrics
{
    QString name;
    ProviderKind kind = ProviderKind::OpenAi;
    QString model;
    bool simulated = false;
    HealthState health = HealthState::Unknown;
    qint64 requests = 0, successes = 0, failures = 0, rejected = 0, timeouts = 0;
    qint64 chaosAffected = 0, simulatedCalls = 0, retries = 0, fallbacks = 0;
    qint64 inputTokens = 0, outputTokens = 0;
    double costUsd = 0.0;
    QMap<ErrorClass, qint64> errorsByClass;
    LatencySummary latencyAll, latency1m, latency5m;
    // Cumulative counts of all finished (non-rejected) requests with latency <= kPrometheusBucketsMs[i], for
    // the Prometheus histogram; the +Inf bucket is latencyAll.count.
    QList<qint64> latencyBucketCounts;
    double latencySumMs = 0.0;
    double requestsPerSecond = 0.0; // over the last 10 s
    BreakerSnapshot breaker;
    QStringList activeChaosIds;
    // Attempts on this service that chaos experiments touched, by experiment type (filled by the engine).
    QMap<ChaosType, qint64> chaosFaultsByType;

    // successes / (successes + failures + rejected + timeouts) in %, or -1 with no requests.
    double successRatePct() const;
    QJsonObject toJson() const;
};

struct MetricsSnapshot
{
    qint64 takenAtMs = 0;   // wall
    qint64 startedAtMs = 0; // wall: engine start or last metrics reset
    quint64 sequence = 0;
    ServiceMetrics overall; // name "all"
    QList<ServiceMetrics> services;
    QList<ActiveChaos> activeChaos;
    int breakersOpen = 0;
    // Requests that fell back, by (asked service, service that answered or was tried last); engine-filled.
    QMap<QPair<QString, QString>, qint64> fallbacksByRoute;

    const ServiceMetrics *service(const QString &name) const;
    QJsonObject toJson() const;
};

} // namespace airm
