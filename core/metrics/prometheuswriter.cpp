#include "prometheuswriter.h"

#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <utility>

namespace airm {
namespace {

constexpr double kMsPerSecond = 1000.0;

constexpr std::array kOutcomes{Outcome::Success, Outcome::Failure, Outcome::Rejected, Outcome::Timeout};
constexpr std::array kHealthStates{HealthState::Unknown,  HealthState::Healthy,   HealthState::Degraded,
                                   HealthState::Down,     HealthState::AuthError, HealthState::NotConfigured,
                                   HealthState::Simulated};
constexpr std::array kChaosTypes{ChaosType::Latency,      ChaosType::Failure,     ChaosType::Timeout,
                                 ChaosType::Intermittent, ChaosType::Unavailable, ChaosType::Corruption,
                                 ChaosType::RateLimit};
constexpr std::array kBreakerStates{BreakerState::Closed,     BreakerState::Open,
                                    BreakerState::HalfOpen,   BreakerState::Disabled,
                                    BreakerState::ForcedOpen, BreakerState::MetricsOnly};

QByteArray formatNumber(double v)
{
    if (std::isnan(v)) return QByteArrayLiteral("NaN");
    if (std::isinf(v)) return v > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    // Shortest text that reads back as the same double; Prometheus parses it with strconv.ParseFloat.
    char buf[32];
    const auto result = std::to_chars(std::begin(buf), std::end(buf), v);
    return QByteArray(buf, static_cast<qsizetype>(result.ptr - buf));
}

QByteArray formatNumber(qint64 v)
{
    return QByteArray::number(v);
}

QByteArray formatNumber(int v)
{
    return QByteArray::number(v);
}

// Label values escape backslash, double quote and newline; HELP text escapes backslash and newline.
QByteArray escape(const QString &value, bool quotes)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && quotes)
            out += "\\\"";
        else
            out += c;
    }
    return out;
}

using Label = std::pair<const char *, QString>;

// The state and class labels are the edge names from types.cpp, lowercased (resilience4j's convention).
QString labelValue(BreakerState s)
{
    return toString(s).toLower();
}

class Writer
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_out += "# HELP ";
        m_out += name;
        m_out += ' ';
        m_out += escape(QString::fromUtf8(help), false);
        m_out += "\n# TYPE ";
        m_out += name;
        m_out += ' ';
        m_out += type;
        m_out += '\n';
    }

    template<typename Number> void sample(const char *name, std::initializer_list<Label> labels, Number value)
    {
        m_out += name;
        if (labels.size() > 0) {
            m_out += '{';
            bool first = true;
            for (const auto &[key, v] : labels) {
                if (!first) m_out += ',';
                first = false;
                m_out += key;
                m_out += "=\"";
                m_out += escape(v, true);
                m_out += '"';
            }
            m_out += '}';
        }
        m_out += ' ';
        m_out += formatNumber(value);
        m_out += '\n';
    }

    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

