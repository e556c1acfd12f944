// Real HTTP. Plain http:// goes through Http1Client (a keep-alive connection pool on this thread); https://
// goes through QNetworkAccessManager, which does TLS. Both report the same TransportError kinds and messages,
// and both follow redirects the way the manager does by default, so providers see the same answers whichever
// path a call took.
// Thread affinity: create and use on the engine thread (the manager and the client are thread-bound).
#pragma once

#include "transport.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace airm {

class Http1Client;

class HttpTransport final : public QObject, public Transport
{
    Q_OBJECT
public:
    // Plain HTTP goes through the client that every transport on this manager shares (sharedHttp1Client()).
    explicit HttpTransport(QNetworkAccessManager *nam, QObject *parent = nullptr);
    // With a null http1 every call goes through the manager.
    HttpTransport(QNetworkAccessManager *nam, Http1Client *http1, QObject *parent = nullptr);
    ~HttpTransport() override;

    CallId send(const HttpRequest &request, Callback done) override;
    QStringList abort(CallId id) override;
    int inFlight() const { return int(m_calls.size()); }

    // The HTTP/1.1 client kept as a child of nam, created on first use: one connection pool per manager,
    // with the manager's thread and lifetime.
    static Http1Client *sharedHttp1Client(QNetworkAccessManager *nam);

private:
    struct Call
    {
        HttpRequest request;            // as sent last (a redirect changes it)
        QNetworkReply *reply = nullptr; // https
        quint64 http1 = 0;              // http: the client's request id
        int redirects = 0;
        Callback done;
    };
    void start(CallId id, Call &call);
    void finishReply(CallId id);
    void finishHttp1(CallId id, HttpResponse response);
    // Sends the call on to a redirect's target; false when the response is not a redirect to follow.
    bool followRedirect(CallId id, Call &call, const HttpResponse &response);

    QNetworkAccessManager *m_nam;
    QPointer<Http1Client> m_http1;
    QHash<CallId, Call> m_calls;
    CallId m_nextId = 1;
};

} // namespace airm
