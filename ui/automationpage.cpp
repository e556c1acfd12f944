#include "automationpage.h"

#include "card.h"
#include "enginequery.h"
#include "labels.h"
#include "livestate.h"
#include "requestlogmodel.h"
#include "segmentedcontrol.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace airm::ui {
namespace {

constexpr int kPollMs = 250;
constexpr qint64 kMaxPromptFileBytes = 4 * 1024 * 1024;
const qint64 kPresetSeconds[] = {5, 10, 30, 60};

struct PromptFile
{
    QStringList prompts;
    QString error;
};

// Runs on a worker thread: one prompt per non-empty line.
PromptFile readPromptFile(const QString &path)
{
    PromptFile out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        out.error = f.errorString();
        return out;
    }
    if (f.size() > kMaxPromptFileBytes) {
        out.error = AutomationPage::tr("larger than 4 MiB");
        return out;
    }
    for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        const QString p = line.trimmed();
        if (!p.isEmpty()) out.prompts << p;
    }
    return out;
}

} // namespace

AutomationPage::AutomationPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Automation"), tr("Send requests on a schedule and watch every answer live"), false,
           parent)
    , m_strategy(new QComboBox)
    , m_targets(new QStackedWidget)
    , m_subsetBox(new QWidget)
    , m_single(new QComboBox)
    , m_weightsBox(new QWidget)
    , m_pace(new SegmentedControl)
    , m_customSeconds(new QSpinBox)
    , m_rate(new QDoubleSpinBox)
    , m_inFlight(new QSpinBox)
    , m_maxRequests(new QSpinBox)
    , m_maxMinutes(new QSpinBox)
    , m_prompts(new QPlainTextEdit)
    , m_promptCount(new QLabel)
    , m_formError(new QLabel)
    , m_start(new QPushButton(tr("Start")))
    , m_stop(new QPushButton(tr("Stop")))
    , m_state(new QLabel)
    , m_log(new RequestLogModel(this))
    , m_logView(new QListView)
    , m_logFilter(new QComboBox)
    , m_pause(new QPushButton(tr("Pause")))
    , m_logInfo(new QLabel)
    , m_poll(new QTimer(this))
{
    m_start->setProperty("role", QStringLiteral("primary"));
    m_start->setToolTip(tr("Start the automated run (F5)"));
    m_start->setShortcut(QKeySequence(Qt::Key_F5));
    m_stop->setProperty("role", QStringLiteral("danger"));
    m_stop->setToolTip(tr("Stop the run; requests in flight still finish (Shift+F5)"));
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stop->setEnabled(false);
    headerActions()->addWidget(m_start);
    headerActions()->addWidget(m_stop);

    // --- the form
    auto *formCard = new Card(tr("Run"));
    auto *form = new QFormLayout;
    form->setHorizontalSpacing(14);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setVerticalSpacing(9);
    m_strategy->addItem(tr("Round robin"), int(AutomationConfig::Strategy::RoundRobin));
    m_strategy->addItem(tr("Random"), int(AutomationConfig::Strategy::Random));
    m_strategy->addItem(tr("Weighted"), int(AutomationConfig::Strategy::Weighted));
    m_strategy->addItem(tr("One service"), int(AutomationConfig::Strategy::Single));
    m_strategy->setToolTip(tr("Round robin visits the services in turn, strictly; random picks uniformly; "
                              "weighted picks by the weights; one service sends everything to it."));
    form->addRow(tr("Targets"), m_strategy);
    auto *subsetLayout = new QHBoxLayout(m_subsetBox);
    subsetLayout->setContentsMargins(0, 0, 0, 0);
    auto *weightsLayout = new QGridLayout(m_weightsBox);
    weightsLayout->setContentsMargins(0, 0, 0, 0);
    m_targets->addWidget(m_subsetBox);
    m_targets->addWidget(m_weightsBox);
    m_targets->addWidget(m_single);
    form->addRow(QString(), m_targets);

    m_pace->addSegment(tr("5 s"), tr("One request every 5 seconds"));
    m_pace->addSegment(tr("10 s"), tr("One request every 10 seconds (the seed's default)"));
    m_pace->addSegment(tr("30 s"), tr("One request every 30 seconds"));
    m_pace->addSegment(tr("1 min"), tr("One request a minute"));
    m_pace->addSegment(tr("Custom"), tr("Your own interval"));
    m_pace->addSegment(tr("Rate"), tr("A target rate in requests per second"));
    m_pace->setCurrentIndex(Every10s);
    form->addRow(tr("Pace"), m_pace);
    m_customSeconds->setRange(0, 86'400);
    m_customSeconds->setValue(2);
    m_customSeconds->setSuffix(tr(" s between requests"));
    m_customSeconds->setToolTip(tr("0: as fast as the in-flight limit allows"));
    form->addRow(QString(), m_customSeconds);
    m_rate->setRange(0.01, 10'000);
    m_rate->setDecimals(2);
    m_rate->setValue(5);
    m_rate->setSuffix(tr(" requests/s"));
    form->addRow(QString(), m_rate);
    m_inFlight->setRange(1, 10'000);
    m_inFlight->setValue(1);
    m_inFlight->setToolTip(
        tr("Requests in flight at most; 1 means no overlap (the next waits for the last)"));
    form->addRow(tr("In flight"), m_inFlight);
    m_maxRequests->setRange(0, 100'000'000);
    m_maxRequests->setSpecialValueText(tr("no limit"));
    m_maxRequests->setSuffix(tr(" requests"));
    form->addRow(tr("Stop after"), m_maxRequests);
    m_maxMinutes->setRange(0, 7 * 24 * 60);
    m_maxMinutes->setSpecialValueText(tr("no time limit"));
    m_maxMinutes->setSuffix(tr(" min"));
    form->addRow(tr("or after"), m_maxMinutes);
    formCard->body()->addLayout(form);

    auto *promptHeader = new QHBoxLayout;
    auto *promptTitle = new QLabel(tr("Prompts, one per line"));
    promptTitle->setObjectName(QStringLiteral("metricName"));
    promptHeader->addWidget(promptTitle);
    promptHeader->addStretch(1);
    m_promptCount->setObjectName(QStringLiteral("hint"));
    promptHeader->addWidget(m_promptCount);
    auto *load = new QPushButton(tr("Load…"));
    load->setToolTip(tr("Read prompts from a text file, one per line"));
    auto *reset = new QPushButton(tr("Defaults"));
    reset->setToolTip(tr("The seed's ten prompts"));
    promptHeader->addWidget(load);
    promptHeader->addWidget(reset);
    formCard->body()->addLayout(promptHeader);
    m_prompts->setPlainText(AutomationConfig::seedPrompts().join(QLatin1Char('\n')));
    m_prompts->setAccessibleName(tr("Prompts"));
    m_prompts->setMinimumHeight(120);
    formCard->body()->addWidget(m_prompts, 1);
    m_formError->setObjectName(QStringLiteral("errorText"));
    m_formError->setWordWrap(true);
    m_formError->hide();
    formCard->body()->addWidget(m_formError);

    // --- the status
    auto *statusCard = new Card(tr("Status"));
    m_state->setObjectName(QStringLiteral("sectionTitle"));
    statusCard->addHeaderWidget(m_state);
    auto *statusGrid = new QGridLayout;
    statusGrid->setHorizontalSpacing(18);
    const QList<std::pair<QString, QString>> statusNames{
        {QStringLiteral("sent"), tr("Sent")},           {QStringLiteral("inFlight"), tr("In flight")},
        {QStringLiteral("completed"), tr("Completed")}, {QStringLiteral("succeeded"), tr("Succeeded")},
        {QStringLiteral("failed"), tr("Failed")},       {QStringLiteral("rate"), tr("Rate")},
        {QStringLiteral("elapsed"), tr("Elapsed")},     {QStringLiteral("run"), tr("Run")}};
    for (int i = 0; i < statusNames.size(); ++i) {
        auto *name = new QLabel(statusNames.at(i).second);
        name->setObjectName(QStringLiteral("metricName"));
        auto *value = new QLabel(QStringLiteral("–"));
        value->setObjectName(QStringLiteral("metricValue"));
        statusGrid->addWidget(name, (i / 4) * 2, i % 4);
        statusGrid->addWidget(value, (i / 4) * 2 + 1, i % 4);
        m_statusLabels.insert(statusNames.at(i).first, value);
    }
    statusCard->body()->addLayout(statusGrid);

    // --- the log
    auto *logCard = new Card(tr("Live log"));
    m_logFilter->addItem(tr("All requests"), int(RequestLogModel::Filter::All));
    m_logFilter->addItem(tr("Automation only"), int(RequestLogModel::Filter::Automation));
    m_logFilter->addItem(tr("Failures only"), int(RequestLogModel::Filter::Failures));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the log to read it; new lines are counted, not shown"));
    auto *clear = new QPushButton(tr("Clear"));
    m_logInfo->setObjectName(QStringLiteral("hint"));
    logCard->addHeaderWidget(m_logInfo);
    logCard->addHeaderWidget(m_logFilter);
    logCard->addHeaderWidget(m_pause);
    logCard->addHeaderWidget(clear);
    m_logView->setObjectName(QStringLiteral("log"));
    m_logView->setModel(m_log);
    m_logView->setUniformItemSizes(true);
    m_logView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_logView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_logView->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_logView->setAccessibleName(tr("Request log"));
    logCard->body()->addWidget(m_logView, 1);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(14);
    rightLayout->addWidget(statusCard);
    rightLayout->addWidget(logCard, 1);

    QSplitter *split = addSplitter(Qt::Horizontal, QStringLiteral("automationSplit"));
    formCard->setMinimumWidth(440);
    split->addWidget(formCard);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({460, 800});
    content()->addWidget(split, 1);

    connect(m_strategy, &QComboBox::currentIndexChanged, this, &AutomationPage::updateStrategyFields);
    connect(m_pace, &SegmentedControl::currentChanged, this, &AutomationPage::updatePaceFields);
    connect(m_start, &QPushButton::clicked, this, &AutomationPage::start);
    connect(m_stop, &QPushButton::clicked, this, &AutomationPage::stop);
    connect(m_prompts, &QPlainTextEdit::textChanged, this,
            [this] { m_promptCount->setText(tr("%n prompt(s)", nullptr, int(config().prompts.size()))); });
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load prompts"), QString(),
                                                          tr("Text files (*.txt);;All files (*)"));
        if (!path.isEmpty()) loadPromptsFromFile(path);
    });
    connect(reset, &QPushButton::clicked, this,
            [this] { m_prompts->setPlainText(AutomationConfig::seedPrompts().join(QLatin1Char('\n'))); });
    connect(m_logFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_log->setFilter(RequestLogModel::Filter(m_logFilter->currentData().toInt())); });
    connect(m_pause, &QPushButton::toggled, this, [this](bool paused) {
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        if (!paused) m_skippedWhilePaused = 0;
        m_logInfo->clear();
    });
    connect(clear, &QPushButton::clicked, m_log, &RequestLogModel::clear);
    connect(ctx.live, &LiveState::recordsArrived, this, &AutomationPage::onRecords);
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &AutomationPage::pollStatus);

    rebuildServiceFields();
    updateStrategyFields();
    updatePaceFields();
    m_promptCount->setText(tr("%n prompt(s)", nullptr, int(config().prompts.size())));
    showStatus({});
}

