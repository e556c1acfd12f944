// The /api/v1/events WebSocket stream. The HTTP guard hands over upgrade requests it has already authorised;
// a non-secure QWebSocketServer completes the handshake on the same port. Every event is one JSON text
// message {type, seq, at, data}; a client may subscribe to some types with ?types=request,breaker. A client
// that does not keep up (more than kMaxBacklogBytes unsent) misses events rather than growing memory, and is
// closed past kCloseBacklogBytes. Thread affinity: the API thread.
#pragma once

#include "requesthead.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QWebSocketServer>

class QTcpSocket;
class QWebSocket;

namespace airm {

class EventHub : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxBacklogBytes = 4 << 20;
    static constexpr qint64 kCloseBacklogBytes = 16 << 20;
    static constexpr int kMaxClients = 64;

    explicit EventHub(QObject *parent = nullptr);
    ~EventHub() override;

    // Takes ownership of socket; its read buffer holds the upgrade request.
    void accept(QTcpSocket *socket, const RequestHead &head);
    bool wants(const QString &type) const; // some client listens for that type
    void publish(const QString &type, const QJsonObject &data);
    int clientCount() const { return int(m_clients.size()); }
    qint64 dropped() const { return m_dropped; }
    void closeAll();

    // Event types (the "type" field).
    static QStringList types();

signals:
    void clientConnected();

private:
    struct Client
    {
        QWebSocket *socket = nullptr;
        QSet<QString> types; // empty: every type
    };
    void onNewConnection();

    QWebSocketServer m_server;
    QList<Client> m_clients;
    quint64 m_sequence = 0;
    qint64 m_dropped = 0;
};

} // namespace airm
