// How records become rows and journal lines and back: the requests column list and its binding, the compact
// attempt list (fields equal to the request's are left out; NULL when the only attempt is the request
// itself), the storage policy for prompt and response texts, and the JSON Lines journal encoding of every
// StorageItem. Pure functions, any thread.
#pragma once

#include "historytypes.h"
#include "minuterollup.h"
#include "storagecodes.h"
#include "storageconfig.h"
#include "storageitem.h"

#include <QByteArray>
#include <QSqlQuery>
#include <optional>

namespace airm {

class RecordCodec
{
public:
    // "id, ts, dur, ..." in the order readRequest() expects.
    static const QString &requestSelectColumns();
    // The columns bindRequest() fills, in order (no id).
    static const QStringList &requestInsertColumns();
    // Binds requestInsertColumns().size() values at positions pos, pos+1, ...; advances pos.
    static void bindRequest(QSqlQuery &q, int &pos, const RequestRecord &r);
    // Hands the values of requestInsertColumns(), in order, to sink.null(), sink.integer(qint64) and
    // sink.text(const QString &): the one definition of the row layout, shared by every binding path.
    template<typename Sink> static void visitRequest(const RequestRecord &r, Sink &&sink);
    // Reads the current row of a query selecting requestSelectColumns(), starting at column first.
    static StoredRequest readRequest(const QSqlQuery &q, int first = 0);

    // Null QString when the attempt list can be derived from the request (see the class comment).
    static QString encodeAttempts(const RequestRecord &r);
    static QList<AttemptRecord> decodeAttempts(const QString &json, const RequestRecord &r);

    // Applies StorageConfig's text policy: prompt dropped or truncated, response dropped unless enabled.
    static void applyPolicy(RequestRecord &r, const StorageConfig &config);

    static QByteArray toJournalLine(const StorageItem &item);
    // std::nullopt with *error for a line that is not a complete item (a torn last line after a crash).
    static std::optional<StorageItem> fromJournalLine(const QByteArray &line, QString *error);

    // The inverse of RequestRecord::toJson(true, true).
    static RequestRecord requestFromJson(const QJsonObject &o);

private:
    template<typename E> static qint64 storageCode(E v) { return storagecodes::code(v); }
};

template<typename Sink> void RecordCodec::visitRequest(const RequestRecord &r, Sink &&sink)
{
    auto textOrNull = [&](const QString &t) {
        if (t.isEmpty())
            sink.null();
        else
            sink.text(t);
    };
    sink.integer(r.startedAtMs);
    sink.integer(r.finishedAtMs > r.startedAtMs ? r.finishedAtMs - r.startedAtMs : 0);
    sink.integer(qint64(r.id));
    sink.text(r.service);
    // NULL: served by the asked service (the common case); '' keeps an explicitly empty servedBy apart.
    if (r.servedBy == r.service)
        sink.null();
    else
        sink.text(r.servedBy.isNull() ? QStringLiteral("") : r.servedBy);
    sink.integer(storageCode(r.kind));
    textOrNull(r.model);
    sink.integer(storageCode(r.origin));
    textOrNull(r.runId);
    sink.integer(storageCode(r.outcome));
    sink.integer(storageCode(r.errorClass));
    textOrNull(r.errorMessage);
    sink.integer(r.httpStatus);
    sink.integer(latencyToUs(r.latencyMs));
    sink.integer(r.attempts);
    textOrNull(encodeAttempts(r));
    sink.integer(r.fallbackUsed ? 1 : 0);
    sink.integer(storageCode(r.breakerState));
    if (r.chaosIds.isEmpty())
        sink.null();
    else
        sink.text(r.chaosIds.join(QLatin1Char(',')));
    sink.integer(r.simulated ? 1 : 0);
    sink.integer(r.inputTokens);
    sink.integer(r.outputTokens);
    sink.integer(costToNanoUsd(r.costUsd));
    if (r.retryAfterMs >= 0)
        sink.integer(r.retryAfterMs);
    else
        sink.null();
    sink.integer(r.responseLength);
    textOrNull(r.prompt);
    textOrNull(r.responseText);
}

} // namespace airm
