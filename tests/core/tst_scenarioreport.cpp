// Reports: the JSON validates against docs/report-schema.json (and the built-in plans against
// docs/plan-schema.json) with a small validator for the keywords the schemas use; the CSV files parse back
// and their counts match the run; the seed's score and impact formulas; the report store refuses every name
// it did not list (path traversal, encodings, absolute paths); window reports from live data.
#include "common/clock.h"
#include "engine/requestengine.h"
#include "scenarios/csvwriter.h"
#include "scenarios/planlibrary.h"
#include "scenarios/reportbuilder.h"
#include "scenarios/reportstore.h"
#include "scenarios/scenariorunner.h"

#include "fixedlatencyservice.h"
#include "testprinters.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace airm;
using namespace airm::test;

namespace {

// ---------------------------------------------------------------------------- a JSON Schema subset validator

class SchemaValidator
{
public:
    explicit SchemaValidator(QJsonObject root)
        : m_root(std::move(root))
    {}

    QStringList validate(const QJsonValue &v) { return check(v, m_root, QStringLiteral("$")); }

private:
    QStringList check(const QJsonValue &v, QJsonObject schema, const QString &path)
    {
        QStringList errors;
        if (schema.contains(QLatin1String("$ref"))) {
            const QString ref = schema.value(QLatin1String("$ref")).toString();
            if (!ref.startsWith(QLatin1String("#/$defs/")))
                return {path + QStringLiteral(": unsupported $ref ") + ref};
            schema = m_root.value(QLatin1String("$defs")).toObject().value(ref.mid(8)).toObject();
            if (schema.isEmpty()) return {path + QStringLiteral(": unresolved $ref ") + ref};
        }
        static const QStringList known{QStringLiteral("$schema"),
                                       QStringLiteral("$id"),
                                       QStringLiteral("$defs"),
                                       QStringLiteral("title"),
                                       QStringLiteral("description"),
                                       QStringLiteral("type"),
                                       QStringLiteral("properties"),
                                       QStringLiteral("required"),
                                       QStringLiteral("additionalProperties"),
                                       QStringLiteral("items"),
                                       QStringLiteral("enum"),
                                       QStringLiteral("minimum"),
                                       QStringLiteral("maximum"),
                                       QStringLiteral("pattern"),
                                       QStringLiteral("minItems")};
        for (auto it = schema.begin(); it != schema.end(); ++it)
            if (!known.contains(it.key()))
                errors << path + QStringLiteral(": schema uses unsupported keyword ") + it.key();

        if (schema.contains(QLatin1String("type"))) {
            QStringList types;
            const QJsonValue t = schema.value(QLatin1String("type"));
            if (t.isString())
                types << t.toString();
            else
                for (const QJsonValue &e : t.toArray())
                    types << e.toString();
            bool ok = false;
            for (const QString &type : std::as_const(types))
                ok = ok || isType(v, type);
            if (!ok) return errors << path + QStringLiteral(": expected ") + types.join(QLatin1Char('|'));
        }
        if (schema.contains(QLatin1String("enum")) &&
            !schema.value(QLatin1String("enum")).toArray().contains(v))
            errors << path + QStringLiteral(": not one of the allowed values: ") + jsonText(v);
        if (v.isDouble()) {
            if (schema.contains(QLatin1String("minimum")) &&
                v.toDouble() < schema.value(QLatin1String("minimum")).toDouble())
                errors << path + QStringLiteral(": below minimum");
            if (schema.contains(QLatin1String("maximum")) &&
                v.toDouble() > schema.value(QLatin1String("maximum")).toDouble())
                errors << path + QStringLiteral(": above maximum");
        }
        if (v.isString() && schema.contains(QLatin1String("pattern"))) {
            const QRegularExpression re(schema.value(QLatin1String("pattern")).toString());
            if (!re.match(v.toString()).hasMatch())
                errors << path + QStringLiteral(": does not match the pattern: ") + v.toString();
        }
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            const QJsonObject props = schema.value(QLatin1String("properties")).toObject();
            for (const QJsonValue &r : schema.value(QLatin1String("required")).toArray())
                if (!o.contains(r.toString()))
                    errors << path + QStringLiteral(": missing required ") + r.toString();
            const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QString p = path + QLatin1Char('.') + it.key();
                if (props.contains(it.key()))
                    errors << check(it.value(), props.value(it.key()).toObject(), p);
                else if (additional.isBool() && !additional.toBool())
                    errors << p + QStringLiteral(": not allowed");
                else if (additional.isObject())
                    errors << check(it.value(), additional.toObject(), p);
            }
        }
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            if (schema.contains(QLatin1String("minItems")) &&
                a.size() < schema.value(QLatin1String("minItems")).toInt())
                errors << path + QStringLiteral(": too few items");
            if (schema.contains(QLatin1String("items")))
                for (int i = 0; i < a.size(); ++i)
                    errors << check(a.at(i), schema.value(QLatin1String("items")).toObject(),
                                    path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'));
        }
        return errors;
    }

    static bool isType(const QJsonValue &v, const QString &type)
    {
        if (type == QLatin1String("object")) return v.isObject();
        if (type == QLatin1String("array")) return v.isArray();
        if (type == QLatin1String("string")) return v.isString();
        if (type == QLatin1String("number")) return v.isDouble();
        if (type == QLatin1String("integer")) return v.isDouble() && v.toDouble() == std::floor(v.toDouble());
        if (type == QLatin1String("boolean")) return v.isBool();
        if (type == QLatin1String("null")) return v.isNull();
        return false;
    }

    static QString jsonText(const QJsonValue &v)
    {
        return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
    }

    QJsonObject m_root;
};

