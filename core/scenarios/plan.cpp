#include "plan.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <cmath>
#include <functional>

namespace airm {
namespace {

constexpr double kMaxTimeScale = 100'000.0;
constexpr int kMaxRepeat = 1'000'000;
constexpr int kMaxSuccessWindow = 10'000;

QString at(const QString &path, const QString &field)
{
    return path.isEmpty() ? field : path + QLatin1Char('.') + field;
}

QString indexed(const QString &path, int i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

bool fail(QString *error, const QString &path, const QString &reason)
{
    *error = path + QStringLiteral(": ") + reason;
    return false;
}

// Keys a JSON object may hold; anything else is a typo the author wants to hear about.
bool onlyKeys(const QJsonObject &o, std::initializer_list<const char *> allowed, const QString &path,
              QString *error)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        if (key.startsWith(QLatin1Char('$')) || key == QLatin1String("comment")) continue;
        bool ok = false;
        for (const char *a : allowed)
            if (key == QLatin1String(a)) ok = true;
        if (!ok) return fail(error, at(path, key), QStringLiteral("unknown field"));
    }
    return true;
}

bool readString(const QJsonObject &o, const char *key, const QString &path, QString *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isString()) return fail(error, at(path, QLatin1String(key)), QStringLiteral("must be a string"));
    *out = v.toString();
    return true;
}

bool readNumber(const QJsonObject &o, const char *key, const QString &path, double lo, double hi, double *out,
                QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return fail(error, at(path, QLatin1String(key)), QStringLiteral("must be a number"));
    const double d = v.toDouble();
    if (d < lo || d > hi)
        return fail(error, at(path, QLatin1String(key)),
                    QStringLiteral("must be between %1 and %2").arg(lo).arg(hi));
    *out = d;
    return true;
}

bool readInt(const QJsonObject &o, const char *key, const QString &path, qint64 lo, qint64 hi, qint64 *out,
             QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
        return fail(error, at(path, QLatin1String(key)), QStringLiteral("must be an integer"));
    const double d = v.toDouble();
    if (d < double(lo) || d > double(hi))
        return fail(error, at(path, QLatin1String(key)),
                    QStringLiteral("must be between %1 and %2").arg(lo).arg(hi));
    *out = qint64(d);
    return true;
}

bool readBool(const QJsonObject &o, const char *key, const QString &path, bool *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isBool())
        return fail(error, at(path, QLatin1String(key)), QStringLiteral("must be true or false"));
    *out = v.toBool();
    return true;
}

bool readStringList(const QJsonObject &o, const char *key, const QString &path, QStringList *out,
                    QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isArray())
        return fail(error, at(path, QLatin1String(key)), QStringLiteral("must be a list of strings"));
    QStringList list;
    const QJsonArray a = v.toArray();
    for (int i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString())
            return fail(error, indexed(at(path, QLatin1String(key)), i), QStringLiteral("must be a string"));
        list << a.at(i).toString();
    }
    *out = list;
    return true;
}

qint64 parseDurationText(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch()) return -1;
    const QString unit = m.captured(2);
    const double scale = unit == QLatin1String("ms")  ? 1.0
                         : unit == QLatin1String("m") ? 60'000.0
                         : unit == QLatin1String("h") ? 3'600'000.0
                                                      : 1000.0;
    return qint64(std::llround(m.captured(1).toDouble() * scale));
}

bool validServiceName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9_-]{1,64}$"));
    return re.match(name).hasMatch();
}

// ${service} and ${variant.NAME} substitution for for_each templates.
QJsonValue substitute(const QJsonValue &v, const QString &service, const QJsonObject &variant,
                      const QString &path, QString *error)
{
    static const QRegularExpression whole(QStringLiteral("^\\$\\{variant\\.([A-Za-z0-9_]+)\\}$"));
    static const QRegularExpression part(QStringLiteral("\\$\\{variant\\.([A-Za-z0-9_]+)\\}"));
    if (v.isString()) {
        QString s = v.toString();
        if (const auto m = whole.match(s); m.hasMatch()) {
            const QJsonValue value = variant.value(m.captured(1));
            if (value.isUndefined()) {
                fail(error, path, QStringLiteral("the variant has no field \"%1\"").arg(m.captured(1)));
                return {};
            }
            // The inserted value may itself name ${service} (a chaos object with its targets).
            return substitute(value, service, QJsonObject{}, path, error);
        }
        s.replace(QLatin1String("${service}"), service);
        QString out;
        qsizetype last = 0;
        for (auto it = part.globalMatch(s); it.hasNext();) {
            const auto m = it.next();
            const QJsonValue value = variant.value(m.captured(1));
            QString text;
            if (value.isString())
                text = value.toString();
            else if (value.isDouble())
                text = QString::number(value.toDouble());
            else if (value.isBool())
                text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else {
                fail(error, path,
                     QStringLiteral("the variant field \"%1\" is missing or not text").arg(m.captured(1)));
                return {};
            }
            out += s.mid(last, m.capturedStart() - last) + text;
            last = m.capturedEnd();
        }
        out += s.mid(last);
        return out;
    }
    if (v.isArray()) {
        QJsonArray a;
        const QJsonArray in = v.toArray();
        for (int i = 0; i < in.size(); ++i) {
            a.append(substitute(in.at(i), service, variant, indexed(path, i), error));
            if (!error->isEmpty()) return {};
        }
        return a;
    }
    if (v.isObject()) {
        QJsonObject o;
        const QJsonObject in = v.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            o.insert(it.key(), substitute(it.value(), service, variant, at(path, it.key()), error));
            if (!error->isEmpty()) return {};
        }
        return o;
    }
    return v;
}

} // namespace

