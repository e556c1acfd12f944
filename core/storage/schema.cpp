#include "schema.h"

#include "latencybuckets.h"
#include "minuterollup.h"

#include <QSqlError>
#include <QSqlQuery>

namespace airm {
namespace {

bool tableExists(QSqlDatabase &db, const SqlDialect &dialect, const QString &table, bool *ok)
{
    QSqlQuery q(db);
    q.prepare(dialect.tableExistsQuery());
    q.addBindValue(table);
    *ok = q.exec();
    return *ok && q.next();
}

QString sqlError(const QString &what, const QSqlQuery &q)
{
    return QStringLiteral("%1: %2").arg(what, q.lastError().text());
}

QStringList version1(const SqlDialect &d)
{
    return {
        QStringLiteral("CREATE TABLE requests ("
                       "%1, "
                       "ts BIGINT NOT NULL, "             // startedAtMs
                       "dur INTEGER NOT NULL DEFAULT 0, " // finishedAtMs - startedAtMs
                       "engine_id BIGINT NOT NULL DEFAULT 0, "
                       "service TEXT NOT NULL, "
                       "served_by TEXT, " // NULL when the asked service answered
                       "kind SMALLINT NOT NULL DEFAULT 0, "
                       "model TEXT, "
                       "origin SMALLINT NOT NULL DEFAULT 0, "
                       "outcome SMALLINT NOT NULL, "
                       "error_class SMALLINT NOT NULL DEFAULT 0, "
                       "error_message TEXT, "
                       "http_status SMALLINT NOT NULL DEFAULT 0, "
                       "latency_us BIGINT NOT NULL DEFAULT 0, "
                       "attempts SMALLINT NOT NULL DEFAULT 0, "
                       "attempt_list TEXT, " // compact JSON; NULL when the one attempt is the request itself
                       "fallback SMALLINT NOT NULL DEFAULT 0, "
                       "breaker_state SMALLINT NOT NULL DEFAULT 0, "
                       "chaos_ids TEXT, " // comma-separated; NULL when untouched by chaos
                       "simulated SMALLINT NOT NULL DEFAULT 0, "
                       "tokens_in BIGINT NOT NULL DEFAULT 0, "
                       "tokens_out BIGINT NOT NULL DEFAULT 0, "
                       "cost_nusd BIGINT NOT NULL DEFAULT 0, " // 1e-9 USD
                       "response_length INTEGER NOT NULL DEFAULT 0, "
                       "prompt TEXT, " // NULL in privacy mode
                       "response TEXT" // NULL unless StorageConfig::storeResponses
                       ")")
            .arg(d.autoIdColumn()),
        QStringLiteral("CREATE INDEX requests_ts ON requests ") + d.timeIndexColumns(),
        QStringLiteral("CREATE INDEX requests_service_ts ON requests ") + d.serviceTimeIndexColumns(),
        QStringLiteral("CREATE TABLE breaker_transitions (%1, ts BIGINT NOT NULL, service TEXT NOT NULL, "
                       "from_state SMALLINT NOT NULL, to_state SMALLINT NOT NULL, reason TEXT)")
            .arg(d.autoIdColumn()),
        QStringLiteral("CREATE INDEX breaker_transitions_service_ts ON breaker_transitions (service, ts)"),
        QStringLiteral("CREATE INDEX breaker_transitions_ts ON breaker_transitions (ts)"),
    };
}

QStringList version2(const SqlDialect &d)
{
    return {
        QStringLiteral("ALTER TABLE requests ADD COLUMN run_id TEXT"),
        QStringLiteral("ALTER TABLE requests ADD COLUMN retry_after_ms INTEGER"), // NULL: no Retry-After
        QStringLiteral(
            "CREATE TABLE chaos_experiments (%1, exp_id TEXT NOT NULL, started_ms BIGINT NOT NULL, "
            "type SMALLINT NOT NULL, targets TEXT NOT NULL, params TEXT NOT NULL, "
            "ends_ms BIGINT NOT NULL, ended_ms BIGINT, status TEXT NOT NULL, "
            "touched BIGINT NOT NULL DEFAULT 0, UNIQUE (exp_id, started_ms))")
            .arg(d.autoIdColumn()),
        QStringLiteral("CREATE INDEX chaos_experiments_started ON chaos_experiments (started_ms)"),
        QStringLiteral("CREATE TABLE scenario_runs (run_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                       "started_ms BIGINT NOT NULL, ended_ms BIGINT, status TEXT NOT NULL, report TEXT)"),
        QStringLiteral("CREATE INDEX scenario_runs_started ON scenario_runs (started_ms)"),
        QStringLiteral("CREATE TABLE alerts (%1, alert_id TEXT NOT NULL UNIQUE, ts BIGINT NOT NULL, "
                       "rule TEXT NOT NULL, severity TEXT NOT NULL, service TEXT, message TEXT NOT NULL, "
                       "delivered SMALLINT NOT NULL DEFAULT 0)")
            .arg(d.autoIdColumn()),
        QStringLiteral("CREATE INDEX alerts_ts ON alerts (ts)"),
    };
}

QStringList version3(const SqlDialect &d)
{
    QStringList columns;
    for (const QString &c : MinuteRollup::additiveColumns())
        columns << c + QStringLiteral(" BIGINT NOT NULL DEFAULT 0");
    QStringList statements{
        QStringLiteral("CREATE TABLE rollups_minute (service TEXT NOT NULL, minute BIGINT NOT NULL, %1, "
                       "lat_min_us BIGINT, lat_max_us BIGINT, PRIMARY KEY (service, minute))%2")
            .arg(columns.join(QStringLiteral(", ")), d.clusteredByPrimaryKey()),
        QStringLiteral("CREATE INDEX rollups_minute_minute ON rollups_minute (minute)"),
        QStringLiteral(
            "CREATE TABLE journal_state (journal_id TEXT PRIMARY KEY, lines_done BIGINT NOT NULL)"),
        QStringLiteral("CREATE INDEX requests_failures_ts ON requests (ts) WHERE outcome <> 0"),
    };

    // Back-fill the roll-ups from the raw rows a version-2 database already holds. Outcome codes: 0 success,
    // 1 failure, 2 rejected, 3 timeout (storagecodes.cpp); rejected requests carry no latency sample.
    const QString timed = QStringLiteral("outcome <> 2");
    QStringList select{
        QStringLiteral("COUNT(*)"),
        QStringLiteral("SUM(CASE WHEN outcome = 0 THEN 1 ELSE 0 END)"),
        QStringLiteral("SUM(CASE WHEN outcome = 1 THEN 1 ELSE 0 END)"),
        QStringLiteral("SUM(CASE WHEN outcome = 2 THEN 1 ELSE 0 END)"),
        QStringLiteral("SUM(CASE WHEN outcome = 3 THEN 1 ELSE 0 END)"),
        QStringLiteral("SUM(CASE WHEN chaos_ids IS NOT NULL THEN 1 ELSE 0 END)"),
        QStringLiteral("SUM(simulated)"),
        QStringLiteral("SUM(CASE WHEN %1 THEN 1 ELSE 0 END)").arg(timed),
        QStringLiteral("SUM(CASE WHEN %1 THEN latency_us ELSE 0 END)").arg(timed),
        QStringLiteral("SUM(CASE WHEN outcome = 0 THEN latency_us ELSE 0 END)"),
        QStringLiteral("SUM(tokens_in)"),
        QStringLiteral("SUM(tokens_out)"),
        QStringLiteral("SUM(cost_nusd)"),
        QStringLiteral("SUM(response_length)"),
    };
    for (int i = 0; i < LatencyBuckets::kCount; ++i) {
        QString cond = timed;
        if (i > 0)
            cond += QStringLiteral(" AND latency_us > %1")
                        .arg(qint64(LatencyBuckets::kUpperBoundsMs[std::size_t(i - 1)] * 1000));
        if (i < LatencyBuckets::kBoundCount)
            cond += QStringLiteral(" AND latency_us <= %1")
                        .arg(qint64(LatencyBuckets::kUpperBoundsMs[std::size_t(i)] * 1000));
        select << QStringLiteral("SUM(CASE WHEN %1 THEN 1 ELSE 0 END)").arg(cond);
    }
    statements << QStringLiteral(
                      "INSERT INTO rollups_minute (service, minute, %1, lat_min_us, lat_max_us) "
                      "SELECT service, ts / 60000, %2, MIN(CASE WHEN %3 THEN latency_us END), "
                      "MAX(CASE WHEN %3 THEN latency_us END) FROM requests GROUP BY service, ts / 60000")
                      .arg(MinuteRollup::additiveColumns().join(QStringLiteral(", ")),
                           select.join(QStringLiteral(", ")), timed);
    return statements;
}

} // namespace

QStringList Schema::dataTables()
{
    return {QStringLiteral("requests"),
            QStringLiteral("breaker_transitions"),
            QStringLiteral("chaos_experiments"),
            QStringLiteral("scenario_runs"),
            QStringLiteral("alerts"),
            QStringLiteral("rollups_minute")};
}

QStringList Schema::steps(int version, const SqlDialect &dialect)
{
    switch (version) {
    case 1:
        return version1(dialect);
    case 2:
        return version2(dialect);
    case 3:
        return version3(dialect);
    default:
        return {};
    }
}

int Schema::version(QSqlDatabase &db, const SqlDialect &dialect, QString *error)
{
    // requests first: a migration running in another connection commits both tables together, so once
    // requests is visible schema_version is too. The other order can see neither, then both, and take a
    // database being migrated for a foreign one (READ COMMITTED sees each statement's own snapshot).
    bool ok = false;
    const bool hasRequests = tableExists(db, dialect, QStringLiteral("requests"), &ok);
    bool okVersion = false;
    const bool hasVersion =
        ok ? tableExists(db, dialect, QStringLiteral("schema_version"), &okVersion) : false;
    if (!ok || !okVersion) {
        *error = QStringLiteral("cannot read the schema catalog: %1").arg(db.lastError().text());
        return -1;
    }
    if (!hasVersion) {
        if (hasRequests) {
            *error = QStringLiteral("the database has a requests table but no schema_version: not a history "
                                    "database of this application");
            return -1;
        }
        return 0;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT version FROM schema_version"))) {
        *error = sqlError(QStringLiteral("reading schema_version"), q);
        return -1;
    }
    return q.next() ? q.value(0).toInt() : 0;
}

bool Schema::migrate(QSqlDatabase &db, const SqlDialect &dialect, int target, QString *error)
{
    error->clear();
    int current = version(db, dialect, error);
    if (current < 0) return false;
    if (current > kLatestVersion) {
        *error = QStringLiteral("the database schema is version %1, newer than this build understands (%2)")
                     .arg(current)
                     .arg(kLatestVersion);
        return false;
    }
    QSqlQuery q(db);
    while (current < target) {
        if (!q.exec(dialect.beginWrite())) {
            *error = sqlError(QStringLiteral("starting the migration"), q);
            return false;
        }
        auto fail = [&](const QString &what) {
            *error = sqlError(what, q);
            q.exec(QStringLiteral("ROLLBACK"));
            return false;
        };
        if (!dialect.migrationLock().isEmpty() && !q.exec(dialect.migrationLock()))
            return fail(QStringLiteral("locking for the migration"));
        // Another process may have migrated while we waited for the lock.
        current = version(db, dialect, error);
        if (current < 0) {
            q.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        if (current >= target) {
            q.exec(QStringLiteral("ROLLBACK"));
            break;
        }
        const int next = current + 1;
        if (current == 0 && !q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")))
            return fail(QStringLiteral("creating schema_version"));
        for (const QString &s : steps(next, dialect))
            if (!q.exec(s)) return fail(QStringLiteral("migrating to version %1").arg(next));
        if (!q.exec(QStringLiteral("DELETE FROM schema_version")) ||
            !q.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(next)))
            return fail(QStringLiteral("recording version %1").arg(next));
        if (!q.exec(QStringLiteral("COMMIT"))) return fail(QStringLiteral("committing version %1").arg(next));
        current = next;
    }
    return true;
}

} // namespace airm
