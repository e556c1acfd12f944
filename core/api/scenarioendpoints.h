// The scenario endpoints: the seed's /chaos-testing/* (start a built-in mode, stop, status, the result
// files), /api/v1/scenarios (built-in plans, start a plan by name or as a document, status, stop, the last
// run) and /api/v1/reports (list, read and delete report files, and a live window report). Starting, stopping
// and deleting run on the ScenarioService's own thread (the main thread in the app, which writes the
// reports): the handler queues the call there and the answer comes back to the API thread through a channel
// that is closed when the endpoints go, so the API thread never waits for the main thread (which joins the
// API thread on shutdown). Status reads use the service's thread-safe mirrors; report files are read on the
// API's worker pool; the window report is captured and built on the engine thread. Without a ScenarioService
// every route but the window report answers 503 {success:false, error:"scenarios are not enabled"}. Thread
// affinity: the API thread (owned by ApiServer).
#pragma once

#include "crossthreadreply.h"
#include "httpexchange.h"

#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

namespace airm {

class ApiServer;
class ScenarioService;

class ScenarioEndpoints
{
public:
    // service may be null; when set it must outlive the endpoints.
    ScenarioEndpoints(ApiServer &api, ScenarioService *service);
    ~ScenarioEndpoints();
    ScenarioEndpoints(const ScenarioEndpoints &) = delete;
    ScenarioEndpoints &operator=(const ScenarioEndpoints &) = delete;

    // The seed's /chaos-testing/*
    void seedStart(const ExchangePtr &x);
    void seedStop(const ExchangePtr &x);
    void seedStatus(const ExchangePtr &x);
    void seedResults(const ExchangePtr &x);
    void seedResult(const ExchangePtr &x, const QString &name);

    // /api/v1/scenarios
    void plans(const ExchangePtr &x);
    void plan(const ExchangePtr &x, const QString &name);
    void start(const ExchangePtr &x);
    void current(const ExchangePtr &x);
    void stop(const ExchangePtr &x);
    void last(const ExchangePtr &x);

    // /api/v1/reports
    void reports(const ExchangePtr &x);
    void report(const ExchangePtr &x, const QString &name);
    void deleteReport(const ExchangePtr &x, const QString &name);
    void windowReport(const ExchangePtr &x);

private:
    using Work = std::function<QJsonObject(ScenarioService &)>;
    using Done = std::function<void(const QJsonObject &)>;

    // work(service) later on the service's thread, then done(result) on the API thread. Work captures plain
    // values only (nothing of the API's may be destroyed on the service's thread).
    void onService(Work work, Done done);
    // Answers a {status, body, location?} object from a work lambda; logs `what` when status < 400.
    void answer(const ExchangePtr &x, const QJsonObject &reply, const QString &what);
    bool requireService(const ExchangePtr &x);
    // A name with a path or an encoding trick in it is a bad request (400), not a missing file.
    bool checkReportName(const ExchangePtr &x, const QString &name);
    // Reads a listed report file on a worker thread; done(found, content) on the API thread.
    void readReport(const QString &name, std::function<void(bool, const QByteArray &)> done);

    ApiServer &m_api;
    ScenarioService *m_service;
    CrossThreadReply m_reply;
};

} // namespace airm
