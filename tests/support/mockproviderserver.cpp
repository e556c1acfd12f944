#include "mockproviderserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QTimer>

#include <memory>

namespace airm::test {
namespace {

// Requests kept for inspection; beyond this a long benchmark only counts.
constexpr qsizetype kMaxRecorded = 100'000;
// The reply echoes at most this much of the prompt.
constexpr qsizetype kEchoChars = 200;
// Answer templates kept for repeated requests; beyond this the cache starts over.
constexpr qsizetype kMaxAnswerTemplates = 1024;
// Stands for the serial number in an answer template (a request that contains it is not templated).
constexpr char kSerialMarker[] = "@@mock-serial@@";

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QByteArray toBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
QByteArray toBytes(const QJsonArray &a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

QByteArray findHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
    return {};
}

QByteArray bearerToken(const MockHttpServer::Request &request)
{
    const QByteArray value = request.header(QByteArrayLiteral("authorization")).trimmed();
    if (!value.startsWith("Bearer ") && !value.startsWith("bearer ")) return {};
    return value.mid(7).trimmed();
}

qint64 tokenEstimate(const QString &text)
{
    return std::max<qint64>(1, (text.size() + 3) / 4);
}

QString replyTo(const QString &prompt)
{
    return s("Mock reply to: ") + prompt.left(kEchoChars);
}

// The text of a chat message's content: a string or a list of {"type":"text","text"} blocks.
QString contentText(const QJsonValue &content)
{
    if (content.isString()) return content.toString();
    QString text;
    for (const QJsonValue &block : content.toArray())
        text += block.toObject().value(s("text")).toString();
    return text;
}

QString lastMessageText(const QJsonArray &messages)
{
    return messages.isEmpty() ? QString() : contentText(messages.last().toObject().value(s("content")));
}

QString geminiStatus(int status)
{
    switch (status) {
    case 400:
        return s("INVALID_ARGUMENT");
    case 401:
        return s("UNAUTHENTICATED");
    case 403:
        return s("PERMISSION_DENIED");
    case 404:
        return s("NOT_FOUND");
    case 409:
        return s("ABORTED");
    case 429:
        return s("RESOURCE_EXHAUSTED");
    case 499:
        return s("CANCELLED");
    case 501:
        return s("UNIMPLEMENTED");
    case 503:
        return s("UNAVAILABLE");
    case 504:
        return s("DEADLINE_EXCEEDED");
    default:
        return status >= 500 ? s("INTERNAL") : s("FAILED_PRECONDITION");
    }
}

QString geminiMessage(int status)
{
    switch (status) {
    case 429:
        return s("Resource has been exhausted (e.g. check quota).");
    case 503:
        return s("The model is overloaded. Please try again later.");
    case 504:
        return s("Deadline expired before operation could complete.");
    case 400:
        return s("Request contains an invalid argument.");
    case 403:
        return s("The caller does not have permission");
    case 404:
        return s("Requested entity was not found.");
    default:
        return status >= 500 ? s("An internal error has occurred. Please retry or report in "
                                 "https://developers.generativeai.google/guide/troubleshooting")
                             : s("Precondition check failed.");
    }
}

QJsonObject openAiError(const QString &message, const QString &type, const QJsonValue &code,
                        const QJsonValue &param = QJsonValue::Null)
{
    return QJsonObject{
        {s("error"),
         QJsonObject{{s("message"), message}, {s("type"), type}, {s("param"), param}, {s("code"), code}}}};
}

QJsonObject anthropicError(const QString &type, const QString &message)
{
    return QJsonObject{{s("type"), s("error")},
                       {s("error"), QJsonObject{{s("type"), type}, {s("message"), message}}},
                       {s("request_id"), s("req_011CMockRequest")}};
}

QJsonObject geminiError(int status, const QString &message, const QJsonArray &details = {})
{
    QJsonObject error{{s("code"), status}, {s("message"), message}, {s("status"), geminiStatus(status)}};
    if (!details.isEmpty()) error.insert(s("details"), details);
    return QJsonObject{{s("error"), error}};
}

MockProviderServer::Script scripted(int status, const QByteArray &body, const HeaderList &headers = {})
{
    MockProviderServer::Script script;
    script.status = status;
    script.body = body;
    script.headers = headers;
    return script;
}

} // namespace

QByteArray MockProviderServer::RecordedRequest::header(const QByteArray &name) const
{
    return findHeader(headers, name);
}

QJsonObject MockProviderServer::RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

MockProviderServer::MockProviderServer(QObject *parent)
    : QObject(parent)
    , m_http([this](Request &&request, const Responder &responder) { handle(std::move(request), responder); })
{
    m_port = m_http.listenOnLoopback();
}

MockProviderServer::~MockProviderServer() = default;

QUrl MockProviderServer::baseUrl() const
{
    QUrl url;
    url.setScheme(s("http"));
    url.setHost(s("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void MockProviderServer::enqueue(const Script &script, const QString &pathPrefix)
{
    QMutexLocker lock(&m_mutex);
    m_queue.append({pathPrefix, script});
}

void MockProviderServer::setScript(const QString &pathPrefix, const Script &script)
{
    QMutexLocker lock(&m_mutex);
    m_prefixScripts.insert(pathPrefix, script);
}

void MockProviderServer::setDefaultScript(const Script &script)
{
    QMutexLocker lock(&m_mutex);
    m_defaultScript = script;
}

void MockProviderServer::clearScripts()
{
    QMutexLocker lock(&m_mutex);
    m_queue.clear();
    m_prefixScripts.clear();
    m_defaultScript = Script();
}

void MockProviderServer::setRequireAuth(bool on)
{
    QMutexLocker lock(&m_mutex);
    m_requireAuth = on;
}

void MockProviderServer::setAcceptedKey(const QByteArray &key)
{
    QMutexLocker lock(&m_mutex);
    m_acceptedKey = key;
}

void MockProviderServer::setRecording(bool on)
{
    m_recording.store(on, std::memory_order_relaxed);
}

QList<MockProviderServer::RecordedRequest> MockProviderServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

MockProviderServer::RecordedRequest MockProviderServer::lastRequest() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests.isEmpty() ? RecordedRequest() : m_requests.last();
}

void MockProviderServer::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
    m_requestCount.store(0, std::memory_order_relaxed);
}

MockProviderServer::Script MockProviderServer::takeScript(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (path.startsWith(m_queue.at(i).prefix)) return m_queue.takeAt(i).script;
    }
    const Script *best = nullptr;
    qsizetype bestLength = -1;
    for (auto it = m_prefixScripts.cbegin(); it != m_prefixScripts.cend(); ++it) {
        if (it.key().size() > bestLength && path.startsWith(it.key())) {
            best = &it.value();
            bestLength = it.key().size();
        }
    }
    return best ? *best : m_defaultScript;
}

MockProviderServer::Endpoint MockProviderServer::endpointFor(const QByteArray &method, const QString &path)
{
    const bool post = method == "POST";
    const bool get = method == "GET";
    QString p = path;
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    if (p.contains(QLatin1String("/v1beta/models/"))) {
        if (post && p.endsWith(QLatin1String(":generateContent"))) return Endpoint::GeminiGenerate;
        if (get && !p.contains(QLatin1Char(':'))) return Endpoint::GeminiModel;
        return Endpoint::Unknown;
    }
    if (post) {
        if (p.endsWith(QLatin1String("/v2/chat"))) return Endpoint::CohereChat;
        if (p.endsWith(QLatin1String("/v1/generate"))) return Endpoint::CohereGenerate;
        if (p.endsWith(QLatin1String("/chat/completions"))) return Endpoint::ChatCompletions;
        if (p.endsWith(QLatin1String("/v1/messages"))) return Endpoint::AnthropicMessages;
        if (p.contains(QLatin1String("/models/"))) return Endpoint::TgiGenerate;
    }
    if (get) {
        if (p.contains(QLatin1String("/api/models/"))) return Endpoint::HubModelInfo;
        if (p.endsWith(QLatin1String("/models"))) return Endpoint::ModelList;
    }
    return Endpoint::Unknown;
}

MockProviderServer::Format MockProviderServer::formatFor(Endpoint endpoint, const Request &request)
{
    switch (endpoint) {
    case Endpoint::GeminiGenerate:
    case Endpoint::GeminiModel:
        return Format::Gemini;
    case Endpoint::CohereChat:
    case Endpoint::CohereGenerate:
        return Format::Cohere;
    case Endpoint::ChatCompletions:
        return Format::OpenAi;
    case Endpoint::AnthropicMessages:
        return Format::Anthropic;
    case Endpoint::TgiGenerate:
    case Endpoint::HubModelInfo:
        return Format::HuggingFace;
    case Endpoint::ModelList:
        return request.header(QByteArrayLiteral("x-api-key")).isEmpty() &&
                       request.header(QByteArrayLiteral("anthropic-version")).isEmpty()
                   ? Format::OpenAi
                   : Format::Anthropic;
    case Endpoint::Unknown:
        break;
    }
    return Format::Generic;
}

QByteArray MockProviderServer::errorBodyFor(Format format, int status, const QString &message)
{
    switch (format) {
    case Format::Gemini:
        return toBytes(geminiError(status, message.isEmpty() ? geminiMessage(status) : message));
    case Format::Cohere: {
        QString text = message;
        if (text.isEmpty()) {
            text = status == 429
                       ? s("You are using a Trial key, which is limited to 20 API calls / minute. You "
                           "can continue to use the Trial key for free or upgrade to a Production key.")
                   : status == 401 || status == 498 ? s("invalid api token")
                   : status == 503                  ? s("service unavailable")
                   : status >= 500                  ? s("internal server error")
                                                    : s("invalid request");
        }
        return toBytes(
            QJsonObject{{s("id"), s("5ad5b7e0-8a4c-4c3b-9d1b-7e0c1f2a3b4c")}, {s("message"), text}});
    }
    case Format::OpenAi:
        if (status == 429)
            return toBytes(openAiError(message.isEmpty()
                                           ? s("Rate limit reached for gpt-4o-mini in organization "
                                               "org-mock on requests per min (RPM): Limit 3, Used 3, "
                                               "Requested 1. Please try again in 20s.")
                                           : message,
                                       s("requests"), s("rate_limit_exceeded")));
        if (status == 401)
            return toBytes(openAiError(message.isEmpty()
                                           ? s("Incorrect API key provided. You can find your API key "
                                               "at https://platform.openai.com/account/api-keys.")
                                           : message,
                                       s("invalid_request_error"), s("invalid_api_key")));
        if (status == 503)
            return toBytes(openAiError(
                message.isEmpty() ? s("The engine is currently overloaded, please try again later") : message,
                s("server_error"), QJsonValue::Null));
        if (status >= 500)
            return toBytes(openAiError(message.isEmpty() ? s("The server had an error while processing your "
                                                             "request. Sorry about that!")
                                                         : message,
                                       s("server_error"), QJsonValue::Null));
        return toBytes(openAiError(message.isEmpty() ? s("Invalid request.") : message,
                                   s("invalid_request_error"), QJsonValue::Null));
    case Format::Anthropic: {
        QString type = s("invalid_request_error");
        QString text = s("Invalid request");
        switch (status) {
        case 401:
            type = s("authentication_error");
            text = s("invalid x-api-key");
            break;
        case 403:
            type = s("permission_error");
            text = s("Your API key does not have permission to use the specified resource.");
            break;
        case 404:
            type = s("not_found_error");
            text = s("The requested resource could not be found.");
            break;
        case 413:
            type = s("request_too_large");
            text = s("Request exceeds the maximum allowed number of bytes.");
            break;
        case 429:
            type = s("rate_limit_error");
            text = s("Number of request tokens has exceeded your per-minute rate limit");
            break;
        case 504:
            type = s("timeout_error");
            text = s("Request timed out");
            break;
        case 529:
            type = s("overloaded_error");
            text = s("Overloaded");
            break;
        default:
            if (status >= 500) {
                type = s("api_error");
                text = s("Internal server error");
            }
            break;
        }
        return toBytes(anthropicError(type, message.isEmpty() ? text : message));
    }
    case Format::HuggingFace: {
        if (status == 503 && message.isEmpty())
            return toBytes(
                QJsonObject{{s("error"), s("Model is currently loading")}, {s("estimated_time"), 20.0}});
        QString text = message;
        if (text.isEmpty())
            text = status == 401   ? s("Invalid credentials in Authorization header")
                   : status == 429 ? s("Rate limit reached. You reached free usage limit (reset hourly).")
                   : status == 404 ? s("Model not found")
                   : status >= 500 ? s("Internal Server Error")
                                   : s("Input validation error");
        return toBytes(QJsonObject{{s("error"), text}});
    }
    case Format::Generic:
        break;
    }
    return toBytes(QJsonObject{{s("error"), message.isEmpty() ? s("HTTP error") : message}});
}

bool MockProviderServer::checkAuth(Endpoint endpoint, const Request &request, Answer *rejection) const
{
    QByteArray acceptedKey;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_requireAuth) return true;
        acceptedKey = m_acceptedKey;
    }
    const Format format = formatFor(endpoint, request);
    auto reject = [rejection](int status, const QByteArray &body) {
        rejection->status = status;
        rejection->body = body;
        return false;
    };
    switch (format) {
    case Format::Gemini: {
        const QByteArray key = request.header(QByteArrayLiteral("x-goog-api-key"));
        if (key.isEmpty())
            return reject(
                403, toBytes(geminiError(403, s("Method doesn't allow unregistered callers (callers "
                                                "without established identity). Please use API Key or "
                                                "other form of API consumer identity to call this API."))));
        if (!acceptedKey.isEmpty() && key != acceptedKey) {
            const QJsonObject info{{s("@type"), s("type.googleapis.com/google.rpc.ErrorInfo")},
                                   {s("reason"), s("API_KEY_INVALID")},
                                   {s("domain"), s("googleapis.com")}};
            return reject(400, toBytes(geminiError(400, s("API key not valid. Please pass a valid API key."),
                                                   QJsonArray{info})));
        }
        return true;
    }
    case Format::Anthropic: {
        const QByteArray key = request.header(QByteArrayLiteral("x-api-key"));
        if (key.isEmpty())
            return reject(
                401, toBytes(anthropicError(s("authentication_error"), s("x-api-key header is required"))));
        if (!acceptedKey.isEmpty() && key != acceptedKey)
            return reject(401, toBytes(anthropicError(s("authentication_error"), s("invalid x-api-key"))));
        if (request.header(QByteArrayLiteral("anthropic-version")).isEmpty())
            return reject(400, toBytes(anthropicError(s("invalid_request_error"),
                                                      s("anthropic-version: header is required"))));
        return true;
    }
    case Format::Cohere:
    case Format::OpenAi:
    case Format::HuggingFace: {
        if (endpoint == Endpoint::HubModelInfo) return true; // public model metadata
        const QByteArray key = bearerToken(request);
        if (key.isEmpty()) {
            if (format == Format::Cohere)
                return reject(401, errorBodyFor(format, 401, s("no api key supplied")));
            if (format == Format::OpenAi)
                return reject(401,
                              toBytes(openAiError(
                                  s("You didn't provide an API key. You need to provide your API key in an "
                                    "Authorization header using Bearer auth (i.e. Authorization: Bearer "
                                    "YOUR_KEY)."),
                                  s("invalid_request_error"), QJsonValue::Null)));
            return reject(401, errorBodyFor(format, 401));
        }
        if (!acceptedKey.isEmpty() && key != acceptedKey) return reject(401, errorBodyFor(format, 401));
        return true;
    }
    case Format::Generic:
        break;
    }
    return true;
}

