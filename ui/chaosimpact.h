// What one chaos experiment did, counted by the GUI from the request records it touched: requests affected
// and failures caused (outcome other than success). Plain value type.
#pragma once

#include <QtGlobal>

namespace airm::ui {

struct ChaosImpact
{
    qint64 requests = 0;
    qint64 failures = 0;
};

} // namespace airm::ui
