// The Scenarios page against the simulation: the built-in plans are listed with their steps and length and
// previewed; the breaker drill runs from the Start button at a high time scale to a verdict the page shows
// with its exit code, its live status and output; its report files are listed, opened in the viewer and one
// is deleted after the confirmation; a plan file that does not validate shows the error naming the field; a
// plan file opens and saves again byte for byte; a plan for a service that does not exist cannot start and
// says why.
#include "uitestrig.h"

#include "planpreview.h"
#include "scenariospage.h"

#include "scenarios/planlibrary.h"
#include "scenarios/scenarioservice.h"

#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

namespace {

// The drill waits for every breaker to open and close again: with the seed's 20 s in OPEN that is a minute
// of real time whatever the time scale, so the test's breakers wait 200 ms.
void shortenBreakerWaits(UiRig &rig)
{
    rig.host->call([](RequestEngine &e) {
        for (const QString &s : e.serviceNames()) {
            BreakerConfig c = e.breakerConfig(s);
            c.waitDurationInOpenStateMs = 200;
            e.setBreakerConfig(s, c);
        }
    });
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(content);
    return path;
}

// Answers the next modal message box with the given button.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, qApp, [button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box) box->button(button)->click();
    });
}

} // namespace

class TestScenariosPage : public QObject
{
    Q_OBJECT

private slots:
    void builtInPlansAreListedAndPreviewed()
    {
        UiRig rig;
        ScenarioService service(*rig.host, ReportStore(rig.dir.filePath(QStringLiteral("reports"))));
        rig.context.scenarios = &service;
        ScenariosPage page(rig.context);
        page.show();
        QCOMPARE(page.planList()->topLevelItemCount(), 3);
        QStringList names;
        for (int i = 0; i < page.planList()->topLevelItemCount(); ++i)
            names << page.planList()->topLevelItem(i)->text(1);
        QVERIFY(names.contains(QStringLiteral("validation")));
        QVERIFY(names.contains(QStringLiteral("continuous")));
        QVERIFY(names.contains(QStringLiteral("breaker-drill")));

        QVERIFY(page.selectPlan(QStringLiteral("validation")));
        QCOMPARE(page.selectedPlanName(), QStringLiteral("validation"));
        QTreeWidgetItem *validation = page.planList()->currentItem();
        QVERIFY(validation->text(2).toInt() > 5);                     // steps
        QVERIFY(validation->text(3).contains(QStringLiteral("min"))); // about 23 min
        // The preview: method, hypothesis with its probes, rollback.
        PlanPreview *preview = page.preview();
        QVERIFY(preview->topLevelItemCount() >= 3);
        QCOMPARE(preview->topLevelItem(0)->text(0), QStringLiteral("Method"));
        QVERIFY(preview->topLevelItem(0)->childCount() > 5);
        QCOMPARE(preview->topLevelItem(1)->text(0), QStringLiteral("Hypothesis"));
        QStringList probes;
        for (int i = 0; i < preview->topLevelItem(1)->childCount(); ++i)
            probes << preview->topLevelItem(1)->child(i)->text(0);
        QVERIFY(probes.contains(QStringLiteral("breakers-closed")));

        // The length follows the time scale.
        QVERIFY(!page.lengthLabel()->text().contains(QStringLiteral("×")));
        page.timeScaleBox()->setValue(100);
        QVERIFY2(page.lengthLabel()->text().contains(QStringLiteral("at ×100")),
                 qPrintable(page.lengthLabel()->text()));
        QVERIFY(page.startButton()->isEnabled());
        QVERIFY(!page.stopButton()->isEnabled());

        // The drill's length depends on the breakers: it says so.
        QVERIFY(page.selectPlan(QStringLiteral("breaker-drill")));
        QVERIFY(page.planList()->currentItem()->text(3).contains(QStringLiteral("conditions")));
        QCOMPARE(page.planList()->currentItem()->text(2), QStringLiteral("6")); // 2 steps x 3 services
    }

