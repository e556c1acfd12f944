// The system tray icon (only where the desktop has a tray): its colour says whether every breaker is closed
// (green), one is probing (amber) or one is open (red); its menu shows the window and reaches the main
// actions. Desktop notifications (bundled: the first at once, the next ones together a few seconds later):
// with an alert manager, one per alert it asks to show (desktopNotificationRequested) and none of its own,
// so a breaker that opens is notified once, by its alert; without one, when a breaker opens or closes.
// GUI thread.
#pragma once

#include "theme.h"

#include "model/metricssnapshot.h"

#include <QObject>

namespace airm {
class AlertManager;
struct AlertRecord;
} // namespace airm

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
    // From now on the alerts are the notifications (see above); null goes back to breaker notifications.
    // The manager must outlive the controller or be unset first.
    void setAlerts(AlertManager *alerts);
    // Notifications waiting to be shown (bundled), one line each; for tests.
    QStringList pendingNotifications() const;

signals:
    void quitRequested();
    // A notification was posted (shown where the desktop has a tray and supports messages).
    void notificationPosted(const QString &title, const QString &text);

private:
    struct Notification
    {
        QString title; // when shown alone
        QString text;
        QString line; // in a bundle
        int icon = 0; // QSystemTrayIcon::MessageIcon
    };

    void updateState();
    void onTransition(const BreakerTransition &t);
    void onAlert(const AlertRecord &alert);
    void post(const Notification &n);
    void flushNotifications();

    LiveState *m_live;
    UiSettings *m_settings;
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_showAction = nullptr;
    QAction *m_quitAction = nullptr;
    QTimer *m_notifyTimer;
    QList<Notification> m_pending;
    AlertManager *m_alerts = nullptr;
    Level m_level = Level::AllClosed;
    bool m_levelInitialised = false;
    QString m_toolTip;
};

} // namespace airm::ui
