#include "breakerconfig.h"

#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>

namespace airm {
namespace {

// Upper bounds for validate(); generous, they only exist to catch nonsense and overflow.
constexpr int kMaxCount = 1'000'000;
constexpr int kMaxTimeWindowSeconds = 86'400;
constexpr qint64 kMaxDurationMs = 86'400'000; // one day
constexpr double kMaxBackoffMultiplier = 100.0;

const QString kPresetSeed = QStringLiteral("seed");
const QString kPresetResilience4j = QStringLiteral("resilience4j");
const QString kPresetHystrix = QStringLiteral("hystrix");
const QString kPresetPolly = QStringLiteral("polly");
// Label for a configuration that no longer matches the preset it started from.
const QString kPresetCustom = QStringLiteral("custom");

const QString kCountBased = QStringLiteral("COUNT_BASED");
const QString kTimeBased = QStringLiteral("TIME_BASED");

QString rangeError(const QString &field, qint64 lo, qint64 hi)
{
    return field % QStringLiteral(" must be between ") % QString::number(lo) % QStringLiteral(" and ") %
           QString::number(hi);
}

QString rangeErrorF(const QString &field, double lo, double hi)
{
    return field % QStringLiteral(" must be between ") % QString::number(lo) % QStringLiteral(" and ") %
           QString::number(hi);
}

bool inRange(double v, double lo, double hi)
{
    return v >= lo && v <= hi;
} // false for NaN

QString typeError(const QString &field, const char *expected)
{
    return field % QStringLiteral(" must be ") % QLatin1String(expected);
}

// JSON numbers are doubles; integers outside the target range are clamped so validate() reports the range.
template<typename Int> QString readInteger(const QJsonObject &o, const QString &field, Int *out)
{
    const QJsonValue v = o.value(field);
    if (!v.isDouble() || !std::isfinite(v.toDouble()) || std::floor(v.toDouble()) != v.toDouble())
        return typeError(field, "an integer");
    const double d = v.toDouble();
    constexpr double lo = static_cast<double>(std::numeric_limits<Int>::min());
    constexpr double hi = static_cast<double>(std::numeric_limits<Int>::max());
    if (d <= lo)
        *out = std::numeric_limits<Int>::min();
    else if (d >= hi)
        *out = std::numeric_limits<Int>::max();
    else
        *out = static_cast<Int>(d);
    return {};
}

QString readDouble(const QJsonObject &o, const QString &field, double *out)
{
    const QJsonValue v = o.value(field);
    if (!v.isDouble()) return typeError(field, "a number");
    *out = v.toDouble();
    return {};
}

QString readBool(const QJsonObject &o, const QString &field, bool *out)
{
    const QJsonValue v = o.value(field);
    if (!v.isBool()) return typeError(field, "true or false");
    *out = v.toBool();
    return {};
}

QList<ErrorClass> sortedErrors(const QSet<ErrorClass> &set)
{
    QList<ErrorClass> list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace

QSet<ErrorClass> BreakerConfig::defaultRecordedErrors()
{
    return {ErrorClass::Timeout,    ErrorClass::Network,     ErrorClass::ServerError,
            ErrorClass::Overloaded, ErrorClass::RateLimited, ErrorClass::CorruptResponse};
}

QStringList BreakerConfig::presetNames()
{
    return {kPresetSeed, kPresetResilience4j, kPresetHystrix, kPresetPolly};
}

bool BreakerConfig::fromPreset(const QString &name, BreakerConfig *out)
{
    BreakerConfig c; // the defaults are the seed's behaviour
    const QString key = name.toLower();
    if (key == kPresetSeed) {
        // 3 consecutive failures, 20 s open, 2 probe successes close.
    } else if (key == kPresetResilience4j) {
        // resilience4j defaults. Approximation: resilience4j closes when the failure rate of the 10 permitted
        // probes is below the threshold; here all 10 must succeed and any probe failure re-opens.
        c.consecutiveFailureThreshold = 0;
        c.failureRateThreshold = 50.0;
        c.slowCallRateThreshold = 100.0;
        c.slowCallDurationThresholdMs = 60'000;
        c.slidingWindowType = SlidingWindowType::CountBased;
        c.slidingWindowSize = 100;
        c.minimumNumberOfCalls = 100;
        c.waitDurationInOpenStateMs = 60'000;
        c.permittedNumberOfCallsInHalfOpenState = 10;
        c.halfOpenSuccessThreshold = 10;
    } else if (key == kPresetHystrix) {
        // Hystrix: 10 s rolling window, request volume 20, error percentage 50, sleep window 5 s, one trial
        // call.
        c.consecutiveFailureThreshold = 0;
        c.failureRateThreshold = 50.0;
        c.slidingWindowType = SlidingWindowType::TimeBased;
        c.slidingWindowSize = 10;
        c.minimumNumberOfCalls = 20;
        c.waitDurationInOpenStateMs = 5'000;
        c.permittedNumberOfCallsInHalfOpenState = 1;
        c.halfOpenSuccessThreshold = 1;
    } else if (key == kPresetPolly) {
        // Polly v8: failure ratio 0.1 over a 30 s sampling duration, minimum throughput 100, break 5 s.
        c.consecutiveFailureThreshold = 0;
        c.failureRateThreshold = 10.0;
        c.slidingWindowType = SlidingWindowType::TimeBased;
        c.slidingWindowSize = 30;
        c.minimumNumberOfCalls = 100;
        c.waitDurationInOpenStateMs = 5'000;
        c.permittedNumberOfCallsInHalfOpenState = 1;
        c.halfOpenSuccessThreshold = 1;
    } else {
        return false;
    }
    c.preset = key;
    if (out) *out = c;
    return true;
}

QString BreakerConfig::validate() const
{
    if (preset != kPresetCustom && !presetNames().contains(preset))
        return QStringLiteral("preset must be one of ") % presetNames().join(QStringLiteral(", ")) %
               QStringLiteral(", ") % kPresetCustom;
    if (consecutiveFailureThreshold < 0 || consecutiveFailureThreshold > kMaxCount)
        return rangeError(QStringLiteral("consecutiveFailureThreshold"), 0, kMaxCount);
    if (!inRange(failureRateThreshold, 0.0, 100.0))
        return rangeErrorF(QStringLiteral("failureRateThreshold"), 0.0, 100.0);
    if (!inRange(slowCallRateThreshold, 0.0, 100.0))
        return rangeErrorF(QStringLiteral("slowCallRateThreshold"), 0.0, 100.0);
    if (slowCallDurationThresholdMs < 1 || slowCallDurationThresholdMs > kMaxDurationMs)
        return rangeError(QStringLiteral("slowCallDurationThresholdMs"), 1, kMaxDurationMs);
    const int maxWindow =
        slidingWindowType == SlidingWindowType::TimeBased ? kMaxTimeWindowSeconds : kMaxCount;
    if (slidingWindowSize < 1 || slidingWindowSize > maxWindow)
        return rangeError(QStringLiteral("slidingWindowSize"), 1, maxWindow);
    if (minimumNumberOfCalls < 1 || minimumNumberOfCalls > kMaxCount)
        return rangeError(QStringLiteral("minimumNumberOfCalls"), 1, kMaxCount);
    if (waitDurationInOpenStateMs < 1 || waitDurationInOpenStateMs > kMaxDurationMs)
        return rangeError(QStringLiteral("waitDurationInOpenStateMs"), 1, kMaxDurationMs);
    if (!inRange(openBackoffMultiplier, 1.0, kMaxBackoffMultiplier))
        return rangeErrorF(QStringLiteral("openBackoffMultiplier"), 1.0, kMaxBackoffMultiplier);
    if (maxWaitDurationInOpenStateMs < waitDurationInOpenStateMs ||
        maxWaitDurationInOpenStateMs > kMaxDurationMs)
        return rangeError(QStringLiteral("maxWaitDurationInOpenStateMs"), waitDurationInOpenStateMs,
                          kMaxDurationMs);
    if (permittedNumberOfCallsInHalfOpenState < 1 || permittedNumberOfCallsInHalfOpenState > kMaxCount)
        return rangeError(QStringLiteral("permittedNumberOfCallsInHalfOpenState"), 1, kMaxCount);
    if (halfOpenSuccessThreshold < 1 || halfOpenSuccessThreshold > kMaxCount)
        return rangeError(QStringLiteral("halfOpenSuccessThreshold"), 1, kMaxCount);
    if (maxWaitDurationInHalfOpenStateMs < 0 || maxWaitDurationInHalfOpenStateMs > kMaxDurationMs)
        return rangeError(QStringLiteral("maxWaitDurationInHalfOpenStateMs"), 0, kMaxDurationMs);
    for (const ErrorClass e : {ErrorClass::None, ErrorClass::Rejected})
        if (recordedErrors.contains(e))
            return QStringLiteral("recordedErrors must not contain ") % toString(e) %
                   QStringLiteral(" (it never reaches the breaker as a failure)");
    return {};
}

QJsonObject BreakerConfig::toJson() const
{
    QJsonArray errors;
    for (const ErrorClass e : sortedErrors(recordedErrors))
        errors.append(toString(e));
    return {
        {QStringLiteral("preset"), preset},
        {QStringLiteral("consecutiveFailureThreshold"), consecutiveFailureThreshold},
        {QStringLiteral("failureRateThreshold"), failureRateThreshold},
        {QStringLiteral("slowCallRateThreshold"), slowCallRateThreshold},
        {QStringLiteral("slowCallDurationThresholdMs"), slowCallDurationThresholdMs},
        {QStringLiteral("slidingWindowType"),
         slidingWindowType == SlidingWindowType::TimeBased ? kTimeBased : kCountBased},
        {QStringLiteral("slidingWindowSize"), slidingWindowSize},
        {QStringLiteral("minimumNumberOfCalls"), minimumNumberOfCalls},
        {QStringLiteral("waitDurationInOpenStateMs"), waitDurationInOpenStateMs},
        {QStringLiteral("openBackoffMultiplier"), openBackoffMultiplier},
        {QStringLiteral("maxWaitDurationInOpenStateMs"), maxWaitDurationInOpenStateMs},
        {QStringLiteral("honourRetryAfter"), honourRetryAfter},
        {QStringLiteral("permittedNumberOfCallsInHalfOpenState"), permittedNumberOfCallsInHalfOpenState},
        {QStringLiteral("halfOpenSuccessThreshold"), halfOpenSuccessThreshold},
        {QStringLiteral("maxWaitDurationInHalfOpenStateMs"), maxWaitDurationInHalfOpenStateMs},
        {QStringLiteral("recordedErrors"), errors},
    };
}

QString BreakerConfig::mergeJson(const QJsonObject &o)
{
    BreakerConfig c = *this;
    const QString presetKey = QStringLiteral("preset");
    if (o.contains(presetKey)) {
        const QJsonValue v = o.value(presetKey);
        if (!v.isString()) return typeError(presetKey, "a string");
        const QString name = v.toString();
        if (name.compare(kPresetCustom, Qt::CaseInsensitive) == 0) {
            c.preset = kPresetCustom; // keep the current fields as the base
        } else if (!fromPreset(name, &c)) {
            return QStringLiteral("preset: unknown preset '") % name % QStringLiteral("' (expected one of ") %
                   presetNames().join(QStringLiteral(", ")) % QStringLiteral(", ") % kPresetCustom %
                   QStringLiteral(")");
        }
    }

    bool changedField = false;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString &key = it.key();
        QString error;
        if (key == presetKey) {
            continue;
        } else if (key == QLatin1String("consecutiveFailureThreshold")) {
            error = readInteger(o, key, &c.consecutiveFailureThreshold);
        } else if (key == QLatin1String("failureRateThreshold")) {
            error = readDouble(o, key, &c.failureRateThreshold);
        } else if (key == QLatin1String("slowCallRateThreshold")) {
            error = readDouble(o, key, &c.slowCallRateThreshold);
        } else if (key == QLatin1String("slowCallDurationThresholdMs")) {
            error = readInteger(o, key, &c.slowCallDurationThresholdMs);
        } else if (key == QLatin1String("slidingWindowType")) {
            const QString s = it.value().toString();
            if (!it.value().isString())
                error = typeError(key, "\"COUNT_BASED\" or \"TIME_BASED\"");
            else if (s.compare(kCountBased, Qt::CaseInsensitive) == 0)
                c.slidingWindowType = SlidingWindowType::CountBased;
            else if (s.compare(kTimeBased, Qt::CaseInsensitive) == 0)
                c.slidingWindowType = SlidingWindowType::TimeBased;
            else
                error = key % QStringLiteral(": unknown value '") % s %
                        QStringLiteral("' (expected COUNT_BASED or TIME_BASED)");
        } else if (key == QLatin1String("slidingWindowSize")) {
            error = readInteger(o, key, &c.slidingWindowSize);
        } else if (key == QLatin1String("minimumNumberOfCalls")) {
            error = readInteger(o, key, &c.minimumNumberOfCalls);
        } else if (key == QLatin1String("waitDurationInOpenStateMs")) {
            error = readInteger(o, key, &c.waitDurationInOpenStateMs);
        } else if (key == QLatin1String("openBackoffMultiplier")) {
            error = readDouble(o, key, &c.openBackoffMultiplier);
        } else if (key == QLatin1String("maxWaitDurationInOpenStateMs")) {
            error = readInteger(o, key, &c.maxWaitDurationInOpenStateMs);
        } else if (key == QLatin1String("honourRetryAfter")) {
            error = readBool(o, key, &c.honourRetryAfter);
        } else if (key == QLatin1String("permittedNumberOfCallsInHalfOpenState")) {
            error = readInteger(o, key, &c.permittedNumberOfCallsInHalfOpenState);
        } else if (key == QLatin1String("halfOpenSuccessThreshold")) {
            error = readInteger(o, key, &c.halfOpenSuccessThreshold);
        } else if (key == QLatin1String("maxWaitDurationInHalfOpenStateMs")) {
            error = readInteger(o, key, &c.maxWaitDurationInHalfOpenStateMs);
        } else if (key == QLatin1String("recordedErrors")) {
            if (!it.value().isArray()) {
                error = typeError(key, "an array of error classes");
            } else {
                QSet<ErrorClass> errors;
                for (const QJsonValue &e : it.value().toArray()) {
                    const auto parsed = e.isString() ? errorClassFromString(e.toString()) : std::nullopt;
                    if (!parsed) {
                        error = key % QStringLiteral(": unknown error class '") %
                                (e.isString() ? e.toString() : QStringLiteral("(not a string)")) %
                                QStringLiteral("'");
                        break;
                    }
                    errors.insert(*parsed);
                }
                c.recordedErrors = errors;
            }
        } else {
            error = QStringLiteral("unknown field '") % key % QStringLiteral("'");
        }
        if (!error.isEmpty()) return error;
        changedField = true;
    }

    // A field that moves the configuration away from its named preset makes it a custom one, so the label
    // shown next to the breaker never claims a library's behaviour that is not the one in effect.
    if (changedField && c.preset != kPresetCustom) {
        BreakerConfig base;
        fromPreset(c.preset, &base);
        base.preset = c.preset;
        if (base.toJson() != c.toJson()) c.preset = kPresetCustom;
    }

    const QString error = c.validate();
    if (!error.isEmpty()) return error;
    *this = c;
    return {};
}

} // namespace airm
