// The storage writer's thread-side half (internal to StorageWriter): drains the shared queue into
// transactions, keeps items in memory while the database fails, retries with exponential backoff, spills to
// and replays from the journal, and runs retention. Thread affinity: lives on the writer thread; only
// StorageWriter creates it and talks to it, through Shared and queued calls.
#pragma once

#include "batchwriter.h"
#include "database.h"
#include "journal.h"
#include "retention.h"
#include "storageconfig.h"
#include "storagestate.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QWaitCondition>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace airm {

// What the caller threads and the writer thread share, under mutex.
struct WriterShared
{
    QMutex mutex;
    QWaitCondition progressed; // signalled when handled or journaled change
    std::vector<StorageItem> queue;
    quint64 enqueued = 0; // items accepted by enqueue()
    quint64 handled = 0;  // items committed or spilled, in queue order
    qint64 journaled = 0; // items waiting in the journal
    qint64 pending = 0;   // items held by the worker in memory
    qint64 dropped = 0;
    bool wakePosted = false;
    bool accepting = true;
    bool started = false; // the worker has counted a journal left by an earlier run
    StorageState state;   // queued/journaled/dropped are filled in by StorageWriter::state()
};

class StorageWorker : public QObject
{
public:
    StorageWorker(std::shared_ptr<const Database> db, StorageConfig config,
                  std::shared_ptr<WriterShared> shared);
    ~StorageWorker() override;

    std::function<void(const StorageState &)> onStateChanged; // called on the writer thread
    std::function<void(const RetentionResult &)> onRetention;

    void start();
    void drain();
    // Writes what it can within timeoutMs (ignoring the backoff once), spills the rest, releases the
    // connection.
    void shutdown(int timeoutMs);
    void runRetention(qint64 nowMs);

private:
    void takeQueue();
    bool ensureOpen();
    void closeConnection();
    bool replayJournal();
    bool writePending(const QDeadlineTimer &deadline);
    void spill(std::size_t count);
    void fail(const QString &reason);
    void markHandled(std::size_t count, qint64 journaledDelta);
    void publish(bool force);
    bool readyToTry() const;

    std::shared_ptr<const Database> m_db;
    StorageConfig m_config;
    std::shared_ptr<WriterShared> m_shared;
    Journal m_journal;
    std::unique_ptr<BatchWriter> m_writer;
    std::deque<StorageItem> m_pending;
    QTimer *m_tick = nullptr;
    QTimer *m_cleanup = nullptr;
    QElapsedTimer m_clock;
    qint64 m_retryAt = 0; // m_clock time
    qint64 m_backoffMs = 0;
    qint64 m_lastSignalMs = -1;
    bool m_degraded = false;
    QString m_reason;
    qint64 m_written = 0, m_spilled = 0, m_replayed = 0, m_failedAttempts = 0, m_lastWriteMs = 0;
    qint64 m_corruptLines = 0;
    StorageState::Health m_signalledHealth = StorageState::Health::Starting;
    QString m_signalledReason;
    qint64 m_signalledWritten = -1, m_signalledSpilled = -1;
};

} // namespace airm
