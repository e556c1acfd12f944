// RFC 4180 CSV: fields with commas, quotes, CR or LF are quoted and quotes doubled; records end with CRLF;
// UTF-8 without a byte order mark. The parser reads the same dialect back (for tests and imports).
// Thread affinity: none (stateless functions).
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace airm {

class CsvWriter
{
public:
    static QString field(const QString &value);
    // One record, CRLF-terminated, UTF-8.
    static QByteArray record(const QStringList &fields);
    // Parses a whole document; false with *error (line number and reason) on an unterminated quote or a
    // character after a closing quote.
    static bool parse(const QByteArray &csv, QList<QStringList> *records, QString *error);
};

} // namespace airm
