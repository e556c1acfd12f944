// Runs requests end to end: breaker admission, provider request, chaos and transport, classification, breaker
// result, retries and fallback, metrics, and one RequestRecord per request. Also owns chaos experiments and
// health checks, and publishes MetricsSnapshot values at most every snapshotIntervalMs.
// Thread affinity: the engine thread (see EngineHost). Other threads talk to it through queued calls only.
#pragma once

#include "common/clock.h"
#include "common/random.h"
#include "engineconfig.h"
#include "model/chaosspec.h"
#include "model/metricssnapshot.h"
#include "model/requestrecord.h"
#include "model/requestspec.h"
#include "model/serviceconfig.h"
#include "transport/httpmessage.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <memory>
#include <unordered_map>

class QNetworkAccessManager;

namespace airm {

class ChaosRegistry;
class MetricsRegistry;
class CircuitBreaker;
struct ChaosExperiment;
struct SecondPoint;

struct HealthReport
{
    QString service;
    HealthState state = HealthState::Unknown;
    QString detail;
    int httpStatus = 0;
    double latencyMs = 0;
    qint64 checkedAtMs = 0; // wall
    QJsonObject toJson() const;
};

class RequestEngine : public QObject
{
    Q_OBJECT
public:
    // clock: nullptr = a SystemClock owned by the engine. Tests pass a ManualClock.
    RequestEngine(EngineConfig config, QList<ServiceConfig> services, Clock *clock = nullptr,
                  QObject *parent = nullptr);
    ~RequestEngine() override;

    // Starts a request; the result arrives as requestFinished with the returned id (never inside submit()).
    quint64 submit(RequestSpec spec);
    int inFlight() const { return int(m_pending.size()); }

    QStringList serviceNames() const;
    const ServiceConfig *serviceConfig(const QString &name) const;
    // Adds or replaces a service (breaker state is kept when the name exists). Error text on invalid config.
    QString upsertService(const ServiceConfig &config);
    bool removeService(const QString &name);
    // Requests of the service are in flight or queued: upsertService and removeService refuse until it is
    // idle.
    bool serviceBusy(const QString &name) const;

    // Chaos
    QString injectChaos(const ChaosSpec &spec, QString *error);
    bool stopChaos(const QString &id);
    int stopAllChaos(const QString &service = {});
    const ChaosRegistry &chaos() const { return *m_chaos; }

    // Breakers
    bool resetBreaker(const QString &service); // "all" or empty resets every breaker
    bool forceBreaker(const QString &service, BreakerState state);
    QString setBreakerConfig(const QString &service, const BreakerConfig &config);
    // The configuration of breakers created from now on for services without their own (valid configs only).
    void setDefaultBreakerConfig(const BreakerConfig &config) { m_config.breaker = config; }
    BreakerConfig breakerConfig(const QString &service) const;
    QList<BreakerTransition> transitions(const QString &service) const; // since start, bounded

    // Health checks: real probes for services with keys, "simulated" for the rest. Results via healthChecked.
    void checkHealth(const QString &service = {});
    QList<HealthReport> health() const;

    void resetMetrics();
    MetricsSnapshot snapshot() const;
    QList<SecondPoint> series(const QString &service, qint64 fromSecond, qint64 toSecond) const;

    const EngineConfig &config() const { return m_config; }
    void setRetryPolicy(const RetryPolicy &p) { m_config.retry = p; }
    void setFallbackPolicy(const FallbackPolicy &p) { m_config.fallback = p; }
    Clock &clock() { return *m_clock; }
    Random &random() { return m_random; }

    // Cancels every in-flight request (records are emitted with ErrorClass::Cancelled).
    void cancelAll();

signals:
    void requestFinished(const airm::RequestRecord &record);
    void breakerTransitioned(const airm::BreakerTransition &transition);
    void chaosStarted(const airm::ActiveChaos &experiment);
    void chaosEnded(const airm::ActiveChaos &experiment, const QString &reason);
    void healthChecked(const airm::HealthReport &report);
    void snapshotPublished(const airm::MetricsSnapshot &snapshot);
    void metricsReset(qint64 atMs);

private:
    struct Service;
    struct Pending;

    Service *service(const QString &name) const;
    void buildService(Service &s);
    void startAttempt(quint64 id);
    void sendAttempt(quint64 id, Pending &p);
    void onResponse(quint64 id, quint64 attemptSerial, HttpResponse response);
    void onAttemptTimeout(quint64 id, quint64 attemptSerial);
    void afterFailure(quint64 id, Pending &p, ErrorClass errorClass, int retryAfterMs);
    void finish(quint64 id, Pending &p);
    void finishImmediately(RequestSpec spec, ErrorClass errorClass, const QString &message);
    void releaseSlot(Service &s);
    void armBreakerTimer(Service &s);
    void onTransition(const BreakerTransition &t);
    void publishTick();
    MetricsSnapshot buildSnapshot() const;

    EngineConfig m_config;
    std::unique_ptr<Clock> m_ownClock;
    Clock *m_clock;
    Random m_random;
    QNetworkAccessManager *m_nam;
    std::unique_ptr<ChaosRegistry> m_chaos;
    std::unique_ptr<MetricsRegistry> m_metrics;
    std::vector<std::unique_ptr<Service>> m_services; // configured order
    std::unordered_map<quint64, Pending> m_pending;
    quint64 m_nextId = 1;
    quint64 m_nextAttemptSerial = 1;
    bool m_dirty = true;
    qint64 m_lastPublishMono = -1;
    Clock::TimerId m_publishTimer = 0;
    Clock::TimerId m_healthTimer = 0;
    quint64 m_snapshotSequence = 0;
    // Live counters the metrics registry cannot derive from records alone; cleared by resetMetrics().
    QHash<QString, QMap<ChaosType, qint64>> m_chaosFaults; // attempts touched, by service and experiment type
    QMap<QPair<QString, QString>, qint64> m_fallbackRoutes; // (asked, served by) of requests that fell back
};

} // namespace airm
