// The alert endpoints under /api/v1/alerts: the recent alerts with their delivery status and the counters,
// the alert rules and channels (read redacted, changed by a partial update), and a test alert through one
// channel. The AlertManager lives on another thread (the main thread in the app): every call, reads included,
// is queued there and the answer comes back to the API thread through a channel that is closed when the
// endpoints go, so the API thread never waits for the manager's thread (which joins the API thread on
// shutdown). Webhook URLs carry secrets (Slack's token is in the path): they are never answered in full, and
// a redacted URL sent back is never stored. Without an AlertManager every route answers 503 {success:false,
// error:"alerts are not enabled"}. Thread affinity: the API thread (owned by ApiServer).
#pragma once

#include "crossthreadreply.h"
#include "httpexchange.h"

#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

namespace airm {

class AlertManager;
class ApiServer;

class AlertEndpoints
{
public:
    // manager may be null; when set it must outlive the endpoints or be destroyed on its own thread after
    // them (queued calls to a destroyed manager are dropped, their requests answered 500 when the endpoints
    // go).
    AlertEndpoints(ApiServer &api, AlertManager *manager);
    ~AlertEndpoints();
    AlertEndpoints(const AlertEndpoints &) = delete;
    AlertEndpoints &operator=(const AlertEndpoints &) = delete;

    void alerts(const ExchangePtr &x);    // GET /api/v1/alerts[?limit=1..200&severity=...]
    void config(const ExchangePtr &x);    // GET /api/v1/alerts/config
    void putConfig(const ExchangePtr &x); // PUT /api/v1/alerts/config
    void test(const ExchangePtr &x);      // POST /api/v1/alerts/test

private:
    using Work = std::function<QJsonObject(AlertManager &)>;
    using Done = std::function<void(const QJsonObject &)>;

    // work(manager) later on the manager's thread, then the {status, body} it returns is answered on the API
    // thread; `what` is logged as a change when the status is below 400. Work captures plain values only.
    void onManager(const ExchangePtr &x, Work work, const QString &what = {});
    bool requireManager(const ExchangePtr &x);

    ApiServer &m_api;
    AlertManager *m_manager;
    CrossThreadReply m_reply;
};

} // namespace airm
