// Concurrency and lifetime: 64 simultaneous POST /ai through the engine to the loopback mock provider, each
// answered with its own prompt; clients that leave while their deferred answer is still being prepared (at
// every stage) do not crash or disturb the server, and the engine still records their requests.
// Run under valgrind once: valgrind --error-exitcode=1 ./tst_apiload clientsLeavingEarly
#include "apitestrig.h"

#include "mockproviderserver.h"

#include <QElapsedTimer>

using namespace airm;
using namespace airm::test;

namespace {

QByteArray aiRequest(const QByteArray &prompt, const QByteArray &service, bool close = true)
{
    const QByteArray body = "{\"service\":\"" + service + "\",\"prompt\":\"" + prompt + "\"}";
    return "POST /ai HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n" + body;
}

} // namespace

class TestApiLoad : public QObject
{
    Q_OBJECT
private slots:
    void sixtyFourConcurrentAiRequests()
    {
        MockProviderServer mock;
        mock.setRecording(false);
        mock.setDefaultScript(MockProviderServer::success(20)); // all 64 are in flight at once
        ServiceConfig openai = mockService(QStringLiteral("openai"), ProviderKind::OpenAi, mock.baseUrl());
        ServiceConfig gemini = mockService(QStringLiteral("gemini"), ProviderKind::Gemini, mock.baseUrl());
        ApiRig rig({openai, gemini});
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));

        constexpr int kClients = 64;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        QList<QByteArray> answers(kClients);
        int closed = 0;
        for (int i = 0; i < kClients; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            QTcpSocket *s = socket.get();
            QObject::connect(s, &QTcpSocket::readyRead, s, [s, i, &answers] { answers[i] += s->readAll(); });
            QObject::connect(s, &QTcpSocket::disconnected, s, [s, i, &answers, &closed] {
                answers[i] += s->readAll();
                ++closed;
            });
            s->connectToHost(QHostAddress::LocalHost, rig.api->port());
            sockets.push_back(std::move(socket));
        }
        for (int i = 0; i < kClients; ++i) {
            QVERIFY(sockets[i]->waitForConnected(5000));
            sockets[i]->write(
                aiRequest("prompt number " + QByteArray::number(i), i % 2 ? "openai" : "gemini"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(closed, kClients, 20000);
        for (int i = 0; i < kClients; ++i) {
            const QByteArray &raw = answers[i];
            QCOMPARE(statusOf(raw), 200);
            const QJsonObject o = QJsonDocument::fromJson(raw.mid(raw.indexOf("\r\n\r\n") + 4)).object();
            QCOMPARE(o.value(QLatin1String("success")), QJsonValue(true));
            QCOMPARE(o.value(QLatin1String("isRealAPI")), QJsonValue(true));
            QCOMPARE(o.value(QLatin1String("service")).toString(),
                     QString::fromLatin1(i % 2 ? "openai" : "gemini"));
            QVERIFY2(o.value(QLatin1String("response"))
                         .toString()
                         .contains(QStringLiteral("prompt number %1").arg(i)),
                     raw.constData());
        }
        QCOMPARE(mock.requestCount(), kClients);
        QTRY_COMPARE(rig.get(QStringLiteral("/metrics")).json().value(QLatin1String("totalRequests")).toInt(),
                     kClients);
    }

    void clientsLeavingEarly()
    {
        MockProviderServer mock;
        mock.setDefaultScript(MockProviderServer::success(150));
        ApiRig rig({mockService(QStringLiteral("openai"), ProviderKind::OpenAi, mock.baseUrl()),
                    simulatedService(QStringLiteral("gemini"), ProviderKind::Gemini, 40)});
        // Leave at every stage: before the request is complete, right after it, while the engine waits on the
        // provider, and with keep-alive connections that would have carried a second request.
        int sent = 0;
        for (int round = 0; round < 8; ++round) {
            for (const QByteArray &service : {QByteArray("openai"), QByteArray("gemini")}) {
                const QByteArray request =
                    aiRequest("leaving " + QByteArray::number(round), service, round % 2 == 0);
                QTcpSocket socket;
                socket.connectToHost(QHostAddress::LocalHost, rig.api->port());
                QVERIFY(socket.waitForConnected(2000));
                if (round == 0) {
                    socket.write(request.left(request.size() / 2));
                    QVERIFY(socket.waitForBytesWritten(1000));
                } else {
                    socket.write(request);
                    QVERIFY(socket.waitForBytesWritten(1000));
                    ++sent;
                    if (round > 1) QTest::qWait(round * 10); // into the deferred part
                }
                socket.abort();
            }
        }
        // A QNetworkAccessManager client giving up mid-request, too.
        QNetworkRequest req(rig.url(QStringLiteral("/ai")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = rig.nam.post(req, QByteArray(R"({"service":"openai","prompt":"abort me"})"));
        QTest::qWait(30);
        reply->abort();
        reply->deleteLater();
        // Every request that was complete reaches the engine and is recorded (the aborted QNAM one may or may
        // not have been sent in full); the server keeps serving.
        QTRY_VERIFY_WITH_TIMEOUT(
            rig.get(QStringLiteral("/metrics")).json().value(QLatin1String("totalRequests")).toInt() >= sent,
            10000);
        QCOMPARE(rig.get(QStringLiteral("/test")).status, 200);
        const HttpResult after = rig.post(
            QStringLiteral("/ai"), QJsonObject{{QStringLiteral("service"), QStringLiteral("openai")},
                                               {QStringLiteral("prompt"), QStringLiteral("still here")}});
        QCOMPARE(after.status, 200);
        QCOMPARE(rig.server() != nullptr, true);
    }

    void shutdownWithRequestsInFlight()
    {
        MockProviderServer mock;
        mock.setDefaultScript(MockProviderServer::success(2000));
        auto rig = std::make_unique<ApiRig>(QList<ServiceConfig>{
            mockService(QStringLiteral("openai"), ProviderKind::OpenAi, mock.baseUrl())});
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 8; ++i) {
            QNetworkRequest req(rig->url(QStringLiteral("/ai")));
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            replies << rig->nam.post(req, QByteArray(R"({"service":"openai","prompt":"slow"})"));
        }
        QTRY_VERIFY(mock.requestCount() >= 6);
        QElapsedTimer t;
        t.start();
        rig->api->stop(); // answers nobody, frees everything, on its own thread
        QVERIFY(t.elapsed() < 1500);
        for (QNetworkReply *r : replies)
            QTRY_VERIFY(r->isFinished());
        rig.reset();
    }
};

QTEST_GUILESS_MAIN(TestApiLoad)
#include "tst_apiload.moc"
