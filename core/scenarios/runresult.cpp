#include "runresult.h"

#include <QDateTime>

namespace airm {
namespace {

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

QJsonValue msOrNull(qint64 ms)
{
    return ms >= 0 ? QJsonValue(ms) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString runStatusName(RunStatus s)
{
    switch (s) {
    case RunStatus::Pending:
        return QStringLiteral("pending");
    case RunStatus::Running:
        return QStringLiteral("running");
    case RunStatus::Completed:
        return QStringLiteral("completed");
    case RunStatus::Aborted:
        return QStringLiteral("aborted");
    case RunStatus::Stopped:
        return QStringLiteral("stopped");
    case RunStatus::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString probeOutcomeName(ProbeOutcome o)
{
    switch (o) {
    case ProbeOutcome::Held:
        return QStringLiteral("held");
    case ProbeOutcome::Failed:
        return QStringLiteral("failed");
    case ProbeOutcome::Inconclusive:
        return QStringLiteral("inconclusive");
    }
    return {};
}

qint64 RecoveryRecord::recoveryMs() const
{
    if (!successMeasured) return breakerRecoveryMs;
    if (breakerRecoveryMs < 0 || successRecoveryMs < 0) return -1;
    return std::max(breakerRecoveryMs, successRecoveryMs);
}

QJsonObject RecoveryRecord::toJson() const
{
    return {{QStringLiteral("step"), stepKey},
            {QStringLiteral("experimentId"), experimentId},
            {QStringLiteral("service"), service},
            {QStringLiteral("chaosType"), toString(chaosType)},
            {QStringLiteral("chaosEndedAt"), iso(chaosEndedAtMs)},
            {QStringLiteral("status"), status},
            {QStringLiteral("recovered"), recovered()},
            {QStringLiteral("recoveryMs"), msOrNull(recoveryMs())},
            {QStringLiteral("breakerAtChaosEnd"), toString(breakerAtChaosEnd)},
            {QStringLiteral("breakerTripped"), breakerTripped},
            {QStringLiteral("breakerRecoveryMs"), msOrNull(breakerRecoveryMs)},
            {QStringLiteral("successRecoveryMs"), msOrNull(successRecoveryMs)},
            {QStringLiteral("successMeasured"), successMeasured},
            {QStringLiteral("baselinePct"), baselinePct},
            {QStringLiteral("baselineSamples"), baselineSamples},
            {QStringLiteral("baselineSource"), baselineSource},
            {QStringLiteral("thresholdPct"), thresholdPct},
            {QStringLiteral("successWindow"), successWindow},
            {QStringLiteral("lastWindowPct"),
             lastWindowPct >= 0 ? QJsonValue(lastWindowPct) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("waitedMs"), waitedMs}};
}

QJsonObject ProbeResult::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("type"), ProbeSpec::typeName(type)},
            {QStringLiteral("service"), service},
            {QStringLiteral("phase"), phase},
            {QStringLiteral("step"), stepKey},
            {QStringLiteral("at"), iso(atMs)},
            {QStringLiteral("result"), probeOutcomeName(outcome)},
            {QStringLiteral("passed"), outcome != ProbeOutcome::Failed},
            {QStringLiteral("value"), value},
            {QStringLiteral("valueText"), valueText},
            {QStringLiteral("samples"), samples},
            {QStringLiteral("tolerance"), tolerance},
            {QStringLiteral("detail"), detail}};
}

QJsonObject TimelineEvent::toJson() const
{
    return {{QStringLiteral("at"), iso(atMs)},    {QStringLiteral("atMs"), atMs},
            {QStringLiteral("kind"), kind},       {QStringLiteral("step"), stepKey},
            {QStringLiteral("service"), service}, {QStringLiteral("detail"), detail}};
}

bool RunResult::hypothesisHeld() const
{
    if (untilTimedOut) return false;
    for (const ProbeResult &p : probes)
        if (p.failed() && p.phase != QLatin1String("abort")) return false;
    return true;
}

QString RunResult::verdict() const
{
    switch (status) {
    case RunStatus::Error:
        return QStringLiteral("error");
    case RunStatus::Aborted:
        return QStringLiteral("aborted");
    default:
        return hypothesisHeld() ? QStringLiteral("passed") : QStringLiteral("failed");
    }
}

double chaosIntensity(const ChaosSpec &spec, int attemptTimeoutMs)
{
    switch (spec.type) {
    case ChaosType::Latency:
        return spec.latencyMs;
    case ChaosType::Failure:
    case ChaosType::Corruption:
    case ChaosType::RateLimit:
        return spec.probabilityPct;
    case ChaosType::Intermittent:
        return 100.0 * spec.failSeconds / double(std::max(1, spec.failSeconds + spec.healthySeconds));
    case ChaosType::Timeout:
        return attemptTimeoutMs > 0 ? attemptTimeoutMs : 0;
    case ChaosType::Unavailable:
        return 100;
    }
    return 0;
}

int scenarioExitCode(RunStatus status, bool hypothesisHeld)
{
    switch (status) {
    case RunStatus::Error:
    case RunStatus::Pending:
        return RunResult::kExitUsageOrPlanError;
    case RunStatus::Aborted:
        return RunResult::kExitFailed;
    case RunStatus::Running:
    case RunStatus::Completed:
    case RunStatus::Stopped:
        return hypothesisHeld ? RunResult::kExitPassed : RunResult::kExitFailed;
    }
    return RunResult::kExitUsageOrPlanError;
}

int RunResult::exitCode() const
{
    return scenarioExitCode(status, hypothesisHeld());
}

const StepRecord *RunResult::step(const QString &key) const
{
    for (const StepRecord &s : steps)
        if (s.key == key) return &s;
    return nullptr;
}

} // namespace airm
