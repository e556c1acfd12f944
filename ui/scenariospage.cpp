#include "scenariospage.h"

#include "card.h"
#include "labels.h"
#include "livestate.h"
#include "planpreview.h"

#include "scenarios/planlibrary.h"
#include "scenarios/scenarioservice.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace airm::ui {
namespace {

constexpr int kPollMs = 250;                      // 4 Hz
constexpr int kOutputLines = 1000;                // lines the output view keeps
constexpr qint64 kMaxPlanFileBytes = 1024 * 1024; // plans are small JSON documents
constexpr qint64 kMaxViewBytes = 2 * 1024 * 1024; // the viewer shows the start of larger files
constexpr int kMaxMinutes = 365 * 24 * 60;
constexpr double kMaxTimeScale = 100'000.0;
constexpr double kMinTimeScale = 0.01;

struct PlanFile
{
    Plan plan;
    QByteArray text;
    QString error;
};

// Runs on a worker thread.
PlanFile readPlanFile(const QString &path)
{
    PlanFile out;
    const QString name = QFileInfo(path).fileName();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        out.error = QStringLiteral("%1: %2").arg(name, f.errorString());
        return out;
    }
    if (f.size() > kMaxPlanFileBytes) {
        out.error = ScenariosPage::tr("%1: larger than %2 bytes").arg(name).arg(kMaxPlanFileBytes);
        return out;
    }
    out.text = f.readAll();
    out.plan = Plan::fromJsonText(out.text, &out.error);
    if (!out.error.isEmpty()) out.error = name + QStringLiteral(": ") + out.error;
    return out;
}

struct WriteResult
{
    bool ok = false;
    QString error;
};

// Runs on a worker thread.
WriteResult writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return {false, f.errorString()};
    return {true, {}};
}

struct ReportText
{
    QString text;
    QString error;
    qint64 size = 0;
    bool truncated = false;
};

// Runs on a worker thread.
ReportText readReport(const ReportStore &store, const QString &name)
{
    ReportText out;
    QByteArray content;
    if (!store.read(name, &content, &out.error)) return out;
    out.size = content.size();
    if (content.size() > kMaxViewBytes) {
        content.truncate(kMaxViewBytes);
        out.truncated = true;
    }
    out.text = QString::fromUtf8(content);
    return out;
}

// Short, for the table column; kindDescription() is the tooltip.
QString kindLabel(const QString &kind)
{
    if (kind == QLatin1String("report")) return ScenariosPage::tr("Report");
    if (kind == QLatin1String("summary")) return ScenariosPage::tr("Summary");
    if (kind == QLatin1String("experiment_log")) return ScenariosPage::tr("Experiments");
    if (kind == QLatin1String("request_log")) return ScenariosPage::tr("Requests");
    if (kind == QLatin1String("service_comparison")) return ScenariosPage::tr("Comparison");
    return kind;
}

QString kindDescription(const QString &kind)
{
    if (kind == QLatin1String("report"))
        return ScenariosPage::tr("The JSON report (docs/report-schema.json)");
    if (kind == QLatin1String("summary")) return ScenariosPage::tr("The text summary with the verdict");
    if (kind == QLatin1String("experiment_log"))
        return ScenariosPage::tr("CSV: one row per chaos experiment and target, and per load step");
    if (kind == QLatin1String("request_log"))
        return ScenariosPage::tr("CSV: one row per request the run observed");
    if (kind == QLatin1String("service_comparison"))
        return ScenariosPage::tr("CSV: one row per service, with its resilience score");
    return kind;
}

QString phaseLabel(const QString &phase)
{
    if (phase == QLatin1String("before")) return ScenariosPage::tr("Checking the steady state");
    if (phase == QLatin1String("method")) return ScenariosPage::tr("Running the method");
    if (phase == QLatin1String("recovering")) return ScenariosPage::tr("Measuring recovery");
    if (phase == QLatin1String("draining")) return ScenariosPage::tr("Waiting for requests in flight");
    if (phase == QLatin1String("finished")) return ScenariosPage::tr("Finished");
    return phase.isEmpty() ? QStringLiteral("–") : phase;
}

QString statusLabel(RunStatus s)
{
    switch (s) {
    case RunStatus::Pending:
        return ScenariosPage::tr("pending");
    case RunStatus::Running:
        return ScenariosPage::tr("running");
    case RunStatus::Completed:
        return ScenariosPage::tr("completed");
    case RunStatus::Aborted:
        return ScenariosPage::tr("aborted");
    case RunStatus::Stopped:
        return ScenariosPage::tr("stopped");
    case RunStatus::Error:
        return ScenariosPage::tr("error");
    }
    return {};
}

} // namespace

