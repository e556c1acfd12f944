#include "mainwindow.h"

#include "alertspage.h"
#include "analyticspage.h"
#include "apicontroller.h"
#include "automationpage.h"
#include "chaospage.h"
#include "enginequery.h"
#include "historysource.h"
#include "labels.h"
#include "livestate.h"
#include "navbadgedelegate.h"
#include "overviewpage.h"
#include "reportexportdialog.h"
#include "requesthistorypage.h"
#include "scenariospage.h"
#include "servicespage.h"
#include "settingspage.h"
#include "storagestatus.h"
#include "thememanager.h"
#include "traycontroller.h"
#include "uisettings.h"

#include "scenarios/reportbuilder.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace airm::ui {
namespace {

constexpr int kStatusRefreshMs = 1000;
constexpr qint64 kStaleUpdateMs = 2000;

struct WriteResult
{
    bool ok = false;
    QString message;
};

// Runs on a worker thread.
WriteResult writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return {false, f.errorString()};
    return {true, {}};
}

} // namespace

MainWindow::MainWindow(const UiContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_nav(new QListWidget)
    , m_stack(new QStackedWidget)
    , m_engineStatus(new QLabel)
    , m_rpsStatus(new QLabel)
    , m_dbStatus(new QLabel)
    , m_apiStatus(new QLabel)
    , m_updateStatus(new QLabel)
    , m_sideStatus(new QLabel)
    , m_tray(nullptr)
{
    setWindowTitle(tr("AI Resilience Monitor"));
    setWindowIcon(GlyphIconEngine::icon(GlyphIconEngine::Glyph::App, QColor(Qt::white)));
    setMinimumSize(1024, 680);
    resize(1440, 900);

    m_pages = {new OverviewPage(context),   new ServicesPage(context),       new ChaosPage(context),
               new AutomationPage(context), new RequestHistoryPage(context), new AnalyticsPage(context),
               new ScenariosPage(context),  new AlertsPage(context),         new SettingsPage(context)};

    // Side bar: brand, navigation, engine state.
    auto *sidebar = new QFrame;
    sidebar->setObjectName(QStringLiteral("sidebar"));
    sidebar->setFixedWidth(212);
    auto *side = new QVBoxLayout(sidebar);
    side->setContentsMargins(0, 16, 0, 12);
    side->setSpacing(6);
    auto *brand = new QHBoxLayout;
    brand->setContentsMargins(16, 0, 12, 8);
    auto *logo = new QLabel;
    logo->setPixmap(windowIcon().pixmap(QSize(34, 34)));
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    auto *title = new QLabel(tr("Resilience"));
    title->setObjectName(QStringLiteral("brandTitle"));
    auto *subtitle = new QLabel(tr("AI service monitor"));
    subtitle->setObjectName(QStringLiteral("brandSubtitle"));
    titles->addWidget(title);
    titles->addWidget(subtitle);
    brand->addWidget(logo);
    brand->addLayout(titles, 1);
    side->addLayout(brand);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setIconSize(QSize(18, 18));
    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setFocusPolicy(Qt::StrongFocus);
    m_nav->setItemDelegate(new NavBadgeDelegate(m_nav));
    for (int i = 0; i < m_pages.size(); ++i) {
        auto *item = new QListWidgetItem(m_pages.at(i)->title());
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(m_pages.at(i)->title()).arg(i + 1));
        m_nav->addItem(item);
        m_stack->addWidget(m_pages.at(i));
    }
    side->addWidget(m_nav, 1);
    m_sideStatus->setObjectName(QStringLiteral("brandSubtitle"));
    m_sideStatus->setContentsMargins(18, 0, 12, 0);
    m_sideStatus->setWordWrap(true);
    side->addWidget(m_sideStatus);

    auto *central = new QWidget;
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_pages.size()) return;
        for (int i = 0; i < m_pages.size(); ++i)
            if (i != row) m_pages.at(i)->setActive(false);
        m_stack->setCurrentIndex(row);
        m_pages.at(row)->setActive(true);
        if (m_context.settings) m_context.settings->setPage(row);
    });
    connect(overviewPage(), &OverviewPage::serviceActivated, this, [this](const QString &service) {
        setCurrentPage(Services);
        servicesPage()->selectService(service);
    });

    // The Overview's quick start drives the Automation page, so the run shows there like any other.
    constexpr double kQuickStartRps = 2.0;
    constexpr int kQuickStartInFlight = 4;
    connect(overviewPage()->startTrafficButton(), &QPushButton::clicked, this,
            [this] { automationPage()->startAtRate(kQuickStartRps, kQuickStartInFlight); });
    connect(automationPage(), &AutomationPage::runningChanged, overviewPage()->startTrafficButton(),
            [this](bool running) { overviewPage()->startTrafficButton()->setVisible(!running); });

    m_tray = new TrayController(context.live, context.settings, this, this);
    connect(m_tray, &TrayController::quitRequested, this, &MainWindow::quit);
    if (context.alerts) m_tray->setAlerts(context.alerts);
    settingsPage()->setTrayAvailable(m_tray->available());
    alertsPage()->setDesktopAvailable(m_tray->available());
    connect(alertsPage(), &AlertsPage::unreadChanged, this, &MainWindow::updateAlertsBadge);
    connect(alertsPage(), &AlertsPage::configureRequested, this, [this] {
        setCurrentPage(Settings);
        settingsPage()->showAlertSettings();
    });

    buildMenus();
    buildStatusBar();
    if (context.theme) connect(context.theme, &ThemeManager::themeChanged, this, &MainWindow::applyTheme);
    applyTheme();
    restoreState();
}

