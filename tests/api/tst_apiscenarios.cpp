// The scenario and report endpoints over a real ScenarioService on the test thread (as the app runs it on its
// main thread) and simulated services: the validation suite started through /api/v1 at a high time scale runs
// to its verdict and its report files can be listed, read and deleted; the seed's /chaos-testing/* start,
// refuse a second start, stop and report; bad modes, durations and plan documents are 400 with the field
// named; report names with paths or encodings never reach a file outside the report directory; the window
// report has the report schema's fields; and without a ScenarioService the routes answer 503.
#include "apitestrig.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace airm;
using namespace airm::test;

namespace {

const QByteArray kSecret = "top secret: not a report";

QList<ServiceConfig> seedServices()
{
    return {simulatedService(QStringLiteral("gemini")),
            simulatedService(QStringLiteral("cohere"), ProviderKind::Cohere),
            simulatedService(QStringLiteral("huggingface"), ProviderKind::HuggingFace)};
}

EngineConfig fastBreakers()
{
    EngineConfig c;
    c.breaker.waitDurationInOpenStateMs = 200; // recovery after chaos is real time: keep it short
    return c;
}

// At a high time scale the plan's windows shrink but an open breaker's wait does not: its rejections would
// fill a whole window and trip the validation suite's total-outage abort. These breakers ride out 50 %
// failures.
EngineConfig tolerantBreakers()
{
    EngineConfig c = fastBreakers();
    c.breaker.consecutiveFailureThreshold = 1000;
    return c;
}

// A temporary directory with the reports in reports/ and, next to it, files a traversal would reach.
struct ReportDir
{
    QTemporaryDir root;
    QString reports() const { return root.filePath(QStringLiteral("reports")); }

    ReportDir()
    {
        QDir().mkpath(reports());
        write(root.filePath(QStringLiteral("secret.json")), kSecret);
        write(root.filePath(QStringLiteral("report_20240101_000000.json")), kSecret);
        write(reports() + QStringLiteral("/notes.txt"), kSecret); // in the directory, but not a report name
        // A link with a report's name that points outside: never listed, never read.
        QFile::link(root.filePath(QStringLiteral("secret.json")),
                    reports() + QStringLiteral("/report_20240102_000000.json"));
    }

    static void write(const QString &path, const QByteArray &content)
    {
        QFile f(path);
        if (f.open(QIODevice::WriteOnly)) f.write(content);
    }
};

QString errorOf(const HttpResult &r)
{
    return r.json().value(QLatin1String("error")).toString();
}

bool isRunning(ApiRig &rig)
{
    return rig.get(QStringLiteral("/api/v1/scenarios/current"))
        .json()
        .value(QLatin1String("running"))
        .toBool();
}

} // namespace

