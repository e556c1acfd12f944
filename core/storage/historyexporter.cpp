#include "historyexporter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace airm {
namespace {

bool writeAll(QIODevice *out, const QByteArray &bytes, QString *error)
{
    if (bytes.isEmpty()) return true;
    if (out->write(bytes) != bytes.size()) {
        if (error) *error = QStringLiteral("writing the export failed: %1").arg(out->errorString());
        return false;
    }
    return true;
}

QString number(double v)
{
    return QString::number(v, 'g', 15);
}

// The export loop of both formats: head, then rowBytes(row, index) for every row of the filter, then
// tail(rows), written in chunks of about 64 KiB. Cancellation, progress and errors as ExportOptions and
// HistoryExporter say.
qint64 streamRows(const HistoryStore &store, const HistoryFilter &filter, QIODevice *out, QString *error,
                  const ExportOptions &options, const QByteArray &head,
                  const std::function<QByteArray(const StoredRequest &, qint64 index)> &rowBytes,
                  const std::function<QByteArray(qint64 rows)> &tail)
{
    if (!writeAll(out, head, error)) return -1;
    QByteArray buffer;
    bool writeFailed = false, cancelled = false;
    qint64 written = 0;
    QString readError;
    const qint64 rows = store.forEach(
        filter, options.pageSize,
        [&](const StoredRequest &row) {
            if (options.cancelled && options.cancelled()) {
                cancelled = true;
                return false;
            }
            buffer += rowBytes(row, written++);
            if (options.progress && written % options.pageSize == 0) options.progress(written);
            if (buffer.size() >= (1 << 16)) {
                if (!writeAll(out, buffer, error)) {
                    writeFailed = true;
                    return false;
                }
                buffer.clear();
            }
            return true;
        },
        &readError);
    if (writeFailed) return -1;
    if (cancelled) {
        if (error) *error = QStringLiteral("export cancelled");
        return -1;
    }
    if (!readError.isEmpty()) {
        if (error) *error = readError;
        return -1;
    }
    buffer += tail(rows);
    if (!writeAll(out, buffer, error)) return -1;
    if (options.progress) options.progress(rows);
    if (error) error->clear();
    return rows;
}

} // namespace

HistoryExporter::HistoryExporter(const HistoryStore &store)
    : m_store(store)
{}

QString HistoryExporter::csvField(const QString &value)
{
    const bool quote = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) ||
                       value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'));
    if (!quote) return value;
    QString s = value;
    s.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QStringList HistoryExporter::csvColumns(bool includePrompt)
{
    QStringList c{
        QStringLiteral("rowId"),        QStringLiteral("id"),           QStringLiteral("timestamp"),
        QStringLiteral("startedAtMs"),  QStringLiteral("finishedAtMs"), QStringLiteral("service"),
        QStringLiteral("servedBy"),     QStringLiteral("providerKind"), QStringLiteral("model"),
        QStringLiteral("origin"),       QStringLiteral("runId"),        QStringLiteral("outcome"),
        QStringLiteral("success"),      QStringLiteral("errorClass"),   QStringLiteral("errorMessage"),
        QStringLiteral("httpStatus"),   QStringLiteral("latencyMs"),    QStringLiteral("attempts"),
        QStringLiteral("fallbackUsed"), QStringLiteral("breakerState"), QStringLiteral("chaosIds"),
        QStringLiteral("simulated"),    QStringLiteral("inputTokens"),  QStringLiteral("outputTokens"),
        QStringLiteral("costUsd"),      QStringLiteral("retryAfterMs"), QStringLiteral("responseLength")};
    if (includePrompt) c << QStringLiteral("prompt");
    return c;
}

QStringList HistoryExporter::csvValues(const StoredRequest &row, bool includePrompt)
{
    const RequestRecord &r = row.record;
    auto boolText = [](bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); };
    QStringList v{QString::number(row.rowId),
                  QString::number(r.id),
                  QDateTime::fromMSecsSinceEpoch(r.startedAtMs, Qt::UTC).toString(Qt::ISODateWithMs),
                  QString::number(r.startedAtMs),
                  QString::number(r.finishedAtMs),
                  r.service,
                  r.servedBy,
                  airm::toString(r.kind),
                  r.model,
                  airm::toString(r.origin),
                  r.runId,
                  airm::toString(r.outcome),
                  boolText(r.succeeded()),
                  airm::toString(r.errorClass),
                  r.errorMessage,
                  QString::number(r.httpStatus),
                  number(r.latencyMs),
                  QString::number(r.attempts),
                  boolText(r.fallbackUsed),
                  airm::toString(r.breakerState),
                  r.chaosIds.join(QLatin1Char(';')),
                  boolText(r.simulated),
                  QString::number(r.inputTokens),
                  QString::number(r.outputTokens),
                  number(r.costUsd),
                  r.retryAfterMs >= 0 ? QString::number(r.retryAfterMs) : QString(),
                  QString::number(r.responseLength)};
    if (includePrompt) v << r.prompt;
    return v;
}

qint64 HistoryExporter::exportCsv(const HistoryFilter &filter, QIODevice *out, QString *error,
                                  const ExportOptions &options) const
{
    auto line = [](const QStringList &fields) {
        QString s;
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i) s += QLatin1Char(',');
            s += csvField(fields[i]);
        }
        s += QLatin1String("\r\n");
        return s.toUtf8();
    };
    return streamRows(
        m_store, filter, out, error, options, line(csvColumns(options.includePrompt)),
        [&](const StoredRequest &row, qint64) { return line(csvValues(row, options.includePrompt)); },
        [](qint64) { return QByteArray(); });
}

qint64 HistoryExporter::exportJson(const HistoryFilter &filter, QIODevice *out, qint64 exportedAtMs,
                                   QString *error, const ExportOptions &options) const
{
    const QByteArray exportedAt =
        QDateTime::fromMSecsSinceEpoch(exportedAtMs, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
    const QByteArray head = "{\"exportedAt\":\"" + exportedAt +
                            "\",\"filter\":" + QJsonDocument(filter.toJson()).toJson(QJsonDocument::Compact) +
                            ",\"requests\":[";
    return streamRows(
        m_store, filter, out, error, options, head,
        [&](const StoredRequest &row, qint64 index) -> QByteArray {
            QJsonObject o = row.toJson(options.includePrompt);
            if (!options.includeAttempts) o.remove(QStringLiteral("attemptList"));
            return (index ? ",\n" : "\n") + QJsonDocument(o).toJson(QJsonDocument::Compact);
        },
        [](qint64 rows) -> QByteArray { return "\n],\"count\":" + QByteArray::number(rows) + "}\n"; });
}

} // namespace airm
