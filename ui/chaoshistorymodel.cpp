#include "chaoshistorymodel.h"

#include "labels.h"

#include <algorithm>

namespace airm::ui {

ChaosHistoryModel::ChaosHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ChaosHistoryModel::setRecords(const QList<ChaosRecord> &records)
{
    QHash<QString, ChaosRecord> byKey;
    for (const ChaosRecord &r : records) {
        const QString key = r.id + QLatin1Char('@') + QString::number(r.startedMs);
        const auto it = byKey.constFind(key);
        if (it == byKey.constEnd() || it->endedMs < r.endedMs) byKey.insert(key, r);
    }
    QList<ChaosRecord> rows = byKey.values();
    std::sort(rows.begin(), rows.end(), [](const ChaosRecord &a, const ChaosRecord &b) {
        return a.startedMs != b.startedMs ? a.startedMs > b.startedMs : a.id > b.id;
    });
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void ChaosHistoryModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (!m_rows.isEmpty()) emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int ChaosHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChaosHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChaosHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const ChaosRecord &r = m_rows.at(index.row());
    const ChaosImpact impact = m_impact ? m_impact->value(r.id) : ChaosImpact{};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Started:
            return Labels::dateTime(r.startedMs);
        case Type:
            return Labels::chaosType(r.type);
        case Targets:
            return Labels::chaosTargets(r.targets);
        case Parameters:
            return Labels::chaosParameters(r.params);
        case Duration:
            return r.endedMs > 0 ? Labels::duration(r.endedMs - r.startedMs) : tr("running");
        case Ended:
            return r.endedMs > 0 ? r.status : tr("active");
        case Touched:
            return Labels::count(std::max(r.touched, impact.requests));
        case Failures:
            return impact.requests > 0 || impact.failures > 0 ? Labels::count(impact.failures) : tr("–");
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == Failures)
            return tr("Counted from the requests this window saw; experiments of earlier runs show –");
        if (index.column() == Type) return Labels::chaosHelp(r.type);
        return r.id;
    } else if (role == Qt::ForegroundRole) {
        if (index.column() == Ended && r.endedMs == 0) return m_theme.error;
    } else if (role == Qt::TextAlignmentRole) {
        if (index.column() == Touched || index.column() == Failures || index.column() == Duration)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant ChaosHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Started:
        return tr("Started");
    case Type:
        return tr("Type");
    case Targets:
        return tr("Targets");
    case Parameters:
        return tr("Parameters");
    case Duration:
        return tr("Ran for");
    case Ended:
        return tr("Ended");
    case Touched:
        return tr("Touched");
    case Failures:
        return tr("Failures caused");
    }
    return {};
}

} // namespace airm::ui
