// The lean HTTP/1.1 client behind HttpTransport's plain-HTTP path: response framing (Content-Length, chunked,
// end of connection, 1xx, HEAD/204), keep-alive reuse counted in TCP accepts, Connection: close and HTTP/1.0,
// the stale-connection retry (and only that retry), failures mapped to the transport's error kinds, timeouts,
// aborts, the per-host cap with its FIFO queue, idle expiry and large bodies. Servers are raw QTcpServers on
// 127.0.0.1 so each test controls the bytes on the wire.
#include "transport/http1client.h"
#include "transport/http1responseparser.h"
#include "transport/httptransport.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

using namespace airm;

namespace {

QString errorName(TransportError e)
{
    switch (e) {
    case TransportError::None:
        return QStringLiteral("None");
    case TransportError::ConnectionRefused:
        return QStringLiteral("ConnectionRefused");
    case TransportError::ConnectionReset:
        return QStringLiteral("ConnectionReset");
    case TransportError::HostNotFound:
        return QStringLiteral("HostNotFound");
    case TransportError::Timeout:
        return QStringLiteral("Timeout");
    case TransportError::Aborted:
        return QStringLiteral("Aborted");
    case TransportError::Tls:
        return QStringLiteral("Tls");
    case TransportError::Other:
        return QStringLiteral("Other");
    }
    return {};
}

QByteArray okResponse(const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + extraHeaders +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// A loopback server that reads whole requests (framed by Content-Length) and lets the test answer them with
// raw bytes, counting TCP accepts and requests.
class RawServer : public QTcpServer
{
public:
    struct Request
    {
        QTcpSocket *socket = nullptr;
        int connection = 0; // 1-based accept number
        QByteArray head;
        QByteArray body;
        QByteArray path() const
        {
            return head.mid(head.indexOf(' ') + 1, head.indexOf(" HTTP/") - head.indexOf(' ') - 1);
        }
        QByteArray header(const QByteArray &name) const
        {
            for (const QByteArray &line : head.split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                    return line.mid(colon + 1).trimmed();
            }
            return {};
        }
    };
    // Answers (or not) one request; requests on a connection are handed over in order.
    using Handler = std::function<void(const Request &)>;

    explicit RawServer(Handler handler = {})
        : m_handler(std::move(handler))
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                const int number = ++accepts;
                connect(socket, &QTcpSocket::readyRead, socket,
                        [this, socket, number] { read(socket, number); });
                connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                    ++disconnects;
                    socket->deleteLater();
                });
            }
        });
    }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    QUrl url(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path));
    }

    int accepts = 0;
    int disconnects = 0;
    QList<Request> requests;

private:
    void read(QTcpSocket *socket, int connection)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        while (true) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0) return;
            Request r{socket, connection, buffer.left(end + 4), {}};
            const qsizetype length = r.header("Content-Length").toLongLong();
            if (buffer.size() < end + 4 + length) return;
            r.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            requests.append(r);
            if (m_handler) m_handler(r);
            if (socket->state() != QAbstractSocket::ConnectedState) return;
        }
    }

    Handler m_handler;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// Collects callbacks; each send() gets a slot.
struct Results
{
    QList<std::optional<HttpResponse>> responses;
    int completed = 0;

    Http1Client::Callback callback()
    {
        const qsizetype index = responses.size();
        responses.append(std::nullopt);
        return [this, index](HttpResponse r) {
            responses[index] = std::move(r);
            ++completed;
        };
    }
    const HttpResponse &at(qsizetype i) const { return *responses.at(i); }
};

HttpRequest get(const QUrl &url)
{
    HttpRequest r;
    r.method = "GET";
    r.url = url;
    return r;
}

HttpRequest post(const QUrl &url, const QByteArray &body)
{
    HttpRequest r;
    r.method = "POST";
    r.url = url;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = body;
    return r;
}

quint16 unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed when probe goes out of scope
}

} // namespace

class TestHttp1Client : public QObject
{
    Q_OBJECT

private slots:
    void parserFraming_data();
    void parserFraming();
    void parserMergesRepeatedHeaders();
    void serialize_data();
    void serialize();

