#include "types.h"

#include <array>
#include <utility>

namespace airm {
namespace {

template<typename E, std::size_t N> using Table = std::array<std::pair<E, const char *>, N>;

constexpr Table<Outcome, 4> kOutcomes{{{Outcome::Success, "success"},
                                       {Outcome::Failure, "failure"},
                                       {Outcome::Rejected, "rejected"},
                                       {Outcome::Timeout, "timeout"}}};

constexpr Table<ErrorClass, 12> kErrorClasses{{{ErrorClass::None, "none"},
                                               {ErrorClass::RateLimited, "rate_limited"},
                                               {ErrorClass::Overloaded, "overloaded"},
                                               {ErrorClass::Auth, "auth"},
                                               {ErrorClass::BadRequest, "bad_request"},
                                               {ErrorClass::ContextLength, "context_length"},
                                               {ErrorClass::ServerError, "server_error"},
                                               {ErrorClass::Timeout, "timeout"},
                                               {ErrorClass::Network, "network"},
                                               {ErrorClass::CorruptResponse, "corrupt_response"},
                                               {ErrorClass::Rejected, "rejected"},
                                               {ErrorClass::Cancelled, "cancelled"}}};

constexpr Table<BreakerState, 6> kBreakerStates{{{BreakerState::Closed, "CLOSED"},
                                                 {BreakerState::Open, "OPEN"},
                                                 {BreakerState::HalfOpen, "HALF_OPEN"},
                                                 {BreakerState::Disabled, "DISABLED"},
                                                 {BreakerState::ForcedOpen, "FORCED_OPEN"},
                                                 {BreakerState::MetricsOnly, "METRICS_ONLY"}}};

constexpr Table<ChaosType, 7> kChaosTypes{{{ChaosType::Latency, "latency"},
                                           {ChaosType::Failure, "failure"},
                                           {ChaosType::Timeout, "timeout"},
                                           {ChaosType::Intermittent, "intermittent"},
                                           {ChaosType::Unavailable, "unavailable"},
                                           {ChaosType::Corruption, "corruption"},
                                           {ChaosType::RateLimit, "rate_limit"}}};

constexpr Table<CorruptionMode, 4> kCorruptionModes{{{CorruptionMode::Truncated, "truncated"},
                                                     {CorruptionMode::InvalidJson, "invalid_json"},
                                                     {CorruptionMode::WrongSchema, "wrong_schema"},
                                                     {CorruptionMode::Empty, "empty"}}};

constexpr Table<ProviderKind, 5> kProviderKinds{{{ProviderKind::Gemini, "gemini"},
                                                 {ProviderKind::Cohere, "cohere"},
                                                 {ProviderKind::HuggingFace, "huggingface"},
                                                 {ProviderKind::OpenAi, "openai"},
                                                 {ProviderKind::Anthropic, "anthropic"}}};

constexpr Table<Origin, 5> kOrigins{{{Origin::Manual, "manual"},
                                     {Origin::Automation, "automation"},
                                     {Origin::Api, "api"},
                                     {Origin::Scenario, "scenario"},
                                     {Origin::HealthCheck, "health_check"}}};

constexpr Table<HealthState, 7> kHealthStates{{{HealthState::Unknown, "unknown"},
                                               {HealthState::Healthy, "healthy"},
                                               {HealthState::Degraded, "degraded"},
                                               {HealthState::Down, "down"},
                                               {HealthState::AuthError, "auth_error"},
                                               {HealthState::NotConfigured, "not_configured"},
                                               {HealthState::Simulated, "simulated"}}};

template<typename E, std::size_t N> QString lookup(const Table<E, N> &table, E value)
{
    for (const auto &[e, name] : table)
        if (e == value) return QString::fromLatin1(name);
    return QStringLiteral("unknown");
}

template<typename E, std::size_t N> std::optional<E> parse(const Table<E, N> &table, const QString &s)
{
    for (const auto &[e, name] : table)
        if (s.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) return e;
    return std::nullopt;
}

} // namespace

namespace names {

QString toString(Outcome v)
{
    return lookup(kOutcomes, v);
}
QString toString(ErrorClass v)
{
    return lookup(kErrorClasses, v);
}
QString toString(BreakerState v)
{
    return lookup(kBreakerStates, v);
}
QString toString(ChaosType v)
{
    return lookup(kChaosTypes, v);
}
QString toString(CorruptionMode v)
{
    return lookup(kCorruptionModes, v);
}
QString toString(ProviderKind v)
{
    return lookup(kProviderKinds, v);
}
QString toString(Origin v)
{
    return lookup(kOrigins, v);
}
QString toString(HealthState v)
{
    return lookup(kHealthStates, v);
}

std::optional<Outcome> outcomeFromString(const QString &s)
{
    return parse(kOutcomes, s);
}
std::optional<ErrorClass> errorClassFromString(const QString &s)
{
    return parse(kErrorClasses, s);
}
std::optional<BreakerState> breakerStateFromString(const QString &s)
{
    return parse(kBreakerStates, s);
}
std::optional<ChaosType> chaosTypeFromString(const QString &s)
{
    return parse(kChaosTypes, s);
}
std::optional<CorruptionMode> corruptionModeFromString(const QString &s)
{
    return parse(kCorruptionModes, s);
}
std::optional<ProviderKind> providerKindFromString(const QString &s)
{
    return parse(kProviderKinds, s);
}
std::optional<Origin> originFromString(const QString &s)
{
    return parse(kOrigins, s);
}
std::optional<HealthState> healthStateFromString(const QString &s)
{
    return parse(kHealthStates, s);
}

} // namespace names

} // namespace airm