MainWindow::~MainWindow() = default;

OverviewPage *MainWindow::overviewPage() const
{
    return static_cast<OverviewPage *>(m_pages.at(Overview));
}

ServicesPage *MainWindow::servicesPage() const
{
    return static_cast<ServicesPage *>(m_pages.at(Services));
}

ChaosPage *MainWindow::chaosPage() const
{
    return static_cast<ChaosPage *>(m_pages.at(Chaos));
}

AutomationPage *MainWindow::automationPage() const
{
    return static_cast<AutomationPage *>(m_pages.at(Automation));
}

RequestHistoryPage *MainWindow::historyPage() const
{
    return static_cast<RequestHistoryPage *>(m_pages.at(History));
}

AnalyticsPage *MainWindow::analyticsPage() const
{
    return static_cast<AnalyticsPage *>(m_pages.at(Analytics));
}

ScenariosPage *MainWindow::scenariosPage() const
{
    return static_cast<ScenariosPage *>(m_pages.at(Scenarios));
}

AlertsPage *MainWindow::alertsPage() const
{
    return static_cast<AlertsPage *>(m_pages.at(Alerts));
}

SettingsPage *MainWindow::settingsPage() const
{
    return static_cast<SettingsPage *>(m_pages.at(Settings));
}

void MainWindow::setCurrentPage(int index)
{
    if (index >= 0 && index < m_pages.size()) m_nav->setCurrentRow(index);
}

int MainWindow::currentPage() const
{
    return m_nav->currentRow();
}

QAction *MainWindow::action(const QString &name) const
{
    return findChild<QAction *>(name);
}

