#include "alertsettingscard.h"

#include "alertlabels.h"
#include "alerttester.h"
#include "uisettings.h"

#include "alerts/alertmanager.h"
#include "settings/keystore.h"

#include <QAbstractScrollArea>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

// The widgets' ranges; AlertRulesConfig::validate() has the last word.
constexpr int kMaxSeconds = 7 * 86'400; // cooldown and stuck-open: one week
constexpr int kMaxLatencyMs = 3'600'000;
constexpr int kMaxMinRequests = 1'000'000;
constexpr int kMaxRetries = 10;
constexpr int kMinRetryInitialMs = 10;
constexpr int kMaxRetryInitialMs = 600'000;
constexpr int kMinTimeoutMs = 100;
constexpr int kMaxTimeoutMs = 300'000;

const QString kRulesKey = QStringLiteral("rules");
const QString kChannelsKey = QStringLiteral("channels");

int seconds(qint64 ms)
{
    return int(std::clamp<qint64>(qRound64(double(ms) / 1000.0), 0, kMaxSeconds));
}

// A value shown in whole seconds goes back as it was when it was not edited (1.5 s stays 1500 ms).
qint64 milliseconds(int shownSeconds, qint64 loadedMs)
{
    return shownSeconds == seconds(loadedMs) ? loadedMs : qint64(shownSeconds) * 1000;
}

QLabel *muted(const QString &text)
{
    auto *l = new QLabel(text);
    l->setObjectName(QStringLiteral("hint"));
    return l;
}

QSpinBox *spin(int lo, int hi, const QString &suffix, const QString &accessibleName)
{
    auto *s = new QSpinBox;
    s->setRange(lo, hi);
    s->setSuffix(suffix);
    s->setAccessibleName(accessibleName);
    s->setMinimumWidth(110);
    return s;
}

void setInvalid(QWidget *w, bool invalid)
{
    if (w->property("invalid").toBool() == invalid) return;
    w->setProperty("invalid", invalid);
    repolish(w);
}

} // namespace

AlertSettingsCard::AlertSettingsCard(AlertManager *alerts, UiSettings *settings, QWidget *parent)
    : Card(tr("Alerts"), parent)
    , m_alerts(alerts)
    , m_settings(settings)
    , m_tester(new AlertTester(alerts, this))
    , m_master(new QCheckBox(tr("Raise alerts")))
    , m_desktop(new QCheckBox(tr("Show a desktop notification for each alert")))
    , m_webhook(new QLineEdit)
    , m_slack(new QLineEdit)
    , m_smtpHost(new QLineEdit)
    , m_smtpPort(spin(1, 65535, QString(), tr("SMTP port")))
    , m_smtpSecurity(new QComboBox)
    , m_smtpUser(new QLineEdit)
    , m_smtpPassword(new QLineEdit)
    , m_smtpFrom(new QLineEdit)
    , m_smtpTo(new QLineEdit)
    , m_passwordStore(new KeyStore(KeyStore::smtpPasswordConfig(), this))
    , m_retries(spin(0, kMaxRetries, QString(), tr("Retries")))
    , m_retryInitial(spin(kMinRetryInitialMs, kMaxRetryInitialMs, tr(" ms"), tr("First retry after")))
    , m_timeout(spin(kMinTimeoutMs, kMaxTimeoutMs, tr(" ms"), tr("Timeout per attempt")))
    , m_apply(new QPushButton(tr("Apply")))
    , m_revert(new QPushButton(tr("Revert")))
    , m_status(new QLabel)
{
    setHint(tr("Rules raise alerts from breaker transitions, live metrics, scenario runs and the database; "
               "each rule waits its cooldown before it alerts again for the same service. Changes take "
               "effect when applied."));
    m_master->setToolTip(tr("The master switch: while off, no rule is evaluated and nothing is sent"));
    body()->addWidget(m_master);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(6);
    buildRules(grid);
    body()->addLayout(grid);
    body()->addWidget(buildChannels());

    auto *buttons = new QHBoxLayout;
    m_apply->setProperty("role", QStringLiteral("primary"));
    m_apply->setToolTip(tr("Validate the rules and channels, use them now and save them"));
    m_revert->setToolTip(tr("Show the rules in use again, dropping the changes not applied"));
    buttons->addWidget(m_apply);
    buttons->addWidget(m_revert);
    buttons->addSpacing(8);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons->addWidget(m_status, 1);
    body()->addLayout(buttons);
    auto *storage = muted(
        settings ? tr("Webhook and Slack URLs are stored in plain text in the settings file %1, like every "
                      "setting here. A Slack URL contains its secret token: keep the file private. The SMTP "
                      "password is never saved there: it goes to the OS keychain, or lasts until the window "
                      "closes when there is none.")
                       .arg(settings->fileName())
                 : tr("Settings are not saved in this window."));
    storage->setWordWrap(true);
    storage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    body()->addWidget(storage);

    connect(m_apply, &QPushButton::clicked, this, &AlertSettingsCard::apply);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        load();
        setStatus(tr("Showing the rules in use."), QString());
    });
    connect(m_master, &QCheckBox::toggled, this, &AlertSettingsCard::updateEnabledState);
    watch(m_master);
    connect(m_tester, &AlertTester::reported, this,
            [this](AlertChannel channel) { showTestResult(channel); });

    load();
    if (!alerts) {
        setEnabled(false);
        setStatus(tr("This window was started without alerts."), QString());
        return;
    }
    // The SMTP password saved here last time, unless the config file or the environment gives one.
    connect(m_passwordStore, &KeyStore::keyLoaded, this, [this](const QString &, const QString &password) {
        if (!m_alerts || !m_alerts->config().channels.email.password.isEmpty()) return;
        AlertRulesConfig config = m_alerts->config();
        config.channels.email.password = password;
        m_alerts->setConfig(config);
        if (!m_changed) load();
    });
    const SmtpSettings &email = alerts->config().channels.email;
    if (email.isEnabled() && !email.username.isEmpty() && email.password.isEmpty() &&
        !qEnvironmentVariableIsSet("AIRM_SMTP_PASSWORD"))
        m_passwordStore->load({KeyStore::smtpPasswordName()});
}