    void keepAliveReusesOneConnection();
    void chunkedBodyAcrossWrites();
    void connectionCloseFromServer_data();
    void connectionCloseFromServer();
    void bodyUntilClose();
    void staleConnectionIsRetriedOnce_data();
    void staleConnectionIsRetriedOnce();
    void retryHappensOnlyOnce();
    void freshConnectionIsNotRetried();
    void serverClosesMidBody();
    void malformedResponseIsOther();
    void timeout();
    void connectionRefused();
    void perHostCapQueuesInOrder();
    void abortInFlightAndQueued();
    void idleConnectionsExpire();
    void idleConnectionClosedByServerIsDropped();
    void largeBodies();
    void clientDestroyedFromCallback();
    void transportUsesSharedClientForHttp();
    void transportKeepsHttpsOnNetworkAccessManager();
    void transportFollowsRedirectsLikeTheManager_data();
    void transportFollowsRedirectsLikeTheManager();
    void transportStopsEndlessRedirects();
};

void TestHttp1Client::parserFraming_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("head"); // answer to a HEAD request
    QTest::addColumn<bool>("eof");  // the peer closes after raw
    QTest::addColumn<int>("state"); // Http1ResponseParser::State
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");

    using S = Http1ResponseParser::State;
    QTest::addRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                                    << false << false << int(S::Complete) << 200 << QByteArray("hello")
                                    << true;
    QTest::addRow("chunked, extension, trailer")
        << QByteArray(
               "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=v\r\nhello\r\n6\r\n world\r\n"
               "0\r\nX-Trailer: 1\r\n\r\n")
        << false << false << int(S::Complete) << 200 << QByteArray("hello world") << true;
    QTest::addRow("chunked upper-case hex")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n")
        << false << false << int(S::Complete) << 200 << QByteArray("0123456789") << true;
    QTest::addRow("connection close")
        << QByteArray("HTTP/1.1 503 Unavailable\r\nConnection: close\r\n"
                      "Content-Length: 2\r\n\r\nno")
        << false << false << int(S::Complete) << 503 << QByteArray("no") << false;
    QTest::addRow("http/1.0 closes by default")
        << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << false << int(S::Complete)
        << 200 << QByteArray("ok") << false;
    QTest::addRow("http/1.0 keep-alive")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok") << false
        << false << int(S::Complete) << 200 << QByteArray("ok") << true;
    QTest::addRow("body until close, open") << QByteArray("HTTP/1.1 200 OK\r\n\r\nstream") << false << false
                                            << int(S::Incomplete) << 200 << QByteArray() << false;
    QTest::addRow("body until close, closed") << QByteArray("HTTP/1.1 200 OK\r\n\r\nstream") << false << true
                                              << int(S::Complete) << 200 << QByteArray("stream") << false;
    QTest::addRow("204 has no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false << false
                                     << int(S::Complete) << 204 << QByteArray() << true;
    QTest::addRow("head has no body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n") << true
                                      << false << int(S::Complete) << 200 << QByteArray() << true;
    QTest::addRow("100 continue first")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx")
        << false << false << int(S::Complete) << 201 << QByteArray("x") << true;
    QTest::addRow("bare LF line ends") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 2\n\nok") << false
                                       << false << int(S::Complete) << 200 << QByteArray("ok") << true;
    QTest::addRow("no reason phrase") << QByteArray("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n") << false
                                      << false << int(S::Complete) << 200 << QByteArray() << true;
    QTest::addRow("not http/1") << QByteArray("HTTP/2 200\r\n\r\n") << false << false << int(S::Error) << 0
                                << QByteArray() << false;
    QTest::addRow("garbage") << QByteArray("garbage\r\n\r\n") << false << false << int(S::Error) << 0
                             << QByteArray() << false;
    QTest::addRow("bad content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n")
                                        << false << false << int(S::Error) << 200 << QByteArray() << false;
    QTest::addRow("conflicting content-lengths")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx") << false << false
        << int(S::Error) << 200 << QByteArray() << false;
    QTest::addRow("bad chunk size") << QByteArray(
                                           "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                    << false << false << int(S::Error) << 200 << QByteArray() << false;
    QTest::addRow("truncated body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << false
                                    << true << int(S::Error) << 200 << QByteArray() << false;
    QTest::addRow("truncated chunk") << QByteArray(
                                            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")
                                     << false << true << int(S::Error) << 200 << QByteArray() << false;
}

void TestHttp1Client::parserFraming()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, head);
    QFETCH(bool, eof);
    QFETCH(int, state);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);

    // Whole, and one byte at a time: framing must not depend on how reads split the stream.
    for (const qsizetype step : {raw.size(), qsizetype(1)}) {
        Http1ResponseParser parser;
        parser.reset(head);
        Http1ResponseParser::State s = Http1ResponseParser::State::Incomplete;
        qsizetype consumed = 0;
        for (qsizetype at = 0; at < raw.size() && s == Http1ResponseParser::State::Incomplete; at += step) {
            qsizetype used = 0;
            s = parser.feed(QByteArrayView(raw).sliced(at, std::min(step, raw.size() - at)), &used);
            consumed += used;
        }
        if (eof) s = parser.finishAtEof();
        QCOMPARE(int(s), state);
        QCOMPARE(parser.status(), status);
        if (s != Http1ResponseParser::State::Complete) continue;
        QCOMPARE(consumed, raw.size());
        QCOMPARE(parser.keepAlive(), keepAlive);
        QCOMPARE(parser.takeBody(), body);
    }
}