void AutomationPage::onActivated()
{
    // Lines arrived while the page was hidden: show the newest, as a terminal would.
    if (!m_pause->isChecked()) m_logView->scrollToBottom();
}

void AutomationPage::applyTheme(const Theme &t)
{
    m_log->setTheme(t);
}

void AutomationPage::rebuildServiceFields()
{
    const QStringList services = context().live->serviceNames();
    if (services == m_serviceOrder) return;
    m_serviceOrder = services;
    auto *subsetLayout = static_cast<QHBoxLayout *>(m_subsetBox->layout());
    auto *weightsLayout = static_cast<QGridLayout *>(m_weightsBox->layout());
    qDeleteAll(m_subset);
    qDeleteAll(m_weights);
    m_subset.clear();
    m_weights.clear();
    m_single->clear();
    for (int i = 0; i < services.size(); ++i) {
        const QString &s = services.at(i);
        auto *box = new QCheckBox(s);
        box->setChecked(true);
        subsetLayout->addWidget(box);
        m_subset.insert(s, box);
        auto *label = new QLabel(s);
        auto *weight = new QDoubleSpinBox;
        weight->setRange(0, 1000);
        weight->setValue(1);
        weight->setDecimals(1);
        weight->setToolTip(tr("Relative weight of %1").arg(s));
        weightsLayout->addWidget(label, i, 0);
        weightsLayout->addWidget(weight, i, 1);
        m_weights.insert(s, weight);
        m_single->addItem(s);
    }
    subsetLayout->addStretch(1);
}

