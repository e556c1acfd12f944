// Schema migrations on SQLite and PostgreSQL from every older version (with data in it) to the newest,
// refusal of foreign and newer databases, concurrent start-ups; and the storage layer's pure pieces: stored
// enum codes, database locations, configuration, dialect and latency buckets.
#include "storage/databaselocation.h"
#include "storage/historystore.h"
#include "storage/latencybuckets.h"
#include "storage/minuterollup.h"
#include "storage/sqldialect.h"
#include "storage/storagecodes.h"
#include "storage/storageconfig.h"

#include "storagetestenv.h"

#include <QFutureSynchronizer>
#include <QSqlError>
#include <QtConcurrent/QtConcurrentRun>

using namespace airm;
using namespace airm::testenv;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;

QList<RequestRecord> oldRecords()
{
    QList<RequestRecord> out;
    const Outcome outcomes[] = {Outcome::Success, Outcome::Failure, Outcome::Rejected, Outcome::Timeout};
    for (int i = 0; i < 40; ++i) {
        RequestRecord r = makeRecord(i % 2 ? QStringLiteral("a") : QStringLiteral("b"),
                                     kT0 + qint64(i) * 7000, outcomes[i % 4], double(3 + i * 97 % 5000));
        if (i % 3 == 0) r.chaosIds = {QStringLiteral("chaos-1")};
        r.simulated = i % 2;
        out << r;
    }
    return out;
}

