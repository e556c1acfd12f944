#include "configchanges.h"

#include <QJsonArray>

namespace airm {
namespace {

bool sameService(const ServiceConfig &a, const ServiceConfig &b)
{
    return a.apiKey == b.apiKey && a.keySource == b.keySource && a.toJson() == b.toJson();
}

const ServiceConfig *find(const QList<ServiceConfig> &services, const QString &name)
{
    for (const ServiceConfig &s : services)
        if (s.name == name) return &s;
    return nullptr;
}

BreakerConfig effectiveBreaker(const EngineConfig &engine, const QString &service)
{
    return engine.breakerOverrides.value(service, engine.breaker);
}

QJsonArray automationsJson(const QList<AutomationConfig> &runs)
{
    QJsonArray list;
    for (const AutomationConfig &run : runs)
        list.append(run.toJson());
    return list;
}

} // namespace

ConfigChanges ConfigChanges::between(const AppConfig &running, const AppConfig &fresh)
{
    ConfigChanges c;
    for (const ServiceConfig &s : fresh.services) {
        const ServiceConfig *old = find(running.services, s.name);
        if (!old) c.added << s.name;
        if (!old || !sameService(*old, s)) c.upserts << s;
        const BreakerConfig breaker = effectiveBreaker(fresh.engine, s.name);
        if (!old || breaker.toJson() != effectiveBreaker(running.engine, s.name).toJson())
            c.breakers.insert(s.name, breaker);
    }
    for (const ServiceConfig &s : running.services)
        if (!find(fresh.services, s.name)) c.removals << s.name;
    if (fresh.engine.breaker.toJson() != running.engine.breaker.toJson())
        c.defaultBreaker = fresh.engine.breaker;

    const QJsonObject engineWas = running.engine.toJson();
    const QJsonObject engineIs = fresh.engine.toJson();
    if (engineWas.value(QLatin1String("retry")) != engineIs.value(QLatin1String("retry")))
        c.retry = fresh.engine.retry;
    if (engineWas.value(QLatin1String("fallback")) != engineIs.value(QLatin1String("fallback")))
        c.fallback = fresh.engine.fallback;
    // toJson() leaves the e-mail password out (it must never reach a settings file): compare it apart.
    if (running.alerts.toJson() != fresh.alerts.toJson() ||
        running.alerts.channels.email.password != fresh.alerts.channels.email.password)
        c.alerts = fresh.alerts;

    const auto restartIf = [&c](bool changed, const char *what) {
        if (changed) c.needsRestart << QString::fromLatin1(what);
    };
    const EngineConfig &ew = running.engine, &ei = fresh.engine;
    restartIf(ew.defaultDeadlineMs != ei.defaultDeadlineMs, "engine.deadlineMs");
    restartIf(ew.privacyMode != ei.privacyMode, "engine.privacyMode");
    restartIf(ew.healthCheckIntervalS != ei.healthCheckIntervalS, "engine.healthCheckIntervalS");
    restartIf(ew.healthCheckTimeoutMs != ei.healthCheckTimeoutMs, "engine.healthCheckTimeoutMs");
    restartIf(ew.snapshotIntervalMs != ei.snapshotIntervalMs, "engine.snapshotIntervalMs");
    restartIf(ew.seed != ei.seed, "engine.seed");
    const ApiSettings &aw = running.api, &ai = fresh.api;
    restartIf(aw.bind != ai.bind, "api.bind");
    restartIf(aw.port != ai.port, "api.port");
    restartIf(aw.token != ai.token, "api.token");
    restartIf(aw.maxBodyBytes != ai.maxBodyBytes, "api.maxBodyBytes");
    restartIf(aw.corsOrigins != ai.corsOrigins, "api.corsOrigins");
    restartIf(aw.idleTimeoutMs != ai.idleTimeoutMs, "api.idleTimeoutMs");
    restartIf(aw.maxConnections != ai.maxConnections, "api.maxConnections");
    restartIf(running.databasePath != fresh.databasePath, "database");
    restartIf(automationsJson(running.automations) != automationsJson(fresh.automations), "automation");
    return c;
}

bool ConfigChanges::isEmpty() const
{
    return upserts.isEmpty() && removals.isEmpty() && breakers.isEmpty() && !defaultBreaker && !retry &&
           !fallback && !alerts && needsRestart.isEmpty();
}

QString ConfigChanges::summary() const
{
    QStringList parts;
    QStringList updated;
    for (const ServiceConfig &s : upserts)
        if (!added.contains(s.name)) updated << s.name;
    if (!added.isEmpty()) parts << QStringLiteral("services added: %1").arg(added.join(QLatin1String(", ")));
    if (!updated.isEmpty())
        parts << QStringLiteral("services updated: %1").arg(updated.join(QLatin1String(", ")));
    if (!removals.isEmpty())
        parts << QStringLiteral("services removed: %1").arg(removals.join(QLatin1String(", ")));
    QStringList breakerNames;
    for (auto it = breakers.cbegin(); it != breakers.cend(); ++it)
        if (!added.contains(it.key())) breakerNames << it.key();
    if (!breakerNames.isEmpty())
        parts << QStringLiteral("breakers updated: %1").arg(breakerNames.join(QLatin1String(", ")));
    if (defaultBreaker) parts << QStringLiteral("default breaker updated");
    if (retry) parts << QStringLiteral("retry policy updated");
    if (fallback) parts << QStringLiteral("fallback policy updated");
    if (alerts) parts << QStringLiteral("alert rules updated");
    if (!needsRestart.isEmpty())
        parts << QStringLiteral("changed but applied only after a restart: %1")
                     .arg(needsRestart.join(QLatin1String(", ")));
    return parts.isEmpty() ? QStringLiteral("nothing changed") : parts.join(QLatin1String("; "));
}

} // namespace airm
