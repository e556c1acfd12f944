#include "breakerconfigeditor.h"

#include "card.h"
#include "enginequery.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

const QString kCustom = QStringLiteral("custom");
constexpr int kMaxCount = 100'000;
constexpr int kMaxSeconds = 24 * 3600;

QSpinBox *spin(int lo, int hi, const QString &suffix, const QString &toolTip)
{
    auto *s = new QSpinBox;
    s->setRange(lo, hi);
    s->setSuffix(suffix);
    s->setToolTip(toolTip);
    s->setAccelerated(true);
    return s;
}

QDoubleSpinBox *dspin(double lo, double hi, int decimals, const QString &suffix, const QString &toolTip)
{
    auto *s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSuffix(suffix);
    s->setToolTip(toolTip);
    return s;
}

} // namespace

BreakerConfigEditor::BreakerConfigEditor(EngineHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_preset(new QComboBox)
    , m_consecutive(spin(0, kMaxCount, QString(), tr("Open after this many failures in a row (0: rule off)")))
    , m_failureRate(
          dspin(0, 100, 1, tr(" %"), tr("Open when the failure rate of the window reaches this (0: off)")))
    , m_slowRate(dspin(0, 100, 1, tr(" %"), tr("Open when the slow-call rate reaches this (0: off)")))
    , m_slowMs(spin(1, kMaxSeconds * 1000, tr(" ms"), tr("A call this slow or slower counts as slow")))
    , m_windowType(new QComboBox)
    , m_windowSize(spin(1, kMaxCount, QString(), tr("Calls (count based) or seconds (time based)")))
    , m_minimumCalls(
          spin(1, kMaxCount, QString(), tr("Rates are judged only once the window holds this many calls")))
    , m_openWaitS(spin(1, kMaxSeconds, tr(" s"), tr("Time in OPEN before probing (HALF_OPEN)")))
    , m_backoff(dspin(1, 10, 2, tr(" ×"), tr("Each consecutive re-open multiplies the wait by this")))
    , m_maxOpenWaitS(spin(1, kMaxSeconds, tr(" s"), tr("Upper bound of the open wait with backoff")))
    , m_halfOpenCalls(spin(1, kMaxCount, QString(), tr("Probe calls admitted in HALF_OPEN")))
    , m_halfOpenSuccesses(spin(1, kMaxCount, QString(), tr("Probe successes needed to close")))
    , m_apply(new QPushButton(tr("Apply")))
    , m_status(new QLabel)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *presetRow = new QHBoxLayout;
    auto *presetLabel = new QLabel(tr("Preset"));
    presetRow->addWidget(presetLabel);
    for (const QString &name : BreakerConfig::presetNames())
        m_preset->addItem(name, name);
    m_preset->addItem(tr("custom"), kCustom);
    m_preset->setToolTip(tr("seed: 3 failures in a row, 20 s open, 2 probes (the original dashboard). "
                            "resilience4j, hystrix, polly: those libraries' defaults."));
    presetLabel->setBuddy(m_preset);
    presetRow->addWidget(m_preset);
    presetRow->addStretch(1);
    layout->addLayout(presetRow);

    m_windowType->addItem(tr("Count based"), int(SlidingWindowType::CountBased));
    m_windowType->addItem(tr("Time based"), int(SlidingWindowType::TimeBased));

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(8);
    const QList<std::pair<QString, QWidget *>> fields{{tr("Consecutive failures"), m_consecutive},
                                                      {tr("Failure rate"), m_failureRate},
                                                      {tr("Slow-call rate"), m_slowRate},
                                                      {tr("Slow call from"), m_slowMs},
                                                      {tr("Window"), m_windowType},
                                                      {tr("Window size"), m_windowSize},
                                                      {tr("Minimum calls"), m_minimumCalls},
                                                      {tr("Open wait"), m_openWaitS},
                                                      {tr("Open backoff"), m_backoff},
                                                      {tr("Max open wait"), m_maxOpenWaitS},
                                                      {tr("Half-open probes"), m_halfOpenCalls},
                                                      {tr("Successes to close"), m_halfOpenSuccesses}};
    for (int i = 0; i < fields.size(); ++i) {
        auto *label = new QLabel(fields.at(i).first);
        label->setObjectName(QStringLiteral("metricName"));
        label->setBuddy(fields.at(i).second);
        const int row = (i / 3) * 2, column = i % 3;
        grid->addWidget(label, row, column);
        grid->addWidget(fields.at(i).second, row + 1, column);
    }
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);
    layout->addLayout(grid);

    auto *applyRow = new QHBoxLayout;
    m_apply->setProperty("role", QStringLiteral("primary"));
    m_status->setWordWrap(true);
    applyRow->addWidget(m_apply);
    applyRow->addWidget(m_status, 1);
    layout->addLayout(applyRow);

    connect(m_preset, &QComboBox::activated, this,
            [this] { applyPreset(m_preset->currentData().toString()); });
    for (QSpinBox *s : {m_consecutive, m_slowMs, m_windowSize, m_minimumCalls, m_openWaitS, m_maxOpenWaitS,
                        m_halfOpenCalls, m_halfOpenSuccesses})
        connect(s, &QSpinBox::valueChanged, this, &BreakerConfigEditor::markCustom);
    for (QDoubleSpinBox *s : {m_failureRate, m_slowRate, m_backoff})
        connect(s, &QDoubleSpinBox::valueChanged, this, &BreakerConfigEditor::markCustom);
    connect(m_windowType, &QComboBox::activated, this, &BreakerConfigEditor::markCustom);
    connect(m_apply, &QPushButton::clicked, this, &BreakerConfigEditor::apply);
}

