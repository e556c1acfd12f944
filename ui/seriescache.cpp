#include "seriescache.h"

#include <algorithm>

namespace airm::ui {

void SeriesCache::merge(const QString &service, const QList<SecondPoint> &points)
{
    if (points.isEmpty()) return;
    std::deque<SecondPoint> &series = m_series[service];
    const qint64 first = points.constFirst().second;
    while (!series.empty() && series.back().second >= first)
        series.pop_back();
    for (const SecondPoint &p : points)
        if (series.empty() || p.second > series.back().second) series.push_back(p);
    const qint64 newest = series.back().second;
    m_newestSecond = std::max(m_newestSecond, newest);
    while (!series.empty() && series.front().second < newest - m_maxSeconds)
        series.pop_front();
}

void SeriesCache::clear()
{
    m_series.clear();
    m_newestSecond = 0;
}

QList<SecondPoint> SeriesCache::range(const QString &service, qint64 fromSecond, qint64 toSecond) const
{
    QList<SecondPoint> out;
    const auto it = m_series.constFind(service);
    if (it == m_series.constEnd()) return out;
    const std::deque<SecondPoint> &series = it.value();
    auto begin = std::lower_bound(series.begin(), series.end(), fromSecond,
                                  [](const SecondPoint &p, qint64 s) { return p.second < s; });
    for (auto i = begin; i != series.end() && i->second <= toSecond; ++i)
        out.append(*i);
    return out;
}

} // namespace airm::ui