void AlertSettingsCard::buildRules(QGridLayout *grid)
{
    int r = 0;
    grid->addWidget(muted(tr("Rule")), r, 0);
    grid->addWidget(muted(tr("Severity")), r, 1);
    grid->addWidget(muted(tr("Cooldown")), r, 2);
    grid->addWidget(muted(tr("Threshold")), r, 3);
    ++r;
    for (const AlertRuleId id : AlertRulesConfig::allRules()) {
        RuleRow &rr = m_rows[static_cast<std::size_t>(id)];
        const QString title = AlertLabels::rule(id);
        rr.enabled = new QCheckBox(title);
        rr.enabled->setToolTip(AlertLabels::ruleHelp(id));
        rr.severity = new QComboBox;
        rr.severity->setAccessibleName(tr("Severity of %1").arg(title));
        for (const AlertSeverity s :
             {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Error, AlertSeverity::Critical})
            rr.severity->addItem(AlertLabels::severity(s), toString(s));
        rr.cooldown = spin(0, kMaxSeconds, tr(" s"), tr("Cooldown of %1").arg(title));
        rr.cooldown->setSpecialValueText(tr("none"));
        rr.cooldown->setToolTip(tr("No second alert of this rule for the same service within this time"));
        grid->addWidget(rr.enabled, r, 0);
        grid->addWidget(rr.severity, r, 1);
        grid->addWidget(rr.cooldown, r, 2);

        auto *thresholds = new QHBoxLayout;
        thresholds->setSpacing(6);
        if (id == AlertRuleId::BreakerStuckOpen) {
            rr.thresholdMs = spin(1, kMaxSeconds, tr(" s"), tr("Open for at least"));
            thresholds->addWidget(muted(tr("not CLOSED for")));
            thresholds->addWidget(rr.thresholdMs);
        }
        if (id == AlertRuleId::ErrorRate) {
            rr.thresholdPct = new QDoubleSpinBox;
            rr.thresholdPct->setRange(0.1, 100.0);
            rr.thresholdPct->setDecimals(1);
            rr.thresholdPct->setSuffix(tr(" %"));
            rr.thresholdPct->setMinimumWidth(110);
            rr.thresholdPct->setAccessibleName(tr("Error rate threshold"));
            thresholds->addWidget(muted(tr("at least")));
            thresholds->addWidget(rr.thresholdPct);
        }
        if (id == AlertRuleId::LatencyP95) {
            rr.thresholdMs = spin(1, kMaxLatencyMs, tr(" ms"), tr("p95 latency threshold"));
            thresholds->addWidget(muted(tr("p95 at least")));
            thresholds->addWidget(rr.thresholdMs);
        }
        if (AlertRule::usesMinRequests(id)) {
            rr.minRequests = spin(1, kMaxMinRequests, QString(), tr("Minimum calls of %1").arg(title));
            rr.minRequests->setMinimumWidth(80);
            rr.minRequests->setToolTip(tr("Fewer calls in the 5-minute window never raise this alert"));
            thresholds->addWidget(muted(tr("over at least")));
            thresholds->addWidget(rr.minRequests);
            thresholds->addWidget(muted(tr("calls")));
        }
        if (!rr.thresholdMs && !rr.thresholdPct) thresholds->addWidget(muted(QStringLiteral("–")));
        thresholds->addStretch(1);
        grid->addLayout(thresholds, r, 3);
        for (QWidget *w : std::initializer_list<QWidget *>{rr.enabled, rr.severity, rr.cooldown,
                                                           rr.thresholdMs, rr.thresholdPct, rr.minRequests})
            if (w) watch(w);
        connect(rr.enabled, &QCheckBox::toggled, this, &AlertSettingsCard::updateEnabledState);
        ++r;
    }
    grid->setColumnStretch(3, 1);
}

