// The wire side of the mock provider server: a small HTTP/1.1 server on 127.0.0.1 that hands each complete
// request to a handler, which answers right away, later, or never (it drops the connection). Keep-alive,
// Content-Length request bodies, Connection: close and HTTP/1.0, HEAD, Expect: 100-continue; one request at a
// time per connection, so pipelined requests are answered in order. It replaced QHttpServer 6.4, which reads
// every request head one byte at a time and so made the mock, not the engine, the bottleneck of the loopback
// benchmark. Thread affinity: create, use and destroy on one thread, which then serves.
#pragma once

#include "transport/httpmessage.h"

#include <QPointer>
#include <QTcpServer>

#include <functional>

namespace airm::test {

class MockHttpConnection;

class MockHttpServer final : public QTcpServer
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;    // still percent-encoded, without the query
        QByteArray query;   // raw, without '?'; empty when absent
        HeaderList headers; // names lower-cased, values trimmed, in order
        QByteArray body;

        QByteArray header(const QByteArray &lowerName) const; // empty if absent
    };

    // Answers one request. Copies are cheap; answering after the client left, or a second time, does nothing.
    class Responder
    {
    public:
        Responder() = default;
        bool isWaiting() const;
        // Status line, the headers, Content-Length, then the body (left out when answering HEAD).
        void respond(int status, const HeaderList &headers, const QByteArray &body) const;
        // Closes the connection without an answer.
        void drop() const;

    private:
        friend class MockHttpConnection;
        Responder(MockHttpConnection *connection, quint64 serial);
        QPointer<QObject> m_connection;
        quint64 m_serial = 0;
    };

    using Handler = std::function<void(Request &&request, const Responder &responder)>;

    explicit MockHttpServer(Handler handler, QObject *parent = nullptr);
    ~MockHttpServer() override;

    // Listens on 127.0.0.1 with a port the system picks; returns it, or 0 on failure.
    quint16 listenOnLoopback();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    Handler m_handler;
};

} // namespace airm::test
