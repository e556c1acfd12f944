#include "activechaosmodel.h"

#include "labels.h"

#include <QDateTime>

namespace airm::ui {

ActiveChaosModel::ActiveChaosModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_nowMs(QDateTime::currentMSecsSinceEpoch())
{}

void ActiveChaosModel::setExperiments(const QList<ActiveChaos> &active)
{
    // Remove rows that ended, update the ones that stay, append new ones: no reset, selection survives.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const QString id = m_rows.at(row).id;
        const bool stillActive =
            std::any_of(active.cbegin(), active.cend(), [&id](const ActiveChaos &a) { return a.id == id; });
        if (!stillActive) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    for (const ActiveChaos &a : active) {
        const auto it =
            std::find_if(m_rows.begin(), m_rows.end(), [&a](const ActiveChaos &r) { return r.id == a.id; });
        if (it != m_rows.end()) {
            *it = a;
        } else {
            const int row = int(m_rows.size());
            beginInsertRows({}, row, row);
            m_rows.append(a);
            endInsertRows();
        }
    }
    if (!m_rows.isEmpty()) emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void ActiveChaosModel::tick(qint64 nowMs)
{
    m_nowMs = nowMs;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Remaining), index(int(m_rows.size()) - 1, Failures), {Qt::DisplayRole});
}

void ActiveChaosModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (!m_rows.isEmpty()) emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

QString ActiveChaosModel::experimentId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int ActiveChaosModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ActiveChaosModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActiveChaosModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const ActiveChaos &a = m_rows.at(index.row());
    const ChaosImpact impact = m_impact ? m_impact->value(a.id) : ChaosImpact{};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Type:
            return Labels::chaosType(a.type);
        case Targets:
            return Labels::chaosTargets(a.targets);
        case Parameters:
            return Labels::chaosParameters(a.spec);
        case Remaining:
            return Labels::duration(std::max<qint64>(0, a.endsAtMs - m_nowMs) + 999);
        case Touched:
            return Labels::count(std::max(a.touched, impact.requests));
        case Failures:
            return Labels::count(impact.failures);
        case Stop:
            return tr("Stop");
        }
    } else if (role == Qt::ForegroundRole) {
        if (index.column() == Type) return m_theme.error;
        if (index.column() == Failures && impact.failures > 0) return m_theme.error;
    } else if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Type:
            return Labels::chaosHelp(a.type);
        case Remaining:
            return tr("Ends at %1").arg(Labels::clock(a.endsAtMs));
        case Touched:
            return tr("Requests this experiment changed");
        case Failures:
            return tr("Touched requests that did not succeed");
        case Stop:
            return tr("Stop this experiment now");
        default:
            return a.id;
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (index.column() == Touched || index.column() == Failures || index.column() == Remaining)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::UserRole) {
        return a.id;
    }
    return {};
}

QVariant ActiveChaosModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Type:
        return tr("Type");
    case Targets:
        return tr("Targets");
    case Parameters:
        return tr("Parameters");
    case Remaining:
        return tr("Remaining");
    case Touched:
        return tr("Touched");
    case Failures:
        return tr("Failures caused");
    case Stop:
        return QString();
    }
    return {};
}

} // namespace airm::ui
