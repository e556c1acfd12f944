// File > Export report: a window report in the scenario report schema (kind "window") for the last hour,
// since the start or a custom window, captured on the engine thread and written on a worker; the dialog's
// choices map to the right window and a reversed custom window is refused in the dialog.
#include "uitestrig.h"

#include "mainwindow.h"
#include "reportexportdialog.h"

#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

class TestReportExport : public QObject
{
    Q_OBJECT
private slots:
    void exportsAWindowReport()
    {
        UiRig rig;
        rig.send(QStringLiteral("gemini"), 20);
        rig.send(QStringLiteral("cohere"), 10);
        QTRY_COMPARE(rig.ask<qint64>([](RequestEngine &e) { return e.snapshot().overall.requests; }),
                     qint64(30));
        MainWindow w(rig.context);
        QSignalSpy exported(&w, &MainWindow::reportExported);
        const QString path = rig.dir.filePath(QStringLiteral("window.json"));
        w.exportReport(path, QDateTime::currentMSecsSinceEpoch() - 3'600'000, 0);
        QTRY_COMPARE(exported.size(), 1);
        QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(exported.at(0).at(1).toString()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(f.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(report.value(QLatin1String("schemaVersion")).toInt(), 1);
        QCOMPARE(report.value(QLatin1String("kind")).toString(), QStringLiteral("window"));
        QVERIFY(report.contains(QLatin1String("services")));
        QVERIFY(report.contains(QLatin1String("verdict")));
        QVERIFY(QJsonDocument(report).toJson().contains("gemini"));
    }

    void unwritablePathIsReported()
    {
        UiRig rig;
        MainWindow w(rig.context);
        QSignalSpy exported(&w, &MainWindow::reportExported);
        w.exportReport(rig.dir.filePath(QStringLiteral("missing/dir/report.json")));
        QTRY_COMPARE(exported.size(), 1);
        QCOMPARE(exported.at(0).at(0).toBool(), false);
        QVERIFY(exported.at(0).at(1).toString().startsWith(QStringLiteral("Could not write")));
    }

    void dialogChoosesTheWindow()
    {
        ReportExportDialog dialog;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(dialog.lastHourButton()->isChecked());
        QVERIFY(qAbs(dialog.fromMs() - (now - 3'600'000)) < 5000);
        QCOMPARE(dialog.toMs(), qint64(0));
        QVERIFY(!dialog.fromEdit()->isEnabled());

        dialog.sinceStartButton()->setChecked(true);
        QCOMPARE(dialog.fromMs(), qint64(0));
        QCOMPARE(dialog.toMs(), qint64(0));

        dialog.customButton()->setChecked(true);
        QVERIFY(dialog.fromEdit()->isEnabled());
        const QDateTime from = QDateTime::currentDateTime().addSecs(-600);
        dialog.fromEdit()->setDateTime(from);
        dialog.toEdit()->setDateTime(from.addSecs(300));
        QVERIFY(qAbs(dialog.fromMs() - from.toMSecsSinceEpoch()) < 1000);
        QVERIFY(qAbs(dialog.toMs() - from.addSecs(300).toMSecsSinceEpoch()) < 1000);

        // A window that ends before it starts is refused in the dialog.
        dialog.toEdit()->setDateTime(from.addSecs(-300));
        dialog.show();
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        buttons->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        bool shown = false;
        for (QLabel *l : dialog.findChildren<QLabel *>())
            if (l->isVisible() && l->text().contains(QStringLiteral("before the end"))) shown = true;
        QVERIFY(shown);
        dialog.toEdit()->setDateTime(from.addSecs(300));
        buttons->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
