// Everything a run is configured with: services, engine policies, breakers, API settings. Built from
// defaults, then a JSON config file, then the command line. Secrets come from the environment (or the file,
// never echoed).
#pragma once

#include "alerts/alertrules.h"
#include "engine/automationrun.h"
#include "engine/engineconfig.h"
#include "model/serviceconfig.h"

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
};

} // namespace airm
