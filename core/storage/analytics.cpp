#include "analytics.h"

#include <QJsonArray>
#include <algorithm>
#include <map>

namespace airm {
namespace {

constexpr double kMsPerMinute = 60'000.0;

bool failed(QString *error, const QString &stepError)
{
    if (stepError.isEmpty()) return false;
    if (error) *error = stepError;
    return true;
}

// Relative change in %, and a label from the threshold: up/down names per figure.
TrendFigure compare(double recent, double previous, qint64 recentSamples, qint64 previousSamples,
                    int minSamples, double thresholdPct, const char *up, const char *down)
{
    TrendFigure f;
    f.recentSamples = recentSamples;
    f.previousSamples = previousSamples;
    if (recentSamples < minSamples || previousSamples < minSamples) {
        f.recent = recentSamples > 0 ? recent : -1;
        f.previous = previousSamples > 0 ? previous : -1;
        f.label = QStringLiteral("insufficient_data");
        return f;
    }
    f.recent = recent;
    f.previous = previous;
    if (previous > 0) {
        f.changePct = (recent - previous) / previous * 100.0;
        f.label = f.changePct > thresholdPct    ? QLatin1String(up)
                  : f.changePct < -thresholdPct ? QLatin1String(down)
                                                : QStringLiteral("stable");
    } else {
        f.changePct = recent > 0 ? 100.0 : 0.0;
        f.label = recent > 0 ? QLatin1String(up) : QStringLiteral("stable");
    }
    return f;
}

} // namespace

Analytics::Analytics(const HistoryStore &store)
    : m_store(store)
{}

double Analytics::leaderboardScore(double successRatePct, double avgLatencyMs, qint64 successes)
{
    const double speed = successes > 0 ? std::max(0.0, 100.0 - avgLatencyMs / 30.0) : 0.0;
    return 0.6 * std::max(0.0, successRatePct) + 0.4 * speed;
}

double Analytics::serviceHealth(double successRatePct, double availabilityPct, double avgLatencyMs,
                                qint64 successes)
{
    const double speed = successes > 0 ? std::max(0.0, 100.0 - avgLatencyMs / 30.0) : 0.0;
    return 0.5 * std::max(0.0, successRatePct) + 0.3 * std::max(0.0, availabilityPct) + 0.2 * speed;
}

QString Analytics::healthLabel(double score)
{
    if (score < 0) return QStringLiteral("no_data");
    if (score >= 90) return QStringLiteral("healthy");
    if (score >= 70) return QStringLiteral("degraded");
    return QStringLiteral("unhealthy");
}

KeyInsights Analytics::keyInsights(const AnalyticsOptions &o, QString *error) const
{
    KeyInsights k;
    QString e;
    const StatsReport window = m_store.statistics(o.nowMs - o.windowMs, o.nowMs, o.services, &e);
    if (failed(error, e)) return k;
    for (const ServiceStats &s : window.services) {
        if (s.requests < o.minRequests) continue;
        // Ties: more requests, then the name (deterministic, unlike the seed's key order).
        auto better = [](const std::optional<ServiceFigure> &best, double value, qint64 requests,
                         const QString &name, bool higherIsBetter) {
            if (!best) return true;
            if (value != best->value) return higherIsBetter ? value > best->value : value < best->value;
            if (requests != best->requests) return requests > best->requests;
            return name < best->service;
        };
        if (better(k.mostReliable, s.successRatePct, s.requests, s.service, true))
            k.mostReliable = ServiceFigure{s.service, s.successRatePct, s.requests};
        if (s.successes > 0 && better(k.fastest, s.avgSuccessLatencyMs, s.requests, s.service, false))
            k.fastest = ServiceFigure{s.service, s.avgSuccessLatencyMs, s.requests};
    }
    k.availabilityPct = window.overall.availabilityPct;

    const QList<HourProfile> hours =
        m_store.hourOfDayProfile(o.nowMs - o.windowMs, o.nowMs, o.services, o.utcOffsetMinutes, &e);
    if (failed(error, e)) return k;
    for (const HourProfile &h : hours) {
        if (h.successes < o.minRequests) continue;
        if (!k.peakHour || h.avgSuccessLatencyMs < k.peakHourLatencyMs) {
            k.peakHour = h.hour;
            k.peakHourLatencyMs = h.avgSuccessLatencyMs;
        }
    }

    const StatsReport recent = m_store.statistics(o.nowMs - o.recentWindowMs, o.nowMs, o.services, &e);
    if (failed(error, e)) return k;
    const StatsReport previous =
        m_store.statistics(o.nowMs - 2 * o.recentWindowMs, o.nowMs - o.recentWindowMs, o.services, &e);
    if (failed(error, e)) return k;
    const double minutes = double(o.recentWindowMs) / kMsPerMinute;
    const qint64 rn = recent.overall.requests, pn = previous.overall.requests;
    // Volume needs no minimum: zero requests is a figure, not missing data.
    k.volume = compare(double(rn) / minutes, double(pn) / minutes, 1, 1, 1, o.trendThresholdPct, "rising",
                       "falling");
    k.volume.recentSamples = rn;
    k.volume.previousSamples = pn;
    k.errorRate = compare(rn > 0 ? 100.0 * double(recent.overall.errors()) / double(rn) : 0.0,
                          pn > 0 ? 100.0 * double(previous.overall.errors()) / double(pn) : 0.0, rn, pn,
                          o.minTrendSamples, o.trendThresholdPct, "rising", "falling");
    if (error) error->clear();
    return k;
}

QList<LeaderboardEntry> Analytics::leaderboard(const AnalyticsOptions &o, QString *error) const
{
    QList<LeaderboardEntry> out;
    QString e;
    const StatsReport window = m_store.statistics(o.nowMs - o.windowMs, o.nowMs, o.services, &e);
    if (failed(error, e)) return out;
    for (const ServiceStats &s : window.services) {
        if (s.requests == 0) continue; // an idle service has no score (the seed gave it 60)
        LeaderboardEntry l;
        l.service = s.service;
        l.requests = s.requests;
        l.failures = s.errors();
        l.successRatePct = s.successRatePct;
        l.avgLatencyMs = s.avgSuccessLatencyMs;
        l.score = leaderboardScore(s.successRatePct, s.avgSuccessLatencyMs, s.successes);
        const bool fastEnough = s.successes > 0;
        l.badge = fastEnough && l.successRatePct >= 95 && l.avgLatencyMs < 2000 ? QStringLiteral("excellent")
                  : fastEnough && l.successRatePct >= 80 && l.avgLatencyMs < 3000 ? QStringLiteral("good")
                                                                                  : QStringLiteral("poor");
        out << l;
    }
    std::sort(out.begin(), out.end(), [](const LeaderboardEntry &a, const LeaderboardEntry &b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.requests != b.requests) return a.requests > b.requests;
        return a.service < b.service;
    });
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i].rank = int(i) + 1;
    if (error) error->clear();
    return out;
}

