#include "appconfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <algorithm>

namespace airm {

QString AppConfig::mergeJson(const QJsonObject &o)
{
    static const QStringList known{QStringLiteral("services"),   QStringLiteral("replaceDefaultServices"),
                                   QStringLiteral("breaker"),    QStringLiteral("breakers"),
                                   QStringLiteral("engine"),     QStringLiteral("api"),
                                   QStringLiteral("database"),   QStringLiteral("$schema"),
                                   QStringLiteral("automation"), QStringLiteral("alerts")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key())) return QStringLiteral("unknown top-level field \"%1\"").arg(it.key());

    AppConfig c = *this;
    if (o.value(QLatin1String("replaceDefaultServices")).toBool()) c.services.clear();
    if (o.contains(QLatin1String("services"))) {
        if (!o.value(QLatin1String("services")).isArray()) return QStringLiteral("services must be an array");
        const QJsonArray list = o.value(QLatin1String("services")).toArray();
        for (int i = 0; i < list.size(); ++i) {
            const QJsonObject so = list.at(i).toObject();
            const QString name = so.value(QLatin1String("name")).toString();
            const QString where = QStringLiteral("services[%1]").arg(i);
            if (!isValidServiceName(name))
                return where + QStringLiteral(".name must match [a-z0-9][a-z0-9_-]{0,63} and not be \"all\"");
            auto existing = std::find_if(c.services.begin(), c.services.end(),
                                         [&](const ServiceConfig &s) { return s.name == name; });
            ServiceConfig sc;
            if (existing != c.services.end()) {
                sc = *existing;
            } else {
                const auto kind = providerKindFromString(so.value(QLatin1String("kind")).toString());
                if (!kind)
                    return where + QStringLiteral(
                                       ".kind must be one of gemini, cohere, huggingface, openai, anthropic");
                sc = defaultServiceFor(*kind, name);
                if (*kind == ProviderKind::OpenAi &&
                    name != QLatin1String("openai")) // a local server needs no key
                    sc.keyEnv = {name.toUpper().replace(QLatin1Char('-'), QLatin1Char('_')) +
                                 QStringLiteral("_API_KEY")};
            }
            const QString error = mergeServiceJson(sc, so);
            if (!error.isEmpty()) return where + QStringLiteral(": ") + error;
            resolveKeyFromEnvironment(sc);
            if (existing != c.services.end())
                *existing = sc;
            else
                c.services.append(sc);
        }
    }
    if (o.contains(QLatin1String("breaker"))) {
        const QString error = c.engine.breaker.mergeJson(o.value(QLatin1String("breaker")).toObject());
        if (!error.isEmpty()) return QStringLiteral("breaker: ") + error;
    }
    if (o.contains(QLatin1String("breakers"))) {
        const QJsonObject per = o.value(QLatin1String("breakers")).toObject();
        for (auto it = per.begin(); it != per.end(); ++it) {
            BreakerConfig bc = c.engine.breakerOverrides.value(it.key(), c.engine.breaker);
            const QString error = bc.mergeJson(it.value().toObject());
            if (!error.isEmpty()) return QStringLiteral("breakers.%1: %2").arg(it.key(), error);
            c.engine.breakerOverrides.insert(it.key(), bc);
        }
    }
    if (o.contains(QLatin1String("engine"))) {
        const QString error = c.engine.mergeJson(o.value(QLatin1String("engine")).toObject());
        if (!error.isEmpty()) return QStringLiteral("engine.") + error;
    }
    if (o.contains(QLatin1String("api"))) {
        const QJsonObject a = o.value(QLatin1String("api")).toObject();
        if (a.contains(QLatin1String("enabled"))) c.api.enabled = a.value(QLatin1String("enabled")).toBool();
        if (a.contains(QLatin1String("bind"))) c.api.bind = a.value(QLatin1String("bind")).toString();
        if (a.contains(QLatin1String("port"))) {
            const int port = a.value(QLatin1String("port")).toInt(-1);
            if (port < 0 || port > 65535) return QStringLiteral("api.port must be between 0 and 65535");
            c.api.port = port;
        }
        if (a.contains(QLatin1String("token"))) c.api.token = a.value(QLatin1String("token")).toString();
        if (a.contains(QLatin1String("corsOrigins"))) {
            const QJsonValue v = a.value(QLatin1String("corsOrigins"));
            if (!v.isArray()) return QStringLiteral("api.corsOrigins must be an array of origins");
            QStringList origins;
            for (const QJsonValue &entry : v.toArray()) {
                const QString origin = entry.toString();
                const QUrl url(origin, QUrl::StrictMode);
                if (!entry.isString() || origin == QLatin1String("*") || !url.isValid() ||
                    (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
                    url.host().isEmpty() || !url.path().isEmpty() || url.hasQuery() || url.hasFragment())
                    return QStringLiteral("api.corsOrigins entries must be origins like https://host:port "
                                          "(no \"*\", no path), got \"%1\"")
                        .arg(origin);
                origins << origin;
            }
            c.api.corsOrigins = origins;
        }
        const auto integer = [&a](const char *key, qint64 lo, qint64 hi, qint64 *out) -> QString {
            if (!a.contains(QLatin1String(key))) return {};
            const QJsonValue v = a.value(QLatin1String(key));
            const double d = v.toDouble(-1);
            if (!v.isDouble() || d != double(qint64(d)) || d < double(lo) || d > double(hi))
                return QStringLiteral("api.%1 must be an integer between %2 and %3")
                    .arg(QLatin1String(key))
                    .arg(lo)
                    .arg(hi);
            *out = qint64(d);
            return {};
        };
        qint64 maxConnections = c.api.maxConnections;
        for (const QString &error : {integer("maxBodyBytes", 1024, qint64(1) << 30, &c.api.maxBodyBytes),
                                     integer("idleTimeoutMs", 100, 3'600'000, &c.api.idleTimeoutMs),
                                     integer("maxConnections", 1, 100'000, &maxConnections)})
            if (!error.isEmpty()) return error;
        c.api.maxConnections = int(maxConnections);
    }
    if (o.contains(QLatin1String("database"))) c.databasePath = o.value(QLatin1String("database")).toString();
    if (o.contains(QLatin1String("alerts"))) {
        if (!o.value(QLatin1String("alerts")).isObject()) return QStringLiteral("alerts must be an object");
        QString error;
        const std::optional<AlertRulesConfig> alerts =
            AlertRulesConfig::fromJson(o.value(QLatin1String("alerts")).toObject(), &error, c.alerts);
        if (!alerts) return QStringLiteral("alerts: ") + error;
        c.alerts = *alerts;
    }
    if (o.contains(QLatin1String("automation"))) {
        const QJsonValue v = o.value(QLatin1String("automation"));
        if (!v.isArray()) return QStringLiteral("automation must be an array of automation runs");
        c.automations.clear();
        const QJsonArray runs = v.toArray();
        for (qsizetype i = 0; i < runs.size(); ++i) {
            if (!runs.at(i).isObject()) return QStringLiteral("automation[%1] must be an object").arg(i);
            QString error;
            AutomationConfig run = AutomationConfig::fromJson(runs.at(i).toObject(), &error);
            if (!error.isEmpty()) return QStringLiteral("automation[%1]: %2").arg(i).arg(error);
            for (const QString &s : std::as_const(run.services)) {
                const bool known = std::any_of(c.services.cbegin(), c.services.cend(),
                                               [&s](const ServiceConfig &sc) { return sc.name == s; });
                if (!known) return QStringLiteral("automation[%1]: unknown service \"%2\"").arg(i).arg(s);
            }
            c.automations.append(run);
        }
    }
    *this = c;
    return {};
}

QHostAddress ApiSettings::address() const
{
    if (bind.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress parsed;
    return parsed.setAddress(bind) ? parsed : QHostAddress();
}

QString ApiSettings::validate() const
{
    const QHostAddress parsed = address();
    if (parsed.isNull()) return QStringLiteral("API bind address \"%1\" is not an IP address").arg(bind);
    if (!parsed.isLoopback() && token.isEmpty())
        return QStringLiteral(
                   "refusing to serve the API on %1 without a token: anyone who can reach that address "
                   "could inject chaos and spend your API quota; set --api-token or AIRM_API_TOKEN, or "
                   "bind to 127.0.0.1")
            .arg(bind);
    if (port < 0 || port > 65535) return QStringLiteral("API port %1 is not between 0 and 65535").arg(port);
    return {};
}

QJsonObject ApiSettings::toJson() const
{
    return {{QStringLiteral("bind"), bind},
            {QStringLiteral("port"), port},
            {QStringLiteral("token"), token.isEmpty() ? QStringLiteral("none") : QStringLiteral("set")},
            {QStringLiteral("corsOrigins"), QJsonArray::fromStringList(corsOrigins)},
            {QStringLiteral("maxBodyBytes"), maxBodyBytes},
            {QStringLiteral("idleTimeoutMs"), idleTimeoutMs},
            {QStringLiteral("maxConnections"), maxConnections}};
}

QJsonObject AppConfig::toJson() const
{
    QJsonArray serviceList;
    for (const ServiceConfig &s : services)
        serviceList.append(s.toJson());
    QJsonObject overrides;
    for (auto it = engine.breakerOverrides.cbegin(); it != engine.breakerOverrides.cend(); ++it)
        overrides.insert(it.key(), it.value().toJson());
    QJsonArray runs;
    for (const AutomationConfig &run : automations)
        runs.append(run.toJson());
    QUrl database(databasePath);
    if (database.scheme().startsWith(QLatin1String("postgres")) && !database.password().isEmpty())
        database.setPassword(QStringLiteral("xxxxx"));
    return {{QStringLiteral("services"), serviceList},
            {QStringLiteral("breaker"), engine.breaker.toJson()},
            {QStringLiteral("breakers"), overrides},
            {QStringLiteral("engine"), engine.toJson()},
            {QStringLiteral("api"), api.toJson()},
            {QStringLiteral("database"),
             databasePath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(database.toString())},
            {QStringLiteral("alerts"), alerts.toJson(true)},
            {QStringLiteral("automation"), runs}};
}

QString AppConfig::loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read config %1: %2").arg(path, f.errorString());
    constexpr qint64 kMaxConfigBytes = 16 << 20;
    if (f.size() > kMaxConfigBytes) return QStringLiteral("config %1 is larger than 16 MB").arg(path);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return QStringLiteral("config %1: invalid JSON at offset %2: %3")
            .arg(path)
            .arg(pe.offset)
            .arg(pe.errorString());
    if (!doc.isObject()) return QStringLiteral("config %1: the top level must be a JSON object").arg(path);
    const QString error = mergeJson(doc.object());
    return error.isEmpty() ? QString() : QStringLiteral("config %1: %2").arg(path, error);
}

} // namespace airm
