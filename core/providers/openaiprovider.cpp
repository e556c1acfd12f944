#include "openaiprovider.h"

#include "providerjson.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace airm {
namespace {

// Bytes of a simulated chat completion besides the text and the model.
constexpr qsizetype kCompletionBodyBytes = 320;
// Bytes of a chat request besides the prompt and the model.
constexpr qsizetype kChatRequestBytes = 96;

QString lower(const JsonNode &v)
{
    return v.toString().toLower();
}

void fieldOrNull(JsonWriter &json, QLatin1String name, QLatin1String value)
{
    if (value.isEmpty())
        json.nullField(name);
    else
        json.field(name, value);
}

void addAcceptJson(HttpRequest &request)
{
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
}

} // namespace

QUrl OpenAiProvider::v1Url(const QUrl &base, const QString &path)
{
    QString basePath = providerjson::trimmedPath(base);
    if (!basePath.endsWith(QLatin1String("/v1"))) basePath += QStringLiteral("/v1");
    return providerjson::endpointUrl(base, basePath + path);
}

void OpenAiProvider::writeChatRequestFields(JsonWriter &json, const QString &model, const QString &prompt,
                                            int maxTokens)
{
    json.field("model"_L1, model)
        .key("messages"_L1)
        .beginArray()
        .beginObject()
        .field("role"_L1, "user"_L1)
        .field("content"_L1, prompt)
        .endObject()
        .endArray()
        .field("max_tokens"_L1, maxTokens);
}

HttpRequest OpenAiProvider::buildRequest(const ServiceConfig &service, const RequestSpec &spec) const
{
    const QString model = providerjson::requestModel(service, spec);
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = v1Url(service.baseUrl, QStringLiteral("/chat/completions"));
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    addAcceptJson(request);
    providerjson::addBearerAuth(request, service);
    JsonWriter json(kChatRequestBytes + spec.prompt.size() + model.size());
    json.beginObject();
    writeChatRequestFields(json, model, spec.prompt, providerjson::requestMaxTokens(service, spec));
    request.body = json.endObject().take();
    request.meta = {service.name, spec.prompt, model, false};
    return request;
}

HttpRequest OpenAiProvider::buildHealthCheck(const ServiceConfig &service) const
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = v1Url(service.baseUrl, QStringLiteral("/models"));
    addAcceptJson(request);
    providerjson::addBearerAuth(request, service);
    request.meta = {service.name, QString(), service.model, true};
    return request;
}

bool OpenAiProvider::parseChatCompletion(const QByteArray &body, ProviderReply &reply)
{
    JsonTree doc;
    const JsonNode root = providerjson::parseObject(doc, body);
    if (!root.isObject()) return false;
    const JsonNode choice = root["choices"_L1].first();
    if (!choice.isObject()) return false;
    const JsonNode message = choice["message"_L1];
    if (!message.isObject()) return false;
    const JsonNode content = message["content"_L1];
    if (content.isString()) {
        reply.text = content.toString();
    } else if (content.isArray()) { // content parts, as some compatible servers answer
        QString text;
        for (const JsonNode part : content)
            if (part["type"_L1].stringEquals("text"_L1)) text += part["text"_L1].toString();
        reply.text = text;
    } else if (!content.isNull() && !content.isUndefined()) {
        return false;
    } // null content: a tool call or a refusal; the schema still matched.
    const JsonNode usage = root["usage"_L1];
    reply.inputTokens = usage["prompt_tokens"_L1].toInteger();
    reply.outputTokens = usage["completion_tokens"_L1].toInteger();
    return true;
}

QByteArray OpenAiProvider::chatCompletionBody(const QString &text, const QString &model, qint64 inputTokens,
                                              qint64 outputTokens)
{
    JsonWriter json(kCompletionBodyBytes + text.size() + model.size());
    json.beginObject()
        .field("id"_L1, "chatcmpl-simulated"_L1)
        .field("object"_L1, "chat.completion"_L1)
        .field("created"_L1, QDateTime::currentSecsSinceEpoch())
        .field("model"_L1, model)
        .key("choices"_L1)
        .beginArray()
        .beginObject()
        .field("index"_L1, 0)
        .key("message"_L1)
        .beginObject()
        .field("role"_L1, "assistant"_L1)
        .field("content"_L1, text)
        .nullField("refusal"_L1)
        .endObject()
        .nullField("logprobs"_L1)
        .field("finish_reason"_L1, "stop"_L1)
        .endObject()
        .endArray()
        .key("usage"_L1)
        .beginObject()
        .field("prompt_tokens"_L1, inputTokens)
        .field("completion_tokens"_L1, outputTokens)
        .field("total_tokens"_L1, inputTokens + outputTokens)
        .endObject()
        .endObject();
    return json.take();
}