class TestApiScenarios : public QObject
{
    Q_OBJECT
private slots:
    void plansAreListed()
    {
        ReportDir dir;
        ApiRig rig(seedServices(), {}, fastBreakers(), nullptr, dir.reports());
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        const HttpResult r = rig.get(QStringLiteral("/api/v1/scenarios"));
        QCOMPARE(r.status, 200);
        const QJsonArray plans = r.json().value(QLatin1String("plans")).toArray();
        QCOMPARE(plans.size(), 3);
        QJsonObject validation;
        QStringList names;
        for (const QJsonValue &v : plans) {
            names << v.toObject().value(QLatin1String("name")).toString();
            if (names.last() == QLatin1String("validation")) validation = v.toObject();
        }
        QCOMPARE(names, (QStringList{QStringLiteral("validation"), QStringLiteral("continuous"),
                                     QStringLiteral("breaker-drill")}));
        QVERIFY(!validation.value(QLatin1String("title")).toString().isEmpty());
        QVERIFY(!validation.value(QLatin1String("description")).toString().isEmpty());
        QCOMPARE(validation.value(QLatin1String("steps")).toInt(), 19);
        // About 23 minutes of plan time: 4 phases of 180 s, 3 chaos phases of 180 s, cooldowns and bursts.
        const double nominal = validation.value(QLatin1String("nominalDurationMs")).toDouble();
        QVERIFY2(nominal > 20 * 60'000 && nominal < 26 * 60'000, qPrintable(QString::number(nominal)));
        QCOMPARE(validation.value(QLatin1String("nominalDurationExact")).toBool(), false); // bursts: by count

        const HttpResult plan = rig.get(QStringLiteral("/api/v1/scenarios/plans/validation"));
        QCOMPARE(plan.status, 200);
        QVERIFY(plan.header("content-type").startsWith("application/json"));
        QCOMPARE(plan.json().value(QLatin1String("name")).toString(), QStringLiteral("validation"));
        QVERIFY(plan.json().value(QLatin1String("method")).isArray());
        QCOMPARE(rig.get(QStringLiteral("/api/v1/scenarios/plans/nope")).status, 404);

        // Nothing has run yet.
        QCOMPARE(rig.get(QStringLiteral("/api/v1/scenarios/last")).status, 404);
        const HttpResult current = rig.get(QStringLiteral("/api/v1/scenarios/current"));
        QCOMPARE(current.status, 200);
        QCOMPARE(current.json().value(QLatin1String("running")).toBool(), false);
        QCOMPARE(rig.post(QStringLiteral("/api/v1/scenarios/current/stop"), QJsonObject{}).status, 409);
        const HttpResult seedStop = rig.post(QStringLiteral("/chaos-testing/stop"), QJsonObject{});
        QCOMPARE(seedStop.status, 409);
        QCOMPARE(seedStop.json().value(QLatin1String("message")).toString(),
                 QStringLiteral("No chaos testing process running"));
        // The directory holds no report yet: the planted files are not listed.
        QCOMPARE(rig.get(QStringLiteral("/api/v1/reports")).json().value(QLatin1String("count")).toInt(), 0);
        QCOMPARE(rig.get(QStringLiteral("/chaos-testing/results"))
                     .json()
                     .value(QLatin1String("results"))
                     .toArray()
                     .size(),
                 0);
    }

