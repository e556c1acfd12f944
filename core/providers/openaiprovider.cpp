#include "openaiprovider.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

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

QString lower(const QJsonValue &v)
{
    return v.toString().toLower();
}

} // namespace

QUrl OpenAiProvider::v1Url(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    if (!basePath.endsWith(QLatin1String("/v1"))) basePath += QStringLiteral("/v1");
    url.setPath(basePath + path);
    // A key pasted into the base URL must not travel in the URL (logs, proxies); it belongs in a header.
    QUrlQuery query(url);
    for (const char *name : {"key", "api_key", "apikey", "access_token"})
        query.removeAllQueryItems(QLatin1String(name));
    url.setQuery(query);
    url.setUserInfo(QString());
    url.setFragment(QString());
    return url;
}

QJsonObject OpenAiProvider::chatRequest(const QString &model, const QString &prompt, int maxTokens)
{
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("content"), prompt}};
    return QJsonObject{{QStringLiteral("model"), model},
                       {QStringLiteral("messages"), QJsonArray{message}},
                       {QStringLiteral("max_tokens"), maxTokens}};
}

HttpRequest OpenAiProvider::buildRequest(const ServiceConfig &service, const RequestSpec &spec) const
{
    const QString model = spec.model.isEmpty() ? service.model : spec.model;
    const int maxTokens = spec.maxTokens > 0 ? spec.maxTokens : service.maxTokens;
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = v1Url(service.baseUrl, QStringLiteral("/chat/completions"));
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    if (!service.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + service.apiKey.toUtf8()});
    request.body = toBytes(chatRequest(model, spec.prompt, maxTokens));
    request.meta = {service.name, spec.prompt, model, false};
    return request;
}

HttpRequest OpenAiProvider::buildHealthCheck(const ServiceConfig &service) const
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = v1Url(service.baseUrl, QStringLiteral("/models"));
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    if (!service.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + service.apiKey.toUtf8()});
    request.meta = {service.name, QString(), service.model, true};
    return request;
}

bool OpenAiProvider::parseChatCompletion(const QByteArray &body, ProviderReply &reply)
{
    QJsonObject root;
    if (!parseObject(body, root)) return false;
    const QJsonArray choices = root.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty() || !choices.first().isObject()) return false;
    const QJsonValue messageValue = choices.first().toObject().value(QStringLiteral("message"));
    if (!messageValue.isObject()) return false;
    const QJsonValue content = messageValue.toObject().value(QStringLiteral("content"));
    if (content.isString()) {
        reply.text = content.toString();
    } else if (content.isArray()) { // content parts, as some compatible servers answer
        QString text;
        for (const QJsonValue &part : content.toArray()) {
            const QJsonObject p = part.toObject();
            if (p.value(QStringLiteral("type")).toString() == QLatin1String("text"))
                text += p.value(QStringLiteral("text")).toString();
        }
        reply.text = text;
    } else if (!content.isNull() && !content.isUndefined()) {
        return false;
    } // null content: a tool call or a refusal; the schema still matched.
    const QJsonObject usage = root.value(QStringLiteral("usage")).toObject();
    reply.inputTokens = usage.value(QStringLiteral("prompt_tokens")).toInteger();
    reply.outputTokens = usage.value(QStringLiteral("completion_tokens")).toInteger();
    return true;
}

QByteArray OpenAiProvider::chatCompletionBody(const QString &text, const QString &model, qint64 inputTokens,
                                              qint64 outputTokens)
{
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), text},
                              {QStringLiteral("refusal"), QJsonValue::Null}};
    const QJsonObject choice{{QStringLiteral("index"), 0},
                             {QStringLiteral("message"), message},
                             {QStringLiteral("logprobs"), QJsonValue::Null},
                             {QStringLiteral("finish_reason"), QStringLiteral("stop")}};
    const QJsonObject usage{{QStringLiteral("prompt_tokens"), inputTokens},
                            {QStringLiteral("completion_tokens"), outputTokens},
                            {QStringLiteral("total_tokens"), inputTokens + outputTokens}};
    return toBytes(QJsonObject{{QStringLiteral("id"), QStringLiteral("chatcmpl-simulated")},
                               {QStringLiteral("object"), QStringLiteral("chat.completion")},
                               {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
                               {QStringLiteral("model"), model},
                               {QStringLiteral("choices"), QJsonArray{choice}},
                               {QStringLiteral("usage"), usage}});
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
    QJsonObject root;
    if (!parseObject(body, root)) return;
    QString message, type, code;
    const QJsonValue error = root.value(QStringLiteral("error"));
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        message = e.value(QStringLiteral("message")).toString();
        type = lower(e.value(QStringLiteral("type")));
        code = lower(e.value(QStringLiteral("code")));
    } else if (error.isString()) {
        message = error.toString();
    }
    if (message.isEmpty()) message = root.value(QStringLiteral("message")).toString(); // vLLM
    if (type.isEmpty()) type = lower(root.value(QStringLiteral("type")));
    const QString errorType = lower(root.value(QStringLiteral("error_type"))); // TGI
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
    QString type = QStringLiteral("server_error");
    QJsonValue code = QJsonValue::Null;
    QJsonValue param = QJsonValue::Null;
    QString text = message;
    switch (errorClass) {
    case ErrorClass::RateLimited:
        type = QStringLiteral("requests");
        code = QStringLiteral("rate_limit_exceeded");
        if (text.isEmpty()) text = QStringLiteral("Rate limit reached for requests. Please try again later.");
        break;
    case ErrorClass::Auth:
        type = QStringLiteral("invalid_request_error");
        code = QStringLiteral("invalid_api_key");
        if (text.isEmpty()) text = QStringLiteral("Incorrect API key provided.");
        break;
    case ErrorClass::ContextLength:
        type = QStringLiteral("invalid_request_error");
        code = QStringLiteral("context_length_exceeded");
        param = QStringLiteral("messages");
        if (text.isEmpty())
            text = QStringLiteral("This model's maximum context length is 128000 tokens. Please reduce the "
                                  "length of the messages.");
        break;
    case ErrorClass::BadRequest:
        type = QStringLiteral("invalid_request_error");
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
    const QJsonObject error{{QStringLiteral("message"), text},
                            {QStringLiteral("type"), type},
                            {QStringLiteral("param"), param},
                            {QStringLiteral("code"), code}};
    return toBytes(QJsonObject{{QStringLiteral("error"), error}});
}

} // namespace airm
