#include "historyendpoints.h"

#include "apijson.h"
#include "apiserver.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QtConcurrent>

namespace airm {
namespace {

struct ExportResult
{
    QByteArray bytes;
    QString nextCursor;
    QString error;
};

struct LogResult
{
    qint64 id = 0;
    QString error;
};

// Runs work on the API's worker pool and done(result) back on the API thread.
template<typename Result>
void onWorker(ApiServer &api, std::function<Result()> work, std::function<void(const Result &)> done)
{
    auto *watcher = new QFutureWatcher<Result>(&api);
    QObject::connect(watcher, &QFutureWatcherBase::finished, &api, [watcher, done = std::move(done)] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&api.workers(), std::move(work)));
}

int defaultLimit(HistoryEndpoints::Query q, bool v1)
{
    if (v1) return 100;
    switch (q) {
    case HistoryEndpoints::Query::Breakers:
        return 50; // the seed's defaults
    case HistoryEndpoints::Query::Chaos:
        return 20;
    case HistoryEndpoints::Query::Export:
        return 10'000;
    default:
        return 100;
    }
}

} // namespace

bool HistoryEndpoints::parse(const ExchangePtr &x, Query q, bool v1, HistoryQuery *out)
{
    HistoryQuery h;
    h.limit = defaultLimit(q, v1);
    const int maxLimit = q == Query::Export ? 100'000 : 1000;
    const auto integer = [&](const QString &name, int min, int max, int *value) {
        if (!x->hasQueryItem(name)) return true;
        bool ok = false;
        const qint64 v = x->queryValue(name).toLongLong(&ok);
        if (!ok || v < min || v > max) {
            ApiServer::fail(
                x, 400,
                QStringLiteral("%1 must be an integer between %2 and %3").arg(name).arg(min).arg(max));
            return false;
        }
        *value = int(v);
        return true;
    };
    if (!integer(QStringLiteral("limit"), 1, maxLimit, &h.limit) ||
        !integer(QStringLiteral("hours"), 1, 24 * 366, &h.hours) ||
        !integer(QStringLiteral("interval"), 1, 24 * 60, &h.intervalMinutes))
        return false;
    h.service = x->queryValue(QStringLiteral("service"));
    if (!h.service.isEmpty() && h.service != QLatin1String("all") && !isValidServiceName(h.service)) {
        ApiServer::fail(x, 400, QStringLiteral("service must match [a-z0-9][a-z0-9_-]{0,63}"));
        return false;
    }
    if (h.service == QLatin1String("all")) h.service.clear();
    if (v1) {
        h.cursor = x->queryValue(QStringLiteral("cursor"));
        h.outcome = x->queryValue(QStringLiteral("outcome"));
        if (!h.outcome.isEmpty() && !outcomeFromString(h.outcome)) {
            ApiServer::fail(x, 400,
                            QStringLiteral("outcome must be one of success, failure, rejected, timeout"));
            return false;
        }
        for (const auto &[name, target] :
             {std::pair{QStringLiteral("from"), &h.fromMs}, std::pair{QStringLiteral("to"), &h.toMs}}) {
            if (!x->hasQueryItem(name)) continue;
            if (!ApiJson::readTime(x->queryValue(name), target)) {
                ApiServer::fail(
                    x, 400,
                    QStringLiteral("%1 must be milliseconds since the epoch or an ISO 8601 time").arg(name));
                return false;
            }
        }
        if (h.fromMs >= 0 && h.toMs >= 0 && h.fromMs > h.toMs) {
            ApiServer::fail(x, 400, QStringLiteral("from must not be after to"));
            return false;
        }
    }
    *out = h;
    return true;
}

bool HistoryEndpoints::requireProvider(const ExchangePtr &x)
{
    if (m_api.history()) return true;
    ApiServer::fail(x, 503, QStringLiteral("history storage is not enabled"));
    return false;
}

void HistoryEndpoints::failed(const ExchangePtr &x, const QString &detail)
{
    qCWarning(lcApi).noquote() << QStringLiteral("history query %1 failed: %2").arg(x->path(), detail);
    ApiServer::fail(x, 503, QStringLiteral("the history query failed; see the service log"));
}

