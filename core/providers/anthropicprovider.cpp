#include "anthropicprovider.h"

#include "openaiprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace airm {
namespace {

bool parseObject(const QByteArray &body, QJsonObject &out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) return false;
    out = doc.object();
    return true;
}

QByteArray toBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void addAuthHeaders(HttpRequest &request, const ServiceConfig &service)
{
    if (!service.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("x-api-key"), service.apiKey.toUtf8()});
    request.headers.append({QByteArrayLiteral("anthropic-version"), service.anthropicVersion.toUtf8()});
}

} // namespace

HttpRequest AnthropicProvider::buildRequest(const ServiceConfig &service, const RequestSpec &spec) const
{
    const QString model = spec.model.isEmpty() ? service.model : spec.model;
    const int maxTokens = spec.maxTokens > 0 ? spec.maxTokens : service.maxTokens;
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = OpenAiProvider::v1Url(service.baseUrl, QStringLiteral("/messages"));
    addAuthHeaders(request, service);
    request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("content"), spec.prompt}};
    request.body = toBytes(QJsonObject{{QStringLiteral("model"), model},
                                       {QStringLiteral("max_tokens"), maxTokens},
                                       {QStringLiteral("messages"), QJsonArray{message}}});
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
    QJsonObject root;
    if (!parseObject(body, root)) return false;
    const QJsonValue type = root.value(QStringLiteral("type"));
    if (!type.isUndefined() && type.toString() != QLatin1String("message")) return false;
    const QJsonValue content = root.value(QStringLiteral("content"));
    if (!content.isArray()) return false;
    QString text;
    for (const QJsonValue &block : content.toArray()) {
        if (!block.isObject()) return false;
        const QJsonObject b = block.toObject();
        if (b.value(QStringLiteral("type")).toString() != QLatin1String("text"))
            continue; // tool_use, thinking
        const QJsonValue t = b.value(QStringLiteral("text"));
        if (!t.isString()) return false;
        text += t.toString();
    }
    const QJsonObject usage = root.value(QStringLiteral("usage")).toObject();
    // Cached prompt tokens are reported apart from input_tokens; all of them were part of the prompt.
    reply.inputTokens = usage.value(QStringLiteral("input_tokens")).toInteger() +
                        usage.value(QStringLiteral("cache_creation_input_tokens")).toInteger() +
                        usage.value(QStringLiteral("cache_read_input_tokens")).toInteger();
    reply.outputTokens = usage.value(QStringLiteral("output_tokens")).toInteger();
    if (text.isEmpty() && root.value(QStringLiteral("stop_reason")).toString() == QLatin1String("refusal")) {
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
    QJsonObject root;
    if (!parseObject(body, root)) return;
    const QJsonObject error = root.value(QStringLiteral("error")).toObject();
    const QString type = error.value(QStringLiteral("type")).toString();
    const QString message = error.value(QStringLiteral("message")).toString();
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
    const QJsonObject block{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
    const QJsonObject usage{{QStringLiteral("input_tokens"), inputTokens},
                            {QStringLiteral("output_tokens"), outputTokens}};
    return toBytes(QJsonObject{{QStringLiteral("id"), QStringLiteral("msg_simulated")},
                               {QStringLiteral("type"), QStringLiteral("message")},
                               {QStringLiteral("role"), QStringLiteral("assistant")},
                               {QStringLiteral("model"), model},
                               {QStringLiteral("content"), QJsonArray{block}},
                               {QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
                               {QStringLiteral("stop_sequence"), QJsonValue::Null},
                               {QStringLiteral("usage"), usage}});
}

QByteArray AnthropicProvider::errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const
{
    QString type;
    QString text = message;
    switch (errorClass) {
    case ErrorClass::Overloaded:
        type = QStringLiteral("overloaded_error");
        if (text.isEmpty()) text = QStringLiteral("Overloaded");
        break;
    case ErrorClass::RateLimited:
        type = QStringLiteral("rate_limit_error");
        if (text.isEmpty())
            text = QStringLiteral("Number of requests has exceeded your per-minute rate limit");
        break;
    case ErrorClass::Auth:
        type =
            httpStatus == 403 ? QStringLiteral("permission_error") : QStringLiteral("authentication_error");
        if (text.isEmpty()) text = QStringLiteral("invalid x-api-key");
        break;
    case ErrorClass::ContextLength:
        type = QStringLiteral("invalid_request_error");
        if (!OpenAiProvider::mentionsContextLength(text))
            text = QStringLiteral("prompt is too long") +
                   (text.isEmpty() ? QString() : QStringLiteral(": ") + text);
        break;
    case ErrorClass::BadRequest:
        type = httpStatus == 404   ? QStringLiteral("not_found_error")
               : httpStatus == 413 ? QStringLiteral("request_too_large")
                                   : QStringLiteral("invalid_request_error");
        if (text.isEmpty()) text = QStringLiteral("Invalid request");
        break;
    case ErrorClass::Timeout:
        type = QStringLiteral("timeout_error");
        if (text.isEmpty()) text = QStringLiteral("Request timed out");
        break;
    default:
        type = QStringLiteral("api_error");
        if (text.isEmpty()) text = QStringLiteral("Internal server error");
        break;
    }
    const QJsonObject error{{QStringLiteral("type"), type}, {QStringLiteral("message"), text}};
    return toBytes(
        QJsonObject{{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("error"), error}});
}

} // namespace airm
