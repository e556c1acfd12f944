#include "historytablemodel.h"

#include "breakerbadge.h"
#include "historysource.h"
#include "labels.h"

namespace airm::ui {

HistoryTableModel::HistoryTableModel(HistorySource *source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
{
    connect(m_source, &HistorySource::pageReady, this, &HistoryTableModel::onPage);
    connect(m_source, &HistorySource::countReady, this, [this](quint64 ticket, qint64 count) {
        if (ticket != m_countTicket) return;
        m_count = count;
        emit countChanged(count);
    });
    connect(m_source, &HistorySource::failed, this, [this](quint64 ticket, const QString &error) {
        if (ticket == m_pending) {
            m_pending = 0;
            m_exhausted = true;
            emit loadingChanged(false);
            emit loadFailed(error);
        }
    });
}

void HistoryTableModel::setFilter(const HistoryFilter &filter)
{
    m_filter = filter;
    reload();
}

void HistoryTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_next.reset();
    m_exhausted = false;
    endResetModel();
    m_count = -1;
    m_countTicket = m_source->requestCount(m_filter);
    m_pending = m_source->requestPage(m_filter, kPageSize, std::nullopt);
    emit loadingChanged(true);
}

void HistoryTableModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (!m_rows.isEmpty()) emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

const StoredRequest *HistoryTableModel::request(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void HistoryTableModel::onPage(quint64 ticket, const HistoryPage &page)
{
    if (ticket != m_pending) return; // an answer to a filter that is no longer current
    m_pending = 0;
    m_next = page.next;
    m_exhausted = !page.next.has_value();
    if (!page.rows.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(page.rows.size()) - 1);
        m_rows.append(page.rows);
        endInsertRows();
    }
    emit loadingChanged(false);
}

int HistoryTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool HistoryTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_pending == 0 && !m_exhausted && m_next.has_value();
}

void HistoryTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    m_pending = m_source->requestPage(m_filter, kPageSize, m_next);
    emit loadingChanged(true);
}

QVariant HistoryTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const RequestRecord &r = m_rows.at(index.row()).record;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return Labels::shortDateTime(r.startedAtMs);
        case Service:
            return r.servedBy.isEmpty() || r.servedBy == r.service ? r.service
                                                                   : tr("%1 → %2").arg(r.service, r.servedBy);
        case OutcomeColumn:
            return Labels::outcome(r.outcome);
        case Error:
            return r.errorClass == ErrorClass::None
                       ? QString()
                       : (r.errorMessage.isEmpty() ? Labels::errorClass(r.errorClass)
                                                   : tr("%1: %2").arg(Labels::errorClass(r.errorClass),
                                                                      r.errorMessage.simplified()));
        case Latency:
            return r.outcome == Outcome::Rejected ? QStringLiteral("–") : Labels::latency(r.latencyMs);
        case Tokens:
            return r.inputTokens + r.outputTokens > 0 ? tr("%1 / %2").arg(r.inputTokens).arg(r.outputTokens)
                                                      : QString();
        case Breaker:
            return BreakerBadge::label(r.breakerState);
        case Chaos:
            return r.chaosIds.join(QStringLiteral(", "));
        case OriginColumn:
            return Labels::origin(r.origin);
        case Simulated:
            return r.simulated ? tr("sim") : tr("real");
        }
    } else if (role == Qt::ForegroundRole) {
        if (index.column() == OutcomeColumn) return m_theme.outcomeColor(r.outcome);
        if (index.column() == Breaker) return m_theme.breakerColor(r.breakerState);
        if (index.column() == Chaos) return m_theme.error;
        if (index.column() == Simulated && r.simulated) return m_theme.info;
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == Error && !r.errorMessage.isEmpty()) return r.errorMessage;
        if (index.column() == Simulated)
            return r.simulated ? tr("Answered by the built-in simulation (no API key)")
                               : tr("Answered by the real provider");
        if (index.column() == Time)
            return tr("Started %1, finished %2")
                .arg(Labels::dateTime(r.startedAtMs), Labels::dateTime(r.finishedAtMs));
    } else if (role == Qt::TextAlignmentRole) {
        if (index.column() == Latency || index.column() == Tokens)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::UserRole) {
        return m_rows.at(index.row()).rowId;
    }
    return {};
}

QVariant HistoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Time:
        return tr("Time ↓");
    case Service:
        return tr("Service");
    case OutcomeColumn:
        return tr("Outcome");
    case Error:
        return tr("Error");
    case Latency:
        return tr("Latency");
    case Tokens:
        return tr("Tokens");
    case Breaker:
        return tr("Breaker");
    case Chaos:
        return tr("Chaos");
    case OriginColumn:
        return tr("Origin");
    case Simulated:
        return tr("Mode");
    }
    return {};
}

} // namespace airm::ui