QWidget *AlertSettingsCard::buildChannels()
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    auto *title = new QLabel(tr("Channels"));
    title->setObjectName(QStringLiteral("sectionTitle"));
    layout->addWidget(title);

    auto *form = new QFormLayout;
    m_channelForm = form;
    form->setHorizontalSpacing(16);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // One row per channel (editor and Test), and under it a row for the test's result, shown once there is
    // one: labels stay aligned with their fields.
    const auto channelRows = [this, form](const QString &label, AlertChannel channel, QWidget *editor) {
        auto *button = new QPushButton(tr("Test"));
        button->setAccessibleName(tr("Send a test alert to %1").arg(AlertLabels::channel(channel)));
        button->setToolTip(channel == AlertChannel::Desktop
                               ? tr("Show a test notification now")
                               : tr("Send a test alert to the URL in the field now (applied or not)"));
        // One line (a wrapping label makes QFormLayout reserve several); the whole text is in the tooltip.
        auto *result = new QLabel;
        result->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        result->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_testButtons.insert(int(channel), button);
        m_testResults.insert(int(channel), result);
        connect(button, &QPushButton::clicked, this, [this, channel] { test(channel); });
        auto *line = new QHBoxLayout;
        line->addWidget(editor, 1);
        line->addWidget(button);
        form->addRow(label, line);
        form->addRow(QString(), result);
        form->setRowVisible(result, false);
    };
    channelRows(tr("Desktop"), AlertChannel::Desktop, m_desktop);
    for (QLineEdit *edit : {m_webhook, m_slack}) {
        edit->setMinimumWidth(420);
        edit->setClearButtonEnabled(true);
        watch(edit);
    }
    m_webhook->setPlaceholderText(tr("https://example.com/hooks/alerts (empty: off)"));
    m_webhook->setAccessibleName(tr("Webhook URL"));
    m_webhook->setToolTip(tr("Receives each alert as a JSON object (POST)"));
    m_slack->setPlaceholderText(tr("https://hooks.slack.com/services/… (empty: off)"));
    m_slack->setAccessibleName(tr("Slack URL"));
    m_slack->setToolTip(tr("A Slack incoming webhook: each alert as a message coloured by severity"));
    channelRows(tr("Webhook URL"), AlertChannel::Webhook, m_webhook);
    channelRows(tr("Slack URL"), AlertChannel::Slack, m_slack);
    watch(m_desktop);
    buildEmailRows(form, channelRows);

    auto *delivery = new QHBoxLayout;
    delivery->setSpacing(6);
    m_retries->setMinimumWidth(70);
    m_retries->setToolTip(tr("Attempts after a failed one (network error, timeout, 408, 429 or 5xx)"));
    m_retryInitial->setToolTip(tr("The wait before the first retry; each next wait is twice as long"));
    delivery->addWidget(m_retries);
    delivery->addWidget(muted(tr("retries, the first after")));
    delivery->addWidget(m_retryInitial);
    delivery->addSpacing(10);
    delivery->addWidget(muted(tr("timeout")));
    delivery->addWidget(m_timeout);
    delivery->addStretch(1);
    for (QWidget *w : std::initializer_list<QWidget *>{m_retries, m_retryInitial, m_timeout})
        watch(w);
    form->addRow(tr("Delivery"), delivery);
    layout->addLayout(form);
    return box;
}

