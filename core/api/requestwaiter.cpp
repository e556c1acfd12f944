#include "requestwaiter.h"

#include "enginebridge.h"

#include <QDateTime>

namespace airm {
namespace {
constexpr int kExpiryIntervalMs = 250;
} // namespace

RequestWaiter::RequestWaiter(EngineBridge *bridge, QObject *parent)
    : QObject(parent)
    , m_bridge(bridge)
{
    m_clock.start();
    m_expiry.setInterval(kExpiryIntervalMs);
    connect(&m_expiry, &QTimer::timeout, this, &RequestWaiter::expire);
}

void RequestWaiter::submit(RequestSpec spec, qint64 timeoutMs, std::function<void(quint64)> accepted,
                           Done done, bool keep)
{
    const qint64 deadline = m_clock.elapsed() + timeoutMs;
    if (!accepted && !keep) {
        // Only the result matters: no round trip for the id (one cross-thread event less per request).
        const quint64 token = m_bridge->submitQuietly(std::move(spec));
        m_waitingQuietly[token] = Waiting{std::move(done), deadline, false};
        if (!m_expiry.isActive()) m_expiry.start();
        return;
    }
    m_bridge->submit(std::move(spec), [this, deadline, keep, accepted = std::move(accepted),
                                       done = std::move(done)](quint64 id) {
        m_waiting[id] = Waiting{done, deadline, keep};
        if (keep) m_kept.insert(id, true);
        if (!m_expiry.isActive()) m_expiry.start();
        if (accepted) accepted(id);
    });
}

RequestWaiter::State RequestWaiter::get(quint64 id, RequestRecord *record) const
{
    const auto it = m_recent.constFind(id);
    if (it != m_recent.cend()) {
        if (record) *record = it.value();
        return State::Finished;
    }
    return m_kept.contains(id) ? State::Pending : State::Unknown;
}

void RequestWaiter::onFinished(const RequestRecord &record)
{
    if (const quint64 token = m_bridge->takeToken(record.id)) {
        const auto quiet = m_waitingQuietly.find(token);
        if (quiet == m_waitingQuietly.end()) return; // its waiter gave up already
        Waiting w = std::move(quiet->second);
        m_waitingQuietly.erase(quiet);
        if (w.done) w.done(record);
        if (m_waiting.empty() && m_waitingQuietly.empty()) m_expiry.stop();
        return;
    }
    const auto it = m_waiting.find(record.id);
    if (it == m_waiting.end()) {
        if (m_kept.remove(record.id)) remember(record); // finished after its waiter gave up
        return;
    }
    Waiting w = std::move(it->second);
    m_waiting.erase(it);
    if (w.keep) {
        m_kept.remove(record.id);
        remember(record);
    }
    if (w.done) w.done(record);
    if (m_waiting.empty() && m_waitingQuietly.empty()) m_expiry.stop();
}

void RequestWaiter::remember(const RequestRecord &record)
{
    m_recent.insert(record.id, record);
    m_recentOrder.push_back(record.id);
    while (m_recentOrder.size() > std::size_t(kRecentLimit)) {
        m_recent.remove(m_recentOrder.front());
        m_recentOrder.pop_front();
    }
}

void RequestWaiter::expireFrom(std::unordered_map<quint64, Waiting> &map, qint64 now, bool byToken)
{
    std::vector<quint64> late;
    for (const auto &[key, w] : map)
        if (w.deadlineMs <= now) late.push_back(key);
    for (const quint64 key : late) {
        const auto it = map.find(key);
        if (it == map.end()) continue;
        Waiting w = std::move(it->second);
        map.erase(it);
        RequestRecord r;
        r.id = byToken ? 0 : key;
        r.outcome = Outcome::Timeout;
        r.errorClass = ErrorClass::Timeout;
        r.errorMessage = QStringLiteral("No result from the engine in time");
        r.startedAtMs = r.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
        if (w.done) w.done(r);
    }
}

void RequestWaiter::expire()
{
    const qint64 now = m_clock.elapsed();
    expireFrom(m_waiting, now, false);
    expireFrom(m_waitingQuietly, now, true);
    if (m_waiting.empty() && m_waitingQuietly.empty()) m_expiry.stop();
}

} // namespace airm
