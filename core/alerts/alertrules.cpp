#include "alertrules.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>
#include <limits>
#include <utility>

namespace airm {
namespace {

// Bounds for validate(); they exist to catch nonsense and overflow, not to prescribe a policy.
constexpr qint64 kMaxCooldownMs = 7LL * 86'400'000; // one week
constexpr qint64 kMinStuckOpenMs = 1'000;
constexpr qint64 kMaxStuckOpenMs = 7LL * 86'400'000;
constexpr qint64 kMaxLatencyMs = 3'600'000;
constexpr int kMaxMinRequests = 1'000'000;
constexpr int kMaxRetries = 10;
constexpr qint64 kMinRetryInitialMs = 10;
constexpr qint64 kMaxRetryInitialMs = 600'000;
constexpr qint64 kMinTimeoutMs = 100;
constexpr qint64 kMaxTimeoutMs = 300'000;

constexpr std::pair<AlertSeverity, const char *> kSeverities[] = {{AlertSeverity::Info, "info"},
                                                                  {AlertSeverity::Warning, "warning"},
                                                                  {AlertSeverity::Error, "error"},
                                                                  {AlertSeverity::Critical, "critical"}};

constexpr std::pair<AlertRuleId, const char *> kRules[] = {
    {AlertRuleId::BreakerOpened, "breakerOpened"},
    {AlertRuleId::BreakerClosed, "breakerClosed"},
    {AlertRuleId::BreakerStuckOpen, "breakerStuckOpen"},
    {AlertRuleId::ErrorRate, "errorRate"},
    {AlertRuleId::LatencyP95, "latencyP95"},
    {AlertRuleId::ScenarioHypothesisFailed, "scenarioHypothesisFailed"},
    {AlertRuleId::ScenarioAborted, "scenarioAborted"},
    {AlertRuleId::DatabaseDegraded, "databaseDegraded"}};
static_assert(std::size(kRules) == kAlertRuleCount);

constexpr std::pair<AlertChannel, const char *> kChannels[] = {{AlertChannel::Desktop, "desktop"},
                                                               {AlertChannel::Webhook, "webhook"},
                                                               {AlertChannel::Slack, "slack"},
                                                               {AlertChannel::Email, "email"}};

template<typename E, std::size_t N> QString nameOf(const std::pair<E, const char *> (&table)[N], E v)
{
    for (const auto &[value, name] : table)
        if (value == v) return QLatin1String(name);
    return {};
}

template<typename E, std::size_t N>
std::optional<E> parse(const std::pair<E, const char *> (&table)[N], const QString &s)
{
    for (const auto &[value, name] : table)
        if (s.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) return value;
    return std::nullopt;
}

const QString kEnabled = QStringLiteral("enabled");
const QString kRulesKey = QStringLiteral("rules");
const QString kChannelsKey = QStringLiteral("channels");
const QString kSeverity = QStringLiteral("severity");
const QString kCooldownMs = QStringLiteral("cooldownMs");
const QString kThresholdMs = QStringLiteral("thresholdMs");
const QString kThresholdPct = QStringLiteral("thresholdPct");
const QString kMinRequests = QStringLiteral("minRequests");
const QString kDesktop = QStringLiteral("desktop");
const QString kWebhookUrl = QStringLiteral("webhookUrl");
const QString kSlackUrl = QStringLiteral("slackUrl");
const QString kRetries = QStringLiteral("retries");
const QString kRetryInitialMs = QStringLiteral("retryInitialMs");
const QString kTimeoutMs = QStringLiteral("timeoutMs");
const QString kEmail = QStringLiteral("email");
const QString kHost = QStringLiteral("host");
const QString kPort = QStringLiteral("port");
const QString kSecurity = QStringLiteral("security");
const QString kUsername = QStringLiteral("username");
const QString kPassword = QStringLiteral("password");
const QString kPasswordSet = QStringLiteral("passwordSet");
const QString kFrom = QStringLiteral("from");
const QString kTo = QStringLiteral("to");
const QString kCaFile = QStringLiteral("caFile");

QString rangeError(const QString &field, qint64 lo, qint64 hi)
{
    return field % QStringLiteral(" must be between ") % QString::number(lo) % QStringLiteral(" and ") %
           QString::number(hi);
}

QString typeError(const QString &field, const char *expected)
{
    return field % QStringLiteral(" must be ") % QLatin1String(expected);
}

QString checkKeys(const QJsonObject &o, const QString &path, const QStringList &known)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return QStringLiteral("unknown field \"%1\"%2 (known: %3)")
                .arg(it.key(), path.isEmpty() ? QString() : QString(QStringLiteral(" in ") % path),
                     known.join(QStringLiteral(", ")));
    return {};
}

QString readBool(const QJsonObject &o, const QString &key, const QString &path, bool *out)
{
    if (!o.contains(key)) return {};
    const QJsonValue v = o.value(key);
    if (!v.isBool()) return typeError(path, "true or false");
    *out = v.toBool();
    return {};
}

// JSON numbers are doubles; integers beyond the target type are clamped so the range check reports them.
template<typename Int>
QString readInt(const QJsonObject &o, const QString &key, const QString &path, Int *out)
{
    if (!o.contains(key)) return {};
    const QJsonValue v = o.value(key);
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d) return typeError(path, "an integer");
    constexpr double lo = static_cast<double>(std::numeric_limits<Int>::min());
    constexpr double hi = static_cast<double>(std::numeric_limits<Int>::max());
    *out = d <= lo ? std::numeric_limits<Int>::min()
                   : (d >= hi ? std::numeric_limits<Int>::max() : static_cast<Int>(d));
    return {};
}

