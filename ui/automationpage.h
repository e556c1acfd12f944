// Automated requests: target strategy (round robin, random, weighted, one service), pace (interval presets,
// a custom interval or a target rate), requests in flight, prompts (editable, loadable from a file off the
// GUI thread), stop conditions; the live status of the run and a live request log that stays responsive at
// hundreds of lines a second. GUI thread; the run itself lives on the engine thread.
#pragma once

#include "page.h"

#include "engine/automationrun.h"

#include <QMap>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTimer;

namespace airm::ui {

class RequestLogModel;
class SegmentedControl;

class AutomationPage : public Page
{
    Q_OBJECT
public:
    explicit AutomationPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Automation; }

    AutomationConfig config() const; // what the form says
    bool running() const { return m_running; }
    void start();
    // Starts a run at a target rate with the other fields as they are (the Overview's "Start traffic").
    void startAtRate(double requestsPerSecond, int maxInFlight);
    void stop();
    void loadPromptsFromFile(const QString &path); // reads on a worker thread

    QPushButton *startButton() const { return m_start; }
    QPushButton *stopButton() const { return m_stop; }
    RequestLogModel *logModel() const { return m_log; }
    QListView *logView() const { return m_logView; }
    QPlainTextEdit *promptsEdit() const { return m_prompts; }
    SegmentedControl *paceControl() const { return m_pace; }
    QSpinBox *maxRequestsBox() const { return m_maxRequests; }
    QDoubleSpinBox *rateBox() const { return m_rate; }
    QSpinBox *inFlightBox() const { return m_inFlight; }
    const AutomationStatus &status() const { return m_status; }

signals:
    void runningChanged(bool running);

protected:
    void onActivated() override;
    void applyTheme(const Theme &theme) override;

private:
    enum Pace { Every5s, Every10s, Every30s, Every60s, Custom, Rate };
    void updateStrategyFields();
    void updatePaceFields();
    void rebuildServiceFields();
    void pollStatus();
    void showStatus(const AutomationStatus &status);
    void onFinished(const AutomationStatus &status);
    void onRecords(const QList<RequestRecord> &records);

    QComboBox *m_strategy;
    QStackedWidget *m_targets;
    QWidget *m_subsetBox;
    QMap<QString, QCheckBox *> m_subset;
    QComboBox *m_single;
    QWidget *m_weightsBox;
    QMap<QString, QDoubleSpinBox *> m_weights;
    SegmentedControl *m_pace;
    QSpinBox *m_customSeconds;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_inFlight;
    QSpinBox *m_maxRequests;
    QSpinBox *m_maxMinutes;
    QPlainTextEdit *m_prompts;
    QLabel *m_promptCount;
    QLabel *m_formError;
    QPushButton *m_start;
    QPushButton *m_stop;

    QLabel *m_state;
    QMap<QString, QLabel *> m_statusLabels;

    RequestLogModel *m_log;
    QListView *m_logView;
    QComboBox *m_logFilter;
    QPushButton *m_pause;
    QLabel *m_logInfo;
    qint64 m_skippedWhilePaused = 0;

    QTimer *m_poll;
    QPointer<AutomationRun> m_run; // lives on the engine thread: dereferenced only there
    AutomationStatus m_status;
    bool m_running = false;
    QStringList m_serviceOrder;
};

} // namespace airm::ui
