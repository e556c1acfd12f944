#include "settingspage.h"

#include "alertsettingscard.h"
#include "apicontroller.h"
#include "card.h"
#include "enginequery.h"
#include "labels.h"
#include "livestate.h"
#include "settings/keystore.h"
#include "storagestatus.h"
#include "thememanager.h"
#include "uisettings.h"

#include "resilience/breakerconfig.h"
#include "storage/databaselocation.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

const QString kDatabasePathKey = QStringLiteral("database/path");
constexpr int kMaxRetentionDays = 3650;

QLabel *hint(const QString &text)
{
    auto *l = new QLabel(text);
    l->setObjectName(QStringLiteral("hint"));
    l->setWordWrap(true);
    return l;
}

} // namespace

SettingsPage::SettingsPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Settings"), tr("Saved as you change them"), true, parent)
    , m_dark(new QRadioButton(tr("Dark")))
    , m_light(new QRadioButton(tr("Light")))
    , m_language(new QComboBox)
    , m_languageNote(new QLabel)
    , m_keyStore(new KeyStore(this))
    , m_keychainState(new QLabel)
    , m_preset(new QComboBox)
    , m_presetStatus(new QLabel)
    , m_dbLocation(new QLabel)
    , m_dbState(new QLabel)
    , m_rawDays(new QSpinBox)
    , m_rollupDays(new QSpinBox)
    , m_privacy(new QCheckBox(tr("Do not store prompts and responses (privacy mode)")))
    , m_closeToTray(new QCheckBox(tr("Closing the window keeps the monitor running in the tray")))
    , m_notifications(new QCheckBox(tr("Notify when a breaker opens or closes")))
    , m_apiEnabled(new QCheckBox(tr("Serve the REST API")))
    , m_apiBind(new QLineEdit)
    , m_apiPort(new QSpinBox)
    , m_apiToken(new QLineEdit)
    , m_apiApply(new QPushButton(tr("Apply")))
    , m_apiStatus(new QLabel)
    , m_alerts(new AlertSettingsCard(ctx.alerts, ctx.settings))
{
    UiSettings *settings = ctx.settings;

    // Appearance.
    auto *appearance = new Card(tr("Appearance"));
    auto *themeRow = new QHBoxLayout;
    auto *themeGroup = new QButtonGroup(this);
    themeGroup->addButton(m_dark);
    themeGroup->addButton(m_light);
    (settings && settings->theme() == Theme::Kind::Light ? m_light : m_dark)->setChecked(true);
    themeRow->setSpacing(22);
    themeRow->addWidget(m_dark);
    themeRow->addWidget(m_light);
    themeRow->addStretch(1);
    auto *appearanceForm = new QFormLayout;
    appearanceForm->setHorizontalSpacing(16);
    appearanceForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    appearanceForm->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_language->setMinimumWidth(220);
    appearanceForm->addRow(tr("Theme"), themeRow);
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    if (settings) {
        const int index = m_language->findData(settings->language());
        m_language->setCurrentIndex(index >= 0 ? index : 0);
    }
    // DesktopApp installs the translators once, before the window is built.
    m_languageNote->setObjectName(QStringLiteral("hint"));
    m_languageNote->setText(tr("Restart the monitor to use this language."));
    m_languageNote->hide();
    auto *languageRow = new QHBoxLayout;
    languageRow->setSpacing(12);
    languageRow->addWidget(m_language);
    languageRow->addWidget(m_languageNote);
    appearanceForm->addRow(tr("Language"), languageRow);
    appearance->body()->addLayout(appearanceForm);
    appearance->body()->addWidget(
        hint(tr("Translations ship as they are completed; the language applies at the "
                "next start.")));
    content()->addWidget(appearance);
    connect(m_dark, &QRadioButton::toggled, this, [this](bool on) {
        if (!on) return;
        if (context().settings) context().settings->setTheme(Theme::Kind::Dark);
        if (context().theme) context().theme->setKind(Theme::Kind::Dark);
    });
    connect(m_light, &QRadioButton::toggled, this, [this](bool on) {
        if (!on) return;
        if (context().settings) context().settings->setTheme(Theme::Kind::Light);
        if (context().theme) context().theme->setKind(Theme::Kind::Light);
    });
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this, atStart = m_language->currentData().toString()] {
                const QString code = m_language->currentData().toString();
                if (context().settings) context().settings->setLanguage(code);
                m_languageNote->setVisible(code != atStart);
            });

    // Providers and keys.
    auto *providers = new Card(tr("Providers and API keys"));
    providers->setHint(
        tr("Keys entered here are stored in the OS keychain when one is available, otherwise kept in "
           "memory while the program runs; they are never written to settings files. Keys from the "
           "environment or the configuration file are used automatically and take precedence at start."));
    buildProviders(providers->body());
    content()->addWidget(providers);

    // Breaker defaults.
    auto *breakers = new Card(tr("Breaker defaults"));
    for (const QString &name : BreakerConfig::presetNames())
        m_preset->addItem(name, name);
    m_preset->insertItem(0, tr("As configured"), QString());
    m_preset->setCurrentIndex(settings ? std::max(0, m_preset->findData(settings->breakerPreset())) : 0);
    auto *applyPreset = new QPushButton(tr("Apply to all services now"));
    auto *presetRow = new QHBoxLayout;
    presetRow->addWidget(new QLabel(tr("Preset at start")));
    presetRow->addWidget(m_preset);
    presetRow->addWidget(applyPreset);
    presetRow->addStretch(1);
    breakers->body()->addLayout(presetRow);
    m_presetStatus->setObjectName(QStringLiteral("hint"));
    m_presetStatus->hide();
    breakers->body()->addWidget(m_presetStatus);
    breakers->body()->addWidget(
        hint(tr("Every service's breaker starts with this preset. Fine-tune one service on "
                "the Services page.")));
    content()->addWidget(breakers);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        if (context().settings) context().settings->setBreakerPreset(m_preset->currentData().toString());
    });
    connect(applyPreset, &QPushButton::clicked, this, [this] {
        const QString preset = m_preset->currentData().toString();
        BreakerConfig config;
        if (preset.isEmpty() || !BreakerConfig::fromPreset(preset, &config)) {
            m_presetStatus->setText(tr("Choose a preset first."));
            m_presetStatus->show();
            return;
        }
        queryEngine(
            context().host, this,
            [config](RequestEngine &e) {
                QString error;
                for (const QString &s : e.serviceNames())
                    if (const QString err = e.setBreakerConfig(s, config); !err.isEmpty() && error.isEmpty())
                        error = err;
                return error;
            },
            [this, preset](const QString &error) {
                m_presetStatus->setText(error.isEmpty() ? tr("%1 applied to every service.").arg(preset)
                                                        : error);
                m_presetStatus->show();
            });
    });

    // Database.
    auto *database = new Card(tr("History database"));
    auto *dbForm = new QFormLayout;
    dbForm->setHorizontalSpacing(16);
    dbForm->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_rawDays->setMinimumWidth(160);
    m_rollupDays->setMinimumWidth(160);
    m_dbLocation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dbLocation->setWordWrap(true);
    auto *change = new QPushButton(tr("Choose file…"));
    auto *locationRow = new QHBoxLayout;
    locationRow->addWidget(m_dbLocation, 1);
    locationRow->addWidget(change);
    dbForm->addRow(tr("Location"), locationRow);
    dbForm->addRow(tr("State"), m_dbState);
    m_rawDays->setRange(1, kMaxRetentionDays);
    m_rawDays->setSuffix(tr(" days"));
    m_rawDays->setToolTip(tr("Requests, breaker transitions and alerts older than this are deleted daily"));
    m_rollupDays->setRange(1, kMaxRetentionDays);
    m_rollupDays->setSuffix(tr(" days"));
    m_rollupDays->setToolTip(
        tr("Per-minute roll-ups (long charts, analytics) older than this are deleted daily"));
    if (settings) {
        m_rawDays->setValue(settings->rawRetentionDays());
        m_rollupDays->setValue(settings->rollupRetentionDays());
    }
    auto *retention = new QHBoxLayout;
    retention->addWidget(m_rawDays);
    retention->addSpacing(16);
    retention->addWidget(new QLabel(tr("roll-ups")));
    retention->addSpacing(6);
    retention->addWidget(m_rollupDays);
    retention->addStretch(1);
    dbForm->addRow(tr("Keep requests"), retention);
    database->body()->addLayout(dbForm);
    database->body()->addWidget(
        hint(tr("A different location or retention applies at the next start. A database "
                "named in the configuration file (--config) takes precedence.")));
    content()->addWidget(database);
    connect(m_rawDays, &QSpinBox::valueChanged, this, [this](int days) {
        if (context().settings) context().settings->setRawRetentionDays(days);
    });
    connect(m_rollupDays, &QSpinBox::valueChanged, this, [this](int days) {
        if (context().settings) context().settings->setRollupRetentionDays(days);
    });
    connect(change, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("History database"), DatabaseLocation::defaultSqlitePath(),
                                         tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
                                         QFileDialog::DontConfirmOverwrite);
        if (path.isEmpty() || !context().settings) return;
        context().settings->setValue(kDatabasePathKey, path);
        refreshStorage();
    });
    if (ctx.storage)
        connect(ctx.storage, &StorageStatus::changed, this, [this] {
            if (isActive()) refreshStorage();
        });

    // Privacy.
    auto *privacy = new Card(tr("Privacy"));
    if (settings) m_privacy->setChecked(settings->privacyMode());
    privacy->body()->addWidget(m_privacy);
    privacy->body()->addWidget(
        hint(tr("In privacy mode the engine keeps no prompt or response text: not in the "
                "history, the log or exports. Applies at the next start (this run: %1).")
                 .arg(ctx.config.engine.privacyMode ? tr("on") : tr("off"))));
    content()->addWidget(privacy);
    connect(m_privacy, &QCheckBox::toggled, this, [this](bool on) {
        if (context().settings) context().settings->setPrivacyMode(on);
    });

    // API server.
    auto *api = new Card(tr("API server"));
    buildApi(api->body());
    content()->addWidget(api);

    // Tray.
    auto *tray = new Card(tr("Tray and notifications"));
    if (settings) {
        m_closeToTray->setChecked(settings->closeToTray());
        m_notifications->setChecked(settings->notifications());
    }
    tray->body()->addWidget(m_closeToTray);
    tray->body()->addWidget(m_notifications);
    if (ctx.alerts) {
        // The alert rules decide what is notified (Alerts card, "desktop notification"); one switch only.
        m_notifications->hide();
        tray->body()->addWidget(hint(tr("Desktop notifications come from the alert rules: one per alert, "
                                        "switched on or off in the Alerts card below.")));
    }
    content()->addWidget(tray);

    // Alerts.
    content()->addWidget(m_alerts);
    connect(m_closeToTray, &QCheckBox::toggled, this, [this](bool on) {
        if (context().settings) context().settings->setCloseToTray(on);
    });
    connect(m_notifications, &QCheckBox::toggled, this, [this](bool on) {
        if (context().settings) context().settings->setNotifications(on);
    });
    if (ctx.theme)
        connect(ctx.theme, &ThemeManager::themeChanged, this, [this](const Theme &t) {
            QSignalBlocker a(m_dark), b(m_light);
            (t.kind == Theme::Kind::Light ? m_light : m_dark)->setChecked(true);
        });
    content()->addStretch(1);
    refreshStorage();
}

