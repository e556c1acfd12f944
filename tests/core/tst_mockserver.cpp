// The mock provider server itself: every real path answers in its provider's shape, scripts apply in their
// documented order, auth is checked like the providers do, and every request is recorded.
#include "mockproviderserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using airm::HeaderList;
using airm::test::MockProviderServer;

namespace {

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    HeaderList headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
        return {};
    }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

const HeaderList kBearer{{"Authorization", "Bearer k"}, {"Content-Type", "application/json"}};
const HeaderList kGoogle{{"x-goog-api-key", "k"}, {"Content-Type", "application/json"}};
const HeaderList kAnthropic{
    {"x-api-key", "k"}, {"anthropic-version", "2023-06-01"}, {"content-type", "application/json"}};

const QByteArray kChatBody(R"({"model":"m","messages":[{"role":"user","content":"ping"}],"max_tokens":5})");

} // namespace

class TestMockServer : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void servesEveryWireFormat_data();
    void servesEveryWireFormat();
    void rejectsMissingAuthLikeTheProvider_data();
    void rejectsMissingAuthLikeTheProvider();
    void acceptedKeyRejectsOtherKeys();
    void authCanBeTurnedOff();
    void invalidJsonIsTheProvidersBadRequest();
    void unknownPathIs404();
    void scriptsApplyInOrder();
    void scriptedBodyAndHeadersAreSentVerbatim();
    void delayedReplyArrivesLater();
    void clientGoneBeforeDelayedReply();
    void droppedConnectionHasNoResponse();
    void recordsRequests();

private:
    Reply send(const QByteArray &method, const QString &path, const HeaderList &headers = {},
               const QByteArray &body = {});

    std::unique_ptr<MockProviderServer> m_mock;
    QNetworkAccessManager m_nam;
};

Reply TestMockServer::send(const QByteArray &method, const QString &path, const HeaderList &headers,
                           const QByteArray &body)
{
    QUrl url = m_mock->baseUrl();
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0) url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(10'000);
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    reply->deleteLater();
    return result;
}

void TestMockServer::init()
{
    m_mock = std::make_unique<MockProviderServer>();
    QVERIFY(m_mock->isListening());
    QVERIFY(m_mock->port() != 0);
    QCOMPARE(m_mock->baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1").arg(m_mock->port()));
}

void TestMockServer::servesEveryWireFormat_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("key"); // a top-level key of the answer (or of its first element)

    QTest::addRow("gemini generate") << QByteArray("POST")
                                     << QStringLiteral("/v1beta/models/gemini-2.0-flash:generateContent")
                                     << kGoogle
                                     << QByteArray(
                                            R"({"contents":[{"role":"user","parts":[{"text":"ping"}]}]})")
                                     << QStringLiteral("candidates");
    QTest::addRow("gemini model") << QByteArray("GET") << QStringLiteral("/v1beta/models/gemini-2.0-flash")
                                  << kGoogle << QByteArray() << QStringLiteral("supportedGenerationMethods");
    QTest::addRow("cohere v2 chat") << QByteArray("POST") << QStringLiteral("/v2/chat") << kBearer
                                    << kChatBody << QStringLiteral("message");
    QTest::addRow("cohere v1 generate") << QByteArray("POST") << QStringLiteral("/v1/generate") << kBearer
                                        << QByteArray(R"({"model":"command","prompt":"ping","max_tokens":5})")
                                        << QStringLiteral("generations");
    QTest::addRow("chat completions") << QByteArray("POST") << QStringLiteral("/v1/chat/completions")
                                      << kBearer << kChatBody << QStringLiteral("choices");
    QTest::addRow("anthropic messages") << QByteArray("POST") << QStringLiteral("/v1/messages") << kAnthropic
                                        << kChatBody << QStringLiteral("content");
    QTest::addRow("tgi") << QByteArray("POST") << QStringLiteral("/models/org/model-7b") << kBearer
                         << QByteArray(R"({"inputs":"ping","parameters":{"max_new_tokens":5}})")
                         << QStringLiteral("generated_text");
    QTest::addRow("openai models") << QByteArray("GET") << QStringLiteral("/v1/models") << kBearer
                                   << QByteArray() << QStringLiteral("object");
    QTest::addRow("anthropic models") << QByteArray("GET") << QStringLiteral("/v1/models") << kAnthropic
                                      << QByteArray() << QStringLiteral("has_more");
    QTest::addRow("hub model info") << QByteArray("GET") << QStringLiteral("/api/models/org/model-7b")
                                    << HeaderList{} << QByteArray() << QStringLiteral("pipeline_tag");
}

