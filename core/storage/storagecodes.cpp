#include "storagecodes.h"

#include <array>

namespace airm::storagecodes {
namespace {

// Index = stored code. Append only.
constexpr std::array kOutcomes{Outcome::Success, Outcome::Failure, Outcome::Rejected, Outcome::Timeout};

constexpr std::array kErrorClasses{
    ErrorClass::None,       ErrorClass::RateLimited,     ErrorClass::Overloaded,  ErrorClass::Auth,
    ErrorClass::BadRequest, ErrorClass::ContextLength,   ErrorClass::ServerError, ErrorClass::Timeout,
    ErrorClass::Network,    ErrorClass::CorruptResponse, ErrorClass::Rejected,    ErrorClass::Cancelled};

constexpr std::array kBreakerStates{BreakerState::Closed,     BreakerState::Open,
                                    BreakerState::HalfOpen,   BreakerState::Disabled,
                                    BreakerState::ForcedOpen, BreakerState::MetricsOnly};

constexpr std::array kProviderKinds{ProviderKind::Gemini, ProviderKind::Cohere, ProviderKind::HuggingFace,
                                    ProviderKind::OpenAi, ProviderKind::Anthropic};

constexpr std::array kOrigins{Origin::Manual, Origin::Automation, Origin::Api, Origin::Scenario,
                              Origin::HealthCheck};

constexpr std::array kChaosTypes{ChaosType::Latency,      ChaosType::Failure,     ChaosType::Timeout,
                                 ChaosType::Intermittent, ChaosType::Unavailable, ChaosType::Corruption,
                                 ChaosType::RateLimit};

template<typename E, std::size_t N> int indexOf(const std::array<E, N> &table, E v)
{
    for (std::size_t i = 0; i < N; ++i)
        if (table[i] == v) return int(i);
    return 0; // unreachable while every enumerator is listed (tst_migrations checks that)
}

template<typename E, std::size_t N> std::optional<E> at(const std::array<E, N> &table, int code)
{
    if (code < 0 || std::size_t(code) >= N) return std::nullopt;
    return table[std::size_t(code)];
}

} // namespace

int code(Outcome v)
{
    return indexOf(kOutcomes, v);
}
int code(ErrorClass v)
{
    return indexOf(kErrorClasses, v);
}
int code(BreakerState v)
{
    return indexOf(kBreakerStates, v);
}
int code(ProviderKind v)
{
    return indexOf(kProviderKinds, v);
}
int code(Origin v)
{
    return indexOf(kOrigins, v);
}
int code(ChaosType v)
{
    return indexOf(kChaosTypes, v);
}

std::optional<Outcome> outcome(int c)
{
    return at(kOutcomes, c);
}
std::optional<ErrorClass> errorClass(int c)
{
    return at(kErrorClasses, c);
}
std::optional<BreakerState> breakerState(int c)
{
    return at(kBreakerStates, c);
}
std::optional<ProviderKind> providerKind(int c)
{
    return at(kProviderKinds, c);
}
std::optional<Origin> origin(int c)
{
    return at(kOrigins, c);
}
std::optional<ChaosType> chaosType(int c)
{
    return at(kChaosTypes, c);
}

} // namespace airm::storagecodes
