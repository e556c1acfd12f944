#include "apijson.h"

#include "healthcoordinator.h"
#include "jsonfields.h"
#include "providers/providerjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <cmath>

using namespace Qt::StringLiterals;

namespace airm {

namespace {

constexpr qint64 kMsPerDay = 86'400'000;

double round1(double v)
{
    return std::round(v * 10.0) / 10.0;
}

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

QJsonValue msOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(ms) : QJsonValue();
}

// Failed requests in the seed's sense: everything that did not succeed.
qint64 failedOf(const ServiceMetrics &m)
{
    return m.failures + m.timeouts + m.rejected;
}

double successRateOf(const ServiceMetrics &m)
{
    return m.requests > 0 ? round1(double(m.successes) * 100.0 / double(m.requests)) : 100.0;
}

void put2(char *p, int v)
{
    p[0] = char('0' + v / 10);
    p[1] = char('0' + v % 10);
}

} // namespace

QByteArray ApiJson::isoUtc(qint64 ms)
{
    // Days to civil date: Howard Hinnant's algorithm (proleptic Gregorian, valid far beyond any timestamp
    // here).
    qint64 days = ms / kMsPerDay;
    qint64 rest = ms % kMsPerDay;
    if (rest < 0) {
        rest += kMsPerDay;
        --days;
    }
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    qint64 year = yoe + era * 400;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    if (month <= 2) ++year;
    const int secondsOfDay = int(rest / 1000);
    char buf[24];
    if (year < 0 || year > 9999) return QByteArray::number(ms);
    put2(buf, int(year / 100));
    put2(buf + 2, int(year % 100));
    buf[4] = '-';
    put2(buf + 5, month);
    buf[7] = '-';
    put2(buf + 8, day);
    buf[10] = 'T';
    put2(buf + 11, secondsOfDay / 3600);
    buf[13] = ':';
    put2(buf + 14, secondsOfDay / 60 % 60);
    buf[16] = ':';
    put2(buf + 17, secondsOfDay % 60);
    buf[19] = '.';
    const int millis = int(rest % 1000);
    buf[20] = char('0' + millis / 100);
    buf[21] = char('0' + millis / 10 % 10);
    buf[22] = char('0' + millis % 10);
    buf[23] = 'Z';
    return QByteArray(buf, sizeof(buf));
}

bool ApiJson::readTime(const QString &text, qint64 *ms)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (ok) {
        *ms = n;
        return n >= 0;
    }
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) return false;
    *ms = t.toMSecsSinceEpoch();
    return true;
}

QString ApiJson::isoUtcString(qint64 ms)
{
    return QString::fromLatin1(isoUtc(ms));
}

QJsonObject ApiJson::error(const QString &message, int status, const QJsonObject &extra)
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("success"), false);
    o.insert(QStringLiteral("error"), message);
    o.insert(QStringLiteral("status"), status);
    return o;
}

