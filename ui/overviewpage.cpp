#include "overviewpage.h"

#include "breakerbadge.h"
#include "card.h"
#include "historysource.h"
#include "labels.h"
#include "latencychartview.h"
#include "livestate.h"
#include "outcomechartview.h"
#include "segmentedcontrol.h"
#include "servicecard.h"
#include "statcard.h"
#include "throughputchartview.h"
#include "uisettings.h"

#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QtCharts/QDateTimeAxis>

namespace airm::ui {
namespace {

constexpr int kServiceColumns = 3;
constexpr qint64 kSparklineSeconds = 300;
constexpr qint64 kSparklineBucketSeconds = 5;
constexpr qint64 kHistoryRefreshMs = 30'000;

const QString kTotal = QStringLiteral("total");
const QString kSuccess = QStringLiteral("success");
const QString kP50 = QStringLiteral("p50");
const QString kRps = QStringLiteral("rps");
const QString kChaos = QStringLiteral("chaos");
const QString kBreakers = QStringLiteral("breakers");

} // namespace

OverviewPage::OverviewPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Overview"), tr("Live state of every service, breaker and experiment"), true, parent)
    , m_serviceGrid(new QGridLayout)
    , m_windowControl(new SegmentedControl)
    , m_startTraffic(new QPushButton(tr("Start traffic")))
    , m_latency(new LatencyChartView)
    , m_throughput(new ThroughputChartView)
    , m_outcome(new OutcomeChartView)
    , m_latencyCaption(new QLabel)
    , m_throughputCaption(new QLabel)
    , m_outcomeCaption(new QLabel)
{
    m_startTraffic->setProperty("role", QStringLiteral("primary"));
    m_startTraffic->setToolTip(
        tr("Start an automation run: 2 requests a second, round robin over every service. "
           "Change or stop it on the Automation page."));
    headerActions()->addWidget(m_startTraffic);
    headerActions()->addSpacing(12);

    // Time window: the last hour is live; the long windows need the stored history.
    auto *windowLabel = new QLabel(tr("Window"));
    windowLabel->setObjectName(QStringLiteral("hint"));
    headerActions()->addWidget(windowLabel);
    for (const TimeWindow w : TimeWindows::all())
        m_windowControl->addSegment(TimeWindows::label(w),
                                    TimeWindows::needsHistory(w)
                                        ? tr("From the stored history (per-minute roll-ups)")
                                        : tr("From the live per-second series"));
    if (!ctx.history)
        for (const TimeWindow w : TimeWindows::all())
            if (TimeWindows::needsHistory(w))
                m_windowControl->setSegmentEnabled(int(w), false,
                                                   tr("Needs the history database, which is not available"));
    headerActions()->addWidget(m_windowControl);
    connect(m_windowControl, &SegmentedControl::currentChanged, this, [this](int index) {
        if (context().settings) context().settings->setTimeWindow(TimeWindow(index));
        setTimeWindow(TimeWindow(index));
    });

    // Headline figures.
    auto *cards = new QGridLayout;
    cards->setSpacing(12);
    const QList<std::pair<QString, QString>> cardNames{
        {kTotal, tr("Total requests")}, {kSuccess, tr("Success rate")}, {kP50, tr("Latency p50 / p95")},
        {kRps, tr("Requests / s")},     {kChaos, tr("Active chaos")},   {kBreakers, tr("Breakers open")}};
    int column = 0;
    for (const auto &[key, title] : cardNames) {
        auto *card = new StatCard(title);
        m_cards.insert(key, card);
        cards->addWidget(card, 0, column++);
    }
    m_cards.value(kSuccess)->setToolTip(
        tr("Successful requests among all finished ones (failures, timeouts and breaker rejections count "
           "against it). 95 % and more is excellent, 85 % and more good."));
    m_cards.value(kP50)->setToolTip(tr(
        "Median (p50) and 95th percentile (p95) latency over the last minute, all services. Under 200 ms is "
        "excellent, under 500 ms good."));
    m_cards.value(kRps)->setToolTip(tr("Finished requests per second, averaged over the last 10 seconds"));
    content()->addLayout(cards);

    // Service cards, and the outcome mix beside them.
    m_serviceGrid->setSpacing(12);
    auto *servicesRow = new QHBoxLayout;
    servicesRow->setSpacing(12);
    servicesRow->addLayout(m_serviceGrid, 3);
    content()->addLayout(servicesRow);

    // Charts.
    auto *latencyCard = new Card(tr("Latency"));
    m_latencyCaption->setObjectName(QStringLiteral("hint"));
    latencyCard->addHeaderWidget(m_latencyCaption);
    latencyCard->body()->addWidget(m_latency);
    m_latency->setMinimumHeight(300);

    auto *throughputCard = new Card(tr("Throughput and errors"));
    m_throughputCaption->setObjectName(QStringLiteral("hint"));
    throughputCard->addHeaderWidget(m_throughputCaption);
    throughputCard->body()->addWidget(m_throughput);
    m_throughput->setMinimumHeight(300);

    auto *outcomeCard = new Card(tr("Outcome mix"));
    m_outcomeCaption->setObjectName(QStringLiteral("hint"));
    outcomeCard->addHeaderWidget(m_outcomeCaption);
    outcomeCard->body()->addWidget(m_outcome, 1);
    auto *legendGrid = new QGridLayout;
    legendGrid->setHorizontalSpacing(10);
    legendGrid->setVerticalSpacing(2);
    for (int i = 0; i < 4; ++i) {
        auto *label = new QLabel;
        label->setObjectName(QStringLiteral("metricName"));
        legendGrid->addWidget(label, i / 2, i % 2);
        m_outcomeLegend << label;
    }
    outcomeCard->body()->addLayout(legendGrid);
    outcomeCard->setMinimumWidth(250);
    outcomeCard->setMaximumWidth(340);
    m_outcome->setMinimumSize(200, 150);
    servicesRow->addWidget(outcomeCard, 1);

    QSplitter *split = addSplitter(Qt::Horizontal, QStringLiteral("overviewCharts"));
    split->addWidget(latencyCard);
    split->addWidget(throughputCard);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 600});
    content()->addWidget(split, 1);
    auto *legend =
        new QLabel(tr("Shaded bands: chaos experiments. Dashed markers: breaker transitions, in the "
                      "colour of the new state."));
    legend->setObjectName(QStringLiteral("hint"));
    content()->addWidget(legend);
    content()->addStretch(1);

    if (ctx.settings) m_window = ctx.settings->timeWindow();
    if (!ctx.history && TimeWindows::needsHistory(m_window)) m_window = TimeWindow::FiveMinutes;
    m_windowControl->setCurrentIndex(int(m_window));

    LiveState *live = ctx.live;
    connect(live, &LiveState::snapshotChanged, this, [this] {
        m_dirtyCards = true;
        if (isActive()) updateCards();
    });
    connect(live, &LiveState::seriesChanged, this, [this] {
        m_dirtyCharts = true;
        if (isActive()) updateCharts();
    });
    connect(live, &LiveState::chaosChanged, this, [this] {
        m_dirtyCharts = true;
        if (isActive()) updateCharts();
    });
    connect(live, &LiveState::breakerTransitioned, this, [this] { m_dirtyCharts = true; });
    connect(live, &LiveState::metricsReset, this, [this] {
        m_dirtyCharts = true;
        if (isActive()) updateCharts();
    });
    if (ctx.settings)
        connect(ctx.settings, &UiSettings::timeWindowChanged, this, &OverviewPage::setTimeWindow);
    if (ctx.history)
        connect(ctx.history, &HistorySource::trendsReady, this,
                [this](quint64 ticket, const QList<TrendPoint> &points) {
                    if (ticket == m_trendTicket) applyHistoryTrends(points);
                });
    rebuildServiceCards();
}

