// Shared by the storage tests: a fresh database per test on either backend (SQLite in a temporary directory,
// or a private schema on the PostgreSQL server named by AIRM_TEST_PG_URL), record builders, synchronous
// writes through BatchWriter, and a main() that runs a test class once per backend.
#pragma once

#include "storage/batchwriter.h"
#include "storage/database.h"
#include "storage/schema.h"

#include "testprinters.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <memory>

namespace airm::testenv {

enum class Backend { Sqlite, Postgres };

inline QString backendName(Backend b)
{
    return b == Backend::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

inline QString pgUrl()
{
    return qEnvironmentVariable("AIRM_TEST_PG_URL");
}

inline const char *pgSkipMessage()
{
    return "AIRM_TEST_PG_URL is not set: PostgreSQL run skipped (start a server with "
           "tests/support/start-test-postgres.sh and export its URL)";
}

// One database for one test: a file in a temporary directory, or a schema of its own on the server,
// dropped again on destruction.
class TestDatabase
{
public:
    explicit TestDatabase(Backend backend, bool migrate = true)
        : m_backend(backend)
    {
        if (backend == Backend::Sqlite) {
            m_location = DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("monitor.db")));
        } else {
            m_schema = QStringLiteral("airm_t_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
            const QString url = pgUrl();
            QString error;
            m_location =
                DatabaseLocation::parse(url +
                                            (url.contains(QLatin1Char('?')) ? QStringLiteral("&schema=")
                                                                            : QStringLiteral("?schema=")) +
                                            m_schema,
                                        &error);
            if (!error.isEmpty()) qFatal("bad AIRM_TEST_PG_URL: %s", qPrintable(error));
        }
        m_db = std::make_shared<Database>(m_location);
        if (migrate) {
            QString error;
            if (!m_db->initialize(&error))
                qWarning("initialising the test database failed: %s", qPrintable(error));
        }
    }
    ~TestDatabase()
    {
        m_db->releaseConnection();
        m_db.reset();
        if (m_backend == Backend::Postgres) {
            DatabaseLocation admin = m_location;
            admin.schema.clear();
            Database adminDb(admin);
            QSqlDatabase c = adminDb.connection();
            QSqlQuery(c).exec(QStringLiteral("DROP SCHEMA IF EXISTS \"%1\" CASCADE").arg(m_schema));
            c = QSqlDatabase();
            adminDb.releaseConnection();
        }
    }
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    Backend backend() const { return m_backend; }
    bool isSqlite() const { return m_backend == Backend::Sqlite; }
    const std::shared_ptr<Database> &db() const { return m_db; }
    const DatabaseLocation &location() const { return m_location; }
    QString dirPath(const QString &name) const { return m_dir.filePath(name); }

    // Writes items synchronously on this thread's connection, in one transaction.
    void write(const BatchWriter::Items &items)
    {
        QString error;
        {
            BatchWriter w(m_db->connection(), m_db->dialect());
            if (!w.write(items, &error)) qWarning("BatchWriter failed: %s", qPrintable(error));
        }
    }
    void write(const QList<RequestRecord> &records)
    {
        BatchWriter::Items items;
        for (const RequestRecord &r : records)
            items.push_back(r);
        write(items);
    }

    qint64 scalar(const QString &sql)
    {
        QSqlDatabase c = m_db->connection();
        QSqlQuery q(c);
        if (!q.exec(sql) || !q.next()) return -1;
        return q.value(0).toLongLong();
    }
    qint64 count(const QString &table) { return scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table); }

private:
    Backend m_backend;
    QTemporaryDir m_dir;
    QString m_schema;
    DatabaseLocation m_location;
    std::shared_ptr<Database> m_db;
};

inline RequestRecord makeRecord(const QString &service, qint64 startedAtMs,
                                Outcome outcome = Outcome::Success, double latencyMs = 100.0)
{
    static quint64 nextId = 1;
    RequestRecord r;
    r.id = nextId++;
    r.service = r.servedBy = service;
    r.kind = ProviderKind::OpenAi;
    r.model = QStringLiteral("model-") + service;
    r.origin = Origin::Automation;
    r.startedAtMs = startedAtMs;
    r.finishedAtMs = startedAtMs + qint64(latencyMs);
    r.outcome = outcome;
    r.latencyMs = latencyMs;
    switch (outcome) {
    case Outcome::Success:
        r.httpStatus = 200;
        r.inputTokens = 10;
        r.outputTokens = 40;
        r.costUsd = 0.00005;
        r.responseLength = 160;
        break;
    case Outcome::Failure:
        r.errorClass = ErrorClass::ServerError;
        r.errorMessage = QStringLiteral("HTTP 500 from upstream");
        r.httpStatus = 500;
        break;
    case Outcome::Timeout:
        r.errorClass = ErrorClass::Timeout;
        r.errorMessage = QStringLiteral("attempt timed out after 10000 ms");
        break;
    case Outcome::Rejected:
        r.errorClass = ErrorClass::Rejected;
        r.errorMessage = QStringLiteral("circuit breaker is OPEN");
        r.latencyMs = 0;
        r.finishedAtMs = startedAtMs;
        break;
    }
    if (outcome != Outcome::Rejected) {
        AttemptRecord a;
        a.service = service;
        a.outcome = outcome;
        a.errorClass = r.errorClass;
        a.errorMessage = r.errorMessage;
        a.httpStatus = r.httpStatus;
        a.latencyMs = r.latencyMs;
        r.attemptList = {a};
        r.attempts = 1;
    }
    return r;
}

// Runs the test class once per backend; the PostgreSQL run skips itself when no server is configured.
template<typename T> int runOnBothBackends(int argc, char **argv)
{
    int status = 0;
    {
        T sqlite(Backend::Sqlite);
        status |= QTest::qExec(&sqlite, argc, argv);
    }
    {
        T postgres(Backend::Postgres);
        status |= QTest::qExec(&postgres, argc, argv);
    }
    return status;
}

} // namespace airm::testenv

// QTEST_GUILESS_MAIN for a class that runs once per backend.
#define AIRM_STORAGE_TEST_MAIN(TestClass)                                                                    \
    int main(int argc, char **argv)                                                                          \
    {                                                                                                        \
        QCoreApplication app(argc, argv);                                                                    \
        return airm::testenv::runOnBothBackends<TestClass>(argc, argv);                                      \
    }
