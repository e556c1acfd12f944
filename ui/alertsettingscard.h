// Settings > Alerts: the master switch, one row per rule (on/off, severity, cooldown and only the thresholds
// that rule uses), the channels (desktop notifications, webhook URL, Slack URL, retry policy) with a test
// button each, and Apply / Revert. Apply validates through AlertRulesConfig::fromJson (the same rules as the
// configuration file and the API), shows a validation error next to the field it names, and on success sets
// the manager's configuration and saves it in the settings file (URLs included: they are this machine's
// settings, and the card says where they are stored). GUI thread.
#pragma once

#include "card.h"

#include "alerts/alertrules.h"

#include <QHash>
#include <QPointer>
#include <array>
#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace airm {
class AlertManager;
} // namespace airm

namespace airm {
class KeyStore;
}

namespace airm::ui {

class AlertTester;
class UiSettings;

class AlertSettingsCard : public Card
{
    Q_OBJECT
public:
    // alerts may be null (the card then says so and is read-only); settings may be null (nothing saved).
    AlertSettingsCard(AlertManager *alerts, UiSettings *settings, QWidget *parent = nullptr);

    // Shows the manager's configuration, dropping edits not applied.
    void load();
    // load() unless there are edits not applied (the API may have changed the rules meanwhile).
    void reloadIfUnchanged();
    // Validates and applies the fields; returns "" or the error, which the card shows.
    QString apply();
    bool hasUnappliedChanges() const { return m_changed; }
    void setDesktopAvailable(bool available);

    // For tests.
    QCheckBox *masterSwitch() const { return m_master; }
    QCheckBox *ruleSwitch(AlertRuleId id) const { return row(id).enabled; }
    QComboBox *severityBox(AlertRuleId id) const { return row(id).severity; }
    // In seconds.
    QSpinBox *cooldownBox(AlertRuleId id) const { return row(id).cooldown; }
    // breakerStuckOpen in seconds, latencyP95 in milliseconds; null for the rules without one.
    QSpinBox *thresholdMsBox(AlertRuleId id) const { return row(id).thresholdMs; }
    QDoubleSpinBox *thresholdPctBox(AlertRuleId id) const { return row(id).thresholdPct; }
    QSpinBox *minRequestsBox(AlertRuleId id) const { return row(id).minRequests; }
    QCheckBox *desktopBox() const { return m_desktop; }
    QLineEdit *webhookEdit() const { return m_webhook; }
    QLineEdit *slackEdit() const { return m_slack; }
    QLineEdit *smtpHostEdit() const { return m_smtpHost; }
    QLineEdit *smtpToEdit() const { return m_smtpTo; }
    QLineEdit *smtpFromEdit() const { return m_smtpFrom; }
    QLineEdit *smtpPasswordEdit() const { return m_smtpPassword; }
    // Where the SMTP password typed here is kept: the OS keychain, else memory for the session.
    KeyStore *passwordStore() const { return m_passwordStore; }
    QComboBox *smtpSecurityBox() const { return m_smtpSecurity; }
    QSpinBox *smtpPortBox() const { return m_smtpPort; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *revertButton() const { return m_revert; }
    QPushButton *testButton(AlertChannel channel) const { return m_testButtons.value(int(channel)); }
    QLabel *testResult(AlertChannel channel) const { return m_testResults.value(int(channel)); }
    QLabel *statusLabel() const { return m_status; }

signals:
    void applied();

protected:
    // A wheel over an unfocused number or choice scrolls the page instead of changing the value.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct RuleRow
    {
        QCheckBox *enabled = nullptr;
        QComboBox *severity = nullptr;
        QSpinBox *cooldown = nullptr;
        QSpinBox *thresholdMs = nullptr;
        QDoubleSpinBox *thresholdPct = nullptr;
        QSpinBox *minRequests = nullptr;
    };

    const RuleRow &row(AlertRuleId id) const { return m_rows[static_cast<std::size_t>(id)]; }
    void buildRules(QGridLayout *grid);
    QWidget *buildChannels();
    void watch(QWidget *editor);
    void markChanged();
    QJsonObject fieldsJson() const;
    void buildEmailRows(QFormLayout *form,
                        const std::function<void(const QString &, AlertChannel, QWidget *)> &row);
    void showError(const QString &error);
    void clearInvalid();
    void setStatus(const QString &text, const QString &tone);
    void test(AlertChannel channel);
    void showTestResult(AlertChannel channel);
    void updateEnabledState();

    QPointer<AlertManager> m_alerts;
    UiSettings *m_settings;
    AlertTester *m_tester;
    AlertRulesConfig m_shown; // what load() put into the fields; keeps sub-second values not edited
    std::array<RuleRow, kAlertRuleCount> m_rows;
    QCheckBox *m_master;
    QCheckBox *m_desktop;
    QLineEdit *m_webhook;
    QLineEdit *m_slack;
    QLineEdit *m_smtpHost;
    QSpinBox *m_smtpPort;
    QComboBox *m_smtpSecurity; // data: "starttls", "tls", "none"
    QLineEdit *m_smtpUser;
    QLineEdit *m_smtpPassword; // never filled from the config: typing one replaces it
    QLineEdit *m_smtpFrom;
    QLineEdit *m_smtpTo; // comma-separated
    KeyStore *m_passwordStore;
    QSpinBox *m_retries;
    QSpinBox *m_retryInitial; // ms
    QSpinBox *m_timeout;      // ms
    QPushButton *m_apply;
    QPushButton *m_revert;
    QLabel *m_status;
    QFormLayout *m_channelForm = nullptr;
    QHash<int, QPushButton *> m_testButtons;
    QHash<int, QLabel *> m_testResults;
    QList<QWidget *> m_invalid;
    bool m_changed = false;
    bool m_loading = false;
    bool m_desktopAvailable = true;
};

} // namespace airm::ui
