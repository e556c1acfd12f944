// Scenarios: experiment plans run through the ScenarioService shared with the REST API (one run at a time,
// whoever starts it). The built-in plans and plan files (read and written on workers) with a preview of
// their steps and hypothesis; a time scale and an optional duration limit; Start and Stop; the live status
// (phase, current steps, elapsed time, requests, success rate) polled from the service at 4 Hz; the run's
// output (the last 1000 lines); the verdict with its exit code and what failed; and the report files in the
// report store (listed, read and deleted on workers) with a read-only viewer. GUI thread.
#pragma once

#include "page.h"

#include "scenarios/plan.h"
#include "scenarios/reportstore.h"

#include <QMap>
#include <QPointer>

class QDialog;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QTreeWidget;

namespace airm {
struct RunResult;
struct ScenarioStatus;
} // namespace airm

namespace airm::ui {

class Card;
class PlanPreview;

class ScenariosPage : public Page
{
    Q_OBJECT
public:
    explicit ScenariosPage(const UiContext &context, QWidget *parent = nullptr);
    ~ScenariosPage() override;

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Scenarios; }

    // Selects a listed plan by its name (built-in) or file path; false when none matches.
    bool selectPlan(const QString &nameOrPath);
    QString selectedPlanName() const;
    // Reads a plan file on a worker; adds and selects it, or shows the error (which names the field).
    void openPlanFile(const QString &path);
    // Writes the selected plan's JSON to path on a worker.
    void savePlanAs(const QString &path);
    // Starts the selected plan with the time scale and duration limit of the form; false with the error
    // shown in the page.
    bool start();
    void stop();
    bool running() const;

    // Lists the report files on a worker.
    void refreshReports();
    // Reads a report file on a worker and shows it in the viewer.
    void openReport(const QString &name);
    QString selectedReport() const;

    QTreeWidget *planList() const { return m_plans; }
    PlanPreview *preview() const { return m_preview; }
    QDoubleSpinBox *timeScaleBox() const { return m_timeScale; }
    QSpinBox *maxDurationBox() const { return m_maxMinutes; }
    QLabel *lengthLabel() const { return m_realLength; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *openPlanButton() const { return m_openPlan; }
    QPushButton *savePlanButton() const { return m_savePlan; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *noticeLabel() const { return m_notice; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *verdictLabel() const { return m_verdict; }
    QString statusValue(const QString &key) const; // phase, step, elapsed, requests, success, chaos, ...
    QPlainTextEdit *outputView() const { return m_output; }
    QTreeWidget *reportList() const { return m_reports; }
    QPushButton *openReportButton() const { return m_openReport; }
    QPushButton *deleteReportButton() const { return m_deleteReport; }
    QPushButton *showFolderButton() const { return m_showFolder; }
    QPlainTextEdit *reportViewer() const { return m_viewerText; }
    QDialog *reportViewerWindow() const; // null until a report was opened

signals:
    void planOpened(bool ok, const QString &message);
    void planSaved(bool ok, const QString &message);
    void reportsListed(int count);
    void reportShown(const QString &name);
    void reportDeleted(bool ok, const QString &name);
    void runFinished(const QString &verdict, int exitCode);

protected:
    void onActivated() override;

private:
    struct PlanEntry
    {
        Plan plan;
        QByteArray text; // as written (built-in text or the file's bytes), for "Save plan as"
        QString path;    // empty for built-ins
    };

    void addPlan(const PlanEntry &entry, bool select);
    void showSelectedPlan();
    const PlanEntry *selectedEntry() const;
    void showError(const QString &text);
    void showNotice(const QString &text);
    void updateRunControls();
    void onStarted(const QString &runId);
    void onFinished(const airm::RunResult &result, const QStringList &files, const QString &saveError);
    void pollStatus();
    void showStatus(const airm::ScenarioStatus &status);
    void flushOutput();
    void deleteSelectedReport();
    void showFolder();
    void updateReportButtons();
    QStringList serviceNames() const;

    QList<PlanEntry> m_entries;
    QTreeWidget *m_plans;
    QLabel *m_description;
    PlanPreview *m_preview;
    QDoubleSpinBox *m_timeScale;
    QSpinBox *m_maxMinutes;
    QLabel *m_realLength;
    QPushButton *m_openPlan;
    QPushButton *m_savePlan;
    QPushButton *m_start;
    QPushButton *m_stop;
    QLabel *m_error;
    QLabel *m_notice;

    QLabel *m_state;
    QMap<QString, QLabel *> m_statusLabels;
    QLabel *m_verdict;
    QPushButton *m_openRunReport;
    QString m_runReport;
    QPlainTextEdit *m_output;
    QStringList m_pendingOutput;

    QTreeWidget *m_reports;
    Card *m_reportsCard;
    QPushButton *m_openReport;
    QPushButton *m_deleteReport;
    QPushButton *m_showFolder;
    QString m_selectAfterListing;
    quint64 m_listing = 0; // the newest listing asked for; older answers are dropped

    QPointer<QDialog> m_viewer;
    QPlainTextEdit *m_viewerText = nullptr;
    QLabel *m_viewerInfo = nullptr;

    QTimer *m_poll;
};

} // namespace airm::ui
