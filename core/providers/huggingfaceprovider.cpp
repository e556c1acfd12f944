#include "huggingfaceprovider.h"

#include "openaiprovider.h"
#include "providerjson.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace airm {
namespace {

using providerjson::endpointUrl;
using providerjson::trimmedPath;

const QLatin1String kModelsSegment("/models/");
// Bytes of a simulated TGI answer besides the text and the prefill list.
constexpr qsizetype kTgiBodyBytes = 192;
// Bytes of one prefill entry, {"id":0,"text":"","logprob":null}.
constexpr qsizetype kPrefillTokenBytes = 36;
// Bytes of a request besides the prompt and the model.
constexpr qsizetype kRequestBytes = 112;

// The legacy endpoint: the base URL itself when it already names a model (.../models/<model>), otherwise
// {base}/models/{model}. Returns the URL and, through *model, the model it addresses.
QUrl tgiUrl(const QUrl &base, const QString &requestedModel, QString *model)
{
    const QString path = trimmedPath(base);
    const qsizetype at = path.indexOf(kModelsSegment);
    if (at >= 0) {
        *model = path.mid(at + kModelsSegment.size());
        return endpointUrl(base, path);
    }
    *model = requestedModel;
    return endpointUrl(base, path + kModelsSegment + requestedModel);
}

bool parseGeneratedText(const JsonNode &value, ProviderReply &reply)
{
    const JsonNode text = value["generated_text"_L1];
    if (!text.isString()) return false;
    reply.text = text.toString();
    // Present when the request asked for details (generated tokens) and decoder input details (prefill).
    const JsonNode details = value["details"_L1];
    reply.outputTokens = details["generated_tokens"_L1].toInteger();
    const JsonNode prefill = details["prefill"_L1];
    reply.inputTokens = prefill.isArray() ? prefill.size() : 0;
    return true;
}

bool mentionsInvalidCredentials(const QString &message)
{
    const QString m = message.toLower();
    return m.contains(QLatin1String("invalid credentials")) ||
           m.contains(QLatin1String("invalid username or password"));
}

} // namespace

QString HuggingFaceProvider::variant() const
{
    return m_api == Api::Tgi ? QStringLiteral("tgi") : QStringLiteral("router");
}

HttpRequest HuggingFaceProvider::buildRequest(const ServiceConfig &service, const RequestSpec &spec) const
{
    QString model = providerjson::requestModel(service, spec);
    const int maxTokens = providerjson::requestMaxTokens(service, spec);
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    providerjson::addBearerAuth(request, service);
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    JsonWriter json(kRequestBytes + spec.prompt.size() + model.size());
    json.beginObject();
    if (m_api == Api::Tgi) {
        request.url = tgiUrl(service.baseUrl, model, &model);
        json.field("inputs"_L1, spec.prompt)
            .key("parameters"_L1)
            .beginObject()
            .field("max_new_tokens"_L1, maxTokens)
            .field("return_full_text"_L1, false)
            .field("details"_L1, true)
            .endObject();
    } else {
        request.url = OpenAiProvider::v1Url(service.baseUrl, QStringLiteral("/chat/completions"));
        OpenAiProvider::writeChatRequestFields(json, model, spec.prompt, maxTokens);
        json.field("stream"_L1, false);
    }
    request.body = json.endObject().take();
    request.meta = {service.name, spec.prompt, model, false};
    return request;
}

HttpRequest HuggingFaceProvider::buildHealthCheck(const ServiceConfig &service) const
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    providerjson::addBearerAuth(request, service);
    if (m_api == Api::Tgi) {
        const QString path = trimmedPath(service.baseUrl);
        const qsizetype at = path.indexOf(kModelsSegment);
        const QString root = at >= 0 ? path.left(at) : path;
        const QString model = at >= 0 ? path.mid(at + kModelsSegment.size()) : service.model;
        request.url = endpointUrl(service.baseUrl, root + QStringLiteral("/api/models/") + model);
    } else {
        request.url = OpenAiProvider::v1Url(service.baseUrl, QStringLiteral("/models"));
    }
    request.meta = {service.name, QString(), service.model, true};
    return request;
}

