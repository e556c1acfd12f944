// The Google Gemini API (v1beta generateContent): key in the x-goog-api-key header, text in
// candidates[0].content.parts, errors as google.rpc.Status ({"error":{"code","message","status"}}).
#pragma once

#include "provider.h"

namespace airm {

class GeminiProvider final : public Provider
{
public:
    ProviderKind kind() const override { return ProviderKind::Gemini; }

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