    void breakerDrillRunsToAVerdictAndItsReportsAreListed()
    {
        UiRig rig;
        shortenBreakerWaits(rig);
        const QString reports = rig.dir.filePath(QStringLiteral("reports"));
        ScenarioService service(*rig.host, ReportStore(reports));
        rig.context.scenarios = &service;
        ScenariosPage page(rig.context);
        page.resize(1280, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setActive(true);
        QSignalSpy finished(&page, &ScenariosPage::runFinished);
        QSignalSpy listed(&page, &ScenariosPage::reportsListed);

        QVERIFY(page.selectPlan(QStringLiteral("breaker-drill")));
        page.timeScaleBox()->setValue(20);
        QTest::mouseClick(page.startButton(), Qt::LeftButton);
        QVERIFY2(!page.errorLabel()->isVisible(), qPrintable(page.errorLabel()->text()));
        QVERIFY(service.isRunning());
        QVERIFY(page.running());
        QVERIFY(!page.startButton()->isEnabled());
        QVERIFY(page.stopButton()->isEnabled());
        QVERIFY(page.stateLabel()->text().startsWith(QStringLiteral("Running")));
        // One run at a time: a second start is refused in the page.
        QVERIFY(!page.start());
        QVERIFY(page.errorLabel()->text().contains(QStringLiteral("already running")));

        // Live status and output while it runs.
        QTRY_COMPARE_WITH_TIMEOUT(page.statusValue(QStringLiteral("plan")), QStringLiteral("breaker-drill"),
                                  3000);
        QTRY_VERIFY_WITH_TIMEOUT(page.statusValue(QStringLiteral("requests")).toInt() > 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!page.outputView()->toPlainText().isEmpty(), 5000);

        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15'000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("passed"));
        QCOMPARE(finished.at(0).at(1).toInt(), 0);
        QVERIFY(page.verdictLabel()->isVisible());
        QVERIFY2(page.verdictLabel()->text().contains(QStringLiteral("Hypothesis held")),
                 qPrintable(page.verdictLabel()->text()));
        QVERIFY(page.verdictLabel()->text().contains(QStringLiteral("exit code 0")));
        QVERIFY(page.stateLabel()->text().contains(QStringLiteral("passed")));
        QVERIFY(page.startButton()->isEnabled());
        QVERIFY(!page.stopButton()->isEnabled());
        QCOMPARE(page.statusValue(QStringLiteral("phase")), QStringLiteral("Finished"));
        QVERIFY(page.outputView()->toPlainText().contains(QStringLiteral("Outage on gemini")));

        // The five report files of the run, the JSON report selected.
        QTRY_COMPARE_WITH_TIMEOUT(page.reportList()->topLevelItemCount(), 5, 5000);
        QVERIFY(!listed.isEmpty());
        const QString json = page.selectedReport();
        QVERIFY2(json.startsWith(QStringLiteral("report_")) && json.endsWith(QStringLiteral(".json")),
                 qPrintable(json));
        QSignalSpy shown(&page, &ScenariosPage::reportShown);
        QTest::mouseClick(page.openReportButton(), Qt::LeftButton);
        QTRY_COMPARE(shown.size(), 1);
        QVERIFY(page.reportViewer());
        QVERIFY(page.reportViewerWindow()->isVisible());
        QVERIFY(page.reportViewer()->isReadOnly());
        QVERIFY(page.reportViewer()->toPlainText().contains(QStringLiteral("\"verdict\"")));
        page.reportViewerWindow()->close();

        // Delete the summary after the confirmation.
        QString summary;
        for (int i = 0; i < page.reportList()->topLevelItemCount(); ++i)
            if (page.reportList()->topLevelItem(i)->text(0).startsWith(QStringLiteral("final_report_")))
                page.reportList()->setCurrentItem(page.reportList()->topLevelItem(i));
        summary = page.selectedReport();
        QVERIFY(summary.startsWith(QStringLiteral("final_report_")));
        QVERIFY(QFile::exists(QDir(reports).filePath(summary)));
        QSignalSpy deleted(&page, &ScenariosPage::reportDeleted);
        // Cancel first: nothing happens.
        answerNextMessageBox(QMessageBox::Cancel);
        QTest::mouseClick(page.deleteReportButton(), Qt::LeftButton);
        QVERIFY(QFile::exists(QDir(reports).filePath(summary)));
        answerNextMessageBox(QMessageBox::Yes);
        QTest::mouseClick(page.deleteReportButton(), Qt::LeftButton);
        QTRY_COMPARE(deleted.size(), 1);
        QCOMPARE(deleted.at(0).at(0).toBool(), true);
        QVERIFY(!QFile::exists(QDir(reports).filePath(summary)));
        QTRY_COMPARE(page.reportList()->topLevelItemCount(), 4);
    }

    void stopEndsTheRunWithAVerdict()
    {
        UiRig rig;
        ScenarioService service(*rig.host, ReportStore(rig.dir.filePath(QStringLiteral("reports"))));
        rig.context.scenarios = &service;
        ScenariosPage page(rig.context);
        page.show();
        QSignalSpy finished(&page, &ScenariosPage::runFinished);
        QVERIFY(page.selectPlan(QStringLiteral("validation")));
        QVERIFY(page.start()); // time scale 1: 23 minutes unless stopped
        QTRY_VERIFY_WITH_TIMEOUT(page.statusValue(QStringLiteral("phase")) != QStringLiteral("–"), 3000);
        QTest::mouseClick(page.stopButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10'000);
        QVERIFY(page.verdictLabel()->text().contains(QStringLiteral("stopped")));
        QVERIFY(page.verdictLabel()->text().contains(QStringLiteral("stopped by user")));
    }

    void failedProbeIsNamedWithItsValue()
    {
        UiRig rig;
        ScenarioService service(*rig.host, ReportStore(rig.dir.filePath(QStringLiteral("reports"))));
        rig.context.scenarios = &service;
        ScenariosPage page(rig.context);
        page.show();
        const QString path =
            writeFile(rig.dir, QStringLiteral("doomed.json"), R"({"schemaVersion":1,"name":"doomed",
            "hypothesis":{"probes":[{"name":"gemini-answers","type":"success_rate","service":"gemini","minPct":90,
                                     "window":"10s","minSamples":3,"when":[]}]},
            "method":[{"type":"chaos","duration":"1s","recovery":false,
                       "chaos":{"type":"failure","targets":["gemini"],"probabilityPct":100},"load":{"interval":"100ms"}},
                      {"type":"check","probes":["gemini-answers"]}]})");
        QSignalSpy opened(&page, &ScenariosPage::planOpened);
        page.openPlanFile(path);
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY2(opened.at(0).at(0).toBool(), qPrintable(opened.at(0).at(1).toString()));
        QSignalSpy finished(&page, &ScenariosPage::runFinished);
        QVERIFY2(page.start(), qPrintable(page.errorLabel()->text()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10'000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("failed"));
        QCOMPARE(finished.at(0).at(1).toInt(), 1);
        const QString verdict = page.verdictLabel()->text();
        QVERIFY2(verdict.contains(QStringLiteral("Hypothesis failed")), qPrintable(verdict));
        QVERIFY(verdict.contains(QStringLiteral("exit code 1")));
        QVERIFY2(verdict.contains(QStringLiteral("Probe <b>gemini-answers</b> failed check")),
                 qPrintable(verdict));
        QVERIFY(verdict.contains(QStringLiteral("needs &gt;= 90 %")));
        QVERIFY(page.stateLabel()->text().contains(QStringLiteral("failed")));
    }

    void invalidPlanFileShowsTheFieldNamingError()
    {
        UiRig rig;
        ScenarioService service(*rig.host, ReportStore(rig.dir.filePath(QStringLiteral("reports"))));
        rig.context.scenarios = &service;
        ScenariosPage page(rig.context);
        page.show();
        const QString path = writeFile(rig.dir, QStringLiteral("bad-plan.json"), R"({"schemaVersion":1,
            "name":"bad","method":[{"type":"wait","duration":"1s"},
            {"type":"chaos","duration":"1s","chaos":{"type":"latency","targets":["gemini"],"latencyMs":999999}}]})");
        QSignalSpy opened(&page, &ScenariosPage::planOpened);
        page.openPlanFile(path);
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toBool(), false);
        QVERIFY(page.errorLabel()->isVisible());
        const QString error = page.errorLabel()->text();
        QVERIFY2(error.contains(QStringLiteral("bad-plan.json")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("method[1].chaos")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("latencyMs")), qPrintable(error));
        QCOMPARE(page.planList()->topLevelItemCount(), 3); // not added

        // Not JSON at all.
        const QString garbage = writeFile(rig.dir, QStringLiteral("garbage.json"), "{ not json");
        page.openPlanFile(garbage);
        QTRY_COMPARE(opened.size(), 2);
        QVERIFY(page.errorLabel()->text().contains(QStringLiteral("garbage.json")));
    }

    void planFileOpensRunsCheckAndSavesAgain()
    {
        UiRig rig;
        ScenarioService service(*rig.host, ReportStore(rig.dir.filePath(QStringLiteral("reports"))));
        rig.context.scenarios = &service;
        ScenariosPage page(rig.context);
        page.show();
        const QByteArray text = R"({"schemaVersion":1,"name":"my-gate","title":"My gate",
            "hypothesis":{"probes":[{"name":"ok","type":"success_rate","service":"all","minPct":50,"window":"10s"}]},
            "method":[{"type":"load","title":"warm up","duration":"2s","load":{"interval":"100ms"}},
                      {"type":"check","probes":["ok"]}]})";
        const QString path = writeFile(rig.dir, QStringLiteral("my-gate.json"), text);
        QSignalSpy opened(&page, &ScenariosPage::planOpened);
        page.openPlanFile(path);
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY2(opened.at(0).at(0).toBool(), qPrintable(opened.at(0).at(1).toString()));
        QCOMPARE(page.planList()->topLevelItemCount(), 4);
        QCOMPARE(page.selectedPlanName(), QStringLiteral("my-gate"));
        QCOMPARE(page.planList()->currentItem()->text(2), QStringLiteral("2"));
        QCOMPARE(page.planList()->currentItem()->text(3), QStringLiteral("2 s"));
        QVERIFY(!page.errorLabel()->isVisible());
        // Opening the same file again replaces its entry.
        page.openPlanFile(path);
        QTRY_COMPARE(opened.size(), 2);
        QCOMPARE(page.planList()->topLevelItemCount(), 4);