void SettingsPage::buildApi(QVBoxLayout *layout)
{
    ApiController *api = context().api;
    UiSettings *settings = context().settings;
    const ApiSettings current = api ? api->settings() : context().config.api;
    m_apiEnabled->setChecked(api ? api->enabled() : settings && settings->apiEnabled());
    m_apiEnabled->setToolTip(tr("The seed's endpoints, /api/v1/, WebSocket events and Prometheus metrics, "
                                "served by this window while it runs"));
    layout->addWidget(m_apiEnabled);
    auto *form = new QFormLayout;
    form->setHorizontalSpacing(16);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_apiBind->setText(current.bind);
    m_apiBind->setMinimumWidth(220);
    m_apiBind->setPlaceholderText(QStringLiteral("127.0.0.1"));
    m_apiBind->setAccessibleName(tr("API bind address"));
    m_apiBind->setToolTip(tr("An IP address of this machine, 127.0.0.1 for this machine only, or 0.0.0.0 for "
                             "every interface (needs a token)"));
    m_apiPort->setRange(0, 65535);
    m_apiPort->setValue(current.port);
    m_apiPort->setSpecialValueText(tr("any free port"));
    m_apiPort->setMinimumWidth(160);
    m_apiPort->setAccessibleName(tr("API port"));
    m_apiToken->setEchoMode(QLineEdit::Password);
    m_apiToken->setText(current.token);
    m_apiToken->setMinimumWidth(220);
    m_apiToken->setPlaceholderText(tr("optional"));
    m_apiToken->setAccessibleName(tr("API token"));
    m_apiToken->setToolTip(tr("Clients send it as \"Authorization: Bearer <token>\". Without a token only "
                              "clients on this machine may change state."));
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_apiBind);
    addressRow->addSpacing(16);
    addressRow->addWidget(new QLabel(tr("Port")));
    addressRow->addSpacing(6);
    addressRow->addWidget(m_apiPort);
    addressRow->addStretch(1);
    form->addRow(tr("Address"), addressRow);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_apiToken);
    tokenRow->addSpacing(8);
    tokenRow->addWidget(m_apiApply);
    tokenRow->addStretch(1);
    form->addRow(tr("Token"), tokenRow);
    form->addRow(tr("State"), m_apiStatus);
    layout->addLayout(form);
    m_apiStatus->setWordWrap(true);
    m_apiStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_apiStatus->setMinimumWidth(420);
    layout->addWidget(hint(
        tr("The switch, address and port are saved and apply at every start. The token is kept in memory "
           "only, never in the settings file: set AIRM_API_TOKEN or the configuration file to have "
           "one at start. Serving on an address other than 127.0.0.1 requires a token.")));
    if (!api) {
        for (QWidget *w :
             std::initializer_list<QWidget *>{m_apiEnabled, m_apiBind, m_apiPort, m_apiToken, m_apiApply})
            w->setEnabled(false);
        m_apiStatus->setText(tr("This window was started without an API server."));
        m_apiStatus->setObjectName(QStringLiteral("hint"));
        return;
    }
    connect(m_apiEnabled, &QCheckBox::toggled, this, &SettingsPage::applyApi);
    connect(m_apiApply, &QPushButton::clicked, this, &SettingsPage::applyApi);
    connect(m_apiBind, &QLineEdit::returnPressed, this, &SettingsPage::applyApi);
    connect(m_apiToken, &QLineEdit::returnPressed, this, &SettingsPage::applyApi);
    connect(api, &ApiController::stateChanged, this, &SettingsPage::refreshApiStatus);
    refreshApiStatus();
}

