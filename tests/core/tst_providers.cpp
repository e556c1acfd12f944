// The provider wire formats: requests, success and error parsing on the providers' documented shapes, corrupt
// bodies, transport errors, the simulation bodies, and real HTTP exchanges with the mock provider server.
#include "mockproviderserver.h"
#include "providers/provider.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace airm;
using airm::test::MockProviderServer;

Q_DECLARE_METATYPE(airm::ProviderKind)
Q_DECLARE_METATYPE(airm::ErrorClass)
Q_DECLARE_METATYPE(airm::TransportError)
Q_DECLARE_METATYPE(airm::test::MockProviderServer::Script)

namespace {

const QString kKey = QStringLiteral("test-key-0123456789");
const QString kPrompt = QStringLiteral("Explain circuit breakers in one line");

struct Wire
{
    ProviderKind kind;
    const char *variant;
    const char *name;
    const char *model;
};

const Wire kWires[] = {
    {ProviderKind::Gemini, "", "gemini", "gemini-2.0-flash"},
    {ProviderKind::Cohere, "v2", "cohere-v2", "command-r-08-2024"},
    {ProviderKind::Cohere, "v1", "cohere-v1", "command"},
    {ProviderKind::HuggingFace, "router", "hf-router", "meta-llama/Llama-3.1-8B-Instruct"},
    {ProviderKind::HuggingFace, "tgi", "hf-tgi", "mistralai/Mistral-7B-Instruct-v0.3"},
    {ProviderKind::OpenAi, "", "openai", "gpt-4o-mini"},
    {ProviderKind::Anthropic, "", "anthropic", "claude-3-5-haiku-latest"},
};

QString l1(const char *s)
{
    return QString::fromLatin1(s);
}

ServiceConfig makeService(ProviderKind kind, const QString &variant, const QUrl &base, const QString &model,
                          const QString &key = kKey)
{
    ServiceConfig service;
    service.name = QStringLiteral("svc");
    service.kind = kind;
    service.variant = variant;
    service.baseUrl = base;
    service.model = model;
    service.apiKey = key;
    service.maxTokens = 256;
    return service;
}

RequestSpec makeSpec(const QString &prompt, const QString &model = {}, int maxTokens = -1)
{
    RequestSpec spec;
    spec.service = QStringLiteral("svc");
    spec.prompt = prompt;
    spec.model = model;
    spec.maxTokens = maxTokens;
    return spec;
}

HttpResponse response(int status, const QByteArray &body, const HeaderList &headers = {})
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = headers;
    return r;
}

QByteArray canonicalJson(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
}

// The header that carries the key for this wire, and the value it must have.
QPair<QByteArray, QByteArray> keyHeader(ProviderKind kind, const QString &key)
{
    switch (kind) {
    case ProviderKind::Gemini:
        return {QByteArrayLiteral("x-goog-api-key"), key.toUtf8()};
    case ProviderKind::Anthropic:
        return {QByteArrayLiteral("x-api-key"), key.toUtf8()};
    default:
        return {QByteArrayLiteral("Authorization"), "Bearer " + key.toUtf8()};
    }
}

TransportError transportErrorFor(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return TransportError::ConnectionRefused;
    case QNetworkReply::RemoteHostClosedError:
        return TransportError::ConnectionReset;
    case QNetworkReply::HostNotFoundError:
        return TransportError::HostNotFound;
    case QNetworkReply::TimeoutError:
        return TransportError::Timeout;
    case QNetworkReply::OperationCanceledError:
        return TransportError::Aborted;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportError::Tls;
    default:
        return TransportError::Other;
    }
}

// Sends a provider request over real HTTP and converts the reply the way a transport does.
HttpResponse exchange(QNetworkAccessManager &nam, const HttpRequest &request)
{
    QNetworkRequest networkRequest(request.url);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    QNetworkReply *reply = nam.sendCustomRequest(networkRequest, request.method, request.body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished()) finished.wait(10'000);
    HttpResponse result;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        result.status = status.toInt();
        result.headers = reply->rawHeaderPairs();
        result.body = reply->readAll();
    } else {
        result.error = transportErrorFor(reply->error());
        result.errorString = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

QString imfFixdate(const QDateTime &at)
{
    return QLocale::c().toString(at.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
}

} // namespace

class TestProviders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void makeProviderPicksWire_data();
    void makeProviderPicksWire();
    void buildRequest_data();
    void buildRequest();
    void buildRequestOmitsMissingKey_data();
    void buildRequestOmitsMissingKey();
    void healthCheck_data();
    void healthCheck();

    void parseSuccess_data();
    void parseSuccess();
    void parseError_data();
    void parseError();
    void unparsableErrorBodyIsQuotedShort();
    void corruptBody_data();
    void corruptBody();
    void transportError_data();
    void transportError();
    void errorClassForStatus_data();
    void errorClassForStatus();
    void retryAfter_data();
    void retryAfter();
    void retryAfterHttpDateRelativeToNow();

    void successBodyRoundTrips_data();
    void successBodyRoundTrips();
    void errorBodyRoundTrips_data();
    void errorBodyRoundTrips();

    void endToEnd_data();
    void endToEnd();
    void endToEndScriptedError_data();
    void endToEndScriptedError();
    void endToEndMissingKeyIsAuth_data();
    void endToEndMissingKeyIsAuth();
    void endToEndDelayedReply();
    void endToEndDroppedConnectionIsNetwork();

private:
    std::unique_ptr<MockProviderServer> m_mock;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestProviders::initTestCase()
{
    m_mock = std::make_unique<MockProviderServer>();
    QVERIFY(m_mock->isListening());
    m_nam = std::make_unique<QNetworkAccessManager>();
}

// --- construction
// ---------------------------------------------------------------------------------------------

void TestProviders::makeProviderPicksWire_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("expectedVariant");
    QTest::addRow("gemini") << ProviderKind::Gemini << QString() << QString();
    QTest::addRow("cohere default") << ProviderKind::Cohere << QString() << l1("v2");
    QTest::addRow("cohere v2") << ProviderKind::Cohere << l1("v2") << l1("v2");
    QTest::addRow("cohere v1") << ProviderKind::Cohere << l1("V1") << l1("v1");
    QTest::addRow("hf default") << ProviderKind::HuggingFace << QString() << l1("router");
    QTest::addRow("hf tgi") << ProviderKind::HuggingFace << l1("tgi") << l1("tgi");
    QTest::addRow("openai") << ProviderKind::OpenAi << QString() << QString();
    QTest::addRow("anthropic") << ProviderKind::Anthropic << QString() << QString();
}

void TestProviders::makeProviderPicksWire()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(QString, expectedVariant);
    const auto provider = makeProvider(kind, variant);
    QVERIFY(provider);
    QCOMPARE(toString(provider->kind()), toString(kind));
    QCOMPARE(provider->variant(), expectedVariant);
}

