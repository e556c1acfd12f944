// Paints the side navigation's items as the style sheet does, plus a count badge at the right edge of an
// item whose BadgeRole holds a positive number (unread alerts), in the colour of BadgeColorRole. GUI thread.
#pragma once

#include <QStyledItemDelegate>

namespace airm::ui {

class NavBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum Role { BadgeRole = Qt::UserRole + 20, BadgeColorRole };

    explicit NavBadgeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace airm::ui
