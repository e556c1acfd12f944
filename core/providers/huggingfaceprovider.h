// Hugging Face inference: the OpenAI-compatible router (default; /v1/chat/completions) or the legacy
// text-generation (TGI) endpoint at .../models/<model> ({"inputs"} in, [{"generated_text"}] out). Bearer key.
#pragma once

#include "provider.h"

namespace airm {

class HuggingFaceProvider final : public Provider
{
public:
    enum class Api { Router, Tgi };

    explicit HuggingFaceProvider(Api api = Api::Router)
        : m_api(api)
    {}

    ProviderKind kind() const override { return ProviderKind::HuggingFace; }
    QString variant() const override;

    HttpRequest buildRequest(const ServiceConfig &service, const RequestSpec &spec) const override;
    HttpRequest buildHealthCheck(const ServiceConfig &service) const override;

    QByteArray successBody(const QString &text, const QString &model, qint64 inputTokens,
                           qint64 outputTokens) const override;
    QByteArray errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const override;

protected:
    bool parseSuccess(const QByteArray &body, ProviderReply &reply) const override;
    void parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const override;

private:
    Api m_api;
};

} // namespace airm
