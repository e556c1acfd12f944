// Settings: appearance (theme, language), providers and API keys (in the OS keychain through KeyStore, else
// in memory for the session, never in settings files), breaker defaults, the history database (location,
// retention, state), privacy mode, the API server, tray and notifications, and the alert rules
// (AlertSettingsCard, applied with its own Apply button). Other changes are saved at once; the ones the
// running engine or database cannot take live say "at next start". GUI thread.
#pragma once

#include "page.h"

#include <QMap>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QVBoxLayout;

namespace airm {
class KeyStore;
}

namespace airm::ui {

class AlertSettingsCard;

class SettingsPage : public Page
{
    Q_OBJECT
public:
    explicit SettingsPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Settings; }

    QRadioButton *darkButton() const { return m_dark; }
    QRadioButton *lightButton() const { return m_light; }
    QCheckBox *closeToTrayBox() const { return m_closeToTray; }
    QCheckBox *privacyBox() const { return m_privacy; }
    QSpinBox *rawRetentionBox() const { return m_rawDays; }
    QComboBox *presetBox() const { return m_preset; }
    QLineEdit *keyEdit(const QString &service) const { return m_keys.value(service); }
    QCheckBox *apiSwitch() const { return m_apiEnabled; }
    QLineEdit *apiBindEdit() const { return m_apiBind; }
    QSpinBox *apiPortBox() const { return m_apiPort; }
    QLineEdit *apiTokenEdit() const { return m_apiToken; }
    QPushButton *apiApplyButton() const { return m_apiApply; }
    QLabel *apiStatusLabel() const { return m_apiStatus; }
    // Saves the API fields and (re)starts or stops the server as the switch says.
    void applyApi();
    QLabel *keyStatusLabel(const QString &service) const { return m_keyStatus.value(service); }
    QLabel *keychainStateLabel() const { return m_keychainState; }
    KeyStore *keyStore() const { return m_keyStore; }
    QPushButton *useKeyButton(const QString &service) const { return m_useKey.value(service); }
    QComboBox *languageBox() const { return m_language; }
    AlertSettingsCard *alertSettings() const { return m_alerts; }
    // Scrolls the Alerts card into view.
    void showAlertSettings();
    void setTrayAvailable(bool available);

protected:
    void onActivated() override;

private:
    void buildProviders(QVBoxLayout *layout);
    void setKey(const QString &service, const QString &key);
    void applyStoredKey(const QString &service, const QString &key);
    void refreshKeychainState();
    QString storedKeyText(const QString &service) const;
    void refreshKeyStatus();
    void refreshStorage();
    void buildApi(QVBoxLayout *layout);
    void refreshApiStatus();

    QRadioButton *m_dark;
    QRadioButton *m_light;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QMap<QString, QLineEdit *> m_keys;
    QMap<QString, QPushButton *> m_useKey;
    QMap<QString, QLabel *> m_keyStatus;
    KeyStore *m_keyStore;
    QLabel *m_keychainState;
    QComboBox *m_preset;
    QLabel *m_presetStatus;
    QLabel *m_dbLocation;
    QLabel *m_dbState;
    QSpinBox *m_rawDays;
    QSpinBox *m_rollupDays;
    QCheckBox *m_privacy;
    QCheckBox *m_closeToTray;
    QCheckBox *m_notifications;
    QCheckBox *m_apiEnabled;
    QLineEdit *m_apiBind;
    QSpinBox *m_apiPort;
    QLineEdit *m_apiToken;
    QPushButton *m_apiApply;
    QLabel *m_apiStatus;
    AlertSettingsCard *m_alerts;
};

} // namespace airm::ui
