#include "labels.h"

#include <QDateTime>
#include <QLocale>

namespace airm::ui {

QString Labels::outcome(Outcome v)
{
    switch (v) {
    case Outcome::Success:
        return tr("Success");
    case Outcome::Failure:
        return tr("Failure");
    case Outcome::Rejected:
        return tr("Rejected");
    case Outcome::Timeout:
        return tr("Timeout");
    }
    return {};
}

QString Labels::errorClass(ErrorClass v)
{
    switch (v) {
    case ErrorClass::None:
        return tr("None");
    case ErrorClass::RateLimited:
        return tr("Rate limited");
    case ErrorClass::Overloaded:
        return tr("Overloaded");
    case ErrorClass::Auth:
        return tr("Authentication");
    case ErrorClass::BadRequest:
        return tr("Bad request");
    case ErrorClass::ContextLength:
        return tr("Context too long");
    case ErrorClass::ServerError:
        return tr("Server error");
    case ErrorClass::Timeout:
        return tr("Timeout");
    case ErrorClass::Network:
        return tr("Network");
    case ErrorClass::CorruptResponse:
        return tr("Corrupt response");
    case ErrorClass::Rejected:
        return tr("Rejected by breaker");
    case ErrorClass::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString Labels::health(HealthState v)
{
    switch (v) {
    case HealthState::Unknown:
        return tr("Not checked");
    case HealthState::Healthy:
        return tr("Healthy");
    case HealthState::Degraded:
        return tr("Degraded");
    case HealthState::Down:
        return tr("Down");
    case HealthState::AuthError:
        return tr("Key rejected");
    case HealthState::NotConfigured:
        return tr("No API key");
    case HealthState::Simulated:
        return tr("Simulated");
    }
    return {};
}

QString Labels::healthDetail(HealthState v)
{
    switch (v) {
    case HealthState::Unknown:
        return tr("No health check has run yet. Use \"Check health\" on the Services page.");
    case HealthState::Healthy:
        return tr("The last health check got a good answer.");
    case HealthState::Degraded:
        return tr("The provider answered but is rate limiting or overloaded.");
    case HealthState::Down:
        return tr("The last health check failed.");
    case HealthState::AuthError:
        return tr("The provider refused the API key.");
    case HealthState::NotConfigured:
        return tr("No API key is configured.");
    case HealthState::Simulated:
        return tr("No API key: this service runs on the built-in simulation, not the real provider.");
    }
    return {};
}

QString Labels::chaosType(ChaosType v)
{
    switch (v) {
    case ChaosType::Latency:
        return tr("Latency");
    case ChaosType::Failure:
        return tr("Failure");
    case ChaosType::Timeout:
        return tr("Timeout");
    case ChaosType::Intermittent:
        return tr("Intermittent");
    case ChaosType::Unavailable:
        return tr("Unavailable");
    case ChaosType::Corruption:
        return tr("Corruption");
    case ChaosType::RateLimit:
        return tr("Rate limit");
    }
    return {};
}

QString Labels::chaosHelp(ChaosType v)
{
    switch (v) {
    case ChaosType::Latency:
        return tr(
            "Adds a delay to every touched call: the latency, plus a random jitter up to the given amount. "
            "Calls slower than the breaker's slow-call threshold count as slow.");
    case ChaosType::Failure:
        return tr(
            "Answers touched calls with an HTTP error instead of asking the provider. 5xx statuses count "
            "as server errors, 429 as rate limiting.");
    case ChaosType::Timeout:
        return tr("Touched calls never answer: the attempt timeout of the service fires.");
    case ChaosType::Intermittent:
        return tr("Alternates between failing and healthy periods, starting with a failing one: flapping "
                  "dependencies.");
    case ChaosType::Unavailable:
        return tr("The service cannot be reached at all (connection refused), as in an outage.");
    case ChaosType::Corruption:
        return tr(
            "The provider's answer is damaged on the way back: truncated, invalid JSON, a wrong schema or "
            "an empty body.");
    case ChaosType::RateLimit:
        return tr("Answers touched calls with 429 Too Many Requests and a Retry-After header.");
    }
    return {};
}

QString Labels::chaosParameters(const QJsonObject &spec)
{
    const auto type = chaosTypeFromString(spec.value(QStringLiteral("type")).toString());
    if (!type) return {};
    const QLocale locale;
    const auto number = [&spec](const char *key) { return spec.value(QLatin1String(key)).toDouble(); };
    const QString probability = percent(number("probabilityPct"), 0);
    QString text;
    switch (*type) {
    case ChaosType::Latency:
        text = number("jitterMs") > 0 ? tr("%1 ms ± %2 ms")
                                            .arg(locale.toString(number("latencyMs"), 'f', 0),
                                                 locale.toString(number("jitterMs"), 'f', 0))
                                      : tr("%1 ms").arg(locale.toString(number("latencyMs"), 'f', 0));
        break;
    case ChaosType::Failure:
        text = tr("HTTP %1 at %2").arg(int(number("errorStatus"))).arg(probability);
        break;
    case ChaosType::Intermittent:
        text = tr("%1 s failing / %2 s healthy, HTTP %3")
                   .arg(int(number("failSeconds")))
                   .arg(int(number("healthySeconds")))
                   .arg(int(number("errorStatus")));
        break;
    case ChaosType::Corruption: {
        const auto mode = corruptionModeFromString(spec.value(QStringLiteral("corruptionMode")).toString());
        text = tr("%1 at %2").arg(mode ? corruptionMode(*mode) : tr("corrupt"), probability);
        break;
    }
    case ChaosType::RateLimit:
        text = tr("429 at %1, Retry-After %2 s").arg(probability).arg(int(number("retryAfterS")));
        break;
    case ChaosType::Timeout:
        text = tr("no answer");
        break;
    case ChaosType::Unavailable:
        text = tr("connection refused");
        break;
    }
    const double injection = spec.value(QStringLiteral("injectionRatePct")).toDouble(100.0);
    if (injection < 100.0) text = tr("%1, on %2 of requests").arg(text, percent(injection, 0));
    return text;
}

QString Labels::chaosTargets(const QStringList &targets)
{
    if (targets.isEmpty() || targets.contains(QStringLiteral("all"))) return tr("all services");
    return targets.join(QStringLiteral(", "));
}

QString Labels::corruptionMode(CorruptionMode v)
{
    switch (v) {
    case CorruptionMode::Truncated:
        return tr("Truncated body");
    case CorruptionMode::InvalidJson:
        return tr("Invalid JSON");
    case CorruptionMode::WrongSchema:
        return tr("Wrong schema");
    case CorruptionMode::Empty:
        return tr("Empty body");
    }
    return {};
}

QString Labels::origin(Origin v)
{
    switch (v) {
    case Origin::Manual:
        return tr("Manual");
    case Origin::Automation:
        return tr("Automation");
    case Origin::Api:
        return tr("API");
    case Origin::Scenario:
        return tr("Scenario");
    case Origin::HealthCheck:
        return tr("Health check");
    }
    return {};
}

QString Labels::providerKind(ProviderKind v)
{
    switch (v) {
    case ProviderKind::Gemini:
        return tr("Google Gemini");
    case ProviderKind::Cohere:
        return tr("Cohere");
    case ProviderKind::HuggingFace:
        return tr("Hugging Face");
    case ProviderKind::OpenAi:
        return tr("OpenAI-compatible");
    case ProviderKind::Anthropic:
        return tr("Anthropic");
    }
    return {};
}

QString Labels::analyticsWord(const QString &key)
{
    static const QList<std::pair<QLatin1String, const char *>> words{
        {QLatin1String("healthy"), QT_TR_NOOP("Healthy")},
        {QLatin1String("degraded"), QT_TR_NOOP("Degraded")},
        {QLatin1String("unhealthy"), QT_TR_NOOP("Unhealthy")},
        {QLatin1String("no_data"), QT_TR_NOOP("No data")},
        {QLatin1String("improving"), QT_TR_NOOP("Improving")},
        {QLatin1String("declining"), QT_TR_NOOP("Declining")},
        {QLatin1String("stable"), QT_TR_NOOP("Stable")},
        {QLatin1String("rising"), QT_TR_NOOP("Rising")},
        {QLatin1String("falling"), QT_TR_NOOP("Falling")},
        {QLatin1String("slower"), QT_TR_NOOP("Slower")},
        {QLatin1String("faster"), QT_TR_NOOP("Faster")},
        {QLatin1String("insufficient_data"), QT_TR_NOOP("Not enough data")},
        {QLatin1String("no_failures"), QT_TR_NOOP("No failures")},
        {QLatin1String("recovered"), QT_TR_NOOP("Recovered")},
        {QLatin1String("failing"), QT_TR_NOOP("Failing")},
        {QLatin1String("excellent"), QT_TR_NOOP("Excellent")},
        {QLatin1String("good"), QT_TR_NOOP("Good")},
        {QLatin1String("poor"), QT_TR_NOOP("Poor")},
    };
    for (const auto &[k, text] : words)
        if (key == k) return tr(text);
    return key;
}

QString Labels::count(qint64 n)
{
    return QLocale().toString(n);
}

QString Labels::latency(double ms)
{
    if (ms < 0) return QStringLiteral("–");
    if (ms < 10) return tr("%1 ms").arg(QLocale().toString(ms, 'f', 1));
    if (ms < 1000) return tr("%1 ms").arg(QLocale().toString(ms, 'f', 0));
    return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', ms < 10'000 ? 2 : 1));
}

QString Labels::percent(double pct, int decimals)
{
    if (pct < 0) return QStringLiteral("–");
    return tr("%1 %").arg(QLocale().toString(pct, 'f', decimals));
}

QString Labels::duration(qint64 ms)
{
    if (ms < 0) ms = 0;
    const qint64 s = ms / 1000;
    if (s < 60) return tr("%1 s").arg(s);
    if (s < 3600)
        return s % 60 == 0 ? tr("%1 min").arg(s / 60)
                           : tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return (s % 3600) / 60 == 0
                   ? tr("%1 h").arg(s / 3600)
                   : tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return (s % 86400) / 3600 == 0 ? tr("%1 d").arg(s / 86400)
                                   : tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString Labels::clock(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0) return QStringLiteral("–");
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("HH:mm:ss"));
}

QString Labels::dateTime(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0) return QStringLiteral("–");
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString Labels::shortDateTime(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0) return QStringLiteral("–");
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    return t.date() == QDate::currentDate() ? t.toString(QStringLiteral("HH:mm:ss"))
                                            : t.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString Labels::successVerdict(double pct)
{
    if (pct < 0) return tr("No requests yet");
    if (pct >= 95.0) return tr("Excellent performance");
    if (pct >= 85.0) return tr("Good performance");
    return tr("Degraded performance");
}

QString Labels::latencyVerdict(double ms)
{
    if (ms <= 0) return tr("No latency measured yet");
    if (ms < 200) return tr("Excellent response time");
    if (ms < 500) return tr("Good response time");
    return tr("Slow response time");
}

} // namespace airm::ui