bool readPlanDuration(const QJsonObject &o, const QString &name, const QString &path, qint64 *out,
                      QString *error)
{
    const QString msKey = name + QStringLiteral("Ms");
    const QJsonValue ms = o.value(msKey);
    const QJsonValue text = o.value(name);
    if (!ms.isUndefined() && !text.isUndefined())
        return fail(error, at(path, name), QStringLiteral("give either %1 or %2, not both").arg(name, msKey));
    if (!ms.isUndefined()) {
        if (!ms.isDouble() || ms.toDouble() < 0 || ms.toDouble() != std::floor(ms.toDouble()) ||
            ms.toDouble() > 1e13)
            return fail(error, at(path, msKey),
                        QStringLiteral("must be a whole number of milliseconds >= 0"));
        *out = qint64(ms.toDouble());
        return true;
    }
    if (text.isUndefined()) return true;
    qint64 v = -1;
    if (text.isDouble() && text.toDouble() >= 0 && text.toDouble() < 1e10)
        v = qint64(std::llround(text.toDouble() * 1000.0));
    else if (text.isString())
        v = parseDurationText(text.toString());
    if (v < 0)
        return fail(
            error, at(path, name),
            QStringLiteral("must be a number of seconds or a text like \"500ms\", \"30s\", \"3m\", \"1h\""));
    *out = v;
    return true;
}

// ---------------------------------------------------------------------------------------------- ProbeSpec

QString ProbeSpec::typeName(ProbeType t)
{
    switch (t) {
    case ProbeType::SuccessRate:
        return QStringLiteral("success_rate");
    case ProbeType::LatencyP95:
        return QStringLiteral("latency_p95");
    case ProbeType::BreakerState:
        return QStringLiteral("breaker_state");
    case ProbeType::NoRequestLost:
        return QStringLiteral("no_request_lost");
    }
    return {};
}

std::optional<ProbeType> ProbeSpec::typeFromName(const QString &name)
{
    for (ProbeType t :
         {ProbeType::SuccessRate, ProbeType::LatencyP95, ProbeType::BreakerState, ProbeType::NoRequestLost})
        if (typeName(t) == name) return t;
    return std::nullopt;
}

QString ProbeSpec::toleranceText() const
{
    switch (type) {
    case ProbeType::SuccessRate:
        return QStringLiteral(">= %1 %").arg(minPct);
    case ProbeType::LatencyP95:
        return QStringLiteral("<= %1 ms").arg(maxMs);
    case ProbeType::BreakerState:
        return QStringLiteral("== ") + toString(state);
    case ProbeType::NoRequestLost:
        return QStringLiteral("== 0 lost");
    }
    return {};
}

QJsonObject ProbeSpec::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("type"), typeName(type)},
                  {QStringLiteral("tolerance"), toleranceText()}};
    if (type != ProbeType::NoRequestLost) o.insert(QStringLiteral("service"), service);
    switch (type) {
    case ProbeType::SuccessRate:
        o.insert(QStringLiteral("minPct"), minPct);
        break;
    case ProbeType::LatencyP95:
        o.insert(QStringLiteral("maxMs"), maxMs);
        break;
    case ProbeType::BreakerState:
        o.insert(QStringLiteral("state"), toString(state));
        break;
    case ProbeType::NoRequestLost:
        break;
    }
    if (type == ProbeType::SuccessRate || type == ProbeType::LatencyP95) {
        o.insert(QStringLiteral("windowMs"), windowMs);
        o.insert(QStringLiteral("minSamples"), minSamples);
        o.insert(QStringLiteral("scope"),
                 scope == ProbeScope::Run ? QStringLiteral("run") : QStringLiteral("service"));
    }
    QJsonArray when;
    if (before) when.append(QStringLiteral("before"));
    if (during) when.append(QStringLiteral("during"));
    if (after) when.append(QStringLiteral("after"));
    o.insert(QStringLiteral("when"), when);
    return o;
}

