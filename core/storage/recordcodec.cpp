#include "recordcodec.h"

#include "minuterollup.h"
#include "storagecodes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace airm {
namespace {

const QVariant kNullText{QMetaType::fromType<QString>()};

void appendJsonString(QString &out, const QString &s)
{
    out += QLatin1Char('"');
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
}

AttemptRecord derivedAttempt(const RequestRecord &r, int number)
{
    AttemptRecord a;
    a.service = r.service;
    a.number = number;
    a.outcome = r.outcome;
    a.errorClass = r.errorClass;
    a.errorMessage = r.errorMessage;
    a.httpStatus = r.httpStatus;
    a.latencyMs = double(latencyToUs(r.latencyMs)) / 1000.0;
    a.chaosIds = r.chaosIds;
    a.simulated = r.simulated;
    return a;
}

QJsonObject transitionToJson(const BreakerTransition &t)
{
    return {{QStringLiteral("atMs"), t.atMs},
            {QStringLiteral("service"), t.service},
            {QStringLiteral("from"), airm::toString(t.from)},
            {QStringLiteral("to"), airm::toString(t.to)},
            {QStringLiteral("reason"), t.reason}};
}

QJsonArray stringsToJson(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

QStringList stringsFromJson(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

qint64 int64(const QJsonValue &v, qint64 fallback = 0)
{
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        return ok ? n : fallback;
    }
    return v.isDouble() ? qint64(v.toDouble()) : fallback;
}

} // namespace

const QString &RecordCodec::requestSelectColumns()
{
    static const QString columns = QStringLiteral("id, ") + requestInsertColumns().join(QStringLiteral(", "));
    return columns;
}

const QStringList &RecordCodec::requestInsertColumns()
{
    static const QStringList columns{QStringLiteral("ts"),
                                     QStringLiteral("dur"),
                                     QStringLiteral("engine_id"),
                                     QStringLiteral("service"),
                                     QStringLiteral("served_by"),
                                     QStringLiteral("kind"),
                                     QStringLiteral("model"),
                                     QStringLiteral("origin"),
                                     QStringLiteral("run_id"),
                                     QStringLiteral("outcome"),
                                     QStringLiteral("error_class"),
                                     QStringLiteral("error_message"),
                                     QStringLiteral("http_status"),
                                     QStringLiteral("latency_us"),
                                     QStringLiteral("attempts"),
                                     QStringLiteral("attempt_list"),
                                     QStringLiteral("fallback"),
                                     QStringLiteral("breaker_state"),
                                     QStringLiteral("chaos_ids"),
                                     QStringLiteral("simulated"),
                                     QStringLiteral("tokens_in"),
                                     QStringLiteral("tokens_out"),
                                     QStringLiteral("cost_nusd"),
                                     QStringLiteral("retry_after_ms"),
                                     QStringLiteral("response_length"),
                                     QStringLiteral("prompt"),
                                     QStringLiteral("response")};
    return columns;
}

void RecordCodec::bindRequest(QSqlQuery &q, int &pos, const RequestRecord &r)
{
    struct Sink
    {
        QSqlQuery &q;
        int &pos;
        void null() { q.bindValue(pos++, kNullText); }
        void integer(qint64 v) { q.bindValue(pos++, v); }
        void text(const QString &s) { q.bindValue(pos++, s); }
    };
    visitRequest(r, Sink{q, pos});
}

StoredRequest RecordCodec::readRequest(const QSqlQuery &q, int c)
{
    StoredRequest s;
    RequestRecord &r = s.record;
    s.rowId = q.value(c++).toLongLong();
    r.startedAtMs = q.value(c++).toLongLong();
    r.finishedAtMs = r.startedAtMs + q.value(c++).toLongLong();
    r.id = quint64(q.value(c++).toLongLong());
    r.service = q.value(c++).toString();
    const QVariant servedBy = q.value(c++);
    r.servedBy = servedBy.isNull() ? r.service : servedBy.toString();
    r.kind = storagecodes::providerKind(q.value(c++).toInt()).value_or(ProviderKind::OpenAi);
    r.model = q.value(c++).toString();
    r.origin = storagecodes::origin(q.value(c++).toInt()).value_or(Origin::Manual);
    r.runId = q.value(c++).toString();
    r.outcome = storagecodes::outcome(q.value(c++).toInt()).value_or(Outcome::Failure);
    r.errorClass = storagecodes::errorClass(q.value(c++).toInt()).value_or(ErrorClass::None);
    r.errorMessage = q.value(c++).toString();
    r.httpStatus = q.value(c++).toInt();
    r.latencyMs = double(q.value(c++).toLongLong()) / 1000.0;
    r.attempts = q.value(c++).toInt();
    const QVariant attemptList = q.value(c++);
    r.fallbackUsed = q.value(c++).toInt() != 0;
    r.breakerState = storagecodes::breakerState(q.value(c++).toInt()).value_or(BreakerState::Closed);
    const QString chaos = q.value(c++).toString();
    if (!chaos.isEmpty()) r.chaosIds = chaos.split(QLatin1Char(','));
    r.simulated = q.value(c++).toInt() != 0;
    r.inputTokens = q.value(c++).toLongLong();
    r.outputTokens = q.value(c++).toLongLong();
    r.costUsd = double(q.value(c++).toLongLong()) / 1e9;
    const QVariant retry = q.value(c++);
    r.retryAfterMs = retry.isNull() ? -1 : retry.toInt();
    r.responseLength = q.value(c++).toInt();
    r.prompt = q.value(c++).toString();
    r.responseText = q.value(c++).toString();
    r.attemptList = decodeAttempts(attemptList.isNull() ? QString() : attemptList.toString(), r);
    return s;
}

QString RecordCodec::encodeAttempts(const RequestRecord &r)
{
    if (r.attemptList.isEmpty() && r.attempts == 0) return {};
    const qint64 requestUs = latencyToUs(r.latencyMs);
    QString out = QStringLiteral("[");
    bool derivable = r.attemptList.size() == 1 && r.attempts == 1;
    for (qsizetype i = 0; i < r.attemptList.size(); ++i) {
        const AttemptRecord &a = r.attemptList[i];
        if (i > 0) out += QLatin1Char(',');
        out += QLatin1Char('{');
        bool first = true;
        auto key = [&](const char *k) {
            if (!first) out += QLatin1Char(',');
            first = false;
            out += QLatin1Char('"') + QLatin1String(k) + QLatin1String("\":");
        };
        if (a.service != r.service) {
            key("s");
            appendJsonString(out, a.service);
        }
        if (a.number != int(i) + 1) {
            key("n");
            out += QString::number(a.number);
        }
        if (a.outcome != r.outcome) {
            key("o");
            out += QString::number(storagecodes::code(a.outcome));
        }
        if (a.errorClass != r.errorClass) {
            key("e");
            out += QString::number(storagecodes::code(a.errorClass));
        }
        if (a.errorMessage != r.errorMessage) {
            key("m");
            appendJsonString(out, a.errorMessage);
        }
        if (a.httpStatus != r.httpStatus) {
            key("h");
            out += QString::number(a.httpStatus);
        }
        const qint64 us = latencyToUs(a.latencyMs);
        if (us != requestUs) {
            key("l");
            out += QString::number(us);
        }
        if (a.chaosIds != r.chaosIds) {
            key("c");
            out += QLatin1Char('[');
            for (qsizetype j = 0; j < a.chaosIds.size(); ++j) {
                if (j > 0) out += QLatin1Char(',');
                appendJsonString(out, a.chaosIds[j]);
            }
            out += QLatin1Char(']');
        }
        if (a.simulated != r.simulated) {
            key("x");
            out += a.simulated ? QLatin1Char('1') : QLatin1Char('0');
        }
        if (!first) derivable = false;
        out += QLatin1Char('}');
    }
    out += QLatin1Char(']');
    return derivable ? QString() : out;
}

QList<AttemptRecord> RecordCodec::decodeAttempts(const QString &json, const RequestRecord &r)
{
    if (json.isEmpty()) {
        if (r.attempts == 0) return {};
        return {derivedAttempt(r, 1)};
    }
    QList<AttemptRecord> out;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array[i].toObject();
        AttemptRecord a = derivedAttempt(r, int(i) + 1);
        if (o.contains(QLatin1String("s"))) a.service = o.value(QLatin1String("s")).toString();
        if (o.contains(QLatin1String("n"))) a.number = o.value(QLatin1String("n")).toInt();
        if (o.contains(QLatin1String("o")))
            a.outcome = storagecodes::outcome(o.value(QLatin1String("o")).toInt()).value_or(a.outcome);
        if (o.contains(QLatin1String("e")))
            a.errorClass =
                storagecodes::errorClass(o.value(QLatin1String("e")).toInt()).value_or(a.errorClass);
        if (o.contains(QLatin1String("m"))) a.errorMessage = o.value(QLatin1String("m")).toString();
        if (o.contains(QLatin1String("h"))) a.httpStatus = o.value(QLatin1String("h")).toInt();
        if (o.contains(QLatin1String("l"))) a.latencyMs = double(int64(o.value(QLatin1String("l")))) / 1000.0;
        if (o.contains(QLatin1String("c"))) a.chaosIds = stringsFromJson(o.value(QLatin1String("c")));
        if (o.contains(QLatin1String("x"))) a.simulated = o.value(QLatin1String("x")).toInt() != 0;
        out << a;
    }
    return out;
}

