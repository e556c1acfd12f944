// The small integers the database stores for the core's enumerations. They are part of the on-disk format:
// append new values, never renumber. Kept apart from the enums' declaration order so that reordering an enum
// in model/types.h cannot silently change the meaning of stored rows. Pure functions, any thread.
#pragma once

#include "model/types.h"

#include <optional>

namespace airm::storagecodes {

int code(Outcome v);
int code(ErrorClass v);
int code(BreakerState v);
int code(ProviderKind v);
int code(Origin v);
int code(ChaosType v);

// Unknown codes (a newer writer's value read by an older build) give std::nullopt.
std::optional<Outcome> outcome(int code);
std::optional<ErrorClass> errorClass(int code);
std::optional<BreakerState> breakerState(int code);
std::optional<ProviderKind> providerKind(int code);
std::optional<Origin> origin(int code);
std::optional<ChaosType> chaosType(int code);

} // namespace airm::storagecodes
