#include "recordbatcher.h"

#include "engine/enginehost.h"

#include <QTimer>

namespace airm::ui {

RecordBatcher::RecordBatcher()
    : RecordBatcher(Config{})
{}

RecordBatcher::RecordBatcher(Config config)
    : m_config(config)
{
    qRegisterMetaType<QList<airm::RequestRecord>>("QList<airm::RequestRecord>");
}

void RecordBatcher::attach(EngineHost *host)
{
    RequestEngine *engine = host->engine();
    if (!engine) {
        deleteLater();
        return;
    }
    moveToThread(engine->thread());
    host->post([this](RequestEngine &e) { start(e); });
}

void RecordBatcher::start(RequestEngine &engine)
{
    setParent(&engine);
    m_timer = new QTimer(this);
    m_timer->setInterval(m_config.intervalMs);
    connect(m_timer, &QTimer::timeout, this, &RecordBatcher::flush);
    connect(&engine, &RequestEngine::requestFinished, this, [this](const RequestRecord &r) {
        if (m_pending.size() >= m_config.maxBatch) {
            m_pending.removeFirst();
            ++m_dropped;
        }
        m_pending.append(r);
    });
    m_timer->start();
}

void RecordBatcher::flush()
{
    if (m_pending.isEmpty()) return;
    QList<RequestRecord> batch;
    batch.swap(m_pending);
    const qint64 dropped = std::exchange(m_dropped, 0);
    emit batchReady(batch, dropped);
}

} // namespace airm::ui
