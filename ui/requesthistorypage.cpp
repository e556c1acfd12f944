#include "requesthistorypage.h"

#include "breakerbadge.h"
#include "card.h"
#include "historytablemodel.h"
#include "labels.h"
#include "livestate.h"
#include "storagestatus.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

constexpr int kTextDelayMs = 300;
constexpr int kResponseExcerptChars = 2000;

QComboBox *filterBox(const QString &name)
{
    auto *box = new QComboBox;
    box->setAccessibleName(name);
    box->setToolTip(name);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

} // namespace

RequestHistoryPage::RequestHistoryPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("History"), tr("Every request, from the database"), false, parent)
    , m_service(filterBox(tr("Service")))
    , m_outcome(filterBox(tr("Outcome")))
    , m_origin(filterBox(tr("Origin")))
    , m_range(filterBox(tr("Time range")))
    , m_chaos(filterBox(tr("Chaos")))
    , m_text(new QLineEdit)
    , m_textDelay(new QTimer(this))
    , m_view(new QTableView)
    , m_details(new QTextBrowser)
    , m_summary(new QLabel)
    , m_exportJson(new QPushButton(tr("Export JSON…")))
    , m_exportCsv(new QPushButton(tr("Export CSV…")))
{
    m_exportJson->setToolTip(tr("Write the filtered requests to a JSON file (Ctrl+E)"));
    m_exportCsv->setToolTip(tr("Write the filtered requests to a CSV file (RFC 4180)"));
    headerActions()->addWidget(m_exportCsv);
    headerActions()->addWidget(m_exportJson);

    if (!ctx.history) {
        m_exportJson->setEnabled(false);
        m_exportCsv->setEnabled(false);
        auto *empty = new QLabel(tr("The history database is not available%1. Live figures are on the "
                                    "Overview; the history appears "
                                    "here once the database opens.")
                                     .arg(ctx.storage && !ctx.storage->unavailableReason().isEmpty()
                                              ? tr(": %1").arg(ctx.storage->unavailableReason())
                                              : QString()));
        empty->setObjectName(QStringLiteral("emptyState"));
        empty->setWordWrap(true);
        empty->setAlignment(Qt::AlignCenter);
        content()->addWidget(empty, 1);
        return;
    }

    m_model = new HistoryTableModel(ctx.history, this);

    // Filters.
    m_service->addItem(tr("All services"));
    for (const QString &s : ctx.live->serviceNames())
        m_service->addItem(s, s);
    m_outcome->addItem(tr("All outcomes"));
    for (const Outcome o : {Outcome::Success, Outcome::Failure, Outcome::Timeout, Outcome::Rejected})
        m_outcome->addItem(Labels::outcome(o), int(o));
    m_outcome->addItem(tr("Not successful"), -1);
    m_origin->addItem(tr("All origins"));
    for (const Origin o : {Origin::Manual, Origin::Automation, Origin::Api, Origin::Scenario})
        m_origin->addItem(Labels::origin(o), int(o));
    const QList<std::pair<QString, qint64>> ranges{
        {tr("Last 15 minutes"), 15 * 60'000LL},  {tr("Last hour"), 3'600'000LL},
        {tr("Last 24 hours"), 86'400'000LL},     {tr("Last 7 days"), 7 * 86'400'000LL},
        {tr("Last 30 days"), 30 * 86'400'000LL}, {tr("All time"), 0}};
    for (const auto &[label, ms] : ranges)
        m_range->addItem(label, ms);
    m_range->setCurrentIndex(2);
    m_chaos->addItem(tr("With or without chaos"));
    m_chaos->addItem(tr("Chaos-affected"), 1);
    m_chaos->addItem(tr("Not affected"), 0);
    m_text->setPlaceholderText(tr("Search prompt or error…"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Search"));
    m_text->setMinimumWidth(200);
    auto *refresh = new QPushButton(tr("Refresh"));
    refresh->setToolTip(tr("Load the newest requests"));

    auto *filters = new QHBoxLayout;
    filters->setSpacing(8);
    for (QWidget *w :
         {static_cast<QWidget *>(m_service), static_cast<QWidget *>(m_outcome),
          static_cast<QWidget *>(m_origin), static_cast<QWidget *>(m_range), static_cast<QWidget *>(m_chaos)})
        filters->addWidget(w);
    filters->addWidget(m_text, 1);
    filters->addWidget(refresh);
    content()->addLayout(filters);

    // Table and details.
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Request history"));
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(26);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(HistoryTableModel::Error, QHeaderView::Stretch);
    const QList<std::pair<int, int>> widths{
        {HistoryTableModel::Time, 82},          {HistoryTableModel::Service, 100},
        {HistoryTableModel::OutcomeColumn, 76}, {HistoryTableModel::Latency, 70},
        {HistoryTableModel::Tokens, 62},        {HistoryTableModel::Breaker, 90},
        {HistoryTableModel::Chaos, 62},         {HistoryTableModel::OriginColumn, 88},
        {HistoryTableModel::Simulated, 44}};
    for (const auto &[column, width] : widths)
        m_view->setColumnWidth(column, width);

    auto *detailsCard = new Card(tr("Details"));
    m_details->setOpenLinks(false);
    m_details->setFrameShape(QFrame::NoFrame);
    m_details->setPlaceholderText(tr("Select a request to see its prompt, response and attempts."));
    detailsCard->body()->addWidget(m_details);
    detailsCard->setMinimumWidth(280);

    QSplitter *split = addSplitter(Qt::Horizontal, QStringLiteral("historySplit"));
    split->addWidget(m_view);
    split->addWidget(detailsCard);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 300});
    content()->addWidget(split, 1);
    m_summary->setObjectName(QStringLiteral("hint"));
    content()->addWidget(m_summary);

    m_textDelay->setSingleShot(true);
    m_textDelay->setInterval(kTextDelayMs);
    connect(m_textDelay, &QTimer::timeout, this, &RequestHistoryPage::applyFilter);
    connect(m_text, &QLineEdit::textChanged, m_textDelay, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_service, m_outcome, m_origin, m_range, m_chaos})
        connect(box, &QComboBox::currentIndexChanged, this, &RequestHistoryPage::applyFilter);
    connect(refresh, &QPushButton::clicked, m_model, &HistoryTableModel::reload);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RequestHistoryPage::showDetails);
    connect(m_model, &HistoryTableModel::countChanged, this, &RequestHistoryPage::updateSummary);
    connect(m_model, &HistoryTableModel::loadingChanged, this, &RequestHistoryPage::updateSummary);
    connect(m_model, &HistoryTableModel::modelReset, this, [this] { m_details->clear(); });
    connect(m_model, &HistoryTableModel::loadFailed, this, [this](const QString &error) {
        m_summary->setText(tr("Could not read the history: %1").arg(error));
    });
    connect(m_exportJson, &QPushButton::clicked, this,
            [this] { exportHistory(HistorySource::ExportFormat::Json); });
    connect(m_exportCsv, &QPushButton::clicked, this,
            [this] { exportHistory(HistorySource::ExportFormat::Csv); });
    connect(ctx.history, &HistorySource::exportProgress, this,
            [this](quint64 ticket, qint64 done, qint64 total) {
                if (ticket != m_exportTicket || !m_progress) return;
                m_progress->setMaximum(int(std::max<qint64>(total, 1)));
                m_progress->setValue(int(std::min(done, total)));
                m_progress->setLabelText(
                    tr("Exported %1 of %2 requests…").arg(Labels::count(done), Labels::count(total)));
            });
    connect(ctx.history, &HistorySource::exportFinished, this,
            [this](quint64 ticket, bool ok, const QString &message) {
                if (ticket != m_exportTicket) return;
                m_exportTicket = 0;
                if (m_progress) {
                    m_progress->reset();
                    m_progress->deleteLater();
                    m_progress = nullptr;
                }
                m_summary->setText(message);
                if (!ok && isVisible()) QMessageBox::warning(this, tr("Export"), message);
            });
}

