#include "enginehost.h"

#include <QDeadlineTimer>
#include <QMutexLocker>

namespace airm {

EngineHost::EngineHost(EngineConfig config, QList<ServiceConfig> services, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<airm::RequestRecord>("airm::RequestRecord");
    qRegisterMetaType<airm::BreakerTransition>("airm::BreakerTransition");
    qRegisterMetaType<airm::ActiveChaos>("airm::ActiveChaos");
    qRegisterMetaType<airm::HealthReport>("airm::HealthReport");
    qRegisterMetaType<airm::MetricsSnapshot>("airm::MetricsSnapshot");

    m_thread.setObjectName(QStringLiteral("engine"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_context,
        [this, config = std::move(config), services = std::move(services)] {
            m_engine = new RequestEngine(config, services, nullptr, m_context);
            connect(m_engine, &RequestEngine::snapshotPublished, m_engine, [this](const MetricsSnapshot &s) {
                {
                    QMutexLocker lock(&m_mutex);
                    m_latest = s;
                }
                emit snapshotUpdated(s);
            });
            const MetricsSnapshot first = m_engine->snapshot();
            QMutexLocker lock(&m_mutex);
            m_latest = first;
        },
        Qt::BlockingQueuedConnection);
}

EngineHost::~EngineHost()
{
    stop();
}

void EngineHost::post(std::function<void(RequestEngine &)> fn)
{
    if (!m_engine) return;
    QMetaObject::invokeMethod(m_context, [this, fn = std::move(fn)] {
        if (m_engine) fn(*m_engine);
    });
}

void EngineHost::call(std::function<void(RequestEngine &)> fn)
{
    if (!m_engine) return;
    Q_ASSERT(QThread::currentThread() != &m_thread);
    QMetaObject::invokeMethod(
        m_context,
        [this, &fn] {
            if (m_engine) fn(*m_engine);
        },
        Qt::BlockingQueuedConnection);
}

MetricsSnapshot EngineHost::latestSnapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_latest;
}

void EngineHost::stop(int graceMs)
{
    if (!m_thread.isRunning()) return;
    if (graceMs > 0 && m_engine) {
        QDeadlineTimer deadline(graceMs);
        int inFlight = 1;
        while (inFlight > 0 && !deadline.hasExpired()) {
            call([&inFlight](RequestEngine &e) { inFlight = e.inFlight(); });
            if (inFlight > 0) QThread::msleep(20);
        }
    }
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_engine; // cancels what is still in flight; records are emitted first
            m_engine = nullptr;
            delete m_context;
            m_context = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace airm
