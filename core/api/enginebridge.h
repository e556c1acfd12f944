// Runs work on the engine thread and brings the result back to the API thread without blocking either
// thread. Work lambdas capture plain values only; callbacks stay on the API thread in a table keyed by a
// token, so nothing that belongs to the API (an HttpExchange, say) is ever destroyed on the engine thread.
// When the bridge is destroyed first, late results are dropped (the channel is closed under its mutex).
// Thread affinity: the API thread; the work runs on the engine thread.
#pragma once

#include "model/metricssnapshot.h"
#include "model/requestspec.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <functional>
#include <memory>
#include <unordered_map>

namespace airm {

class EngineHost;
class RequestEngine;

class EngineBridge : public QObject
{
    Q_OBJECT
public:
    using Work = std::function<QJsonObject(RequestEngine &)>;
    using Done = std::function<void(const QJsonObject &)>;

    explicit EngineBridge(EngineHost *host, QObject *parent = nullptr);
    ~EngineBridge() override;

    EngineHost *host() const { return m_host; }

    // work(engine) on the engine thread, then done(result) on this thread.
    void run(Work work, Done done);
    // work(engine) on the engine thread; nothing comes back.
    void post(std::function<void(RequestEngine &)> work);
    // Submits spec; accepted(id) runs on this thread with the engine's request id, before the engine can
    // deliver that request's requestFinished to this thread (both travel through the same event queue).
    void submit(RequestSpec spec, std::function<void(quint64 id)> accepted);

    // Submits spec with no round trip back: the engine notes its id against the returned token in a mailbox,
    // which takeToken() reads when that request's record arrives. For callers that need only the result.
    quint64 submitQuietly(RequestSpec spec);
    // The token of a submitQuietly() request with that engine id (and forgets it), or 0.
    quint64 takeToken(quint64 id);

    // A fresh snapshot from the engine (RequestEngine::snapshot()), for reads right after a change.
    void fetchSnapshot(std::function<void(const MetricsSnapshot &)> done);

    int pendingCount() const { return int(m_pending.size() + m_accepted.size() + m_snapshots.size()); }

private:
    struct Channel
    {
        QMutex mutex;
        EngineBridge *target = nullptr;
    };

    struct Mailbox
    {
        QMutex mutex;
        QHash<quint64, quint64> tokenById;
    };

    EngineHost *m_host;
    std::shared_ptr<Channel> m_channel;
    std::shared_ptr<Mailbox> m_mailbox;
    quint64 m_nextToken = 1;
    std::unordered_map<quint64, Done> m_pending;
    std::unordered_map<quint64, std::function<void(quint64)>> m_accepted;
    std::unordered_map<quint64, std::function<void(const MetricsSnapshot &)>> m_snapshots;
};

} // namespace airm