void AlertSettingsCard::buildEmailRows(
    QFormLayout *form, const std::function<void(const QString &, AlertChannel, QWidget *)> &row)
{
    m_smtpHost->setPlaceholderText(tr("smtp.example.com (empty: no e-mail)"));
    m_smtpHost->setAccessibleName(tr("SMTP server"));
    m_smtpHost->setToolTip(
        tr("One e-mail per alert through this server. Test sends with the applied settings."));
    m_smtpHost->setClearButtonEnabled(true);
    row(tr("E-mail via"), AlertChannel::Email, m_smtpHost);
    m_testButtons.value(int(AlertChannel::Email))
        ->setToolTip(tr("Send a test e-mail now with the applied settings"));

    m_smtpSecurity->addItem(tr("STARTTLS (port 587)"), QStringLiteral("starttls"));
    m_smtpSecurity->addItem(tr("TLS (port 465)"), QStringLiteral("tls"));
    m_smtpSecurity->addItem(tr("None (a local relay)"), QStringLiteral("none"));
    m_smtpSecurity->setAccessibleName(tr("SMTP security"));
    m_smtpSecurity->setToolTip(tr("None is refused with a password unless the server is on this machine"));
    connect(m_smtpSecurity, &QComboBox::activated, this, [this] {
        const QString security = m_smtpSecurity->currentData().toString();
        if (m_smtpPort->value() == 587 || m_smtpPort->value() == 465 || m_smtpPort->value() == 25)
            m_smtpPort->setValue(security == QLatin1String("tls")    ? 465
                                 : security == QLatin1String("none") ? 25
                                                                     : 587);
    });
    auto *connection = new QHBoxLayout;
    connection->setSpacing(6);
    connection->addWidget(muted(tr("port")));
    connection->addWidget(m_smtpPort);
    connection->addSpacing(10);
    connection->addWidget(m_smtpSecurity, 1);
    form->addRow(QString(), connection);

    m_smtpUser->setPlaceholderText(tr("user (empty: no login)"));
    m_smtpUser->setAccessibleName(tr("SMTP user"));
    m_smtpPassword->setEchoMode(QLineEdit::Password);
    m_smtpPassword->setAccessibleName(tr("SMTP password"));
    auto *login = new QHBoxLayout;
    login->setSpacing(6);
    login->addWidget(m_smtpUser, 1);
    login->addWidget(m_smtpPassword, 1);
    form->addRow(tr("Login"), login);

    m_smtpFrom->setPlaceholderText(tr("monitor@example.com"));
    m_smtpFrom->setAccessibleName(tr("E-mail sender"));
    m_smtpTo->setPlaceholderText(tr("oncall@example.com, lead@example.com"));
    m_smtpTo->setAccessibleName(tr("E-mail recipients"));
    auto *addresses = new QHBoxLayout;
    addresses->setSpacing(6);
    addresses->addWidget(m_smtpFrom, 1);
    addresses->addWidget(muted(tr("to")));
    addresses->addWidget(m_smtpTo, 2);
    form->addRow(tr("From"), addresses);
    for (QWidget *w : std::initializer_list<QWidget *>{m_smtpHost, m_smtpPort, m_smtpSecurity, m_smtpUser,
                                                       m_smtpPassword, m_smtpFrom, m_smtpTo})
        watch(w);
}