void TestMockServer::servesEveryWireFormat()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, key);
    const Reply reply = send(method, path, headers, body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    const QJsonDocument doc = reply.json();
    const QJsonObject object = doc.isArray() ? doc.array().first().toObject() : doc.object();
    QVERIFY2(object.contains(key), reply.body.constData());
    if (method == "POST") QVERIFY2(reply.body.contains("Mock reply to: ping"), reply.body.constData());
}

void TestMockServer::rejectsMissingAuthLikeTheProvider_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("marker");
    const HeaderList json{{"Content-Type", "application/json"}};
    QTest::addRow("gemini") << QByteArray("POST") << QStringLiteral("/v1beta/models/g:generateContent")
                            << json << 403 << QByteArray("PERMISSION_DENIED");
    QTest::addRow("cohere") << QByteArray("POST") << QStringLiteral("/v2/chat") << json << 401
                            << QByteArray("no api key supplied");
    QTest::addRow("openai") << QByteArray("POST") << QStringLiteral("/v1/chat/completions") << json << 401
                            << QByteArray("invalid_request_error");
    QTest::addRow("anthropic") << QByteArray("POST") << QStringLiteral("/v1/messages") << json << 401
                               << QByteArray("authentication_error");
    QTest::addRow("anthropic without version")
        << QByteArray("POST") << QStringLiteral("/v1/messages") << HeaderList{{"x-api-key", "k"}} << 400
        << QByteArray("anthropic-version: header is required");
    QTest::addRow("tgi") << QByteArray("POST") << QStringLiteral("/models/gpt2") << json << 401
                         << QByteArray("Invalid credentials");
    QTest::addRow("gemini health") << QByteArray("GET") << QStringLiteral("/v1beta/models/g") << HeaderList{}
                                   << 403 << QByteArray("PERMISSION_DENIED");
}

void TestMockServer::rejectsMissingAuthLikeTheProvider()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(HeaderList, headers);
    QFETCH(int, status);
    QFETCH(QByteArray, marker);
    const Reply reply = send(method, path, headers, kChatBody);
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.body.contains(marker), reply.body.constData());
}

void TestMockServer::acceptedKeyRejectsOtherKeys()
{
    m_mock->setAcceptedKey("right");
    const Reply gemini = send("POST", QStringLiteral("/v1beta/models/g:generateContent"),
                              {{"x-goog-api-key", "wrong"}}, R"({"contents":[{"parts":[{"text":"x"}]}]})");
    QCOMPARE(gemini.status, 400);
    QVERIFY(gemini.body.contains("API_KEY_INVALID"));
    const Reply anthropic = send("POST", QStringLiteral("/v1/messages"),
                                 {{"x-api-key", "wrong"}, {"anthropic-version", "2023-06-01"}}, kChatBody);
    QCOMPARE(anthropic.status, 401);
    QVERIFY(anthropic.body.contains("invalid x-api-key"));
    const Reply ok =
        send("POST", QStringLiteral("/v1/chat/completions"), {{"Authorization", "Bearer right"}}, kChatBody);
    QCOMPARE(ok.status, 200);
}

void TestMockServer::authCanBeTurnedOff()
{
    m_mock->setRequireAuth(false);
    QCOMPARE(send("POST", QStringLiteral("/v1/chat/completions"), {}, kChatBody).status, 200);
}

void TestMockServer::invalidJsonIsTheProvidersBadRequest()
{
    const Reply openai = send("POST", QStringLiteral("/v1/chat/completions"), kBearer, "{oops");
    QCOMPARE(openai.status, 400);
    QCOMPARE(openai.json()[QLatin1String("error")][QLatin1String("type")].toString(),
             QStringLiteral("invalid_request_error"));
    const Reply anthropic = send("POST", QStringLiteral("/v1/messages"), kAnthropic, R"({"model":"m"})");
    QCOMPARE(anthropic.status, 400);
    QCOMPARE(anthropic.json()[QLatin1String("type")].toString(), QStringLiteral("error"));
    QVERIFY(anthropic.body.contains("max_tokens: Field required"));
}

