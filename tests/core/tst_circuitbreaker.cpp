// Circuit breaker and its configuration: every transition under each trip rule and preset, driven by a
// ManualClock so time-driven transitions are exact and no test sleeps.
#include "common/clock.h"
#include "resilience/breakerconfig.h"
#include "resilience/circuitbreaker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace airm;

namespace {

const QString kService = QStringLiteral("gemini");

BreakerConfig configFrom(const QByteArray &json, QString *error)
{
    BreakerConfig c;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("bad test JSON: ") % parseError.errorString();
        return c;
    }
    *error = c.mergeJson(doc.object());
    return c;
}

QString describe(const BreakerTransition &t)
{
    return toString(t.from) % QStringLiteral("->") % toString(t.to) % QStringLiteral(": ") % t.reason;
}

double snapshotValue(const BreakerSnapshot &s, const QString &name, bool *ok)
{
    *ok = true;
    if (name == QLatin1String("total")) return double(s.totalCalls);
    if (name == QLatin1String("success")) return double(s.successfulCalls);
    if (name == QLatin1String("failed")) return double(s.failedCalls);
    if (name == QLatin1String("ignored")) return double(s.ignoredCalls);
    if (name == QLatin1String("slow")) return double(s.slowCalls);
    if (name == QLatin1String("notPermitted")) return double(s.notPermittedCalls);
    if (name == QLatin1String("openCount")) return double(s.openCount);
    if (name == QLatin1String("consecutive")) return s.consecutiveFailures;
    if (name == QLatin1String("halfOpenSuccesses")) return s.halfOpenSuccesses;
    if (name == QLatin1String("inFlight")) return s.halfOpenInFlight;
    if (name == QLatin1String("failureRate")) return s.failureRatePct;
    if (name == QLatin1String("slowRate")) return s.slowCallRatePct;
    if (name == QLatin1String("remainingOpen")) return double(s.remainingOpenMs);
    if (name == QLatin1String("timeInState")) return double(s.timeInStateMs);
    *ok = false;
    return 0;
}

// A tiny script language for breaker scenarios, one space-separated token per step:
//   s, s2000, f, f2000, f^30000, i   acquire (must be permitted) and report success / failure (Timeout) /
//                                    ignored (BadRequest), optional duration in ms, optional Retry-After;
//                                    any of them (and r) may end in *N to repeat
//   r                                acquire, must be rejected
//   aK / @K:s @K:f @K:i @K:x         acquire and hold permit K / report its result / release it
//   +N                               advance the ManualClock by N ms (fires nothing in the breaker)
//   p                                poll()
//   =STATE                           state() must be STATE (no implicit poll)
//   d=N                              nextDeadlineMs() must be N
//   #field=value                     a snapshot field must have that value
//   !reset, !STATE                   reset() / forceState(STATE) with the default reasons
QString runScript(CircuitBreaker &breaker, ManualClock &clock, const QString &script)
{
    static const QRegularExpression callRe(QStringLiteral("^([sfir])(\\d+)?(?:\\^(\\d+))?(?:\\*(\\d+))?$"));
    static const QRegularExpression heldRe(QStringLiteral("^@(\\d+):([sfix])$"));
    static const QRegularExpression acquireRe(QStringLiteral("^a(\\d+)$"));
    QMap<int, CircuitBreaker::Permit> held;
    int step = 0;
    const QStringList tokens = script.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        ++step;
        const QString where = QStringLiteral("step ") % QString::number(step) % QStringLiteral(" '") % token %
                              QStringLiteral("': ");
        if (const auto m = callRe.match(token); m.hasMatch()) {
            const QChar kind = m.captured(1).at(0);
            const qint64 duration = m.captured(2).isEmpty() ? 10 : m.captured(2).toLongLong();
            const int retryAfter = m.captured(3).isEmpty() ? -1 : m.captured(3).toInt();
            const int repeat = m.captured(4).isEmpty() ? 1 : m.captured(4).toInt();
            for (int n = 0; n < repeat; ++n) {
                const CircuitBreaker::Permit permit = breaker.tryAcquire();
                if (kind == QLatin1Char('r')) {
                    if (permit != 0) return where % QStringLiteral("expected a rejection");
                    continue;
                }
                if (permit == 0)
                    return where % QStringLiteral("rejected in state ") % toString(breaker.state());
                const ErrorClass ec = kind == QLatin1Char('s')   ? ErrorClass::None
                                      : kind == QLatin1Char('f') ? ErrorClass::Timeout
                                                                 : ErrorClass::BadRequest;
                breaker.onResult(permit, ec, duration, retryAfter);
            }
        } else if (const auto m = acquireRe.match(token); m.hasMatch()) {
            const CircuitBreaker::Permit permit = breaker.tryAcquire();
            if (permit == 0) return where % QStringLiteral("rejected in state ") % toString(breaker.state());
            held.insert(m.captured(1).toInt(), permit);
        } else if (const auto m = heldRe.match(token); m.hasMatch()) {
            const int key = m.captured(1).toInt();
            if (!held.contains(key)) return where % QStringLiteral("no such held permit");
            const QChar kind = m.captured(2).at(0);
            const CircuitBreaker::Permit permit = held.take(key);
            if (kind == QLatin1Char('x'))
                breaker.release(permit);
            else
                breaker.onResult(permit,
                                 kind == QLatin1Char('s')   ? ErrorClass::None
                                 : kind == QLatin1Char('f') ? ErrorClass::Timeout
                                                            : ErrorClass::BadRequest,
                                 10);
        } else if (token.startsWith(QLatin1Char('+'))) {
            clock.advance(token.mid(1).toLongLong());
        } else if (token == QLatin1String("p")) {
            breaker.poll();
        } else if (token.startsWith(QLatin1Char('='))) {
            const auto expected = breakerStateFromString(token.mid(1));
            if (!expected) return where % QStringLiteral("unknown state");
            if (breaker.state() != *expected)
                return where % QStringLiteral("state is ") % toString(breaker.state());
        } else if (token.startsWith(QLatin1String("d="))) {
            const qint64 expected = token.mid(2).toLongLong();
            if (breaker.nextDeadlineMs() != expected)
                return where % QStringLiteral("nextDeadlineMs is ") %
                       QString::number(breaker.nextDeadlineMs());
        } else if (token.startsWith(QLatin1Char('#'))) {
            const qsizetype eq = token.indexOf(QLatin1Char('='));
            bool ok = false;
            const double actual = snapshotValue(breaker.snapshot(), token.mid(1, eq - 1), &ok);
            if (!ok || eq < 0) return where % QStringLiteral("unknown snapshot field");
            const double expected = token.mid(eq + 1).toDouble();
            if (std::abs(actual - expected) > 1e-6)
                return where % QStringLiteral("is ") % QString::number(actual);
        } else if (token == QLatin1String("!reset")) {
            breaker.reset();
        } else if (token.startsWith(QLatin1Char('!'))) {
            const auto state = breakerStateFromString(token.mid(1));
            if (!state) return where % QStringLiteral("unknown state");
            breaker.forceState(*state);
        } else {
            return where % QStringLiteral("unknown token");
        }
    }
    return {};
}