QString readDouble(const QJsonObject &o, const QString &key, const QString &path, double *out)
{
    if (!o.contains(key)) return {};
    const QJsonValue v = o.value(key);
    if (!v.isDouble()) return typeError(path, "a number");
    *out = v.toDouble();
    return {};
}

QString readUrl(const QJsonObject &o, const QString &key, const QString &path, QUrl *out)
{
    if (!o.contains(key)) return {};
    const QJsonValue v = o.value(key);
    if (v.isNull()) {
        *out = QUrl();
        return {};
    }
    if (!v.isString()) return typeError(path, "a string (an http or https URL, or empty to turn it off)");
    const QString text = v.toString().trimmed();
    *out = text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
    if (!text.isEmpty() && !out->isValid()) return path % QStringLiteral(" is not a valid URL: ") % text;
    return {};
}

QString readString(const QJsonObject &o, const QString &key, const QString &path, QString *out)
{
    if (!o.contains(key)) return {};
    const QJsonValue v = o.value(key);
    if (!v.isString() && !v.isNull()) return typeError(path, "a string");
    *out = v.toString().trimmed();
    return {};
}

// channels.email over *email; "passwordSet" (as toJson() writes it) is accepted and ignored.
QString readEmail(const QJsonObject &o, const QString &path, SmtpSettings *email)
{
    const auto field = [&path](const QString &key) -> QString { return path % QLatin1Char('.') % key; };
    QString e = checkKeys(o, path,
                          {kHost, kPort, kSecurity, kUsername, kPassword, kPasswordSet, kFrom, kTo, kCaFile});
    if (e.isEmpty()) e = readString(o, kHost, field(kHost), &email->host);
    if (e.isEmpty()) e = readInt(o, kPort, field(kPort), &email->port);
    QString security = SmtpSettings::securityName(email->security);
    if (e.isEmpty()) e = readString(o, kSecurity, field(kSecurity), &security);
    if (e.isEmpty()) {
        const std::optional<SmtpSettings::Security> parsed = SmtpSettings::securityFromName(security);
        if (!parsed) return field(kSecurity) % QStringLiteral(" must be starttls, tls or none");
        email->security = *parsed;
    }
    if (e.isEmpty()) e = readString(o, kUsername, field(kUsername), &email->username);
    if (e.isEmpty() && o.contains(kPassword)) {
        const QJsonValue v = o.value(kPassword);
        if (!v.isString() && !v.isNull()) return typeError(field(kPassword), "a string");
        email->password = v.toString(); // not trimmed: a password may end in a space
    }
    if (e.isEmpty()) e = readString(o, kFrom, field(kFrom), &email->from);
    if (e.isEmpty() && o.contains(kTo)) {
        const QJsonValue v = o.value(kTo);
        QStringList to;
        if (v.isString()) {
            to = v.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        } else if (v.isArray()) {
            for (const QJsonValue &entry : v.toArray()) {
                if (!entry.isString()) return typeError(field(kTo), "an array of addresses");
                to << entry.toString();
            }
        } else {
            return typeError(field(kTo), "an array of addresses");
        }
        for (QString &address : to)
            address = address.trimmed();
        to.removeAll(QString());
        email->to = to;
    }
    if (e.isEmpty()) e = readString(o, kCaFile, field(kCaFile), &email->caFile);
    return e;
}

