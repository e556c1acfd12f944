// The running chaos experiments as a table: type, targets, parameters, a live countdown, requests touched,
// failures caused and a Stop cell. Rows keep their identity across updates (dataChanged, not resets), so a
// selection survives the countdown. GUI thread.
#pragma once

#include "chaosimpact.h"
#include "theme.h"

#include "model/metricssnapshot.h"

#include <QAbstractTableModel>
#include <QHash>

namespace airm::ui {

class ActiveChaosModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Type, Targets, Parameters, Remaining, Touched, Failures, Stop, ColumnCount };

    explicit ActiveChaosModel(QObject *parent = nullptr);

    void setExperiments(const QList<ActiveChaos> &active);
    void setImpact(const QHash<QString, ChaosImpact> *impact) { m_impact = impact; }
    // Moves the countdown to nowMs and refreshes the counters.
    void tick(qint64 nowMs);
    void setTheme(const Theme &theme);
    QString experimentId(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ActiveChaos> m_rows;
    const QHash<QString, ChaosImpact> *m_impact = nullptr;
    qint64 m_nowMs = 0;
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
