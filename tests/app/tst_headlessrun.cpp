// The binary itself, as a user runs it: the foundation issue's chaos scenario visible in --summary output and
// JSON, and clear one-line errors with exit code 2 for bad command lines.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

static QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list)
        out << QString::fromUtf8(a);
    return out;
}

class TestHeadlessRun : public QObject
{
    Q_OBJECT

    // Every run keeps its data (default database, reports) in this directory, never the user's.
    QTemporaryDir m_data;

    QProcess *launch(const QStringList &args, const QList<std::pair<QString, QString>> &extraEnv = {})
    {
        auto *p = new QProcess;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *key : {"GEMINI_API_KEY", "GOOGLE_API_KEY", "COHERE_API_KEY", "HF_TOKEN",
                                "HUGGINGFACE_API_KEY", "AIRM_API_TOKEN"})
            env.remove(QLatin1String(key));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_data.path());
        for (const auto &[name, value] : extraEnv)
            env.insert(name, value);
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(AIRM_APP_PATH), args);
        return p;
    }

    QProcess *run(const QStringList &args)
    {
        QProcess *p = launch(args);
        p->waitForFinished(60000);
        return p;
    }

    // Waits for the service's "API listening" line, collecting stderr in *err; the port, or 0 after 20 s.
    static quint16 waitForApi(QProcess *p, QByteArray *err)
    {
        static const QRegularExpression listening(
            QStringLiteral("API listening on http://127\\.0\\.0\\.1:(\\d+)"));
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 20'000) {
            *err += p->readAllStandardError();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(*err));
            if (m.hasMatch()) return quint16(m.captured(1).toUInt());
            if (p->state() == QProcess::NotRunning) return 0;
            p->waitForReadyRead(200);
        }
        return 0;
    }

    // A plain HTTP/1.0 exchange; returns the body, *status the status code.
    static QByteArray http(quint16 port, const QByteArray &method, const QByteArray &path, int *status,
                           const QByteArray &body = {})
    {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!s.waitForConnected(5000)) return {};
        QByteArray request = method + ' ' + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n";
        if (!body.isEmpty())
            request +=
                "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                "\r\n";
        s.write(request + "\r\n" + body);
        QByteArray out;
        while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(10000))
            out += s.readAll();
        out += s.readAll();
        *status = out.mid(9, 3).toInt();
        return out.mid(out.indexOf("\r\n\r\n") + 4);
    }

