// Latency over time per service: p95 as a solid line, p50 dashed in the same colour, decimated to the plot's
// pixel width and updated with replace(). GUI thread.
#pragma once

#include "timechartview.h"

#include <QHash>

class QLineSeries;

namespace airm::ui {

class LatencyChartView : public TimeChartView
{
    Q_OBJECT
public:
    explicit LatencyChartView(QWidget *parent = nullptr);

    // Creates the series of these services (in this order, with these colours), removing others.
    void setServices(const QStringList &services, const QList<QColor> &colors);
    // Points are (ms since epoch, latency ms), sorted by time. lowLabel/highLabel name the two lines
    // ("p50"/"p95", or "avg"/"p95" for long windows).
    void setData(const QString &service, const QList<QPointF> &low, const QList<QPointF> &high);
    void setLineNames(const QString &lowLabel, const QString &highLabel);
    // Call after all setData() of one refresh: rescales the value axis and the empty state.
    void finishUpdate();

    int pointCount(const QString &service) const;
    void applyTheme(const Theme &theme) override;

private:
    struct Lines
    {
        QLineSeries *low = nullptr;
        QLineSeries *high = nullptr;
        QColor color;
    };
    QStringList m_order;
    QHash<QString, Lines> m_lines;
    QString m_lowLabel;
    QString m_highLabel;
    double m_max = 0;
};

} // namespace airm::ui
