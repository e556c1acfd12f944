// The outcome mix of a window as a donut (success, failure, timeout, rejected) with the success rate in its
// middle. GUI thread.
#pragma once

#include "theme.h"

#include <QtCharts/QChartView>

class QPieSeries;

namespace airm::ui {

class OutcomeChartView : public QChartView
{
    Q_OBJECT
public:
    explicit OutcomeChartView(QWidget *parent = nullptr);

    void setCounts(qint64 successes, qint64 failures, qint64 timeouts, qint64 rejected);
    qint64 total() const { return m_total; }
    double sliceValue(int index) const;
    QString sliceLabel(int index) const; // "Success  217 (66.0 %)"
    void applyTheme(const Theme &theme);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    QPieSeries *m_pie;
    qint64 m_total = 0;
    qint64 m_successes = 0;
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
