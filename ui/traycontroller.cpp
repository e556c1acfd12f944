#include "traycontroller.h"

#include "alertlabels.h"
#include "breakerbadge.h"
#include "glyphiconengine.h"
#include "livestate.h"
#include "uisettings.h"

#include "alerts/alertmanager.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWidget>

namespace airm::ui {
namespace {

constexpr int kNotifyBundleMs = 3000;
constexpr int kNotifyShowMs = 6000;

} // namespace

TrayController::TrayController(LiveState *live, UiSettings *settings, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_live(live)
    , m_settings(settings)
    , m_window(window)
    , m_notifyTimer(new QTimer(this))
{
    m_notifyTimer->setSingleShot(true);
    m_notifyTimer->setInterval(kNotifyBundleMs);
    connect(m_notifyTimer, &QTimer::timeout, this, &TrayController::flushNotifications);
    connect(m_live, &LiveState::snapshotChanged, this, &TrayController::updateState);
    connect(m_live, &LiveState::breakerTransitioned, this, &TrayController::onTransition);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_menu = new QMenu(window);
        m_showAction = m_menu->addAction(tr("Show window"));
        m_menu->addSeparator();
        m_quitAction = m_menu->addAction(tr("Quit"));
        connect(m_showAction, &QAction::triggered, this, [this] {
            m_window->showNormal();
            m_window->raise();
            m_window->activateWindow();
        });
        connect(m_quitAction, &QAction::triggered, this, &TrayController::quitRequested);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason != QSystemTrayIcon::Trigger && reason != QSystemTrayIcon::DoubleClick) return;
            if (m_window->isVisible() && !m_window->isMinimized()) {
                m_window->hide();
            } else {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
        m_tray->setContextMenu(m_menu);
        m_tray->show();
    }
    updateState();
}

TrayController::~TrayController() = default;

void TrayController::addActions(const QList<QAction *> &actions)
{
    if (!m_menu) return;
    for (QAction *a : actions)
        m_menu->insertAction(m_quitAction, a);
    m_menu->insertSeparator(m_quitAction);
}

QString TrayController::toolTip() const
{
    return m_toolTip;
}

void TrayController::showMessage(const QString &title, const QString &text)
{
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, kNotifyShowMs);
}

void TrayController::updateState()
{
    const MetricsSnapshot &snap = m_live->snapshot();
    QStringList open, probing;
    for (const ServiceMetrics &m : snap.services) {
        if (m.breaker.state == BreakerState::Open || m.breaker.state == BreakerState::ForcedOpen)
            open << m.name;
        if (m.breaker.state == BreakerState::HalfOpen) probing << m.name;
    }
    const Level level = !open.isEmpty()      ? Level::Open
                        : !probing.isEmpty() ? Level::Probing
                                             : Level::AllClosed;
    m_toolTip = !open.isEmpty() ? tr("AI Resilience Monitor: open %1").arg(open.join(QStringLiteral(", ")))
                : !probing.isEmpty()
                    ? tr("AI Resilience Monitor: probing %1").arg(probing.join(QStringLiteral(", ")))
                    : tr("AI Resilience Monitor: all breakers closed");
    if (!m_tray) {
        m_level = level;
        return;
    }
    m_tray->setToolTip(m_toolTip);
    if (level == m_level && m_levelInitialised) return;
    m_level = level;
    m_levelInitialised = true;
    const Theme theme = Theme::dark(); // the tray sits on the desktop's panel, not on our window
    const QColor color = level == Level::Open      ? theme.error
                         : level == Level::Probing ? theme.warning
                                                   : theme.success;
    m_tray->setIcon(GlyphIconEngine::icon(GlyphIconEngine::Glyph::Shield, QColor(Qt::white), color));
}

void TrayController::setAlerts(AlertManager *alerts)
{
    if (m_alerts) m_alerts->disconnect(this);
    m_alerts = alerts;
    if (alerts) connect(alerts, &AlertManager::desktopNotificationRequested, this, &TrayController::onAlert);
}

QStringList TrayController::pendingNotifications() const
{
    QStringList lines;
    for (const Notification &n : m_pending)
        lines << n.line;
    return lines;
}

void TrayController::onTransition(const BreakerTransition &t)
{
    if (m_alerts) return; // the breakerOpened / breakerClosed alerts notify instead
    if (m_settings && !m_settings->notifications()) return;
    const bool opened = t.to == BreakerState::Open || t.to == BreakerState::ForcedOpen;
    const bool closed =
        t.to == BreakerState::Closed && (t.from == BreakerState::HalfOpen || t.from == BreakerState::Open ||
                                         t.from == BreakerState::ForcedOpen);
    if (!opened && !closed) return;
    Notification n;
    n.title = tr("Circuit breaker");
    n.text = n.line = opened ? tr("%1 breaker opened: %2").arg(t.service, t.reason)
                             : tr("%1 breaker closed again").arg(t.service);
    n.icon = opened ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information;
    post(n);
}

void TrayController::onAlert(const AlertRecord &alert)
{
    // The manager asks only while its desktop channel is on: that switch is the user's choice here.
    const AlertSeverity severity = alertSeverityFromString(alert.severity).value_or(AlertSeverity::Info);
    const QString rule = AlertLabels::rule(alert.rule);
    Notification n;
    n.title = alert.service.isEmpty()
                  ? tr("%1: %2").arg(AlertLabels::severity(severity), rule)
                  : tr("%1: %2 (%3)").arg(AlertLabels::severity(severity), rule, alert.service);
    n.text = alert.message;
    n.line = alert.service.isEmpty() ? rule : tr("%1 (%2)").arg(rule, alert.service);
    n.icon = severity == AlertSeverity::Critical ? QSystemTrayIcon::Critical
             : severity == AlertSeverity::Info   ? QSystemTrayIcon::Information
                                                 : QSystemTrayIcon::Warning;
    post(n);
}

void TrayController::post(const Notification &n)
{
    m_pending << n;
    if (!m_notifyTimer->isActive()) {
        flushNotifications(); // the first one at once, the next ones bundled
        m_notifyTimer->start();
    }
}

void TrayController::flushNotifications()
{
    if (m_pending.isEmpty()) return;
    const QList<Notification> pending = std::exchange(m_pending, {});
    QString title = pending.constFirst().title;
    QString text = pending.constFirst().text;
    int icon = QSystemTrayIcon::NoIcon;
    for (const Notification &n : pending)
        icon = std::max(icon, n.icon); // Information < Warning < Critical
    if (pending.size() > 1) {
        title = m_alerts ? tr("%n alert(s)", nullptr, int(pending.size()))
                         : tr("%n breaker change(s)", nullptr, int(pending.size()));
        QStringList lines;
        for (const Notification &n : pending)
            lines << n.line;
        text = lines.join(QLatin1Char('\n'));
    }
    emit notificationPosted(title, text);
    if (!m_tray || !QSystemTrayIcon::supportsMessages()) return;
    m_tray->showMessage(title, text, QSystemTrayIcon::MessageIcon(icon), kNotifyShowMs);
}

} // namespace airm::ui
