// The GUI thread's view of the engine: the latest snapshot (applied at most every refreshIntervalMs), the
// per-second series of every service, recent breaker transitions and chaos windows, and request records in
// batches. Every page reads from here instead of asking the engine itself.
// Thread affinity: GUI thread. It talks to the engine only through EngineHost::post and queued signals.
#pragma once

#include "chaoswindow.h"
#include "seriescache.h"

#include "model/metricssnapshot.h"
#include "model/requestrecord.h"

#include <QList>
#include <QObject>

class QTimer;

namespace airm {
class EngineHost;
}

namespace airm::ui {

class LiveState : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        int refreshIntervalMs = 250; // snapshotChanged at most 4 times a second
        int batchIntervalMs = 100;   // request records reach the GUI in batches this often
        int transitionLimit = 1000;
        int chaosWindowLimit = 500;
        qint64 seriesSeconds = 3600; // what the engine keeps
    };

    explicit LiveState(EngineHost *host, QObject *parent = nullptr);
    LiveState(EngineHost *host, Config config, QObject *parent = nullptr);
    ~LiveState() override;

    EngineHost *host() const { return m_host; }
    const MetricsSnapshot &snapshot() const { return m_snapshot; }
    QStringList serviceNames() const;
    int serviceIndex(const QString &name) const; // position in configured order, for colours; -1 if unknown
    const SeriesCache &series() const { return m_series; }
    const QList<BreakerTransition> &transitions() const { return m_transitions; }
    const QList<ChaosWindow> &chaosWindows() const { return m_chaosWindows; }
    qint64 lastUpdateMs() const { return m_lastUpdateMs; }
    bool engineRunning() const { return m_engineRunning; }
    qint64 droppedRecords() const { return m_droppedRecords; }

    // Asks for a snapshot and the series now instead of at the next tick (after a user action).
    void refreshSoon();

signals:
    void snapshotChanged(); // at most every refreshIntervalMs
    void seriesChanged();
    void recordsArrived(const QList<airm::RequestRecord> &records);
    void breakerTransitioned(const airm::BreakerTransition &transition);
    void chaosChanged();
    void metricsReset();
    void engineRunningChanged(bool running);

private:
    void onTick();
    void fetchSeries();
    void onChaosStarted(const ActiveChaos &chaos);
    void onChaosEnded(const ActiveChaos &chaos, const QString &reason);
    void loadInitialHistory();

    EngineHost *m_host;
    Config m_config;
    QTimer *m_tick;
    MetricsSnapshot m_snapshot;
    MetricsSnapshot m_pending;
    bool m_havePending = false;
    bool m_seriesInFlight = false;
    bool m_engineRunning = true;
    qint64 m_lastUpdateMs = 0;
    qint64 m_lastPublishSeenMs = 0;
    qint64 m_lastSeriesFetchMs = 0;
    qint64 m_fetchedUpTo = 0; // newest second already in the cache
    qint64 m_droppedRecords = 0;
    SeriesCache m_series;
    QList<BreakerTransition> m_transitions;
    QList<ChaosWindow> m_chaosWindows;
};

} // namespace airm::ui
