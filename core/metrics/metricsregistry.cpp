#include "metricsregistry.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <vector>

namespace airm {
namespace {

constexpr qint64 kNoSecond = std::numeric_limits<qint64>::min();
constexpr int kErrorClassCount = static_cast<int>(ErrorClass::Cancelled) + 1;
constexpr std::size_t kPromBucketCount = std::size(kPrometheusBucketsMs);

QString totalName()
{
    return QStringLiteral("all");
}

qint64 secondOf(qint64 ms)
{
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

std::size_t ringIndex(qint64 second, std::size_t size)
{
    const auto n = static_cast<qint64>(size);
    return static_cast<std::size_t>(((second % n) + n) % n);
}

MetricsConfig sanitized(MetricsConfig c)
{
    c.window1mSeconds = std::max(1, c.window1mSeconds);
    c.window5mSeconds = std::max(c.window1mSeconds, c.window5mSeconds);
    c.rateWindowSeconds = std::max(1, c.rateWindowSeconds);
    // The rate is computed from the series, so the series must reach back over the whole rate window.
    c.seriesSeconds = std::max(c.rateWindowSeconds + 1, c.seriesSeconds);
    return c;
}

} // namespace

struct MetricsRegistry::Series
{
    explicit Series(const MetricsConfig &config)
        : cfg(config)
        , secondSlots(static_cast<std::size_t>(config.window5mSeconds))
        , points(static_cast<std::size_t>(config.seriesSeconds), SecondPoint{kNoSecond})
    {}

    // One second of latency, sparse, kept so the second can be subtracted from the window aggregates when it
    // leaves them. Memory: one entry (8 bytes) per occupied bucket, so a service whose latencies spread over
    // a few hundred buckets a second costs a few hundred kB for the 5-minute ring.
    struct Slot
    {
        struct Entry
        {
            quint16 index;
            quint32 count;
        };
        qint64 second = kNoSecond;
        qint64 count = 0;
        double sumMs = 0.0, minMs = 0.0, maxMs = 0.0;
        std::vector<Entry> entries;

        void clear()
        {
            second = kNoSecond;
            count = 0;
            sumMs = minMs = maxMs = 0.0;
            entries.clear(); // keeps the capacity for the next second
        }
    };

    MetricsConfig cfg;
    qint64 requests = 0, successes = 0, failures = 0, rejected = 0, timeouts = 0;
    qint64 chaosAffected = 0, simulatedCalls = 0, retries = 0, fallbacks = 0;
    qint64 inputTokens = 0, outputTokens = 0;
    double costUsd = 0.0;
    std::array<qint64, kErrorClassCount> errors{};
    // Non-cumulative: promBuckets[i] counts latencies in (bound[i-1], bound[i]]. Exact, unlike a histogram
    // lookup, so a sample of exactly 5 ms is always in le="0.005".
    std::array<qint64, kPromBucketCount> promBuckets{};

    // Every non-rejected latency goes into all four; window1/window5 lose a second again when it leaves them.
    LatencyHistogram all, window1, window5, current;
    std::vector<Slot> secondSlots;   // ring of window5mSeconds closed seconds, by second
    std::vector<SecondPoint> points; // ring of seriesSeconds points, by second
    qint64 head = kNoSecond;         // the open second, which `current` and points[head] describe
    qint64 origin = kNoSecond;       // first second of this series (creation or reset)

    Slot &slot(qint64 second) { return secondSlots[ringIndex(second, secondSlots.size())]; }
    SecondPoint &point(qint64 second) { return points[ringIndex(second, points.size())]; }
    const SecondPoint &point(qint64 second) const { return points[ringIndex(second, points.size())]; }

