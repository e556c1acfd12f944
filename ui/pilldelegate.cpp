#include "pilldelegate.h"

#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QtMath>

namespace airm::ui {
namespace {

constexpr int kPadX = 9;
constexpr int kPadY = 2;
constexpr int kMarginX = 6;

} // namespace

PillDelegate::PillDelegate(int filledRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_filledRole(filledRole)
{}

void PillDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    // The row's background and selection as the style (and style sheet) paints them, without the text.
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &base, painter, widget);
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty()) return;
    const QVariant fg = index.data(Qt::ForegroundRole);
    const QColor colour = fg.canConvert<QColor>() ? fg.value<QColor>() : option.palette.text().color();
    const bool filled = m_filledRole >= 0 && index.data(m_filledRole).toBool();

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = option.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    painter->setFont(font);
    const QFontMetrics fm(font);
    // Rounded up: elidedText() elides at exactly the text's integer advance.
    const int advance = qCeil(fm.boundingRect(text).width() + 1.0);
    const int w = std::min(advance + 2 * kPadX, option.rect.width() - 2 * kMarginX);
    const int h = fm.height() + 2 * kPadY;
    const QRectF pill(option.rect.x() + kMarginX, option.rect.center().y() - h / 2.0 + 0.5, w, h);
    painter->setPen(QPen(colour, 1));
    painter->setBrush(filled ? colour : Theme::withAlpha(colour, 0.16));
    painter->drawRoundedRect(pill.adjusted(0.5, 0.5, -0.5, -0.5), h / 2.0, h / 2.0);
    painter->setPen(filled ? QColor(Qt::white) : colour);
    const QString shown =
        w - 2 * kPadX >= advance ? text : fm.elidedText(text, Qt::ElideRight, w - 2 * kPadX);
    painter->drawText(pill, Qt::AlignCenter, shown);
    painter->restore();
}

QSize PillDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QFont font = option.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    const QFontMetrics fm(font);
    return {qCeil(fm.boundingRect(index.data(Qt::DisplayRole).toString()).width() + 1.0) +
                2 * (kPadX + kMarginX),
            fm.height() + 2 * kPadY + 8};
}

} // namespace airm::ui
