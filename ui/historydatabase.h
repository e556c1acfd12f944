// The desktop application's history database: the core's HistoryRecorder (opens the location, runs the
// writer, records the engine) plus what the window needs around it: the writer's state in a StorageStatus and
// a DatabaseHistorySource for the pages. Thread affinity: GUI thread.
#pragma once

#include "storage/storageconfig.h"

#include <QObject>
#include <memory>

namespace airm {
class Database;
class EngineHost;
class HistoryRecorder;
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
    bool isOpen() const;
    QString error() const { return m_error; }
    QString location() const;
    DatabaseHistorySource *source() const { return m_source; }
    // Null when the database is not open.
    StorageWriter *writer() const;
    // The database the writer writes to (for readers such as the REST API's history); null when not open.
    std::shared_ptr<const Database> database() const;

    // Starts recording the engine's records, transitions and experiments.
    void attach(EngineHost *host);
    // Flushes what is queued (bounded by timeoutMs) and stops the writer.
    void stop(int timeoutMs);

private:
    HistoryRecorder *m_recorder = nullptr;
    DatabaseHistorySource *m_source = nullptr;
    StorageStatus *m_status;
    QString m_error;
};

} // namespace airm::ui
