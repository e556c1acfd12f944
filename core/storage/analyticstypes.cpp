#include "analyticstypes.h"

#include <QDateTime>
#include <QJsonArray>

namespace airm {
namespace {

QJsonValue orNull(double v)
{
    return v < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(v);
}

QJsonValue isoOrNull(qint64 ms)
{
    if (ms <= 0) return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QJsonObject TrendFigure::toJson() const
{
    return {
        {QStringLiteral("recent"), orNull(recent)},
        {QStringLiteral("previous"), orNull(previous)},
        {QStringLiteral("changePct"), recent < 0 || previous < 0 ? QJsonValue(QJsonValue::Null) : changePct},
        {QStringLiteral("recentSamples"), recentSamples},
        {QStringLiteral("previousSamples"), previousSamples},
        {QStringLiteral("label"), label}};
}

QJsonObject ServiceFigure::toJson(const char *valueKey) const
{
    return {{QStringLiteral("service"), service},
            {QLatin1String(valueKey), value},
            {QStringLiteral("requests"), requests}};
}

QJsonObject KeyInsights::toJson() const
{
    return {
        {QStringLiteral("mostReliable"),
         mostReliable ? QJsonValue(mostReliable->toJson("successRate")) : QJsonValue::Null},
        {QStringLiteral("fastest"), fastest ? QJsonValue(fastest->toJson("avgLatencyMs")) : QJsonValue::Null},
        {QStringLiteral("peakHour"),
         peakHour ? QJsonValue(QJsonObject{{QStringLiteral("hour"), *peakHour},
                                           {QStringLiteral("avgLatencyMs"), peakHourLatencyMs}})
                  : QJsonValue::Null},
        {QStringLiteral("availability"), orNull(availabilityPct)},
        {QStringLiteral("volumePerMinute"), volume.toJson()},
        {QStringLiteral("errorRate"), errorRate.toJson()}};
}

QJsonObject LeaderboardEntry::toJson() const
{
    return {{QStringLiteral("rank"), rank},
            {QStringLiteral("service"), service},
            {QStringLiteral("requests"), requests},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("successRate"), successRatePct},
            {QStringLiteral("avgLatencyMs"), avgLatencyMs},
            {QStringLiteral("score"), score},
            {QStringLiteral("badge"), badge}};
}

QJsonObject ServiceRecovery::toJson() const
{
    return {{QStringLiteral("service"), service},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("status"), status},
            {QStringLiteral("lastFailure"), isoOrNull(lastFailureMs)},
            {QStringLiteral("lastFailureClass"),
             lastFailureMs > 0 ? QJsonValue(airm::toString(lastFailureClass)) : QJsonValue::Null},
            {QStringLiteral("lastFailureMessage"), lastFailureMessage},
            {QStringLiteral("episodes"), episodes},
            {QStringLiteral("recoveredEpisodes"), recoveredEpisodes},
            {QStringLiteral("lastRecoveryMs"), orNull(lastRecoveryMs)},
            {QStringLiteral("meanRecoveryMs"), orNull(meanRecoveryMs)},
            {QStringLiteral("maxRecoveryMs"), orNull(maxRecoveryMs)},
            {QStringLiteral("failingForMs"), failingForMs}};
}

QJsonObject ChaosRecovery::toJson() const
{
    return {{QStringLiteral("experimentId"), experimentId},
            {QStringLiteral("type"), airm::toString(type)},
            {QStringLiteral("service"), service},
            {QStringLiteral("ended"), isoOrNull(endedMs)},
            {QStringLiteral("breakerStateAtEnd"), airm::toString(stateAtEnd)},
            {QStringLiteral("closedAt"), isoOrNull(closedAtMs)},
            {QStringLiteral("recoveryMs"), orNull(recoveryMs)}};
}

QJsonObject RecoveryReport::toJson() const
{
    QJsonArray s, c;
    for (const ServiceRecovery &r : services)
        s.append(r.toJson());
    for (const ChaosRecovery &r : chaos)
        c.append(r.toJson());
    return {{QStringLiteral("services"), s}, {QStringLiteral("chaos"), c}};
}

QJsonObject PerformanceTrend::toJson() const
{
    return {{QStringLiteral("service"), service},
            {QStringLiteral("latency"), latency.toJson()},
            {QStringLiteral("successRate"), successRate.toJson()}};
}

QJsonObject OverallHealth::toJson() const
{
    QJsonArray s;
    for (const ServiceFigure &f : services)
        s.append(f.toJson("health"));
    return {{QStringLiteral("score"), orNull(score)},
            {QStringLiteral("label"), label},
            {QStringLiteral("previousScore"), orNull(previousScore)},
            {QStringLiteral("trend"), trend},
            {QStringLiteral("services"), s},
            {QStringLiteral("formula"), formula}};
}

} // namespace airm