QJsonObject loadJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(path));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// ------------------------------------------------------------------------------------------ a run to report

constexpr int kServiceLatencyMs = 100;

struct Rig
{
    ManualClock clock;
    std::unique_ptr<RequestEngine> engine;
    Rig()
    {
        EngineConfig config;
        config.seed = 7;
        engine = std::make_unique<RequestEngine>(
            config,
            QList<ServiceConfig>{fixedLatencyService(QStringLiteral("a"), kServiceLatencyMs),
                                 fixedLatencyService(QStringLiteral("b"), 200)},
            &clock);
    }
    RunResult run(const QString &json)
    {
        QString error;
        const Plan plan = Plan::fromJsonText(json.toUtf8(), &error);
        if (!error.isEmpty()) qWarning("%s", qPrintable(error));
        ScenarioRunner runner(*engine, plan);
        if (!runner.start(&error)) qWarning("%s", qPrintable(error));
        for (int i = 0; i < 20'000 && !runner.isFinished(); ++i)
            clock.advance(100);
        return runner.result();
    }
};

const char *const kMixedPlan = R"({"schemaVersion":1,"name":"mixed","title":"Load, chaos, checks",
    "hypothesis":{"probes":[{"name":"ok","type":"success_rate","service":"all","minPct":50,"window":"1m","when":["during","after"]},
                            {"name":"closed","type":"breaker_state","service":"all","state":"CLOSED"},
                            {"name":"lost","type":"no_request_lost","when":["after"]}]},
    "abortConditions":[{"name":"alive","type":"success_rate","service":"all","minPct":1,"window":"30s","for":"1m"}],
    "method":[{"type":"load","id":"warm","experimentId":"LOAD_NORMAL","duration":"20s","load":{"strategy":"round_robin","interval":"1s"}},
              {"type":"check","probes":["ok"]},
              {"type":"chaos","duration":"15s","chaos":{"type":"failure","targets":["a"],"probabilityPct":100},
               "load":{"interval":"500ms"}},
              {"type":"group","steps":[{"type":"chaos","duration":"10s","chaos":{"type":"latency","targets":["b"],"latencyMs":300},"load":{"interval":"1s"}},
                                       {"type":"load","duration":"10s","load":{"service":"a","interval":"1s"}}]},
              {"type":"wait","duration":"5s"}]})";

} // namespace