MockProviderServer::Answer MockProviderServer::generated(Endpoint endpoint, const QString &path,
                                                         const Request &request)
{
    const QByteArray serial = QByteArray::number(m_requestCount.load(std::memory_order_relaxed));
    // A generation endpoint's answer depends on the path, the body and the serial only (its format follows
    // from the endpoint), so a repeated request is answered from a template without a JSON tree.
    bool generation = false;
    switch (endpoint) {
    case Endpoint::GeminiGenerate:
    case Endpoint::CohereChat:
    case Endpoint::CohereGenerate:
    case Endpoint::ChatCompletions:
    case Endpoint::AnthropicMessages:
    case Endpoint::TgiGenerate:
        generation = true;
        break;
    default:
        break;
    }
    if (!generation || request.body.contains(kSerialMarker))
        return generate(endpoint, path, request, QString::fromLatin1(serial));
    const AnswerKey key(path, request.body);
    auto it = m_answerTemplates.constFind(key);
    if (it == m_answerTemplates.cend()) {
        const Answer answer = generate(endpoint, path, request, QLatin1String(kSerialMarker));
        AnswerTemplate t{answer.status, answer.headers, {}};
        const QByteArrayView marker(kSerialMarker);
        qsizetype from = 0;
        for (qsizetype at; (at = answer.body.indexOf(marker, from)) >= 0; from = at + marker.size())
            t.parts.append(answer.body.mid(from, at - from));
        t.parts.append(answer.body.mid(from));
        if (m_answerTemplates.size() >= kMaxAnswerTemplates) m_answerTemplates.clear();
        it = m_answerTemplates.insert(key, std::move(t));
    }
    return {it->status, it->headers, it->parts.size() == 1 ? it->parts.first() : it->parts.join(serial)};
}