void AlertSettingsCard::watch(QWidget *editor)
{
    if (qobject_cast<QAbstractSpinBox *>(editor) || qobject_cast<QComboBox *>(editor)) {
        editor->setFocusPolicy(Qt::StrongFocus);
        editor->installEventFilter(this);
    }
    if (auto *b = qobject_cast<QCheckBox *>(editor))
        connect(b, &QCheckBox::toggled, this, &AlertSettingsCard::markChanged);
    else if (auto *c = qobject_cast<QComboBox *>(editor))
        connect(c, &QComboBox::currentIndexChanged, this, &AlertSettingsCard::markChanged);
    else if (auto *s = qobject_cast<QSpinBox *>(editor))
        connect(s, &QSpinBox::valueChanged, this, &AlertSettingsCard::markChanged);
    else if (auto *d = qobject_cast<QDoubleSpinBox *>(editor))
        connect(d, &QDoubleSpinBox::valueChanged, this, &AlertSettingsCard::markChanged);
    else if (auto *e = qobject_cast<QLineEdit *>(editor)) {
        connect(e, &QLineEdit::textEdited, this, &AlertSettingsCard::markChanged);
        connect(e, &QLineEdit::returnPressed, this, &AlertSettingsCard::apply);
    }
}

bool AlertSettingsCard::eventFilter(QObject *watched, QEvent *event)
{
    auto *widget = qobject_cast<QWidget *>(watched);
    if (event->type() != QEvent::Wheel || !widget || widget->hasFocus())
        return Card::eventFilter(watched, event);
    for (QWidget *w = parentWidget(); w; w = w->parentWidget())
        if (auto *area = qobject_cast<QAbstractScrollArea *>(w)) {
            QCoreApplication::sendEvent(area->verticalScrollBar(), event);
            break;
        }
    return true;
}

void AlertSettingsCard::markChanged()
{
    if (m_loading) return;
    m_changed = true;
    clearInvalid();
    setStatus(tr("Changes not applied yet."), QStringLiteral("warning"));
}

void AlertSettingsCard::load()
{
    m_shown = m_alerts ? m_alerts->config() : AlertRulesConfig{};
    const AlertRulesConfig &c = m_shown;
    m_loading = true;
    m_master->setChecked(c.enabled);
    for (const AlertRuleId id : AlertRulesConfig::allRules()) {
        const RuleRow &rr = row(id);
        const AlertRule &rule = c.rule(id);
        rr.enabled->setChecked(rule.enabled);
        rr.severity->setCurrentIndex(std::max(0, rr.severity->findData(toString(rule.severity))));
        rr.cooldown->setValue(seconds(rule.cooldownMs));
        if (rr.thresholdMs)
            rr.thresholdMs->setValue(id == AlertRuleId::BreakerStuckOpen ? seconds(rule.thresholdMs)
                                                                         : int(rule.thresholdMs));
        if (rr.thresholdPct) rr.thresholdPct->setValue(rule.thresholdPct);
        if (rr.minRequests) rr.minRequests->setValue(rule.minRequests);
    }
    m_desktop->setChecked(c.channels.desktop);
    m_webhook->setText(c.channels.webhookUrl.toString());
    m_slack->setText(c.channels.slackUrl.toString());
    const SmtpSettings &email = c.channels.email;
    m_smtpHost->setText(email.host);
    m_smtpPort->setValue(email.port);
    m_smtpSecurity->setCurrentIndex(
        std::max(0, m_smtpSecurity->findData(SmtpSettings::securityName(email.security))));
    m_smtpUser->setText(email.username);
    m_smtpPassword->clear();
    m_smtpPassword->setPlaceholderText(email.password.isEmpty() ? tr("password (or AIRM_SMTP_PASSWORD)")
                                                                : tr("password set: type to replace"));
    m_smtpFrom->setText(email.from);
    m_smtpTo->setText(email.to.join(QLatin1String(", ")));
    m_retries->setValue(c.channels.retries);
    m_retryInitial->setValue(int(c.channels.retryInitialMs));
    m_timeout->setValue(int(c.channels.timeoutMs));
    m_loading = false;
    m_changed = false;
    clearInvalid();
    updateEnabledState();
}

void AlertSettingsCard::reloadIfUnchanged()
{
    if (!m_changed) load();
}

