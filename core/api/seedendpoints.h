// The seed's endpoints, with its paths, methods and JSON field names, and its defects fixed: validation
// errors are 400 with a message, failures carry the right status, health is real, nothing is fabricated.
// Thread affinity: the API thread (owned by ApiServer).
#pragma once

#include "httpexchange.h"

namespace airm {

class ApiServer;

class SeedEndpoints
{
public:
    explicit SeedEndpoints(ApiServer &api)
        : m_api(api)
    {}

    void index(const ExchangePtr &x);
    void test(const ExchangePtr &x);
    // allowPrometheus: GET /metrics answers a scraper (Accept preferring text/plain or OpenMetrics) with
    // text.
    void metrics(const ExchangePtr &x, bool allowPrometheus);
    void prometheus(const ExchangePtr &x);
    void breakerStatus(const ExchangePtr &x);
    void breakerReset(const ExchangePtr &x);
    void metricsReset(const ExchangePtr &x);
    void aiHealth(const ExchangePtr &x);
    void ai(const ExchangePtr &x);
    void chaosInject(const ExchangePtr &x);
    void chaosStop(const ExchangePtr &x);
    void chaosStatus(const ExchangePtr &x);
    void apiStatus(const ExchangePtr &x);

private:
    ApiServer &m_api;
};

} // namespace airm
