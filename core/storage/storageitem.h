// Anything the writer persists, as one type for its queue, its journal and its batches. Any thread.
#pragma once

#include "model/metricssnapshot.h"
#include "model/requestrecord.h"
#include "storagerecords.h"

#include <variant>

namespace airm {

using StorageItem =
    std::variant<RequestRecord, BreakerTransition, ChaosRecord, ScenarioRunRecord, AlertRecord>;

} // namespace airm
