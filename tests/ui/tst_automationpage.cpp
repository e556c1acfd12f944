// The automation page starts a real AutomationRun on the engine thread from its form, shows its status live,
// logs every request, stops it, and loads prompts from a file without reading it on the GUI thread.
#include "uitestrig.h"

#include "automationpage.h"
#include "requestlogmodel.h"
#include "segmentedcontrol.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

class TestAutomationPage : public QObject
{
    Q_OBJECT

    static void showPage(AutomationPage &page)
    {
        page.resize(1300, 850);
        page.show();
        page.setActive(true);
        QVERIFY(QTest::qWaitForWindowExposed(&page));
    }

private slots:
    void formDescribesTheRun()
    {
        UiRig rig;
        AutomationPage page(rig.context);
        AutomationConfig c = page.config();
        QCOMPARE(c.strategy, AutomationConfig::Strategy::RoundRobin);
        QCOMPARE(c.intervalMs, qint64(10'000)); // the seed's default pace
        QCOMPARE(c.maxInFlight, 1);             // no overlap by default
        QCOMPARE(c.prompts, AutomationConfig::seedPrompts());
        QCOMPARE(c.services.size(), 3);
        QTest::mouseClick(page.paceControl()->segment(0), Qt::LeftButton);
        QCOMPARE(page.config().intervalMs, qint64(5000));
        QTest::mouseClick(page.paceControl()->segment(5), Qt::LeftButton);
        page.rateBox()->setValue(25);
        QCOMPARE(page.config().targetRps, 25.0);
    }

    void runsStopsAndLogs()
    {
        UiRig rig;
        AutomationPage page(rig.context);
        showPage(page);
        QTest::mouseClick(page.paceControl()->segment(5), Qt::LeftButton); // target rate
        page.rateBox()->setValue(200);
        page.inFlightBox()->setValue(8);
        page.maxRequestsBox()->setValue(40);
        QTest::mouseClick(page.startButton(), Qt::LeftButton);
        QVERIFY(page.running());
        QVERIFY(!page.startButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!page.running(), 15000);
        QCOMPARE(page.status().completed, qint64(40));
        QCOMPARE(page.status().sent, qint64(40));
        QVERIFY(page.startButton()->isEnabled());
        QTRY_COMPARE(page.logModel()->rowCount(), 40);
        QCOMPARE(rig.ask<qint64>([](RequestEngine &e) { return e.snapshot().overall.requests; }), qint64(40));

        // An endless run stops with the Stop button.
        page.maxRequestsBox()->setValue(0);
        page.rateBox()->setValue(50);
        QTest::mouseClick(page.startButton(), Qt::LeftButton);
        QTRY_VERIFY(page.status().completed > 3);
        QTest::mouseClick(page.stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.running(), 10000);
        QVERIFY(!page.status().stopReason.isEmpty());
    }

    void invalidFormDoesNotStart()
    {
        UiRig rig;
        AutomationPage page(rig.context);
        showPage(page);
        page.promptsEdit()->clear();
        QTest::mouseClick(page.startButton(), Qt::LeftButton);
        QVERIFY(!page.running());
    }

    void promptsLoadFromAFile()
    {
        UiRig rig;
        AutomationPage page(rig.context);
        const QString path = rig.dir.filePath(QStringLiteral("prompts.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("first prompt\n\n  second prompt  \nthird\n");
        f.close();
        page.loadPromptsFromFile(path);
        QTRY_COMPARE(page.config().prompts,
                     (QStringList{QStringLiteral("first prompt"), QStringLiteral("second prompt"),
                                  QStringLiteral("third")}));
    }
};

QTEST_MAIN(TestAutomationPage)
#include "tst_automationpage.moc"
