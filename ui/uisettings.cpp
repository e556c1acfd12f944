#include "uisettings.h"

#include <QJsonDocument>
#include <QSettings>

namespace airm::ui {
namespace {

const QString kTheme = QStringLiteral("appearance/theme");
const QString kLanguage = QStringLiteral("appearance/language");
const QString kWindow = QStringLiteral("charts/timeWindow");
const QString kPage = QStringLiteral("window/page");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kCloseToTray = QStringLiteral("tray/closeToTray");
const QString kNotifications = QStringLiteral("tray/notifications");
const QString kPrivacy = QStringLiteral("privacy/privacyMode");
const QString kPreset = QStringLiteral("breakers/defaultPreset");
const QString kRawRetention = QStringLiteral("database/rawRetentionDays");
const QString kRollupRetention = QStringLiteral("database/rollupRetentionDays");
const QString kApiEnabled = QStringLiteral("api/enabled");
const QString kApiBind = QStringLiteral("api/bind");
const QString kApiPort = QStringLiteral("api/port");
const QString kAlertRules = QStringLiteral("alerts/rules");

// The storage defaults (StorageConfig): 30 days of raw rows, a year of roll-ups.
constexpr int kDefaultRawRetentionDays = 30;
constexpr int kDefaultRollupRetentionDays = 365;

} // namespace

UiSettings::UiSettings(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{}

UiSettings::UiSettings(const QString &iniPath, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{}

UiSettings::~UiSettings() = default;

Theme::Kind UiSettings::theme() const
{
    return Theme::kindFromName(m_settings->value(kTheme).toString()).value_or(Theme::Kind::Dark);
}

void UiSettings::setTheme(Theme::Kind kind)
{
    if (kind == theme() && m_settings->contains(kTheme)) return;
    m_settings->setValue(kTheme, Theme::kindName(kind));
    emit themeChanged(kind);
}

TimeWindow UiSettings::timeWindow() const
{
    return TimeWindows::fromKey(m_settings->value(kWindow).toString()).value_or(TimeWindow::FiveMinutes);
}

void UiSettings::setTimeWindow(TimeWindow window)
{
    if (window == timeWindow() && m_settings->contains(kWindow)) return;
    m_settings->setValue(kWindow, TimeWindows::key(window));
    emit timeWindowChanged(window);
}

int UiSettings::page() const
{
    return m_settings->value(kPage, 0).toInt();
}

void UiSettings::setPage(int index)
{
    m_settings->setValue(kPage, index);
}

bool UiSettings::closeToTray() const
{
    return m_settings->value(kCloseToTray, false).toBool();
}

void UiSettings::setCloseToTray(bool on)
{
    if (on == closeToTray()) return;
    m_settings->setValue(kCloseToTray, on);
    emit closeToTrayChanged(on);
}

bool UiSettings::notifications() const
{
    return m_settings->value(kNotifications, true).toBool();
}

void UiSettings::setNotifications(bool on)
{
    m_settings->setValue(kNotifications, on);
}

bool UiSettings::privacyMode() const
{
    return m_settings->value(kPrivacy, false).toBool();
}

void UiSettings::setPrivacyMode(bool on)
{
    m_settings->setValue(kPrivacy, on);
}

QString UiSettings::language() const
{
    return m_settings->value(kLanguage).toString();
}

void UiSettings::setLanguage(const QString &code)
{
    m_settings->setValue(kLanguage, code);
}

QString UiSettings::breakerPreset() const
{
    return m_settings->value(kPreset).toString();
}

void UiSettings::setBreakerPreset(const QString &preset)
{
    m_settings->setValue(kPreset, preset);
}

int UiSettings::rawRetentionDays() const
{
    return m_settings->value(kRawRetention, kDefaultRawRetentionDays).toInt();
}

void UiSettings::setRawRetentionDays(int days)
{
    m_settings->setValue(kRawRetention, days);
}

int UiSettings::rollupRetentionDays() const
{
    return m_settings->value(kRollupRetention, kDefaultRollupRetentionDays).toInt();
}

void UiSettings::setRollupRetentionDays(int days)
{
    m_settings->setValue(kRollupRetention, days);
}

bool UiSettings::apiEnabled() const
{
    return m_settings->value(kApiEnabled, false).toBool();
}

void UiSettings::setApiEnabled(bool on)
{
    m_settings->setValue(kApiEnabled, on);
}

QString UiSettings::apiBind(const QString &fallback) const
{
    const QString bind = m_settings->value(kApiBind).toString();
    return bind.isEmpty() ? fallback : bind;
}

void UiSettings::setApiBind(const QString &bind)
{
    m_settings->setValue(kApiBind, bind);
}

int UiSettings::apiPort(int fallback) const
{
    bool ok = false;
    const int port = m_settings->value(kApiPort).toInt(&ok);
    return ok ? port : fallback;
}

void UiSettings::setApiPort(int port)
{
    m_settings->setValue(kApiPort, port);
}

QJsonObject UiSettings::alertRules() const
{
    // Kept as one JSON string: the rules are validated as a whole (AlertRulesConfig::fromJson).
    return QJsonDocument::fromJson(m_settings->value(kAlertRules).toString().toUtf8()).object();
}

void UiSettings::setAlertRules(const QJsonObject &rules)
{
    m_settings->setValue(kAlertRules, QString::fromUtf8(QJsonDocument(rules).toJson(QJsonDocument::Compact)));
}

QByteArray UiSettings::geometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

void UiSettings::setGeometry(const QByteArray &geometry)
{
    m_settings->setValue(kGeometry, geometry);
}

QByteArray UiSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}

void UiSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(kState, state);
}

QByteArray UiSettings::splitterState(const QString &name) const
{
    return m_settings->value(QStringLiteral("splitters/") + name).toByteArray();
}

void UiSettings::setSplitterState(const QString &name, const QByteArray &state)
{
    m_settings->setValue(QStringLiteral("splitters/") + name, state);
}

QString UiSettings::value(const QString &key, const QString &fallback) const
{
    return m_settings->value(key, fallback).toString();
}

void UiSettings::setValue(const QString &key, const QString &value)
{
    m_settings->setValue(key, value);
}

void UiSettings::sync()
{
    m_settings->sync();
}

QString UiSettings::fileName() const
{
    return m_settings->fileName();
}

} // namespace airm::ui
