// Writes a batch of StorageItems in one transaction on a connection the caller owns: multi-row inserts of
// requests, upserts of chaos experiments, scenario runs and alerts, the additive upsert of the minute
// roll-ups the batch touches, and optionally the journal replay position. Used by the writer thread, and
// directly by tests and benchmarks to build databases quickly. Thread affinity: the connection's thread.
#pragma once

#include "sqldialect.h"
#include "storageitem.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <deque>
#include <memory>

namespace airm {

class SqliteStatement;
struct MinuteRollup;

class BatchWriter
{
public:
    struct JournalProgress
    {
        QString journalId;
        qint64 linesDone = 0;
    };
    using Items = std::deque<StorageItem>;

    BatchWriter(QSqlDatabase db, SqlDialect dialect);
    ~BatchWriter();
    BatchWriter(const BatchWriter &) = delete;
    BatchWriter &operator=(const BatchWriter &) = delete;

    // Items [first, first + count) in one transaction; rolled back entirely on any error.
    bool write(const Items &items, std::size_t first, std::size_t count, QString *error,
               const JournalProgress *progress = nullptr);
    bool write(const Items &items, QString *error) { return write(items, 0, items.size(), error); }

    // Rows per multi-row INSERT statement.
    static constexpr int kRowsPerInsert = 64;

private:
    struct Statements;
    bool prepare(QString *error);
    bool writeRequests(const std::vector<const RequestRecord *> &requests, QString *error);
    bool writeRollup(const MinuteRollup &m, QString *error);

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    std::unique_ptr<Statements> m_st;
    // SQLite only, when available: the hot statements bound through the C API.
    std::unique_ptr<SqliteStatement> m_fastInsertMany, m_fastInsert, m_fastRollup;
};

} // namespace airm
