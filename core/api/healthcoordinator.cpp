#include "healthcoordinator.h"

#include "enginebridge.h"

#include <QDateTime>
#include <QJsonArray>

namespace airm {
namespace {

constexpr qint64 kRoundGraceMs = 1000; // on top of the engine's own health check timeout

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

HealthCoordinator::HealthCoordinator(EngineBridge *bridge, QObject *parent)
    : QObject(parent)
    , m_bridge(bridge)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &HealthCoordinator::finishRound);
}

void HealthCoordinator::check(Done done)
{
    m_waiting.append(std::move(done));
    if (m_running) return;
    m_running = true;
    m_started = false;
    m_reported.clear();
    m_bridge->run(
        [](RequestEngine &engine) {
            const QStringList names = engine.serviceNames();
            engine.checkHealth();
            return QJsonObject{{QStringLiteral("services"), QJsonArray::fromStringList(names)},
                               {QStringLiteral("timeoutMs"), engine.config().healthCheckTimeoutMs}};
        },
        [this](const QJsonObject &r) {
            m_roundServices.clear();
            for (const QJsonValue &v : r.value(QLatin1String("services")).toArray())
                m_roundServices << v.toString();
            m_order = m_roundServices;
            m_started = true;
            m_timeout.start(int(qint64(r.value(QLatin1String("timeoutMs")).toDouble()) + kRoundGraceMs));
            onReport({});
        });
}

void HealthCoordinator::onReport(const HealthReport &report)
{
    if (!report.service.isEmpty()) {
        m_latest.insert(report.service, report);
        if (!m_order.contains(report.service)) m_order << report.service;
        if (m_running) m_reported.insert(report.service);
    }
    if (!m_running || !m_started) return;
    for (const QString &s : std::as_const(m_roundServices))
        if (!m_reported.contains(s)) return;
    finishRound();
}

void HealthCoordinator::finishRound()
{
    if (!m_running) return;
    m_timeout.stop();
    const QJsonObject result = summary(m_roundServices);
    const QList<Done> callbacks = std::exchange(m_waiting, {});
    m_running = false;
    m_started = false;
    for (const Done &d : callbacks)
        d(result);
}

QJsonObject HealthCoordinator::latest() const
{
    QList<HealthReport> reports;
    QJsonObject services;
    for (const QString &s : m_order) {
        const HealthReport r = m_latest.value(s, HealthReport{s, HealthState::Unknown, {}, 0, 0, 0});
        reports << r;
        services.insert(s, reportJson(r));
    }
    return {{QStringLiteral("overall"), overall(reports)},
            {QStringLiteral("services"), services},
            {QStringLiteral("timestamp"), isoUtc(QDateTime::currentMSecsSinceEpoch())}};
}

const HealthReport *HealthCoordinator::report(const QString &service) const
{
    const auto it = m_latest.constFind(service);
    return it == m_latest.cend() ? nullptr : &it.value();
}

QJsonObject HealthCoordinator::summary(const QStringList &names) const
{
    QList<HealthReport> reports;
    QJsonObject services;
    for (const QString &s : names) {
        const auto it = m_latest.constFind(s);
        if (it != m_latest.cend() && m_reported.contains(s)) {
            reports << *it;
            services.insert(s, reportJson(*it));
            continue;
        }
        HealthReport missing{s, HealthState::Unknown, {}, 0, 0, 0};
        reports << missing;
        QJsonObject o = reportJson(missing);
        o.insert(QStringLiteral("error"), QStringLiteral("the health check did not answer in time"));
        services.insert(s, o);
    }
    return {{QStringLiteral("overall"), overall(reports)},
            {QStringLiteral("services"), services},
            {QStringLiteral("timestamp"), isoUtc(QDateTime::currentMSecsSinceEpoch())}};
}

QString HealthCoordinator::overall(const QList<HealthReport> &reports)
{
    if (reports.isEmpty()) return QStringLiteral("unknown");
    int real = 0, healthy = 0, degraded = 0;
    for (const HealthReport &r : reports) {
        if (r.state == HealthState::Simulated) continue;
        ++real;
        healthy += r.state == HealthState::Healthy;
        degraded += r.state == HealthState::Degraded;
    }
    if (real == 0) return QStringLiteral("simulated");
    if (healthy == real) return QStringLiteral("healthy");
    if (healthy + degraded == 0) return QStringLiteral("down");
    return QStringLiteral("degraded");
}

QJsonObject HealthCoordinator::reportJson(const HealthReport &r)
{
    QJsonObject o{
        {QStringLiteral("status"), toString(r.state)},
        {QStringLiteral("simulated"), r.state == HealthState::Simulated},
        {QStringLiteral("latency"), r.latencyMs},
        {QStringLiteral("httpStatus"), r.httpStatus},
        {QStringLiteral("lastCheck"), r.checkedAtMs ? QJsonValue(isoUtc(r.checkedAtMs)) : QJsonValue()}};
    if (!r.detail.isEmpty()) {
        const bool problem = r.state != HealthState::Healthy && r.state != HealthState::Simulated;
        o.insert(problem ? QStringLiteral("error") : QStringLiteral("detail"), r.detail);
    }
    return o;
}

} // namespace airm
