#include "storageworker.h"

#include "recordcodec.h"
#include "schema.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace airm {

Q_LOGGING_CATEGORY(lcStorage, "airm.storage")

namespace {
constexpr qint64 kLogEveryNthFailure = 50;
} // namespace

StorageWorker::StorageWorker(std::shared_ptr<const Database> db, StorageConfig config,
                             std::shared_ptr<WriterShared> shared)
    : m_db(std::move(db))
    , m_config(std::move(config))
    , m_shared(std::move(shared))
    , m_journal(m_config.journalPath.isEmpty() ? m_db->location().defaultJournalPath() : m_config.journalPath)
    , m_backoffMs(m_config.retryInitialMs)
{
    m_clock.start();
}

StorageWorker::~StorageWorker() = default;

void StorageWorker::start()
{
    m_tick = new QTimer(this);
    m_tick->setInterval(m_config.flushIntervalMs);
    connect(m_tick, &QTimer::timeout, this, [this] { drain(); });
    m_tick->start();
    if (m_config.cleanupIntervalMs > 0) {
        m_cleanup = new QTimer(this);
        m_cleanup->setSingleShot(true);
        connect(m_cleanup, &QTimer::timeout, this, [this] {
            runRetention(QDateTime::currentMSecsSinceEpoch());
            m_cleanup->start(int(qMin<qint64>(m_config.cleanupIntervalMs, std::numeric_limits<int>::max())));
        });
        m_cleanup->start(int(qMin<qint64>(m_config.firstCleanupDelayMs, std::numeric_limits<int>::max())));
    }
    const qint64 inJournal = m_journal.countLines();
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->journaled = inJournal;
        m_shared->started = true;
        m_shared->progressed.wakeAll();
    }
    drain();
}

bool StorageWorker::readyToTry() const
{
    return m_clock.elapsed() >= m_retryAt;
}

void StorageWorker::takeQueue()
{
    std::vector<StorageItem> taken;
    {
        QMutexLocker lock(&m_shared->mutex);
        taken.swap(m_shared->queue);
        m_shared->wakePosted = false;
        m_shared->pending = qint64(m_pending.size() + taken.size());
    }
    for (StorageItem &item : taken) {
        if (auto *r = std::get_if<RequestRecord>(&item)) RecordCodec::applyPolicy(*r, m_config);
        m_pending.push_back(std::move(item));
    }
}

void StorageWorker::drain()
{
    takeQueue();
    if (readyToTry() && (!m_pending.empty() || m_journal.exists() || m_degraded || !m_writer)) {
        if (ensureOpen() && replayJournal()) writePending(QDeadlineTimer(QDeadlineTimer::Forever));
    }
    if (m_pending.size() > std::size_t(m_config.memoryLimit))
        spill(m_pending.size() - std::size_t(m_config.memoryLimit));
    publish(false);
}

bool StorageWorker::ensureOpen()
{
    const bool sqlite = !m_db->location().isPostgres();
    if (m_writer) {
        // A deleted or moved file would keep taking writes through the open descriptor and lose them.
        if (!sqlite || QFileInfo::exists(m_db->location().path)) return true;
        closeConnection();
    }
    QString error;
    QSqlDatabase db = m_db->connection(&error);
    if (!db.isOpen()) {
        fail(error);
        return false;
    }
    {
        QSqlQuery q(db);
        for (const QString &setting :
             m_db->dialect().writerSettings(m_config.writerLockTimeoutMs, m_config.sqliteCheckpointPages))
            q.exec(setting);
    }
    if (!Schema::migrate(db, m_db->dialect(), Schema::kLatestVersion, &error)) {
        db = QSqlDatabase();
        closeConnection();
        fail(error);
        return false;
    }
    m_writer = std::make_unique<BatchWriter>(db, m_db->dialect());
    return true;
}

void StorageWorker::closeConnection()
{
    m_writer.reset();
    m_db->releaseConnection();
}

