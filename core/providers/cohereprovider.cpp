#include "cohereprovider.h"

#include "openaiprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QUuid>

namespace airm {
namespace {

// Cohere answers an invalid or expired token with this non-standard status.
constexpr int kInvalidTokenStatus = 498;

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

QUrl endpointUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    QUrlQuery query(url);
    for (const char *name : {"key", "api_key", "apikey", "access_token"})
        query.removeAllQueryItems(QLatin1String(name));
    url.setQuery(query);
    url.setUserInfo(QString());
    url.setFragment(QString());
    return url;
}

void addCommonHeaders(HttpRequest &request, const ServiceConfig &service)
{
    if (!service.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + service.apiKey.toUtf8()});
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
}

// Billed units are what Cohere charges for; the raw token counts are the fallback.
void readUsage(const QJsonObject &usage, ProviderReply &reply)
{
    const QJsonValue billed = usage.value(QStringLiteral("billed_units"));
    const QJsonObject counts =
        billed.isObject() ? billed.toObject() : usage.value(QStringLiteral("tokens")).toObject();
    reply.inputTokens = counts.value(QStringLiteral("input_tokens")).toInteger();
    reply.outputTokens = counts.value(QStringLiteral("output_tokens")).toInteger();
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
    const QString model = spec.model.isEmpty() ? service.model : spec.model;
    const int maxTokens = spec.maxTokens > 0 ? spec.maxTokens : service.maxTokens;
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    addCommonHeaders(request, service);
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    if (m_api == Api::V1Generate) {
        request.url = endpointUrl(service.baseUrl, QStringLiteral("/v1/generate"));
        request.body = toBytes(QJsonObject{{QStringLiteral("model"), model},
                                           {QStringLiteral("prompt"), spec.prompt},
                                           {QStringLiteral("max_tokens"), maxTokens}});
    } else {
        request.url = endpointUrl(service.baseUrl, QStringLiteral("/v2/chat"));
        request.body = toBytes(OpenAiProvider::chatRequest(model, spec.prompt, maxTokens));
    }
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
    QJsonObject root;
    if (!parseObject(body, root)) return false;
    if (m_api == Api::V1Generate) {
        const QJsonArray generations = root.value(QStringLiteral("generations")).toArray();
        if (generations.isEmpty()) return false;
        const QJsonValue text = generations.first().toObject().value(QStringLiteral("text"));
        if (!text.isString()) return false;
        reply.text = text.toString();
        readUsage(root.value(QStringLiteral("meta")).toObject(), reply);
        return true;
    }
    const QJsonValue message = root.value(QStringLiteral("message"));
    if (!message.isObject()) return false;
    const QJsonValue content = message.toObject().value(QStringLiteral("content"));
    // A reply that only calls tools has tool_calls and no content.
    if (!content.isArray() && !message.toObject().value(QStringLiteral("tool_calls")).isArray()) return false;
    QString text;
    for (const QJsonValue &item : content.toArray()) {
        if (!item.isObject()) return false;
        const QJsonObject c = item.toObject();
        if (c.value(QStringLiteral("type")).toString() != QLatin1String("text")) continue;
        const QJsonValue t = c.value(QStringLiteral("text"));
        if (!t.isString()) return false;
        text += t.toString();
    }
    reply.text = text;
    readUsage(root.value(QStringLiteral("usage")).toObject(), reply);
    return true;
}

void CohereProvider::parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const
{
    if (httpStatus == kInvalidTokenStatus) reply.errorClass = ErrorClass::Auth;
    QJsonObject root;
    if (!parseObject(body, root)) return;
    const QString message = root.value(QStringLiteral("message")).toString();
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
    const QJsonObject units{{QStringLiteral("input_tokens"), inputTokens},
                            {QStringLiteral("output_tokens"), outputTokens}};
    const QString id = QUuid::createUuidV5(QUuid(), text).toString(QUuid::WithoutBraces);
    if (m_api == Api::V1Generate) {
        const QJsonObject generation{{QStringLiteral("id"), id},
                                     {QStringLiteral("text"), text},
                                     {QStringLiteral("finish_reason"), QStringLiteral("COMPLETE")}};
        const QJsonObject meta{
            {QStringLiteral("api_version"), QJsonObject{{QStringLiteral("version"), QStringLiteral("1")}}},
            {QStringLiteral("billed_units"), units}};
        return toBytes(QJsonObject{{QStringLiteral("id"), id},
                                   {QStringLiteral("generations"), QJsonArray{generation}},
                                   {QStringLiteral("meta"), meta}});
    }
    const QJsonObject part{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), QJsonArray{part}}};
    const QJsonObject usage{{QStringLiteral("billed_units"), units}, {QStringLiteral("tokens"), units}};
    return toBytes(QJsonObject{{QStringLiteral("id"), id},
                               {QStringLiteral("finish_reason"), QStringLiteral("COMPLETE")},
                               {QStringLiteral("message"), message},
                               {QStringLiteral("usage"), usage}});
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
    QJsonObject root{{QStringLiteral("message"), text}};
    if (m_api == Api::V2Chat)
        root.insert(QStringLiteral("id"), QUuid::createUuidV5(QUuid(), text).toString(QUuid::WithoutBraces));
    return toBytes(root);
}

} // namespace airm
