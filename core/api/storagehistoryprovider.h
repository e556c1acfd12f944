// The API's history over the storage layer: HistoryStore queries (per-thread connections, so any number of
// API workers at once), streamed exports, and logging of requests other programs made through the writer.
// Besides our field names, rows and aggregates carry the seed's names (timestamp, success, latency,
// total_requests, ...) so the seed's dashboard reads them unchanged. Thread affinity: query methods on any
// thread; status() on any thread (it reads the writer's state under its lock, no I/O).
#pragma once

#include "historyprovider.h"

#include <atomic>
#include <memory>

namespace airm {

class Database;
class HistoryStore;
class StorageWriter;

class StorageHistoryProvider : public HistoryProvider
{
public:
    // writer may be null (read-only history: logRequest then fails with a message).
    StorageHistoryProvider(std::shared_ptr<const Database> database, StorageWriter *writer);
    ~StorageHistoryProvider() override;

    ApiHistoryPage requests(const HistoryQuery &query) override;
    ApiHistoryPage breakerEvents(const HistoryQuery &query) override;
    ApiHistoryPage chaosExperiments(const HistoryQuery &query) override;
    HistoryResult statistics(const HistoryQuery &query) override;
    HistoryResult errorPatterns(const HistoryQuery &query) override;
    HistoryResult trends(const HistoryQuery &query) override;
    HistoryResult databaseStats() override;
    QByteArray exportRequests(const HistoryQuery &query, ExportFormat format, QString *nextCursor,
                              QString *error) override;
    qint64 logRequest(const RequestRecord &record, QString *error) override;
    StorageStatus status() const override;

private:
    std::unique_ptr<HistoryStore> m_store;
    StorageWriter *m_writer;
    std::atomic<qint64> m_nextLoggedId;
};

} // namespace airm
