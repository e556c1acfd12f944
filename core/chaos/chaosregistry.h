// The chaos experiments that exist: active ones per service in start order, each ended by its own timer, and
// a bounded history of ended ones. ChaosTransport asks it which faults apply to a call. Thread affinity: the
// engine thread.
#pragma once

#include "common/clock.h"
#include "model/chaosspec.h"
#include "model/metricssnapshot.h"

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace airm {

struct ChaosExperiment
{
    ChaosSpec spec;
    qint64 startedMono = 0;
    qint64 startedWallMs = 0;
    qint64 endsWallMs = 0;
    qint64 endedWallMs = 0; // 0 while active
    QString endReason;      // "expired", "stopped", ...
    qint64 touched = 0;     // requests the experiment changed
    Clock::TimerId expiry = 0;

    ActiveChaos toActive() const;
    QJsonObject toJson() const; // spec plus times, status, touched
};

class ChaosRegistry
{
public:
    using Listener = std::function<void(const ChaosExperiment &)>;
    static constexpr int kHistoryLimit = 500;

    explicit ChaosRegistry(Clock &clock);
    ~ChaosRegistry();

    // Validates and starts; returns the id, or an empty string with *error set. knownServices restricts
    // targets.
    QString start(ChaosSpec spec, const QStringList &knownServices, QString *error);
    // Stops one experiment; false when it is not active.
    bool stop(const QString &id, const QString &reason = QStringLiteral("stopped"));
    // Stops every experiment that targets service (or all of them for "all" / empty); returns how many.
    int stopAll(const QString &service = {}, const QString &reason = QStringLiteral("stopped"));

    // Active experiments that apply to service, in start order. Pointers stay valid until the next
    // stop/expiry.
    std::vector<ChaosExperiment *> activeFor(const QString &service) const;
    QList<ActiveChaos> active() const;
    const ChaosExperiment *find(const QString &id) const; // active or in history
    const std::deque<ChaosExperiment> &history() const { return m_history; }
    int activeCount() const { return int(m_active.size()); }

    void setStartedListener(Listener l) { m_onStarted = std::move(l); }
    void setEndedListener(Listener l) { m_onEnded = std::move(l); }

private:
    void end(std::size_t index, const QString &reason);

    Clock &m_clock;
    std::vector<std::unique_ptr<ChaosExperiment>> m_active; // start order
    std::deque<ChaosExperiment> m_history;                  // newest last
    quint64 m_nextId = 1;
    Listener m_onStarted, m_onEnded;
};

} // namespace airm
