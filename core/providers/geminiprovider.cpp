#include "geminiprovider.h"

#include "openaiprovider.h"
#include "providerjson.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace airm {
namespace {

// Bytes of a simulated generateContent answer besides the text and the model.
constexpr qsizetype kResponseBodyBytes = 256;
// Bytes of a generateContent request besides the prompt.
constexpr qsizetype kRequestBytes = 128;

// The top-level object of body; some Google front ends wrap it (an error status, mostly) in a one-element
// array. Undefined when body is not valid JSON or holds no such object.
JsonNode parseObject(JsonTree &doc, const QByteArray &body)
{
    if (!doc.parse(body)) return {};
    const JsonNode root = doc.root();
    const JsonNode object = root.isArray() && root.size() == 1 ? root.first() : root;
    return object.isObject() ? object : JsonNode();
}

// {base}/v1beta/models/{model}{suffix}; a base that already ends in /v1beta is not doubled.
QUrl modelUrl(const QUrl &base, QString model, const QString &suffix)
{
    if (model.startsWith(QLatin1String("models/"))) model.remove(0, 7);
    QString path = providerjson::trimmedPath(base);
    if (!path.endsWith(QLatin1String("/v1beta"))) path += QStringLiteral("/v1beta");
    // The key travels in x-goog-api-key only; a ?key= pasted into the base URL is dropped.
    return providerjson::endpointUrl(base, path + QStringLiteral("/models/") + model + suffix);
}

void addAuthHeader(HttpRequest &request, const ServiceConfig &service)
{
    if (!service.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("x-goog-api-key"), service.apiKey.toUtf8()});
}

bool isBlockedFinish(const QString &finishReason)
{
    return finishReason == QLatin1String("SAFETY") || finishReason == QLatin1String("RECITATION") ||
           finishReason == QLatin1String("BLOCKLIST") ||
           finishReason == QLatin1String("PROHIBITED_CONTENT") || finishReason == QLatin1String("SPII");
}

// google.rpc.RetryInfo.retryDelay is a protobuf Duration in JSON: "7s", "0.5s".
int retryDelayMs(const JsonNode &details)
{
    for (const JsonNode detail : details) {
        if (!detail["@type"_L1].toString().endsWith(QLatin1String("google.rpc.RetryInfo"))) continue;
        QString delay = detail["retryDelay"_L1].toString().trimmed();
        if (!delay.endsWith(QLatin1Char('s'))) return -1;
        delay.chop(1);
        bool ok = false;
        const double seconds = delay.toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > 86'400.0) return -1;
        return int(std::llround(seconds * 1000.0));
    }
    return -1;
}

bool isInvalidKey(const JsonNode &error)
{
    for (const JsonNode detail : error["details"_L1])
        if (detail["reason"_L1].stringEquals("API_KEY_INVALID"_L1)) return true;
    return error["message"_L1].toString().contains(QLatin1String("API key not valid"));
}

QString statusForClass(ErrorClass errorClass, int httpStatus)
{
    switch (errorClass) {
    case ErrorClass::RateLimited:
        return QStringLiteral("RESOURCE_EXHAUSTED");
    case ErrorClass::Overloaded:
        return QStringLiteral("UNAVAILABLE");
    case ErrorClass::Auth:
        return httpStatus == 401 ? QStringLiteral("UNAUTHENTICATED") : QStringLiteral("PERMISSION_DENIED");
    case ErrorClass::BadRequest:
        return httpStatus == 404 ? QStringLiteral("NOT_FOUND") : QStringLiteral("INVALID_ARGUMENT");
    case ErrorClass::ContextLength:
        return QStringLiteral("INVALID_ARGUMENT");
    case ErrorClass::Timeout:
        return QStringLiteral("DEADLINE_EXCEEDED");
    default:
        return QStringLiteral("INTERNAL");
    }
}

