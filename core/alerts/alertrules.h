// What raises an alert and where it goes: one rule per condition (each on or off, with its severity, its
// cooldown and its thresholds) and the delivery channels (desktop, a generic JSON webhook, a Slack incoming
// webhook) with their retry policy. A value type read from the config file, the Settings dialog and
// /api/v1/alerts, validated in one place. Any thread.
//
// JSON (every field optional in fromJson; missing fields keep the base's value):
//   {"enabled": true,
//    "rules": {"breakerOpened": {"enabled": true, "severity": "error", "cooldownMs": 300000},
//              "breakerStuckOpen": {..., "thresholdMs": 300000},
//              "errorRate": {..., "thresholdPct": 50, "minRequests": 10},
//              "latencyP95": {..., "thresholdMs": 5000, "minRequests": 10}, ...},
//    "channels": {"desktop": true, "webhookUrl": "https://...", "slackUrl": "https://hooks.slack.com/...",
//                 "email": {"host": "smtp.example.com", "port": 587, "security": "starttls",
//                           "username": "monitor", "password": "...", "from": "monitor@example.com",
//                           "to": ["oncall@example.com"], "caFile": "/etc/ssl/private-ca.pem"},
//                 "retries": 3, "retryInitialMs": 1000, "timeoutMs": 10000}}
// The e-mail password is read, never written: toJson() has "passwordSet" instead, and without one in the
// JSON the channel uses AIRM_SMTP_PASSWORD when it sends.
#pragma once

#include "model/types.h"
#include "smtpsettings.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <array>
#include <optional>

namespace airm {

enum class AlertSeverity { Info, Warning, Error, Critical };

// The rules, in the order they are listed in JSON and the UI.
enum class AlertRuleId {
    BreakerOpened,    // a breaker tripped: CLOSED (or DISABLED, METRICS_ONLY) -> OPEN
    BreakerClosed,    // a breaker recovered: OPEN / HALF_OPEN / FORCED_OPEN -> CLOSED
    BreakerStuckOpen, // a breaker has not been CLOSED for thresholdMs (OPEN <-> HALF_OPEN cycles count)
    ErrorRate,        // failures + timeouts >= thresholdPct % of calls in the last 5 minutes
    LatencyP95,       // p95 latency >= thresholdMs over the last 5 minutes
    ScenarioHypothesisFailed, // a scenario run finished with a failed hypothesis
    ScenarioAborted,          // a scenario run was aborted
    DatabaseDegraded,         // the storage writer cannot write to the database
};
inline constexpr int kAlertRuleCount = 8;

enum class AlertChannel { Desktop, Webhook, Slack, Email };

namespace names {
QString toString(AlertSeverity v); // "info", "warning", "error", "critical"
QString toString(AlertRuleId v);   // "breakerOpened", ... (the JSON key and AlertRecord::rule)
QString toString(AlertChannel v);  // "desktop", "webhook", "slack", "email"
std::optional<AlertSeverity> alertSeverityFromString(const QString &s);
std::optional<AlertRuleId> alertRuleFromString(const QString &s);
std::optional<AlertChannel> alertChannelFromString(const QString &s);
} // namespace names

struct AlertRule
{
    static constexpr qint64 kDefaultCooldownMs = 5 * 60 * 1000;

    bool enabled = true;
    AlertSeverity severity = AlertSeverity::Warning;
    // No second alert for the same rule and service (or scenario plan) within this long; 0 = no cooldown.
    qint64 cooldownMs = kDefaultCooldownMs;
    // Only the thresholds a rule uses are read and appear in its JSON (see usesThresholdMs() and friends).
    qint64 thresholdMs = 0;  // breakerStuckOpen: open for this long; latencyP95: p95 at or above this
    double thresholdPct = 0; // errorRate: at or above this
    int minRequests = 0;     // errorRate, latencyP95: fewer calls in the window never alert

    static bool usesThresholdMs(AlertRuleId id);
    static bool usesThresholdPct(AlertRuleId id);
    static bool usesMinRequests(AlertRuleId id);
    bool operator==(const AlertRule &) const = default;
};

struct AlertChannelsConfig
{
    bool desktop = true; // the GUI shows a tray notification for each alert
    QUrl webhookUrl;     // empty: off. Receives the alert as a JSON object (POST)
    QUrl slackUrl;       // empty: off. A Slack-compatible incoming webhook (POST, attachments)
    SmtpSettings email;  // host empty: off. One e-mail per alert to every recipient
    // Remote delivery: after a failed attempt (network error, timeout, 408, 429 or 5xx; SMTP 4xx) wait
    // retryInitialMs, then twice as long each time, for at most `retries` more attempts. Other statuses fail
    // at once.
    int retries = 3;
    qint64 retryInitialMs = 1000;
    qint64 timeoutMs = 10'000; // per attempt
    bool operator==(const AlertChannelsConfig &) const = default;
};

struct AlertRulesConfig
{
    bool enabled = true; // master switch: nothing is evaluated while off
    std::array<AlertRule, kAlertRuleCount> rules = defaultRules();
    AlertChannelsConfig channels;

    const AlertRule &rule(AlertRuleId id) const { return rules[static_cast<std::size_t>(id)]; }
    AlertRule &rule(AlertRuleId id) { return rules[static_cast<std::size_t>(id)]; }
    bool hasRemoteChannel() const
    {
        return !channels.webhookUrl.isEmpty() || !channels.slackUrl.isEmpty() || channels.email.isEnabled();
    }

    static std::array<AlertRule, kAlertRuleCount> defaultRules();
    static QList<AlertRuleId> allRules();

    // Empty when valid; otherwise names the field ("rules.errorRate.thresholdPct must be ...").
    QString validate() const;
    // redactUrls: webhook URLs carry secrets (Slack's token is in the path); true shows only scheme and host
    // ("https://hooks.slack.com/..."), for read-only views such as a GET of the API.
    QJsonObject toJson(bool redactUrls = false) const;
    // Applies the fields present in o over base, then validates. Unknown fields, wrong types, out-of-range
    // thresholds and URLs that are not http(s) are errors naming the field; then std::nullopt and *error set.
    static std::optional<AlertRulesConfig> fromJson(const QJsonObject &o, QString *error,
                                                    const AlertRulesConfig &base);
    // Over the defaults.
    static std::optional<AlertRulesConfig> fromJson(const QJsonObject &o, QString *error);

    bool operator==(const AlertRulesConfig &) const = default;
};

} // namespace airm