MockProviderServer::Answer MockProviderServer::generate(Endpoint endpoint, const QString &path,
                                                        const Request &request, const QString &serial) const
{
    const Format format = formatFor(endpoint, request);
    QJsonObject body;
    if (endpoint != Endpoint::ModelList && endpoint != Endpoint::GeminiModel &&
        endpoint != Endpoint::HubModelInfo && endpoint != Endpoint::Unknown) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {400,
                    {},
                    errorBodyFor(format, 400, s("Invalid JSON payload received: ") + error.errorString())};
        body = doc.object();
    }
    auto invalid = [format](const char *what) { return Answer{400, {}, errorBodyFor(format, 400, s(what))}; };

    switch (endpoint) {
    case Endpoint::GeminiGenerate: {
        const QJsonArray contents = body.value(s("contents")).toArray();
        if (contents.isEmpty())
            return invalid("* GenerateContentRequest.contents: contents is not specified");
        QString prompt;
        for (const QJsonValue &part : contents.last().toObject().value(s("parts")).toArray())
            prompt += part.toObject().value(s("text")).toString();
        const qsizetype at = path.indexOf(QLatin1String("/models/")) + 8;
        const QString model = path.mid(at, path.lastIndexOf(QLatin1Char(':')) - at);
        const QString text = replyTo(prompt);
        const qint64 in = tokenEstimate(prompt), out = tokenEstimate(text);
        const QJsonObject candidate{
            {s("content"),
             QJsonObject{{s("parts"), QJsonArray{QJsonObject{{s("text"), text}}}}, {s("role"), s("model")}}},
            {s("finishReason"), s("STOP")},
            {s("avgLogprobs"), -0.125}};
        const QJsonObject usage{
            {s("promptTokenCount"), in},
            {s("candidatesTokenCount"), out},
            {s("totalTokenCount"), in + out},
            {s("promptTokensDetails"),
             QJsonArray{QJsonObject{{s("modality"), s("TEXT")}, {s("tokenCount"), in}}}},
            {s("candidatesTokensDetails"),
             QJsonArray{QJsonObject{{s("modality"), s("TEXT")}, {s("tokenCount"), out}}}}};
        return {200,
                {},
                toBytes(QJsonObject{{s("candidates"), QJsonArray{candidate}},
                                    {s("usageMetadata"), usage},
                                    {s("modelVersion"), model},
                                    {s("responseId"), s("mock-%1").arg(serial)}})};
    }
    case Endpoint::GeminiModel: {
        QString model = path.mid(path.indexOf(QLatin1String("/models/")) + 8);
        return {200,
                {},
                toBytes(QJsonObject{
                    {s("name"), QString(s("models/") + model)},
                    {s("version"), s("001")},
                    {s("displayName"), model},
                    {s("inputTokenLimit"), 1048576},
                    {s("outputTokenLimit"), 8192},
                    {s("supportedGenerationMethods"), QJsonArray{s("generateContent"), s("countTokens")}}})};
    }
    case Endpoint::CohereChat: {
        const QJsonArray messages = body.value(s("messages")).toArray();
        if (body.value(s("model")).toString().isEmpty())
            return invalid("invalid request: model must be specified");
        if (messages.isEmpty()) return invalid("invalid request: messages must not be empty");
        const QString text = replyTo(lastMessageText(messages));
        const qint64 in = tokenEstimate(lastMessageText(messages)), out = tokenEstimate(text);
        // "tokens" counts Cohere's own preamble too, so it is larger than what is billed.
        const QJsonObject usage{
            {s("billed_units"), QJsonObject{{s("input_tokens"), in}, {s("output_tokens"), out}}},
            {s("tokens"), QJsonObject{{s("input_tokens"), in + 64}, {s("output_tokens"), out}}}};
        const QJsonObject message{
            {s("role"), s("assistant")},
            {s("content"), QJsonArray{QJsonObject{{s("type"), s("text")}, {s("text"), text}}}}};
        return {200,
                {},
                toBytes(QJsonObject{{s("id"), s("mock-%1").arg(serial)},
                                    {s("message"), message},
                                    {s("finish_reason"), s("COMPLETE")},
                                    {s("usage"), usage}})};
    }
    case Endpoint::CohereGenerate: {
        const QString prompt = body.value(s("prompt")).toString();
        if (prompt.isEmpty()) return invalid("invalid request: prompt must be at least 1 token long.");
        const QString text = replyTo(prompt);
        const QJsonObject generation{
            {s("id"), s("gen-%1").arg(serial)}, {s("text"), text}, {s("finish_reason"), s("COMPLETE")}};
        const QJsonObject meta{{s("api_version"), QJsonObject{{s("version"), s("1")}}},
                               {s("billed_units"), QJsonObject{{s("input_tokens"), tokenEstimate(prompt)},
                                                               {s("output_tokens"), tokenEstimate(text)}}}};
        return {200,
                {},
                toBytes(QJsonObject{{s("id"), s("mock-%1").arg(serial)},
                                    {s("generations"), QJsonArray{generation}},
                                    {s("prompt"), prompt},
                                    {s("meta"), meta}})};
    }
    case Endpoint::ChatCompletions: {
        const QJsonArray messages = body.value(s("messages")).toArray();
        if (body.value(s("model")).toString().isEmpty()) return invalid("you must provide a model parameter");
        if (messages.isEmpty()) return invalid("[] is too short - 'messages'");
        const QString prompt = lastMessageText(messages);
        const QString text = replyTo(prompt);
        const qint64 in = tokenEstimate(prompt), out = tokenEstimate(text);
        const QJsonObject choice{{s("index"), 0},
                                 {s("message"), QJsonObject{{s("role"), s("assistant")},
                                                            {s("content"), text},
                                                            {s("refusal"), QJsonValue::Null}}},
                                 {s("logprobs"), QJsonValue::Null},
                                 {s("finish_reason"), s("stop")}};
        return {200,
                {},
                toBytes(QJsonObject{{s("id"), s("chatcmpl-mock%1").arg(serial)},
                                    {s("object"), s("chat.completion")},
                                    {s("created"), 1735689600},
                                    {s("model"), body.value(s("model")).toString()},
                                    {s("choices"), QJsonArray{choice}},
                                    {s("usage"), QJsonObject{{s("prompt_tokens"), in},
                                                             {s("completion_tokens"), out},
                                                             {s("total_tokens"), in + out}}},
                                    {s("system_fingerprint"), s("fp_mock")}})};
    }
    case Endpoint::AnthropicMessages: {
        const QJsonArray messages = body.value(s("messages")).toArray();
        if (body.value(s("model")).toString().isEmpty()) return invalid("model: Field required");
        if (!body.value(s("max_tokens")).isDouble()) return invalid("max_tokens: Field required");
        if (messages.isEmpty()) return invalid("messages: Field required");
        const QString prompt = lastMessageText(messages);
        const QString text = replyTo(prompt);
        const QJsonObject usage{{s("input_tokens"), tokenEstimate(prompt)},
                                {s("cache_creation_input_tokens"), 0},
                                {s("cache_read_input_tokens"), 0},
                                {s("output_tokens"), tokenEstimate(text)}};
        return {200,
                {},
                toBytes(QJsonObject{
                    {s("id"), s("msg_mock%1").arg(serial)},
                    {s("type"), s("message")},
                    {s("role"), s("assistant")},
                    {s("model"), body.value(s("model")).toString()},
                    {s("content"), QJsonArray{QJsonObject{{s("type"), s("text")}, {s("text"), text}}}},
                    {s("stop_reason"), s("end_turn")},
                    {s("stop_sequence"), QJsonValue::Null},
                    {s("usage"), usage}})};
    }
    case Endpoint::TgiGenerate: {
        const QString prompt = body.value(s("inputs")).toString();
        if (prompt.isEmpty())
            return {422,
                    {},
                    toBytes(QJsonObject{{s("error"), s("Input validation error: `inputs` cannot be empty")},
                                        {s("error_type"), s("validation")}})};
        const QString text = replyTo(prompt);
        QJsonObject generation{{s("generated_text"), text}};
        const QJsonObject parameters = body.value(s("parameters")).toObject();
        if (parameters.value(s("details")).toBool()) {
            QJsonObject details{{s("finish_reason"), s("eos_token")},
                                {s("generated_tokens"), tokenEstimate(text)},
                                {s("seed"), QJsonValue::Null}};
            if (parameters.value(s("decoder_input_details")).toBool()) {
                QJsonArray prefill;
                for (qint64 i = 0; i < tokenEstimate(prompt); ++i)
                    prefill.append(QJsonObject{{s("id"), i}, {s("text"), s("tok")}, {s("logprob"), -1.5}});
                details.insert(s("prefill"), prefill);
            }
            generation.insert(s("details"), details);
        }
        return {200, {}, toBytes(QJsonArray{generation})};
    }
    case Endpoint::ModelList:
        if (format == Format::Anthropic) {
            const QJsonObject model{{s("type"), s("model")},
                                    {s("id"), s("claude-3-5-haiku-20241022")},
                                    {s("display_name"), s("Claude Haiku 3.5")},
                                    {s("created_at"), s("2024-10-22T00:00:00Z")}};
            return {200,
                    {},
                    toBytes(QJsonObject{{s("data"), QJsonArray{model}},
                                        {s("has_more"), false},
                                        {s("first_id"), s("claude-3-5-haiku-20241022")},
                                        {s("last_id"), s("claude-3-5-haiku-20241022")}})};
        }
        return {200,
                {},
                toBytes(QJsonObject{{s("object"), s("list")},
                                    {s("data"), QJsonArray{QJsonObject{{s("id"), s("mock-model")},
                                                                       {s("object"), s("model")},
                                                                       {s("created"), 1700000000},
                                                                       {s("owned_by"), s("mock")}}}}})};
    case Endpoint::HubModelInfo: {
        const QString model = path.mid(path.indexOf(QLatin1String("/api/models/")) + 12);
        return {200,
                {},
                toBytes(QJsonObject{{s("_id"), s("6512mock")},
                                    {s("id"), model},
                                    {s("modelId"), model},
                                    {s("pipeline_tag"), s("text-generation")},
                                    {s("private"), false},
                                    {s("tags"), QJsonArray{s("text-generation")}}})};
    }
    case Endpoint::Unknown:
        break;
    }
    return {404, {}, toBytes(QJsonObject{{s("error"), s("Not found")}, {s("path"), path}})};
}

