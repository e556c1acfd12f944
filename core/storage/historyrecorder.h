// Records an engine into the history database: opens the location (SQLite file or PostgreSQL URL), runs
// the storage writer, and feeds it every request record, breaker transition and chaos experiment of the
// engine. The headless service and the desktop window both record through this class, so what one stores
// the other reads. Thread affinity: create, attach, stop and destroy on one thread (the main thread); the
// engine-side connections run on the engine thread and only append to the writer's queue.
#pragma once

#include "storageconfig.h"
#include "storagestate.h"

#include <QObject>
#include <memory>

namespace airm {

class Database;
class EngineHost;
class StorageWriter;
struct ActiveChaos;
struct ChaosRecord;

class HistoryRecorder : public QObject
{
    Q_OBJECT
public:
    // locationText: "" (the default file), a path, or a postgresql:// URL. Starts the writer when the
    // location parses and its Qt SQL driver is present; otherwise isOpen() is false and error() says why.
    // A database that is locked, read-only or unreachable still opens: the writer reports it as degraded
    // and keeps the records (memory, then journal) until it can write.
    HistoryRecorder(const QString &locationText, StorageConfig config = {}, QObject *parent = nullptr);
    ~HistoryRecorder() override;

    bool isOpen() const { return m_writer != nullptr; }
    QString error() const { return m_error; }
    // For logs and the UI: never contains a password. Empty when the location did not parse.
    QString location() const;
    std::shared_ptr<const Database> database() const { return m_db; }
    StorageWriter *writer() const { return m_writer; }
    // The writer's state; after stop(), its last state.
    StorageState state() const;

    // Records the engine's requests, transitions and experiments from now on. Call once per engine.
    void attach(EngineHost *host);
    // Writes what is queued (bounded by timeoutMs; the rest goes to the journal) and stops the writer. Stop
    // the attached engine first: records it finishes afterwards are counted as dropped.
    void stop(int timeoutMs = 10'000);

    // The stored form of a chaos experiment; endedMs 0 while it runs.
    static ChaosRecord toRecord(const ActiveChaos &experiment, qint64 endedMs, const QString &status);

signals:
    void stateChanged(const airm::StorageState &state);

private:
    std::shared_ptr<Database> m_db;
    StorageWriter *m_writer = nullptr;
    StorageState m_finalState;
    QString m_error;
};

} // namespace airm
