#include "historytypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <cstring>

namespace airm {
namespace {

QJsonValue isoOrNull(qint64 ms)
{
    if (ms <= 0) return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue pctOrNull(double pct)
{
    return pct < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(pct);
}

// A list given as a JSON array of strings, a single string, or "a,b".
bool stringList(const QJsonValue &v, QStringList *out)
{
    out->clear();
    if (v.isString()) {
        for (const QString &s : v.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            *out << s.trimmed();
        return true;
    }
    if (!v.isArray()) return false;
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString()) return false;
        *out << e.toString();
    }
    return true;
}

template<typename E>
bool enumList(const QJsonObject &o, const char *key, std::optional<E> (*parse)(const QString &),
              QList<E> *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    QStringList names;
    if (!stringList(v, &names)) {
        *error = QStringLiteral("%1 must be a string or an array of strings").arg(QLatin1String(key));
        return false;
    }
    for (const QString &n : std::as_const(names)) {
        const auto e = parse(n);
        if (!e) {
            *error = QStringLiteral("unknown %1 \"%2\"").arg(QLatin1String(key), n);
            return false;
        }
        *out << *e;
    }
    return true;
}

template<typename E> QJsonArray enumArray(const QList<E> &list)
{
    QJsonArray a;
    for (E e : list)
        a.append(airm::toString(e));
    return a;
}

bool optionalBool(const QJsonObject &o, const char *key, std::optional<bool> *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (v.isBool()) {
        *out = v.toBool();
        return true;
    }
    if (v.isString() && (v.toString() == QLatin1String("true") || v.toString() == QLatin1String("false"))) {
        *out = v.toString() == QLatin1String("true");
        return true;
    }
    *error = QStringLiteral("%1 must be true or false").arg(QLatin1String(key));
    return false;
}

bool timeValue(const QJsonObject &o, const char *key, qint64 *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (v.isDouble() && v.toDouble() >= 0) {
        *out = qint64(v.toDouble());
        return true;
    }
    if (v.isString()) {
        bool ok = false;
        const qint64 ms = v.toString().toLongLong(&ok);
        if (ok && ms >= 0) {
            *out = ms;
            return true;
        }
        const QDateTime dt = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (dt.isValid()) {
            *out = dt.toMSecsSinceEpoch();
            return true;
        }
    }
    *error =
        QStringLiteral("%1 must be milliseconds since the epoch or an ISO 8601 time").arg(QLatin1String(key));
    return false;
}

} // namespace

QJsonObject StoredRequest::toJson(bool includePrompt) const
{
    QJsonObject o = record.toJson(includePrompt, !record.responseText.isEmpty());
    o.insert(QStringLiteral("rowId"), rowId);
    return o;
}

QJsonObject HistoryFilter::toJson() const
{
    QJsonObject o;
    if (!services.isEmpty()) o.insert(QStringLiteral("services"), QJsonArray::fromStringList(services));
    if (!outcomes.isEmpty()) o.insert(QStringLiteral("outcomes"), enumArray(outcomes));
    if (!errorClasses.isEmpty()) o.insert(QStringLiteral("errorClasses"), enumArray(errorClasses));
    if (!origins.isEmpty()) o.insert(QStringLiteral("origins"), enumArray(origins));
    if (fromMs > 0) o.insert(QStringLiteral("fromMs"), fromMs);
    if (toMs > 0) o.insert(QStringLiteral("toMs"), toMs);
    if (chaosAffected) o.insert(QStringLiteral("chaosAffected"), *chaosAffected);
    if (simulated) o.insert(QStringLiteral("simulated"), *simulated);
    if (!text.isEmpty()) o.insert(QStringLiteral("text"), text);
    if (!runId.isEmpty()) o.insert(QStringLiteral("runId"), runId);
    return o;
}

HistoryFilter HistoryFilter::fromJson(const QJsonObject &o, QString *error)
{
    error->clear();
    HistoryFilter f;
    static const QStringList known{
        QStringLiteral("services"), QStringLiteral("service"),       QStringLiteral("outcomes"),
        QStringLiteral("outcome"),  QStringLiteral("errorClasses"),  QStringLiteral("errorClass"),
        QStringLiteral("origins"),  QStringLiteral("origin"),        QStringLiteral("fromMs"),
        QStringLiteral("toMs"),     QStringLiteral("chaosAffected"), QStringLiteral("simulated"),
        QStringLiteral("text"),     QStringLiteral("runId")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key())) {
            *error = QStringLiteral("unknown filter key \"%1\"").arg(it.key());
            return {};
        }
    for (const char *key : {"services", "service"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) continue;
        QStringList list;
        if (!stringList(v, &list)) {
            *error = QStringLiteral("%1 must be a string or an array of strings").arg(QLatin1String(key));
            return {};
        }
        f.services << list;
    }
    if (!enumList<Outcome>(o, "outcomes", &outcomeFromString, &f.outcomes, error) ||
        !enumList<Outcome>(o, "outcome", &outcomeFromString, &f.outcomes, error) ||
        !enumList<ErrorClass>(o, "errorClasses", &errorClassFromString, &f.errorClasses, error) ||
        !enumList<ErrorClass>(o, "errorClass", &errorClassFromString, &f.errorClasses, error) ||
        !enumList<Origin>(o, "origins", &originFromString, &f.origins, error) ||
        !enumList<Origin>(o, "origin", &originFromString, &f.origins, error) ||
        !timeValue(o, "fromMs", &f.fromMs, error) || !timeValue(o, "toMs", &f.toMs, error) ||
        !optionalBool(o, "chaosAffected", &f.chaosAffected, error) ||
        !optionalBool(o, "simulated", &f.simulated, error))
        return {};
    for (const char *key : {"text", "runId"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) continue;
        if (!v.isString()) {
            *error = QStringLiteral("%1 must be a string").arg(QLatin1String(key));
            return {};
        }
        (std::strcmp(key, "text") == 0 ? f.text : f.runId) = v.toString();
    }
    if (f.fromMs > 0 && f.toMs > 0 && f.toMs < f.fromMs) {
        *error = QStringLiteral("toMs must not be before fromMs");
        return {};
    }
    return f;
}

