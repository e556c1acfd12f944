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

    static QStringList seedPrompts();
    QString validate() const;
    QJsonObject toJson() const;
};

struct AutomationStatus
{
    QString runId;
    bool running = false;
    qint64 sent = 0, inFlight = 0, completed = 0, succeeded = 0, failed = 0;
    qint64 startedAtMs = 0, endedAtMs = 0;
    double ratePerSecond = 0.0; // completed / elapsed
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
    qint64 m_intervalMs = 0;
    qint64 m_nextDueMono = 0;
    qint64 m_startMono = 0;
    quint64 m_pumpTimer = 0;
    quint64 m_durationTimer = 0;
    AutomationStatus m_status;
    bool m_stopping = false;
};

} // namespace airm