QJsonObject ApiJson::seedMetrics(const MetricsSnapshot &s, const HealthCoordinator &health)
{
    const ServiceMetrics &all = s.overall;
    QJsonObject services;
    for (const ServiceMetrics &m : s.services) {
        const HealthReport *report = health.report(m.name);
        services.insert(m.name,
                        QJsonObject{
                            {QStringLiteral("requests"), m.requests},
                            {QStringLiteral("failures"), failedOf(m)},
                            {QStringLiteral("successRate"), successRateOf(m)},
                            {QStringLiteral("avgLatency"), qRound64(m.latencyAll.meanMs)},
                            {QStringLiteral("status"), toString(report ? report->state : m.health)},
                            {QStringLiteral("lastCheck"), report && report->checkedAtMs
                                                              ? QJsonValue(isoUtcString(report->checkedAtMs))
                                                              : QJsonValue()},
                            // Ours:
                            {QStringLiteral("successes"), m.successes},
                            {QStringLiteral("rejected"), m.rejected},
                            {QStringLiteral("timeouts"), m.timeouts},
                            {QStringLiteral("simulated"), m.simulated},
                            {QStringLiteral("breakerState"), toString(m.breaker.state)},
                            {QStringLiteral("p50Latency"), m.latencyAll.p50Ms},
                            {QStringLiteral("p95Latency"), m.latencyAll.p95Ms},
                            {QStringLiteral("p99Latency"), m.latencyAll.p99Ms},
                            {QStringLiteral("requestsPerSecond"), m.requestsPerSecond},
                            {QStringLiteral("activeChaos"), QJsonArray::fromStringList(m.activeChaosIds)},
                        });
    }
    return QJsonObject{
        {QStringLiteral("totalRequests"), all.requests},
        {QStringLiteral("successfulRequests"), all.successes},
        {QStringLiteral("failedRequests"), failedOf(all)},
        {QStringLiteral("successRate"), successRateOf(all)},
        {QStringLiteral("avgLatency"), qRound64(all.latencyAll.meanMs)},
        {QStringLiteral("uptime"), s.takenAtMs - s.startedAtMs},
        {QStringLiteral("aiServices"), services},
        // Ours:
        {QStringLiteral("rejectedRequests"), all.rejected},
        {QStringLiteral("timeoutRequests"), all.timeouts},
        {QStringLiteral("requestsPerSecond"), all.requestsPerSecond},
        {QStringLiteral("p95Latency"), all.latencyAll.p95Ms},
        {QStringLiteral("breakersOpen"), s.breakersOpen},
        {QStringLiteral("activeChaos"), qint64(s.activeChaos.size())},
        {QStringLiteral("timestamp"), isoUtcString(s.takenAtMs)},
        {QStringLiteral("sequence"), qint64(s.sequence)},
    };
}

QJsonObject ApiJson::seedBreaker(const QString &name, const BreakerSnapshot &b, const BreakerConfig &config,
                                 const QList<BreakerTransition> &transitions, qint64 lastFailureMs,
                                 qint64 sinceWallMs, qint64 nowWallMs)
{
    QJsonObject counts{{QStringLiteral("CLOSED->OPEN"), 0},
                       {QStringLiteral("OPEN->HALF_OPEN"), 0},
                       {QStringLiteral("HALF_OPEN->CLOSED"), 0},
                       {QStringLiteral("HALF_OPEN->OPEN"), 0}};
    QMap<BreakerState, qint64> timeIn;
    BreakerState state = transitions.isEmpty() ? b.state : transitions.first().from;
    qint64 since = sinceWallMs;
    for (const BreakerTransition &t : transitions) {
        const QString key = toString(t.from) + QStringLiteral("->") + toString(t.to);
        counts.insert(key, counts.value(key).toInteger() + 1);
        timeIn[state] += std::max<qint64>(0, t.atMs - since);
        state = t.to;
        since = t.atMs;
    }
    timeIn[state] += std::max<qint64>(0, nowWallMs - since);
    QJsonObject timeInStates{{QStringLiteral("CLOSED"), timeIn.value(BreakerState::Closed)},
                             {QStringLiteral("OPEN"), timeIn.value(BreakerState::Open)},
                             {QStringLiteral("HALF_OPEN"), timeIn.value(BreakerState::HalfOpen)}};
    for (BreakerState other : {BreakerState::Disabled, BreakerState::ForcedOpen, BreakerState::MetricsOnly})
        if (timeIn.value(other) > 0) timeInStates.insert(toString(other), timeIn.value(other));

    QJsonArray history;
    for (qsizetype i = std::max<qsizetype>(0, transitions.size() - 5); i < transitions.size(); ++i) {
        const BreakerTransition &t = transitions.at(i);
        history.append(QJsonObject{{QStringLiteral("from"), toString(t.from)},
                                   {QStringLiteral("to"), toString(t.to)},
                                   {QStringLiteral("timestamp"), t.atMs},
                                   {QStringLiteral("reason"), t.reason}});
    }
    // As the seed: every call, rejected ones included, is in the denominator; but numbers, not strings.
    const qint64 total = b.totalCalls + b.notPermittedCalls;
    const double successRate = total > 0 ? round2(double(b.successfulCalls) * 100.0 / double(total)) : 0.0;
    const double rejectionRate =
        total > 0 ? round2(double(b.notPermittedCalls) * 100.0 / double(total)) : 0.0;
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("state"), toString(b.state)},
        {QStringLiteral("failureCount"), b.consecutiveFailures},
        {QStringLiteral("consecutiveSuccesses"), b.halfOpenSuccesses},
        {QStringLiteral("failureThreshold"), b.consecutiveFailureThreshold},
        {QStringLiteral("successThreshold"), b.halfOpenSuccessThreshold},
        {QStringLiteral("timeInCurrentState"), b.timeInStateMs},
        {QStringLiteral("lastFailureTime"), msOrNull(lastFailureMs)},
        {QStringLiteral("metrics"),
         QJsonObject{{QStringLiteral("totalCalls"), total},
                     {QStringLiteral("successfulCalls"), b.successfulCalls},
                     {QStringLiteral("failedCalls"), b.failedCalls},
                     {QStringLiteral("rejectedCalls"), b.notPermittedCalls},
                     {QStringLiteral("ignoredCalls"), b.ignoredCalls},
                     {QStringLiteral("slowCalls"), b.slowCalls},
                     {QStringLiteral("stateTransitions"), counts},
                     {QStringLiteral("timeInStates"), timeInStates},
                     {QStringLiteral("lastTransitionTime"),
                      transitions.isEmpty() ? QJsonValue() : QJsonValue(transitions.constLast().atMs)},
                     {QStringLiteral("successRate"), successRate},
                     {QStringLiteral("rejectionRate"), rejectionRate}}},
        {QStringLiteral("stateHistory"), history},
        // Ours:
        {QStringLiteral("failureRate"), b.failureRatePct},
        {QStringLiteral("slowCallRate"), b.slowCallRatePct},
        {QStringLiteral("openCount"), b.openCount},
        {QStringLiteral("remainingOpenMs"), b.remainingOpenMs},
        {QStringLiteral("halfOpenInFlight"), b.halfOpenInFlight},
        {QStringLiteral("config"), config.toJson()},
    };
}