void MockProviderServer::write(const Responder &responder, const Answer &answer)
{
    HeaderList headers;
    headers.reserve(answer.headers.size() + 1);
    bool hasContentType = false;
    for (const auto &[name, value] : answer.headers) {
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) continue; // the server frames the body
        if (name.compare("content-type", Qt::CaseInsensitive) == 0) hasContentType = true;
        headers.append({name, value});
    }
    if (!hasContentType)
        headers.prepend({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    responder.respond(answer.status, headers, answer.body);
}

void MockProviderServer::handle(Request &&request, const Responder &responder)
{
    const QByteArray &method = request.method;
    const QString path = QUrl::fromPercentEncoding(request.path);
    m_requestCount.fetch_add(1, std::memory_order_relaxed);
    if (m_recording.load(std::memory_order_relaxed)) {
        QMutexLocker lock(&m_mutex);
        if (m_requests.size() < kMaxRecorded)
            m_requests.append(
                {method, path, QString::fromLatin1(request.query), request.headers, request.body});
    }
    emit requestReceived(method, path);

    const Endpoint endpoint = endpointFor(method, path);
    Answer answer;
    Script script;
    if (checkAuth(endpoint, request, &answer)) {
        script = takeScript(path);
        if (!script.dropConnection) {
            if (!script.body.isEmpty())
                answer = {script.status, {}, script.body};
            else if (script.status / 100 == 2 || endpoint == Endpoint::Unknown)
                answer = generated(endpoint, path, request);
            else
                answer = {script.status, {}, errorBodyFor(formatFor(endpoint, request), script.status)};
            answer.headers += script.headers;
        }
    }

    if (!script.dropConnection && script.delayMs <= 0) {
        write(responder, answer);
        return;
    }
    // Deferred: the responder outlives this call and does nothing once the client has gone.
    const bool drop = script.dropConnection;
    QTimer::singleShot(std::max(0, script.delayMs), this, [responder, drop, answer] {
        if (!responder.isWaiting()) return;
        if (drop)
            responder.drop();
        else
            write(responder, answer);
    });
}

MockProviderServer::Script MockProviderServer::success(int delayMs)
{
    Script script;
    script.delayMs = delayMs;
    return script;
}

MockProviderServer::Script MockProviderServer::error(int status)
{
    Script script;
    script.status = status;
    return script;
}

MockProviderServer::Script MockProviderServer::dropped(int delayMs)
{
    Script script;
    script.delayMs = delayMs;
    script.dropConnection = true;
    return script;
}

MockProviderServer::Script MockProviderServer::geminiRateLimited(int retryAfterS)
{
    const QJsonArray details{
        QJsonObject{{s("@type"), s("type.googleapis.com/google.rpc.QuotaFailure")},
                    {s("violations"),
                     QJsonArray{QJsonObject{
                         {s("quotaMetric"),
                          s("generativelanguage.googleapis.com/generate_content_free_tier_requests")},
                         {s("quotaId"), s("GenerateRequestsPerMinutePerProjectPerModel-FreeTier")}}}}},
        QJsonObject{{s("@type"), s("type.googleapis.com/google.rpc.RetryInfo")},
                    {s("retryDelay"), s("%1s").arg(retryAfterS)}}};
    return scripted(
        429,
        toBytes(geminiError(429,
                            s("You exceeded your current quota, please check your plan and billing "
                              "details."),
                            details)),
        {{QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterS)}});
}

