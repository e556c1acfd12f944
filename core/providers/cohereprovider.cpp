#include "cohereprovider.h"

#include "openaiprovider.h"
#include "providerjson.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace airm {
namespace {

// Cohere answers an invalid or expired token with this non-standard status.
constexpr int kInvalidTokenStatus = 498;
// Bytes of a simulated answer besides the text.
constexpr qsizetype kResponseBodyBytes = 320;
// Bytes of a request besides the prompt and the model.
constexpr qsizetype kRequestBytes = 96;

QUrl endpointUrl(const QUrl &base, const QString &path)
{
    return providerjson::endpointUrl(base, providerjson::trimmedPath(base) + path);
}

void addCommonHeaders(HttpRequest &request, const ServiceConfig &service)
{
    providerjson::addBearerAuth(request, service);
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
}

// Cohere's ids are UUIDs; a name-based one keeps simulated bodies reproducible.
QString simulatedId(const QString &text)
{
    return QUuid::createUuidV5(QUuid(), text).toString(QUuid::WithoutBraces);
}

void writeTokenCounts(JsonWriter &json, QLatin1String name, qint64 inputTokens, qint64 outputTokens)
{
    json.key(name)
        .beginObject()
        .field("input_tokens"_L1, inputTokens)
        .field("output_tokens"_L1, outputTokens)
        .endObject();
}

// Billed units are what Cohere charges for; the raw token counts are the fallback.
void readUsage(const JsonNode &usage, ProviderReply &reply)
{
    const JsonNode billed = usage["billed_units"_L1];
    const JsonNode counts = billed.isObject() ? billed : usage["tokens"_L1];
    reply.inputTokens = counts["input_tokens"_L1].toInteger();
    reply.outputTokens = counts["output_tokens"_L1].toInteger();
}

bool mentionsInvalidKey(const QString &message)
{
    const QString m = message.toLower();
    return m.contains(QLatin1String("invalid api token")) || m.contains(QLatin1String("invalid api key")) ||
           m.contains(QLatin1String("no api key supplied"));
}

} // namespace

QString CohereProvider::variant() const
{
    return m_api == Api::V1Generate ? QStringLiteral("v1") : QStringLiteral("v2");
}

HttpRequest CohereProvider::buildRequest(const ServiceConfig &service, const RequestSpec &spec) const
{
    const QString model = providerjson::requestModel(service, spec);
    const int maxTokens = providerjson::requestMaxTokens(service, spec);
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    addCommonHeaders(request, service);
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    JsonWriter json(kRequestBytes + spec.prompt.size() + model.size());
    json.beginObject();
    if (m_api == Api::V1Generate) {
        request.url = endpointUrl(service.baseUrl, QStringLiteral("/v1/generate"));
        json.field("model"_L1, model).field("prompt"_L1, spec.prompt).field("max_tokens"_L1, maxTokens);
    } else {
        request.url = endpointUrl(service.baseUrl, QStringLiteral("/v2/chat"));
        OpenAiProvider::writeChatRequestFields(json, model, spec.prompt, maxTokens);
    }
    request.body = json.endObject().take();
    request.meta = {service.name, spec.prompt, model, false};
    return request;
}

HttpRequest CohereProvider::buildHealthCheck(const ServiceConfig &service) const
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = endpointUrl(service.baseUrl, QStringLiteral("/v1/models"));
    addCommonHeaders(request, service);
    request.meta = {service.name, QString(), service.model, true};
    return request;
}

bool CohereProvider::parseSuccess(const QByteArray &body, ProviderReply &reply) const
{
    JsonTree doc;
    const JsonNode root = providerjson::parseObject(doc, body);
    if (!root.isObject()) return false;
    if (m_api == Api::V1Generate) {
        const JsonNode text = root["generations"_L1].first()["text"_L1];
        if (!text.isString()) return false;
        reply.text = text.toString();
        readUsage(root["meta"_L1], reply);
        return true;
    }
    const JsonNode message = root["message"_L1];
    if (!message.isObject()) return false;
    const JsonNode content = message["content"_L1];
    // A reply that only calls tools has tool_calls and no content.
    if (!content.isArray() && !message["tool_calls"_L1].isArray()) return false;
    QString text;
    if (!providerjson::appendTextContent(content, text)) return false;
    reply.text = text;
    readUsage(root["usage"_L1], reply);
    return true;
}