ProbeSpec ProbeSpec::fromJson(const QJsonObject &o, const QString &path, QString *error)
{
    ProbeSpec p;
    error->clear();
    if (!onlyKeys(o,
                  {"name", "type", "service", "minPct", "maxMs", "state", "window", "windowMs", "minSamples",
                   "scope", "when", "title"},
                  path, error))
        return p;
    const auto type = typeFromName(o.value(QLatin1String("type")).toString());
    if (!type) {
        fail(error, at(path, QStringLiteral("type")),
             QStringLiteral("must be one of success_rate, latency_p95, breaker_state, no_request_lost"));
        return p;
    }
    p.type = *type;
    if (!readString(o, "name", path, &p.name, error) || !readString(o, "service", path, &p.service, error))
        return p;
    if (p.service.isEmpty() || (p.service != QLatin1String("all") && !validServiceName(p.service))) {
        fail(error, at(path, QStringLiteral("service")),
             QStringLiteral("must be a service name ([a-z0-9_-]) or \"all\""));
        return p;
    }
    auto requireKey = [&](const char *key) {
        if (o.contains(QLatin1String(key))) return true;
        return fail(error, at(path, QLatin1String(key)),
                    QStringLiteral("is required for a %1 probe").arg(typeName(p.type)));
    };
    switch (p.type) {
    case ProbeType::SuccessRate:
        if (!requireKey("minPct") || !readNumber(o, "minPct", path, 0, 100, &p.minPct, error)) return p;
        break;
    case ProbeType::LatencyP95:
        if (!requireKey("maxMs") || !readNumber(o, "maxMs", path, 0, 3'600'000, &p.maxMs, error)) return p;
        break;
    case ProbeType::BreakerState: {
        if (!requireKey("state")) return p;
        const auto state = breakerStateFromString(o.value(QLatin1String("state")).toString());
        if (!state) {
            fail(error, at(path, QStringLiteral("state")),
                 QStringLiteral(
                     "must be one of CLOSED, OPEN, HALF_OPEN, DISABLED, FORCED_OPEN, METRICS_ONLY"));
            return p;
        }
        p.state = *state;
        break;
    }
    case ProbeType::NoRequestLost:
        break;
    }
    if (!readPlanDuration(o, QStringLiteral("window"), path, &p.windowMs, error)) return p;
    if (p.windowMs <= 0) {
        fail(error, at(path, QStringLiteral("window")), QStringLiteral("must be greater than 0"));
        return p;
    }
    qint64 samples = p.minSamples;
    if (!readInt(o, "minSamples", path, 1, 1'000'000, &samples, error)) return p;
    p.minSamples = int(samples);
    if (o.contains(QLatin1String("scope"))) {
        const QString scope = o.value(QLatin1String("scope")).toString();
        if (scope == QLatin1String("run"))
            p.scope = ProbeScope::Run;
        else if (scope == QLatin1String("service"))
            p.scope = ProbeScope::Service;
        else {
            fail(error, at(path, QStringLiteral("scope")), QStringLiteral("must be \"run\" or \"service\""));
            return p;
        }
    }
    if (o.contains(QLatin1String("when"))) {
        QStringList when;
        if (!readStringList(o, "when", path, &when, error)) return p;
        p.before = p.during = p.after = false;
        for (const QString &w : std::as_const(when)) {
            if (w == QLatin1String("before"))
                p.before = true;
            else if (w == QLatin1String("during"))
                p.during = true;
            else if (w == QLatin1String("after"))
                p.after = true;
            else {
                fail(error, at(path, QStringLiteral("when")),
                     QStringLiteral("may only hold \"before\", \"during\" and \"after\""));
                return p;
            }
        }
    }
    if (p.type == ProbeType::NoRequestLost && p.during) {
        fail(error, at(path, QStringLiteral("when")),
             QStringLiteral("no_request_lost is checked at rest: use \"before\", \"after\" or a check step"));
        return p;
    }
    return p;
}

QJsonObject AbortCondition::toJson() const
{
    QJsonObject o = probe.toJson();
    o.remove(QStringLiteral("when"));
    o.insert(QStringLiteral("forMs"), forMs);
    return o;
}

QJsonObject RecoverySettings::toJson() const
{
    return {{QStringLiteral("timeoutMs"), timeoutMs},
            {QStringLiteral("probeIntervalMs"), probeIntervalMs},
            {QStringLiteral("successWindow"), successWindow},
            {QStringLiteral("tolerancePts"), tolerancePts},
            {QStringLiteral("baselineWindowMs"), baselineWindowMs},
            {QStringLiteral("probeRequests"), probeRequests}};
}

// ----------------------------------------------------------------------------------------------- StepSpec

QString StepSpec::typeName(StepType t)
{
    switch (t) {
    case StepType::Load:
        return QStringLiteral("load");
    case StepType::Chaos:
        return QStringLiteral("chaos");
    case StepType::Wait:
        return QStringLiteral("wait");
    case StepType::Check:
        return QStringLiteral("check");
    case StepType::Group:
        return QStringLiteral("group");
    case StepType::Sequence:
        return QStringLiteral("sequence");
    case StepType::ForEach:
        return QStringLiteral("for_each");
    }
    return {};
}

