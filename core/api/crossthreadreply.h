// Runs work on the thread of another object (the scenario service, the alert manager: both live on the main
// thread) and brings its JSON result back to the API thread, without blocking either thread. The callbacks
// stay on the API thread in a table keyed by a token, so nothing of the API's (an HttpExchange, say) is ever
// destroyed on the other thread. When this object is destroyed first, work not yet started is skipped (a
// change nobody hears of is not made) and late results are dropped: the channel is closed under its mutex.
// Thread affinity: create, call and destroy on the API thread; the work runs on the target's thread.
#pragma once

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <functional>
#include <memory>
#include <unordered_map>

namespace airm {

class CrossThreadReply
{
public:
    using Work = std::function<QJsonObject()>;
    using Done = std::function<void(const QJsonObject &)>;

    CrossThreadReply();
    ~CrossThreadReply();
    CrossThreadReply(const CrossThreadReply &) = delete;
    CrossThreadReply &operator=(const CrossThreadReply &) = delete;

    // work() later on target's thread, then done(result) on this thread. Work captures plain values only.
    void run(QObject *target, Work work, Done done);

private:
    struct Channel
    {
        QMutex mutex;
        CrossThreadReply *owner = nullptr;
    };

    void finish(quint64 token, const QJsonObject &result);

    std::shared_ptr<Channel> m_channel;
    quint64 m_nextToken = 1;
    std::unordered_map<quint64, Done> m_pending;
    QObject m_context; // receives the results; lives on the API thread
};

} // namespace airm