void OverviewPage::setTimeWindow(TimeWindow window)
{
    if (TimeWindows::needsHistory(window) && !context().history) return;
    m_windowControl->setCurrentIndex(int(window));
    if (window == m_window) return;
    m_window = window;
    m_lastHistoryRequestMs = 0;
    m_dirtyCharts = true;
    if (isActive()) updateCharts();
}

void OverviewPage::onActivated()
{
    if (m_dirtyCards) updateCards();
    updateCharts();
}

QList<QColor> OverviewPage::serviceColors(const QStringList &services) const
{
    QList<QColor> colors;
    for (const QString &s : services)
        colors << theme().serviceColor(context().live->serviceIndex(s));
    return colors;
}

void OverviewPage::applyTheme(const Theme &t)
{
    for (ServiceCard *card : std::as_const(m_serviceCards))
        card->setTheme(t, t.serviceColor(context().live->serviceIndex(card->service())));
    m_latency->applyTheme(t);
    m_throughput->applyTheme(t);
    m_outcome->applyTheme(t);
    const QStringList services = context().live->serviceNames();
    m_latency->setServices(services, serviceColors(services));
    m_dirtyCards = true;
    m_dirtyCharts = true;
    if (isActive()) {
        updateCards();
        updateCharts();
    }
}

void OverviewPage::rebuildServiceCards()
{
    const QStringList services = context().live->serviceNames();
    if (services == m_cardOrder) return;
    for (ServiceCard *card : std::as_const(m_serviceCards))
        delete card;
    m_serviceCards.clear();
    m_cardOrder = services;
    for (int i = 0; i < services.size(); ++i) {
        auto *card = new ServiceCard(services.at(i));
        card->setTheme(theme(), theme().serviceColor(i));
        connect(card, &ServiceCard::activated, this, &OverviewPage::serviceActivated);
        m_serviceGrid->addWidget(card, i / kServiceColumns, i % kServiceColumns);
        m_serviceCards.insert(services.at(i), card);
    }
    for (int c = 0; c < kServiceColumns; ++c)
        m_serviceGrid->setColumnStretch(c, 1);
    m_latency->setServices(services, serviceColors(services));
}

