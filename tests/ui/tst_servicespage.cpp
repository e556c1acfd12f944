// The services page on the real engine: the breaker panel follows the breaker, its buttons reset and force
// it, "Reset all breakers" closes every one, the breaker configuration editor applies presets, and the send
// form shows the answer of a request that went through the engine.
#include "uitestrig.h"

#include "breakerbadge.h"
#include "breakerconfigeditor.h"
#include "breakerpanel.h"
#include "sendrequestpanel.h"
#include "servicespage.h"
#include "transitionmodel.h"

#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

class TestServicesPage : public QObject
{
    Q_OBJECT

    static void showPage(ServicesPage &page)
    {
        page.resize(1300, 900);
        page.show();
        page.setActive(true);
        QVERIFY(QTest::qWaitForWindowExposed(&page));
    }

private slots:
    void resetButtonResetsTheBreaker()
    {
        UiRig rig;
        ServicesPage page(rig.context);
        showPage(page);
        page.selectService(QStringLiteral("gemini"));
        QCOMPARE(page.currentService(), QStringLiteral("gemini"));

        rig.host->call(
            [](RequestEngine &e) { e.forceBreaker(QStringLiteral("gemini"), BreakerState::Open); });
        QCOMPARE(rig.breaker(QStringLiteral("gemini")), BreakerState::Open);
        QTRY_COMPARE(page.breakerPanel()->badge()->state(), BreakerState::Open);

        QTest::mouseClick(page.breakerPanel()->resetButton(), Qt::LeftButton);
        QTRY_COMPARE(rig.breaker(QStringLiteral("gemini")), BreakerState::Closed);
        QTRY_COMPARE(page.breakerPanel()->badge()->state(), BreakerState::Closed);
        // The transitions, with their reasons, are in the panel's table, newest first.
        QTRY_VERIFY(page.breakerPanel()->transitionModel()->rowCount() >= 2);
        QCOMPARE(page.breakerPanel()->transitionModel()->transition(0).to, BreakerState::Closed);
    }

    void overrideButtons_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<int>("state");
        QTest::addRow("force open") << QStringLiteral("forceOpen") << int(BreakerState::ForcedOpen);
        QTest::addRow("disable") << QStringLiteral("disable") << int(BreakerState::Disabled);
        QTest::addRow("metrics only") << QStringLiteral("metricsOnly") << int(BreakerState::MetricsOnly);
    }
    void overrideButtons()
    {
        QFETCH(QString, button);
        QFETCH(int, state);
        UiRig rig;
        ServicesPage page(rig.context);
        showPage(page);
        page.selectService(QStringLiteral("cohere"));
        BreakerPanel *panel = page.breakerPanel();
        QPushButton *b = button == QLatin1String("forceOpen") ? panel->forceOpenButton()
                         : button == QLatin1String("disable") ? panel->disableButton()
                                                              : panel->metricsOnlyButton();
        QTest::mouseClick(b, Qt::LeftButton);
        QTRY_COMPARE(int(rig.breaker(QStringLiteral("cohere"))), state);
        QTRY_COMPARE(int(panel->badge()->state()), state);
        QVERIFY(BreakerBadge::isForced(panel->badge()->state()));
        QCOMPARE(rig.breaker(QStringLiteral("gemini")), BreakerState::Closed);
    }

    void resetAllBreakers()
    {
        UiRig rig;
        ServicesPage page(rig.context);
        showPage(page);
        rig.host->call([](RequestEngine &e) {
            e.forceBreaker(QStringLiteral("gemini"), BreakerState::ForcedOpen);
            e.forceBreaker(QStringLiteral("huggingface"), BreakerState::Open);
        });
        QTest::mouseClick(page.resetAllButton(), Qt::LeftButton);
        QTRY_COMPARE(rig.breaker(QStringLiteral("gemini")), BreakerState::Closed);
        QTRY_COMPARE(rig.breaker(QStringLiteral("huggingface")), BreakerState::Closed);
    }

    void presetIsApplied()
    {
        UiRig rig;
        ServicesPage page(rig.context);
        showPage(page);
        page.selectService(QStringLiteral("huggingface"));
        BreakerConfigEditor *editor = page.configEditor();
        QTRY_COMPARE(editor->presetBox()->currentData().toString(), QStringLiteral("seed"));
        const int hystrix = editor->presetBox()->findData(QStringLiteral("hystrix"));
        QVERIFY(hystrix >= 0);
        editor->presetBox()->setCurrentIndex(hystrix);
        emit editor->presetBox()->activated(hystrix);
        QCOMPARE(editor->config().waitDurationInOpenStateMs, qint64(5000));
        QTest::mouseClick(editor->applyButton(), Qt::LeftButton);
        QTRY_COMPARE(rig.ask<QString>([](RequestEngine &e) {
            return e.breakerConfig(QStringLiteral("huggingface")).preset;
        }),
                     QStringLiteral("hystrix"));
        QCOMPARE(rig.ask<qint64>([](RequestEngine &e) {
            return e.breakerConfig(QStringLiteral("huggingface")).waitDurationInOpenStateMs;
        }),
                 qint64(5000));
        QCOMPARE(rig.ask<QString>(
                     [](RequestEngine &e) { return e.breakerConfig(QStringLiteral("gemini")).preset; }),
                 QStringLiteral("seed"));
    }

    void sendRequestShowsTheAnswer()
    {
        UiRig rig;
        ServicesPage page(rig.context);
        showPage(page);
        page.selectService(QStringLiteral("cohere"));
        SendRequestPanel *send = page.sendPanel();
        send->promptEdit()->clear();
        QTest::keyClicks(send->promptEdit(), QStringLiteral("Hello there"));
        QTest::mouseClick(send->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(send->outcomeText(), QStringLiteral("Success"));
        QVERIFY(send->sendButton()->isEnabled());
        QTRY_COMPARE(rig.ask<qint64>([](RequestEngine &e) {
            return e.snapshot().service(QStringLiteral("cohere"))->requests;
        }),
                     qint64(1));
    }
};

QTEST_MAIN(TestServicesPage)
#include "tst_servicespage.moc"
