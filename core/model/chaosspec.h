// One chaos experiment: a fault type with its parameters, its targets, injection rate and duration.
#pragma once

#include "types.h"

#include <QJsonObject>
#include <QStringList>

namespace airm {

struct ChaosLimits
{
    static constexpr int kMaxLatencyMs = 60'000;
    static constexpr int kMaxJitterMs = 60'000;
    static constexpr qint64 kMaxDurationMs = 24LL * 3600 * 1000;
    static constexpr int kMaxBurstS = 3600;
    static constexpr int kMaxRetryAfterS = 3600;
};

struct ChaosSpec
{
    QString id; // assigned by the registry when empty
    ChaosType type = ChaosType::Latency;
    QStringList targets;             // service names; empty or ["all"] = every service
    double injectionRatePct = 100.0; // share of requests the experiment touches
    qint64 durationMs = 30'000;

    // latency
    int latencyMs = 1000;
    int jitterMs = 0;
    // failure, corruption, rate_limit: probability that a touched request gets the fault
    double probabilityPct = 100.0;
    // failure: HTTP status to answer with (400..599)
    int errorStatus = 500;
    // intermittent: failing for failSeconds, then healthy for healthySeconds, repeating from the start
    int failSeconds = 5;
    int healthySeconds = 5;
    // corruption
    CorruptionMode corruptionMode = CorruptionMode::InvalidJson;
    // rate_limit
    int retryAfterS = 5;

    bool targetsAll() const;
    bool appliesTo(const QString &service) const;

    // Empty when valid; otherwise a message naming the parameter and its range. Nothing is silently clamped.
    QString validate() const;

    QJsonObject toJson() const;
    // Reads the fields that are present over the defaults above. Unknown types, modes or non-numeric values
    // give an error naming the field; the seed's "intensity" is accepted as the type's primary parameter.
    static ChaosSpec fromJson(const QJsonObject &o, QString *error);
    // Parses the command line form SERVICE:TYPE[:PARAMS[:DURATION]], PARAMS either a number (the type's
    // primary parameter) or key=value pairs separated by commas; DURATION like 30, 30s, 2m, 500ms.
    static ChaosSpec fromCommandLine(const QString &text, QString *error);
};

} // namespace airm
