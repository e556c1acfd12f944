#include "runsummary.h"

#include <QJsonArray>
#include <QTextStream>

namespace airm {
namespace {

int transitionsOf(const QList<BreakerTransition> &all, const QString &service)
{
    int n = 0;
    for (const BreakerTransition &t : all)
        if (t.service == service && t.from != t.to) ++n;
    return n;
}

QString percent(double pct)
{
    return pct < 0 ? QStringLiteral("-") : QString::number(pct, 'f', 1);
}

} // namespace

RunSummary::RunSummary(MetricsSnapshot snapshot, QList<BreakerTransition> transitions, qint64 elapsedMs)
    : m_snapshot(std::move(snapshot))
    , m_transitions(std::move(transitions))
    , m_elapsedMs(elapsedMs)
{}

QJsonObject RunSummary::toJson() const
{
    QJsonArray services;
    auto row = [this](const ServiceMetrics &m) {
        QJsonArray transitions;
        for (const BreakerTransition &t : m_transitions)
            if (m.name == QLatin1String("all") || t.service == m.name) transitions.append(t.toJson());
        QJsonObject errors;
        for (auto it = m.errorsByClass.begin(); it != m.errorsByClass.end(); ++it)
            errors.insert(toString(it.key()), it.value());
        return QJsonObject{{QStringLiteral("service"), m.name},
                           {QStringLiteral("simulated"), m.simulated},
                           {QStringLiteral("requests"), m.requests},
                           {QStringLiteral("successes"), m.successes},
                           {QStringLiteral("failures"), m.failures},
                           {QStringLiteral("rejected"), m.rejected},
                           {QStringLiteral("timeouts"), m.timeouts},
                           {QStringLiteral("chaosAffected"), m.chaosAffected},
                           {QStringLiteral("successRatePct"), m.successRatePct()},
                           {QStringLiteral("latencyMs"), m.latencyAll.toJson()},
                           {QStringLiteral("errorsByClass"), errors},
                           {QStringLiteral("inputTokens"), m.inputTokens},
                           {QStringLiteral("outputTokens"), m.outputTokens},
                           {QStringLiteral("costUsd"), m.costUsd},
                           {QStringLiteral("breakerState"),
                            m.name == QLatin1String("all") ? QString() : toString(m.breaker.state)},
                           {QStringLiteral("breakerTransitions"), transitionsOf(m_transitions, m.name)},
                           {QStringLiteral("transitions"), transitions}};
    };
    for (const ServiceMetrics &m : m_snapshot.services)
        services.append(row(m));
    QJsonObject total = row(m_snapshot.overall);
    total.insert(QStringLiteral("breakerTransitions"), int(m_transitions.size()));
    total.remove(QStringLiteral("transitions"));
    total.remove(QStringLiteral("breakerState"));
    return {{QStringLiteral("schemaVersion"), 1},
            {QStringLiteral("elapsedMs"), m_elapsedMs},
            {QStringLiteral("services"), services},
            {QStringLiteral("total"), total}};
}

QString RunSummary::toTable() const
{
    QString out;
    QTextStream ts(&out);
    auto pad = [](const QString &s, int w) { return s.rightJustified(w); };
    ts << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
              .arg(QStringLiteral("service").leftJustified(14), pad(QStringLiteral("mode"), 9),
                   pad(QStringLiteral("requests"), 9), pad(QStringLiteral("success%"), 9),
                   pad(QStringLiteral("p50 ms"), 8), pad(QStringLiteral("p95 ms"), 8),
                   pad(QStringLiteral("p99 ms"), 8), pad(QStringLiteral("rejected"), 9),
                   pad(QStringLiteral("timeouts"), 9), pad(QStringLiteral("breaker"), 12),
                   pad(QStringLiteral("transitions"), 12));
    auto line = [&](const ServiceMetrics &m, bool total) {
        ts << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                  .arg(m.name.leftJustified(14),
                       pad(total ? QString()
                                 : (m.simulated ? QStringLiteral("simulated") : QStringLiteral("real")),
                           9),
                       pad(QString::number(m.requests), 9), pad(percent(m.successRatePct()), 9),
                       pad(QString::number(m.latencyAll.p50Ms, 'f', 0), 8),
                       pad(QString::number(m.latencyAll.p95Ms, 'f', 0), 8),
                       pad(QString::number(m.latencyAll.p99Ms, 'f', 0), 8),
                       pad(QString::number(m.rejected), 9), pad(QString::number(m.timeouts), 9),
                       pad(total ? QString() : toString(m.breaker.state), 12),
                       pad(QString::number(total ? int(m_transitions.size())
                                                 : transitionsOf(m_transitions, m.name)),
                           12));
    };
    for (const ServiceMetrics &m : m_snapshot.services)
        line(m, false);
    line(m_snapshot.overall, true);
    if (!m_transitions.isEmpty()) {
        ts << "\nbreaker transitions:\n";
        for (const BreakerTransition &t : m_transitions)
            ts << QStringLiteral("  +%1 ms  %2  %3 -> %4  (%5)\n")
                      .arg(t.atMs - m_snapshot.startedAtMs)
                      .arg(t.service, toString(t.from), toString(t.to), t.reason);
    }
    return out;
}

} // namespace airm
