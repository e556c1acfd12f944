// What the storage writer is doing, for the UI, the API and tests: healthy or degraded (and why), and how
// many items are in memory, in the journal, written, spilled and dropped. Plain value type, any thread.
#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace airm {

struct StorageState
{
    enum class Health { Starting, Ok, Degraded, Stopped };

    Health health = Health::Starting;
    QString reason;       // why degraded (the database's error text); empty when ok
    QString database;     // DatabaseLocation::describe(), never a password
    qint64 queued = 0;    // in memory, not yet in the database
    qint64 journaled = 0; // in the journal file, waiting to be replayed
    qint64 written = 0;   // committed since start (replayed ones included)
    qint64 spilled = 0;   // sent to the journal since start
    qint64 replayed = 0;  // read back from the journal since start
    qint64 dropped = 0;   // refused because the queue was over queueLimit (should stay 0)
    qint64 failedAttempts = 0;
    qint64 lastWriteMs = 0; // wall time of the last commit
    qint64 retryInMs = 0;   // while degraded: time to the next attempt

    bool isOk() const { return health == Health::Ok; }
    bool isDegraded() const { return health == Health::Degraded; }
    static QString healthName(Health h);
    QJsonObject toJson() const;
};

} // namespace airm

Q_DECLARE_METATYPE(airm::StorageState)