    void add(const RequestRecord &r);
    qint64 advance(qint64 second);
    void start(qint64 second);
    void rollTo(qint64 second);
    void closeCurrent();
    void evict(LatencyHistogram &window, const Slot &s);
    void refreshWindow(LatencyHistogram &window, qint64 leftSecond) const;
    double requestsPerSecond() const;
    ServiceMetrics metrics(const QString &name) const;
    SecondPoint pointAt(qint64 second) const;
};

// Returns the second the record is counted in: its own, or the open one if its own is already closed.
qint64 MetricsRegistry::Series::advance(qint64 second)
{
    if (head == kNoSecond) {
        start(second);
    } else if (second > head) {
        rollTo(second);
    } else if (head - second > cfg.window5mSeconds) {
        // The wall clock stepped back further than any window reaches: start the windows over from here.
        start(second);
    }
    return head;
}

void MetricsRegistry::Series::start(qint64 second)
{
    window1.clear();
    window5.clear();
    current.clear();
    for (Slot &s : secondSlots)
        s.clear();
    head = origin = second;
    point(second) = SecondPoint{second};
}

void MetricsRegistry::Series::rollTo(qint64 second)
{
    closeCurrent();
    const qint64 w1 = cfg.window1mSeconds;
    const qint64 w5 = cfg.window5mSeconds;
    if (second - head >= w5) {
        window1.clear();
        window5.clear();
        for (Slot &s : secondSlots)
            s.clear();
    } else {
        for (qint64 s = head + 1; s <= second; ++s) {
            // Second s - w1 leaves the 1-minute window; s - w5 leaves the 5-minute one and frees its slot.
            const Slot &leaving1 = slot(s - w1);
            if (leaving1.second == s - w1) evict(window1, leaving1);
            Slot &leaving5 = slot(s);
            if (leaving5.second != kNoSecond) {
                evict(window5, leaving5);
                leaving5.clear();
            }
        }
        refreshWindow(window1, second - w1);
        refreshWindow(window5, second - w5);
    }
    const qint64 firstNew = std::max(head + 1, second - static_cast<qint64>(points.size()) + 1);
    for (qint64 s = firstNew; s <= second; ++s)
        point(s) = SecondPoint{s};
    head = second;
}

void MetricsRegistry::Series::closeCurrent()
{
    Slot &s = slot(head);
    s.clear();
    s.second = head;
    if (current.m_count == 0) return;

    static constexpr double kQs[] = {0.5, 0.95};
    double q[2] = {};
    current.quantilesMs(kQs, q, 2);
    SecondPoint &p = point(head);
    p.p50Ms = static_cast<float>(q[0]);
    p.p95Ms = static_cast<float>(q[1]);

    s.count = current.m_count;
    s.sumMs = current.m_sumMs;
    s.minMs = current.m_minMs;
    s.maxMs = current.m_maxMs;
    const int lo = LatencyHistogram::bucketIndex(current.m_minMs);
    const int hi = LatencyHistogram::bucketIndex(current.m_maxMs);
    for (int i = lo; i <= hi; ++i) {
        auto &bucket = current.m_buckets[static_cast<std::size_t>(i)];
        if (bucket == 0) continue;
        s.entries.push_back({static_cast<quint16>(i), static_cast<quint32>(bucket)});
        bucket = 0;
    }

    current.m_count = 0;
    current.m_sumMs = current.m_minMs = current.m_maxMs = 0.0;
}

void MetricsRegistry::Series::evict(LatencyHistogram &window, const Slot &s)
{
    for (const auto &e : s.entries)
        window.m_buckets[e.index] -= e.count;
}

// Recomputes count, sum, min and max of a window from its secondSlots after leftSecond (exact, no drift from
// subtracting sums). Only called right after a second closed, when `current` is empty.
void MetricsRegistry::Series::refreshWindow(LatencyHistogram &window, qint64 leftSecond) const
{
    qint64 count = 0;
    double sum = 0.0;
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    for (const Slot &s : secondSlots) {
        if (s.second == kNoSecond || s.count == 0 || s.second <= leftSecond) continue;
        count += s.count;
        sum += s.sumMs;
        lo = std::min(lo, s.minMs);
        hi = std::max(hi, s.maxMs);
    }
    window.m_count = count;
    window.m_sumMs = count > 0 ? sum : 0.0;
    window.m_minMs = count > 0 ? lo : 0.0;
    window.m_maxMs = count > 0 ? hi : 0.0;
}

void MetricsRegistry::Series::add(const RequestRecord &r)
{
    SecondPoint &p = point(head);
    ++requests;
    ++p.requests;
    switch (r.outcome) {
    case Outcome::Success:
        ++successes;
        ++p.successes;
        break;
    case Outcome::Failure:
        ++failures;
        ++p.failures;
        break;
    case Outcome::Rejected:
        ++rejected;
        ++p.rejected;
        break;
    case Outcome::Timeout:
        ++timeouts;
        ++p.timeouts;
        break;
    }
    const auto errorIndex = static_cast<std::size_t>(r.errorClass);
    if (r.errorClass != ErrorClass::None && errorIndex < errors.size()) ++errors[errorIndex];
    if (r.chaosAffected()) ++chaosAffected;
    if (r.simulated) ++simulatedCalls;
    if (r.attempts > 1) retries += r.attempts - 1;
    if (r.fallbackUsed) ++fallbacks;
    inputTokens += r.inputTokens;
    outputTokens += r.outputTokens;
    costUsd += r.costUsd;

    if (r.outcome == Outcome::Rejected) return;
    const double ms = LatencyHistogram::sanitize(r.latencyMs);
    const int index = LatencyHistogram::bucketIndex(ms);
    all.add(index, ms);
    window1.add(index, ms);
    window5.add(index, ms);
    current.add(index, ms);
    const auto *bound =
        std::lower_bound(std::begin(kPrometheusBucketsMs), std::end(kPrometheusBucketsMs), ms);
    if (bound != std::end(kPrometheusBucketsMs))
        ++promBuckets[static_cast<std::size_t>(bound - std::begin(kPrometheusBucketsMs))];
}

// Requests in the last rateWindowSeconds complete seconds (the open one is partial and would read low), or
// in as many as have passed since the series started.
double MetricsRegistry::Series::requestsPerSecond() const
{
    if (head == kNoSecond) return 0.0;
    const qint64 span = std::clamp<qint64>(head - origin, 1, cfg.rateWindowSeconds);
    qint64 n = 0;
    for (qint64 s = head - span; s < head; ++s) {
        const SecondPoint &p = point(s);
        if (p.second == s) n += p.requests;
    }
    return static_cast<double>(n) / static_cast<double>(span);
}

ServiceMetrics MetricsRegistry::Series::metrics(const QString &name) const
{
    ServiceMetrics m;
    m.name = name;
    m.requests = requests;
    m.successes = successes;
    m.failures = failures;
    m.rejected = rejected;
    m.timeouts = timeouts;
    m.chaosAffected = chaosAffected;
    m.simulatedCalls = simulatedCalls;
    m.retries = retries;
    m.fallbacks = fallbacks;
    m.inputTokens = inputTokens;
    m.outputTokens = outputTokens;
    m.costUsd = costUsd;
    for (int c = 0; c < kErrorClassCount; ++c) {
        const auto cls = static_cast<ErrorClass>(c);
        if (cls != ErrorClass::None) m.errorsByClass.insert(cls, errors[static_cast<std::size_t>(c)]);
    }
    m.latencyAll = all.summary();
    m.latency1m = window1.summary();
    m.latency5m = window5.summary();
    m.latencyBucketCounts.reserve(static_cast<qsizetype>(kPromBucketCount));
    qint64 cumulative = 0;
    for (qint64 n : promBuckets)
        m.latencyBucketCounts.append(cumulative += n);
    m.latencySumMs = all.sumMs();
    m.requestsPerSecond = requestsPerSecond();
    return m;
}

SecondPoint MetricsRegistry::Series::pointAt(qint64 second) const
{
    const SecondPoint &stored = point(second);
    if (stored.second != second) return SecondPoint{second};
    SecondPoint p = stored;
    if (second == head && current.count() > 0) {
        // The open second has no percentiles yet; read them from its histogram.
        static constexpr double kQs[] = {0.5, 0.95};
        double q[2] = {};
        current.quantilesMs(kQs, q, 2);
        p.p50Ms = static_cast<float>(q[0]);
        p.p95Ms = static_cast<float>(q[1]);
    }
    return p;
}

MetricsRegistry::MetricsRegistry(MetricsConfig config)
    : m_config(sanitized(config))
    , m_total(std::make_shared<Series>(m_config))
{}

MetricsRegistry::~MetricsRegistry() = default;

// "all" names the total and an empty name no service: records for either count in the total only.
void MetricsRegistry::addService(const QString &name)
{
    if (name.isEmpty() || name == totalName() || m_series.contains(name)) return;
    m_series.insert(name, std::make_shared<Series>(m_config));
    m_order.append(name);
}

// The total keeps what the removed service contributed.
void MetricsRegistry::removeService(const QString &name)
{
    if (m_series.remove(name) > 0) m_order.removeAll(name);
}

void MetricsRegistry::record(const RequestRecord &record)
{
    if (m_startedAtMs == 0) m_startedAtMs = record.startedAtMs > 0 ? record.startedAtMs : record.finishedAtMs;
    const qint64 second = secondOf(record.finishedAtMs);

    m_total->advance(second);
    m_total->add(record);

    if (record.service.isEmpty() || record.service == totalName()) return;
    auto it = m_series.find(record.service);
    if (it == m_series.end()) {
        addService(record.service);
        it = m_series.find(record.service);
    }
    Series &s = *it.value();
    s.advance(second);
    s.add(record);
}

void MetricsRegistry::reset(qint64 nowWallMs)
{
    m_startedAtMs = nowWallMs;
    const qint64 second = secondOf(nowWallMs);
    auto restart = [&](std::shared_ptr<Series> &s) {
        s = std::make_shared<Series>(m_config);
        s->start(second);
    };
    restart(m_total);
    for (auto it = m_series.begin(); it != m_series.end(); ++it)
        restart(it.value());
}

MetricsSnapshot MetricsRegistry::snapshot(qint64 nowWallMs) const
{
    const qint64 second = secondOf(nowWallMs);
    MetricsSnapshot snap;
    snap.takenAtMs = nowWallMs;
    snap.startedAtMs = m_startedAtMs != 0 ? m_startedAtMs : nowWallMs;
    m_total->advance(second);
    snap.overall = m_total->metrics(totalName());
    snap.services.reserve(m_order.size());
    for (const QString &name : m_order) {
        Series &s = *m_series.constFind(name).value();
        s.advance(second);
        snap.services.append(s.metrics(name));
    }
    return snap;
}

const MetricsRegistry::Series *MetricsRegistry::findSeries(const QString &name) const
{
    if (name == totalName()) return m_total.get();
    const auto it = m_series.constFind(name);
    return it == m_series.cend() ? nullptr : it.value().get();
}

QList<SecondPoint> MetricsRegistry::series(const QString &service, qint64 fromSecond, qint64 toSecond) const
{
    const Series *s = findSeries(service);
    if (!s || s->head == kNoSecond) return {};
    const qint64 oldest = s->head - static_cast<qint64>(s->points.size()) + 1;
    const qint64 lo = std::max({fromSecond, oldest, s->origin});
    const qint64 hi = std::min(toSecond, s->head);
    QList<SecondPoint> out;
    if (lo > hi) return out;
    out.reserve(static_cast<qsizetype>(hi - lo + 1));
    for (qint64 sec = lo; sec <= hi; ++sec)
        out.append(s->pointAt(sec));
    return out;
}

} // namespace airm
