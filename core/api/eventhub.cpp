#include "eventhub.h"

#include "httpguard.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

namespace airm {
namespace {

QSet<QString> typesFromQuery(const QString &query)
{
    QSet<QString> types;
    const QString list = QUrlQuery(query).queryItemValue(QStringLiteral("types"), QUrl::FullyDecoded);
    for (const QString &t : list.split(QLatin1Char(','), Qt::SkipEmptyParts))
        types.insert(t.trimmed());
    return types;
}

} // namespace

EventHub::EventHub(QObject *parent)
    : QObject(parent)
    , m_server(QStringLiteral("ai-resilience-monitor"), QWebSocketServer::NonSecureMode)
{
    m_server.setMaxPendingConnections(kMaxClients);
    connect(&m_server, &QWebSocketServer::newConnection, this, &EventHub::onNewConnection);
}

EventHub::~EventHub()
{
    closeAll();
}

QStringList EventHub::types()
{
    return {QStringLiteral("hello"),         QStringLiteral("request"),     QStringLiteral("breaker"),
            QStringLiteral("chaos_started"), QStringLiteral("chaos_ended"), QStringLiteral("health"),
            QStringLiteral("metrics_reset"), QStringLiteral("alert")};
}

void EventHub::accept(QTcpSocket *socket, const RequestHead &head)
{
    Q_UNUSED(head);
    if (m_clients.size() >= kMaxClients) {
        socket->setParent(this);
        socket->write(HttpGuard::errorResponse(503, "too many event stream clients", true));
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    socket->setParent(this); // until the handshake is done; then the QWebSocket owns it
    m_server.handleConnection(socket);
}

void EventHub::onNewConnection()
{
    while (QWebSocket *ws = m_server.nextPendingConnection()) {
        ws->setParent(this);
        Client c;
        c.socket = ws;
        c.types = typesFromQuery(ws->requestUrl().query());
        m_clients.append(c);
        connect(ws, &QWebSocket::disconnected, this, [this, ws] {
            for (qsizetype i = 0; i < m_clients.size(); ++i)
                if (m_clients[i].socket == ws) {
                    m_clients.removeAt(i);
                    break;
                }
            ws->deleteLater();
        });
        const QJsonObject hello{
            {QStringLiteral("type"), QStringLiteral("hello")},
            {QStringLiteral("seq"), qint64(m_sequence)},
            {QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("version"), QStringLiteral(AIRM_VERSION)},
                         {QStringLiteral("types"), QJsonArray::fromStringList(types())}}}};
        ws->sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
        emit clientConnected();
    }
}

bool EventHub::wants(const QString &type) const
{
    for (const Client &c : m_clients)
        if (c.types.isEmpty() || c.types.contains(type)) return true;
    return false;
}

void EventHub::publish(const QString &type, const QJsonObject &data)
{
    if (!wants(type)) return;
    const QJsonObject event{
        {QStringLiteral("type"), type},
        {QStringLiteral("seq"), qint64(++m_sequence)},
        {QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("data"), data}};
    const QString text = QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
    const QList<Client> clients = m_clients;
    for (const Client &c : clients) {
        if (!c.types.isEmpty() && !c.types.contains(type)) continue;
        const qint64 backlog = c.socket->bytesToWrite();
        if (backlog > kCloseBacklogBytes) {
            c.socket->close(QWebSocketProtocol::CloseCodeTooMuchData, QStringLiteral("client too slow"));
            continue;
        }
        if (backlog > kMaxBacklogBytes) {
            ++m_dropped;
            continue;
        }
        c.socket->sendTextMessage(text);
    }
}

void EventHub::closeAll()
{
    const QList<Client> clients = std::exchange(m_clients, {});
    for (const Client &c : clients) {
        c.socket->disconnect(this);
        c.socket->abort();
        delete c.socket;
    }
    m_server.close();
}

} // namespace airm
