// The history schema and its migrations. Versions (kept in the one-row table schema_version, version 0 = an
// empty database):
//   1: requests, breaker_transitions and their indexes;
//   2: requests.run_id and requests.retry_after_ms; chaos_experiments, scenario_runs, alerts;
//   3: rollups_minute (back-filled from requests), journal_state, the failures index.
// Each step runs in its own transaction holding the write lock, so concurrent start-ups migrate once.
// Stateless functions on a connection the caller owns; call them on that connection's thread.
#pragma once

#include "sqldialect.h"

#include <QSqlDatabase>
#include <QStringList>

namespace airm {

class Schema
{
public:
    static constexpr int kLatestVersion = 3;

    // 0 for an empty database; -1 with *error when it cannot be read or is not ours.
    static int version(QSqlDatabase &db, const SqlDialect &dialect, QString *error);
    // Applies every step from the current version up to target. Refuses a database newer than this build.
    static bool migrate(QSqlDatabase &db, const SqlDialect &dialect, int target, QString *error);
    // The statements of one step (1..kLatestVersion), without the version bookkeeping.
    static QStringList steps(int version, const SqlDialect &dialect);
    // Tables that hold data, for statistics and tests.
    static QStringList dataTables();
};

} // namespace airm
