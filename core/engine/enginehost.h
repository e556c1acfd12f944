// Owns the engine thread: creates the RequestEngine inside it, hands out the latest published snapshot to any
// thread, and forwards calls onto the engine thread. Stopping cancels in-flight requests and joins the
// thread. Thread affinity: created and destroyed on one thread (usually main); latestSnapshot() is
// thread-safe.
#pragma once

#include "requestengine.h"

#include <QMutex>
#include <QObject>
#include <QThread>
#include <functional>

namespace airm {

class EngineHost : public QObject
{
    Q_OBJECT
public:
    EngineHost(EngineConfig config, QList<ServiceConfig> services, QObject *parent = nullptr);
    ~EngineHost() override;

    // The engine lives on another thread: connect to its signals (queued), call it only through post().
    RequestEngine *engine() const { return m_engine; }

    // Runs fn on the engine thread, later.
    void post(std::function<void(RequestEngine &)> fn);
    // Runs fn on the engine thread and waits for it. Never call from the engine thread.
    void call(std::function<void(RequestEngine &)> fn);

    MetricsSnapshot latestSnapshot() const;
    // Cancels in flight requests, waits up to graceMs for them to finish first, then stops the thread.
    void stop(int graceMs = 0);

signals:
    void snapshotUpdated(const airm::MetricsSnapshot &snapshot);

private:
    QThread m_thread;
    QObject *m_context = nullptr; // lives on the engine thread
    RequestEngine *m_engine = nullptr;
    mutable QMutex m_mutex;
    MetricsSnapshot m_latest;
};

} // namespace airm