QJsonObject AlertSettingsCard::fieldsJson() const
{
    QJsonObject rules;
    for (const AlertRuleId id : AlertRulesConfig::allRules()) {
        const RuleRow &rr = row(id);
        const AlertRule &loaded = m_shown.rule(id);
        QJsonObject o{{QStringLiteral("enabled"), rr.enabled->isChecked()},
                      {QStringLiteral("severity"), rr.severity->currentData().toString()},
                      {QStringLiteral("cooldownMs"), milliseconds(rr.cooldown->value(), loaded.cooldownMs)}};
        if (rr.thresholdMs)
            o.insert(QStringLiteral("thresholdMs"),
                     id == AlertRuleId::BreakerStuckOpen
                         ? milliseconds(rr.thresholdMs->value(), loaded.thresholdMs)
                         : qint64(rr.thresholdMs->value()));
        if (rr.thresholdPct) {
            // The box shows one decimal: an unedited value keeps its precision.
            const double shown = rr.thresholdPct->value();
            o.insert(QStringLiteral("thresholdPct"),
                     qFuzzyCompare(shown, std::round(loaded.thresholdPct * 10) / 10) ? loaded.thresholdPct
                                                                                     : shown);
        }
        if (rr.minRequests) o.insert(QStringLiteral("minRequests"), rr.minRequests->value());
        rules.insert(toString(id), o);
    }
    QJsonObject email{{QStringLiteral("host"), m_smtpHost->text().trimmed()},
                      {QStringLiteral("port"), m_smtpPort->value()},
                      {QStringLiteral("security"), m_smtpSecurity->currentData().toString()},
                      {QStringLiteral("username"), m_smtpUser->text().trimmed()},
                      {QStringLiteral("from"), m_smtpFrom->text().trimmed()},
                      {QStringLiteral("to"), m_smtpTo->text()}};
    if (!m_smtpPassword->text().isEmpty()) email.insert(QStringLiteral("password"), m_smtpPassword->text());
    const QJsonObject channels{{QStringLiteral("desktop"), m_desktop->isChecked()},
                               {QStringLiteral("webhookUrl"), m_webhook->text().trimmed()},
                               {QStringLiteral("slackUrl"), m_slack->text().trimmed()},
                               {QStringLiteral("email"), email},
                               {QStringLiteral("retries"), m_retries->value()},
                               {QStringLiteral("retryInitialMs"), m_retryInitial->value()},
                               {QStringLiteral("timeoutMs"), m_timeout->value()}};
    return {{QStringLiteral("enabled"), m_master->isChecked()}, {kRulesKey, rules}, {kChannelsKey, channels}};
}

QString AlertSettingsCard::apply()
{
    if (!m_alerts) return tr("This window was started without alerts.");
    clearInvalid();
    QString error;
    const std::optional<AlertRulesConfig> config =
        AlertRulesConfig::fromJson(fieldsJson(), &error, m_alerts->config());
    if (config) error = m_alerts->setConfig(*config);
    if (!error.isEmpty()) {
        showError(error);
        return error;
    }
    if (m_settings) {
        m_settings->setAlertRules(
            config->toJson()); // never with the SMTP password: that goes to the keychain
        m_settings->sync();
    }
    if (!m_smtpPassword->text().isEmpty())
        m_passwordStore->store(KeyStore::smtpPasswordName(), m_smtpPassword->text());
    load();
    int on = 0;
    for (const AlertRuleId id : AlertRulesConfig::allRules())
        on += config->rule(id).enabled ? 1 : 0;
    setStatus(config->enabled ? tr("Applied and saved: %1 of %2 rules on.").arg(on).arg(kAlertRuleCount)
                              : tr("Applied and saved: alerts are off."),
              QStringLiteral("success"));
    emit applied();
    return {};
}

