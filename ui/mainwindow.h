// The main window: side navigation between the pages (the Alerts item with a badge counting the alerts not
// seen yet), a status bar (engine, requests per second, database,
// API server, last update), the menu bar (File, View, Tools, Help) with keyboard shortcuts, the tray, and
// the persistence of geometry, splitters, selected page and chart window. GUI thread.
#pragma once

#include "timewindow.h"
#include "uicontext.h"

#include <QList>
#include <QMainWindow>

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace airm::ui {

class AlertsPage;
class AnalyticsPage;
class AutomationPage;
class ChaosPage;
class RequestHistoryPage;
class OverviewPage;
class Page;
class ScenariosPage;
class ServicesPage;
class SettingsPage;
class TrayController;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum PageIndex {
        Overview,
        Services,
        Chaos,
        Automation,
        History,
        Analytics,
        Scenarios,
        Alerts,
        Settings,
        PageCount
    };

    explicit MainWindow(const UiContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setCurrentPage(int index);
    int currentPage() const;
    Page *page(int index) const { return m_pages.value(index); }
    OverviewPage *overviewPage() const;
    ServicesPage *servicesPage() const;
    ChaosPage *chaosPage() const;
    AutomationPage *automationPage() const;
    RequestHistoryPage *historyPage() const;
    AnalyticsPage *analyticsPage() const;
    ScenariosPage *scenariosPage() const;
    AlertsPage *alertsPage() const;
    SettingsPage *settingsPage() const;
    TrayController *tray() const { return m_tray; }
    QListWidget *navigation() const { return m_nav; }
    QAction *action(const QString &name) const;
    QString statusText(const QString &chip) const;

    // Saves geometry, splitters, page and window to the settings (also done on close).
    void saveState();
    void restoreState();
    // Writes a window report (docs/report-schema.json, kind "window") for [fromMs, toMs] to path: captured on
    // the engine thread, built and written on a worker. fromMs 0 = since the engine started, toMs 0 = now.
    void exportReport(const QString &path, qint64 fromMs = 0, qint64 toMs = 0);

signals:
    void reportExported(bool ok, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void updateStatusBar();
    void applyTheme();
    void updateAlertsBadge();
    void resetBreakers();
    void stopAllChaos();
    void resetLiveMetrics();
    void clearHistory();
    void about();
    void apiDocs();
    void quit();

    UiContext m_context;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    QList<Page *> m_pages;
    QLabel *m_engineStatus;
    QLabel *m_rpsStatus;
    QLabel *m_dbStatus;
    QLabel *m_apiStatus;
    QLabel *m_updateStatus;
    QLabel *m_sideStatus;
    TrayController *m_tray;
    QActionGroup *m_themeGroup = nullptr;
    QActionGroup *m_windowGroup = nullptr;
    bool m_quitting = false;
    bool m_trayHintShown = false;
};

} // namespace airm::ui
