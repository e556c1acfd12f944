#include "storagehistoryprovider.h"

#include "apijson.h"

#include "storage/historyexporter.h"
#include "storage/historystore.h"
#include "storage/latencybuckets.h"
#include "storage/storagewriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QMap>

namespace airm {
namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonValue isoOrNull(qint64 ms)
{
    return ms <= 0 ? QJsonValue() : QJsonValue(ApiJson::isoUtcString(ms));
}

// [from, to) of a query: explicit bounds when given, otherwise the last query.hours.
std::pair<qint64, qint64> window(const HistoryQuery &q)
{
    const qint64 to = q.toMs >= 0 ? q.toMs + 1 : nowMs() + 1;
    const qint64 from = q.fromMs >= 0 ? q.fromMs : to - qint64(q.hours) * 3'600'000;
    return {from, to};
}

HistoryFilter filterOf(const HistoryQuery &q)
{
    HistoryFilter f;
    if (!q.service.isEmpty()) f.services = {q.service};
    if (const std::optional<Outcome> o = outcomeFromString(q.outcome)) f.outcomes = {*o};
    if (q.fromMs >= 0) f.fromMs = q.fromMs;
    if (q.toMs >= 0) f.toMs = q.toMs + 1;
    return f;
}

// A row as the API lists it: our record plus the seed's column names.
QJsonObject rowJson(const StoredRequest &row)
{
    const RequestRecord &r = row.record;
    QJsonObject o = row.toJson(true);
    o.insert(QStringLiteral("timestamp"), isoOrNull(r.startedAtMs));
    o.insert(QStringLiteral("success"), r.outcome == Outcome::Success ? 1 : 0);
    o.insert(QStringLiteral("latency"), qRound64(r.latencyMs));
    o.insert(QStringLiteral("response_size"), r.responseLength);
    o.insert(QStringLiteral("error_type"),
             r.errorClass == ErrorClass::None ? QJsonValue() : QJsonValue(toString(r.errorClass)));
    o.insert(QStringLiteral("automated"), r.origin == Origin::Automation || r.origin == Origin::Scenario);
    return o;
}

QJsonObject statsJson(const ServiceStats &s)
{
    QJsonObject o = s.toJson();
    o.insert(QStringLiteral("total_requests"), s.requests);
    o.insert(QStringLiteral("successful_requests"), s.successes);
    o.insert(QStringLiteral("failed_requests"), s.errors());
    o.insert(QStringLiteral("success_rate"), s.successRatePct < 0 ? 0.0 : s.successRatePct);
    o.insert(QStringLiteral("avg_latency"), qRound64(s.avgLatencyMs * 100) / 100.0);
    o.insert(QStringLiteral("min_latency"), s.minLatencyMs);
    o.insert(QStringLiteral("max_latency"), s.maxLatencyMs);
    o.insert(QStringLiteral("avg_response_size"), s.avgResponseLength);
    return o;
}

ApiHistoryPage failedPage(const QString &error)
{
    ApiHistoryPage p;
    p.error = error;
    return p;
}

// Bucket start of a minute for an interval of `minutes`, UTC-aligned.
qint64 bucketStart(qint64 minute, int minutes)
{
    return minute - minute % minutes;
}

} // namespace

StorageHistoryProvider::StorageHistoryProvider(std::shared_ptr<const Database> database,
                                               StorageWriter *writer)
    : m_store(std::make_unique<HistoryStore>(std::move(database)))
    , m_writer(writer)
    , m_nextLoggedId(nowMs() * 1000)
{}

StorageHistoryProvider::~StorageHistoryProvider() = default;

ApiHistoryPage StorageHistoryProvider::requests(const HistoryQuery &query)
{
    std::optional<HistoryCursor> after;
    if (!query.cursor.isEmpty()) {
        after = HistoryCursor::fromString(query.cursor);
        if (!after) return failedPage(QStringLiteral("invalid cursor"));
    }
    QString error;
    const HistoryPage page = m_store->history(filterOf(query), query.limit, after, &error);
    if (!error.isEmpty()) return failedPage(error);
    ApiHistoryPage out;
    for (const StoredRequest &row : page.rows)
        out.items.append(rowJson(row));
    if (page.next) out.nextCursor = page.next->toString();
    return out;
}

