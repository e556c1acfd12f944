#include "clock.h"

#include <QDateTime>
#include <algorithm>
#include <limits>

namespace airm {

Clock::TimerId TimerQueue::add(qint64 deadline, std::function<void()> fn)
{
    const Clock::TimerId id = m_nextId++;
    m_byDeadline.emplace(std::make_pair(deadline, id), std::move(fn));
    m_deadlineById.emplace(id, deadline);
    return id;
}

bool TimerQueue::remove(Clock::TimerId id)
{
    const auto it = m_deadlineById.find(id);
    if (it == m_deadlineById.end()) return false;
    m_byDeadline.erase(std::make_pair(it->second, id));
    m_deadlineById.erase(it);
    return true;
}

qint64 TimerQueue::nextDeadline() const
{
    return m_byDeadline.empty() ? -1 : m_byDeadline.begin()->first.first;
}

std::function<void()> TimerQueue::takeDue(qint64 now)
{
    if (m_byDeadline.empty()) return {};
    auto it = m_byDeadline.begin();
    if (it->first.first > now) return {};
    std::function<void()> fn = std::move(it->second);
    m_deadlineById.erase(it->first.second);
    m_byDeadline.erase(it);
    return fn;
}

SystemClock::SystemClock(QObject *parent)
    : QObject(parent)
{
    m_elapsed.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SystemClock::fireDue);
}

qint64 SystemClock::nowMs() const
{
    return m_elapsed.elapsed();
}

qint64 SystemClock::nowNs() const
{
    return m_elapsed.nsecsElapsed();
}

qint64 SystemClock::wallMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

Clock::TimerId SystemClock::schedule(qint64 delayMs, std::function<void()> fn)
{
    const qint64 deadline = nowMs() + std::max<qint64>(0, delayMs);
    const TimerId id = m_queue.add(deadline, std::move(fn));
    if (m_armedDeadline < 0 || deadline < m_armedDeadline) arm(deadline);
    return id;
}

void SystemClock::cancel(TimerId id)
{
    // The QTimer stays armed: firing early with nothing due costs less than restarting it on every cancel.
    m_queue.remove(id);
}

void SystemClock::arm(qint64 deadline)
{
    m_armedDeadline = deadline;
    const qint64 delay = std::clamp<qint64>(deadline - nowMs(), 0, std::numeric_limits<int>::max());
    m_timer.start(int(delay));
}

void SystemClock::fireDue()
{
    m_armedDeadline = -1;
    const qint64 now = nowMs();
    // Bounded: timers added by callbacks wait for the next turn once the budget is spent, so one turn cannot
    // spin forever.
    std::size_t budget = m_queue.size();
    while (budget-- > 0) {
        auto fn = m_queue.takeDue(now);
        if (!fn) break;
        fn();
    }
    const qint64 next = m_queue.nextDeadline();
    if (next >= 0 && (m_armedDeadline < 0 || next < m_armedDeadline)) arm(next);
}

ManualClock::ManualClock(qint64 startWallMs)
    : m_wallStart(startWallMs)
{}

Clock::TimerId ManualClock::schedule(qint64 delayMs, std::function<void()> fn)
{
    return m_queue.add(m_now + std::max<qint64>(0, delayMs), std::move(fn));
}

void ManualClock::cancel(TimerId id)
{
    m_queue.remove(id);
}

void ManualClock::advance(qint64 ms)
{
    const qint64 target = m_now + std::max<qint64>(0, ms);
    for (;;) {
        const qint64 next = m_queue.nextDeadline();
        if (next < 0 || next > target) break;
        m_now = std::max(m_now, next);
        if (auto fn = m_queue.takeDue(m_now)) fn();
    }
    m_now = target;
}

} // namespace airm