void RecordCodec::applyPolicy(RequestRecord &r, const StorageConfig &config)
{
    if (!config.storePrompts)
        r.prompt.clear();
    else if (r.prompt.size() > config.maxPromptChars)
        r.prompt.truncate(config.maxPromptChars);
    if (!config.storeResponses)
        r.responseText.clear();
    else if (r.responseText.size() > config.maxResponseChars)
        r.responseText.truncate(config.maxResponseChars);
}

RequestRecord RecordCodec::requestFromJson(const QJsonObject &o)
{
    RequestRecord r;
    r.id = quint64(int64(o.value(QLatin1String("id"))));
    r.startedAtMs = int64(o.value(QLatin1String("startedAtMs")));
    r.finishedAtMs = int64(o.value(QLatin1String("finishedAtMs")));
    r.service = o.value(QLatin1String("service")).toString();
    r.servedBy = o.value(QLatin1String("servedBy")).toString();
    r.kind = providerKindFromString(o.value(QLatin1String("providerKind")).toString())
                 .value_or(ProviderKind::OpenAi);
    r.model = o.value(QLatin1String("model")).toString();
    r.origin = originFromString(o.value(QLatin1String("origin")).toString()).value_or(Origin::Manual);
    r.runId = o.value(QLatin1String("runId")).toString();
    r.outcome = outcomeFromString(o.value(QLatin1String("outcome")).toString()).value_or(Outcome::Failure);
    r.errorClass =
        errorClassFromString(o.value(QLatin1String("errorClass")).toString()).value_or(ErrorClass::None);
    r.errorMessage = o.value(QLatin1String("errorMessage")).toString();
    r.httpStatus = o.value(QLatin1String("httpStatus")).toInt();
    r.latencyMs = o.value(QLatin1String("latencyMs")).toDouble();
    r.attempts = o.value(QLatin1String("attempts")).toInt();
    for (const QJsonValue &v : o.value(QLatin1String("attemptList")).toArray()) {
        const QJsonObject a = v.toObject();
        AttemptRecord ar;
        ar.service = a.value(QLatin1String("service")).toString();
        ar.number = a.value(QLatin1String("number")).toInt(1);
        ar.outcome =
            outcomeFromString(a.value(QLatin1String("outcome")).toString()).value_or(Outcome::Failure);
        ar.errorClass =
            errorClassFromString(a.value(QLatin1String("errorClass")).toString()).value_or(ErrorClass::None);
        ar.errorMessage = a.value(QLatin1String("errorMessage")).toString();
        ar.httpStatus = a.value(QLatin1String("httpStatus")).toInt();
        ar.latencyMs = a.value(QLatin1String("latencyMs")).toDouble();
        ar.chaosIds = stringsFromJson(a.value(QLatin1String("chaosIds")));
        ar.simulated = a.value(QLatin1String("simulated")).toBool();
        r.attemptList << ar;
    }
    r.fallbackUsed = o.value(QLatin1String("fallbackUsed")).toBool();
    r.breakerState = breakerStateFromString(o.value(QLatin1String("breakerState")).toString())
                         .value_or(BreakerState::Closed);
    r.chaosIds = stringsFromJson(o.value(QLatin1String("chaosIds")));
    r.simulated = o.value(QLatin1String("simulated")).toBool();
    r.inputTokens = int64(o.value(QLatin1String("inputTokens")));
    r.outputTokens = int64(o.value(QLatin1String("outputTokens")));
    r.costUsd = o.value(QLatin1String("costUsd")).toDouble();
    r.retryAfterMs = o.value(QLatin1String("retryAfterMs")).toInt(-1);
    r.prompt = o.value(QLatin1String("prompt")).toString();
    r.responseText = o.value(QLatin1String("response")).toString();
    r.responseLength = o.value(QLatin1String("responseLength")).toInt();
    return r;
}

