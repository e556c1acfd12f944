#include "routetable.h"

#include <QUrl>

namespace airm {

RouteTable::RouteTable()
{
    using R = RouteId;
    // clang-format off
    m_routes = {
        // The seed's backend and frontend endpoints, same paths, methods and field names.
        {R::Index,                 "GET",    "/",                                      false, "Index of the API (JSON, or HTML for a browser)"},
        {R::Test,                  "GET",    "/test",                                  true,  "Liveness"},
        {R::Metrics,               "GET",    "/metrics",                               false, "Seed metrics JSON; Prometheus text when Accept prefers text/plain or OpenMetrics"},
        {R::BreakerStatus,         "GET",    "/circuit-breaker/status",                false, "Circuit breaker status per service (seed shape)"},
        {R::BreakerReset,          "POST",   "/circuit-breaker/reset",                 false, "Reset one circuit breaker or all"},
        {R::MetricsReset,          "POST",   "/metrics/reset",                         false, "Reset live metrics, breakers and chaos (history is kept)"},
        {R::AiHealth,              "GET",    "/ai/health",                             false, "Run health checks and aggregate them"},
        {R::Ai,                    "POST",   "/ai",                                    false, "Send a prompt through the engine and wait for the answer"},
        {R::ChaosInject,           "POST",   "/chaos/inject",                          false, "Start a chaos experiment"},
        {R::ChaosStop,             "POST",   "/chaos/stop",                            false, "Stop chaos experiments of a service, all, or one by id"},
        {R::ChaosStatus,           "GET",    "/chaos/status",                          false, "Active chaos experiments"},
        {R::Prometheus,            "GET",    "/prometheus",                            false, "Prometheus text exposition"},
        {R::SeedApiMetrics,        "GET",    "/api/metrics",                           false, "Same as GET /metrics (JSON)"},
        {R::SeedApiHealth,         "GET",    "/api/health",                            false, "Same as GET /ai/health"},
        {R::SeedApiStatus,         "GET",    "/api/status",                            false, "Frontend status (seed shape)"},
        {R::SeedHistoryRequests,   "GET",    "/api/history/requests",                  false, "Recent requests from the history database"},
        {R::SeedHistoryStatistics, "GET",    "/api/history/statistics",                false, "Per-service statistics over the last hours"},
        {R::SeedHistoryErrors,     "GET",    "/api/history/errors",                    false, "Error patterns over the last hours"},
        {R::SeedHistoryBreaker,    "GET",    "/api/history/circuit-breaker",           false, "Circuit breaker transitions"},
        {R::SeedHistoryChaos,      "GET",    "/api/history/chaos",                     false, "Chaos experiments"},
        {R::SeedHistoryTrends,     "GET",    "/api/history/trends",                    false, "Request trends in buckets"},
        {R::SeedHistoryExport,     "GET",    "/api/history/export",                    false, "Export the requests of the last hours as JSON"},
        {R::SeedDatabaseStats,     "GET",    "/api/database/stats",                    false, "History database statistics"},
        {R::SeedLogRequest,        "POST",   "/api/log-request",                       false, "Log a request another program made"},
        {R::SeedTestingStart,      "POST",   "/chaos-testing/start",                   false, "Start the validation suite or continuous chaos testing"},
        {R::SeedTestingStop,       "POST",   "/chaos-testing/stop",                    false, "Stop chaos testing (rollback, then the report)"},
        {R::SeedTestingStatus,     "GET",    "/chaos-testing/status",                  false, "Chaos testing status with the last output lines"},
        {R::SeedTestingResults,    "GET",    "/chaos-testing/results",                 false, "Report files, newest first"},
        {R::SeedTestingResult,     "GET",    "/chaos-testing/results/{name}",          false, "One report file's content"},
        // The versioned resource API.
        {R::V1Index,               "GET",    "/api/v1",                                false, "Index of /api/v1"},
        {R::V1Services,            "GET",    "/api/v1/services",                       false, "List services"},
        {R::V1Service,             "GET",    "/api/v1/services/{name}",                false, "Get one service"},
        {R::V1ServicePatch,        "PATCH",  "/api/v1/services/{name}",                false, "Change fields of a service"},
        {R::V1ServicePut,          "PUT",    "/api/v1/services/{name}",                false, "Create or replace a service"},
        {R::V1ServiceDelete,       "DELETE", "/api/v1/services/{name}",                false, "Remove a service"},
        {R::V1Breakers,            "GET",    "/api/v1/breakers",                       false, "Breaker snapshots of every service"},
        {R::V1BreakersReset,       "POST",   "/api/v1/breakers/reset",                 false, "Reset every breaker"},
        {R::V1Breaker,             "GET",    "/api/v1/breakers/{service}",             false, "Breaker snapshot and configuration of one service"},
        {R::V1BreakerReset,        "POST",   "/api/v1/breakers/{service}/reset",       false, "Reset one breaker"},
        {R::V1BreakerForce,        "POST",   "/api/v1/breakers/{service}/force",       false, "Force a breaker state"},
        {R::V1BreakerConfig,       "GET",    "/api/v1/breakers/{service}/config",      false, "Breaker configuration"},
        {R::V1BreakerConfigPut,    "PUT",    "/api/v1/breakers/{service}/config",      false, "Change the breaker configuration (fields or a preset)"},
        {R::V1BreakerTransitions,  "GET",    "/api/v1/breakers/{service}/transitions", false, "Breaker transitions since start"},
        {R::V1BreakerPresets,      "GET",    "/api/v1/breaker-presets",                false, "Named breaker presets"},
        {R::V1ChaosList,           "GET",    "/api/v1/chaos/experiments",              false, "Active chaos experiments"},
        {R::V1ChaosCreate,         "POST",   "/api/v1/chaos/experiments",              false, "Start a chaos experiment"},
        {R::V1ChaosGet,            "GET",    "/api/v1/chaos/experiments/{id}",         false, "One experiment, active or ended"},
        {R::V1ChaosDelete,         "DELETE", "/api/v1/chaos/experiments/{id}",         false, "Stop an experiment"},
        {R::V1ChaosStop,           "POST",   "/api/v1/chaos/experiments/{id}/stop",    false, "Stop an experiment"},
        {R::V1ChaosStopAll,        "POST",   "/api/v1/chaos/stop",                     false, "Stop every experiment, or those of one service"},
        {R::V1ChaosHistory,        "GET",    "/api/v1/chaos/history",                  false, "Ended experiments of this run"},
        {R::V1RequestSubmit,       "POST",   "/api/v1/requests",                       false, "Submit a request; wait for it, or get 202 and poll"},
        {R::V1RequestGet,          "GET",    "/api/v1/requests/{id}",                  false, "A request submitted through the API"},
        {R::V1AutomationList,      "GET",    "/api/v1/automation",                     false, "Automation runs"},
        {R::V1AutomationStart,     "POST",   "/api/v1/automation",                     false, "Start an automation run"},
        {R::V1AutomationGet,       "GET",    "/api/v1/automation/{id}",                false, "Status of an automation run"},
        {R::V1AutomationStop,      "POST",   "/api/v1/automation/{id}/stop",           false, "Stop an automation run"},
        {R::V1Health,              "GET",    "/api/v1/health",                         false, "Latest health check results"},
        {R::V1HealthCheck,         "POST",   "/api/v1/health/check",                   false, "Run health checks and wait for them"},
        {R::V1Metrics,             "GET",    "/api/v1/metrics",                        false, "The latest metrics snapshot"},
        {R::V1MetricsSeries,       "GET",    "/api/v1/metrics/series",                 false, "Per-second series of one service or all"},
        {R::V1MetricsReset,        "POST",   "/api/v1/metrics/reset",                  false, "Reset live metrics only"},
        {R::V1HistoryRequests,     "GET",    "/api/v1/history/requests",               false, "Request history, keyset paged"},
        {R::V1HistoryStatistics,   "GET",    "/api/v1/history/statistics",             false, "Per-service statistics over the last hours"},
        {R::V1HistoryErrors,       "GET",    "/api/v1/history/errors",                 false, "Error patterns over the last hours"},
        {R::V1HistoryBreakers,     "GET",    "/api/v1/history/breakers",               false, "Breaker transitions, keyset paged"},
        {R::V1HistoryChaos,        "GET",    "/api/v1/history/chaos",                  false, "Chaos experiments, keyset paged"},
        {R::V1HistoryTrends,       "GET",    "/api/v1/history/trends",                 false, "Request trends in buckets"},
        {R::V1HistoryExport,       "GET",    "/api/v1/history/export",                 false, "Export requests as JSON or CSV, paged"},
        {R::V1DatabaseStats,       "GET",    "/api/v1/database/stats",                 false, "History database statistics"},
        {R::V1Events,              "GET",    "/api/v1/events",                         false, "WebSocket stream of events (upgrade required)"},
        {R::V1Scenarios,           "GET",    "/api/v1/scenarios",                      false, "Built-in experiment plans"},
        {R::V1ScenarioPlan,        "GET",    "/api/v1/scenarios/plans/{name}",         false, "A built-in plan as JSON"},
        {R::V1ScenarioStart,       "POST",   "/api/v1/scenarios/start",                false, "Start a built-in plan or a plan document"},
        {R::V1ScenarioCurrent,     "GET",    "/api/v1/scenarios/current",              false, "Status of the current (or last) scenario run"},
        {R::V1ScenarioStop,        "POST",   "/api/v1/scenarios/current/stop",         false, "Stop the running scenario (rollback, then the report)"},
        {R::V1ScenarioLast,        "GET",    "/api/v1/scenarios/last",                 false, "Summary, verdict and report files of the last finished run"},
        {R::V1Reports,             "GET",    "/api/v1/reports",                        false, "Report files, newest first"},
        {R::V1ReportWindow,        "GET",    "/api/v1/reports/window",                 false, "A live report for a time window (report schema, kind window)"},
        {R::V1Report,              "GET",    "/api/v1/reports/{name}",                 false, "One report file (JSON, CSV or text)"},
        {R::V1ReportDelete,        "DELETE", "/api/v1/reports/{name}",                 false, "Delete one report file"},
        {R::V1Alerts,              "GET",    "/api/v1/alerts",                         false, "Recent alerts with their delivery status, and the counters"},
        {R::V1AlertConfig,         "GET",    "/api/v1/alerts/config",                  false, "Alert rules and channels (webhook URLs redacted)"},
        {R::V1AlertConfigPut,      "PUT",    "/api/v1/alerts/config",                  false, "Change alert rules and channels (partial update)"},
        {R::V1AlertTest,           "POST",   "/api/v1/alerts/test",                    false, "Send a test alert through one channel"},
    };
    // clang-format on
    for (const Route &r : std::as_const(m_routes)) {
        if (!r.path.contains('{')) {
            m_literal[r.path].append(&r);
            continue;
        }
        Compiled c{&r, r.path.mid(1).split('/')};
        m_patterns.append(c);
    }
}

const RouteTable &RouteTable::instance()
{
    static const RouteTable table;
    return table;
}

RouteTable::Match RouteTable::match(const QByteArray &method, const QByteArray &rawPath) const
{
    Match m;
    const auto literal = m_literal.constFind(rawPath);
    if (literal != m_literal.cend()) {
        for (const Route *r : *literal)
            if (r->method == method) {
                m.route = r; // the hot path: no allocation beyond the lookup
                return m;
            }
        for (const Route *r : *literal)
            m.allowed.append(r->method);
    }
    if (m_patterns.isEmpty() || rawPath.size() < 2) return m;
    const QByteArrayList segments = rawPath.mid(1).split('/');
    for (const Compiled &c : m_patterns) {
        if (c.segments.size() != segments.size()) continue;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            const QByteArray &want = c.segments.at(i);
            matches = want.startsWith('{') ? !segments.at(i).isEmpty() : want == segments.at(i);
        }
        if (!matches) continue;
        if (!m.allowed.contains(c.route->method)) m.allowed.append(c.route->method);
        if (m.route || c.route->method != method) continue;
        m.route = c.route;
        for (qsizetype i = 0; i < segments.size(); ++i)
            if (c.segments.at(i).startsWith('{')) m.params << QUrl::fromPercentEncoding(segments.at(i));
    }
    return m;
}

} // namespace airm