MockProviderServer::Script MockProviderServer::geminiContextLength()
{
    return scripted(
        400, toBytes(geminiError(400, s("The input token count (1200000) exceeds the maximum number of "
                                        "tokens allowed (1048576)."))));
}

MockProviderServer::Script MockProviderServer::geminiInvalidKey()
{
    const QJsonObject info{{s("@type"), s("type.googleapis.com/google.rpc.ErrorInfo")},
                           {s("reason"), s("API_KEY_INVALID")},
                           {s("domain"), s("googleapis.com")}};
    return scripted(400, toBytes(geminiError(400, s("API key not valid. Please pass a valid API key."),
                                             QJsonArray{info})));
}

MockProviderServer::Script MockProviderServer::geminiPromptBlocked()
{
    const QJsonObject feedback{
        {s("blockReason"), s("SAFETY")},
        {s("safetyRatings"), QJsonArray{QJsonObject{{s("category"), s("HARM_CATEGORY_DANGEROUS_CONTENT")},
                                                    {s("probability"), s("HIGH")}}}}};
    return scripted(200, toBytes(QJsonObject{{s("promptFeedback"), feedback},
                                             {s("usageMetadata"), QJsonObject{{s("promptTokenCount"), 9},
                                                                              {s("totalTokenCount"), 9}}}}));
}

