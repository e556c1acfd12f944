// StorageWriter end to end on SQLite and PostgreSQL: every RequestRecord field survives the round trip,
// batches maintain the minute roll-ups, the other tables upsert, and nothing is lost when the database is
// locked, missing or unwritable (memory, backoff, journal spill and replay), when the writer stops, or when a
// writing process is killed with SIGKILL. Retention deletes by age. A child writer for the kill test is this
// binary started with --child-writer PATH.
#include "storage/historystore.h"
#include "storage/journal.h"
#include "storage/recordcodec.h"
#include "storage/storagewriter.h"

#include "storagetestenv.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTimer>
#include <cstdio>
#include <unistd.h>

using namespace airm;
using namespace airm::testenv;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000; // a whole minute

StorageConfig testConfig()
{
    StorageConfig c;
    c.flushIntervalMs = 20;
    c.retryInitialMs = 20;
    c.retryMaxMs = 200;
    c.writerLockTimeoutMs = 50;
    c.cleanupIntervalMs = 0;
    c.stateSignalIntervalMs = 0;
    return c;
}

void compareAttempts(const QList<AttemptRecord> &actual, const QList<AttemptRecord> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const AttemptRecord &a = actual[i];
        const AttemptRecord &e = expected[i];
        QCOMPARE(a.service, e.service);
        QCOMPARE(a.number, e.number);
        QCOMPARE(a.outcome, e.outcome);
        QCOMPARE(a.errorClass, e.errorClass);
        QCOMPARE(a.errorMessage, e.errorMessage);
        QCOMPARE(a.httpStatus, e.httpStatus);
        QVERIFY2(qAbs(a.latencyMs - e.latencyMs) < 0.0006, qPrintable(QString::number(a.latencyMs)));
        QCOMPARE(a.chaosIds, e.chaosIds);
        QCOMPARE(a.simulated, e.simulated);
    }
}

void compareRecords(const RequestRecord &a, const RequestRecord &e)
{
    QCOMPARE(a.id, e.id);
    QCOMPARE(a.startedAtMs, e.startedAtMs);
    QCOMPARE(a.finishedAtMs, e.finishedAtMs);
    QCOMPARE(a.service, e.service);
    QCOMPARE(a.servedBy, e.servedBy);
    QCOMPARE(a.kind, e.kind);
    QCOMPARE(a.model, e.model);
    QCOMPARE(a.origin, e.origin);
    QCOMPARE(a.runId, e.runId);
    QCOMPARE(a.outcome, e.outcome);
    QCOMPARE(a.errorClass, e.errorClass);
    QCOMPARE(a.errorMessage, e.errorMessage);
    QCOMPARE(a.httpStatus, e.httpStatus);
    QVERIFY(qAbs(a.latencyMs - e.latencyMs) < 0.0006);
    QCOMPARE(a.attempts, e.attempts);
    compareAttempts(a.attemptList, e.attemptList);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(a.fallbackUsed, e.fallbackUsed);
    QCOMPARE(a.breakerState, e.breakerState);
    QCOMPARE(a.chaosIds, e.chaosIds);
    QCOMPARE(a.simulated, e.simulated);
    QCOMPARE(a.inputTokens, e.inputTokens);
    QCOMPARE(a.outputTokens, e.outputTokens);
    QVERIFY(qAbs(a.costUsd - e.costUsd) < 1e-9);
    QCOMPARE(a.retryAfterMs, e.retryAfterMs);
    QCOMPARE(a.prompt, e.prompt);
    QCOMPARE(a.responseText, e.responseText);
    QCOMPARE(a.responseLength, e.responseLength);
}