RecoveryReport Analytics::recovery(const AnalyticsOptions &o, QString *error) const
{
    RecoveryReport report;
    QString e;
    const qint64 from = o.nowMs - o.windowMs;
    const QList<OutcomeChange> changes = m_store.outcomeChanges(from, o.nowMs, o.services, &e);
    if (failed(error, e)) return report;
    const StatsReport window = m_store.statistics(from, o.nowMs, o.services, &e);
    if (failed(error, e)) return report;

    std::map<QString, ServiceRecovery> byService;
    for (const ServiceStats &s : window.services) {
        ServiceRecovery &r = byService[s.service];
        r.service = s.service;
        r.failures = s.errors();
    }
    std::map<QString, qint64> episodeStart; // service -> first failure of the open episode
    std::map<QString, double> recoverySum;
    for (const OutcomeChange &c : changes) {
        ServiceRecovery &r = byService[c.service];
        r.service = c.service;
        if (!c.success) {
            ++r.episodes;
            episodeStart[c.service] = c.ts;
        } else if (episodeStart.count(c.service)) {
            const double ms = double(c.ts - episodeStart[c.service]);
            episodeStart.erase(c.service);
            ++r.recoveredEpisodes;
            r.lastRecoveryMs = ms;
            r.maxRecoveryMs = std::max(r.maxRecoveryMs, ms);
            recoverySum[c.service] += ms;
        }
    }
    for (auto &[name, r] : byService) {
        if (r.recoveredEpisodes > 0) r.meanRecoveryMs = recoverySum[name] / double(r.recoveredEpisodes);
        if (r.failures == 0) {
            r.status = QStringLiteral("no_failures");
        } else if (episodeStart.count(name)) {
            r.status = QStringLiteral("failing");
            r.failingForMs = o.nowMs - episodeStart[name];
        } else {
            r.status = QStringLiteral("recovered");
        }
        if (r.failures > 0) {
            HistoryFilter f;
            f.services = {name};
            f.outcomes = {Outcome::Failure, Outcome::Timeout, Outcome::Rejected};
            f.fromMs = from;
            f.toMs = o.nowMs;
            const HistoryPage last = m_store.history(f, 1, {}, &e);
            if (failed(error, e)) return report;
            if (!last.rows.isEmpty()) {
                const RequestRecord &rec = last.rows.constFirst().record;
                r.lastFailureMs = rec.startedAtMs;
                r.lastFailureClass = rec.errorClass;
                r.lastFailureMessage = rec.errorMessage;
            }
        }
        report.services << r;
    }

    // Chaos experiments that ended in the window: how long until each target's breaker was CLOSED again.
    const QList<ChaosRecord> experiments = m_store.chaosExperiments(from, o.nowMs, 0, &e);
    if (failed(error, e)) return report;
    QStringList seen;
    for (const ChaosRecord &c : experiments) {
        if (c.endedMs <= 0 || c.endedMs < from || c.endedMs > o.nowMs) continue;
        QStringList targets = c.targets;
        if (targets.isEmpty() || targets.contains(QLatin1String("all"))) {
            if (seen.isEmpty()) seen = m_store.servicesSeen(from, o.nowMs, &e);
            if (failed(error, e)) return report;
            targets = seen;
        }
        for (const QString &service : std::as_const(targets)) {
            if (!o.services.isEmpty() && !o.services.contains(service)) continue;
            ChaosRecovery r;
            r.experimentId = c.id;
            r.type = c.type;
            r.service = service;
            r.endedMs = c.endedMs;
            const auto before = m_store.transitionBefore(service, c.endedMs, &e);
            if (failed(error, e)) return report;
            r.stateAtEnd = before ? before->to : BreakerState::Closed;
            const bool blocking = r.stateAtEnd == BreakerState::Open ||
                                  r.stateAtEnd == BreakerState::HalfOpen ||
                                  r.stateAtEnd == BreakerState::ForcedOpen;
            if (!blocking) {
                r.closedAtMs = c.endedMs;
                r.recoveryMs = 0;
            } else {
                const auto closed = m_store.firstTransitionTo(service, BreakerState::Closed, c.endedMs, &e);
                if (failed(error, e)) return report;
                if (closed && closed->atMs <= o.nowMs) {
                    r.closedAtMs = closed->atMs;
                    r.recoveryMs = double(closed->atMs - c.endedMs);
                }
            }
            report.chaos << r;
        }
    }
    if (error) error->clear();
    return report;
}

