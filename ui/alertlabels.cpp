#include "alertlabels.h"

#include "labels.h"

namespace airm::ui {

QString AlertLabels::rule(AlertRuleId id)
{
    switch (id) {
    case AlertRuleId::BreakerOpened:
        return tr("Circuit breaker opened");
    case AlertRuleId::BreakerClosed:
        return tr("Circuit breaker closed");
    case AlertRuleId::BreakerStuckOpen:
        return tr("Breaker open too long");
    case AlertRuleId::ErrorRate:
        return tr("High error rate");
    case AlertRuleId::LatencyP95:
        return tr("High p95 latency");
    case AlertRuleId::ScenarioHypothesisFailed:
        return tr("Scenario hypothesis failed");
    case AlertRuleId::ScenarioAborted:
        return tr("Scenario aborted");
    case AlertRuleId::DatabaseDegraded:
        return tr("Database degraded");
    }
    return {};
}

QString AlertLabels::rule(const QString &name)
{
    if (const std::optional<AlertRuleId> id = alertRuleFromString(name)) return rule(*id);
    if (name == QLatin1String("test")) return tr("Test alert");
    return name;
}

QString AlertLabels::ruleHelp(AlertRuleId id)
{
    switch (id) {
    case AlertRuleId::BreakerOpened:
        return tr("A service's breaker trips from CLOSED to OPEN.");
    case AlertRuleId::BreakerClosed:
        return tr("A breaker that had tripped is CLOSED again.");
    case AlertRuleId::BreakerStuckOpen:
        return tr("A breaker has not been CLOSED for this long (OPEN and HALF_OPEN cycles count).");
    case AlertRuleId::ErrorRate:
        return tr("Failures and timeouts reach this share of a service's calls over the last 5 minutes.");
    case AlertRuleId::LatencyP95:
        return tr("A service's p95 latency over the last 5 minutes reaches this value.");
    case AlertRuleId::ScenarioHypothesisFailed:
        return tr("A scenario run finishes with its steady-state hypothesis failed.");
    case AlertRuleId::ScenarioAborted:
        return tr("A scenario run is aborted.");
    case AlertRuleId::DatabaseDegraded:
        return tr("The history database cannot be written (records wait in memory and the journal).");
    }
    return {};
}

QString AlertLabels::severity(AlertSeverity v)
{
    switch (v) {
    case AlertSeverity::Info:
        return tr("Info");
    case AlertSeverity::Warning:
        return tr("Warning");
    case AlertSeverity::Error:
        return tr("Error");
    case AlertSeverity::Critical:
        return tr("Critical");
    }
    return {};
}

QString AlertLabels::severity(const QString &name)
{
    const std::optional<AlertSeverity> s = alertSeverityFromString(name);
    return s ? severity(*s) : name;
}

QString AlertLabels::channel(AlertChannel v)
{
    switch (v) {
    case AlertChannel::Desktop:
        return tr("Desktop");
    case AlertChannel::Webhook:
        return tr("Webhook");
    case AlertChannel::Slack:
        return tr("Slack");
    case AlertChannel::Email:
        return tr("E-mail");
    }
    return {};
}

QString AlertLabels::delivery(const AlertDelivery &d, qint64 nowMs)
{
    switch (d.status) {
    case AlertDelivery::Status::Delivered:
        if (d.channel == AlertChannel::Desktop) return tr("notification shown");
        return d.httpStatus > 0 ? tr("delivered (HTTP %1)").arg(d.httpStatus) : tr("delivered");
    case AlertDelivery::Status::Failed:
        return d.attempts > 1 ? tr("failed after %n attempt(s): %1", nullptr, d.attempts).arg(d.lastError)
                              : tr("failed: %1").arg(d.lastError);
    case AlertDelivery::Status::Pending:
        if (d.nextAttemptMs > 0)
            return tr("retrying in %1 (attempt %2 failed: %3)")
                .arg(Labels::duration(std::max<qint64>(0, d.nextAttemptMs - nowMs)))
                .arg(d.attempts)
                .arg(d.lastError);
        return d.attempts > 1 ? tr("sending (attempt %1)…").arg(d.attempts) : tr("sending…");
    }
    return {};
}

QColor AlertLabels::severityColor(const Theme &theme, const QString &severity)
{
    switch (alertSeverityFromString(severity).value_or(AlertSeverity::Info)) {
    case AlertSeverity::Info:
        return theme.info;
    case AlertSeverity::Warning:
        return theme.warning;
    case AlertSeverity::Error:
    case AlertSeverity::Critical:
        return theme.error;
    }
    return theme.info;
}

QColor AlertLabels::deliveryColor(const Theme &theme, AlertDelivery::Status status)
{
    switch (status) {
    case AlertDelivery::Status::Delivered:
        return theme.success;
    case AlertDelivery::Status::Failed:
        return theme.error;
    case AlertDelivery::Status::Pending:
        return theme.warning;
    }
    return theme.textMuted;
}

} // namespace airm::ui