void AlertSettingsCard::showError(const QString &error)
{
    // The core names the field first ("channels.webhookUrl must be ..."): point at its widget.
    QWidget *field = nullptr;
    QString text = error;
    if (error.startsWith(QLatin1String("channels.webhookUrl"))) {
        field = m_webhook;
        text = tr("The webhook URL must be an http:// or https:// address with a host, or empty to turn the "
                  "webhook off.");
    } else if (error.startsWith(QLatin1String("channels.slackUrl"))) {
        field = m_slack;
        text = tr("The Slack URL must be an http:// or https:// address with a host, or empty to turn Slack "
                  "off.");
    } else if (error.startsWith(QLatin1String("channels.email"))) {
        if (error.contains(QLatin1String("from")))
            field = m_smtpFrom;
        else if (error.contains(QLatin1String("to:")) || error.contains(QLatin1String("recipient")))
            field = m_smtpTo;
        else if (error.contains(QLatin1String("password")))
            field = m_smtpSecurity;
        else
            field = m_smtpHost;
    } else if (error.startsWith(QLatin1String("channels.retries"))) {
        field = m_retries;
    } else if (error.startsWith(QLatin1String("channels.retryInitialMs"))) {
        field = m_retryInitial;
    } else if (error.startsWith(QLatin1String("channels.timeoutMs"))) {
        field = m_timeout;
    } else if (error.startsWith(QLatin1String("rules."))) {
        const QStringList path = error.section(QLatin1Char(' '), 0, 0).split(QLatin1Char('.'));
        if (const std::optional<AlertRuleId> id = alertRuleFromString(path.value(1))) {
            const RuleRow &rr = row(*id);
            const QString key = path.value(2);
            field = key == QLatin1String("cooldownMs")     ? static_cast<QWidget *>(rr.cooldown)
                    : key == QLatin1String("thresholdMs")  ? static_cast<QWidget *>(rr.thresholdMs)
                    : key == QLatin1String("thresholdPct") ? static_cast<QWidget *>(rr.thresholdPct)
                    : key == QLatin1String("minRequests")  ? static_cast<QWidget *>(rr.minRequests)
                                                           : static_cast<QWidget *>(rr.severity);
            text = tr("%1: %2").arg(AlertLabels::rule(*id), error);
        }
    }
    if (field) {
        setInvalid(field, true);
        m_invalid << field;
        field->setFocus();
    }
    setStatus(tr("Not applied. %1").arg(text), QStringLiteral("error"));
}

void AlertSettingsCard::clearInvalid()
{
    for (QWidget *w : std::as_const(m_invalid))
        setInvalid(w, false);
    m_invalid.clear();
}

void AlertSettingsCard::setStatus(const QString &text, const QString &tone)
{
    m_status->setText(text);
    m_status->setObjectName(tone == QLatin1String("error")     ? QStringLiteral("errorText")
                            : tone == QLatin1String("success") ? QStringLiteral("okText")
                                                               : QStringLiteral("hint"));
    repolish(m_status);
}

void AlertSettingsCard::test(AlertChannel channel)
{
    if (channel == AlertChannel::Desktop || channel == AlertChannel::Email) {
        m_tester->send(channel);
        return;
    }
    const QString text = (channel == AlertChannel::Webhook ? m_webhook : m_slack)->text().trimmed();
    if (text.isEmpty()) {
        QLabel *result = m_testResults.value(int(channel));
        result->setText(tr("Enter a URL first."));
        result->setToolTip(QString());
        result->setObjectName(QStringLiteral("errorText"));
        repolish(result);
        m_channelForm->setRowVisible(result, true);
        return;
    }
    m_tester->send(channel, QUrl(text, QUrl::StrictMode));
}

void AlertSettingsCard::showTestResult(AlertChannel channel)
{
    QLabel *label = m_testResults.value(int(channel));
    label->setText(m_tester->text(channel));
    label->setToolTip(label->text());
    switch (m_tester->outcome(channel)) {
    case AlertTester::Outcome::Delivered:
        label->setObjectName(QStringLiteral("okText"));
        break;
    case AlertTester::Outcome::Pending:
        label->setObjectName(QStringLiteral("hint"));
        break;
    case AlertTester::Outcome::Failed:
    case AlertTester::Outcome::NotSent:
        label->setObjectName(QStringLiteral("errorText"));
        break;
    }
    repolish(label);
    m_channelForm->setRowVisible(label, !label->text().isEmpty());
}

void AlertSettingsCard::setDesktopAvailable(bool available)
{
    m_desktopAvailable = available;
    m_desktop->setToolTip(available ? QString() : tr("This desktop has no system tray"));
    updateEnabledState();
}

void AlertSettingsCard::updateEnabledState()
{
    const bool on = m_master->isChecked();
    for (const AlertRuleId id : AlertRulesConfig::allRules()) {
        const RuleRow &rr = row(id);
        rr.enabled->setEnabled(on);
        const bool ruleOn = on && rr.enabled->isChecked();
        for (QWidget *w : std::initializer_list<QWidget *>{rr.severity, rr.cooldown, rr.thresholdMs,
                                                           rr.thresholdPct, rr.minRequests})
            if (w) w->setEnabled(ruleOn);
    }
    m_desktop->setEnabled(m_desktopAvailable);
    if (QPushButton *b = m_testButtons.value(int(AlertChannel::Desktop))) b->setEnabled(m_desktopAvailable);
}

} // namespace airm::ui
