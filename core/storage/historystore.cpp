#include "historystore.h"

#include "errornormalizer.h"
#include "latencybuckets.h"
#include "recordcodec.h"
#include "schema.h"
#include "storagecodes.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <type_traits>

namespace airm {
namespace {

constexpr qint64 kMsPerMinute = MinuteRollup::kMsPerMinute;

void setError(QString *error, const QString &message)
{
    if (error) *error = message;
}

qint64 i64(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return -floorDiv(-a, b);
}

// Prepares and runs sql with positional binds on this thread's connection.
// Declared before the queries of a call, so it outlives them: a connection that failed as a connection (the
// server went away) is dropped when the call ends, and the next call on this thread connects afresh.
class Runner
{
public:
    Runner(const Database &db, QString *error)
        : m_database(db)
        , m_error(error)
    {
        QString openError;
        m_db = db.connection(&openError);
        if (!m_db.isOpen()) setError(m_error, openError);
    }
    ~Runner()
    {
        if (!m_broken) return;
        m_db = QSqlDatabase();
        m_database.releaseConnection();
    }
    bool ok() const { return m_db.isOpen(); }
    bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds)
    {
        q = QSqlQuery(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            setError(m_error, QStringLiteral("%1 (preparing: %2)").arg(q.lastError().text(), sql.left(200)));
            m_broken = isBroken(q.lastError());
            return false;
        }
        for (qsizetype i = 0; i < binds.size(); ++i)
            q.bindValue(int(i), binds[i]);
        if (!q.exec()) {
            setError(m_error, q.lastError().text());
            m_broken = isBroken(q.lastError());
            return false;
        }
        return true;
    }

private:
    // A server connection that cannot run "SELECT 1" either is gone (QPSQL reports that as a statement
    // error).
    bool isBroken(const QSqlError &e)
    {
        if (e.type() == QSqlError::ConnectionError || !m_db.isOpen()) return true;
        if (!m_database.location().isPostgres()) return false;
        QSqlQuery probe(m_db);
        return !probe.exec(QStringLiteral("SELECT 1"));
    }