void TestHttp1Client::parserMergesRepeatedHeaders()
{
    Http1ResponseParser parser;
    parser.reset();
    const QByteArray raw("HTTP/1.1 200 OK\r\nX-A: 1\r\nSet-Cookie: a=1\r\nx-a: 2\r\nSet-Cookie: b=2\r\n"
                         "Folded: one\r\n two\r\nContent-Length: 3\r\n\r\nabcEXTRA");
    qsizetype consumed = 0;
    QCOMPARE(parser.feed(raw, &consumed), Http1ResponseParser::State::Complete);
    QCOMPARE(consumed, raw.size() - 5); // what follows the body is not part of the response
    const HeaderList expected{
        {"X-A", "1, 2"}, {"Set-Cookie", "a=1\nb=2"}, {"Folded", "one two"}, {"Content-Length", "3"}};
    QCOMPARE(parser.headers(), expected); // as QNetworkReply::rawHeaderPairs() merges them
}

// The User-Agent the client adds when the request has none.
#define UA "User-Agent: ai-resilience-monitor/" AIRM_VERSION "\r\n"

void TestHttp1Client::serialize_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("get with port and query")
        << QByteArray("GET") << QUrl(QStringLiteral("http://example.test:8080/a/b?x=1%202&y")) << HeaderList{}
        << QByteArray() << QByteArray("GET /a/b?x=1%202&y HTTP/1.1\r\nHost: example.test:8080\r\n" UA "\r\n");
    QTest::addRow("empty path, default port")
        << QByteArray("GET") << QUrl(QStringLiteral("http://example.test")) << HeaderList{} << QByteArray()
        << QByteArray("GET / HTTP/1.1\r\nHost: example.test\r\n" UA "\r\n");
    QTest::addRow("post frames the body itself")
        << QByteArray("POST") << QUrl(QStringLiteral("http://127.0.0.1:9/v1/chat"))
        << HeaderList{{"Content-Type", "application/json"},
                      {"Content-Length", "999"},
                      {"Transfer-Encoding", "chunked"}}
        << QByteArray("{}")
        << QByteArray("POST /v1/chat HTTP/1.1\r\nHost: 127.0.0.1:9\r\n" UA
                      "Content-Type: application/json\r\n"
                      "Content-Length: 2\r\n\r\n{}");
    QTest::addRow("empty post says so")
        << QByteArray("POST") << QUrl(QStringLiteral("http://h/x")) << HeaderList{} << QByteArray()
        << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\n" UA "Content-Length: 0\r\n\r\n");
    QTest::addRow("own host header") << QByteArray("GET") << QUrl(QStringLiteral("http://127.0.0.1:9/"))
                                     << HeaderList{{"host", "api.example"}} << QByteArray()
                                     << QByteArray("GET / HTTP/1.1\r\n" UA "host: api.example\r\n\r\n");
    QTest::addRow("own user agent") << QByteArray("GET") << QUrl(QStringLiteral("http://h/"))
                                    << HeaderList{{"User-Agent", "probe/1"}} << QByteArray()
                                    << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: probe/1\r\n\r\n");
    QTest::addRow("ipv6 literal") << QByteArray("GET") << QUrl(QStringLiteral("http://[::1]:81/p"))
                                  << HeaderList{} << QByteArray()
                                  << QByteArray("GET /p HTTP/1.1\r\nHost: [::1]:81\r\n" UA "\r\n");
    QTest::addRow("fragment stays local")
        << QByteArray("GET") << QUrl(QStringLiteral("http://h/p#frag")) << HeaderList{} << QByteArray()
        << QByteArray("GET /p HTTP/1.1\r\nHost: h\r\n" UA "\r\n");
}