ScenariosPage::ScenariosPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Scenarios"), tr("Experiment plans with hypotheses, measured recovery and reports"), false,
           parent)
    , m_plans(new QTreeWidget)
    , m_description(new QLabel)
    , m_preview(new PlanPreview)
    , m_timeScale(new QDoubleSpinBox)
    , m_maxMinutes(new QSpinBox)
    , m_realLength(new QLabel)
    , m_openPlan(new QPushButton(tr("Open plan file…")))
    , m_savePlan(new QPushButton(tr("Save plan as…")))
    , m_start(new QPushButton(tr("Start")))
    , m_stop(new QPushButton(tr("Stop")))
    , m_error(new QLabel)
    , m_notice(new QLabel)
    , m_state(new QLabel)
    , m_verdict(new QLabel)
    , m_openRunReport(new QPushButton(tr("Open report")))
    , m_output(new QPlainTextEdit)
    , m_reports(new QTreeWidget)
    , m_reportsCard(new Card(tr("Reports")))
    , m_openReport(new QPushButton(tr("Open")))
    , m_deleteReport(new QPushButton(tr("Delete…")))
    , m_showFolder(new QPushButton(tr("Show folder")))
    , m_poll(new QTimer(this))
{
    m_start->setProperty("role", QStringLiteral("primary"));
    m_start->setToolTip(tr("Run the selected plan"));
    m_stop->setProperty("role", QStringLiteral("danger"));
    m_stop->setToolTip(tr("End the run now: chaos and load stop, requests in flight finish, the report is "
                          "written"));
    headerActions()->addWidget(m_start);
    headerActions()->addWidget(m_stop);

    // --- plans
    auto *plansCard = new Card(tr("Plans"));
    m_plans->setColumnCount(4);
    m_plans->setHeaderLabels({tr("Plan"), tr("Name"), tr("Steps"), tr("Length at ×1")});
    m_plans->setRootIsDecorated(false);
    m_plans->setUniformRowHeights(true);
    m_plans->setAlternatingRowColors(true);
    m_plans->setSelectionMode(QAbstractItemView::SingleSelection);
    m_plans->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_plans->setAccessibleName(tr("Plans"));
    m_plans->header()->setStretchLastSection(true);
    m_plans->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_plans->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    plansCard->body()->addWidget(m_plans);
    auto *planButtons = new QHBoxLayout;
    m_openPlan->setToolTip(tr("Add an experiment plan from a JSON file (docs/plan-schema.json)"));
    m_savePlan->setToolTip(tr("Write the selected plan's JSON to a file, to edit it or run it elsewhere"));
    planButtons->addWidget(m_openPlan);
    planButtons->addWidget(m_savePlan);
    planButtons->addStretch(1);
    plansCard->body()->addLayout(planButtons);

    // --- run options
    auto *optionsCard = new Card(tr("Run"));
    auto *form = new QFormLayout;
    form->setHorizontalSpacing(14);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_timeScale->setMinimumWidth(220);
    m_maxMinutes->setMinimumWidth(220);
    m_timeScale->setRange(kMinTimeScale, kMaxTimeScale);
    m_timeScale->setDecimals(2);
    m_timeScale->setValue(1.0);
    m_timeScale->setPrefix(QStringLiteral("× "));
    m_timeScale->setToolTip(
        tr("Divides plan time: 1 is real time; 100 runs the 23-minute validation suite's method in about "
           "14 s. Provider latencies, breaker waits and recovery timeouts stay real time."));
    m_timeScale->setAccessibleName(tr("Time scale"));
    form->addRow(tr("Time scale"), m_timeScale);
    m_maxMinutes->setRange(0, kMaxMinutes);
    m_maxMinutes->setSpecialValueText(tr("as the plan says"));
    m_maxMinutes->setSuffix(tr(" min of plan time"));
    m_maxMinutes->setToolTip(tr("Steps that would not end before this are not started; the run then ends "
                                "with \"duration reached\""));
    m_maxMinutes->setAccessibleName(tr("Maximum duration"));
    form->addRow(tr("Stop after"), m_maxMinutes);
    optionsCard->body()->addLayout(form);
    // Below the form, full width: the text wraps (a wrapped label in a form row is cut off).
    m_realLength->setObjectName(QStringLiteral("hint"));
    m_realLength->setWordWrap(true);
    optionsCard->body()->addWidget(m_realLength);
    m_error->setObjectName(QStringLiteral("errorText"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    optionsCard->body()->addWidget(m_error);
    m_notice->setObjectName(QStringLiteral("okText"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    optionsCard->body()->addWidget(m_notice);

    // --- preview
    auto *previewCard = new Card(tr("Preview"));
    m_description->setObjectName(QStringLiteral("hint"));
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    previewCard->body()->addWidget(m_description);
    previewCard->body()->addWidget(m_preview, 1);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(14);
    leftLayout->addWidget(plansCard);
    leftLayout->addWidget(optionsCard);
    leftLayout->addWidget(previewCard, 1);

    // --- status
    auto *statusCard = new Card(tr("Status"));
    m_state->setObjectName(QStringLiteral("sectionTitle"));
    statusCard->addHeaderWidget(m_state);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    const QList<std::pair<QString, QString>> names{{QStringLiteral("plan"), tr("Plan")},
                                                   {QStringLiteral("phase"), tr("Phase")},
                                                   {QStringLiteral("elapsed"), tr("Elapsed")},
                                                   {QStringLiteral("scale"), tr("Time scale")},
                                                   {QStringLiteral("requests"), tr("Requests")},
                                                   {QStringLiteral("success"), tr("Success rate")},
                                                   {QStringLiteral("chaos"), tr("Chaos active")},
                                                   {QStringLiteral("recoveries"), tr("Recoveries pending")}};
    for (int i = 0; i < names.size(); ++i) {
        auto *name = new QLabel(names.at(i).second);
        name->setObjectName(QStringLiteral("metricName"));
        auto *value = new QLabel(QStringLiteral("–"));
        value->setObjectName(QStringLiteral("metricValue"));
        grid->addWidget(name, (i / 4) * 2, i % 4);
        grid->addWidget(value, (i / 4) * 2 + 1, i % 4);
        m_statusLabels.insert(names.at(i).first, value);
    }
    for (int c = 0; c < 4; ++c)
        grid->setColumnStretch(c, 1);
    statusCard->body()->addLayout(grid);
    auto *stepName = new QLabel(tr("Current step"));
    stepName->setObjectName(QStringLiteral("metricName"));
    auto *stepValue = new QLabel(QStringLiteral("–"));
    stepValue->setWordWrap(true);
    m_statusLabels.insert(QStringLiteral("step"), stepValue);
    statusCard->body()->addWidget(stepName);
    statusCard->body()->addWidget(stepValue);
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->hide();
    auto *verdictRow = new QHBoxLayout;
    verdictRow->addWidget(m_verdict, 1);
    verdictRow->addWidget(m_openRunReport, 0, Qt::AlignTop);
    m_openRunReport->hide();
    statusCard->body()->addLayout(verdictRow);

    // --- output
    auto *outputCard = new Card(tr("Output"));
    auto *clear = new QPushButton(tr("Clear"));
    outputCard->addHeaderWidget(clear);
    m_output->setObjectName(QStringLiteral("console"));
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(kOutputLines);
    m_output->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_output->setAccessibleName(tr("Scenario output"));
    m_output->setPlaceholderText(tr("The run's progress appears here: steps, chaos, probes, recoveries."));
    outputCard->body()->addWidget(m_output, 1);

    // --- reports
    Card *reportsCard = m_reportsCard;
    auto *refresh = new QPushButton(tr("Refresh"));
    reportsCard->addHeaderWidget(m_openReport);
    reportsCard->addHeaderWidget(m_deleteReport);
    reportsCard->addHeaderWidget(m_showFolder);
    reportsCard->addHeaderWidget(refresh);
    m_reports->setColumnCount(4);
    m_reports->setHeaderLabels({tr("File"), tr("Kind"), tr("Size"), tr("Modified")});
    m_reports->setRootIsDecorated(false);
    m_reports->setUniformRowHeights(true);
    m_reports->setAlternatingRowColors(true);
    m_reports->setSelectionMode(QAbstractItemView::SingleSelection);
    m_reports->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reports->setAccessibleName(tr("Report files"));
    m_reports->header()->setStretchLastSection(false);
    // The file name says most (kind and stamp): it is shown whole, the kind column gives way.
    m_reports->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_reports->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int c = 2; c < 4; ++c)
        m_reports->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    reportsCard->body()->addWidget(m_reports, 1);

    QSplitter *rightSplit = addSplitter(Qt::Vertical, QStringLiteral("scenariosOutputSplit"));
    rightSplit->addWidget(outputCard);
    rightSplit->addWidget(reportsCard);
    rightSplit->setSizes({320, 320});
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(14);
    rightLayout->addWidget(statusCard);
    rightLayout->addWidget(rightSplit, 1);

    QSplitter *split = addSplitter(Qt::Horizontal, QStringLiteral("scenariosSplit"));
    left->setMinimumWidth(420);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({580, 640});
    content()->addWidget(split, 1);

    // --- behaviour
    connect(m_plans, &QTreeWidget::itemSelectionChanged, this, &ScenariosPage::showSelectedPlan);
    connect(m_timeScale, &QDoubleSpinBox::valueChanged, this, [this] {
        if (const PlanEntry *e = selectedEntry())
            m_realLength->setText(
                tr("Length: %1").arg(PlanLength::of(e->plan, serviceNames()).text(m_timeScale->value())));
    });
    connect(m_openPlan, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open plan"), QString(),
                                                          tr("Plans (*.json);;All files (*)"));
        if (!path.isEmpty()) openPlanFile(path);
    });
    connect(m_savePlan, &QPushButton::clicked, this, [this] {
        const PlanEntry *e = selectedEntry();
        if (!e) return;
        const QString suggested = QDir::home().filePath(e->plan.name + QStringLiteral(".json"));
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save plan"), suggested, tr("Plans (*.json)"));
        if (!path.isEmpty()) savePlanAs(path);
    });
    connect(m_start, &QPushButton::clicked, this, &ScenariosPage::start);
    connect(m_stop, &QPushButton::clicked, this, &ScenariosPage::stop);
    connect(clear, &QPushButton::clicked, m_output, &QPlainTextEdit::clear);
    connect(refresh, &QPushButton::clicked, this, &ScenariosPage::refreshReports);
    connect(m_reports, &QTreeWidget::itemSelectionChanged, this, &ScenariosPage::updateReportButtons);
    connect(m_reports, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { openReport(item->text(0)); });
    connect(m_openReport, &QPushButton::clicked, this, [this] {
        if (!selectedReport().isEmpty()) openReport(selectedReport());
    });
    connect(m_deleteReport, &QPushButton::clicked, this, &ScenariosPage::deleteSelectedReport);
    connect(m_showFolder, &QPushButton::clicked, this, &ScenariosPage::showFolder);
    connect(m_openRunReport, &QPushButton::clicked, this, [this] {
        if (!m_runReport.isEmpty()) openReport(m_runReport);
    });
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &ScenariosPage::pollStatus);

    ScenarioService *service = ctx.scenarios;
    if (service) {
        connect(service, &ScenarioService::started, this, &ScenariosPage::onStarted);
        connect(service, &ScenarioService::finished, this, &ScenariosPage::onFinished);
        connect(service, &ScenarioService::output, this, [this](const QString &line) {
            m_pendingOutput << line;
            if (m_pendingOutput.size() > kOutputLines)
                m_pendingOutput.erase(m_pendingOutput.begin(),
                                      m_pendingOutput.begin() + (m_pendingOutput.size() - kOutputLines));
        });
        m_reports->setToolTip(tr("Files in %1").arg(service->store().directory()));
        m_showFolder->setToolTip(service->store().directory());
    } else {
        m_reportsCard->setHint(tr("not available here"));
        showError(tr("Runs are not available in this window: it was started without the scenario service."));
    }

    for (const PlanInfo &info : PlanLibrary::builtIns()) {
        QString error;
        PlanEntry e;
        e.plan = PlanLibrary::load(info.name, &error);
        if (!error.isEmpty()) {
            qWarning("built-in plan %s: %s", qUtf8Printable(info.name), qUtf8Printable(error));
            continue;
        }
        e.text = PlanLibrary::builtInText(info.name);
        addPlan(e, m_entries.isEmpty());
    }
    m_state->setText(tr("Idle"));
    if (service && service->isRunning()) onStarted(service->status().runId);
    updateRunControls();
    updateReportButtons();
}