void MainWindow::buildMenus()
{
    auto make = [this](QMenu *menu, const QString &name, const QString &text, const QKeySequence &shortcut,
                       auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!shortcut.isEmpty()) a->setShortcut(shortcut);
        a->setShortcutContext(Qt::ApplicationShortcut);
        connect(a, &QAction::triggered, this, slot);
        menu->addAction(a);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *exportHistory = make(file, QStringLiteral("exportHistory"), tr("Export history…"),
                                  QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
                                      setCurrentPage(History);
                                      historyPage()->exportHistory(HistorySource::ExportFormat::Json);
                                  });
    exportHistory->setEnabled(m_context.history != nullptr);
    make(file, QStringLiteral("exportReport"), tr("Export report…"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] {
             ReportExportDialog window(this);
             if (window.exec() != QDialog::Accepted) return;
             const qint64 fromMs = window.fromMs(), toMs = window.toMs();
             const QString suggested =
                 QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                 QStringLiteral("/ai-resilience-report-%1.json")
                     .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HHmm")));
             const QString path = QFileDialog::getSaveFileName(this, tr("Export report"), suggested,
                                                               tr("JSON files (*.json)"));
             if (!path.isEmpty()) exportReport(path, fromMs, toMs);
         });
    file->addSeparator();
    make(file, QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit, &MainWindow::quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_pages.size(); ++i)
        make(view, QStringLiteral("page%1").arg(i), m_pages.at(i)->title(),
             QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), [this, i] { setCurrentPage(i); });
    view->addSeparator();
    QMenu *themeMenu = view->addMenu(tr("Theme"));
    m_themeGroup = new QActionGroup(this);
    for (const auto &[kind, text] :
         {std::pair{Theme::Kind::Dark, tr("Dark")}, std::pair{Theme::Kind::Light, tr("Light")}}) {
        QAction *a =
            make(themeMenu, QStringLiteral("theme-") + Theme::kindName(kind), text, {}, [this, kind = kind] {
                if (m_context.settings) m_context.settings->setTheme(kind);
                if (m_context.theme) m_context.theme->setKind(kind);
            });
        a->setCheckable(true);
        a->setChecked(m_context.theme && m_context.theme->kind() == kind);
        m_themeGroup->addAction(a);
    }
    QMenu *windowMenu = view->addMenu(tr("Chart window"));
    m_windowGroup = new QActionGroup(this);
    const TimeWindow current =
        m_context.settings ? m_context.settings->timeWindow() : TimeWindow::FiveMinutes;
    for (const TimeWindow w : TimeWindows::all()) {
        QAction *a = make(windowMenu, QStringLiteral("window-") + TimeWindows::key(w), TimeWindows::label(w),
                          QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(Qt::Key_1 + int(w))), [this, w] {
                              if (m_context.settings) m_context.settings->setTimeWindow(w);
                              overviewPage()->setTimeWindow(w);
                          });
        a->setCheckable(true);
        a->setChecked(w == current);
        a->setEnabled(!TimeWindows::needsHistory(w) || m_context.history);
        m_windowGroup->addAction(a);
    }
    if (m_context.settings)
        connect(m_context.settings, &UiSettings::timeWindowChanged, this, [this](TimeWindow w) {
            if (QAction *a = action(QStringLiteral("window-") + TimeWindows::key(w))) a->setChecked(true);
        });

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *reset = make(tools, QStringLiteral("resetBreakers"), tr("Reset all breakers"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &MainWindow::resetBreakers);
    QAction *stop = make(tools, QStringLiteral("stopChaos"), tr("Stop all chaos"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X), &MainWindow::stopAllChaos);
    make(tools, QStringLiteral("resetMetrics"), tr("Reset live metrics"), {}, &MainWindow::resetLiveMetrics);
    tools->addSeparator();
    QAction *clear =
        make(tools, QStringLiteral("clearHistory"), tr("Clear history…"), {}, &MainWindow::clearHistory);
    QString reason;
    clear->setEnabled(m_context.history && m_context.history->canClear(&reason));
    if (!reason.isEmpty()) clear->setStatusTip(reason);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    make(help, QStringLiteral("apiDocs"), tr("API documentation"), QKeySequence::HelpContents,
         &MainWindow::apiDocs);
    make(help, QStringLiteral("about"), tr("About"), {}, &MainWindow::about);

    m_tray->addActions({reset, stop});
}

