#include "httptransport.h"

#include "http1client.h"

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

// Errors of the network layer (1-99): the connection failed, even when a status line had arrived.
bool isNetworkLayerError(QNetworkReply::NetworkError e)
{
    return e > QNetworkReply::NoError && e < QNetworkReply::ProxyConnectionRefusedError;
}

// QNetworkAccessManager's default redirect policy (NoLessSafeRedirectPolicy) and limit, applied to the
// plain-HTTP path so that it answers as the manager did.
constexpr int kMaxRedirects = 50;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

HttpTransport::HttpTransport(QNetworkAccessManager *nam, QObject *parent)
    : HttpTransport(nam, sharedHttp1Client(nam), parent)
{}

HttpTransport::HttpTransport(QNetworkAccessManager *nam, Http1Client *http1, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_http1(http1)
{}

HttpTransport::~HttpTransport()
{
    for (auto it = m_calls.begin(); it != m_calls.end(); ++it) {
        if (it->reply) {
            it->reply->disconnect(this);
            it->reply->abort();
            it->reply->deleteLater();
        } else if (m_http1) {
            m_http1->abort(it->http1);
        }
    }
}

Http1Client *HttpTransport::sharedHttp1Client(QNetworkAccessManager *nam)
{
    if (!nam) return nullptr;
    if (auto *client = nam->findChild<Http1Client *>(QString(), Qt::FindDirectChildrenOnly)) return client;
    return new Http1Client({}, nam);
}

Transport::CallId HttpTransport::send(const HttpRequest &request, Callback done)
{
    const CallId id = m_nextId++;
    Call &call = m_calls[id];
    call.request = request;
    if (!request.body.isEmpty() && request.header("Content-Type").isEmpty())
        call.request.headers.append(
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    call.done = std::move(done);
    start(id, call);
    return id;
}

void HttpTransport::start(CallId id, Call &call)
{
    const HttpRequest &request = call.request;
    if (m_http1 && Http1Client::handles(request.url)) {
        call.reply = nullptr;
        call.http1 = m_http1->send(
            request, [this, id](HttpResponse response) { finishHttp1(id, std::move(response)); });
        return;
    }
    QNetworkRequest req(request.url);
    for (const auto &[name, value] : request.headers)
        req.setRawHeader(name, value);
    // Timeouts belong to the engine (attempt timeout and deadline), not to the network layer.
    req.setTransferTimeout(0);
    call.http1 = 0;
    call.reply = request.method == "GET" && request.body.isEmpty()
                     ? m_nam->get(req)
                     : m_nam->sendCustomRequest(req, request.method, request.body);
    connect(call.reply, &QNetworkReply::finished, this, [this, id] { finishReply(id); });
}

bool HttpTransport::followRedirect(CallId id, Call &call, const HttpResponse &response)
{
    if (!isRedirect(response.status)) return false;
    const QByteArray location = response.header("Location");
    if (location.isEmpty()) return false;
    const QUrl target = call.request.url.resolved(QUrl::fromEncoded(location));
    const QString scheme = target.scheme().toLower();
    HttpResponse failure;
    failure.error = TransportError::Other;
    if (!target.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        failure.errorString = QStringLiteral("Invalid redirect location");
    } else if (++call.redirects > kMaxRedirects) {
        failure.errorString = QStringLiteral("Too many redirects");
    } else {
        call.request.url = target;
        // Like the manager: 307 and 308 repeat the request as it was, the others become a GET (HEAD stays).
        if (response.status != 307 && response.status != 308 && call.request.method != "HEAD") {
            call.request.method = "GET";
            call.request.body.clear();
            call.request.headers.removeIf([](const QPair<QByteArray, QByteArray> &h) {
                return h.first.compare("content-type", Qt::CaseInsensitive) == 0 ||
                       h.first.compare("content-length", Qt::CaseInsensitive) == 0;
            });
        }
        start(id, call);
        return true;
    }
    Callback done = std::move(call.done);
    m_calls.remove(id);
    done(std::move(failure));
    return true;
}

void HttpTransport::finishHttp1(CallId id, HttpResponse response)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end()) return;
    if (followRedirect(id, it.value(), response)) return;
    Callback done = std::move(it->done);
    m_calls.erase(it);
    done(std::move(response));
}

void HttpTransport::finishReply(CallId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end()) return;
    Call call = std::move(it.value());
    m_calls.erase(it);
    QNetworkReply *reply = call.reply;
    reply->deleteLater();

    HttpResponse response;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid() && status.toInt() > 0 && !isNetworkLayerError(reply->error())) {
        // QNAM reports 4xx/5xx as errors too; an HTTP answer is an answer, the provider classifies it.
        response.status = status.toInt();
        response.headers = reply->rawHeaderPairs();
        response.body = reply->readAll();
    } else {
        // No answer, or one cut off mid-body (QNAM keeps the status of a truncated answer).
        response.error = mapError(reply->error());
        response.errorString = reply->errorString();
    }
    call.done(std::move(response));
}

QStringList HttpTransport::abort(CallId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end()) return {};
    Call call = std::move(it.value());
    m_calls.erase(it);
    if (call.reply) {
        call.reply->disconnect(this);
        call.reply->abort();
        call.reply->deleteLater();
    } else if (m_http1) {
        m_http1->abort(call.http1);
    }
    return {};
}

} // namespace airm