ScenariosPage::~ScenariosPage() = default;

QStringList ScenariosPage::serviceNames() const
{
    QStringList names = context().live ? context().live->serviceNames() : QStringList();
    if (names.isEmpty())
        for (const ServiceConfig &c : context().config.services)
            names << c.name;
    return names;
}

void ScenariosPage::addPlan(const PlanEntry &entry, bool select)
{
    int index = -1;
    for (int i = 0; i < m_entries.size(); ++i)
        if (!entry.path.isEmpty() && m_entries.at(i).path == entry.path) index = i;
    QTreeWidgetItem *item = nullptr;
    if (index >= 0) {
        m_entries[index] = entry;
        for (int i = 0; i < m_plans->topLevelItemCount(); ++i)
            if (m_plans->topLevelItem(i)->data(0, Qt::UserRole).toInt() == index)
                item = m_plans->topLevelItem(i);
    } else {
        index = int(m_entries.size());
        m_entries.append(entry);
        item = new QTreeWidgetItem(m_plans);
        item->setData(0, Qt::UserRole, index);
    }
    const Plan &p = entry.plan;
    const PlanLength length = PlanLength::of(p, serviceNames());
    item->setText(0, p.title.isEmpty() ? p.name : p.title);
    item->setText(1, entry.path.isEmpty() ? p.name : QFileInfo(entry.path).fileName());
    item->setText(2, QString::number(length.steps));
    item->setText(3, length.text(1.0, true));
    const QString where = entry.path.isEmpty() ? tr("Built in") : entry.path;
    item->setToolTip(0, QStringLiteral("%1\n\n%2").arg(where, p.description));
    item->setToolTip(3, length.text());
    for (int c = 0; c < 3; ++c)
        m_plans->resizeColumnToContents(c);
    m_plans->setColumnWidth(0, std::min(m_plans->columnWidth(0), 240));
    // As tall as its rows (up to a handful): the preview below needs the room more.
    constexpr int kVisibleRows = 6;
    const int rows = std::clamp(m_plans->topLevelItemCount(), 3, kVisibleRows);
    m_plans->setFixedHeight(m_plans->header()->sizeHint().height() + rows * m_plans->sizeHintForRow(0) +
                            2 * m_plans->frameWidth() + 4);
    if (select) m_plans->setCurrentItem(item);
    if (select && m_plans->currentItem() == item) showSelectedPlan(); // also when it was selected already
}

