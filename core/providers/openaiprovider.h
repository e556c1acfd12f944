// The OpenAI chat-completions wire, spoken by OpenAI and every OpenAI-compatible server (vLLM, Ollama,
// LiteLLM, TGI's Messages API, the Hugging Face router): optional Bearer key, text in
// choices[0].message.content.
#pragma once

#include "provider.h"

namespace airm {

class JsonWriter;

class OpenAiProvider final : public Provider
{
public:
    ProviderKind kind() const override { return ProviderKind::OpenAi; }

    HttpRequest buildRequest(const ServiceConfig &service, const RequestSpec &spec) const override;
    HttpRequest buildHealthCheck(const ServiceConfig &service) const override;

    QByteArray successBody(const QString &text, const QString &model, qint64 inputTokens,
                           qint64 outputTokens) const override;
    QByteArray errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const override;

    // The pieces of the wire that other OpenAI-compatible providers reuse.

    // base + "/v1" + path, without doubling a "/v1" the base already ends with.
    static QUrl v1Url(const QUrl &base, const QString &path);
    // The fields "model", "messages":[{"role":"user","content":prompt}], "max_tokens", into an open object.
    static void writeChatRequestFields(JsonWriter &json, const QString &model, const QString &prompt,
                                       int maxTokens);
    static bool parseChatCompletion(const QByteArray &body, ProviderReply &reply);
    static QByteArray chatCompletionBody(const QString &text, const QString &model, qint64 inputTokens,
                                         qint64 outputTokens);
    // Reads {"error":{"message","type","code"}} and the looser forms compatible servers send
    // ({"error":"..."},
    // {"message":"..."}, TGI's "error_type") and refines the class from code, type and message.
    static void parseCompatibleError(const QByteArray &body, int httpStatus, ProviderReply &reply);
    // True when a provider's error message says the prompt does not fit the model's context window.
    static bool mentionsContextLength(const QString &message);

protected:
    bool parseSuccess(const QByteArray &body, ProviderReply &reply) const override;
    void parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const override;
};

} // namespace airm