void RequestHistoryPage::onActivated()
{
    if (m_model && !m_loadedOnce) {
        m_loadedOnce = true;
        applyFilter();
    }
}

void RequestHistoryPage::applyTheme(const Theme &t)
{
    if (m_model) m_model->setTheme(t);
    m_exportJson->setIcon(GlyphIconEngine::icon(GlyphIconEngine::Glyph::Export, t.text));
    m_exportCsv->setIcon(GlyphIconEngine::icon(GlyphIconEngine::Glyph::Export, t.text));
}

HistoryFilter RequestHistoryPage::currentFilter() const
{
    HistoryFilter f;
    if (!m_model) return f;
    if (m_service->currentIndex() > 0) f.services = {m_service->currentData().toString()};
    if (m_outcome->currentIndex() > 0) {
        const int o = m_outcome->currentData().toInt();
        if (o >= 0)
            f.outcomes = {Outcome(o)};
        else
            f.outcomes = {Outcome::Failure, Outcome::Timeout, Outcome::Rejected};
    }
    if (m_origin->currentIndex() > 0) f.origins = {Origin(m_origin->currentData().toInt())};
    const qint64 range = m_range->currentData().toLongLong();
    if (range > 0) f.fromMs = QDateTime::currentMSecsSinceEpoch() - range;
    if (m_chaos->currentIndex() > 0) f.chaosAffected = m_chaos->currentData().toInt() == 1;
    f.text = m_text->text().trimmed();
    return f;
}

