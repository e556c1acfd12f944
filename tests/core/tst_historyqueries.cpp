// HistoryStore on SQLite and PostgreSQL against a reference computed in C++ from the same records: every
// history filter, keyset paging (complete, ordered, stable while rows are added), statistics from raw rows
// and from the roll-ups, trends in every bucket size, breaker and chaos history, error patterns and database
// figures.
#include "storage/errornormalizer.h"
#include "storage/historystore.h"

#include "storagetestenv.h"

#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace airm;
using namespace airm::testenv;

namespace {

constexpr qint64 kT0 = 1'700'000'040'000; // 40 s into a minute, so windows cross minute edges
const QStringList kServices{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};

// 360 requests over 30 minutes, two per timestamp (ties for the keyset), with every field varied.
QList<RequestRecord> dataset()
{
    QList<RequestRecord> out;
    for (int i = 0; i < 360; ++i) {
        const Outcome outcomes[] = {Outcome::Success, Outcome::Success, Outcome::Success, Outcome::Success,
                                    Outcome::Failure, Outcome::Timeout, Outcome::Rejected};
        RequestRecord r = makeRecord(kServices[i % 3], kT0 + qint64(i / 2) * 10'000, outcomes[i % 7],
                                     double(10 + (i * 37) % 2000));
        r.id = quint64(i + 1);
        if (r.outcome == Outcome::Failure && i % 2) {
            r.errorClass = ErrorClass::RateLimited;
            r.errorMessage = QStringLiteral("Rate limited: retry in %1s").arg(i % 13 + 1);
            r.httpStatus = 429;
        }
        const Origin origins[] = {Origin::Manual, Origin::Automation, Origin::Api, Origin::Scenario};
        r.origin = origins[i % 4];
        if (i % 5 == 0) r.chaosIds = {QStringLiteral("chaos-%1").arg(i % 3)};
        r.simulated = i % 2 == 0;
        r.prompt = i % 11 == 0  ? QString()
                   : i % 3 == 0 ? QStringLiteral("Prompt %1 about Cats_and 100% more").arg(i)
                                : QStringLiteral("prompt %1 about dogs").arg(i);
        if (i % 6 == 0) r.runId = QStringLiteral("run-x");
        out << r;
    }
    return out;
}

bool matches(const HistoryFilter &f, const RequestRecord &r)
{
    if (!f.services.isEmpty() && !f.services.contains(r.service)) return false;
    if (!f.outcomes.isEmpty() && !f.outcomes.contains(r.outcome)) return false;
    if (!f.errorClasses.isEmpty() && !f.errorClasses.contains(r.errorClass)) return false;
    if (!f.origins.isEmpty() && !f.origins.contains(r.origin)) return false;
    if (f.fromMs > 0 && r.startedAtMs < f.fromMs) return false;
    if (f.toMs > 0 && r.startedAtMs >= f.toMs) return false;
    if (f.chaosAffected && *f.chaosAffected != r.chaosAffected()) return false;
    if (f.simulated && *f.simulated != r.simulated) return false;
    if (!f.text.isEmpty() && !r.prompt.contains(f.text, Qt::CaseInsensitive) &&
        !r.errorMessage.contains(f.text, Qt::CaseInsensitive))
        return false;
    if (!f.runId.isEmpty() && f.runId != r.runId) return false;
    return true;
}

// Newest first; ties by insertion order, newest insert first (the row id).
QList<quint64> expectedOrder(const QList<RequestRecord> &records, const HistoryFilter &f)
{
    QList<std::pair<qint64, int>> keyed;
    for (int i = 0; i < records.size(); ++i)
        if (matches(f, records[i])) keyed << std::pair{records[i].startedAtMs, i};
    std::sort(keyed.begin(), keyed.end(), [](auto a, auto b) { return a > b; });
    QList<quint64> ids;
    for (auto [ts, i] : keyed)
        ids << records[i].id;
    return ids;
}

double nearestRank(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto n = qint64(v.size());
    const qint64 rank = std::clamp<qint64>(qint64(std::ceil(p / 100.0 * double(n) - 1e-9)), 1, n);
    return v[std::size_t(rank - 1)];
}

ServiceStats reference(const QList<RequestRecord> &records, const QString &service, qint64 from, qint64 to)
{
    ServiceStats s;
    std::vector<double> latencies;
    double okLatency = 0, respLen = 0;
    std::set<qint64> active, up;
    for (const RequestRecord &r : records) {
        if ((!service.isEmpty() && r.service != service) || r.startedAtMs < from || r.startedAtMs >= to)
            continue;
        ++s.requests;
        s.successes += r.outcome == Outcome::Success;
        s.failures += r.outcome == Outcome::Failure;
        s.timeouts += r.outcome == Outcome::Timeout;
        s.rejected += r.outcome == Outcome::Rejected;
        s.chaosAffected += r.chaosAffected();
        s.simulated += r.simulated;
        s.tokensIn += r.inputTokens;
        s.tokensOut += r.outputTokens;
        s.costUsd += r.costUsd;
        const qint64 minuteKey = (r.startedAtMs / 60'000) * 1000 + kServices.indexOf(r.service);
        active.insert(minuteKey);
        if (r.outcome == Outcome::Success) {
            okLatency += r.latencyMs;
            respLen += r.responseLength;
            up.insert(minuteKey);
        }
        if (r.outcome != Outcome::Rejected) latencies.push_back(r.latencyMs);
    }
    s.successRatePct = s.requests ? 100.0 * double(s.successes) / double(s.requests) : -1;
    s.availabilityPct = active.empty() ? -1 : 100.0 * double(up.size()) / double(active.size());
    s.latencyCount = qint64(latencies.size());
    if (!latencies.empty()) {
        s.minLatencyMs = *std::min_element(latencies.begin(), latencies.end());
        s.maxLatencyMs = *std::max_element(latencies.begin(), latencies.end());
        double sum = 0;
        for (double l : latencies)
            sum += l;
        s.avgLatencyMs = sum / double(latencies.size());
        s.p50LatencyMs = nearestRank(latencies, 50);
        s.p95LatencyMs = nearestRank(latencies, 95);
        s.p99LatencyMs = nearestRank(latencies, 99);
    }
    s.avgSuccessLatencyMs = s.successes ? okLatency / double(s.successes) : 0;
    s.avgResponseLength = s.successes ? respLen / double(s.successes) : 0;
    return s;
}

bool close(double a, double b, double eps = 1e-6)
{
    return std::abs(a - b) <= eps * std::max(1.0, std::abs(b));
}

void compareCounts(const ServiceStats &a, const ServiceStats &e)
{
    QCOMPARE(a.requests, e.requests);
    QCOMPARE(a.successes, e.successes);
    QCOMPARE(a.failures, e.failures);
    QCOMPARE(a.timeouts, e.timeouts);
    QCOMPARE(a.rejected, e.rejected);
    QCOMPARE(a.chaosAffected, e.chaosAffected);
    QCOMPARE(a.simulated, e.simulated);
    QCOMPARE(a.tokensIn, e.tokensIn);
    QCOMPARE(a.tokensOut, e.tokensOut);
    QVERIFY(close(a.costUsd, e.costUsd, 1e-6));
    QVERIFY(close(a.successRatePct, e.successRatePct));
    QVERIFY2(close(a.availabilityPct, e.availabilityPct),
             qPrintable(QStringLiteral("%1 vs %2").arg(a.availabilityPct).arg(e.availabilityPct)));
    QCOMPARE(a.latencyCount, e.latencyCount);
    QVERIFY(close(a.minLatencyMs, e.minLatencyMs));
    QVERIFY(close(a.maxLatencyMs, e.maxLatencyMs));
    QVERIFY(close(a.avgLatencyMs, e.avgLatencyMs));
    QVERIFY(close(a.avgSuccessLatencyMs, e.avgSuccessLatencyMs));
    QVERIFY(close(a.avgResponseLength, e.avgResponseLength));
}

} // namespace

class TestHistoryQueries : public QObject
{
    Q_OBJECT
public:
    explicit TestHistoryQueries(Backend backend)
        : m_backend(backend)
    {}

private:
    Backend m_backend;
    std::unique_ptr<TestDatabase> m_db;
    QList<RequestRecord> m_records;

