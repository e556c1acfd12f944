// Time and timers behind one interface, so breakers, chaos, simulation and automation run on a manual clock
// in tests (no sleeps) and on the real clock in the app. Thread affinity: a Clock schedules callbacks on the
// thread it lives in; create and use it on one thread.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>
#include <map>

namespace airm {

class Clock
{
public:
    using TimerId = quint64;
    virtual ~Clock() = default;
    // Monotonic milliseconds; only differences mean anything.
    virtual qint64 nowMs() const = 0;
    // Monotonic nanoseconds on the same time line, for measuring latencies below a millisecond.
    virtual qint64 nowNs() const = 0;
    // Milliseconds since the Unix epoch, for records and events.
    virtual qint64 wallMs() const = 0;
    // Runs fn once, delayMs from now (0 = on the next turn of the event loop, never synchronously).
    virtual TimerId schedule(qint64 delayMs, std::function<void()> fn) = 0;
    // Cancelling an unknown or fired timer is a no-op.
    virtual void cancel(TimerId id) = 0;
};

// Timer queue shared by both clocks: an ordered map of (deadline, id) to callbacks.
class TimerQueue
{
public:
    Clock::TimerId add(qint64 deadline, std::function<void()> fn);
    bool remove(Clock::TimerId id);
    // Deadline of the earliest timer, or -1 when empty.
    qint64 nextDeadline() const;
    // Pops the earliest timer if its deadline is <= now; returns an empty function otherwise.
    std::function<void()> takeDue(qint64 now);
    std::size_t size() const { return m_byDeadline.size(); }

private:
    std::map<std::pair<qint64, Clock::TimerId>, std::function<void()>> m_byDeadline;
    std::map<Clock::TimerId, qint64> m_deadlineById;
    Clock::TimerId m_nextId = 1;
};

// The real clock: QElapsedTimer for time, one QTimer driving the queue.
class SystemClock final : public QObject, public Clock
{
    Q_OBJECT
public:
    explicit SystemClock(QObject *parent = nullptr);
    qint64 nowMs() const override;
    qint64 nowNs() const override;
    qint64 wallMs() const override;
    TimerId schedule(qint64 delayMs, std::function<void()> fn) override;
    void cancel(TimerId id) override;

private:
    void arm(qint64 deadline);
    void fireDue();

    QElapsedTimer m_elapsed;
    QTimer m_timer;
    TimerQueue m_queue;
    qint64 m_armedDeadline = -1; // the QTimer is restarted only for an earlier deadline, not on every call
};

// A clock that only moves when told to. advance() fires due timers in deadline order, each with nowMs() set
// to its deadline, including timers scheduled by the callbacks themselves.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startWallMs = 1'700'000'000'000);
    qint64 nowMs() const override { return m_now; }
    qint64 nowNs() const override { return m_now * 1'000'000; }
    qint64 wallMs() const override { return m_wallStart + m_now; }
    TimerId schedule(qint64 delayMs, std::function<void()> fn) override;
    void cancel(TimerId id) override;
    void advance(qint64 ms);
    // Fires timers due now (for delay 0 callbacks) without moving time.
    void runPending() { advance(0); }
    std::size_t pendingTimers() const { return m_queue.size(); }

private:
    qint64 m_now = 0;
    qint64 m_wallStart;
    TimerQueue m_queue;
};

} // namespace airm
