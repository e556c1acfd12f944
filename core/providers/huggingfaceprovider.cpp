#include "huggingfaceprovider.h"

#include "openaiprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <cmath>

namespace airm {
namespace {

const QLatin1String kModelsSegment("/models/");

QByteArray toBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QUrl withPath(const QUrl &base, const QString &path)
{
    QUrl url = base;
    url.setPath(path);
    QUrlQuery query(url);
    for (const char *name : {"key", "api_key", "apikey", "access_token"})
        query.removeAllQueryItems(QLatin1String(name));
    url.setQuery(query);
    url.setUserInfo(QString());
    url.setFragment(QString());
    return url;
}

QString trimmedPath(const QUrl &base)
{
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

// The legacy endpoint: the base URL itself when it already names a model (.../models/<model>), otherwise
// {base}/models/{model}. Returns the URL and, through *model, the model it addresses.
QUrl tgiUrl(const QUrl &base, const QString &requestedModel, QString *model)
{
    const QString path = trimmedPath(base);
    const qsizetype at = path.indexOf(kModelsSegment);
    if (at >= 0) {
        *model = path.mid(at + kModelsSegment.size());
        return withPath(base, path);
    }
    *model = requestedModel;
    return withPath(base, path + kModelsSegment + requestedModel);
}

void addAuthHeader(HttpRequest &request, const ServiceConfig &service)
{
    if (!service.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + service.apiKey.toUtf8()});
}

bool parseGeneratedText(const QJsonValue &value, ProviderReply &reply)
{
    const QJsonObject o = value.toObject();
    const QJsonValue text = o.value(QStringLiteral("generated_text"));
    if (!text.isString()) return false;
    reply.text = text.toString();
    // Present when the request asked for details (generated tokens) and decoder input details (prefill).
    const QJsonObject details = o.value(QStringLiteral("details")).toObject();
    reply.outputTokens = details.value(QStringLiteral("generated_tokens")).toInteger();
    reply.inputTokens = details.value(QStringLiteral("prefill")).toArray().size();
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
    QString model = spec.model.isEmpty() ? service.model : spec.model;
    const int maxTokens = spec.maxTokens > 0 ? spec.maxTokens : service.maxTokens;
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    addAuthHeader(request, service);
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    if (m_api == Api::Tgi) {
        request.url = tgiUrl(service.baseUrl, model, &model);
        const QJsonObject parameters{{QStringLiteral("max_new_tokens"), maxTokens},
                                     {QStringLiteral("return_full_text"), false},
                                     {QStringLiteral("details"), true}};
        request.body = toBytes(
            QJsonObject{{QStringLiteral("inputs"), spec.prompt}, {QStringLiteral("parameters"), parameters}});
    } else {
        request.url = OpenAiProvider::v1Url(service.baseUrl, QStringLiteral("/chat/completions"));
        QJsonObject body = OpenAiProvider::chatRequest(model, spec.prompt, maxTokens);
        body.insert(QStringLiteral("stream"), false);
        request.body = toBytes(body);
    }
    request.meta = {service.name, spec.prompt, model, false};
    return request;
}

HttpRequest HuggingFaceProvider::buildHealthCheck(const ServiceConfig &service) const
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    addAuthHeader(request, service);
    if (m_api == Api::Tgi) {
        const QString path = trimmedPath(service.baseUrl);
        const qsizetype at = path.indexOf(kModelsSegment);
        const QString root = at >= 0 ? path.left(at) : path;
        const QString model = at >= 0 ? path.mid(at + kModelsSegment.size()) : service.model;
        request.url = withPath(service.baseUrl, root + QStringLiteral("/api/models/") + model);
    } else {
        request.url = OpenAiProvider::v1Url(service.baseUrl, QStringLiteral("/models"));
    }
    request.meta = {service.name, QString(), service.model, true};
    return request;
}

bool HuggingFaceProvider::parseSuccess(const QByteArray &body, ProviderReply &reply) const
{
    if (m_api == Api::Router) return OpenAiProvider::parseChatCompletion(body, reply);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) return false;
    if (doc.isArray()) return !doc.array().isEmpty() && parseGeneratedText(doc.array().first(), reply);
    return doc.isObject() && parseGeneratedText(doc.object(), reply);
}

void HuggingFaceProvider::parseErrorBody(const QByteArray &body, int httpStatus, ProviderReply &reply) const
{
    // 402: the account's inference credits are used up; retrying cannot help.
    if (httpStatus == 402) reply.errorClass = ErrorClass::Auth;
    OpenAiProvider::parseCompatibleError(body, httpStatus, reply);
    if (mentionsInvalidCredentials(reply.errorMessage)) reply.errorClass = ErrorClass::Auth;
    const QJsonValue estimated =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("estimated_time"));
    if (estimated.isDouble() && std::isfinite(estimated.toDouble()) && estimated.toDouble() >= 0 &&
        estimated.toDouble() < 86'400.0)
        reply.retryAfterMs = int(std::llround(estimated.toDouble() * 1000.0)); // a loading model says when
}

QByteArray HuggingFaceProvider::successBody(const QString &text, const QString &model, qint64 inputTokens,
                                            qint64 outputTokens) const
{
    if (m_api == Api::Router)
        return OpenAiProvider::chatCompletionBody(text, model, inputTokens, outputTokens);
    // TGI reports prompt tokens only as the prefill list; one entry per token keeps the count exact.
    const QJsonObject prefillToken{{QStringLiteral("id"), 0},
                                   {QStringLiteral("text"), QString()},
                                   {QStringLiteral("logprob"), QJsonValue::Null}};
    QJsonArray prefill;
    for (qint64 i = 0; i < inputTokens; ++i)
        prefill.append(prefillToken);
    const QJsonObject details{{QStringLiteral("finish_reason"), QStringLiteral("eos_token")},
                              {QStringLiteral("generated_tokens"), outputTokens},
                              {QStringLiteral("seed"), QJsonValue::Null},
                              {QStringLiteral("prefill"), prefill},
                              {QStringLiteral("tokens"), QJsonArray()}};
    const QJsonObject generation{{QStringLiteral("generated_text"), text},
                                 {QStringLiteral("details"), details}};
    return QJsonDocument(QJsonArray{generation}).toJson(QJsonDocument::Compact);
}

QByteArray HuggingFaceProvider::errorBody(int httpStatus, ErrorClass errorClass, const QString &message) const
{
    if (m_api == Api::Router) return OpenAiProvider().errorBody(httpStatus, errorClass, message);
    QString text = message;
    QString errorType;
    switch (errorClass) {
    case ErrorClass::Overloaded:
        errorType = QStringLiteral("overloaded");
        if (text.isEmpty()) text = QStringLiteral("Model is currently loading");
        break;
    case ErrorClass::ContextLength:
        errorType = QStringLiteral("validation");
        if (!OpenAiProvider::mentionsContextLength(text))
            text = QStringLiteral("Input validation error: `inputs` must have less than 4096 tokens") +
                   (text.isEmpty() ? QString() : QStringLiteral(". ") + text);
        break;
    case ErrorClass::BadRequest:
        errorType = QStringLiteral("validation");
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
        errorType = QStringLiteral("generation");
        if (text.isEmpty()) text = QStringLiteral("Internal server error");
        break;
    }
    QJsonObject root{{QStringLiteral("error"), text}};
    if (!errorType.isEmpty()) root.insert(QStringLiteral("error_type"), errorType);
    return toBytes(root);
}

} // namespace airm
