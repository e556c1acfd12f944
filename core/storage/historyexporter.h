// Streams history to a QIODevice as CSV (RFC 4180: comma separated, CRLF line ends, fields with commas,
// quotes or line breaks quoted, quotes doubled, line breaks kept as they are) or as one JSON document, with
// the same filters as history pages. Rows are read in keyset pages and written page by page, so memory stays
// bounded whatever the size of the export. Thread affinity: any thread (uses that thread's connection).
#pragma once

#include "historystore.h"

#include <QIODevice>
#include <functional>

namespace airm {

struct ExportOptions
{
    int pageSize = 1000;
    bool includePrompt = true;
    bool includeAttempts = true; // JSON only: the per-attempt list
    // Polled between rows (from the exporting thread); when it answers true the export stops and returns -1
    // with the error "export cancelled".
    std::function<bool()> cancelled;
    // Called after each page with the rows written so far.
    std::function<void(qint64 rows)> progress;
};

class HistoryExporter
{
public:
    explicit HistoryExporter(const HistoryStore &store);

    // Both return the number of rows written, or -1 with *error (reading or writing failed).
    qint64 exportCsv(const HistoryFilter &filter, QIODevice *out, QString *error = nullptr,
                     const ExportOptions &options = {}) const;
    // {"exportedAt", "filter", "requests": [RequestRecord::toJson() + rowId, ...], "count"}
    qint64 exportJson(const HistoryFilter &filter, QIODevice *out, qint64 exportedAtMs,
                      QString *error = nullptr, const ExportOptions &options = {}) const;

    static QStringList csvColumns(bool includePrompt = true);
    static QStringList csvValues(const StoredRequest &row, bool includePrompt = true);
    // One field, quoted when RFC 4180 requires it.
    static QString csvField(const QString &value);

private:
    const HistoryStore &m_store;
};

} // namespace airm
