// What the API tests share: an engine and an API server on their own threads (ApiHost on 127.0.0.1, port 0),
// services that run on a fast simulation or against the loopback mock provider, and a synchronous HTTP client
// (QNetworkAccessManager, or a raw socket for what QNAM will not send). With a report directory it also runs
// a ScenarioService on the test thread (as the app runs it on its main thread), and hands an AlertManager the
// test owns to the API. Header-only; test thread only.
#pragma once

#include "api/apihost.h"
#include "api/apiserver.h"
#include "engine/enginehost.h"
#include "scenarios/scenarioservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <memory>

namespace airm::test {

inline ServiceConfig simulatedService(const QString &name, ProviderKind kind = ProviderKind::Gemini,
                                      int latencyMs = 2)
{
    ServiceConfig c = defaultServiceFor(kind, name);
    c.apiKey.clear();
    c.keyEnv.clear();
    c.simulation.latencyMinMs = latencyMs;
    c.simulation.latencyMaxMs = latencyMs;
    c.simulation.failurePct = 0;
    c.timeoutMs = 5000;
    return c;
}

inline ServiceConfig mockService(const QString &name, ProviderKind kind, const QUrl &base)
{
    ServiceConfig c = defaultServiceFor(kind, name);
    c.baseUrl = base;
    c.apiKey = QStringLiteral("test-key");
    c.keySource = QStringLiteral("config");
    c.keyEnv.clear();
    c.timeoutMs = 5000;
    return c;
}

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) return h.second;
        return {};
    }
};

class ApiRig
{
public:
    // reportDirectory non-empty: a ScenarioService saving its reports there is handed to the API. alerts (not
    // owned, on the test thread) is handed to the API too; it must outlive the rig.
    explicit ApiRig(QList<ServiceConfig> services, ApiSettings settings = {}, EngineConfig engineConfig = {},
                    HistoryProvider *history = nullptr, const QString &reportDirectory = {},
                    AlertManager *alerts = nullptr)
    {
        if (settings.port == 3000) settings.port = 0;
        engineConfig.seed = engineConfig.seed ? engineConfig.seed : 7;
        engine = std::make_unique<EngineHost>(engineConfig, services);
        if (!reportDirectory.isEmpty())
            scenarios = std::make_unique<ScenarioService>(*engine, ReportStore(reportDirectory));
        api = std::make_unique<ApiHost>(engine.get(), settings, history, scenarios.get());
        api->setAlerts(alerts);
        error = api->start();
    }
    ~ApiRig()
    {
        api.reset();
        scenarios.reset(); // a run still going is rolled back on the engine
        engine.reset();
    }

    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(api->port()) + pathAndQuery);
    }

    HttpResult request(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 10000)
    {
        QNetworkRequest req(url(path));
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (const auto &h : headers)
            req.setRawHeader(h.first, h.second);
        QNetworkReply *reply = nam.sendCustomRequest(req, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        HttpResult r;
        if (!finished.wait(timeoutMs)) {
            reply->abort();
            r.error = QNetworkReply::TimeoutError;
            reply->deleteLater();
            return r;
        }
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        r.error = reply->error();
        reply->deleteLater();
        return r;
    }
    HttpResult get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return request("GET", path, {}, headers);
    }
    HttpResult post(const QString &path, const QJsonObject &json,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return request("POST", path, QJsonDocument(json).toJson(QJsonDocument::Compact), headers);
    }
    HttpResult post(const QString &path, const QByteArray &raw,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return request("POST", path, raw, headers);
    }

    // Writes bytes on a fresh connection and reads until the server closes it or timeoutMs passes.
    QByteArray raw(const QByteArray &bytes, int timeoutMs = 5000, bool *closedByServer = nullptr)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, api->port());
        if (!socket.waitForConnected(timeoutMs)) return {};
        socket.write(bytes);
        QByteArray out;
        QElapsedTimer t;
        t.start();
        bool closed = false;
        while (t.elapsed() < timeoutMs) {
            if (socket.state() != QAbstractSocket::ConnectedState) {
                closed = true;
                break;
            }
            (void)QTest::qWaitFor(
                [&] {
                    return socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState;
                },
                int(timeoutMs - t.elapsed()));
            out += socket.readAll();
        }
        out += socket.readAll();
        if (closedByServer) *closedByServer = closed;
        return out;
    }

    ApiServer *server() const { return api->server(); }

    std::unique_ptr<EngineHost> engine;
    std::unique_ptr<ScenarioService> scenarios; // null unless a report directory was given
    std::unique_ptr<ApiHost> api;
    QNetworkAccessManager nam;
    QString error;
};

inline int statusOf(const QByteArray &rawResponse)
{
    return rawResponse.startsWith("HTTP/1.") ? rawResponse.mid(9, 3).toInt() : 0;
}

} // namespace airm::test
