// The versioned resource API under /api/v1: services, breakers, chaos experiments, requests (wait, or 202 and
// poll), automation runs, health, metrics. Errors are {success:false, error, status} with 400 (bad input, the
// message names the field; also an unknown service named in a body), 404 (an unknown service, experiment,
// request or run in the path) or 409 (a state conflict).
// Thread affinity: the API thread (owned by ApiServer).
#pragma once

#include "httpexchange.h"

#include <QJsonObject>
#include <functional>

namespace airm {

class ApiServer;
class RequestEngine;

class V1Endpoints
{
public:
    static constexpr int kFinishedRunsKept = 20;

    explicit V1Endpoints(ApiServer &api)
        : m_api(api)
    {}

    void index(const ExchangePtr &x);
    void services(const ExchangePtr &x);
    void service(const ExchangePtr &x, const QString &name);
    void patchService(const ExchangePtr &x, const QString &name);
    void putService(const ExchangePtr &x, const QString &name);
    void deleteService(const ExchangePtr &x, const QString &name);
    void breakers(const ExchangePtr &x);
    void breaker(const ExchangePtr &x, const QString &service);
    void resetBreaker(const ExchangePtr &x, const QString &service);
    void forceBreaker(const ExchangePtr &x, const QString &service);
    void breakerConfig(const ExchangePtr &x, const QString &service);
    void putBreakerConfig(const ExchangePtr &x, const QString &service);
    void breakerTransitions(const ExchangePtr &x, const QString &service);
    void breakerPresets(const ExchangePtr &x);
    void chaosList(const ExchangePtr &x);
    void chaosCreate(const ExchangePtr &x);
    void chaosGet(const ExchangePtr &x, const QString &id);
    void chaosStop(const ExchangePtr &x, const QString &id);
    void chaosStopAll(const ExchangePtr &x);
    void chaosHistory(const ExchangePtr &x);
    void submitRequest(const ExchangePtr &x);
    void request(const ExchangePtr &x, const QString &id);
    void automationList(const ExchangePtr &x);
    void automationStart(const ExchangePtr &x);
    void automationGet(const ExchangePtr &x, const QString &id);
    void automationStop(const ExchangePtr &x, const QString &id);
    void health(const ExchangePtr &x);
    void metrics(const ExchangePtr &x);
    void metricsSeries(const ExchangePtr &x);
    void metricsReset(const ExchangePtr &x);
    void eventsWithoutUpgrade(const ExchangePtr &x);

private:
    // Runs an engine change and answers with its result: {status, body} objects from the work lambda become
    // the answer; a change that succeeded (status < 400) is logged as `what` and refreshes the snapshot.
    void change(const ExchangePtr &x, const QString &what, std::function<QJsonObject(RequestEngine &)> work);
    // Runs an engine read and answers with the {status, body} it returns.
    void read(const ExchangePtr &x, std::function<QJsonObject(RequestEngine &)> work);

    ApiServer &m_api;
};

} // namespace airm