qint64 StepSpec::nominalDurationMs() const
{
    switch (type) {
    case StepType::Load:
    case StepType::Chaos:
    case StepType::Wait:
        return durationMs;
    case StepType::Check:
        return 0;
    case StepType::Group: {
        qint64 longest = 0;
        for (const StepSpec &s : steps) {
            const qint64 d = s.nominalDurationMs();
            if (d < 0) return -1;
            longest = std::max(longest, d);
        }
        return longest;
    }
    case StepType::Sequence: {
        qint64 sum = 0;
        for (const StepSpec &s : steps) {
            const qint64 d = s.nominalDurationMs();
            if (d < 0) return -1;
            sum += d;
        }
        return sum;
    }
    case StepType::ForEach:
        return -1;
    }
    return -1;
}

namespace {

bool parseSteps(const QJsonValue &v, const QString &path, std::vector<StepSpec> *out, QString *error)
{
    if (!v.isArray() || v.toArray().isEmpty())
        return fail(error, path, QStringLiteral("must be a non-empty list of steps"));
    const QJsonArray a = v.toArray();
    for (int i = 0; i < a.size(); ++i) {
        const QString p = indexed(path, i);
        if (!a.at(i).isObject()) return fail(error, p, QStringLiteral("must be a step object"));
        StepSpec s = StepSpec::fromJson(a.at(i).toObject(), p, error);
        if (!error->isEmpty()) return false;
        out->push_back(std::move(s));
    }
    return true;
}

std::optional<ProbeSpec> parseProbeObject(const QJsonValue &v, const QString &path, QString *error)
{
    if (!v.isObject()) {
        fail(error, path, QStringLiteral("must be a probe object"));
        return std::nullopt;
    }
    ProbeSpec p = ProbeSpec::fromJson(v.toObject(), path, error);
    if (!error->isEmpty()) return std::nullopt;
    return p;
}

} // namespace

