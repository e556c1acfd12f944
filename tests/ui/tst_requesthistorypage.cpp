// The History page asks its source for what the filters say (and only that), shows the details of the
// selected request, and exports the filtered set; the Analytics page shows what its source computes.
#include "uitestrig.h"

#include "analyticspage.h"
#include "historytablemodel.h"
#include "requesthistorypage.h"
#include "statcard.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

class TestHistoryPage : public QObject
{
    Q_OBJECT

    static void fill(FakeHistorySource &source)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 30; ++i)
            source.rows.append(storedRequest(100 - i,
                                             i % 3 ? QStringLiteral("gemini") : QStringLiteral("cohere"),
                                             i % 4 ? Outcome::Success : Outcome::Failure, now - i * 60'000));
    }

private slots:
    void filtersChangeTheQuery()
    {
        UiRig rig;
        fill(*rig.history);
        RequestHistoryPage page(rig.context);
        page.resize(1300, 800);
        page.show();
        page.setActive(true);
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_COMPARE(page.model()->rowCount(), 30);
        const qsizetype before = rig.history->pageFilters.size();
        QVERIFY(rig.history->pageFilters.constLast().services.isEmpty());
        QVERIFY(rig.history->pageFilters.constLast().fromMs > 0); // "last 24 hours" by default

        page.serviceBox()->setCurrentIndex(page.serviceBox()->findText(QStringLiteral("cohere")));
        QTRY_COMPARE(rig.history->pageFilters.size(), before + 1);
        QCOMPARE(rig.history->pageFilters.constLast().services, QStringList{QStringLiteral("cohere")});
        QTRY_COMPARE(page.model()->rowCount(), 10);

        page.outcomeBox()->setCurrentIndex(page.outcomeBox()->findData(-1)); // not successful
        QTRY_COMPARE(rig.history->pageFilters.size(), before + 2);
        QCOMPARE(rig.history->pageFilters.constLast().outcomes.size(), 3);
        QVERIFY(!rig.history->pageFilters.constLast().outcomes.contains(Outcome::Success));

        page.originBox()->setCurrentIndex(page.originBox()->findData(int(Origin::Automation)));
        QTRY_COMPARE(rig.history->pageFilters.constLast().origins, QList<Origin>{Origin::Automation});

        page.rangeBox()->setCurrentIndex(page.rangeBox()->count() - 1); // all time
        QTRY_COMPARE(rig.history->pageFilters.constLast().fromMs, qint64(0));

        // Typing is debounced: one query for the whole word.
        const qsizetype beforeText = rig.history->pageFilters.size();
        QTest::keyClicks(page.textBox(), QStringLiteral("timeout"));
        QTRY_COMPARE(rig.history->pageFilters.constLast().text, QStringLiteral("timeout"));
        QCOMPARE(rig.history->pageFilters.size(), beforeText + 1);
    }

    void detailsShowTheSelectedRequest()
    {
        UiRig rig;
        fill(*rig.history);
        RequestHistoryPage page(rig.context);
        page.resize(1300, 800);
        page.show();
        page.setActive(true);
        QTRY_COMPARE(page.model()->rowCount(), 30);
        page.view()->selectRow(4);
        const QString details = page.details()->toPlainText();
        QVERIFY(details.contains(QStringLiteral("prompt 96")));
        QVERIFY(details.contains(QStringLiteral("HTTP 500")));
    }

    void exportUsesTheFilter()
    {
        UiRig rig;
        fill(*rig.history);
        RequestHistoryPage page(rig.context);
        page.show();
        page.setActive(true);
        QTRY_COMPARE(page.model()->rowCount(), 30);
        page.serviceBox()->setCurrentIndex(page.serviceBox()->findText(QStringLiteral("gemini")));
        page.exportTo(rig.dir.filePath(QStringLiteral("out.csv")), HistorySource::ExportFormat::Csv);
        QCOMPARE(rig.history->exportFilters.size(), 1);
        QCOMPARE(rig.history->exportFilters.constFirst().services, QStringList{QStringLiteral("gemini")});
    }

    void analyticsShowsTheReport()
    {
        UiRig rig;
        AnalyticsPage page(rig.context);
        page.resize(1300, 900);
        page.show();
        page.setActive(true);
        QTRY_COMPARE(rig.history->analyticsRequests, 1);
        QTRY_COMPARE(page.leaderboard()->rowCount(), 1);
        QCOMPARE(page.leaderboard()->item(0, 1)->text(), QStringLiteral("gemini"));
        QCOMPARE(page.report().health.score, 88.0);
        page.setActive(false);
        page.setActive(true); // within the refresh interval: no second query
        QCOMPARE(rig.history->analyticsRequests, 1);
    }
};

QTEST_MAIN(TestHistoryPage)
#include "tst_requesthistorypage.moc"
