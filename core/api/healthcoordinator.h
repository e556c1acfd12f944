// Health for the API: runs a round of engine health checks on demand and answers when every service has
// reported or the round times out; concurrent callers share one round. It also keeps the latest report of
// each service, and computes the overall verdict:
//   no services -> "unknown"; every service simulated -> "simulated"; every service with a key healthy (the
//   simulated ones do not count) -> "healthy"; no service with a key healthy or degraded -> "down";
//   anything in between -> "degraded".
// Thread affinity: the API thread.
#pragma once

#include "engine/requestengine.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <functional>

namespace airm {

class EngineBridge;

class HealthCoordinator : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QJsonObject &)>;

    explicit HealthCoordinator(EngineBridge *bridge, QObject *parent = nullptr);

    // Starts a round (or joins the running one); done gets {overall, services:{...}, timestamp}.
    void check(Done done);
    void onReport(const HealthReport &report);
    // The latest reports in the same shape, without running checks.
    QJsonObject latest() const;
    const HealthReport *report(const QString &service) const;

    static QString overall(const QList<HealthReport> &reports);
    static QJsonObject reportJson(const HealthReport &report);

private:
    void finishRound();
    QJsonObject summary(const QStringList &services) const;

    EngineBridge *m_bridge;
    QHash<QString, HealthReport> m_latest;
    QStringList m_order; // services in engine order, as last seen

    bool m_running = false;
    bool m_started = false; // the engine has started the round's checks
    QStringList m_roundServices;
    QSet<QString> m_reported; // services that reported since the round began
    QList<Done> m_waiting;
    QTimer m_timeout;
};

} // namespace airm