QString defaultMessage(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::RateLimited:
        return QStringLiteral("Resource has been exhausted (e.g. check quota).");
    case ErrorClass::Overloaded:
        return QStringLiteral("The model is overloaded. Please try again later.");
    case ErrorClass::Auth:
        return QStringLiteral("API key not valid. Please pass a valid API key.");
    case ErrorClass::BadRequest:
        return QStringLiteral("Request contains an invalid argument.");
    case ErrorClass::Timeout:
        return QStringLiteral("Deadline expired before operation could complete.");
    default:
        return QStringLiteral("An internal error has occurred. Please retry or report in "
                              "https://developers.generativeai.google/guide/troubleshooting");
    }
}

} // namespace

HttpRequest GeminiProvider::buildRequest(const ServiceConfig &service, const RequestSpec &spec) const
{
    const QString model = providerjson::requestModel(service, spec);
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = modelUrl(service.baseUrl, model, QStringLiteral(":generateContent"));
    addAuthHeader(request, service);
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    JsonWriter json(kRequestBytes + spec.prompt.size());
    json.beginObject()
        .key("contents"_L1)
        .beginArray()
        .beginObject()
        .field("role"_L1, "user"_L1)
        .key("parts"_L1)
        .beginArray()
        .beginObject()
        .field("text"_L1, spec.prompt)
        .endObject()
        .endArray()
        .endObject()
        .endArray()
        .key("generationConfig"_L1)
        .beginObject()
        .field("maxOutputTokens"_L1, providerjson::requestMaxTokens(service, spec))
        .endObject()
        .endObject();
    request.body = json.take();
    request.meta = {service.name, spec.prompt, model, false};
    return request;
}

HttpRequest GeminiProvider::buildHealthCheck(const ServiceConfig &service) const
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = modelUrl(service.baseUrl, service.model, QString());
    addAuthHeader(request, service);
    request.meta = {service.name, QString(), service.model, true};
    return request;
}

bool GeminiProvider::parseSuccess(const QByteArray &body, ProviderReply &reply) const
{
    JsonTree doc;
    const JsonNode root = parseObject(doc, body);
    if (!root.isObject()) return false;
    const JsonNode usage = root["usageMetadata"_L1];
    reply.inputTokens = usage["promptTokenCount"_L1].toInteger();
    // Thinking tokens are billed as output.
    reply.outputTokens =
        usage["candidatesTokenCount"_L1].toInteger() + usage["thoughtsTokenCount"_L1].toInteger();

    const JsonNode candidate = root["candidates"_L1].first();
    if (candidate.isUndefined()) {
        const JsonNode feedback = root["promptFeedback"_L1];
        const QString blockReason = feedback["blockReason"_L1].toString();
        if (blockReason.isEmpty()) return false;
        reply.errorClass = ErrorClass::BadRequest;
        reply.errorMessage = QStringLiteral("Gemini blocked the prompt (blockReason %1)").arg(blockReason);
        const QString detail = feedback["blockReasonMessage"_L1].toString();
        if (!detail.isEmpty()) reply.errorMessage += QStringLiteral(": ") + detail;
        return true;
    }
    if (!candidate.isObject()) return false;
    const QString finishReason = candidate["finishReason"_L1].toString();
    const JsonNode content = candidate["content"_L1];
    if (!content.isObject() && finishReason.isEmpty()) return false;
    const JsonNode parts = content["parts"_L1];
    if (!parts.isUndefined() && !parts.isArray()) return false;

    QString text;
    for (const JsonNode part : parts) {
        if (!part.isObject()) return false;
        if (part["thought"_L1].toBool()) continue; // thought summaries are not the answer
        const JsonNode t = part["text"_L1];
        if (t.isString())
            text += t.toString();
        else if (!t.isUndefined())
            return false;
    }
    if (parts.size() == 0 && isBlockedFinish(finishReason)) {
        reply.errorClass = ErrorClass::BadRequest;
        reply.errorMessage =
            QStringLiteral("Gemini blocked the response (finishReason %1)").arg(finishReason);
        return true;
    }
    // No parts with another finish reason (MAX_TOKENS spent on thinking) is a valid, empty answer.
    reply.text = text;
    return true;
}

