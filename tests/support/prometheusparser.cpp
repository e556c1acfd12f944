#include "prometheusparser.h"

#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace airm::test {
namespace {

// Parses `name="value",...` with the three escapes the format allows.
bool parseLabels(const QByteArray &text, QMap<QString, QString> *labels)
{
    static const QRegularExpression kLabelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype eq = text.indexOf('=', i);
        if (eq < 0) return false;
        const QString name = QString::fromUtf8(text.mid(i, eq - i));
        if (!kLabelName.match(name).hasMatch() || labels->contains(name)) return false;
        i = eq + 1;
        if (i >= text.size() || text[i] != '"') return false;
        ++i;
        QByteArray value;
        for (;; ++i) {
            if (i >= text.size()) return false;
            const char c = text[i];
            if (c == '"') break;
            if (c == '\n') return false;
            if (c == '\\') {
                if (++i >= text.size()) return false;
                const char e = text[i];
                if (e == 'n')
                    value += '\n';
                else if (e == '\\' || e == '"')
                    value += e;
                else
                    return false;
            } else {
                value += c;
            }
        }
        labels->insert(name, QString::fromUtf8(value));
        ++i; // closing quote
        if (i < text.size()) {
            if (text[i] != ',') return false;
            ++i;
        }
    }
    return true;
}

QByteArray familyOf(const QByteArray &sample, const QMap<QByteArray, QByteArray> &types)
{
    for (const char *suffix : {"_bucket", "_sum", "_count"}) {
        if (!sample.endsWith(suffix)) continue;
        const QByteArray base = sample.left(sample.size() - qsizetype(qstrlen(suffix)));
        if (types.value(base) == "histogram") return base;
    }
    return sample;
}

// Per label set: buckets in rising le order, cumulative, +Inf equal to _count, and a _sum.
void checkHistograms(PrometheusText &e)
{
    for (auto t = e.types.cbegin(); t != e.types.cend(); ++t) {
        if (t.value() != "histogram") continue;
        QMap<QString, QList<PrometheusSample>> byLabels;
        for (const PrometheusSample &s : e.find(t.key() + "_bucket")) {
            QMap<QString, QString> rest = s.labels;
            rest.remove(QStringLiteral("le"));
            QString key;
            for (auto it = rest.cbegin(); it != rest.cend(); ++it)
                key += it.key() + u'=' + it.value() + u',';
            byLabels[key].append(s);
            if (!s.labels.contains(QStringLiteral("le"))) e.errors << QStringLiteral("bucket without le");
        }
        for (auto it = byLabels.cbegin(); it != byLabels.cend(); ++it) {
            double lastLe = -INFINITY, lastCount = 0;
            for (const PrometheusSample &b : it.value()) {
                double le = 0;
                if (!parsePrometheusNumber(b.labels.value(QStringLiteral("le")).toLatin1(), &le) ||
                    le <= lastLe)
                    e.errors << QStringLiteral("le not rising in ") + it.key();
                if (b.value < lastCount) e.errors << QStringLiteral("bucket not cumulative in ") + it.key();
                lastLe = le;
                lastCount = b.value;
            }
            if (!std::isinf(lastLe)) e.errors << QStringLiteral("no +Inf bucket in ") + it.key();
            QMap<QString, QString> rest = it.value().first().labels;
            rest.remove(QStringLiteral("le"));
            if (e.value(t.key() + "_count", rest) != lastCount)
                e.errors << QStringLiteral("+Inf != _count in ") + it.key();
            if (std::isnan(e.value(t.key() + "_sum", rest)))
                e.errors << QStringLiteral("no _sum in ") + it.key();
        }
    }
}

} // namespace

QList<PrometheusSample> PrometheusText::find(const QByteArray &name,
                                             const QMap<QString, QString> &match) const
{
    QList<PrometheusSample> out;
    for (const PrometheusSample &s : samples) {
        if (s.name != name) continue;
        bool ok = true;
        for (auto it = match.cbegin(); it != match.cend(); ++it)
            ok = ok && s.labels.value(it.key()) == it.value();
        if (ok) out.append(s);
    }
    return out;
}

double PrometheusText::value(const QByteArray &name, const QMap<QString, QString> &match) const
{
    const QList<PrometheusSample> found = find(name, match);
    return found.size() == 1 ? found.first().value : std::nan("");
}

bool parsePrometheusNumber(const QByteArray &text, double *out)
{
    if (text == "NaN") return *out = std::nan(""), true;
    if (text == "+Inf") return *out = INFINITY, true;
    if (text == "-Inf") return *out = -INFINITY, true;
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

PrometheusText parsePrometheusText(const QByteArray &text)
{
    static const QRegularExpression kSample(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$"));
    static const QRegularExpression kName(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    static const QSet<QByteArray> kTypes{"counter", "gauge", "histogram", "summary", "untyped"};
    PrometheusText e;
    QSet<QByteArray> helped, finished, seriesSeen;
    QByteArray currentFamily;
    if (!text.endsWith('\n')) e.errors << QStringLiteral("no trailing newline");
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n + 1 < lines.size(); ++n) {
        const QByteArray &line = lines[n];
        const QString where = QStringLiteral("line %1: ").arg(n + 1) + QString::fromUtf8(line);
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            const QList<QByteArray> parts = line.mid(7).split(' ');
            const QByteArray &name = parts.value(0);
            if (!kName.match(QString::fromLatin1(name)).hasMatch()) e.errors << where;
            if (finished.contains(name) || currentFamily == name)
                e.errors << QStringLiteral("metadata after samples ") + where;
            if (line.startsWith("# HELP ")) {
                if (helped.contains(name)) e.errors << QStringLiteral("duplicate HELP ") + where;
                helped.insert(name);
            } else {
                if (e.types.contains(name)) e.errors << QStringLiteral("duplicate TYPE ") + where;
                if (parts.size() != 2 || !kTypes.contains(parts.value(1)))
                    e.errors << QStringLiteral("bad TYPE ") + where;
                e.types.insert(name, parts.value(1));
            }
            continue;
        }
        if (line.startsWith('#') || line.isEmpty()) {
            e.errors << QStringLiteral("unexpected line ") + where;
            continue;
        }
        const QRegularExpressionMatch m = kSample.match(QString::fromUtf8(line));
        if (!m.hasMatch()) {
            e.errors << QStringLiteral("bad sample ") + where;
            continue;
        }
        PrometheusSample s;
        s.name = m.captured(1).toLatin1();
        if (!parseLabels(m.captured(3).toUtf8(), &s.labels))
            e.errors << QStringLiteral("bad labels ") + where;
        if (!parsePrometheusNumber(m.captured(4).toLatin1(), &s.value))
            e.errors << QStringLiteral("bad number ") + where;
        const QByteArray family = familyOf(s.name, e.types);
        if (!e.types.contains(family) || !helped.contains(family))
            e.errors << QStringLiteral("sample before HELP/TYPE ") + where;
        if (family != currentFamily) {
            if (finished.contains(family)) e.errors << QStringLiteral("family not contiguous ") + where;
            finished.insert(currentFamily);
            currentFamily = family;
        }
        QByteArray key = s.name;
        for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
            key += ',' + it.key().toUtf8() + '=' + it.value().toUtf8();
        if (seriesSeen.contains(key)) e.errors << QStringLiteral("duplicate series ") + where;
        seriesSeen.insert(key);
        e.samples.append(s);
    }
    checkHistograms(e);
    return e;
}

} // namespace airm::test