    const Database &m_database;
    QSqlDatabase m_db;
    QString *m_error;
    bool m_broken = false;
};

QString inList(qsizetype n)
{
    QString s = QStringLiteral("(");
    for (qsizetype i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s + QLatin1Char(')');
}

template<typename E> QString codeList(const QList<E> &values)
{
    QStringList codes;
    for (E v : values)
        codes << QString::number(storagecodes::code(v));
    return QStringLiteral("(") + codes.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString likePattern(const QString &text)
{
    QString escaped;
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// A WHERE clause and its positional binds, built up in the order the conditions appear in the SQL.
struct Where
{
    QStringList conds;
    QVariantList binds;

    Where &add(const QString &cond, const QVariantList &values = {})
    {
        conds << cond;
        binds << values;
        return *this;
    }
    // column in [from, to).
    Where &range(const QString &column, qint64 from, qint64 to)
    {
        return add(column + QStringLiteral(" >= ?"), {from}).add(column + QStringLiteral(" < ?"), {to});
    }
    // Rows whose [startColumn, endColumn] overlaps [fromMs, toMs); toMs 0 means no upper bound. Point events
    // pass the same column twice.
    Where &overlapping(const QString &startColumn, const QString &endColumn, qint64 fromMs, qint64 toMs)
    {
        add(endColumn + QStringLiteral(" >= ?"), {fromMs});
        return toMs > 0 ? add(startColumn + QStringLiteral(" < ?"), {toMs}) : *this;
    }
    // All services when empty.
    Where &services(const QStringList &names)
    {
        if (names.isEmpty()) return *this;
        conds << QStringLiteral("service IN ") + inList(names.size());
        for (const QString &s : names)
            binds << s;
        return *this;
    }
    Where &filter(const HistoryFilter &f, const SqlDialect &d)
    {
        services(f.services);
        if (!f.outcomes.isEmpty()) add(QStringLiteral("outcome IN ") + codeList(f.outcomes));
        if (!f.errorClasses.isEmpty()) add(QStringLiteral("error_class IN ") + codeList(f.errorClasses));
        if (!f.origins.isEmpty()) add(QStringLiteral("origin IN ") + codeList(f.origins));
        if (f.fromMs > 0) add(QStringLiteral("ts >= ?"), {f.fromMs});
        if (f.toMs > 0) add(QStringLiteral("ts < ?"), {f.toMs});
        if (f.chaosAffected)
            add(*f.chaosAffected ? QStringLiteral("chaos_ids IS NOT NULL")
                                 : QStringLiteral("chaos_ids IS NULL"));
        if (f.simulated)
            add(*f.simulated ? QStringLiteral("simulated = 1") : QStringLiteral("simulated = 0"));
        if (!f.text.isEmpty())
            add(QStringLiteral("(prompt %1 ? ESCAPE '\\' OR error_message %1 ? ESCAPE '\\')")
                    .arg(d.likeInsensitive()),
                {likePattern(f.text), likePattern(f.text)});
        if (!f.runId.isEmpty()) add(QStringLiteral("run_id = ?"), {f.runId});
        return *this;
    }
    QString sql() const
    {
        return conds.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conds.join(QStringLiteral(" AND "));
    }
};

// Runs one query on this thread's connection and calls onRow(q) for every row. Returns false with *error set
// when it could not run; clears *error when it ran.
template<typename OnRow>
bool forEachRow(const Database &db, const QString &sql, const QVariantList &binds, QString *error,
                OnRow onRow)
{
    Runner runner(db, error);
    QSqlQuery q;
    if (!runner.ok() || !runner.run(q, sql, binds)) return false;
    while (q.next())
        onRow(q);
    if (error) error->clear();
    return true;
}

// read(q) of every row; empty when the query failed.
template<typename Read>
auto selectRows(const Database &db, const QString &sql, const QVariantList &binds, QString *error, Read read)
{
    QList<std::invoke_result_t<Read, const QSqlQuery &>> out;
    forEachRow(db, sql, binds, error, [&](const QSqlQuery &q) { out << read(q); });
    return out;
}

// read(q) of the first row; nullopt when there is none or the query failed.
template<typename Read>
auto selectFirst(const Database &db, const QString &sql, const QVariantList &binds, QString *error, Read read)
{
    std::optional<std::invoke_result_t<Read, const QSqlQuery &>> out;
    forEachRow(db, sql, binds, error, [&](const QSqlQuery &q) {
        if (!out) out = read(q);
    });
    return out;
}

// "SUM(requests), SUM(successes), ..." in MinuteRollup::additiveColumns() order.
QString rollupSums()
{
    QStringList sums;
    for (const QString &c : MinuteRollup::additiveColumns())
        sums << QStringLiteral("SUM(%1)").arg(c);
    return sums.join(QStringLiteral(", "));
}

// Reads additive values starting at column first, then min and max latency.
void readRollup(const QSqlQuery &q, int first, MinuteRollup &m)
{
    QList<qint64> values;
    const qsizetype n = MinuteRollup::additiveColumns().size();
    values.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        values << i64(q.value(first + int(i)));
    m.setAdditiveValues(values);
    const QVariant mn = q.value(first + int(n));
    const QVariant mx = q.value(first + int(n) + 1);
    m.latMinUs = mn.isNull() ? -1 : mn.toLongLong();
    m.latMaxUs = mx.isNull() ? -1 : mx.toLongLong();
}

// SELECT list of the raw aggregate matching MinuteRollup::additiveColumns() minus the histogram, then
// min/max.
QString rawSums()
{
    return QStringLiteral(
        "COUNT(*), SUM(CASE WHEN outcome = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN outcome = 1 THEN 1 ELSE 0 "
        "END), "
        "SUM(CASE WHEN outcome = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN outcome = 3 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN chaos_ids IS NOT NULL THEN 1 ELSE 0 END), SUM(simulated), "
        "SUM(CASE WHEN outcome <> 2 THEN 1 ELSE 0 END), SUM(CASE WHEN outcome <> 2 THEN latency_us ELSE 0 "
        "END), "
        "SUM(CASE WHEN outcome = 0 THEN latency_us ELSE 0 END), SUM(tokens_in), SUM(tokens_out), "
        "SUM(cost_nusd), SUM(response_length), MIN(CASE WHEN outcome <> 2 THEN latency_us END), "
        "MAX(CASE WHEN outcome <> 2 THEN latency_us END)");
}

constexpr int kRawSumColumns = 14;

void readRawSums(const QSqlQuery &q, int first, MinuteRollup &m)
{
    qint64 *fields[kRawSumColumns] = {&m.requests, &m.successes, &m.failures, &m.rejected,  &m.timeouts,
                                      &m.chaos,    &m.simulated, &m.latCount, &m.latSumUs,  &m.okLatSumUs,
                                      &m.tokensIn, &m.tokensOut, &m.costNusd, &m.respLenSum};
    for (int i = 0; i < kRawSumColumns; ++i)
        *fields[i] = i64(q.value(first + i));
    const QVariant mn = q.value(first + kRawSumColumns);
    const QVariant mx = q.value(first + kRawSumColumns + 1);
    m.latMinUs = mn.isNull() ? -1 : mn.toLongLong();
    m.latMaxUs = mx.isNull() ? -1 : mx.toLongLong();
}

double exactPercentile(const std::vector<qint64> &sortedUs, double p)
{
    if (sortedUs.empty()) return 0.0;
    const auto n = qint64(sortedUs.size());
    const qint64 rank = std::clamp<qint64>(qint64(std::ceil(p / 100.0 * double(n) - 1e-9)), 1, n);
    return double(sortedUs[std::size_t(rank - 1)]) / 1000.0;
}

struct Accumulator
{
    MinuteRollup totals;
    qint64 activeMinutes = 0, upMinutes = 0;
    std::vector<qint64> samples; // exact path
    bool exact = false;
};

ServiceStats finish(const QString &name, qint64 fromMs, qint64 toMs, const Accumulator &a,
                    const QString &source)
{
    const MinuteRollup &m = a.totals;
    ServiceStats s;
    s.service = name;
    s.fromMs = fromMs;
    s.toMs = toMs;
    s.requests = m.requests;
    s.successes = m.successes;
    s.failures = m.failures;
    s.timeouts = m.timeouts;
    s.rejected = m.rejected;
    s.chaosAffected = m.chaos;
    s.simulated = m.simulated;
    s.successRatePct = m.requests > 0 ? 100.0 * double(m.successes) / double(m.requests) : -1.0;
    s.availabilityPct = a.activeMinutes > 0 ? 100.0 * double(a.upMinutes) / double(a.activeMinutes) : -1.0;
    s.latencyCount = m.latCount;
    s.tokensIn = m.tokensIn;
    s.tokensOut = m.tokensOut;
    s.costUsd = double(m.costNusd) / 1e9;
    s.avgResponseLength = m.successes > 0 ? double(m.respLenSum) / double(m.successes) : 0.0;
    s.avgSuccessLatencyMs = m.successes > 0 ? double(m.okLatSumUs) / 1000.0 / double(m.successes) : 0.0;
    s.source = source;
    if (m.latCount > 0) {
        s.minLatencyMs = double(m.latMinUs) / 1000.0;
        s.maxLatencyMs = double(m.latMaxUs) / 1000.0;
        s.avgLatencyMs = double(m.latSumUs) / 1000.0 / double(m.latCount);
        s.exactPercentiles = a.exact;
        if (a.exact) {
            s.p50LatencyMs = exactPercentile(a.samples, 50);
            s.p95LatencyMs = exactPercentile(a.samples, 95);
            s.p99LatencyMs = exactPercentile(a.samples, 99);
        } else {
            s.p50LatencyMs = LatencyBuckets::percentile(m.buckets, 50, s.minLatencyMs, s.maxLatencyMs);
            s.p95LatencyMs = LatencyBuckets::percentile(m.buckets, 95, s.minLatencyMs, s.maxLatencyMs);
            s.p99LatencyMs = LatencyBuckets::percentile(m.buckets, 99, s.minLatencyMs, s.maxLatencyMs);
        }
    }
    return s;
}

TrendPoint trendPoint(qint64 startMs, const QString &service, const MinuteRollup &m)
{
    TrendPoint p;
    p.startMs = startMs;
    p.service = service;
    p.requests = m.requests;
    p.successes = m.successes;
    p.failures = m.failures;
    p.timeouts = m.timeouts;
    p.rejected = m.rejected;
    p.chaosAffected = m.chaos;
    p.successRatePct = m.requests > 0 ? 100.0 * double(m.successes) / double(m.requests) : -1.0;
    if (m.latCount > 0) {
        p.avgLatencyMs = double(m.latSumUs) / 1000.0 / double(m.latCount);
        p.p95LatencyMs = LatencyBuckets::percentile(m.buckets, 95, double(m.latMinUs) / 1000.0,
                                                    double(m.latMaxUs) / 1000.0);
    }
    p.tokensIn = m.tokensIn;
    p.tokensOut = m.tokensOut;
    p.costUsd = double(m.costNusd) / 1e9;
    return p;
}

QStringList parseJsonStrings(const QString &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toString();
    return out;
}

// The columns readTransition() reads, in its order.
QString transitionColumns()
{
    return QStringLiteral("ts, service, from_state, to_state, reason");
}

BreakerTransition readTransition(const QSqlQuery &q)
{
    BreakerTransition t;
    t.atMs = q.value(0).toLongLong();
    t.service = q.value(1).toString();
    t.from = storagecodes::breakerState(q.value(2).toInt()).value_or(BreakerState::Closed);
    t.to = storagecodes::breakerState(q.value(3).toInt()).value_or(BreakerState::Closed);
    t.reason = q.value(4).toString();
    return t;
}

} // namespace

HistoryStore::HistoryStore(std::shared_ptr<const Database> database)
    : HistoryStore(std::move(database), Options{})
{}

HistoryStore::HistoryStore(std::shared_ptr<const Database> database, Options options)
    : m_db(std::move(database))
    , m_options(options)
{}

HistoryPage HistoryStore::history(const HistoryFilter &filter, int limit,
                                  const std::optional<HistoryCursor> &after, QString *error) const
{
    limit = std::clamp(limit, 1, m_options.maxPageSize);
    Where w;
    w.filter(filter, m_db->dialect());
    if (after) {
        // The redundant "ts <= ?" gives the planner an index range; the OR breaks ties on the id.
        w.add(QStringLiteral("ts <= ?"), {after->ts})
            .add(QStringLiteral("(ts < ? OR id < ?)"), {after->ts, after->id});
    }
    const QString sql = QStringLiteral("SELECT %1 FROM requests%2 ORDER BY ts DESC, id DESC LIMIT %3")
                            .arg(RecordCodec::requestSelectColumns(), w.sql())
                            .arg(limit + 1);
    HistoryPage page;
    // The one row past the limit only says that there is a next page.
    forEachRow(*m_db, sql, w.binds, error, [&](const QSqlQuery &q) {
        if (page.rows.size() < limit) {
            page.rows << RecordCodec::readRequest(q);
        } else if (!page.next) {
            const StoredRequest &last = page.rows.constLast();
            page.next = HistoryCursor{last.record.startedAtMs, last.rowId};
        }
    });
    return page;
}

qint64 HistoryStore::forEach(const HistoryFilter &filter, int pageSize,
                             const std::function<bool(const StoredRequest &)> &fn, QString *error) const
{
    qint64 visited = 0;
    std::optional<HistoryCursor> cursor;
    for (;;) {
        QString pageError;
        const HistoryPage page = history(filter, pageSize, cursor, &pageError);
        if (!pageError.isEmpty()) {
            setError(error, pageError);
            return visited;
        }
        for (const StoredRequest &r : page.rows) {
            ++visited;
            if (!fn(r)) return visited;
        }
        if (!page.next) break;
        cursor = page.next;
    }
    if (error) error->clear();
    return visited;
}

qint64 HistoryStore::count(const HistoryFilter &filter, QString *error) const
{
    Where w;
    w.filter(filter, m_db->dialect());
    return selectFirst(*m_db, QStringLiteral("SELECT COUNT(*) FROM requests") + w.sql(), w.binds, error,
                       [](const QSqlQuery &q) { return q.value(0).toLongLong(); })
        .value_or(0);
}

std::optional<StoredRequest> HistoryStore::request(qint64 rowId, QString *error) const
{
    return selectFirst(
        *m_db,
        QStringLiteral("SELECT %1 FROM requests WHERE id = ?").arg(RecordCodec::requestSelectColumns()),
        {rowId}, error, [](const QSqlQuery &q) { return RecordCodec::readRequest(q); });
}

StatsReport HistoryStore::statistics(qint64 fromMs, qint64 toMs, const QStringList &services,
                                     QString *error) const
{
    StatsReport report;
    const bool raw = toMs - fromMs <= m_options.exactWindowMs;
    std::map<QString, Accumulator> byService;
    qint64 coveredFrom = fromMs, coveredTo = toMs;
    const qint64 fromMinute = floorDiv(fromMs, kMsPerMinute);
    const qint64 toMinute = ceilDiv(toMs, kMsPerMinute);

    // Histogram buckets per service from the roll-ups (the long-window path, and the fallback for short
    // windows with too many samples).
    auto addRollupBuckets = [&](bool totalsToo) {
        Where w;
        w.range(QStringLiteral("minute"), fromMinute, toMinute).services(services);
        const int n = int(MinuteRollup::additiveColumns().size());
        return forEachRow(
            *m_db,
            QStringLiteral("SELECT service, %1, MIN(lat_min_us), MAX(lat_max_us), COUNT(*), "
                           "SUM(CASE WHEN successes > 0 THEN 1 ELSE 0 END) FROM rollups_minute%2 "
                           "GROUP BY service")
                .arg(rollupSums(), w.sql()),
            w.binds, error, [&](const QSqlQuery &q) {
                MinuteRollup m;
                readRollup(q, 1, m);
                Accumulator &a = byService[q.value(0).toString()];
                if (totalsToo) {
                    a.totals = m;
                    a.activeMinutes = q.value(n + 3).toLongLong();
                    a.upMinutes = q.value(n + 4).toLongLong();
                } else {
                    a.totals.buckets = m.buckets;
                }
            });
    };

    if (raw) {
        Where w;
        w.range(QStringLiteral("ts"), fromMs, toMs).services(services);
        qint64 samples = 0;
        if (!forEachRow(
                *m_db,
                QStringLiteral("SELECT service, %1 FROM requests%2 GROUP BY service").arg(rawSums(), w.sql()),
                w.binds, error, [&](const QSqlQuery &q) {
                    Accumulator &a = byService[q.value(0).toString()];
                    readRawSums(q, 1, a.totals);
                    samples += a.totals.latCount;
                }))
            return report;
        // Availability: minutes with traffic, and of those the ones with a success.
        if (!forEachRow(
                *m_db,
                QStringLiteral("SELECT service, COUNT(*), SUM(up) FROM (SELECT service, ts / 60000 AS m, "
                               "MAX(CASE WHEN outcome = 0 THEN 1 ELSE 0 END) AS up FROM requests%1 "
                               "GROUP BY service, ts / 60000) minutes GROUP BY service")
                    .arg(w.sql()),
                w.binds, error, [&](const QSqlQuery &q) {
                    Accumulator &a = byService[q.value(0).toString()];
                    a.activeMinutes = q.value(1).toLongLong();
                    a.upMinutes = i64(q.value(2));
                }))
            return report;
        if (samples <= m_options.maxExactSamples) {
            w.add(QStringLiteral("outcome <> 2"));
            if (!forEachRow(*m_db, QStringLiteral("SELECT service, latency_us FROM requests") + w.sql(),
                            w.binds, error, [&](const QSqlQuery &q) {
                                byService[q.value(0).toString()].samples.push_back(q.value(1).toLongLong());
                            }))
                return report;
            for (auto &[name, a] : byService) {
                std::sort(a.samples.begin(), a.samples.end());
                a.exact = true;
            }
        } else if (!addRollupBuckets(false)) {
            return report;
        }
    } else {
        coveredFrom = fromMinute * kMsPerMinute;
        coveredTo = toMinute * kMsPerMinute;
        if (!addRollupBuckets(true)) return report;
    }

    const QString source = raw ? QStringLiteral("raw") : QStringLiteral("rollups");
    Accumulator overall;
    overall.exact = raw;
    for (auto &[name, a] : byService) {
        if (a.totals.requests == 0) continue;
        report.services << finish(name, coveredFrom, coveredTo, a, source);
        overall.totals.merge(a.totals);
        overall.activeMinutes += a.activeMinutes;
        overall.upMinutes += a.upMinutes;
        overall.exact = overall.exact && a.exact;
        overall.samples.insert(overall.samples.end(), a.samples.begin(), a.samples.end());
    }
    if (overall.exact) std::sort(overall.samples.begin(), overall.samples.end());
    report.overall = finish(QStringLiteral("all"), coveredFrom, coveredTo, overall, source);
    if (error) error->clear();
    return report;
}

QList<MinuteRollup> HistoryStore::rollups(qint64 fromMinute, qint64 toMinute, const QStringList &services,
                                          QString *error) const
{
    Where w;
    w.range(QStringLiteral("minute"), fromMinute, toMinute).services(services);
    return selectRows(
        *m_db,
        QStringLiteral("SELECT service, minute, %1, lat_min_us, lat_max_us FROM rollups_minute%2 "
                       "ORDER BY minute, service")
            .arg(MinuteRollup::additiveColumns().join(QStringLiteral(", ")), w.sql()),
        w.binds, error, [](const QSqlQuery &q) {
            MinuteRollup m;
            m.service = q.value(0).toString();
            m.minute = q.value(1).toLongLong();
            readRollup(q, 2, m);
            return m;
        });
}

QList<TrendPoint> HistoryStore::trends(qint64 fromMs, qint64 toMs, TrendBucket bucket,
                                       const QStringList &services, bool combine, bool fillGaps,
                                       QString *error) const
{
    QList<TrendPoint> out;
    const qint64 k = trendBucketMinutes(bucket);
    const qint64 first = floorDiv(floorDiv(fromMs, kMsPerMinute), k) * k;
    const qint64 end = ceilDiv(ceilDiv(toMs, kMsPerMinute), k) * k;
    if ((end - first) / k > m_options.maxTrendBuckets) {
        setError(error, QStringLiteral("%1 buckets of %2 requested; at most %3 (use a larger bucket)")
                            .arg((end - first) / k)
                            .arg(trendBucketName(bucket))
                            .arg(m_options.maxTrendBuckets));
        return out;
    }
    Where w;
    w.range(QStringLiteral("minute"), first, end).services(services);
    const QString bucketExpr = QStringLiteral("(minute / %1) * %1").arg(k);
    const QString serviceExpr = combine ? QStringLiteral("'all'") : QStringLiteral("service");
    const QString groupBy = combine ? bucketExpr : QStringLiteral("service, ") + bucketExpr;
    std::map<std::pair<qint64, QString>, TrendPoint> points;
    QSet<QString> series;
    if (!forEachRow(
            *m_db,
            QStringLiteral("SELECT %1, %2, %3, MIN(lat_min_us), MAX(lat_max_us) FROM rollups_minute%4 "
                           "GROUP BY %5")
                .arg(serviceExpr, bucketExpr, rollupSums(), w.sql(), groupBy),
            w.binds, error, [&](const QSqlQuery &q) {
                MinuteRollup m;
                readRollup(q, 2, m);
                const QString service = q.value(0).toString();
                const qint64 startMs = q.value(1).toLongLong() * kMsPerMinute;
                points[{startMs, service}] = trendPoint(startMs, service, m);
                series.insert(service);
            }))
        return out;
    if (fillGaps) {
        if (combine)
            series.insert(QStringLiteral("all"));
        else
            for (const QString &s : services)
                series.insert(s);
        for (qint64 b = first; b < end; b += k)
            for (const QString &s : std::as_const(series)) {
                const qint64 startMs = b * kMsPerMinute;
                if (!points.count({startMs, s}))
                    points[{startMs, s}] = trendPoint(startMs, s, MinuteRollup{});
            }
    }
    out.reserve(qsizetype(points.size()));
    for (auto &[key, p] : points)
        out << p;
    return out;
}

QList<BreakerTransition> HistoryStore::breakerTransitions(const QString &service, qint64 fromMs, qint64 toMs,
                                                          int limit, QString *error) const
{
    Where w;
    w.overlapping(QStringLiteral("ts"), QStringLiteral("ts"), fromMs, toMs);
    if (!service.isEmpty()) w.add(QStringLiteral("service = ?"), {service});
    return selectRows(
        *m_db,
        QStringLiteral("SELECT %1 FROM breaker_transitions%2 ORDER BY ts DESC, id DESC LIMIT %3")
            .arg(transitionColumns(), w.sql())
            .arg(listLimit(limit)),
        w.binds, error, readTransition);
}

QList<ChaosRecord> HistoryStore::chaosExperiments(qint64 fromMs, qint64 toMs, int limit, QString *error) const
{
    Where w;
    w.overlapping(QStringLiteral("started_ms"), QStringLiteral("COALESCE(ended_ms, ends_ms)"), fromMs, toMs);
    return selectRows(
        *m_db,
        QStringLiteral("SELECT exp_id, type, targets, params, started_ms, ends_ms, ended_ms, status, "
                       "touched FROM chaos_experiments%1 ORDER BY started_ms DESC, id DESC LIMIT %2")
            .arg(w.sql())
            .arg(listLimit(limit)),
        w.binds, error, [](const QSqlQuery &q) {
            ChaosRecord c;
            c.id = q.value(0).toString();
            c.type = storagecodes::chaosType(q.value(1).toInt()).value_or(ChaosType::Latency);
            c.targets = parseJsonStrings(q.value(2).toString());
            c.params = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
            c.startedMs = q.value(4).toLongLong();
            c.endsMs = q.value(5).toLongLong();
            c.endedMs = i64(q.value(6));
            c.status = q.value(7).toString();
            c.touched = q.value(8).toLongLong();
            return c;
        });
}

QList<ScenarioRunRecord> HistoryStore::scenarioRuns(qint64 fromMs, qint64 toMs, int limit,
                                                    QString *error) const
{
    Where w;
    w.overlapping(QStringLiteral("started_ms"), QStringLiteral("started_ms"), fromMs, toMs);
    return selectRows(
        *m_db,
        QStringLiteral("SELECT run_id, name, started_ms, ended_ms, status, report FROM scenario_runs%1 "
                       "ORDER BY started_ms DESC LIMIT %2")
            .arg(w.sql())
            .arg(listLimit(limit)),
        w.binds, error, [](const QSqlQuery &q) {
            ScenarioRunRecord s;
            s.runId = q.value(0).toString();
            s.name = q.value(1).toString();
            s.startedMs = q.value(2).toLongLong();
            s.endedMs = i64(q.value(3));
            s.status = q.value(4).toString();
            s.report = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
            return s;
        });
}

QList<AlertRecord> HistoryStore::alerts(qint64 fromMs, qint64 toMs, int limit, QString *error) const
{
    Where w;
    w.overlapping(QStringLiteral("ts"), QStringLiteral("ts"), fromMs, toMs);
    return selectRows(
        *m_db,
        QStringLiteral("SELECT alert_id, ts, rule, severity, service, message, delivered FROM alerts%1 "
                       "ORDER BY ts DESC, id DESC LIMIT %2")
            .arg(w.sql())
            .arg(listLimit(limit)),
        w.binds, error, [](const QSqlQuery &q) {
            AlertRecord a;
            a.alertId = q.value(0).toString();
            a.atMs = q.value(1).toLongLong();
            a.rule = q.value(2).toString();
            a.severity = q.value(3).toString();
            a.service = q.value(4).toString();
            a.message = q.value(5).toString();
            a.delivered = q.value(6).toInt() != 0;
            return a;
        });
}

QList<ErrorPattern> HistoryStore::errorPatterns(qint64 fromMs, qint64 toMs, const QStringList &services,
                                                int limit, QString *error) const
{
    QList<ErrorPattern> out;
    // "outcome <> 0" exactly as in the partial index requests_failures_ts.
    Where w;
    w.add(QStringLiteral("outcome <> 0")).range(QStringLiteral("ts"), fromMs, toMs).services(services);
    struct Group
    {
        ErrorPattern pattern;
        QSet<QString> services;
        qint64 exampleCount = 0;
    };
    std::map<std::pair<int, QString>, Group> groups;
    if (!forEachRow(*m_db,
                    QStringLiteral("SELECT error_class, error_message, service, COUNT(*), MIN(ts), MAX(ts) "
                                   "FROM requests%1 GROUP BY error_class, error_message, service")
                        .arg(w.sql()),
                    w.binds, error, [&](const QSqlQuery &q) {
                        const int cls = q.value(0).toInt();
                        const QString message = q.value(1).toString();
                        const qint64 n = q.value(3).toLongLong();
                        Group &g = groups[{cls, ErrorNormalizer::normalize(message)}];
                        ErrorPattern &p = g.pattern;
                        if (p.count == 0) {
                            p.errorClass = storagecodes::errorClass(cls).value_or(ErrorClass::None);
                            p.pattern = ErrorNormalizer::normalize(message);
                            p.firstSeenMs = q.value(4).toLongLong();
                        }
                        p.count += n;
                        p.firstSeenMs = std::min(p.firstSeenMs, q.value(4).toLongLong());
                        p.lastSeenMs = std::max(p.lastSeenMs, q.value(5).toLongLong());
                        g.services.insert(q.value(2).toString());
                        if (n > g.exampleCount) {
                            g.exampleCount = n;
                            p.example = message;
                        }
                    }))
        return out;
    for (auto &[key, g] : groups) {
        g.pattern.services = QStringList(g.services.begin(), g.services.end());
        g.pattern.services.sort();
        out << g.pattern;
    }
    std::sort(out.begin(), out.end(), [](const ErrorPattern &a, const ErrorPattern &b) {
        return a.count != b.count ? a.count > b.count : a.lastSeenMs > b.lastSeenMs;
    });
    if (limit > 0 && out.size() > limit) out.resize(limit);
    return out;
}

DatabaseStats HistoryStore::databaseStats(QString *error) const
{
    DatabaseStats stats;
    const DatabaseLocation &loc = m_db->location();
    stats.backend = loc.isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    stats.location = loc.describe();
    Runner runner(*m_db, error);
    if (!runner.ok()) return stats;
    {
        QString versionError;
        QSqlDatabase db = m_db->connection();
        stats.schemaVersion = Schema::version(db, m_db->dialect(), &versionError);
    }
    QSqlQuery q;
    for (const QString &table : Schema::dataTables()) {
        if (!runner.run(q, QStringLiteral("SELECT COUNT(*) FROM ") + table, {}) || !q.next()) return stats;
        stats.rows.insert(table, q.value(0).toLongLong());
    }
    if (!runner.run(q, QStringLiteral("SELECT MIN(ts), MAX(ts) FROM requests"), {}) || !q.next())
        return stats;
    stats.oldestRequestMs = i64(q.value(0));
    stats.newestRequestMs = i64(q.value(1));
    if (loc.isPostgres()) {
        if (!runner.run(q, m_db->dialect().databaseSizeQuery(), {}) || !q.next()) return stats;
        stats.sizeBytes = i64(q.value(0));
    } else {
        stats.sizeBytes = QFileInfo(loc.path).size() + QFileInfo(loc.path + QStringLiteral("-wal")).size();
    }
    if (error) error->clear();
    return stats;
}

QList<HourProfile> HistoryStore::hourOfDayProfile(qint64 fromMs, qint64 toMs, const QStringList &services,
                                                  int utcOffsetMinutes, QString *error) const
{
    Where w;
    w.range(QStringLiteral("minute"), floorDiv(fromMs, kMsPerMinute), ceilDiv(toMs, kMsPerMinute))
        .services(services);
    // A whole number of days added keeps the dividend positive for negative offsets.
    const qint64 shift = qint64(utcOffsetMinutes) + 1440 * 2;
    const QString hourExpr = QStringLiteral("((minute + %1) / 60) % 24").arg(shift);
    return selectRows(
        *m_db,
        QStringLiteral("SELECT %1, SUM(requests), SUM(successes), SUM(ok_lat_sum_us) FROM rollups_minute%2 "
                       "GROUP BY %1 ORDER BY %1")
            .arg(hourExpr, w.sql()),
        w.binds, error, [](const QSqlQuery &q) {
            HourProfile h;
            h.hour = q.value(0).toInt();
            h.requests = i64(q.value(1));
            h.successes = i64(q.value(2));
            h.avgSuccessLatencyMs =
                h.successes > 0 ? double(i64(q.value(3))) / 1000.0 / double(h.successes) : 0.0;
            return h;
        });
}

QList<OutcomeChange> HistoryStore::outcomeChanges(qint64 fromMs, qint64 toMs, const QStringList &services,
                                                  QString *error) const
{
    Where w;
    w.range(QStringLiteral("ts"), fromMs, toMs).services(services);
    return selectRows(
        *m_db,
        QStringLiteral("SELECT service, ts, ok, error_class, error_message FROM (SELECT service, ts, id, "
                       "CASE WHEN outcome = 0 THEN 1 ELSE 0 END AS ok, error_class, error_message, "
                       "LAG(CASE WHEN outcome = 0 THEN 1 ELSE 0 END) OVER (PARTITION BY service "
                       "ORDER BY ts, id) AS prev FROM requests%1) changes "
                       "WHERE prev IS NULL OR prev <> ok ORDER BY service, ts, id")
            .arg(w.sql()),
        w.binds, error, [](const QSqlQuery &q) {
            OutcomeChange c;
            c.service = q.value(0).toString();
            c.ts = q.value(1).toLongLong();
            c.success = q.value(2).toInt() != 0;
            c.errorClass = storagecodes::errorClass(q.value(3).toInt()).value_or(ErrorClass::None);
            c.errorMessage = q.value(4).toString();
            return c;
        });
}

std::optional<BreakerTransition> HistoryStore::transitionBefore(const QString &service, qint64 atMs,
                                                                QString *error) const
{
    const QList<BreakerTransition> list = breakerTransitions(service, 0, atMs + 1, 1, error);
    if (list.isEmpty()) return std::nullopt;
    return list.constFirst();
}

std::optional<BreakerTransition> HistoryStore::firstTransitionTo(const QString &service, BreakerState state,
                                                                 qint64 fromMs, QString *error) const
{
    return selectFirst(*m_db,
                       QStringLiteral("SELECT %1 FROM breaker_transitions WHERE service = ? AND ts >= ? AND "
                                      "to_state = ? ORDER BY ts, id LIMIT 1")
                           .arg(transitionColumns()),
                       {service, fromMs, storagecodes::code(state)}, error, readTransition);
}

QStringList HistoryStore::servicesSeen(qint64 fromMs, qint64 toMs, QString *error) const
{
    QStringList out = selectRows(
        *m_db,
        QStringLiteral("SELECT DISTINCT service FROM rollups_minute WHERE minute >= ? AND minute < ? "
                       "UNION SELECT DISTINCT service FROM breaker_transitions WHERE ts >= ? AND ts < ?"),
        {floorDiv(fromMs, kMsPerMinute), ceilDiv(toMs, kMsPerMinute), fromMs, toMs}, error,
        [](const QSqlQuery &q) { return q.value(0).toString(); });
    out.sort();
    return out;
}

int HistoryStore::listLimit(int limit) const
{
    return limit > 0 ? limit : m_options.defaultListLimit;
}

} // namespace airm