QString checkUrl(const QUrl &url, const QString &path)
{
    if (url.isEmpty()) return {};
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        return path % QStringLiteral(" must be an http or https URL with a host (or empty to turn it off)");
    return {};
}

QString redacted(const QUrl &url)
{
    if (url.isEmpty()) return {};
    return url.scheme() % QStringLiteral("://") % url.host() %
           (url.port() > 0 ? QStringLiteral(":") % QString::number(url.port()) : QString()) %
           QStringLiteral("/...");
}

QString severityNames()
{
    QStringList names;
    for (const auto &[value, name] : kSeverities)
        names << QLatin1String(name);
    return names.join(QStringLiteral(", "));
}

QString ruleNames()
{
    QStringList names;
    for (const auto &[value, name] : kRules)
        names << QLatin1String(name);
    return names.join(QStringLiteral(", "));
}

QString mergeRule(AlertRuleId id, const QJsonObject &o, const QString &path, AlertRule *rule)
{
    QStringList known{kEnabled, kSeverity, kCooldownMs};
    if (AlertRule::usesThresholdMs(id)) known << kThresholdMs;
    if (AlertRule::usesThresholdPct(id)) known << kThresholdPct;
    if (AlertRule::usesMinRequests(id)) known << kMinRequests;
    QString error = checkKeys(o, path, known);
    if (!error.isEmpty()) return error;
    const auto field = [&path](const QString &key) -> QString { return path % QLatin1Char('.') % key; };
    if (!(error = readBool(o, kEnabled, field(kEnabled), &rule->enabled)).isEmpty()) return error;
    if (o.contains(kSeverity)) {
        const std::optional<AlertSeverity> s = alertSeverityFromString(o.value(kSeverity).toString());
        if (!o.value(kSeverity).isString() || !s)
            return field(kSeverity) % QStringLiteral(" must be one of ") % severityNames();
        rule->severity = *s;
    }
    if (!(error = readInt(o, kCooldownMs, field(kCooldownMs), &rule->cooldownMs)).isEmpty()) return error;
    if (!(error = readInt(o, kThresholdMs, field(kThresholdMs), &rule->thresholdMs)).isEmpty()) return error;
    if (!(error = readDouble(o, kThresholdPct, field(kThresholdPct), &rule->thresholdPct)).isEmpty())
        return error;
    return readInt(o, kMinRequests, field(kMinRequests), &rule->minRequests);
}

QString validateRule(AlertRuleId id, const AlertRule &r)
{
    const QString path = QStringLiteral("rules.") % toString(id) % QLatin1Char('.');
    if (r.cooldownMs < 0 || r.cooldownMs > kMaxCooldownMs)
        return rangeError(path % kCooldownMs, 0, kMaxCooldownMs);
    if (id == AlertRuleId::BreakerStuckOpen &&
        (r.thresholdMs < kMinStuckOpenMs || r.thresholdMs > kMaxStuckOpenMs))
        return rangeError(path % kThresholdMs, kMinStuckOpenMs, kMaxStuckOpenMs);
    if (id == AlertRuleId::LatencyP95 && (r.thresholdMs < 1 || r.thresholdMs > kMaxLatencyMs))
        return rangeError(path % kThresholdMs, 1, kMaxLatencyMs);
    // "> 0" and "<= 100" written so that NaN fails too.
    if (AlertRule::usesThresholdPct(id) && !(r.thresholdPct > 0.0 && r.thresholdPct <= 100.0))
        return path % kThresholdPct % QStringLiteral(" must be above 0 and at most 100");
    if (AlertRule::usesMinRequests(id) && (r.minRequests < 1 || r.minRequests > kMaxMinRequests))
        return rangeError(path % kMinRequests, 1, kMaxMinRequests);
    return {};
}

} // namespace

namespace names {
QString toString(AlertSeverity v)
{
    return nameOf(kSeverities, v);
}
QString toString(AlertRuleId v)
{
    return nameOf(kRules, v);
}
QString toString(AlertChannel v)
{
    return nameOf(kChannels, v);
}
std::optional<AlertSeverity> alertSeverityFromString(const QString &s)
{
    return parse(kSeverities, s);
}
std::optional<AlertRuleId> alertRuleFromString(const QString &s)
{
    return parse(kRules, s);
}
std::optional<AlertChannel> alertChannelFromString(const QString &s)
{
    return parse(kChannels, s);
}
} // namespace names

