// What the GUI tests share: an engine with simulated services answering in 1-5 ms, the live state, theme,
// settings in a temporary INI file, and a scripted history source that records the queries it is asked.
#pragma once

#include "historysource.h"
#include "livestate.h"
#include "thememanager.h"
#include "uicontext.h"
#include "uisettings.h"

#include "engine/enginehost.h"

#include <QTemporaryDir>
#include <QTimer>
#include <memory>

namespace airm::ui::test {

inline ServiceConfig fastService(const QString &name, ProviderKind kind, double failurePct = 0)
{
    ServiceConfig c = defaultServiceFor(kind, name);
    c.apiKey.clear();
    c.keySource.clear();
    c.forceSimulation = true; // never the real provider, whatever the environment holds
    c.simulation.latencyMinMs = 1;
    c.simulation.latencyMaxMs = 5;
    c.simulation.failurePct = failurePct;
    c.timeoutMs = 2000;
    return c;
}

// Answers like a database would (later, through the event loop), from rows it is given, and remembers what
// it was asked.
class FakeHistorySource : public HistorySource
{
public:
    QList<StoredRequest> rows; // newest first
    QList<HistoryFilter> pageFilters;
    QList<HistoryFilter> exportFilters;
    int trendRequests = 0;
    int analyticsRequests = 0;
    bool clearedCalled = false;

    QString describe() const override { return QStringLiteral("test history"); }

    Ticket requestPage(const HistoryFilter &filter, int limit,
                       const std::optional<HistoryCursor> &after) override
    {
        const Ticket t = nextTicket();
        pageFilters.append(filter);
        QList<StoredRequest> matching;
        for (const StoredRequest &r : std::as_const(rows))
            if (filter.services.isEmpty() || filter.services.contains(r.record.service)) matching.append(r);
        int start = 0;
        if (after)
            while (start < matching.size() && matching.at(start).rowId >= after->id)
                ++start;
        HistoryPage page;
        page.rows = matching.mid(start, limit);
        if (start + limit < matching.size())
            page.next = HistoryCursor{page.rows.constLast().record.startedAtMs, page.rows.constLast().rowId};
        QTimer::singleShot(0, this, [this, t, page] { emit pageReady(t, page); });
        return t;
    }
    Ticket requestCount(const HistoryFilter &filter) override
    {
        const Ticket t = nextTicket();
        qint64 n = 0;
        for (const StoredRequest &r : std::as_const(rows))
            if (filter.services.isEmpty() || filter.services.contains(r.record.service)) ++n;
        QTimer::singleShot(0, this, [this, t, n] { emit countReady(t, n); });
        return t;
    }
    Ticket requestTrends(qint64, qint64, TrendBucket, const QStringList &) override
    {
        const Ticket t = nextTicket();
        ++trendRequests;
        QTimer::singleShot(0, this, [this, t] { emit trendsReady(t, {}); });
        return t;
    }
    Ticket requestAnalytics(qint64 fromMs, qint64 toMs) override
    {
        const Ticket t = nextTicket();
        ++analyticsRequests;
        AnalyticsReport report;
        report.fromMs = fromMs;
        report.toMs = toMs;
        LeaderboardEntry e;
        e.rank = 1;
        e.service = QStringLiteral("gemini");
        e.requests = 10;
        e.successRatePct = 90;
        e.score = 80;
        e.badge = QStringLiteral("good");
        report.leaderboard = {e};
        report.health.score = 88;
        report.health.label = QStringLiteral("degraded");
        QTimer::singleShot(0, this, [this, t, report] { emit analyticsReady(t, report); });
        return t;
    }
    Ticket requestChaosHistory(qint64, qint64, int) override
    {
        const Ticket t = nextTicket();
        QTimer::singleShot(0, this, [this, t] { emit chaosHistoryReady(t, {}); });
        return t;
    }
    Ticket exportRequests(const HistoryFilter &filter, const QString &path, ExportFormat) override
    {
        const Ticket t = nextTicket();
        exportFilters.append(filter);
        QTimer::singleShot(0, this, [this, t, path] {
            emit exportProgress(t, rows.size(), rows.size());
            emit exportFinished(t, true, QStringLiteral("written %1").arg(path));
        });
        return t;
    }
    void cancel(Ticket) override {}
    bool canClear(QString *reason) const override
    {
        if (reason) reason->clear();
        return true;
    }
    Ticket clearHistory() override
    {
        const Ticket t = nextTicket();
        clearedCalled = true;
        rows.clear();
        QTimer::singleShot(0, this, [this, t] { emit cleared(t, true, QStringLiteral("cleared")); });
        return t;
    }
};

inline StoredRequest storedRequest(qint64 rowId, const QString &service, Outcome outcome, qint64 atMs)
{
    StoredRequest s;
    s.rowId = rowId;
    RequestRecord &r = s.record;
    r.id = quint64(rowId);
    r.service = service;
    r.servedBy = service;
    r.outcome = outcome;
    r.errorClass = outcome == Outcome::Success ? ErrorClass::None : ErrorClass::ServerError;
    r.errorMessage = outcome == Outcome::Success ? QString() : QStringLiteral("HTTP 500");
    r.startedAtMs = atMs;
    r.finishedAtMs = atMs + 120;
    r.latencyMs = 120;
    r.prompt = QStringLiteral("prompt %1").arg(rowId);
    r.responseText = QStringLiteral("response %1").arg(rowId);
    r.simulated = true;
    r.attempts = 1;
    return s;
}

// GCC 12 reports a false -Wdangling-pointer inside QSet's initializer_list constructor when EngineConfig's
// defaults are inlined here (the sets in RetryPolicy and FallbackPolicy).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif
struct UiRig
{
    QTemporaryDir dir;
    std::unique_ptr<EngineHost> host;
    std::unique_ptr<LiveState> live;
    std::unique_ptr<ThemeManager> theme;
    std::unique_ptr<UiSettings> settings;
    std::unique_ptr<FakeHistorySource> history;
    UiContext context;

    explicit UiRig(bool withHistory = true, double failurePct = 0)
    {
        AppConfig config;
        config.services = {fastService(QStringLiteral("gemini"), ProviderKind::Gemini, failurePct),
                           fastService(QStringLiteral("cohere"), ProviderKind::Cohere, failurePct),
                           fastService(QStringLiteral("huggingface"), ProviderKind::HuggingFace, failurePct)};
        config.engine.seed = 7;
        host = std::make_unique<EngineHost>(config.engine, config.services);
        live = std::make_unique<LiveState>(host.get());
        settings = std::make_unique<UiSettings>(dir.filePath(QStringLiteral("settings.ini")));
        theme = std::make_unique<ThemeManager>(settings->theme());
        theme->apply();
        if (withHistory) history = std::make_unique<FakeHistorySource>();
        context.host = host.get();
        context.live = live.get();
        context.theme = theme.get();
        context.settings = settings.get();
        context.history = history.get();
        context.config = config;
    }
    ~UiRig()
    {
        live.reset();
        host->stop(1000);
    }

    template<typename R, typename F> R ask(F fn)
    {
        R out{};
        host->call([&](RequestEngine &e) { out = fn(e); });
        return out;
    }
    BreakerState breaker(const QString &service)
    {
        return ask<BreakerState>(
            [&](RequestEngine &e) { return e.snapshot().service(service)->breaker.state; });
    }
    void send(const QString &service, int n)
    {
        host->post([service, n](RequestEngine &e) {
            for (int i = 0; i < n; ++i)
                e.submit(RequestSpec(service, QStringLiteral("test prompt %1").arg(i)));
        });
    }
};
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic pop
#endif

} // namespace airm::ui::test