void AutomationPage::updateStrategyFields()
{
    const auto strategy = AutomationConfig::Strategy(m_strategy->currentData().toInt());
    switch (strategy) {
    case AutomationConfig::Strategy::RoundRobin:
    case AutomationConfig::Strategy::Random:
        m_targets->setCurrentWidget(m_subsetBox);
        break;
    case AutomationConfig::Strategy::Weighted:
        m_targets->setCurrentWidget(m_weightsBox);
        break;
    case AutomationConfig::Strategy::Single:
        m_targets->setCurrentWidget(m_single);
        break;
    }
    m_targets->setFixedHeight(m_targets->currentWidget()->sizeHint().height());
}

void AutomationPage::updatePaceFields()
{
    m_customSeconds->setVisible(m_pace->currentIndex() == Custom);
    m_rate->setVisible(m_pace->currentIndex() == Rate);
}

AutomationConfig AutomationPage::config() const
{
    AutomationConfig c;
    c.strategy = AutomationConfig::Strategy(m_strategy->currentData().toInt());
    switch (c.strategy) {
    case AutomationConfig::Strategy::RoundRobin:
    case AutomationConfig::Strategy::Random:
        for (const QString &s : m_serviceOrder)
            if (m_subset.value(s) && m_subset.value(s)->isChecked()) c.services << s;
        break;
    case AutomationConfig::Strategy::Weighted:
        for (const QString &s : m_serviceOrder) {
            c.services << s;
            if (m_weights.value(s)) c.weights.insert(s, m_weights.value(s)->value());
        }
        break;
    case AutomationConfig::Strategy::Single:
        c.services = {m_single->currentText()};
        break;
    }
    const int pace = m_pace->currentIndex();
    if (pace >= Every5s && pace <= Every60s) {
        c.intervalMs = kPresetSeconds[pace] * 1000;
    } else if (pace == Custom) {
        c.intervalMs = qint64(m_customSeconds->value()) * 1000;
    } else {
        c.targetRps = m_rate->value();
    }
    c.maxInFlight = m_inFlight->value();
    c.maxRequests = m_maxRequests->value();
    c.durationMs = qint64(m_maxMinutes->value()) * 60'000;
    for (const QString &line : m_prompts->toPlainText().split(QLatin1Char('\n'))) {
        const QString p = line.trimmed();
        if (!p.isEmpty()) c.prompts << p;
    }
    c.origin = Origin::Automation;
    return c;
}

