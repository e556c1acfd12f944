// The value types history queries take and return: filters, keyset cursors and pages of stored requests,
// per-service statistics, trend points, error patterns, breaker and database figures. Any thread.
#pragma once

#include "model/requestrecord.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>
#include <optional>

namespace airm {

// A request as stored: its database id (the keyset tie-breaker) and the record read back.
struct StoredRequest
{
    qint64 rowId = 0;
    RequestRecord record;
    QJsonObject toJson(bool includePrompt = true) const;
};

// Which requests a history page, an export or a count covers. Empty lists and unset options match all.
struct HistoryFilter
{
    QStringList services;
    QList<Outcome> outcomes;
    QList<ErrorClass> errorClasses;
    QList<Origin> origins;
    qint64 fromMs = 0; // start time, inclusive; 0: unbounded
    qint64 toMs = 0;   // start time, exclusive; 0: unbounded
    std::optional<bool> chaosAffected;
    std::optional<bool> simulated;
    QString text;  // case-insensitive substring of the prompt or the error message
    QString runId; // automation or scenario run

    QJsonObject toJson() const;
    // Keys as in toJson(); list fields also take a single string or a comma-separated one. On error the
    // message names the key.
    static HistoryFilter fromJson(const QJsonObject &o, QString *error);
};

// Position after the last row of a page: rows are ordered by (start time, id) descending.
struct HistoryCursor
{
    qint64 ts = 0;
    qint64 id = 0;
    QString toString() const; // "ts:id", opaque to clients
    static std::optional<HistoryCursor> fromString(const QString &s);
    bool operator==(const HistoryCursor &) const = default;
};

struct HistoryPage
{
    QList<StoredRequest> rows;
    std::optional<HistoryCursor> next; // unset on the last page
    QJsonObject toJson(bool includePrompt = true) const;
};

struct ServiceStats
{
    QString service; // "all" for the total over services
    qint64 fromMs = 0, toMs = 0;
    qint64 requests = 0, successes = 0, failures = 0, timeouts = 0, rejected = 0;
    qint64 chaosAffected = 0, simulated = 0;
    // successes / requests (rejected included) in %; -1 without requests.
    double successRatePct = -1.0;
    // Minutes with at least one success / minutes with traffic, in %; -1 without requests.
    double availabilityPct = -1.0;
    // Latency of non-rejected requests; 0 when latencyCount is 0.
    qint64 latencyCount = 0;
    double minLatencyMs = 0, avgLatencyMs = 0, p50LatencyMs = 0, p95LatencyMs = 0, p99LatencyMs = 0;
    double maxLatencyMs = 0;
    double avgSuccessLatencyMs = 0; // successes only (the leaderboard's "speed")
    qint64 tokensIn = 0, tokensOut = 0;
    double costUsd = 0;
    double avgResponseLength = 0; // characters, over successes
    QString source;               // "raw" (exact window) or "rollups" (minute-aligned)
    bool exactPercentiles = false;

    qint64 errors() const { return requests - successes; }
    QJsonObject toJson() const;
};

// Statistics over one window: the total over the selected services and one entry per service.
struct StatsReport
{
    ServiceStats overall; // service "all"
    QList<ServiceStats> services;
    const ServiceStats *service(const QString &name) const;
    QJsonObject toJson() const;
};

enum class TrendBucket { Minute, FiveMinutes, Hour, Day };
qint64 trendBucketMinutes(TrendBucket b);
QString trendBucketName(TrendBucket b);
std::optional<TrendBucket> trendBucketFromString(const QString &s); // "1m", "5m", "1h", "1d"

struct TrendPoint
{
    qint64 startMs = 0; // bucket start, UTC-aligned
    QString service;    // "all" when services are combined
    qint64 requests = 0, successes = 0, failures = 0, timeouts = 0, rejected = 0, chaosAffected = 0;
    double successRatePct = -1.0;
    double avgLatencyMs = 0, p95LatencyMs = 0;
    qint64 tokensIn = 0, tokensOut = 0;
    double costUsd = 0;
    QJsonObject toJson() const;
};

struct ErrorPattern
{
    ErrorClass errorClass = ErrorClass::None;
    QString pattern; // normalised message (ErrorNormalizer)
    qint64 count = 0;
    QStringList services;
    qint64 firstSeenMs = 0, lastSeenMs = 0;
    QString example; // one original message
    QJsonObject toJson() const;
};

// Traffic of one hour of the day (0..23, in the requested time zone offset) summed over a window.
struct HourProfile
{
    int hour = 0;
    qint64 requests = 0, successes = 0;
    double avgSuccessLatencyMs = 0;
};

// A request whose success differs from the previous request of the same service (or the first in a window).
struct OutcomeChange
{
    QString service;
    qint64 ts = 0;
    bool success = false;
    ErrorClass errorClass = ErrorClass::None;
    QString errorMessage;
};

struct DatabaseStats
{
    QString backend;  // "sqlite" or "postgresql"
    QString location; // never a password
    int schemaVersion = 0;
    QMap<QString, qint64> rows;                      // per table
    qint64 sizeBytes = 0;                            // file + WAL for SQLite, pg_database_size for PostgreSQL
    qint64 oldestRequestMs = 0, newestRequestMs = 0; // 0 when empty
    QJsonObject toJson() const;
};

} // namespace airm