private slots:
    void chaosScenarioShowsInTheSummary()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("summary.json"));
        std::unique_ptr<QProcess> p(
            run({QStringLiteral("--headless"), QStringLiteral("--requests"), QStringLiteral("20"),
                 QStringLiteral("--service"), QStringLiteral("gemini"), QStringLiteral("--chaos"),
                 QStringLiteral("gemini:failure:100:60s"), QStringLiteral("--simulation-latency"),
                 QStringLiteral("1-5"), QStringLiteral("--seed"), QStringLiteral("7"),
                 QStringLiteral("--summary"), QStringLiteral("--summary-json"), json}));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QCOMPARE(p->exitCode(), 0);
        const QString out = QString::fromUtf8(p->readAllStandardOutput());
        const QString err = QString::fromUtf8(p->readAllStandardError());
        QVERIFY2(out.contains(QLatin1String("CLOSED -> OPEN")), qPrintable(out));
        QVERIFY2(err.contains(QLatin1String("SIMULATED")), qPrintable(err));
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject summary = QJsonDocument::fromJson(f.readAll()).object();
        QJsonObject gemini;
        for (const QJsonValue &v : summary.value(QLatin1String("services")).toArray())
            if (v.toObject().value(QLatin1String("service")).toString() == QLatin1String("gemini"))
                gemini = v.toObject();
        QCOMPARE(gemini.value(QLatin1String("requests")).toInt(), 20);
        QCOMPARE(gemini.value(QLatin1String("failures")).toInt(), 3);
        QCOMPARE(gemini.value(QLatin1String("rejected")).toInt(), 17);
        QCOMPARE(gemini.value(QLatin1String("breakerState")).toString(), QStringLiteral("OPEN"));
        QCOMPARE(gemini.value(QLatin1String("breakerTransitions")).toInt(), 1);
        QCOMPARE(gemini.value(QLatin1String("simulated")).toBool(), true);
    }

    void badCommandLinesExitWithCode2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("unknown chaos type")
            << args({"--headless", "--requests", "1", "--chaos", "gemini:error"}) << "error";
        QTest::addRow("out of range")
            << args({"--headless", "--requests", "1", "--chaos", "gemini:latency:70000"}) << "latencyMs";
        QTest::addRow("unknown service")
            << args({"--headless", "--requests", "1", "--service", "nope"}) << "nope";
        QTest::addRow("bad number") << args({"--headless", "--requests", "many"}) << "--requests";
        QTest::addRow("missing config")
            << args({"--headless", "--config", "/nonexistent/x.json"}) << "/nonexistent/x.json";
        QTest::addRow("unknown option") << args({"--frobnicate"}) << "frobnicate";
        QTest::addRow("bad log format") << args({"--headless", "--log-format", "xml"}) << "--log-format";
        QTest::addRow("bad port") << args({"--headless", "--api-port", "70000"}) << "--api-port";
        QTest::addRow("bad bind") << args({"--headless", "--api-bind", "nowhere"}) << "--api-bind";
        QTest::addRow("bad automation") << args({"--headless", "--automation", "rate=fast"}) << "rate";
        QTest::addRow("unknown automation key") << args({"--headless", "--automation", "speed=3"}) << "speed";
        QTest::addRow("bad duration") << args({"--headless", "--duration", "soon"}) << "--duration";
        QTest::addRow("time scale without scenario")
            << args({"--headless", "--time-scale", "10"}) << "--scenario";
        QTest::addRow("bad postgres url")
            << args({"--headless", "--db", "postgresql://u@:notaport/x"}) << "--db";
    }

    void badCommandLinesExitWithCode2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        std::unique_ptr<QProcess> p(run(args));
        QCOMPARE(p->exitCode(), 2);
        // Qt's own environment warnings (e.g. "QStandardPaths: XDG_RUNTIME_DIR not set") are not ours to
        // count.
        QStringList lines = QString::fromUtf8(p->readAllStandardError()).trimmed().split(QLatin1Char('\n'));
        lines.removeIf([](const QString &l) { return l.startsWith(QLatin1String("QStandardPaths:")); });
        const QString err = lines.join(QLatin1Char('\n'));
        QVERIFY2(err.contains(mentions), qPrintable(err));
        QCOMPARE(lines.size(), 1); // one line
    }

    // The headless service: history in the database given by --db, the API on the port it logs, requests
    // through the API recorded and listed, a clean stop on SIGTERM with everything written.
    void serviceRecordsAndServes()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("h.db"));
        std::unique_ptr<QProcess> p(
            launch({QStringLiteral("--headless"), QStringLiteral("--api-port"), QStringLiteral("0"),
                    QStringLiteral("--db"), db, QStringLiteral("--simulation-latency"), QStringLiteral("1-3"),
                    QStringLiteral("--simulation-failure-pct"), QStringLiteral("0")}));
        QByteArray err;
        const quint16 port = waitForApi(p.get(), &err);
        QVERIFY2(port != 0, err.constData());
        int status = 0;
        for (int i = 0; i < 5; ++i) {
            const QJsonObject r = QJsonDocument::fromJson(http(port, "POST", "/ai", &status,
                                                               R"({"service":"gemini","prompt":"hello"})"))
                                      .object();
            QCOMPARE(status, 200);
            QCOMPARE(r.value(QLatin1String("success")).toBool(), true);
        }
        // The writer commits every 100 ms: the history lists them shortly.
        QJsonArray items;
        QTRY_VERIFY_WITH_TIMEOUT(
            (items = QJsonDocument::fromJson(
                         http(port, "GET", "/api/v1/history/requests?service=gemini", &status))
                         .object()
                         .value(QLatin1String("items"))
                         .toArray(),
             items.size() == 5),
            10000);
        QCOMPARE(items.first().toObject().value(QLatin1String("service")).toString(),
                 QStringLiteral("gemini"));
        const QJsonObject stats =
            QJsonDocument::fromJson(http(port, "GET", "/api/history/statistics?hours=1", &status)).object();
        QCOMPARE(status, 200);
        QCOMPARE(stats.value(QLatin1String("statistics"))
                     .toObject()
                     .value(QLatin1String("gemini"))
                     .toObject()
                     .value(QLatin1String("total_requests"))
                     .toInt(),
                 5);
        ::kill(pid_t(p->processId()), SIGTERM);
        QVERIFY(p->waitForFinished(20000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QCOMPARE(p->exitCode(), 0);
        err += p->readAllStandardError();
        QVERIFY2(QString::fromUtf8(err).contains(
                     QRegularExpression(QStringLiteral("history closed: [1-9]\\d* written"))),
                 err.constData());
        {
            QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            sql.setDatabaseName(db);
            QVERIFY(sql.open());
            QSqlQuery q(sql);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM requests WHERE service = 'gemini'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 5);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void portInUseIsExitCode2()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost));
        std::unique_ptr<QProcess> p(
            run({QStringLiteral("--headless"), QStringLiteral("--no-db"), QStringLiteral("--api-port"),
                 QString::number(blocker.serverPort())}));
        QCOMPARE(p->exitCode(), 2);
        QVERIFY(p->readAllStandardError().contains("API: "));
    }

    // A scenario as a CI gate: the built-in validation suite time-scaled against the simulation, the report
    // written where --report says, exit code 0 or 1 from the hypotheses (never 2).
    void scenarioWritesReportAndExitCode()
    {
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("r.json"));
        // Breakers are the system under test, so the time scale leaves them alone: a short open state keeps
        // the recovery waits of this test short.
        const QString config = dir.filePath(QStringLiteral("c.json"));
        QFile c(config);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(R"({"breaker": {"preset": "seed", "waitDurationInOpenStateMs": 1000}})");
        c.close();
        std::unique_ptr<QProcess> p(
            run({QStringLiteral("--config"), config, QStringLiteral("--scenario"),
                 QStringLiteral("validation"), QStringLiteral("--time-scale"), QStringLiteral("1000"),
                 QStringLiteral("--db"), dir.filePath(QStringLiteral("s.db")), QStringLiteral("--report"),
                 report, QStringLiteral("--simulation-latency"), QStringLiteral("1-3")}));
        const QByteArray err = p->readAllStandardError();
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QVERIFY2(p->exitCode() == 0 || p->exitCode() == 1, err.constData());
        QFile f(report);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject r = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY2(r.contains(QLatin1String("schemaVersion")), QJsonDocument(r).toJson().constData());
        QVERIFY(r.contains(QLatin1String("verdict")));
        QVERIFY(!p->readAllStandardOutput().isEmpty()); // the summary
        // The run is in the history database with its verdict and report.
        {
            QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("runs"));
            sql.setDatabaseName(dir.filePath(QStringLiteral("s.db")));
            QVERIFY(sql.open());
            QSqlQuery q(sql);
            QVERIFY(q.exec(QStringLiteral("SELECT name, status, length(report) FROM scenario_runs")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("validation"));
            QCOMPARE(q.value(1).toString(),
                     r.value(QLatin1String("verdict")).toObject().value(QLatin1String("result")).toString());
            QVERIFY(q.value(2).toInt() > 1000);
            QVERIFY(!q.next());
            // Every request of the run is in the requests table under its run id: as many as the report
            // counts (the report's CSV request log is checked against the same counts in tst_scenarioreport).
            const QString runId =
                r.value(QLatin1String("run")).toObject().value(QLatin1String("id")).toString();
            QVERIFY(!runId.isEmpty());
            QVERIFY(q.exec(
                QStringLiteral("SELECT COUNT(*) FROM requests WHERE run_id = '%1' OR run_id LIKE '%1/%'")
                    .arg(runId)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(),
                     r.value(QLatin1String("totals")).toObject().value(QLatin1String("requests")).toInt());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("runs"));
    }

    void unknownPlanIsExitCode2()
    {
        std::unique_ptr<QProcess> p(
            run({QStringLiteral("--scenario"), QStringLiteral("no-such-plan"), QStringLiteral("--no-db")}));
        QCOMPARE(p->exitCode(), 2);
        QVERIFY(p->readAllStandardError().contains("no-such-plan"));
    }

    // --duration ends the service by itself; --log-format json makes every log line a JSON object; an
    // --automation run sends requests meanwhile and the --report covers them.
    void timedServiceWithAutomationAndJsonLogs()
    {
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("live.json"));
        std::unique_ptr<QProcess> p(run(
            {QStringLiteral("--headless"), QStringLiteral("--no-api"), QStringLiteral("--no-db"),
             QStringLiteral("--duration"), QStringLiteral("2s"), QStringLiteral("--automation"),
             QStringLiteral("rate=20,services=cohere,in-flight=2"), QStringLiteral("--simulation-latency"),
             QStringLiteral("1-3"), QStringLiteral("--log-format"), QStringLiteral("json"),
             QStringLiteral("--report"), report}));
        QCOMPARE(p->exitCode(), 0);
        const QList<QByteArray> lines = p->readAllStandardError().trimmed().split('\n');
        int ours = 0;
        for (const QByteArray &line : lines) {
            if (line.startsWith("QStandardPaths:")) continue;
            QJsonParseError e;
            const QJsonObject o = QJsonDocument::fromJson(line, &e).object();
            QVERIFY2(e.error == QJsonParseError::NoError, line.constData());
            QVERIFY(o.contains(QLatin1String("ts")) && o.contains(QLatin1String("level")));
            ++ours;
        }
        QVERIFY(ours >= 3);
        QFile f(report);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains("\"cohere\""), text.left(400).constData());
    }

    // Alerts from the config file reach a JSON webhook: chaos opens gemini's breaker during a timed service
    // run with automation, and the monitor posts the alert to a receiver on 127.0.0.1.
    void breakerAlertReachesWebhook()
    {
        QTcpServer receiver;
        QVERIFY(receiver.listen(QHostAddress::LocalHost));
        QByteArray received;
        connect(&receiver, &QTcpServer::newConnection, &receiver, [&] {
            QTcpSocket *s = receiver.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [s, &received] {
                received += s->readAll();
                if (received.contains("\r\n\r\n") && received.endsWith('}'))
                    s->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            });
        });
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("alerts.json"));
        QFile c(config);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(QStringLiteral("{\"alerts\": {\"channels\": {\"webhookUrl\": \"http://127.0.0.1:%1/hook\"}}}")
                    .arg(receiver.serverPort())
                    .toUtf8());
        c.close();
        std::unique_ptr<QProcess> p(
            launch({QStringLiteral("--headless"), QStringLiteral("--config"), config,
                    QStringLiteral("--no-api"), QStringLiteral("--no-db"), QStringLiteral("--chaos"),
                    QStringLiteral("gemini:failure:100:60s"), QStringLiteral("--automation"),
                    QStringLiteral("rate=50,services=gemini"), QStringLiteral("--simulation-latency"),
                    QStringLiteral("1-3"), QStringLiteral("--duration"), QStringLiteral("4s")}));
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("breakerOpened"), 10000);
        QVERIFY2(received.startsWith("POST /hook "), received.constData());
        const QJsonObject alert =
            QJsonDocument::fromJson(received.mid(received.indexOf("\r\n\r\n") + 4)).object();
        QCOMPARE(alert.value(QLatin1String("service")).toString(), QStringLiteral("gemini"));
        QVERIFY(p->waitForFinished(20000));
        QCOMPARE(p->exitCode(), 0);
        QVERIFY(p->readAllStandardError().contains("alert breakerOpened"));
    }

    // SIGHUP (systemctl reload) reads the config file again and applies it while the service runs: services
    // added, changed (a busy one once its request finished) and removed, a breaker reconfigured without
    // losing its state; a restart-only change is named; a broken file changes nothing and the service runs
    // on.
    void sighupReloadsTheConfiguration()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("airm.json"));
        const auto writeConfig = [&path](const QByteArray &json) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(json) == json.size();
        };
        const QByteArray slowGemini = "{\"name\":\"gemini\",\"kind\":\"gemini\",\"model\":\"%1\","
                                      "\"simulation\":{\"latencyMinMs\":4000,\"latencyMaxMs\":4000,"
                                      "\"failurePct\":0}}";
        QVERIFY(writeConfig("{\"replaceDefaultServices\":true,\"services\":[" +
                            QByteArray(slowGemini).replace("%1", "model-one") +
                            ",{\"name\":\"cohere\",\"kind\":\"cohere\"},"
                            "{\"name\":\"steady\",\"kind\":\"openai\",\"forceSimulation\":true}],"
                            "\"breakers\":{\"steady\":{\"consecutiveFailureThreshold\":3}}}"));
        std::unique_ptr<QProcess> p(
            launch({QStringLiteral("--headless"), QStringLiteral("--no-db"), QStringLiteral("--api-port"),
                    QStringLiteral("0"), QStringLiteral("--config"), path}));
        QByteArray err;
        const auto log = [&] { return QString::fromUtf8(err += p->readAllStandardError()); };
        const quint16 port = waitForApi(p.get(), &err);
        QVERIFY2(port != 0, err.constData());
        int status = 0;
        http(port, "POST", "/api/v1/breakers/steady/force", &status, "{\"state\":\"FORCED_OPEN\"}");
        QCOMPARE(status, 200);

        // A request to gemini is in flight (4 s) when the reload comes.
        QTcpSocket inFlight;
        inFlight.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(inFlight.waitForConnected(5000));
        const QByteArray body = "{\"service\":\"gemini\",\"prompt\":\"during the reload\"}";
        inFlight.write("POST /ai HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       "Content-Length: " +
                       QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(inFlight.waitForBytesWritten(5000));
        QTest::qWait(300);

        QVERIFY(writeConfig("{\"replaceDefaultServices\":true,\"services\":[" +
                            QByteArray(slowGemini).replace("%1", "model-two") +
                            ",{\"name\":\"steady\",\"kind\":\"openai\",\"forceSimulation\":true},"
                            "{\"name\":\"extra\",\"kind\":\"anthropic\"}],"
                            "\"breakers\":{\"steady\":{\"consecutiveFailureThreshold\":7}},"
                            "\"engine\":{\"deadlineMs\":5000}}"));
        ::kill(pid_t(p->processId()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(
            log().contains(QStringLiteral("reload of %1: services added: extra; services updated: gemini; "
                                          "services removed: cohere; breakers updated: steady; changed but "
                                          "applied only after a restart: engine.deadlineMs")
                               .arg(path)),
            10000);
        QVERIFY2(log().contains(QLatin1String("reload: gemini busy (requests in flight)")), err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(log().contains(QLatin1String("reload: service gemini now idle: applied")),
                                 10000);
        // The request in flight finished normally.
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += inFlight.readAll(), answer.contains("during the reload")), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.0 200"), answer.constData());

        const auto services = [&] {
            QStringList out;
            const QJsonArray list = QJsonDocument::fromJson(http(port, "GET", "/api/v1/services", &status))
                                        .object()
                                        .value(QLatin1String("services"))
                                        .toArray();
            for (const QJsonValue &v : list)
                out << v.toObject().value(QLatin1String("name")).toString() + QLatin1Char('=') +
                           v.toObject().value(QLatin1String("model")).toString();
            return out;
        };
        const QStringList afterReload = services();
        QCOMPARE(afterReload.size(), 3);
        QVERIFY2(afterReload.contains(QStringLiteral("gemini=model-two")),
                 qPrintable(afterReload.join(QLatin1Char(' '))));
        QVERIFY(afterReload.filter(QRegularExpression(QStringLiteral("^steady="))).size() == 1);
        QVERIFY(afterReload.filter(QRegularExpression(QStringLiteral("^extra="))).size() == 1);
        const QJsonObject steady =
            QJsonDocument::fromJson(http(port, "GET", "/api/v1/breakers/steady", &status)).object();
        QCOMPARE(status, 200);
        QCOMPARE(steady.value(QLatin1String("state")).toString(), QStringLiteral("FORCED_OPEN"));
        QCOMPARE(steady.value(QLatin1String("config"))
                     .toObject()
                     .value(QLatin1String("consecutiveFailureThreshold"))
                     .toInt(),
                 7);

        // A broken file: an error in the log, nothing changes, the service answers.
        QVERIFY(writeConfig("{\"services\":["));
        ::kill(pid_t(p->processId()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(
            log().contains(QLatin1String("reload failed, the running configuration stays: ")), 10000);
        QCOMPARE(services(), afterReload);
        http(port, "GET", "/test", &status);
        QCOMPARE(status, 200);

        ::kill(pid_t(p->processId()), SIGTERM);
        QVERIFY(p->waitForFinished(20000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QCOMPARE(p->exitCode(), 0);
    }

    // --keychain on a machine without a keychain (D-Bus pointed at nothing, as on a server): one clear line
    // naming the services left without a key, and the service starts and runs them simulated.
    void keychainWithoutAKeychainSaysSoAndRuns()
    {
        std::unique_ptr<QProcess> p(
            launch({QStringLiteral("--headless"), QStringLiteral("--no-db"), QStringLiteral("--keychain"),
                    QStringLiteral("--api-port"), QStringLiteral("0")},
                   {{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                     QStringLiteral("unix:path=/nonexistent/airm-bus")}}));
        QByteArray err;
        const quint16 port = waitForApi(p.get(), &err);
        QVERIFY2(port != 0, err.constData());
        QVERIFY2(QString::fromUtf8(err).contains(QRegularExpression(
                     QStringLiteral("keychain: not available \\(.+\\); without a key: gemini, cohere, "
                                    "huggingface"))),
                 err.constData());
        int status = 0;
        const QJsonArray services = QJsonDocument::fromJson(http(port, "GET", "/api/v1/services", &status))
                                        .object()
                                        .value(QLatin1String("services"))
                                        .toArray();
        QCOMPARE(services.size(), 3);
        for (const QJsonValue &v : services)
            QCOMPARE(v.toObject().value(QLatin1String("simulated")), QJsonValue(true));
        ::kill(pid_t(p->processId()), SIGTERM);
        QVERIFY(p->waitForFinished(20000));
        QCOMPARE(p->exitCode(), 0);
    }

    // --check-config: validates what a start would, prints the effective configuration without a secret in
    // it, and exits 0; or names each problem and exits 2. Nothing is started (no port, no database).
    void checkConfigPrintsTheEffectiveConfigurationWithoutSecrets()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("airm.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(
                "{\"services\":[{\"name\":\"local\",\"kind\":\"openai\",\"apiKey\":\"sk-secret-key-123\"}],"
                "\"database\":\"postgresql://bob:hunter2@db.example/airm\","
                "\"alerts\":{\"channels\":{\"webhookUrl\":\"https://hooks.example/T0/secret-path\"}},"
                "\"api\":{\"token\":\"very-secret-token-1234\",\"port\":3999}}");
        }
        std::unique_ptr<QProcess> ok(run({QStringLiteral("--check-config"), QStringLiteral("--config"), path,
                                          QStringLiteral("--api-port"), QStringLiteral("4001")}));
        QCOMPARE(ok->exitCode(), 0);
        const QByteArray out = ok->readAllStandardOutput();
        for (const char *secret : {"sk-secret-key-123", "hunter2", "secret-path", "very-secret-token-1234"})
            QVERIFY2(!out.contains(secret), secret);
        QJsonParseError error;
        const QJsonObject config = QJsonDocument::fromJson(out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QStringList names;
        for (const QJsonValue &v : config.value(QLatin1String("services")).toArray())
            names << v.toObject().value(QLatin1String("name")).toString();
        QCOMPARE(names, (QStringList{QStringLiteral("gemini"), QStringLiteral("cohere"),
                                     QStringLiteral("huggingface"), QStringLiteral("local")}));
        const QJsonObject api = config.value(QLatin1String("api")).toObject();
        QCOMPARE(api.value(QLatin1String("port")).toInt(), 4001); // the command line wins over the file
        QCOMPARE(api.value(QLatin1String("token")).toString(), QStringLiteral("set"));
        QCOMPARE(config.value(QLatin1String("database")).toString(),
                 QStringLiteral("postgresql://bob:xxxxx@db.example/airm"));
        QVERIFY(ok->readAllStandardError().contains("configuration is valid (4 services)"));

        // What only a start would have refused before: a public address without a token, a bad database URL.
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"database\":\"postgresql://nobody@/\"}");
        f.close();
        std::unique_ptr<QProcess> bad(run({QStringLiteral("--check-config"), QStringLiteral("--api-bind"),
                                           QStringLiteral("0.0.0.0"), QStringLiteral("--config"), path}));
        QCOMPARE(bad->exitCode(), 2);
        const QString problems = QString::fromUtf8(bad->readAllStandardError());
        QVERIFY2(problems.contains(QLatin1String("database: PostgreSQL URL needs a database name")),
                 qPrintable(problems));
        QVERIFY2(problems.contains(QLatin1String("refusing to serve the API on 0.0.0.0 without a token")),
                 qPrintable(problems));
        QVERIFY(bad->readAllStandardOutput().isEmpty());
    }

    void versionAndHelp()
    {
        std::unique_ptr<QProcess> p(run({QStringLiteral("--version")}));
        QCOMPARE(p->exitCode(), 0);
        QVERIFY(p->readAllStandardOutput().startsWith("ai-resilience-monitor " AIRM_VERSION));
        p.reset(run({QStringLiteral("--help")}));
        QCOMPARE(p->exitCode(), 0);
        QVERIFY(p->readAllStandardOutput().contains("--chaos"));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessRun)
#include "tst_headlessrun.moc"
