// What a caller asks the engine to do: one prompt to one service, with where it came from.
#pragma once

#include "types.h"

#include <QString>

namespace airm {

struct RequestSpec
{
    RequestSpec() = default;
    RequestSpec(QString serviceName, QString promptText, Origin from = Origin::Manual)
        : service(std::move(serviceName))
        , prompt(std::move(promptText))
        , origin(from)
    {}

    QString service; // configured service name
    QString prompt;
    Origin origin = Origin::Manual;
    QString runId;             // automation run or scenario run that sent it, if any
    QString model;             // overrides the service's model when set
    int maxTokens = -1;        // -1: the service's default
    int attemptTimeoutMs = -1; // -1: the service's timeout
    qint64 deadlineMs = -1;    // overall budget for all attempts and fallbacks; -1: engine default
};

} // namespace airm