void BreakerConfigEditor::setService(const QString &service)
{
    m_service = service;
    m_status->clear();
    queryEngine(
        m_host, this, [service](RequestEngine &e) { return e.breakerConfig(service); },
        [this, service](const BreakerConfig &c) {
            if (service == m_service) setConfig(c);
        });
}

void BreakerConfigEditor::setConfig(const BreakerConfig &c)
{
    m_loading = true;
    const int presetIndex = m_preset->findData(c.preset);
    m_preset->setCurrentIndex(presetIndex >= 0 ? presetIndex : m_preset->findData(kCustom));
    m_consecutive->setValue(c.consecutiveFailureThreshold);
    m_failureRate->setValue(c.failureRateThreshold);
    m_slowRate->setValue(c.slowCallRateThreshold);
    m_slowMs->setValue(int(c.slowCallDurationThresholdMs));
    m_windowType->setCurrentIndex(m_windowType->findData(int(c.slidingWindowType)));
    m_windowSize->setValue(c.slidingWindowSize);
    m_minimumCalls->setValue(c.minimumNumberOfCalls);
    m_openWaitS->setValue(int(c.waitDurationInOpenStateMs / 1000));
    m_backoff->setValue(c.openBackoffMultiplier);
    m_maxOpenWaitS->setValue(int(c.maxWaitDurationInOpenStateMs / 1000));
    m_halfOpenCalls->setValue(c.permittedNumberOfCallsInHalfOpenState);
    m_halfOpenSuccesses->setValue(c.halfOpenSuccessThreshold);
    m_recordedErrors = c.recordedErrors;
    m_loading = false;
}

BreakerConfig BreakerConfigEditor::config() const
{
    BreakerConfig c;
    c.preset = m_preset->currentData().toString();
    c.consecutiveFailureThreshold = m_consecutive->value();
    c.failureRateThreshold = m_failureRate->value();
    c.slowCallRateThreshold = m_slowRate->value();
    c.slowCallDurationThresholdMs = m_slowMs->value();
    c.slidingWindowType = SlidingWindowType(m_windowType->currentData().toInt());
    c.slidingWindowSize = m_windowSize->value();
    c.minimumNumberOfCalls = m_minimumCalls->value();
    c.waitDurationInOpenStateMs = qint64(m_openWaitS->value()) * 1000;
    c.openBackoffMultiplier = m_backoff->value();
    c.maxWaitDurationInOpenStateMs = qint64(m_maxOpenWaitS->value()) * 1000;
    c.permittedNumberOfCallsInHalfOpenState = m_halfOpenCalls->value();
    c.halfOpenSuccessThreshold = m_halfOpenSuccesses->value();
    if (!m_recordedErrors.isEmpty()) c.recordedErrors = m_recordedErrors;
    return c;
}

void BreakerConfigEditor::applyPreset(const QString &name)
{
    BreakerConfig c;
    if (name == kCustom || !BreakerConfig::fromPreset(name, &c)) return;
    c.preset = name;
    setConfig(c);
    setStatus(tr("Preset %1 loaded: Apply to use it.").arg(name), QStringLiteral("hint"));
}

void BreakerConfigEditor::setStatus(const QString &text, const QString &style)
{
    m_status->setText(text);
    if (m_status->objectName() != style) {
        m_status->setObjectName(style);
        repolish(m_status);
    }
}

void BreakerConfigEditor::markCustom()
{
    if (m_loading) return;
    m_preset->setCurrentIndex(m_preset->findData(kCustom));
}

void BreakerConfigEditor::apply()
{
    const BreakerConfig c = config();
    const QString service = m_service;
    queryEngine(
        m_host, this, [service, c](RequestEngine &e) { return e.setBreakerConfig(service, c); },
        [this, service](const QString &error) {
            if (error.isEmpty()) {
                setStatus(tr("Applied to %1.").arg(service), QStringLiteral("okText"));
                emit applied(service);
            } else {
                setStatus(error, QStringLiteral("errorText"));
            }
        });
}

} // namespace airm::ui