void GeminiProvider::parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const
{
    Q_UNUSED(httpStatus)
    JsonTree doc;
    const JsonNode error = parseObject(doc, body)["error"_L1];
    const QString status = error["status"_L1].toString();
    const QString message = error["message"_L1].toString();
    if (status.isEmpty() && message.isEmpty()) return;
    reply.errorMessage = message.isEmpty() ? status : message;
    reply.retryAfterMs = retryDelayMs(error["details"_L1]);

    if (status == QLatin1String("RESOURCE_EXHAUSTED"))
        reply.errorClass = ErrorClass::RateLimited;
    else if (status == QLatin1String("UNAUTHENTICATED") || status == QLatin1String("PERMISSION_DENIED"))
        reply.errorClass = ErrorClass::Auth;
    else if (status == QLatin1String("UNAVAILABLE"))
        reply.errorClass = ErrorClass::Overloaded;
    else if (status == QLatin1String("DEADLINE_EXCEEDED"))
        reply.errorClass = ErrorClass::Timeout;
    else if (status == QLatin1String("INTERNAL") || status == QLatin1String("UNKNOWN") ||
             status == QLatin1String("DATA_LOSS"))
        reply.errorClass = ErrorClass::ServerError;
    else if (status == QLatin1String("INVALID_ARGUMENT") || status == QLatin1String("FAILED_PRECONDITION") ||
             status == QLatin1String("OUT_OF_RANGE") || status == QLatin1String("NOT_FOUND"))
        // Gemini reports a bad key as 400 INVALID_ARGUMENT with reason API_KEY_INVALID.
        reply.errorClass = isInvalidKey(error)                              ? ErrorClass::Auth
                           : OpenAiProvider::mentionsContextLength(message) ? ErrorClass::ContextLength
                                                                            : ErrorClass::BadRequest;
}

QByteArray GeminiProvider::successBody(const QString &text, const QString &model, qint64 inputTokens,
                                       qint64 outputTokens) const
{
    JsonWriter json(kResponseBodyBytes + text.size() + model.size());
    json.beginObject()
        .key("candidates"_L1)
        .beginArray()
        .beginObject()
        .key("content"_L1)
        .beginObject()
        .key("parts"_L1)
        .beginArray()
        .beginObject()
        .field("text"_L1, text)
        .endObject()
        .endArray()
        .field("role"_L1, "model"_L1)
        .endObject()
        .field("finishReason"_L1, "STOP"_L1)
        .field("index"_L1, 0)
        .endObject()
        .endArray()
        .key("usageMetadata"_L1)
        .beginObject()
        .field("promptTokenCount"_L1, inputTokens)
        .field("candidatesTokenCount"_L1, outputTokens)
        .field("totalTokenCount"_L1, inputTokens + outputTokens)
        .endObject()
        .field("modelVersion"_L1, model)
        .endObject();
    return json.take();
}

QByteArray GeminiProvider::errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const
{
    QString text = message.isEmpty() ? defaultMessage(errorClass) : message;
    if (errorClass == ErrorClass::ContextLength && !OpenAiProvider::mentionsContextLength(text))
        text = QStringLiteral("The input token count exceeds the maximum number of tokens allowed.") +
               (message.isEmpty() ? QString() : QStringLiteral(" ") + message);
    JsonWriter json;
    json.beginObject()
        .key("error"_L1)
        .beginObject()
        .field("code"_L1, httpStatus)
        .field("message"_L1, text)
        .field("status"_L1, statusForClass(errorClass, httpStatus))
        .endObject()
        .endObject();
    return json.take();
}

} // namespace airm
