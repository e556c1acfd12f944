#include "chaosspec.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace airm {
namespace {

QString range(const char *name, double lo, double hi, const char *unit)
{
    return QStringLiteral("%1 must be between %2 and %3%4")
        .arg(QLatin1String(name))
        .arg(lo)
        .arg(hi)
        .arg(QLatin1String(unit));
}

// Parses "30", "30s", "2m", "500ms", "1h" into milliseconds; -1 when malformed.
qint64 parseDurationMs(const QString &text, qint64 defaultUnitMs)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch()) return -1;
    const double v = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    const double scale = unit == QLatin1String("ms")  ? 1
                         : unit == QLatin1String("s") ? 1000
                         : unit == QLatin1String("m") ? 60000
                         : unit == QLatin1String("h") ? 3600000
                                                      : double(defaultUnitMs);
    return qint64(v * scale);
}

// The seed's single "intensity" number meant a different thing per type; map it onto the named parameter.
void applyPrimary(ChaosSpec &s, double value)
{
    switch (s.type) {
    case ChaosType::Latency:
        s.latencyMs = int(value);
        break;
    case ChaosType::Failure:
    case ChaosType::Corruption:
    case ChaosType::RateLimit:
        s.probabilityPct = value;
        break;
    case ChaosType::Intermittent:
        s.failSeconds = int(value);
        break;
    case ChaosType::Timeout:
    case ChaosType::Unavailable:
        break; // no parameter
    }
}

bool setField(ChaosSpec &s, const QString &key, const QJsonValue &v, QString *error)
{
    auto number = [&](double &out) {
        if (v.isDouble()) {
            out = v.toDouble();
            return true;
        }
        if (v.isString()) {
            bool ok = false;
            out = v.toString().toDouble(&ok);
            if (ok) return true;
        }
        *error = QStringLiteral("%1 must be a number").arg(key);
        return false;
    };
    double d = 0;
    if (key == QLatin1String("latencyMs") || key == QLatin1String("ms") || key == QLatin1String("latency")) {
        if (!number(d)) return false;
        s.latencyMs = int(d);
    } else if (key == QLatin1String("jitterMs") || key == QLatin1String("jitter")) {
        if (!number(d)) return false;
        s.jitterMs = int(d);
    } else if (key == QLatin1String("probabilityPct") || key == QLatin1String("probability") ||
               key == QLatin1String("rate") || key == QLatin1String("pct")) {
        if (!number(d)) return false;
        s.probabilityPct = d;
    } else if (key == QLatin1String("injectionRatePct") || key == QLatin1String("injectionRate")) {
        if (!number(d)) return false;
        s.injectionRatePct = d;
    } else if (key == QLatin1String("errorStatus") || key == QLatin1String("status")) {
        if (!number(d)) return false;
        s.errorStatus = int(d);
    } else if (key == QLatin1String("failSeconds") || key == QLatin1String("fail")) {
        if (!number(d)) return false;
        s.failSeconds = int(d);
    } else if (key == QLatin1String("healthySeconds") || key == QLatin1String("healthy")) {
        if (!number(d)) return false;
        s.healthySeconds = int(d);
    } else if (key == QLatin1String("retryAfterS") || key == QLatin1String("retryAfter")) {
        if (!number(d)) return false;
        s.retryAfterS = int(d);
    } else if (key == QLatin1String("corruptionMode") || key == QLatin1String("mode")) {
        const auto mode = corruptionModeFromString(v.toString());
        if (!mode) {
            *error =
                QStringLiteral("%1 must be one of truncated, invalid_json, wrong_schema, empty").arg(key);
            return false;
        }
        s.corruptionMode = *mode;
    } else if (key == QLatin1String("intensity")) {
        if (!number(d)) return false;
        applyPrimary(s, d);
    } else if (key == QLatin1String("durationMs")) {
        if (!number(d)) return false;
        s.durationMs = qint64(d);
    } else if (key == QLatin1String("duration")) { // seconds, as the seed
        if (v.isString()) {
            const qint64 ms = parseDurationMs(v.toString(), 1000);
            if (ms < 0) {
                *error = QStringLiteral("duration must be a number of seconds or like 30s, 2m, 500ms");
                return false;
            }
            s.durationMs = ms;
        } else {
            if (!number(d)) return false;
            s.durationMs = qint64(d * 1000);
        }
    } else {
        *error = QStringLiteral("unknown chaos parameter \"%1\"").arg(key);
        return false;
    }
    return true;
}

} // namespace

bool ChaosSpec::targetsAll() const
{
    return targets.isEmpty() || targets.contains(QLatin1String("all"));
}

bool ChaosSpec::appliesTo(const QString &service) const
{
    return targetsAll() || targets.contains(service);
}

