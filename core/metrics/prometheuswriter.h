// Renders a MetricsSnapshot as Prometheus text exposition format 0.0.4. Metric names mirror resilience4j's
// (airm_circuitbreaker_state{state}, ..._not_permitted_calls_total, ..._failure_rate) plus LLM series
// (airm_requests_total, airm_request_duration_seconds histogram, airm_tokens_total{direction},
// airm_cost_usd_total).
#pragma once

#include "model/metricssnapshot.h"

#include <QByteArray>

namespace airm {

class PrometheusWriter
{
public:
    static QByteArray contentType() { return "text/plain; version=0.0.4; charset=utf-8"; }
    static QByteArray render(const MetricsSnapshot &snapshot);
};

} // namespace airm