void TestMockServer::unknownPathIs404()
{
    const Reply reply = send("GET", QStringLiteral("/nowhere"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json()[QLatin1String("path")].toString(), QStringLiteral("/nowhere"));
}

void TestMockServer::scriptsApplyInOrder()
{
    m_mock->setDefaultScript(MockProviderServer::error(500));
    m_mock->setScript(QStringLiteral("/v1"), MockProviderServer::error(502));
    m_mock->setScript(QStringLiteral("/v1/chat"), MockProviderServer::error(504));
    m_mock->enqueue(MockProviderServer::error(429), QStringLiteral("/v1/chat"));
    m_mock->enqueue(MockProviderServer::error(408), QStringLiteral("/v2"));

    QCOMPARE(send("POST", QStringLiteral("/v1/chat/completions"), kBearer, kChatBody).status, 429); // queued
    QCOMPARE(send("POST", QStringLiteral("/v1/chat/completions"), kBearer, kChatBody).status, 504); // longest
    QCOMPARE(send("POST", QStringLiteral("/v1/messages"), kAnthropic, kChatBody).status, 502);      // prefix
    QCOMPARE(send("POST", QStringLiteral("/v2/chat"), kBearer, kChatBody).status, 408);             // queued
    QCOMPARE(send("POST", QStringLiteral("/v2/chat"), kBearer, kChatBody).status, 500);             // default
    m_mock->clearScripts();
    QCOMPARE(send("POST", QStringLiteral("/v2/chat"), kBearer, kChatBody).status, 200);
}

void TestMockServer::scriptedBodyAndHeadersAreSentVerbatim()
{
    MockProviderServer::Script script;
    script.status = 200;
    script.body = "not json";
    script.headers = {{"Content-Type", "text/plain"}, {"X-Trace", "abc"}};
    m_mock->enqueue(script);
    const Reply reply = send("POST", QStringLiteral("/v1/chat/completions"), kBearer, kChatBody);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("not json"));
    QCOMPARE(reply.header("Content-Type"), QByteArray("text/plain"));
    QCOMPARE(reply.header("X-Trace"), QByteArray("abc"));

    m_mock->enqueue(MockProviderServer::geminiRateLimited(9));
    const Reply limited = send("POST", QStringLiteral("/v1beta/models/g:generateContent"), kGoogle, "{}");
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArray("9"));
    QCOMPARE(limited.json()[QLatin1String("error")][QLatin1String("status")].toString(),
             QStringLiteral("RESOURCE_EXHAUSTED"));
}

void TestMockServer::delayedReplyArrivesLater()
{
    m_mock->enqueue(MockProviderServer::success(250));
    QUrl url = m_mock->baseUrl();
    url.setPath(QStringLiteral("/v1/chat/completions"));
    QNetworkRequest request(url);
    for (const auto &[name, value] : kBearer)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.post(request, kChatBody);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_mock->requestCount(), qint64(1), 5000);
    QCOMPARE(finished.count(), 0); // received, not yet answered
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("Mock reply to: ping"));
    reply->deleteLater();
}

void TestMockServer::clientGoneBeforeDelayedReply()
{
    m_mock->enqueue(MockProviderServer::success(100));
    QUrl url = m_mock->baseUrl();
    url.setPath(QStringLiteral("/v1/chat/completions"));
    QNetworkRequest request(url);
    for (const auto &[name, value] : kBearer)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.post(request, kChatBody);
    QTRY_COMPARE_WITH_TIMEOUT(m_mock->requestCount(), qint64(1), 5000);
    reply->abort();
    reply->deleteLater();
    // A reply delayed longer than the abandoned one returns after its timer has fired on the closed socket.
    m_mock->enqueue(MockProviderServer::success(200));
    QCOMPARE(send("POST", QStringLiteral("/v1/chat/completions"), kBearer, kChatBody).status, 200);
    QCOMPARE(send("POST", QStringLiteral("/v1/chat/completions"), kBearer, kChatBody).status, 200);
}

void TestMockServer::droppedConnectionHasNoResponse()
{
    m_mock->setScript(QStringLiteral("/v1/messages"), MockProviderServer::dropped());
    const Reply reply = send("POST", QStringLiteral("/v1/messages"), kAnthropic, kChatBody);
    QCOMPARE(reply.status, 0);
    QVERIFY(reply.error != QNetworkReply::NoError);
}

void TestMockServer::recordsRequests()
{
    QSignalSpy received(m_mock.get(), &MockProviderServer::requestReceived);
    send("POST", QStringLiteral("/v1/chat/completions?trace=1"), kBearer, kChatBody);
    send("GET", QStringLiteral("/v1/models"), kBearer);
    QCOMPARE(m_mock->requestCount(), qint64(2));
    QCOMPARE(received.count(), 2);
    const auto requests = m_mock->requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).method, QByteArray("POST"));
    QCOMPARE(requests.at(0).path, QStringLiteral("/v1/chat/completions"));
    QCOMPARE(requests.at(0).query, QStringLiteral("trace=1"));
    QCOMPARE(requests.at(0).header("authorization"), QByteArray("Bearer k"));
    QCOMPARE(requests.at(0).body, kChatBody);
    QCOMPARE(requests.at(0).json()[QLatin1String("model")].toString(), QStringLiteral("m"));
    QCOMPARE(m_mock->lastRequest().method, QByteArray("GET"));

    m_mock->clearRequests();
    m_mock->setRecording(false);
    send("GET", QStringLiteral("/v1/models"), kBearer);
    QCOMPARE(m_mock->requestCount(), qint64(1));
    QVERIFY(m_mock->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestMockServer)
#include "tst_mockserver.moc"
