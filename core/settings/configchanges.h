// What differs between the configuration a service runs with and a freshly read one, sorted into what can be
// applied while it runs (services, breakers, retry and fallback, alert rules) and what only a restart applies
// (the API listener and its limits, the database, engine-wide settings, the automation runs started at
// start-up). The headless service uses it to reload its --config file on SIGHUP. Pure; any thread.
#pragma once

#include "settings/appconfig.h"

#include <QMap>
#include <QStringList>
#include <optional>

namespace airm {

struct ConfigChanges
{
    QList<ServiceConfig> upserts; // new or changed services, in the fresh configuration's order
    QStringList added;            // the names among upserts that the running configuration did not have
    QStringList removals;         // services the running configuration had and the fresh one does not
    // The effective breaker configuration of every service of the fresh configuration whose breaker
    // configuration changed, and of every added one (the engine would otherwise build it from its old
    // defaults).
    QMap<QString, BreakerConfig> breakers;
    std::optional<BreakerConfig> defaultBreaker; // for services created later (through the API)
    std::optional<RetryPolicy> retry;
    std::optional<FallbackPolicy> fallback;
    std::optional<AlertRulesConfig> alerts;
    // What changed but needs a restart, each as "what (why)", e.g. "api.port".
    QStringList needsRestart;

    bool isEmpty() const;
    // One line for the log: what is applied, what waits for a restart.
    QString summary() const;

    static ConfigChanges between(const AppConfig &running, const AppConfig &fresh);
};

} // namespace airm
