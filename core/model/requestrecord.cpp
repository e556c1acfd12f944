#include "requestrecord.h"

#include <QDateTime>
#include <QJsonArray>

namespace airm {
namespace {
QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}
} // namespace

QJsonObject RequestRecord::toJson(bool includePrompt, bool includeResponse) const
{
    QJsonArray attemptsJson;
    for (const AttemptRecord &a : attemptList) {
        QJsonObject aj{{QStringLiteral("service"), a.service},
                       {QStringLiteral("number"), a.number},
                       {QStringLiteral("outcome"), airm::toString(a.outcome)},
                       {QStringLiteral("errorClass"), airm::toString(a.errorClass)},
                       {QStringLiteral("httpStatus"), a.httpStatus},
                       {QStringLiteral("latencyMs"), a.latencyMs},
                       {QStringLiteral("simulated"), a.simulated},
                       {QStringLiteral("chaosIds"), QJsonArray::fromStringList(a.chaosIds)}};
        if (!a.errorMessage.isEmpty()) aj.insert(QStringLiteral("errorMessage"), a.errorMessage);
        attemptsJson.append(aj);
    }
    QJsonObject o{{QStringLiteral("id"), QString::number(id)},
                  {QStringLiteral("timestamp"), isoMs(startedAtMs)},
                  {QStringLiteral("startedAtMs"), startedAtMs},
                  {QStringLiteral("finishedAtMs"), finishedAtMs},
                  {QStringLiteral("service"), service},
                  {QStringLiteral("servedBy"), servedBy},
                  {QStringLiteral("providerKind"), airm::toString(kind)},
                  {QStringLiteral("model"), model},
                  {QStringLiteral("origin"), airm::toString(origin)},
                  {QStringLiteral("runId"), runId},
                  {QStringLiteral("outcome"), airm::toString(outcome)},
                  {QStringLiteral("success"), succeeded()},
                  {QStringLiteral("errorClass"), airm::toString(errorClass)},
                  {QStringLiteral("errorMessage"), errorMessage},
                  {QStringLiteral("httpStatus"), httpStatus},
                  {QStringLiteral("latencyMs"), latencyMs},
                  {QStringLiteral("attempts"), attempts},
                  {QStringLiteral("attemptList"), attemptsJson},
                  {QStringLiteral("fallbackUsed"), fallbackUsed},
                  {QStringLiteral("breakerState"), airm::toString(breakerState)},
                  {QStringLiteral("chaosIds"), QJsonArray::fromStringList(chaosIds)},
                  {QStringLiteral("chaosAffected"), chaosAffected()},
                  {QStringLiteral("simulated"), simulated},
                  {QStringLiteral("inputTokens"), inputTokens},
                  {QStringLiteral("outputTokens"), outputTokens},
                  {QStringLiteral("costUsd"), costUsd},
                  {QStringLiteral("responseLength"), responseLength}};
    if (retryAfterMs >= 0) o.insert(QStringLiteral("retryAfterMs"), retryAfterMs);
    if (includePrompt) o.insert(QStringLiteral("prompt"), prompt);
    if (includeResponse) o.insert(QStringLiteral("response"), responseText);
    return o;
}

} // namespace airm
