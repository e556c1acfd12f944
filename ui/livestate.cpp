#include "livestate.h"

#include "enginequery.h"
#include "recordbatcher.h"

#include "chaos/chaosregistry.h"
#include "engine/enginehost.h"

#include <QDateTime>
#include <QTimer>

namespace airm::ui {
namespace {

constexpr qint64 kSeriesRefetchOverlapS = 2; // the newest seconds are still filling up on the engine
constexpr qint64 kStaleEngineMs = 5000;      // the engine publishes at least every second when idle

struct SeriesBatch
{
    QList<std::pair<QString, QList<SecondPoint>>> series;
    qint64 nowSecond = 0;
};

} // namespace

LiveState::LiveState(EngineHost *host, QObject *parent)
    : LiveState(host, Config{}, parent)
{}

LiveState::LiveState(EngineHost *host, Config config, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_config(config)
    , m_tick(new QTimer(this))
    , m_series(config.seriesSeconds)
{
    qRegisterMetaType<QList<airm::RequestRecord>>("QList<airm::RequestRecord>");
    m_snapshot = m_host->latestSnapshot();
    m_lastUpdateMs = QDateTime::currentMSecsSinceEpoch();
    m_lastPublishSeenMs = m_lastUpdateMs;

    connect(
        m_host, &EngineHost::snapshotUpdated, this,
        [this](const MetricsSnapshot &s) {
            m_pending = s;
            m_havePending = true;
        },
        Qt::QueuedConnection);

    RequestEngine *engine = m_host->engine();
    connect(
        engine, &RequestEngine::breakerTransitioned, this,
        [this](const BreakerTransition &t) {
            m_transitions.append(t);
            if (m_transitions.size() > m_config.transitionLimit) m_transitions.removeFirst();
            emit breakerTransitioned(t);
        },
        Qt::QueuedConnection);
    connect(engine, &RequestEngine::chaosStarted, this, &LiveState::onChaosStarted, Qt::QueuedConnection);
    connect(engine, &RequestEngine::chaosEnded, this, &LiveState::onChaosEnded, Qt::QueuedConnection);
    connect(
        engine, &RequestEngine::metricsReset, this,
        [this](qint64) {
            m_series.clear();
            m_fetchedUpTo = 0;
            emit metricsReset();
            refreshSoon();
        },
        Qt::QueuedConnection);

    auto *batcher = new RecordBatcher(RecordBatcher::Config{m_config.batchIntervalMs, 20'000});
    connect(
        batcher, &RecordBatcher::batchReady, this,
        [this](const QList<RequestRecord> &records, qint64 dropped) {
            m_droppedRecords += dropped;
            emit recordsArrived(records);
        },
        Qt::QueuedConnection);
    batcher->attach(m_host);

    m_tick->setInterval(m_config.refreshIntervalMs);
    connect(m_tick, &QTimer::timeout, this, &LiveState::onTick);
    m_tick->start();
    loadInitialHistory();
    fetchSeries();
}

LiveState::~LiveState() = default;

QStringList LiveState::serviceNames() const
{
    QStringList names;
    for (const ServiceMetrics &m : m_snapshot.services)
        names << m.name;
    return names;
}

int LiveState::serviceIndex(const QString &name) const
{
    for (int i = 0; i < m_snapshot.services.size(); ++i)
        if (m_snapshot.services.at(i).name == name) return i;
    return -1;
}

void LiveState::refreshSoon()
{
    m_pending = m_host->latestSnapshot();
    m_havePending = true;
    QTimer::singleShot(0, this, &LiveState::onTick);
}

void LiveState::onTick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_havePending) {
        m_havePending = false;
        m_snapshot = m_pending;
        m_lastUpdateMs = now;
        m_lastPublishSeenMs = now;
        emit snapshotChanged();
    }
    const bool running = now - m_lastPublishSeenMs < kStaleEngineMs;
    if (running != m_engineRunning) {
        m_engineRunning = running;
        emit engineRunningChanged(running);
    }
    // The series only change once a second; fetch them at about that pace (and soon after a new snapshot).
    if (now - m_lastSeriesFetchMs >= 1000) fetchSeries();
}

void LiveState::fetchSeries()
{
    if (m_seriesInFlight) return;
    m_seriesInFlight = true;
    m_lastSeriesFetchMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 nowSecond = m_lastSeriesFetchMs / 1000;
    const qint64 from =
        m_fetchedUpTo > 0 ? m_fetchedUpTo - kSeriesRefetchOverlapS : nowSecond - m_config.seriesSeconds;
    queryEngine(
        m_host, this,
        [from, nowSecond](RequestEngine &e) {
            SeriesBatch batch;
            batch.nowSecond = nowSecond;
            QStringList names = e.serviceNames();
            names << QStringLiteral("all");
            for (const QString &name : std::as_const(names))
                batch.series.append({name, e.series(name, from, nowSecond)});
            return batch;
        },
        [this](const SeriesBatch &batch) {
            m_seriesInFlight = false;
            bool changed = false;
            for (const auto &[name, points] : batch.series) {
                if (points.isEmpty()) continue;
                m_series.merge(name, points);
                changed = true;
            }
            if (changed) m_fetchedUpTo = m_series.newestSecond();
            emit seriesChanged();
        });
}

void LiveState::onChaosStarted(const ActiveChaos &chaos)
{
    for (const ChaosWindow &w : std::as_const(m_chaosWindows))
        if (w.chaos.id == chaos.id && w.chaos.startedAtMs == chaos.startedAtMs) return;
    m_chaosWindows.append(ChaosWindow{chaos, 0, {}});
    if (m_chaosWindows.size() > m_config.chaosWindowLimit) m_chaosWindows.removeFirst();
    emit chaosChanged();
}

void LiveState::onChaosEnded(const ActiveChaos &chaos, const QString &reason)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (ChaosWindow &w : m_chaosWindows) {
        if (w.chaos.id == chaos.id && w.active()) {
            w.chaos = chaos;
            w.endedAtMs = now;
            w.endReason = reason;
            emit chaosChanged();
            return;
        }
    }
    m_chaosWindows.append(ChaosWindow{chaos, now, reason});
    if (m_chaosWindows.size() > m_config.chaosWindowLimit) m_chaosWindows.removeFirst();
    emit chaosChanged();
}

void LiveState::loadInitialHistory()
{
    // Experiments and transitions that happened before the window existed (command-line chaos, for one).
    struct Initial
    {
        QList<ChaosWindow> chaos;
        QList<BreakerTransition> transitions;
    };
    queryEngine(
        m_host, this,
        [](RequestEngine &e) {
            Initial out;
            for (const ChaosExperiment &x : e.chaos().history())
                out.chaos.append(ChaosWindow{x.toActive(), x.endedWallMs, x.endReason});
            for (const ActiveChaos &a : e.chaos().active())
                out.chaos.append(ChaosWindow{a, 0, {}});
            out.transitions = e.transitions(QString());
            return out;
        },
        [this](const Initial &initial) {
            QList<ChaosWindow> merged = initial.chaos;
            for (const ChaosWindow &w : std::as_const(m_chaosWindows)) {
                const bool known = std::any_of(merged.cbegin(), merged.cend(), [&w](const ChaosWindow &m) {
                    return m.chaos.id == w.chaos.id && m.chaos.startedAtMs == w.chaos.startedAtMs;
                });
                if (!known) merged.append(w);
            }
            m_chaosWindows = merged;
            QList<BreakerTransition> transitions = initial.transitions;
            for (const BreakerTransition &t : std::as_const(m_transitions))
                if (transitions.isEmpty() || t.atMs > transitions.constLast().atMs) transitions.append(t);
            m_transitions = transitions;
            emit chaosChanged();
        });
}

} // namespace airm::ui