// The records of the round trip: every field set to something other than its default somewhere.
QList<RequestRecord> roundTripRecords()
{
    RequestRecord plain = makeRecord(QStringLiteral("gemini"), kT0 + 1000, Outcome::Success, 812.125);
    plain.kind = ProviderKind::Gemini;
    plain.origin = Origin::Api;
    plain.runId = QStringLiteral("run-7");
    plain.prompt = QStringLiteral("Hello, \"world\"\nsecond line, ünïcödé ✓");
    plain.responseText = QStringLiteral("not stored by default");
    plain.attemptList[0].latencyMs = 800.5; // differs from the request's latency: stored in the attempt list

    RequestRecord fallback = makeRecord(QStringLiteral("gemini"), kT0 + 2000, Outcome::Success, 2345.678);
    fallback.servedBy = QStringLiteral("cohere");
    fallback.kind = ProviderKind::Anthropic;
    fallback.origin = Origin::Scenario;
    fallback.fallbackUsed = true;
    fallback.breakerState = BreakerState::HalfOpen;
    fallback.chaosIds = {QStringLiteral("chaos-1"), QStringLiteral("chaos-2")};
    fallback.simulated = true;
    fallback.retryAfterMs = 12'000;
    fallback.costUsd = 0.000123456;
    fallback.inputTokens = 1234;
    fallback.outputTokens = 5678;
    fallback.responseLength = 4321;
    AttemptRecord a1;
    a1.service = QStringLiteral("gemini");
    a1.number = 1;
    a1.outcome = Outcome::Failure;
    a1.errorClass = ErrorClass::RateLimited;
    a1.errorMessage = QStringLiteral("Retry in 12s, \"quota\" exceeded");
    a1.httpStatus = 429;
    a1.latencyMs = 120.25;
    a1.chaosIds = {QStringLiteral("chaos-1")};
    a1.simulated = true;
    AttemptRecord a2 = a1;
    a2.number = 2;
    a2.outcome = Outcome::Timeout;
    a2.errorClass = ErrorClass::Timeout;
    a2.errorMessage = QStringLiteral("attempt timed out");
    a2.httpStatus = 0;
    a2.chaosIds = {QStringLiteral("chaos-2")};
    AttemptRecord a3;
    a3.service = QStringLiteral("cohere");
    a3.number = 3;
    a3.httpStatus = 200;
    a3.latencyMs = 900;
    a3.simulated = false;
    fallback.attemptList = {a1, a2, a3};
    fallback.attempts = 3;

    RequestRecord rejected = makeRecord(QStringLiteral("huggingface"), kT0 + 3000, Outcome::Rejected);
    rejected.servedBy = QString(); // never served
    rejected.breakerState = BreakerState::Open;
    rejected.kind = ProviderKind::HuggingFace;

    RequestRecord timeout = makeRecord(QStringLiteral("openai"), kT0 + 4000, Outcome::Timeout, 10'000);
    timeout.origin = Origin::HealthCheck;
    timeout.prompt = QStringLiteral("p");
    timeout.model.clear();
    return {plain, fallback, rejected, timeout};
}

} // namespace

class TestStorageWriter : public QObject
{
    Q_OBJECT
public:
    explicit TestStorageWriter(Backend backend)
        : m_backend(backend)
    {}

private:
    Backend m_backend;
    std::unique_ptr<TestDatabase> m_db;

    bool sqlite() const { return m_backend == Backend::Sqlite; }

    // The journal in the test's own directory (a server database's default is under AppDataLocation).
    StorageConfig cfg() const
    {
        StorageConfig c = testConfig();
        c.journalPath = m_db->dirPath(QStringLiteral("journal.jsonl"));
        return c;
    }

    QHash<quint64, RequestRecord> readAll()
    {
        HistoryStore store(m_db->db());
        QHash<quint64, RequestRecord> out;
        QString error;
        store.forEach(
            {}, 100,
            [&](const StoredRequest &r) {
                out.insert(r.record.id, r.record);
                return true;
            },
            &error);
        if (!error.isEmpty()) qWarning("%s", qPrintable(error));
        return out;
    }