bool HuggingFaceProvider::parseSuccess(const QByteArray &body, ProviderReply &reply) const
{
    if (m_api == Api::Router) return OpenAiProvider::parseChatCompletion(body, reply);
    JsonTree doc;
    if (!doc.parse(body)) return false;
    const JsonNode root = doc.root();
    return parseGeneratedText(root.isArray() ? root.first() : root, reply);
}

void HuggingFaceProvider::parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const
{
    // 402: the account's inference credits are used up; retrying cannot help.
    if (httpStatus == 402) reply.errorClass = ErrorClass::Auth;
    OpenAiProvider::parseCompatibleError(body, httpStatus, reply);
    if (mentionsInvalidCredentials(reply.errorMessage)) reply.errorClass = ErrorClass::Auth;
    JsonTree doc;
    const JsonNode estimated = providerjson::parseObject(doc, body)["estimated_time"_L1];
    const double seconds = estimated.toDouble();
    if (estimated.isNumber() && seconds >= 0 && seconds < 86'400.0)
        reply.retryAfterMs = int(std::llround(seconds * 1000.0)); // a loading model says when
}

QByteArray HuggingFaceProvider::successBody(const QString &text, const QString &model, qint64 inputTokens,
                                            qint64 outputTokens) const
{
    if (m_api == Api::Router)
        return OpenAiProvider::chatCompletionBody(text, model, inputTokens, outputTokens);
    JsonWriter json(kTgiBodyBytes + text.size() + kPrefillTokenBytes * std::max<qint64>(0, inputTokens));
    json.beginArray()
        .beginObject()
        .field("generated_text"_L1, text)
        .key("details"_L1)
        .beginObject()
        .field("finish_reason"_L1, "eos_token"_L1)
        .field("generated_tokens"_L1, outputTokens)
        .nullField("seed"_L1)
        .key("prefill"_L1)
        .beginArray();
    // TGI reports prompt tokens only as the prefill list; one entry per token keeps the count exact.
    for (qint64 i = 0; i < inputTokens; ++i)
        json.beginObject().field("id"_L1, 0).field("text"_L1, ""_L1).nullField("logprob"_L1).endObject();
    json.endArray().key("tokens"_L1).beginArray().endArray().endObject().endObject().endArray();
    return json.take();
}

QByteArray HuggingFaceProvider::errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const
{
    if (m_api == Api::Router) return OpenAiProvider().errorBody(httpStatus, errorClass, message);
    QString text = message;
    QLatin1String errorType;
    switch (errorClass) {
    case ErrorClass::Overloaded:
        errorType = "overloaded"_L1;
        if (text.isEmpty()) text = QStringLiteral("Model is currently loading");
        break;
    case ErrorClass::ContextLength:
        errorType = "validation"_L1;
        if (!OpenAiProvider::mentionsContextLength(text))
            text = QStringLiteral("Input validation error: `inputs` must have less than 4096 tokens") +
                   (text.isEmpty() ? QString() : QStringLiteral(". ") + text);
        break;
    case ErrorClass::BadRequest:
        errorType = "validation"_L1;
        if (text.isEmpty()) text = QStringLiteral("Input validation error");
        break;
    case ErrorClass::Auth:
        if (!mentionsInvalidCredentials(text))
            text = QStringLiteral("Invalid credentials in Authorization header") +
                   (text.isEmpty() ? QString() : QStringLiteral(": ") + text);
        break;
    case ErrorClass::RateLimited:
        if (text.isEmpty()) text = QStringLiteral("Rate limit reached. Please retry later.");
        break;
    default:
        errorType = "generation"_L1;
        if (text.isEmpty()) text = QStringLiteral("Internal server error");
        break;
    }
    JsonWriter json;
    json.beginObject().field("error"_L1, text);
    if (!errorType.isEmpty()) json.field("error_type"_L1, errorType);
    return json.endObject().take();
}

} // namespace airm
