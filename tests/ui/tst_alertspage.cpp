// Alerts in the window: an alert the manager raises appears on the Alerts page with its severity, counts in
// the navigation's unread badge until the page is visited, and is the one desktop notification the tray
// posts for a breaker that opens; Settings > Alerts applies thresholds to the manager (and saves them) and
// shows a validation error at the field it names; test alerts to a local webhook receiver show as delivered,
// in Settings and on the page, as do the deliveries of real alerts.
#include "uitestrig.h"

#include "alertsettingscard.h"
#include "alertsmodel.h"
#include "alertspage.h"
#include "mainwindow.h"
#include "mockhttpserver.h"
#include "mocksmtpserver.h"
#include "navbadgedelegate.h"
#include "settings/keystore.h"
#include "settingspage.h"
#include "statcard.h"
#include "traycontroller.h"

#include "alerts/alertmanager.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

namespace {

BreakerTransition opened(const QString &service)
{
    BreakerTransition t;
    t.atMs = QDateTime::currentMSecsSinceEpoch();
    t.service = service;
    t.from = BreakerState::Closed;
    t.to = BreakerState::Open;
    t.reason = QStringLiteral("3 consecutive failures");
    return t;
}

// A webhook endpoint on 127.0.0.1 that answers every POST with `status` and keeps the bodies.
struct Receiver
{
    QList<QJsonObject> bodies;
    int status = 200;
    airm::test::MockHttpServer server{[this](airm::test::MockHttpServer::Request &&r,
                                             const airm::test::MockHttpServer::Responder &responder) {
        bodies << QJsonDocument::fromJson(r.body).object();
        responder.respond(status, {}, {});
    }};
    quint16 port = server.listenOnLoopback();
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/hook").arg(port); }
};

} // namespace

class TestAlertsPage : public QObject
{
    Q_OBJECT
private slots:
    void raisedAlertShowsWithSeverityAndUnreadBadge()
    {
        UiRig rig;
        AlertManager alerts;
        rig.context.alerts = &alerts;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentPage(MainWindow::Overview);
        AlertsPage *page = w.alertsPage();
        QAbstractItemModelTester tester(page->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QListWidgetItem *nav = w.navigation()->item(MainWindow::Alerts);
        QCOMPARE(nav->data(NavBadgeDelegate::BadgeRole).toInt(), 0);

        alerts.onTransition(opened(QStringLiteral("gemini")));

        AlertsModel *model = page->model();
        QCOMPARE(model->rowCount(), 1);
        const auto cell = [model](int column, int role = Qt::DisplayRole) {
            return model->data(model->index(0, column), role);
        };
        QCOMPARE(cell(AlertsModel::Severity).toString(), QStringLiteral("Error"));
        QCOMPARE(cell(AlertsModel::Severity, AlertsModel::SeverityRole).toString(), QStringLiteral("error"));
        QCOMPARE(cell(AlertsModel::Severity, Qt::ForegroundRole).value<QColor>(), rig.theme->theme().error);
        QCOMPARE(cell(AlertsModel::Rule).toString(), QStringLiteral("Circuit breaker opened"));
        QCOMPARE(cell(AlertsModel::Service).toString(), QStringLiteral("gemini"));
        QVERIFY(cell(AlertsModel::Message).toString().contains(QStringLiteral("3 consecutive failures")));
        // The desktop channel is on by default (shown where there is a tray) and no webhook is configured.
        QCOMPARE(cell(AlertsModel::Desktop, AlertsModel::StatusRole).toInt(),
                 w.tray()->available() ? int(AlertDelivery::Status::Delivered) : -1);
        if (!w.tray()->available())
            QCOMPARE(cell(AlertsModel::Desktop).toString(), QStringLiteral("no tray"));
        QCOMPARE(cell(AlertsModel::Webhook, AlertsModel::StatusRole).toInt(), -1);

        // Unread while the page is not in view; the badge takes the severity's colour.
        QCOMPARE(page->unreadCount(), 1);
        QCOMPARE(nav->data(NavBadgeDelegate::BadgeRole).toInt(), 1);
        QCOMPARE(nav->data(NavBadgeDelegate::BadgeColorRole).value<QColor>(), rig.theme->theme().error);
        QVERIFY(nav->toolTip().contains(QStringLiteral("1 new alert")));
        alerts.onTransition(opened(QStringLiteral("cohere")));
        QCOMPARE(nav->data(NavBadgeDelegate::BadgeRole).toInt(), 2);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->alert(0).service, QStringLiteral("cohere")); // newest first

        // Visiting the page reads them; alerts raised while it is in view are not unread.
        w.setCurrentPage(MainWindow::Alerts);
        QCOMPARE(nav->data(NavBadgeDelegate::BadgeRole).toInt(), 0);
        QCOMPARE(page->counter(QStringLiteral("raised"))->value(), QStringLiteral("2"));
        alerts.onTransition(opened(QStringLiteral("huggingface")));
        QCOMPARE(page->unreadCount(), 0);
        QCOMPARE(model->rowCount(), 3);
        QTRY_COMPARE(page->counter(QStringLiteral("raised"))->value(), QStringLiteral("3"));

        // Selecting a row explains it.
        page->view()->selectRow(1);
        QVERIFY(page->detailLabel()->isVisible());
        QVERIFY(page->detailLabel()->text().contains(QStringLiteral("cohere")));
        QVERIFY(!w.grab().isNull());
    }

