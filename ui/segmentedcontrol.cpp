#include "segmentedcontrol.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QToolButton>

namespace airm::ui {

SegmentedControl::SegmentedControl(QWidget *parent)
    : QWidget(parent)
    , m_group(new QButtonGroup(this))
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_group->setExclusive(true);
    connect(m_group, &QButtonGroup::idClicked, this, &SegmentedControl::currentChanged);
}

int SegmentedControl::addSegment(const QString &text, const QString &toolTip)
{
    auto *button = new QToolButton;
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    button->setProperty("segment", true);
    button->setFocusPolicy(Qt::StrongFocus);
    button->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
    const int index = int(m_group->buttons().size());
    m_group->addButton(button, index);
    m_layout->addWidget(button);
    if (index == 0) button->setChecked(true);
    return index;
}

void SegmentedControl::setCurrentIndex(int index)
{
    if (QAbstractButton *b = m_group->button(index)) b->setChecked(true);
}

int SegmentedControl::currentIndex() const
{
    return m_group->checkedId();
}

void SegmentedControl::setSegmentEnabled(int index, bool enabled, const QString &toolTip)
{
    if (QAbstractButton *b = m_group->button(index)) {
        b->setEnabled(enabled);
        if (!toolTip.isEmpty()) b->setToolTip(toolTip);
    }
}

QToolButton *SegmentedControl::segment(int index) const
{
    return qobject_cast<QToolButton *>(m_group->button(index));
}

int SegmentedControl::count() const
{
    return int(m_group->buttons().size());
}

} // namespace airm::ui
