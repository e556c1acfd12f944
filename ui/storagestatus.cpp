#include "storagestatus.h"

namespace airm::ui {

StorageStatus::StorageStatus(QObject *parent)
    : QObject(parent)
{}

void StorageStatus::setUnavailable(const QString &reason)
{
    m_available = false;
    m_reason = reason;
    emit changed();
}

void StorageStatus::setLocation(const QString &location)
{
    m_location = location;
    emit changed();
}

void StorageStatus::setState(const StorageState &state)
{
    m_available = true;
    m_reason.clear();
    m_state = state;
    emit changed();
}

} // namespace airm::ui