    void trayNotifiesOncePerBreakerOpening_data()
    {
        QTest::addColumn<bool>("withAlerts");
        QTest::addColumn<QString>("title");
        QTest::addRow("alerts are the notification")
            << true << QStringLiteral("Error: Circuit breaker opened (gemini)");
        QTest::addRow("without alerts the tray's own") << false << QStringLiteral("Circuit breaker");
    }
    void trayNotifiesOncePerBreakerOpening()
    {
        QFETCH(bool, withAlerts);
        QFETCH(QString, title);
        UiRig rig(true, 100); // every simulated call fails: three in a row open the breaker
        AlertManager alerts;
        AlertRulesConfig config = alerts.config();
        config.rule(AlertRuleId::ErrorRate).enabled = false; // only the breaker's alert here
        config.rule(AlertRuleId::LatencyP95).enabled = false;
        QVERIFY(alerts.setConfig(config).isEmpty());
        if (withAlerts) {
            rig.context.alerts = &alerts;
            connect(rig.host->engine(), &RequestEngine::breakerTransitioned, &alerts,
                    &AlertManager::onTransition);
        }
        MainWindow w(rig.context);
        QSignalSpy requested(&alerts, &AlertManager::desktopNotificationRequested);
        QSignalSpy posted(w.tray(), &TrayController::notificationPosted);

        rig.send(QStringLiteral("gemini"), 6);
        QTRY_VERIFY(rig.breaker(QStringLiteral("gemini")) == BreakerState::Open);
        QTRY_COMPARE(posted.size(), 1);
        QCOMPARE(posted.at(0).at(0).toString(), title);
        QVERIFY(posted.at(0).at(1).toString().contains(QStringLiteral("gemini")));
        QCOMPARE(requested.size(), withAlerts ? 1 : 0);
        QTest::qWait(300); // the transition reaches the tray through the live state too: no second one
        QCOMPARE(posted.size(), 1);
        QVERIFY(w.tray()->pendingNotifications().isEmpty());
    }