void TestHttp1Client::serialize()
{
    QFETCH(QByteArray, method);
    QFETCH(QUrl, url);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    HttpRequest r;
    r.method = method;
    r.url = url;
    r.headers = headers;
    r.body = body;
    QCOMPARE(Http1Client::serialize(r), expected);
}

void TestHttp1Client::keepAliveReusesOneConnection()
{
    RawServer server([](const RawServer::Request &r) { r.socket->write(okResponse("echo " + r.path())); });
    Http1Client client;
    Results results;
    constexpr int kRequests = 20;
    for (int i = 0; i < kRequests; ++i) {
        client.send(get(server.url(QStringLiteral("/r%1").arg(i))), results.callback());
        QTRY_COMPARE(results.completed, i + 1); // sequential: each waits for the one before
    }
    for (int i = 0; i < kRequests; ++i) {
        QCOMPARE(errorName(results.at(i).error), QStringLiteral("None"));
        QCOMPARE(results.at(i).status, 200);
        QCOMPARE(results.at(i).body, "echo /r" + QByteArray::number(i));
        QCOMPARE(results.at(i).header("content-type"), QByteArray("text/plain"));
    }
    QCOMPARE(server.accepts, 1);
    QCOMPARE(client.connectionCount(), 1);
    QCOMPARE(client.idleConnectionCount(), 1);
    QCOMPARE(client.inFlight(), 0);
}

void TestHttp1Client::chunkedBodyAcrossWrites()
{
    RawServer server([](const RawServer::Request &r) {
        r.socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nMock");
        r.socket->flush();
        // The rest later, split inside the chunk framing.
        QTimer::singleShot(20, r.socket, [s = r.socket] {
            s->write("\r\n7\r\n reply!\r");
            s->flush();
            QTimer::singleShot(20, s, [s] { s->write("\n0\r\n\r\n"); });
        });
    });
    Http1Client client;
    Results results;
    client.send(get(server.url()), results.callback());
    client.send(get(server.url()), results.callback()); // on a second connection
    QTRY_COMPARE(results.completed, 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(results.at(i).status, 200);
        QCOMPARE(results.at(i).body, QByteArray("Mock reply!"));
    }
    // Both connections stay open after a chunked answer; a third request reuses one.
    QCOMPARE(client.idleConnectionCount(), 2);
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 3);
    QCOMPARE(server.accepts, 2);
}

void TestHttp1Client::connectionCloseFromServer_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addRow("connection: close") << okResponse("bye", "Connection: close\r\n");
    QTest::addRow("http/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nbye");
}

void TestHttp1Client::connectionCloseFromServer()
{
    QFETCH(QByteArray, response);
    RawServer server([response](const RawServer::Request &r) {
        r.socket->write(response);
        r.socket->disconnectFromHost();
    });
    Http1Client client;
    Results results;
    for (int i = 0; i < 3; ++i) {
        client.send(get(server.url()), results.callback());
        QTRY_COMPARE(results.completed, i + 1);
        QCOMPARE(errorName(results.at(i).error), QStringLiteral("None"));
        QCOMPARE(results.at(i).body, QByteArray("bye"));
    }
    QCOMPARE(server.accepts, 3);           // never reused
    QCOMPARE(server.requests.size(), 3);   // and never retried
    QCOMPARE(client.connectionCount(), 0); // closed on our side right after the answer
}

void TestHttp1Client::bodyUntilClose()
{
    RawServer server([](const RawServer::Request &r) {
        r.socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it");
        r.socket->disconnectFromHost();
    });
    Http1Client client;
    Results results;
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 1);
    QCOMPARE(errorName(results.at(0).error), QStringLiteral("None"));
    QCOMPARE(results.at(0).body, QByteArray("all of it"));
    QCOMPARE(client.connectionCount(), 0);
}

void TestHttp1Client::staleConnectionIsRetriedOnce_data()
{
    QTest::addColumn<bool>("reset"); // RST rather than FIN
    QTest::addRow("closed") << false;
    QTest::addRow("reset") << true;
}