void OverviewPage::updateCards()
{
    m_dirtyCards = false;
    rebuildServiceCards();
    const MetricsSnapshot &snap = context().live->snapshot();
    const ServiceMetrics &all = snap.overall;
    const Theme &t = theme();

    const SeriesCache &series = context().live->series();
    const qint64 nowSecond = QDateTime::currentMSecsSinceEpoch() / 1000;
    qint64 lastMinute = 0;
    for (const SecondPoint &p : series.range(QStringLiteral("all"), nowSecond - 60, nowSecond))
        lastMinute += p.requests;
    StatCard *total = m_cards.value(kTotal);
    total->setValue(Labels::count(all.requests));
    total->setSubtitle(tr("+%1 last minute").arg(Labels::count(lastMinute)));

    const double rate = all.successRatePct();
    StatCard *success = m_cards.value(kSuccess);
    success->setValue(Labels::percent(rate), rate >= 0 ? t.successRateColor(rate) : QColor());
    success->setSubtitle(Labels::successVerdict(rate), rate >= 0 ? t.successRateColor(rate) : QColor());

    const LatencySummary &lat = all.latency1m.count > 0 ? all.latency1m : all.latencyAll;
    const QString window = all.latency1m.count > 0 ? tr("last minute") : tr("since start");
    StatCard *p50 = m_cards.value(kP50);
    p50->setValue(lat.count > 0 ? Labels::latency(lat.p50Ms) : QStringLiteral("–"));
    const QColor latencyColor = lat.count == 0      ? QColor()
                                : lat.p50Ms < 200.0 ? t.success
                                : lat.p50Ms < 500.0 ? t.warning
                                                    : t.error;
    p50->setSubtitle(
        lat.count > 0 ? tr("p95 %1 · %2").arg(Labels::latency(lat.p95Ms), Labels::latencyVerdict(lat.p50Ms))
                      : Labels::latencyVerdict(0),
        latencyColor);
    p50->setToolTip(tr("%1\nWindow: %2").arg(p50->toolTip().section(QLatin1Char('\n'), 0, 0), window));

    StatCard *rps = m_cards.value(kRps);
    rps->setValue(QLocale().toString(all.requestsPerSecond, 'f', all.requestsPerSecond < 10 ? 2 : 1));
    rps->setSubtitle(tr("10 s average"));

    StatCard *chaos = m_cards.value(kChaos);
    chaos->setValue(QString::number(snap.activeChaos.size()),
                    snap.activeChaos.isEmpty() ? QColor() : t.error);
    QStringList chaosTypes;
    for (const ActiveChaos &c : snap.activeChaos)
        chaosTypes << Labels::chaosType(c.type);
    chaosTypes.removeDuplicates();
    chaos->setSubtitle(chaosTypes.isEmpty() ? tr("None running") : chaosTypes.join(QStringLiteral(", ")),
                       chaosTypes.isEmpty() ? QColor() : t.error);

    QStringList open, halfOpen;
    for (const ServiceMetrics &m : snap.services) {
        if (m.breaker.state == BreakerState::Open || m.breaker.state == BreakerState::ForcedOpen)
            open << m.name;
        if (m.breaker.state == BreakerState::HalfOpen) halfOpen << m.name;
    }
    StatCard *breakers = m_cards.value(kBreakers);
    breakers->setValue(tr("%1 / %2").arg(snap.breakersOpen).arg(snap.services.size()),
                       snap.breakersOpen > 0 ? t.error : (halfOpen.isEmpty() ? QColor() : t.warning));
    breakers->setSubtitle(!open.isEmpty()       ? tr("Open: %1").arg(open.join(QStringLiteral(", ")))
                          : !halfOpen.isEmpty() ? tr("Half-open: %1").arg(halfOpen.join(QStringLiteral(", ")))
                                                : tr("All closed"),
                          !open.isEmpty() ? t.error : (!halfOpen.isEmpty() ? t.warning : t.success));

    // Service cards with their sparklines (requests per 5 s over the last 5 minutes).
    const qint64 firstBucket = (nowSecond - kSparklineSeconds) / kSparklineBucketSeconds;
    const int buckets = int(kSparklineSeconds / kSparklineBucketSeconds) + 1;
    for (const ServiceMetrics &m : snap.services) {
        ServiceCard *card = m_serviceCards.value(m.name);
        if (!card) continue;
        QStringList types;
        for (const ActiveChaos &c : snap.activeChaos)
            if (m.activeChaosIds.contains(c.id)) types << Labels::chaosType(c.type);
        types.removeDuplicates();
        card->update(m, types);
        QList<double> totalPerBucket(buckets, 0.0), failedPerBucket(buckets, 0.0);
        for (const SecondPoint &p : series.range(m.name, nowSecond - kSparklineSeconds, nowSecond)) {
            const qint64 b = p.second / kSparklineBucketSeconds - firstBucket;
            if (b < 0 || b >= buckets) continue;
            totalPerBucket[b] += p.requests;
            failedPerBucket[b] += p.failures + p.timeouts + p.rejected;
        }
        card->setSparkline(totalPerBucket, failedPerBucket);
    }
}