MockProviderServer::Script MockProviderServer::geminiOverloaded()
{
    return scripted(503, toBytes(geminiError(503, s("The model is overloaded. Please try again later."))));
}

MockProviderServer::Script MockProviderServer::cohereRateLimited()
{
    return scripted(429, errorBodyFor(Format::Cohere, 429));
}

MockProviderServer::Script MockProviderServer::cohereTooManyTokens()
{
    return scripted(
        400, errorBodyFor(Format::Cohere, 400,
                          s("too many tokens: total number of tokens in the prompt cannot exceed 4081 - "
                            "received 5000. Try using a shorter prompt, or enabling prompt truncating.")));
}

MockProviderServer::Script MockProviderServer::cohereInvalidToken()
{
    return scripted(498, errorBodyFor(Format::Cohere, 498, s("invalid api token")));
}

MockProviderServer::Script MockProviderServer::huggingFaceModelLoading(double estimatedTimeS)
{
    return scripted(
        503, toBytes(QJsonObject{{s("error"), s("Model mistralai/Mistral-7B-v0.1 is currently loading")},
                                 {s("estimated_time"), estimatedTimeS}}));
}

MockProviderServer::Script MockProviderServer::huggingFaceInputTooLong()
{
    return scripted(
        422, toBytes(QJsonObject{{s("error"), s("Input validation error: `inputs` tokens + "
                                                "`max_new_tokens` must be <= 4096. Given: 4000 `inputs` "
                                                "tokens and 256 `max_new_tokens`")},
                                 {s("error_type"), s("validation")}}));
}

