// The first page: headline figures, one card per service, and the live charts (latency, throughput and
// errors, outcome mix) with chaos windows and breaker transitions drawn on them. Refreshes at most four
// times a second while visible; the last hour comes from the live series, 24 h and 7 d from the history.
// GUI thread.
#pragma once

#include "page.h"
#include "timewindow.h"

#include "storage/historytypes.h"

#include <QHash>

class QGridLayout;
class QLabel;
class QPushButton;

namespace airm::ui {

class LatencyChartView;
class OutcomeChartView;
class SegmentedControl;
class ServiceCard;
class StatCard;
class ThroughputChartView;

class OverviewPage : public Page
{
    Q_OBJECT
public:
    explicit OverviewPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Overview; }

    TimeWindow timeWindow() const { return m_window; }
    void setTimeWindow(TimeWindow window);

    // For tests and screenshots.
    StatCard *card(const QString &name) const { return m_cards.value(name); }
    ServiceCard *serviceCard(const QString &service) const { return m_serviceCards.value(service); }
    LatencyChartView *latencyChart() const { return m_latency; }
    // "Start traffic": shown while no automation runs, so a first look at an idle monitor is one click from
    // live.
    QPushButton *startTrafficButton() const { return m_startTraffic; }
    ThroughputChartView *throughputChart() const { return m_throughput; }
    OutcomeChartView *outcomeChart() const { return m_outcome; }

signals:
    void serviceActivated(const QString &service);

protected:
    void onActivated() override;
    void applyTheme(const Theme &theme) override;

private:
    void rebuildServiceCards();
    void updateCards();
    void updateCharts();
    void updateLiveCharts(qint64 nowMs);
    void requestHistoryCharts();
    void applyHistoryTrends(const QList<TrendPoint> &points);
    void updateAnnotations(qint64 fromMs, qint64 toMs);
    void updateOutcomeLegend();
    QList<QColor> serviceColors(const QStringList &services) const;

    TimeWindow m_window = TimeWindow::FiveMinutes;
    QHash<QString, StatCard *> m_cards;
    QHash<QString, ServiceCard *> m_serviceCards;
    QStringList m_cardOrder;
    QGridLayout *m_serviceGrid;
    SegmentedControl *m_windowControl;
    QPushButton *m_startTraffic;
    LatencyChartView *m_latency;
    ThroughputChartView *m_throughput;
    OutcomeChartView *m_outcome;
    QLabel *m_latencyCaption;
    QLabel *m_throughputCaption;
    QLabel *m_outcomeCaption;
    QList<QLabel *> m_outcomeLegend;
    quint64 m_trendTicket = 0;
    qint64 m_lastHistoryRequestMs = 0;
    bool m_dirtyCards = true;
    bool m_dirtyCharts = true;
};

} // namespace airm::ui
