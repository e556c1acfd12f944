// What the API needs from the history database: request history with keyset paging, breaker and chaos
// history, statistics, error patterns, trends, export, database statistics, logging requests other programs
// made, and the writer's health. The storage layer implements it; the API works without one (those endpoints
// answer 503). Thread affinity: every query method is called on an API worker thread (never the API or the
// engine thread), possibly several at once, so implementations must be thread-safe (per-thread connections).
// status() is called on the API thread and must not block.
#pragma once

#include "model/requestrecord.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace airm {

// Filters shared by the history queries; fields a query does not use are ignored. Times are wall clock ms.
struct HistoryQuery
{
    QString service;          // empty: every service
    QString outcome;          // requests: success | failure | rejected | timeout; empty: all
    qint64 fromMs = -1;       // -1: no lower bound
    qint64 toMs = -1;         // -1: now
    int limit = 100;          // page size; the API keeps it within 1..1000
    QString cursor;           // keyset cursor from the previous page's nextCursor; empty: the newest page
    int hours = 24;           // statistics, errors, trends, export: the window ending now
    int intervalMinutes = 30; // trends: bucket width
};

// One page of rows, newest first. nextCursor is empty on the last page.
struct ApiHistoryPage
{
    QJsonArray items;
    QString nextCursor;
    QString error; // non-empty: the query failed (the message is logged, clients get a generic one)
};

struct HistoryResult
{
    QJsonValue data;
    QString error;
};

struct StorageStatus
{
    qint64 queueDepth = 0; // records waiting for the writer
    bool degraded = false; // the writer is failing or dropping records
    QString detail;
};

class HistoryProvider
{
public:
    enum class ExportFormat { Json, Csv };

    virtual ~HistoryProvider() = default;

    // Items: RequestRecord::toJson(includePrompt, false) objects.
    virtual ApiHistoryPage requests(const HistoryQuery &query) = 0;
    // Items: BreakerTransition::toJson() objects.
    virtual ApiHistoryPage breakerEvents(const HistoryQuery &query) = 0;
    // Items: ChaosExperiment::toJson() objects.
    virtual ApiHistoryPage chaosExperiments(const HistoryQuery &query) = 0;
    // Per service over the last query.hours: {service: {requests, successes, failures, successRate, latency
    // percentiles, tokens, costUsd}}.
    virtual HistoryResult statistics(const HistoryQuery &query) = 0;
    // Error classes and messages over the last query.hours, most frequent first: [{errorClass, service,
    // count, lastSeen, sample}].
    virtual HistoryResult errorPatterns(const HistoryQuery &query) = 0;
    // Buckets of query.intervalMinutes over the last query.hours: [{start, requests, failures, p50Ms,
    // p95Ms}].
    virtual HistoryResult trends(const HistoryQuery &query) = 0;
    // {path (no directories), sizeBytes, requests, breakerTransitions, chaosExperiments, oldest, newest,
    // ...}.
    virtual HistoryResult databaseStats() = 0;
    // The requests of the last query.hours (or query.fromMs..toMs) as a JSON array or RFC 4180 CSV, at most
    // query.limit rows after query.cursor; *nextCursor is set when more rows follow.
    virtual QByteArray exportRequests(const HistoryQuery &query, ExportFormat format, QString *nextCursor,
                                      QString *error) = 0;
    // Stores a request another program made (POST /api/log-request); returns the stored id, or 0 with *error.
    virtual qint64 logRequest(const RequestRecord &record, QString *error) = 0;

    virtual StorageStatus status() const = 0;
};

} // namespace airm
