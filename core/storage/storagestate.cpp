#include "storagestate.h"

namespace airm {

QString StorageState::healthName(Health h)
{
    switch (h) {
    case Health::Starting:
        return QStringLiteral("starting");
    case Health::Ok:
        return QStringLiteral("ok");
    case Health::Degraded:
        return QStringLiteral("degraded");
    case Health::Stopped:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("unknown");
}

QJsonObject StorageState::toJson() const
{
    return {{QStringLiteral("state"), healthName(health)}, {QStringLiteral("reason"), reason},
            {QStringLiteral("database"), database},        {QStringLiteral("queued"), queued},
            {QStringLiteral("journaled"), journaled},      {QStringLiteral("written"), written},
            {QStringLiteral("spilled"), spilled},          {QStringLiteral("replayed"), replayed},
            {QStringLiteral("dropped"), dropped},          {QStringLiteral("failedAttempts"), failedAttempts},
            {QStringLiteral("lastWriteMs"), lastWriteMs},  {QStringLiteral("retryInMs"), retryInMs}};
}

} // namespace airm