void TestProviders::buildRequest_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("specModel");
    QTest::addColumn<int>("specMaxTokens");
    QTest::addColumn<QString>("expectedUrl");
    QTest::addColumn<QString>("expectedModel");
    QTest::addColumn<QByteArray>("expectedBody");
    QTest::addColumn<HeaderList>("expectedHeaders");

    const QByteArray key = kKey.toUtf8();
    const HeaderList gemini{{"x-goog-api-key", key}, {"Content-Type", "application/json"}};
    const HeaderList bearer{{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}};
    const HeaderList anthropic{
        {"x-api-key", key}, {"anthropic-version", "2023-06-01"}, {"content-type", "application/json"}};

    QTest::addRow("gemini")
        << ProviderKind::Gemini << QString() << l1("https://generativelanguage.googleapis.com") << QString()
        << -1
        << l1("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent")
        << l1("gemini-2.0-flash")
        << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Hi \"there\""}]}],)"
                      R"("generationConfig":{"maxOutputTokens":256}})")
        << gemini;
    QTest::addRow("gemini override, key pasted in base")
        << ProviderKind::Gemini << QString()
        << l1("https://generativelanguage.googleapis.com/v1beta/?key=LEAK") << l1("models/gemini-2.5-pro")
        << 64 << l1("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent")
        << l1("models/gemini-2.5-pro")
        << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"Hi \"there\""}]}],)"
                      R"("generationConfig":{"maxOutputTokens":64}})")
        << gemini;
    QTest::addRow("cohere v2") << ProviderKind::Cohere << l1("v2") << l1("https://api.cohere.com")
                               << QString() << -1 << l1("https://api.cohere.com/v2/chat")
                               << l1("command-r-08-2024")
                               << QByteArray(R"({"model":"command-r-08-2024","messages":[{"role":"user",)"
                                             R"("content":"Hi \"there\""}],"max_tokens":256})")
                               << bearer;
    QTest::addRow("cohere empty variant is v2")
        << ProviderKind::Cohere << QString() << l1("https://api.cohere.com/") << l1("command-a-03-2025") << 32
        << l1("https://api.cohere.com/v2/chat") << l1("command-a-03-2025")
        << QByteArray(R"({"model":"command-a-03-2025","messages":[{"role":"user","content":"Hi \"there\""}],)"
                      R"("max_tokens":32})")
        << bearer;
    QTest::addRow("cohere v1") << ProviderKind::Cohere << l1("v1") << l1("https://api.cohere.com")
                               << QString() << -1 << l1("https://api.cohere.com/v1/generate")
                               << l1("command-r-08-2024")
                               << QByteArray(R"({"model":"command-r-08-2024","prompt":"Hi \"there\"",)"
                                             R"("max_tokens":256})")
                               << bearer;
    QTest::addRow("hf router") << ProviderKind::HuggingFace << l1("router")
                               << l1("https://router.huggingface.co") << QString() << -1
                               << l1("https://router.huggingface.co/v1/chat/completions")
                               << l1("command-r-08-2024")
                               << QByteArray(R"({"model":"command-r-08-2024","messages":[{"role":"user",)"
                                             R"("content":"Hi \"there\""}],"max_tokens":256,"stream":false})")
                               << bearer;
    QTest::addRow("hf tgi, base without model")
        << ProviderKind::HuggingFace << l1("tgi") << l1("https://api-inference.huggingface.co") << l1("gpt2")
        << 50 << l1("https://api-inference.huggingface.co/models/gpt2") << l1("gpt2")
        << QByteArray(
               R"({"inputs":"Hi \"there\"","parameters":{"max_new_tokens":50,"return_full_text":false,)"
               R"("details":true}})")
        << bearer;
    QTest::addRow("hf tgi, base names the model")
        << ProviderKind::HuggingFace << l1("tgi")
        << l1("https://api-inference.huggingface.co/models/mistralai/Mistral-7B-v0.1") << QString() << -1
        << l1("https://api-inference.huggingface.co/models/mistralai/Mistral-7B-v0.1")
        << l1("mistralai/Mistral-7B-v0.1")
        << QByteArray(
               R"({"inputs":"Hi \"there\"","parameters":{"max_new_tokens":256,"return_full_text":false,)"
               R"("details":true}})")
        << bearer;
    QTest::addRow("openai") << ProviderKind::OpenAi << QString() << l1("https://api.openai.com") << QString()
                            << -1 << l1("https://api.openai.com/v1/chat/completions")
                            << l1("command-r-08-2024")
                            << QByteArray(R"({"model":"command-r-08-2024","messages":[{"role":"user",)"
                                          R"("content":"Hi \"there\""}],"max_tokens":256})")
                            << bearer;
    QTest::addRow("openai-compatible base ending in /v1")
        << ProviderKind::OpenAi << QString() << l1("http://localhost:11434/v1/") << l1("llama3.2") << 16
        << l1("http://localhost:11434/v1/chat/completions") << l1("llama3.2")
        << QByteArray(R"({"model":"llama3.2","messages":[{"role":"user","content":"Hi \"there\""}],)"
                      R"("max_tokens":16})")
        << bearer;
    QTest::addRow("anthropic") << ProviderKind::Anthropic << QString() << l1("https://api.anthropic.com")
                               << QString() << -1 << l1("https://api.anthropic.com/v1/messages")
                               << l1("command-r-08-2024")
                               << QByteArray(R"({"model":"command-r-08-2024","max_tokens":256,)"
                                             R"("messages":[{"role":"user","content":"Hi \"there\""}]})")
                               << anthropic;
}

void TestProviders::buildRequest()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(QString, baseUrl);
    QFETCH(QString, specModel);
    QFETCH(int, specMaxTokens);
    QFETCH(QString, expectedUrl);
    QFETCH(QString, expectedModel);
    QFETCH(QByteArray, expectedBody);
    QFETCH(HeaderList, expectedHeaders);

    const QString defaultModel =
        kind == ProviderKind::Gemini ? l1("gemini-2.0-flash") : l1("command-r-08-2024");
    const ServiceConfig service = makeService(kind, variant, QUrl(baseUrl), defaultModel);
    const auto provider = makeProvider(kind, variant);
    const HttpRequest request =
        provider->buildRequest(service, makeSpec(QStringLiteral("Hi \"there\""), specModel, specMaxTokens));

    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.url.toString(), expectedUrl);
    QCOMPARE(canonicalJson(request.body), canonicalJson(expectedBody));
    for (const auto &[name, value] : expectedHeaders)
        QCOMPARE(request.header(name), value);
    QVERIFY(!request.url.toString().contains(kKey));
    QVERIFY(!request.url.toString().contains(QLatin1String("LEAK")));
    QCOMPARE(request.meta.model, expectedModel);
    QCOMPARE(request.meta.prompt, QStringLiteral("Hi \"there\""));
    QCOMPARE(request.meta.service, QStringLiteral("svc"));
    QVERIFY(!request.meta.healthCheck);
}

void TestProviders::buildRequestOmitsMissingKey_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    for (const Wire &w : kWires)
        QTest::addRow("%s", w.name) << w.kind << l1(w.variant);
}

void TestProviders::buildRequestOmitsMissingKey()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    // A local OpenAI-compatible server needs no key; no provider may send an empty credential header.
    const ServiceConfig service =
        makeService(kind, variant, QUrl(l1("http://localhost:8000")), l1("m"), QString());
    const HttpRequest request = makeProvider(kind, variant)->buildRequest(service, makeSpec(kPrompt));
    for (const auto &[name, value] : request.headers) {
        QVERIFY2(name.compare("authorization", Qt::CaseInsensitive) != 0, name.constData());
        QVERIFY2(name.compare("x-api-key", Qt::CaseInsensitive) != 0, name.constData());
        QVERIFY2(name.compare("x-goog-api-key", Qt::CaseInsensitive) != 0, name.constData());
    }
}

void TestProviders::healthCheck_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("expectedUrl");

    QTest::addRow("gemini") << ProviderKind::Gemini << QString()
                            << l1("https://generativelanguage.googleapis.com")
                            << l1("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash");
    QTest::addRow("cohere") << ProviderKind::Cohere << l1("v2") << l1("https://api.cohere.com")
                            << l1("https://api.cohere.com/v1/models");
    QTest::addRow("hf router") << ProviderKind::HuggingFace << l1("router")
                               << l1("https://router.huggingface.co")
                               << l1("https://router.huggingface.co/v1/models");
    QTest::addRow("hf tgi") << ProviderKind::HuggingFace << l1("tgi") << l1("https://huggingface.co")
                            << l1("https://huggingface.co/api/models/gemini-2.0-flash");
    QTest::addRow("hf tgi, base names the model")
        << ProviderKind::HuggingFace << l1("tgi")
        << l1("https://api-inference.huggingface.co/models/org/model-x")
        << l1("https://api-inference.huggingface.co/api/models/org/model-x");
    QTest::addRow("openai") << ProviderKind::OpenAi << QString() << l1("https://api.openai.com")
                            << l1("https://api.openai.com/v1/models");
    QTest::addRow("anthropic") << ProviderKind::Anthropic << QString() << l1("https://api.anthropic.com")
                               << l1("https://api.anthropic.com/v1/models");
}

