// A row of exclusive toggle buttons (5 min | 1 h | 24 h | 7 d), keyboard reachable, with per-segment
// enabling and tooltips. GUI thread.
#pragma once

#include <QWidget>

class QButtonGroup;
class QHBoxLayout;
class QToolButton;

namespace airm::ui {

class SegmentedControl : public QWidget
{
    Q_OBJECT
public:
    explicit SegmentedControl(QWidget *parent = nullptr);

    int addSegment(const QString &text, const QString &toolTip = {});
    void setCurrentIndex(int index); // does not emit
    int currentIndex() const;
    void setSegmentEnabled(int index, bool enabled, const QString &toolTip = {});
    QToolButton *segment(int index) const;
    int count() const;

signals:
    void currentChanged(int index); // user choices only

private:
    QButtonGroup *m_group;
    QHBoxLayout *m_layout;
};

} // namespace airm::ui
