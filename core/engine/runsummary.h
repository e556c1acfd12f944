// The end-of-run summary of a headless run: per service requests, success rate, latency percentiles,
// rejections and breaker transitions, as a text table for people and as JSON for scripts.
#pragma once

#include "model/metricssnapshot.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace airm {

class RunSummary
{
public:
    RunSummary(MetricsSnapshot snapshot, QList<BreakerTransition> transitions, qint64 elapsedMs);
    QJsonObject toJson() const;
    QString toTable() const;

private:
    MetricsSnapshot m_snapshot;
    QList<BreakerTransition> m_transitions;
    qint64 m_elapsedMs;
};

} // namespace airm