QJsonValue ApiJson::intensity(ChaosType type, const QJsonObject &spec)
{
    switch (type) {
    case ChaosType::Latency:
        return spec.value(QLatin1String("latencyMs"));
    case ChaosType::Failure:
    case ChaosType::Corruption:
    case ChaosType::RateLimit:
        return spec.value(QLatin1String("probabilityPct"));
    case ChaosType::Intermittent:
        return spec.value(QLatin1String("failSeconds"));
    case ChaosType::Timeout:
    case ChaosType::Unavailable:
        break;
    }
    return QJsonValue();
}

QJsonObject ApiJson::seedExperiment(const ActiveChaos &c, qint64 nowWallMs)
{
    QJsonObject o = c.spec;
    o.insert(QStringLiteral("id"), c.id);
    o.insert(QStringLiteral("service"),
             c.targets.size() == 1 ? c.targets.first() : c.targets.join(QLatin1Char(',')));
    o.insert(QStringLiteral("targets"), QJsonArray::fromStringList(c.targets));
    o.insert(QStringLiteral("type"), toString(c.type));
    o.insert(QStringLiteral("intensity"), intensity(c.type, c.spec));
    o.insert(QStringLiteral("duration"), double(c.endsAtMs - c.startedAtMs) / 1000.0);
    o.insert(QStringLiteral("startTime"), isoUtcString(c.startedAtMs));
    o.insert(QStringLiteral("endTime"), isoUtcString(c.endsAtMs));
    o.insert(QStringLiteral("remainingSeconds"), std::max<qint64>(0, (c.endsAtMs - nowWallMs + 999) / 1000));
    o.insert(QStringLiteral("touched"), c.touched);
    return o;
}