void OverviewPage::updateCharts()
{
    m_dirtyCharts = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (TimeWindows::needsHistory(m_window)) {
        if (now - m_lastHistoryRequestMs >= kHistoryRefreshMs) requestHistoryCharts();
        updateAnnotations(now - TimeWindows::lengthMs(m_window), now);
        return;
    }
    updateLiveCharts(now);
}

void OverviewPage::updateLiveCharts(qint64 nowMs)
{
    const qint64 lengthMs = TimeWindows::lengthMs(m_window);
    const qint64 fromMs = nowMs - lengthMs;
    const qint64 fromSecond = fromMs / 1000;
    const qint64 nowSecond = nowMs / 1000;
    const QString format = TimeWindows::axisFormat(m_window);
    const SeriesCache &cache = context().live->series();
    const QStringList services = context().live->serviceNames();

    m_latency->setLineNames(tr("p50"), tr("p95"));
    m_latency->setServices(services, serviceColors(services));
    m_latency->setTimeRange(fromMs, nowMs, format);
    for (const QString &service : services) {
        QList<QPointF> p50, p95;
        for (const SecondPoint &p : cache.range(service, fromSecond, nowSecond)) {
            if (p.requests - p.rejected <= 0) continue; // no call made: no latency, not zero latency
            const double x = double(p.second * 1000 + 500);
            p50.append(QPointF(x, p.p50Ms));
            p95.append(QPointF(x, p.p95Ms));
        }
        m_latency->setData(service, p50, p95);
    }
    m_latency->finishUpdate();
    m_latencyCaption->setText(
        tr("p95 solid, p50 dashed · per second · last %1").arg(TimeWindows::label(m_window)));

    const qint64 bucketS = TimeWindows::bucketSeconds(m_window);
    const qint64 firstBucket = fromSecond / bucketS;
    const qint64 lastBucket = nowSecond / bucketS;
    QList<ThroughputChartView::Bucket> buckets(lastBucket - firstBucket + 1);
    for (qint64 b = firstBucket; b <= lastBucket; ++b) {
        auto &bucket = buckets[b - firstBucket];
        bucket.startMs = b * bucketS * 1000;
        bucket.endMs = (b + 1) * bucketS * 1000;
    }
    qint64 successes = 0, failures = 0, timeouts = 0, rejected = 0;
    for (const SecondPoint &p : cache.range(QStringLiteral("all"), fromSecond, nowSecond)) {
        const qint64 b = p.second / bucketS - firstBucket;
        if (b < 0 || b >= buckets.size()) continue;
        auto &bucket = buckets[b];
        bucket.successes += p.successes;
        bucket.failures += p.failures;
        bucket.timeouts += p.timeouts;
        bucket.rejected += p.rejected;
        successes += p.successes;
        failures += p.failures;
        timeouts += p.timeouts;
        rejected += p.rejected;
    }
    m_throughput->setTimeRange(fromMs, nowMs, format);
    m_throughput->setUnitLabel(TimeWindows::bucketLabel(m_window));
    m_throughput->setBuckets(buckets);
    m_throughputCaption->setText(tr("all services · %1").arg(TimeWindows::bucketLabel(m_window)));
    m_outcome->setCounts(successes, failures, timeouts, rejected);
    updateOutcomeLegend();
    m_outcomeCaption->setText(tr("last %1").arg(TimeWindows::label(m_window)));
    updateAnnotations(fromMs, nowMs);
}