void TestHttp1Client::staleConnectionIsRetriedOnce()
{
    QFETCH(bool, reset);
    // The first connection answers once, then dies on the next request without a byte of answer: what a
    // server's keep-alive timeout looks like when it races the client's next request.
    RawServer server([reset](const RawServer::Request &r) {
        const bool firstOnConnection = r.socket->property("served").toInt() == 0;
        if (r.connection == 1 && !firstOnConnection) {
            if (reset)
                r.socket->abort();
            else
                r.socket->disconnectFromHost();
            return;
        }
        r.socket->setProperty("served", r.socket->property("served").toInt() + 1);
        r.socket->write(okResponse("ok " + QByteArray::number(r.connection)));
    });
    Http1Client client;
    Results results;
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 1);
    client.send(post(server.url(QStringLiteral("/again")), "{\"n\":2}"), results.callback());
    QTRY_COMPARE(results.completed, 2);
    QCOMPARE(errorName(results.at(1).error), QStringLiteral("None"));
    QCOMPARE(results.at(1).body, QByteArray("ok 2")); // answered on a new connection
    QCOMPARE(server.accepts, 2);
    QCOMPARE(server.requests.size(), 3); // the request went out twice, the same bytes both times
    QCOMPARE(server.requests.at(1).body, server.requests.at(2).body);
    QCOMPARE(server.requests.at(2).path(), QByteArray("/again"));
}

void TestHttp1Client::retryHappensOnlyOnce()
{
    // Every request after the first on any connection is dropped unanswered, and so is the retry.
    RawServer server([](const RawServer::Request &r) {
        if (r.connection == 1 && r.socket->property("served").toInt() == 0) {
            r.socket->setProperty("served", 1);
            r.socket->write(okResponse("first"));
            return;
        }
        r.socket->disconnectFromHost();
    });
    Http1Client client;
    Results results;
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 1);
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 2);
    QCOMPARE(errorName(results.at(1).error), QStringLiteral("ConnectionReset"));
    QCOMPARE(results.at(1).errorString, QStringLiteral("Connection closed"));
    QCOMPARE(results.at(1).status, 0);
    QCOMPARE(server.requests.size(), 3); // first, second, one retry
    QCOMPARE(server.accepts, 2);
}

void TestHttp1Client::freshConnectionIsNotRetried()
{
    RawServer server([](const RawServer::Request &r) { r.socket->disconnectFromHost(); });
    Http1Client client;
    Results results;
    client.send(post(server.url(), "{}"), results.callback());
    QTRY_COMPARE(results.completed, 1);
    QCOMPARE(errorName(results.at(0).error), QStringLiteral("ConnectionReset"));
    QCOMPARE(results.at(0).errorString, QStringLiteral("Connection closed")); // QNetworkAccessManager's words
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.accepts, 1);
    QCOMPARE(client.connectionCount(), 0);
}

void TestHttp1Client::serverClosesMidBody()
{
    RawServer server([](const RawServer::Request &r) {
        r.socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":");
        r.socket->disconnectFromHost();
    });
    Http1Client client;
    Results results;
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 1);
    // A cut-off answer is a network failure, not a 200 with half a body.
    QCOMPARE(errorName(results.at(0).error), QStringLiteral("ConnectionReset"));
    QCOMPARE(results.at(0).status, 0);
    QVERIFY(results.at(0).body.isEmpty());
    QCOMPARE(server.requests.size(), 1); // an answer had started: not retried
}

void TestHttp1Client::malformedResponseIsOther()
{
    RawServer server([](const RawServer::Request &r) { r.socket->write("SMTP ready\r\n\r\n"); });
    Http1Client client;
    Results results;
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 1);
    QCOMPARE(errorName(results.at(0).error), QStringLiteral("Other"));
    QVERIFY2(results.at(0).errorString.startsWith(QLatin1String("Malformed HTTP response")),
             qPrintable(results.at(0).errorString));
    QTRY_COMPARE(server.disconnects, 1);
}