void TestProviders::healthCheck()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(QString, baseUrl);
    QFETCH(QString, expectedUrl);
    const ServiceConfig service = makeService(kind, variant, QUrl(baseUrl), l1("gemini-2.0-flash"));
    const HttpRequest request = makeProvider(kind, variant)->buildHealthCheck(service);
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.url.toString(), expectedUrl);
    QVERIFY(request.body.isEmpty());
    const auto [name, value] = keyHeader(kind, kKey);
    QCOMPARE(request.header(name), value);
    if (kind == ProviderKind::Anthropic)
        QCOMPARE(request.header("anthropic-version"), QByteArray("2023-06-01"));
    QVERIFY(!request.url.toString().contains(kKey));
    QVERIFY(request.meta.healthCheck);
}

// --- parsing
// ----------------------------------------------------------------------------------------------------

void TestProviders::parseSuccess_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("inputTokens");
    QTest::addColumn<qint64>("outputTokens");

    QTest::addRow("gemini")
        << ProviderKind::Gemini << QString()
        << QByteArray(R"({"candidates":[{"content":{"parts":[{"text":"AI learns patterns "},)"
                      R"({"text":"from data."}],"role":"model"},"finishReason":"STOP",)"
                      R"("avgLogprobs":-0.2}],"usageMetadata":{"promptTokenCount":8,)"
                      R"("candidatesTokenCount":12,"totalTokenCount":20,"promptTokensDetails":)"
                      R"([{"modality":"TEXT","tokenCount":8}]},"modelVersion":"gemini-2.0-flash",)"
                      R"("responseId":"mQVhaKuBA5ia1PIP9ImVuAQ"})")
        << l1("AI learns patterns from data.") << qint64(8) << qint64(12);
    QTest::addRow("gemini thinking") << ProviderKind::Gemini << QString()
                                     << QByteArray(
                                            R"({"candidates":[{"content":{"parts":[{"text":"Let me think",)"
                                            R"("thought":true},{"text":"42"}],"role":"model"},)"
                                            R"("finishReason":"STOP","index":0}],"usageMetadata":)"
                                            R"({"promptTokenCount":5,"candidatesTokenCount":1,)"
                                            R"("thoughtsTokenCount":30,"totalTokenCount":36}})")
                                     << l1("42") << qint64(5) << qint64(31);
    QTest::addRow("gemini max tokens spent thinking")
        << ProviderKind::Gemini << QString()
        << QByteArray(
               R"({"candidates":[{"content":{"role":"model"},"finishReason":"MAX_TOKENS","index":0}],)"
               R"("usageMetadata":{"promptTokenCount":5,"totalTokenCount":261,"thoughtsTokenCount":256}})")
        << QString() << qint64(5) << qint64(256);
    QTest::addRow("cohere v2") << ProviderKind::Cohere << l1("v2")
                               << QByteArray(
                                      R"({"id":"c14c80c3-18eb-4519-9460-6c92edd8cfb4","finish_reason":)"
                                      R"("COMPLETE","message":{"role":"assistant","content":[{"type":"text",)"
                                      R"("text":"LLMs are neural networks."}]},"usage":{"billed_units":)"
                                      R"({"input_tokens":5,"output_tokens":7},"tokens":{"input_tokens":71,)"
                                      R"("output_tokens":7}}})")
                               << l1("LLMs are neural networks.") << qint64(5) << qint64(7);
    QTest::addRow("cohere v2 without billed units")
        << ProviderKind::Cohere << l1("v2")
        << QByteArray(
               R"({"id":"x","finish_reason":"COMPLETE","message":{"role":"assistant","content":)"
               R"([{"type":"text","text":"ok"}]},"usage":{"tokens":{"input_tokens":71,"output_tokens":2}}})")
        << l1("ok") << qint64(71) << qint64(2);
    QTest::addRow("cohere v1") << ProviderKind::Cohere << l1("v1")
                               << QByteArray(
                                      R"({"id":"5ef1d5b8-6a6f-4b0e-9f43-1c2d1a0e2b11","generations":[{"id":)"
                                      R"("0ae4a2d1","text":" Hello there","finish_reason":"COMPLETE"}],)"
                                      R"("prompt":"Say hi","meta":{"api_version":{"version":"1"},)"
                                      R"("billed_units":{"input_tokens":3,"output_tokens":2}}})")
                               << l1(" Hello there") << qint64(3) << qint64(2);
    QTest::addRow("hf router")
        << ProviderKind::HuggingFace << l1("router")
        << QByteArray(R"({"id":"chatcmpl-9a","object":"chat.completion","created":1741569952,)"
                      R"("model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,)"
                      R"("message":{"role":"assistant","content":"Bonjour"},"logprobs":null,)"
                      R"("finish_reason":"stop"}],"usage":{"prompt_tokens":12,)"
                      R"("completion_tokens":3,"total_tokens":15}})")
        << l1("Bonjour") << qint64(12) << qint64(3);
    QTest::addRow("hf tgi list") << ProviderKind::HuggingFace << l1("tgi")
                                 << QByteArray(R"([{"generated_text":" upon a time"}])") << l1(" upon a time")
                                 << qint64(0) << qint64(0);
    QTest::addRow("hf tgi object with details")
        << ProviderKind::HuggingFace << l1("tgi")
        << QByteArray(
               R"({"generated_text":"Paris","details":{"finish_reason":"eos_token","generated_tokens":2,)"
               R"("seed":null,"prefill":[{"id":1,"text":"<s>","logprob":null},{"id":2,"text":"Capital",)"
               R"("logprob":-2.1}],"tokens":[]}})")
        << l1("Paris") << qint64(2) << qint64(2);
    QTest::addRow("openai") << ProviderKind::OpenAi << QString()
                            << QByteArray(
                                   R"({"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":)"
                                   R"("chat.completion","created":1741569952,"model":"gpt-4.1-2025-04-14",)"
                                   R"("choices":[{"index":0,"message":{"role":"assistant","content":)"
                                   R"("Hello! How can I assist you today?","refusal":null,"annotations":[]},)"
                                   R"("logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":19,)"
                                   R"("completion_tokens":10,"total_tokens":29,"prompt_tokens_details":)"
                                   R"({"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":)"
                                   R"({"reasoning_tokens":0}},"service_tier":"default"})")
                            << l1("Hello! How can I assist you today?") << qint64(19) << qint64(10);
    QTest::addRow("openai tool call, null content")
        << ProviderKind::OpenAi << QString()
        << QByteArray(
               R"({"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":)"
               R"("assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":)"
               R"({"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":)"
               R"({"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}})")
        << QString() << qint64(30) << qint64(9);
    QTest::addRow("anthropic")
        << ProviderKind::Anthropic << QString()
        << QByteArray(R"({"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":)"
                      R"("assistant","model":"claude-3-5-sonnet-20241022","content":[{"type":)"
                      R"("text","text":"Hi! My name is Claude."}],"stop_reason":"end_turn",)"
                      R"("stop_sequence":null,"usage":{"input_tokens":2095,)"
                      R"("output_tokens":503}})")
        << l1("Hi! My name is Claude.") << qint64(2095) << qint64(503);
    QTest::addRow("anthropic thinking and cache")
        << ProviderKind::Anthropic << QString()
        << QByteArray(
               R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",)"
               R"("content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":)"
               R"("A"},{"type":"text","text":"B"}],"stop_reason":"end_turn","stop_sequence":null,"usage":)"
               R"({"input_tokens":10,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,)"
               R"("output_tokens":20}})")
        << l1("AB") << qint64(1110) << qint64(20);
}

void TestProviders::parseSuccess()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    QFETCH(qint64, inputTokens);
    QFETCH(qint64, outputTokens);
    const ProviderReply reply = makeProvider(kind, variant)->parseReply(response(200, body));
    QVERIFY2(reply.ok, qPrintable(reply.errorMessage));
    QCOMPARE(toString(reply.errorClass), toString(ErrorClass::None));
    QCOMPARE(reply.text, text);
    QCOMPARE(reply.inputTokens, inputTokens);
    QCOMPARE(reply.outputTokens, outputTokens);
    QCOMPARE(reply.httpStatus, 200);
    QVERIFY(reply.errorMessage.isEmpty());
    QCOMPARE(reply.retryAfterMs, -1);
}