void RequestHistoryPage::applyFilter()
{
    if (!m_model) return;
    m_loadedOnce = true;
    m_model->setFilter(currentFilter());
}

void RequestHistoryPage::updateSummary()
{
    if (!m_model) return;
    const qint64 count = m_model->matchingCount();
    const QString source = context().history->describe();
    QString text = count < 0 ? tr("Counting…")
                             : tr("%n matching request(s)", nullptr, int(std::min<qint64>(count, INT_MAX)));
    text += tr(" · %1 loaded · newest first · %2").arg(Labels::count(m_model->rowCount()), source);
    if (m_model->isLoading()) text += tr(" · loading…");
    m_summary->setText(text);
}

void RequestHistoryPage::showDetails()
{
    const StoredRequest *row = m_model->request(m_view->currentIndex().row());
    if (!row) {
        m_details->clear();
        return;
    }
    const RequestRecord &r = row->record;
    const Theme &t = theme();
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    auto kv = [&t](const QString &k, const QString &v) {
        return QStringLiteral("<tr><td style='color:%1;padding:2px 12px 2px 0'>%2</td><td>%3</td></tr>")
            .arg(t.textMuted.name(), k, v);
    };
    QString html =
        QStringLiteral("<h3 style='margin:0'>%1 · <span style='color:%2'>%3</span></h3>")
            .arg(esc(r.service), t.outcomeColor(r.outcome).name(), esc(Labels::outcome(r.outcome)));
    html += QStringLiteral("<table style='margin-top:6px'>");
    html += kv(tr("Started"), esc(Labels::dateTime(r.startedAtMs)));
    html += kv(tr("Latency"),
               r.outcome == Outcome::Rejected ? tr("none: not sent") : esc(Labels::latency(r.latencyMs)));
    if (!r.servedBy.isEmpty() && r.servedBy != r.service) html += kv(tr("Served by"), esc(r.servedBy));
    html += kv(tr("Model"), esc(r.model));
    html += kv(tr("Origin"), esc(Labels::origin(r.origin)) +
                                 (r.runId.isEmpty() ? QString() : esc(QStringLiteral(" (%1)").arg(r.runId))));
    html += kv(tr("Mode"), r.simulated ? tr("simulated") : tr("real API"));
    if (r.httpStatus > 0) html += kv(tr("HTTP"), QString::number(r.httpStatus));
    html += kv(tr("Tokens"), tr("%1 in / %2 out").arg(r.inputTokens).arg(r.outputTokens));
    if (r.costUsd > 0) html += kv(tr("Cost"), QStringLiteral("$%1").arg(r.costUsd, 0, 'f', 6));
    html += kv(tr("Breaker"),
               QStringLiteral("<span style='color:%1'>%2</span>")
                   .arg(t.breakerColor(r.breakerState).name(), esc(BreakerBadge::label(r.breakerState))));
    if (!r.chaosIds.isEmpty())
        html += kv(tr("Chaos"), QStringLiteral("<span style='color:%1'>%2</span>")
                                    .arg(t.error.name(), esc(r.chaosIds.join(QStringLiteral(", ")))));
    html += QStringLiteral("</table>");
    if (r.errorClass != ErrorClass::None)
        html += QStringLiteral("<p style='color:%1'><b>%2</b> %3</p>")
                    .arg(t.error.name(), esc(Labels::errorClass(r.errorClass)), esc(r.errorMessage));
    html += QStringLiteral("<p style='color:%1;margin-bottom:2px'><b>%2</b></p><p>%3</p>")
                .arg(t.textMuted.name(), tr("Prompt"),
                     r.prompt.isEmpty() ? tr("<i>not stored (privacy mode)</i>") : esc(r.prompt));
    QString response = r.responseText.left(kResponseExcerptChars);
    if (r.responseText.size() > kResponseExcerptChars) response += QChar(0x2026);
    html += QStringLiteral("<p style='color:%1;margin-bottom:2px'><b>%2</b></p><p>%3</p>")
                .arg(t.textMuted.name(), tr("Response"),
                     response.isEmpty() ? tr("<i>not stored (responses are kept only when enabled)</i>")
                                        : esc(response));
    if (!r.attemptList.isEmpty()) {
        html += QStringLiteral("<p style='color:%1;margin-bottom:2px'><b>%2</b></p><table>")
                    .arg(t.textMuted.name(), tr("Attempts"));
        for (const AttemptRecord &a : r.attemptList)
            html +=
                QStringLiteral(
                    "<tr><td style='padding-right:8px'>#%1</td><td style='padding-right:8px'>%2</td>"
                    "<td style='padding-right:8px;color:%3;white-space:nowrap'>%4</td>"
                    "<td style='white-space:nowrap'>%5</td></tr>")
                    .arg(a.number)
                    .arg(esc(a.service), t.outcomeColor(a.outcome).name(), esc(Labels::outcome(a.outcome)),
                         esc(a.outcome == Outcome::Rejected ? QStringLiteral("–")
                                                            : Labels::latency(a.latencyMs)));
        html += QStringLiteral("</table>");
    }
    m_details->setHtml(html);
}

void RequestHistoryPage::exportHistory(HistorySource::ExportFormat format)
{
    if (!m_model || m_exportTicket) return;
    const bool csv = format == HistorySource::ExportFormat::Csv;
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/') +
        QStringLiteral("ai-resilience-history-%1.%2")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HHmm")),
                 csv ? QStringLiteral("csv") : QStringLiteral("json"));
    const QString path =
        QFileDialog::getSaveFileName(this, csv ? tr("Export CSV") : tr("Export JSON"), suggested,
                                     csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (!path.isEmpty()) exportTo(path, format);
}

void RequestHistoryPage::exportTo(const QString &path, HistorySource::ExportFormat format)
{
    if (!m_model || m_exportTicket) return;
    m_exportTicket = context().history->exportRequests(currentFilter(), path, format);
    m_progress = new QProgressDialog(tr("Exporting…"), tr("Cancel"), 0, 0, this);
    m_progress->setWindowTitle(tr("Export"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    const quint64 ticket = m_exportTicket;
    connect(m_progress, &QProgressDialog::canceled, this,
            [this, ticket] { context().history->cancel(ticket); });
}

} // namespace airm::ui
