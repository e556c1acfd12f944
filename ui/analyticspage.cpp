#include "analyticspage.h"

#include "breakerbadge.h"
#include "card.h"
#include "historysource.h"
#include "labels.h"
#include "statcard.h"
#include "storagestatus.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace airm::ui {
namespace {

constexpr qint64 kAutoRefreshMs = 30'000;

QTableWidget *makeTable(const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(26);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

// Tall enough for its rows (at least three), never a scroll area inside the scrolling page.
void fitHeight(QTableWidget *t)
{
    constexpr int kMinRows = 3, kMaxRows = 12;
    const int rows = std::clamp(t->rowCount(), kMinRows, kMaxRows);
    t->setFixedHeight(t->horizontalHeader()->sizeHint().height() +
                      rows * t->verticalHeader()->defaultSectionSize() + 4);
}

QTableWidgetItem *cell(const QString &text, const QColor &color = {}, bool right = false)
{
    auto *item = new QTableWidgetItem(text);
    if (color.isValid()) item->setForeground(color);
    if (right) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString trendText(const TrendFigure &f, const std::function<QString(double)> &format)
{
    if (f.label == QLatin1String("insufficient_data")) return Labels::analyticsWord(f.label);
    const QString change = f.changePct >= 0 ? QStringLiteral("+%1 %").arg(f.changePct, 0, 'f', 1)
                                            : QStringLiteral("%1 %").arg(f.changePct, 0, 'f', 1);
    return QStringLiteral("%1 → %2 (%3, %4)")
        .arg(format(f.previous), format(f.recent), change, Labels::analyticsWord(f.label));
}

} // namespace

AnalyticsPage::AnalyticsPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Analytics"), tr("What the stored history says about each service"), true, parent)
{
    if (!ctx.history) {
        auto *empty =
            new QLabel(tr("Analytics are computed from the history database, which is not available%1.")
                           .arg(ctx.storage && !ctx.storage->unavailableReason().isEmpty()
                                    ? tr(": %1").arg(ctx.storage->unavailableReason())
                                    : QString()));
        empty->setObjectName(QStringLiteral("emptyState"));
        empty->setWordWrap(true);
        empty->setAlignment(Qt::AlignCenter);
        content()->addWidget(empty, 1);
        return;
    }
    m_window = new QComboBox;
    m_window->setAccessibleName(tr("Analytics window"));
    m_window->addItem(tr("Last hour"), 3'600'000LL);
    m_window->addItem(tr("Last 24 hours"), 86'400'000LL);
    m_window->addItem(tr("Last 7 days"), 7 * 86'400'000LL);
    m_window->addItem(tr("Last 30 days"), 30 * 86'400'000LL);
    m_window->setCurrentIndex(1);
    auto *refreshButton = new QPushButton(tr("Refresh"));
    headerActions()->addWidget(m_window);
    headerActions()->addWidget(refreshButton);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("hint"));
    content()->addWidget(m_status);

    // Health and insights.
    auto *tiles = new QGridLayout;
    tiles->setSpacing(12);
    m_health = new StatCard(tr("Overall health"));
    tiles->addWidget(m_health, 0, 0, 2, 1);
    const QList<std::pair<QString, QString>> insightNames{
        {QStringLiteral("reliable"), tr("Most reliable")},
        {QStringLiteral("fastest"), tr("Fastest")},
        {QStringLiteral("peak"), tr("Best hour")},
        {QStringLiteral("availability"), tr("Availability")},
        {QStringLiteral("volume"), tr("Request volume")},
        {QStringLiteral("errors"), tr("Error rate")}};
    for (int i = 0; i < insightNames.size(); ++i) {
        auto *card = new StatCard(insightNames.at(i).second);
        m_insights.insert(insightNames.at(i).first, card);
        tiles->addWidget(card, i / 3, 1 + i % 3);
    }
    for (int c = 0; c < 4; ++c)
        tiles->setColumnStretch(c, 1);
    m_insights.value(QStringLiteral("peak"))
        ->setToolTip(tr("Hour of the day with the lowest average latency of successes"));
    m_insights.value(QStringLiteral("availability"))
        ->setToolTip(tr("Minutes with at least one success among minutes with traffic"));
    content()->addLayout(tiles);

    auto section = [this](const QString &title, const QString &hint, QWidget *body) {
        auto *card = new Card(title);
        card->setHint(hint);
        auto *caption = new QLabel;
        caption->setObjectName(QStringLiteral("hint"));
        card->addHeaderWidget(caption);
        m_windowCaptions << caption;
        card->body()->addWidget(body);
        return card;
    };
    m_leaderboard = makeTable({tr("Rank"), tr("Service"), tr("Score"), tr("Success rate"), tr("Avg latency"),
                               tr("Requests"), tr("Failures"), tr("Badge")});
    m_recovery = makeTable({tr("Service"), tr("Status"), tr("Failures"), tr("Episodes"), tr("Recovered"),
                            tr("Mean recovery"), tr("Longest"), tr("Last failure")});
    m_chaosRecovery = makeTable({tr("Experiment"), tr("Type"), tr("Service"), tr("Ended"),
                                 tr("Breaker at end"), tr("Closed again after")});
    m_trends = makeTable({tr("Service"), tr("Average latency of successes"), tr("Success rate")});
    m_errors = makeTable({tr("Count"), tr("Error class"), tr("Pattern"), tr("Services"), tr("Last seen")});

    auto *leaderboardCard =
        section(tr("Leaderboard"),
                tr("Score = 0.6 × success rate + 0.4 × max(0, 100 − average success latency / 30 ms)."),
                m_leaderboard);
    auto *recoveryCard =
        section(tr("Failure recovery"),
                tr("From the first failure of an episode to the first success after it."), m_recovery);
    auto *chaosCard =
        section(tr("Recovery after chaos"), tr("From the end of an experiment to its breaker closing again."),
                m_chaosRecovery);
    auto *trendCard = section(tr("Performance trends"), QString(), m_trends);
    auto *errorCard =
        section(tr("Error patterns"),
                tr("Failures grouped by error class and message, numbers and ids normalised."), m_errors);
    content()->addWidget(leaderboardCard);
    auto *row = new QHBoxLayout;
    row->setSpacing(14);
    row->addWidget(trendCard, 1);
    row->addWidget(chaosCard, 1);
    content()->addLayout(row);
    content()->addWidget(recoveryCard);
    content()->addWidget(errorCard);
    content()->addStretch(1);

    connect(m_window, &QComboBox::currentIndexChanged, this, &AnalyticsPage::refresh);
    connect(refreshButton, &QPushButton::clicked, this, &AnalyticsPage::refresh);
    connect(ctx.history, &HistorySource::analyticsReady, this,
            [this](quint64 ticket, const AnalyticsReport &r) {
                if (ticket == m_ticket) showReport(r);
            });
}

void AnalyticsPage::onActivated()
{
    if (m_window && QDateTime::currentMSecsSinceEpoch() - m_lastRefreshMs > kAutoRefreshMs) refresh();
}

QString AnalyticsPage::windowText() const
{
    return m_window ? m_window->currentText() : QString();
}

void AnalyticsPage::refresh()
{
    if (!m_window) return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_lastRefreshMs = now;
    m_ticket = context().history->requestAnalytics(now - m_window->currentData().toLongLong(), now);
    m_status->setText(tr("Computing: %1…").arg(windowText()));
}

void AnalyticsPage::showReport(const AnalyticsReport &r)
{
    m_report = r;
    const Theme &t = theme();
    const QString window = tr("%1 – %2").arg(Labels::dateTime(r.fromMs), Labels::clock(r.toMs));
    for (QLabel *caption : std::as_const(m_windowCaptions))
        caption->setText(window);
    m_status->setText(r.error.isEmpty() ? tr("%1 · %2 requests · from %3")
                                              .arg(windowText(), Labels::count(r.stats.overall.requests),
                                                   context().history->describe())
                                        : tr("Some figures could not be computed: %1").arg(r.error));

    const OverallHealth &h = r.health;
    const QColor healthColor = h.score < 0     ? QColor()
                               : h.score >= 90 ? t.success
                               : h.score >= 70 ? t.warning
                                               : t.error;
    m_health->setValue(h.score < 0 ? QStringLiteral("–") : QLocale().toString(h.score, 'f', 0), healthColor);
    m_health->setSubtitle(
        h.score < 0 ? Labels::analyticsWord(h.label)
                    : tr("%1 · %2").arg(Labels::analyticsWord(h.label), Labels::analyticsWord(h.trend)),
        healthColor);
    m_health->setToolTip(h.formula);
    m_health->setDetail(h.formula.isEmpty() ? QString() : tr("Formula: %1").arg(h.formula));

    const KeyInsights &in = r.insights;
    auto set = [this](const char *key, const QString &value, const QString &subtitle,
                      const QColor &color = {}) {
        StatCard *card = m_insights.value(QLatin1String(key));
        card->setValue(value, color);
        card->setSubtitle(subtitle);
    };
    if (in.mostReliable)
        set("reliable", in.mostReliable->service,
            tr("%1 success · %2 requests")
                .arg(Labels::percent(in.mostReliable->value), Labels::count(in.mostReliable->requests)),
            t.success);
    else
        set("reliable", QStringLiteral("–"), tr("needs %1 requests per service").arg(r.minRequests));
    if (in.fastest)
        set("fastest", in.fastest->service, tr("%1 average").arg(Labels::latency(in.fastest->value)),
            t.primary);
    else
        set("fastest", QStringLiteral("–"), tr("needs %1 requests per service").arg(r.minRequests));
    if (in.peakHour)
        set("peak", tr("%1:00").arg(*in.peakHour, 2, 10, QLatin1Char('0')),
            tr("%1 average").arg(Labels::latency(in.peakHourLatencyMs)));
    else
        set("peak", QStringLiteral("–"), tr("no successes yet"));
    set("availability", Labels::percent(in.availabilityPct), tr("minutes with a success"),
        in.availabilityPct >= 0 ? t.successRateColor(in.availabilityPct) : QColor());
    const auto perMinute = [](double v) {
        return v < 0 ? QStringLiteral("–") : tr("%1/min").arg(v, 0, 'f', 1);
    };
    const auto pct = [](double v) { return Labels::percent(v); };
    const auto change = [](const TrendFigure &f) {
        if (f.label == QLatin1String("insufficient_data")) return QStringLiteral("–");
        return f.changePct >= 0 ? QStringLiteral("+%1 %").arg(f.changePct, 0, 'f', 0)
                                : QStringLiteral("%1 %").arg(f.changePct, 0, 'f', 0);
    };
    set("volume", change(in.volume), trendText(in.volume, perMinute));
    set("errors", change(in.errorRate), trendText(in.errorRate, pct),
        in.errorRate.label == QLatin1String("rising")    ? t.error
        : in.errorRate.label == QLatin1String("falling") ? t.success
                                                         : QColor());

    m_leaderboard->setRowCount(int(r.leaderboard.size()));
    for (int i = 0; i < r.leaderboard.size(); ++i) {
        const LeaderboardEntry &e = r.leaderboard.at(i);
        const QColor badge = e.badge == QLatin1String("excellent") ? t.success
                             : e.badge == QLatin1String("good")    ? t.warning
                                                                   : t.error;
        m_leaderboard->setItem(i, 0, cell(QStringLiteral("#%1").arg(e.rank)));
        m_leaderboard->setItem(i, 1, cell(e.service));
        m_leaderboard->setItem(i, 2, cell(QLocale().toString(e.score, 'f', 1), badge, true));
        m_leaderboard->setItem(
            i, 3, cell(Labels::percent(e.successRatePct), t.successRateColor(e.successRatePct), true));
        m_leaderboard->setItem(
            i, 4, cell(e.avgLatencyMs > 0 ? Labels::latency(e.avgLatencyMs) : QStringLiteral("–"), {}, true));
        m_leaderboard->setItem(i, 5, cell(Labels::count(e.requests), {}, true));
        m_leaderboard->setItem(i, 6,
                               cell(Labels::count(e.failures), e.failures > 0 ? t.error : QColor(), true));
        m_leaderboard->setItem(i, 7, cell(Labels::analyticsWord(e.badge), badge));
    }

    m_recovery->setRowCount(int(r.recovery.services.size()));
    for (int i = 0; i < r.recovery.services.size(); ++i) {
        const ServiceRecovery &s = r.recovery.services.at(i);
        const QColor status = s.status == QLatin1String("failing")     ? t.error
                              : s.status == QLatin1String("recovered") ? t.success
                                                                       : t.textMuted;
        m_recovery->setItem(i, 0, cell(s.service));
        m_recovery->setItem(i, 1,
                            cell(s.status == QLatin1String("failing")
                                     ? tr("Failing for %1").arg(Labels::duration(s.failingForMs))
                                     : Labels::analyticsWord(s.status),
                                 status));
        m_recovery->setItem(i, 2, cell(Labels::count(s.failures), {}, true));
        m_recovery->setItem(i, 3, cell(Labels::count(s.episodes), {}, true));
        m_recovery->setItem(i, 4, cell(Labels::count(s.recoveredEpisodes), {}, true));
        m_recovery->setItem(
            i, 5,
            cell(s.meanRecoveryMs < 0 ? QStringLiteral("–") : Labels::duration(qint64(s.meanRecoveryMs)), {},
                 true));
        m_recovery->setItem(
            i, 6,
            cell(s.maxRecoveryMs < 0 ? QStringLiteral("–") : Labels::duration(qint64(s.maxRecoveryMs)), {},
                 true));
        auto *last = cell(s.lastFailureMs > 0 ? tr("%1 %2").arg(Labels::clock(s.lastFailureMs),
                                                                Labels::errorClass(s.lastFailureClass))
                                              : QStringLiteral("–"));
        last->setToolTip(s.lastFailureMessage);
        m_recovery->setItem(i, 7, last);
    }

    m_chaosRecovery->setRowCount(int(r.recovery.chaos.size()));
    for (int i = 0; i < r.recovery.chaos.size(); ++i) {
        const ChaosRecovery &c = r.recovery.chaos.at(i);
        m_chaosRecovery->setItem(i, 0, cell(c.experimentId));
        m_chaosRecovery->setItem(i, 1, cell(Labels::chaosType(c.type), t.error));
        m_chaosRecovery->setItem(i, 2, cell(c.service));
        auto *ended = cell(Labels::clock(c.endedMs));
        ended->setToolTip(Labels::dateTime(c.endedMs));
        m_chaosRecovery->setItem(i, 3, ended);
        m_chaosRecovery->setItem(i, 4, cell(BreakerBadge::label(c.stateAtEnd), t.breakerColor(c.stateAtEnd)));
        m_chaosRecovery->setItem(i, 5,
                                 cell(c.closedAtMs == 0   ? tr("not closed yet")
                                      : c.recoveryMs <= 0 ? tr("never opened")
                                                          : Labels::duration(qint64(c.recoveryMs)),
                                      c.closedAtMs == 0 ? t.warning : QColor(), true));
    }

    m_trends->setRowCount(int(r.trends.size()));
    const auto ms = [](double v) { return v < 0 ? QStringLiteral("–") : Labels::latency(v); };
    for (int i = 0; i < r.trends.size(); ++i) {
        const PerformanceTrend &p = r.trends.at(i);
        m_trends->setItem(i, 0, cell(p.service == QLatin1String("all") ? tr("All services") : p.service));
        m_trends->setItem(
            i, 1,
            cell(trendText(p.latency, ms), p.latency.label == QLatin1String("slower")   ? t.warning
                                           : p.latency.label == QLatin1String("faster") ? t.success
                                                                                        : QColor()));
        m_trends->setItem(i, 2,
                          cell(trendText(p.successRate, pct),
                               p.successRate.label == QLatin1String("declining")   ? t.error
                               : p.successRate.label == QLatin1String("improving") ? t.success
                                                                                   : QColor()));
    }
    for (QTableWidget *table : {m_leaderboard, m_recovery, m_chaosRecovery, m_trends, m_errors})
        fitHeight(table);
    const QString recent = Labels::duration(r.recentWindowMs);
    if (m_windowCaptions.size() > 3)
        m_windowCaptions.at(3)->setText(tr("last %1 against the %1 before").arg(recent));

    m_errors->setRowCount(int(r.errorPatterns.size()));
    for (int i = 0; i < r.errorPatterns.size(); ++i) {
        const ErrorPattern &e = r.errorPatterns.at(i);
        m_errors->setItem(i, 0, cell(Labels::count(e.count), t.error, true));
        m_errors->setItem(i, 1, cell(Labels::errorClass(e.errorClass)));
        auto *pattern = cell(e.pattern);
        pattern->setToolTip(e.example);
        m_errors->setItem(i, 2, pattern);
        m_errors->setItem(i, 3, cell(e.services.join(QStringLiteral(", "))));
        m_errors->setItem(i, 4, cell(Labels::dateTime(e.lastSeenMs)));
    }
}

} // namespace airm::ui