void SettingsPage::applyApi()
{
    ApiController *api = context().api;
    if (!api) return;
    ApiSettings s = api->settings();
    s.bind = m_apiBind->text().trimmed();
    if (s.bind.isEmpty()) s.bind = QStringLiteral("127.0.0.1");
    m_apiBind->setText(s.bind);
    s.port = m_apiPort->value();
    s.token = m_apiToken->text().trimmed();
    const bool enabled = m_apiEnabled->isChecked();
    if (UiSettings *settings = context().settings) {
        settings->setApiEnabled(enabled);
        settings->setApiBind(s.bind);
        settings->setApiPort(s.port);
    }
    api->apply(enabled, s); // stateChanged refreshes the status line
}

void SettingsPage::refreshApiStatus()
{
    const ApiController *api = context().api;
    if (!api) return;
    const Theme &t = theme();
    QString text;
    QColor colour = t.textMuted;
    switch (api->state()) {
    case ApiController::State::Running:
        text = api->settings().token.isEmpty() ? tr("Serving at %1").arg(api->baseUrl())
                                               : tr("Serving at %1 · token required").arg(api->baseUrl());
        colour = t.success;
        break;
    case ApiController::State::Error:
        text = tr("Not serving: %1").arg(api->error());
        colour = t.error;
        break;
    case ApiController::State::Off:
        text = tr("Off");
        break;
    }
    m_apiStatus->setText(text);
    m_apiStatus->setStyleSheet(QStringLiteral("color: %1;").arg(colour.name()));
}

