// Not a test but the README's screenshot generator, kept with the tests so it builds with them: when
// AIRM_SCREENSHOT_DIR is set it runs the real window for a few minutes with automated traffic and chaos
// driven through the UI, then saves each main page (under xcb: the real window as the X server shows it).
// Without the variable it skips. It waits in wall-clock time on purpose: the charts need real minutes.
//   xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb AIRM_SCREENSHOT_DIR=docs/screenshots
//   build/tests/tst_screenshots
// scenariosAndSettings alone (about a minute: the validation suite at time scale 50, then the API switched
// on in Settings) writes scenarios.png and settings.png:
//   ... build/tests/tst_screenshots scenariosAndSettings
// alerts alone (about 40 s: traffic, two chaos experiments, deliveries to a local webhook and to a Slack URL
// that refuses) writes alerts.png:
//   ... build/tests/tst_screenshots alerts
#include "uitestrig.h"

#include "alertsmodel.h"
#include "alertspage.h"
#include "apicontroller.h"
#include "automationpage.h"
#include "chaosform.h"
#include "chaospage.h"
#include "databasehistorysource.h"
#include "historydatabase.h"
#include "historytablemodel.h"
#include "mainwindow.h"
#include "mockhttpserver.h"
#include "requesthistorypage.h"
#include "scenariospage.h"
#include "segmentedcontrol.h"
#include "servicespage.h"
#include "settingspage.h"
#include "storagestatus.h"

#include "alerts/alertmanager.h"
#include "scenarios/scenarioservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

class Screenshots : public QObject
{
    Q_OBJECT

    QString m_dir;
    MainWindow *m_window = nullptr;