StepSpec StepSpec::fromJson(const QJsonObject &o, const QString &path, QString *error)
{
    StepSpec s;
    error->clear();
    s.source = o;
    const QString typeText = o.value(QLatin1String("type")).toString();
    bool known = false;
    for (StepType t : {StepType::Load, StepType::Chaos, StepType::Wait, StepType::Check, StepType::Group,
                       StepType::Sequence, StepType::ForEach})
        if (typeName(t) == typeText) {
            s.type = t;
            known = true;
        }
    if (!known) {
        fail(error, at(path, QStringLiteral("type")),
             QStringLiteral("must be one of load, chaos, wait, check, group, sequence, for_each"));
        return s;
    }
    switch (s.type) {
    case StepType::Load:
        if (!onlyKeys(o,
                      {"type", "id", "title", "experimentId", "duration", "durationMs", "load", "until",
                       "timeout", "timeoutMs"},
                      path, error))
            return s;
        break;
    case StepType::Chaos:
        if (!onlyKeys(o,
                      {"type", "id", "title", "experimentId", "duration", "durationMs", "chaos", "load",
                       "intensity", "recovery", "until", "timeout", "timeoutMs"},
                      path, error))
            return s;
        break;
    case StepType::Wait:
        if (!onlyKeys(o,
                      {"type", "id", "title", "experimentId", "duration", "durationMs", "until", "timeout",
                       "timeoutMs"},
                      path, error))
            return s;
        break;
    case StepType::Check:
        if (!onlyKeys(o, {"type", "id", "title", "probes", "abortOnFailure"}, path, error)) return s;
        break;
    case StepType::Group:
    case StepType::Sequence:
        if (!onlyKeys(o, {"type", "id", "title", "steps"}, path, error)) return s;
        break;
    case StepType::ForEach:
        if (!onlyKeys(o, {"type", "id", "title", "services", "variants", "steps"}, path, error)) return s;
        break;
    }
    if (!readString(o, "id", path, &s.id, error) || !readString(o, "title", path, &s.title, error) ||
        !readString(o, "experimentId", path, &s.experimentId, error))
        return s;
    if (!readPlanDuration(o, QStringLiteral("duration"), path, &s.durationMs, error)) return s;
    if (o.contains(QLatin1String("duration")) || o.contains(QLatin1String("durationMs")))
        if (s.durationMs <= 0) {
            fail(error, at(path, QStringLiteral("duration")), QStringLiteral("must be greater than 0"));
            return s;
        }
    if (!readPlanDuration(o, QStringLiteral("timeout"), path, &s.timeoutMs, error)) return s;
    if (o.contains(QLatin1String("until"))) {
        s.until = parseProbeObject(o.value(QLatin1String("until")), at(path, QStringLiteral("until")), error);
        if (!s.until) return s;
        if (s.until->type == ProbeType::NoRequestLost) {
            fail(error, at(path, QStringLiteral("until.type")),
                 QStringLiteral("no_request_lost cannot end a step"));
            return s;
        }
    }
    if ((o.contains(QLatin1String("timeout")) || o.contains(QLatin1String("timeoutMs"))) && !s.until) {
        fail(error, at(path, QStringLiteral("timeout")),
             QStringLiteral("only applies with until (use duration for a fixed length)"));
        return s;
    }

    if (o.contains(QLatin1String("load"))) {
        const QString loadPath = at(path, QStringLiteral("load"));
        const QJsonValue v = o.value(QLatin1String("load"));
        if (!v.isObject()) {
            fail(error, loadPath, QStringLiteral("must be an automation object"));
            return s;
        }
        const QJsonObject lo = v.toObject();
        if (lo.contains(QLatin1String("duration")) || lo.contains(QLatin1String("durationMs"))) {
            fail(error, at(loadPath, QStringLiteral("duration")),
                 QStringLiteral("the step's duration is the load's duration"));
            return s;
        }
        if (lo.contains(QLatin1String("runId"))) {
            fail(error, at(loadPath, QStringLiteral("runId")), QStringLiteral("is assigned by the runner"));
            return s;
        }
        QString loadError;
        AutomationConfig c = AutomationConfig::fromJson(lo, &loadError);
        if (!loadError.isEmpty()) {
            fail(error, loadPath, loadError);
            return s;
        }
        c.origin = Origin::Scenario;
        s.load = c;
    }

    switch (s.type) {
    case StepType::Load:
        if (!s.load) {
            fail(error, at(path, QStringLiteral("load")), QStringLiteral("is required for a load step"));
            return s;
        }
        if (s.durationMs < 0 && s.load->maxRequests <= 0 && !s.until) {
            fail(error, path, QStringLiteral("a load step needs a duration, load.maxRequests or until"));
            return s;
        }
        break;
    case StepType::Chaos: {
        const QString chaosPath = at(path, QStringLiteral("chaos"));
        const QJsonValue v = o.value(QLatin1String("chaos"));
        if (!v.isObject()) {
            fail(error, chaosPath,
                 QStringLiteral("is required: an object with the chaos type and parameters"));
            return s;
        }
        const QJsonObject co = v.toObject();
        for (const char *k : {"duration", "durationMs"})
            if (co.contains(QLatin1String(k))) {
                fail(error, at(chaosPath, QLatin1String(k)),
                     QStringLiteral("the step's duration is the chaos duration"));
                return s;
            }
        if (!co.contains(QLatin1String("targets")) && !co.contains(QLatin1String("service"))) {
            fail(error, at(chaosPath, QStringLiteral("targets")),
                 QStringLiteral("is required: the services to inject into, or [\"all\"]"));
            return s;
        }
        QString chaosError;
        ChaosSpec spec = ChaosSpec::fromJson(co, &chaosError);
        if (chaosError.isEmpty()) {
            spec.durationMs = ChaosLimits::kMaxDurationMs; // the runner ends it; validate the parameters only
            chaosError = spec.validate();
        }
        if (!chaosError.isEmpty()) {
            fail(error, chaosPath, chaosError);
            return s;
        }
        for (const QString &t : std::as_const(spec.targets))
            if (t != QLatin1String("all") && !validServiceName(t)) {
                fail(error, at(chaosPath, QStringLiteral("targets")),
                     QStringLiteral("\"%1\" is not a service name ([a-z0-9_-])").arg(t));
                return s;
            }
        s.chaos = spec;
        if (o.contains(QLatin1String("intensity"))) {
            double d = 0;
            if (!readNumber(o, "intensity", path, -1e12, 1e12, &d, error)) return s;
            s.intensity = d;
        }
        if (!readBool(o, "recovery", path, &s.measureRecovery, error)) return s;
        if (s.durationMs < 0 && !s.until) {
            fail(error, path, QStringLiteral("a chaos step needs a duration or until"));
            return s;
        }
        break;
    }
    case StepType::Wait:
        if (s.durationMs < 0 && !s.until) {
            fail(error, path, QStringLiteral("a wait step needs a duration or until"));
            return s;
        }
        break;
    case StepType::Check: {
        const QJsonValue v = o.value(QLatin1String("probes"));
        if (!v.isUndefined()) {
            if (!v.isArray()) {
                fail(error, at(path, QStringLiteral("probes")),
                     QStringLiteral("must be a list of probe names or probe objects"));
                return s;
            }
            const QJsonArray a = v.toArray();
            for (int i = 0; i < a.size(); ++i) {
                const QString p = indexed(at(path, QStringLiteral("probes")), i);
                if (a.at(i).isString()) {
                    s.checkProbes << a.at(i).toString();
                } else {
                    const auto probe = parseProbeObject(a.at(i), p, error);
                    if (!probe) return s;
                    s.inlineProbes << *probe;
                }
            }
        }
        if (!readBool(o, "abortOnFailure", path, &s.abortOnFailure, error)) return s;
        break;
    }
    case StepType::Group:
    case StepType::Sequence:
        parseSteps(o.value(QLatin1String("steps")), at(path, QStringLiteral("steps")), &s.steps, error);
        break;
    case StepType::ForEach: {
        if (!readStringList(o, "services", path, &s.forEachServices, error)) return s;
        for (const QString &name : std::as_const(s.forEachServices))
            if (!validServiceName(name)) {
                fail(error, at(path, QStringLiteral("services")),
                     QStringLiteral("\"%1\" is not a service name ([a-z0-9_-])").arg(name));
                return s;
            }
        const QJsonValue variants = o.value(QLatin1String("variants"));
        if (!variants.isUndefined()) {
            if (!variants.isArray() || variants.toArray().isEmpty()) {
                fail(error, at(path, QStringLiteral("variants")),
                     QStringLiteral("must be a non-empty list of objects"));
                return s;
            }
            for (int i = 0; i < variants.toArray().size(); ++i)
                if (!variants.toArray().at(i).isObject()) {
                    fail(error, indexed(at(path, QStringLiteral("variants")), i),
                         QStringLiteral("must be an object"));
                    return s;
                }
            s.forEachVariants = variants.toArray();
        }
        const QJsonValue steps = o.value(QLatin1String("steps"));
        if (!steps.isArray() || steps.toArray().isEmpty()) {
            fail(error, at(path, QStringLiteral("steps")),
                 QStringLiteral("must be a non-empty list of steps"));
            return s;
        }
        s.forEachTemplate = steps.toArray();
        // Every variant must give valid steps; a placeholder service name stands in for the real ones. The
        // result is kept in steps so that plan-wide checks (probe names) see the template.
        s.steps = expandForEach(s, {QStringLiteral("service")}, path, error);
        break;
    }
    }
    return s;
}