void CohereProvider::parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const
{
    if (httpStatus == kInvalidTokenStatus) reply.errorClass = ErrorClass::Auth;
    JsonTree doc;
    const QString message = providerjson::parseObject(doc, body)["message"_L1].toString();
    if (message.isEmpty()) return;
    reply.errorMessage = message;
    if (mentionsInvalidKey(message))
        reply.errorClass = ErrorClass::Auth;
    else if (httpStatus >= 400 && httpStatus < 500 &&
             (OpenAiProvider::mentionsContextLength(message) ||
              message.contains(QLatin1String("too long"), Qt::CaseInsensitive)))
        reply.errorClass = ErrorClass::ContextLength;
}

QByteArray CohereProvider::successBody(const QString &text, const QString &model, qint64 inputTokens,
                                       qint64 outputTokens) const
{
    Q_UNUSED(model)
    const QString id = simulatedId(text);
    JsonWriter json(kResponseBodyBytes + text.size());
    json.beginObject().field("id"_L1, id);
    if (m_api == Api::V1Generate) {
        json.key("generations"_L1)
            .beginArray()
            .beginObject()
            .field("id"_L1, id)
            .field("text"_L1, text)
            .field("finish_reason"_L1, "COMPLETE"_L1)
            .endObject()
            .endArray()
            .key("meta"_L1)
            .beginObject()
            .key("api_version"_L1)
            .beginObject()
            .field("version"_L1, "1"_L1)
            .endObject();
        writeTokenCounts(json, "billed_units"_L1, inputTokens, outputTokens);
        json.endObject();
    } else {
        json.field("finish_reason"_L1, "COMPLETE"_L1)
            .key("message"_L1)
            .beginObject()
            .field("role"_L1, "assistant"_L1);
        providerjson::writeTextContent(json, text);
        json.endObject().key("usage"_L1).beginObject();
        writeTokenCounts(json, "billed_units"_L1, inputTokens, outputTokens);
        writeTokenCounts(json, "tokens"_L1, inputTokens, outputTokens);
        json.endObject();
    }
    return json.endObject().take();
}

QByteArray CohereProvider::errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const
{
    Q_UNUSED(httpStatus)
    QString text = message;
    switch (errorClass) {
    case ErrorClass::Auth:
        if (!mentionsInvalidKey(text))
            text = QStringLiteral("invalid api token") +
                   (text.isEmpty() ? QString() : QStringLiteral(": ") + text);
        break;
    case ErrorClass::ContextLength:
        if (!OpenAiProvider::mentionsContextLength(text))
            text = QStringLiteral(
                       "too many tokens: total number of tokens in the prompt cannot exceed the model's "
                       "limit") +
                   (text.isEmpty() ? QString() : QStringLiteral(". ") + text);
        break;
    case ErrorClass::RateLimited:
        if (text.isEmpty())
            text = QStringLiteral("You are past the per-minute request limit, please wait and retry");
        break;
    case ErrorClass::Overloaded:
        if (text.isEmpty()) text = QStringLiteral("service unavailable");
        break;
    case ErrorClass::BadRequest:
        if (text.isEmpty()) text = QStringLiteral("invalid request");
        break;
    default:
        if (text.isEmpty()) text = QStringLiteral("internal server error");
        break;
    }
    JsonWriter json;
    json.beginObject().field("message"_L1, text);
    if (m_api == Api::V2Chat) json.field("id"_L1, simulatedId(text));
    return json.endObject().take();
}

} // namespace airm
