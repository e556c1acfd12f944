#include "csvwriter.h"

namespace airm {

QString CsvWriter::field(const QString &value)
{
    const bool quote = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) ||
                       value.contains(QLatin1Char('\r')) || value.contains(QLatin1Char('\n'));
    if (!quote) return value;
    QString escaped = value;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray CsvWriter::record(const QStringList &fields)
{
    QString line;
    for (int i = 0; i < fields.size(); ++i) {
        if (i) line += QLatin1Char(',');
        line += field(fields.at(i));
    }
    line += QLatin1String("\r\n");
    return line.toUtf8();
}

bool CsvWriter::parse(const QByteArray &csv, QList<QStringList> *records, QString *error)
{
    records->clear();
    const QString text = QString::fromUtf8(csv);
    QStringList current;
    QString fieldText;
    bool inQuotes = false, afterQuote = false, any = false;
    int line = 1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    fieldText += c;
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else {
                if (c == QLatin1Char('\n')) ++line;
                fieldText += c;
            }
            continue;
        }
        if (c == QLatin1Char(',')) {
            current << fieldText;
            fieldText.clear();
            afterQuote = false;
            any = true;
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) ++i;
            current << fieldText;
            records->append(current);
            current.clear();
            fieldText.clear();
            afterQuote = false;
            any = false;
            ++line;
        } else if (c == QLatin1Char('"') && fieldText.isEmpty() && !afterQuote) {
            inQuotes = true;
            any = true;
        } else if (afterQuote) {
            *error = QStringLiteral("line %1: text after a closing quote").arg(line);
            return false;
        } else {
            fieldText += c;
            any = true;
        }
    }
    if (inQuotes) {
        *error = QStringLiteral("line %1: unterminated quoted field").arg(line);
        return false;
    }
    if (any || !fieldText.isEmpty()) {
        current << fieldText;
        records->append(current);
    }
    return true;
}

} // namespace airm