QList<PerformanceTrend> Analytics::performanceTrends(const AnalyticsOptions &o, QString *error) const
{
    QList<PerformanceTrend> out;
    QString e;
    const StatsReport recent = m_store.statistics(o.nowMs - o.recentWindowMs, o.nowMs, o.services, &e);
    if (failed(error, e)) return out;
    const StatsReport previous =
        m_store.statistics(o.nowMs - 2 * o.recentWindowMs, o.nowMs - o.recentWindowMs, o.services, &e);
    if (failed(error, e)) return out;
    auto trend = [&](const QString &name, const ServiceStats *r, const ServiceStats *p) {
        const ServiceStats none;
        if (!r) r = &none;
        if (!p) p = &none;
        PerformanceTrend t;
        t.service = name;
        t.latency = compare(r->avgSuccessLatencyMs, p->avgSuccessLatencyMs, r->successes, p->successes,
                            o.minTrendSamples, o.trendThresholdPct, "slower", "faster");
        t.successRate =
            compare(std::max(0.0, r->successRatePct), std::max(0.0, p->successRatePct), r->requests,
                    p->requests, o.minTrendSamples, o.trendThresholdPct, "improving", "declining");
        return t;
    };
    out << trend(QStringLiteral("all"), &recent.overall, &previous.overall);
    QStringList names;
    for (const ServiceStats &s : recent.services)
        names << s.service;
    for (const ServiceStats &s : previous.services)
        if (!names.contains(s.service)) names << s.service;
    names.sort();
    for (const QString &n : std::as_const(names))
        out << trend(n, recent.service(n), previous.service(n));
    if (error) error->clear();
    return out;
}

