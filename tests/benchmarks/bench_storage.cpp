// Storage throughput and query latency: sustained inserts through StorageWriter, then a history page,
// per-service statistics and 24-hour trends on the resulting 1,000,000-row SQLite database, and bytes on disk
// per record. Prints one JSON object.
#include "storage/database.h"
#include "storage/historystore.h"
#include "storage/storagewriter.h"

#include "requestmix.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <type_traits>
#include <unistd.h>
#include <vector>

using namespace airm;

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int kRecords = 1'000'000;
constexpr int kServices = 3;
constexpr qint64 kSpanMs = 30LL * 24 * 3600 * 1000; // the records cover 30 days
constexpr qint64 kEndMs = 1'700'000'000'000;
constexpr qint64 kStartMs = kEndMs - kSpanMs;

const QString kServiceNames[kServices] = {QStringLiteral("gemini"), QStringLiteral("cohere"),
                                          QStringLiteral("huggingface")};
const QString kModels[kServices] = {QStringLiteral("gemini-1.5-flash"), QStringLiteral("command-r"),
                                    QStringLiteral("mistral-7b-instruct")};

std::vector<RequestRecord> makePool(int size, quint64 seed)
{
    bench::RequestMix mix(seed);
    std::vector<RequestRecord> pool(static_cast<std::size_t>(size));
    for (int i = 0; i < size; ++i) {
        RequestRecord &r = pool[static_cast<std::size_t>(i)];
        const int s = i % kServices;
        r.service = r.servedBy = kServiceNames[s];
        r.kind = s == 0 ? ProviderKind::Gemini : s == 1 ? ProviderKind::Cohere : ProviderKind::HuggingFace;
        r.model = kModels[s];
        r.origin = Origin::Automation;
        mix.draw(r);
        r.httpStatus = r.outcome == Outcome::Success ? 200 : r.outcome == Outcome::Failure ? 500 : 0;
        if (r.outcome == Outcome::Failure) r.errorMessage = QStringLiteral("HTTP 500: internal server error");
        if (r.outcome == Outcome::Timeout)
            r.errorMessage = QStringLiteral("attempt timed out after 10000 ms");
        if (r.outcome == Outcome::Rejected) r.errorMessage = QStringLiteral("circuit breaker is OPEN");
        if (mix.roll() < 10) r.chaosIds = {QStringLiteral("chaos-%1").arg(mix.roll() % 7 + 1)};
        r.simulated = true;
        if (r.outcome != Outcome::Rejected) {
            AttemptRecord a;
            a.service = r.service;
            a.outcome = r.outcome;
            a.errorClass = r.errorClass;
            a.errorMessage = r.errorMessage;
            a.httpStatus = r.httpStatus;
            a.latencyMs = r.latencyMs - 0.05 * (mix.roll() + 1);
            a.chaosIds = r.chaosIds;
            a.simulated = true;
            r.attemptList = {a};
            r.attempts = 1;
        }
        if (r.outcome == Outcome::Success) {
            r.inputTokens = 20 + mix.roll();
            r.outputTokens = 100 + 3 * mix.roll();
            r.costUsd = 1e-6 * double(r.inputTokens + 3 * r.outputTokens);
            r.responseLength = int(r.outputTokens * 4);
        }
    }
    return pool;
}

// CPU seconds used so far by the thread named name (Linux: /proc/self/task/*/stat), or -1.
double threadCpuSeconds(const char *name)
{
    QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly)) continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
        if (open < 0 || close < 0 || line.mid(open + 1, close - open - 1) != name) continue;
        // Fields after the name: state is field 3; utime and stime are fields 14 and 15.
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() < 13) return -1;
        return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
    }
    return -1;
}

double msSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// Median of n runs of fn, in ms; a fn that returns a double times itself (to leave out its set-up).
template<typename F> double medianMs(int n, F fn)
{
    std::vector<double> times;
    for (int i = 0; i < n; ++i) {
        const auto start = SteadyClock::now();
        if constexpr (std::is_same_v<decltype(fn()), double>) {
            times.push_back(fn());
        } else {
            fn();
            times.push_back(msSince(start));
        }
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.db"));
    auto db = std::make_shared<Database>(DatabaseLocation::sqlite(path));

    // 1. Sustained insert through the writer; the producer backs off while 200k items wait.
    std::vector<RequestRecord> pool = makePool(8192, 1);
    StorageConfig config;
    config.cleanupIntervalMs = 0;
    double insertMs = 0;
    double writerCpuS = -1; // the writer thread's own CPU time: its throughput on an otherwise idle core
    {
        StorageWriter writer(db, config);
        writer.start();
        if (!writer.flush(30'000)) {
            std::fprintf(stderr, "writer did not start: %s\n", qPrintable(writer.state().reason));
            return 1;
        }
        const auto start = SteadyClock::now();
        for (int i = 0; i < kRecords; ++i) {
            RequestRecord &r = pool[static_cast<std::size_t>(i) & 8191];
            r.id = quint64(i + 1);
            r.startedAtMs = kStartMs + qint64(i) * (kSpanMs / kRecords);
            r.finishedAtMs = r.startedAtMs + qint64(r.latencyMs);
            writer.enqueue(r);
            // A producer far ahead of the writer only measures memory; keep at most ~200k items waiting.
            if ((i & 4095) == 0)
                while (writer.state().queued > 200'000)
                    QThread::msleep(1);
        }
        if (!writer.flush(120'000)) {
            std::fprintf(stderr, "flush timed out\n");
            return 1;
        }
        insertMs = msSince(start);
        writerCpuS = threadCpuSeconds("airm-storage");
        writer.stop();
    }
    const double insertRate = kRecords / (insertMs / 1000.0);
    const double writerCpuRate = writerCpuS > 0 ? kRecords / writerCpuS : -1;

    QSqlDatabase conn = db->connection();
    QSqlQuery(conn).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    const qint64 fileBytes = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
    qint64 rows = 0;
    {
        QSqlQuery q(conn);
        q.exec(QStringLiteral("SELECT COUNT(*) FROM requests"));
        if (q.next()) rows = q.value(0).toLongLong();
    }
    conn = QSqlDatabase();

    // 2. Queries on the 1M-row database, each the median of many runs over moving windows.
    HistoryStore store(db);
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<qint64> offset(2 * 24 * 3600 * 1000LL, kSpanMs - 24 * 3600 * 1000LL);
    constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    qint64 checksum = 0;
    const double pageMs = medianMs(101, [&] {
        HistoryFilter f;
        f.services = {kServiceNames[rng() % kServices]};
        f.toMs = kStartMs + offset(rng);
        f.fromMs = f.toMs - kDayMs;
        checksum += store.history(f, 50).rows.size();
    });
    const double nextPageMs = medianMs(101, [&] {
        HistoryFilter f;
        f.services = {kServiceNames[rng() % kServices]};
        f.toMs = kStartMs + offset(rng);
        f.fromMs = f.toMs - kDayMs;
        const HistoryPage first = store.history(f, 50);
        const auto start = SteadyClock::now();
        checksum += store.history(f, 50, first.next).rows.size();
        return msSince(start);
    });
    const double textSearchMs = medianMs(11, [&] {
        HistoryFilter f;
        f.services = {kServiceNames[rng() % kServices]};
        f.outcomes = {Outcome::Timeout};
        f.toMs = kStartMs + offset(rng);
        f.fromMs = f.toMs - kDayMs;
        checksum += store.history(f, 50).rows.size();
    });
    const double stats24hMs = medianMs(31, [&] {
        const qint64 to = kStartMs + offset(rng);
        checksum += store.statistics(to - kDayMs, to).overall.requests;
    });
    const double stats1hMs = medianMs(31, [&] {
        const qint64 to = kStartMs + offset(rng);
        checksum += store.statistics(to - kDayMs / 24, to).overall.requests;
    });
    const double trends24hMs = medianMs(31, [&] {
        const qint64 to = kStartMs + offset(rng);
        checksum += store.trends(to - kDayMs, to, TrendBucket::FiveMinutes).size();
    });
    const double trendsHourlyMs = medianMs(31, [&] {
        const qint64 to = kStartMs + offset(rng);
        checksum += store.trends(to - kDayMs, to, TrendBucket::Hour, {}, true).size();
    });
    db->releaseConnection();

    const double bytesPerRecord = double(fileBytes) / double(rows);
    const bool pass = insertRate >= 200'000 && pageMs <= 5 && stats24hMs <= 50 && trends24hMs <= 50 &&
                      bytesPerRecord <= 300;
    std::printf(
        "{\"benchmark\":\"storage\",\"records\":%lld,\"insert_rate_per_s\":%.0f,"
        "\"insert_rate_per_writer_cpu_s\":%.0f,\"bytes_per_record\":%.1f,\"history_page_ms\":%.3f,\"history_"
        "next_page_ms\":%.3f,"
        "\"history_filtered_page_ms\":%.3f,\"statistics_24h_ms\":%.3f,\"statistics_1h_exact_ms\":%.3f,"
        "\"trends_24h_5m_ms\":%.3f,\"trends_24h_hourly_combined_ms\":%.3f,"
        "\"targets\":{\"insert_rate_per_s\":200000,\"history_page_ms\":5,\"statistics_24h_ms\":50,"
        "\"trends_24h_ms\":50,\"bytes_per_record\":300},\"pass\":%s,\"checksum\":%lld}\n",
        static_cast<long long>(rows), insertRate, writerCpuRate, bytesPerRecord, pageMs, nextPageMs,
        textSearchMs, stats24hMs, stats1hMs, trends24hMs, trendsHourlyMs, pass ? "true" : "false",
        static_cast<long long>(checksum));
    return rows == kRecords ? 0 : 1;
}
