#include "timewindow.h"

namespace airm::ui {

QList<TimeWindow> TimeWindows::all()
{
    return {TimeWindow::FiveMinutes, TimeWindow::OneHour, TimeWindow::OneDay, TimeWindow::SevenDays};
}

qint64 TimeWindows::lengthMs(TimeWindow w)
{
    switch (w) {
    case TimeWindow::FiveMinutes:
        return 5 * 60'000;
    case TimeWindow::OneHour:
        return 3'600'000;
    case TimeWindow::OneDay:
        return 24 * 3'600'000LL;
    case TimeWindow::SevenDays:
        return 7 * 24 * 3'600'000LL;
    }
    return 5 * 60'000;
}

qint64 TimeWindows::bucketSeconds(TimeWindow w)
{
    switch (w) {
    case TimeWindow::FiveMinutes:
        return 5;
    case TimeWindow::OneHour:
        return 60;
    case TimeWindow::OneDay:
        return 15 * 60;
    case TimeWindow::SevenDays:
        return 3600;
    }
    return 5;
}

bool TimeWindows::needsHistory(TimeWindow w)
{
    return w == TimeWindow::OneDay || w == TimeWindow::SevenDays;
}

QString TimeWindows::label(TimeWindow w)
{
    switch (w) {
    case TimeWindow::FiveMinutes:
        return tr("5 min");
    case TimeWindow::OneHour:
        return tr("1 h");
    case TimeWindow::OneDay:
        return tr("24 h");
    case TimeWindow::SevenDays:
        return tr("7 d");
    }
    return {};
}

QString TimeWindows::bucketLabel(TimeWindow w)
{
    switch (w) {
    case TimeWindow::FiveMinutes:
        return tr("requests per 5 s");
    case TimeWindow::OneHour:
        return tr("requests per minute");
    case TimeWindow::OneDay:
        return tr("requests per 15 min");
    case TimeWindow::SevenDays:
        return tr("requests per hour");
    }
    return {};
}

QString TimeWindows::axisFormat(TimeWindow w)
{
    switch (w) {
    case TimeWindow::FiveMinutes:
        return QStringLiteral("HH:mm:ss");
    case TimeWindow::OneHour:
    case TimeWindow::OneDay:
        return QStringLiteral("HH:mm");
    case TimeWindow::SevenDays:
        return QStringLiteral("ddd HH:mm");
    }
    return QStringLiteral("HH:mm:ss");
}

QString TimeWindows::key(TimeWindow w)
{
    switch (w) {
    case TimeWindow::FiveMinutes:
        return QStringLiteral("5m");
    case TimeWindow::OneHour:
        return QStringLiteral("1h");
    case TimeWindow::OneDay:
        return QStringLiteral("24h");
    case TimeWindow::SevenDays:
        return QStringLiteral("7d");
    }
    return QStringLiteral("5m");
}

std::optional<TimeWindow> TimeWindows::fromKey(const QString &key)
{
    for (const TimeWindow w : all())
        if (TimeWindows::key(w) == key) return w;
    return std::nullopt;
}

} // namespace airm::ui
