// A statement prepared directly on a QSQLITE connection's sqlite3 handle and bound through the SQLite C API,
// for the writer's hot statements (the request insert and the roll-up upsert): QSqlQuery's per-value binding
// bookkeeping alone caps inserts below 100k rows/s. The API is resolved at run time from the libsqlite3 the
// QSQLITE plugin has already loaded (never a second copy); where that is impossible (a plugin with SQLite
// built in) isValid() is false and callers fall back to QSqlQuery. Thread affinity: the connection's thread.
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace airm {

class SqliteStatement
{
public:
    SqliteStatement(const QSqlDatabase &db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are numbered from 1, as in SQLite. The text must stay alive until exec() returns.
    void bindNull(int index);
    void bindInt64(int index, qint64 value);
    void bindText(int index, const QString &text);
    // Runs the statement to completion and resets it for the next binds. On error *error says why.
    bool exec(QString *error);

    // Whether the fast path can be used in this process at all.
    static bool available();

private:
    void keep(int code);

    void *m_db = nullptr;   // sqlite3*, owned by the QSQLITE driver
    void *m_stmt = nullptr; // sqlite3_stmt*
    int m_bindError = 0;
};

} // namespace airm