void TestHttp1Client::timeout()
{
    RawServer server; // reads requests, never answers
    Http1ClientConfig config;
    config.requestTimeoutMs = 100;
    Http1Client client(config);
    Results results;
    QElapsedTimer timer;
    timer.start();
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE_WITH_TIMEOUT(results.completed, 1, 5000);
    QVERIFY2(timer.elapsed() >= 95, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(errorName(results.at(0).error), QStringLiteral("Timeout"));
    QCOMPARE(server.requests.size(), 1);
    // The answer might still come: the connection is not reused.
    QCOMPARE(client.connectionCount(), 0);
    QTRY_COMPARE(server.disconnects, 1);
}

void TestHttp1Client::connectionRefused()
{
    Http1Client client;
    Results results;
    client.send(get(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(unusedPort()))), results.callback());
    QCOMPARE(results.completed, 0); // never from inside send()
    QTRY_COMPARE(results.completed, 1);
    QCOMPARE(errorName(results.at(0).error), QStringLiteral("ConnectionRefused"));
    QCOMPARE(results.at(0).errorString, QStringLiteral("Connection refused"));
    QCOMPARE(client.connectionCount(), 0);

    client.send(get(QUrl(QStringLiteral("ftp://127.0.0.1/"))), results.callback());
    QCOMPARE(results.completed, 1);
    QTRY_COMPARE(results.completed, 2);
    QCOMPARE(errorName(results.at(1).error), QStringLiteral("Other"));
}

void TestHttp1Client::perHostCapQueuesInOrder()
{
    QList<RawServer::Request> held;
    RawServer server([&held](const RawServer::Request &r) { held.append(r); });
    Http1ClientConfig config;
    config.maxConnectionsPerHost = 2;
    Http1Client client(config);
    Results results;
    for (int i = 0; i < 5; ++i)
        client.send(get(server.url(QStringLiteral("/%1").arg(i))), results.callback());
    QTRY_COMPARE(server.requests.size(), 2);
    QCOMPARE(server.accepts, 2);
    QCOMPARE(client.connectionCount(), 2);
    QCOMPARE(client.queuedCount(), 3);

    // Each answer frees a connection, which carries the oldest waiting request next.
    for (int answered = 0; answered < 5; ++answered) {
        QTRY_VERIFY(!held.isEmpty());
        const RawServer::Request r = held.takeFirst();
        r.socket->write(okResponse(r.path()));
        QTRY_COMPARE(results.completed, answered + 1);
    }
    QList<QByteArray> order;
    for (const RawServer::Request &r : std::as_const(server.requests))
        order << r.path();
    std::sort(order.begin(), order.begin() + 2); // the first two raced on two connections
    QCOMPARE(order, (QList<QByteArray>{"/0", "/1", "/2", "/3", "/4"}));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(results.at(i).body, "/" + QByteArray::number(i));
    QCOMPARE(server.accepts, 2);
    QCOMPARE(client.queuedCount(), 0);
    QCOMPARE(client.idleConnectionCount(), 2);
}

void TestHttp1Client::abortInFlightAndQueued()
{
    QList<RawServer::Request> held;
    RawServer server([&held](const RawServer::Request &r) { held.append(r); });
    Http1ClientConfig config;
    config.maxConnectionsPerHost = 1;
    Http1Client client(config);
    Results results;
    const auto first = client.send(get(server.url(QStringLiteral("/first"))), results.callback());
    const auto second = client.send(get(server.url(QStringLiteral("/second"))), results.callback());
    client.send(get(server.url(QStringLiteral("/third"))), results.callback());
    QTRY_COMPARE(held.size(), 1);
    QCOMPARE(client.queuedCount(), 2);

    client.abort(second); // queued: just leaves the queue
    QCOMPARE(client.queuedCount(), 1);
    client.abort(first); // on the wire: its connection goes, the third gets a new one
    client.abort(first); // twice is harmless
    QTRY_COMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests.at(1).path(), QByteArray("/third"));
    QCOMPARE(server.accepts, 2);
    QTRY_COMPARE(server.disconnects, 1);
    held.last().socket->write(okResponse("third"));
    QTRY_COMPARE(results.completed, 1);
    QVERIFY(!results.responses.at(0).has_value());
    QVERIFY(!results.responses.at(1).has_value());
    QCOMPARE(results.at(2).body, QByteArray("third"));
    QCOMPARE(client.inFlight(), 0);
}

void TestHttp1Client::idleConnectionsExpire()
{
    RawServer server([](const RawServer::Request &r) { r.socket->write(okResponse("x")); });
    Http1ClientConfig config;
    config.idleTimeoutMs = 50;
    Http1Client client(config);
    Results results;
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 1);
    QCOMPARE(client.idleConnectionCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(client.connectionCount(), 0, 2000);
    QTRY_COMPARE(server.disconnects, 1);
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 2);
    QCOMPARE(server.accepts, 2);
}

