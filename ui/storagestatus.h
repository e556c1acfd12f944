// The history database's state as the status bar and Settings show it: not configured, starting, ok or
// degraded with the reason, and the numbers behind it. Fed by whoever owns the storage writer (queued).
// GUI thread.
#pragma once

#include "storage/storagestate.h"

#include <QObject>

namespace airm::ui {

class StorageStatus : public QObject
{
    Q_OBJECT
public:
    explicit StorageStatus(QObject *parent = nullptr);

    bool available() const { return m_available; }
    const StorageState &state() const { return m_state; }
    QString unavailableReason() const { return m_reason; }
    QString location() const { return m_location; }

    void setUnavailable(const QString &reason);
    void setLocation(const QString &location);
    void setState(const StorageState &state);

signals:
    void changed();

private:
    bool m_available = false;
    StorageState m_state;
    QString m_reason;
    QString m_location;
};

} // namespace airm::ui