void AutomationPage::start()
{
    if (m_running) return;
    AutomationConfig c = config();
    QString error = c.services.isEmpty() ? tr("Choose at least one service.") : c.validate();
    if (c.prompts.isEmpty()) error = tr("Write at least one prompt.");
    m_formError->setText(error);
    m_formError->setVisible(!error.isEmpty());
    if (!error.isEmpty()) return;

    m_running = true;
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    m_status = {};
    m_status.running = true;
    showStatus(m_status);
    emit runningChanged(true);
    QPointer<AutomationPage> page(this);
    queryEngine(
        context().host, this,
        [c, page](RequestEngine &e) {
            auto *run = new AutomationRun(e, c, &e);
            QObject::connect(run, &AutomationRun::finished, run, [run, page] {
                const AutomationStatus finalStatus = run->status();
                run->deleteLater();
                QMetaObject::invokeMethod(QCoreApplication::instance(), [page, finalStatus] {
                    if (page) page->onFinished(finalStatus);
                });
            });
            run->start();
            return QPointer<AutomationRun>(run);
        },
        [this](const QPointer<AutomationRun> &run) {
            m_run = run;
            m_poll->start();
        });
}

void AutomationPage::startAtRate(double requestsPerSecond, int maxInFlight)
{
    if (m_running) return;
    m_pace->setCurrentIndex(Rate);
    updatePaceFields();
    m_rate->setValue(requestsPerSecond);
    m_inFlight->setValue(maxInFlight);
    start();
}