bool StorageWorker::replayJournal()
{
    if (!m_journal.exists()) return true;
    const QString id = m_journal.id();
    qint64 done = 0;
    QString error;
    if (!id.isEmpty()) {
        {
            QSqlDatabase db = m_db->connection();
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT lines_done FROM journal_state WHERE journal_id = ?"));
            q.addBindValue(id);
            if (!q.exec())
                error = QStringLiteral("reading the journal position: %1").arg(q.lastError().text());
            else if (q.next())
                done = q.value(0).toLongLong();
        }
        if (!error.isEmpty()) {
            fail(error);
            return false;
        }
    }
    if (!m_journal.openForReplay(done, &error)) {
        fail(error);
        return false;
    }
    for (;;) {
        const QList<QByteArray> lines = m_journal.readChunk(m_config.replayChunk);
        if (lines.isEmpty()) break;
        BatchWriter::Items items;
        for (const QByteArray &line : lines) {
            QString lineError;
            auto item = RecordCodec::fromJournalLine(line, &lineError);
            if (item) {
                items.push_back(std::move(*item));
            } else {
                ++m_corruptLines;
                qCWarning(lcStorage) << "skipping an unreadable journal line:" << lineError;
            }
        }
        const BatchWriter::JournalProgress progress{id, done + lines.size()};
        if (!m_writer->write(items, 0, items.size(), &error, &progress)) {
            m_journal.closeReplay();
            fail(error);
            return false;
        }
        done += lines.size();
        m_written += qint64(items.size());
        m_replayed += qint64(items.size());
        m_lastWriteMs = QDateTime::currentMSecsSinceEpoch();
        // At least 1 until the file is gone, so flush() cannot return before the journal is removed.
        QMutexLocker lock(&m_shared->mutex);
        m_shared->journaled = std::max<qint64>(1, m_shared->journaled - qint64(lines.size()));
        m_shared->state.written = m_written;
        m_shared->state.replayed = m_replayed;
    }
    if (!m_journal.remove(&error)) {
        fail(error);
        return false;
    }
    if (!id.isEmpty()) {
        QSqlDatabase db = m_db->connection();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM journal_state WHERE journal_id = ?"));
        q.addBindValue(id);
        q.exec(); // a leftover row only names a journal that no longer exists
    }
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->journaled = 0;
        m_shared->progressed.wakeAll();
    }
    return true;
}

bool StorageWorker::writePending(const QDeadlineTimer &deadline)
{
    while (!m_pending.empty() && !deadline.hasExpired()) {
        const std::size_t n = std::min(m_pending.size(), std::size_t(m_config.maxTransactionItems));
        QString error;
        if (!m_writer->write(m_pending, 0, n, &error)) {
            fail(error);
            return false;
        }
        m_pending.erase(m_pending.begin(), m_pending.begin() + std::ptrdiff_t(n));
        m_written += qint64(n);
        m_lastWriteMs = QDateTime::currentMSecsSinceEpoch();
        markHandled(n, 0);
    }
    if (m_degraded) qCInfo(lcStorage) << "database writable again:" << m_db->location().describe();
    m_degraded = false;
    m_reason.clear();
    m_backoffMs = m_config.retryInitialMs;
    m_retryAt = 0;
    return m_pending.empty();
}

void StorageWorker::spill(std::size_t count)
{
    count = std::min(count, m_pending.size());
    if (count == 0) return;
    QList<QByteArray> lines;
    lines.reserve(qsizetype(count));
    for (std::size_t i = 0; i < count; ++i)
        lines << RecordCodec::toJournalLine(m_pending[i]);
    QString error;
    if (!m_journal.append(lines, &error)) {
        // Nothing else can hold them: keep them in memory (the queue limit bounds the growth).
        qCWarning(lcStorage) << error;
        if (!m_reason.contains(QLatin1String("journal"))) m_reason += QStringLiteral("; ") + error;
        return;
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + std::ptrdiff_t(count));
    m_spilled += qint64(count);
    markHandled(count, qint64(count));
}

void StorageWorker::fail(const QString &reason)
{
    ++m_failedAttempts;
    // Once on entering the degraded state, then now and again (the state carries every reason).
    if (!m_degraded || m_failedAttempts % kLogEveryNthFailure == 0)
        qCWarning(lcStorage) << "storage degraded:" << reason << "- retrying in" << m_backoffMs << "ms";
    m_degraded = true;
    m_reason = reason;
    m_retryAt = m_clock.elapsed() + m_backoffMs;
    m_backoffMs = std::min<qint64>(m_config.retryMaxMs, m_backoffMs * 2);
    // Reopen on the next attempt: the error may have left the connection unusable (file replaced, server
    // restarted).
    closeConnection();
}

