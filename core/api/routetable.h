// Every HTTP route of the API in one list: method, path template (OpenAPI syntax, {param} for one segment),
// whether it needs the token, and a summary. The server dispatches from it, the index page and 405 answers
// are built from it, and a test compares it with docs/openapi.yaml. Immutable after construction; any thread.
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>
#include <QList>
#include <QStringList>

namespace airm {

enum class RouteId {
    // Seed-compatible
    Index,
    Test,
    Metrics,
    BreakerStatus,
    BreakerReset,
    MetricsReset,
    AiHealth,
    Ai,
    ChaosInject,
    ChaosStop,
    ChaosStatus,
    Prometheus,
    SeedApiMetrics,
    SeedApiHealth,
    SeedApiStatus,
    SeedHistoryRequests,
    SeedHistoryStatistics,
    SeedHistoryErrors,
    SeedHistoryBreaker,
    SeedHistoryChaos,
    SeedHistoryTrends,
    SeedHistoryExport,
    SeedDatabaseStats,
    SeedLogRequest,
    SeedTestingStart,
    SeedTestingStop,
    SeedTestingStatus,
    SeedTestingResults,
    SeedTestingResult,
    // /api/v1
    V1Index,
    V1Services,
    V1Service,
    V1ServicePatch,
    V1ServicePut,
    V1ServiceDelete,
    V1Breakers,
    V1Breaker,
    V1BreakersReset,
    V1BreakerReset,
    V1BreakerForce,
    V1BreakerConfig,
    V1BreakerConfigPut,
    V1BreakerTransitions,
    V1BreakerPresets,
    V1ChaosList,
    V1ChaosCreate,
    V1ChaosGet,
    V1ChaosDelete,
    V1ChaosStop,
    V1ChaosStopAll,
    V1ChaosHistory,
    V1RequestSubmit,
    V1RequestGet,
    V1AutomationList,
    V1AutomationStart,
    V1AutomationGet,
    V1AutomationStop,
    V1Health,
    V1HealthCheck,
    V1Metrics,
    V1MetricsSeries,
    V1MetricsReset,
    V1HistoryRequests,
    V1HistoryStatistics,
    V1HistoryErrors,
    V1HistoryBreakers,
    V1HistoryChaos,
    V1HistoryTrends,
    V1HistoryExport,
    V1DatabaseStats,
    V1Events,
    V1Scenarios,
    V1ScenarioPlan,
    V1ScenarioStart,
    V1ScenarioCurrent,
    V1ScenarioStop,
    V1ScenarioLast,
    V1Reports,
    V1ReportWindow,
    V1Report,
    V1ReportDelete,
    V1Alerts,
    V1AlertConfig,
    V1AlertConfigPut,
    V1AlertTest,
};

struct Route
{
    RouteId id;
    QByteArray method; // GET, POST, PUT, PATCH or DELETE
    QByteArray path;   // /api/v1/services/{name}
    bool isPublic;     // reachable without the token
    const char *summary;
};

class RouteTable
{
public:
    static const RouteTable &instance();

    const QList<Route> &routes() const { return m_routes; }

    struct Match
    {
        const Route *route = nullptr; // null: no route for this method and path
        QStringList params;           // decoded path parameters, in template order
        QByteArrayList allowed;       // methods the path has, when it exists (for 405 and OPTIONS)
    };
    // rawPath is still percent-encoded; each segment is decoded after splitting, so %2F stays in its segment.
    Match match(const QByteArray &method, const QByteArray &rawPath) const;

private:
    RouteTable();
    struct Compiled
    {
        const Route *route;
        QByteArrayList segments; // "{x}" marks a parameter
    };
    QList<Route> m_routes;
    QHash<QByteArray, QList<const Route *>> m_literal; // routes without parameters, by path
    QList<Compiled> m_patterns;                        // routes with parameters
};

} // namespace airm