bool OpenAiProvider::mentionsContextLength(const QString &message)
{
    const QString m = message.toLower();
    if (m.contains(QLatin1String("context_length_exceeded")) ||
        m.contains(QLatin1String("maximum context length")) ||
        m.contains(QLatin1String("prompt is too long")) || m.contains(QLatin1String("too many tokens")) ||
        m.contains(QLatin1String("exceeds the maximum number of tokens")) ||
        m.contains(QLatin1String("exceed context limit")))
        return true;
    if (!m.contains(QLatin1String("token"))) return false;
    // TGI: "`inputs` must have less than 1024 tokens", "`inputs` tokens + `max_new_tokens` must be <= 4096".
    return m.contains(QLatin1String("must have less than")) || m.contains(QLatin1String("must be <=")) ||
           m.contains(QLatin1String("context length")) || m.contains(QLatin1String("too long"));
}

void OpenAiProvider::parseCompatibleError(const QByteArray &body, int httpStatus, ProviderReply &reply)
{
    JsonTree doc;
    const JsonNode root = providerjson::parseObject(doc, body);
    if (!root.isObject()) return;
    QString message, type, code;
    const JsonNode error = root["error"_L1];
    if (error.isObject()) {
        message = error["message"_L1].toString();
        type = lower(error["type"_L1]);
        code = lower(error["code"_L1]);
    } else if (error.isString()) {
        message = error.toString();
    }
    if (message.isEmpty()) message = root["message"_L1].toString(); // vLLM
    if (type.isEmpty()) type = lower(root["type"_L1]);
    const QString errorType = lower(root["error_type"_L1]); // TGI
    if (message.isEmpty() && type.isEmpty() && code.isEmpty()) return;
    reply.errorMessage = message.isEmpty() ? (code.isEmpty() ? type : code) : message;

    const bool clientError = httpStatus >= 400 && httpStatus < 500;
    if (code == QLatin1String("context_length_exceeded") || (clientError && mentionsContextLength(message)))
        reply.errorClass = ErrorClass::ContextLength;
    else if (code == QLatin1String("invalid_api_key") || code == QLatin1String("insufficient_quota") ||
             type == QLatin1String("insufficient_quota") || type == QLatin1String("authentication_error"))
        reply.errorClass = ErrorClass::Auth; // retrying cannot help until the key or the billing changes
    else if (code == QLatin1String("rate_limit_exceeded") || type == QLatin1String("requests") ||
             type == QLatin1String("tokens"))
        reply.errorClass = ErrorClass::RateLimited;
    else if (errorType == QLatin1String("overloaded") ||
             (httpStatus >= 500 && message.contains(QLatin1String("overloaded"), Qt::CaseInsensitive)))
        reply.errorClass = ErrorClass::Overloaded;
}

bool OpenAiProvider::parseSuccess(const QByteArray &body, ProviderReply &reply) const
{
    return parseChatCompletion(body, reply);
}

void OpenAiProvider::parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const
{
    parseCompatibleError(body, httpStatus, reply);
}

QByteArray OpenAiProvider::successBody(const QString &text, const QString &model, qint64 inputTokens,
                                       qint64 outputTokens) const
{
    return chatCompletionBody(text, model, inputTokens, outputTokens);
}

QByteArray OpenAiProvider::errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const
{
    Q_UNUSED(httpStatus) // OpenAI's body does not repeat the status
    QLatin1String type = "server_error"_L1;
    QLatin1String code; // null when empty
    QLatin1String param;
    QString text = message;
    switch (errorClass) {
    case ErrorClass::RateLimited:
        type = "requests"_L1;
        code = "rate_limit_exceeded"_L1;
        if (text.isEmpty()) text = QStringLiteral("Rate limit reached for requests. Please try again later.");
        break;
    case ErrorClass::Auth:
        type = "invalid_request_error"_L1;
        code = "invalid_api_key"_L1;
        if (text.isEmpty()) text = QStringLiteral("Incorrect API key provided.");
        break;
    case ErrorClass::ContextLength:
        type = "invalid_request_error"_L1;
        code = "context_length_exceeded"_L1;
        param = "messages"_L1;
        if (text.isEmpty())
            text = QStringLiteral("This model's maximum context length is 128000 tokens. Please reduce the "
                                  "length of the messages.");
        break;
    case ErrorClass::BadRequest:
        type = "invalid_request_error"_L1;
        if (text.isEmpty()) text = QStringLiteral("Invalid request.");
        break;
    case ErrorClass::Overloaded:
        if (text.isEmpty())
            text = QStringLiteral("The engine is currently overloaded, please try again later");
        break;
    default:
        if (text.isEmpty())
            text = QStringLiteral("The server had an error while processing your request. Sorry about that!");
        break;
    }
    JsonWriter json;
    json.beginObject().key("error"_L1).beginObject().field("message"_L1, text).field("type"_L1, type);
    fieldOrNull(json, "param"_L1, param);
    fieldOrNull(json, "code"_L1, code);
    return json.endObject().endObject().take();
}

} // namespace airm
