// The words people read for the core's enumerations and figures: outcome, error class, breaker, health,
// chaos type, origin and provider names, and number, latency, duration and time formats. Every one is
// translatable; the core's toString() names stay for JSON and SQL. GUI thread (uses the application locale).
#pragma once

#include "model/types.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace airm::ui {

class Labels
{
    Q_DECLARE_TR_FUNCTIONS(airm::ui::Labels)
public:
    static QString outcome(Outcome v);
    static QString errorClass(ErrorClass v);
    static QString health(HealthState v);
    static QString healthDetail(HealthState v);
    static QString chaosType(ChaosType v);
    static QString chaosHelp(ChaosType v);
    static QString corruptionMode(CorruptionMode v);
    static QString origin(Origin v);
    // The parameters of a chaos experiment from its ChaosSpec::toJson(): "1 000 ms ± 200 ms", "HTTP 503 at 50
    // %".
    static QString chaosParameters(const QJsonObject &spec);
    // "gemini, cohere" or "all services"
    static QString chaosTargets(const QStringList &targets);
    static QString providerKind(ProviderKind v);

    // The analytics' machine words ("healthy", "rising", "insufficient_data", "recovered", ...) for people.
    static QString analyticsWord(const QString &key);

    // 12 345
    static QString count(qint64 n);
    // "812 ms", "1.24 s", "–" for negative
    static QString latency(double ms);
    // "97.3 %", "–" for negative
    static QString percent(double pct, int decimals = 1);
    // "4 s", "2 min 05 s", "1 h 02 min"
    static QString duration(qint64 ms);
    // "14:03:07"
    static QString clock(qint64 msSinceEpoch);
    // "2024-05-01 14:03:07"
    static QString dateTime(qint64 msSinceEpoch);
    // "14:03:07" today, "2024-05-01 14:03" on other days: for dense tables.
    static QString shortDateTime(qint64 msSinceEpoch);
    // The seed's words for a success rate: excellent (>= 95), good (>= 85), degraded.
    static QString successVerdict(double pct);
    // The seed's words for an average response time: excellent (< 200 ms), good (< 500 ms), slow.
    static QString latencyVerdict(double ms);
};

} // namespace airm::ui