    void validationRunsThroughTheApiAndItsReportsCanBeManaged()
    {
        ReportDir dir;
        ApiRig rig(seedServices(), {}, tolerantBreakers(), nullptr, dir.reports());
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));

        const HttpResult started =
            rig.post(QStringLiteral("/api/v1/scenarios/start"),
                     QJsonObject{{QStringLiteral("plan"), QStringLiteral("validation")},
                                 {QStringLiteral("timeScale"), 1000}});
        QCOMPARE(started.status, 201);
        QCOMPARE(started.header("location"), QByteArray("/api/v1/scenarios/current"));
        const QJsonObject s = started.json();
        QCOMPARE(s.value(QLatin1String("plan")).toString(), QStringLiteral("validation"));
        QCOMPARE(s.value(QLatin1String("running")).toBool(), true);
        QCOMPARE(s.value(QLatin1String("timeScale")).toDouble(), 1000.0);
        const QString runId = s.value(QLatin1String("runId")).toString();
        QVERIFY(!runId.isEmpty());
        QCOMPARE(rig.scenarios->isRunning(), true);

        // One run at a time, whichever route asks.
        const HttpResult again =
            rig.post(QStringLiteral("/api/v1/scenarios/start"),
                     QJsonObject{{QStringLiteral("plan"), QStringLiteral("breaker-drill")}});
        QCOMPARE(again.status, 409);
        QCOMPARE(
            again.json().value(QLatin1String("current")).toObject().value(QLatin1String("runId")).toString(),
            runId);
        const HttpResult seedAgain =
            rig.post(QStringLiteral("/chaos-testing/start"),
                     QJsonObject{{QStringLiteral("mode"), QStringLiteral("validation")}});
        QCOMPARE(seedAgain.status, 409);
        QCOMPARE(seedAgain.json().value(QLatin1String("success")), QJsonValue(false));
        QCOMPARE(seedAgain.json().value(QLatin1String("message")).toString(),
                 QStringLiteral("Chaos testing is already running"));

        const HttpResult seedStatus = rig.get(QStringLiteral("/chaos-testing/status"));
        QCOMPARE(seedStatus.status, 200);
        QCOMPARE(seedStatus.json().value(QLatin1String("success")).toBool(), true);
        QCOMPARE(seedStatus.json()
                     .value(QLatin1String("status"))
                     .toObject()
                     .value(QLatin1String("runId"))
                     .toString(),
                 runId);

        QTRY_VERIFY_WITH_TIMEOUT(!isRunning(rig), 20000);
        const QJsonObject finished = rig.get(QStringLiteral("/api/v1/scenarios/current")).json();
        QCOMPARE(finished.value(QLatin1String("runId")).toString(), runId);
        QVERIFY(finished.value(QLatin1String("totalRequests")).toInt() > 50);

        const HttpResult last = rig.get(QStringLiteral("/api/v1/scenarios/last"));
        QCOMPARE(last.status, 200);
        const QJsonObject l = last.json();
        QCOMPARE(l.value(QLatin1String("runId")).toString(), runId);
        QVERIFY2(l.value(QLatin1String("status")).toString() == QLatin1String("completed"),
                 last.body.constData());
        QCOMPARE(l.value(QLatin1String("verdict")).toString(), QStringLiteral("passed"));
        QCOMPARE(l.value(QLatin1String("exitCode")).toInt(), 0);
        QCOMPARE(l.value(QLatin1String("chaosExperiments")).toInt(), 3);
        QCOMPARE(l.value(QLatin1String("requests")).toObject().value(QLatin1String("lost")).toInt(), 0);
        const QJsonArray files = l.value(QLatin1String("reportFiles")).toArray();
        QCOMPARE(files.size(), 5);
        QStringList fileNames;
        for (const QJsonValue &f : files)
            fileNames << f.toObject().value(QLatin1String("name")).toString();

        // The seed's status after the end carries the verdict and the files.
        const QJsonObject seedDone =
            rig.get(QStringLiteral("/chaos-testing/status")).json().value(QLatin1String("status")).toObject();
        QCOMPARE(seedDone.value(QLatin1String("running")).toBool(), false);
        QCOMPARE(seedDone.value(QLatin1String("verdict")).toString(), QStringLiteral("passed"));
        QCOMPARE(seedDone.value(QLatin1String("reportFiles")).toArray().size(), 5);

        // Listed by both APIs, without paths.
        const QJsonObject list = rig.get(QStringLiteral("/api/v1/reports")).json();
        QCOMPARE(list.value(QLatin1String("count")).toInt(), 5);
        QStringList listed;
        QString json, csv, txt;
        for (const QJsonValue &v : list.value(QLatin1String("reports")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString name = o.value(QLatin1String("name")).toString();
            listed << name;
            QVERIFY(o.value(QLatin1String("size")).toInt() > 0);
            QVERIFY(!o.value(QLatin1String("modified")).toString().isEmpty());
            QVERIFY(!o.value(QLatin1String("kind")).toString().isEmpty());
            if (name.endsWith(QLatin1String(".json"))) json = name;
            if (name.startsWith(QLatin1String("request_log_"))) csv = name;
            if (name.endsWith(QLatin1String(".txt"))) txt = name;
        }
        listed.sort();
        fileNames.sort();
        QCOMPARE(listed, fileNames);
        const QJsonArray seedResults = rig.get(QStringLiteral("/chaos-testing/results"))
                                           .json()
                                           .value(QLatin1String("results"))
                                           .toArray();
        QCOMPARE(seedResults.size(), 5);
        for (const QJsonValue &v : seedResults) {
            QVERIFY(fileNames.contains(v.toObject().value(QLatin1String("filename")).toString()));
            QVERIFY(!v.toObject().contains(QLatin1String("path")));
        }

        // Each file with its content type.
        const HttpResult report = rig.get(QStringLiteral("/api/v1/reports/") + json);
        QCOMPARE(report.status, 200);
        QVERIFY(report.header("content-type").startsWith("application/json"));
        QCOMPARE(report.json().value(QLatin1String("kind")).toString(), QStringLiteral("scenario"));
        QCOMPARE(report.json().value(QLatin1String("schemaVersion")).toInt(), 1);
        QCOMPARE(report.json().value(QLatin1String("run")).toObject().value(QLatin1String("id")).toString(),
                 runId);
        const HttpResult csvFile = rig.get(QStringLiteral("/api/v1/reports/") + csv);
        QCOMPARE(csvFile.status, 200);
        QVERIFY(csvFile.header("content-type").startsWith("text/csv"));
        QVERIFY(csvFile.body.startsWith("Timestamp,Experiment_ID,Service"));
        const HttpResult txtFile = rig.get(QStringLiteral("/api/v1/reports/") + txt);
        QCOMPARE(txtFile.status, 200);
        QVERIFY(txtFile.header("content-type").startsWith("text/plain"));
        const HttpResult seedFile = rig.get(QStringLiteral("/chaos-testing/results/") + txt);
        QCOMPARE(seedFile.status, 200);
        QCOMPARE(seedFile.json().value(QLatin1String("success")).toBool(), true);
        QCOMPARE(seedFile.json().value(QLatin1String("filename")).toString(), txt);
        QCOMPARE(seedFile.json().value(QLatin1String("content")).toString().toUtf8(), txtFile.body);

        // Deleted once; then it is gone.
        const HttpResult deleted = rig.request("DELETE", QStringLiteral("/api/v1/reports/") + csv);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json().value(QLatin1String("deleted")).toString(), csv);
        QVERIFY(!QFile::exists(dir.reports() + QLatin1Char('/') + csv));
        QCOMPARE(rig.get(QStringLiteral("/api/v1/reports/") + csv).status, 404);
        QCOMPARE(rig.request("DELETE", QStringLiteral("/api/v1/reports/") + csv).status, 404);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/reports")).json().value(QLatin1String("count")).toInt(), 4);
        QVERIFY(QFile::exists(dir.root.filePath(QStringLiteral("secret.json"))));
    }

    void seedStartStopAndStatus()
    {
        ReportDir dir;
        ApiRig rig(seedServices(), {}, fastBreakers(), nullptr, dir.reports());
        const HttpResult started = rig.post(
            QStringLiteral("/chaos-testing/start"),
            QJsonObject{{QStringLiteral("mode"), QStringLiteral("continuous")},
                        {QStringLiteral("duration"), 2},
                        {QStringLiteral("outputDir"), QStringLiteral("../../tmp/elsewhere")}}); // ignored
        QCOMPARE(started.status, 200);
        const QJsonObject o = started.json();
        QCOMPARE(o.value(QLatin1String("success")).toBool(), true);
        QCOMPARE(o.value(QLatin1String("message")).toString(),
                 QStringLiteral("Chaos testing started in continuous mode"));
        QVERIFY(!o.value(QLatin1String("runId")).toString().isEmpty());
        const QJsonObject status = o.value(QLatin1String("status")).toObject();
        QCOMPARE(status.value(QLatin1String("running")).toBool(), true);
        QCOMPARE(status.value(QLatin1String("mode")).toString(), QStringLiteral("continuous"));
        QCOMPARE(status.value(QLatin1String("duration")).toDouble(), 2.0);

        QTRY_VERIFY_WITH_TIMEOUT(rig.get(QStringLiteral("/chaos-testing/status"))
                                         .json()
                                         .value(QLatin1String("status"))
                                         .toObject()
                                         .value(QLatin1String("outputLines"))
                                         .toArray()
                                         .size() > 0,
                                 5000);
        const HttpResult stopped = rig.post(QStringLiteral("/chaos-testing/stop"), QJsonObject{});
        QCOMPARE(stopped.status, 200);
        QCOMPARE(stopped.json().value(QLatin1String("success")).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(!isRunning(rig), 15000);
        const QJsonObject done =
            rig.get(QStringLiteral("/chaos-testing/status")).json().value(QLatin1String("status")).toObject();
        QCOMPARE(done.value(QLatin1String("running")).toBool(), false);
        QCOMPARE(done.value(QLatin1String("state")).toString(), QStringLiteral("stopped"));
        QCOMPARE(done.value(QLatin1String("reportFiles")).toArray().size(), 5);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/scenarios/last"))
                     .json()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("stopped"));
        QVERIFY(!QDir(dir.root.filePath(QStringLiteral("../../tmp/elsewhere"))).exists());
        // Stopped is stopped: no chaos left behind on the engine.
        const QJsonObject chaos = rig.get(QStringLiteral("/chaos/status")).json();
        QCOMPARE(chaos.value(QLatin1String("count")).toInt(), 0);
    }

    void badInputIsRefusedWithTheFieldNamed_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        const QString seed = QStringLiteral("/chaos-testing/start");
        const QString v1 = QStringLiteral("/api/v1/scenarios/start");
        QTest::addRow("seed: unknown mode")
            << seed << QByteArray(R"({"mode":"chaos"})")
            << QStringLiteral("mode must be \"validation\" or \"continuous\"");
        QTest::addRow("seed: mode not a string")
            << seed << QByteArray(R"({"mode":5})") << QStringLiteral("mode must be");
        QTest::addRow("seed: negative duration")
            << seed << QByteArray(R"({"mode":"continuous","duration":-1})")
            << QStringLiteral("duration must be a number of hours");
        QTest::addRow("seed: zero duration") << seed << QByteArray(R"({"mode":"continuous","duration":0})")
                                             << QStringLiteral("duration must be a number of hours");
        QTest::addRow("seed: duration text")
            << seed << QByteArray(R"({"mode":"continuous","duration":"long"})")
            << QStringLiteral("duration must be a number of hours");
        QTest::addRow("seed: duration too long")
            << seed << QByteArray(R"({"mode":"continuous","duration":1e9})")
            << QStringLiteral("duration must be a number of hours");
        QTest::addRow("seed: malformed JSON")
            << seed << QByteArray("{\"mode\":") << QStringLiteral("invalid JSON");
        QTest::addRow("v1: no plan") << v1 << QByteArray("{}") << QStringLiteral("give either plan");
        QTest::addRow("v1: both") << v1 << QByteArray(R"({"plan":"validation","planDocument":{}})")
                                  << QStringLiteral("give either plan");
        QTest::addRow("v1: unknown plan") << v1 << QByteArray(R"({"plan":"nope"})")
                                          << QStringLiteral("plan must be one of validation, continuous");
        QTest::addRow("v1: a path is not a plan")
            << v1 << QByteArray(R"({"plan":"/etc/passwd"})") << QStringLiteral("plan must be one of");
        QTest::addRow("v1: time scale zero") << v1 << QByteArray(R"({"plan":"validation","timeScale":0})")
                                             << QStringLiteral("timeScale must be a number between");
        QTest::addRow("v1: bad maxDuration")
            << v1 << QByteArray(R"({"plan":"validation","maxDuration":"soon"})")
            << QStringLiteral("maxDuration: must be");
        QTest::addRow("v1: unknown field") << v1 << QByteArray(R"({"plan":"validation","speed":2})")
                                           << QStringLiteral("unknown field \"speed\"");
        QTest::addRow("v1: document not an object") << v1 << QByteArray(R"({"planDocument":3})")
                                                    << QStringLiteral("planDocument must be a JSON object");
        QTest::addRow("v1: document without version") << v1 << QByteArray(R"({"planDocument":{"name":"x"}})")
                                                      << QStringLiteral("planDocument.schemaVersion:");
        QTest::addRow("v1: document with a bad step")
            << v1
            << QByteArray(R"({"planDocument":{"schemaVersion":1,"name":"x","method":[{"type":"explode"}]}})")
            << QStringLiteral("planDocument.method[0].type");
        QTest::addRow("v1: document with a bad chaos field")
            << v1
            << QByteArray(
                   R"({"planDocument":{"schemaVersion":1,"name":"x","method":[{"type":"chaos","duration":"1s",
                 "chaos":{"type":"latency","targets":["gemini"],"latencyMs":-5}}]}})")
            << QStringLiteral("planDocument.method[0].chaos");
        QTest::addRow("v1: document naming an unknown service")
            << v1
            << QByteArray(
                   R"({"planDocument":{"schemaVersion":1,"name":"x","method":[{"type":"chaos","duration":"1s",
                 "chaos":{"type":"latency","targets":["skynet"]}}]}})")
            << QStringLiteral("skynet");
    }

    void badInputIsRefusedWithTheFieldNamed()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        ReportDir dir;
        ApiRig rig(seedServices(), {}, fastBreakers(), nullptr, dir.reports());
        const HttpResult r = rig.request("POST", path, body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QLatin1String("success")), QJsonValue(false));
        QVERIFY2(errorOf(r).contains(message), r.body.constData());
        QVERIFY(!rig.scenarios->isRunning());
        QCOMPARE(isRunning(rig), false);
    }

    void traversalIsRejected_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        const QByteArray seed = "/chaos-testing/results/";
        const QByteArray v1 = "/api/v1/reports/";
        for (const QByteArray &base : {seed, v1}) {
            const char *tag = base == seed ? "seed" : "v1";
            QTest::addRow("%s: ../ encoded", tag) << QByteArray("GET") << base + "..%2Fsecret.json" << 400;
            QTest::addRow("%s: %%2e%%2e", tag) << QByteArray("GET") << base + "%2e%2e" << 400;
            QTest::addRow("%s: %%2e%%2e%%2f", tag)
                << QByteArray("GET") << base + "%2e%2e%2f%2e%2e%2fsecret.json" << 400;
            QTest::addRow("%s: absolute", tag) << QByteArray("GET") << base + "%2Fetc%2Fpasswd" << 400;
            QTest::addRow("%s: backslashes", tag) << QByteArray("GET") << base + "..%5Csecret.json" << 400;
            QTest::addRow("%s: double encoding", tag)
                << QByteArray("GET") << base + "%252e%252e%252fsecret.json" << 400;
            QTest::addRow("%s: plain ../", tag) << QByteArray("GET") << base + "../../secret.json" << 404;
            QTest::addRow("%s: report name outside", tag)
                << QByteArray("GET") << base + "..%2Freport_20240101_000000.json" << 400;
            QTest::addRow("%s: link with a report name", tag)
                << QByteArray("GET") << base + "report_20240102_000000.json" << 404;
            QTest::addRow("%s: not a report name", tag) << QByteArray("GET") << base + "notes.txt" << 404;
        }
        QTest::addRow("delete: ../ encoded") << QByteArray("DELETE") << v1 + "..%2Fsecret.json" << 400;
        QTest::addRow("delete: link") << QByteArray("DELETE") << v1 + "report_20240102_000000.json" << 404;
        QTest::addRow("delete: not a report name") << QByteArray("DELETE") << v1 + "notes.txt" << 404;
    }

    void traversalIsRejected()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        ReportDir dir;
        ApiRig rig(seedServices(), {}, fastBreakers(), nullptr, dir.reports());
        // A raw request: QNetworkAccessManager would normalise the dots away before sending.
        const QByteArray response =
            rig.raw(method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QCOMPARE(statusOf(response), status);
        QVERIFY2(!response.contains(kSecret), response.constData());
        QVERIFY(QFile::exists(dir.root.filePath(QStringLiteral("secret.json"))));
        QVERIFY(QFile::exists(dir.reports() + QStringLiteral("/notes.txt")));
        QVERIFY(QFileInfo(dir.reports() + QStringLiteral("/report_20240102_000000.json")).isSymLink());
    }

    void windowReportHasTheReportSchema()
    {
        ReportDir dir;
        ApiRig rig(seedServices(), {}, fastBreakers(), nullptr, dir.reports());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                rig.post(QStringLiteral("/ai"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("hi")}})
                    .status,
                200);

        QFile schemaFile(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../docs/report-schema.json"));
        QVERIFY(schemaFile.open(QIODevice::ReadOnly));
        const QJsonObject schema = QJsonDocument::fromJson(schemaFile.readAll()).object();
        const QJsonArray required = schema.value(QLatin1String("required")).toArray();
        QVERIFY(required.size() > 10);

        const HttpResult r = rig.get(QStringLiteral("/api/v1/reports/window"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        const QJsonObject report = r.json();
        for (const QJsonValue &key : required)
            QVERIFY2(report.contains(key.toString()), qPrintable(key.toString()));
        QCOMPARE(report.value(QLatin1String("kind")).toString(), QStringLiteral("window"));
        QCOMPARE(report.value(QLatin1String("schemaVersion")).toInt(), 1);
        QCOMPARE(report.value(QLatin1String("services")).toArray().size(), 3);
        QCOMPARE(report.value(QLatin1String("totals")).toObject().value(QLatin1String("requests")).toInt(),
                 3);

        // An explicit window, in ISO 8601 and in milliseconds.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString from =
            QDateTime::fromMSecsSinceEpoch(now - 60'000, Qt::UTC).toString(Qt::ISODateWithMs);
        const HttpResult windowed =
            rig.get(QStringLiteral("/api/v1/reports/window?from=%1&to=%2").arg(from).arg(now + 1000));
        QCOMPARE(windowed.status, 200);
        QCOMPARE(windowed.json().value(QLatin1String("kind")).toString(), QStringLiteral("window"));

        QCOMPARE(rig.get(QStringLiteral("/api/v1/reports/window?from=yesterday")).status, 400);
        const HttpResult reversed =
            rig.get(QStringLiteral("/api/v1/reports/window?from=%1&to=%2").arg(now).arg(now - 1000));
        QCOMPARE(reversed.status, 400);
        QVERIFY(errorOf(reversed).contains(QLatin1String("from must not be after to")));
        // A window report is answered, not saved.
        QCOMPARE(rig.get(QStringLiteral("/api/v1/reports")).json().value(QLatin1String("count")).toInt(), 0);
    }

    void withoutScenarioServiceTheRoutesAnswer503_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addRow("seed start") << QByteArray("POST") << QStringLiteral("/chaos-testing/start");
        QTest::addRow("seed stop") << QByteArray("POST") << QStringLiteral("/chaos-testing/stop");
        QTest::addRow("seed status") << QByteArray("GET") << QStringLiteral("/chaos-testing/status");
        QTest::addRow("seed results") << QByteArray("GET") << QStringLiteral("/chaos-testing/results");
        QTest::addRow("seed result") << QByteArray("GET")
                                     << QStringLiteral("/chaos-testing/results/report_20240101_000000.json");
        QTest::addRow("plans") << QByteArray("GET") << QStringLiteral("/api/v1/scenarios");
        QTest::addRow("plan") << QByteArray("GET") << QStringLiteral("/api/v1/scenarios/plans/validation");
        QTest::addRow("start") << QByteArray("POST") << QStringLiteral("/api/v1/scenarios/start");
        QTest::addRow("current") << QByteArray("GET") << QStringLiteral("/api/v1/scenarios/current");
        QTest::addRow("stop") << QByteArray("POST") << QStringLiteral("/api/v1/scenarios/current/stop");
        QTest::addRow("last") << QByteArray("GET") << QStringLiteral("/api/v1/scenarios/last");
        QTest::addRow("reports") << QByteArray("GET") << QStringLiteral("/api/v1/reports");
        QTest::addRow("report") << QByteArray("GET")
                                << QStringLiteral("/api/v1/reports/report_20240101_000000.json");
        QTest::addRow("delete") << QByteArray("DELETE")
                                << QStringLiteral("/api/v1/reports/report_20240101_000000.json");
    }

    void withoutScenarioServiceTheRoutesAnswer503()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        ApiRig rig(seedServices());
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        const HttpResult r = rig.request(
            method, path, method == "POST" ? QByteArray(R"({"plan":"validation"})") : QByteArray());
        QCOMPARE(r.status, 503);
        QCOMPARE(errorOf(r), QStringLiteral("scenarios are not enabled"));
        // The window report needs only the engine.
        QCOMPARE(rig.get(QStringLiteral("/api/v1/reports/window")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestApiScenarios)
#include "tst_apiscenarios.moc"
