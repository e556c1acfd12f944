// The Anthropic Messages API: key in x-api-key plus anthropic-version, text in the content blocks of type
// "text", errors typed by error.type (overloaded_error on 529, rate_limit_error, authentication_error, ...).
#pragma once

#include "provider.h"

namespace airm {

class AnthropicProvider final : public Provider
{
public:
    ProviderKind kind() const override { return ProviderKind::Anthropic; }

    HttpRequest buildRequest(const ServiceConfig &service, const RequestSpec &spec) const override;
    HttpRequest buildHealthCheck(const ServiceConfig &service) const override;

    QByteArray successBody(const QString &text, const QString &model, qint64 inputTokens,
                           qint64 outputTokens) const override;
    QByteArray errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const override;

protected:
    bool parseSuccess(const QByteArray &body, ProviderReply &reply) const override;
    void parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const override;
};

} // namespace airm