void SettingsPage::showAlertSettings()
{
    // After the page is laid out: it may have been hidden until now.
    QTimer::singleShot(0, this, [this] {
        auto *scroll = findChild<QScrollArea *>();
        if (!scroll || !scroll->widget()) return;
        scroll->verticalScrollBar()->setValue(m_alerts->mapTo(scroll->widget(), QPoint(0, 0)).y() - 12);
        m_alerts->masterSwitch()->setFocus();
    });
}

void SettingsPage::setTrayAvailable(bool available)
{
    m_alerts->setDesktopAvailable(available);
    m_closeToTray->setEnabled(available);
    m_notifications->setEnabled(available);
    if (!available) {
        m_closeToTray->setToolTip(tr("This desktop has no system tray"));
        m_notifications->setToolTip(tr("This desktop has no system tray"));
    }
}

void SettingsPage::onActivated()
{
    refreshKeyStatus();
    refreshStorage();
    m_alerts->reloadIfUnchanged();
}

void SettingsPage::buildProviders(QVBoxLayout *layout)
{
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    int row = 0;
    for (const ServiceConfig &c : context().config.services) {
        auto *name = new QLabel(QStringLiteral("<b>%1</b>").arg(c.name.toHtmlEscaped()));
        auto *kind = new QLabel(Labels::providerKind(c.kind));
        kind->setObjectName(QStringLiteral("hint"));
        auto *status = new QLabel;
        status->setWordWrap(true);
        status->setMaximumWidth(340);
        auto *edit = new QLineEdit;
        edit->setEchoMode(QLineEdit::Password);
        edit->setPlaceholderText(c.requiresKey ? tr("Paste an API key") : tr("No key needed"));
        edit->setEnabled(c.requiresKey);
        edit->setAccessibleName(tr("API key for %1").arg(c.name));
        edit->setMinimumWidth(220);
        auto *use = new QPushButton(tr("Use key"));
        use->setEnabled(c.requiresKey);
        auto *forget = new QPushButton(tr("Forget"));
        forget->setToolTip(tr("Drop the key: the service runs on the simulation again"));
        forget->setEnabled(c.requiresKey);
        grid->addWidget(name, row, 0);
        grid->addWidget(kind, row, 1);
        grid->addWidget(status, row, 2);
        grid->addWidget(edit, row, 3);
        grid->addWidget(use, row, 4);
        grid->addWidget(forget, row, 5);
        m_keys.insert(c.name, edit);
        m_useKey.insert(c.name, use);
        m_keyStatus.insert(c.name, status);
        const QString service = c.name;
        connect(use, &QPushButton::clicked, this, [this, service, edit] {
            if (edit->text().trimmed().isEmpty()) return;
            setKey(service, edit->text().trimmed());
            edit->clear();
        });
        connect(edit, &QLineEdit::returnPressed, use, &QPushButton::click);
        connect(forget, &QPushButton::clicked, this, [this, service] { setKey(service, QString()); });
        ++row;
    }
    grid->setColumnStretch(3, 1);
    layout->addLayout(grid);
    m_keychainState->setObjectName(QStringLiteral("hint"));
    m_keychainState->setWordWrap(true);
    layout->addWidget(m_keychainState);
    connect(m_keyStore, &KeyStore::keyLoaded, this, &SettingsPage::applyStoredKey);
    connect(m_keyStore, &KeyStore::keyStored, this, &SettingsPage::refreshKeyStatus);
    connect(m_keyStore, &KeyStore::backendChanged, this, [this] {
        refreshKeychainState();
        refreshKeyStatus();
    });
    QStringList withKeys;
    for (const ServiceConfig &c : context().config.services)
        if (c.requiresKey) withKeys.append(c.name);
    m_keyStore->load(withKeys);
    refreshKeychainState();
    refreshKeyStatus();
}

