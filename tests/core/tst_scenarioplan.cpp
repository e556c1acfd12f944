// Experiment plans: the built-in plans parse, errors name the field path and the reason, durations take
// units, for_each expands variants x services in the seed's order, plans load from files.
#include "scenarios/plan.h"
#include "scenarios/planlibrary.h"

#include "testprinters.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace airm;

namespace {

QByteArray minimalPlan(const QString &methodJson, const QString &extra = {})
{
    return (QStringLiteral(R"({"schemaVersion":1,"name":"t",%1"method":%2})").arg(extra, methodJson))
        .toUtf8();
}

QString parseError(const QByteArray &json)
{
    QString error;
    Plan::fromJsonText(json, &error);
    return error;
}

} // namespace

class TestScenarioPlan : public QObject
{
    Q_OBJECT
private slots:
    void builtInPlansParse_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("topSteps");
        QTest::addColumn<int>("repeat");
        QTest::addRow("validation") << QStringLiteral("validation") << 19 << 1;
        QTest::addRow("continuous") << QStringLiteral("continuous") << 1 << 0;
        QTest::addRow("breaker-drill") << QStringLiteral("breaker-drill") << 1 << 1;
    }
    void builtInPlansParse()
    {
        QFETCH(QString, name);
        QFETCH(int, topSteps);
        QFETCH(int, repeat);
        QString error;
        const Plan plan = PlanLibrary::load(name, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(plan.name, name);
        QCOMPARE(int(plan.method.size()), topSteps);
        QCOMPARE(plan.repeat, repeat);
        QVERIFY(!plan.description.isEmpty());
        QCOMPARE(plan.toJson().value(QLatin1String("schemaVersion")).toInt(), 1);
        QCOMPARE(PlanLibrary::builtIns().size(), 3);
    }

    void validationPlanHasTheSeedsPhases()
    {
        QString error;
        const Plan plan = PlanLibrary::load(QStringLiteral("validation"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList shape;
        for (const StepSpec &s : plan.method)
            shape << StepSpec::typeName(s.type) + QLatin1Char(':') +
                         (s.durationMs >= 0 ? QString::number(s.durationMs / 1000) : QStringLiteral("-"));
        QCOMPARE(
            shape.join(QLatin1Char(' ')),
            QStringLiteral("load:180 check:- wait:30 load:180 check:- wait:30 load:- wait:10 load:- wait:10 "
                           "load:- wait:30 load:180 wait:30 chaos:180 wait:30 chaos:180 wait:30 chaos:180"));
        QCOMPARE(plan.method[0].load->intervalMs, 5000);
        QCOMPARE(plan.method[0].load->strategy, AutomationConfig::Strategy::Random);
        QCOMPARE(plan.method[3].load->intervalMs, 2000);
        QCOMPARE(plan.method[6].load->maxInFlight, 10);
        QCOMPARE(plan.method[6].load->maxRequests, 10);
        QCOMPARE(plan.method[12].load->strategy, AutomationConfig::Strategy::RoundRobin);
        QCOMPARE(plan.method[12].load->intervalMs, 3000);
        QCOMPARE(plan.method[14].chaos->type, ChaosType::Latency);
        QCOMPARE(plan.method[14].chaos->latencyMs, 500);
        QCOMPARE(plan.method[14].chaos->targets, QStringList{QStringLiteral("gemini")});
        QCOMPARE(plan.method[16].chaos->type, ChaosType::Failure); // the seed's 'error' silently did nothing
        QCOMPARE(plan.method[16].chaos->probabilityPct, 50.0);
        QCOMPARE(plan.method[18].chaos->type, ChaosType::Timeout);
        QCOMPARE(plan.method[18].load->attemptTimeoutMs, 3000);
        QCOMPARE(plan.referencedServices(), (QStringList{QStringLiteral("gemini"), QStringLiteral("cohere"),
                                                         QStringLiteral("huggingface")}));
    }

    void errorsNameTheFieldAndReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QString wait = QStringLiteral(R"([{"type":"wait","duration":"1s"}])");
        QTest::addRow("not json") << QByteArray("{\"schemaVersion\":1,")
                                  << QStringLiteral("plan: not valid JSON");
        QTest::addRow("no version") << QByteArray(R"({"name":"t","method":[]})")
                                    << QStringLiteral("schemaVersion: is required");
        QTest::addRow("future version")
            << QByteArray(R"({"schemaVersion":2,"name":"t","method":[]})")
            << QStringLiteral("schemaVersion: this version reads schema version 1 only");
        QTest::addRow("bad name") << QByteArray(R"({"schemaVersion":1,"name":"../x","method":[]})")
                                  << QStringLiteral("name: is required");
        QTest::addRow("unknown top field")
            << minimalPlan(wait, QStringLiteral(R"("methd":1,)")) << QStringLiteral("methd: unknown field");
        QTest::addRow("empty method")
            << minimalPlan(QStringLiteral("[]")) << QStringLiteral("method: must be a non-empty list");
        QTest::addRow("step type") << minimalPlan(QStringLiteral(R"([{"type":"sleep"}])"))
                                   << QStringLiteral("method[0].type: must be one of load, chaos, wait");
        QTest::addRow("seed's invalid chaos type")
            << minimalPlan(QStringLiteral(
                   R"([{"type":"chaos","duration":"3m","chaos":{"type":"error","targets":["cohere"]}}])"))
            << QStringLiteral("method[0].chaos: type must be one of latency");
        QTest::addRow("chaos parameter range")
            << minimalPlan(QStringLiteral(
                   R"([{"type":"chaos","duration":"3m","chaos":{"type":"latency","targets":["a"],"latencyMs":999999}}])"))
            << QStringLiteral("method[0].chaos: latencyMs must be between 0 and 60000");
        QTest::addRow("chaos without targets")
            << minimalPlan(QStringLiteral(R"([{"type":"chaos","duration":"3m","chaos":{"type":"latency"}}])"))
            << QStringLiteral("method[0].chaos.targets: is required");
        QTest::addRow("chaos with its own duration")
            << minimalPlan(QStringLiteral(
                   R"([{"type":"chaos","duration":"3m","chaos":{"type":"latency","targets":["a"],"duration":30}}])"))
            << QStringLiteral("method[0].chaos.duration: the step's duration is the chaos duration");
        QTest::addRow("chaos never ends")
            << minimalPlan(QStringLiteral(R"([{"type":"chaos","chaos":{"type":"latency","targets":["a"]}}])"))
            << QStringLiteral("method[0]: a chaos step needs a duration or until");
        QTest::addRow("load never ends")
            << minimalPlan(QStringLiteral(R"([{"type":"load","load":{"interval":"1s"}}])"))
            << QStringLiteral("method[0]: a load step needs a duration, load.maxRequests or until");
        QTest::addRow("load strategy")
            << minimalPlan(
                   QStringLiteral(R"([{"type":"load","duration":"1m","load":{"strategy":"roundrobin"}}])"))
            << QStringLiteral(
                   "method[0].load: strategy must be one of round_robin, random, weighted, single");
        QTest::addRow("load field") << minimalPlan(QStringLiteral(
                                           R"([{"type":"load","duration":"1m","load":{"rps":3}}])"))
                                    << QStringLiteral("method[0].load: unknown automation field \"rps\"");
        QTest::addRow("duration text")
            << minimalPlan(QStringLiteral(R"([{"type":"wait","duration":"3 minutes"}])"))
            << QStringLiteral("method[0].duration: must be a number of seconds");
        QTest::addRow("both duration spellings")
            << minimalPlan(QStringLiteral(R"([{"type":"wait","duration":"3s","durationMs":3000}])"))
            << QStringLiteral("method[0].duration: give either duration or durationMs");
        QTest::addRow("nested path")
            << minimalPlan(QStringLiteral(
                   R"([{"type":"group","steps":[{"type":"wait","duration":"1s"},{"type":"wait","duration":-1}]}])"))
            << QStringLiteral("method[0].steps[1].duration: must be a number of seconds");
        QTest::addRow("probe type")
            << minimalPlan(wait, QStringLiteral(R"("hypothesis":{"probes":[{"name":"p","type":"p99"}]},)"))
            << QStringLiteral("hypothesis.probes[0].type: must be one of success_rate, latency_p95");
        QTest::addRow("probe tolerance missing")
            << minimalPlan(wait,
                           QStringLiteral(R"("hypothesis":{"probes":[{"name":"p","type":"success_rate"}]},)"))
            << QStringLiteral("hypothesis.probes[0].minPct: is required for a success_rate probe");
        QTest::addRow("probe tolerance range")
            << minimalPlan(
                   wait, QStringLiteral(
                             R"("hypothesis":{"probes":[{"name":"p","type":"success_rate","minPct":120}]},)"))
            << QStringLiteral("hypothesis.probes[0].minPct: must be between 0 and 100");
        QTest::addRow("breaker state")
            << minimalPlan(
                   wait,
                   QStringLiteral(
                       R"("hypothesis":{"probes":[{"name":"p","type":"breaker_state","service":"a","state":"shut"}]},)"))
            << QStringLiteral("hypothesis.probes[0].state: must be one of CLOSED, OPEN");
        QTest::addRow("duplicate probe")
            << minimalPlan(
                   wait,
                   QStringLiteral(
                       R"("hypothesis":{"probes":[{"name":"p","type":"no_request_lost"},{"name":"p","type":"no_request_lost"}]},)"))
            << QStringLiteral("hypothesis.probes[1].name: \"p\" is used by another probe");
        QTest::addRow("probe when")
            << minimalPlan(
                   wait,
                   QStringLiteral(
                       R"("hypothesis":{"probes":[{"name":"p","type":"no_request_lost","when":["always"]}]},)"))
            << QStringLiteral("hypothesis.probes[0].when: may only hold");
        QTest::addRow("check names an unknown probe")
            << minimalPlan(
                   QStringLiteral(R"([{"type":"wait","duration":"1s"},{"type":"check","probes":["nope"]}])"))
            << QStringLiteral("method[1].probes: \"nope\" is not a probe of the hypothesis");
        QTest::addRow("until cannot be no_request_lost")
            << minimalPlan(QStringLiteral(R"([{"type":"wait","until":{"type":"no_request_lost"}}])"))
            << QStringLiteral("method[0].until.type: no_request_lost cannot end a step");
        QTest::addRow("timeout without until")
            << minimalPlan(QStringLiteral(R"([{"type":"wait","duration":"1s","timeout":"1m"}])"))
            << QStringLiteral("method[0].timeout: only applies with until");
        QTest::addRow("abort condition type")
            << minimalPlan(wait,
                           QStringLiteral(R"("abortConditions":[{"type":"no_request_lost","for":"1m"}],)"))
            << QStringLiteral("abortConditions[0].type: no_request_lost cannot be an abort condition");
        QTest::addRow("time scale") << minimalPlan(wait, QStringLiteral(R"("timeScale":0,)"))
                                    << QStringLiteral("timeScale: must be between 0.001 and 100000");
        QTest::addRow("rollback type")
            << minimalPlan(wait, QStringLiteral(R"("rollbacks":[{"type":"reboot"}],)"))
            << QStringLiteral(
                   "rollbacks[0].type: must be one of stop_chaos, stop_automation, reset_breakers");
        QTest::addRow("for_each variant field")
            << minimalPlan(QStringLiteral(
                   R"([{"type":"for_each","variants":[{"a":1}],"steps":[{"type":"wait","duration":"${variant.b}"}]}])"))
            << QStringLiteral("the variant has no field \"b\"");
        QTest::addRow("for_each service name")
            << minimalPlan(QStringLiteral(
                   R"([{"type":"for_each","services":["A B"],"steps":[{"type":"wait","duration":"1s"}]}])"))
            << QStringLiteral("method[0].services: \"A B\" is not a service name");
    }
    void errorsNameTheFieldAndReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QString error = parseError(json);
        QVERIFY2(error.contains(expected), qPrintable(QStringLiteral("got: ") + error));
    }

    void durationsTakeUnits_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<qint64>("ms");
        QTest::addRow("minutes") << QStringLiteral(R"("duration":"3m")") << qint64(180'000);
        QTest::addRow("seconds number") << QStringLiteral(R"("duration":90)") << qint64(90'000);
        QTest::addRow("fractional seconds") << QStringLiteral(R"("duration":1.5)") << qint64(1'500);
        QTest::addRow("milliseconds text") << QStringLiteral(R"("duration":"500ms")") << qint64(500);
        QTest::addRow("hours") << QStringLiteral(R"("duration":"1h")") << qint64(3'600'000);
        QTest::addRow("durationMs") << QStringLiteral(R"("durationMs":2500)") << qint64(2'500);
    }
    void durationsTakeUnits()
    {
        QFETCH(QString, field);
        QFETCH(qint64, ms);
        QString error;
        const Plan p =
            Plan::fromJsonText(minimalPlan(QStringLiteral(R"([{"type":"wait",%1}])").arg(field)), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(p.method[0].durationMs, ms);
        QCOMPARE(p.method[0].nominalDurationMs(), ms);
    }

    void commandLineDurations()
    {
        QCOMPARE(Plan::parseDuration(QStringLiteral("24h")), 86'400'000);
        QCOMPARE(Plan::parseDuration(QStringLiteral("90")), 90'000);
        QCOMPARE(Plan::parseDuration(QStringLiteral("2.5m")), 150'000);
        QCOMPARE(Plan::parseDuration(QStringLiteral("soon")), -1);
        QCOMPARE(Plan::parseDuration(QStringLiteral("-5s")), -1);
    }

    void nominalDurationsAddUp()
    {
        QString error;
        const Plan p = Plan::fromJsonText(
            minimalPlan(QStringLiteral(R"([{"type":"sequence","steps":[{"type":"wait","duration":"10s"},
                {"type":"group","steps":[{"type":"wait","duration":"5s"},{"type":"wait","duration":"7s"}]},
                {"type":"check"}]},
                {"type":"wait","until":{"type":"breaker_state","service":"a","state":"CLOSED"}}])")),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(p.method[0].nominalDurationMs(), 17'000);
        QCOMPARE(p.method[1].nominalDurationMs(), -1);
    }

    void forEachExpandsVariantsTimesServices()
    {
        QString error;
        const Plan plan = PlanLibrary::load(QStringLiteral("continuous"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList services{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        const std::vector<StepSpec> expanded =
            expandForEach(plan.method[0], services, QStringLiteral("method[0]"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(int(expanded.size()), 25 * 3);
        // The seed's order: chaos type x intensity x service, the service innermost.
        QCOMPARE(expanded[0].steps[0].chaos->targets, QStringList{QStringLiteral("a")});
        QCOMPARE(expanded[1].steps[0].chaos->targets, QStringList{QStringLiteral("b")});
        QCOMPARE(expanded[3].steps[0].chaos->latencyMs, 500);
        QCOMPARE(expanded[0].steps[0].source.value(QLatin1String("title")).toString(),
                 QStringLiteral("latency 100 ms on a"));
        QCOMPARE(expanded[0].steps[0].durationMs, 300'000);
        QCOMPARE(expanded[0].steps[0].load->intervalMs, 30'000);
        QCOMPARE(*expanded[0].steps[0].intensity, 100.0);
        QCOMPARE(expanded[0].steps[1].experimentId, QStringLiteral("NORMAL"));
        QCOMPARE(expanded[0].steps[1].load->intervalMs, 9'000);
        const StepSpec &timeout15 = expanded[(8 + 3) * 3 + 2].steps[0]; // timeout 15000 ms on c
        QCOMPARE(timeout15.chaos->type, ChaosType::Timeout);
        QCOMPARE(timeout15.load->attemptTimeoutMs, 15'000); // the seed rejected 15000
        QCOMPARE(timeout15.chaos->targets, QStringList{QStringLiteral("c")});
        QStringList types;
        for (std::size_t i = 0; i < expanded.size(); i += 12)
            types << toString(expanded[i].steps[0].chaos->type);
        QCOMPARE(types.join(QLatin1Char(',')),
                 QStringLiteral("latency,failure,timeout,intermittent,unavailable,corruption,rate_limit"));
    }

    void planLoadsFromFileAndNamesTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString good = dir.filePath(QStringLiteral("good.json"));
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(good);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(PlanLibrary::builtInText(QStringLiteral("breaker-drill")));
        f.close();
        QFile b(bad);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write(minimalPlan(QStringLiteral(R"([{"type":"wait"}])")));
        b.close();
        QString error;
        QCOMPARE(PlanLibrary::load(good, &error).name, QStringLiteral("breaker-drill"));
        QVERIFY(error.isEmpty());
        PlanLibrary::load(bad, &error);
        QVERIFY2(error.startsWith(bad + QStringLiteral(": method[0]: a wait step needs")), qPrintable(error));
        PlanLibrary::load(dir.filePath(QStringLiteral("missing.json")), &error);
        QVERIFY2(error.contains(QLatin1String("no such built-in plan")), qPrintable(error));
    }

    void planRoundTripsItsSource()
    {
        const QByteArray text = PlanLibrary::builtInText(QStringLiteral("validation"));
        QString error;
        const Plan p = Plan::fromJsonText(text, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(p.toJson(), QJsonDocument::fromJson(text).object());
        const Plan again = Plan::fromJson(p.toJson(), &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(int(again.method.size()), int(p.method.size()));
    }
};

QTEST_GUILESS_MAIN(TestScenarioPlan)
#include "tst_scenarioplan.moc"
