// Connection factory for the history database: one named connection per thread (QSqlDatabase is
// thread-bound), opened on first use with the backend's settings (SQLite: WAL, synchronous=NORMAL, busy
// timeout; PostgreSQL: schema and quiet notices), removed when its QThread finishes or by
// releaseConnection(). Thread affinity: thread-safe; share one instance (std::shared_ptr) between the writer
// and the readers, and destroy it after every thread that used it has stopped using its connection.
#pragma once

#include "databaselocation.h"
#include "sqldialect.h"

#include <QSqlDatabase>
#include <memory>

namespace airm {

class Database
{
public:
    struct Options
    {
        int busyTimeoutMs = 5000;   // SQLite busy timeout / PostgreSQL lock_timeout for readers
        int sqliteCacheKib = 16384; // page cache per connection
        int connectTimeoutS = 5;    // PostgreSQL
    };

    explicit Database(DatabaseLocation location);
    Database(DatabaseLocation location, Options options);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseLocation &location() const { return m_location; }
    const SqlDialect &dialect() const { return m_dialect; }

    // This thread's connection, opened on first use. On failure: an invalid QSqlDatabase and *error.
    // Keep the returned handle (and any QSqlQuery on it) only for the duration of the work.
    QSqlDatabase connection(QString *error = nullptr) const;
    // Closes and removes this thread's connection; the next connection() opens a fresh one. Every
    // QSqlQuery on it must be gone.
    void releaseConnection() const;
    // Opens this thread's connection and migrates the schema to the latest version.
    bool initialize(QString *error) const;
    // Whether Qt has the driver the location needs (QSQLITE or QPSQL).
    bool driverAvailable() const;

private:
    struct Registry;
    QSqlDatabase open(const QString &name, QString *error) const;

    DatabaseLocation m_location;
    Options m_options;
    SqlDialect m_dialect;
    std::shared_ptr<Registry> m_registry;
};

} // namespace airm
