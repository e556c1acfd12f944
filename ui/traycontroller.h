// The system tray icon (only where the desktop has a tray): its colour says whether every breaker is closed
// (green), one is probing (amber) or one is open (red); its menu shows the window and reaches the main
// actions; desktop notifications tell when a breaker opens or closes (bundled, at most one every few
// seconds). GUI thread.
#pragma once

#include "theme.h"

#include "model/metricssnapshot.h"

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QTimer;
class QWidget;

namespace airm::ui {

class LiveState;
class ThemeManager;
class UiSettings;

class TrayController : public QObject
{
    Q_OBJECT
public:
    TrayController(LiveState *live, UiSettings *settings, QWidget *window, QObject *parent = nullptr);
    ~TrayController() override;

    bool available() const { return m_tray != nullptr; }
    // Adds actions to the tray menu (between "Show" and "Quit").
    void addActions(const QList<QAction *> &actions);
    // The state colour the icon shows: success, warning or error of the theme.
    enum class Level { AllClosed, Probing, Open };
    Level level() const { return m_level; }
    QString toolTip() const;
    void showMessage(const QString &title, const QString &text);
    // Notifications waiting to be shown (bundled); for tests.
    QStringList pendingNotifications() const { return m_pending; }

signals:
    void quitRequested();

private:
    void updateState();
    void onTransition(const BreakerTransition &t);
    void flushNotifications();

    LiveState *m_live;
    UiSettings *m_settings;
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_showAction = nullptr;
    QAction *m_quitAction = nullptr;
    QTimer *m_notifyTimer;
    QStringList m_pending;
    bool m_pendingOpen = false;
    Level m_level = Level::AllClosed;
    bool m_levelInitialised = false;
    QString m_toolTip;
};

} // namespace airm::ui