QByteArray RecordCodec::toJournalLine(const StorageItem &item)
{
    QJsonObject o;
    if (const auto *r = std::get_if<RequestRecord>(&item)) {
        o = {{QStringLiteral("k"), QStringLiteral("request")}, {QStringLiteral("v"), r->toJson(true, true)}};
    } else if (const auto *t = std::get_if<BreakerTransition>(&item)) {
        o = {{QStringLiteral("k"), QStringLiteral("transition")},
             {QStringLiteral("v"), transitionToJson(*t)}};
    } else if (const auto *c = std::get_if<ChaosRecord>(&item)) {
        o = {{QStringLiteral("k"), QStringLiteral("chaos")},
             {QStringLiteral("v"), QJsonObject{{QStringLiteral("id"), c->id},
                                               {QStringLiteral("type"), airm::toString(c->type)},
                                               {QStringLiteral("targets"), stringsToJson(c->targets)},
                                               {QStringLiteral("params"), c->params},
                                               {QStringLiteral("startedMs"), c->startedMs},
                                               {QStringLiteral("endsMs"), c->endsMs},
                                               {QStringLiteral("endedMs"), c->endedMs},
                                               {QStringLiteral("status"), c->status},
                                               {QStringLiteral("touched"), c->touched}}}};
    } else if (const auto *s = std::get_if<ScenarioRunRecord>(&item)) {
        o = {{QStringLiteral("k"), QStringLiteral("scenario")},
             {QStringLiteral("v"), QJsonObject{{QStringLiteral("runId"), s->runId},
                                               {QStringLiteral("name"), s->name},
                                               {QStringLiteral("startedMs"), s->startedMs},
                                               {QStringLiteral("endedMs"), s->endedMs},
                                               {QStringLiteral("status"), s->status},
                                               {QStringLiteral("report"), s->report}}}};
    } else if (const auto *a = std::get_if<AlertRecord>(&item)) {
        o = {{QStringLiteral("k"), QStringLiteral("alert")},
             {QStringLiteral("v"), QJsonObject{{QStringLiteral("alertId"), a->alertId},
                                               {QStringLiteral("atMs"), a->atMs},
                                               {QStringLiteral("rule"), a->rule},
                                               {QStringLiteral("severity"), a->severity},
                                               {QStringLiteral("service"), a->service},
                                               {QStringLiteral("message"), a->message},
                                               {QStringLiteral("delivered"), a->delivered}}}};
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<StorageItem> RecordCodec::fromJournalLine(const QByteArray &line, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("not a JSON object: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    const QString kind = doc.object().value(QLatin1String("k")).toString();
    const QJsonObject v = doc.object().value(QLatin1String("v")).toObject();
    if (kind == QLatin1String("request")) return StorageItem{requestFromJson(v)};
    if (kind == QLatin1String("transition")) {
        BreakerTransition t;
        t.atMs = int64(v.value(QLatin1String("atMs")));
        t.service = v.value(QLatin1String("service")).toString();
        t.from =
            breakerStateFromString(v.value(QLatin1String("from")).toString()).value_or(BreakerState::Closed);
        t.to = breakerStateFromString(v.value(QLatin1String("to")).toString()).value_or(BreakerState::Closed);
        t.reason = v.value(QLatin1String("reason")).toString();
        return StorageItem{t};
    }
    if (kind == QLatin1String("chaos")) {
        ChaosRecord c;
        c.id = v.value(QLatin1String("id")).toString();
        c.type = chaosTypeFromString(v.value(QLatin1String("type")).toString()).value_or(ChaosType::Latency);
        c.targets = stringsFromJson(v.value(QLatin1String("targets")));
        c.params = v.value(QLatin1String("params")).toObject();
        c.startedMs = int64(v.value(QLatin1String("startedMs")));
        c.endsMs = int64(v.value(QLatin1String("endsMs")));
        c.endedMs = int64(v.value(QLatin1String("endedMs")));
        c.status = v.value(QLatin1String("status")).toString();
        c.touched = int64(v.value(QLatin1String("touched")));
        return StorageItem{c};
    }
    if (kind == QLatin1String("scenario")) {
        ScenarioRunRecord s;
        s.runId = v.value(QLatin1String("runId")).toString();
        s.name = v.value(QLatin1String("name")).toString();
        s.startedMs = int64(v.value(QLatin1String("startedMs")));
        s.endedMs = int64(v.value(QLatin1String("endedMs")));
        s.status = v.value(QLatin1String("status")).toString();
        s.report = v.value(QLatin1String("report")).toObject();
        return StorageItem{s};
    }
    if (kind == QLatin1String("alert")) {
        AlertRecord a;
        a.alertId = v.value(QLatin1String("alertId")).toString();
        a.atMs = int64(v.value(QLatin1String("atMs")));
        a.rule = v.value(QLatin1String("rule")).toString();
        a.severity = v.value(QLatin1String("severity")).toString();
        a.service = v.value(QLatin1String("service")).toString();
        a.message = v.value(QLatin1String("message")).toString();
        a.delivered = v.value(QLatin1String("delivered")).toBool();
        return StorageItem{a};
    }
    *error = QStringLiteral("unknown journal item kind \"%1\"").arg(kind);
    return std::nullopt;
}

} // namespace airm