    // Holds the write lock of the database from a second connection until release().
    struct Lock
    {
        std::unique_ptr<Database> db;
        bool held = false;
        Lock(const DatabaseLocation &location, bool sqlite)
            : db(std::make_unique<Database>(location))
        {
            QSqlDatabase c = db->connection();
            QSqlQuery q(c);
            held = sqlite ? q.exec(QStringLiteral("BEGIN EXCLUSIVE"))
                          // EXCLUSIVE: blocks every writer, still lets the test read.
                          : q.exec(QStringLiteral("BEGIN")) &&
                                q.exec(QStringLiteral("LOCK TABLE requests IN EXCLUSIVE MODE"));
        }
        void release()
        {
            if (!held) return;
            QSqlDatabase c = db->connection();
            QSqlQuery(c).exec(QStringLiteral("ROLLBACK"));
            held = false;
        }
        ~Lock()
        {
            release();
            db->releaseConnection();
        }
    };

private slots:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(backendName(m_backend)));
        if (m_backend == Backend::Postgres && pgUrl().isEmpty()) QSKIP(pgSkipMessage());
    }

    void init() { m_db = std::make_unique<TestDatabase>(m_backend); }
    void cleanup() { m_db.reset(); }

    void roundTripEveryField()
    {
        const QList<RequestRecord> records = roundTripRecords();
        {
            StorageWriter writer(m_db->db(), cfg());
            writer.start();
            writer.enqueue(records);
            QVERIFY(writer.flush(10'000));
            QCOMPARE(writer.state().written, qint64(records.size()));
        }
        const auto stored = readAll();
        QCOMPARE(stored.size(), records.size());
        for (RequestRecord expected : records) {
            expected.responseText.clear(); // responses are not stored by default
            compareRecords(stored.value(expected.id), expected);
            if (QTest::currentTestFailed()) return;
        }
        // Compact storage: NULL prompt in privacy mode, NULL attempt list when it is the request itself.
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM requests WHERE prompt IS NULL")), 2);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM requests WHERE attempt_list IS NULL")), 2);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM requests WHERE response IS NOT NULL")), 0);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM requests WHERE served_by IS NULL")), 2);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM requests WHERE served_by = ''")), 1);
    }

    void textPolicy_data()
    {
        QTest::addColumn<bool>("storePrompts");
        QTest::addColumn<int>("maxPromptChars");
        QTest::addColumn<bool>("storeResponses");
        QTest::addColumn<int>("maxResponseChars");
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("response");
        QTest::addRow("defaults") << true << 16384 << false << 2048 << QStringLiteral("0123456789")
                                  << QString();
        QTest::addRow("prompt truncated")
            << true << 4 << false << 2048 << QStringLiteral("0123") << QString();
        QTest::addRow("prompts off") << false << 4 << false << 2048 << QString() << QString();
        QTest::addRow("responses on, truncated")
            << true << 16384 << true << 5 << QStringLiteral("0123456789") << QStringLiteral("abcde");
    }
    void textPolicy()
    {
        QFETCH(bool, storePrompts);
        QFETCH(int, maxPromptChars);
        QFETCH(bool, storeResponses);
        QFETCH(int, maxResponseChars);
        QFETCH(QString, prompt);
        QFETCH(QString, response);
        StorageConfig c = cfg();
        c.storePrompts = storePrompts;
        c.maxPromptChars = maxPromptChars;
        c.storeResponses = storeResponses;
        c.maxResponseChars = maxResponseChars;
        RequestRecord r = makeRecord(QStringLiteral("gemini"), kT0);
        r.prompt = QStringLiteral("0123456789");
        r.responseText = QStringLiteral("abcdefghij");
        {
            StorageWriter writer(m_db->db(), c);
            writer.start();
            writer.enqueue(r);
            QVERIFY(writer.flush(10'000));
        }
        const RequestRecord stored = readAll().value(r.id);
        QCOMPARE(stored.prompt, prompt);
        QCOMPARE(stored.responseText, response);
        QCOMPARE(stored.responseLength, r.responseLength);
    }

    void batchesMaintainRollups()
    {
        QList<RequestRecord> first, second;
        const Outcome outcomes[] = {Outcome::Success, Outcome::Success, Outcome::Failure, Outcome::Timeout,
                                    Outcome::Rejected};
        for (int i = 0; i < 2500; ++i) {
            const QString service = i % 2 ? QStringLiteral("a") : QStringLiteral("b");
            RequestRecord r =
                makeRecord(service, kT0 + qint64(i) * 70, outcomes[i % 5], 3.0 + (i * 37) % 9000);
            if (i % 7 == 0) r.chaosIds = {QStringLiteral("chaos-9")};
            r.simulated = i % 3 == 0;
            (i < 1700 ? first : second) << r;
        }
        {
            StorageWriter writer(m_db->db(), cfg());
            writer.start();
            writer.enqueue(first);
            QVERIFY(writer.flush(10'000));
            // A second batch touching the same minutes adds to their rows.
            writer.enqueue(second);
            QVERIFY(writer.flush(10'000));
        }
        QMap<QPair<QString, qint64>, MinuteRollup> expected;
        for (const QList<RequestRecord> *list : {&first, &second})
            for (const RequestRecord &r : *list) {
                MinuteRollup &m = expected[qMakePair(r.service, r.startedAtMs / 60'000)];
                m.service = r.service;
                m.minute = r.startedAtMs / 60'000;
                m.add(r);
            }
        HistoryStore store(m_db->db());
        QString error;
        const QList<MinuteRollup> actual = store.rollups(0, std::numeric_limits<qint32>::max(), {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(actual.size(), expected.size());
        for (const MinuteRollup &m : actual) {
            const MinuteRollup e = expected.value(qMakePair(m.service, m.minute));
            QCOMPARE(m.additiveValues(), e.additiveValues());
            QCOMPARE(m.latMinUs, e.latMinUs);
            QCOMPARE(m.latMaxUs, e.latMaxUs);
        }
        QCOMPARE(m_db->count(QStringLiteral("requests")), 2500);
    }

    void otherTablesUpsert()
    {
        BreakerTransition t;
        t.atMs = kT0;
        t.service = QStringLiteral("gemini");
        t.from = BreakerState::Closed;
        t.to = BreakerState::Open;
        t.reason = QStringLiteral("5 consecutive failures");
        ChaosRecord c;
        c.id = QStringLiteral("chaos-1");
        c.type = ChaosType::Failure;
        c.targets = {QStringLiteral("gemini")};
        c.params = QJsonObject{{QStringLiteral("probabilityPct"), 50}};
        c.startedMs = kT0;
        c.endsMs = kT0 + 30'000;
        c.status = QStringLiteral("active");
        ChaosRecord ended = c;
        ended.endedMs = kT0 + 20'000;
        ended.status = QStringLiteral("stopped");
        ended.touched = 42;
        ScenarioRunRecord s{
            QStringLiteral("run-1"), QStringLiteral("validation"), kT0, 0, QStringLiteral("running"), {}};
        ScenarioRunRecord done = s;
        done.endedMs = kT0 + 60'000;
        done.status = QStringLiteral("passed");
        done.report = QJsonObject{{QStringLiteral("hypotheses"), 3}};
        AlertRecord alert{QStringLiteral("alert-1"),
                          kT0,
                          QStringLiteral("failure-rate"),
                          QStringLiteral("warning"),
                          QStringLiteral("gemini"),
                          QStringLiteral("failure rate 60%"),
                          false};
        AlertRecord delivered = alert;
        delivered.delivered = true;
        {
            StorageWriter writer(m_db->db(), cfg());
            writer.start();
            writer.enqueueTransition(t);
            writer.enqueueChaos(c);
            writer.enqueueScenarioRun(s);
            writer.enqueueAlert(alert);
            QVERIFY(writer.flush(10'000));
            writer.enqueueChaos(ended);
            writer.enqueueScenarioRun(done);
            writer.enqueueAlert(delivered);
            QVERIFY(writer.flush(10'000));
        }
        HistoryStore store(m_db->db());
        const auto transitions = store.breakerTransitions({}, 0, 0, 10);
        QCOMPARE(transitions.size(), 1);
        QCOMPARE(transitions[0].to, BreakerState::Open);
        QCOMPARE(transitions[0].reason, t.reason);
        const auto chaos = store.chaosExperiments(0, 0, 10);
        QCOMPARE(chaos.size(), 1);
        QCOMPARE(chaos[0].status, QStringLiteral("stopped"));
        QCOMPARE(chaos[0].endedMs, ended.endedMs);
        QCOMPARE(chaos[0].touched, 42);
        QCOMPARE(chaos[0].targets, c.targets);
        QCOMPARE(chaos[0].params, c.params);
        const auto runs = store.scenarioRuns(0, 0, 10);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0].status, QStringLiteral("passed"));
        QCOMPARE(runs[0].report, done.report);
        const auto alerts = store.alerts(0, 0, 10);
        QCOMPARE(alerts.size(), 1);
        QVERIFY(alerts[0].delivered);
        QCOMPARE(alerts[0].service, QStringLiteral("gemini"));
    }

    void stateSignalAndDestructorFlush()
    {
        QList<RequestRecord> records;
        for (int i = 0; i < 300; ++i)
            records << makeRecord(QStringLiteral("a"), kT0 + i);
        {
            StorageWriter writer(m_db->db(), cfg());
            QSignalSpy spy(&writer, &StorageWriter::stateChanged);
            writer.start();
            writer.enqueue(records);
            QTRY_VERIFY_WITH_TIMEOUT(
                !spy.isEmpty() && spy.constLast().at(0).value<StorageState>().written == 300, 10'000);
            QVERIFY(spy.constLast().at(0).value<StorageState>().isOk());
            // Enqueued and not flushed: the destructor writes them.
            for (int i = 0; i < 200; ++i)
                writer.enqueue(makeRecord(QStringLiteral("b"), kT0 + i));
        }
        QCOMPARE(m_db->count(QStringLiteral("requests")), 500);
    }

    void lockedDatabaseLosesNothing()
    {
        StorageWriter writer(m_db->db(), cfg());
        writer.start();
        writer.enqueue(makeRecord(QStringLiteral("a"), kT0));
        QVERIFY(writer.flush(10'000));

        Lock lock(m_db->location(), sqlite());
        QVERIFY(lock.held);
        for (int i = 1; i <= 500; ++i)
            writer.enqueue(makeRecord(QStringLiteral("a"), kT0 + i));
        QTRY_VERIFY_WITH_TIMEOUT(writer.state().isDegraded(), 10'000);
        const StorageState degraded = writer.state();
        QVERIFY2(degraded.reason.contains(QLatin1String("lock"), Qt::CaseInsensitive),
                 qPrintable(degraded.reason));
        QCOMPARE(degraded.queued, 500);
        QVERIFY(!writer.flush(100));
        lock.release();
        QTRY_VERIFY_WITH_TIMEOUT(writer.state().isOk(), 10'000);
        QVERIFY(writer.flush(10'000));
        QCOMPARE(writer.state().written, 501);
        QCOMPARE(writer.state().queued, 0);
        QCOMPARE(m_db->count(QStringLiteral("requests")), 501);
    }

    void memoryOverflowSpillsToJournalAndReplays()
    {
        StorageConfig c = cfg();
        c.memoryLimit = 100;
        StorageWriter writer(m_db->db(), c);
        writer.start();
        QVERIFY(writer.flush(10'000));
        {
            Lock lock(m_db->location(), sqlite());
            QVERIFY(lock.held);
            for (int i = 0; i < 1000; ++i)
                writer.enqueue(makeRecord(i % 2 ? QStringLiteral("a") : QStringLiteral("b"), kT0 + i));
            BreakerTransition t;
            t.atMs = kT0;
            t.service = QStringLiteral("a");
            t.to = BreakerState::Open;
            writer.enqueueTransition(t);
            QTRY_VERIFY_WITH_TIMEOUT(writer.state().spilled >= 901, 10'000);
            const StorageState s = writer.state();
            QVERIFY(s.isDegraded());
            QCOMPARE(s.queued + s.journaled, 1001);
            QVERIFY(s.queued <= 100);
            Journal journal(writer.journalPath());
            QVERIFY(journal.exists());
            QCOMPARE(journal.countLines(), s.journaled);
            QCOMPARE(m_db->count(QStringLiteral("requests")), 0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(writer.state().isOk() && writer.state().journaled == 0, 10'000);
        QVERIFY(writer.flush(10'000));
        QCOMPARE(m_db->count(QStringLiteral("requests")), 1000);
        QCOMPARE(m_db->count(QStringLiteral("breaker_transitions")), 1);
        QCOMPARE(m_db->count(QStringLiteral("journal_state")), 0);
        QVERIFY(!QFile::exists(writer.journalPath()));
        QVERIFY(writer.state().replayed >= 901);
        // Replayed rows feed the roll-ups like any others.
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT SUM(requests) FROM rollups_minute")), 1000);
    }

    void stopSpillsWhatItCannotWrite()
    {
        QString journalPath;
        {
            Lock lock(m_db->location(), sqlite());
            QVERIFY(lock.held);
            StorageWriter writer(m_db->db(), cfg());
            writer.start();
            for (int i = 0; i < 300; ++i)
                writer.enqueue(makeRecord(QStringLiteral("a"), kT0 + i));
            journalPath = writer.journalPath();
            writer.stop(200);
            QCOMPARE(writer.state().journaled, 300);
            writer.enqueue(makeRecord(QStringLiteral("a"), kT0));
            QCOMPARE(writer.state().dropped, 1); // after stop()
        }
        QVERIFY(QFile::exists(journalPath));
        QCOMPARE(m_db->count(QStringLiteral("requests")), 0);
        // The next run replays the journal before anything else.
        StorageWriter next(m_db->db(), cfg());
        next.start();
        QVERIFY(next.flush(10'000));
        QCOMPARE(m_db->count(QStringLiteral("requests")), 300);
        QVERIFY(!QFile::exists(journalPath));
    }

    void replayResumesWithoutDuplicates()
    {
        // A journal of 10 records whose first 6 were committed before the process died (journal_state says
        // so), followed by a torn line.
        StorageConfig c = cfg();
        c.journalPath = m_db->dirPath(QStringLiteral("spill.jsonl"));
        QList<RequestRecord> records;
        QList<QByteArray> lines;
        for (int i = 0; i < 10; ++i) {
            records << makeRecord(QStringLiteral("a"), kT0 + i * 1000);
            lines << RecordCodec::toJournalLine(records.constLast());
        }
        Journal journal(c.journalPath);
        QString error;
        QVERIFY(journal.append(lines, &error));
        {
            QFile f(c.journalPath);
            QVERIFY(f.open(QIODevice::Append));
            f.write("{\"k\":\"request\",\"v\":{\"id\":\"99\",\"serv"); // torn by a crash
        }
        m_db->write(records.mid(0, 6));
        {
            QSqlDatabase conn = m_db->db()->connection();
            QSqlQuery q(conn);
            q.prepare(QStringLiteral("INSERT INTO journal_state (journal_id, lines_done) VALUES (?, 6)"));
            q.addBindValue(Journal(c.journalPath).id());
            QVERIFY(q.exec());
        }
        StorageWriter writer(m_db->db(), c);
        writer.start();
        QVERIFY(writer.flush(10'000));
        QCOMPARE(m_db->count(QStringLiteral("requests")), 10);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(DISTINCT engine_id) FROM requests")), 10);
        QCOMPARE(writer.state().replayed, 4);
        QVERIFY(!QFile::exists(c.journalPath));
    }

    void missingDatabaseRecovers()
    {
        if (!sqlite()) QSKIP("a missing database file is an SQLite condition");
        // The database's directory cannot be created while a plain file sits where it should be.
        const QString blocker = m_db->dirPath(QStringLiteral("data"));
        {
            QFile f(blocker);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto db =
            std::make_shared<Database>(DatabaseLocation::sqlite(blocker + QStringLiteral("/monitor.db")));
        StorageConfig c = cfg();
        c.journalPath = m_db->dirPath(QStringLiteral("journal.jsonl"));
        c.memoryLimit = 50;
        StorageWriter writer(db, c);
        writer.start();
        for (int i = 0; i < 200; ++i)
            writer.enqueue(makeRecord(QStringLiteral("a"), kT0 + i));
        QTRY_VERIFY_WITH_TIMEOUT(writer.state().isDegraded() && writer.state().spilled >= 150, 10'000);
        QVERIFY2(writer.state().reason.contains(QLatin1String("directory")),
                 qPrintable(writer.state().reason));
        QVERIFY(QFile::remove(blocker));
        QTRY_VERIFY_WITH_TIMEOUT(writer.state().isOk(), 10'000);
        QVERIFY(writer.flush(10'000));
        QCOMPARE(writer.state().written, 200);
        HistoryStore store(db);
        QCOMPARE(store.count({}), 200);
        writer.stop();
        db->releaseConnection();
    }

    void readOnlyFileRecovers()
    {
        if (!sqlite()) QSKIP("file permissions are an SQLite condition");
        if (::geteuid() == 0)
            QSKIP("running as root: file permissions do not stop root (the lock tests cover it)");
        StorageWriter writer(m_db->db(), cfg());
        writer.start();
        QVERIFY(writer.flush(10'000));
        writer.stop();
        const QString path = m_db->location().path;
        m_db->db()->releaseConnection();
        QFile::setPermissions(path, QFileDevice::ReadOwner);
        StorageWriter again(m_db->db(), cfg());
        again.start();
        for (int i = 0; i < 100; ++i)
            again.enqueue(makeRecord(QStringLiteral("a"), kT0 + i));
        QTRY_VERIFY_WITH_TIMEOUT(again.state().isDegraded(), 10'000);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QTRY_VERIFY_WITH_TIMEOUT(again.state().isOk(), 10'000);
        QVERIFY(again.flush(10'000));
        QCOMPARE(m_db->count(QStringLiteral("requests")), 100);
    }

    void retentionDeletesByAge()
    {
        const qint64 now = kT0 + 400LL * 86'400'000;
        const qint64 day = 86'400'000;
        QList<RequestRecord> records;
        for (qint64 age : {1, 10, 29, 31, 40, 200, 366, 380})
            records << makeRecord(QStringLiteral("a"), now - age * day);
        m_db->write(records);
        BatchWriter::Items items;
        for (qint64 age : {5, 35}) {
            BreakerTransition t;
            t.atMs = now - age * day;
            t.service = QStringLiteral("a");
            items.push_back(t);
            ChaosRecord c;
            c.id = QStringLiteral("chaos-%1").arg(age);
            c.startedMs = now - age * 10 * day;
            c.endsMs = c.startedMs + 1000;
            items.push_back(c);
        }
        m_db->write(items);
        QCOMPARE(m_db->count(QStringLiteral("rollups_minute")), 8);

        StorageWriter writer(m_db->db(), cfg());
        QSignalSpy spy(&writer, &StorageWriter::retentionFinished);
        writer.start();
        writer.requestRetention(now);
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 10'000);
        const auto result = spy.at(0).at(0).value<RetentionResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.requests, 5); // older than 30 days
        QCOMPARE(result.rollups, 2);  // older than 365 days
        QCOMPARE(result.transitions, 1);
        QCOMPARE(result.chaosExperiments, 0); // started 50 and 350 days ago: within the roll-up retention
        QCOMPARE(m_db->count(QStringLiteral("requests")), 3);
        QCOMPARE(m_db->count(QStringLiteral("rollups_minute")), 6);
        QCOMPARE(m_db->count(QStringLiteral("breaker_transitions")), 1);
        // A second run finds nothing more to delete.
        writer.requestRetention(now);
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, 10'000);
        QCOMPARE(spy.at(1).at(0).value<RetentionResult>().requests, 0);
    }

    void killedWriterLeavesACleanDatabase()
    {
        if (!sqlite()) QSKIP("the crash test is about the embedded database file");
        const QString path = m_db->dirPath(QStringLiteral("killed.db"));
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child-writer"), path});
        QVERIFY(child.waitForStarted());
        QByteArray output;
        qint64 reported = 0;
        auto poll = [&] {
            output += child.readAllStandardOutput();
            const QList<QByteArray> lines = output.split('\n');
            for (const QByteArray &l : lines)
                if (l.startsWith("written ")) reported = std::max(reported, l.mid(8).toLongLong());
            return reported;
        };
        QTRY_VERIFY_WITH_TIMEOUT(poll() >= 30'000, 20'000);
        poll();
        child.kill(); // SIGKILL in the middle of heavy writing
        QVERIFY(child.waitForFinished(10'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        Database db(DatabaseLocation::sqlite(path));
        {
            QSqlDatabase c = db.connection();
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM requests")));
            QVERIFY(q.next());
            const qint64 rows = q.value(0).toLongLong();
            QVERIFY2(rows >= reported,
                     qPrintable(QStringLiteral("%1 rows, %2 reported").arg(rows).arg(reported)));
            // Roll-ups are committed with their rows: they agree after the crash.
            QVERIFY(q.exec(QStringLiteral("SELECT SUM(requests) FROM rollups_minute")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), rows);
        }
        db.releaseConnection();
    }
};

// The child of killedWriterLeavesACleanDatabase: writes about 100k records a second until killed, printing
// how many are committed.
static int runChildWriter(const QString &path)
{
    auto db = std::make_shared<Database>(DatabaseLocation::sqlite(path));
    StorageConfig c;
    c.cleanupIntervalMs = 0;
    StorageWriter writer(db, c);
    writer.start();
    qint64 n = 0;
    QTimer produce;
    QObject::connect(&produce, &QTimer::timeout, &produce, [&] {
        for (int i = 0; i < 500; ++i, ++n)
            writer.enqueue(makeRecord(n % 3 ? QStringLiteral("a") : QStringLiteral("b"), kT0 + n * 10,
                                      n % 5 ? Outcome::Success : Outcome::Failure, double(n % 700)));
    });
    produce.start(5);
    QTimer report;
    QObject::connect(&report, &QTimer::timeout, &report, [&] {
        std::printf("written %lld\n", static_cast<long long>(writer.state().written));
        std::fflush(stdout);
    });
    report.start(20);
    return QCoreApplication::exec();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--child-writer") == 0)
        return runChildWriter(QString::fromLocal8Bit(argv[2]));
    return runOnBothBackends<TestStorageWriter>(argc, argv);
}

#include "tst_storagewriter.moc"
