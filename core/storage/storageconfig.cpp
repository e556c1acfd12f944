#include "storageconfig.h"

#include <utility>

namespace airm {
namespace {

struct IntField
{
    const char *key;
    int StorageConfig::*member;
    int min;
    int max;
};

constexpr IntField kIntFields[] = {
    {"flushIntervalMs", &StorageConfig::flushIntervalMs, 1, 60'000},
    {"batchSize", &StorageConfig::batchSize, 1, 1'000'000},
    {"maxTransactionItems", &StorageConfig::maxTransactionItems, 1, 10'000'000},
    {"memoryLimit", &StorageConfig::memoryLimit, 1, 100'000'000},
    {"queueLimit", &StorageConfig::queueLimit, 1, 1'000'000'000},
    {"writerLockTimeoutMs", &StorageConfig::writerLockTimeoutMs, 0, 600'000},
    {"sqliteCheckpointPages", &StorageConfig::sqliteCheckpointPages, 1, 1'000'000},
    {"retryInitialMs", &StorageConfig::retryInitialMs, 1, 3'600'000},
    {"retryMaxMs", &StorageConfig::retryMaxMs, 1, 3'600'000},
    {"replayChunk", &StorageConfig::replayChunk, 1, 1'000'000},
    {"maxPromptChars", &StorageConfig::maxPromptChars, 0, 10'000'000},
    {"maxResponseChars", &StorageConfig::maxResponseChars, 0, 10'000'000},
    {"rawRetentionDays", &StorageConfig::rawRetentionDays, 1, 36'500},
    {"rollupRetentionDays", &StorageConfig::rollupRetentionDays, 1, 36'500},
    {"stateSignalIntervalMs", &StorageConfig::stateSignalIntervalMs, 0, 3'600'000},
};

} // namespace

QJsonObject StorageConfig::toJson() const
{
    QJsonObject o;
    for (const IntField &f : kIntFields)
        o.insert(QLatin1String(f.key), this->*f.member);
    o.insert(QStringLiteral("journalPath"), journalPath);
    o.insert(QStringLiteral("storePrompts"), storePrompts);
    o.insert(QStringLiteral("storeResponses"), storeResponses);
    o.insert(QStringLiteral("cleanupIntervalMs"), cleanupIntervalMs);
    o.insert(QStringLiteral("firstCleanupDelayMs"), firstCleanupDelayMs);
    return o;
}

QString StorageConfig::mergeJson(const QJsonObject &o)
{
    StorageConfig c = *this;
    for (const IntField &f : kIntFields) {
        const QJsonValue v = o.value(QLatin1String(f.key));
        if (v.isUndefined()) continue;
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d != double(qint64(d)) || d < f.min || d > f.max)
            return QStringLiteral("%1 must be an integer in [%2, %3]")
                .arg(QLatin1String(f.key))
                .arg(f.min)
                .arg(f.max);
        c.*f.member = int(d);
    }
    for (const auto &[key, member] : {std::pair{"storePrompts", &StorageConfig::storePrompts},
                                      std::pair{"storeResponses", &StorageConfig::storeResponses}}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) continue;
        if (!v.isBool()) return QStringLiteral("%1 must be true or false").arg(QLatin1String(key));
        c.*member = v.toBool();
    }
    for (const auto &[key, member] :
         {std::pair{"cleanupIntervalMs", &StorageConfig::cleanupIntervalMs},
          std::pair{"firstCleanupDelayMs", &StorageConfig::firstCleanupDelayMs}}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) continue;
        if (!v.isDouble() || v.toDouble() < 0)
            return QStringLiteral("%1 must be a non-negative number").arg(QLatin1String(key));
        c.*member = qint64(v.toDouble());
    }
    if (o.contains(QLatin1String("journalPath"))) {
        if (!o.value(QLatin1String("journalPath")).isString())
            return QStringLiteral("journalPath must be a string");
        c.journalPath = o.value(QLatin1String("journalPath")).toString();
    }
    if (c.retryMaxMs < c.retryInitialMs) return QStringLiteral("retryMaxMs must be >= retryInitialMs");
    *this = c;
    return {};
}

} // namespace airm
