#include "traycontroller.h"

#include "breakerbadge.h"
#include "glyphiconengine.h"
#include "livestate.h"
#include "uisettings.h"

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

void TrayController::onTransition(const BreakerTransition &t)
{
    if (m_settings && !m_settings->notifications()) return;
    const bool opened = t.to == BreakerState::Open || t.to == BreakerState::ForcedOpen;
    const bool closed =
        t.to == BreakerState::Closed && (t.from == BreakerState::HalfOpen || t.from == BreakerState::Open ||
                                         t.from == BreakerState::ForcedOpen);
    if (!opened && !closed) return;
    m_pendingOpen = m_pendingOpen || opened;
    m_pending << (opened ? tr("%1 breaker opened: %2").arg(t.service, t.reason)
                         : tr("%1 breaker closed again").arg(t.service));
    if (!m_notifyTimer->isActive()) {
        flushNotifications(); // the first one at once, the next ones bundled
        m_notifyTimer->start();
    }
}

void TrayController::flushNotifications()
{
    if (m_pending.isEmpty()) return;
    const QStringList lines = m_pending;
    m_pending.clear();
    const bool anyOpen = std::exchange(m_pendingOpen, false);
    if (!m_tray || !QSystemTrayIcon::supportsMessages()) return;
    m_tray->showMessage(lines.size() == 1 ? tr("Circuit breaker")
                                          : tr("%n breaker change(s)", nullptr, int(lines.size())),
                        lines.join(QLatin1Char('\n')),
                        anyOpen ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, kNotifyShowMs);
}

} // namespace airm::ui