void TestHttp1Client::idleConnectionClosedByServerIsDropped()
{
    RawServer server([](const RawServer::Request &r) {
        r.socket->write(okResponse("x"));
        QTimer::singleShot(10, r.socket, [s = r.socket] { s->disconnectFromHost(); });
    });
    Http1Client client;
    Results results;
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 1);
    QTRY_COMPARE(client.connectionCount(), 0); // noticed while idle, before anything is sent on it
    client.send(get(server.url()), results.callback());
    QTRY_COMPARE(results.completed, 2);
    QCOMPARE(errorName(results.at(1).error), QStringLiteral("None"));
    QCOMPARE(server.requests.size(), 2); // no retry was needed
}

void TestHttp1Client::largeBodies()
{
    QByteArray upload(3 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < upload.size(); ++i)
        upload[i] = char('a' + i % 23);
    QByteArray download(8 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < download.size(); ++i)
        download[i] = char('A' + i % 19);
    RawServer server([&](const RawServer::Request &r) {
        r.socket->write(r.body == upload ? okResponse(download) : okResponse("mismatch"));
    });
    Http1Client client;
    Results results;
    client.send(post(server.url(), upload), results.callback());
    QTRY_COMPARE_WITH_TIMEOUT(results.completed, 1, 20000);
    QCOMPARE(results.at(0).status, 200);
    QCOMPARE(results.at(0).body.size(), download.size());
    QVERIFY(results.at(0).body == download);
    // The connection is still good for the next request.
    client.send(post(server.url(), upload), results.callback());
    QTRY_COMPARE_WITH_TIMEOUT(results.completed, 2, 20000);
    QVERIFY(results.at(1).body == download);
    QCOMPARE(server.accepts, 1);
}

void TestHttp1Client::clientDestroyedFromCallback()
{
    RawServer server([](const RawServer::Request &r) {
        if (r.path() != "/answered") return;
        r.socket->write(okResponse("x"));
        r.socket->write(okResponse("y")); // a stray second answer arrives in the same read
    });
    QPointer<Http1Client> client = new Http1Client;
    client->send(get(server.url(QStringLiteral("/held"))),
                 [](HttpResponse) { QFAIL("aborted with its client"); });
    QTRY_COMPARE(server.requests.size(), 1);
    bool called = false;
    client->send(get(server.url(QStringLiteral("/answered"))), [&](HttpResponse r) {
        called = true;
        QCOMPARE(r.body, QByteArray("x"));
        delete client.data(); // the connection's socket handler is still on the stack
    });
    QTRY_VERIFY(called);
    QVERIFY(client.isNull());
    QTRY_COMPARE(server.disconnects, 2);
}

void TestHttp1Client::transportUsesSharedClientForHttp()
{
    RawServer server([](const RawServer::Request &r) {
        r.socket->write(okResponse(r.header("Content-Type") + " " + r.body));
    });
    QNetworkAccessManager nam;
    HttpTransport first(&nam);
    HttpTransport second(&nam);
    Http1Client *shared = HttpTransport::sharedHttp1Client(&nam);
    QVERIFY(shared);
    QCOMPARE(HttpTransport::sharedHttp1Client(&nam), shared);

    QList<HttpResponse> responses;
    HttpRequest request;
    request.url = server.url(QStringLiteral("/v1/chat/completions"));
    request.body = "{\"a\":1}"; // no Content-Type: the transport's default applies
    first.send(request, [&](HttpResponse r) { responses << r; });
    QCOMPARE(first.inFlight(), 1);
    QTRY_COMPARE(responses.size(), 1);
    second.send(request, [&](HttpResponse r) { responses << r; });
    QTRY_COMPARE(responses.size(), 2);
    for (const HttpResponse &r : std::as_const(responses)) {
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("application/json {\"a\":1}"));
    }
    QCOMPARE(server.accepts, 1); // one pool for both transports
    QCOMPARE(shared->connectionCount(), 1);
    QCOMPARE(first.inFlight(), 0);

    // Aborted calls never answer; a transport going away cancels its calls.
    RawServer silent;
    request.url = silent.url();
    const auto id = first.send(request, [](HttpResponse) { QFAIL("aborted"); });
    QTRY_COMPARE(silent.requests.size(), 1);
    QCOMPARE(first.abort(id), QStringList());
    {
        HttpTransport doomed(&nam);
        doomed.send(request, [](HttpResponse) { QFAIL("transport destroyed"); });
        QTRY_COMPARE(silent.requests.size(), 2);
    }
    QTRY_COMPARE(silent.disconnects, 2);
    QCOMPARE(shared->inFlight(), 0);
}

