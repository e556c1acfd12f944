// Cost of MetricsRegistry::record() (the engine calls it once per finished request, so it bounds throughput)
// and of snapshot() (published up to 10 times a second) with 10 services under load. Prints one JSON object.
#include "metrics/metricsregistry.h"

#include "requestmix.h"

#include <chrono>
#include <cstdio>
#include <vector>

using namespace airm;

namespace {

using Clock = std::chrono::steady_clock;

constexpr qint64 kStartMs = 1'700'000'000'000;

std::vector<RequestRecord> makePool(int services, int size, quint64 seed)
{
    bench::RequestMix mix(seed);
    std::vector<RequestRecord> pool(static_cast<std::size_t>(size));
    for (int i = 0; i < size; ++i) {
        RequestRecord &r = pool[static_cast<std::size_t>(i)];
        r.service = QStringLiteral("service-%1").arg(i % services);
        mix.draw(r);
        r.attempts = 1 + mix.roll() % 2;
        r.inputTokens = 50;
        r.outputTokens = 200;
        r.costUsd = 0.0002;
        if (mix.roll() < 10) r.chaosIds = {QStringLiteral("chaos-1")};
    }
    return pool;
}

double nsSince(Clock::time_point start)
{
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
}

} // namespace

int main()
{
    // record(): 3 services at 100k requests a second of simulated wall time.
    constexpr int kRecords = 3'000'000;
    constexpr int kPerMs = 100;
    std::vector<RequestRecord> pool = makePool(3, 4096, 1);
    MetricsRegistry reg;
    reg.reset(kStartMs);
    const auto recordStart = Clock::now();
    for (int i = 0; i < kRecords; ++i) {
        RequestRecord &r = pool[static_cast<std::size_t>(i) & 4095];
        r.finishedAtMs = kStartMs + i / kPerMs;
        reg.record(r);
    }
    const double recordNs = nsSince(recordStart) / kRecords;
    const qint64 recorded = reg.snapshot(kStartMs + kRecords / kPerMs).overall.requests;

    // snapshot(): 10 services, 400 s of history at 2000 requests a second, then 100 ms of traffic between
    // snapshots (the engine's 10 Hz publishing rate); only the snapshot calls are timed.
    constexpr int kServices = 10;
    constexpr int kRate = 2000; // per second, all services together
    constexpr int kWarmSeconds = 400;
    constexpr int kSnapshots = 300;
    std::vector<RequestRecord> pool10 = makePool(kServices, 4096, 2);
    MetricsRegistry reg10;
    reg10.reset(kStartMs);
    qint64 n = 0;
    auto feed = [&](qint64 untilMs) {
        for (;; ++n) {
            const qint64 t = kStartMs + n * 1000 / kRate;
            if (t >= untilMs) break;
            RequestRecord &r = pool10[static_cast<std::size_t>(n) & 4095];
            r.finishedAtMs = t;
            reg10.record(r);
        }
    };
    feed(kStartMs + kWarmSeconds * 1000);
    double snapshotNs = 0;
    qint64 checksum = 0;
    for (int i = 1; i <= kSnapshots; ++i) {
        const qint64 now = kStartMs + kWarmSeconds * 1000 + i * 100;
        feed(now);
        const auto start = Clock::now();
        const MetricsSnapshot snap = reg10.snapshot(now);
        snapshotNs += nsSince(start);
        checksum += snap.overall.latency1m.count + snap.services.size();
    }

    std::printf(
        "{\"benchmark\":\"metrics\",\"record_ns\":%.1f,\"snapshot_us\":%.1f,\"records\":%d,"
        "\"record_services\":3,\"snapshot_services\":%d,\"snapshot_history_s\":%d,\"checksum\":%lld}\n",
        recordNs, snapshotNs / kSnapshots / 1000.0, kRecords, kServices, kWarmSeconds,
        static_cast<long long>(recorded + checksum));
    return recorded == kRecords ? 0 : 1;
}
