#include "metricssnapshot.h"

#include <QDateTime>
#include <QJsonArray>
#include <iterator>

namespace airm {
namespace {

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QJsonObject LatencySummary::toJson() const
{
    return QJsonObject{
        {QLatin1String("count"), count}, {QLatin1String("minMs"), minMs}, {QLatin1String("meanMs"), meanMs},
        {QLatin1String("p50Ms"), p50Ms}, {QLatin1String("p90Ms"), p90Ms}, {QLatin1String("p95Ms"), p95Ms},
        {QLatin1String("p99Ms"), p99Ms}, {QLatin1String("maxMs"), maxMs},
    };
}

QJsonObject BreakerTransition::toJson() const
{
    return QJsonObject{
        {QLatin1String("atMs"), atMs},           {QLatin1String("service"), service},
        {QLatin1String("from"), toString(from)}, {QLatin1String("to"), toString(to)},
        {QLatin1String("reason"), reason},
    };
}

QJsonObject BreakerSnapshot::toJson() const
{
    QJsonArray transitions;
    for (const BreakerTransition &t : recentTransitions)
        transitions.append(t.toJson());
    return QJsonObject{
        {QLatin1String("state"), toString(state)},
        {QLatin1String("timeInStateMs"), timeInStateMs},
        {QLatin1String("consecutiveFailures"), consecutiveFailures},
        {QLatin1String("consecutiveFailureThreshold"), consecutiveFailureThreshold},
        {QLatin1String("halfOpenSuccesses"), halfOpenSuccesses},
        {QLatin1String("halfOpenSuccessThreshold"), halfOpenSuccessThreshold},
        {QLatin1String("halfOpenInFlight"), halfOpenInFlight},
        {QLatin1String("failureRatePct"), failureRatePct},
        {QLatin1String("slowCallRatePct"), slowCallRatePct},
        {QLatin1String("totalCalls"), totalCalls},
        {QLatin1String("successfulCalls"), successfulCalls},
        {QLatin1String("failedCalls"), failedCalls},
        {QLatin1String("ignoredCalls"), ignoredCalls},
        {QLatin1String("slowCalls"), slowCalls},
        {QLatin1String("notPermittedCalls"), notPermittedCalls},
        {QLatin1String("openCount"), openCount},
        {QLatin1String("remainingOpenMs"), remainingOpenMs},
        {QLatin1String("preset"), preset},
        {QLatin1String("recentTransitions"), transitions},
    };
}

QJsonObject ActiveChaos::toJson() const
{
    return QJsonObject{
        {QLatin1String("id"), id},
        {QLatin1String("type"), toString(type)},
        {QLatin1String("targets"), QJsonArray::fromStringList(targets)},
        {QLatin1String("startedAtMs"), startedAtMs},
        {QLatin1String("endsAtMs"), endsAtMs},
        {QLatin1String("spec"), spec},
        {QLatin1String("touched"), touched},
    };
}

double ServiceMetrics::successRatePct() const
{
    if (requests <= 0) return -1.0;
    return static_cast<double>(successes) * 100.0 / static_cast<double>(requests);
}

QJsonObject ServiceMetrics::toJson() const
{
    QJsonObject errors;
    for (auto it = errorsByClass.cbegin(); it != errorsByClass.cend(); ++it)
        errors.insert(toString(it.key()), it.value());
    QJsonArray buckets;
    for (qint64 n : latencyBucketCounts)
        buckets.append(n);
    QJsonArray bounds;
    for (double b : kPrometheusBucketsMs)
        bounds.append(b);
    QJsonObject chaosFaults;
    for (auto it = chaosFaultsByType.cbegin(); it != chaosFaultsByType.cend(); ++it)
        chaosFaults.insert(toString(it.key()), it.value());
    return QJsonObject{
        {QLatin1String("name"), name},
        {QLatin1String("kind"), toString(kind)},
        {QLatin1String("model"), model},
        {QLatin1String("simulated"), simulated},
        {QLatin1String("health"), toString(health)},
        {QLatin1String("requests"), requests},
        {QLatin1String("successes"), successes},
        {QLatin1String("failures"), failures},
        {QLatin1String("rejected"), rejected},
        {QLatin1String("timeouts"), timeouts},
        {QLatin1String("successRate"), successRatePct()},
        {QLatin1String("chaosAffected"), chaosAffected},
        {QLatin1String("simulatedCalls"), simulatedCalls},
        {QLatin1String("retries"), retries},
        {QLatin1String("fallbacks"), fallbacks},
        {QLatin1String("inputTokens"), inputTokens},
        {QLatin1String("outputTokens"), outputTokens},
        {QLatin1String("costUsd"), costUsd},
        {QLatin1String("errorsByClass"), errors},
        {QLatin1String("latencyAll"), latencyAll.toJson()},
        {QLatin1String("latency1m"), latency1m.toJson()},
        {QLatin1String("latency5m"), latency5m.toJson()},
        {QLatin1String("latencyBucketBoundsMs"), bounds},
        {QLatin1String("latencyBucketCounts"), buckets},
        {QLatin1String("latencySumMs"), latencySumMs},
        {QLatin1String("requestsPerSecond"), requestsPerSecond},
        {QLatin1String("breaker"), breaker.toJson()},
        {QLatin1String("activeChaosIds"), QJsonArray::fromStringList(activeChaosIds)},
        {QLatin1String("chaosFaultsByType"), chaosFaults},
    };
}

const ServiceMetrics *MetricsSnapshot::service(const QString &name) const
{
    for (const ServiceMetrics &s : services)
        if (s.name == name) return &s;
    if (name == overall.name) return &overall;
    return nullptr;
}

QJsonObject MetricsSnapshot::toJson() const
{
    QJsonArray serviceArray;
    for (const ServiceMetrics &s : services)
        serviceArray.append(s.toJson());
    QJsonArray chaos;
    for (const ActiveChaos &c : activeChaos)
        chaos.append(c.toJson());
    QJsonArray fallbacks;
    for (auto it = fallbacksByRoute.cbegin(); it != fallbacksByRoute.cend(); ++it)
        fallbacks.append(QJsonObject{{QLatin1String("from"), it.key().first},
                                     {QLatin1String("to"), it.key().second},
                                     {QLatin1String("count"), it.value()}});
    return QJsonObject{
        {QLatin1String("takenAt"), isoUtc(takenAtMs)},
        {QLatin1String("takenAtMs"), takenAtMs},
        {QLatin1String("startedAt"), isoUtc(startedAtMs)},
        {QLatin1String("startedAtMs"), startedAtMs},
        {QLatin1String("uptimeMs"), takenAtMs - startedAtMs},
        {QLatin1String("sequence"), static_cast<qint64>(sequence)},
        {QLatin1String("overall"), overall.toJson()},
        {QLatin1String("services"), serviceArray},
        {QLatin1String("activeChaos"), chaos},
        {QLatin1String("breakersOpen"), breakersOpen},
        {QLatin1String("fallbacks"), fallbacks},
    };
}

} // namespace airm