void TestHttp1Client::transportKeepsHttpsOnNetworkAccessManager()
{
    QNetworkAccessManager nam;
    HttpTransport transport(&nam);
    QList<HttpResponse> responses;
    HttpRequest request;
    request.url = QUrl(QStringLiteral("https://127.0.0.1:%1/v1/messages").arg(unusedPort()));
    request.body = "{}";
    transport.send(request, [&](HttpResponse r) { responses << r; });
    QTRY_COMPARE_WITH_TIMEOUT(responses.size(), 1, 10000);
    QCOMPARE(errorName(responses.at(0).error), QStringLiteral("ConnectionRefused"));
    QCOMPARE(responses.at(0).errorString, QStringLiteral("Connection refused"));
    QCOMPARE(HttpTransport::sharedHttp1Client(&nam)->connectionCount(), 0); // not through the HTTP/1.1 client
}

void TestHttp1Client::transportFollowsRedirectsLikeTheManager_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("crossOrigin");
    QTest::addColumn<QByteArray>("method"); // of the request after the redirect
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("302 relative") << 302 << false << QByteArray("GET") << QByteArray();
    QTest::addRow("303 other origin") << 303 << true << QByteArray("GET") << QByteArray();
    QTest::addRow("307 keeps the request") << 307 << false << QByteArray("POST") << QByteArray("{\"x\":1}");
    QTest::addRow("308 other origin") << 308 << true << QByteArray("POST") << QByteArray("{\"x\":1}");
}

void TestHttp1Client::transportFollowsRedirectsLikeTheManager()
{
    QFETCH(int, status);
    QFETCH(bool, crossOrigin);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    // The behaviour QNetworkAccessManager showed on the wire for the same answers, so the plain-HTTP path
    // answers the engine as before.
    RawServer target([](const RawServer::Request &r) { r.socket->write(okResponse("moved here")); });
    RawServer origin([&](const RawServer::Request &r) {
        if (r.path() != "/a") {
            r.socket->write(okResponse("moved here"));
            return;
        }
        const QByteArray location =
            crossOrigin ? target.url(QStringLiteral("/b")).toEncoded() : QByteArray("/b?q=1");
        r.socket->write("HTTP/1.1 " + QByteArray::number(status) + " Moved\r\nLocation: " + location +
                        "\r\nContent-Length: 0\r\n\r\n");
    });
    QNetworkAccessManager nam;
    HttpTransport transport(&nam);
    HttpRequest request = post(origin.url(QStringLiteral("/a")), "{\"x\":1}");
    request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer k")});
    QList<HttpResponse> responses;
    transport.send(request, [&](HttpResponse r) { responses << r; });
    QTRY_COMPARE(responses.size(), 1);
    QCOMPARE(errorName(responses.at(0).error), QStringLiteral("None"));
    QCOMPARE(responses.at(0).status, 200);
    QCOMPARE(responses.at(0).body, QByteArray("moved here"));

    const RawServer &second = crossOrigin ? target : origin;
    const RawServer::Request followed = second.requests.last();
    QCOMPARE(followed.head.left(followed.head.indexOf(' ')), method);
    QCOMPARE(followed.path(), crossOrigin ? QByteArray("/b") : QByteArray("/b?q=1"));
    QCOMPARE(followed.body, body);
    QCOMPARE(followed.header("Content-Type").isEmpty(), body.isEmpty());
    QCOMPARE(followed.header("Authorization"), QByteArray("Bearer k"));
    QCOMPARE(transport.inFlight(), 0);
}

void TestHttp1Client::transportStopsEndlessRedirects()
{
    RawServer server([](const RawServer::Request &r) {
        r.socket->write("HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n");
    });
    QNetworkAccessManager nam;
    HttpTransport transport(&nam);
    QList<HttpResponse> responses;
    transport.send(get(server.url()), [&](HttpResponse r) { responses << r; });
    QTRY_COMPARE_WITH_TIMEOUT(responses.size(), 1, 10000);
    QCOMPARE(errorName(responses.at(0).error), QStringLiteral("Other"));
    QCOMPARE(responses.at(0).status, 0);
    QCOMPARE(server.requests.size(), 51); // the request and 50 redirects
    QCOMPARE(server.accepts, 1);
}

QTEST_GUILESS_MAIN(TestHttp1Client)
#include "tst_http1client.moc"
