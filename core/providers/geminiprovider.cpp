#include "geminiprovider.h"

#include "openaiprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <cmath>

namespace airm {
namespace {

bool parseObject(const QByteArray &body, QJsonObject &out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) return false;
    // Some Google front ends wrap the error status in a one-element array.
    if (doc.isArray() && doc.array().size() == 1 && doc.array().first().isObject()) {
        out = doc.array().first().toObject();
        return true;
    }
    if (!doc.isObject()) return false;
    out = doc.object();
    return true;
}

QByteArray toBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// {base}/v1beta/models/{model}{suffix}; a base that already ends in /v1beta is not doubled.
QUrl modelUrl(const QUrl &base, QString model, const QString &suffix)
{
    if (model.startsWith(QLatin1String("models/"))) model.remove(0, 7);
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (!path.endsWith(QLatin1String("/v1beta"))) path += QStringLiteral("/v1beta");
    url.setPath(path + QStringLiteral("/models/") + model + suffix);
    // The key travels in x-goog-api-key only; a ?key= pasted into the base URL is dropped.
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("key"));
    url.setQuery(query);
    url.setUserInfo(QString());
    url.setFragment(QString());
    return url;
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
int retryDelayMs(const QJsonArray &details)
{
    for (const QJsonValue &detail : details) {
        const QJsonObject d = detail.toObject();
        if (!d.value(QStringLiteral("@type")).toString().endsWith(QLatin1String("google.rpc.RetryInfo")))
            continue;
        QString delay = d.value(QStringLiteral("retryDelay")).toString().trimmed();
        if (!delay.endsWith(QLatin1Char('s'))) return -1;
        delay.chop(1);
        bool ok = false;
        const double seconds = delay.toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > 86'400.0) return -1;
        return int(std::llround(seconds * 1000.0));
    }
    return -1;
}

bool isInvalidKey(const QJsonObject &error)
{
    for (const QJsonValue &detail : error.value(QStringLiteral("details")).toArray())
        if (detail.toObject().value(QStringLiteral("reason")).toString() == QLatin1String("API_KEY_INVALID"))
            return true;
    return error.value(QStringLiteral("message")).toString().contains(QLatin1String("API key not valid"));
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
    const QString model = spec.model.isEmpty() ? service.model : spec.model;
    const int maxTokens = spec.maxTokens > 0 ? spec.maxTokens : service.maxTokens;
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = modelUrl(service.baseUrl, model, QStringLiteral(":generateContent"));
    addAuthHeader(request, service);
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    const QJsonObject part{{QStringLiteral("text"), spec.prompt}};
    const QJsonObject content{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("parts"), QJsonArray{part}}};
    request.body = toBytes(QJsonObject{
        {QStringLiteral("contents"), QJsonArray{content}},
        {QStringLiteral("generationConfig"), QJsonObject{{QStringLiteral("maxOutputTokens"), maxTokens}}}});
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
    QJsonObject root;
    if (!parseObject(body, root)) return false;
    const QJsonObject usage = root.value(QStringLiteral("usageMetadata")).toObject();
    reply.inputTokens = usage.value(QStringLiteral("promptTokenCount")).toInteger();
    // Thinking tokens are billed as output.
    reply.outputTokens = usage.value(QStringLiteral("candidatesTokenCount")).toInteger() +
                         usage.value(QStringLiteral("thoughtsTokenCount")).toInteger();

    const QJsonArray candidates = root.value(QStringLiteral("candidates")).toArray();
    if (candidates.isEmpty()) {
        const QJsonObject feedback = root.value(QStringLiteral("promptFeedback")).toObject();
        const QString blockReason = feedback.value(QStringLiteral("blockReason")).toString();
        if (blockReason.isEmpty()) return false;
        reply.errorClass = ErrorClass::BadRequest;
        reply.errorMessage = QStringLiteral("Gemini blocked the prompt (blockReason %1)").arg(blockReason);
        const QString detail = feedback.value(QStringLiteral("blockReasonMessage")).toString();
        if (!detail.isEmpty()) reply.errorMessage += QStringLiteral(": ") + detail;
        return true;
    }
    if (!candidates.first().isObject()) return false;
    const QJsonObject candidate = candidates.first().toObject();
    const QString finishReason = candidate.value(QStringLiteral("finishReason")).toString();
    const QJsonValue content = candidate.value(QStringLiteral("content"));
    if (!content.isObject() && finishReason.isEmpty()) return false;
    const QJsonValue parts = content.toObject().value(QStringLiteral("parts"));
    if (!parts.isUndefined() && !parts.isArray()) return false;

    QString text;
    for (const QJsonValue &part : parts.toArray()) {
        if (!part.isObject()) return false;
        const QJsonObject p = part.toObject();
        if (p.value(QStringLiteral("thought")).toBool()) continue; // thought summaries are not the answer
        const QJsonValue t = p.value(QStringLiteral("text"));
        if (t.isString())
            text += t.toString();
        else if (!t.isUndefined())
            return false;
    }
    if (parts.toArray().isEmpty() && isBlockedFinish(finishReason)) {
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
    QJsonObject root;
    if (!parseObject(body, root)) return;
    const QJsonObject error = root.value(QStringLiteral("error")).toObject();
    const QString status = error.value(QStringLiteral("status")).toString();
    const QString message = error.value(QStringLiteral("message")).toString();
    if (status.isEmpty() && message.isEmpty()) return;
    reply.errorMessage = message.isEmpty() ? status : message;
    reply.retryAfterMs = retryDelayMs(error.value(QStringLiteral("details")).toArray());

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
    const QJsonObject content{
        {QStringLiteral("parts"), QJsonArray{QJsonObject{{QStringLiteral("text"), text}}}},
        {QStringLiteral("role"), QStringLiteral("model")}};
    const QJsonObject candidate{{QStringLiteral("content"), content},
                                {QStringLiteral("finishReason"), QStringLiteral("STOP")},
                                {QStringLiteral("index"), 0}};
    const QJsonObject usage{{QStringLiteral("promptTokenCount"), inputTokens},
                            {QStringLiteral("candidatesTokenCount"), outputTokens},
                            {QStringLiteral("totalTokenCount"), inputTokens + outputTokens}};
    return toBytes(QJsonObject{{QStringLiteral("candidates"), QJsonArray{candidate}},
                               {QStringLiteral("usageMetadata"), usage},
                               {QStringLiteral("modelVersion"), model}});
}

QByteArray GeminiProvider::errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const
{
    QString text = message.isEmpty() ? defaultMessage(errorClass) : message;
    if (errorClass == ErrorClass::ContextLength && !OpenAiProvider::mentionsContextLength(text))
        text = QStringLiteral("The input token count exceeds the maximum number of tokens allowed.") +
               (message.isEmpty() ? QString() : QStringLiteral(" ") + message);
    const QJsonObject error{{QStringLiteral("code"), httpStatus},
                            {QStringLiteral("message"), text},
                            {QStringLiteral("status"), statusForClass(errorClass, httpStatus)}};
    return toBytes(QJsonObject{{QStringLiteral("error"), error}});
}

} // namespace airm