bool AlertRule::usesThresholdMs(AlertRuleId id)
{
    return id == AlertRuleId::BreakerStuckOpen || id == AlertRuleId::LatencyP95;
}

bool AlertRule::usesThresholdPct(AlertRuleId id)
{
    return id == AlertRuleId::ErrorRate;
}

bool AlertRule::usesMinRequests(AlertRuleId id)
{
    return id == AlertRuleId::ErrorRate || id == AlertRuleId::LatencyP95;
}

std::array<AlertRule, kAlertRuleCount> AlertRulesConfig::defaultRules()
{
    // Thresholds from the seed's removed alert monitor: failure rate 0.5, latency 5000 ms, breaker open 300
    // s.
    std::array<AlertRule, kAlertRuleCount> r;
    const auto set = [&r](AlertRuleId id, AlertSeverity severity) -> AlertRule & {
        AlertRule &rule = r[static_cast<std::size_t>(id)];
        rule.severity = severity;
        return rule;
    };
    set(AlertRuleId::BreakerOpened, AlertSeverity::Error);
    set(AlertRuleId::BreakerClosed, AlertSeverity::Info);
    set(AlertRuleId::BreakerStuckOpen, AlertSeverity::Critical).thresholdMs = 300'000;
    AlertRule &errorRate = set(AlertRuleId::ErrorRate, AlertSeverity::Error);
    errorRate.thresholdPct = 50.0;
    errorRate.minRequests = 10;
    AlertRule &latency = set(AlertRuleId::LatencyP95, AlertSeverity::Warning);
    latency.thresholdMs = 5'000;
    latency.minRequests = 10;
    set(AlertRuleId::ScenarioHypothesisFailed, AlertSeverity::Error);
    set(AlertRuleId::ScenarioAborted, AlertSeverity::Warning);
    set(AlertRuleId::DatabaseDegraded, AlertSeverity::Critical);
    return r;
}

QList<AlertRuleId> AlertRulesConfig::allRules()
{
    QList<AlertRuleId> out;
    for (const auto &[value, name] : kRules)
        out << value;
    return out;
}

QString AlertRulesConfig::validate() const
{
    for (const AlertRuleId id : allRules()) {
        const QString error = validateRule(id, rule(id));
        if (!error.isEmpty()) return error;
    }
    QString error = checkUrl(channels.webhookUrl, QStringLiteral("channels.webhookUrl"));
    if (error.isEmpty()) error = checkUrl(channels.slackUrl, QStringLiteral("channels.slackUrl"));
    if (!error.isEmpty()) return error;
    if (channels.retries < 0 || channels.retries > kMaxRetries)
        return rangeError(QStringLiteral("channels.retries"), 0, kMaxRetries);
    if (channels.retryInitialMs < kMinRetryInitialMs || channels.retryInitialMs > kMaxRetryInitialMs)
        return rangeError(QStringLiteral("channels.retryInitialMs"), kMinRetryInitialMs, kMaxRetryInitialMs);
    if (channels.timeoutMs < kMinTimeoutMs || channels.timeoutMs > kMaxTimeoutMs)
        return rangeError(QStringLiteral("channels.timeoutMs"), kMinTimeoutMs, kMaxTimeoutMs);
    if (const QString email = channels.email.validate(); !email.isEmpty())
        return QStringLiteral("channels.email: ") + email;
    return {};
}

namespace {
QJsonObject emailJson(const SmtpSettings &email)
{
    return {{kHost, email.host},
            {kPort, email.port},
            {kSecurity, SmtpSettings::securityName(email.security)},
            {kUsername, email.username},
            {kPasswordSet, !email.password.isEmpty()},
            {kFrom, email.from},
            {kTo, QJsonArray::fromStringList(email.to)},
            {kCaFile, email.caFile}};
}
} // namespace

