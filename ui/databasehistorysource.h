// The history source over the history database (core HistoryStore, Analytics): pages, counts, trends,
// analytics and chaos history run on a reader thread, exports on an export thread, each thread with its own
// connection; answers come back to the GUI thread as queued signals. Exports report progress per page of
// rows and can be cancelled. Thread affinity: GUI thread; the work runs on its two threads.
#pragma once

#include "historysource.h"

#include <QHash>
#include <QThread>
#include <atomic>
#include <memory>

namespace airm {
class Database;
class HistoryStore;
} // namespace airm

namespace airm::ui {

class DatabaseHistorySource : public HistorySource
{
    Q_OBJECT
public:
    explicit DatabaseHistorySource(std::shared_ptr<const Database> database, QObject *parent = nullptr);
    ~DatabaseHistorySource() override;

    QString describe() const override;
    Ticket requestPage(const HistoryFilter &filter, int limit,
                       const std::optional<HistoryCursor> &after) override;
    Ticket requestCount(const HistoryFilter &filter) override;
    Ticket requestTrends(qint64 fromMs, qint64 toMs, TrendBucket bucket,
                         const QStringList &services) override;
    Ticket requestAnalytics(qint64 fromMs, qint64 toMs) override;
    Ticket requestChaosHistory(qint64 fromMs, qint64 toMs, int limit) override;
    Ticket exportRequests(const HistoryFilter &filter, const QString &path, ExportFormat format) override;
    void cancel(Ticket ticket) override;
    bool canClear(QString *reason) const override;
    Ticket clearHistory() override;

private:
    void onReader(std::function<void()> fn);
    void onExporter(std::function<void()> fn);

    std::shared_ptr<const Database> m_db;
    std::shared_ptr<HistoryStore> m_store;
    QThread m_readerThread;
    QThread m_exportThread;
    QObject *m_reader;   // lives on m_readerThread
    QObject *m_exporter; // lives on m_exportThread
    QHash<Ticket, std::shared_ptr<std::atomic_bool>> m_cancel;
};

} // namespace airm::ui
