#include "alertendpoints.h"

#include "apijson.h"
#include "apiserver.h"
#include "jsonfields.h"

#include "alerts/alertmanager.h"

#include <QJsonArray>
#include <QUrl>
#include <optional>

namespace airm {
namespace {

const QString kChannels = QStringLiteral("channels");
const QString kUrlFields[] = {QStringLiteral("webhookUrl"), QStringLiteral("slackUrl")};
// AlertRulesConfig::toJson(true) shows a URL as "<scheme>://<host>[:port]/...".
constexpr QLatin1String kRedactedSuffix("/...");
constexpr qsizetype kMaxUrlLength = 4096;

// What a work lambda hands back: the answer's status and body.
QJsonObject reply(int status, const QJsonObject &body)
{
    return {{QStringLiteral("status"), status}, {QStringLiteral("body"), body}};
}

QJsonObject badRequest(const QString &message)
{
    return reply(400, ApiJson::error(message, 400));
}

QString oneOf(const QStringList &names)
{
    return names.join(QLatin1String(", "));
}

QStringList severityNames()
{
    QStringList names;
    for (const AlertSeverity s :
         {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Error, AlertSeverity::Critical})
        names << toString(s);
    return names;
}

QStringList channelNames()
{
    QStringList names;
    for (const AlertChannel c :
         {AlertChannel::Desktop, AlertChannel::Webhook, AlertChannel::Slack, AlertChannel::Email})
        names << toString(c);
    return names;
}

// A GET shows webhook URLs redacted; a client that sends such a document back must not replace the secret URL
// with its redaction. A URL equal to the current one's redaction is dropped from the update (the URL is
// kept); any other redacted-looking URL is an error. The rest is left to AlertRulesConfig::fromJson.
QString dropRedactedUrls(const AlertRulesConfig &current, QJsonObject *update)
{
    if (!update->value(kChannels).isObject()) return {};
    QJsonObject channels = update->value(kChannels).toObject();
    const QJsonObject shown = current.toJson(true).value(kChannels).toObject();
    for (const QString &key : kUrlFields) {
        const QJsonValue v = channels.value(key);
        if (!v.isString()) continue;
        const QString text = v.toString().trimmed();
        if (!text.endsWith(kRedactedSuffix)) continue;
        if (text == shown.value(key).toString()) {
            channels.remove(key);
            continue;
        }
        return QStringLiteral(
                   "channels.%1 is a redacted URL (as a GET shows it); send the full URL, or leave "
                   "the field out to keep the current one")
            .arg(key);
    }
    update->insert(kChannels, channels);
    return {};
}

} // namespace

AlertEndpoints::AlertEndpoints(ApiServer &api, AlertManager *manager)
    : m_api(api)
    , m_manager(manager)
{}

AlertEndpoints::~AlertEndpoints() = default;

void AlertEndpoints::onManager(const ExchangePtr &x, Work work, const QString &what)
{
    AlertManager *manager = m_manager;
    m_reply.run(
        manager, [manager, work = std::move(work)] { return work(*manager); },
        [this, x, what](const QJsonObject &r) {
            const int status = r.value(QLatin1String("status")).toInt(200);
            if (status < 400 && !what.isEmpty()) m_api.logChange(x, what);
            x->respondJson(r.value(QLatin1String("body")).toObject(), status);
        });
}

bool AlertEndpoints::requireManager(const ExchangePtr &x)
{
    if (m_manager) return true;
    ApiServer::fail(x, 503, QStringLiteral("alerts are not enabled"));
    return false;
}

void AlertEndpoints::alerts(const ExchangePtr &x)
{
    if (!requireManager(x)) return;
    qint64 limit = AlertManager::kRecentLimit;
    const QString kLimit = QStringLiteral("limit");
    if (x->hasQueryItem(kLimit)) {
        bool ok = false;
        limit = x->queryValue(kLimit).toLongLong(&ok);
        if (!ok || limit < 1 || limit > AlertManager::kRecentLimit) {
            ApiServer::fail(
                x, 400,
                QStringLiteral("limit must be an integer between 1 and %1").arg(AlertManager::kRecentLimit));
            return;
        }
    }
    QString severity; // empty: every severity
    const QString kSeverity = QStringLiteral("severity");
    if (x->hasQueryItem(kSeverity)) {
        const std::optional<AlertSeverity> s = alertSeverityFromString(x->queryValue(kSeverity));
        if (!s) {
            ApiServer::fail(x, 400, QStringLiteral("severity must be one of ") + oneOf(severityNames()));
            return;
        }
        severity = toString(*s);
    }
    onManager(x, [limit, severity](AlertManager &m) {
        QJsonArray list;
        for (const AlertRecord &a : m.recent()) {
            if (list.size() >= limit) break;
            if (!severity.isEmpty() && a.severity != severity) continue;
            QJsonArray deliveries;
            for (const AlertDelivery &d : m.deliveries(a.alertId))
                deliveries.append(d.toJson());
            QJsonObject o = a.toJson();
            o.insert(QStringLiteral("deliveries"), deliveries);
            list.append(o);
        }
        return reply(200, {{QStringLiteral("alerts"), list},
                           {QStringLiteral("count"), list.size()},
                           {QStringLiteral("stats"), m.stats().toJson()}});
    });
}

void AlertEndpoints::config(const ExchangePtr &x)
{
    if (!requireManager(x)) return;
    onManager(x, [](AlertManager &m) { return reply(200, m.config().toJson(true)); });
}

void AlertEndpoints::putConfig(const ExchangePtr &x)
{
    if (!requireManager(x)) return;
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body, false)) return;
    // Only the top-level keys: the values may hold webhook URLs, which are secrets.
    const QString what =
        body.isEmpty()
            ? QString()
            : QStringLiteral("alert configuration changed (%1)").arg(body.keys().join(QLatin1String(", ")));
    onManager(
        x,
        [body](AlertManager &m) {
            const AlertRulesConfig current = m.config();
            QJsonObject update = body;
            QString error = dropRedactedUrls(current, &update);
            if (!error.isEmpty()) return badRequest(error);
            const std::optional<AlertRulesConfig> next = AlertRulesConfig::fromJson(update, &error, current);
            if (!next) return badRequest(error);
            error = m.setConfig(*next);
            if (!error.isEmpty()) return badRequest(error);
            return reply(200, m.config().toJson(true));
        },
        what);
}

