// The enumerations every layer speaks: outcomes, error classes, breaker states, chaos types, provider kinds.
// Strings for them exist only at the edges (JSON, SQL, UI) and are produced here, in one place.
#pragma once

#include <QString>
#include <optional>

namespace airm {

enum class Outcome { Success, Failure, Rejected, Timeout };

enum class ErrorClass {
    None,
    RateLimited,     // 429; carries Retry-After
    Overloaded,      // 503/529 "overloaded"
    Auth,            // 401/403
    BadRequest,      // 400/404/422 not caused by context length
    ContextLength,   // prompt too long for the model
    ServerError,     // other 5xx
    Timeout,         // attempt timeout or deadline
    Network,         // connection refused, reset, DNS, outage
    CorruptResponse, // body did not parse into the provider's schema
    Rejected,        // circuit breaker did not permit the call
    Cancelled,       // engine shut down or caller cancelled
};

enum class BreakerState { Closed, Open, HalfOpen, Disabled, ForcedOpen, MetricsOnly };

enum class ChaosType { Latency, Failure, Timeout, Intermittent, Unavailable, Corruption, RateLimit };

enum class CorruptionMode { Truncated, InvalidJson, WrongSchema, Empty };

enum class ProviderKind { Gemini, Cohere, HuggingFace, OpenAi, Anthropic };

enum class Origin { Manual, Automation, Api, Scenario, HealthCheck };

enum class HealthState { Unknown, Healthy, Degraded, Down, AuthError, NotConfigured, Simulated };

// In their own namespace, brought into airm by a using-directive: ordinary lookup finds them everywhere in
// airm, but argument-dependent lookup from other libraries (QTest's toString for QCOMPARE) does not.
namespace names {
QString toString(Outcome v);
QString toString(ErrorClass v);
QString toString(BreakerState v);
QString toString(ChaosType v);
QString toString(CorruptionMode v);
QString toString(ProviderKind v);
QString toString(Origin v);
QString toString(HealthState v);

// Parsers accept exactly the strings produced above (case-insensitive); anything else is std::nullopt.
std::optional<Outcome> outcomeFromString(const QString &s);
std::optional<ErrorClass> errorClassFromString(const QString &s);
std::optional<BreakerState> breakerStateFromString(const QString &s);
std::optional<ChaosType> chaosTypeFromString(const QString &s);
std::optional<CorruptionMode> corruptionModeFromString(const QString &s);
std::optional<ProviderKind> providerKindFromString(const QString &s);
std::optional<Origin> originFromString(const QString &s);
std::optional<HealthState> healthStateFromString(const QString &s);
} // namespace names
using namespace names;

} // namespace airm
