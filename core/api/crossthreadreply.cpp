#include "crossthreadreply.h"

namespace airm {

CrossThreadReply::CrossThreadReply()
    : m_channel(std::make_shared<Channel>())
{
    m_channel->owner = this;
}

CrossThreadReply::~CrossThreadReply()
{
    QMutexLocker lock(&m_channel->mutex);
    m_channel->owner = nullptr;
}

void CrossThreadReply::run(QObject *target, Work work, Done done)
{
    const quint64 token = m_nextToken++;
    m_pending.emplace(token, std::move(done));
    QMetaObject::invokeMethod(
        target,
        [channel = m_channel, token, work = std::move(work)] {
            {
                QMutexLocker lock(&channel->mutex);
                if (!channel->owner) return;
            }
            QJsonObject result = work();
            QMutexLocker lock(&channel->mutex);
            if (CrossThreadReply *owner = channel->owner)
                QMetaObject::invokeMethod(
                    &owner->m_context,
                    [owner, token, result = std::move(result)] { owner->finish(token, result); },
                    Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void CrossThreadReply::finish(quint64 token, const QJsonObject &result)
{
    const auto it = m_pending.find(token);
    if (it == m_pending.end()) return;
    Done callback = std::move(it->second);
    m_pending.erase(it);
    callback(result);
}

} // namespace airm
