// Tunables of the storage writer and of retention, with their defaults (the only place they are set).
// Plain value type, any thread.
#pragma once

#include <QJsonObject>
#include <QString>

namespace airm {

struct StorageConfig
{
    // Batching: the writer drains its queue every flushIntervalMs, or as soon as batchSize items wait.
    int flushIntervalMs = 100;
    int batchSize = 1000;
    int maxTransactionItems = 20'000; // bounds how long one transaction holds the write lock

    // Back-pressure and durability while the database cannot be written.
    int memoryLimit = 100'000;  // items kept in memory before spilling to the journal
    int queueLimit = 1'000'000; // enqueue() drops (and counts) beyond this; reached only if spilling stalls
    int writerLockTimeoutMs = 1000; // how long one write waits on another connection's lock
    // SQLite: WAL pages the writer lets accumulate before checkpointing (SQLite's default is 1000). Fewer,
    // larger checkpoints write each hot index page back once instead of once per few transactions.
    int sqliteCheckpointPages = 8192;
    int retryInitialMs = 250; // exponential backoff between failed attempts
    int retryMaxMs = 30'000;
    QString journalPath;    // empty: DatabaseLocation::defaultJournalPath()
    int replayChunk = 5000; // journal lines per replay transaction

    // What is stored of the texts. Prompts are empty in privacy mode already (the engine never fills them).
    bool storePrompts = true;
    int maxPromptChars = 16'384;
    bool storeResponses = false; // responses are not history: off by default, truncated when on
    int maxResponseChars = 2048;

    // Retention: raw rows (requests, breaker transitions, alerts) and roll-ups (plus chaos and scenario
    // runs).
    int rawRetentionDays = 30;
    int rollupRetentionDays = 365;
    qint64 cleanupIntervalMs = 24LL * 3600 * 1000; // 0: only on demand
    qint64 firstCleanupDelayMs = 60'000;

    int stateSignalIntervalMs = 500; // stateChanged at most this often for counter-only changes

    QJsonObject toJson() const;
    // Applies the keys present ({"flushIntervalMs", "memoryLimit", "rawRetentionDays", ...}); on error the
    // message names the key and *this is unchanged.
    QString mergeJson(const QJsonObject &o);
};

} // namespace airm