ApiHistoryPage StorageHistoryProvider::breakerEvents(const HistoryQuery &query)
{
    const auto [from, to] = window(query);
    QString error;
    // One more than asked tells whether another page follows; the cursor is the time of the last row.
    const qint64 upper = query.cursor.isEmpty() ? (query.toMs >= 0 ? to : 0) : query.cursor.toLongLong();
    const QList<BreakerTransition> rows = m_store->breakerTransitions(
        query.service, query.fromMs >= 0 ? from : 0, upper, query.limit + 1, &error);
    if (!error.isEmpty()) return failedPage(error);
    ApiHistoryPage out;
    for (qsizetype i = 0; i < rows.size() && i < query.limit; ++i) {
        QJsonObject o = rows.at(i).toJson();
        o.insert(QStringLiteral("timestamp"), isoOrNull(rows.at(i).atMs));
        o.insert(QStringLiteral("from_state"), toString(rows.at(i).from));
        o.insert(QStringLiteral("to_state"), toString(rows.at(i).to));
        out.items.append(o);
    }
    if (rows.size() > query.limit) out.nextCursor = QString::number(rows.at(query.limit - 1).atMs);
    return out;
}

ApiHistoryPage StorageHistoryProvider::chaosExperiments(const HistoryQuery &query)
{
    const auto [from, to] = window(query);
    QString error;
    const QList<ChaosRecord> rows =
        m_store->chaosExperiments(query.fromMs >= 0 ? from : 0, to, query.limit, &error);
    if (!error.isEmpty()) return failedPage(error);
    ApiHistoryPage out;
    for (const ChaosRecord &c : rows) {
        if (!query.service.isEmpty() && !c.appliesTo(query.service)) continue;
        QJsonObject o = c.toJson();
        o.insert(QStringLiteral("chaos_type"), toString(c.type));
        o.insert(QStringLiteral("start_time"), isoOrNull(c.startedMs));
        o.insert(QStringLiteral("end_time"), isoOrNull(c.endedMs));
        o.insert(QStringLiteral("affected_services"), QJsonArray::fromStringList(c.targets));
        o.insert(QStringLiteral("total_requests"), c.touched);
        out.items.append(o);
    }
    return out;
}

HistoryResult StorageHistoryProvider::statistics(const HistoryQuery &query)
{
    const auto [from, to] = window(query);
    QString error;
    const StatsReport report = m_store->statistics(
        from, to, query.service.isEmpty() ? QStringList() : QStringList{query.service}, &error);
    if (!error.isEmpty()) return {{}, error};
    QJsonObject perService;
    for (const ServiceStats &s : report.services)
        perService.insert(s.service, statsJson(s));
    if (query.service.isEmpty()) perService.insert(QStringLiteral("all"), statsJson(report.overall));
    return {perService, {}};
}

HistoryResult StorageHistoryProvider::errorPatterns(const HistoryQuery &query)
{
    const auto [from, to] = window(query);
    QString error;
    const QList<ErrorPattern> patterns = m_store->errorPatterns(
        from, to, query.service.isEmpty() ? QStringList() : QStringList{query.service}, query.limit, &error);
    if (!error.isEmpty()) return {{}, error};
    QJsonArray out;
    for (const ErrorPattern &p : patterns) {
        QJsonObject o = p.toJson();
        o.insert(QStringLiteral("error_type"), toString(p.errorClass));
        o.insert(QStringLiteral("sample"), p.example);
        out.append(o);
    }
    return {out, {}};
}

HistoryResult StorageHistoryProvider::trends(const HistoryQuery &query)
{
    // Any interval (1 min .. 1 day) from the minute roll-ups; percentiles from their histograms.
    const auto [from, to] = window(query);
    const int minutes = std::max(1, query.intervalMinutes);
    const qint64 fromMinute = bucketStart(from / MinuteRollup::kMsPerMinute, minutes);
    const qint64 toMinute = (to + MinuteRollup::kMsPerMinute - 1) / MinuteRollup::kMsPerMinute;
    QString error;
    const QList<MinuteRollup> rows = m_store->rollups(
        fromMinute, toMinute, query.service.isEmpty() ? QStringList() : QStringList{query.service}, &error);
    if (!error.isEmpty()) return {{}, error};
    QMap<std::pair<qint64, QString>, MinuteRollup> buckets; // ordered by time, then service
    for (const MinuteRollup &r : rows) {
        MinuteRollup &b = buckets[{bucketStart(r.minute, minutes), r.service}];
        if (b.service.isEmpty()) {
            b.service = r.service;
            b.minute = bucketStart(r.minute, minutes);
        }
        b.merge(r);
    }
    QJsonArray out;
    for (const MinuteRollup &b : std::as_const(buckets)) {
        const qint64 startMs = b.minute * MinuteRollup::kMsPerMinute;
        const double minMs = b.latMinUs < 0 ? 0 : b.latMinUs / 1000.0;
        const double maxMs = b.latMaxUs < 0 ? 0 : b.latMaxUs / 1000.0;
        const double avg = b.latCount > 0 ? b.latSumUs / 1000.0 / double(b.latCount) : 0.0;
        out.append(
            QJsonObject{{QStringLiteral("start"), isoOrNull(startMs)},
                        {QStringLiteral("startMs"), startMs},
                        {QStringLiteral("time_bucket"), isoOrNull(startMs)},
                        {QStringLiteral("service"), b.service},
                        {QStringLiteral("requests"), b.requests},
                        {QStringLiteral("successes"), b.successes},
                        {QStringLiteral("failures"), b.requests - b.successes},
                        {QStringLiteral("rejected"), b.rejected},
                        {QStringLiteral("timeouts"), b.timeouts},
                        {QStringLiteral("avg_latency"), qRound64(avg * 100) / 100.0},
                        {QStringLiteral("p50Ms"), LatencyBuckets::percentile(b.buckets, 50, minMs, maxMs)},
                        {QStringLiteral("p95Ms"), LatencyBuckets::percentile(b.buckets, 95, minMs, maxMs)},
                        {QStringLiteral("tokensIn"), b.tokensIn},
                        {QStringLiteral("tokensOut"), b.tokensOut},
                        {QStringLiteral("costUsd"), double(b.costNusd) / 1e9}});
    }
    return {out, {}};
}