void HistoryEndpoints::seed(const ExchangePtr &x, Query q)
{
    HistoryQuery query;
    if (!requireProvider(x) || !parse(x, q, false, &query)) return;
    HistoryProvider *p = m_api.history();
    const auto page = [&](std::function<ApiHistoryPage()> work, const QString &field) {
        onWorker<ApiHistoryPage>(m_api, std::move(work), [this, x, field](const ApiHistoryPage &r) {
            if (!r.error.isEmpty()) return failed(x, r.error);
            QJsonObject o{{QStringLiteral("success"), true},
                          {QStringLiteral("count"), r.items.size()},
                          {field, r.items}};
            if (!r.nextCursor.isEmpty()) o.insert(QStringLiteral("nextCursor"), r.nextCursor);
            x->respondJson(o);
        });
    };
    const auto aggregate = [&](std::function<HistoryResult()> work, const QString &field, bool interval) {
        onWorker<HistoryResult>(m_api, std::move(work),
                                [this, x, field, query, interval](const HistoryResult &r) {
                                    if (!r.error.isEmpty()) return failed(x, r.error);
                                    QJsonObject o{{QStringLiteral("success"), true},
                                                  {QStringLiteral("time_range_hours"), query.hours},
                                                  {field, r.data}};
                                    if (interval)
                                        o.insert(QStringLiteral("interval_minutes"), query.intervalMinutes);
                                    x->respondJson(o);
                                });
    };
    switch (q) {
    case Query::Requests:
        page([p, query] { return p->requests(query); }, QStringLiteral("requests"));
        return;
    case Query::Breakers:
        page([p, query] { return p->breakerEvents(query); }, QStringLiteral("events"));
        return;
    case Query::Chaos:
        page([p, query] { return p->chaosExperiments(query); }, QStringLiteral("experiments"));
        return;
    case Query::Statistics:
        aggregate([p, query] { return p->statistics(query); }, QStringLiteral("statistics"), false);
        return;
    case Query::Errors:
        aggregate([p, query] { return p->errorPatterns(query); }, QStringLiteral("error_patterns"), false);
        return;
    case Query::Trends:
        aggregate([p, query] { return p->trends(query); }, QStringLiteral("trends"), true);
        return;
    case Query::Database:
        onWorker<HistoryResult>(
            m_api, [p] { return p->databaseStats(); },
            [this, x](const HistoryResult &r) {
                if (!r.error.isEmpty()) return failed(x, r.error);
                x->respondJson(
                    QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("statistics"), r.data}});
            });
        return;
    case Query::Export:
        // The seed wrote a file on the server and answered its path; this answers the data itself.
        onWorker<ExportResult>(
            m_api,
            [p, query] {
                ExportResult r;
                r.bytes =
                    p->exportRequests(query, HistoryProvider::ExportFormat::Json, &r.nextCursor, &r.error);
                return r;
            },
            [this, x, query](const ExportResult &r) {
                if (!r.error.isEmpty()) return failed(x, r.error);
                const QJsonArray rows = QJsonDocument::fromJson(r.bytes).array();
                QJsonObject o{
                    {QStringLiteral("success"), true},
                    {QStringLiteral("time_range_hours"), query.hours},
                    {QStringLiteral("exportedAt"),
                     ApiJson::isoUtcString(QDateTime::currentMSecsSinceEpoch())},
                    {QStringLiteral("count"), rows.size()},
                    {QStringLiteral("requests"), rows},
                    {QStringLiteral("message"), QStringLiteral("Exported %1 requests").arg(rows.size())}};
                if (!r.nextCursor.isEmpty()) o.insert(QStringLiteral("nextCursor"), r.nextCursor);
                x->respondJson(o);
            });
        return;
    }
}