// One breaker on a ManualClock, with the listener's calls kept for comparison.
struct Rig
{
    explicit Rig(const BreakerConfig &config, qint64 startWallMs = 1'700'000'000'000)
        : clock(startWallMs)
        , breaker(kService, config, clock)
    {
        breaker.setTransitionListener([this](const BreakerTransition &t) { heard.append(t); });
    }
    QStringList heardDescriptions() const
    {
        QStringList out;
        for (const BreakerTransition &t : heard)
            out.append(describe(t));
        return out;
    }
    ManualClock clock;
    CircuitBreaker breaker;
    QList<BreakerTransition> heard;
};

} // namespace

class TestCircuitBreaker : public QObject
{
    Q_OBJECT

private slots:
    void seedScenario();
    void scenarios_data();
    void scenarios();
    void errorClasses_data();
    void errorClasses();
    void transitionRecords();
    void recentTransitionsAreCapped();
    void snapshotFields();
    void setConfigKeepsStateAndClearsWindow();
    void listenerMayReadTheBreaker();

    void presets_data();
    void presets();
    void unknownPresetLeavesOutputAlone();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void jsonFieldNames();
    void mergeJsonPresetFirst_data();
    void mergeJsonPresetFirst();
    void mergeJsonErrors_data();
    void mergeJsonErrors();
    void validateStruct_data();
    void validateStruct();
};

