// Everything a run is configured with: services, engine policies, breakers, API settings. Built from
// defaults, then a JSON config file, then the command line. Secrets come from the environment (or the file,
// never echoed).
#pragma once

#include "alerts/alertrules.h"
#include "engine/automationrun.h"
#include "engine/engineconfig.h"
#include "model/serviceconfig.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace airm {

struct ApiSettings
{
    bool enabled = false;
    QString bind = QStringLiteral("127.0.0.1");
    int port = 3000;
    QString token;                 // empty: only loopback clients may change state
    qint64 maxBodyBytes = 1 << 20; // larger bodies are answered 413
    QStringList corsOrigins; // exact origins ("https://dash.example:8443") allowed to call from a browser
    qint64 idleTimeoutMs = 60'000; // idle keep-alive connections are closed after this long
    int maxConnections = 256;      // concurrent HTTP connections; more are answered 503

    // The bind address ("localhost" is loopback); null when bind is not an IP address.
    QHostAddress address() const;
    // What the listener would refuse: a bind that is not an IP address (or localhost), a port out of range,
    // a non-loopback address without a token. Empty when it can listen.
    QString validate() const;
    // The settings with the token replaced by "set" or "none".
    QJsonObject toJson() const;
};

struct AppConfig
{
    QList<ServiceConfig> services = defaultServices();
    EngineConfig engine;
    ApiSettings api;
    QString databasePath; // empty: the default location
    AlertRulesConfig alerts;
    QList<AutomationConfig> automations; // started by the headless service

    // Applies a config document:
    // {"services":[{...}], "replaceDefaultServices":false, "breaker":{...}, "breakers":{"name":{...}},
    //  "engine":{...}, "api":{"bind","port","token","corsOrigins","maxBodyBytes","idleTimeoutMs",
    //  "maxConnections"}, "database":"path or postgresql://...", "alerts":{AlertRulesConfig},
    //  "automation":[{AutomationConfig}, ...]}.
    // On error, *this is unchanged and the message names the field.
    QString mergeJson(const QJsonObject &o);
    // Reads and applies a file; errors say which file and why.
    QString loadFile(const QString &path);
    // The whole configuration in the config file's shape, with no secret in it: keys only as keyStatus, the
    // API token as "set"/"none", a database password and webhook URLs masked. For --check-config.
    QJsonObject toJson() const;
};

} // namespace airm
