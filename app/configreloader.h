// Reloads the headless service's --config file on SIGHUP (systemctl reload): reads the command line and the
// file again exactly as at start, and applies what changed while the service runs. Services are added,
// updated and removed, breakers, retry and fallback policies and alert rules replaced; a service with
// requests in flight is changed once it is idle (retried for up to kBusyRetryMs). What only a restart can
// change (the API listener, the database, engine-wide settings, automation runs) is named in the log and left
// as it is. A file that does not read or validate changes nothing: the error goes to the log and the service
// runs on. Thread affinity: the main thread.
#pragma once

#include "settings/appconfig.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

namespace airm {

class AlertManager;
class EngineHost;

class ConfigReloader : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBusyRetryMs = 30'000;

    // running: the configuration the service was started with; kept up to date with what has been applied.
    ConfigReloader(EngineHost *host, AlertManager *alerts, AppConfig &running, QStringList arguments,
                   QObject *parent = nullptr);

    // Reads and applies; the outcome goes to the log (category airm.headless).
    void reload();

signals:
    // After each reload attempt and after the last busy service was dealt with; ok false when the file was
    // rejected. For tests.
    void reloaded(bool ok, const QString &summary);

private:
    void retryBusy();
    QStringList busyNames() const; // services whose change waits for them to be idle

    EngineHost *m_host;
    AlertManager *m_alerts;
    AppConfig &m_running;
    QStringList m_arguments;
    QList<ServiceConfig> m_busyUpserts; // waiting for their service to be idle
    QStringList m_busyRemovals;
    QMap<QString, BreakerConfig> m_busyBreakers; // of added services whose upsert waits
    QTimer m_retry;
    qint64 m_busySinceMs = 0;
};

} // namespace airm