void TestProviders::parseError_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("status");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("retryAfterMs");

    const auto G = ProviderKind::Gemini;
    QTest::addRow("gemini 429 Retry-After")
        << G << QString() << 429 << HeaderList{{"Retry-After", "7"}}
        << QByteArray(R"({"error":{"code":429,"message":"Resource has been )"
                      R"(exhausted (e.g. check quota).","status":)"
                      R"("RESOURCE_EXHAUSTED"}})")
        << ErrorClass::RateLimited << l1("Resource has been exhausted") << 7000;
    QTest::addRow("gemini 429 RetryInfo")
        << G << QString() << 429 << HeaderList{}
        << QByteArray(
               R"({"error":{"code":429,"message":"You exceeded your current quota.","status":)"
               R"("RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",)"
               R"("violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_)"
               R"(requests"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"12s"}]}})")
        << ErrorClass::RateLimited << l1("You exceeded your current quota.") << 12000;
    QTest::addRow("gemini context length")
        << G << QString() << 400 << HeaderList{}
        << QByteArray(
               R"({"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum )"
               R"(number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}})")
        << ErrorClass::ContextLength << l1("exceeds the maximum number of tokens") << -1;
    QTest::addRow("gemini invalid key is 400")
        << G << QString() << 400 << HeaderList{}
        << QByteArray(
               R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",)"
               R"("status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",)"
               R"("reason":"API_KEY_INVALID","domain":"googleapis.com"}]}})")
        << ErrorClass::Auth << l1("API key not valid") << -1;
    QTest::addRow("gemini permission denied")
        << G << QString() << 403 << HeaderList{}
        << QByteArray(R"({"error":{"code":403,"message":"Method doesn't allow unregistered callers.",)"
                      R"("status":"PERMISSION_DENIED"}})")
        << ErrorClass::Auth << l1("unregistered callers") << -1;
    QTest::addRow("gemini unavailable")
        << G << QString() << 503 << HeaderList{}
        << QByteArray(R"({"error":{"code":503,"message":"The model is overloaded. )"
                      R"(Please try again later.","status":"UNAVAILABLE"}})")
        << ErrorClass::Overloaded << l1("The model is overloaded") << -1;
    QTest::addRow("gemini internal") << G << QString() << 500 << HeaderList{}
                                     << QByteArray(R"({"error":{"code":500,"message":"An internal error has )"
                                                   R"(occurred.","status":"INTERNAL"}})")
                                     << ErrorClass::ServerError << l1("An internal error") << -1;
    QTest::addRow("gemini deadline") << G << QString() << 504 << HeaderList{}
                                     << QByteArray(R"({"error":{"code":504,"message":"Deadline expired.",)"
                                                   R"("status":"DEADLINE_EXCEEDED"}})")
                                     << ErrorClass::Timeout << l1("Deadline expired.") << -1;
    QTest::addRow("gemini unknown model")
        << G << QString() << 404 << HeaderList{}
        << QByteArray(R"({"error":{"code":404,"message":"models/gemini-9 is not )"
                      R"(found for API version v1beta","status":"NOT_FOUND"}})")
        << ErrorClass::BadRequest << l1("models/gemini-9 is not found") << -1;
    QTest::addRow("gemini array-wrapped")
        << G << QString() << 429 << HeaderList{}
        << QByteArray(R"([{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}])")
        << ErrorClass::RateLimited << l1("Quota exceeded") << -1;
    QTest::addRow("gemini prompt blocked (200)")
        << G << QString() << 200 << HeaderList{}
        << QByteArray(R"({"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":)"
                      R"("HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH"}]},"usageMetadata":)"
                      R"({"promptTokenCount":9,"totalTokenCount":9}})")
        << ErrorClass::BadRequest << l1("blockReason SAFETY") << -1;
    QTest::addRow("gemini response blocked (200)")
        << G << QString() << 200 << HeaderList{}
        << QByteArray(
               R"({"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[{"category":)"
               R"("HARM_CATEGORY_HARASSMENT","probability":"MEDIUM","blocked":true}]}],"usageMetadata":)"
               R"({"promptTokenCount":7,"totalTokenCount":7}})")
        << ErrorClass::BadRequest << l1("finishReason SAFETY") << -1;

    const auto C = ProviderKind::Cohere;
    QTest::addRow("cohere 429") << C << l1("v2") << 429 << HeaderList{}
                                << QByteArray(
                                       R"({"id":"5ad5b7e0","message":"You are using a Trial key, which is )"
                                       R"(limited to 20 API calls / minute."})")
                                << ErrorClass::RateLimited << l1("Trial key") << -1;
    QTest::addRow("cohere 498") << C << l1("v2") << 498 << HeaderList{}
                                << QByteArray(R"({"message":"invalid api token"})") << ErrorClass::Auth
                                << l1("invalid api token") << -1;
    QTest::addRow("cohere 498 without body")
        << C << l1("v2") << 498 << HeaderList{} << QByteArray() << ErrorClass::Auth << l1("HTTP 498") << -1;
    QTest::addRow("cohere 401") << C << l1("v2") << 401 << HeaderList{}
                                << QByteArray(R"({"id":"x","message":"no api key supplied"})")
                                << ErrorClass::Auth << l1("no api key supplied") << -1;
    QTest::addRow("cohere too many tokens")
        << C << l1("v2") << 400 << HeaderList{}
        << QByteArray(
               R"({"id":"x","message":"too many tokens: total number of tokens in the prompt cannot exceed )"
               R"(4081 - received 5000. Try using a shorter prompt, or enabling prompt truncating."})")
        << ErrorClass::ContextLength << l1("too many tokens") << -1;
    QTest::addRow("cohere v1 too long") << C << l1("v1") << 400 << HeaderList{}
                                        << QByteArray(R"({"message":"prompt is too long for model command"})")
                                        << ErrorClass::ContextLength << l1("prompt is too long") << -1;
    QTest::addRow("cohere bad request")
        << C << l1("v2") << 400 << HeaderList{}
        << QByteArray(R"({"id":"x","message":"invalid request: model 'x' not )"
                      R"(found"})")
        << ErrorClass::BadRequest << l1("invalid request") << -1;
    QTest::addRow("cohere 500") << C << l1("v2") << 500 << HeaderList{}
                                << QByteArray(R"({"message":"internal server error"})")
                                << ErrorClass::ServerError << l1("internal server error") << -1;

    const auto H = ProviderKind::HuggingFace;
    QTest::addRow("hf router 401") << H << l1("router") << 401 << HeaderList{}
                                   << QByteArray(R"({"error":"Invalid credentials in Authorization header"})")
                                   << ErrorClass::Auth << l1("Invalid credentials") << -1;
    QTest::addRow("hf router 402 credits")
        << H << l1("router") << 402 << HeaderList{}
        << QByteArray(R"({"error":"You have exceeded your monthly included credits for Inference Providers. )"
                      R"(Subscribe to PRO to get 20x more monthly included credits."})")
        << ErrorClass::Auth << l1("monthly included credits") << -1;
    QTest::addRow("hf router model not supported")
        << H << l1("router") << 400 << HeaderList{}
        << QByteArray(
               R"({"error":{"message":"The requested model 'x/y' is not supported by any provider you have )"
               R"(enabled.","type":"invalid_request_error","param":"model","code":"model_not_supported"}})")
        << ErrorClass::BadRequest << l1("is not supported") << -1;
    QTest::addRow("hf tgi loading") << H << l1("tgi") << 503 << HeaderList{}
                                    << QByteArray(R"({"error":"Model mistralai/Mistral-7B-v0.1 is currently )"
                                                  R"(loading","estimated_time":20.0})")
                                    << ErrorClass::Overloaded << l1("is currently loading") << 20000;
    QTest::addRow("hf tgi input too long")
        << H << l1("tgi") << 422 << HeaderList{}
        << QByteArray(
               R"({"error":"Input validation error: `inputs` must have less than 1024 tokens. Given: 1500",)"
               R"("error_type":"validation"})")
        << ErrorClass::ContextLength << l1("must have less than 1024 tokens") << -1;
    QTest::addRow("hf tgi queue full")
        << H << l1("tgi") << 429 << HeaderList{}
        << QByteArray(R"({"error":"Model is overloaded","error_type":"overloaded"})")
        << ErrorClass::Overloaded << l1("Model is overloaded") << -1;
    QTest::addRow("hf tgi generation")
        << H << l1("tgi") << 500 << HeaderList{}
        << QByteArray(R"({"error":"Request failed during generation: Server error: )"
                      R"(CUDA out of memory","error_type":"generation"})")
        << ErrorClass::ServerError << l1("CUDA out of memory") << -1;

    const auto O = ProviderKind::OpenAi;
    QTest::addRow("openai 429 retry-after-ms")
        << O << QString() << 429 << HeaderList{{"retry-after-ms", "1500"}, {"retry-after", "2"}}
        << QByteArray(
               R"({"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on requests )"
               R"(per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":)"
               R"("rate_limit_exceeded"}})")
        << ErrorClass::RateLimited << l1("Rate limit reached") << 1500;
    QTest::addRow("openai insufficient quota")
        << O << QString() << 429 << HeaderList{}
        << QByteArray(
               R"({"error":{"message":"You exceeded your current quota, please check your plan and billing )"
               R"(details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
        << ErrorClass::Auth << l1("exceeded your current quota") << -1;
    QTest::addRow("openai context length")
        << O << QString() << 400 << HeaderList{}
        << QByteArray(
               R"({"error":{"message":"This model's maximum context length is 128000 tokens. However, your )"
               R"(messages resulted in 130512 tokens. Please reduce the length of the messages.","type":)"
               R"("invalid_request_error","param":"messages","code":"context_length_exceeded"}})")
        << ErrorClass::ContextLength << l1("maximum context length") << -1;
    QTest::addRow("openai invalid key, key redacted")
        << O << QString() << 401 << HeaderList{}
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided: sk-proj1234567890abcdef. You can find your )"
               R"(API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error",)"
               R"("param":null,"code":"invalid_api_key"}})")
        << ErrorClass::Auth << l1("Incorrect API key provided: [redacted]") << -1;
    QTest::addRow("openai overloaded")
        << O << QString() << 503 << HeaderList{}
        << QByteArray(R"({"error":{"message":"The engine is currently overloaded, )"
                      R"(please try again later","type":"server_error","param":null,)"
                      R"("code":null}})")
        << ErrorClass::Overloaded << l1("currently overloaded") << -1;
    QTest::addRow("openai server error")
        << O << QString() << 500 << HeaderList{}
        << QByteArray(
               R"({"error":{"message":"The server had an error while processing your request. Sorry about )"
               R"(that!","type":"server_error","param":null,"code":null}})")
        << ErrorClass::ServerError << l1("The server had an error") << -1;
    QTest::addRow("openai model not found")
        << O << QString() << 404 << HeaderList{}
        << QByteArray(
               R"({"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.",)"
               R"("type":"invalid_request_error","param":null,"code":"model_not_found"}})")
        << ErrorClass::BadRequest << l1("does not exist") << -1;
    QTest::addRow("vllm context length")
        << O << QString() << 400 << HeaderList{}
        << QByteArray(
               R"({"object":"error","message":"This model's maximum context length is 4096 tokens. However, )"
               R"(you requested 5000 tokens in the messages.","type":"BadRequestError","param":null,)"
               R"("code":400})")
        << ErrorClass::ContextLength << l1("maximum context length is 4096") << -1;
    QTest::addRow("proxy html 502")
        << O << QString() << 502 << HeaderList{}
        << QByteArray(
               "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
               "Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
        << ErrorClass::ServerError << l1("HTTP 502: <html> <head><title>502 Bad Gateway</title>") << -1;
    QTest::addRow("empty 500") << O << QString() << 500 << HeaderList{} << QByteArray()
                               << ErrorClass::ServerError << l1("HTTP 500") << -1;

    const auto A = ProviderKind::Anthropic;
    QTest::addRow("anthropic 529 overloaded")
        << A << QString() << 529 << HeaderList{}
        << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},)"
                      R"("request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})")
        << ErrorClass::Overloaded << l1("Overloaded") << -1;
    QTest::addRow("anthropic 429") << A << QString() << 429 << HeaderList{{"retry-after", "7"}}
                                   << QByteArray(
                                          R"({"type":"error","error":{"type":"rate_limit_error","message":)"
                                          R"("Number of request tokens has exceeded your per-minute rate )"
                                          R"(limit"}})")
                                   << ErrorClass::RateLimited << l1("per-minute rate limit") << 7000;
    QTest::addRow("anthropic 401") << A << QString() << 401 << HeaderList{}
                                   << QByteArray(R"({"type":"error","error":{"type":"authentication_error",)"
                                                 R"("message":"invalid x-api-key"}})")
                                   << ErrorClass::Auth << l1("invalid x-api-key") << -1;
    QTest::addRow("anthropic 403") << A << QString() << 403 << HeaderList{}
                                   << QByteArray(
                                          R"({"type":"error","error":{"type":"permission_error","message":)"
                                          R"("Your API key does not have permission to use the specified )"
                                          R"(resource."}})")
                                   << ErrorClass::Auth << l1("does not have permission") << -1;
    QTest::addRow("anthropic prompt too long")
        << A << QString() << 400 << HeaderList{}
        << QByteArray(
               R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: )"
               R"(208310 tokens > 200000 maximum"}})")
        << ErrorClass::ContextLength << l1("prompt is too long") << -1;
    QTest::addRow("anthropic invalid request")
        << A << QString() << 400 << HeaderList{}
        << QByteArray(R"({"type":"error","error":{"type":"invalid_request_error","message":)"
                      R"("max_tokens: Field required"}})")
        << ErrorClass::BadRequest << l1("max_tokens: Field required") << -1;
    QTest::addRow("anthropic too large")
        << A << QString() << 413 << HeaderList{}
        << QByteArray(R"({"type":"error","error":{"type":"request_too_large",)"
                      R"("message":"Request exceeds the maximum size"}})")
        << ErrorClass::BadRequest << l1("maximum size") << -1;
    QTest::addRow("anthropic api error")
        << A << QString() << 500 << HeaderList{}
        << QByteArray(R"({"type":"error","error":{"type":"api_error","message":)"
                      R"("Internal server error"}})")
        << ErrorClass::ServerError << l1("Internal server error") << -1;
    QTest::addRow("anthropic overloaded body wins")
        << A << QString() << 500 << HeaderList{}
        << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << ErrorClass::Overloaded << l1("Overloaded") << -1;
    QTest::addRow("anthropic refusal (200)")
        << A << QString() << 200 << HeaderList{}
        << QByteArray(
               R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",)"
               R"("content":[],"stop_reason":"refusal","stop_sequence":null,"usage":{"input_tokens":12,)"
               R"("output_tokens":0}})")
        << ErrorClass::BadRequest << l1("refusal") << -1;
}