// Unobserved quantiles are NaN, as in Prometheus summaries, rather than a 0 that reads as "very fast".
double quantileSeconds(const LatencySummary &s, double ms)
{
    return s.count > 0 ? ms / kMsPerSecond : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

QByteArray PrometheusWriter::render(const MetricsSnapshot &snapshot)
{
    Writer w;
    const QList<ServiceMetrics> &services = snapshot.services;

    w.family("airm_requests_total", "counter", "Finished logical requests by outcome.");
    for (const ServiceMetrics &s : services) {
        for (Outcome o : kOutcomes) {
            qint64 n = 0;
            switch (o) {
            case Outcome::Success:
                n = s.successes;
                break;
            case Outcome::Failure:
                n = s.failures;
                break;
            case Outcome::Rejected:
                n = s.rejected;
                break;
            case Outcome::Timeout:
                n = s.timeouts;
                break;
            }
            w.sample("airm_requests_total", {{"service", s.name}, {"outcome", toString(o)}}, n);
        }
    }

    w.family("airm_errors_total", "counter", "Failed requests by error class.");
    for (const ServiceMetrics &s : services)
        for (auto it = s.errorsByClass.cbegin(); it != s.errorsByClass.cend(); ++it)
            w.sample("airm_errors_total", {{"service", s.name}, {"error_class", toString(it.key())}},
                     it.value());

    w.family("airm_request_duration_seconds", "histogram",
             "Latency of finished requests, all attempts included; rejected requests are not observed.");
    for (const ServiceMetrics &s : services) {
        for (qsizetype i = 0;
             i < s.latencyBucketCounts.size() && i < qsizetype(std::size(kPrometheusBucketsMs)); ++i) {
            const QString le = QString::fromLatin1(formatNumber(kPrometheusBucketsMs[i] / kMsPerSecond));
            w.sample("airm_request_duration_seconds_bucket", {{"service", s.name}, {"le", le}},
                     s.latencyBucketCounts[i]);
        }
        w.sample("airm_request_duration_seconds_bucket",
                 {{"service", s.name}, {"le", QStringLiteral("+Inf")}}, s.latencyAll.count);
        w.sample("airm_request_duration_seconds_sum", {{"service", s.name}}, s.latencySumMs / kMsPerSecond);
        w.sample("airm_request_duration_seconds_count", {{"service", s.name}}, s.latencyAll.count);
    }

    w.family(
        "airm_request_latency_seconds", "gauge",
        "Latency percentiles over the last minute, the last five minutes and the whole run; NaN when empty.");
    for (const ServiceMetrics &s : services) {
        const std::pair<const char *, const LatencySummary *> windows[] = {
            {"1m", &s.latency1m}, {"5m", &s.latency5m}, {"all", &s.latencyAll}};
        for (const auto &[window, l] : windows) {
            const std::pair<const char *, double> quantiles[] = {
                {"0.5", l->p50Ms}, {"0.9", l->p90Ms}, {"0.95", l->p95Ms}, {"0.99", l->p99Ms}};
            for (const auto &[q, ms] : quantiles)
                w.sample("airm_request_latency_seconds",
                         {{"service", s.name},
                          {"quantile", QString::fromLatin1(q)},
                          {"window", QString::fromLatin1(window)}},
                         quantileSeconds(*l, ms));
        }
    }

    w.family("airm_tokens_total", "counter", "Tokens reported by providers.");
    for (const ServiceMetrics &s : services) {
        w.sample("airm_tokens_total", {{"service", s.name}, {"direction", QStringLiteral("input")}},
                 s.inputTokens);
        w.sample("airm_tokens_total", {{"service", s.name}, {"direction", QStringLiteral("output")}},
                 s.outputTokens);
    }

    w.family("airm_cost_usd_total", "counter", "Estimated cost in US dollars.");
    for (const ServiceMetrics &s : services)
        w.sample("airm_cost_usd_total", {{"service", s.name}}, s.costUsd);

    const std::pair<const char *, qint64 ServiceMetrics::*> counters[] = {
        {"airm_chaos_affected_requests_total", &ServiceMetrics::chaosAffected},
        {"airm_simulated_requests_total", &ServiceMetrics::simulatedCalls},
        {"airm_retries_total", &ServiceMetrics::retries},
    };
    const char *counterHelp[] = {
        "Requests changed by at least one chaos experiment.",
        "Requests answered by the simulation.",
        "Retry attempts (attempts beyond the first).",
    };
    for (std::size_t i = 0; i < std::size(counters); ++i) {
        const auto &[name, field] = counters[i];
        w.family(name, "counter", counterHelp[i]);
        for (const ServiceMetrics &s : services)
            w.sample(name, {{"service", s.name}}, s.*field);
    }

    w.family(
        "airm_fallbacks_total", "counter",
        "Requests that fell back from the asked service to another one (the one that answered or was tried "
        "last).");
    for (auto it = snapshot.fallbacksByRoute.cbegin(); it != snapshot.fallbacksByRoute.cend(); ++it)
        w.sample("airm_fallbacks_total", {{"from", it.key().first}, {"to", it.key().second}}, it.value());

    w.family("airm_chaos_injected_faults_total", "counter",
             "Attempts a chaos experiment touched, by service and experiment type.");
    for (const ServiceMetrics &s : services)
        for (ChaosType t : kChaosTypes)
            w.sample("airm_chaos_injected_faults_total", {{"service", s.name}, {"type", toString(t)}},
                     s.chaosFaultsByType.value(t, 0));

    w.family("airm_chaos_experiments_active", "gauge",
             "Active chaos experiments that target the service, by experiment type.");
    for (const ServiceMetrics &s : services)
        for (ChaosType t : kChaosTypes) {
            qint64 n = 0;
            for (const ActiveChaos &c : snapshot.activeChaos)
                if (c.type == t && (c.targets.isEmpty() || c.targets.contains(QLatin1String("all")) ||
                                    c.targets.contains(s.name)))
                    ++n;
            w.sample("airm_chaos_experiments_active", {{"service", s.name}, {"type", toString(t)}}, n);
        }

    w.family("airm_requests_per_second", "gauge", "Request rate over the last seconds.");
    for (const ServiceMetrics &s : services)
        w.sample("airm_requests_per_second", {{"service", s.name}}, s.requestsPerSecond);

    w.family("airm_service_simulated", "gauge", "1 when the service runs on the simulation.");
    for (const ServiceMetrics &s : services)
        w.sample("airm_service_simulated", {{"service", s.name}}, s.simulated ? 1 : 0);

    w.family("airm_service_health", "gauge", "Health state of the service: 1 for the current state.");
    for (const ServiceMetrics &s : services)
        for (HealthState h : kHealthStates)
            w.sample("airm_service_health", {{"service", s.name}, {"state", toString(h)}},
                     s.health == h ? 1 : 0);

    w.family("airm_circuitbreaker_state", "gauge", "Circuit breaker state: 1 for the current state.");
    for (const ServiceMetrics &s : services)
        for (BreakerState b : kBreakerStates)
            w.sample("airm_circuitbreaker_state", {{"service", s.name}, {"state", labelValue(b)}},
                     s.breaker.state == b ? 1 : 0);

    w.family("airm_circuitbreaker_not_permitted_calls_total", "counter",
             "Calls the circuit breaker rejected.");
    for (const ServiceMetrics &s : services)
        w.sample("airm_circuitbreaker_not_permitted_calls_total", {{"service", s.name}},
                 s.breaker.notPermittedCalls);

    w.family("airm_circuitbreaker_calls_total", "counter", "Calls the circuit breaker recorded, by kind.");
    for (const ServiceMetrics &s : services) {
        w.sample("airm_circuitbreaker_calls_total",
                 {{"service", s.name}, {"kind", QStringLiteral("successful")}}, s.breaker.successfulCalls);
        w.sample("airm_circuitbreaker_calls_total", {{"service", s.name}, {"kind", QStringLiteral("failed")}},
                 s.breaker.failedCalls);
        w.sample("airm_circuitbreaker_calls_total",
                 {{"service", s.name}, {"kind", QStringLiteral("ignored")}}, s.breaker.ignoredCalls);
    }

    w.family(
        "airm_circuitbreaker_failure_rate", "gauge",
        "Failure rate in percent over the breaker's window; -1 until it holds the minimum number of calls.");
    for (const ServiceMetrics &s : services)
        w.sample("airm_circuitbreaker_failure_rate", {{"service", s.name}}, s.breaker.failureRatePct);

    w.family("airm_circuitbreaker_slow_call_rate", "gauge",
             "Slow call rate in percent over the breaker's window; -1 until it holds the minimum number of "
             "calls.");
    for (const ServiceMetrics &s : services)
        w.sample("airm_circuitbreaker_slow_call_rate", {{"service", s.name}}, s.breaker.slowCallRatePct);

    w.family("airm_circuitbreaker_opens_total", "counter", "Transitions of the circuit breaker to OPEN.");
    for (const ServiceMetrics &s : services)
        w.sample("airm_circuitbreaker_opens_total", {{"service", s.name}}, s.breaker.openCount);

    w.family("airm_chaos_active_experiments", "gauge", "Chaos experiments currently active.");
    w.sample("airm_chaos_active_experiments", {}, static_cast<qint64>(snapshot.activeChaos.size()));

    w.family("airm_uptime_seconds", "gauge", "Seconds since the engine started or metrics were last reset.");
    w.sample("airm_uptime_seconds", {},
             static_cast<double>(snapshot.takenAtMs - snapshot.startedAtMs) / kMsPerSecond);

    w.family("airm_build_info", "gauge", "Build information; always 1.");
    w.sample("airm_build_info", {{"version", QStringLiteral(AIRM_VERSION)}}, 1);

    return w.take();
}

QByteArray PrometheusWriter::renderExtras(const PrometheusExtras &e)
{
    Writer w;
    if (e.storageKnown) {
        w.family("airm_storage_queue_depth", "gauge",
                 "Records waiting to be written to the history database.");
        w.sample("airm_storage_queue_depth", {}, e.storageQueueDepth);
        w.family("airm_storage_degraded", "gauge",
                 "1 while the history database cannot keep up or fails and records are being dropped.");
        w.sample("airm_storage_degraded", {}, e.storageDegraded ? 1 : 0);
    }
    if (e.httpKnown) {
        w.family("airm_http_responses_total", "counter",
                 "Answers of the HTTP API by method and status code.");
        for (auto it = e.httpResponses.cbegin(); it != e.httpResponses.cend(); ++it)
            w.sample("airm_http_responses_total", {{"method", it.key().first}, {"code", it.key().second}},
                     it.value());
        w.family("airm_http_rejected_total", "counter",
                 "Connections or requests the HTTP guard refused, by reason.");
        for (auto it = e.httpRejected.cbegin(); it != e.httpRejected.cend(); ++it)
            w.sample("airm_http_rejected_total", {{"reason", it.key()}}, it.value());
        w.family("airm_http_connections_open", "gauge", "Open HTTP connections.");
        w.sample("airm_http_connections_open", {}, e.httpConnectionsOpen);
        w.family("airm_websocket_clients", "gauge", "Clients of the /api/v1/events stream.");
        w.sample("airm_websocket_clients", {}, e.webSocketClients);
    }
    if (e.processKnown) {
        w.family("process_cpu_user_seconds_total", "counter", "User CPU time spent in seconds.");
        w.sample("process_cpu_user_seconds_total", {}, e.cpuUserSeconds);
        w.family("process_cpu_system_seconds_total", "counter", "System CPU time spent in seconds.");
        w.sample("process_cpu_system_seconds_total", {}, e.cpuSystemSeconds);
        w.family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
        w.sample("process_cpu_seconds_total", {}, e.cpuUserSeconds + e.cpuSystemSeconds);
        w.family("process_start_time_seconds", "gauge",
                 "Start time of the process since unix epoch in seconds.");
        w.sample("process_start_time_seconds", {}, e.startTimeSeconds);
        w.family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        w.sample("process_resident_memory_bytes", {}, e.residentMemoryBytes);
        w.family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
        w.sample("process_virtual_memory_bytes", {}, e.virtualMemoryBytes);
        w.family("process_open_fds", "gauge", "Number of open file descriptors.");
        w.sample("process_open_fds", {}, e.openFds);
        w.family("process_max_fds", "gauge", "Maximum number of open file descriptors.");
        w.sample("process_max_fds", {}, e.maxFds);
    }
    return w.take();
}

} // namespace airm
