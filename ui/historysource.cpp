#include "historysource.h"

namespace airm::ui {

HistorySource::HistorySource(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<airm::HistoryPage>("airm::HistoryPage");
    qRegisterMetaType<QList<airm::TrendPoint>>("QList<airm::TrendPoint>");
    qRegisterMetaType<airm::ui::AnalyticsReport>("airm::ui::AnalyticsReport");
    qRegisterMetaType<QList<airm::ChaosRecord>>("QList<airm::ChaosRecord>");
}

} // namespace airm::ui