void AlertEndpoints::test(const ExchangePtr &x)
{
    if (!requireManager(x)) return;
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body, false)) return;
    JsonFields f(body);
    f.rejectUnknown({QStringLiteral("channel"), QStringLiteral("url")});
    const QString channelName = f.string(QStringLiteral("channel"), {}, true, 32);
    const std::optional<QString> urlText = f.optionalString(QStringLiteral("url"), kMaxUrlLength);
    if (!f.ok()) {
        ApiServer::fail(x, 400, f.error());
        return;
    }
    const std::optional<AlertChannel> channel = alertChannelFromString(channelName);
    if (!channel) {
        ApiServer::fail(x, 400, QStringLiteral("channel must be one of ") + oneOf(channelNames()));
        return;
    }
    QUrl url; // empty: the configured one
    const QString text = urlText.value_or(QString()).trimmed();
    if (!text.isEmpty()) {
        if (*channel == AlertChannel::Desktop || *channel == AlertChannel::Email) {
            ApiServer::fail(x, 400, QStringLiteral("url is only for the webhook and slack channels"));
            return;
        }
        url = QUrl(text, QUrl::StrictMode);
        if (!url.isValid()) {
            ApiServer::fail(x, 400, QStringLiteral("url is not a valid URL"));
            return;
        }
    }
    const AlertChannel c = *channel;
    onManager(
        x,
        [c, url](AlertManager &m) {
            QString error;
            const QString id = m.test(c, url, &error);
            // The manager checks the URL (http or https with a host) and that one is configured.
            if (id.isEmpty()) return badRequest(error);
            return reply(202, {{QStringLiteral("success"), true},
                               {QStringLiteral("alertId"), id},
                               {QStringLiteral("channel"), toString(c)}});
        },
        QStringLiteral("test alert sent to the %1 channel").arg(toString(c)));
}

} // namespace airm