    QList<quint64> pageIds(const HistoryPage &page)
    {
        QList<quint64> ids;
        for (const StoredRequest &r : page.rows)
            ids << r.record.id;
        return ids;
    }

private slots:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(backendName(m_backend)));
        if (m_backend == Backend::Postgres && pgUrl().isEmpty()) QSKIP(pgSkipMessage());
        m_db = std::make_unique<TestDatabase>(m_backend);
        m_records = dataset();
        m_db->write(m_records);
        QCOMPARE(m_db->count(QStringLiteral("requests")), m_records.size());
    }
    void cleanupTestCase() { m_db.reset(); }

    void history_data()
    {
        QTest::addColumn<QString>("filterJson");
        QTest::addRow("everything") << "{}";
        QTest::addRow("one service") << R"({"service":"beta"})";
        QTest::addRow("two services, comma form") << R"({"services":"alpha,gamma"})";
        QTest::addRow("failures") << R"({"outcome":"failure"})";
        QTest::addRow("failures and timeouts") << R"({"outcomes":["failure","timeout"]})";
        QTest::addRow("rate limited") << R"({"errorClass":"rate_limited"})";
        QTest::addRow("origin api") << R"({"origin":"api"})";
        QTest::addRow("time range")
            << QStringLiteral(R"({"fromMs":%1,"toMs":%2})").arg(kT0 + 300'000).arg(kT0 + 600'000);
        QTest::addRow("chaos only") << R"({"chaosAffected":true})";
        QTest::addRow("no chaos") << R"({"chaosAffected":false})";
        QTest::addRow("simulated") << R"({"simulated":true})";
        QTest::addRow("real") << R"({"simulated":"false"})";
        QTest::addRow("text in prompt, any case") << R"({"text":"CATS"})";
        QTest::addRow("text in error message") << R"({"text":"retry in"})";
        QTest::addRow("wildcards are literal") << R"({"text":"100%"})";
        QTest::addRow("underscore is literal") << R"({"text":"s_a"})";
        QTest::addRow("run") << R"({"runId":"run-x"})";
        QTest::addRow("combined")
            << QStringLiteral(
                   R"({"service":"alpha","outcomes":["success","rejected"],"simulated":true,"fromMs":%1})")
                   .arg(kT0 + 100'000);
        QTest::addRow("nothing") << R"({"service":"nope"})";
    }
    void history()
    {
        QFETCH(QString, filterJson);
        QString error;
        const HistoryFilter f =
            HistoryFilter::fromJson(QJsonDocument::fromJson(filterJson.toUtf8()).object(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<quint64> expected = expectedOrder(m_records, f);
        HistoryStore store(m_db->db());
        const HistoryPage page = store.history(f, 1000, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(pageIds(page), expected);
        QVERIFY(!page.next);
        QCOMPARE(store.count(f, &error), qint64(expected.size()));
        // The filter survives its JSON form.
        QCOMPARE(HistoryFilter::fromJson(f.toJson(), &error).toJson(), f.toJson());
    }

    void filterErrors_data()
    {
        QTest::addColumn<QString>("filterJson");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("unknown key") << R"({"servce":"a"})"
                                     << "servce";
        QTest::addRow("bad outcome") << R"({"outcome":"win"})"
                                     << "outcome";
        QTest::addRow("bad time") << R"({"fromMs":"yesterday"})"
                                  << "fromMs";
        QTest::addRow("reversed range") << R"({"fromMs":10,"toMs":5})"
                                        << "toMs";
        QTest::addRow("bad bool") << R"({"simulated":"maybe"})"
                                  << "simulated";
    }
    void filterErrors()
    {
        QFETCH(QString, filterJson);
        QFETCH(QString, mentions);
        QString error;
        HistoryFilter::fromJson(QJsonDocument::fromJson(filterJson.toUtf8()).object(), &error);
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void keysetPaging_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QString>("service");
        QTest::addRow("1, all") << 1 << QString();
        QTest::addRow("7, all (ties split across pages)") << 7 << QString();
        QTest::addRow("50, one service") << 50 << QStringLiteral("beta");
        QTest::addRow("1000, all") << 1000 << QString();
    }
    void keysetPaging()
    {
        QFETCH(int, pageSize);
        QFETCH(QString, service);
        HistoryFilter f;
        if (!service.isEmpty()) f.services = {service};
        HistoryStore store(m_db->db());
        QList<quint64> all;
        std::optional<HistoryCursor> cursor;
        int pages = 0;
        for (;;) {
            QString error;
            const HistoryPage page = store.history(f, pageSize, cursor, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(page.rows.size() <= pageSize);
            all << pageIds(page);
            ++pages;
            if (!page.next) break;
            QCOMPARE(page.rows.size(), pageSize);
            // Opaque to clients: the cursor survives its text form.
            cursor = HistoryCursor::fromString(page.next->toString());
            QVERIFY(cursor && *cursor == *page.next);
        }
        QCOMPARE(all, expectedOrder(m_records, f));
        QCOMPARE(pages, std::max(1, int((all.size() + pageSize - 1) / pageSize)));
    }

    void cursorText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addRow("ok") << "1700000000000:42" << true;
        QTest::addRow("no colon") << "1700000000000" << false;
        QTest::addRow("letters") << "abc:def" << false;
        QTest::addRow("empty") << "" << false;
    }
    void cursorText()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(HistoryCursor::fromString(text).has_value(), valid);
    }

    void pagingStableWhileRowsAdded()
    {
        TestDatabase db(m_backend);
        QList<RequestRecord> records = dataset();
        db.write(records);
        HistoryStore store(db.db());
        HistoryFilter f;
        f.services = {QStringLiteral("alpha")};
        QList<quint64> seen;
        HistoryPage page = store.history(f, 10);
        seen << pageIds(page);
        int round = 0;
        while (page.next) {
            // Newer rows, rows at the cursor's own timestamp, and rows of another service arrive meanwhile.
            QList<RequestRecord> more;
            RequestRecord newer = makeRecord(QStringLiteral("alpha"), kT0 + 3'600'000 + round);
            newer.id = quint64(100'000 + round * 3);
            RequestRecord sameTs = makeRecord(QStringLiteral("alpha"), page.next->ts);
            sameTs.id = quint64(100'001 + round * 3);
            RequestRecord other = makeRecord(QStringLiteral("beta"), page.next->ts - 1);
            other.id = quint64(100'002 + round * 3);
            more << newer << sameTs << other;
            db.write(more);
            ++round;
            page = store.history(f, 10, page.next);
            seen << pageIds(page);
        }
        QCOMPARE(seen, expectedOrder(records, f)); // exactly the original rows, in order, once each
        QVERIFY(round > 5);
    }

    void statisticsExact()
    {
        HistoryStore store(m_db->db());
        const qint64 from = kT0 + 95'000, to = kT0 + 1'195'000;
        QString error;
        const StatsReport report = store.statistics(from, to, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(report.services.size(), 3);
        for (const ServiceStats &s : report.services) {
            const ServiceStats e = reference(m_records, s.service, from, to);
            compareCounts(s, e);
            if (QTest::currentTestFailed()) return;
            QCOMPARE(s.source, QStringLiteral("raw"));
            QVERIFY(s.exactPercentiles);
            QVERIFY(close(s.p50LatencyMs, e.p50LatencyMs));
            QVERIFY(close(s.p95LatencyMs, e.p95LatencyMs));
            QVERIFY(close(s.p99LatencyMs, e.p99LatencyMs));
            QCOMPARE(s.fromMs, from);
        }
        const ServiceStats all = reference(m_records, {}, from, to);
        compareCounts(report.overall, all);
        QVERIFY(close(report.overall.p95LatencyMs, all.p95LatencyMs));
        // Restricted to services.
        const StatsReport one = store.statistics(from, to, {QStringLiteral("gamma")}, &error);
        QCOMPARE(one.services.size(), 1);
        QCOMPARE(one.overall.requests, reference(m_records, QStringLiteral("gamma"), from, to).requests);
    }

    void statisticsFromRollups()
    {
        HistoryStore::Options o;
        o.exactWindowMs = 60'000; // every window below is "long"
        HistoryStore store(m_db->db(), o);
        // Minute-aligned bounds: the roll-ups cover exactly the same requests as the raw rows.
        const qint64 from = (kT0 / 60'000 + 2) * 60'000, to = from + 20 * 60'000;
        QString error;
        const StatsReport report = store.statistics(from, to, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(report.services.size(), 3);
        for (const ServiceStats &s : report.services) {
            const ServiceStats e = reference(m_records, s.service, from, to);
            compareCounts(s, e);
            if (QTest::currentTestFailed()) return;
            QCOMPARE(s.source, QStringLiteral("rollups"));
            QVERIFY(!s.exactPercentiles);
            // Interpolated inside the bucket that holds the exact value.
            for (auto [estimate, exact] :
                 {std::pair{s.p50LatencyMs, e.p50LatencyMs}, std::pair{s.p95LatencyMs, e.p95LatencyMs},
                  std::pair{s.p99LatencyMs, e.p99LatencyMs}}) {
                const int bucket = LatencyBuckets::indexFor(exact);
                const double lo = bucket ? LatencyBuckets::kUpperBoundsMs[std::size_t(bucket - 1)] : 0.0;
                const double hi = bucket < LatencyBuckets::kBoundCount
                                      ? LatencyBuckets::kUpperBoundsMs[std::size_t(bucket)]
                                      : s.maxLatencyMs;
                QVERIFY2(estimate >= lo && estimate <= hi,
                         qPrintable(QStringLiteral("%1 not in [%2, %3] (exact %4)")
                                        .arg(estimate)
                                        .arg(lo)
                                        .arg(hi)
                                        .arg(exact)));
            }
        }
        // A short window with more samples than allowed for exact percentiles keeps exact counts but takes
        // its percentiles from the histogram.
        HistoryStore::Options few;
        few.maxExactSamples = 10;
        const StatsReport mixed = HistoryStore(m_db->db(), few).statistics(from, to, {}, &error);
        QCOMPARE(mixed.overall.source, QStringLiteral("raw"));
        QVERIFY(!mixed.overall.exactPercentiles);
        QCOMPARE(mixed.overall.requests, reference(m_records, {}, from, to).requests);
        QVERIFY(mixed.overall.p95LatencyMs > 0);
    }

    void trends_data()
    {
        QTest::addColumn<TrendBucket>("bucket");
        QTest::addColumn<bool>("combine");
        QTest::addRow("1m") << TrendBucket::Minute << false;
        QTest::addRow("5m") << TrendBucket::FiveMinutes << false;
        QTest::addRow("1h") << TrendBucket::Hour << false;
        QTest::addRow("1d") << TrendBucket::Day << false;
        QTest::addRow("5m combined") << TrendBucket::FiveMinutes << true;
    }
    void trends()
    {
        QFETCH(TrendBucket, bucket);
        QFETCH(bool, combine);
        const qint64 bucketMs = trendBucketMinutes(bucket) * 60'000;
        const qint64 from = kT0, to = kT0 + 1'800'000;
        std::map<std::pair<qint64, QString>, std::pair<qint64, qint64>> expected; // requests, successes
        for (const RequestRecord &r : m_records) {
            const qint64 start = (r.startedAtMs / bucketMs) * bucketMs;
            auto &e = expected[{start, combine ? QStringLiteral("all") : r.service}];
            ++e.first;
            e.second += r.succeeded();
        }
        HistoryStore store(m_db->db());
        QString error;
        const QList<TrendPoint> points = store.trends(from, to, bucket, {}, combine, true, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const qint64 firstBucket = (from / bucketMs) * bucketMs;
        const qint64 endBucket = ((to + bucketMs - 1) / bucketMs) * bucketMs;
        const qint64 series = combine ? 1 : 3;
        QCOMPARE(qint64(points.size()), (endBucket - firstBucket) / bucketMs * series); // gaps filled
        qint64 total = 0;
        for (qsizetype i = 0; i < points.size(); ++i) {
            const TrendPoint &p = points[i];
            if (i) QVERIFY(points[i - 1].startMs <= p.startMs); // oldest first
            const auto e = expected.count({p.startMs, p.service}) ? expected.at({p.startMs, p.service})
                                                                  : std::pair<qint64, qint64>{0, 0};
            QCOMPARE(p.requests, e.first);
            QCOMPARE(p.successes, e.second);
            if (p.requests) QVERIFY(p.avgLatencyMs > 0 && p.p95LatencyMs > 0);
            total += p.requests;
        }
        QCOMPARE(total, qint64(m_records.size()));
        // One service only, no gap filling.
        const QList<TrendPoint> beta =
            store.trends(from, to, bucket, {QStringLiteral("beta")}, false, false, &error);
        for (const TrendPoint &p : beta) {
            QCOMPARE(p.service, QStringLiteral("beta"));
            QVERIFY(p.requests > 0);
        }
    }

    void trendsRefuseTooManyBuckets()
    {
        HistoryStore store(m_db->db());
        QString error;
        const auto points = store.trends(0, 40LL * 86'400'000, TrendBucket::Minute, {}, false, true, &error);
        QVERIFY(points.isEmpty());
        QVERIFY2(error.contains(QLatin1String("buckets")), qPrintable(error));
    }

    void breakerAndChaosHistory()
    {
        TestDatabase db(m_backend);
        BatchWriter::Items items;
        const BreakerState path[] = {BreakerState::Open, BreakerState::HalfOpen, BreakerState::Closed};
        for (int i = 0; i < 6; ++i) {
            BreakerTransition t;
            t.atMs = kT0 + i * 1000;
            t.service = kServices[i % 2];
            t.from = i ? path[(i + 2) % 3] : BreakerState::Closed;
            t.to = path[i % 3];
            t.reason = QStringLiteral("step %1").arg(i);
            items.push_back(t);
        }
        for (int i = 0; i < 3; ++i) {
            ChaosRecord c;
            c.id = QStringLiteral("chaos-%1").arg(i);
            c.type = ChaosType::Latency;
            c.startedMs = kT0 + i * 100'000;
            c.endsMs = c.startedMs + 50'000;
            c.endedMs = i == 2 ? 0 : c.endsMs;
            c.status = i == 2 ? QStringLiteral("active") : QStringLiteral("expired");
            items.push_back(c);
        }
        db.write(items);
        HistoryStore store(db.db());
        QString error;
        const auto all = store.breakerTransitions({}, 0, 0, 100, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(all.size(), 6);
        QCOMPARE(all.first().reason, QStringLiteral("step 5")); // newest first
        const auto alpha = store.breakerTransitions(kServices[0], kT0 + 1000, kT0 + 5000, 100, &error);
        QCOMPARE(alpha.size(), 2); // steps 2 and 4
        QCOMPARE(store.breakerTransitions({}, 0, 0, 2, &error).size(), 2);
        QCOMPARE(store.transitionBefore(kServices[1], kT0 + 3500)->reason, QStringLiteral("step 3"));
        QCOMPARE(store.firstTransitionTo(kServices[0], BreakerState::HalfOpen, kT0)->reason,
                 QStringLiteral("step 4"));
        QVERIFY(!store.firstTransitionTo(kServices[0], BreakerState::ForcedOpen, kT0));

        // Overlapping [kT0 + 120 s, kT0 + 210 s): chaos-1 (100..150 s) and chaos-2 (200..250 s, active).
        const auto chaos = store.chaosExperiments(kT0 + 120'000, kT0 + 210'000, 10, &error);
        QCOMPARE(chaos.size(), 2);
        QCOMPARE(chaos[0].id, QStringLiteral("chaos-2"));
        QCOMPARE(chaos[0].status, QStringLiteral("active"));
        QCOMPARE(chaos[1].id, QStringLiteral("chaos-1"));
    }

    void errorPatterns()
    {
        HistoryStore store(m_db->db());
        QString error;
        const auto patterns = store.errorPatterns(kT0, kT0 + 1'800'000, {}, 10, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qint64 failures = 0;
        for (const RequestRecord &r : m_records)
            failures += !r.succeeded();
        qint64 total = 0;
        const ErrorPattern *rate = nullptr;
        for (const ErrorPattern &p : patterns) {
            total += p.count;
            if (p.errorClass == ErrorClass::RateLimited) rate = &p;
        }
        QCOMPARE(total, failures);    // every failure counted once
        QCOMPARE(patterns.size(), 4); // server error, rate limited (all seconds merged), timeout, rejected
        QVERIFY(rate);
        QCOMPARE(rate->pattern, QStringLiteral("Rate limited: retry in Ns"));
        QCOMPARE(rate->services.size(), 3);
        QVERIFY(rate->example.startsWith(QLatin1String("Rate limited: retry in ")));
        for (qsizetype i = 1; i < patterns.size(); ++i)
            QVERIFY(patterns[i - 1].count >= patterns[i].count);
        QCOMPARE(store.errorPatterns(kT0, kT0 + 1'800'000, {}, 2, &error).size(), 2);
    }

    void errorNormalizer_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("pattern");
        QTest::addRow("seconds") << "⛔ Circuit breaker [Gemini] is OPEN. Retry in 12s"
                                 << "⛔ Circuit breaker [Gemini] is OPEN. Retry in Ns";
        QTest::addRow("milliseconds") << "timed out after 1500 ms"
                                      << "timed out after N ms";
        QTest::addRow("decimal") << "slow: 2.5s"
                                 << "slow: Ns";
        QTest::addRow("uuid") << "request 123e4567-e89b-12d3-a456-426614174000 failed"
                              << "request <id> failed";
        QTest::addRow("hex id") << "trace 9f86d081884c7d65 lost"
                                << "trace <id> lost";
        QTest::addRow("mixed id") << "id req_01HXYZ8ABCDEFG rejected"
                                  << "id <id> rejected";
        QTest::addRow("status kept as N") << "HTTP 503: overloaded"
                                          << "HTTP N: overloaded";
        QTest::addRow("whitespace") << "  a \n b  "
                                    << "a b";
        QTest::addRow("words kept") << "invalid api key"
                                    << "invalid api key";
    }
    void errorNormalizer()
    {
        QFETCH(QString, message);
        QFETCH(QString, pattern);
        QCOMPARE(ErrorNormalizer::normalize(message), pattern);
    }

    void databaseStats()
    {
        HistoryStore store(m_db->db());
        QString error;
        const DatabaseStats s = store.databaseStats(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(s.backend,
                 m_backend == Backend::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql"));
        QCOMPARE(s.schemaVersion, Schema::kLatestVersion);
        QCOMPARE(s.rows.value(QStringLiteral("requests")), qint64(m_records.size()));
        QVERIFY(s.rows.value(QStringLiteral("rollups_minute")) > 0);
        QCOMPARE(s.rows.value(QStringLiteral("alerts")), 0);
        QCOMPARE(s.oldestRequestMs, kT0);
        QCOMPARE(s.newestRequestMs, kT0 + 179 * 10'000);
        QVERIFY(s.sizeBytes > 0);
        QVERIFY(!s.location.contains(QLatin1String(":airm@"))); // no password
        QCOMPARE(s.toJson().value(QStringLiteral("rows")).toObject().size(), Schema::dataTables().size());
    }

    void readerReconnectsAfterLosingTheServer()
    {
        if (m_backend != Backend::Postgres) QSKIP("server connections only");
        HistoryStore store(m_db->db());
        QString error;
        QCOMPARE(store.count({}, &error), qint64(m_records.size()));
        qint64 pid = 0;
        {
            QSqlDatabase c = m_db->db()->connection();
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("SELECT pg_backend_pid()")) && q.next());
            pid = q.value(0).toLongLong();
        }
        {
            Database admin(m_db->location());
            QSqlDatabase c = admin.connection();
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)));
            q = QSqlQuery();
            c = QSqlDatabase();
            admin.releaseConnection();
        }
        QCOMPARE(store.count({}, &error), 0);
        QVERIFY(!error.isEmpty()); // the call that finds the connection gone fails...
        QCOMPARE(store.count({}, &error), qint64(m_records.size())); // ...the next one reconnects
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void singleRequest()
    {
        HistoryStore store(m_db->db());
        const HistoryPage page = store.history({}, 1);
        QCOMPARE(page.rows.size(), 1);
        const auto one = store.request(page.rows[0].rowId);
        QVERIFY(one);
        QCOMPARE(one->record.id, page.rows[0].record.id);
        QVERIFY(!store.request(-5));
    }
};

AIRM_STORAGE_TEST_MAIN(TestHistoryQueries)

#include "tst_historyqueries.moc"