void HistoryEndpoints::v1(const ExchangePtr &x, Query q)
{
    HistoryQuery query;
    if (!requireProvider(x) || !parse(x, q, true, &query)) return;
    HistoryProvider *p = m_api.history();
    const auto page = [&](std::function<ApiHistoryPage()> work) {
        onWorker<ApiHistoryPage>(m_api, std::move(work), [this, x](const ApiHistoryPage &r) {
            if (!r.error.isEmpty()) return failed(x, r.error);
            x->respondJson(QJsonObject{{QStringLiteral("items"), r.items},
                                       {QStringLiteral("count"), r.items.size()},
                                       {QStringLiteral("nextCursor"),
                                        r.nextCursor.isEmpty() ? QJsonValue() : QJsonValue(r.nextCursor)}});
        });
    };
    const auto aggregate = [&](std::function<HistoryResult()> work) {
        onWorker<HistoryResult>(m_api, std::move(work), [this, x, query](const HistoryResult &r) {
            if (!r.error.isEmpty()) return failed(x, r.error);
            x->respondJson(QJsonObject{{QStringLiteral("hours"), query.hours},
                                       {QStringLiteral("intervalMinutes"), query.intervalMinutes},
                                       {QStringLiteral("data"), r.data}});
        });
    };
    switch (q) {
    case Query::Requests:
        page([p, query] { return p->requests(query); });
        return;
    case Query::Breakers:
        page([p, query] { return p->breakerEvents(query); });
        return;
    case Query::Chaos:
        page([p, query] { return p->chaosExperiments(query); });
        return;
    case Query::Statistics:
        aggregate([p, query] { return p->statistics(query); });
        return;
    case Query::Errors:
        aggregate([p, query] { return p->errorPatterns(query); });
        return;
    case Query::Trends:
        aggregate([p, query] { return p->trends(query); });
        return;
    case Query::Database:
        onWorker<HistoryResult>(
            m_api, [p] { return p->databaseStats(); },
            [this, x](const HistoryResult &r) {
                if (!r.error.isEmpty()) return failed(x, r.error);
                x->respondJson(QJsonObject{{QStringLiteral("statistics"), r.data}});
            });
        return;
    case Query::Export: {
        const QString format = x->queryValue(QStringLiteral("format")).toLower();
        if (!format.isEmpty() && format != QLatin1String("json") && format != QLatin1String("csv")) {
            ApiServer::fail(x, 400, QStringLiteral("format must be json or csv"));
            return;
        }
        const bool csv = format == QLatin1String("csv");
        onWorker<ExportResult>(
            m_api,
            [p, query, csv] {
                ExportResult r;
                r.bytes = p->exportRequests(
                    query, csv ? HistoryProvider::ExportFormat::Csv : HistoryProvider::ExportFormat::Json,
                    &r.nextCursor, &r.error);
                return r;
            },
            [this, x, csv](const ExportResult &r) {
                if (!r.error.isEmpty()) return failed(x, r.error);
                HeaderList headers{{"Content-Disposition", csv ? "attachment; filename=\"requests.csv\""
                                                               : "attachment; filename=\"requests.json\""}};
                if (!r.nextCursor.isEmpty()) headers.emplaceBack("X-Next-Cursor", r.nextCursor.toUtf8());
                x->respond(200, csv ? "text/csv; charset=utf-8" : "application/json", r.bytes, headers);
            });
        return;
    }
    }
}

void HistoryEndpoints::logRequest(const ExchangePtr &x)
{
    QJsonObject body;
    if (!ApiServer::readJsonObject(x, &body, false)) return;
    QString error;
    const std::optional<RequestRecord> record =
        ApiJson::loggedRequest(body, QDateTime::currentMSecsSinceEpoch(), &error);
    if (!record) {
        ApiServer::fail(x, 400, error);
        return;
    }
    if (!requireProvider(x)) return;
    HistoryProvider *p = m_api.history();
    onWorker<LogResult>(
        m_api,
        [p, r = *record] {
            LogResult result;
            result.id = p->logRequest(r, &result.error);
            return result;
        },
        [this, x](const LogResult &r) {
            if (!r.error.isEmpty() || r.id <= 0)
                return failed(x, r.error.isEmpty() ? QStringLiteral("no id") : r.error);
            x->respondJson(
                QJsonObject{{QStringLiteral("success"), true},
                            {QStringLiteral("request_id"), r.id},
                            {QStringLiteral("message"), QStringLiteral("Request logged successfully")}});
        });
}

} // namespace airm
