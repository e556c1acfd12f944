#include "sendrequestpanel.h"

#include "card.h"
#include "enginequery.h"
#include "labels.h"
#include "livestate.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

QLabel *metricLabel(QGridLayout *grid, int row, int column, const QString &name)
{
    auto *title = new QLabel(name);
    title->setObjectName(QStringLiteral("metricName"));
    auto *value = new QLabel(QStringLiteral("–"));
    value->setObjectName(QStringLiteral("metricValue"));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(title, row * 2, column);
    grid->addWidget(value, row * 2 + 1, column);
    return value;
}

} // namespace

SendRequestPanel::SendRequestPanel(LiveState *live, QWidget *parent)
    : QWidget(parent)
    , m_live(live)
    , m_prompt(new QPlainTextEdit)
    , m_send(new QPushButton(tr("Send")))
    , m_status(new QLabel)
    , m_outcome(nullptr)
    , m_latency(nullptr)
    , m_tokens(nullptr)
    , m_http(nullptr)
    , m_attempts(nullptr)
    , m_error(new QLabel)
    , m_response(new QPlainTextEdit)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    m_prompt->setPlaceholderText(tr("Prompt, e.g. \"Explain circuit breakers in one sentence\""));
    m_prompt->setPlainText(tr("What is a circuit breaker in software?"));
    m_prompt->setFixedHeight(70);
    m_prompt->setAccessibleName(tr("Prompt"));
    layout->addWidget(m_prompt);

    auto *row = new QHBoxLayout;
    m_send->setProperty("role", QStringLiteral("primary"));
    m_send->setToolTip(tr("Send the prompt to this service (Ctrl+Return)"));
    m_status->setObjectName(QStringLiteral("hint"));
    row->addWidget(m_send);
    row->addWidget(m_status, 1);
    layout->addLayout(row);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(0);
    m_outcome = metricLabel(grid, 0, 0, tr("Outcome"));
    m_latency = metricLabel(grid, 0, 1, tr("Latency"));
    m_tokens = metricLabel(grid, 0, 2, tr("Tokens in / out"));
    m_http = metricLabel(grid, 0, 3, tr("HTTP status"));
    m_attempts = metricLabel(grid, 0, 4, tr("Attempts"));
    for (int c = 0; c < 5; ++c)
        grid->setColumnStretch(c, 1);
    layout->addLayout(grid);
    m_error->setObjectName(QStringLiteral("errorText"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    m_response->setReadOnly(true);
    m_response->setPlaceholderText(tr("The response appears here."));
    m_response->setMinimumHeight(80);
    m_response->setMaximumHeight(140);
    layout->addWidget(m_response);

    connect(m_send, &QPushButton::clicked, this, &SendRequestPanel::send);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_prompt);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, this, &SendRequestPanel::send);
    connect(m_live, &LiveState::recordsArrived, this, [this](const QList<RequestRecord> &records) {
        if (!m_waiting) return;
        for (const RequestRecord &r : records)
            if (r.id == m_waitingId) show(r);
    });
}

void SendRequestPanel::setService(const QString &service)
{
    m_service = service;
    m_send->setText(tr("Send to %1").arg(service));
}

void SendRequestPanel::setTheme(const Theme &theme)
{
    m_theme = theme;
}

QString SendRequestPanel::outcomeText() const
{
    return m_outcome->text();
}

void SendRequestPanel::send()
{
    const QString prompt = m_prompt->toPlainText().trimmed();
    if (prompt.isEmpty() || m_service.isEmpty()) {
        m_status->setText(tr("Write a prompt first."));
        return;
    }
    m_send->setEnabled(false);
    m_status->setText(tr("Waiting for %1…").arg(m_service));
    m_waiting = true;
    m_waitingId = 0;
    RequestSpec spec(m_service, prompt, Origin::Manual);
    queryEngine(
        m_live->host(), this, [spec](RequestEngine &e) { return e.submit(spec); },
        [this](quint64 id) { m_waitingId = id; });
}

void SendRequestPanel::show(const RequestRecord &r)
{
    m_waiting = false;
    m_send->setEnabled(true);
    m_status->setText(tr("Answered by %1%2 at %3")
                          .arg(r.servedBy.isEmpty() ? r.service : r.servedBy,
                               r.simulated ? tr(" (simulated)") : QString(), Labels::clock(r.finishedAtMs)));
    m_outcome->setText(Labels::outcome(r.outcome));
    m_outcome->setStyleSheet(QStringLiteral("color: %1;").arg(m_theme.outcomeColor(r.outcome).name()));
    m_latency->setText(Labels::latency(r.latencyMs));
    m_tokens->setText(tr("%1 / %2").arg(r.inputTokens).arg(r.outputTokens));
    m_http->setText(r.httpStatus > 0 ? QString::number(r.httpStatus) : tr("none"));
    m_attempts->setText(r.fallbackUsed ? tr("%1 (fallback)").arg(r.attempts) : QString::number(r.attempts));
    const bool failed = r.outcome != Outcome::Success;
    m_error->setVisible(failed);
    if (failed)
        m_error->setText(tr("%1: %2").arg(Labels::errorClass(r.errorClass),
                                          r.errorMessage.isEmpty() ? tr("no message") : r.errorMessage));
    m_response->setPlainText(r.responseText);
    emit finished(r);
}

} // namespace airm::ui