void OverviewPage::updateOutcomeLegend()
{
    const Theme &t = theme();
    const QColor colors[4] = {t.success, t.error, t.warning, t.neutral};
    for (int i = 0; i < m_outcomeLegend.size(); ++i)
        m_outcomeLegend.at(i)->setText(QStringLiteral("<span style='color:%1'>\u25CF</span> %2")
                                           .arg(colors[i].name(), m_outcome->sliceLabel(i).toHtmlEscaped()));
}

void OverviewPage::requestHistoryCharts()
{
    HistorySource *history = context().history;
    if (!history) return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_lastHistoryRequestMs = now;
    const TrendBucket bucket = m_window == TimeWindow::OneDay ? TrendBucket::FiveMinutes : TrendBucket::Hour;
    m_trendTicket = history->requestTrends(now - TimeWindows::lengthMs(m_window), now, bucket, {});
    m_latencyCaption->setText(tr("loading the history…"));
}

void OverviewPage::applyHistoryTrends(const QList<TrendPoint> &points)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 fromMs = nowMs - TimeWindows::lengthMs(m_window);
    const QString format = TimeWindows::axisFormat(m_window);
    const QStringList services = context().live->serviceNames();
    const qint64 bucketMs =
        trendBucketMinutes(m_window == TimeWindow::OneDay ? TrendBucket::FiveMinutes : TrendBucket::Hour) *
        60'000;

    m_latency->setLineNames(tr("avg"), tr("p95"));
    m_latency->setServices(services, serviceColors(services));
    m_latency->setTimeRange(fromMs, nowMs, format);
    QHash<QString, std::pair<QList<QPointF>, QList<QPointF>>> lines;
    QMap<qint64, ThroughputChartView::Bucket> buckets;
    qint64 successes = 0, failures = 0, timeouts = 0, rejected = 0;
    for (const TrendPoint &p : points) {
        if (p.requests - p.rejected > 0) {
            const double x = double(p.startMs + bucketMs / 2);
            lines[p.service].first.append(QPointF(x, p.avgLatencyMs));
            lines[p.service].second.append(QPointF(x, p.p95LatencyMs));
        }
        auto &b = buckets[p.startMs];
        b.startMs = p.startMs;
        b.endMs = p.startMs + bucketMs;
        b.successes += p.successes;
        b.failures += p.failures;
        b.timeouts += p.timeouts;
        b.rejected += p.rejected;
        successes += p.successes;
        failures += p.failures;
        timeouts += p.timeouts;
        rejected += p.rejected;
    }
    for (const QString &service : services)
        m_latency->setData(service, lines.value(service).first, lines.value(service).second);
    m_latency->finishUpdate();
    m_latencyCaption->setText(
        tr("p95 solid, average dashed · per %1 · stored history").arg(Labels::duration(bucketMs)));
    m_throughput->setTimeRange(fromMs, nowMs, format);
    m_throughput->setUnitLabel(TimeWindows::bucketLabel(m_window));
    m_throughput->setBuckets(buckets.values());
    m_throughputCaption->setText(
        tr("all services · per %1 · stored history").arg(Labels::duration(bucketMs)));
    m_outcome->setCounts(successes, failures, timeouts, rejected);
    updateOutcomeLegend();
    m_outcomeCaption->setText(tr("last %1 · stored history").arg(TimeWindows::label(m_window)));
    updateAnnotations(fromMs, nowMs);
}

