#include "automationrun.h"

#include "requestengine.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace airm {

QStringList AutomationConfig::seedPrompts()
{
    return {QStringLiteral("Explain quantum computing briefly"),
            QStringLiteral("What is machine learning?"),
            QStringLiteral("Describe artificial intelligence"),
            QStringLiteral("How does blockchain work?"),
            QStringLiteral("What are neural networks?"),
            QStringLiteral("Explain cloud computing"),
            QStringLiteral("What is data science?"),
            QStringLiteral("Describe IoT technology"),
            QStringLiteral("What is cybersecurity?"),
            QStringLiteral("How does 5G work?")};
}

QString AutomationConfig::validate() const
{
    if (intervalMs < 0 || intervalMs > 86'400'000)
        return QStringLiteral("intervalMs must be between 0 and 86400000");
    if (targetRps < 0 || targetRps > 100'000) return QStringLiteral("targetRps must be between 0 and 100000");
    if (maxInFlight < 1 || maxInFlight > 10'000)
        return QStringLiteral("maxInFlight must be between 1 and 10000");
    if (maxRequests < 0) return QStringLiteral("maxRequests must be 0 (no limit) or more");
    if (attemptTimeoutMs != -1 && (attemptTimeoutMs < 1 || attemptTimeoutMs > 600'000))
        return QStringLiteral("attemptTimeoutMs must be -1 (the service's timeout) or between 1 and 600000");
    if (strategy == Strategy::Weighted) {
        double total = 0;
        for (auto it = weights.begin(); it != weights.end(); ++it)
            total += it.value();
        if (!weights.isEmpty() && total <= 0) return QStringLiteral("weights must not all be 0");
    }
    if (durationMs < 0) return QStringLiteral("durationMs must be 0 (no limit) or more");
    if (strategy == Strategy::Single && services.size() != 1)
        return QStringLiteral("strategy \"single\" needs exactly one service");
    for (auto it = weights.begin(); it != weights.end(); ++it)
        if (it.value() < 0) return QStringLiteral("weight of %1 must not be negative").arg(it.key());
    return {};
}

QJsonObject AutomationConfig::toJson() const
{
    static const char *const names[] = {"round_robin", "random", "weighted", "single"};
    QJsonObject w;
    for (auto it = weights.begin(); it != weights.end(); ++it)
        w.insert(it.key(), it.value());
    return {{QStringLiteral("runId"), runId},
            {QStringLiteral("strategy"), QLatin1String(names[int(strategy)])},
            {QStringLiteral("services"), QJsonArray::fromStringList(services)},
            {QStringLiteral("weights"), w},
            {QStringLiteral("intervalMs"), intervalMs},
            {QStringLiteral("targetRps"), targetRps},
            {QStringLiteral("maxInFlight"), maxInFlight},
            {QStringLiteral("prompts"), int(prompts.size())},
            {QStringLiteral("maxRequests"), maxRequests},
            {QStringLiteral("durationMs"), durationMs},
            {QStringLiteral("attemptTimeoutMs"), attemptTimeoutMs},
            {QStringLiteral("origin"), toString(origin)}};
}

namespace {

const char *const kStrategyNames[] = {"round_robin", "random", "weighted", "single"};

// "30", 30 (seconds), "30s", "2m", "500ms", "1h" -> milliseconds; -1 when malformed or negative.
qint64 durationFromJson(const QJsonValue &v)
{
    if (v.isDouble()) return v.toDouble() < 0 ? -1 : qint64(v.toDouble() * 1000.0);
    if (!v.isString()) return -1;
    QString t = v.toString().trimmed();
    double scale = 1000.0;
    struct Unit
    {
        const char *suffix;
        double factor;
    };
    static constexpr Unit kUnits[] = {{"ms", 1.0}, {"s", 1000.0}, {"m", 60'000.0}, {"h", 3'600'000.0}};
    for (const Unit &u : kUnits)
        if (t.endsWith(QLatin1String(u.suffix))) {
            t.chop(int(qstrlen(u.suffix)));
            scale = u.factor;
            break;
        }
    bool ok = false;
    const double n = t.trimmed().toDouble(&ok);
    return ok && n >= 0 ? qint64(n * scale) : -1;
}

} // namespace

AutomationConfig AutomationConfig::fromJson(const QJsonObject &o, QString *error)
{
    AutomationConfig c;
    error->clear();
    auto fail = [&](const QString &message) {
        *error = message;
        return c;
    };
    auto integer = [&](const QString &key, qint64 *out) {
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || v.toDouble() != double(qint64(v.toDouble()))) {
            *error = QStringLiteral("%1 must be an integer").arg(key);
            return false;
        }
        *out = qint64(v.toDouble());
        return true;
    };
    auto stringList = [&](const QString &key, QStringList *out) {
        const QJsonValue v = o.value(key);
        if (!v.isArray()) {
            *error = QStringLiteral("%1 must be a list of strings").arg(key);
            return false;
        }
        for (const QJsonValue &e : v.toArray()) {
            if (!e.isString()) {
                *error = QStringLiteral("%1 must be a list of strings").arg(key);
                return false;
            }
            out->append(e.toString());
        }
        return true;
    };
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        qint64 n = 0;
        if (key == QLatin1String("runId")) {
            if (!v.isString()) return fail(QStringLiteral("runId must be a string"));
            c.runId = v.toString();
        } else if (key == QLatin1String("strategy") || key == QLatin1String("target")) {
            const QString name = v.toString();
            bool found = false;
            for (int i = 0; i < 4; ++i)
                if (name == QLatin1String(kStrategyNames[i])) {
                    c.strategy = Strategy(i);
                    found = true;
                }
            if (!found)
                return fail(
                    QStringLiteral("%1 must be one of round_robin, random, weighted, single").arg(key));
        } else if (key == QLatin1String("services")) {
            if (v.isString())
                c.services = QStringList{v.toString()};
            else if (!stringList(key, &c.services))
                return c;
        } else if (key == QLatin1String("service")) {
            if (!v.isString()) return fail(QStringLiteral("service must be a service name"));
            c.services = QStringList{v.toString()};
            if (!o.contains(QLatin1String("strategy"))) c.strategy = Strategy::Single;
        } else if (key == QLatin1String("weights")) {
            if (!v.isObject()) return fail(QStringLiteral("weights must be an object of service: weight"));
            const QJsonObject w = v.toObject();
            for (auto wi = w.begin(); wi != w.end(); ++wi) {
                if (!wi.value().isDouble())
                    return fail(QStringLiteral("weights.%1 must be a number").arg(wi.key()));
                c.weights.insert(wi.key(), wi.value().toDouble());
            }
        } else if (key == QLatin1String("intervalMs")) {
            if (!integer(key, &c.intervalMs)) return c;
        } else if (key == QLatin1String("interval")) {
            c.intervalMs = durationFromJson(v);
            if (c.intervalMs < 0)
                return fail(QStringLiteral("interval must be a number of seconds or like 5s, 1m, 500ms"));
        } else if (key == QLatin1String("targetRps")) {
            if (!v.isDouble()) return fail(QStringLiteral("targetRps must be a number"));
            c.targetRps = v.toDouble();
        } else if (key == QLatin1String("maxInFlight") || key == QLatin1String("concurrency")) {
            if (!integer(key, &n)) return c;
            c.maxInFlight = int(std::clamp<qint64>(n, -1, 1'000'000));
        } else if (key == QLatin1String("prompts")) {
            if (!stringList(key, &c.prompts)) return c;
            for (const QString &p : std::as_const(c.prompts))
                if (p.trimmed().isEmpty())
                    return fail(QStringLiteral("prompts must not contain empty prompts"));
        } else if (key == QLatin1String("maxRequests") || key == QLatin1String("requests")) {
            if (!integer(key, &c.maxRequests)) return c;
        } else if (key == QLatin1String("durationMs")) {
            if (!integer(key, &c.durationMs)) return c;
        } else if (key == QLatin1String("duration")) {
            c.durationMs = durationFromJson(v);
            if (c.durationMs < 0)
                return fail(QStringLiteral("duration must be a number of seconds or like 30s, 2m, 500ms"));
        } else if (key == QLatin1String("attemptTimeoutMs")) {
            if (!integer(key, &n)) return c;
            c.attemptTimeoutMs = int(std::clamp<qint64>(n, -2, 1'000'000'000));
        } else {
            return fail(QStringLiteral("unknown automation field \"%1\"").arg(key));
        }
    }
    *error = c.validate();
    return c;
}

QJsonObject AutomationStatus::toJson() const
{
    return {{QStringLiteral("runId"), runId},
            {QStringLiteral("running"), running},
            {QStringLiteral("sent"), sent},
            {QStringLiteral("inFlight"), inFlight},
            {QStringLiteral("completed"), completed},
            {QStringLiteral("succeeded"), succeeded},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("startedAtMs"), startedAtMs},
            {QStringLiteral("endedAtMs"), endedAtMs},
            {QStringLiteral("ratePerSecond"), ratePerSecond},
            {QStringLiteral("rejected"), rejected},
            {QStringLiteral("targetRatePerSecond"), targetRatePerSecond},
            {QStringLiteral("stopReason"), stopReason}};
}

AutomationRun::AutomationRun(RequestEngine &engine, AutomationConfig config, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_config(std::move(config))
{
    static quint64 s_nextRun = 1;
    if (m_config.runId.isEmpty()) m_config.runId = QStringLiteral("run-%1").arg(s_nextRun++);
    if (m_config.prompts.isEmpty()) m_config.prompts = AutomationConfig::seedPrompts();
    m_targets = m_config.services.isEmpty() ? m_engine.serviceNames() : m_config.services;
    m_intervalMs = m_config.targetRps > 0 ? 1000.0 / m_config.targetRps : double(m_config.intervalMs);
    m_status.runId = m_config.runId;
    m_status.targetRatePerSecond = m_intervalMs > 0 ? 1000.0 / m_intervalMs : 0.0;
    connect(&m_engine, &RequestEngine::requestFinished, this, &AutomationRun::onFinished);
}

AutomationRun::~AutomationRun()
{
    m_engine.clock().cancel(m_pumpTimer);
    m_engine.clock().cancel(m_durationTimer);
}

void AutomationRun::start()
{
    if (m_status.running) return;
    m_status.running = true;
    m_status.startedAtMs = m_engine.clock().wallMs();
    m_startMono = m_engine.clock().nowMs();
    m_nextDueMono = double(m_startMono);
    if (m_targets.isEmpty()) { // nothing to send to: end on the next turn, never inside start()
        m_stopping = true;
        m_status.stopReason = QStringLiteral("no services to send to");
        m_pumpTimer = m_engine.clock().schedule(0, [this] {
            m_pumpTimer = 0;
            endIfDone();
        });
        return;
    }
    if (m_config.durationMs > 0)
        m_durationTimer = m_engine.clock().schedule(m_config.durationMs, [this] {
            m_durationTimer = 0;
            stop(QStringLiteral("duration reached"));
        });
    pump();
}

void AutomationRun::stop(const QString &reason)
{
    if (!m_status.running || m_stopping) return;
    m_stopping = true;
    m_status.stopReason = reason;
    m_engine.clock().cancel(m_pumpTimer);
    m_pumpTimer = 0;
    endIfDone();
}

void AutomationRun::endIfDone()
{
    if (m_status.inFlight > 0 || !m_status.running) return;
    m_status.running = false;
    m_status.endedAtMs = m_engine.clock().wallMs();
    m_engine.clock().cancel(m_durationTimer);
    m_durationTimer = 0;
    emit finished(m_config.runId);
}

QString AutomationRun::nextService()
{
    if (m_targets.isEmpty()) return {};
    switch (m_config.strategy) {
    case AutomationConfig::Strategy::Single:
    case AutomationConfig::Strategy::RoundRobin:
        return m_targets.at(int(m_rrIndex++ % m_targets.size()));
    case AutomationConfig::Strategy::Random:
        return m_targets.at(int(m_engine.random().uniformInt(0, m_targets.size() - 1)));
    case AutomationConfig::Strategy::Weighted: {
        double total = 0;
        for (const QString &t : std::as_const(m_targets))
            total += m_config.weights.value(t, 1.0);
        double roll = m_engine.random().uniform() * total;
        for (const QString &t : std::as_const(m_targets)) {
            roll -= m_config.weights.value(t, 1.0);
            if (roll < 0) return t;
        }
        return m_targets.constLast();
    }
    }
    return {};
}

void AutomationRun::pump()
{
    m_pumpTimer = 0;
    if (!m_status.running || m_stopping) return;
    Clock &clock = m_engine.clock();
    while (m_status.inFlight < m_config.maxInFlight) {
        if (m_config.maxRequests > 0 && m_status.sent >= m_config.maxRequests) {
            m_stopping = true;
            m_status.stopReason = QStringLiteral("request count reached");
            endIfDone();
            return;
        }
        const qint64 now = clock.nowMs();
        if (m_intervalMs > 0 && double(now) < m_nextDueMono) {
            const qint64 delay = qint64(std::ceil(m_nextDueMono - double(now)));
            m_pumpTimer = clock.schedule(std::max<qint64>(1, delay), [this] { pump(); });
            return;
        }
        RequestSpec spec;
        spec.service = nextService();
        spec.prompt = m_config.prompts.at(int(m_promptIndex++ % m_config.prompts.size()));
        spec.origin = m_config.origin;
        spec.runId = m_config.runId;
        spec.attemptTimeoutMs = m_config.attemptTimeoutMs;
        ++m_status.sent;
        ++m_status.inFlight;
        // The schedule is kept on a fractional time line so a target rate holds on average, also above the
        // clock's 1 ms resolution. Far behind it (the in-flight cap held us back for a whole interval, and
        // more than a clock tick), the next send is one interval after this one instead of a burst that
        // catches up.
        const double lag = double(now) - m_nextDueMono;
        m_nextDueMono =
            lag >= std::max(m_intervalMs, 1.0) ? double(now) + m_intervalMs : m_nextDueMono + m_intervalMs;
        m_engine.submit(spec);
    }
    // At the in-flight cap: onFinished() pumps again.
}

void AutomationRun::onFinished(const RequestRecord &record)
{
    if (record.runId != m_config.runId || record.origin != m_config.origin) return;
    --m_status.inFlight;
    ++m_status.completed;
    if (record.succeeded())
        ++m_status.succeeded;
    else
        ++m_status.failed;
    if (record.outcome == Outcome::Rejected) ++m_status.rejected;
    if (m_stopping) {
        endIfDone();
        return;
    }
    if (!m_pumpTimer) pump();
}

AutomationStatus AutomationRun::status() const
{
    AutomationStatus s = m_status;
    if (s.startedAtMs > 0) {
        const qint64 end = s.running ? m_engine.clock().wallMs() : s.endedAtMs;
        const double elapsedS = double(end - s.startedAtMs) / 1000.0;
        s.ratePerSecond = elapsedS > 0 ? double(s.completed) / elapsedS : 0.0;
    }
    return s;
}

} // namespace airm
