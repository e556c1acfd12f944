#include "storagewriter.h"

#include "storageworker.h"

#include <QDateTime>
#include <QDeadlineTimer>

namespace airm {

StorageWriter::StorageWriter(std::shared_ptr<const Database> database, StorageConfig config, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_config(std::move(config))
    , m_shared(std::make_shared<WriterShared>())
{
    qRegisterMetaType<airm::StorageState>();
    qRegisterMetaType<airm::RetentionResult>();
    m_shared->state.database = m_database->location().describe();
    m_thread.setObjectName(QStringLiteral("airm-storage"));
}

StorageWriter::~StorageWriter()
{
    stop();
}

QString StorageWriter::journalPath() const
{
    return m_config.journalPath.isEmpty() ? m_database->location().defaultJournalPath()
                                          : m_config.journalPath;
}

void StorageWriter::start()
{
    if (m_started) return;
    m_started = true;
    auto *worker = new StorageWorker(m_database, m_config, m_shared);
    worker->onStateChanged = [this](const StorageState &) {
        // Re-emitted on the owner's thread with the full picture (queue counts included).
        QMetaObject::invokeMethod(
            this, [this] { emit stateChanged(state()); }, Qt::QueuedConnection);
    };
    worker->onRetention = [this](const RetentionResult &r) {
        QMetaObject::invokeMethod(
            this, [this, r] { emit retentionFinished(r); }, Qt::QueuedConnection);
    };
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.start();
    QMutexLocker lock(&m_shared->mutex);
    m_worker = worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->start(); }, Qt::QueuedConnection);
}

void StorageWriter::stop(int timeoutMs)
{
    if (!m_started || !m_thread.isRunning()) return;
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->accepting = false;
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, timeoutMs] { w->shutdown(timeoutMs); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    QMutexLocker lock(&m_shared->mutex);
    m_worker = nullptr; // deleted by the finished() connection
}

void StorageWriter::push(StorageItem item)
{
    QMutexLocker lock(&m_shared->mutex);
    if (!m_shared->accepting || qint64(m_shared->queue.size()) >= m_config.queueLimit) {
        ++m_shared->dropped;
        return;
    }
    m_shared->queue.push_back(std::move(item));
    ++m_shared->enqueued;
    if (!m_shared->wakePosted && m_shared->queue.size() >= std::size_t(m_config.batchSize)) {
        m_shared->wakePosted = true;
        wakeLocked();
    }
}

void StorageWriter::wakeLocked()
{
    // Posting under the mutex: stop() clears accepting under it before the worker goes away.
    if (m_shared->accepting && m_worker) {
        StorageWorker *w = m_worker;
        QMetaObject::invokeMethod(
            w, [w] { w->drain(); }, Qt::QueuedConnection);
    }
}

void StorageWriter::enqueue(const RequestRecord &record)
{
    push(record);
}

void StorageWriter::enqueue(const QList<RequestRecord> &records)
{
    for (const RequestRecord &r : records)
        push(r);
}

void StorageWriter::enqueueTransition(const BreakerTransition &transition)
{
    push(transition);
}

void StorageWriter::enqueueChaos(const ChaosRecord &experiment)
{
    push(experiment);
}

void StorageWriter::enqueueScenarioRun(const ScenarioRunRecord &run)
{
    push(run);
}

void StorageWriter::enqueueAlert(const AlertRecord &alert)
{
    push(alert);
}

bool StorageWriter::flush(int timeoutMs)
{
    if (!m_started || !m_thread.isRunning()) return false;
    const QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_shared->mutex);
    const quint64 target = m_shared->enqueued;
    wakeLocked();
    auto done = [&] { return m_shared->started && m_shared->handled >= target && m_shared->journaled == 0; };
    while (!done()) {
        if (!m_shared->progressed.wait(&m_shared->mutex, deadline)) return done();
    }
    return true;
}

StorageState StorageWriter::state() const
{
    QMutexLocker lock(&m_shared->mutex);
    StorageState s = m_shared->state;
    s.queued = qint64(m_shared->queue.size()) + m_shared->pending;
    s.journaled = m_shared->journaled;
    s.dropped = m_shared->dropped;
    return s;
}

void StorageWriter::requestRetention(qint64 nowMs)
{
    QMutexLocker lock(&m_shared->mutex);
    if (!m_worker || !m_shared->accepting) return;
    const qint64 now = nowMs > 0 ? nowMs : QDateTime::currentMSecsSinceEpoch();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, now] { w->runRetention(now); }, Qt::QueuedConnection);
}

} // namespace airm
