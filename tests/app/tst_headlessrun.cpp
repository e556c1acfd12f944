// The binary itself, as a user runs it: the foundation issue's chaos scenario visible in --summary output and
// JSON, and clear one-line errors with exit code 2 for bad command lines.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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

    static QProcess *run(const QStringList &args)
    {
        auto *p = new QProcess;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *key :
             {"GEMINI_API_KEY", "GOOGLE_API_KEY", "COHERE_API_KEY", "HF_TOKEN", "HUGGINGFACE_API_KEY"})
            env.remove(QLatin1String(key));
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(AIRM_APP_PATH), args);
        p->waitForFinished(60000);
        return p;
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
