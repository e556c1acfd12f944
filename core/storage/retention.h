// Deletes history older than the retention periods: raw rows (requests, breaker transitions, alerts) after
// rawDays, roll-ups, chaos experiments and scenario runs after rollupDays. Deletes in chunks of kChunk rows
// (each its own statement) so other writers and readers are never blocked for long. Stateless; call on the
// connection's thread (the storage writer runs it daily and on demand).
#pragma once

#include "sqldialect.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace airm {

struct RetentionResult
{
    bool ok = true;
    QString error;
    qint64 nowMs = 0;
    qint64 rawCutoffMs = 0, rollupCutoffMs = 0;
    qint64 requests = 0, transitions = 0, alerts = 0, rollups = 0, chaosExperiments = 0, scenarioRuns = 0;
    QJsonObject toJson() const;
};

class Retention
{
public:
    static constexpr int kChunk = 10'000;
    static constexpr qint64 kMsPerDay = 24LL * 3600 * 1000;

    static RetentionResult run(QSqlDatabase &db, const SqlDialect &dialect, int rawDays, int rollupDays,
                               qint64 nowMs);
};

} // namespace airm