void TestProviders::parseError()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(int, status);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(ErrorClass, errorClass);
    QFETCH(QString, message);
    QFETCH(int, retryAfterMs);
    const ProviderReply reply = makeProvider(kind, variant)->parseReply(response(status, body, headers));
    QVERIFY(!reply.ok);
    QVERIFY(reply.text.isEmpty());
    QCOMPARE(toString(reply.errorClass), toString(errorClass));
    QVERIFY2(reply.errorMessage.contains(message), qPrintable(reply.errorMessage));
    QCOMPARE(reply.httpStatus, status);
    QCOMPARE(reply.retryAfterMs, retryAfterMs);
    QVERIFY(!reply.errorMessage.contains(QLatin1String("sk-proj1234567890")));
}

void TestProviders::unparsableErrorBodyIsQuotedShort()
{
    const QByteArray body =
        QByteArray("Upstream said: ") + QByteArray(1000, 'x') + QByteArray(" Bearer abcdefgh123");
    for (const Wire &w : kWires) {
        const ProviderReply reply = makeProvider(w.kind, l1(w.variant))->parseReply(response(500, body));
        QCOMPARE(toString(reply.errorClass), toString(ErrorClass::ServerError));
        QVERIFY2(reply.errorMessage.startsWith(QLatin1String("HTTP 500: Upstream said: xxx")),
                 qPrintable(reply.errorMessage));
        QCOMPARE(reply.errorMessage.size(), QStringLiteral("HTTP 500: ").size() + 200);
    }
    const ProviderReply reply = makeProvider(ProviderKind::OpenAi)
                                    ->parseReply(response(502, QByteArray("bad gateway Bearer abcdefgh123")));
    QCOMPARE(reply.errorMessage, QStringLiteral("HTTP 502: bad gateway [redacted]"));
}

