// Sends requests on its own: round robin, random, weighted or one service; an interval or a target rate; a
// cap on requests in flight (1 = no overlap); prompts from a list; stops after N requests, a duration, or by
// hand. Thread affinity: the engine thread (it submits to a RequestEngine directly).
#pragma once

#include "model/requestrecord.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QStringList>

namespace airm {

class RequestEngine;

struct AutomationConfig
{
    enum class Strategy { RoundRobin, Random, Weighted, Single };
    QString runId; // assigned when empty
    Strategy strategy = Strategy::RoundRobin;
    QStringList services; // empty = every configured service
    QMap<QString, double> weights;
    qint64 intervalMs = 10'000; // between sends; 0 = as fast as maxInFlight allows
    double targetRps = 0.0;     // when > 0, overrides intervalMs with 1000 / targetRps
    int maxInFlight = 1;
    QStringList prompts;    // empty = the seed's ten prompts
    qint64 maxRequests = 0; // 0 = no limit
    qint64 durationMs = 0;  // 0 = no limit
    Origin origin = Origin::Automation;
    int attemptTimeoutMs = -1; // per attempt; -1 = the service's timeout

    // The dashboard's ten automation prompts (seed inventory 6.1).
    static QStringList seedPrompts();
    QString validate() const;
    QJsonObject toJson() const;
    // Reads the fields that are present over the defaults: "strategy" (round_robin | random | weighted |
    // single), "services", "weights", "intervalMs" or "interval" (seconds, or "5s", "1m", "500ms"),
    // "targetRps", "maxInFlight", "prompts", "maxRequests", "durationMs" or "duration", "attemptTimeoutMs".
    // Unknown fields and wrong types give an error naming the field; the result is validated.
    static AutomationConfig fromJson(const QJsonObject &o, QString *error);
};

struct AutomationStatus
{
    QString runId;
    bool running = false;
    qint64 sent = 0, inFlight = 0, completed = 0, succeeded = 0, failed = 0;
    qint64 startedAtMs = 0, endedAtMs = 0;
    double ratePerSecond = 0.0; // completed / elapsed (to now while running, to the end afterwards)
    qint64 rejected = 0;        // completed with Outcome::Rejected (breaker open); also counted in failed
    double targetRatePerSecond = 0.0; // the configured pace; 0 = as fast as maxInFlight allows
    QString stopReason;
    QJsonObject toJson() const;
};

class AutomationRun : public QObject
{
    Q_OBJECT
public:
    AutomationRun(RequestEngine &engine, AutomationConfig config, QObject *parent = nullptr);
    ~AutomationRun() override;

    const AutomationConfig &config() const { return m_config; }
    void start();
    void stop(const QString &reason = QStringLiteral("stopped by user"));
    AutomationStatus status() const;

signals:
    void finished(const QString &runId);

private:
    void pump();
    void onFinished(const RequestRecord &record);
    QString nextService();
    void endIfDone();

    RequestEngine &m_engine;
    AutomationConfig m_config;
    QStringList m_targets;
    qint64 m_rrIndex = 0;
    qint64 m_promptIndex = 0;
    double m_intervalMs = 0;  // fractional, so a target rate is kept on average (3 rps = 333.33 ms)
    double m_nextDueMono = 0; // when the next send is due, in fractional clock milliseconds
    qint64 m_startMono = 0;
    quint64 m_pumpTimer = 0;
    quint64 m_durationTimer = 0;
    AutomationStatus m_status;
    bool m_stopping = false;
};

} // namespace airm
