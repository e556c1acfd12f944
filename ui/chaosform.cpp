#include "chaosform.h"

#include "card.h"
#include "labels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

constexpr int kDefaultDurationS = 30;
constexpr int kMaxDurationS = int(ChaosLimits::kMaxDurationMs / 1000);

} // namespace

ChaosForm::ChaosForm(QWidget *parent)
    : QWidget(parent)
    , m_type(new QComboBox)
    , m_help(new QLabel)
    , m_all(new QCheckBox(tr("All services")))
    , m_targetBox(new QWidget)
    , m_form(new QFormLayout)
    , m_latency(new QSpinBox)
    , m_jitter(new QSpinBox)
    , m_probability(new QDoubleSpinBox)
    , m_status(new QSpinBox)
    , m_failSeconds(new QSpinBox)
    , m_healthySeconds(new QSpinBox)
    , m_corruption(new QComboBox)
    , m_retryAfter(new QSpinBox)
    , m_injection(new QDoubleSpinBox)
    , m_duration(new QSpinBox)
    , m_validation(new QLabel)
    , m_result(new QLabel)
    , m_inject(new QPushButton(tr("Inject chaos")))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    auto *targetsTitle = new QLabel(tr("Targets"));
    targetsTitle->setObjectName(QStringLiteral("metricName"));
    layout->addWidget(targetsTitle);
    auto *targets = new QHBoxLayout(m_targetBox);
    targets->setContentsMargins(0, 0, 0, 0);
    targets->setSpacing(14);
    m_all->setToolTip(tr("Every configured service, including ones added later"));
    layout->addWidget(m_all);
    layout->addWidget(m_targetBox);

    for (const ChaosType t :
         {ChaosType::Latency, ChaosType::Failure, ChaosType::Timeout, ChaosType::Intermittent,
          ChaosType::Unavailable, ChaosType::Corruption, ChaosType::RateLimit})
        m_type->addItem(Labels::chaosType(t), int(t));
    m_type->setAccessibleName(tr("Chaos type"));
    m_help->setObjectName(QStringLiteral("hint"));
    m_help->setWordWrap(true);

    m_latency->setRange(0, ChaosLimits::kMaxLatencyMs);
    m_latency->setValue(1000);
    m_latency->setSuffix(tr(" ms"));
    m_latency->setSingleStep(100);
    m_latency->setToolTip(tr("0 to %1 ms added to every touched call").arg(ChaosLimits::kMaxLatencyMs));
    m_jitter->setRange(0, ChaosLimits::kMaxJitterMs);
    m_jitter->setSuffix(tr(" ms"));
    m_jitter->setSingleStep(50);
    m_jitter->setToolTip(tr("A random extra delay between 0 and this"));
    m_probability->setRange(0, 100);
    m_probability->setValue(100);
    m_probability->setDecimals(1);
    m_probability->setSuffix(tr(" %"));
    m_probability->setToolTip(tr("Share of touched calls that get the fault"));
    m_status->setRange(400, 599);
    m_status->setValue(500);
    m_status->setToolTip(tr("HTTP status to answer with, 400 to 599"));
    m_failSeconds->setRange(1, ChaosLimits::kMaxBurstS);
    m_failSeconds->setValue(5);
    m_failSeconds->setSuffix(tr(" s"));
    m_healthySeconds->setRange(1, ChaosLimits::kMaxBurstS);
    m_healthySeconds->setValue(5);
    m_healthySeconds->setSuffix(tr(" s"));
    for (const CorruptionMode m : {CorruptionMode::InvalidJson, CorruptionMode::Truncated,
                                   CorruptionMode::WrongSchema, CorruptionMode::Empty})
        m_corruption->addItem(Labels::corruptionMode(m), int(m));
    m_retryAfter->setRange(0, ChaosLimits::kMaxRetryAfterS);
    m_retryAfter->setValue(5);
    m_retryAfter->setSuffix(tr(" s"));
    m_retryAfter->setToolTip(tr("Retry-After header value sent with the 429"));
    // The common fields allow the invalid zero, so validate() explains instead of the box silently refusing.
    m_injection->setRange(0, 100);
    m_injection->setValue(100);
    m_injection->setDecimals(1);
    m_injection->setSuffix(tr(" %"));
    m_injection->setToolTip(
        tr("Share of the targets' requests the experiment touches (more than 0, at most 100 %)"));
    m_duration->setRange(0, kMaxDurationS);
    m_duration->setValue(kDefaultDurationS);
    m_duration->setSuffix(tr(" s"));
    m_duration->setToolTip(tr("1 s to 24 h; the experiment ends by itself"));

    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_form->setHorizontalSpacing(14);
    m_form->setVerticalSpacing(8);
    m_form->addRow(tr("Type"), m_type);
    m_form->addRow(QString(), m_help);
    m_form->addRow(tr("Latency"), m_latency);
    m_form->addRow(tr("Jitter"), m_jitter);
    m_form->addRow(tr("Probability"), m_probability);
    m_form->addRow(tr("HTTP status"), m_status);
    m_form->addRow(tr("Failing for"), m_failSeconds);
    m_form->addRow(tr("Then healthy for"), m_healthySeconds);
    m_form->addRow(tr("Corruption"), m_corruption);
    m_form->addRow(tr("Retry-After"), m_retryAfter);
    m_form->addRow(tr("Injection rate"), m_injection);
    auto *durationRow = new QHBoxLayout;
    durationRow->setSpacing(6);
    for (const int seconds : {30, 60, 300}) {
        auto *preset = new QToolButton;
        preset->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        preset->setText(seconds < 60 ? tr("%1 s").arg(seconds) : tr("%1 min").arg(seconds / 60));
        preset->setToolTip(tr("Set the duration to %1").arg(Labels::duration(seconds * 1000LL)));
        connect(preset, &QToolButton::clicked, this, [this, seconds] { m_duration->setValue(seconds); });
        durationRow->addWidget(preset);
    }
    durationRow->addStretch(1);
    m_form->addRow(tr("Duration"), m_duration);
    m_form->addRow(QString(), durationRow);
    layout->addLayout(m_form);

    m_validation->setObjectName(QStringLiteral("errorText"));
    m_validation->setWordWrap(true);
    layout->addWidget(m_validation);
    auto *actions = new QHBoxLayout;
    m_inject->setProperty("role", QStringLiteral("danger"));
    m_inject->setToolTip(tr("Start the experiment (Ctrl+I)"));
    m_inject->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_result->setWordWrap(true);
    actions->addWidget(m_inject);
    actions->addWidget(m_result, 1);
    layout->addLayout(actions);
    layout->addStretch(1);

    connect(m_type, &QComboBox::currentIndexChanged, this, &ChaosForm::updateFields);
    connect(m_all, &QCheckBox::toggled, this, [this](bool all) {
        for (QCheckBox *box : std::as_const(m_targets))
            box->setEnabled(!all);
        validate();
    });
    for (QSpinBox *s :
         {m_latency, m_jitter, m_status, m_failSeconds, m_healthySeconds, m_retryAfter, m_duration})
        connect(s, &QSpinBox::valueChanged, this, &ChaosForm::validate);
    for (QDoubleSpinBox *s : {m_probability, m_injection})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ChaosForm::validate);
    connect(m_inject, &QPushButton::clicked, this, [this] {
        if (validationMessage().isEmpty()) emit injectRequested(spec());
    });
    updateFields();
}

