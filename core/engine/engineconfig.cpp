#include "engineconfig.h"

#include <QJsonArray>

namespace airm {
namespace {

QJsonArray classesToJson(const QSet<ErrorClass> &set)
{
    QStringList names;
    for (ErrorClass c : set)
        names << toString(c);
    names.sort();
    return QJsonArray::fromStringList(names);
}

bool classesFromJson(const QJsonValue &v, QSet<ErrorClass> &out, const QString &field, QString *error)
{
    if (!v.isArray()) {
        *error = field + QStringLiteral(" must be an array of error classes");
        return false;
    }
    QSet<ErrorClass> set;
    for (const QJsonValue &x : v.toArray()) {
        const auto c = errorClassFromString(x.toString());
        if (!c) {
            *error = QStringLiteral("%1: unknown error class \"%2\"").arg(field, x.toString());
            return false;
        }
        set.insert(*c);
    }
    out = set;
    return true;
}

bool number(const QJsonObject &o, const char *key, double lo, double hi, double &out, const QString &prefix,
            QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isDouble() || v.toDouble() < lo || v.toDouble() > hi) {
        *error = QStringLiteral("%1%2 must be a number between %3 and %4")
                     .arg(prefix, QLatin1String(key))
                     .arg(lo)
                     .arg(hi);
        return false;
    }
    out = v.toDouble();
    return true;
}

} // namespace

QJsonObject EngineConfig::toJson() const
{
    return {
        {QStringLiteral("deadlineMs"), defaultDeadlineMs},
        {QStringLiteral("privacyMode"), privacyMode},
        {QStringLiteral("healthCheckIntervalS"), healthCheckIntervalS},
        {QStringLiteral("retry"), QJsonObject{{QStringLiteral("enabled"), retry.enabled},
                                              {QStringLiteral("maxAttempts"), retry.maxAttempts},
                                              {QStringLiteral("baseDelayMs"), retry.baseDelayMs},
                                              {QStringLiteral("maxDelayMs"), retry.maxDelayMs},
                                              {QStringLiteral("honourRetryAfter"), retry.honourRetryAfter},
                                              {QStringLiteral("maxRetryAfterMs"), retry.maxRetryAfterMs},
                                              {QStringLiteral("retryOn"), classesToJson(retry.retryOn)}}},
        {QStringLiteral("fallback"),
         QJsonObject{{QStringLiteral("enabled"), fallback.enabled},
                     {QStringLiteral("order"), QJsonArray::fromStringList(fallback.order)},
                     {QStringLiteral("fallbackOn"), classesToJson(fallback.fallbackOn)}}}};
}

QString EngineConfig::mergeJson(const QJsonObject &o)
{
    EngineConfig c = *this;
    QString e;
    double d = double(c.defaultDeadlineMs);
    if (!number(o, "deadlineMs", 100, 3'600'000, d, {}, &e)) return e;
    c.defaultDeadlineMs = qint64(d);
    d = c.healthCheckIntervalS;
    if (!number(o, "healthCheckIntervalS", 0, 86400, d, {}, &e)) return e;
    c.healthCheckIntervalS = int(d);
    if (o.contains(QLatin1String("privacyMode"))) {
        if (!o.value(QLatin1String("privacyMode")).isBool())
            return QStringLiteral("privacyMode must be true or false");
        c.privacyMode = o.value(QLatin1String("privacyMode")).toBool();
    }
    if (o.contains(QLatin1String("seed"))) {
        if (!o.value(QLatin1String("seed")).isDouble()) return QStringLiteral("seed must be a number");
        c.seed = quint64(o.value(QLatin1String("seed")).toDouble());
    }
    if (o.contains(QLatin1String("retry"))) {
        const QJsonObject r = o.value(QLatin1String("retry")).toObject();
        const QString p = QStringLiteral("retry.");
        if (r.contains(QLatin1String("enabled")))
            c.retry.enabled = r.value(QLatin1String("enabled")).toBool();
        if (r.contains(QLatin1String("honourRetryAfter")))
            c.retry.honourRetryAfter = r.value(QLatin1String("honourRetryAfter")).toBool();
        d = c.retry.maxAttempts;
        if (!number(r, "maxAttempts", 1, 20, d, p, &e)) return e;
        c.retry.maxAttempts = int(d);
        d = double(c.retry.baseDelayMs);
        if (!number(r, "baseDelayMs", 0, 600000, d, p, &e)) return e;
        c.retry.baseDelayMs = qint64(d);
        d = double(c.retry.maxDelayMs);
        if (!number(r, "maxDelayMs", 0, 600000, d, p, &e)) return e;
        c.retry.maxDelayMs = qint64(d);
        d = double(c.retry.maxRetryAfterMs);
        if (!number(r, "maxRetryAfterMs", 0, 3'600'000, d, p, &e)) return e;
        c.retry.maxRetryAfterMs = qint64(d);
        if (r.contains(QLatin1String("retryOn")) &&
            !classesFromJson(r.value(QLatin1String("retryOn")), c.retry.retryOn,
                             QStringLiteral("retry.retryOn"), &e))
            return e;
    }
    if (o.contains(QLatin1String("fallback"))) {
        const QJsonObject f = o.value(QLatin1String("fallback")).toObject();
        if (f.contains(QLatin1String("enabled")))
            c.fallback.enabled = f.value(QLatin1String("enabled")).toBool();
        if (f.contains(QLatin1String("order"))) {
            c.fallback.order.clear();
            for (const QJsonValue &v : f.value(QLatin1String("order")).toArray())
                c.fallback.order << v.toString();
        }
        if (f.contains(QLatin1String("fallbackOn")) &&
            !classesFromJson(f.value(QLatin1String("fallbackOn")), c.fallback.fallbackOn,
                             QStringLiteral("fallback.fallbackOn"), &e))
            return e;
    }
    *this = c;
    return {};
}

} // namespace airm
