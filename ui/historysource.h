// Where the History and Analytics pages and the long chart windows read from. Every request returns a ticket
// at once and its answer arrives later through a signal carrying that ticket: implementations do the work on
// their own thread, never on the caller's. Thread affinity: GUI thread (calls and signals).
#pragma once

#include "analyticsreport.h"

#include "storage/historytypes.h"
#include "storage/storagerecords.h"

#include <QObject>
#include <optional>

namespace airm::ui {

class HistorySource : public QObject
{
    Q_OBJECT
public:
    using Ticket = quint64;
    enum class ExportFormat { Json, Csv };

    explicit HistorySource(QObject *parent = nullptr);

    // For people: where the history lives ("SQLite /path/monitor.db").
    virtual QString describe() const = 0;

    virtual Ticket requestPage(const HistoryFilter &filter, int limit,
                               const std::optional<HistoryCursor> &after) = 0;
    virtual Ticket requestCount(const HistoryFilter &filter) = 0;
    // Per service (services empty: all of them), buckets covering [fromMs, toMs).
    virtual Ticket requestTrends(qint64 fromMs, qint64 toMs, TrendBucket bucket,
                                 const QStringList &services) = 0;
    virtual Ticket requestAnalytics(qint64 fromMs, qint64 toMs) = 0;
    virtual Ticket requestChaosHistory(qint64 fromMs, qint64 toMs, int limit) = 0;
    // Writes every request matching filter to path; progress and the end arrive as signals; cancel() stops.
    virtual Ticket exportRequests(const HistoryFilter &filter, const QString &path, ExportFormat format) = 0;
    virtual void cancel(Ticket ticket) = 0;
    // Whether clearHistory() can do anything; when false the reason says why.
    virtual bool canClear(QString *reason) const = 0;
    virtual Ticket clearHistory() = 0;

signals:
    void pageReady(quint64 ticket, const airm::HistoryPage &page);
    void countReady(quint64 ticket, qint64 count);
    void trendsReady(quint64 ticket, const QList<airm::TrendPoint> &points);
    void analyticsReady(quint64 ticket, const airm::ui::AnalyticsReport &report);
    void chaosHistoryReady(quint64 ticket, const QList<airm::ChaosRecord> &records);
    void exportProgress(quint64 ticket, qint64 done, qint64 total);
    void exportFinished(quint64 ticket, bool ok, const QString &message);
    void cleared(quint64 ticket, bool ok, const QString &message);
    void failed(quint64 ticket, const QString &error);

protected:
    Ticket nextTicket() { return ++m_lastTicket; }

private:
    Ticket m_lastTicket = 0;
};

} // namespace airm::ui
