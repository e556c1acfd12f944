// The history endpoints, seed-shaped under /api/history and /api/database, resource-shaped under
// /api/v1/history, plus POST /api/log-request. Each query runs on a worker thread (the provider does SQL) and
// answers later through the exchange. Without a provider they answer 503 {success:false, error:"history
// storage is not enabled"}; a failing query answers 503 with a generic message (details go to the log).
// Thread affinity: the API thread (owned by ApiServer).
#pragma once

#include "historyprovider.h"
#include "httpexchange.h"

namespace airm {

class ApiServer;

class HistoryEndpoints
{
public:
    enum class Query { Requests, Statistics, Errors, Breakers, Chaos, Trends, Export, Database };

    explicit HistoryEndpoints(ApiServer &api)
        : m_api(api)
    {}

    void seed(const ExchangePtr &x, Query query);
    void v1(const ExchangePtr &x, Query query);
    void logRequest(const ExchangePtr &x);

private:
    // Reads the query string into *out; answers 400 and returns false on a bad parameter.
    bool parse(const ExchangePtr &x, Query query, bool v1, HistoryQuery *out);
    bool requireProvider(const ExchangePtr &x);
    void failed(const ExchangePtr &x, const QString &detail);

    ApiServer &m_api;
};

} // namespace airm