MockProviderServer::Script MockProviderServer::openAiRateLimited(int retryAfterMs)
{
    return scripted(429, errorBodyFor(Format::OpenAi, 429),
                    {{QByteArrayLiteral("retry-after-ms"), QByteArray::number(retryAfterMs)},
                     {QByteArrayLiteral("retry-after"), QByteArray::number((retryAfterMs + 999) / 1000)},
                     {QByteArrayLiteral("x-ratelimit-limit-requests"), QByteArrayLiteral("3")},
                     {QByteArrayLiteral("x-ratelimit-remaining-requests"), QByteArrayLiteral("0")},
                     {QByteArrayLiteral("x-ratelimit-reset-requests"), QByteArrayLiteral("20s")}});
}

MockProviderServer::Script MockProviderServer::openAiContextLengthExceeded()
{
    return scripted(
        400, toBytes(openAiError(s("This model's maximum context length is 128000 tokens. However, your "
                                   "messages resulted in 130512 tokens. Please reduce the length of the "
                                   "messages."),
                                 s("invalid_request_error"), s("context_length_exceeded"), s("messages"))));
}

MockProviderServer::Script MockProviderServer::openAiInsufficientQuota()
{
    return scripted(
        429, toBytes(openAiError(s("You exceeded your current quota, please check your plan and billing "
                                   "details."),
                                 s("insufficient_quota"), s("insufficient_quota"))));
}

MockProviderServer::Script MockProviderServer::openAiOverloaded()
{
    return scripted(503, errorBodyFor(Format::OpenAi, 503));
}

MockProviderServer::Script MockProviderServer::anthropicOverloaded()
{
    return scripted(529, toBytes(anthropicError(s("overloaded_error"), s("Overloaded"))));
}

MockProviderServer::Script MockProviderServer::anthropicRateLimited(int retryAfterS)
{
    return scripted(
        429,
        toBytes(anthropicError(s("rate_limit_error"),
                               s("This request would exceed the rate limit for your organization of 50 "
                                 "requests per minute."))),
        {{QByteArrayLiteral("retry-after"), QByteArray::number(retryAfterS)},
         {QByteArrayLiteral("anthropic-ratelimit-requests-limit"), QByteArrayLiteral("50")},
         {QByteArrayLiteral("anthropic-ratelimit-requests-remaining"), QByteArrayLiteral("0")}});
}

MockProviderServer::Script MockProviderServer::anthropicPromptTooLong()
{
    return scripted(400, toBytes(anthropicError(s("invalid_request_error"),
                                                s("prompt is too long: 208310 tokens > 200000 maximum"))));
}

} // namespace airm::test
