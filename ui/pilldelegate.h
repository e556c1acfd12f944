// Paints a cell's text as a small rounded pill in the cell's foreground colour (a tinted fill and border,
// or a solid fill with white text when the model says so), for short states such as an alert's severity.
// GUI thread.
#pragma once

#include <QStyledItemDelegate>

namespace airm::ui {

class PillDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // filledRole: a model role whose true value paints the pill solid (-1: never).
    explicit PillDelegate(int filledRole = -1, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_filledRole;
};

} // namespace airm::ui
