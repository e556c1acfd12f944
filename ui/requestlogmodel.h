// The live request log: a bounded ring of formatted lines, one per finished request, coloured by outcome.
// Records arrive in batches (one insert and at most one removal per batch), so the view stays responsive at
// hundreds of lines per second; the oldest lines fall off beyond the capacity. GUI thread.
#pragma once

#include "theme.h"

#include "model/requestrecord.h"

#include <QAbstractListModel>
#include <deque>

namespace airm::ui {

class RequestLogModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Filter { All, Automation, Failures };
    enum Role { OutcomeRole = Qt::UserRole + 1, RequestIdRole, ServiceRole };
    static constexpr int kDefaultCapacity = 5000;

    explicit RequestLogModel(QObject *parent = nullptr);

    void setCapacity(int lines);
    int capacity() const { return m_capacity; }
    void setFilter(Filter filter) { m_filter = filter; }
    Filter filter() const { return m_filter; }
    void setTheme(const Theme &theme);
    // Appends the records that pass the filter; returns how many were added.
    int append(const QList<RequestRecord> &records);
    void clear();
    qint64 totalAppended() const { return m_totalAppended; }

    static QString format(const RequestRecord &record);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Line
    {
        QString text;
        QString detail;
        Outcome outcome = Outcome::Success;
        quint64 id = 0;
        QString service;
    };
    bool accepts(const RequestRecord &record) const;

    std::deque<Line> m_lines;
    int m_capacity = kDefaultCapacity;
    Filter m_filter = Filter::All;
    qint64 m_totalAppended = 0;
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