void SettingsPage::applyStoredKey(const QString &service, const QString &key)
{
    queryEngine(
        context().host, this,
        [service, key](RequestEngine &e) {
            const ServiceConfig *current = e.serviceConfig(service);
            // A key from the environment or the configuration file takes precedence.
            if (!current || !current->apiKey.isEmpty()) return QString();
            ServiceConfig c = *current;
            c.apiKey = key;
            c.keySource.clear(); // like a key entered by hand: KeyStore knows where it lives
            return e.upsertService(c);
        },
        [this, service](const QString &error) {
            if (QLabel *status = m_keyStatus.value(service); status && !error.isEmpty())
                status->setText(error);
            refreshKeyStatus();
            context().live->refreshSoon();
        });
}

void SettingsPage::refreshKeychainState()
{
    switch (m_keyStore->backend()) {
    case KeyStore::Backend::Unknown:
        m_keychainState->setText(tr("OS keychain: checking…"));
        break;
    case KeyStore::Backend::Available:
        m_keychainState->setText(tr("OS keychain: available. Keys entered here are kept there."));
        break;
    case KeyStore::Backend::Unavailable:
        m_keychainState->setText(tr("OS keychain: not available (%1). Keys entered here are kept in memory "
                                    "until the program ends.")
                                     .arg(m_keyStore->unavailableReason()));
        break;
    }
}

