#include "anthropicprovider.h"

#include "openaiprovider.h"
#include "providerjson.h"

using namespace Qt::StringLiterals;

namespace airm {
namespace {

// Bytes of a simulated message besides the text and the model.
constexpr qsizetype kMessageBodyBytes = 256;
// Bytes of a messages request besides the prompt and the model.
constexpr qsizetype kRequestBytes = 96;

void addAuthHeaders(HttpRequest &request, const ServiceConfig &service)
{
    if (!service.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("x-api-key"), service.apiKey.toUtf8()});
    request.headers.append({QByteArrayLiteral("anthropic-version"), service.anthropicVersion.toUtf8()});
}

} // namespace

HttpRequest AnthropicProvider::buildRequest(const ServiceConfig &service, const RequestSpec &spec) const
{
    const QString model = providerjson::requestModel(service, spec);
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = OpenAiProvider::v1Url(service.baseUrl, QStringLiteral("/messages"));
    addAuthHeaders(request, service);
    request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
    JsonWriter json(kRequestBytes + spec.prompt.size() + model.size());
    json.beginObject()
        .field("model"_L1, model)
        .field("max_tokens"_L1, providerjson::requestMaxTokens(service, spec))
        .key("messages"_L1)
        .beginArray()
        .beginObject()
        .field("role"_L1, "user"_L1)
        .field("content"_L1, spec.prompt)
        .endObject()
        .endArray()
        .endObject();
    request.body = json.take();
    request.meta = {service.name, spec.prompt, model, false};
    return request;
}

HttpRequest AnthropicProvider::buildHealthCheck(const ServiceConfig &service) const
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = OpenAiProvider::v1Url(service.baseUrl, QStringLiteral("/models"));
    addAuthHeaders(request, service);
    request.meta = {service.name, QString(), service.model, true};
    return request;
}

bool AnthropicProvider::parseSuccess(const QByteArray &body, ProviderReply &reply) const
{
    JsonTree doc;
    const JsonNode root = providerjson::parseObject(doc, body);
    if (!root.isObject()) return false;
    const JsonNode type = root["type"_L1];
    if (!type.isUndefined() && !type.stringEquals("message"_L1)) return false;
    const JsonNode content = root["content"_L1];
    QString text; // blocks of other types: tool_use, thinking
    if (!content.isArray() || !providerjson::appendTextContent(content, text)) return false;
    const JsonNode usage = root["usage"_L1];
    // Cached prompt tokens are reported apart from input_tokens; all of them were part of the prompt.
    reply.inputTokens = usage["input_tokens"_L1].toInteger() +
                        usage["cache_creation_input_tokens"_L1].toInteger() +
                        usage["cache_read_input_tokens"_L1].toInteger();
    reply.outputTokens = usage["output_tokens"_L1].toInteger();
    if (text.isEmpty() && root["stop_reason"_L1].stringEquals("refusal"_L1)) {
        reply.errorClass = ErrorClass::BadRequest;
        reply.errorMessage = QStringLiteral("Anthropic declined to answer (stop_reason refusal)");
        return true;
    }
    reply.text = text;
    return true;
}

void AnthropicProvider::parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const
{
    Q_UNUSED(httpStatus)
    JsonTree doc;
    const JsonNode error = providerjson::parseObject(doc, body)["error"_L1];
    const QString type = error["type"_L1].toString();
    const QString message = error["message"_L1].toString();
    if (type.isEmpty() && message.isEmpty()) return;
    reply.errorMessage = message.isEmpty() ? type : message;

    // The body's type is authoritative: Anthropic sends overloaded_error on 529 and sometimes on other codes.
    if (type == QLatin1String("overloaded_error"))
        reply.errorClass = ErrorClass::Overloaded;
    else if (type == QLatin1String("rate_limit_error"))
        reply.errorClass = ErrorClass::RateLimited;
    else if (type == QLatin1String("authentication_error") || type == QLatin1String("permission_error") ||
             type == QLatin1String("billing_error"))
        reply.errorClass = ErrorClass::Auth;
    else if (type == QLatin1String("invalid_request_error"))
        reply.errorClass = OpenAiProvider::mentionsContextLength(message) ? ErrorClass::ContextLength
                                                                          : ErrorClass::BadRequest;
    else if (type == QLatin1String("not_found_error") || type == QLatin1String("request_too_large"))
        reply.errorClass = ErrorClass::BadRequest;
    else if (type == QLatin1String("timeout_error"))
        reply.errorClass = ErrorClass::Timeout;
    // api_error is Anthropic's generic type: the status (500, 502, 503, ...) says more.
}

QByteArray AnthropicProvider::successBody(const QString &text, const QString &model, qint64 inputTokens,
                                          qint64 outputTokens) const
{
    JsonWriter json(kMessageBodyBytes + text.size() + model.size());
    json.beginObject()
        .field("id"_L1, "msg_simulated"_L1)
        .field("type"_L1, "message"_L1)
        .field("role"_L1, "assistant"_L1)
        .field("model"_L1, model);
    providerjson::writeTextContent(json, text);
    json.field("stop_reason"_L1, "end_turn"_L1)
        .nullField("stop_sequence"_L1)
        .key("usage"_L1)
        .beginObject()
        .field("input_tokens"_L1, inputTokens)
        .field("output_tokens"_L1, outputTokens)
        .endObject()
        .endObject();
    return json.take();
}

QByteArray AnthropicProvider::errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const
{
    QLatin1String type;
    QString text = message;
    switch (errorClass) {
    case ErrorClass::Overloaded:
        type = "overloaded_error"_L1;
        if (text.isEmpty()) text = QStringLiteral("Overloaded");
        break;
    case ErrorClass::RateLimited:
        type = "rate_limit_error"_L1;
        if (text.isEmpty())
            text = QStringLiteral("Number of requests has exceeded your per-minute rate limit");
        break;
    case ErrorClass::Auth:
        type = httpStatus == 403 ? "permission_error"_L1 : "authentication_error"_L1;
        if (text.isEmpty()) text = QStringLiteral("invalid x-api-key");
        break;
    case ErrorClass::ContextLength:
        type = "invalid_request_error"_L1;
        if (!OpenAiProvider::mentionsContextLength(text))
            text = QStringLiteral("prompt is too long") +
                   (text.isEmpty() ? QString() : QStringLiteral(": ") + text);
        break;
    case ErrorClass::BadRequest:
        type = httpStatus == 404   ? "not_found_error"_L1
               : httpStatus == 413 ? "request_too_large"_L1
                                   : "invalid_request_error"_L1;
        if (text.isEmpty()) text = QStringLiteral("Invalid request");
        break;
    case ErrorClass::Timeout:
        type = "timeout_error"_L1;
        if (text.isEmpty()) text = QStringLiteral("Request timed out");
        break;
    default:
        type = "api_error"_L1;
        if (text.isEmpty()) text = QStringLiteral("Internal server error");
        break;
    }
    JsonWriter json;
    json.beginObject()
        .field("type"_L1, "error"_L1)
        .key("error"_L1)
        .beginObject()
        .field("type"_L1, type)
        .field("message"_L1, text)
        .endObject()
        .endObject();
    return json.take();
}

} // namespace airm