void MainWindow::buildStatusBar()
{
    for (QLabel *chip : {m_engineStatus, m_rpsStatus, m_dbStatus, m_apiStatus, m_updateStatus}) {
        chip->setObjectName(QStringLiteral("statusChip"));
        chip->setTextFormat(Qt::RichText);
    }
    statusBar()->addWidget(m_engineStatus);
    statusBar()->addWidget(m_rpsStatus);
    statusBar()->addWidget(m_dbStatus);
    statusBar()->addWidget(m_apiStatus);
    statusBar()->addPermanentWidget(m_updateStatus);
    statusBar()->setSizeGripEnabled(false);
    if (m_context.api)
        connect(m_context.api, &ApiController::stateChanged, this, &MainWindow::updateStatusBar);
    connect(m_context.live, &LiveState::snapshotChanged, this, &MainWindow::updateStatusBar);
    if (m_context.storage)
        connect(m_context.storage, &StorageStatus::changed, this, &MainWindow::updateStatusBar);
    auto *timer = new QTimer(this);
    timer->setInterval(kStatusRefreshMs);
    connect(timer, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    timer->start();
    updateStatusBar();
}

QString MainWindow::statusText(const QString &chip) const
{
    const QLabel *label = chip == QLatin1String("engine")     ? m_engineStatus
                          : chip == QLatin1String("rps")      ? m_rpsStatus
                          : chip == QLatin1String("database") ? m_dbStatus
                          : chip == QLatin1String("api")      ? m_apiStatus
                                                              : m_updateStatus;
    QTextDocument doc;
    doc.setHtml(label->text());
    return doc.toPlainText();
}

void MainWindow::updateStatusBar()
{
    const Theme &t = m_context.theme ? m_context.theme->theme() : Theme::dark();
    auto dot = [](const QColor &c) {
        return QStringLiteral("<span style='color:%1'>●</span> ").arg(c.name());
    };
    const bool running = m_context.live->engineRunning();
    m_engineStatus->setText(dot(running ? t.success : t.error) +
                            (running ? tr("Engine running") : tr("Engine not responding")));
    const MetricsSnapshot &snap = m_context.live->snapshot();
    m_rpsStatus->setText(tr("%1 req/s").arg(QLocale().toString(snap.overall.requestsPerSecond, 'f', 1)));

    StorageStatus *storage = m_context.storage;
    if (!storage || !storage->available()) {
        m_dbStatus->setText(dot(t.neutral) + tr("Database off"));
        m_dbStatus->setToolTip(storage ? storage->unavailableReason() : tr("No history database"));
    } else {
        const StorageState &s = storage->state();
        const QColor c = s.isOk() ? t.success : s.isDegraded() ? t.warning : t.neutral;
        m_dbStatus->setText(dot(c) + (s.isOk() ? tr("Database OK")
                                      : s.isDegraded()
                                          ? tr("Database degraded: %1").arg(s.reason.left(60).toHtmlEscaped())
                                          : tr("Database %1").arg(StorageState::healthName(s.health))));
        m_dbStatus->setToolTip(tr("%1\n%2 written, %3 queued, %4 in the journal")
                                   .arg(storage->location(), Labels::count(s.written),
                                        Labels::count(s.queued), Labels::count(s.journaled)));
    }
    const ApiController *api = m_context.api;
    if (api && api->state() == ApiController::State::Running) {
        m_apiStatus->setText(dot(t.success) + tr("API %1").arg(api->baseUrl().toHtmlEscaped()));
        m_apiStatus->setToolTip(
            tr("The REST API, WebSocket events and Prometheus metrics are served here%1")
                .arg(api->settings().token.isEmpty() ? QString() : tr(" (token required)")));
    } else if (api && api->state() == ApiController::State::Error) {
        m_apiStatus->setText(dot(t.error) + tr("API error: %1").arg(api->error().left(60).toHtmlEscaped()));
        m_apiStatus->setToolTip(api->error());
    } else {
        m_apiStatus->setText(dot(t.neutral) + tr("API off"));
        m_apiStatus->setToolTip(tr("Serve the REST API from Settings > API server"));
    }
    const qint64 last = m_context.live->lastUpdateMs();
    const bool stale = QDateTime::currentMSecsSinceEpoch() - last > kStaleUpdateMs && !running;
    m_updateStatus->setText((stale ? dot(t.warning) : QString()) + tr("Updated %1").arg(Labels::clock(last)));
    m_sideStatus->setText(tr("%1 services · %2 open").arg(snap.services.size()).arg(snap.breakersOpen));
}

void MainWindow::applyTheme()
{
    const Theme &t = m_context.theme ? m_context.theme->theme() : Theme::dark();
    for (int i = 0; i < m_pages.size(); ++i)
        m_nav->item(i)->setIcon(GlyphIconEngine::icon(m_pages.at(i)->glyph(), t.textMuted));
    if (m_themeGroup && m_context.theme)
        if (QAction *a = action(QStringLiteral("theme-") + Theme::kindName(m_context.theme->kind())))
            a->setChecked(true);
    updateAlertsBadge();
    updateStatusBar();
}

void MainWindow::updateAlertsBadge()
{
    const Theme &t = m_context.theme ? m_context.theme->theme() : Theme::dark();
    const AlertsPage *page = alertsPage();
    const int unread = page->unreadCount();
    const QString severity = page->unreadSeverity();
    const QColor colour = severity == QLatin1String("info")      ? t.info
                          : severity == QLatin1String("warning") ? t.warning
                                                                 : t.error;
    QListWidgetItem *item = m_nav->item(Alerts);
    item->setData(NavBadgeDelegate::BadgeRole, unread);
    item->setData(NavBadgeDelegate::BadgeColorRole, colour);
    const QString shortcut = tr("%1 (Ctrl+%2)").arg(page->title()).arg(Alerts + 1);
    item->setToolTip(unread > 0 ? tr("%1 · %n new alert(s)", nullptr, unread).arg(shortcut) : shortcut);
    item->setData(Qt::AccessibleTextRole,
                  unread > 0 ? tr("%1, %n new alert(s)", nullptr, unread).arg(page->title()) : page->title());
}

void MainWindow::saveState()
{
    UiSettings *s = m_context.settings;
    if (!s) return;
    s->setGeometry(saveGeometry());
    s->setWindowState(QMainWindow::saveState());
    s->setPage(currentPage());
    for (Page *p : std::as_const(m_pages))
        for (QSplitter *splitter : p->splitters())
            s->setSplitterState(splitter->objectName(), splitter->saveState());
    s->sync();
}

void MainWindow::restoreState()
{
    UiSettings *s = m_context.settings;
    int page = 0;
    if (s) {
        const QByteArray geometry = s->geometry();
        if (!geometry.isEmpty()) restoreGeometry(geometry);
        const QByteArray state = s->windowState();
        if (!state.isEmpty()) QMainWindow::restoreState(state);
        for (Page *p : std::as_const(m_pages))
            for (QSplitter *splitter : p->splitters()) {
                const QByteArray saved = s->splitterState(splitter->objectName());
                if (!saved.isEmpty()) splitter->restoreState(saved);
            }
        page = s->page();
    }
    setCurrentPage(page >= 0 && page < m_pages.size() ? page : 0);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    const bool toTray =
        !m_quitting && m_tray->available() && m_context.settings && m_context.settings->closeToTray();
    if (toTray) {
        hide();
        event->ignore();
        if (!m_trayHintShown) {
            m_trayHintShown = true;
            m_tray->showMessage(
                tr("Still running"),
                tr("The monitor keeps running in the tray. Quit from its menu or with Ctrl+Q."));
        }
        return;
    }
    event->accept();
    QMainWindow::closeEvent(event);
}

void MainWindow::quit()
{
    m_quitting = true;
    saveState();
    close();
    QCoreApplication::quit();
}

void MainWindow::resetBreakers()
{
    m_context.host->post([](RequestEngine &e) { e.resetBreaker(QStringLiteral("all")); });
    m_context.live->refreshSoon();
    statusBar()->showMessage(tr("Every breaker reset to CLOSED"), 4000);
}

void MainWindow::stopAllChaos()
{
    m_context.host->post([](RequestEngine &e) { e.stopAllChaos(); });
    m_context.live->refreshSoon();
    statusBar()->showMessage(tr("Every chaos experiment stopped"), 4000);
}

void MainWindow::resetLiveMetrics()
{
    m_context.host->post([](RequestEngine &e) { e.resetMetrics(); });
    statusBar()->showMessage(tr("Live metrics reset; the stored history is untouched"), 4000);
}

void MainWindow::clearHistory()
{
    HistorySource *history = m_context.history;
    if (!history) return;
    const auto answer = QMessageBox::question(this, tr("Clear history"),
                                              tr("Delete every stored request, breaker transition and chaos "
                                                 "experiment from %1?\n\nThis cannot be undone. "
                                                 "Live metrics are not affected.")
                                                  .arg(history->describe()),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) return;
    const quint64 ticket = history->clearHistory();
    auto *connection = new QMetaObject::Connection;
    *connection =
        connect(history, &HistorySource::cleared, this,
                [this, ticket, connection](quint64 t, bool ok, const QString &message) {
                    if (t != ticket) return;
                    disconnect(*connection);
                    delete connection;
                    statusBar()->showMessage(ok ? tr("History cleared: %1").arg(message)
                                                : tr("Could not clear the history: %1").arg(message),
                                             6000);
                });
}

void MainWindow::exportReport(const QString &path, qint64 fromMs, qint64 toMs)
{
    queryEngine(
        m_context.host, this,
        [fromMs, toMs](RequestEngine &e) { return LiveReportInput::capture(e, fromMs, toMs); },
        [this, path](const LiveReportInput &input) {
            auto *watcher = new QFutureWatcher<WriteResult>(this);
            connect(watcher, &QFutureWatcher<WriteResult>::finished, this, [this, watcher, path] {
                const WriteResult r = watcher->result();
                watcher->deleteLater();
                const QString message = r.ok ? tr("Report written to %1").arg(path)
                                             : tr("Could not write %1: %2").arg(path, r.message);
                statusBar()->showMessage(message, 6000);
                emit reportExported(r.ok, message);
            });
            // Building the report walks every transition and experiment: a worker's job, as is the write.
            watcher->setFuture(QtConcurrent::run(
                [path, input] { return writeFile(path, ReportBuilder::fromLive(input).json()); }));
        });
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About AI Resilience Monitor"),
        tr("<h3>AI Resilience Monitor %1</h3><p>Circuit breakers, chaos injection and live metrics for "
           "AI provider APIs.</p><p>Services without an API key run on an explicit simulation, marked "
           "SIMULATED everywhere.</p><p>Built with Qt %2.</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::apiDocs()
{
    const ApiController *api = m_context.api;
    const QString where =
        api && api->isRunning()
            ? tr("<p>This window serves it now at <code>%1/</code>.</p>").arg(api->baseUrl().toHtmlEscaped())
            : tr("<p>Switch it on in Settings &gt; API server, or run the headless service: "
                 "<code>ai-resilience-monitor --headless</code>.</p>");
    QMessageBox::information(this, tr("API documentation"),
                             tr("<p>The REST API (seed-compatible paths and <code>/api/v1/</code>), the "
                                "WebSocket event stream and Prometheus metrics.</p>%1<p>The reference is "
                                "<code>docs/openapi.yaml</code> in the source tree.</p>")
                                 .arg(where));
}

} // namespace airm::ui
