#include "reportexportdialog.h"

#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

constexpr qint64 kHourMs = 3'600'000;
const QString kDisplayFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");

} // namespace

ReportExportDialog::ReportExportDialog(QWidget *parent)
    : QDialog(parent)
    , m_lastHour(new QRadioButton(tr("The last hour")))
    , m_sinceStart(new QRadioButton(tr("Since the monitor started")))
    , m_custom(new QRadioButton(tr("From – to")))
    , m_from(new QDateTimeEdit)
    , m_to(new QDateTimeEdit)
    , m_error(new QLabel)
{
    setWindowTitle(tr("Export report"));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto *intro = new QLabel(tr("A window report in the scenario report schema (JSON): per-service "
                                "statistics, breaker transitions, chaos experiments and the recovery after "
                                "each, resilience scores and insights."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_lastHour->setChecked(true);
    layout->addWidget(m_lastHour);
    layout->addWidget(m_sinceStart);
    layout->addWidget(m_custom);
    const QDateTime now = QDateTime::currentDateTime();
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setDisplayFormat(kDisplayFormat);
        edit->setCalendarPopup(true);
        edit->setMinimumWidth(200);
    }
    m_from->setDateTime(now.addSecs(-kHourMs / 1000));
    m_to->setDateTime(now);
    auto *range = new QFormLayout;
    range->setContentsMargins(24, 0, 0, 0);
    range->addRow(tr("From"), m_from);
    range->addRow(tr("To"), m_to);
    layout->addLayout(range);
    auto *note = new QLabel(tr("Request counts come from the live counters, which start when the monitor "
                               "starts or its metrics are reset; breaker transitions and chaos experiments "
                               "are taken from the chosen window."));
    note->setObjectName(QStringLiteral("hint"));
    note->setWordWrap(true);
    layout->addWidget(note);
    m_error->setObjectName(QStringLiteral("errorText"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose file…"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_custom->isChecked() && m_from->dateTime() >= m_to->dateTime()) {
            m_error->setText(tr("The start must be before the end."));
            m_error->show();
            return;
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QRadioButton *b : {m_lastHour, m_sinceStart, m_custom})
        connect(b, &QRadioButton::toggled, this, &ReportExportDialog::updateFields);
    updateFields();
    setMinimumWidth(460);
}

void ReportExportDialog::updateFields()
{
    m_from->setEnabled(m_custom->isChecked());
    m_to->setEnabled(m_custom->isChecked());
    m_error->hide();
}

qint64 ReportExportDialog::fromMs() const
{
    if (m_lastHour->isChecked()) return QDateTime::currentMSecsSinceEpoch() - kHourMs;
    if (m_custom->isChecked()) return m_from->dateTime().toMSecsSinceEpoch();
    return 0;
}

qint64 ReportExportDialog::toMs() const
{
    return m_custom->isChecked() ? m_to->dateTime().toMSecsSinceEpoch() : 0;
}

} // namespace airm::ui
