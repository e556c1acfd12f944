// The chaos page drives the real engine: an experiment filled in through the form's widgets (keyboard and
// mouse) is running in the engine with those parameters; the form's validation comes from ChaosSpec;
// the per-row Stop and Stop all end experiments; ended ones move to the history.
#include "uitestrig.h"

#include "activechaosmodel.h"
#include "buttondelegate.h"
#include "chaosform.h"
#include "chaoshistorymodel.h"
#include "chaospage.h"

#include "chaos/chaosregistry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

namespace {

void typeInto(QAbstractSpinBox *box, const QString &text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Tab);
}

void click(QWidget *w)
{
    QTest::mouseClick(w, Qt::LeftButton, {}, QPoint(qMin(10, w->width() / 2), w->height() / 2));
}

} // namespace

class TestChaosPage : public QObject
{
    Q_OBJECT
private slots:
    void formInjectsIntoTheEngine()
    {
        UiRig rig;
        ChaosPage page(rig.context);
        page.resize(1200, 800);
        page.show();
        page.setActive(true);
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        ChaosForm *form = page.form();

        // Latency on cohere only: 750 ms, 40 s.
        QCheckBox *gemini = form->targetBox(QStringLiteral("gemini"));
        QCheckBox *cohere = form->targetBox(QStringLiteral("cohere"));
        QVERIFY(gemini && cohere);
        if (gemini->isChecked()) click(gemini);
        click(cohere);
        QVERIFY(!gemini->isChecked());
        QVERIFY(cohere->isChecked());
        form->typeBox()->setFocus();
        QCOMPARE(form->typeBox()->currentData().toInt(), int(ChaosType::Latency));
        typeInto(form->latencyBox(), QStringLiteral("750"));
        typeInto(form->durationBox(), QStringLiteral("40"));
        QVERIFY(form->validationMessage().isEmpty());
        QVERIFY(form->injectButton()->isEnabled());
        QTest::mouseClick(form->injectButton(), Qt::LeftButton);

        QTRY_COMPARE(rig.ask<int>([](RequestEngine &e) { return e.chaos().activeCount(); }), 1);
        const QJsonObject spec =
            rig.ask<QJsonObject>([](RequestEngine &e) { return e.chaos().active().constFirst().spec; });
        QCOMPARE(spec.value(QStringLiteral("type")).toString(), QStringLiteral("latency"));
        QCOMPARE(spec.value(QStringLiteral("latencyMs")).toInt(), 750);
        QCOMPARE(spec.value(QStringLiteral("durationMs")).toInteger(), qint64(40'000));
        QCOMPARE(spec.value(QStringLiteral("targets")).toArray().toVariantList(),
                 QVariantList{QStringLiteral("cohere")});

        // The active table shows it, counting down.
        QTRY_COMPARE(page.activeModel()->rowCount(), 1);
        QCOMPARE(page.activeModel()->index(0, ActiveChaosModel::Targets).data().toString(),
                 QStringLiteral("cohere"));
        QVERIFY(page.activeModel()
                    ->index(0, ActiveChaosModel::Parameters)
                    .data()
                    .toString()
                    .contains(QStringLiteral("750")));
        QVERIFY(page.activeView()->isVisible());
    }

    void everyTypeShowsItsOwnFields_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("latency");
        QTest::addColumn<bool>("probability");
        QTest::addRow("latency") << int(ChaosType::Latency) << true << false;
        QTest::addRow("failure") << int(ChaosType::Failure) << false << true;
        QTest::addRow("timeout") << int(ChaosType::Timeout) << false << false;
        QTest::addRow("intermittent") << int(ChaosType::Intermittent) << false << false;
        QTest::addRow("unavailable") << int(ChaosType::Unavailable) << false << false;
        QTest::addRow("corruption") << int(ChaosType::Corruption) << false << true;
        QTest::addRow("rate_limit") << int(ChaosType::RateLimit) << false << true;
    }
    void everyTypeShowsItsOwnFields()
    {
        QFETCH(int, type);
        QFETCH(bool, latency);
        QFETCH(bool, probability);
        ChaosForm form;
        form.setServices({QStringLiteral("gemini")});
        form.show();
        form.typeBox()->setCurrentIndex(form.typeBox()->findData(type));
        QCOMPARE(form.latencyBox()->isVisible(), latency);
        QCOMPARE(form.probabilityBox()->isVisible(), probability);
        QCOMPARE(int(form.spec().type), type);
        QVERIFY(form.validationMessage().isEmpty());
    }

    void validationComesFromChaosSpec()
    {
        ChaosForm form;
        form.setServices({QStringLiteral("gemini"), QStringLiteral("cohere")});
        form.show();
        form.durationBox()->setValue(0);
        QVERIFY(form.validationMessage().startsWith(QStringLiteral("duration")));
        QVERIFY(!form.injectButton()->isEnabled());
        QVERIFY(form.validationLabel()->isVisible());
        QCOMPARE(form.durationBox()->property("invalid").toBool(), true);
        form.durationBox()->setValue(30);
        QVERIFY(form.injectButton()->isEnabled());

        form.injectionBox()->setValue(0);
        QVERIFY(form.validationMessage().contains(QStringLiteral("injectionRatePct")));
        form.injectionBox()->setValue(50);
        QVERIFY(form.validationMessage().isEmpty());

        for (const QString &s : {QStringLiteral("gemini"), QStringLiteral("cohere")})
            form.targetBox(s)->setChecked(false);
        QVERIFY(!form.validationMessage().isEmpty());
        QVERIFY(!form.injectButton()->isEnabled());
        click(form.allTargetsBox());
        QVERIFY(form.validationMessage().isEmpty());
        QCOMPARE(form.spec().targets, QStringList{QStringLiteral("all")});
        QVERIFY(!form.targetBox(QStringLiteral("gemini"))->isEnabled());
    }

    void stopOneAndStopAll()
    {
        UiRig rig;
        ChaosPage page(rig.context);
        page.resize(1200, 800);
        page.show();
        page.setActive(true);
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        rig.host->post([](RequestEngine &e) {
            QString error;
            ChaosSpec a;
            a.type = ChaosType::Failure;
            a.targets = {QStringLiteral("gemini")};
            e.injectChaos(a, &error);
            ChaosSpec b;
            b.type = ChaosType::Timeout;
            b.targets = {QStringLiteral("cohere")};
            e.injectChaos(b, &error);
        });
        QTRY_COMPARE(page.activeModel()->rowCount(), 2);

        // The Stop cell of the first row, clicked like a button.
        QTableView *view = page.activeView();
        QTRY_VERIFY(view->isVisible());
        const QModelIndex stopCell = page.activeModel()->index(0, ActiveChaosModel::Stop);
        const QString firstId = page.activeModel()->experimentId(0);
        view->scrollTo(stopCell);
        const QRect cell = view->visualRect(stopCell);
        QVERIFY(cell.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE(rig.ask<int>([](RequestEngine &e) { return e.chaos().activeCount(); }), 1);
        QVERIFY(rig.ask<QString>([](RequestEngine &e) { return e.chaos().active().constFirst().id; }) !=
                firstId);
        QTRY_COMPARE(page.activeModel()->rowCount(), 1);

        QTest::mouseClick(page.stopAllButton(), Qt::LeftButton);
        QTRY_COMPARE(rig.ask<int>([](RequestEngine &e) { return e.chaos().activeCount(); }), 0);
        QTRY_COMPARE(page.activeModel()->rowCount(), 0);
        QTRY_COMPARE(page.historyModel()->rowCount(), 2);
        QVERIFY(!page.stopAllButton()->isEnabled());
    }

    void failuresCausedAreCounted()
    {
        UiRig rig;
        ChaosPage page(rig.context);
        page.show();
        page.setActive(true);
        rig.host->post([](RequestEngine &e) {
            QString error;
            ChaosSpec a;
            a.type = ChaosType::Failure;
            a.targets = {QStringLiteral("gemini")};
            a.durationMs = 60'000;
            e.injectChaos(a, &error);
        });
        QTRY_COMPARE(page.activeModel()->rowCount(), 1);
        rig.send(QStringLiteral("gemini"), 2);
        QTRY_COMPARE(page.activeModel()->index(0, ActiveChaosModel::Failures).data().toString(),
                     QStringLiteral("2"));
        QTRY_VERIFY(page.activeModel()->index(0, ActiveChaosModel::Touched).data().toString().toInt() >= 2);
    }
};

QTEST_MAIN(TestChaosPage)
#include "tst_chaospage.moc"
