// Renders a MetricsSnapshot as Prometheus text exposition format 0.0.4. Metric names mirror resilience4j's
// with an airm_ prefix (airm_circuitbreaker_state{service,state}, ..._calls_total{service,kind},
// ..._not_permitted_calls_total, ..._failure_rate, ..._slow_call_rate) plus LLM and chaos series
// (airm_requests_total, airm_request_duration_seconds histogram, airm_tokens_total{direction},
// airm_cost_usd_total, airm_chaos_experiments_active{service,type}, airm_chaos_injected_faults_total,
// airm_fallbacks_total{from,to}). renderExtras() adds what lives outside the engine: storage, the HTTP
// front end and the standard process_* metrics.
#pragma once

#include "model/metricssnapshot.h"

#include <QByteArray>
#include <QMap>
#include <QPair>

namespace airm {

// Values from outside the engine, for renderExtras(). Families whose source is unknown are left out.
struct PrometheusExtras
{
    bool storageKnown = false;
    qint64 storageQueueDepth = 0;
    bool storageDegraded = false;

    bool processKnown = false;
    double residentMemoryBytes = 0;
    double virtualMemoryBytes = 0;
    double cpuUserSeconds = 0;
    double cpuSystemSeconds = 0;
    double startTimeSeconds = 0; // since the Unix epoch
    double openFds = 0;
    double maxFds = 0;

    bool httpKnown = false;
    QMap<QPair<QString, QString>, qint64> httpResponses; // (method, status code) -> answers
    QMap<QString, qint64> httpRejected;                  // reason -> connections or requests refused
    qint64 httpConnectionsOpen = 0;
    qint64 webSocketClients = 0;
};

class PrometheusWriter
{
public:
    static QByteArray contentType() { return "text/plain; version=0.0.4; charset=utf-8"; }
    static QByteArray render(const MetricsSnapshot &snapshot);
    // Families disjoint from render()'s, so the two can be concatenated into one exposition.
    static QByteArray renderExtras(const PrometheusExtras &extras);
};

} // namespace airm