QString HistoryCursor::toString() const
{
    return QStringLiteral("%1:%2").arg(ts).arg(id);
}

std::optional<HistoryCursor> HistoryCursor::fromString(const QString &s)
{
    const qsizetype colon = s.indexOf(QLatin1Char(':'));
    if (colon <= 0) return std::nullopt;
    bool ok1 = false, ok2 = false;
    HistoryCursor c;
    c.ts = s.left(colon).toLongLong(&ok1);
    c.id = s.mid(colon + 1).toLongLong(&ok2);
    if (!ok1 || !ok2) return std::nullopt;
    return c;
}

QJsonObject HistoryPage::toJson(bool includePrompt) const
{
    QJsonArray a;
    for (const StoredRequest &r : rows)
        a.append(r.toJson(includePrompt));
    return {{QStringLiteral("requests"), a},
            {QStringLiteral("count"), qint64(rows.size())},
            {QStringLiteral("nextCursor"), next ? QJsonValue(next->toString()) : QJsonValue::Null}};
}

QJsonObject ServiceStats::toJson() const
{
    return {{QStringLiteral("service"), service},
            {QStringLiteral("from"), isoOrNull(fromMs)},
            {QStringLiteral("to"), isoOrNull(toMs)},
            {QStringLiteral("fromMs"), fromMs},
            {QStringLiteral("toMs"), toMs},
            {QStringLiteral("requests"), requests},
            {QStringLiteral("successes"), successes},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("timeouts"), timeouts},
            {QStringLiteral("rejected"), rejected},
            {QStringLiteral("chaosAffected"), chaosAffected},
            {QStringLiteral("simulated"), simulated},
            {QStringLiteral("successRate"), pctOrNull(successRatePct)},
            {QStringLiteral("availability"), pctOrNull(availabilityPct)},
            {QStringLiteral("latencyCount"), latencyCount},
            {QStringLiteral("minLatencyMs"), minLatencyMs},
            {QStringLiteral("avgLatencyMs"), avgLatencyMs},
            {QStringLiteral("p50LatencyMs"), p50LatencyMs},
            {QStringLiteral("p95LatencyMs"), p95LatencyMs},
            {QStringLiteral("p99LatencyMs"), p99LatencyMs},
            {QStringLiteral("maxLatencyMs"), maxLatencyMs},
            {QStringLiteral("avgSuccessLatencyMs"), avgSuccessLatencyMs},
            {QStringLiteral("tokensIn"), tokensIn},
            {QStringLiteral("tokensOut"), tokensOut},
            {QStringLiteral("costUsd"), costUsd},
            {QStringLiteral("avgResponseLength"), avgResponseLength},
            {QStringLiteral("source"), source},
            {QStringLiteral("exactPercentiles"), exactPercentiles}};
}