// The seed's behaviour, exactly: 3 consecutive failures open, calls are rejected, 20 s after opening the
// breaker tests recovery, and 2 probe successes close it.
void TestCircuitBreaker::seedScenario()
{
    Rig rig{BreakerConfig{}};
    CircuitBreaker &cb = rig.breaker;
    QCOMPARE(cb.config().preset, QStringLiteral("seed"));
    QCOMPARE(toString(cb.state()), toString(BreakerState::Closed));

    for (int i = 0; i < 3; ++i) {
        QCOMPARE(toString(cb.state()), toString(BreakerState::Closed));
        const auto permit = cb.tryAcquire();
        QVERIFY(permit != 0);
        rig.clock.advance(100);
        cb.onResult(permit, ErrorClass::ServerError, 100);
    }
    QCOMPARE(toString(cb.state()), toString(BreakerState::Open));
    QCOMPARE(cb.snapshot().consecutiveFailures, 3);
    const qint64 openedAt = rig.clock.nowMs();
    QCOMPARE(cb.nextDeadlineMs(), openedAt + 20'000);

    QCOMPARE(cb.tryAcquire(), CircuitBreaker::Permit(0));
    rig.clock.advance(10'000);
    QCOMPARE(cb.tryAcquire(), CircuitBreaker::Permit(0));
    QCOMPARE(cb.snapshot().notPermittedCalls, 2);
    QCOMPARE(cb.snapshot().remainingOpenMs, 10'000);

    rig.clock.advance(9'999);
    cb.poll();
    QCOMPARE(toString(cb.state()), toString(BreakerState::Open));
    rig.clock.advance(1);
    cb.poll();
    QCOMPARE(toString(cb.state()), toString(BreakerState::HalfOpen));

    const auto probe1 = cb.tryAcquire();
    const auto probe2 = cb.tryAcquire();
    QVERIFY(probe1 != 0 && probe2 != 0);
    cb.onResult(probe1, ErrorClass::None, 200);
    QCOMPARE(toString(cb.state()), toString(BreakerState::HalfOpen));
    QCOMPARE(cb.snapshot().halfOpenSuccesses, 1);
    cb.onResult(probe2, ErrorClass::None, 200);
    QCOMPARE(toString(cb.state()), toString(BreakerState::Closed));
    QCOMPARE(cb.snapshot().consecutiveFailures, 0);

    const QStringList expected{
        QStringLiteral("CLOSED->OPEN: Failure threshold reached (3/3)"),
        QStringLiteral("OPEN->HALF_OPEN: Wait duration expired (20000 ms), testing recovery"),
        QStringLiteral("HALF_OPEN->CLOSED: Success threshold reached (2/2)"),
    };
    QCOMPARE(rig.heardDescriptions(), expected);
    const BreakerSnapshot s = cb.snapshot();
    QCOMPARE(s.totalCalls, 5);
    QCOMPARE(s.successfulCalls, 2);
    QCOMPARE(s.failedCalls, 3);
    QCOMPARE(s.openCount, 1);
}

void TestCircuitBreaker::scenarios_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("transitions");

    const auto row = [](const char *name, const char *config, const char *script, QStringList transitions) {
        QTest::newRow(name) << QByteArray(config) << QString::fromLatin1(script) << transitions;
    };
    const QString seedOpen = QStringLiteral("CLOSED->OPEN: Failure threshold reached (3/3)");
    const QString seedHalf =
        QStringLiteral("OPEN->HALF_OPEN: Wait duration expired (20000 ms), testing recovery");
    const QString seedClose = QStringLiteral("HALF_OPEN->CLOSED: Success threshold reached (2/2)");
    const QString probeFailed = QStringLiteral("HALF_OPEN->OPEN: Failure during recovery test");
    const auto s = [](const char *text) { return QString::fromLatin1(text); };

    // Consecutive failures (the seed's rule).
    row("seed: open, reject, half-open by tryAcquire, close", "{}",
        "f f =CLOSED f =OPEN r*2 +19999 r =OPEN +1 =OPEN s =HALF_OPEN s =CLOSED",
        {seedOpen, seedHalf, seedClose});
    row("seed: a success resets the count", "{}", "f f s f f =CLOSED #consecutive=2 f =OPEN", {seedOpen});
    row("seed: an ignored error does not reset the count", "{}", "f f i #consecutive=2 f =OPEN #ignored=1",
        {seedOpen});
    row("seed: state only moves on poll or acquire", "{}", "f*3 +20000 =OPEN p =HALF_OPEN",
        {seedOpen, seedHalf});
    row("seed: probe failure re-opens", "{}",
        "f*3 +20000 p =HALF_OPEN s f =OPEN +19999 p =OPEN +1 p =HALF_OPEN",
        {seedOpen, seedHalf, probeFailed, seedHalf});
    row("consecutive threshold 1", "{\"consecutiveFailureThreshold\":1}", "s f =OPEN",
        {s("CLOSED->OPEN: Failure threshold reached (1/1)")});
    row("all rules off never trips", "{\"consecutiveFailureThreshold\":0}", "f*500 =CLOSED #failed=500", {});

    // Failure rate over a count-based window.
    const char *rate10 =
        "{\"consecutiveFailureThreshold\":0,\"failureRateThreshold\":50,\"slidingWindowSize\":10,"
        "\"minimumNumberOfCalls\":10}";
    row("failure rate reaches threshold", rate10, "f*5 s*4 =CLOSED #failureRate=-1 s =OPEN #failureRate=50",
        {s("CLOSED->OPEN: Failure rate 50.0% >= 50.0% over 10 calls")});
    row("failure rate below threshold", rate10, "f*4 s*6 =CLOSED #failureRate=40 s*10 =CLOSED #failureRate=0",
        {});
    row("count window slides",
        "{\"consecutiveFailureThreshold\":0,\"failureRateThreshold\":50,\"slidingWindowSize\":4,"
        "\"minimumNumberOfCalls\":4}",
        "f s s s =CLOSED f =CLOSED #failureRate=25 s =CLOSED f =OPEN",
        {s("CLOSED->OPEN: Failure rate 50.0% >= 50.0% over 4 calls")});
    row("minimum number of calls",
        "{\"consecutiveFailureThreshold\":0,\"failureRateThreshold\":50,\"minimumNumberOfCalls\":5}",
        "f*4 =CLOSED #failureRate=-1 f =OPEN",
        {s("CLOSED->OPEN: Failure rate 100.0% >= 50.0% over 5 calls")});
    row("minimum above a count window means a full window",
        "{\"consecutiveFailureThreshold\":0,\"failureRateThreshold\":50,\"slidingWindowSize\":4,"
        "\"minimumNumberOfCalls\":100}",
        "f*3 =CLOSED f =OPEN", {s("CLOSED->OPEN: Failure rate 100.0% >= 50.0% over 4 calls")});
    row("consecutive rule wins when both apply",
        "{\"consecutiveFailureThreshold\":3,\"failureRateThreshold\":50,\"minimumNumberOfCalls\":3}",
        "f*3 =OPEN", {seedOpen});
    row("rate rule trips before the consecutive one",
        "{\"consecutiveFailureThreshold\":5,\"failureRateThreshold\":50,\"minimumNumberOfCalls\":4}",
        "f s f s =OPEN #consecutive=0", {s("CLOSED->OPEN: Failure rate 50.0% >= 50.0% over 4 calls")});

    // Slow-call rate.
    const char *slow4 =
        "{\"consecutiveFailureThreshold\":0,\"slowCallRateThreshold\":50,"
        "\"slowCallDurationThresholdMs\":1000,\"slidingWindowSize\":4,\"minimumNumberOfCalls\":4}";
    row("slow-call rate (threshold inclusive)", slow4,
        "s2000 s999 s =CLOSED #slow=1 s1000 =OPEN #slowRate=50",
        {s("CLOSED->OPEN: Slow-call rate 50.0% >= 50.0% over 4 calls")});
    row("slow failures count as slow", slow4, "f2000 f2000 s =CLOSED s =OPEN #slow=2",
        {s("CLOSED->OPEN: Slow-call rate 50.0% >= 50.0% over 4 calls")});
    row("slow ignored calls do not count", slow4, "i5000*4 s*4 =CLOSED #slow=0 #slowRate=0", {});

    // Time-based window.
    const char *time10 =
        "{\"consecutiveFailureThreshold\":0,\"failureRateThreshold\":50,"
        "\"slidingWindowType\":\"TIME_BASED\",\"slidingWindowSize\":10,\"minimumNumberOfCalls\":4}";
    row("time window: old failures evicted", time10,
        "f f +10000 s s =CLOSED #failureRate=-1 #failed=2 f =CLOSED f =OPEN",
        {s("CLOSED->OPEN: Failure rate 50.0% >= 50.0% over 4 calls")});
    row("time window: still inside the window", time10, "f f +9999 s =CLOSED s =OPEN",
        {s("CLOSED->OPEN: Failure rate 50.0% >= 50.0% over 4 calls")});
    row("time window: rates decay without calls",
        "{\"consecutiveFailureThreshold\":0,\"slidingWindowType\":\"TIME_BASED\",\"slidingWindowSize\":5,"
        "\"minimumNumberOfCalls\":2}",
        "f s #failureRate=50 +1000 f f #failureRate=75 +4000 #failureRate=100 +1000 #failureRate=-1", {});
    row("time window: a long gap clears everything",
        "{\"consecutiveFailureThreshold\":0,\"slidingWindowType\":\"TIME_BASED\",\"slidingWindowSize\":5,"
        "\"minimumNumberOfCalls\":2}",
        "f*3 +1000000 #failureRate=-1 f s #failureRate=50 #failed=4", {});

    // Presets.
    row("hystrix: 20 calls at 50 %, one probe closes", "{\"preset\":\"hystrix\"}",
        "s*10 f*9 =CLOSED f =OPEN r +4999 r +1 a1 r @1:s =CLOSED",
        {s("CLOSED->OPEN: Failure rate 50.0% >= 50.0% over 20 calls"),
         s("OPEN->HALF_OPEN: Wait duration expired (5000 ms), testing recovery"),
         s("HALF_OPEN->CLOSED: Success threshold reached (1/1)")});
    row("hystrix: below the request volume nothing trips", "{\"preset\":\"hystrix\"}", "f*19 =CLOSED", {});
    row("hystrix: the 10 s window forgets", "{\"preset\":\"hystrix\"}", "f*19 +10000 s*20 =CLOSED", {});
    row("polly: 10 % of 100 calls", "{\"preset\":\"polly\"}",
        "s*90 f*9 =CLOSED f =OPEN +5000 p =HALF_OPEN f =OPEN",
        {s("CLOSED->OPEN: Failure rate 10.0% >= 10.0% over 100 calls"),
         s("OPEN->HALF_OPEN: Wait duration expired (5000 ms), testing recovery"), probeFailed});
    row("resilience4j: 50 % of 100 calls, 10 probes close", "{\"preset\":\"resilience4j\"}",
        "s*50 f*49 =CLOSED f =OPEN +59999 r +1 s*9 =HALF_OPEN #halfOpenSuccesses=9 s =CLOSED",
        {s("CLOSED->OPEN: Failure rate 50.0% >= 50.0% over 100 calls"),
         s("OPEN->HALF_OPEN: Wait duration expired (60000 ms), testing recovery"),
         s("HALF_OPEN->CLOSED: Success threshold reached (10/10)")});
    row("resilience4j: 10 probes in flight", "{\"preset\":\"resilience4j\"}",
        "f*100 =OPEN +60000 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 r #inFlight=10 @1:f =OPEN",
        {s("CLOSED->OPEN: Failure rate 100.0% >= 50.0% over 100 calls"),
         s("OPEN->HALF_OPEN: Wait duration expired (60000 ms), testing recovery"), probeFailed});
    row("resilience4j: slow calls", "{\"preset\":\"resilience4j\"}", "s60000*99 =CLOSED s60000 =OPEN",
        {s("CLOSED->OPEN: Slow-call rate 100.0% >= 100.0% over 100 calls")});

    // Half-open probes.
    row("probe limit: extra calls rejected and counted", "{}",
        "f*3 +20000 a1 a2 r =HALF_OPEN #inFlight=2 #notPermitted=1 @1:x #inFlight=1 a3 r #notPermitted=2 "
        "@2:s "
        "@3:s =CLOSED",
        {seedOpen, seedHalf, seedClose});
    row("probe limit: an ignored probe releases its slot without a verdict", "{}",
        "f*3 +20000 a1 a2 @1:i #inFlight=1 #halfOpenSuccesses=0 =HALF_OPEN a3 r @2:s @3:s =CLOSED",
        {seedOpen, seedHalf, seedClose});
    row("probe limit: one slot",
        "{\"permittedNumberOfCallsInHalfOpenState\":1,\"halfOpenSuccessThreshold\":1}",
        "f*3 +20000 a1 r*3 #notPermitted=3 @1:s =CLOSED a2 a3 a4",
        {seedOpen, seedHalf, s("HALF_OPEN->CLOSED: Success threshold reached (1/1)")});
    row("probes may be sequential beyond the slot count", "{\"permittedNumberOfCallsInHalfOpenState\":1}",
        "f*3 +20000 s =HALF_OPEN s =CLOSED", {seedOpen, seedHalf, seedClose});
    row("half-open wait expires back to OPEN", "{\"maxWaitDurationInHalfOpenStateMs\":5000}",
        "f*3 +20000 p =HALF_OPEN d=25000 a1 +4999 p =HALF_OPEN +1 p =OPEN d=45000 @1:s =OPEN #success=1",
        {seedOpen, seedHalf, s("HALF_OPEN->OPEN: Half-open wait expired (5000 ms) without a verdict")});
    row("half-open wait is exact on acquire", "{\"maxWaitDurationInHalfOpenStateMs\":5000}",
        "f*3 +20000 p +5000 r =OPEN",
        {seedOpen, seedHalf, s("HALF_OPEN->OPEN: Half-open wait expired (5000 ms) without a verdict")});
    row("half-open result after its deadline is late", "{\"maxWaitDurationInHalfOpenStateMs\":5000}",
        "f*3 +20000 a1 a2 @1:s +5000 @2:s =OPEN #halfOpenSuccesses=0",
        {seedOpen, seedHalf, s("HALF_OPEN->OPEN: Half-open wait expired (5000 ms) without a verdict")});

    // Open wait: backoff, Retry-After, deadlines.
    row("open backoff doubles and caps, closing resets it",
        "{\"openBackoffMultiplier\":2,\"maxWaitDurationInOpenStateMs\":60000}",
        "f*3 d=20000 +20000 p f d=60000 +39999 p =OPEN +1 p =HALF_OPEN f d=120000 +60000 p s s =CLOSED f*3 "
        "d=140000",
        {seedOpen, seedHalf, probeFailed,
         s("OPEN->HALF_OPEN: Wait duration expired (40000 ms), testing recovery"), probeFailed,
         s("OPEN->HALF_OPEN: Wait duration expired (60000 ms), testing recovery"), seedClose, seedOpen});
    row("reset clears the backoff", "{\"openBackoffMultiplier\":2,\"maxWaitDurationInOpenStateMs\":100000}",
        "f*3 +20000 p f d=60000 !reset f*3 d=40000",
        {seedOpen, seedHalf, probeFailed, s("OPEN->CLOSED: Manual reset"), seedOpen});
    row("Retry-After lengthens the wait", "{}",
        "f f f^30000 =OPEN d=30000 +20000 p =OPEN +10000 p =HALF_OPEN",
        {s("CLOSED->OPEN: Failure threshold reached (3/3); Retry-After keeps it open for 30000 ms"),
         s("OPEN->HALF_OPEN: Wait duration expired (30000 ms), testing recovery")});
    row("Retry-After shorter than the wait", "{}", "f f f^5000 d=20000", {seedOpen});
    row("Retry-After not honoured", "{\"honourRetryAfter\":false}", "f f f^30000 d=20000", {seedOpen});
    row("Retry-After of a failure that does not open", "{}", "f^30000 f f d=20000", {seedOpen});
    row("Retry-After capped at the maximum open wait", "{\"maxWaitDurationInOpenStateMs\":25000}",
        "f f f^999999 d=25000",
        {s("CLOSED->OPEN: Failure threshold reached (3/3); Retry-After keeps it open for 25000 ms")});
    row("Retry-After on a failed probe", "{}", "f*3 +20000 p f^50000 d=70000",
        {seedOpen, seedHalf,
         s("HALF_OPEN->OPEN: Failure during recovery test; Retry-After keeps it open for 50000 ms")});
    row("deadlines: closed and half-open without a maximum", "{}", "d=-1 f*3 d=20000 +20000 p d=-1",
        {seedOpen, seedHalf});
    row("remaining open time", "{}",
        "+1000 f*3 #remainingOpen=20000 +15000 #remainingOpen=5000 #timeInState=15000", {seedOpen});

    // Late results: counted, but the state machine, window and slots do not move.
    row("late success in half-open does not count as a probe", "{}",
        "a1 f*3 +20000 p =HALF_OPEN @1:s #success=1 #halfOpenSuccesses=0 #inFlight=0 =HALF_OPEN s s =CLOSED",
        {seedOpen, seedHalf, seedClose});
    row("late failure while open does not extend it", "{}",
        "a1 f*3 d=20000 +10000 @1:f #failed=4 #consecutive=3 d=20000 =OPEN", {seedOpen});
    row("late failure in half-open does not re-open", "{}", "a1 f*3 +20000 p @1:f =HALF_OPEN #failed=4",
        {seedOpen, seedHalf});
    row("late failure after reset leaves the count alone", "{}",
        "a1 f f !reset #consecutive=0 @1:f #consecutive=0 #failed=3 f f =CLOSED f =OPEN",
        {s("CLOSED->CLOSED: Manual reset"), seedOpen});
    row("late results after reset stay out of the window",
        "{\"consecutiveFailureThreshold\":0,\"failureRateThreshold\":50,\"slidingWindowSize\":4,"
        "\"minimumNumberOfCalls\":2}",
        "a1 a2 s s !reset @1:f @2:f #failureRate=-1 #failed=2 s s #failureRate=0 =CLOSED",
        {s("CLOSED->CLOSED: Manual reset")});
    row("late probe after the breaker closed", "{\"halfOpenSuccessThreshold\":1}",
        "f*3 +20000 a1 a2 @1:s =CLOSED @2:f =CLOSED #consecutive=0 #failed=4",
        {seedOpen, seedHalf, s("HALF_OPEN->CLOSED: Success threshold reached (1/1)")});
    row("releasing a stale permit frees no probe slot", "{}", "a1 f*3 +20000 a2 a3 @1:x #inFlight=2 r",
        {seedOpen, seedHalf});

    // Manual control.
    row("DISABLED permits and never trips", "{}",
        "!DISABLED f*10 =DISABLED #failed=10 #failureRate=-1 #consecutive=0 +100000 p =DISABLED d=-1",
        {s("CLOSED->DISABLED: Forced by user")});
    row("FORCED_OPEN rejects until forced back", "{}",
        "!FORCED_OPEN r*5 #notPermitted=5 d=-1 +1000000 p =FORCED_OPEN r !CLOSED s =CLOSED",
        {s("CLOSED->FORCED_OPEN: Forced by user"), s("FORCED_OPEN->CLOSED: Forced by user")});
    row("METRICS_ONLY computes rates but stays",
        "{\"failureRateThreshold\":50,\"slidingWindowSize\":4,\"minimumNumberOfCalls\":4}",
        "!METRICS_ONLY f*4 =METRICS_ONLY #failureRate=100 #consecutive=4 s*4 #failureRate=0 #consecutive=0",
        {s("CLOSED->METRICS_ONLY: Forced by user")});
    row("forced OPEN starts the wait like a normal open", "{}",
        "!OPEN =OPEN d=20000 r +20000 s =HALF_OPEN #openCount=1",
        {s("CLOSED->OPEN: Forced by user"), seedHalf});
    row("forced HALF_OPEN takes probes", "{}", "!HALF_OPEN a1 a2 r @1:s @2:s =CLOSED",
        {s("CLOSED->HALF_OPEN: Forced by user"), seedClose});
    row("reset from OPEN", "{}", "f*3 !reset =CLOSED s #consecutive=0 d=-1",
        {seedOpen, s("OPEN->CLOSED: Manual reset")});
    row("reset while CLOSED is recorded", "{}", "!reset =CLOSED", {s("CLOSED->CLOSED: Manual reset")});
}

void TestCircuitBreaker::scenarios()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, script);
    QFETCH(QStringList, transitions);

    QString error;
    const BreakerConfig c = configFrom(config, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Rig rig{c};
    error = runScript(rig.breaker, rig.clock, script);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QCOMPARE(rig.heardDescriptions(), transitions);
    QStringList recorded;
    for (const BreakerTransition &t : rig.breaker.snapshot().recentTransitions)
        recorded.append(describe(t));
    QCOMPARE(recorded, transitions);
}

void TestCircuitBreaker::errorClasses_data()
{
    QTest::addColumn<QStringList>("recorded"); // empty = defaults
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<QString>("expected"); // success, failure or ignored

    const QStringList defaults;
    const auto add = [&](ErrorClass e, const char *expected) {
        QTest::addRow("default %s", qPrintable(toString(e)))
            << defaults << e << QString::fromLatin1(expected);
    };
    add(ErrorClass::None, "success");
    for (const ErrorClass e : {ErrorClass::Timeout, ErrorClass::Network, ErrorClass::ServerError,
                               ErrorClass::Overloaded, ErrorClass::RateLimited, ErrorClass::CorruptResponse})
        add(e, "failure");
    for (const ErrorClass e :
         {ErrorClass::BadRequest, ErrorClass::Auth, ErrorClass::ContextLength, ErrorClass::Cancelled})
        add(e, "ignored");
    const QStringList authOnly{QStringLiteral("auth")};
    QTest::newRow("custom: auth recorded") << authOnly << ErrorClass::Auth << QStringLiteral("failure");
    QTest::newRow("custom: timeout ignored") << authOnly << ErrorClass::Timeout << QStringLiteral("ignored");
    QTest::newRow("custom: success") << authOnly << ErrorClass::None << QStringLiteral("success");
}

void TestCircuitBreaker::errorClasses()
{
    QFETCH(QStringList, recorded);
    QFETCH(ErrorClass, errorClass);
    QFETCH(QString, expected);

    BreakerConfig c;
    if (!recorded.isEmpty())
        QCOMPARE(c.mergeJson({{QStringLiteral("recordedErrors"), QJsonArray::fromStringList(recorded)}}),
                 QString());
    Rig rig{c};
    CircuitBreaker &cb = rig.breaker;
    // Two failures first, so a success resets the count, a failure opens, an ignored call does neither.
    for (int i = 0; i < 2; ++i)
        cb.onResult(cb.tryAcquire(), *c.recordedErrors.cbegin(), 10);
    cb.onResult(cb.tryAcquire(), errorClass, 10);

    const BreakerSnapshot s = cb.snapshot();
    QCOMPARE(s.totalCalls, 3);
    if (expected == QLatin1String("success")) {
        QCOMPARE(s.successfulCalls, 1);
        QCOMPARE(s.consecutiveFailures, 0);
        QCOMPARE(toString(cb.state()), toString(BreakerState::Closed));
    } else if (expected == QLatin1String("failure")) {
        QCOMPARE(s.failedCalls, 3);
        QCOMPARE(toString(cb.state()), toString(BreakerState::Open));
    } else {
        QCOMPARE(s.ignoredCalls, 1);
        QCOMPARE(s.failedCalls, 2);
        QCOMPARE(s.successfulCalls, 0);
        QCOMPARE(s.consecutiveFailures, 2);
        QCOMPARE(toString(cb.state()), toString(BreakerState::Closed));
    }
}

void TestCircuitBreaker::transitionRecords()
{
    Rig rig{BreakerConfig{}, 1'700'000'000'000};
    rig.clock.advance(5'000);
    rig.breaker.forceState(BreakerState::ForcedOpen, QStringLiteral("maintenance window"));
    QCOMPARE(rig.heard.size(), 1);
    const BreakerTransition &t = rig.heard.first();
    QCOMPARE(t.atMs, 1'700'000'005'000);
    QCOMPARE(t.service, kService);
    QCOMPARE(toString(t.from), toString(BreakerState::Closed));
    QCOMPARE(toString(t.to), toString(BreakerState::ForcedOpen));
    QCOMPARE(t.reason, QStringLiteral("maintenance window"));

    rig.clock.advance(1'000);
    rig.breaker.reset(QStringLiteral("all clear"));
    QCOMPARE(rig.heard.size(), 2);
    QCOMPARE(rig.heard.last().atMs, 1'700'000'006'000);
    QCOMPARE(rig.heard.last().reason, QStringLiteral("all clear"));
    QCOMPARE(rig.breaker.snapshot().timeInStateMs, 0);
}

void TestCircuitBreaker::recentTransitionsAreCapped()
{
    Rig rig{BreakerConfig{}};
    const int total = BreakerSnapshot::kRecentTransitions + 5;
    for (int i = 0; i < total; ++i)
        rig.breaker.reset(QStringLiteral("reset ") % QString::number(i));
    QCOMPARE(rig.heard.size(), total);
    const QList<BreakerTransition> recent = rig.breaker.snapshot().recentTransitions;
    QCOMPARE(recent.size(), BreakerSnapshot::kRecentTransitions);
    QCOMPARE(recent.first().reason, QStringLiteral("reset 5"));
    QCOMPARE(recent.last().reason, QStringLiteral("reset ") % QString::number(total - 1));
}

void TestCircuitBreaker::snapshotFields()
{
    BreakerConfig c;
    c.slowCallDurationThresholdMs = 500;
    c.preset = QStringLiteral("custom");
    Rig rig{c};
    QString error = runScript(rig.breaker, rig.clock, QStringLiteral("s s600 i f800 a1 a2 +1000"));
    QVERIFY2(error.isEmpty(), qPrintable(error));

    BreakerSnapshot s = rig.breaker.snapshot();
    QCOMPARE(toString(s.state), toString(BreakerState::Closed));
    QCOMPARE(s.timeInStateMs, 1'000);
    QCOMPARE(s.consecutiveFailures, 1);
    QCOMPARE(s.consecutiveFailureThreshold, 3);
    QCOMPARE(s.halfOpenSuccesses, 0);
    QCOMPARE(s.halfOpenSuccessThreshold, 2);
    QCOMPARE(s.halfOpenInFlight, 0);
    QCOMPARE(s.failureRatePct, -1.0); // 3 calls in the window, minimum 100
    QCOMPARE(s.slowCallRatePct, -1.0);
    QCOMPARE(s.totalCalls, 4); // the two held permits have not finished
    QCOMPARE(s.successfulCalls, 2);
    QCOMPARE(s.failedCalls, 1);
    QCOMPARE(s.ignoredCalls, 1);
    QCOMPARE(s.slowCalls, 2);
    QCOMPARE(s.notPermittedCalls, 0);
    QCOMPARE(s.openCount, 0);
    QCOMPARE(s.remainingOpenMs, 0);
    QCOMPARE(s.preset, QStringLiteral("custom"));
    QVERIFY(s.recentTransitions.isEmpty());

    error = runScript(rig.breaker, rig.clock, QStringLiteral("f f r +5000 p"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    s = rig.breaker.snapshot();
    QCOMPARE(toString(s.state), toString(BreakerState::Open));
    QCOMPARE(s.timeInStateMs, 5'000);
    QCOMPARE(s.remainingOpenMs, 15'000);
    QCOMPARE(s.notPermittedCalls, 1);
    QCOMPARE(s.openCount, 1);
    QCOMPARE(s.recentTransitions.size(), 1);
}

void TestCircuitBreaker::setConfigKeepsStateAndClearsWindow()
{
    BreakerConfig c;
    c.consecutiveFailureThreshold = 0;
    c.failureRateThreshold = 50;
    c.minimumNumberOfCalls = 2;
    Rig rig{c};
    QString error = runScript(rig.breaker, rig.clock, QStringLiteral("s f =OPEN d=20000 +1000"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rig.breaker.snapshot().failureRatePct, 50.0);

    c.waitDurationInOpenStateMs = 5'000;
    rig.breaker.setConfig(c);
    QCOMPARE(toString(rig.breaker.state()), toString(BreakerState::Open));
    QCOMPARE(rig.breaker.snapshot().failureRatePct, -1.0);
    QCOMPARE(rig.breaker.snapshot().totalCalls, 2);
    QCOMPARE(rig.breaker.nextDeadlineMs(), 5'000); // the new wait applies to the current open period

    c.slidingWindowType = SlidingWindowType::TimeBased;
    c.slidingWindowSize = 3;
    rig.breaker.setConfig(c);
    rig.breaker.reset();
    error = runScript(rig.breaker, rig.clock, QStringLiteral("+4000 s f =OPEN #failureRate=50"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rig.heard.size(), 3);
}

void TestCircuitBreaker::listenerMayReadTheBreaker()
{
    ManualClock clock;
    CircuitBreaker cb(kService, BreakerConfig{}, clock);
    QStringList seen;
    cb.setTransitionListener([&](const BreakerTransition &t) {
        QCOMPARE(toString(cb.state()), toString(t.to));
        seen.append(toString(cb.snapshot().state));
    });
    QString error = runScript(cb, clock, QStringLiteral("f*3 +20000 s s"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(seen,
             (QStringList{QStringLiteral("OPEN"), QStringLiteral("HALF_OPEN"), QStringLiteral("CLOSED")}));
}

void TestCircuitBreaker::presets_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected"); // a subset of toJson()

    QTest::newRow("seed") << QStringLiteral("seed")
                          << QByteArray(R"({"consecutiveFailureThreshold":3,"failureRateThreshold":0,
        "slowCallRateThreshold":0,"waitDurationInOpenStateMs":20000,"permittedNumberOfCallsInHalfOpenState":2,
        "halfOpenSuccessThreshold":2})");
    QTest::newRow("resilience4j") << QStringLiteral("resilience4j")
                                  << QByteArray(R"({"consecutiveFailureThreshold":0,"failureRateThreshold":50,
        "slidingWindowType":"COUNT_BASED","slidingWindowSize":100,"minimumNumberOfCalls":100,
        "slowCallRateThreshold":100,"slowCallDurationThresholdMs":60000,"waitDurationInOpenStateMs":60000,
        "permittedNumberOfCallsInHalfOpenState":10,"halfOpenSuccessThreshold":10})");
    QTest::newRow("hystrix") << QStringLiteral("hystrix")
                             << QByteArray(R"({"consecutiveFailureThreshold":0,"failureRateThreshold":50,
        "slidingWindowType":"TIME_BASED","slidingWindowSize":10,"minimumNumberOfCalls":20,"slowCallRateThreshold":0,
        "waitDurationInOpenStateMs":5000,"permittedNumberOfCallsInHalfOpenState":1,"halfOpenSuccessThreshold":1})");
    QTest::newRow("polly") << QStringLiteral("polly")
                           << QByteArray(R"({"consecutiveFailureThreshold":0,"failureRateThreshold":10,
        "slidingWindowType":"TIME_BASED","slidingWindowSize":30,"minimumNumberOfCalls":100,
        "waitDurationInOpenStateMs":5000,"permittedNumberOfCallsInHalfOpenState":1,"halfOpenSuccessThreshold":1})");
    QTest::newRow("case-insensitive")
        << QStringLiteral("Hystrix") << QByteArray(R"({"preset":"hystrix","slidingWindowSize":10})");
}

void TestCircuitBreaker::presets()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);

    QVERIFY(BreakerConfig::presetNames().contains(name.toLower()));
    BreakerConfig c;
    c.waitDurationInOpenStateMs = 1; // must be overwritten
    QVERIFY(BreakerConfig::fromPreset(name, &c));
    QCOMPARE(c.preset, name.toLower());
    QCOMPARE(c.validate(), QString());
    QCOMPARE(c.recordedErrors, BreakerConfig::defaultRecordedErrors());
    const QJsonObject json = c.toJson();
    const QJsonObject subset = QJsonDocument::fromJson(expected).object();
    QVERIFY(!subset.isEmpty());
    for (auto it = subset.constBegin(); it != subset.constEnd(); ++it)
        QVERIFY2(json.value(it.key()) == it.value(), qPrintable(it.key()));
}

void TestCircuitBreaker::unknownPresetLeavesOutputAlone()
{
    QCOMPARE(BreakerConfig::presetNames(),
             (QStringList{QStringLiteral("seed"), QStringLiteral("resilience4j"), QStringLiteral("hystrix"),
                          QStringLiteral("polly")}));
    BreakerConfig c;
    c.consecutiveFailureThreshold = 7;
    QVERIFY(!BreakerConfig::fromPreset(QStringLiteral("sentinel"), &c));
    QCOMPARE(c.consecutiveFailureThreshold, 7);
    // The default-constructed configuration is the seed preset.
    BreakerConfig seed;
    QVERIFY(BreakerConfig::fromPreset(QStringLiteral("seed"), &seed));
    QCOMPARE(seed.toJson(), BreakerConfig{}.toJson());
    QCOMPARE(BreakerConfig{}.validate(), QString());
}

void TestCircuitBreaker::jsonRoundTrip_data()
{
    QTest::addColumn<QByteArray>("merge");
    QTest::addColumn<QString>("preset");

    QTest::newRow("seed") << QByteArray("{}") << QStringLiteral("seed");
    QTest::newRow("resilience4j") << QByteArray(R"({"preset":"resilience4j"})")
                                  << QStringLiteral("resilience4j");
    QTest::newRow("hystrix") << QByteArray(R"({"preset":"hystrix"})") << QStringLiteral("hystrix");
    QTest::newRow("polly") << QByteArray(R"({"preset":"polly"})") << QStringLiteral("polly");
    QTest::newRow("every field") << QByteArray(
                                        R"({"consecutiveFailureThreshold":7,"failureRateThreshold":12.5,
        "slowCallRateThreshold":33.3,"slowCallDurationThresholdMs":4500,"slidingWindowType":"TIME_BASED",
        "slidingWindowSize":42,"minimumNumberOfCalls":9,"waitDurationInOpenStateMs":1500,
        "openBackoffMultiplier":1.5,"maxWaitDurationInOpenStateMs":90000,"honourRetryAfter":false,
        "permittedNumberOfCallsInHalfOpenState":4,"halfOpenSuccessThreshold":3,
        "maxWaitDurationInHalfOpenStateMs":8000,"recordedErrors":["timeout","auth","network"]})")
                                 << QStringLiteral("custom");
    QTest::newRow("same value keeps the preset")
        << QByteArray(R"({"waitDurationInOpenStateMs":20000})") << QStringLiteral("seed");
}

void TestCircuitBreaker::jsonRoundTrip()
{
    QFETCH(QByteArray, merge);
    QFETCH(QString, preset);

    QString error;
    const BreakerConfig original = configFrom(merge, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(original.preset, preset);

    const QJsonObject json = original.toJson();
    BreakerConfig copy;
    QCOMPARE(copy.mergeJson(json), QString());
    QCOMPARE(copy.toJson(), json);
    QCOMPARE(copy.preset, original.preset);
    QCOMPARE(copy.recordedErrors, original.recordedErrors);
    QCOMPARE(copy.slidingWindowType, original.slidingWindowType);
    QCOMPARE(copy.honourRetryAfter, original.honourRetryAfter);
    QCOMPARE(copy.openBackoffMultiplier, original.openBackoffMultiplier);

    // Also through text, as a settings file or the API would carry it.
    BreakerConfig fromText;
    QCOMPARE(fromText.mergeJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object()), QString());
    QCOMPARE(fromText.toJson(), json);
}

void TestCircuitBreaker::jsonFieldNames()
{
    BreakerConfig c;
    c.recordedErrors = {ErrorClass::Network, ErrorClass::Auth, ErrorClass::RateLimited};
    const QJsonObject json = c.toJson();
    QStringList keys = json.keys();
    keys.sort();
    QStringList expected{QStringLiteral("preset"),
                         QStringLiteral("consecutiveFailureThreshold"),
                         QStringLiteral("failureRateThreshold"),
                         QStringLiteral("slowCallRateThreshold"),
                         QStringLiteral("slowCallDurationThresholdMs"),
                         QStringLiteral("slidingWindowType"),
                         QStringLiteral("slidingWindowSize"),
                         QStringLiteral("minimumNumberOfCalls"),
                         QStringLiteral("waitDurationInOpenStateMs"),
                         QStringLiteral("openBackoffMultiplier"),
                         QStringLiteral("maxWaitDurationInOpenStateMs"),
                         QStringLiteral("honourRetryAfter"),
                         QStringLiteral("permittedNumberOfCallsInHalfOpenState"),
                         QStringLiteral("halfOpenSuccessThreshold"),
                         QStringLiteral("maxWaitDurationInHalfOpenStateMs"),
                         QStringLiteral("recordedErrors")};
    expected.sort();
    QCOMPARE(keys, expected);
    QCOMPARE(json.value(QStringLiteral("slidingWindowType")).toString(), QStringLiteral("COUNT_BASED"));
    // Sorted in enum order, so the output is stable.
    QCOMPARE(json.value(QStringLiteral("recordedErrors")).toArray(),
             (QJsonArray{QStringLiteral("rate_limited"), QStringLiteral("auth"), QStringLiteral("network")}));
    QCOMPARE(json.value(QStringLiteral("waitDurationInOpenStateMs")).toInteger(), 20'000);
}

void TestCircuitBreaker::mergeJsonPresetFirst_data()
{
    QTest::addColumn<QByteArray>("merge");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<qint64>("wait");
    QTest::addColumn<int>("window");

    QTest::newRow("preset alone") << QByteArray(R"({"preset":"hystrix"})") << QStringLiteral("hystrix")
                                  << qint64(5'000) << 10;
    // QJsonObject iterates keys alphabetically; "preset" must still apply before fields sorting ahead of it.
    QTest::newRow("field after preset")
        << QByteArray(R"({"waitDurationInOpenStateMs":1000,"preset":"hystrix"})") << QStringLiteral("custom")
        << qint64(1'000) << 10;
    QTest::newRow("field sorting before preset")
        << QByteArray(R"({"minimumNumberOfCalls":5,"preset":"polly"})") << QStringLiteral("custom")
        << qint64(5'000) << 30;
    QTest::newRow("custom keeps the current fields")
        << QByteArray(R"({"preset":"custom","slidingWindowSize":7})") << QStringLiteral("custom")
        << qint64(20'000) << 7;
}

void TestCircuitBreaker::mergeJsonPresetFirst()
{
    QFETCH(QByteArray, merge);
    QFETCH(QString, preset);
    QFETCH(qint64, wait);
    QFETCH(int, window);

    QString error;
    const BreakerConfig c = configFrom(merge, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(c.preset, preset);
    QCOMPARE(c.waitDurationInOpenStateMs, wait);
    QCOMPARE(c.slidingWindowSize, window);
    if (merge.contains("minimumNumberOfCalls")) QCOMPARE(c.minimumNumberOfCalls, 5);
}

void TestCircuitBreaker::mergeJsonErrors_data()
{
    QTest::addColumn<QByteArray>("merge");
    QTest::addColumn<QString>("error");

    const auto row = [](const char *name, const char *json, const char *error) {
        QTest::newRow(name) << QByteArray(json) << QString::fromLatin1(error);
    };
    // Ranges, through validate().
    row("consecutive negative", R"({"consecutiveFailureThreshold":-1})",
        "consecutiveFailureThreshold must be between 0 and 1000000");
    row("consecutive huge", R"({"consecutiveFailureThreshold":1e12})",
        "consecutiveFailureThreshold must be between 0 and 1000000");
    row("failure rate above 100", R"({"failureRateThreshold":100.5})",
        "failureRateThreshold must be between 0 and 100");
    row("slow rate negative", R"({"slowCallRateThreshold":-3})",
        "slowCallRateThreshold must be between 0 and 100");
    row("slow duration zero", R"({"slowCallDurationThresholdMs":0})",
        "slowCallDurationThresholdMs must be between 1 and 86400000");
    row("window zero", R"({"slidingWindowSize":0})", "slidingWindowSize must be between 1 and 1000000");
    row("time window too long", R"({"slidingWindowType":"TIME_BASED","slidingWindowSize":100000})",
        "slidingWindowSize must be between 1 and 86400");
    row("minimum zero", R"({"minimumNumberOfCalls":0})",
        "minimumNumberOfCalls must be between 1 and 1000000");
    row("wait zero", R"({"waitDurationInOpenStateMs":0})",
        "waitDurationInOpenStateMs must be between 1 and 86400000");
    row("backoff below 1", R"({"openBackoffMultiplier":0.5})",
        "openBackoffMultiplier must be between 1 and 100");
    row("max wait below wait", R"({"maxWaitDurationInOpenStateMs":1000})",
        "maxWaitDurationInOpenStateMs must be between 20000 and 86400000");
    row("no probes", R"({"permittedNumberOfCallsInHalfOpenState":0})",
        "permittedNumberOfCallsInHalfOpenState must be between 1 and 1000000");
    row("success threshold zero", R"({"halfOpenSuccessThreshold":0})",
        "halfOpenSuccessThreshold must be between 1 and 1000000");
    row("half-open wait negative", R"({"maxWaitDurationInHalfOpenStateMs":-1})",
        "maxWaitDurationInHalfOpenStateMs must be between 0 and 86400000");
    row("recorded none", R"({"recordedErrors":["timeout","none"]})",
        "recordedErrors must not contain none (it never reaches the breaker as a failure)");
    // Types and unknown values.
    row("integer as string", R"({"consecutiveFailureThreshold":"3"})",
        "consecutiveFailureThreshold must be an integer");
    row("integer with a fraction", R"({"slidingWindowSize":10.5})", "slidingWindowSize must be an integer");
    row("rate as bool", R"({"failureRateThreshold":true})", "failureRateThreshold must be a number");
    row("bool as number", R"({"honourRetryAfter":1})", "honourRetryAfter must be true or false");
    row("window type unknown", R"({"slidingWindowType":"SESSION_BASED"})",
        "slidingWindowType: unknown value 'SESSION_BASED' (expected COUNT_BASED or TIME_BASED)");
    row("window type not a string", R"({"slidingWindowType":1})",
        "slidingWindowType must be \"COUNT_BASED\" or \"TIME_BASED\"");
    row("errors not an array", R"({"recordedErrors":"timeout"})",
        "recordedErrors must be an array of error classes");
    row("error class unknown", R"({"recordedErrors":["timeout","teapot"]})",
        "recordedErrors: unknown error class 'teapot'");
    row("error class not a string", R"({"recordedErrors":[3]})",
        "recordedErrors: unknown error class '(not a string)'");
    row("preset unknown", R"({"preset":"sentinel"})",
        "preset: unknown preset 'sentinel' (expected one of seed, resilience4j, hystrix, polly, custom)");
    row("preset not a string", R"({"preset":3})", "preset must be a string");
    row("unknown field", R"({"failureRateTreshold":50})", "unknown field 'failureRateTreshold'");
    row("a bad field after a good preset", R"({"preset":"hystrix","slidingWindowSize":-1})",
        "slidingWindowSize must be between 1 and 86400");
}

void TestCircuitBreaker::mergeJsonErrors()
{
    QFETCH(QByteArray, merge);
    QFETCH(QString, error);

    BreakerConfig c;
    c.consecutiveFailureThreshold = 4; // not the preset's value, to see that nothing is reset
    const QJsonObject before = c.toJson();
    const QJsonObject o = QJsonDocument::fromJson(merge).object();
    QVERIFY(!o.isEmpty());
    QCOMPARE(c.mergeJson(o), error);
    QCOMPARE(c.toJson(), before);
}

void TestCircuitBreaker::validateStruct_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("error");

    QTest::newRow("NaN rate") << QStringLiteral("nan")
                              << QStringLiteral("failureRateThreshold must be between 0 and 100");
    QTest::newRow("unknown preset label")
        << QStringLiteral("preset")
        << QStringLiteral("preset must be one of seed, resilience4j, hystrix, polly, custom");
    QTest::newRow("recorded rejected")
        << QStringLiteral("rejected")
        << QStringLiteral("recordedErrors must not contain rejected (it never reaches "
                          "the breaker as a failure)");
    QTest::newRow("valid") << QString() << QString();
}

void TestCircuitBreaker::validateStruct()
{
    QFETCH(QString, field);
    QFETCH(QString, error);

    BreakerConfig c;
    if (field == QLatin1String("nan")) c.failureRateThreshold = std::nan("");
    if (field == QLatin1String("preset")) c.preset = QStringLiteral("sentinel");
    if (field == QLatin1String("rejected")) c.recordedErrors.insert(ErrorClass::Rejected);
    QCOMPARE(c.validate(), error);
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
