// The standard process_* metrics of this process (resident and virtual memory, CPU seconds, start time, open
// and maximum file descriptors), read from /proc/self on Linux. Cached for kCacheMs so a busy scraper does
// not turn into a /proc reader. Thread affinity: any one thread per instance.
#pragma once

#include "metrics/prometheuswriter.h"

#include <QElapsedTimer>

namespace airm {

class ProcessStats
{
public:
    static constexpr qint64 kCacheMs = 500;

    // Fills the process fields of extras; processKnown stays false where /proc is not available.
    void fill(PrometheusExtras *extras);
    // Resident set size in bytes from /proc/self/statm, 0 when unknown; not cached.
    static qint64 residentBytes();

private:
    void refresh();

    QElapsedTimer m_age;
    PrometheusExtras m_cached;
};

} // namespace airm
