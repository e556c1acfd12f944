// The analytics of the stored history over a chosen window: Overall Health with its formula, key insights,
// the service leaderboard, failure recovery (per service and per chaos experiment), performance trends and
// the most frequent error patterns. Computed by the core (storage/analytics.h) on the history's reader
// thread; each section says which window it covers. GUI thread.
#pragma once

#include "analyticsreport.h"
#include "page.h"

#include <QMap>

class QComboBox;
class QLabel;
class QTableWidget;

namespace airm::ui {

class StatCard;

class AnalyticsPage : public Page
{
    Q_OBJECT
public:
    explicit AnalyticsPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Analytics; }

    void refresh();
    const AnalyticsReport &report() const { return m_report; }
    QTableWidget *leaderboard() const { return m_leaderboard; }

protected:
    void onActivated() override;

private:
    void showReport(const AnalyticsReport &report);
    QString windowText() const;

    QComboBox *m_window = nullptr;
    QLabel *m_status = nullptr;
    StatCard *m_health = nullptr;
    QMap<QString, StatCard *> m_insights;
    QTableWidget *m_leaderboard = nullptr;
    QTableWidget *m_recovery = nullptr;
    QTableWidget *m_chaosRecovery = nullptr;
    QTableWidget *m_trends = nullptr;
    QTableWidget *m_errors = nullptr;
    QList<QLabel *> m_windowCaptions;
    AnalyticsReport m_report;
    quint64 m_ticket = 0;
    qint64 m_lastRefreshMs = 0;
};

} // namespace airm::ui