// Inserts rows with only the columns version 1 has.
bool insertVersion1Rows(QSqlDatabase db, const QList<RequestRecord> &records, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO requests (ts, dur, engine_id, service, kind, origin, outcome, error_class, "
        "error_message, http_status, latency_us, attempts, chaos_ids, simulated, tokens_in, "
        "tokens_out, cost_nusd, response_length, prompt) "
        "VALUES (?, ?, ?, ?, 0, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const RequestRecord &r : records) {
        int i = 0;
        q.bindValue(i++, r.startedAtMs);
        q.bindValue(i++, r.finishedAtMs - r.startedAtMs);
        q.bindValue(i++, qint64(r.id));
        q.bindValue(i++, r.service);
        q.bindValue(i++, storagecodes::code(r.outcome));
        q.bindValue(i++, storagecodes::code(r.errorClass));
        q.bindValue(i++, r.errorMessage);
        q.bindValue(i++, r.httpStatus);
        q.bindValue(i++, latencyToUs(r.latencyMs));
        q.bindValue(i++, r.attempts);
        q.bindValue(i++, r.chaosIds.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                              : QVariant(r.chaosIds.join(QLatin1Char(','))));
        q.bindValue(i++, int(r.simulated));
        q.bindValue(i++, r.inputTokens);
        q.bindValue(i++, r.outputTokens);
        q.bindValue(i++, costToNanoUsd(r.costUsd));
        q.bindValue(i++, r.responseLength);
        q.bindValue(i++, QStringLiteral("old prompt"));
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT
public:
    explicit TestMigrations(Backend backend)
        : m_backend(backend)
    {}

private:
    Backend m_backend;

private slots:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(backendName(m_backend)));
        if (m_backend == Backend::Postgres && pgUrl().isEmpty()) QSKIP(pgSkipMessage());
    }

    void fromEveryVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v < Schema::kLatestVersion; ++v)
            QTest::addRow("v%d", v) << v;
    }
    void fromEveryVersion()
    {
        QFETCH(int, from);
        TestDatabase t(m_backend, false);
        const QList<RequestRecord> records = oldRecords();
        QString error;
        {
            QSqlDatabase db = t.db()->connection(&error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            QVERIFY2(Schema::migrate(db, t.db()->dialect(), from, &error), qPrintable(error));
            QCOMPARE(Schema::version(db, t.db()->dialect(), &error), from);
            if (from >= 1) QVERIFY2(insertVersion1Rows(db, records, &error), qPrintable(error));
            if (from >= 2) {
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("INSERT INTO scenario_runs (run_id, name, started_ms, status) "
                                              "VALUES ('r1', 'suite', 1, 'passed')")));
            }
        }
        // Start-up migrates whatever is there to the newest version.
        QVERIFY2(t.db()->initialize(&error), qPrintable(error));
        {
            QSqlDatabase db = t.db()->connection();
            QCOMPARE(Schema::version(db, t.db()->dialect(), &error), Schema::kLatestVersion);
        }
        for (const QString &table : Schema::dataTables())
            QVERIFY2(t.count(table) >= 0, qPrintable(table));
        if (from == 0) {
            QCOMPARE(t.count(QStringLiteral("requests")), 0);
            return;
        }
        // Rows kept, new columns empty, roll-ups back-filled exactly as the writer would have built them.
        QCOMPARE(t.count(QStringLiteral("requests")), records.size());
        HistoryStore store(t.db());
        const HistoryPage page = store.history({}, 1000, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(page.rows.size(), records.size());
        for (const StoredRequest &r : page.rows) {
            QCOMPARE(r.record.runId, QString());
            QCOMPARE(r.record.retryAfterMs, -1);
            QCOMPARE(r.record.prompt, QStringLiteral("old prompt"));
        }
        QMap<QPair<QString, qint64>, MinuteRollup> expected;
        for (const RequestRecord &r : records) {
            MinuteRollup &m = expected[qMakePair(r.service, r.startedAtMs / 60'000)];
            m.add(r);
        }
        const QList<MinuteRollup> rollups = store.rollups(0, std::numeric_limits<qint32>::max(), {}, &error);
        QCOMPARE(rollups.size(), expected.size());
        for (const MinuteRollup &m : rollups) {
            const MinuteRollup e = expected.value(qMakePair(m.service, m.minute));
            QCOMPARE(m.additiveValues(), e.additiveValues());
            QCOMPARE(m.latMinUs, e.latMinUs);
            QCOMPARE(m.latMaxUs, e.latMaxUs);
        }
        if (from >= 2) QCOMPARE(t.count(QStringLiteral("scenario_runs")), 1);
        // Running the migrations again changes nothing.
        QVERIFY(t.db()->initialize(&error));
        QCOMPARE(t.count(QStringLiteral("rollups_minute")), rollups.size());
    }

    void refusesNewerSchema()
    {
        TestDatabase t(m_backend);
        {
            QSqlDatabase db = t.db()->connection();
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE schema_version SET version = 99")));
        }
        QString error;
        QVERIFY(!t.db()->initialize(&error));
        QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
    }

    void refusesForeignDatabase()
    {
        TestDatabase t(m_backend, false);
        {
            QSqlDatabase db = t.db()->connection();
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE requests (x INTEGER)")));
        }
        QString error;
        QVERIFY(!t.db()->initialize(&error));
        QVERIFY2(error.contains(QLatin1String("schema_version")), qPrintable(error));
    }

    void concurrentStartupsMigrateOnce()
    {
        TestDatabase t(m_backend, false);
        // Two processes' worth of connections starting at once.
        Database first(t.location()), second(t.location());
        QString e1, e2;
        bool ok1 = false, ok2 = false;
        QFutureSynchronizer<void> sync;
        sync.addFuture(QtConcurrent::run([&] {
            ok1 = first.initialize(&e1);
            first.releaseConnection();
        }));
        sync.addFuture(QtConcurrent::run([&] {
            ok2 = second.initialize(&e2);
            second.releaseConnection();
        }));
        sync.waitForFinished();
        QVERIFY2(ok1, qPrintable(e1));
        QVERIFY2(ok2, qPrintable(e2));
        QCOMPARE(t.count(QStringLiteral("schema_version")), 1);
        QCOMPARE(t.scalar(QStringLiteral("SELECT version FROM schema_version")), Schema::kLatestVersion);
    }

    void sqlitePragmas()
    {
        if (m_backend != Backend::Sqlite) QSKIP("SQLite settings");
        TestDatabase t(m_backend);
        QSqlDatabase db = t.db()->connection();
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1); // NORMAL
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout")) && q.next());
        QCOMPARE(q.value(0).toInt(), Database::Options{}.busyTimeoutMs);
    }

    void connectionPerThread()
    {
        TestDatabase t(m_backend);
        const QString mainName = t.db()->connection().connectionName();
        QString workerName;
        QThread *thread = QThread::create([&] {
            workerName = t.db()->connection().connectionName();
            QSqlQuery q(t.db()->connection());
            q.exec(QStringLiteral("SELECT COUNT(*) FROM requests"));
        });
        thread->start();
        QVERIFY(thread->wait(10'000));
        delete thread;
        QVERIFY(!workerName.isEmpty());
        QVERIFY(workerName != mainName);
        // Removed when its thread finished.
        QVERIFY(!QSqlDatabase::contains(workerName));
        QVERIFY(QSqlDatabase::contains(mainName));
        t.db()->releaseConnection();
        QVERIFY(!QSqlDatabase::contains(mainName));
    }

    void storageCodesAreStable()
    {
        // Part of the on-disk format (and of the version 3 back-fill SQL): never renumbered.
        QCOMPARE(storagecodes::code(Outcome::Success), 0);
        QCOMPARE(storagecodes::code(Outcome::Failure), 1);
        QCOMPARE(storagecodes::code(Outcome::Rejected), 2);
        QCOMPARE(storagecodes::code(Outcome::Timeout), 3);
        QCOMPARE(storagecodes::code(BreakerState::Closed), 0);
        QCOMPARE(storagecodes::code(ErrorClass::Cancelled), 11);
        for (int c = 0; c < 4; ++c)
            QCOMPARE(storagecodes::code(*storagecodes::outcome(c)), c);
        for (int c = 0; c < 12; ++c)
            QCOMPARE(storagecodes::code(*storagecodes::errorClass(c)), c);
        for (int c = 0; c < 6; ++c)
            QCOMPARE(storagecodes::code(*storagecodes::breakerState(c)), c);
        for (int c = 0; c < 5; ++c) {
            QCOMPARE(storagecodes::code(*storagecodes::providerKind(c)), c);
            QCOMPARE(storagecodes::code(*storagecodes::origin(c)), c);
        }
        for (int c = 0; c < 7; ++c)
            QCOMPARE(storagecodes::code(*storagecodes::chaosType(c)), c);
        QVERIFY(!storagecodes::outcome(4));
        QVERIFY(!storagecodes::errorClass(-1));
        // Every enumerator has its own code (a missing one would map to 0).
        QSet<int> seen;
        for (ErrorClass e :
             {ErrorClass::None, ErrorClass::RateLimited, ErrorClass::Overloaded, ErrorClass::Auth,
              ErrorClass::BadRequest, ErrorClass::ContextLength, ErrorClass::ServerError, ErrorClass::Timeout,
              ErrorClass::Network, ErrorClass::CorruptResponse, ErrorClass::Rejected, ErrorClass::Cancelled})
            seen.insert(storagecodes::code(e));
        QCOMPARE(seen.size(), 12);
    }

    void databaseLocation_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<QString>("detail"); // path, or host|port|user|password|db|schema|options
        QTest::addColumn<QString>("errorMentions");
        QTest::addRow("file") << "/var/lib/x/monitor.db" << false << "/var/lib/x/monitor.db"
                              << "";
        QTest::addRow("relative file") << "history.db" << false << "history.db"
                                       << "";
        QTest::addRow("full url")
            << "postgresql://team:p%40ss@db.example:6543/history?schema=team1&sslmode=require" << true
            << "db.example|6543|team|p@ss|history|team1|sslmode=require"
            << "";
        QTest::addRow("short scheme, default port") << "postgres://u@h/db" << true << "h|5432|u||db||"
                                                    << "";
        QTest::addRow("no database") << "postgresql://u@h:5432" << true << ""
                                     << "database name";
        QTest::addRow("bad schema") << "postgresql://u@h/db?schema=a-b" << true << ""
                                    << "schema";
        QTest::addRow("unknown parameter") << "postgresql://u@h/db?pool=3" << true << ""
                                           << "pool";
        QTest::addRow("other scheme") << "mysql://u@h/db" << false << ""
                                      << "mysql";
    }
    void databaseLocation()
    {
        QFETCH(QString, text);
        QFETCH(bool, postgres);
        QFETCH(QString, detail);
        QFETCH(QString, errorMentions);
        qunsetenv("PGPASSWORD");
        QString error;
        const DatabaseLocation l = DatabaseLocation::parse(text, &error);
        if (!errorMentions.isEmpty()) {
            QVERIFY2(error.contains(errorMentions), qPrintable(error));
            return;
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(l.isPostgres(), postgres);
        if (!postgres) {
            QCOMPARE(l.path, detail);
            QCOMPARE(l.defaultJournalPath(), detail + QStringLiteral(".journal.jsonl"));
            return;
        }
        const QStringList parts = detail.split(QLatin1Char('|'));
        QCOMPARE(l.host, parts[0]);
        QCOMPARE(l.port, parts[1].toInt());
        QCOMPARE(l.user, parts[2]);
        QCOMPARE(l.password, parts[3]);
        QCOMPARE(l.database, parts[4]);
        QCOMPARE(l.schema, parts[5]);
        QCOMPARE(l.libpqOptions, parts[6]);
        if (!l.password.isEmpty()) QVERIFY(!l.describe().contains(l.password));
    }

    void databaseLocationDefaultsAndEnvironment()
    {
        QString error;
        QVERIFY(DatabaseLocation::parse(QString(), &error).path.endsWith(QLatin1String("/monitor.db")));
        qputenv("PGPASSWORD", "from-env");
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("postgresql://u@h/db"), &error).password,
                 QStringLiteral("from-env"));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("postgresql://u:url@h/db"), &error).password,
                 QStringLiteral("url"));
        qunsetenv("PGPASSWORD");
    }

    void storageConfigJson()
    {
        StorageConfig c;
        QCOMPARE(c.mergeJson(QJsonObject{{QStringLiteral("memoryLimit"), 500},
                                         {QStringLiteral("rawRetentionDays"), 7},
                                         {QStringLiteral("storeResponses"), true}}),
                 QString());
        QCOMPARE(c.memoryLimit, 500);
        QCOMPARE(c.rawRetentionDays, 7);
        QVERIFY(c.storeResponses);
        const StorageConfig before = c;
        const QString error = c.mergeJson(
            QJsonObject{{QStringLiteral("memoryLimit"), 100}, {QStringLiteral("flushIntervalMs"), -5}});
        QVERIFY2(error.contains(QLatin1String("flushIntervalMs")), qPrintable(error));
        QCOMPARE(c.memoryLimit, before.memoryLimit); // unchanged on error
        StorageConfig round;
        QCOMPARE(round.mergeJson(c.toJson()), QString());
        QCOMPARE(round.toJson(), c.toJson());
    }

    void dialects()
    {
        const SqlDialect sqlite(SqlDialect::Kind::Sqlite), pg(SqlDialect::Kind::Postgres);
        QCOMPARE(sqlite.least(QStringLiteral("a"), QStringLiteral("b")), QStringLiteral("MIN(a, b)"));
        QCOMPARE(pg.greatest(QStringLiteral("a"), QStringLiteral("b")), QStringLiteral("GREATEST(a, b)"));
        QCOMPARE(sqlite.likeInsensitive(), QStringLiteral("LIKE"));
        QCOMPARE(pg.likeInsensitive(), QStringLiteral("ILIKE"));
        QVERIFY(sqlite.autoIdColumn().contains(QLatin1String("INTEGER PRIMARY KEY")));
        QVERIFY(pg.autoIdColumn().contains(QLatin1String("IDENTITY")));
        QCOMPARE(sqlite.beginWrite(), QStringLiteral("BEGIN IMMEDIATE"));
        QVERIFY(sqlite.migrationLock().isEmpty());
        QVERIFY(pg.migrationLock().contains(QLatin1String("advisory")));
    }

    void latencyBuckets_data()
    {
        QTest::addColumn<double>("ms");
        QTest::addColumn<int>("bucket");
        QTest::addRow("zero") << 0.0 << 0;
        QTest::addRow("on a bound") << 5.0 << 0;
        QTest::addRow("just above") << 5.001 << 1;
        QTest::addRow("prometheus bound 2500") << 2500.0 << 13;
        QTest::addRow("last bound") << 60000.0 << 20;
        QTest::addRow("overflow") << 60000.5 << 21;
    }
    void latencyBuckets()
    {
        QFETCH(double, ms);
        QFETCH(int, bucket);
        QCOMPARE(LatencyBuckets::indexFor(ms), bucket);
        // Every Prometheus bound is a bucket bound, so exported histograms can be rebuilt from roll-ups.
        for (double b : kPrometheusBucketsMs)
            QVERIFY(std::find(LatencyBuckets::kUpperBoundsMs.begin(), LatencyBuckets::kUpperBoundsMs.end(),
                              b) != LatencyBuckets::kUpperBoundsMs.end());
    }

    void latencyPercentiles()
    {
        LatencyBuckets::Counts c{};
        c[std::size_t(LatencyBuckets::indexFor(80))] = 50;            // (75, 100]
        c[std::size_t(LatencyBuckets::indexFor(400))] = 50;           // (350, 500]
        QCOMPARE(LatencyBuckets::percentile(c, 50, 80, 400), 100.0);  // last sample of the first bucket
        QCOMPARE(LatencyBuckets::percentile(c, 100, 80, 400), 400.0); // narrowed to the observed maximum
        const double p75 = LatencyBuckets::percentile(c, 75, 80, 400);
        QVERIFY(p75 > 350 && p75 < 400);
        QCOMPARE(LatencyBuckets::percentile(LatencyBuckets::Counts{}, 50, 0, 0), 0.0);
    }
};

AIRM_STORAGE_TEST_MAIN(TestMigrations)

#include "tst_migrations.moc"