const ServiceStats *StatsReport::service(const QString &name) const
{
    for (const ServiceStats &s : services)
        if (s.service == name) return &s;
    return nullptr;
}

QJsonObject StatsReport::toJson() const
{
    QJsonArray list;
    for (const ServiceStats &s : services)
        list.append(s.toJson());
    return {{QStringLiteral("overall"), overall.toJson()}, {QStringLiteral("services"), list}};
}

qint64 trendBucketMinutes(TrendBucket b)
{
    switch (b) {
    case TrendBucket::Minute:
        return 1;
    case TrendBucket::FiveMinutes:
        return 5;
    case TrendBucket::Hour:
        return 60;
    case TrendBucket::Day:
        return 1440;
    }
    return 1;
}

QString trendBucketName(TrendBucket b)
{
    switch (b) {
    case TrendBucket::Minute:
        return QStringLiteral("1m");
    case TrendBucket::FiveMinutes:
        return QStringLiteral("5m");
    case TrendBucket::Hour:
        return QStringLiteral("1h");
    case TrendBucket::Day:
        return QStringLiteral("1d");
    }
    return {};
}

std::optional<TrendBucket> trendBucketFromString(const QString &s)
{
    for (TrendBucket b : {TrendBucket::Minute, TrendBucket::FiveMinutes, TrendBucket::Hour, TrendBucket::Day})
        if (s.compare(trendBucketName(b), Qt::CaseInsensitive) == 0) return b;
    if (s == QLatin1String("minute")) return TrendBucket::Minute;
    if (s == QLatin1String("hour")) return TrendBucket::Hour;
    if (s == QLatin1String("day")) return TrendBucket::Day;
    return std::nullopt;
}

QJsonObject TrendPoint::toJson() const
{
    return {{QStringLiteral("time"), isoOrNull(startMs)},
            {QStringLiteral("startMs"), startMs},
            {QStringLiteral("service"), service},
            {QStringLiteral("requests"), requests},
            {QStringLiteral("successes"), successes},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("timeouts"), timeouts},
            {QStringLiteral("rejected"), rejected},
            {QStringLiteral("chaosAffected"), chaosAffected},
            {QStringLiteral("successRate"), pctOrNull(successRatePct)},
            {QStringLiteral("avgLatencyMs"), avgLatencyMs},
            {QStringLiteral("p95LatencyMs"), p95LatencyMs},
            {QStringLiteral("tokensIn"), tokensIn},
            {QStringLiteral("tokensOut"), tokensOut},
            {QStringLiteral("costUsd"), costUsd}};
}

QJsonObject ErrorPattern::toJson() const
{
    return {{QStringLiteral("errorClass"), airm::toString(errorClass)},
            {QStringLiteral("pattern"), pattern},
            {QStringLiteral("count"), count},
            {QStringLiteral("services"), QJsonArray::fromStringList(services)},
            {QStringLiteral("firstSeen"), isoOrNull(firstSeenMs)},
            {QStringLiteral("lastSeen"), isoOrNull(lastSeenMs)},
            {QStringLiteral("example"), example}};
}

QJsonObject DatabaseStats::toJson() const
{
    QJsonObject rowsJson;
    for (auto it = rows.begin(); it != rows.end(); ++it)
        rowsJson.insert(it.key(), it.value());
    return {{QStringLiteral("backend"), backend},
            {QStringLiteral("location"), location},
            {QStringLiteral("schemaVersion"), schemaVersion},
            {QStringLiteral("rows"), rowsJson},
            {QStringLiteral("sizeBytes"), sizeBytes},
            {QStringLiteral("sizeMb"), double(sizeBytes) / (1024.0 * 1024.0)},
            {QStringLiteral("oldestRequest"), isoOrNull(oldestRequestMs)},
            {QStringLiteral("newestRequest"), isoOrNull(newestRequestMs)}};
}

} // namespace airm