const ScenariosPage::PlanEntry *ScenariosPage::selectedEntry() const
{
    const QTreeWidgetItem *item = m_plans->currentItem();
    if (!item) return nullptr;
    const int index = item->data(0, Qt::UserRole).toInt();
    return index >= 0 && index < m_entries.size() ? &m_entries.at(index) : nullptr;
}

bool ScenariosPage::selectPlan(const QString &nameOrPath)
{
    for (int i = 0; i < m_plans->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_plans->topLevelItem(i);
        const PlanEntry &e = m_entries.at(item->data(0, Qt::UserRole).toInt());
        if ((e.path.isEmpty() && e.plan.name == nameOrPath) || (!e.path.isEmpty() && e.path == nameOrPath)) {
            m_plans->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

QString ScenariosPage::selectedPlanName() const
{
    const PlanEntry *e = selectedEntry();
    return e ? e->plan.name : QString();
}

void ScenariosPage::showSelectedPlan()
{
    const PlanEntry *e = selectedEntry();
    if (!e) {
        m_preview->clearPlan();
        m_description->clear();
        m_realLength->clear();
        updateRunControls();
        return;
    }
    const Plan &p = e->plan;
    const QString source = e->path.isEmpty() ? tr("Built-in plan") : tr("From %1").arg(e->path);
    m_description->setText(p.description.isEmpty() ? source
                                                   : QStringLiteral("%1 · %2").arg(source, p.description));
    m_preview->setPlan(p, serviceNames());
    {
        QSignalBlocker block(m_timeScale);
        m_timeScale->setValue(std::clamp(p.timeScale, kMinTimeScale, kMaxTimeScale));
    }
    m_realLength->setText(tr("Length: %1").arg(PlanLength::of(p, serviceNames()).text(m_timeScale->value())));
    updateRunControls();
}

void ScenariosPage::openPlanFile(const QString &path)
{
    m_error->hide();
    showNotice(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    auto *watcher = new QFutureWatcher<PlanFile>(this);
    connect(watcher, &QFutureWatcher<PlanFile>::finished, this, [this, watcher, path] {
        const PlanFile file = watcher->result();
        watcher->deleteLater();
        m_notice->hide();
        if (!file.error.isEmpty()) {
            const QString message = tr("This plan cannot be used: %1").arg(file.error);
            showError(message);
            emit planOpened(false, message);
            return;
        }
        PlanEntry e;
        e.plan = file.plan;
        e.text = file.text;
        e.path = path;
        addPlan(e, true);
        m_error->hide();
        const QString message = tr("Plan %1 opened from %2").arg(e.plan.name, path);
        showNotice(message);
        emit planOpened(true, message);
    });
    watcher->setFuture(QtConcurrent::run(readPlanFile, path));
}

void ScenariosPage::savePlanAs(const QString &path)
{
    const PlanEntry *e = selectedEntry();
    if (!e) {
        showError(tr("Choose a plan first."));
        emit planSaved(false, m_error->text());
        return;
    }
    auto *watcher = new QFutureWatcher<WriteResult>(this);
    connect(watcher, &QFutureWatcher<WriteResult>::finished, this, [this, watcher, path] {
        const WriteResult r = watcher->result();
        watcher->deleteLater();
        if (r.ok) {
            const QString message = tr("Plan written to %1").arg(path);
            showNotice(message);
            emit planSaved(true, message);
        } else {
            const QString message = tr("Could not write %1: %2").arg(path, r.error);
            showError(message);
            emit planSaved(false, message);
        }
    });
    watcher->setFuture(QtConcurrent::run(writeFile, path, e->text));
}

void ScenariosPage::showError(const QString &text)
{
    m_notice->hide();
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void ScenariosPage::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

bool ScenariosPage::running() const
{
    return context().scenarios && context().scenarios->isRunning();
}

bool ScenariosPage::start()
{
    ScenarioService *service = context().scenarios;
    const PlanEntry *e = selectedEntry();
    if (!service) return false;
    if (!e) {
        showError(tr("Choose a plan first."));
        return false;
    }
    ScenarioRunner::Options options;
    options.timeScale = m_timeScale->value();
    options.maxDurationMs = m_maxMinutes->value() > 0 ? qint64(m_maxMinutes->value()) * 60'000 : -1;
    options.outputLines = kOutputLines;
    QString error;
    if (!service->start(e->plan, options, &error)) {
        showError(tr("Cannot start %1: %2").arg(e->plan.name, error));
        return false;
    }
    m_error->hide();
    m_notice->hide();
    return true;
}

void ScenariosPage::stop()
{
    if (context().scenarios && context().scenarios->stop()) {
        m_stop->setEnabled(false);
        m_state->setText(tr("Stopping…"));
    }
}

void ScenariosPage::updateRunControls()
{
    const bool busy = running();
    m_start->setEnabled(context().scenarios && !busy && selectedEntry());
    m_stop->setEnabled(busy);
    // The style sheet's danger role has no disabled look: only a Stop that can stop wears it.
    const QString role = busy ? QStringLiteral("danger") : QString();
    if (m_stop->property("role").toString() != role) {
        m_stop->setProperty("role", role);
        repolish(m_stop);
    }
    m_savePlan->setEnabled(selectedEntry() != nullptr);
}

void ScenariosPage::onStarted(const QString &runId)
{
    m_output->clear();
    m_pendingOutput.clear();
    m_verdict->hide();
    m_openRunReport->hide();
    m_runReport.clear();
    const Theme &t = theme();
    m_state->setText(tr("Running · %1").arg(runId));
    m_state->setStyleSheet(QStringLiteral("color: %1;").arg(t.success.name()));
    m_poll->start();
    updateRunControls();
    pollStatus();
}

void ScenariosPage::pollStatus()
{
    if (!context().scenarios) return;
    flushOutput();
    showStatus(context().scenarios->status());
}

void ScenariosPage::flushOutput()
{
    if (m_pendingOutput.isEmpty()) return;
    QScrollBar *bar = m_output->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    m_output->appendPlainText(m_pendingOutput.join(QLatin1Char('\n')));
    m_pendingOutput.clear();
    if (atBottom) bar->setValue(bar->maximum());
}

void ScenariosPage::showStatus(const ScenarioStatus &s)
{
    auto set = [this](const char *key, const QString &text) {
        m_statusLabels.value(QLatin1String(key))->setText(text);
    };
    set("plan", s.plan.isEmpty() ? QStringLiteral("–") : s.plan);
    set("phase", phaseLabel(s.phase));
    const bool live = s.status == RunStatus::Running;
    const qint64 elapsed = live && s.startedAtMs > 0 ? QDateTime::currentMSecsSinceEpoch() - s.startedAtMs
                           : s.endedAtMs > 0         ? s.endedAtMs - s.startedAtMs
                                                     : s.elapsedMs;
    set("elapsed", s.startedAtMs > 0 ? Labels::duration(elapsed) : QStringLiteral("–"));
    set("scale", s.startedAtMs > 0 ? QStringLiteral("× ") + QLocale().toString(s.timeScale, 'g', 4)
                                   : QStringLiteral("–"));
    set("requests", Labels::count(s.requests));
    set("success", s.requests > 0 ? Labels::percent(100.0 * double(s.successes) / double(s.requests))
                                  : QStringLiteral("–"));
    set("chaos", live ? Labels::count(s.activeChaos) : QStringLiteral("–"));
    set("recoveries", live ? Labels::count(s.pendingRecoveries) : QStringLiteral("–"));
    set("step", s.currentSteps.isEmpty() ? QStringLiteral("–") : s.currentSteps.join(QStringLiteral(" · ")));
    if (live && s.phase != QLatin1String("method") && s.phase != QLatin1String("before"))
        m_state->setText(tr("Running · %1").arg(phaseLabel(s.phase)));
}

QString ScenariosPage::statusValue(const QString &key) const
{
    const QLabel *label = m_statusLabels.value(key);
    return label ? label->text() : QString();
}

void ScenariosPage::onFinished(const RunResult &result, const QStringList &files, const QString &saveError)
{
    m_poll->stop();
    flushOutput();
    if (context().scenarios) showStatus(context().scenarios->status());
    const Theme &t = theme();
    const QString verdict = result.verdict();
    const int exitCode = result.exitCode();
    auto coloured = [](const QColor &c, const QString &text) {
        return QStringLiteral("<b style='color:%1'>%2</b>").arg(c.name(), text.toHtmlEscaped());
    };
    QString head;
    QColor stateColour = t.error;
    if (verdict == QLatin1String("passed")) {
        head = coloured(t.success, tr("Hypothesis held"));
        stateColour = t.success;
    } else if (verdict == QLatin1String("failed")) {
        head = coloured(t.error, tr("Hypothesis failed"));
    } else if (verdict == QLatin1String("aborted")) {
        head = coloured(t.error, tr("Aborted"));
    } else {
        head = coloured(t.error, tr("Error"));
    }
    QStringList lines;
    lines << tr("%1 · run %2 · exit code %3")
                 .arg(head, statusLabel(result.status).toHtmlEscaped())
                 .arg(exitCode);
    if (!result.reason.isEmpty()) lines << tr("Ended: %1").arg(result.reason.toHtmlEscaped());
    for (const ProbeResult &p : result.probes) {
        if (!p.failed()) continue;
        QString line = tr("Probe <b>%1</b> failed %2: %3, needs %4")
                           .arg(p.name.toHtmlEscaped(), p.phase.toHtmlEscaped(), p.valueText.toHtmlEscaped(),
                                p.tolerance.toHtmlEscaped());
        if (p.samples > 0) line += tr(" (%n sample(s))", nullptr, int(p.samples));
        if (!p.detail.isEmpty()) line += QStringLiteral(" – ") + p.detail.toHtmlEscaped();
        lines << QStringLiteral("• ") + line;
    }
    for (const StepRecord &s : result.steps)
        if (s.status == QLatin1String("timed_out"))
            lines << QStringLiteral("• ") + tr("Step %1 %2 waited for a condition that never came")
                                                .arg(s.key.toHtmlEscaped(), s.title.toHtmlEscaped());
    if (result.lost > 0) lines << QStringLiteral("• ") + tr("%n request(s) lost", nullptr, int(result.lost));
    m_runReport.clear();
    for (const QString &f : files)
        if (f.endsWith(QLatin1String(".json"))) m_runReport = f;
    if (!saveError.isEmpty())
        lines << coloured(t.error, tr("The report files were not saved: %1").arg(saveError));
    else if (!files.isEmpty())
        lines << tr("Report: %1 and %n more file(s)", nullptr, int(files.size() - 1))
                     .arg(m_runReport.toHtmlEscaped());
    m_verdict->setText(lines.join(QStringLiteral("<br>")));
    m_verdict->show();
    m_openRunReport->setVisible(!m_runReport.isEmpty());
    m_state->setText(tr("Finished · %1").arg(verdict));
    m_state->setStyleSheet(QStringLiteral("color: %1;").arg(stateColour.name()));
    updateRunControls();
    m_selectAfterListing = m_runReport;
    refreshReports();
    emit runFinished(verdict, exitCode);
}

void ScenariosPage::onActivated()
{
    if (running()) pollStatus();
    refreshReports();
}

void ScenariosPage::refreshReports()
{
    ScenarioService *service = context().scenarios;
    if (!service) return;
    const quint64 ticket = ++m_listing;
    const ReportStore store = service->store();
    auto *watcher = new QFutureWatcher<QList<ReportFileInfo>>(this);
    connect(watcher, &QFutureWatcher<QList<ReportFileInfo>>::finished, this, [this, watcher, ticket] {
        const QList<ReportFileInfo> files = watcher->result();
        watcher->deleteLater();
        if (ticket != m_listing) return;
        const QString keep = m_selectAfterListing.isEmpty() ? selectedReport() : m_selectAfterListing;
        m_selectAfterListing.clear();
        m_reports->clear();
        QTreeWidgetItem *selected = nullptr;
        for (const ReportFileInfo &f : files) {
            auto *item = new QTreeWidgetItem(m_reports);
            item->setText(0, f.name);
            item->setText(1, kindLabel(f.kind));
            item->setToolTip(1, kindDescription(f.kind));
            item->setText(2, QLocale().formattedDataSize(f.sizeBytes));
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            item->setText(3, Labels::shortDateTime(f.modifiedMs));
            if (f.name == keep) selected = item;
        }
        if (selected) {
            m_reports->setCurrentItem(selected);
            m_reports->scrollToItem(selected);
        }
        m_reportsCard->setHint(tr("%n file(s)", nullptr, int(files.size())));
        updateReportButtons();
        emit reportsListed(int(files.size()));
    });
    watcher->setFuture(QtConcurrent::run([store] { return store.list(); }));
}

QString ScenariosPage::selectedReport() const
{
    const QTreeWidgetItem *item = m_reports->currentItem();
    return item && item->isSelected() ? item->text(0) : QString();
}

void ScenariosPage::updateReportButtons()
{
    const bool have = !selectedReport().isEmpty();
    m_openReport->setEnabled(have);
    m_deleteReport->setEnabled(have);
    m_showFolder->setEnabled(context().scenarios != nullptr);
}

void ScenariosPage::openReport(const QString &name)
{
    ScenarioService *service = context().scenarios;
    if (!service || name.isEmpty()) return;
    const ReportStore store = service->store();
    auto *watcher = new QFutureWatcher<ReportText>(this);
    connect(watcher, &QFutureWatcher<ReportText>::finished, this, [this, watcher, name] {
        const ReportText r = watcher->result();
        watcher->deleteLater();
        if (!r.error.isEmpty()) {
            showError(tr("Cannot open %1: %2").arg(name, r.error));
            return;
        }
        if (!m_viewer) {
            m_viewer = new QDialog(this, Qt::Window);
            m_viewer->setObjectName(QStringLiteral("reportViewer"));
            m_viewer->resize(960, 720);
            auto *layout = new QVBoxLayout(m_viewer);
            m_viewerInfo = new QLabel;
            m_viewerInfo->setObjectName(QStringLiteral("hint"));
            m_viewerInfo->setWordWrap(true);
            m_viewerText = new QPlainTextEdit;
            m_viewerText->setObjectName(QStringLiteral("console"));
            m_viewerText->setReadOnly(true);
            m_viewerText->setLineWrapMode(QPlainTextEdit::NoWrap);
            auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
            auto *folder = buttons->addButton(tr("Show folder"), QDialogButtonBox::ActionRole);
            connect(folder, &QPushButton::clicked, this, &ScenariosPage::showFolder);
            connect(buttons, &QDialogButtonBox::rejected, m_viewer, &QDialog::close);
            layout->addWidget(m_viewerInfo);
            layout->addWidget(m_viewerText, 1);
            layout->addWidget(buttons);
        }
        m_viewer->setWindowTitle(tr("%1 – report").arg(name));
        m_viewerInfo->setText(
            r.truncated ? tr("%1 · %2 · showing the first %3; the whole file is in the report folder")
                              .arg(name, QLocale().formattedDataSize(r.size),
                                   QLocale().formattedDataSize(kMaxViewBytes))
                        : tr("%1 · %2 · read-only").arg(name, QLocale().formattedDataSize(r.size)));
        m_viewerText->setPlainText(r.text);
        m_viewer->show();
        m_viewer->raise();
        m_viewer->activateWindow();
        emit reportShown(name);
    });
    watcher->setFuture(QtConcurrent::run(readReport, store, name));
}

QDialog *ScenariosPage::reportViewerWindow() const
{
    return m_viewer;
}

void ScenariosPage::deleteSelectedReport()
{
    ScenarioService *service = context().scenarios;
    const QString name = selectedReport();
    if (!service || name.isEmpty()) return;
    const auto answer = QMessageBox::question(
        this, tr("Delete report file"),
        tr("Delete %1 from %2?\n\nThis cannot be undone.").arg(name, service->store().directory()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) return;
    ReportStore store = service->store();
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, name] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (error.isEmpty())
            showNotice(tr("%1 deleted").arg(name));
        else
            showError(tr("Cannot delete %1: %2").arg(name, error));
        refreshReports();
        emit reportDeleted(error.isEmpty(), name);
    });
    watcher->setFuture(QtConcurrent::run([store, name]() mutable {
        QString error;
        if (!store.remove(name, &error) && error.isEmpty()) error = ScenariosPage::tr("not deleted");
        return error;
    }));
}

void ScenariosPage::showFolder()
{
    ScenarioService *service = context().scenarios;
    if (!service) return;
    const QString dir = service->store().directory();
    QDir().mkpath(dir); // before the first run it may not exist yet
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(dir)))
        showError(tr("No file manager could open %1").arg(dir));
}

} // namespace airm::ui
