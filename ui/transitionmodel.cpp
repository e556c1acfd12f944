#include "transitionmodel.h"

#include "breakerbadge.h"
#include "labels.h"

#include <algorithm>

namespace airm::ui {

TransitionModel::TransitionModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TransitionModel::setTransitions(const QList<BreakerTransition> &transitions)
{
    QList<BreakerTransition> rows(transitions.crbegin(), transitions.crend());
    const bool same =
        rows.size() == m_rows.size() &&
        std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(), [](const auto &a, const auto &b) {
            return a.atMs == b.atMs && a.service == b.service && a.to == b.to;
        });
    if (same) return;
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void TransitionModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (!m_rows.isEmpty()) emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

BreakerTransition TransitionModel::transition(int row) const
{
    return m_rows.value(row);
}

int TransitionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TransitionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransitionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const BreakerTransition &t = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return Labels::dateTime(t.atMs);
        case Service:
            return t.service;
        case From:
            return BreakerBadge::label(t.from);
        case To:
            return BreakerBadge::label(t.to);
        case Reason:
            return t.reason;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == From) return m_theme.breakerColor(t.from);
        if (index.column() == To) return m_theme.breakerColor(t.to);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Reason) return t.reason;
        if (index.column() == To) return BreakerBadge::explanation(t.to);
        break;
    case Qt::UserRole:
        return t.atMs;
    }
    return {};
}

QVariant TransitionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Service:
        return tr("Service");
    case From:
        return tr("From");
    case To:
        return tr("To");
    case Reason:
        return tr("Reason");
    }
    return {};
}

} // namespace airm::ui
