// One chaos experiment as the GUI shows it: what, where, from when to when (planned and actual), how many
// requests it touched. Plain value type, GUI thread.
#pragma once

#include "model/metricssnapshot.h"

namespace airm::ui {

struct ChaosWindow
{
    ActiveChaos chaos;
    qint64 endedAtMs = 0; // 0 while active
    QString endReason;

    bool active() const { return endedAtMs == 0; }
    // End of the shaded span on a chart: the actual end, or nowMs while active.
    qint64 spanEndMs(qint64 nowMs) const { return active() ? qMin(nowMs, chaos.endsAtMs) : endedAtMs; }
};

} // namespace airm::ui
