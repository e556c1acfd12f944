// Alerts: what the alert rules raised in this run (newest first, with severity and the delivery to each
// channel, updated live), the counters (raised, suppressed by cooldowns, webhook deliveries sent and failed),
// and the channels with a "Send test" button each. Counts the alerts raised while the page is not in view
// (unreadChanged) until it is visited. The rules themselves are edited in Settings > Alerts
// (configureRequested). GUI thread; without an alert manager in the context the page says so.
#pragma once

#include "page.h"

#include "alerts/alertrules.h"

#include <QHash>

class QLabel;
class QPushButton;
class QTableView;

namespace airm {
struct AlertRecord;
} // namespace airm

namespace airm::ui {

class AlertTester;
class AlertsModel;
class Card;
class PillDelegate;
class StatCard;

class AlertsPage : public Page
{
    Q_OBJECT
public:
    explicit AlertsPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Alerts; }

    // Alerts raised since the page was last in view, and the highest severity among them ("" when none).
    int unreadCount() const { return m_unread; }
    QString unreadSeverity() const { return m_unreadSeverity; }
    // The desktop channel needs a system tray to show anything.
    void setDesktopAvailable(bool available);

    // For tests and screenshots.
    AlertsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // "raised", "suppressed", "sent", "failed"
    StatCard *counter(const QString &name) const { return m_counters.value(name); }
    QPushButton *testButton(AlertChannel channel) const { return m_testButtons.value(int(channel)); }
    QLabel *testResult(AlertChannel channel) const { return m_testResults.value(int(channel)); }
    QLabel *detailLabel() const { return m_detail; }
    QPushButton *configureButton() const { return m_configure; }

signals:
    void unreadChanged(int count);
    void configureRequested();

protected:
    void onActivated() override;
    void applyTheme(const Theme &theme) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildChannels();
    void onAlertRaised(const AlertRecord &alert);
    void markRead();
    void refresh();
    void refreshCounters();
    void refreshChannels();
    void refreshDetail();
    void showTestResult(AlertChannel channel);

    AlertsModel *m_model;
    PillDelegate *m_severityDelegate;
    QTableView *m_view;
    QLabel *m_empty;
    QLabel *m_detail;
    Card *m_disabledBanner;
    QPushButton *m_configure;
    AlertTester *m_tester;
    QHash<QString, StatCard *> m_counters;
    QHash<int, QLabel *> m_channelTargets;
    QHash<int, QLabel *> m_channelStates;
    QHash<int, QPushButton *> m_testButtons;
    QHash<int, QLabel *> m_testResults;
    bool m_desktopAvailable = true;
    int m_unread = 0;
    QString m_unreadSeverity;
};

} // namespace airm::ui
