#include "httpexchange.h"

#include "guardedconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace airm {

HttpExchange::HttpExchange(GuardedConnection *connection, quint64 serial, RequestHead head, QByteArray body,
                           QHostAddress peer, qint64 receivedAtMs)
    : m_connection(connection)
    , m_serial(serial)
    , m_head(std::move(head))
    , m_body(std::move(body))
    , m_peer(std::move(peer))
    , m_receivedAtMs(receivedAtMs)
{}

HttpExchange::~HttpExchange()
{
    if (!m_answered && isWaiting())
        respondJson(QJsonObject{{QStringLiteral("error"), QStringLiteral("Internal Server Error")},
                                {QStringLiteral("message"), QStringLiteral("the request was not answered")}},
                    500);
}

QByteArray HttpExchange::routeMethod() const
{
    return m_head.method == "HEAD" ? QByteArrayLiteral("GET") : m_head.method;
}

QString HttpExchange::path() const
{
    return QUrl::fromPercentEncoding(m_head.path);
}

QUrlQuery HttpExchange::query() const
{
    // '+' means a space in form-encoded queries, which is what curl -G and browsers send.
    QByteArray q = m_head.query;
    q.replace('+', ' ');
    return QUrlQuery(QString::fromUtf8(q));
}

QString HttpExchange::queryValue(const QString &key) const
{
    if (m_head.query.isEmpty()) return {};
    return query().queryItemValue(key, QUrl::FullyDecoded);
}

bool HttpExchange::hasQueryItem(const QString &key) const
{
    return !m_head.query.isEmpty() && query().hasQueryItem(key);
}

bool HttpExchange::isWaiting() const
{
    return !m_answered && m_connection && m_connection->isWaitingFor(m_serial);
}

void HttpExchange::respond(int status, const QByteArray &contentType, const QByteArray &body,
                           const HeaderList &headers)
{
    if (m_answered) return;
    m_answered = true;
    if (m_connection) m_connection->answer(m_serial, status, contentType, body, headers);
}

void HttpExchange::respondJson(const QJsonObject &object, int status, const HeaderList &headers)
{
    respond(status, QByteArrayLiteral("application/json"),
            QJsonDocument(object).toJson(QJsonDocument::Compact), headers);
}

void HttpExchange::respondJson(const QJsonArray &array, int status, const HeaderList &headers)
{
    respond(status, QByteArrayLiteral("application/json"),
            QJsonDocument(array).toJson(QJsonDocument::Compact), headers);
}

} // namespace airm
