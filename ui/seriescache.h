// The GUI's copy of the engine's per-second series, per service and "all": merged incrementally (only the
// newest seconds are fetched each refresh), bounded to maxSeconds. GUI thread.
#pragma once

#include "metrics/metricsregistry.h"

#include <QHash>
#include <QString>
#include <deque>

namespace airm::ui {

class SeriesCache
{
public:
    explicit SeriesCache(qint64 maxSeconds = 3600)
        : m_maxSeconds(maxSeconds)
    {}

    // Replaces the seconds covered by points (they are the engine's current view) and appends newer ones.
    void merge(const QString &service, const QList<SecondPoint> &points);
    void clear();
    // Points with from <= second <= to, oldest first.
    QList<SecondPoint> range(const QString &service, qint64 fromSecond, qint64 toSecond) const;
    qint64 newestSecond() const { return m_newestSecond; }
    bool isEmpty() const { return m_series.isEmpty(); }

private:
    qint64 m_maxSeconds;
    qint64 m_newestSecond = 0;
    QHash<QString, std::deque<SecondPoint>> m_series;
};

} // namespace airm::ui