    void save(const QString &name)
    {
        QTest::qWait(400); // let the last refresh paint
        QPixmap shot;
        if (QGuiApplication::platformName() == QLatin1String("xcb"))
            shot = m_window->screen()->grabWindow(m_window->winId());
        if (shot.isNull()) shot = m_window->grab();
        QVERIFY(shot.save(m_dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    void inject(ChaosForm *form, ChaosType type, const QString &target, int seconds, int latencyMs = 0)
    {
        form->typeBox()->setCurrentIndex(form->typeBox()->findData(int(type)));
        for (const QString &s :
             {QStringLiteral("gemini"), QStringLiteral("cohere"), QStringLiteral("huggingface")})
            form->targetBox(s)->setChecked(s == target);
        if (latencyMs > 0) form->latencyBox()->setValue(latencyMs);
        form->durationBox()->setValue(seconds);
        QTest::mouseClick(form->injectButton(), Qt::LeftButton);
    }

private slots:
    void mainPages()
    {
        m_dir = qEnvironmentVariable("AIRM_SCREENSHOT_DIR");
        if (m_dir.isEmpty()) QSKIP("set AIRM_SCREENSHOT_DIR to write the README screenshots");
        const int minutes = qEnvironmentVariableIntValue("AIRM_SCREENSHOT_MINUTES");

        UiRig rig(false);
        // Latencies like real providers (faster than the seed's 0.5-2.5 s so a few minutes fill the charts).
        for (const QString &name :
             {QStringLiteral("gemini"), QStringLiteral("cohere"), QStringLiteral("huggingface")}) {
            ServiceConfig c =
                rig.ask<ServiceConfig>([&](RequestEngine &e) { return *e.serviceConfig(name); });
            c.simulation.latencyMinMs = name == QLatin1String("cohere") ? 250 : 150;
            c.simulation.latencyMaxMs = name == QLatin1String("huggingface") ? 1400 : 900;
            c.simulation.failurePct = name == QLatin1String("huggingface") ? 6 : 2;
            rig.host->call([c](RequestEngine &e) { e.upsertService(c); });
        }
        StorageStatus status;
        StorageConfig storage;
        storage.journalPath = rig.dir.filePath(QStringLiteral("journal.jsonl"));
        HistoryDatabase db(rig.dir.filePath(QStringLiteral("history.db")), storage, &status);
        db.attach(rig.host.get());
        rig.context.history = db.source();
        rig.context.storage = &status;

        MainWindow window(rig.context);
        m_window = &window;
        window.resize(1440, 900);
        window.move(0, 0);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Automation through its page: 6 requests a second, round robin, 16 in flight.
        window.setCurrentPage(MainWindow::Automation);
        AutomationPage *automation = window.automationPage();
        QTest::mouseClick(automation->paceControl()->segment(5), Qt::LeftButton);
        automation->rateBox()->setValue(6);
        automation->inFlightBox()->setValue(16);
        QTest::mouseClick(automation->startButton(), Qt::LeftButton);
        window.setCurrentPage(MainWindow::Overview);

        const int scale = minutes > 0 ? minutes : 3;
        ChaosForm *form = window.chaosPage()->form();
        QTest::qWait(scale * 15'000);
        inject(form, ChaosType::Failure, QStringLiteral("gemini"), scale * 10);
        QTest::qWait(scale * 12'000);
        inject(form, ChaosType::Latency, QStringLiteral("cohere"), scale * 20, 1800);
        QTest::qWait(scale * 20'000);
        inject(form, ChaosType::Intermittent, QStringLiteral("huggingface"), scale * 30);
        QTest::qWait(scale * 8'000);

        window.setCurrentPage(MainWindow::Overview);
        save(QStringLiteral("overview"));
        window.setCurrentPage(MainWindow::Services);
        window.servicesPage()->selectService(QStringLiteral("gemini"));
        save(QStringLiteral("services"));
        window.setCurrentPage(MainWindow::Chaos);
        save(QStringLiteral("chaos"));
        window.setCurrentPage(MainWindow::Automation);
        save(QStringLiteral("automation"));
        window.setCurrentPage(MainWindow::History);
        QTRY_VERIFY(window.historyPage()->model()->rowCount() > 10);
        window.historyPage()->view()->selectRow(3);
        save(QStringLiteral("history"));
        window.setCurrentPage(MainWindow::Analytics);
        QTest::qWait(1500);
        save(QStringLiteral("analytics"));
        window.setCurrentPage(MainWindow::Settings);
        save(QStringLiteral("settings"));
        rig.theme->setKind(Theme::Kind::Light);
        window.setCurrentPage(MainWindow::Overview);
        save(QStringLiteral("overview-light"));
        rig.theme->setKind(Theme::Kind::Dark);

        automation->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!automation->running(), 20'000);
        m_window = nullptr;
    }

    void scenariosAndSettings()
    {
        m_dir = qEnvironmentVariable("AIRM_SCREENSHOT_DIR");
        if (m_dir.isEmpty()) QSKIP("set AIRM_SCREENSHOT_DIR to write the README screenshots");

        UiRig rig(false);
        // Breakers that wait 3 s in OPEN instead of 20 s, so the recoveries after the chaos phases take
        // seconds; the simulation answers in 40-400 ms with a few failures, as in the other screenshots.
        for (const QString &name :
             {QStringLiteral("gemini"), QStringLiteral("cohere"), QStringLiteral("huggingface")}) {
            ServiceConfig c =
                rig.ask<ServiceConfig>([&](RequestEngine &e) { return *e.serviceConfig(name); });
            c.simulation.latencyMinMs = 40;
            c.simulation.latencyMaxMs = 400;
            c.simulation.failurePct = 2;
            rig.host->call([c](RequestEngine &e) {
                e.upsertService(c);
                BreakerConfig b = e.breakerConfig(c.name);
                b.waitDurationInOpenStateMs = 3000;
                e.setBreakerConfig(c.name, b);
            });
        }
        StorageStatus status;
        StorageConfig storage;
        storage.journalPath = rig.dir.filePath(QStringLiteral("journal.jsonl"));
        HistoryDatabase db(rig.dir.filePath(QStringLiteral("history.db")), storage, &status);
        db.attach(rig.host.get());
        rig.context.history = db.source();
        rig.context.storage = &status;
        ScenarioService scenarios(*rig.host, ReportStore(rig.dir.filePath(QStringLiteral("reports"))));
        AlertManager alerts; // the Settings page ends with the Alerts card, live like in the application
        ApiController api(rig.host.get(), nullptr, &scenarios, ApiSettings{});
        api.setAlerts(&alerts);
        rig.context.scenarios = &scenarios;
        rig.context.api = &api;
        rig.context.alerts = &alerts;

        MainWindow window(rig.context);
        m_window = &window;
        window.resize(1440, 900);
        window.move(0, 0);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The API on its usual port when it is free, else on any free port.
        window.setCurrentPage(MainWindow::Settings);
        SettingsPage *settings = window.settingsPage();
        settings->apiPortBox()->setValue(3000);
        settings->apiSwitch()->click();
        if (!api.isRunning()) {
            settings->apiPortBox()->setValue(0);
            settings->applyApi();
        }
        QVERIFY(api.isRunning());

        window.setCurrentPage(MainWindow::Scenarios);
        ScenariosPage *page = window.scenariosPage();
        QSignalSpy finished(page, &ScenariosPage::runFinished);
        QVERIFY(page->selectPlan(QStringLiteral("validation")));
        page->timeScaleBox()->setValue(50);
        QTest::mouseClick(page->startButton(), Qt::LeftButton);
        QVERIFY2(page->running(), qPrintable(page->errorLabel()->text()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 180'000);
        QTRY_VERIFY(page->reportList()->topLevelItemCount() >= 5);
        save(QStringLiteral("scenarios"));

        window.setCurrentPage(MainWindow::Settings);
        auto *scroll = settings->findChild<QScrollArea *>();
        QVERIFY(scroll);
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        save(QStringLiteral("settings"));
        m_window = nullptr;
    }

    void alerts()
    {
        m_dir = qEnvironmentVariable("AIRM_SCREENSHOT_DIR");
        if (m_dir.isEmpty()) QSKIP("set AIRM_SCREENSHOT_DIR to write the README screenshots");

        UiRig rig(false);
        // Answers in 40-400 ms with a few failures; breakers wait 3 s in OPEN, so a recovery shows too.
        for (const QString &name :
             {QStringLiteral("gemini"), QStringLiteral("cohere"), QStringLiteral("huggingface")}) {
            ServiceConfig c =
                rig.ask<ServiceConfig>([&](RequestEngine &e) { return *e.serviceConfig(name); });
            c.simulation.latencyMinMs = 40;
            c.simulation.latencyMaxMs = 400;
            c.simulation.failurePct = 2;
            rig.host->call([c](RequestEngine &e) {
                e.upsertService(c);
                BreakerConfig b = e.breakerConfig(c.name);
                b.waitDurationInOpenStateMs = 3000;
                e.setBreakerConfig(c.name, b);
            });
        }
        // A webhook that takes every alert, and a Slack URL nobody listens on (retried, then failed).
        airm::test::MockHttpServer webhook(
            [](airm::test::MockHttpServer::Request &&, const airm::test::MockHttpServer::Responder &r) {
                r.respond(200, {}, {});
            });
        const quint16 port = webhook.listenOnLoopback();
        QVERIFY(port != 0);
        AlertManager alerts;
        AlertRulesConfig config = alerts.config();
        config.channels.webhookUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/hooks/alerts").arg(port));
        config.channels.slackUrl = QUrl(QStringLiteral("http://127.0.0.1:9/services/T000/B000/XXXX"));
        config.channels.retries = 1;
        config.channels.retryInitialMs = 500;
        config.rule(AlertRuleId::LatencyP95).thresholdMs = 1500;
        QVERIFY(alerts.setConfig(config).isEmpty());
        connect(rig.host->engine(), &RequestEngine::breakerTransitioned, &alerts,
                &AlertManager::onTransition);
        connect(rig.host->engine(), &RequestEngine::snapshotPublished, &alerts, &AlertManager::onSnapshot);
        rig.context.alerts = &alerts;

        MainWindow window(rig.context);
        m_window = &window;
        window.resize(1440, 900);
        window.move(0, 0);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        window.setCurrentPage(MainWindow::Automation);
        AutomationPage *automation = window.automationPage();
        QTest::mouseClick(automation->paceControl()->segment(5), Qt::LeftButton);
        automation->rateBox()->setValue(8);
        automation->inFlightBox()->setValue(16);
        QTest::mouseClick(automation->startButton(), Qt::LeftButton);
        window.setCurrentPage(MainWindow::Overview);

        ChaosForm *form = window.chaosPage()->form();
        QTest::qWait(4000);
        inject(form, ChaosType::Failure, QStringLiteral("gemini"), 8);
        QTest::qWait(3000);
        inject(form, ChaosType::Latency, QStringLiteral("cohere"), 15, 2500);
        QTest::qWait(10'000);
        inject(form, ChaosType::Failure, QStringLiteral("huggingface"), 6);
        QTRY_VERIFY_WITH_TIMEOUT(alerts.stats().raised >= 5, 20'000);
        QTest::qWait(3000); // the Slack retries end

        window.setCurrentPage(MainWindow::Alerts);
        AlertsPage *page = window.alertsPage();
        page->setDesktopAvailable(true); // as on a desktop with a tray (Xvfb has none)
        QTest::mouseClick(page->testButton(AlertChannel::Webhook), Qt::LeftButton);
        QTRY_VERIFY(page->testResult(AlertChannel::Webhook)->text().contains(QStringLiteral("delivered")));
        page->view()->selectRow(0);
        save(QStringLiteral("alerts"));

        automation->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!automation->running(), 20'000);
        m_window = nullptr;
    }
};

QTEST_MAIN(Screenshots)
#include "tst_screenshots.moc"
