#include "mockhttpserver.h"

#include "api/httpguard.h"
#include "api/requesthead.h"
#include "transport/socketwrite.h"

#include <QTcpSocket>

#include <cstring>

namespace airm::test {
namespace {

constexpr qsizetype kMaxHeadBytes = 64 << 10;

// Index just past the "\r\n\r\n" that ends a request head, or -1.
qsizetype findHeadEnd(const QByteArray &data, qsizetype from)
{
    const qsizetype at = data.indexOf("\r\n\r\n", from);
    return at < 0 ? -1 : at + 4;
}

} // namespace

// One accepted connection: reads a request, hands it over, waits for its answer, then reads the next.
class MockHttpConnection final : public QObject
{
public:
    MockHttpConnection(qintptr descriptor, const MockHttpServer::Handler &handler, QObject *parent)
        : QObject(parent)
        , m_socket(new QTcpSocket(this))
        , m_handler(handler)
    {
        m_socket->setSocketDescriptor(descriptor);
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { process(); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { finish(); });
        if (m_socket->state() != QAbstractSocket::ConnectedState) finish();
    }

    bool isWaitingFor(quint64 serial) const
    {
        return m_waiting && serial == m_serial && m_socket->state() == QAbstractSocket::ConnectedState;
    }

    void answer(quint64 serial, int status, const HeaderList &headers, const QByteArray &body)
    {
        if (!isWaitingFor(serial)) return;
        m_waiting = false;
        const QByteArray reason = HttpGuard::reasonPhrase(status);
        QByteArray out;
        out.reserve(64 + reason.size() + body.size() + headers.size() * 32);
        out += "HTTP/1.1 ";
        out += QByteArray::number(status);
        out += ' ';
        out += reason;
        out += "\r\n";
        for (const auto &[name, value] : headers) {
            out += name;
            out += ": ";
            out += value;
            out += "\r\n";
        }
        out += "Content-Length: ";
        out += QByteArray::number(body.size());
        out += "\r\n";
        if (m_closeAfterAnswer) out += "Connection: close\r\n";
        out += "\r\n";
        if (!m_headRequest) out += body;
        write(out);
        if (m_closeAfterAnswer) {
            m_socket->disconnectFromHost(); // after the answer has gone out
            return;
        }
        if (!m_processing) process(); // a deferred answer: a pipelined request may be waiting
    }

    void drop(quint64 serial)
    {
        if (!isWaitingFor(serial)) return;
        m_waiting = false;
        m_socket->abort();
        finish();
    }

private:
    void write(const QByteArray &bytes)
    {
        writeNow(m_socket, bytes);
        m_socket->flush(); // now, not on the next event-loop turn
    }

    void fail(int status, const QByteArray &reason)
    {
        m_closeAfterAnswer = true;
        m_headRequest = false;
        m_waiting = true;
        answer(m_serial, status, {{"Content-Type", "application/json"}}, "{\"error\":\"" + reason + "\"}");
    }

    void process()
    {
        if (m_processing) return;
        m_processing = true;
        m_in += m_socket->readAll();
        while (!m_waiting && m_socket->state() == QAbstractSocket::ConnectedState) {
            if (!m_haveHead) {
                const qsizetype end = findHeadEnd(m_in, m_scanned);
                if (end < 0) {
                    if (m_in.size() > kMaxHeadBytes) fail(431, "request head too large");
                    m_scanned = std::max<qsizetype>(0, m_in.size() - 3);
                    break;
                }
                int status = 400;
                QByteArray reason;
                if (!RequestHead::parse(m_in.constData(), end, &m_head, &status, &reason)) {
                    fail(status, reason);
                    break;
                }
                if (m_head.chunked) {
                    fail(411, "chunked request bodies are not supported by the mock");
                    break;
                }
                m_haveHead = true;
                m_scanned = 0;
                m_continueSent = false;
            }
            const qsizetype bodyLength = qsizetype(std::max<qint64>(0, m_head.contentLength));
            const qsizetype needed = m_head.size + bodyLength;
            if (m_in.size() < needed) {
                if (m_head.expectContinue && !m_continueSent) {
                    write("HTTP/1.1 100 Continue\r\n\r\n");
                    m_continueSent = true;
                }
                break;
            }
            MockHttpServer::Request request{m_head.method, m_head.path, m_head.query,
                                            std::move(m_head.headers), m_in.mid(m_head.size, bodyLength)};
            m_in.remove(0, needed);
            m_haveHead = false;
            m_waiting = true;
            m_closeAfterAnswer = m_head.closeRequested;
            m_headRequest = m_head.method == "HEAD";
            ++m_serial;
            m_handler(std::move(request), MockHttpServer::Responder(this, m_serial));
        }
        m_processing = false;
    }

    void finish()
    {
        if (m_finished) return;
        m_finished = true;
        m_waiting = false;
        m_socket->disconnect(this);
        deleteLater();
    }

    QTcpSocket *m_socket;
    const MockHttpServer::Handler &m_handler;
    QByteArray m_in;
    qsizetype m_scanned = 0; // bytes of m_in known not to end a head
    RequestHead m_head;
    bool m_haveHead = false;
    bool m_continueSent = false;
    bool m_waiting = false; // a request was handed over and is not answered yet
    bool m_processing = false;
    bool m_closeAfterAnswer = false;
    bool m_headRequest = false;
    bool m_finished = false;
    quint64 m_serial = 0;
};

QByteArray MockHttpServer::Request::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerName) return value;
    return {};
}

MockHttpServer::Responder::Responder(MockHttpConnection *connection, quint64 serial)
    : m_connection(connection)
    , m_serial(serial)
{}

bool MockHttpServer::Responder::isWaiting() const
{
    const auto *connection = static_cast<MockHttpConnection *>(m_connection.data());
    return connection && connection->isWaitingFor(m_serial);
}

void MockHttpServer::Responder::respond(int status, const HeaderList &headers, const QByteArray &body) const
{
    if (auto *connection = static_cast<MockHttpConnection *>(m_connection.data()))
        connection->answer(m_serial, status, headers, body);
}

void MockHttpServer::Responder::drop() const
{
    if (auto *connection = static_cast<MockHttpConnection *>(m_connection.data())) connection->drop(m_serial);
}

MockHttpServer::MockHttpServer(Handler handler, QObject *parent)
    : QTcpServer(parent)
    , m_handler(std::move(handler))
{}

MockHttpServer::~MockHttpServer()
{
    // Connections are children and reference the handler: they go first.
    const QObjectList children = this->children();
    for (QObject *child : children)
        delete dynamic_cast<MockHttpConnection *>(child);
}

quint16 MockHttpServer::listenOnLoopback()
{
    if (!listen(QHostAddress::LocalHost, 0)) {
        qWarning("MockHttpServer: listen failed: %s", qPrintable(errorString()));
        return 0;
    }
    return serverPort();
}

void MockHttpServer::incomingConnection(qintptr descriptor)
{
    new MockHttpConnection(descriptor, m_handler, this);
}

} // namespace airm::test
