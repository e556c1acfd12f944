// What the HTTP guard asks the API about each request: before the body is read, whether to pass it on (with
// extra answer headers such as CORS), answer it right away (401, 403, a CORS preflight) or hand the socket to
// the WebSocket server; and, once the whole request is in, to handle it. Implemented by ApiServer.
// Thread affinity: called on the guard's thread (the API thread).
#pragma once

#include "requesthead.h"
#include "transport/httpmessage.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <memory>

class QTcpSocket;

namespace airm {

class HttpExchange;

class HttpHandler
{
public:
    struct Decision
    {
        enum class Action { Pass, Respond, UpgradeWebSocket };
        Action action = Action::Pass;
        // Respond: the answer. Pass: only responseHeaders apply, added to the handler's answer.
        int status = 200;
        QByteArray contentType;
        QByteArray body;
        HeaderList responseHeaders;
    };

    virtual ~HttpHandler() = default;
    virtual Decision decide(const RequestHead &head, const QHostAddress &peer) = 0;
    // The complete request. Answer now or later through the exchange; it may outlive the connection.
    virtual void handle(const std::shared_ptr<HttpExchange> &exchange) = 0;
    // Takes ownership of socket, whose read buffer still holds the whole upgrade request.
    virtual void acceptWebSocket(QTcpSocket *socket, const RequestHead &head) = 0;
};

} // namespace airm
