// Ended chaos experiments, newest first: when, type, targets, parameters, how long, why it ended, requests
// touched, failures caused. From the history database when there is one, plus this run's. GUI thread.
#pragma once

#include "chaosimpact.h"
#include "theme.h"

#include "storage/storagerecords.h"

#include <QAbstractTableModel>
#include <QHash>

namespace airm::ui {

class ChaosHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Started, Type, Targets, Parameters, Duration, Ended, Touched, Failures, ColumnCount };

    explicit ChaosHistoryModel(QObject *parent = nullptr);

    // Records in any order; duplicates (same id and start) keep the one with the later end.
    void setRecords(const QList<ChaosRecord> &records);
    void setImpact(const QHash<QString, ChaosImpact> *impact) { m_impact = impact; }
    void setTheme(const Theme &theme);
    ChaosRecord record(int row) const { return m_rows.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ChaosRecord> m_rows;
    const QHash<QString, ChaosImpact> *m_impact = nullptr;
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
