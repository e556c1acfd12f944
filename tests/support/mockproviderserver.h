// A local HTTP server that speaks every provider wire format at its real paths (Gemini, Cohere v1/v2, Hugging
// Face router and TGI, OpenAI-compatible, Anthropic), answers in each provider's real success and error
// shapes, can be scripted per path prefix (status, headers, body, delay, dropped connection) and records
// every request. The HTTP/1.1 side is MockHttpServer (keep-alive, in-order answers). Undelayed requests are
// answered synchronously from the handler, and a repeated generation request from a template of its answer
// rather than a JSON tree (benchmark path). Thread affinity: create, script and destroy it on one thread,
// which then serves; requestCount() may be read from any thread.
#pragma once

#include "mockhttpserver.h"
#include "transport/httpmessage.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QUrl>

#include <atomic>

namespace airm::test {

class MockProviderServer : public QObject
{
    Q_OBJECT
public:
    // How to answer one request.
    struct Script
    {
        int delayMs = 0;
        int status = 200;
        HeaderList headers;          // sent in addition to Content-Type and Content-Length
        QByteArray body;             // empty: a real-shaped success (2xx) or error body (other statuses)
        bool dropConnection = false; // close the socket after delayMs without answering
    };

    struct RecordedRequest
    {
        QByteArray method;
        QString path;  // decoded path, without the query
        QString query; // raw query, empty when absent
        HeaderList headers;
        QByteArray body;

        QByteArray header(const QByteArray &name) const; // case-insensitive, empty if absent
        QJsonObject json() const;                        // the body as a JSON object, empty if it is not one
    };

    explicit MockProviderServer(QObject *parent = nullptr);
    ~MockProviderServer() override;

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // http://127.0.0.1:<port>

    // Scripts are chosen in this order: the oldest queued one-shot script whose prefix matches the path, the
    // persistent script with the longest matching prefix, the default script. An empty prefix matches all.
    void enqueue(const Script &script, const QString &pathPrefix = {});
    void setScript(const QString &pathPrefix, const Script &script);
    void setDefaultScript(const Script &script);
    void clearScripts(); // queued, per-prefix and default

    // When on (the default), a request without the provider's auth header (x-goog-api-key, x-api-key,
    // Authorization: Bearer) gets that provider's real 401/403 body. A non-empty accepted key also rejects
    // other keys, with the provider's invalid-key answer.
    void setRequireAuth(bool on);
    void setAcceptedKey(const QByteArray &key);

    // Recording can be turned off for throughput runs; the count is always kept.
    void setRecording(bool on);
    QList<RecordedRequest> requests() const;
    RecordedRequest lastRequest() const;
    qint64 requestCount() const { return m_requestCount.load(std::memory_order_relaxed); }
    void clearRequests();

    // Real error answers of each provider, ready to enqueue or set.
    static Script success(int delayMs = 0);
    static Script error(int status); // the provider's own error body for the status, chosen by the path
    static Script dropped(int delayMs = 0);
    static Script geminiRateLimited(int retryAfterS);
    static Script geminiContextLength();
    static Script geminiInvalidKey();
    static Script geminiPromptBlocked();
    static Script geminiOverloaded();
    static Script cohereRateLimited();
    static Script cohereTooManyTokens();
    static Script cohereInvalidToken();
    static Script huggingFaceModelLoading(double estimatedTimeS);
    static Script huggingFaceInputTooLong();
    static Script openAiRateLimited(int retryAfterMs);
    static Script openAiContextLengthExceeded();
    static Script openAiInsufficientQuota();
    static Script openAiOverloaded();
    static Script anthropicOverloaded();
    static Script anthropicRateLimited(int retryAfterS);
    static Script anthropicPromptTooLong();

signals:
    void requestReceived(const QByteArray &method, const QString &path);

private:
    enum class Endpoint {
        Unknown,
        GeminiGenerate,
        GeminiModel,
        CohereChat,
        CohereGenerate,
        ChatCompletions,
        AnthropicMessages,
        TgiGenerate,
        ModelList,
        HubModelInfo,
    };
    enum class Format { Generic, Gemini, Cohere, OpenAi, Anthropic, HuggingFace };

    struct Answer
    {
        int status = 200;
        HeaderList headers;
        QByteArray body;
    };
    // An answer split where the serial number goes.
    struct AnswerTemplate
    {
        int status = 200;
        HeaderList headers;
        QByteArrayList parts;
    };
    using AnswerKey = QPair<QString, QByteArray>; // path, body
    struct QueuedScript
    {
        QString prefix;
        Script script;
    };

    using Request = MockHttpServer::Request;
    using Responder = MockHttpServer::Responder;

    void handle(Request &&request, const Responder &responder);
    Script takeScript(const QString &path);
    bool checkAuth(Endpoint endpoint, const Request &request, Answer *rejection) const;
    // A real-shaped success answer: generate()'s, from a template when the same request came before.
    Answer generated(Endpoint endpoint, const QString &path, const Request &request);
    Answer generate(Endpoint endpoint, const QString &path, const Request &request,
                    const QString &serial) const;

    static Endpoint endpointFor(const QByteArray &method, const QString &path);
    static Format formatFor(Endpoint endpoint, const Request &request);
    static QByteArray errorBodyFor(Format format, int status, const QString &message = {});
    static void write(const Responder &responder, const Answer &answer);

    MockHttpServer m_http;
    quint16 m_port = 0;
    QHash<AnswerKey, AnswerTemplate> m_answerTemplates; // the serving thread only

    mutable QMutex m_mutex; // guards everything below except the atomics
    QList<QueuedScript> m_queue;
    QMap<QString, Script> m_prefixScripts;
    Script m_defaultScript;
    QList<RecordedRequest> m_requests;
    bool m_requireAuth = true;
    QByteArray m_acceptedKey;
    std::atomic<bool> m_recording{true};
    std::atomic<qint64> m_requestCount{0};
};

} // namespace airm::test
