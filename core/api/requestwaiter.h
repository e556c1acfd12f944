// Requests the API sent to the engine: who waits for which result, with a deadline, and a bounded memory of
// recent results for clients that submitted without waiting and poll later. Results come from the engine's
// requestFinished signal (forwarded by ApiServer). Thread affinity: the API thread.
#pragma once

#include "model/requestrecord.h"
#include "model/requestspec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <deque>
#include <functional>
#include <unordered_map>

namespace airm {

class EngineBridge;

class RequestWaiter : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const RequestRecord &)>;
    static constexpr int kRecentLimit = 1000;

    explicit RequestWaiter(EngineBridge *bridge, QObject *parent = nullptr);

    // Submits spec. accepted(id) runs once the engine assigned the id (may be empty); done(record) runs with
    // the result, or with a Timeout record when none arrived within timeoutMs. keep: remember the result for
    // get().
    void submit(RequestSpec spec, qint64 timeoutMs, std::function<void(quint64)> accepted, Done done,
                bool keep);

    enum class State { Unknown, Pending, Finished };
    State get(quint64 id, RequestRecord *record) const;

    void onFinished(const RequestRecord &record);
    int waiting() const { return int(m_waiting.size() + m_waitingQuietly.size()); }

private:
    struct Waiting
    {
        Done done;
        qint64 deadlineMs = 0;
        bool keep = false;
    };
    void remember(const RequestRecord &record);
    void expire();
    static void expireFrom(std::unordered_map<quint64, Waiting> &map, qint64 now, bool byToken);

    EngineBridge *m_bridge;
    std::unordered_map<quint64, Waiting> m_waiting; // by engine id (submitted with an accepted callback)
    std::unordered_map<quint64, Waiting> m_waitingQuietly; // by bridge token (EngineBridge::submitQuietly)
    QHash<quint64, RequestRecord> m_recent;
    std::deque<quint64> m_recentOrder;
    QHash<quint64, bool> m_kept; // ids submitted with keep that have not finished yet
    QElapsedTimer m_clock;
    QTimer m_expiry;
};

} // namespace airm