OverallHealth Analytics::overallHealth(const AnalyticsOptions &o, QString *error) const
{
    OverallHealth h;
    h.formula = QStringLiteral("request-weighted mean over services of 0.5*successRate + 0.3*availability + "
                               "0.2*max(0, 100 - avgSuccessLatencyMs/30)");
    QString e;
    auto score = [&](qint64 from, qint64 to, QList<ServiceFigure> *perService) {
        const StatsReport window = m_store.statistics(from, to, o.services, &e);
        double weighted = 0;
        qint64 requests = 0;
        for (const ServiceStats &s : window.services) {
            if (s.requests == 0) continue;
            const double v =
                serviceHealth(s.successRatePct, s.availabilityPct, s.avgSuccessLatencyMs, s.successes);
            if (perService) *perService << ServiceFigure{s.service, v, s.requests};
            weighted += v * double(s.requests);
            requests += s.requests;
        }
        return requests > 0 ? weighted / double(requests) : -1.0;
    };
    h.score = score(o.nowMs - o.windowMs, o.nowMs, &h.services);
    if (failed(error, e)) return h;
    h.previousScore = score(o.nowMs - 2 * o.windowMs, o.nowMs - o.windowMs, nullptr);
    if (failed(error, e)) return h;
    h.label = healthLabel(h.score);
    if (h.score < 0 || h.previousScore < 0)
        h.trend = QStringLiteral("insufficient_data");
    else if (h.score - h.previousScore >= o.healthTrendPoints)
        h.trend = QStringLiteral("improving");
    else if (h.previousScore - h.score >= o.healthTrendPoints)
        h.trend = QStringLiteral("declining");
    else
        h.trend = QStringLiteral("stable");
    if (error) error->clear();
    return h;
}

QJsonObject Analytics::report(const AnalyticsOptions &o, QString *error) const
{
    QString e;
    QJsonObject doc;
    doc.insert(QStringLiteral("nowMs"), o.nowMs);
    doc.insert(QStringLiteral("windowMs"), o.windowMs);
    doc.insert(QStringLiteral("recentWindowMs"), o.recentWindowMs);
    doc.insert(QStringLiteral("insights"), keyInsights(o, &e).toJson());
    if (failed(error, e)) return {};
    QJsonArray board;
    for (const LeaderboardEntry &l : leaderboard(o, &e))
        board.append(l.toJson());
    if (failed(error, e)) return {};
    doc.insert(QStringLiteral("leaderboard"), board);
    doc.insert(QStringLiteral("recovery"), recovery(o, &e).toJson());
    if (failed(error, e)) return {};
    QJsonArray trends;
    for (const PerformanceTrend &t : performanceTrends(o, &e))
        trends.append(t.toJson());
    if (failed(error, e)) return {};
    doc.insert(QStringLiteral("performanceTrends"), trends);
    doc.insert(QStringLiteral("overallHealth"), overallHealth(o, &e).toJson());
    if (failed(error, e)) return {};
    QJsonArray patterns;
    for (const ErrorPattern &p : m_store.errorPatterns(o.nowMs - o.windowMs, o.nowMs, o.services, 5, &e))
        patterns.append(p.toJson());
    if (failed(error, e)) return {};
    doc.insert(QStringLiteral("errorPatterns"), patterns);
    if (error) error->clear();
    return doc;
}

} // namespace airm
