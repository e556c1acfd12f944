// The non-request rows the history keeps, as value types: chaos experiments, scenario runs and alerts.
// (Requests are RequestRecord, breaker transitions BreakerTransition.) Any thread.
#pragma once

#include "model/types.h"

#include <QJsonObject>
#include <QStringList>

namespace airm {

struct ChaosExperiment;

// One chaos experiment; stored when it starts and again (upserted on id + start) when it ends.
struct ChaosRecord
{
    QString id; // the registry's id; unique together with startedMs
    ChaosType type = ChaosType::Latency;
    QStringList targets; // empty or ["all"]: every service
    QJsonObject params;  // ChaosSpec::toJson()
    qint64 startedMs = 0;
    qint64 endsMs = 0;  // planned end
    qint64 endedMs = 0; // 0 while active
    QString status;     // "active", or the end reason ("expired", "stopped", ...)
    qint64 touched = 0; // requests it changed

    bool appliesTo(const QString &service) const;
    static ChaosRecord fromExperiment(const ChaosExperiment &e);
    QJsonObject toJson() const;
};

// One scenario or test-suite run; upserted on runId.
struct ScenarioRunRecord
{
    QString runId;
    QString name;
    qint64 startedMs = 0;
    qint64 endedMs = 0; // 0 while running
    QString status;     // "running", "passed", "failed", "aborted", ...
    QJsonObject report;
    QJsonObject toJson() const;
};

// One alert raised by a rule; upserted on alertId (so delivery can be recorded later).
struct AlertRecord
{
    QString alertId;
    qint64 atMs = 0;
    QString rule;
    QString severity; // "info", "warning", "error", "critical"
    QString service;  // empty: not about one service
    QString message;
    bool delivered = false;
    QJsonObject toJson() const;
};

} // namespace airm
