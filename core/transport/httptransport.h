// Real HTTP over QNetworkAccessManager.
// Thread affinity: create and use on the engine thread (QNetworkAccessManager is thread-bound).
#pragma once

#include "transport.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;
class QNetworkReply;

namespace airm {

class HttpTransport final : public QObject, public Transport
{
    Q_OBJECT
public:
    explicit HttpTransport(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~HttpTransport() override;

    CallId send(const HttpRequest &request, Callback done) override;
    QStringList abort(CallId id) override;
    int inFlight() const { return int(m_calls.size()); }

private:
    struct Call
    {
        QNetworkReply *reply = nullptr;
        Callback done;
    };
    void finish(CallId id);

    QNetworkAccessManager *m_nam;
    QHash<CallId, Call> m_calls;
    CallId m_nextId = 1;
};

} // namespace airm
