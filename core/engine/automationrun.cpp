#include "automationrun.h"

#include "requestengine.h"

#include <QJsonArray>

namespace airm {

QStringList AutomationConfig::seedPrompts()
{
    return {QStringLiteral("What is artificial intelligence?"),
            QStringLiteral("Explain machine learning in simple terms"),
            QStringLiteral("What are the benefits of cloud computing?"),
            QStringLiteral("How does natural language processing work?"),
            QStringLiteral("What is the future of technology?"),
            QStringLiteral("Explain quantum computing basics"),
            QStringLiteral("What is cybersecurity?"),
            QStringLiteral("How do neural networks work?"),
            QStringLiteral("What is blockchain technology?"),
            QStringLiteral("Explain the concept of big data")};
}

QString AutomationConfig::validate() const
{
    if (intervalMs < 0 || intervalMs > 86'400'000)
        return QStringLiteral("intervalMs must be between 0 and 86400000");
    if (targetRps < 0 || targetRps > 100'000) return QStringLiteral("targetRps must be between 0 and 100000");
    if (maxInFlight < 1 || maxInFlight > 10'000)
        return QStringLiteral("maxInFlight must be between 1 and 10000");
    if (maxRequests < 0) return QStringLiteral("maxRequests must be 0 (no limit) or more");
    if (durationMs < 0) return QStringLiteral("durationMs must be 0 (no limit) or more");
    if (strategy == Strategy::Single && services.size() != 1)
        return QStringLiteral("strategy \"single\" needs exactly one service");
    for (auto it = weights.begin(); it != weights.end(); ++it)
        if (it.value() < 0) return QStringLiteral("weight of %1 must not be negative").arg(it.key());
    return {};
}

QJsonObject AutomationConfig::toJson() const
{
    static const char *names[] = {"round_robin", "random", "weighted", "single"};
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
            {QStringLiteral("durationMs"), durationMs}};
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
    m_intervalMs = m_config.targetRps > 0 ? qint64(1000.0 / m_config.targetRps) : m_config.intervalMs;
    m_status.runId = m_config.runId;
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
    m_nextDueMono = m_startMono;
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
        if (m_intervalMs > 0 && now < m_nextDueMono) {
            m_pumpTimer = clock.schedule(m_nextDueMono - now, [this] { pump(); });
            return;
        }
        RequestSpec spec;
        spec.service = nextService();
        spec.prompt = m_config.prompts.at(int(m_promptIndex++ % m_config.prompts.size()));
        spec.origin = m_config.origin;
        spec.runId = m_config.runId;
        ++m_status.sent;
        ++m_status.inFlight;
        // Far behind schedule (the cap held us back): the next send is one interval after this one, not a burst.
        m_nextDueMono = now - m_nextDueMono >= m_intervalMs ? now + m_intervalMs : m_nextDueMono + m_intervalMs;
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
    const double elapsedS = double(m_engine.clock().nowMs() - m_startMono) / 1000.0;
    m_status.ratePerSecond = elapsedS > 0 ? double(m_status.completed) / elapsedS : 0.0;
    if (m_stopping) {
        endIfDone();
        return;
    }
    if (!m_pumpTimer) pump();
}

AutomationStatus AutomationRun::status() const
{
    return m_status;
}

} // namespace airm
