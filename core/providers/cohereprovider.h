// The Cohere API: v2 chat (default; text in message.content) or the legacy v1 generate endpoint (text in
// generations[0].text). Bearer key; errors are {"message": "..."} classified by status (498 = invalid token).
#pragma once

#include "provider.h"

namespace airm {

class CohereProvider final : public Provider
{
public:
    enum class Api { V2Chat, V1Generate };

    explicit CohereProvider(Api api = Api::V2Chat)
        : m_api(api)
    {}

    ProviderKind kind() const override { return ProviderKind::Cohere; }
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