HistoryResult StorageHistoryProvider::databaseStats()
{
    QString error;
    const DatabaseStats s = m_store->databaseStats(&error);
    if (!error.isEmpty()) return {{}, error};
    QJsonObject o = s.toJson();
    o.insert(QStringLiteral("requests_count"), s.rows.value(QStringLiteral("requests")));
    o.insert(QStringLiteral("circuit_breaker_events_count"),
             s.rows.value(QStringLiteral("breaker_transitions")));
    o.insert(QStringLiteral("chaos_experiments_count"), s.rows.value(QStringLiteral("chaos_experiments")));
    o.insert(QStringLiteral("database_size_mb"), double(s.sizeBytes) / (1024.0 * 1024.0));
    o.insert(QStringLiteral("oldest_request"), isoOrNull(s.oldestRequestMs));
    o.insert(QStringLiteral("newest_request"), isoOrNull(s.newestRequestMs));
    return {o, {}};
}

QByteArray StorageHistoryProvider::exportRequests(const HistoryQuery &query, ExportFormat format,
                                                  QString *nextCursor, QString *error)
{
    HistoryFilter filter = filterOf(query);
    if (query.fromMs < 0) filter.fromMs = window(query).first;
    std::optional<HistoryCursor> cursor;
    if (!query.cursor.isEmpty()) {
        cursor = HistoryCursor::fromString(query.cursor);
        if (!cursor) {
            *error = QStringLiteral("invalid cursor");
            return {};
        }
    }
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    if (format == ExportFormat::Csv)
        buffer.write(HistoryExporter::csvColumns().join(QLatin1Char(',')).toUtf8() + "\r\n");
    else
        buffer.write("[");
    qint64 written = 0;
    std::optional<HistoryCursor> last;
    while (written < query.limit) {
        const int pageSize = int(std::min<qint64>(1000, query.limit - written));
        QString pageError;
        const HistoryPage page = m_store->history(filter, pageSize, cursor, &pageError);
        if (!pageError.isEmpty()) {
            *error = pageError;
            return {};
        }
        for (const StoredRequest &row : page.rows) {
            if (format == ExportFormat::Csv) {
                QStringList fields;
                for (const QString &v : HistoryExporter::csvValues(row))
                    fields.append(HistoryExporter::csvField(v));
                buffer.write(fields.join(QLatin1Char(',')).toUtf8() + "\r\n");
            } else {
                if (written > 0) buffer.write(",");
                buffer.write(QJsonDocument(rowJson(row)).toJson(QJsonDocument::Compact));
            }
            ++written;
            last = HistoryCursor{row.record.startedAtMs, row.rowId};
        }
        if (!page.next) {
            last.reset(); // the end: no next cursor
            break;
        }
        cursor = page.next;
    }
    if (format == ExportFormat::Json) buffer.write("]");
    if (last && written >= query.limit) *nextCursor = last->toString();
    return out;
}

qint64 StorageHistoryProvider::logRequest(const RequestRecord &record, QString *error)
{
    if (!m_writer || !m_writer->isRunning()) {
        *error = QStringLiteral("the history writer is not running");
        return 0;
    }
    RequestRecord r = record;
    r.id = quint64(m_nextLoggedId.fetch_add(1));
    // Queued, never lost: a locked or full database keeps it in memory or the journal until it can write.
    m_writer->enqueue(r);
    return qint64(r.id);
}

StorageStatus StorageHistoryProvider::status() const
{
    StorageStatus s;
    if (!m_writer) {
        s.degraded = true;
        s.detail = QStringLiteral("no writer");
        return s;
    }
    const StorageState state = m_writer->state();
    s.queueDepth = state.queued + state.journaled;
    s.degraded = state.isDegraded() || state.dropped > 0;
    s.detail = state.isDegraded()  ? state.reason
               : state.dropped > 0 ? QStringLiteral("%1 records dropped").arg(state.dropped)
                                   : StorageState::healthName(state.health);
    return s;
}

} // namespace airm