void TestProviders::corruptBody_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("name");

    const struct
    {
        const char *label;
        QByteArray body;
    } bodies[] = {
        {"invalid json", QByteArray("{not json at all")},
        {"wrong schema", QByteArray(R"({"foo":1})")},
        {"empty", QByteArray()},
        {"null", QByteArray("null")},
        {"html", QByteArray("<html><body>Service temporarily unavailable</body></html>")},
        {"array of numbers", QByteArray("[1,2,3]")},
    };
    for (const Wire &w : kWires) {
        const auto provider = makeProvider(w.kind, l1(w.variant));
        const QByteArray real =
            provider->successBody(QStringLiteral("a complete answer"), l1(w.model), 10, 20);
        const QString name = provider->parseReply(response(200, QByteArray("{}"))).errorMessage;
        QTest::addRow("%s/truncated", w.name)
            << w.kind << l1(w.variant) << real.left(real.size() / 2) << name;
        for (const auto &b : bodies)
            QTest::addRow("%s/%s", w.name, b.label) << w.kind << l1(w.variant) << b.body << name;
    }
    QTest::addRow("gemini/text not a string")
        << ProviderKind::Gemini << QString()
        << QByteArray(R"({"candidates":[{"content":{"parts":[{"text":42}]},"finishReason":"STOP"}]})")
        << QString();
    QTest::addRow("openai/empty choices")
        << ProviderKind::OpenAi << QString() << QByteArray(R"({"choices":[],"usage":{}})") << QString();
    QTest::addRow("anthropic/error type at 200")
        << ProviderKind::Anthropic << QString()
        << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << QString();
    QTest::addRow("cohere-v2/content not a list")
        << ProviderKind::Cohere << l1("v2")
        << QByteArray(R"({"message":{"role":"assistant","content":"hi"}})") << QString();
    QTest::addRow("hf-tgi/empty list")
        << ProviderKind::HuggingFace << l1("tgi") << QByteArray("[]") << QString();
}

void TestProviders::corruptBody()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(QByteArray, body);
    QFETCH(QString, name);
    const ProviderReply reply = makeProvider(kind, variant)->parseReply(response(200, body));
    QVERIFY(!reply.ok);
    QCOMPARE(toString(reply.errorClass), toString(ErrorClass::CorruptResponse));
    QVERIFY(reply.text.isEmpty());
    QCOMPARE(reply.httpStatus, 200);
    QVERIFY2(reply.errorMessage.startsWith(QLatin1String("Response did not match the ")) &&
                 reply.errorMessage.endsWith(QLatin1String(" schema")),
             qPrintable(reply.errorMessage));
    if (!name.isEmpty()) QCOMPARE(reply.errorMessage, name);
}

void TestProviders::transportError_data()
{
    QTest::addColumn<TransportError>("error");
    QTest::addColumn<QString>("errorString");
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addRow("timeout") << TransportError::Timeout << QString() << ErrorClass::Timeout;
    QTest::addRow("refused") << TransportError::ConnectionRefused << l1("Connection refused")
                             << ErrorClass::Network;
    QTest::addRow("reset") << TransportError::ConnectionReset << QString() << ErrorClass::Network;
    QTest::addRow("dns") << TransportError::HostNotFound << l1("Host api.example not found")
                         << ErrorClass::Network;
    QTest::addRow("tls") << TransportError::Tls << QString() << ErrorClass::Network;
    QTest::addRow("other") << TransportError::Other << QString() << ErrorClass::Network;
    QTest::addRow("aborted") << TransportError::Aborted << QString() << ErrorClass::Cancelled;
}

void TestProviders::transportError()
{
    QFETCH(TransportError, error);
    QFETCH(QString, errorString);
    QFETCH(ErrorClass, errorClass);
    for (const Wire &w : kWires) {
        HttpResponse r;
        r.error = error;
        r.errorString = errorString;
        r.body = QByteArray(R"({"choices":[{"message":{"content":"stale"}}]})"); // must be ignored
        const ProviderReply reply = makeProvider(w.kind, l1(w.variant))->parseReply(r);
        QVERIFY(!reply.ok);
        QCOMPARE(toString(reply.errorClass), toString(errorClass));
        QCOMPARE(reply.httpStatus, 0);
        QVERIFY(reply.text.isEmpty());
        QVERIFY(!reply.errorMessage.isEmpty());
        if (!errorString.isEmpty()) QCOMPARE(reply.errorMessage, errorString);
    }
}

void TestProviders::errorClassForStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ErrorClass>("errorClass");
    const QList<QPair<int, ErrorClass>> table{
        {200, ErrorClass::None},        {301, ErrorClass::BadRequest},  {400, ErrorClass::BadRequest},
        {401, ErrorClass::Auth},        {403, ErrorClass::Auth},        {404, ErrorClass::BadRequest},
        {405, ErrorClass::BadRequest},  {408, ErrorClass::Timeout},     {409, ErrorClass::BadRequest},
        {413, ErrorClass::BadRequest},  {422, ErrorClass::BadRequest},  {429, ErrorClass::RateLimited},
        {498, ErrorClass::BadRequest},  {500, ErrorClass::ServerError}, {502, ErrorClass::ServerError},
        {503, ErrorClass::Overloaded},  {504, ErrorClass::Timeout},     {529, ErrorClass::Overloaded},
        {599, ErrorClass::ServerError}, {0, ErrorClass::Network},
    };
    for (const auto &[status, errorClass] : table)
        QTest::addRow("%d", status) << status << errorClass;
}

void TestProviders::errorClassForStatus()
{
    QFETCH(int, status);
    QFETCH(ErrorClass, errorClass);
    QCOMPARE(toString(airm::errorClassForStatus(status)), toString(errorClass));
}

void TestProviders::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expectedMs");
    QTest::addRow("seconds") << QByteArray("7") << 7000;
    QTest::addRow("padded") << QByteArray(" 7 ") << 7000;
    QTest::addRow("zero") << QByteArray("0") << 0;
    QTest::addRow("fraction") << QByteArray("1.5") << 1500;
    QTest::addRow("negative") << QByteArray("-3") << -1;
    QTest::addRow("empty") << QByteArray() << -1;
    QTest::addRow("garbage") << QByteArray("soon") << -1;
    QTest::addRow("infinite") << QByteArray("inf") << -1;
    QTest::addRow("imf-fixdate") << QByteArray("Sat, 01 Mar 2025 12:01:00 GMT") << 60'000;
    QTest::addRow("numeric zone") << QByteArray("Sat, 01 Mar 2025 13:00:30 +0100") << 30'000;
    QTest::addRow("rfc 850") << QByteArray("Saturday, 01-Mar-25 12:00:10 GMT") << 10'000;
    QTest::addRow("asctime") << QByteArray("Sat Mar  1 12:00:05 2025") << 5'000;
    QTest::addRow("date in the past") << QByteArray("Sat, 01 Mar 2025 11:00:00 GMT") << 0;
}

void TestProviders::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(int, expectedMs);
    const qint64 now = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(parseRetryAfterMs(value, now), expectedMs);
}