void ChaosForm::setServices(const QStringList &services)
{
    if (services == m_order && !services.isEmpty()) return;
    m_order = services;
    QStringList checked;
    for (auto it = m_targets.cbegin(); it != m_targets.cend(); ++it)
        if (it.value()->isChecked()) checked << it.key();
    qDeleteAll(m_targets);
    m_targets.clear();
    auto *layout = static_cast<QHBoxLayout *>(m_targetBox->layout());
    while (QLayoutItem *item = layout->takeAt(0))
        delete item;
    for (int i = 0; i < services.size(); ++i) {
        auto *box = new QCheckBox(services.at(i));
        box->setChecked(checked.contains(services.at(i)) || (checked.isEmpty() && i == 0));
        box->setEnabled(!m_all->isChecked());
        connect(box, &QCheckBox::toggled, this, &ChaosForm::validate);
        layout->addWidget(box);
        m_targets.insert(services.at(i), box);
    }
    layout->addStretch(1);
    validate();
}

ChaosSpec ChaosForm::spec() const
{
    ChaosSpec s;
    s.type = ChaosType(m_type->currentData().toInt());
    if (m_all->isChecked()) {
        s.targets = {QStringLiteral("all")};
    } else {
        for (const QString &service : m_order)
            if (m_targets.value(service) && m_targets.value(service)->isChecked()) s.targets << service;
    }
    s.injectionRatePct = m_injection->value();
    s.durationMs = qint64(m_duration->value()) * 1000;
    s.latencyMs = m_latency->value();
    s.jitterMs = m_jitter->value();
    s.probabilityPct = m_probability->value();
    s.errorStatus = m_status->value();
    s.failSeconds = m_failSeconds->value();
    s.healthySeconds = m_healthySeconds->value();
    s.corruptionMode = CorruptionMode(m_corruption->currentData().toInt());
    s.retryAfterS = m_retryAfter->value();
    return s;
}

QString ChaosForm::validationMessage() const
{
    const ChaosSpec s = spec();
    if (s.targets.isEmpty()) return tr("Choose at least one target service.");
    return s.validate(); // names the parameter and its range
}

void ChaosForm::setStatus(const QString &text, bool error)
{
    m_result->setText(text);
    m_result->setObjectName(error ? QStringLiteral("errorText") : QStringLiteral("okText"));
    repolish(m_result);
}

void ChaosForm::updateFields()
{
    const auto type = ChaosType(m_type->currentData().toInt());
    m_help->setText(Labels::chaosHelp(type));
    const bool latency = type == ChaosType::Latency;
    const bool probability =
        type == ChaosType::Failure || type == ChaosType::Corruption || type == ChaosType::RateLimit;
    const bool status = type == ChaosType::Failure || type == ChaosType::Intermittent;
    const bool intermittent = type == ChaosType::Intermittent;
    m_form->setRowVisible(m_latency, latency);
    m_form->setRowVisible(m_jitter, latency);
    m_form->setRowVisible(m_probability, probability);
    m_form->setRowVisible(m_status, status);
    m_form->setRowVisible(m_failSeconds, intermittent);
    m_form->setRowVisible(m_healthySeconds, intermittent);
    m_form->setRowVisible(m_corruption, type == ChaosType::Corruption);
    m_form->setRowVisible(m_retryAfter, type == ChaosType::RateLimit);
    validate();
}

void ChaosForm::validate()
{
    const QString message = validationMessage();
    m_validation->setText(message);
    m_validation->setVisible(!message.isEmpty());
    m_inject->setEnabled(message.isEmpty());
    for (QWidget *w : {static_cast<QWidget *>(m_injection), static_cast<QWidget *>(m_duration)}) {
        const bool invalid = (w == m_injection && message.startsWith(QLatin1String("injectionRatePct"))) ||
                             (w == m_duration && message.startsWith(QLatin1String("duration")));
        if (w->property("invalid").toBool() != invalid) {
            w->setProperty("invalid", invalid);
            repolish(w);
        }
    }
}

} // namespace airm::ui
