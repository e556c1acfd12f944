#include "retention.h"

#include "minuterollup.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace airm {
namespace {

// Deletes rows of table with column < cutoff, kChunk at a time; returns the count or -1 with *error.
qint64 deleteChunked(QSqlDatabase &db, const QString &table, const QString &key, const QString &column,
                     qint64 cutoff, QString *error)
{
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("DELETE FROM %1 WHERE %2 IN (SELECT %2 FROM %1 WHERE %3 < ? ORDER BY %3 LIMIT %4)")
            .arg(table, key, column)
            .arg(Retention::kChunk));
    qint64 total = 0;
    for (;;) {
        q.bindValue(0, cutoff);
        if (!q.exec()) {
            *error = QStringLiteral("retention on %1: %2").arg(table, q.lastError().text());
            return -1;
        }
        const int n = q.numRowsAffected();
        total += qMax(0, n);
        if (n < Retention::kChunk) return total;
    }
}

} // namespace

QJsonObject RetentionResult::toJson() const
{
    return {{QStringLiteral("ok"), ok},
            {QStringLiteral("error"), error},
            {QStringLiteral("nowMs"), nowMs},
            {QStringLiteral("rawCutoffMs"), rawCutoffMs},
            {QStringLiteral("rollupCutoffMs"), rollupCutoffMs},
            {QStringLiteral("requests"), requests},
            {QStringLiteral("breakerTransitions"), transitions},
            {QStringLiteral("alerts"), alerts},
            {QStringLiteral("rollups"), rollups},
            {QStringLiteral("chaosExperiments"), chaosExperiments},
            {QStringLiteral("scenarioRuns"), scenarioRuns}};
}

RetentionResult Retention::run(QSqlDatabase &db, const SqlDialect &dialect, int rawDays, int rollupDays,
                               qint64 nowMs)
{
    Q_UNUSED(dialect) // the chunked DELETE ... IN (SELECT ... LIMIT) form works on both backends
    RetentionResult r;
    r.nowMs = nowMs;
    r.rawCutoffMs = nowMs - qint64(rawDays) * kMsPerDay;
    r.rollupCutoffMs = nowMs - qint64(rollupDays) * kMsPerDay;
    const struct
    {
        qint64 *count;
        const char *table;
        const char *key;
        const char *column;
        qint64 cutoff;
    } steps[] = {
        {&r.requests, "requests", "id", "ts", r.rawCutoffMs},
        {&r.transitions, "breaker_transitions", "id", "ts", r.rawCutoffMs},
        {&r.alerts, "alerts", "id", "ts", r.rawCutoffMs},
        {&r.chaosExperiments, "chaos_experiments", "id", "started_ms", r.rollupCutoffMs},
        {&r.scenarioRuns, "scenario_runs", "run_id", "started_ms", r.rollupCutoffMs},
    };
    for (const auto &s : steps) {
        *s.count = deleteChunked(db, QLatin1String(s.table), QLatin1String(s.key), QLatin1String(s.column),
                                 s.cutoff, &r.error);
        if (*s.count < 0) {
            r.ok = false;
            *s.count = 0;
            return r;
        }
    }
    // Roll-ups are small (one row per service and minute): one statement.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM rollups_minute WHERE minute < ?"));
    q.addBindValue(r.rollupCutoffMs / MinuteRollup::kMsPerMinute);
    if (!q.exec()) {
        r.ok = false;
        r.error = QStringLiteral("retention on rollups_minute: %1").arg(q.lastError().text());
        return r;
    }
    r.rollups = qMax(0, q.numRowsAffected());
    return r;
}

} // namespace airm