void StorageWorker::markHandled(std::size_t count, qint64 journaledDelta)
{
    QMutexLocker lock(&m_shared->mutex);
    // The counters are current whenever flush() returns; publish() fills in the rest.
    m_shared->state.written = m_written;
    m_shared->state.spilled = m_spilled;
    m_shared->state.replayed = m_replayed;
    m_shared->state.lastWriteMs = m_lastWriteMs;
    m_shared->handled += count;
    m_shared->journaled = std::max<qint64>(0, m_shared->journaled + journaledDelta);
    m_shared->pending = qint64(m_pending.size());
    m_shared->progressed.wakeAll();
}

void StorageWorker::publish(bool force)
{
    StorageState s;
    s.health = m_degraded ? StorageState::Health::Degraded
               : m_writer ? StorageState::Health::Ok
                          : StorageState::Health::Starting;
    s.reason = m_reason;
    s.database = m_db->location().describe();
    s.written = m_written;
    s.spilled = m_spilled;
    s.replayed = m_replayed;
    s.failedAttempts = m_failedAttempts;
    s.lastWriteMs = m_lastWriteMs;
    s.retryInMs = m_degraded ? std::max<qint64>(0, m_retryAt - m_clock.elapsed()) : 0;
    {
        QMutexLocker lock(&m_shared->mutex);
        if (m_shared->state.health == StorageState::Health::Stopped) s.health = StorageState::Health::Stopped;
        m_shared->pending = qint64(m_pending.size());
        m_shared->state = s;
    }
    const bool healthChanged = s.health != m_signalledHealth || s.reason != m_signalledReason;
    const bool countersChanged = s.written != m_signalledWritten || s.spilled != m_signalledSpilled;
    const qint64 now = m_clock.elapsed();
    if (!force && !healthChanged &&
        (!countersChanged || (m_lastSignalMs >= 0 && now - m_lastSignalMs < m_config.stateSignalIntervalMs)))
        return;
    m_lastSignalMs = now;
    m_signalledHealth = s.health;
    m_signalledReason = s.reason;
    m_signalledWritten = s.written;
    m_signalledSpilled = s.spilled;
    if (onStateChanged) onStateChanged(s);
}

void StorageWorker::shutdown(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    if (m_tick) m_tick->stop();
    if (m_cleanup) m_cleanup->stop();
    takeQueue();
    // One last attempt regardless of the backoff; whatever cannot be written goes to the journal.
    if (!m_pending.empty() || m_journal.exists()) {
        m_retryAt = 0;
        if (ensureOpen() && replayJournal()) writePending(deadline);
    }
    if (!m_pending.empty()) {
        qCWarning(lcStorage) << "storage stopping with" << m_pending.size()
                             << "unwritten items; spilling them to" << m_journal.path();
        spill(m_pending.size());
    }
    if (!m_pending.empty()) {
        qCCritical(lcStorage) << "lost" << m_pending.size() << "items: neither the database nor the journal"
                              << m_journal.path() << "can be written";
        QMutexLocker lock(&m_shared->mutex);
        m_shared->dropped += qint64(m_pending.size());
        m_shared->handled += m_pending.size();
        m_pending.clear();
        m_shared->progressed.wakeAll();
    }
    closeConnection();
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->state.health = StorageState::Health::Stopped;
    }
    publish(true);
}

void StorageWorker::runRetention(qint64 nowMs)
{
    RetentionResult result;
    if (!ensureOpen()) {
        result.ok = false;
        result.error = m_reason;
    } else {
        QSqlDatabase db = m_db->connection();
        result = Retention::run(db, m_db->dialect(), m_config.rawRetentionDays, m_config.rollupRetentionDays,
                                nowMs);
        if (!result.ok) qCWarning(lcStorage) << result.error;
    }
    if (onRetention) onRetention(result);
}

} // namespace airm