QByteArray ApiJson::aiAnswer(const RequestRecord &r)
{
    // Written directly rather than through a QJsonObject: this is every POST /ai answer, and building and
    // serialising the object cost more API-thread time than reading the request and sending the answer.
    JsonWriter w;
    w.beginObject()
        .field("success"_L1, r.succeeded())
        .field("service"_L1, r.service)
        .field("latency"_L1, r.latencyMs)
        .field("timestamp"_L1, QLatin1String(isoUtc(r.finishedAtMs ? r.finishedAtMs : r.startedAtMs)))
        .field("isRealAPI"_L1, !r.simulated && r.attempts > 0)
        // Ours:
        .field("requestId"_L1, QString::number(r.id))
        .field("outcome"_L1, toString(r.outcome))
        .field("errorClass"_L1, toString(r.errorClass))
        .field("attempts"_L1, r.attempts)
        .field("servedBy"_L1, r.servedBy)
        .field("model"_L1, r.model)
        .field("fallbackUsed"_L1, r.fallbackUsed)
        .field("breakerState"_L1, toString(r.breakerState))
        .key("chaosIds"_L1)
        .beginArray();
    for (const QString &id : r.chaosIds)
        w.value(id);
    w.endArray()
        .field("simulated"_L1, r.simulated)
        .key("tokens"_L1)
        .beginObject()
        .field("input"_L1, r.inputTokens)
        .field("output"_L1, r.outputTokens)
        .endObject()
        .field("costUsd"_L1, r.costUsd)
        .field("httpStatus"_L1, r.httpStatus);
    if (r.succeeded())
        w.field("response"_L1, r.responseText);
    else
        w.field("error"_L1, r.errorMessage.isEmpty() ? toString(r.errorClass) : r.errorMessage);
    if (r.retryAfterMs >= 0) w.field("retryAfterMs"_L1, r.retryAfterMs);
    w.endObject();
    return w.take();
}

int ApiJson::statusFor(const RequestRecord &r)
{
    if (r.succeeded()) return 200;
    switch (r.errorClass) {
    case ErrorClass::None:
        return 200;
    case ErrorClass::BadRequest:
        return r.attempts == 0 ? 400 : 502; // refused before any call: the client's request was wrong
    case ErrorClass::ContextLength:
        return 400;
    case ErrorClass::RateLimited:
        return 429;
    case ErrorClass::Rejected:
    case ErrorClass::Overloaded:
    case ErrorClass::Cancelled:
        return 503;
    case ErrorClass::Timeout:
        return 504;
    case ErrorClass::Auth:
    case ErrorClass::ServerError:
    case ErrorClass::Network:
    case ErrorClass::CorruptResponse:
        return 502;
    }
    return 502;
}

QJsonObject ApiJson::service(const ServiceConfig &config, const ServiceMetrics *metrics)
{
    QJsonObject o = config.toJson();
    o.insert(QStringLiteral("simulated"), config.simulated());
    if (metrics) {
        o.insert(QStringLiteral("health"), toString(metrics->health));
        o.insert(QStringLiteral("breakerState"), toString(metrics->breaker.state));
        o.insert(QStringLiteral("requests"), metrics->requests);
        o.insert(QStringLiteral("successRate"), metrics->successRatePct());
    }
    return o;
}

std::optional<AutomationConfig> ApiJson::automationConfig(const QJsonObject &body, QString *error)
{
    // The run id is the API's addition; everything else is AutomationConfig's own reading.
    QJsonObject fields = body;
    QString runId;
    if (fields.contains(QLatin1String("runId"))) {
        const QJsonValue v = fields.take(QLatin1String("runId"));
        if (!v.isString() || v.toString().size() > 64 || v.toString().isEmpty()) {
            *error = QStringLiteral("runId must be a string of 1 to 64 characters");
            return std::nullopt;
        }
        runId = v.toString();
    }
    AutomationConfig c = AutomationConfig::fromJson(fields, error);
    if (!error->isEmpty()) return std::nullopt;
    for (const QString &p : std::as_const(c.prompts))
        if (p.trimmed().isEmpty()) {
            *error = QStringLiteral("prompts must not be empty");
            return std::nullopt;
        }
    c.runId = runId;
    c.origin = Origin::Automation;
    return c;
}

