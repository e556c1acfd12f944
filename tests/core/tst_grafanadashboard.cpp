// The Grafana dashboard in packaging/ queries only metrics the program exports, with label values it
// really uses: a renamed metric or label breaks this test instead of a user's dashboard.
#include "metrics/prometheuswriter.h"
#include "model/metricssnapshot.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace airm;

class TestGrafanaDashboard : public QObject
{
    Q_OBJECT

    static QStringList expressions(const QJsonObject &dashboard)
    {
        QStringList out;
        for (const QJsonValue &panel : dashboard.value(QLatin1String("panels")).toArray())
            for (const QJsonValue &target : panel.toObject().value(QLatin1String("targets")).toArray())
                out << target.toObject().value(QLatin1String("expr")).toString();
        for (const QJsonValue &var :
             dashboard.value(QLatin1String("templating")).toObject().value(QLatin1String("list")).toArray())
            if (var.toObject().value(QLatin1String("type")).toString() == QLatin1String("query"))
                out << var.toObject().value(QLatin1String("query")).toString();
        return out;
    }

    // Every sample name of the exposition (histograms give _bucket, _sum and _count) and every label value.
    static void exported(QSet<QString> *names, QSet<QString> *labelValues)
    {
        MetricsSnapshot snapshot;
        ServiceMetrics s;
        s.name = QStringLiteral("gemini");
        snapshot.services.append(s);
        PrometheusExtras extras;
        extras.storageKnown = extras.processKnown = extras.httpKnown = true;
        const QString text =
            QString::fromUtf8(PrometheusWriter::render(snapshot) + PrometheusWriter::renderExtras(extras));
        static const QRegularExpression sample(QStringLiteral("^([a-z_:][a-z0-9_:]*)(\\{[^}]*\\})? "));
        static const QRegularExpression label(QStringLiteral("[a-z_]+=\"([^\"]*)\""));
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1Char('#'))) {
                const QStringList parts = line.split(QLatin1Char(' '));
                if (parts.size() >= 4 && parts.at(1) == QLatin1String("TYPE")) names->insert(parts.at(2));
                continue;
            }
            const QRegularExpressionMatch m = sample.match(line);
            if (!m.hasMatch()) continue;
            names->insert(m.captured(1));
            auto it = label.globalMatch(m.captured(2));
            while (it.hasNext())
                labelValues->insert(it.next().captured(1));
        }
    }

private slots:
    void everyQueriedMetricIsExported()
    {
        QFile f(QFINDTESTDATA("../../packaging/grafana-dashboard.json"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        QJsonParseError error;
        const QJsonObject dashboard = QJsonDocument::fromJson(f.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QStringList exprs = expressions(dashboard);
        QVERIFY(exprs.size() >= 15);

        QSet<QString> names, labelValues;
        exported(&names, &labelValues);
        static const QRegularExpression metric(QStringLiteral("\\b((?:airm|process)_[a-z0-9_]+)\\b"));
        // Label matchers with a literal value (state="open", outcome="success") must match real values.
        static const QRegularExpression literal(
            QStringLiteral("\\b(state|outcome|kind|direction)=\"([a-z_]+)\""));
        int checked = 0;
        for (const QString &e : exprs) {
            auto it = metric.globalMatch(e);
            while (it.hasNext()) {
                const QString name = it.next().captured(1);
                QVERIFY2(names.contains(name),
                         qPrintable(QStringLiteral("%1 (in %2) is not exported").arg(name, e)));
                ++checked;
            }
            auto lit = literal.globalMatch(e);
            while (lit.hasNext()) {
                const QRegularExpressionMatch m = lit.next();
                QVERIFY2(
                    labelValues.contains(m.captured(2)),
                    qPrintable(QStringLiteral("%1=\"%2\" never occurs").arg(m.captured(1), m.captured(2))));
            }
        }
        QVERIFY(checked >= 20);
    }
};

QTEST_GUILESS_MAIN(TestGrafanaDashboard)
#include "tst_grafanadashboard.moc"