void SettingsPage::setKey(const QString &service, const QString &key)
{
    queryEngine(
        context().host, this,
        [service, key](RequestEngine &e) {
            const ServiceConfig *current = e.serviceConfig(service);
            if (!current) return QStringLiteral("unknown service");
            ServiceConfig c = *current;
            c.apiKey = key;
            c.keySource.clear(); // entered by hand: KeyStore knows where it lives
            return e.upsertService(c);
        },
        [this, service, key](const QString &error) {
            if (error.isEmpty()) m_keyStore->store(service, key); // an empty key removes it
            if (QLabel *status = m_keyStatus.value(service); status && !error.isEmpty())
                status->setText(error);
            refreshKeyStatus();
            context().live->refreshSoon();
        });
}

void SettingsPage::refreshKeyStatus()
{
    queryEngine(
        context().host, this,
        [](RequestEngine &e) {
            QList<std::pair<QString, QString>> out; // service, "set:source" | "missing" | "not_required"
            for (const QString &s : e.serviceNames()) {
                const ServiceConfig *c = e.serviceConfig(s);
                if (!c) continue;
                out.append({s, !c->requiresKey       ? QStringLiteral("not_required")
                               : c->apiKey.isEmpty() ? QStringLiteral("missing")
                                                     : QStringLiteral("set:") + c->keySource});
            }
            return out;
        },
        [this](const QList<std::pair<QString, QString>> &states) {
            const Theme &t = theme();
            for (const auto &[service, state] : states) {
                QLabel *label = m_keyStatus.value(service);
                if (!label) continue;
                if (state == QLatin1String("not_required")) {
                    label->setText(tr("no key needed"));
                    label->setStyleSheet(QStringLiteral("color: %1;").arg(t.textMuted.name()));
                } else if (state == QLatin1String("missing")) {
                    label->setText(tr("missing: simulated"));
                    label->setStyleSheet(QStringLiteral("color: %1;").arg(t.warning.name()));
                } else {
                    const QString source = state.mid(4);
                    label->setText(source.startsWith(QLatin1String("env:"))
                                       ? tr("from the environment (%1)").arg(source.mid(4))
                                   : source == QLatin1String("config") ? tr("from the configuration")
                                                                       : storedKeyText(service));
                    label->setStyleSheet(QStringLiteral("color: %1;").arg(t.success.name()));
                }
            }
        });
}

QString SettingsPage::storedKeyText(const QString &service) const
{
    switch (m_keyStore->location(service)) {
    case KeyStore::Location::Keychain:
        return tr("in the OS keychain");
    case KeyStore::Location::Memory:
        return m_keyStore->backend() == KeyStore::Backend::Unavailable
                   ? tr("in memory for this session: no keychain available (%1)")
                         .arg(m_keyStore->unavailableReason())
                   : tr("in memory for this session");
    case KeyStore::Location::None:
        break;
    }
    return tr("in memory for this session"); // set through the REST API
}

void SettingsPage::refreshStorage()
{
    StorageStatus *storage = context().storage;
    const QString chosen = context().settings ? context().settings->value(kDatabasePathKey) : QString();
    QString location = storage && !storage->location().isEmpty() ? storage->location()
                                                                 : DatabaseLocation::defaultSqlitePath();
    if (!chosen.isEmpty() && !location.contains(chosen)) location += tr("\nNext start: %1").arg(chosen);
    m_dbLocation->setText(location);
    const Theme &t = theme();
    if (!storage || !storage->available()) {
        m_dbState->setText(storage && !storage->unavailableReason().isEmpty() ? storage->unavailableReason()
                                                                              : tr("not open"));
        m_dbState->setStyleSheet(QStringLiteral("color: %1;").arg(t.error.name()));
        return;
    }
    const StorageState &s = storage->state();
    QString text;
    switch (s.health) {
    case StorageState::Health::Ok:
        text = tr("OK · %1 written · %2 queued").arg(Labels::count(s.written), Labels::count(s.queued));
        break;
    case StorageState::Health::Degraded:
        text = tr("Degraded: %1 · %2 kept in memory, %3 in the journal; nothing is lost")
                   .arg(s.reason, Labels::count(s.queued), Labels::count(s.journaled));
        break;
    case StorageState::Health::Starting:
        text = tr("Opening…");
        break;
    case StorageState::Health::Stopped:
        text = tr("Stopped");
        break;
    }
    m_dbState->setText(text);
    m_dbState->setStyleSheet(QStringLiteral("color: %1;")
                                 .arg(s.isOk()         ? t.success.name()
                                      : s.isDegraded() ? t.warning.name()
                                                       : t.textMuted.name()));
}

} // namespace airm::ui
