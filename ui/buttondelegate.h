// Paints a small button in a table cell and reports clicks on it (the per-row "Stop" of the active chaos
// experiments), without index widgets that a model update would destroy. GUI thread.
#pragma once

#include "theme.h"

#include <QStyledItemDelegate>

namespace airm::ui {

class ButtonDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ButtonDelegate(QObject *parent = nullptr);

    void setTheme(const Theme &theme) { m_theme = theme; }
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    static QRect buttonRect(const QRect &cell);

signals:
    void clicked(const QModelIndex &index);

private:
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
