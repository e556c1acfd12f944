#include "configreloader.h"

#include "commandline.h"

#include "alerts/alertmanager.h"
#include "engine/enginehost.h"
#include "engine/requestengine.h"
#include "settings/configchanges.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReload, "airm.headless")

namespace airm {
namespace {
constexpr int kRetryIntervalMs = 250;

void replaceService(QList<ServiceConfig> &services, const ServiceConfig &config)
{
    for (ServiceConfig &s : services)
        if (s.name == config.name) {
            s = config;
            return;
        }
    services.append(config);
}

void removeServiceNamed(QList<ServiceConfig> &services, const QString &name)
{
    services.removeIf([&name](const ServiceConfig &s) { return s.name == name; });
}

} // namespace

ConfigReloader::ConfigReloader(EngineHost *host, AlertManager *alerts, AppConfig &running,
                               QStringList arguments, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_alerts(alerts)
    , m_running(running)
    , m_arguments(std::move(arguments))
{
    m_retry.setInterval(kRetryIntervalMs);
    connect(&m_retry, &QTimer::timeout, this, &ConfigReloader::retryBusy);
}

void ConfigReloader::reload()
{
    CommandLine fresh;
    int exitCode = 0;
    QString error;
    if (fresh.parse(m_arguments, &exitCode, &error) != CommandLine::Result::Run) {
        qCWarning(lcReload).noquote()
            << QStringLiteral("reload failed, the running configuration stays: %1").arg(error);
        emit reloaded(false, error);
        return;
    }
    // Keys read from the keychain at start stay: the keychain is read once (--keychain), not on reloads.
    for (ServiceConfig &s : fresh.config.services)
        if (s.apiKey.isEmpty())
            for (const ServiceConfig &r : std::as_const(m_running.services))
                if (r.name == s.name && r.keySource == QLatin1String("keychain")) {
                    s.apiKey = r.apiKey;
                    s.keySource = r.keySource;
                }
    // Likewise the SMTP password read from the keychain: a file without one keeps the one in use.
    SmtpSettings &freshEmail = fresh.config.alerts.channels.email;
    if (freshEmail.password.isEmpty() && freshEmail.username == m_running.alerts.channels.email.username)
        freshEmail.password = m_running.alerts.channels.email.password;
    // A reload supersedes changes still waiting for a busy service: they are in the new comparison again.
    m_busyUpserts.clear();
    m_busyRemovals.clear();
    m_busyBreakers.clear();
    m_retry.stop();

    const ConfigChanges changes = ConfigChanges::between(m_running, fresh.config);
    const QString where = fresh.configPath.isEmpty() ? QStringLiteral("the command line") : fresh.configPath;
    if (changes.isEmpty()) {
        qCInfo(lcReload).noquote() << QStringLiteral("reload of %1: nothing changed").arg(where);
        emit reloaded(true, changes.summary());
        return;
    }

    QList<ServiceConfig> applied;
    QStringList removed;
    QStringList errors;
    m_host->call([&](RequestEngine &e) {
        if (changes.defaultBreaker) e.setDefaultBreakerConfig(*changes.defaultBreaker);
        for (const QString &name : changes.removals) {
            if (e.removeService(name) || !e.serviceConfig(name))
                removed << name;
            else
                m_busyRemovals << name;
        }
        for (const ServiceConfig &s : changes.upserts) {
            if (e.serviceBusy(s.name)) {
                m_busyUpserts << s;
                continue;
            }
            const QString upsertError = e.upsertService(s);
            if (upsertError.isEmpty())
                applied << s;
            else
                errors << QStringLiteral("service %1: %2").arg(s.name, upsertError);
        }
        for (auto it = changes.breakers.cbegin(); it != changes.breakers.cend(); ++it) {
            if (!e.serviceConfig(it.key())) {
                m_busyBreakers.insert(it.key(), it.value()); // its service waits to be added
                continue;
            }
            const QString breakerError = e.setBreakerConfig(it.key(), it.value());
            if (!breakerError.isEmpty())
                errors << QStringLiteral("breaker %1: %2").arg(it.key(), breakerError);
        }
        if (changes.retry) e.setRetryPolicy(*changes.retry);
        if (changes.fallback) e.setFallbackPolicy(*changes.fallback);
    });
    bool alertsApplied = false;
    if (changes.alerts && m_alerts) {
        const QString alertError = m_alerts->setConfig(*changes.alerts);
        alertsApplied = alertError.isEmpty();
        if (!alertsApplied) errors << QStringLiteral("alerts: %1").arg(alertError);
    }

    // What runs now is the running configuration for the next comparison; what waits for a restart is not.
    for (const ServiceConfig &s : std::as_const(applied))
        replaceService(m_running.services, s);
    for (const QString &name : std::as_const(removed))
        removeServiceNamed(m_running.services, name);
    m_running.engine.breaker = fresh.config.engine.breaker;
    m_running.engine.breakerOverrides = fresh.config.engine.breakerOverrides;
    if (changes.retry) m_running.engine.retry = *changes.retry;
    if (changes.fallback) m_running.engine.fallback = *changes.fallback;
    if (alertsApplied) m_running.alerts = *changes.alerts;

    qCInfo(lcReload).noquote() << QStringLiteral("reload of %1: %2").arg(where, changes.summary());
    for (const QString &e : std::as_const(errors))
        qCWarning(lcReload).noquote() << QStringLiteral("reload: not applied: %1").arg(e);
    if (!m_busyUpserts.isEmpty() || !m_busyRemovals.isEmpty()) {
        qCInfo(lcReload).noquote()
            << QStringLiteral(
                   "reload: %1 busy (requests in flight); their changes follow once idle (up to %2 s)")
                   .arg(busyNames().join(QLatin1String(", ")))
                   .arg(kBusyRetryMs / 1000);
        m_busySinceMs = QDateTime::currentMSecsSinceEpoch();
        m_retry.start();
        return;
    }
    emit reloaded(errors.isEmpty(), changes.summary());
}

QStringList ConfigReloader::busyNames() const
{
    QStringList names;
    for (const ServiceConfig &s : m_busyUpserts)
        names << s.name;
    return names + m_busyRemovals;
}

void ConfigReloader::retryBusy()
{
    QList<ServiceConfig> applied;
    QStringList removed;
    m_host->call([&](RequestEngine &e) {
        for (auto it = m_busyRemovals.begin(); it != m_busyRemovals.end();) {
            if (e.removeService(*it) || !e.serviceConfig(*it)) {
                removed << *it;
                it = m_busyRemovals.erase(it);
            } else {
                ++it;
            }
        }
        for (auto it = m_busyUpserts.begin(); it != m_busyUpserts.end();) {
            if (!e.serviceBusy(it->name) && e.upsertService(*it).isEmpty()) {
                if (const auto breaker = m_busyBreakers.constFind(it->name); breaker != m_busyBreakers.cend())
                    e.setBreakerConfig(it->name, breaker.value());
                applied << *it;
                it = m_busyUpserts.erase(it);
            } else {
                ++it;
            }
        }
    });
    for (const ServiceConfig &s : std::as_const(applied)) {
        replaceService(m_running.services, s);
        m_busyBreakers.remove(s.name);
        qCInfo(lcReload).noquote() << QStringLiteral("reload: service %1 now idle: applied").arg(s.name);
    }
    for (const QString &name : std::as_const(removed)) {
        removeServiceNamed(m_running.services, name);
        qCInfo(lcReload).noquote() << QStringLiteral("reload: service %1 now idle: removed").arg(name);
    }
    if (m_busyUpserts.isEmpty() && m_busyRemovals.isEmpty()) {
        m_retry.stop();
        emit reloaded(true, QStringLiteral("deferred changes applied"));
        return;
    }
    if (QDateTime::currentMSecsSinceEpoch() - m_busySinceMs < kBusyRetryMs) return;
    qCWarning(lcReload).noquote()
        << QStringLiteral("reload: %1 still busy after %2 s: not changed (send SIGHUP again to retry)")
               .arg(busyNames().join(QLatin1String(", ")))
               .arg(kBusyRetryMs / 1000);
    m_busyUpserts.clear();
    m_busyRemovals.clear();
    m_busyBreakers.clear();
    m_retry.stop();
    emit reloaded(false, QStringLiteral("busy services not changed"));
}

} // namespace airm