class TestScenarioReport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_reportSchema = loadJson(QFINDTESTDATA("../../docs/report-schema.json"));
        m_planSchema = loadJson(QFINDTESTDATA("../../docs/plan-schema.json"));
        QVERIFY(!m_reportSchema.isEmpty());
        QVERIFY(!m_planSchema.isEmpty());
        Rig rig;
        m_run = rig.run(QString::fromLatin1(kMixedPlan));
        QCOMPARE(m_run.status, RunStatus::Completed);
        m_bundle = ReportBuilder::fromRun(m_run, QStringLiteral("20250102_030405"));
        if (qEnvironmentVariableIsSet("AIRM_REPORT_DUMP")) { // to look at the files by eye
            QString error;
            ReportStore(qEnvironmentVariable("AIRM_REPORT_DUMP")).save(m_bundle, &error);
        }
    }

    void scenarioReportValidatesAgainstTheSchema()
    {
        const QStringList errors = SchemaValidator(m_reportSchema).validate(m_bundle.report);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 10).join(QLatin1Char('\n'))));
        // The document round-trips through its text form.
        QCOMPARE(QJsonDocument::fromJson(m_bundle.json()).object(), m_bundle.report);
    }

    void validatorCatchesABrokenReport()
    {
        QJsonObject broken = m_bundle.report;
        broken.remove(QStringLiteral("verdict"));
        QJsonArray steps = broken.value(QLatin1String("steps")).toArray();
        QJsonObject step = steps[0].toObject();
        step.insert(QStringLiteral("type"), QStringLiteral("bogus"));
        step.insert(QStringLiteral("durationMs"), QStringLiteral("long"));
        steps[0] = step;
        broken.insert(QStringLiteral("steps"), steps);
        const QString errors = SchemaValidator(m_reportSchema).validate(broken).join(QLatin1Char('\n'));
        QVERIFY(errors.contains(QLatin1String("$: missing required verdict")));
        QVERIFY(errors.contains(QLatin1String("$.steps[0].type: not one of the allowed values")));
        QVERIFY(errors.contains(QLatin1String("$.steps[0].durationMs: expected integer")));
    }

    void builtInPlanRunsValidateToo_data()
    {
        QTest::addColumn<QString>("plan");
        QTest::addRow("breaker-drill") << QStringLiteral("breaker-drill");
        QTest::addRow("validation") << QStringLiteral("validation");
    }
    void builtInPlanRunsValidateToo()
    {
        QFETCH(QString, plan);
        ManualClock clock;
        EngineConfig config;
        config.seed = 3;
        RequestEngine engine(config,
                             {fixedLatencyService(QStringLiteral("gemini"), kServiceLatencyMs),
                              fixedLatencyService(QStringLiteral("cohere"), kServiceLatencyMs),
                              fixedLatencyService(QStringLiteral("huggingface"), kServiceLatencyMs)},
                             &clock);
        QString error;
        ScenarioRunner::Options o;
        o.timeScale = 10;
        ScenarioRunner runner(engine, PlanLibrary::load(plan, &error), o);
        QVERIFY(runner.start(&error));
        for (int i = 0; i < 100'000 && !runner.isFinished(); ++i)
            clock.advance(100);
        QVERIFY(runner.isFinished());
        const ReportBundle b = ReportBuilder::fromRun(runner.result());
        const QStringList errors = SchemaValidator(m_reportSchema).validate(b.report);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 10).join(QLatin1Char('\n'))));
        QCOMPARE(
            b.report.value(QLatin1String("verdict")).toObject().value(QLatin1String("result")).toString(),
            QStringLiteral("passed"));
    }

    void builtInPlansValidateAgainstThePlanSchema_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &n : PlanLibrary::builtInNames())
            QTest::addRow("%s", qPrintable(n)) << n;
    }
    void builtInPlansValidateAgainstThePlanSchema()
    {
        QFETCH(QString, name);
        const QJsonObject plan = QJsonDocument::fromJson(PlanLibrary::builtInText(name)).object();
        const QStringList errors = SchemaValidator(m_planSchema).validate(plan);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(!SchemaValidator(m_planSchema).validate(QJsonObject{{QStringLiteral("name"), 1}}).isEmpty());
    }

    void reportHoldsTheRunsNumbers()
    {
        const QJsonObject r = m_bundle.report;
        QCOMPARE(r.value(QLatin1String("kind")).toString(), QStringLiteral("scenario"));
        QCOMPARE(r.value(QLatin1String("environment")).toObject().value(QLatin1String("version")).toString(),
                 QStringLiteral(AIRM_VERSION));
        const QJsonObject totals = r.value(QLatin1String("totals")).toObject();
        QCOMPARE(totals.value(QLatin1String("requests")).toInteger(), m_run.requestsObserved);
        const QJsonArray services = r.value(QLatin1String("services")).toArray();
        QCOMPARE(services.size(), 2);
        qint64 sum = 0;
        for (const QJsonValue &s : services)
            sum += s.toObject().value(QLatin1String("requests")).toInteger();
        QCOMPARE(sum, m_run.requestsObserved);
        // Service a: failures by class, rejections while open, breaker trips, a measured recovery and a
        // score.
        const QJsonObject a = services[0].toObject();
        QCOMPARE(a.value(QLatin1String("service")).toString(), QStringLiteral("a"));
        QVERIFY(a.value(QLatin1String("failuresByClass"))
                    .toObject()
                    .value(QLatin1String("server_error"))
                    .toInteger() >= 3);
        QVERIFY(a.value(QLatin1String("rejected")).toInteger() > 0);
        QCOMPARE(a.value(QLatin1String("breakerTrips")).toInteger(), 1);
        const QJsonObject recovery = a.value(QLatin1String("recovery")).toObject();
        QCOMPARE(recovery.value(QLatin1String("measurements")).toInt(), 1);
        QCOMPARE(recovery.value(QLatin1String("recovered")).toInt(), 1);
        const double recoveryS = recovery.value(QLatin1String("avgForScoreS")).toDouble();
        QVERIFY(recoveryS > 5 && recoveryS < 30);
        const QJsonObject score = a.value(QLatin1String("resilienceScore")).toObject();
        const double sr = a.value(QLatin1String("successRatePct")).toDouble();
        const double lat =
            a.value(QLatin1String("latencyMs")).toObject().value(QLatin1String("avg")).toDouble();
        QCOMPARE(lat, 100.0);
        QVERIFY(std::abs(score.value(QLatin1String("score")).toDouble() -
                         ReportBuilder::resilienceScore(sr, lat, 1, recoveryS)) < 0.01);
        // Steps: per service statistics; the chaos step on a counts a's failures.
        const QJsonArray steps = r.value(QLatin1String("steps")).toArray();
        QCOMPARE(steps.size(), 7); // load, check, chaos, group, chaos, load, wait
        const QJsonObject chaosStep = steps[2].toObject();
        QCOMPARE(chaosStep.value(QLatin1String("type")).toString(), QStringLiteral("chaos"));
        QCOMPARE(chaosStep.value(QLatin1String("experimentId")).toString(), QStringLiteral("1"));
        QCOMPARE(chaosStep.value(QLatin1String("recoveries")).toArray().size(), 1);
        const QJsonObject chaosA = chaosStep.value(QLatin1String("services")).toArray()[0].toObject();
        QCOMPARE(chaosA.value(QLatin1String("service")).toString(), QStringLiteral("a"));
        QCOMPARE(chaosA.value(QLatin1String("successes")).toInt(), 0);
        QCOMPARE(chaosA.value(QLatin1String("breakerTrips")).toInt(), 1);
        // Impact per chaos type.
        const QJsonArray impact = r.value(QLatin1String("chaosTypes")).toArray();
        QCOMPARE(impact.size(), 2);
        QCOMPARE(impact[0].toObject().value(QLatin1String("type")).toString(), QStringLiteral("failure"));
        QCOMPARE(impact[0].toObject().value(QLatin1String("impact")).toString(), QStringLiteral("High"));
        QCOMPARE(impact[1].toObject().value(QLatin1String("impact")).toString(), QStringLiteral("Low"));
        // Probes: before, check, during, after, abort.
        QStringList phases;
        for (const QJsonValue &p : r.value(QLatin1String("probes")).toArray())
            phases << p.toObject().value(QLatin1String("phase")).toString();
        for (const char *phase : {"before", "check", "during", "after", "abort"})
            QVERIFY2(phases.contains(QLatin1String(phase)), phase);
        QCOMPARE(r.value(QLatin1String("files")).toArray().size(), 5);
    }

    void csvFilesParseBackAndCountsMatch()
    {
        QList<QStringList> rows;
        QString error;
        QVERIFY2(CsvWriter::parse(m_bundle.requestLogCsv, &rows, &error), qPrintable(error));
        QCOMPARE(rows[0], ReportBuilder::requestLogColumns());
        QCOMPARE(rows.size() - 1, m_run.requests.size());
        QCOMPARE(qint64(rows.size() - 1), m_run.requestsObserved);
        int successes = 0, chaosRows = 0;
        for (int i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].size(), 10);
            if (rows[i][5] == QLatin1String("True")) ++successes;
            if (rows[i][4] == QLatin1String("True")) {
                ++chaosRows;
                QVERIFY(rows[i][3] != QLatin1String("NONE"));
            }
            QVERIFY(
                QStringList({QStringLiteral("CLOSED"), QStringLiteral("OPEN"), QStringLiteral("HALF_OPEN")})
                    .contains(rows[i][8]));
        }
        const auto expected = std::count_if(m_run.requests.begin(), m_run.requests.end(),
                                            [](const ObservedRequest &o) { return o.succeeded(); });
        QCOMPARE(successes, int(expected));
        QVERIFY(chaosRows > 0);

        QVERIFY(CsvWriter::parse(m_bundle.experimentLogCsv, &rows, &error));
        QCOMPARE(rows[0], ReportBuilder::experimentLogColumns());
        // A row per chaos target and per load step and service: chaos a, chaos b, warm load a and b, load a.
        QCOMPARE(rows.size() - 1, 5);
        int chaosTotal = 0;
        for (int i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].size(), 15);
            QCOMPARE(rows[i][6].toInt(), rows[i][7].toInt() + rows[i][8].toInt());
            if (rows[i][2] == QLatin1String("failure")) {
                QCOMPARE(rows[i][4], QStringLiteral("a"));
                QCOMPARE(rows[i][5], QStringLiteral("15.00"));
                QCOMPARE(rows[i][7], QStringLiteral("0"));
                QCOMPARE(rows[i][13], QStringLiteral("1"));
                QVERIFY(!rows[i][14].isEmpty()); // a measured recovery, not a sleep
                chaosTotal = rows[i][6].toInt();
            }
        }
        int inChaos = 0;
        for (const ObservedRequest &o : m_run.requests)
            if (o.service == QLatin1String("a") && o.startedAtMs >= m_run.chaos[0].startedAtMs &&
                o.startedAtMs < m_run.chaos[0].endedAtMs)
                ++inChaos;
        QCOMPARE(chaosTotal, inChaos);

        QVERIFY(CsvWriter::parse(m_bundle.serviceComparisonCsv, &rows, &error));
        QCOMPARE(rows[0], ReportBuilder::serviceComparisonColumns());
        QCOMPARE(rows.size() - 1, 2); // the seed wrote the header only
        qint64 total = 0;
        for (int i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].size(), 9);
            total += rows[i][2].toLongLong();
            QVERIFY(!rows[i][8].isEmpty());
        }
        QCOMPARE(total, m_run.requestsObserved);
    }

    void csvQuotingFollowsRfc4180_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("encoded");
        QTest::addRow("plain") << QStringLiteral("plain") << QStringLiteral("plain");
        QTest::addRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::addRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::addRow("newline") << QStringLiteral("two\nlines") << QStringLiteral("\"two\nlines\"");
        QTest::addRow("crlf") << QStringLiteral("a\r\nb") << QStringLiteral("\"a\r\nb\"");
        QTest::addRow("empty") << QString() << QString();
        QTest::addRow("unicode") << QStringLiteral("Zürich ✓") << QStringLiteral("Zürich ✓");
    }
    void csvQuotingFollowsRfc4180()
    {
        QFETCH(QString, value);
        QFETCH(QString, encoded);
        QCOMPARE(CsvWriter::field(value), encoded);
        const QByteArray record =
            CsvWriter::record({value, QStringLiteral("x")}) + CsvWriter::record({QStringLiteral("y"), value});
        QVERIFY(record.endsWith("\r\n"));
        QList<QStringList> rows;
        QString error;
        QVERIFY(CsvWriter::parse(record, &rows, &error));
        QCOMPARE(rows, (QList<QStringList>{{value, QStringLiteral("x")}, {QStringLiteral("y"), value}}));
        QVERIFY(!CsvWriter::parse("\"open", &rows, &error));
        QVERIFY(error.contains(QLatin1String("unterminated")));
    }

    void resilienceScoreIsTheSeedsFormula_data()
    {
        QTest::addColumn<double>("sr");
        QTest::addColumn<double>("latency");
        QTest::addColumn<qint64>("trips");
        QTest::addColumn<double>("recoveryS");
        QTest::addColumn<double>("score");
        QTest::addRow("perfect") << 100.0 << 0.0 << qint64(0) << 0.0 << 100.0;
        QTest::addRow("typical") << 90.0 << 1500.0 << qint64(2) << 30.0 << 36.0 + 21.0 + 16.0 + 9.7;
        QTest::addRow("caps") << 0.0 << 9000.0 << qint64(15) << 5000.0 << 0.0;
        QTest::addRow("no answers") << 0.0 << -1.0 << qint64(0) << 0.0 << 30.0;
        // The seed's own example had 180.1 s "recovery" (its sleep): that term alone was 8.2 of 10.
        QTest::addRow("seed sleep") << 100.0 << 1000.0 << qint64(0) << 180.1 << 40.0 + 24.0 + 20.0 + 8.199;
    }
    void resilienceScoreIsTheSeedsFormula()
    {
        QFETCH(double, sr);
        QFETCH(double, latency);
        QFETCH(qint64, trips);
        QFETCH(double, recoveryS);
        QFETCH(double, score);
        QVERIFY2(std::abs(ReportBuilder::resilienceScore(sr, latency, trips, recoveryS) - score) < 0.01,
                 qPrintable(QString::number(ReportBuilder::resilienceScore(sr, latency, trips, recoveryS))));
    }

    void impactLevels()
    {
        QCOMPARE(ReportBuilder::impactLevel(49.9), QStringLiteral("High"));
        QCOMPARE(ReportBuilder::impactLevel(50.0), QStringLiteral("Medium"));
        QCOMPARE(ReportBuilder::impactLevel(74.9), QStringLiteral("Medium"));
        QCOMPARE(ReportBuilder::impactLevel(75.0), QStringLiteral("Low"));
    }

    void summaryTextHasTheSeedsSectionsAndTheVerdict()
    {
        const QString t = QString::fromUtf8(m_bundle.summaryText);
        for (const char *s : {"AI RESILIENCE MONITOR - CHAOS TESTING FINAL REPORT",
                              "Verdict: ", "SERVICE PERFORMANCE COMPARISON",
                              "Resilience Score: ", "CHAOS TYPE IMPACT ANALYSIS", "Impact Level: High",
                              "RECOVERY (measured, not slept)", "HYPOTHESIS", "DATA FILES GENERATED",
                              "experiment_log_20250102_030405.csv"})
            QVERIFY2(t.contains(QLatin1String(s)), s);
        QVERIFY(!t.contains(QLatin1String("24 hours")));
    }

    void storeSavesListsReadsAndDeletes()
    {
        QTemporaryDir dir;
        ReportStore store(dir.path() + QStringLiteral("/reports"));
        QCOMPARE(store.list().size(), 0);
        QString error;
        ReportBundle saved;
        const QStringList names = store.saveRun(m_run, &error, &saved);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(names.size(), 5);
        QCOMPARE(names, saved.fileNames());
        const QStringList again =
            store.saveRun(m_run, &error); // same second: a fresh stamp, nothing overwritten
        QVERIFY(error.isEmpty());
        QVERIFY(again[0].contains(QLatin1String("_2.json")));
        QCOMPARE(store.list().size(), 10);
        QCOMPARE(store.list().first().stamp, saved.stamp + QStringLiteral("_2")); // newest first
        QByteArray content;
        QVERIFY(store.read(names[0], &content, &error));
        QCOMPARE(QJsonDocument::fromJson(content).object(), saved.report);
        QVERIFY(store.read(names[3], &content, &error));
        QVERIFY(content.startsWith("Timestamp,Experiment_ID,Service"));
        QVERIFY(store.remove(names[1], &error));
        QVERIFY(!store.read(names[1], &content, &error));
        QCOMPARE(error, QStringLiteral("not found"));
        QCOMPARE(store.removeStamp(saved.stamp + QStringLiteral("_2")), 5);
        QCOMPARE(store.list().size(), 4);
        QVERIFY(store.save(saved, &error).size() < 5); // never overwrites
        QVERIFY(error.contains(QLatin1String("already exists")));
    }

    void storeRefusesNamesItDidNotList_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("dotdot") << QStringLiteral("..");
        QTest::addRow("traversal") << QStringLiteral("../secret.json");
        QTest::addRow("deep traversal") << QStringLiteral("../../../../etc/passwd");
        QTest::addRow("encoded dots") << QStringLiteral("%2e%2e");
        QTest::addRow("encoded traversal") << QStringLiteral("%2e%2e%2fsecret.json");
        QTest::addRow("double encoded") << QStringLiteral("%252e%252e%252fsecret.json");
        QTest::addRow("encoded slash")
            << QStringLiteral("report_20250102_030405.json%2f..%2f..%2fsecret.json");
        QTest::addRow("backslash") << QStringLiteral("..\\secret.json");
        QTest::addRow("absolute") << QStringLiteral("/etc/passwd");
        QTest::addRow("inside then out") << QStringLiteral("report_20250102_030405.json/../../secret.json");
        QTest::addRow("subdirectory") << QStringLiteral("sub/report_20250102_030405.json");
        QTest::addRow("nul") << QStringLiteral("report_20250102_030405.json") + QChar(0) +
                                    QStringLiteral(".txt");
        QTest::addRow("case") << QStringLiteral("REPORT_20250102_030405.JSON");
        QTest::addRow("wrong extension") << QStringLiteral("report_20250102_030405.csv");
        QTest::addRow("unlisted valid form") << QStringLiteral("report_19990101_000000.json");
        QTest::addRow("symlink") << QStringLiteral("report_20250102_030406.json");
        QTest::addRow("empty") << QString();
    }
    void storeRefusesNamesItDidNotList()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString reports = dir.path() + QStringLiteral("/reports");
        ReportStore store(reports);
        QString error;
        QCOMPARE(store.save(m_bundle, &error).size(), 5);
        QFile secret(dir.path() + QStringLiteral("/secret.json"));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("{\"secret\":true}");
        secret.close();
        QVERIFY(QFile::link(dir.path() + QStringLiteral("/secret.json"),
                            reports + QStringLiteral("/report_20250102_030406.json")));
        QByteArray content;
        QVERIFY(!store.read(name, &content, &error));
        QCOMPARE(error, QStringLiteral("not found"));
        QVERIFY(content.isEmpty());
        QVERIFY(!store.remove(name, &error));
        QVERIFY(QFile::exists(dir.path() + QStringLiteral("/secret.json")));
        QCOMPARE(store.list().size(), 5); // the link is not listed
        // An absolute path to a real report is refused too: only bare listed names are accepted.
        QVERIFY(!store.read(reports + QStringLiteral("/report_20250102_030405.json"), &content, &error));
        QVERIFY(store.read(QStringLiteral("report_20250102_030405.json"), &content, &error));
    }

    void windowReportFromLiveData()
    {
        Rig rig;
        RequestEngine &e = *rig.engine;
        QList<RequestRecord> records;
        connect(&e, &RequestEngine::requestFinished, &e,
                [&records](const RequestRecord &r) { records << r; });
        const qint64 from = rig.clock.wallMs();
        auto traffic = [&](int seconds) {
            for (int i = 0; i < seconds; ++i) {
                e.submit({QStringLiteral("a"), QStringLiteral("p")});
                e.submit({QStringLiteral("b"), QStringLiteral("p")});
                rig.clock.advance(1000);
            }
        };
        traffic(10);
        QString error;
        ChaosSpec spec = ChaosSpec::fromJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("failure")},
                                                         {QStringLiteral("service"), QStringLiteral("a")},
                                                         {QStringLiteral("duration"), 10}},
                                             &error);
        QVERIFY(!e.injectChaos(spec, &error).isEmpty());
        traffic(60); // chaos expires after 10 s; the breaker opens, waits 20 s, closes on traffic
        LiveReportInput live = LiveReportInput::capture(e, from, rig.clock.wallMs());
        QCOMPARE(live.chaos.size(), 1);

        const ReportBundle fromCounters = ReportBuilder::fromLive(live);
        QStringList errors = SchemaValidator(m_reportSchema).validate(fromCounters.report);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 10).join(QLatin1Char('\n'))));
        QCOMPARE(fromCounters.report.value(QLatin1String("kind")).toString(), QStringLiteral("window"));
        QCOMPARE(fromCounters.report.value(QLatin1String("window"))
                     .toObject()
                     .value(QLatin1String("source"))
                     .toString(),
                 QStringLiteral("snapshot"));
        QCOMPARE(fromCounters.report.value(QLatin1String("totals"))
                     .toObject()
                     .value(QLatin1String("requests"))
                     .toInteger(),
                 live.snapshot.overall.requests);
        const QJsonArray rec = fromCounters.report.value(QLatin1String("recoveries")).toArray();
        QCOMPARE(rec.size(), 1);
        QCOMPARE(rec[0].toObject().value(QLatin1String("successMeasured")).toBool(), false);
        QVERIFY(rec[0].toObject().value(QLatin1String("recovered")).toBool()); // from the transitions alone

        live.records = records;
        live.haveRecords = true;
        const ReportBundle fromRecords = ReportBuilder::fromLive(live);
        errors = SchemaValidator(m_reportSchema).validate(fromRecords.report);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 10).join(QLatin1Char('\n'))));
        QCOMPARE(fromRecords.report.value(QLatin1String("totals"))
                     .toObject()
                     .value(QLatin1String("requests"))
                     .toInteger(),
                 qint64(records.size()));
        const QJsonObject r0 = fromRecords.report.value(QLatin1String("recoveries")).toArray()[0].toObject();
        QVERIFY(r0.value(QLatin1String("successMeasured")).toBool());
        QVERIFY(r0.value(QLatin1String("recovered")).toBool());
        QVERIFY(r0.value(QLatin1String("successRecoveryMs")).toInteger() >=
                r0.value(QLatin1String("breakerRecoveryMs")).toInteger());
        QList<QStringList> rows;
        QVERIFY(CsvWriter::parse(fromRecords.requestLogCsv, &rows, &error));
        QCOMPARE(rows.size() - 1, records.size());
        QVERIFY(CsvWriter::parse(fromRecords.experimentLogCsv, &rows, &error));
        QCOMPARE(rows.size() - 1, 1);
        QCOMPARE(rows[1][2], QStringLiteral("failure"));
        QVERIFY(!rows[1][14].isEmpty());
        QCOMPARE(fromRecords.report.value(QLatin1String("insights"))
                     .toObject()
                     .value(QLatin1String("mostReliableService"))
                     .toObject()
                     .value(QLatin1String("service"))
                     .toString(),
                 QStringLiteral("b"));
    }

private:
    QJsonObject m_reportSchema, m_planSchema;
    RunResult m_run;
    ReportBundle m_bundle;
};

QTEST_GUILESS_MAIN(TestScenarioReport)
#include "tst_scenarioreport.moc"
