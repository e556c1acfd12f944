// Settings > API server in the real window: the switch starts the REST API (a free port), GET /test answers
// 200 through a plain socket, the status line and the status bar chip show the URL, the choice is saved,
// switching off stops it (the port refuses connections); a port in use and a non-loopback address without a
// token are refused with the core's message in the card and the chip; the token is never saved.
#include "uitestrig.h"

#include "apicontroller.h"
#include "mainwindow.h"
#include "settingspage.h"

#include "scenarios/scenarioservice.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

namespace {

// The status line of one GET, or the socket's error.
QByteArray get(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000)) return "no connection: " + socket.errorString().toUtf8();
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray reply;
    while (!reply.contains("\r\n") && socket.waitForReadyRead(2000))
        reply += socket.readAll();
    return reply.left(reply.indexOf("\r\n"));
}

struct ApiRig
{
    UiRig rig;
    ScenarioService scenarios;
    ApiController api;

    ApiRig()
        : scenarios(*rig.host, ReportStore(rig.dir.filePath(QStringLiteral("reports"))))
        , api(rig.host.get(), nullptr, &scenarios, ApiSettings{})
    {
        rig.context.scenarios = &scenarios;
        rig.context.api = &api;
    }
};

} // namespace

class TestApiServerSwitch : public QObject
{
    Q_OBJECT
private slots:
    void switchStartsAndStopsTheServer()
    {
        ApiRig r;
        MainWindow w(r.rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentPage(MainWindow::Settings);
        SettingsPage *settings = w.settingsPage();
        QVERIFY(!settings->apiSwitch()->isChecked());
        QCOMPARE(settings->apiStatusLabel()->text(), QStringLiteral("Off"));
        QVERIFY(w.statusText(QStringLiteral("api")).endsWith(QStringLiteral("API off")));

        settings->apiPortBox()->setValue(0); // any free port
        QTRY_VERIFY(settings->apiSwitch()->isVisible());
        settings->apiSwitch()->click();
        QVERIFY(r.api.isRunning());
        const quint16 port = r.api.port();
        QVERIFY(port > 0);
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QCOMPARE(r.api.baseUrl(), url);
        QVERIFY2(settings->apiStatusLabel()->text().contains(url),
                 qPrintable(settings->apiStatusLabel()->text()));
        QVERIFY2(w.statusText(QStringLiteral("api")).contains(QStringLiteral("API ") + url),
                 qPrintable(w.statusText(QStringLiteral("api"))));
        QCOMPARE(get(port, "/test"), QByteArray("HTTP/1.1 200 OK"));

        // Saved for the next start; the token field is not.
        QCOMPARE(r.rig.settings->apiEnabled(), true);
        QCOMPARE(r.rig.settings->apiPort(3000), 0);
        QCOMPARE(r.rig.settings->apiBind(QString()), QStringLiteral("127.0.0.1"));

        settings->apiSwitch()->click();
        QVERIFY(!r.api.isRunning());
        QCOMPARE(r.api.state(), ApiController::State::Off);
        QCOMPARE(settings->apiStatusLabel()->text(), QStringLiteral("Off"));
        QVERIFY(w.statusText(QStringLiteral("api")).contains(QStringLiteral("API off")));
        QVERIFY(get(port, "/test").startsWith("no connection"));
        QCOMPARE(r.rig.settings->apiEnabled(), false);
    }

    void portInUseShowsTheError()
    {
        ApiRig r;
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        MainWindow w(r.rig.context);
        w.show();
        w.setCurrentPage(MainWindow::Settings);
        SettingsPage *settings = w.settingsPage();
        settings->apiPortBox()->setValue(taken.serverPort());
        settings->apiSwitch()->click();
        QCOMPARE(r.api.state(), ApiController::State::Error);
        const QString status = settings->apiStatusLabel()->text();
        QVERIFY2(status.startsWith(QStringLiteral("Not serving: cannot listen on 127.0.0.1:") +
                                   QString::number(taken.serverPort())),
                 qPrintable(status));
        QVERIFY2(w.statusText(QStringLiteral("api")).contains(QStringLiteral("API error: cannot listen")),
                 qPrintable(w.statusText(QStringLiteral("api"))));

        // Another port and Apply: served.
        settings->apiPortBox()->setValue(0);
        QTest::mouseClick(settings->apiApplyButton(), Qt::LeftButton);
        QVERIFY(r.api.isRunning());
        QCOMPARE(get(r.api.port(), "/test"), QByteArray("HTTP/1.1 200 OK"));
    }

    void nonLoopbackNeedsAToken()
    {
        ApiRig r;
        MainWindow w(r.rig.context);
        w.show();
        w.setCurrentPage(MainWindow::Settings);
        SettingsPage *settings = w.settingsPage();
        settings->apiBindEdit()->setText(QStringLiteral("0.0.0.0"));
        settings->apiPortBox()->setValue(0);
        settings->apiSwitch()->click();
        QCOMPARE(r.api.state(), ApiController::State::Error);
        QVERIFY2(
            settings->apiStatusLabel()->text().contains(QStringLiteral("refusing to serve the API on 0.0.0.0 "
                                                                       "without a token")),
            qPrintable(settings->apiStatusLabel()->text()));
        QVERIFY(w.statusText(QStringLiteral("api")).contains(QStringLiteral("API error: refusing")));

        QCOMPARE(settings->apiTokenEdit()->echoMode(), QLineEdit::Password);
        settings->apiTokenEdit()->setText(QStringLiteral("s3cret-token"));
        QTest::mouseClick(settings->apiApplyButton(), Qt::LeftButton);
        QVERIFY2(r.api.isRunning(), qPrintable(r.api.error()));
        QVERIFY(settings->apiStatusLabel()->text().contains(QStringLiteral("token required")));
        QCOMPARE(get(r.api.port(), "/test"), QByteArray("HTTP/1.1 200 OK"));
        r.rig.settings->sync();
        QFile ini(r.rig.settings->fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains("s3cret-token"));
    }

    void startsFromTheSavedSetting()
    {
        // What DesktopApp does at launch: the saved switch on, the controller applied before the window.
        ApiRig r;
        ApiSettings s;
        s.port = 0;
        QCOMPARE(r.api.apply(true, s), QString());
        MainWindow w(r.rig.context);
        w.show();
        QVERIFY(w.settingsPage()->apiSwitch()->isChecked());
        QVERIFY(w.settingsPage()->apiStatusLabel()->text().contains(r.api.baseUrl()));
        QVERIFY(w.statusText(QStringLiteral("api")).contains(r.api.baseUrl()));
    }
};

QTEST_MAIN(TestApiServerSwitch)
#include "tst_apiserverswitch.moc"
