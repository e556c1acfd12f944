// The stored requests as a table, newest first, fetched lazily in keyset pages from a HistorySource: the
// view asks for more rows as it scrolls (canFetchMore/fetchMore), the page arrives later, and nothing ever
// loads the whole history. Changing the filter starts over. GUI thread.
#pragma once

#include "theme.h"

#include "storage/historytypes.h"

#include <QAbstractTableModel>

namespace airm::ui {

class HistorySource;

class HistoryTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time,
        Service,
        OutcomeColumn,
        Error,
        Latency,
        Tokens,
        Breaker,
        Chaos,
        OriginColumn,
        Simulated,
        ColumnCount
    };
    static constexpr int kPageSize = 100;

    explicit HistoryTableModel(HistorySource *source, QObject *parent = nullptr);

    void setFilter(const HistoryFilter &filter); // reloads from the first page
    const HistoryFilter &filter() const { return m_filter; }
    void reload();
    void setTheme(const Theme &theme);
    const StoredRequest *request(int row) const;
    bool isLoading() const { return m_pending != 0; }
    qint64 matchingCount() const { return m_count; } // -1 until counted

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    void countChanged(qint64 count);
    void loadFailed(const QString &error);

private:
    void onPage(quint64 ticket, const HistoryPage &page);

    HistorySource *m_source;
    HistoryFilter m_filter;
    QList<StoredRequest> m_rows;
    std::optional<HistoryCursor> m_next;
    bool m_exhausted = false;
    quint64 m_pending = 0;
    quint64 m_countTicket = 0;
    qint64 m_count = -1;
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
