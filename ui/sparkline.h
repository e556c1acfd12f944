// A small trend without axes: requests per bucket as a filled line, the failed share of each bucket in red
// underneath, so a card shows at a glance whether traffic flows and whether it fails. GUI thread.
#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

namespace airm::ui {

class Sparkline : public QWidget
{
    Q_OBJECT
public:
    explicit Sparkline(QWidget *parent = nullptr);

    // Both lists have one value per bucket, oldest first; failed[i] <= total[i].
    void setData(const QList<double> &total, const QList<double> &failed);
    void setColors(const QColor &line, const QColor &failure, const QColor &baseline);
    int bucketCount() const { return int(m_total.size()); }

    QSize sizeHint() const override { return {200, 40}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_total;
    QList<double> m_failed;
    QColor m_line = QColor(0x60, 0xa5, 0xfa);
    QColor m_failure = QColor(0xef, 0x44, 0x44);
    QColor m_baseline = QColor(0x33, 0x41, 0x55);
};

} // namespace airm::ui
