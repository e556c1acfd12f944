// The desktop application's own settings, typed, over QSettings: theme, chart window, selected page, window
// geometry and splitters, tray behaviour, privacy, language, breaker defaults, database retention, the
// REST API server (on/off, bind address, port) and the alert rules (with their webhook URLs: the user's own
// choice for this machine, and Settings > Alerts says so). API keys and the API token are never stored here.
// GUI thread.
#pragma once

#include "theme.h"
#include "timewindow.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <memory>

class QSettings;

namespace airm::ui {

class UiSettings : public QObject
{
    Q_OBJECT
public:
    // Default: the application's QSettings (organisation and application name). Tests pass an INI file.
    explicit UiSettings(QObject *parent = nullptr);
    explicit UiSettings(const QString &iniPath, QObject *parent = nullptr);
    ~UiSettings() override;

    Theme::Kind theme() const;
    void setTheme(Theme::Kind kind);
    TimeWindow timeWindow() const;
    void setTimeWindow(TimeWindow window);
    int page() const;
    void setPage(int index);
    bool closeToTray() const;
    void setCloseToTray(bool on);
    bool notifications() const;
    void setNotifications(bool on);
    bool privacyMode() const;
    void setPrivacyMode(bool on);
    QString language() const; // "" = system
    void setLanguage(const QString &code);
    QString breakerPreset() const; // applied to every service at start; "" = the configuration's
    void setBreakerPreset(const QString &preset);
    int rawRetentionDays() const;
    void setRawRetentionDays(int days);
    int rollupRetentionDays() const;
    void setRollupRetentionDays(int days);
    // The REST API served by the window. Bind and port fall back to the given values (the configuration's)
    // until they are set.
    bool apiEnabled() const;
    void setApiEnabled(bool on);
    QString apiBind(const QString &fallback) const;
    void setApiBind(const QString &bind);
    int apiPort(int fallback) const;
    void setApiPort(int port);
    // The alert rules as AlertRulesConfig::toJson() (URLs unredacted); an empty object until they are set.
    QJsonObject alertRules() const;
    void setAlertRules(const QJsonObject &rules);

    QByteArray geometry() const;
    void setGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &state);
    QString value(const QString &key, const QString &fallback = {}) const;
    void setValue(const QString &key, const QString &value);

    void sync();
    QString fileName() const;

signals:
    void themeChanged(airm::ui::Theme::Kind kind);
    void timeWindowChanged(airm::ui::TimeWindow window);
    void closeToTrayChanged(bool on);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace airm::ui