void TestProviders::retryAfterHttpDateRelativeToNow()
{
    const QByteArray date = imfFixdate(QDateTime::currentDateTimeUtc().addSecs(30)).toLatin1();
    const ProviderReply reply =
        makeProvider(ProviderKind::Anthropic)
            ->parseReply(response(429,
                                  QByteArray(R"({"type":"error","error":{"type":)"
                                             R"("rate_limit_error","message":"slow down"}})"),
                                  {{"Retry-After", date}}));
    QCOMPARE(toString(reply.errorClass), toString(ErrorClass::RateLimited));
    // The date has whole seconds, so up to one second (plus test time) is lost.
    QVERIFY2(reply.retryAfterMs > 27'000 && reply.retryAfterMs <= 30'000,
             qPrintable(QString::number(reply.retryAfterMs)));
}

// --- simulation bodies
// ------------------------------------------------------------------------------------------

void TestProviders::successBodyRoundTrips_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("inputTokens");
    QTest::addColumn<qint64>("outputTokens");
    for (const Wire &w : kWires) {
        QTest::addRow("%s/plain", w.name)
            << w.kind << l1(w.variant) << l1("Simulated reply") << qint64(12) << qint64(48);
        QTest::addRow("%s/quotes and unicode", w.name)
            << w.kind << l1(w.variant) << QStringLiteral("He said \"hi\"\n\t— ünïcödé ✓ {json}") << qint64(1)
            << qint64(1);
        QTest::addRow("%s/empty", w.name) << w.kind << l1(w.variant) << QString() << qint64(0) << qint64(0);
    }
}

void TestProviders::successBodyRoundTrips()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(QString, text);
    QFETCH(qint64, inputTokens);
    QFETCH(qint64, outputTokens);
    const auto provider = makeProvider(kind, variant);
    const QByteArray body = provider->successBody(text, QStringLiteral("model-x"), inputTokens, outputTokens);
    const ProviderReply reply = provider->parseReply(response(200, body));
    QVERIFY2(reply.ok, qPrintable(reply.errorMessage));
    QCOMPARE(reply.text, text);
    QCOMPARE(reply.inputTokens, inputTokens);
    QCOMPARE(reply.outputTokens, outputTokens);
}

void TestProviders::errorBodyRoundTrips_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("status");
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<QString>("message");
    // What the simulation and the chaos layer send: errorClassForStatus(status) for any status they pick.
    const int statuses[] = {400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529};
    for (const Wire &w : kWires) {
        for (int status : statuses)
            QTest::addRow("%s/%d", w.name, status)
                << w.kind << l1(w.variant) << status << airm::errorClassForStatus(status)
                << QStringLiteral("Chaos: injected HTTP %1 for svc").arg(status);
        QTest::addRow("%s/context length", w.name)
            << w.kind << l1(w.variant) << 400 << ErrorClass::ContextLength
            << l1("Simulated oversized prompt");
        QTest::addRow("%s/rate limited, no message", w.name)
            << w.kind << l1(w.variant) << 429 << ErrorClass::RateLimited << QString();
        QTest::addRow("%s/overloaded, no message", w.name)
            << w.kind << l1(w.variant) << 503 << ErrorClass::Overloaded << QString();
    }
}

void TestProviders::errorBodyRoundTrips()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(int, status);
    QFETCH(ErrorClass, errorClass);
    QFETCH(QString, message);
    const auto provider = makeProvider(kind, variant);
    const QByteArray body = provider->errorBody(status, errorClass, message);
    QVERIFY(QJsonDocument::fromJson(body).isObject());
    const ProviderReply reply = provider->parseReply(response(status, body));
    QVERIFY(!reply.ok);
    QCOMPARE(toString(reply.errorClass), toString(errorClass));
    QCOMPARE(reply.httpStatus, status);
    // The message came from the body, not from the "HTTP <status>" fallback.
    QVERIFY2(!reply.errorMessage.startsWith(QLatin1String("HTTP ")), qPrintable(reply.errorMessage));
    if (!message.isEmpty()) QVERIFY2(reply.errorMessage.contains(message), qPrintable(reply.errorMessage));
}

// --- real HTTP against the mock server
// --------------------------------------------------------------------------

void TestProviders::endToEnd_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("reportsInputTokens");
    for (const Wire &w : kWires)
        QTest::addRow("%s", w.name) << w.kind << l1(w.variant) << l1(w.model)
                                    << !(w.kind == ProviderKind::HuggingFace &&
                                         qstrcmp(w.variant, "tgi") == 0);
}

void TestProviders::endToEnd()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(QString, model);
    QFETCH(bool, reportsInputTokens);
    m_mock->clearScripts();
    m_mock->clearRequests();
    const auto provider = makeProvider(kind, variant);
    const ServiceConfig service = makeService(kind, variant, m_mock->baseUrl(), model);
    const HttpRequest request = provider->buildRequest(service, makeSpec(kPrompt));

    const HttpResponse raw = exchange(*m_nam, request);
    QCOMPARE(raw.status, 200);
    const ProviderReply reply = provider->parseReply(raw);
    QVERIFY2(reply.ok, qPrintable(reply.errorMessage));
    QCOMPARE(reply.text, QStringLiteral("Mock reply to: ") + kPrompt);
    QVERIFY(reply.outputTokens > 0);
    QCOMPARE(reply.inputTokens > 0, reportsInputTokens);

    QCOMPARE(m_mock->requestCount(), qint64(1));
    const MockProviderServer::RecordedRequest recorded = m_mock->lastRequest();
    QCOMPARE(recorded.method, QByteArray("POST"));
    QCOMPARE(recorded.path, request.url.path());
    const auto [name, value] = keyHeader(kind, kKey);
    QCOMPARE(recorded.header(name), value);
    QVERIFY(!recorded.path.contains(kKey));
    QVERIFY(!recorded.query.contains(kKey));
    QCOMPARE(canonicalJson(recorded.body), canonicalJson(request.body));

    const HttpRequest health = provider->buildHealthCheck(service);
    const HttpResponse healthRaw = exchange(*m_nam, health);
    QCOMPARE(healthRaw.status, 200);
    QVERIFY(QJsonDocument::fromJson(healthRaw.body).isObject());
    QCOMPARE(m_mock->lastRequest().method, QByteArray("GET"));
    QCOMPARE(m_mock->lastRequest().path, health.url.path());
}

