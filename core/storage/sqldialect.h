// Every difference between the SQLite and PostgreSQL SQL the storage layer speaks, in one place: id columns,
// clustered tables, LIKE vs ILIKE, MIN/MAX vs LEAST/GREATEST, write transactions, locks, catalog queries.
// Booleans are SMALLINT 0/1 on both (so sums and binds are identical) and upserts use the
// INSERT ... ON CONFLICT ... DO UPDATE form both understand. Immutable value, any thread.
#pragma once

#include <QStringList>

namespace airm {

class SqlDialect
{
public:
    enum class Kind { Sqlite, Postgres };

    explicit SqlDialect(Kind kind = Kind::Sqlite)
        : m_kind(kind)
    {}
    Kind kind() const { return m_kind; }
    bool isPostgres() const { return m_kind == Kind::Postgres; }

    // "id INTEGER PRIMARY KEY" (the rowid) or an identity bigint.
    QString autoIdColumn() const;
    // Appended to CREATE TABLE for tables whose primary key is their natural order (SQLite: WITHOUT ROWID).
    QString clusteredByPrimaryKey() const;
    QString realType() const;
    // Case-insensitive substring match operator, used with ESCAPE '\'.
    QString likeInsensitive() const;
    QString least(const QString &a, const QString &b) const;
    QString greatest(const QString &a, const QString &b) const;
    // Starts a transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE, so a deferred read
    // snapshot can never fail to upgrade).
    QString beginWrite() const;
    // Serialises concurrent migrators inside their transaction (PostgreSQL advisory lock; SQLite's
    // BEGIN IMMEDIATE already does). Empty when not needed.
    QString migrationLock() const;
    // How long a statement waits for a lock held by another connection.
    QString setLockTimeout(int ms) const;
    // Session settings for the connection that does the bulk writing (SQLite: the checkpoint interval).
    QStringList writerSettings(int lockTimeoutMs, int checkpointPages) const;
    // The column list of the (service, time) index: PostgreSQL needs the id to return keyset pages in index
    // order; SQLite's index entries carry the rowid already.
    QString serviceTimeIndexColumns() const;
    QString timeIndexColumns() const;
    // One row per user table; bind the table name.
    QString tableExistsQuery() const;
    // Bytes on disk of the history tables on a server; empty for SQLite (measured from the files instead).
    QString databaseSizeQuery() const;
    // Upper bound on bound parameters in one statement.
    int maxParameters() const;

private:
    Kind m_kind;
};

} // namespace airm
