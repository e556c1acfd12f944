#include "enginebridge.h"

#include "engine/enginehost.h"
#include "engine/requestengine.h"

#include <QMutexLocker>

namespace airm {

EngineBridge::EngineBridge(EngineHost *host, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_channel(std::make_shared<Channel>())
    , m_mailbox(std::make_shared<Mailbox>())
{
    m_channel->target = this;
}

EngineBridge::~EngineBridge()
{
    QMutexLocker lock(&m_channel->mutex);
    m_channel->target = nullptr;
}

void EngineBridge::run(Work work, Done done)
{
    const quint64 token = m_nextToken++;
    m_pending.emplace(token, std::move(done));
    m_host->post([channel = m_channel, token, work = std::move(work)](RequestEngine &engine) {
        QJsonObject result = work(engine);
        QMutexLocker lock(&channel->mutex);
        if (EngineBridge *target = channel->target)
            QMetaObject::invokeMethod(
                target,
                [target, token, result = std::move(result)] {
                    const auto it = target->m_pending.find(token);
                    if (it == target->m_pending.end()) return;
                    Done callback = std::move(it->second);
                    target->m_pending.erase(it);
                    callback(result);
                },
                Qt::QueuedConnection);
    });
}

void EngineBridge::post(std::function<void(RequestEngine &)> work)
{
    m_host->post(std::move(work));
}

void EngineBridge::submit(RequestSpec spec, std::function<void(quint64)> accepted)
{
    const quint64 token = m_nextToken++;
    m_accepted.emplace(token, std::move(accepted));
    m_host->post([channel = m_channel, token, spec = std::move(spec)](RequestEngine &engine) mutable {
        const quint64 id = engine.submit(std::move(spec));
        QMutexLocker lock(&channel->mutex);
        if (EngineBridge *target = channel->target)
            QMetaObject::invokeMethod(
                target,
                [target, token, id] {
                    const auto it = target->m_accepted.find(token);
                    if (it == target->m_accepted.end()) return;
                    auto callback = std::move(it->second);
                    target->m_accepted.erase(it);
                    callback(id);
                },
                Qt::QueuedConnection);
    });
}

quint64 EngineBridge::submitQuietly(RequestSpec spec)
{
    const quint64 token = m_nextToken++;
    m_host->post([mailbox = m_mailbox, token, spec = std::move(spec)](RequestEngine &engine) mutable {
        const quint64 id = engine.submit(std::move(spec));
        // The record is emitted on a later turn of the engine thread, so the note is always there first.
        QMutexLocker lock(&mailbox->mutex);
        mailbox->tokenById.insert(id, token);
    });
    return token;
}

quint64 EngineBridge::takeToken(quint64 id)
{
    QMutexLocker lock(&m_mailbox->mutex);
    if (m_mailbox->tokenById.isEmpty()) return 0;
    return m_mailbox->tokenById.take(id);
}

void EngineBridge::fetchSnapshot(std::function<void(const MetricsSnapshot &)> done)
{
    const quint64 token = m_nextToken++;
    m_snapshots.emplace(token, std::move(done));
    m_host->post([channel = m_channel, token](RequestEngine &engine) {
        MetricsSnapshot snapshot = engine.snapshot();
        QMutexLocker lock(&channel->mutex);
        if (EngineBridge *target = channel->target)
            QMetaObject::invokeMethod(
                target,
                [target, token, snapshot = std::move(snapshot)] {
                    const auto it = target->m_snapshots.find(token);
                    if (it == target->m_snapshots.end()) return;
                    auto callback = std::move(it->second);
                    target->m_snapshots.erase(it);
                    callback(snapshot);
                },
                Qt::QueuedConnection);
    });
}

} // namespace airm
