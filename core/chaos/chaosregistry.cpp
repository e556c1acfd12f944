#include "chaosregistry.h"

#include <QDateTime>

namespace airm {

ActiveChaos ChaosExperiment::toActive() const
{
    ActiveChaos a;
    a.id = spec.id;
    a.type = spec.type;
    a.targets = spec.targetsAll() ? QStringList{QStringLiteral("all")} : spec.targets;
    a.startedAtMs = startedWallMs;
    a.endsAtMs = endsWallMs;
    a.spec = spec.toJson();
    a.touched = touched;
    return a;
}

QJsonObject ChaosExperiment::toJson() const
{
    QJsonObject o = spec.toJson();
    auto iso = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    o.insert(QStringLiteral("startTime"), iso(startedWallMs));
    o.insert(QStringLiteral("endTime"), iso(endedWallMs ? endedWallMs : endsWallMs));
    o.insert(QStringLiteral("status"), endedWallMs ? endReason : QStringLiteral("active"));
    o.insert(QStringLiteral("touched"), touched);
    return o;
}

ChaosRegistry::ChaosRegistry(Clock &clock)
    : m_clock(clock)
{}

ChaosRegistry::~ChaosRegistry()
{
    for (const auto &e : m_active)
        m_clock.cancel(e->expiry);
}

QString ChaosRegistry::start(ChaosSpec spec, const QStringList &knownServices, QString *error)
{
    *error = spec.validate();
    if (!error->isEmpty()) return {};
    if (!spec.targetsAll())
        for (const QString &t : std::as_const(spec.targets))
            if (!knownServices.contains(t)) {
                *error = QStringLiteral("unknown service \"%1\" (known: %2)")
                             .arg(t, knownServices.join(QLatin1String(", ")));
                return {};
            }
    if (spec.id.isEmpty()) spec.id = QStringLiteral("chaos-%1").arg(m_nextId++);
    if (find(spec.id) && find(spec.id)->endedWallMs == 0) {
        *error = QStringLiteral("an active experiment already has id \"%1\"").arg(spec.id);
        return {};
    }
    auto e = std::make_unique<ChaosExperiment>();
    e->spec = std::move(spec);
    e->startedMono = m_clock.nowMs();
    e->startedWallMs = m_clock.wallMs();
    e->endsWallMs = e->startedWallMs + e->spec.durationMs;
    const QString id = e->spec.id;
    e->expiry = m_clock.schedule(e->spec.durationMs, [this, id] {
        for (std::size_t i = 0; i < m_active.size(); ++i)
            if (m_active[i]->spec.id == id) {
                m_active[i]->expiry = 0;
                end(i, QStringLiteral("expired"));
                return;
            }
    });
    m_active.push_back(std::move(e));
    if (m_onStarted) m_onStarted(*m_active.back());
    return id;
}

bool ChaosRegistry::stop(const QString &id, const QString &reason)
{
    for (std::size_t i = 0; i < m_active.size(); ++i)
        if (m_active[i]->spec.id == id) {
            end(i, reason);
            return true;
        }
    return false;
}

int ChaosRegistry::stopAll(const QString &service, const QString &reason)
{
    int stopped = 0;
    const bool all = service.isEmpty() || service == QLatin1String("all");
    for (std::size_t i = m_active.size(); i-- > 0;)
        if (all || m_active[i]->spec.appliesTo(service)) {
            end(i, reason);
            ++stopped;
        }
    return stopped;
}

void ChaosRegistry::end(std::size_t index, const QString &reason)
{
    std::unique_ptr<ChaosExperiment> e = std::move(m_active[index]);
    m_active.erase(m_active.begin() + std::ptrdiff_t(index));
    if (e->expiry) m_clock.cancel(e->expiry);
    e->expiry = 0;
    e->endedWallMs = m_clock.wallMs();
    e->endReason = reason;
    m_history.push_back(*e);
    while (m_history.size() > std::size_t(kHistoryLimit))
        m_history.pop_front();
    if (m_onEnded) m_onEnded(m_history.back());
}

std::vector<ChaosExperiment *> ChaosRegistry::activeFor(const QString &service) const
{
    std::vector<ChaosExperiment *> out;
    for (const auto &e : m_active)
        if (e->spec.appliesTo(service)) out.push_back(e.get());
    return out;
}

QList<ActiveChaos> ChaosRegistry::active() const
{
    QList<ActiveChaos> out;
    for (const auto &e : m_active)
        out.append(e->toActive());
    return out;
}

const ChaosExperiment *ChaosRegistry::find(const QString &id) const
{
    for (const auto &e : m_active)
        if (e->spec.id == id) return e.get();
    for (auto it = m_history.rbegin(); it != m_history.rend(); ++it)
        if (it->spec.id == id) return &*it;
    return nullptr;
}

} // namespace airm
