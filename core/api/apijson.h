// The API's JSON vocabulary in one place: the seed's shapes (GET /metrics, the circuit breaker status, chaos
// experiments, the POST /ai answer) built from core values, the HTTP status of a request outcome, request
// bodies read into core values, content negotiation, and a fast ISO-8601 timestamp. Pure functions; any
// thread.
#pragma once

#include "engine/automationrun.h"
#include "model/metricssnapshot.h"
#include "model/requestrecord.h"
#include "model/serviceconfig.h"
#include "resilience/breakerconfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <optional>

namespace airm {

class HealthCoordinator;

class ApiJson
{
public:
    // "2024-05-01T12:00:00.123Z", as QDateTime::toString(Qt::ISODateWithMs) in UTC, without QDateTime.
    static QByteArray isoUtc(qint64 msSinceEpoch);
    static QString isoUtcString(qint64 msSinceEpoch);
    // A time a client sent: milliseconds since the epoch (not negative) or an ISO 8601 time. False when it
    // is neither.
    static bool readTime(const QString &text, qint64 *msSinceEpoch);

    // {success:false, error: message, status} plus extra fields.
    static QJsonObject error(const QString &message, int status, const QJsonObject &extra = {});

    // The seed's GET /metrics: {totalRequests, successfulRequests, failedRequests, successRate, avgLatency,
    // uptime, aiServices:{name:{requests, failures, successRate, avgLatency, status, lastCheck}}} plus ours.
    static QJsonObject seedMetrics(const MetricsSnapshot &snapshot, const HealthCoordinator &health);

    // The seed's CBStatus for one service plus ours (failureRate, config, ...). sinceWallMs: when the
    // breaker's history starts (engine start), for timeInStates.
    static QJsonObject seedBreaker(const QString &name, const BreakerSnapshot &breaker,
                                   const BreakerConfig &config, const QList<BreakerTransition> &transitions,
                                   qint64 lastFailureMs, qint64 sinceWallMs, qint64 nowWallMs);

    // The seed's experiment {service, type, intensity, duration, startTime, endTime} plus id, targets,
    // remainingSeconds and every parameter of the spec.
    static QJsonObject seedExperiment(const ActiveChaos &experiment, qint64 nowWallMs);
    // The type's primary parameter (the seed's "intensity"), or null for types without one.
    static QJsonValue intensity(ChaosType type, const QJsonObject &spec);

    // POST /ai: {success, service, response, latency, isRealAPI, timestamp} plus ours, or on failure
    // {success: false, error, service, latency, timestamp} plus ours, as compact JSON; and the HTTP status
    // that goes with it.
    static QByteArray aiAnswer(const RequestRecord &record);
    static int statusFor(const RequestRecord &record);

    static QJsonObject service(const ServiceConfig &config, const ServiceMetrics *metrics);

    // POST /api/v1/automation body. Unknown fields, wrong types and invalid values give an error naming the
    // field.
    static std::optional<AutomationConfig> automationConfig(const QJsonObject &body, QString *error);
    // POST /api/log-request body (the seed's fields) as a record; origin Api, or Automation when "automated".
    static std::optional<RequestRecord> loggedRequest(const QJsonObject &body, qint64 nowWallMs,
                                                      QString *error);

    // Content negotiation over an Accept header (q-values; the most specific range wins; ties go to JSON).
    static double acceptQuality(const QByteArray &accept, const QByteArray &mediaType);
    static bool prefersPrometheusText(const QByteArray &accept);
    static bool prefersHtml(const QByteArray &accept);
};

} // namespace airm
