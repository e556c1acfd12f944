// One HTTP request and its answer. Handlers keep the shared pointer for as long as they need (a deferred
// answer waits on the engine); the exchange remembers its connection through a QPointer, so answering after
// the client left is a harmless no-op rather than a use-after-free (the pattern qt64-notes 3.6 prescribes).
// An exchange destroyed unanswered while its client still waits answers 500, so no client hangs on a bug.
// Thread affinity: the API thread.
#pragma once

#include "httphandler.h"
#include "requesthead.h"

#include <QByteArray>
#include <QHostAddress>
#include <QPointer>
#include <QString>
#include <QUrlQuery>
#include <memory>

class QJsonObject;
class QJsonArray;

namespace airm {

class GuardedConnection;

class HttpExchange
{
public:
    HttpExchange(GuardedConnection *connection, quint64 serial, RequestHead head, QByteArray body,
                 QHostAddress peer, qint64 receivedAtMs);
    ~HttpExchange();
    HttpExchange(const HttpExchange &) = delete;
    HttpExchange &operator=(const HttpExchange &) = delete;

    const RequestHead &head() const { return m_head; }
    const QByteArray &method() const { return m_head.method; }
    // The method that selects a route: HEAD is answered as GET without the body.
    QByteArray routeMethod() const;
    const QByteArray &rawPath() const { return m_head.path; }
    QString path() const; // percent-decoded
    QUrlQuery query() const;
    QString queryValue(const QString &key) const; // decoded, empty when absent
    bool hasQueryItem(const QString &key) const;
    QByteArray header(const QByteArray &lowerName) const { return m_head.header(lowerName); }
    const QByteArray &body() const { return m_body; }
    const QHostAddress &peer() const { return m_peer; }
    qint64 receivedAtMs() const { return m_receivedAtMs; }

    // The client still waits for this answer (its connection is open and has not been answered).
    bool isWaiting() const;
    bool isAnswered() const { return m_answered; }

    void respond(int status, const QByteArray &contentType, const QByteArray &body,
                 const HeaderList &headers = {});
    void respondJson(const QJsonObject &object, int status = 200, const HeaderList &headers = {});
    void respondJson(const QJsonArray &array, int status = 200, const HeaderList &headers = {});

private:
    QPointer<GuardedConnection> m_connection;
    quint64 m_serial;
    RequestHead m_head;
    QByteArray m_body;
    QHostAddress m_peer;
    qint64 m_receivedAtMs;
    bool m_answered = false;
};

using ExchangePtr = std::shared_ptr<HttpExchange>;

} // namespace airm