QString ChaosSpec::validate() const
{
    if (injectionRatePct <= 0.0 || injectionRatePct > 100.0)
        return QStringLiteral("injectionRatePct must be greater than 0 and at most 100 %");
    if (durationMs < 1000 || durationMs > ChaosLimits::kMaxDurationMs)
        return range("duration", 1, ChaosLimits::kMaxDurationMs / 1000, " s");
    switch (type) {
    case ChaosType::Latency:
        if (latencyMs < 0 || latencyMs > ChaosLimits::kMaxLatencyMs)
            return range("latencyMs", 0, ChaosLimits::kMaxLatencyMs, " ms");
        if (jitterMs < 0 || jitterMs > ChaosLimits::kMaxJitterMs)
            return range("jitterMs", 0, ChaosLimits::kMaxJitterMs, " ms");
        break;
    case ChaosType::Failure:
        if (probabilityPct < 0.0 || probabilityPct > 100.0) return range("probabilityPct", 0, 100, " %");
        if (errorStatus < 400 || errorStatus > 599) return range("errorStatus", 400, 599, "");
        break;
    case ChaosType::Intermittent:
        if (failSeconds < 1 || failSeconds > ChaosLimits::kMaxBurstS)
            return range("failSeconds", 1, ChaosLimits::kMaxBurstS, " s");
        if (healthySeconds < 1 || healthySeconds > ChaosLimits::kMaxBurstS)
            return range("healthySeconds", 1, ChaosLimits::kMaxBurstS, " s");
        if (errorStatus < 400 || errorStatus > 599) return range("errorStatus", 400, 599, "");
        break;
    case ChaosType::Corruption:
        if (probabilityPct < 0.0 || probabilityPct > 100.0) return range("probabilityPct", 0, 100, " %");
        break;
    case ChaosType::RateLimit:
        if (probabilityPct < 0.0 || probabilityPct > 100.0) return range("probabilityPct", 0, 100, " %");
        if (retryAfterS < 0 || retryAfterS > ChaosLimits::kMaxRetryAfterS)
            return range("retryAfterS", 0, ChaosLimits::kMaxRetryAfterS, " s");
        break;
    case ChaosType::Timeout:
    case ChaosType::Unavailable:
        break;
    }
    return {};
}

QJsonObject ChaosSpec::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), airm::toString(type)},
                  {QStringLiteral("targets"),
                   QJsonArray::fromStringList(targetsAll() ? QStringList{QStringLiteral("all")} : targets)},
                  {QStringLiteral("injectionRatePct"), injectionRatePct},
                  {QStringLiteral("durationMs"), durationMs}};
    if (!id.isEmpty()) o.insert(QStringLiteral("id"), id);
    switch (type) {
    case ChaosType::Latency:
        o.insert(QStringLiteral("latencyMs"), latencyMs);
        o.insert(QStringLiteral("jitterMs"), jitterMs);
        break;
    case ChaosType::Failure:
        o.insert(QStringLiteral("probabilityPct"), probabilityPct);
        o.insert(QStringLiteral("errorStatus"), errorStatus);
        break;
    case ChaosType::Intermittent:
        o.insert(QStringLiteral("failSeconds"), failSeconds);
        o.insert(QStringLiteral("healthySeconds"), healthySeconds);
        o.insert(QStringLiteral("errorStatus"), errorStatus);
        break;
    case ChaosType::Corruption:
        o.insert(QStringLiteral("probabilityPct"), probabilityPct);
        o.insert(QStringLiteral("corruptionMode"), airm::toString(corruptionMode));
        break;
    case ChaosType::RateLimit:
        o.insert(QStringLiteral("probabilityPct"), probabilityPct);
        o.insert(QStringLiteral("retryAfterS"), retryAfterS);
        break;
    case ChaosType::Timeout:
    case ChaosType::Unavailable:
        break;
    }
    return o;
}

ChaosSpec ChaosSpec::fromJson(const QJsonObject &o, QString *error)
{
    ChaosSpec s;
    error->clear();
    const QJsonValue typeValue = o.value(QLatin1String("type"));
    const auto type = chaosTypeFromString(typeValue.toString());
    if (!type) {
        *error = QStringLiteral("type must be one of latency, failure, timeout, intermittent, unavailable, "
                                "corruption, rate_limit");
        return s;
    }
    s.type = *type;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("type")) continue;
        if (key == QLatin1String("id")) {
            s.id = it.value().toString();
        } else if (key == QLatin1String("service") || key == QLatin1String("targets")) {
            const QJsonValue v = it.value();
            if (v.isString())
                s.targets = QStringList{v.toString()};
            else if (v.isArray())
                for (const QJsonValue &t : v.toArray()) {
                    if (!t.isString()) {
                        *error = QStringLiteral("targets must be service names");
                        return s;
                    }
                    s.targets << t.toString();
                }
            else {
                *error = QStringLiteral("%1 must be a service name or a list of them").arg(key);
                return s;
            }
        } else if (!setField(s, key, it.value(), error)) {
            return s;
        }
    }
    *error = s.validate();
    return s;
}

ChaosSpec ChaosSpec::fromCommandLine(const QString &text, QString *error)
{
    ChaosSpec s;
    error->clear();
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() < 2 || parts.size() > 4) {
        *error = QStringLiteral("--chaos expects SERVICE:TYPE[:PARAMS[:DURATION]], got \"%1\"").arg(text);
        return s;
    }
    s.targets = parts[0].split(QLatin1Char('+'), Qt::SkipEmptyParts);
    const auto type = chaosTypeFromString(parts[1]);
    if (!type) {
        *error = QStringLiteral("unknown chaos type \"%1\"").arg(parts[1]);
        return s;
    }
    s.type = *type;
    if (parts.size() >= 3 && !parts[2].isEmpty()) {
        bool isNumber = false;
        const double primary = parts[2].toDouble(&isNumber);
        if (isNumber) {
            applyPrimary(s, primary);
        } else {
            for (const QString &pair : parts[2].split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const int eq = pair.indexOf(QLatin1Char('='));
                if (eq <= 0) {
                    *error = QStringLiteral("chaos parameter \"%1\" must be key=value").arg(pair);
                    return s;
                }
                if (!setField(s, pair.left(eq).trimmed(), QJsonValue(pair.mid(eq + 1).trimmed()), error))
                    return s;
            }
        }
    }
    if (parts.size() == 4) {
        s.durationMs = parseDurationMs(parts[3], 1000);
        if (s.durationMs < 0) {
            *error =
                QStringLiteral("chaos duration \"%1\" must look like 30, 30s, 2m or 500ms").arg(parts[3]);
            return s;
        }
    }
    *error = s.validate();
    return s;
}

} // namespace airm
