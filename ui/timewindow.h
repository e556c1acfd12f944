// The time windows the charts offer, and what each means: its length, the bucket its bars use, its axis
// format, and whether it needs the stored history (the engine keeps one hour of per-second points).
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <optional>

namespace airm::ui {

enum class TimeWindow { FiveMinutes, OneHour, OneDay, SevenDays };

class TimeWindows
{
    Q_DECLARE_TR_FUNCTIONS(airm::ui::TimeWindows)
public:
    static QList<TimeWindow> all();
    static qint64 lengthMs(TimeWindow w);
    static qint64 bucketSeconds(TimeWindow w); // throughput bars
    static bool needsHistory(TimeWindow w);    // longer than the engine's live series
    static QString label(TimeWindow w);        // "5 min"
    static QString bucketLabel(TimeWindow w);  // "per 5 s"
    static QString axisFormat(TimeWindow w);   // QDateTimeAxis format
    static QString key(TimeWindow w);          // "5m", "1h", "24h", "7d", for settings
    static std::optional<TimeWindow> fromKey(const QString &key);
};

} // namespace airm::ui
