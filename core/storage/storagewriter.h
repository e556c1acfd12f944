// Persists request records, breaker transitions, chaos experiments, scenario runs and alerts on its own
// thread with its own connection: enqueue*() only append to a bounded in-memory queue (never I/O), and the
// thread commits one transaction per drained batch (every flushIntervalMs, or at once when batchSize items
// wait), maintaining the minute roll-ups in the same transaction. When the database is locked, read-only,
// missing or full, items stay in memory, attempts are retried with exponential backoff, the state turns
// degraded, and items beyond memoryLimit are spilled to a JSON Lines journal next to the database, which is
// replayed once writing works again. Retention runs daily and on demand.
// Thread affinity: create, start, stop and destroy on one thread (its signals are delivered there);
// enqueue*(), flush() and state() are thread-safe.
#pragma once

#include "database.h"
#include "retention.h"
#include "storageconfig.h"
#include "storageitem.h"
#include "storagestate.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace airm {

class StorageWorker;
struct WriterShared;

class StorageWriter : public QObject
{
    Q_OBJECT
public:
    StorageWriter(std::shared_ptr<const Database> database, StorageConfig config = {},
                  QObject *parent = nullptr);
    // Stops (see stop()) if still running.
    ~StorageWriter() override;

    // Starts the writer thread; it opens and migrates the database, replays a journal left by an earlier
    // run, and begins draining. Never blocks on the database.
    void start();
    // Writes what can be written within timeoutMs, spills the rest to the journal, and joins the thread.
    // Items enqueued afterwards are counted as dropped.
    void stop(int timeoutMs = 10'000);
    bool isRunning() const { return m_thread.isRunning(); }

    void enqueue(const RequestRecord &record);
    void enqueue(const QList<RequestRecord> &records);
    void enqueueTransition(const BreakerTransition &transition);
    void enqueueChaos(const ChaosRecord &experiment);
    void enqueueScenarioRun(const ScenarioRunRecord &run);
    void enqueueAlert(const AlertRecord &alert);

    // Waits until every item enqueued before the call is committed to the database (journal replays
    // included). False on timeout, e.g. while the database is unavailable. Never call it from the writer
    // thread.
    bool flush(int timeoutMs = 10'000);

    // A consistent copy of the current state.
    StorageState state() const;
    const StorageConfig &config() const { return m_config; }
    QString journalPath() const;

    // Runs retention on the writer thread now, as if at nowMs (0: the current time); the result arrives as
    // retentionFinished.
    void requestRetention(qint64 nowMs = 0);

signals:
    // On a change of health or reason at once, otherwise at most every stateSignalIntervalMs.
    void stateChanged(const airm::StorageState &state);
    void retentionFinished(const airm::RetentionResult &result);

private:
    void push(StorageItem item);
    void wakeLocked(); // with m_shared->mutex held

    std::shared_ptr<const Database> m_database;
    StorageConfig m_config;
    std::shared_ptr<WriterShared> m_shared;
    QThread m_thread;
    StorageWorker *m_worker = nullptr; // lives on m_thread
    bool m_started = false;
};

} // namespace airm

Q_DECLARE_METATYPE(airm::RetentionResult)