void OverviewPage::updateAnnotations(qint64 fromMs, qint64 toMs)
{
    const Theme &t = theme();
    QList<TimeChartView::Band> bands;
    for (const ChaosWindow &w : context().live->chaosWindows()) {
        const qint64 end = w.spanEndMs(toMs);
        if (end < fromMs || w.chaos.startedAtMs > toMs) continue;
        const QString targets = w.chaos.targets.isEmpty() || w.chaos.targets.contains(QStringLiteral("all"))
                                    ? tr("all services")
                                    : w.chaos.targets.join(QStringLiteral(", "));
        bands.append(
            {w.chaos.startedAtMs, end, tr("%1 · %2").arg(Labels::chaosType(w.chaos.type), targets), t.error});
    }
    QList<TimeChartView::Mark> marks;
    for (const BreakerTransition &tr_ : context().live->transitions()) {
        if (tr_.atMs < fromMs || tr_.atMs > toMs) continue;
        marks.append(
            {tr_.atMs, tr("%1 %2").arg(tr_.service, BreakerBadge::label(tr_.to)), t.breakerColor(tr_.to)});
    }
    for (TimeChartView *view :
         {static_cast<TimeChartView *>(m_latency), static_cast<TimeChartView *>(m_throughput)}) {
        view->setBands(bands);
        view->setMarks(marks);
    }
}

} // namespace airm::ui
