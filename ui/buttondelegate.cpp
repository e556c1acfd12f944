#include "buttondelegate.h"

#include <QMouseEvent>
#include <QPainter>

namespace airm::ui {

ButtonDelegate::ButtonDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QRect ButtonDelegate::buttonRect(const QRect &cell)
{
    return cell.adjusted(6, 4, -6, -4);
}

void ButtonDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = buttonRect(option.rect);
    const bool hover = option.state & QStyle::State_MouseOver;
    painter->setPen(QPen(m_theme.error, 1));
    painter->setBrush(Theme::withAlpha(m_theme.error, hover ? 0.45 : 0.18));
    painter->drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    painter->setPen(hover ? m_theme.text : m_theme.error);
    QFont f = option.font;
    f.setBold(true);
    painter->setFont(f);
    painter->drawText(r, Qt::AlignCenter, index.data(Qt::DisplayRole).toString());
    painter->restore();
}

QSize ButtonDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize text = option.fontMetrics.size(Qt::TextSingleLine, index.data(Qt::DisplayRole).toString());
    return {text.width() + 36, text.height() + 14};
}

bool ButtonDelegate::editorEvent(QEvent *event, QAbstractItemModel *, const QStyleOptionViewItem &option,
                                 const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton &&
            buttonRect(option.rect).contains(mouse->position().toPoint())) {
            emit clicked(index);
            return true;
        }
    }
    return false;
}

} // namespace airm::ui
