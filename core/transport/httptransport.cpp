#include "httptransport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace airm {
namespace {

TransportError mapError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
        return TransportError::ConnectionRefused;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ProxyConnectionClosedError:
        return TransportError::ConnectionReset;
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyNotFoundError:
        return TransportError::HostNotFound;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::ProxyTimeoutError:
        return TransportError::Timeout;
    case QNetworkReply::OperationCanceledError:
        return TransportError::Aborted;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportError::Tls;
    default:
        return TransportError::Other;
    }
}

} // namespace

HttpTransport::HttpTransport(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{}

HttpTransport::~HttpTransport()
{
    for (auto it = m_calls.begin(); it != m_calls.end(); ++it) {
        it->reply->disconnect(this);
        it->reply->abort();
        it->reply->deleteLater();
    }
}

Transport::CallId HttpTransport::send(const HttpRequest &request, Callback done)
{
    QNetworkRequest req(request.url);
    for (const auto &[name, value] : request.headers)
        req.setRawHeader(name, value);
    if (!request.body.isEmpty() && request.header("Content-Type").isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    // Timeouts belong to the engine (attempt timeout and deadline), not to the network layer.
    req.setTransferTimeout(0);
    QNetworkReply *reply = request.method == "GET" && request.body.isEmpty()
                               ? m_nam->get(req)
                               : m_nam->sendCustomRequest(req, request.method, request.body);
    const CallId id = m_nextId++;
    m_calls.insert(id, Call{reply, std::move(done)});
    connect(reply, &QNetworkReply::finished, this, [this, id] { finish(id); });
    return id;
}

void HttpTransport::finish(CallId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end()) return;
    Call call = std::move(it.value());
    m_calls.erase(it);
    QNetworkReply *reply = call.reply;
    reply->deleteLater();

    HttpResponse response;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid() && status.toInt() > 0) {
        // QNAM reports 4xx/5xx as errors too; an HTTP answer is an answer, the provider classifies it.
        response.status = status.toInt();
        response.headers = reply->rawHeaderPairs();
        response.body = reply->readAll();
    } else {
        response.error = mapError(reply->error());
        response.errorString = reply->errorString();
    }
    call.done(std::move(response));
}

QStringList HttpTransport::abort(CallId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end()) return {};
    QNetworkReply *reply = it->reply;
    m_calls.erase(it);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    return {};
}

} // namespace airm
