// Where the history lives: an SQLite file, or a PostgreSQL server given as
// postgresql://user:password@host:port/dbname[?schema=NAME&sslmode=...]. Parsed from --db or the config file.
// A plain value type, any thread.
#pragma once

#include <QString>

namespace airm {

struct DatabaseLocation
{
    enum class Kind { Sqlite, Postgres };

    Kind kind = Kind::Sqlite;
    QString path; // SQLite file
    // PostgreSQL
    QString host;
    int port = 5432;
    QString user;
    QString password; // from the URL, else PGPASSWORD
    QString database;
    QString schema; // empty: the server's default search_path; created when missing
    QString
        libpqOptions; // extra "key=value;key=value" options passed to libpq (sslmode, connect_timeout, ...)

    bool isPostgres() const { return kind == Kind::Postgres; }
    // For logs and the UI: never contains the password.
    QString describe() const;
    // The JSON Lines journal the writer spills to: next to the SQLite file, or in AppDataLocation for a
    // server.
    QString defaultJournalPath() const;

    // Empty text gives the default SQLite file. A postgresql:// or postgres:// URL gives a server; anything
    // else is a file path. On error the message names the part of the URL that is wrong.
    static DatabaseLocation parse(const QString &pathOrUrl, QString *error);
    static DatabaseLocation sqlite(const QString &path);
    // QStandardPaths::AppDataLocation/monitor.db
    static QString defaultSqlitePath();
};

} // namespace airm