std::vector<StepSpec> expandForEach(const StepSpec &forEach, const QStringList &services, const QString &path,
                                    QString *error)
{
    std::vector<StepSpec> out;
    error->clear();
    QJsonArray variants = forEach.forEachVariants;
    if (variants.isEmpty()) variants.append(QJsonObject{});
    for (int v = 0; v < variants.size(); ++v) {
        const QJsonObject variant = variants.at(v).toObject();
        for (const QString &service : services) {
            const QString p =
                forEach.forEachVariants.isEmpty() ? path : path + QStringLiteral(" (variant %1)").arg(v);
            const QJsonValue expanded = substitute(forEach.forEachTemplate, service, variant,
                                                   at(path, QStringLiteral("steps")), error);
            if (!error->isEmpty()) return {};
            StepSpec seq;
            seq.type = StepType::Sequence;
            seq.atomic = true;
            seq.title = QStringLiteral("%1%2").arg(
                service, variant.contains(QLatin1String("label"))
                             ? QStringLiteral(": ") + variant.value(QLatin1String("label")).toString()
                             : QString());
            seq.source = QJsonObject{{QStringLiteral("type"), QStringLiteral("sequence")},
                                     {QStringLiteral("steps"), expanded}};
            if (!parseSteps(expanded, at(p, QStringLiteral("steps")), &seq.steps, error)) return {};
            out.push_back(std::move(seq));
        }
    }
    return out;
}

// ------------------------------------------------------------------------------------------------- Plan

qint64 Plan::parseDuration(const QString &text)
{
    return parseDurationText(text);
}

QStringList Plan::chaosTestPrompts()
{
    return {QStringLiteral("What is artificial intelligence?"),
            QStringLiteral("Explain quantum computing briefly"),
            QStringLiteral("How does machine learning work?"),
            QStringLiteral("What are neural networks?"),
            QStringLiteral("Describe cloud computing"),
            QStringLiteral("What is blockchain technology?"),
            QStringLiteral("Explain data science"),
            QStringLiteral("What is cybersecurity?"),
            QStringLiteral("How does 5G work?"),
            QStringLiteral("What is the Internet of Things?")};
}

const ProbeSpec *Plan::probe(const QString &probeName) const
{
    for (const ProbeSpec &p : probes)
        if (p.name == probeName) return &p;
    return nullptr;
}

namespace {

void collectServices(const std::vector<StepSpec> &steps, QStringList *out)
{
    auto add = [out](const QString &s) {
        if (!s.isEmpty() && s != QLatin1String("all") && !out->contains(s)) out->append(s);
    };
    for (const StepSpec &s : steps) {
        if (s.chaos)
            for (const QString &t : s.chaos->targets)
                add(t);
        if (s.load)
            for (const QString &t : s.load->services)
                add(t);
        if (s.until) add(s.until->service);
        for (const ProbeSpec &p : s.inlineProbes)
            add(p.service);
        for (const QString &t : s.forEachServices)
            add(t);
        if (s.type != StepType::ForEach) collectServices(s.steps, out);
    }
}

} // namespace

