// The seam between the engine and the wire: real HTTP, the simulation, and the chaos decorator around either.
// Thread affinity: a transport is created and used on the engine thread; callbacks run on that thread.
#pragma once

#include "httpmessage.h"

#include <functional>

namespace airm {

class Transport
{
public:
    using CallId = quint64;
    using Callback = std::function<void(HttpResponse)>;

    virtual ~Transport() = default;
    // Starts a call. `done` runs exactly once, later (never inside send()), unless abort(id) is called first.
    virtual CallId send(const HttpRequest &request, Callback done) = 0;
    // Cancels a call; its callback will not run. Unknown or finished ids are ignored. Returns the ids of
    // chaos experiments that had touched the call (so a call that chaos made hang still names its cause).
    virtual QStringList abort(CallId id) = 0;
};

} // namespace airm