void TestProviders::endToEndScriptedError_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<MockProviderServer::Script>("script");
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("retryAfterMs");

    QTest::addRow("gemini 429 Retry-After")
        << ProviderKind::Gemini << QString() << MockProviderServer::geminiRateLimited(7)
        << ErrorClass::RateLimited << l1("exceeded your current quota") << 7000;
    QTest::addRow("gemini context length")
        << ProviderKind::Gemini << QString() << MockProviderServer::geminiContextLength()
        << ErrorClass::ContextLength << l1("maximum number of tokens") << -1;
    QTest::addRow("gemini invalid key")
        << ProviderKind::Gemini << QString() << MockProviderServer::geminiInvalidKey() << ErrorClass::Auth
        << l1("API key not valid") << -1;
    QTest::addRow("gemini prompt blocked")
        << ProviderKind::Gemini << QString() << MockProviderServer::geminiPromptBlocked()
        << ErrorClass::BadRequest << l1("SAFETY") << -1;
    QTest::addRow("gemini overloaded")
        << ProviderKind::Gemini << QString() << MockProviderServer::geminiOverloaded()
        << ErrorClass::Overloaded << l1("overloaded") << -1;
    QTest::addRow("cohere 429") << ProviderKind::Cohere << l1("v2") << MockProviderServer::cohereRateLimited()
                                << ErrorClass::RateLimited << l1("Trial key") << -1;
    QTest::addRow("cohere too many tokens")
        << ProviderKind::Cohere << l1("v2") << MockProviderServer::cohereTooManyTokens()
        << ErrorClass::ContextLength << l1("too many tokens") << -1;
    QTest::addRow("cohere 498") << ProviderKind::Cohere << l1("v1")
                                << MockProviderServer::cohereInvalidToken() << ErrorClass::Auth
                                << l1("invalid api token") << -1;
    QTest::addRow("hf tgi loading") << ProviderKind::HuggingFace << l1("tgi")
                                    << MockProviderServer::huggingFaceModelLoading(20.0)
                                    << ErrorClass::Overloaded << l1("currently loading") << 20000;
    QTest::addRow("hf tgi input too long")
        << ProviderKind::HuggingFace << l1("tgi") << MockProviderServer::huggingFaceInputTooLong()
        << ErrorClass::ContextLength << l1("must be <= 4096") << -1;
    QTest::addRow("openai 429 retry-after-ms")
        << ProviderKind::OpenAi << QString() << MockProviderServer::openAiRateLimited(1500)
        << ErrorClass::RateLimited << l1("Rate limit reached") << 1500;
    QTest::addRow("openai context length")
        << ProviderKind::OpenAi << QString() << MockProviderServer::openAiContextLengthExceeded()
        << ErrorClass::ContextLength << l1("maximum context length") << -1;
    QTest::addRow("openai insufficient quota")
        << ProviderKind::OpenAi << QString() << MockProviderServer::openAiInsufficientQuota()
        << ErrorClass::Auth << l1("exceeded your current quota") << -1;
    QTest::addRow("openai overloaded")
        << ProviderKind::OpenAi << QString() << MockProviderServer::openAiOverloaded()
        << ErrorClass::Overloaded << l1("overloaded") << -1;
    QTest::addRow("anthropic 529") << ProviderKind::Anthropic << QString()
                                   << MockProviderServer::anthropicOverloaded() << ErrorClass::Overloaded
                                   << l1("Overloaded") << -1;
    QTest::addRow("anthropic 429") << ProviderKind::Anthropic << QString()
                                   << MockProviderServer::anthropicRateLimited(3) << ErrorClass::RateLimited
                                   << l1("rate limit") << 3000;
    QTest::addRow("anthropic prompt too long")
        << ProviderKind::Anthropic << QString() << MockProviderServer::anthropicPromptTooLong()
        << ErrorClass::ContextLength << l1("prompt is too long") << -1;
    // Status-only scripts: the mock answers in each provider's own error shape.
    for (const Wire &w : kWires) {
        QTest::addRow("%s/500", w.name) << w.kind << l1(w.variant) << MockProviderServer::error(500)
                                        << ErrorClass::ServerError << QString() << -1;
        // The mock's default Hugging Face 503 is the real "model is loading" answer with its estimated_time.
        const bool tgi = w.kind == ProviderKind::HuggingFace && qstrcmp(w.variant, "tgi") == 0;
        QTest::addRow("%s/503", w.name) << w.kind << l1(w.variant) << MockProviderServer::error(503)
                                        << ErrorClass::Overloaded << QString() << (tgi ? 20000 : -1);
    }
}

void TestProviders::endToEndScriptedError()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    QFETCH(MockProviderServer::Script, script);
    QFETCH(ErrorClass, errorClass);
    QFETCH(QString, message);
    QFETCH(int, retryAfterMs);
    m_mock->clearScripts();
    m_mock->enqueue(script);
    const auto provider = makeProvider(kind, variant);
    const ServiceConfig service = makeService(kind, variant, m_mock->baseUrl(), l1("model-x"));
    const HttpResponse raw = exchange(*m_nam, provider->buildRequest(service, makeSpec(kPrompt)));
    QCOMPARE(raw.status, script.status);
    const ProviderReply reply = provider->parseReply(raw);
    QVERIFY(!reply.ok);
    QCOMPARE(toString(reply.errorClass), toString(errorClass));
    QVERIFY2(!reply.errorMessage.startsWith(QLatin1String("HTTP ")), qPrintable(reply.errorMessage));
    if (!message.isEmpty()) QVERIFY2(reply.errorMessage.contains(message), qPrintable(reply.errorMessage));
    QCOMPARE(reply.retryAfterMs, retryAfterMs);
    QVERIFY(!reply.errorMessage.contains(kKey));

    // The one-shot script is used up: the next call succeeds.
    const ProviderReply next =
        provider->parseReply(exchange(*m_nam, provider->buildRequest(service, makeSpec(kPrompt))));
    QVERIFY2(next.ok, qPrintable(next.errorMessage));
}

void TestProviders::endToEndMissingKeyIsAuth_data()
{
    QTest::addColumn<ProviderKind>("kind");
    QTest::addColumn<QString>("variant");
    for (const Wire &w : kWires)
        QTest::addRow("%s", w.name) << w.kind << l1(w.variant);
}

void TestProviders::endToEndMissingKeyIsAuth()
{
    QFETCH(ProviderKind, kind);
    QFETCH(QString, variant);
    m_mock->clearScripts();
    const auto provider = makeProvider(kind, variant);
    const ServiceConfig service = makeService(kind, variant, m_mock->baseUrl(), l1("model-x"), QString());
    const HttpResponse raw = exchange(*m_nam, provider->buildRequest(service, makeSpec(kPrompt)));
    QVERIFY2(raw.status == 401 || raw.status == 403, qPrintable(QString::number(raw.status)));
    const ProviderReply reply = provider->parseReply(raw);
    QCOMPARE(toString(reply.errorClass), toString(ErrorClass::Auth));
    QVERIFY2(!reply.errorMessage.startsWith(QLatin1String("HTTP ")), qPrintable(reply.errorMessage));
}

void TestProviders::endToEndDelayedReply()
{
    m_mock->clearScripts();
    m_mock->clearRequests();
    constexpr int kDelayMs = 300;
    m_mock->enqueue(MockProviderServer::success(kDelayMs), QStringLiteral("/v1/messages"));
    const auto provider = makeProvider(ProviderKind::Anthropic);
    const ServiceConfig service = makeService(ProviderKind::Anthropic, {}, m_mock->baseUrl(), l1("claude-x"));
    const HttpRequest request = provider->buildRequest(service, makeSpec(kPrompt));

    // The delayed reply must not hold up the server: a second call overtakes it.
    QElapsedTimer timer;
    timer.start();
    QNetworkRequest slowRequest(request.url);
    for (const auto &[name, value] : request.headers)
        slowRequest.setRawHeader(name, value);
    QNetworkReply *slow = m_nam->post(slowRequest, request.body);
    QSignalSpy slowFinished(slow, &QNetworkReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_mock->requestCount() > 0, true, 5000);
    const ProviderReply fast = provider->parseReply(exchange(*m_nam, request));
    QVERIFY2(fast.ok, qPrintable(fast.errorMessage));
    QCOMPARE(slowFinished.count(), 0);

    QVERIFY(slowFinished.wait(5000));
    QVERIFY2(timer.elapsed() >= kDelayMs - 20, qPrintable(QString::number(timer.elapsed())));
    HttpResponse raw;
    raw.status = slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    raw.body = slow->readAll();
    slow->deleteLater();
    const ProviderReply reply = provider->parseReply(raw);
    QVERIFY2(reply.ok, qPrintable(reply.errorMessage));
    QCOMPARE(reply.text, QStringLiteral("Mock reply to: ") + kPrompt);
}

void TestProviders::endToEndDroppedConnectionIsNetwork()
{
    m_mock->clearScripts();
    m_mock->clearRequests();
    m_mock->setScript(QStringLiteral("/v1/chat"), MockProviderServer::dropped());
    const auto provider = makeProvider(ProviderKind::OpenAi);
    const ServiceConfig service = makeService(ProviderKind::OpenAi, {}, m_mock->baseUrl(), l1("gpt-x"));
    const HttpResponse raw = exchange(*m_nam, provider->buildRequest(service, makeSpec(kPrompt)));
    QCOMPARE(raw.status, 0);
    QVERIFY(raw.error != TransportError::None);
    const ProviderReply reply = provider->parseReply(raw);
    QCOMPARE(toString(reply.errorClass), toString(ErrorClass::Network));
    QVERIFY(m_mock->requestCount() >= 1); // QNetworkAccessManager may resend once on a reused connection
    m_mock->clearScripts();
}

QTEST_GUILESS_MAIN(TestProviders)
#include "tst_providers.moc"