void AutomationPage::stop()
{
    if (!m_running) return;
    QPointer<AutomationRun> run = m_run;
    context().host->post([run](RequestEngine &) {
        if (run) run->stop();
    });
    m_stop->setEnabled(false);
}

void AutomationPage::pollStatus()
{
    QPointer<AutomationRun> run = m_run;
    queryEngine(
        context().host, this,
        [run](RequestEngine &) {
            return run ? std::optional<AutomationStatus>(run->status()) : std::nullopt;
        },
        [this](const std::optional<AutomationStatus> &status) {
            if (status && m_running) showStatus(*status);
        });
}

void AutomationPage::onFinished(const AutomationStatus &status)
{
    m_poll->stop();
    m_run.clear();
    m_running = false;
    m_start->setEnabled(true);
    m_stop->setEnabled(false);
    showStatus(status);
    emit runningChanged(false);
}

void AutomationPage::showStatus(const AutomationStatus &s)
{
    m_status = s;
    const Theme &t = theme();
    if (s.running) {
        m_state->setText(tr("Running"));
        m_state->setStyleSheet(QStringLiteral("color: %1;").arg(t.success.name()));
    } else if (!s.runId.isEmpty()) {
        m_state->setText(tr("Stopped: %1").arg(s.stopReason));
        m_state->setStyleSheet(QStringLiteral("color: %1;").arg(t.textMuted.name()));
    } else {
        m_state->setText(m_running ? tr("Starting…") : tr("Idle"));
        m_state->setStyleSheet(QStringLiteral("color: %1;").arg(t.textMuted.name()));
    }
    auto set = [this](const char *key, const QString &text) {
        m_statusLabels.value(QLatin1String(key))->setText(text);
    };
    set("sent", Labels::count(s.sent));
    set("inFlight", Labels::count(s.inFlight));
    set("completed", Labels::count(s.completed));
    set("succeeded", Labels::count(s.succeeded));
    set("failed", Labels::count(s.failed));
    m_statusLabels.value(QStringLiteral("failed"))
        ->setStyleSheet(s.failed > 0 ? QStringLiteral("color: %1;").arg(t.error.name()) : QString());
    set("rate", tr("%1 /s").arg(QLocale().toString(s.ratePerSecond, 'f', 2)));
    const qint64 end = s.endedAtMs > 0 ? s.endedAtMs : QDateTime::currentMSecsSinceEpoch();
    set("elapsed", s.startedAtMs > 0 ? Labels::duration(end - s.startedAtMs) : QStringLiteral("–"));
    set("run", s.runId.isEmpty() ? QStringLiteral("–") : s.runId);
}

void AutomationPage::onRecords(const QList<RequestRecord> &records)
{
    if (m_pause->isChecked()) {
        m_skippedWhilePaused += records.size();
        m_logInfo->setText(tr("paused · %1 new").arg(Labels::count(m_skippedWhilePaused)));
        return;
    }
    QScrollBar *bar = m_logView->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    if (m_log->append(records) > 0 && atBottom && isActive()) m_logView->scrollToBottom();
}

void AutomationPage::loadPromptsFromFile(const QString &path)
{
    m_promptCount->setText(tr("reading…"));
    auto *watcher = new QFutureWatcher<PromptFile>(this);
    connect(watcher, &QFutureWatcher<PromptFile>::finished, this, [this, watcher, path] {
        const PromptFile result = watcher->result();
        watcher->deleteLater();
        if (!result.error.isEmpty()) {
            m_formError->setText(tr("Cannot read %1: %2").arg(path, result.error));
            m_formError->show();
        } else if (result.prompts.isEmpty()) {
            m_formError->setText(tr("%1 holds no prompts.").arg(path));
            m_formError->show();
        } else {
            m_formError->hide();
            m_prompts->setPlainText(result.prompts.join(QLatin1Char('\n')));
        }
        m_promptCount->setText(tr("%n prompt(s)", nullptr, int(config().prompts.size())));
    });
    watcher->setFuture(QtConcurrent::run(readPromptFile, path));
}

} // namespace airm::ui
