// Breaker transitions as a table, newest first: time, service, from, to, reason. Filled from LiveState (live)
// with setTransitions(); tested with QAbstractItemModelTester. GUI thread.
#pragma once

#include "theme.h"

#include "model/metricssnapshot.h"

#include <QAbstractTableModel>

namespace airm::ui {

class TransitionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Service, From, To, Reason, ColumnCount };

    explicit TransitionModel(QObject *parent = nullptr);

    // transitions oldest first (as the engine keeps them); the model shows them newest first.
    void setTransitions(const QList<BreakerTransition> &transitions);
    void setTheme(const Theme &theme);
    BreakerTransition transition(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<BreakerTransition> m_rows; // newest first
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
