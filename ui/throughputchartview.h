// Throughput and errors per interval: successes, failures, timeouts and breaker rejections stacked per
// bucket as step areas over the time axis, updated with replace(). GUI thread.
#pragma once

#include "timechartview.h"

class QAreaSeries;
class QLineSeries;

namespace airm::ui {

class ThroughputChartView : public TimeChartView
{
    Q_OBJECT
public:
    struct Bucket
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        double successes = 0, failures = 0, timeouts = 0, rejected = 0;
        double total() const { return successes + failures + timeouts + rejected; }
    };

    explicit ThroughputChartView(QWidget *parent = nullptr);

    void setBuckets(const QList<Bucket> &buckets);
    void setUnitLabel(const QString &label);
    qsizetype bucketCount() const { return m_bucketCount; }
    void applyTheme(const Theme &theme) override;

private:
    struct Layer
    {
        QLineSeries *upper = nullptr;
        QLineSeries *lower = nullptr;
        QAreaSeries *area = nullptr;
    };
    Layer m_layers[4];
    qsizetype m_bucketCount = 0;
};

} // namespace airm::ui
