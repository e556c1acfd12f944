#include "navbadgedelegate.h"

#include <QPainter>

namespace airm::ui {
namespace {

constexpr int kMaxShown = 99;   // "99+" beyond
constexpr int kRightInset = 22; // from the item's right edge: the item's margin and padding in app.qss
constexpr int kMinBadgeWidth = 20;

} // namespace

NavBadgeDelegate::NavBadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void NavBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const int count = index.data(BadgeRole).toInt();
    if (count <= 0) return;
    const QString text = count > kMaxShown ? QStringLiteral("%1+").arg(kMaxShown) : QString::number(count);
    const QVariant colourData = index.data(BadgeColorRole);
    const QColor colour = colourData.canConvert<QColor>() ? colourData.value<QColor>() : QColor(Qt::red);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = option.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.82);
    painter->setFont(font);
    const QFontMetrics fm(font);
    const int h = fm.height() + 2;
    const int w = std::max(kMinBadgeWidth, fm.horizontalAdvance(text) + 12);
    const QRectF badge(option.rect.right() - kRightInset - w, option.rect.center().y() - h / 2.0 + 0.5, w, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
    painter->setPen(QColor(Qt::white));
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace airm::ui
