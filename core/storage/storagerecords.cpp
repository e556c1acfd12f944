#include "storagerecords.h"

#include "chaos/chaosregistry.h"

#include <QDateTime>
#include <QJsonArray>

namespace airm {
namespace {
QJsonValue isoOrNull(qint64 ms)
{
    if (ms <= 0) return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}
} // namespace

bool ChaosRecord::appliesTo(const QString &service) const
{
    return targets.isEmpty() || targets.contains(QLatin1String("all")) || targets.contains(service);
}

ChaosRecord ChaosRecord::fromExperiment(const ChaosExperiment &e)
{
    ChaosRecord r;
    r.id = e.spec.id;
    r.type = e.spec.type;
    r.targets = e.spec.targets;
    r.params = e.spec.toJson();
    r.startedMs = e.startedWallMs;
    r.endsMs = e.endsWallMs;
    r.endedMs = e.endedWallMs;
    r.status = e.endedWallMs ? (e.endReason.isEmpty() ? QStringLiteral("ended") : e.endReason)
                             : QStringLiteral("active");
    r.touched = e.touched;
    return r;
}

QJsonObject ChaosRecord::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("type"), airm::toString(type)},
            {QStringLiteral("targets"), QJsonArray::fromStringList(targets)},
            {QStringLiteral("params"), params},
            {QStringLiteral("startedAtMs"), startedMs},
            {QStringLiteral("startTime"), isoOrNull(startedMs)},
            {QStringLiteral("endsAtMs"), endsMs},
            {QStringLiteral("endedAtMs"), endedMs > 0 ? QJsonValue(endedMs) : QJsonValue::Null},
            {QStringLiteral("endTime"), isoOrNull(endedMs ? endedMs : endsMs)},
            {QStringLiteral("status"), status},
            {QStringLiteral("touched"), touched}};
}

QJsonObject ScenarioRunRecord::toJson() const
{
    return {{QStringLiteral("runId"), runId},
            {QStringLiteral("name"), name},
            {QStringLiteral("startedAtMs"), startedMs},
            {QStringLiteral("startTime"), isoOrNull(startedMs)},
            {QStringLiteral("endedAtMs"), endedMs > 0 ? QJsonValue(endedMs) : QJsonValue::Null},
            {QStringLiteral("status"), status},
            {QStringLiteral("report"), report}};
}

QJsonObject AlertRecord::toJson() const
{
    return {{QStringLiteral("id"), alertId},
            {QStringLiteral("atMs"), atMs},
            {QStringLiteral("time"), isoOrNull(atMs)},
            {QStringLiteral("rule"), rule},
            {QStringLiteral("severity"), severity},
            {QStringLiteral("service"), service.isEmpty() ? QJsonValue::Null : QJsonValue(service)},
            {QStringLiteral("message"), message},
            {QStringLiteral("delivered"), delivered}};
}

} // namespace airm
