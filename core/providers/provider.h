// One AI provider wire format: builds the real HTTP request, parses text and token usage from the real
// response shape, and maps HTTP statuses, error bodies and transport errors to an ErrorClass. Providers are
// stateless and may be shared; every method is const and thread-safe.
#pragma once

#include "model/requestspec.h"
#include "model/serviceconfig.h"
#include "model/types.h"
#include "transport/httpmessage.h"

#include <memory>

namespace airm {

struct ProviderReply
{
    bool ok = false;
    QString text;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    ErrorClass errorClass = ErrorClass::None;
    QString errorMessage; // from the provider's error body when it has one; never contains keys
    int httpStatus = 0;
    int retryAfterMs = -1; // from Retry-After (seconds or HTTP date) or the body, -1 if absent
};

class Provider
{
public:
    virtual ~Provider() = default;
    virtual ProviderKind kind() const = 0;
    virtual QString variant() const { return {}; }

    // The generation call for spec.prompt. The key goes in a header, never in the URL.
    virtual HttpRequest buildRequest(const ServiceConfig &service, const RequestSpec &spec) const = 0;
    // A cheap call that proves reachability and key validity (model info or model list), not an inference.
    virtual HttpRequest buildHealthCheck(const ServiceConfig &service) const = 0;

    // Full classification of an exchange: transport errors, HTTP status and error body, then the success
    // body. A 2xx body that does not match the provider's schema is ErrorClass::CorruptResponse.
    ProviderReply parseReply(const HttpResponse &response) const;

    // Bodies in this provider's real shape, for the simulation (so the parser, and corruption chaos, run on
    // the same path as for real calls).
    virtual QByteArray successBody(const QString &text, const QString &model, qint64 inputTokens,
                                   qint64 outputTokens) const = 0;
    virtual QByteArray errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const = 0;

protected:
    // Parses a 2xx body into text and usage; false when the schema does not match.
    virtual bool parseSuccess(const QByteArray &body, ProviderReply &reply) const = 0;
    // Extracts the message (and, where the provider says so, a more precise class) from an error body.
    virtual void parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const = 0;
};

std::unique_ptr<Provider> makeProvider(ProviderKind kind, const QString &variant = {});

// Shared mapping used by all providers: HTTP status to error class before the body is consulted.
ErrorClass errorClassForStatus(int httpStatus);
// Retry-After header: delta seconds or an HTTP date; -1 when absent or unparsable.
int parseRetryAfterMs(const QByteArray &value, qint64 nowWallMs);

} // namespace airm
