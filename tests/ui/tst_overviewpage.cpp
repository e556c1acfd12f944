// The Overview follows the engine: headline cards and service cards count real requests, the charts get
// points (decimated, replaced), chaos shows as a band and a red service card, breaker transitions as marks,
// and the long windows ask the history.
#include "uitestrig.h"

#include "breakerbadge.h"
#include "labels.h"
#include "latencychartview.h"
#include "outcomechartview.h"
#include "overviewpage.h"
#include "servicecard.h"
#include "statcard.h"
#include "throughputchartview.h"

#include <QTest>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

class TestOverviewPage : public QObject
{
    Q_OBJECT

    static void showPage(OverviewPage &page)
    {
        page.resize(1400, 1000);
        page.show();
        page.setActive(true);
        QVERIFY(QTest::qWaitForWindowExposed(&page));
    }

private slots:
    void cardsAndChartsFollowTraffic()
    {
        UiRig rig;
        OverviewPage page(rig.context);
        showPage(page);
        QCOMPARE(page.card(QStringLiteral("total"))->value(), QStringLiteral("0"));
        rig.send(QStringLiteral("gemini"), 20);
        rig.send(QStringLiteral("cohere"), 10);
        QTRY_COMPARE(page.card(QStringLiteral("total"))->value(), QStringLiteral("30"));
        QTRY_COMPARE(page.card(QStringLiteral("success"))->value(), Labels::percent(100));
        QCOMPARE(page.card(QStringLiteral("success"))->subtitle(), QStringLiteral("Excellent performance"));
        QTRY_VERIFY(page.latencyChart()->pointCount(QStringLiteral("gemini")) > 0);
        QTRY_VERIFY(page.latencyChart()->hasData());
        QTRY_COMPARE(page.outcomeChart()->total(), qint64(30));
        QVERIFY(page.throughputChart()->hasData());
        QCOMPARE(page.latencyChart()->pointCount(QStringLiteral("huggingface")), 0);
    }

    void chaosIsMarkedOnCardsAndCharts()
    {
        UiRig rig;
        OverviewPage page(rig.context);
        showPage(page);
        QVERIFY(!page.serviceCard(QStringLiteral("cohere"))->chaosMarked());
        rig.host->post([](RequestEngine &e) {
            ChaosSpec s;
            s.type = ChaosType::Failure;
            s.targets = {QStringLiteral("cohere")};
            QString error;
            e.injectChaos(s, &error);
        });
        QTRY_VERIFY(page.serviceCard(QStringLiteral("cohere"))->chaosMarked());
        QVERIFY(!page.serviceCard(QStringLiteral("gemini"))->chaosMarked());
        QTRY_COMPARE(page.card(QStringLiteral("chaos"))->value(), QStringLiteral("1"));
        QTRY_COMPARE(page.latencyChart()->bands().size(), 1);
        QVERIFY(page.latencyChart()->bands().constFirst().label.contains(QStringLiteral("cohere")));

        // Three failures in a row open the seed breaker: the badge and the chart marks show it.
        rig.send(QStringLiteral("cohere"), 3);
        QTRY_COMPARE(page.serviceCard(QStringLiteral("cohere"))->badge()->state(), BreakerState::Open);
        QTRY_VERIFY(!page.throughputChart()->marks().isEmpty());
        QCOMPARE(page.throughputChart()->marks().constLast().color,
                 Theme::dark().breakerColor(BreakerState::Open));
        QTRY_COMPARE(page.card(QStringLiteral("breakers"))->value(), QStringLiteral("1 / 3"));
    }

    void windowsSwitch()
    {
        UiRig rig;
        OverviewPage page(rig.context);
        showPage(page);
        page.setTimeWindow(TimeWindow::OneHour);
        QCOMPARE(rig.settings->timeWindow(), TimeWindow::FiveMinutes); // set by the user's click, not by code
        QCOMPARE(page.timeWindow(), TimeWindow::OneHour);
        QCOMPARE(page.latencyChart()->toMs() - page.latencyChart()->fromMs(),
                 TimeWindows::lengthMs(TimeWindow::OneHour));
        page.setTimeWindow(TimeWindow::OneDay);
        QTRY_COMPARE(rig.history->trendRequests, 1);
        QTRY_COMPARE(page.latencyChart()->toMs() - page.latencyChart()->fromMs(),
                     TimeWindows::lengthMs(TimeWindow::OneDay));
    }

    void hiddenPageDoesNotRefresh()
    {
        UiRig rig;
        OverviewPage page(rig.context);
        showPage(page);
        page.setActive(false);
        rig.send(QStringLiteral("gemini"), 5);
        // Once the live state has the new figures, a visible page would show them; the hidden one must not.
        QTRY_COMPARE(rig.live->snapshot().overall.requests, qint64(5));
        QCOMPARE(page.card(QStringLiteral("total"))->value(), QStringLiteral("0"));
        page.setActive(true);
        QTRY_COMPARE(page.card(QStringLiteral("total"))->value(), QStringLiteral("5"));
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