        QSignalSpy saved(&page, &ScenariosPage::planSaved);
        const QString copy = rig.dir.filePath(QStringLiteral("copy.json"));
        page.savePlanAs(copy);
        QTRY_COMPARE(saved.size(), 1);
        QVERIFY(saved.at(0).at(0).toBool());
        QFile f(copy);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), text);

        // A built-in plan saves its JSON as shipped.
        QVERIFY(page.selectPlan(QStringLiteral("breaker-drill")));
        const QString drill = rig.dir.filePath(QStringLiteral("drill.json"));
        page.savePlanAs(drill);
        QTRY_COMPARE(saved.size(), 2);
        QFile d(drill);
        QVERIFY(d.open(QIODevice::ReadOnly));
        QCOMPARE(d.readAll(), PlanLibrary::builtInText(QStringLiteral("breaker-drill")));
    }

    void planForAnUnknownServiceCannotStart()
    {
        UiRig rig;
        ScenarioService service(*rig.host, ReportStore(rig.dir.filePath(QStringLiteral("reports"))));
        rig.context.scenarios = &service;
        ScenariosPage page(rig.context);
        page.show();
        const QString path = writeFile(rig.dir, QStringLiteral("elsewhere.json"), R"({"schemaVersion":1,
            "name":"elsewhere","method":[{"type":"load","duration":"1s","load":{"service":"nowhere","interval":"1s"}}]})");
        QSignalSpy opened(&page, &ScenariosPage::planOpened);
        page.openPlanFile(path);
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY(opened.at(0).at(0).toBool());
        QTest::mouseClick(page.startButton(), Qt::LeftButton);
        QVERIFY(!service.isRunning());
        QVERIFY(page.errorLabel()->isVisible());
        QVERIFY2(page.errorLabel()->text().contains(QStringLiteral("nowhere")),
                 qPrintable(page.errorLabel()->text()));
        QVERIFY(page.startButton()->isEnabled());
    }

    void withoutTheServiceThePageSaysSo()
    {
        UiRig rig;
        ScenariosPage page(rig.context);
        page.show();
        QCOMPARE(page.planList()->topLevelItemCount(), 3);
        QVERIFY(!page.startButton()->isEnabled());
        QVERIFY(page.errorLabel()->isVisible());
        QVERIFY(!page.start());
    }
};

QTEST_MAIN(TestScenariosPage)
#include "tst_scenariospage.moc"