std::optional<RequestRecord> ApiJson::loggedRequest(const QJsonObject &body, qint64 nowWallMs, QString *error)
{
    JsonFields f(body);
    RequestRecord r;
    r.service = f.string(QStringLiteral("service"), {}, true, 64);
    if (f.ok() && !isValidServiceName(r.service))
        f.fail(QStringLiteral("service"), QStringLiteral("service must match [a-z0-9][a-z0-9_-]{0,63}"));
    const bool success = f.boolean(QStringLiteral("success"), false, true);
    r.latencyMs = f.number(QStringLiteral("latency"), 0, 0, 86'400'000, true);
    r.responseLength = int(f.integer(QStringLiteral("responseSize"), 0, 0, 1 << 30));
    const std::optional<QString> errorType = f.optionalString(QStringLiteral("errorType"), 200);
    r.errorMessage = f.optionalString(QStringLiteral("errorMessage"), 4000).value_or(QString());
    r.prompt = f.optionalString(QStringLiteral("prompt"), 100'000).value_or(QString());
    if (const std::optional<QString> state = f.optionalString(QStringLiteral("circuitBreakerState"), 32)) {
        const auto parsed = breakerStateFromString(*state);
        if (!parsed)
            f.fail(QStringLiteral("circuitBreakerState"),
                   QStringLiteral("circuitBreakerState must be CLOSED, OPEN or HALF_OPEN"));
        else
            r.breakerState = *parsed;
    }
    const bool chaosActive = f.boolean(QStringLiteral("chaosActive"), false);
    const bool automated = f.boolean(QStringLiteral("automated"), false);
    if (!f.ok()) {
        *error = f.error();
        return std::nullopt;
    }
    r.servedBy = r.service;
    r.origin = automated ? Origin::Automation : Origin::Api;
    r.attempts = 1;
    r.finishedAtMs = nowWallMs;
    r.startedAtMs = nowWallMs - qint64(r.latencyMs);
    if (chaosActive) r.chaosIds = {QStringLiteral("external")}; // chaos applied by the caller, not by us
    if (success) {
        r.outcome = Outcome::Success;
        r.errorClass = ErrorClass::None;
    } else {
        // The seed's free-text error types map onto our classes where they match; anything else is a server
        // error.
        const auto parsed = errorType ? errorClassFromString(*errorType) : std::nullopt;
        r.errorClass = parsed && *parsed != ErrorClass::None ? *parsed : ErrorClass::ServerError;
        if (errorType && !parsed && r.errorMessage.isEmpty()) r.errorMessage = *errorType;
        r.outcome = r.errorClass == ErrorClass::Timeout    ? Outcome::Timeout
                    : r.errorClass == ErrorClass::Rejected ? Outcome::Rejected
                                                           : Outcome::Failure;
    }
    return r;
}

double ApiJson::acceptQuality(const QByteArray &accept, const QByteArray &mediaType)
{
    if (accept.trimmed().isEmpty()) return 1.0;
    const qsizetype slash = mediaType.indexOf('/');
    const QByteArray typeWildcard = mediaType.left(slash) + "/*";
    double exact = -1, partial = -1, any = -1;
    for (const QByteArray &entry : accept.split(',')) {
        const QList<QByteArray> parts = entry.split(';');
        const QByteArray range = parts.value(0).trimmed().toLower();
        double q = 1.0;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray p = parts.at(i).trimmed();
            if (p.startsWith("q=")) {
                bool ok = false;
                q = p.mid(2).toDouble(&ok);
                if (!ok) q = 0;
            }
        }
        if (range == mediaType)
            exact = std::max(exact, q);
        else if (range == typeWildcard)
            partial = std::max(partial, q);
        else if (range == "*/*")
            any = std::max(any, q);
    }
    if (exact >= 0) return exact;
    if (partial >= 0) return partial;
    return std::max(any, 0.0);
}

bool ApiJson::prefersPrometheusText(const QByteArray &accept)
{
    if (accept.isEmpty()) return false;
    const double text =
        std::max(acceptQuality(accept, "text/plain"), acceptQuality(accept, "application/openmetrics-text"));
    return text > acceptQuality(accept, "application/json");
}

bool ApiJson::prefersHtml(const QByteArray &accept)
{
    if (accept.isEmpty()) return false;
    return acceptQuality(accept, "text/html") > acceptQuality(accept, "application/json");
}

} // namespace airm
