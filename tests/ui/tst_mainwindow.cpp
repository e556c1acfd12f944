// The main window as a whole: every page is built and shown, navigation and shortcuts switch pages, the
// theme switches (palette, style sheet, charts) from Settings, and geometry, splitters, page, chart window
// and theme persist and come back in a new window.
#include "uitestrig.h"

#include "automationpage.h"
#include "chaospage.h"
#include "latencychartview.h"
#include "mainwindow.h"
#include "overviewpage.h"
#include "page.h"
#include "settingspage.h"
#include "traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTest>
#include <QtCharts/QChart>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void everyPageIsBuiltAndShown_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<QString>("title");
        QTest::addRow("overview") << int(MainWindow::Overview) << QStringLiteral("Overview");
        QTest::addRow("services") << int(MainWindow::Services) << QStringLiteral("Services");
        QTest::addRow("chaos") << int(MainWindow::Chaos) << QStringLiteral("Chaos");
        QTest::addRow("automation") << int(MainWindow::Automation) << QStringLiteral("Automation");
        QTest::addRow("history") << int(MainWindow::History) << QStringLiteral("History");
        QTest::addRow("analytics") << int(MainWindow::Analytics) << QStringLiteral("Analytics");
        QTest::addRow("scenarios") << int(MainWindow::Scenarios) << QStringLiteral("Scenarios");
        QTest::addRow("settings") << int(MainWindow::Settings) << QStringLiteral("Settings");
    }
    void everyPageIsBuiltAndShown()
    {
        QFETCH(int, page);
        QFETCH(QString, title);
        UiRig rig;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentPage(page);
        Page *p = w.page(page);
        QVERIFY(p);
        QCOMPARE(p->title(), title);
        QTRY_VERIFY(p->isVisible());
        QVERIFY(p->isActive());
        for (int i = 0; i < MainWindow::PageCount; ++i)
            if (i != page) QVERIFY(!w.page(i)->isActive());
        // A grab paints every widget of the page once: nothing may crash or assert while painting.
        QVERIFY(!w.grab().isNull());
    }

    void pagesWithoutHistoryExplainThemselves()
    {
        UiRig rig(false);
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (int i = 0; i < MainWindow::PageCount; ++i) {
            w.setCurrentPage(i);
            QTRY_VERIFY(w.page(i)->isVisible());
        }
        QVERIFY(!w.action(QStringLiteral("exportHistory"))->isEnabled());
        QVERIFY(!w.action(QStringLiteral("window-24h"))->isEnabled());
    }

    void navigationAndShortcutsSwitchPages()
    {
        UiRig rig;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.navigation()->setCurrentRow(MainWindow::Chaos);
        QCOMPARE(w.currentPage(), int(MainWindow::Chaos));
        QVERIFY(w.chaosPage()->isVisible());
        QTest::keyClick(&w, Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(w.currentPage(), int(MainWindow::Automation));
        QTest::keyClick(&w, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(w.currentPage(), int(MainWindow::Overview));
    }

    void statusBarShowsTheEngine()
    {
        UiRig rig;
        MainWindow w(rig.context);
        w.show();
        QTRY_VERIFY(w.statusText(QStringLiteral("engine")).contains(QStringLiteral("Engine running")));
        QVERIFY(w.statusText(QStringLiteral("rps")).contains(QStringLiteral("req/s")));
        QVERIFY(w.statusText(QStringLiteral("database")).contains(QStringLiteral("Database")));
        QVERIFY(w.statusText(QStringLiteral("api")).contains(QStringLiteral("API off"))); // no server here
    }

    void themeSwitchesFromSettings()
    {
        UiRig rig;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(rig.theme->kind(), Theme::Kind::Dark); // the default
        QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::dark().window);
        QChart *chart = w.overviewPage()->latencyChart()->chart();
        QCOMPARE(chart->backgroundBrush().color(), Theme::dark().surface);

        w.setCurrentPage(MainWindow::Settings);
        QRadioButton *light = w.settingsPage()->lightButton();
        QTRY_VERIFY(light->isVisible());
        QTest::mouseClick(light, Qt::LeftButton, {}, QPoint(8, light->height() / 2));
        QCOMPARE(rig.theme->kind(), Theme::Kind::Light);
        QCOMPARE(rig.settings->theme(), Theme::Kind::Light);
        QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::light().window);
        QVERIFY(qApp->styleSheet().contains(Theme::light().surface.name()));
        QCOMPARE(chart->backgroundBrush().color(), Theme::light().surface);
        QVERIFY(w.action(QStringLiteral("theme-light"))->isChecked());

        w.action(QStringLiteral("theme-dark"))->trigger();
        QCOMPARE(rig.theme->kind(), Theme::Kind::Dark);
        QCOMPARE(chart->backgroundBrush().color(), Theme::dark().surface);
        QVERIFY(w.settingsPage()->darkButton()->isChecked());
    }

    void settingsPersistAndReload()
    {
        UiRig rig;
        QByteArray splitterState;
        {
            MainWindow w(rig.context);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.resize(1300, 820);
            w.setCurrentPage(MainWindow::Chaos);
            QSplitter *split = w.chaosPage()->splitters().constFirst();
            const QList<int> sizes = split->sizes();
            split->setSizes({sizes.at(0) + 60, sizes.at(1) - 60});
            splitterState = split->saveState();
            w.action(QStringLiteral("window-1h"))->trigger();
            w.action(QStringLiteral("theme-light"))->trigger();
            w.settingsPage()->closeToTrayBox()->setChecked(true);
            w.settingsPage()->rawRetentionBox()->setValue(12);
            w.close();
        }
        // A fresh settings object reads the file again, as the next start would.
        UiSettings reread(rig.settings->fileName());
        QCOMPARE(reread.page(), int(MainWindow::Chaos));
        QCOMPARE(reread.timeWindow(), TimeWindow::OneHour);
        QCOMPARE(reread.theme(), Theme::Kind::Light);
        QCOMPARE(reread.closeToTray(), true);
        QCOMPARE(reread.rawRetentionDays(), 12);
        QVERIFY(!reread.geometry().isEmpty());

        MainWindow again(rig.context);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.currentPage(), int(MainWindow::Chaos));
        QCOMPARE(again.size(), QSize(1300, 820));
        QCOMPARE(again.overviewPage()->timeWindow(), TimeWindow::OneHour);
        QCOMPARE(again.chaosPage()->splitters().constFirst()->saveState(), splitterState);
        QVERIFY(again.action(QStringLiteral("window-1h"))->isChecked());
    }

    void startTrafficFromTheOverview()
    {
        UiRig rig;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QPushButton *start = w.overviewPage()->startTrafficButton();
        QTRY_VERIFY(start->isVisible());
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(w.automationPage()->running());
        QVERIFY(!start->isVisible());
        QTRY_VERIFY(rig.ask<qint64>([](RequestEngine &e) { return e.snapshot().overall.requests; }) > 0);
        w.automationPage()->stop();
        QTRY_VERIFY(!w.automationPage()->running());
        QVERIFY(start->isVisible());
    }

    void trayIsOptional()
    {
        UiRig rig;
        MainWindow w(rig.context);
        // The offscreen platform has no system tray: the controller still tracks the state for the tooltip.
        QVERIFY(!w.tray()->available());
        QVERIFY(!w.settingsPage()->closeToTrayBox()->isEnabled());
        rig.host->post(
            [](RequestEngine &e) { e.forceBreaker(QStringLiteral("cohere"), BreakerState::ForcedOpen); });
        QTRY_COMPARE(w.tray()->level(), TrayController::Level::Open);
        QVERIFY(w.tray()->toolTip().contains(QStringLiteral("cohere")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