    void settingsCardAppliesThresholds()
    {
        UiRig rig;
        AlertManager alerts;
        rig.context.alerts = &alerts;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentPage(MainWindow::Settings);
        AlertSettingsCard *card = w.settingsPage()->alertSettings();
        QVERIFY(card->thresholdMsBox(AlertRuleId::LatencyP95));
        QVERIFY(!card->thresholdPctBox(AlertRuleId::LatencyP95)); // only the fields a rule uses
        QVERIFY(!card->thresholdMsBox(AlertRuleId::BreakerOpened));
        QVERIFY(!card->minRequestsBox(AlertRuleId::BreakerStuckOpen));

        // A wheel over a value that has no focus scrolls the page, and leaves the value alone.
        QSpinBox *aborted = card->cooldownBox(AlertRuleId::ScenarioAborted);
        auto *scroll = w.settingsPage()->findChild<QScrollArea *>();
        QVERIFY(scroll);
        const int scrolledBefore = scroll->verticalScrollBar()->value();
        QWheelEvent wheel(QPointF(5, 5), aborted->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(aborted, &wheel);
        QCOMPARE(aborted->value(), 300);
        QVERIFY(scroll->verticalScrollBar()->value() > scrolledBefore);
        QVERIFY(!card->hasUnappliedChanges());

        card->thresholdPctBox(AlertRuleId::ErrorRate)->setValue(25);
        card->thresholdMsBox(AlertRuleId::LatencyP95)->setValue(1500);
        card->minRequestsBox(AlertRuleId::LatencyP95)->setValue(30);
        card->cooldownBox(AlertRuleId::BreakerOpened)->setValue(60);
        card->ruleSwitch(AlertRuleId::BreakerClosed)->setChecked(false);
        QVERIFY(card->hasUnappliedChanges());
        QCOMPARE(alerts.config().rule(AlertRuleId::ErrorRate).thresholdPct, 50.0); // not before Apply
        QTest::mouseClick(card->applyButton(), Qt::LeftButton);

        const AlertRulesConfig &c = alerts.config();
        QCOMPARE(c.rule(AlertRuleId::ErrorRate).thresholdPct, 25.0);
        QCOMPARE(c.rule(AlertRuleId::LatencyP95).thresholdMs, 1500);
        QCOMPARE(c.rule(AlertRuleId::LatencyP95).minRequests, 30);
        QCOMPARE(c.rule(AlertRuleId::BreakerOpened).cooldownMs, 60'000);
        QVERIFY(!c.rule(AlertRuleId::BreakerClosed).enabled);
        QCOMPARE(c.rule(AlertRuleId::BreakerStuckOpen).thresholdMs, 300'000); // untouched
        QVERIFY(!card->hasUnappliedChanges());
        QCOMPARE(card->statusLabel()->objectName(), QStringLiteral("okText"));

        // Saved for the next start, as DesktopApp reads them.
        QString error;
        const auto saved = AlertRulesConfig::fromJson(rig.settings->alertRules(), &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(*saved, c);

        // The master switch turns every rule row off and applies as "enabled": false.
        card->masterSwitch()->setChecked(false);
        QVERIFY(!card->ruleSwitch(AlertRuleId::ErrorRate)->isEnabled());
        QVERIFY(card->apply().isEmpty());
        QVERIFY(!alerts.config().enabled);
    }

    void settingsCardRejectsInvalidUrl_data()
    {
        QTest::addColumn<bool>("slack");
        QTest::addColumn<QString>("url");
        QTest::addRow("webhook ftp") << false << QStringLiteral("ftp://example.com/hook");
        QTest::addRow("webhook no scheme") << false << QStringLiteral("example.com/hook");
        QTest::addRow("webhook no host") << false << QStringLiteral("http://");
        QTest::addRow("slack mailto") << true << QStringLiteral("mailto:ops@example.com");
    }
    void settingsCardRejectsInvalidUrl()
    {
        QFETCH(bool, slack);
        QFETCH(QString, url);
        UiRig rig;
        AlertManager alerts;
        rig.context.alerts = &alerts;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentPage(MainWindow::Settings);
        AlertSettingsCard *card = w.settingsPage()->alertSettings();
        QLineEdit *edit = slack ? card->slackEdit() : card->webhookEdit();
        card->thresholdMsBox(AlertRuleId::LatencyP95)->setValue(1234);
        QTest::keyClicks(edit, url);
        QTest::mouseClick(card->applyButton(), Qt::LeftButton);

        QCOMPARE(card->statusLabel()->objectName(), QStringLiteral("errorText"));
        QVERIFY2(card->statusLabel()->text().contains(slack ? QStringLiteral("Slack URL")
                                                            : QStringLiteral("webhook URL")),
                 qPrintable(card->statusLabel()->text()));
        QVERIFY(edit->property("invalid").toBool());
        QVERIFY(card->hasUnappliedChanges());
        // Nothing applied, nothing saved.
        QCOMPARE(alerts.config(), AlertRulesConfig{});
        QVERIFY(rig.settings->alertRules().isEmpty());
        // Editing again clears the mark.
        QTest::keyClick(edit, Qt::Key_Backspace);
        QVERIFY(!edit->property("invalid").toBool());
    }

    void testAlertsAndDeliveriesShowAsDelivered()
    {
        UiRig rig;
        AlertManager alerts;
        rig.context.alerts = &alerts;
        Receiver receiver;
        QVERIFY(receiver.port != 0);
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // Settings > Alerts tests the URL in the field before it is applied.
        w.setCurrentPage(MainWindow::Settings);
        AlertSettingsCard *card = w.settingsPage()->alertSettings();
        QTest::keyClicks(card->webhookEdit(), receiver.url());
        QTest::mouseClick(card->testButton(AlertChannel::Webhook), Qt::LeftButton);
        QLabel *cardResult = card->testResult(AlertChannel::Webhook);
        QTRY_COMPARE(cardResult->objectName(), QStringLiteral("okText"));
        QVERIFY2(cardResult->text().contains(QStringLiteral("delivered (HTTP 200)")),
                 qPrintable(cardResult->text()));
        QCOMPARE(receiver.bodies.size(), 1);
        QCOMPARE(receiver.bodies.at(0).value(QStringLiteral("test")).toBool(), true);
        QVERIFY(alerts.config().channels.webhookUrl.isEmpty()); // a test applies nothing
        QVERIFY(card->apply().isEmpty());
        QCOMPARE(alerts.config().channels.webhookUrl, QUrl(receiver.url()));

        // The Alerts page's channel test goes to the configured URL.
        w.setCurrentPage(MainWindow::Alerts);
        AlertsPage *page = w.alertsPage();
        QPushButton *test = page->testButton(AlertChannel::Webhook);
        QVERIFY(test->isEnabled());
        QVERIFY(!page->testButton(AlertChannel::Slack)->isEnabled()); // no Slack URL
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY(page->testResult(AlertChannel::Webhook)->text().contains(QStringLiteral("delivered")));
        QCOMPARE(receiver.bodies.size(), 2);

        // A real alert: its webhook column goes from sending to delivered, live; a failing endpoint shows
        // failed.
        QVERIFY(!page->view()->isColumnHidden(AlertsModel::Webhook));
        QVERIFY(page->view()->isColumnHidden(AlertsModel::Slack));
        alerts.onTransition(opened(QStringLiteral("gemini")));
        const QModelIndex webhook = page->model()->index(0, AlertsModel::Webhook);
        QTRY_COMPARE(webhook.data(AlertsModel::StatusRole).toInt(), int(AlertDelivery::Status::Delivered));
        QCOMPARE(webhook.data().toString(), QStringLiteral("✓ delivered"));
        QCOMPARE(receiver.bodies.size(), 3);
        QCOMPARE(receiver.bodies.at(2).value(QStringLiteral("rule")).toString(),
                 QStringLiteral("breakerOpened"));

        receiver.status = 400; // not retried
        alerts.onTransition(opened(QStringLiteral("cohere")));
        const QModelIndex failed = page->model()->index(0, AlertsModel::Webhook);
        QTRY_COMPARE(failed.data(AlertsModel::StatusRole).toInt(), int(AlertDelivery::Status::Failed));
        QVERIFY(failed.data(Qt::ToolTipRole).toString().contains(QStringLiteral("HTTP 400")));
        QTRY_COMPARE(page->counter(QStringLiteral("failed"))->value(), QStringLiteral("1"));
        QCOMPARE(page->counter(QStringLiteral("sent"))->value(), QStringLiteral("3"));
    }

    // E-mail in Settings > Alerts: the fields apply to the manager (the password too, but it is never saved
    // to the settings file), a test mail reaches the relay, and the Alerts page shows the channel and the
    // delivery of a real alert in its E-mail column.
    void emailChannelFromSettingsToDelivery()
    {
        UiRig rig;
        AlertManager alerts;
        rig.context.alerts = &alerts;
        airm::test::MockSmtpServer relay;
        const quint16 port = relay.listenOnLoopback();
        QVERIFY(port != 0);
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentPage(MainWindow::Settings);
        AlertSettingsCard *card = w.settingsPage()->alertSettings();
        QTest::keyClicks(card->smtpHostEdit(), QStringLiteral("127.0.0.1"));
        card->smtpPortBox()->setValue(port);
        card->smtpSecurityBox()->setCurrentIndex(card->smtpSecurityBox()->findData(QStringLiteral("none")));
        QTest::keyClicks(card->smtpFromEdit(), QStringLiteral("monitor@example.com"));
        QTest::keyClicks(card->smtpToEdit(), QStringLiteral("oncall@example.com, lead@example.com"));
        QTest::keyClicks(card->smtpPasswordEdit(), QStringLiteral("s3cret-pw"));
        QVERIFY(card->apply().isEmpty());
        QCOMPARE(alerts.config().channels.email.password, QStringLiteral("s3cret-pw"));
        QVERIFY(!QJsonDocument(rig.settings->alertRules()).toJson().contains("s3cret-pw")); // never saved
        // It went to the key store: the keychain when one answers, memory for the session otherwise.
        QVERIFY(card->passwordStore()->location(KeyStore::smtpPasswordName()) != KeyStore::Location::None);
        QVERIFY(card->smtpPasswordEdit()->text().isEmpty());
        const SmtpSettings &email = alerts.config().channels.email;
        QCOMPARE(email.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(email.port, int(port));
        QCOMPARE(email.security, SmtpSettings::Security::None);
        QCOMPARE(email.to,
                 (QStringList{QStringLiteral("oncall@example.com"), QStringLiteral("lead@example.com")}));

        QTest::mouseClick(card->testButton(AlertChannel::Email), Qt::LeftButton);
        QTRY_COMPARE(card->testResult(AlertChannel::Email)->objectName(), QStringLiteral("okText"));
        QCOMPARE(relay.messages().size(), 1);
        QCOMPARE(relay.messages().first().rcptTo.size(), 2);

        w.setCurrentPage(MainWindow::Alerts);
        AlertsPage *page = w.alertsPage();
        QVERIFY(page->testButton(AlertChannel::Email)->isEnabled());
        QVERIFY(!page->view()->isColumnHidden(AlertsModel::Email));
        alerts.onTransition(opened(QStringLiteral("gemini")));
        const QModelIndex mail = page->model()->index(0, AlertsModel::Email);
        QTRY_COMPARE(mail.data(AlertsModel::StatusRole).toInt(), int(AlertDelivery::Status::Delivered));
        QCOMPARE(relay.messages().size(), 2);

        // A refused sender is shown on the field, and nothing is applied.
        w.setCurrentPage(MainWindow::Settings);
        card->smtpFromEdit()->clear();
        QTest::keyClicks(card->smtpFromEdit(), QStringLiteral("not an address"));
        QVERIFY(!card->apply().isEmpty());
        QVERIFY(card->smtpFromEdit()->property("invalid").toBool());
        QCOMPARE(alerts.config().channels.email.from, QStringLiteral("monitor@example.com"));
    }

    void withoutManagerThePageSaysSo()
    {
        UiRig rig;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentPage(MainWindow::Alerts);
        QCOMPARE(w.alertsPage()->model()->rowCount(), 0);
        for (const AlertChannel c : {AlertChannel::Desktop, AlertChannel::Webhook, AlertChannel::Slack})
            QVERIFY(!w.alertsPage()->testButton(c)->isEnabled());
        QVERIFY(!w.settingsPage()->alertSettings()->isEnabled());
        QVERIFY(!w.grab().isNull());
    }
};

QTEST_MAIN(TestAlertsPage)
#include "tst_alertspage.moc"