QJsonObject AlertRulesConfig::toJson(bool redactUrls) const
{
    QJsonObject rulesJson;
    for (const AlertRuleId id : allRules()) {
        const AlertRule &r = rule(id);
        QJsonObject o{{kEnabled, r.enabled}, {kSeverity, toString(r.severity)}, {kCooldownMs, r.cooldownMs}};
        if (AlertRule::usesThresholdMs(id)) o.insert(kThresholdMs, r.thresholdMs);
        if (AlertRule::usesThresholdPct(id)) o.insert(kThresholdPct, r.thresholdPct);
        if (AlertRule::usesMinRequests(id)) o.insert(kMinRequests, r.minRequests);
        rulesJson.insert(toString(id), o);
    }
    const auto url = [redactUrls](const QUrl &u) -> QString {
        return redactUrls ? redacted(u) : u.toString(QUrl::FullyEncoded);
    };
    return {{kEnabled, enabled},
            {kRulesKey, rulesJson},
            {kChannelsKey, QJsonObject{{kDesktop, channels.desktop},
                                       {kWebhookUrl, url(channels.webhookUrl)},
                                       {kSlackUrl, url(channels.slackUrl)},
                                       {kEmail, emailJson(channels.email)},
                                       {kRetries, channels.retries},
                                       {kRetryInitialMs, channels.retryInitialMs},
                                       {kTimeoutMs, channels.timeoutMs}}}};
}

std::optional<AlertRulesConfig> AlertRulesConfig::fromJson(const QJsonObject &o, QString *error)
{
    return fromJson(o, error, AlertRulesConfig());
}

std::optional<AlertRulesConfig> AlertRulesConfig::fromJson(const QJsonObject &o, QString *error,
                                                           const AlertRulesConfig &base)
{
    AlertRulesConfig c = base;
    const auto fail = [error](const QString &message) -> std::optional<AlertRulesConfig> {
        if (error) *error = message;
        return std::nullopt;
    };
    QString e = checkKeys(o, {}, {kEnabled, kRulesKey, kChannelsKey});
    if (e.isEmpty()) e = readBool(o, kEnabled, kEnabled, &c.enabled);
    if (!e.isEmpty()) return fail(e);

    if (o.contains(kRulesKey)) {
        if (!o.value(kRulesKey).isObject()) return fail(typeError(kRulesKey, "an object"));
        const QJsonObject rules = o.value(kRulesKey).toObject();
        for (auto it = rules.begin(); it != rules.end(); ++it) {
            // Exact spelling for keys (alertRuleFromString is case-insensitive, for query parameters).
            const std::optional<AlertRuleId> id = alertRuleFromString(it.key());
            if (!id || toString(*id) != it.key())
                return fail(
                    QStringLiteral("unknown rule \"%1\" in rules (known: %2)").arg(it.key(), ruleNames()));
            const QString path = kRulesKey % QLatin1Char('.') % it.key();
            if (!it.value().isObject()) return fail(typeError(path, "an object"));
            if (!(e = mergeRule(*id, it.value().toObject(), path, &c.rule(*id))).isEmpty()) return fail(e);
        }
    }

    if (o.contains(kChannelsKey)) {
        if (!o.value(kChannelsKey).isObject()) return fail(typeError(kChannelsKey, "an object"));
        const QJsonObject ch = o.value(kChannelsKey).toObject();
        const auto field = [](const QString &key) -> QString {
            return kChannelsKey % QLatin1Char('.') % key;
        };
        e = checkKeys(ch, kChannelsKey,
                      {kDesktop, kWebhookUrl, kSlackUrl, kEmail, kRetries, kRetryInitialMs, kTimeoutMs});
        if (e.isEmpty()) e = readBool(ch, kDesktop, field(kDesktop), &c.channels.desktop);
        if (e.isEmpty()) e = readUrl(ch, kWebhookUrl, field(kWebhookUrl), &c.channels.webhookUrl);
        if (e.isEmpty()) e = readUrl(ch, kSlackUrl, field(kSlackUrl), &c.channels.slackUrl);
        if (e.isEmpty()) e = readInt(ch, kRetries, field(kRetries), &c.channels.retries);
        if (e.isEmpty()) e = readInt(ch, kRetryInitialMs, field(kRetryInitialMs), &c.channels.retryInitialMs);
        if (e.isEmpty()) e = readInt(ch, kTimeoutMs, field(kTimeoutMs), &c.channels.timeoutMs);
        if (e.isEmpty() && ch.contains(kEmail)) {
            if (ch.value(kEmail).isNull())
                c.channels.email = SmtpSettings{};
            else if (!ch.value(kEmail).isObject())
                e = typeError(field(kEmail), "an object");
            else
                e = readEmail(ch.value(kEmail).toObject(), field(kEmail), &c.channels.email);
        }
        if (!e.isEmpty()) return fail(e);
    }

    if (!(e = c.validate()).isEmpty()) return fail(e);
    if (error) error->clear();
    return c;
}

} // namespace airm
