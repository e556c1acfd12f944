// The desktop application's history database: opens the location (SQLite file or PostgreSQL URL), runs the
// storage writer, feeds it every request record, breaker transition and chaos experiment of the engine
// (connected directly on the engine thread: enqueue never blocks), reports the writer's state to a
// StorageStatus, and offers a DatabaseHistorySource for the pages. Thread affinity: GUI thread.
#pragma once

#include "storage/storageconfig.h"

#include <QObject>
#include <memory>

namespace airm {
class Database;
class EngineHost;
class StorageWriter;
} // namespace airm

namespace airm::ui {

class DatabaseHistorySource;
class StorageStatus;

class HistoryDatabase : public QObject
{
    Q_OBJECT
public:
    // locationText: "" (the default file), a path, or a postgresql:// URL.
    HistoryDatabase(const QString &locationText, StorageConfig config, StorageStatus *status,
                    QObject *parent = nullptr);
    ~HistoryDatabase() override;

    // False when the location could not be parsed or the driver is missing; error() says why.
    bool isOpen() const { return m_writer != nullptr; }
    QString error() const { return m_error; }
    QString location() const;
    DatabaseHistorySource *source() const { return m_source; }

    // Starts recording the engine's records, transitions and experiments.
    void attach(EngineHost *host);
    // Flushes what is queued (bounded by timeoutMs) and stops the writer.
    void stop(int timeoutMs);

private:
    std::shared_ptr<Database> m_db;
    StorageWriter *m_writer = nullptr;
    DatabaseHistorySource *m_source = nullptr;
    StorageStatus *m_status;
    QString m_error;
};

} // namespace airm::ui