QStringList Plan::referencedServices() const
{
    QStringList out;
    for (const ProbeSpec &p : probes)
        if (p.service != QLatin1String("all") && !out.contains(p.service)) out << p.service;
    for (const AbortCondition &a : abortConditions)
        if (a.probe.service != QLatin1String("all") && !out.contains(a.probe.service)) out << a.probe.service;
    collectServices(method, &out);
    return out;
}

Plan Plan::fromJsonText(const QByteArray &text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("plan: not valid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return {};
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("plan: must be a JSON object");
        return {};
    }
    return fromJson(doc.object(), error);
}

Plan Plan::fromJson(const QJsonObject &o, QString *error)
{
    Plan plan;
    error->clear();
    plan.source = o;
    if (!onlyKeys(o, {"schemaVersion",   "name",         "title",          "description",  "tags",
                      "timeScale",       "maxDuration",  "maxDurationMs",  "repeat",       "checkInterval",
                      "checkIntervalMs", "untilTimeout", "untilTimeoutMs", "drainTimeout", "drainTimeoutMs",
                      "prompts",         "recovery",     "hypothesis",     "method",       "rollbacks",
                      "abortConditions"},
                  QString(), error))
        return plan;
    const QJsonValue version = o.value(QLatin1String("schemaVersion"));
    if (version.isUndefined()) {
        fail(error, QStringLiteral("schemaVersion"), QStringLiteral("is required (1)"));
        return plan;
    }
    if (!version.isDouble() || version.toDouble() != double(kSchemaVersion)) {
        fail(error, QStringLiteral("schemaVersion"),
             QStringLiteral("this version reads schema version %1 only").arg(kSchemaVersion));
        return plan;
    }
    if (!readString(o, "name", QString(), &plan.name, error)) return plan;
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    if (!nameRe.match(plan.name).hasMatch()) {
        fail(error, QStringLiteral("name"),
             QStringLiteral(
                 "is required: 1-64 letters, digits, '_', '-', '.', starting with a letter or digit"));
        return plan;
    }
    if (!readString(o, "title", QString(), &plan.title, error) ||
        !readString(o, "description", QString(), &plan.description, error) ||
        !readStringList(o, "tags", QString(), &plan.tags, error) ||
        !readNumber(o, "timeScale", QString(), 0.001, kMaxTimeScale, &plan.timeScale, error) ||
        !readPlanDuration(o, QStringLiteral("maxDuration"), QString(), &plan.maxDurationMs, error) ||
        !readPlanDuration(o, QStringLiteral("checkInterval"), QString(), &plan.checkIntervalMs, error) ||
        !readPlanDuration(o, QStringLiteral("untilTimeout"), QString(), &plan.defaultUntilTimeoutMs, error) ||
        !readPlanDuration(o, QStringLiteral("drainTimeout"), QString(), &plan.drainTimeoutMs, error) ||
        !readStringList(o, "prompts", QString(), &plan.prompts, error))
        return plan;
    if (plan.title.isEmpty()) plan.title = plan.name;
    qint64 repeat = plan.repeat;
    if (!readInt(o, "repeat", QString(), 0, kMaxRepeat, &repeat, error)) return plan;
    plan.repeat = int(repeat);
    if (plan.checkIntervalMs <= 0) {
        fail(error, QStringLiteral("checkInterval"), QStringLiteral("must be greater than 0"));
        return plan;
    }
    for (const QString &p : std::as_const(plan.prompts))
        if (p.trimmed().isEmpty()) {
            fail(error, QStringLiteral("prompts"), QStringLiteral("must not contain empty prompts"));
            return plan;
        }

    if (o.contains(QLatin1String("recovery"))) {
        const QString path = QStringLiteral("recovery");
        const QJsonValue v = o.value(path);
        if (!v.isObject()) {
            fail(error, path, QStringLiteral("must be an object"));
            return plan;
        }
        const QJsonObject r = v.toObject();
        RecoverySettings &rs = plan.recovery;
        qint64 window = rs.successWindow;
        if (!onlyKeys(r,
                      {"timeout", "timeoutMs", "probeInterval", "probeIntervalMs", "successWindow",
                       "tolerancePts", "baselineWindow", "baselineWindowMs", "probeRequests"},
                      path, error) ||
            !readPlanDuration(r, QStringLiteral("timeout"), path, &rs.timeoutMs, error) ||
            !readPlanDuration(r, QStringLiteral("probeInterval"), path, &rs.probeIntervalMs, error) ||
            !readPlanDuration(r, QStringLiteral("baselineWindow"), path, &rs.baselineWindowMs, error) ||
            !readInt(r, "successWindow", path, 1, kMaxSuccessWindow, &window, error) ||
            !readNumber(r, "tolerancePts", path, 0, 100, &rs.tolerancePts, error) ||
            !readBool(r, "probeRequests", path, &rs.probeRequests, error))
            return plan;
        rs.successWindow = int(window);
        if (rs.probeIntervalMs <= 0) {
            fail(error, at(path, QStringLiteral("probeInterval")), QStringLiteral("must be greater than 0"));
            return plan;
        }
    }

    if (o.contains(QLatin1String("hypothesis"))) {
        const QString path = QStringLiteral("hypothesis");
        const QJsonValue v = o.value(path);
        if (!v.isObject()) {
            fail(error, path, QStringLiteral("must be an object with title and probes"));
            return plan;
        }
        const QJsonObject h = v.toObject();
        if (!onlyKeys(h, {"title", "probes"}, path, error) ||
            !readString(h, "title", path, &plan.hypothesisTitle, error))
            return plan;
        const QJsonValue probes = h.value(QLatin1String("probes"));
        if (!probes.isUndefined() && !probes.isArray()) {
            fail(error, at(path, QStringLiteral("probes")), QStringLiteral("must be a list of probes"));
            return plan;
        }
        const QJsonArray a = probes.toArray();
        for (int i = 0; i < a.size(); ++i) {
            const QString p = indexed(at(path, QStringLiteral("probes")), i);
            const auto probe = parseProbeObject(a.at(i), p, error);
            if (!probe) return plan;
            if (probe->name.isEmpty()) {
                fail(error, at(p, QStringLiteral("name")),
                     QStringLiteral("is required for a hypothesis probe"));
                return plan;
            }
            if (plan.probe(probe->name)) {
                fail(error, at(p, QStringLiteral("name")),
                     QStringLiteral("\"%1\" is used by another probe").arg(probe->name));
                return plan;
            }
            plan.probes << *probe;
        }
    }

    if (o.contains(QLatin1String("abortConditions"))) {
        const QString path = QStringLiteral("abortConditions");
        const QJsonValue v = o.value(path);
        if (!v.isArray()) {
            fail(error, path, QStringLiteral("must be a list of probes with \"for\""));
            return plan;
        }
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            const QString p = indexed(path, i);
            if (!a.at(i).isObject()) {
                fail(error, p, QStringLiteral("must be a probe object"));
                return plan;
            }
            QJsonObject po = a.at(i).toObject();
            AbortCondition c;
            if (!readPlanDuration(po, QStringLiteral("for"), p, &c.forMs, error)) return plan;
            po.remove(QStringLiteral("for"));
            po.remove(QStringLiteral("forMs"));
            const auto probe = parseProbeObject(po, p, error);
            if (!probe) return plan;
            if (probe->type == ProbeType::NoRequestLost) {
                fail(error, at(p, QStringLiteral("type")),
                     QStringLiteral("no_request_lost cannot be an abort condition"));
                return plan;
            }
            c.probe = *probe;
            if (c.probe.name.isEmpty()) c.probe.name = QStringLiteral("abort-%1").arg(i + 1);
            c.probe.before = c.probe.after = false;
            c.probe.during = true;
            plan.abortConditions << c;
        }
    }

    if (o.contains(QLatin1String("rollbacks"))) {
        const QString path = QStringLiteral("rollbacks");
        const QJsonValue v = o.value(path);
        if (!v.isArray()) {
            fail(error, path, QStringLiteral("must be a list of rollback actions"));
            return plan;
        }
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            const QString p = indexed(path, i);
            const QJsonObject r = a.at(i).toObject();
            if (!onlyKeys(r, {"type"}, p, error)) return plan;
            const QString type = r.value(QLatin1String("type")).toString();
            if (type == QLatin1String("reset_breakers"))
                plan.resetBreakersOnRollback = true;
            else if (type != QLatin1String("stop_chaos") && type != QLatin1String("stop_automation")) {
                fail(error, at(p, QStringLiteral("type")),
                     QStringLiteral("must be one of stop_chaos, stop_automation, reset_breakers"));
                return plan;
            }
        }
    }

    if (!parseSteps(o.value(QLatin1String("method")), QStringLiteral("method"), &plan.method, error))
        return plan;

    // Check steps may only name probes the hypothesis defines.
    std::function<bool(const std::vector<StepSpec> &, const QString &)> checkNames =
        [&](const std::vector<StepSpec> &steps, const QString &path) {
            for (std::size_t i = 0; i < steps.size(); ++i) {
                const StepSpec &s = steps[i];
                const QString p = indexed(path, int(i));
                for (const QString &n : s.checkProbes)
                    if (!plan.probe(n))
                        return fail(error, at(p, QStringLiteral("probes")),
                                    QStringLiteral("\"%1\" is not a probe of the hypothesis").arg(n));
                if (!checkNames(s.steps, at(p, QStringLiteral("steps")))) return false;
            }
            return true;
        };
    if (!checkNames(plan.method, QStringLiteral("method"))) return plan;
    return plan;
}

} // namespace airm
