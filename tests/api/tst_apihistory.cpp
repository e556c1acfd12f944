// The history endpoints over a HistoryProvider: the seed's shapes under /api/history and /api/database, the
// resource shapes under /api/v1/history (keyset paging, export as JSON or CSV), parameter validation, POST
// /api/log-request validation and the record it logs, and a failing provider answering 503 without details.
#include "apitestrig.h"

#include "api/historyprovider.h"

#include <QMutex>

using namespace airm;
using namespace airm::test;

namespace {

// Canned answers; remembers the queries (from worker threads, hence the mutex).
class FakeHistory final : public HistoryProvider
{
public:
    ApiHistoryPage requests(const HistoryQuery &q) override
    {
        note(q);
        if (fail) return {{}, {}, QStringLiteral("disk on fire at /var/lib/secret/monitor.db")};
        ApiHistoryPage p;
        p.items.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("1")},
                                   {QStringLiteral("service"), QStringLiteral("gemini")}});
        p.nextCursor = q.cursor.isEmpty() ? QStringLiteral("c1") : QString();
        return p;
    }
    ApiHistoryPage breakerEvents(const HistoryQuery &q) override
    {
        note(q);
        return {{QJsonObject{{QStringLiteral("to"), QStringLiteral("OPEN")}}}, {}, {}};
    }
    ApiHistoryPage chaosExperiments(const HistoryQuery &q) override
    {
        note(q);
        return {{QJsonObject{{QStringLiteral("type"), QStringLiteral("latency")}}}, {}, {}};
    }
    HistoryResult statistics(const HistoryQuery &q) override
    {
        note(q);
        return {QJsonObject{{QStringLiteral("gemini"), QJsonObject{{QStringLiteral("requests"), 10}}}}, {}};
    }
    HistoryResult errorPatterns(const HistoryQuery &q) override
    {
        note(q);
        return {QJsonArray{QJsonObject{{QStringLiteral("errorClass"), QStringLiteral("timeout")}}}, {}};
    }
    HistoryResult trends(const HistoryQuery &q) override
    {
        note(q);
        return {QJsonArray{QJsonObject{{QStringLiteral("requests"), 3}}}, {}};
    }
    HistoryResult databaseStats() override { return {QJsonObject{{QStringLiteral("requests"), 123}}, {}}; }
    QByteArray exportRequests(const HistoryQuery &q, ExportFormat format, QString *nextCursor,
                              QString *) override
    {
        note(q);
        *nextCursor = QStringLiteral("more");
        return format == ExportFormat::Csv ? QByteArray("id,service\r\n1,gemini\r\n")
                                           : QByteArray(R"([{"id":"1"}])");
    }
    qint64 logRequest(const RequestRecord &record, QString *) override
    {
        QMutexLocker lock(&mutex);
        logged << record;
        return 77;
    }
    StorageStatus status() const override { return {}; }

    HistoryQuery last() const
    {
        QMutexLocker lock(&mutex);
        return queries.isEmpty() ? HistoryQuery{} : queries.constLast();
    }

    mutable QMutex mutex;
    QList<HistoryQuery> queries;
    QList<RequestRecord> logged;
    bool fail = false;

private:
    void note(const HistoryQuery &q)
    {
        QMutexLocker lock(&mutex);
        queries << q;
    }
};

QList<ServiceConfig> services()
{
    return {simulatedService(QStringLiteral("gemini"))};
}

} // namespace

class TestApiHistory : public QObject
{
    Q_OBJECT
private slots:
    void seedShapes()
    {
        FakeHistory history;
        ApiRig rig(services(), {}, {}, &history);
        QJsonObject o = rig.get(QStringLiteral("/api/history/requests?limit=5&service=gemini")).json();
        QCOMPARE(o.value(QLatin1String("success")), QJsonValue(true));
        QCOMPARE(o.value(QLatin1String("count")).toInt(), 1);
        QCOMPARE(o.value(QLatin1String("requests")).toArray().size(), 1);
        QCOMPARE(history.last().limit, 5);
        QCOMPARE(history.last().service, QStringLiteral("gemini"));

        o = rig.get(QStringLiteral("/api/history/statistics?hours=6")).json();
        QCOMPARE(o.value(QLatin1String("time_range_hours")).toInt(), 6);
        QVERIFY(o.value(QLatin1String("statistics")).isObject());
        QVERIFY(rig.get(QStringLiteral("/api/history/errors"))
                    .json()
                    .value(QLatin1String("error_patterns"))
                    .isArray());
        o = rig.get(QStringLiteral("/api/history/circuit-breaker")).json();
        QCOMPARE(o.value(QLatin1String("events")).toArray().size(), 1);
        QCOMPARE(history.last().limit, 50); // the seed's default
        o = rig.get(QStringLiteral("/api/history/chaos")).json();
        QCOMPARE(o.value(QLatin1String("experiments")).toArray().size(), 1);
        QCOMPARE(history.last().limit, 20);
        o = rig.get(QStringLiteral("/api/history/trends?hours=2&interval=15")).json();
        QCOMPARE(o.value(QLatin1String("interval_minutes")).toInt(), 15);
        QVERIFY(o.value(QLatin1String("trends")).isArray());
        o = rig.get(QStringLiteral("/api/history/export?hours=1")).json();
        QCOMPARE(o.value(QLatin1String("count")).toInt(), 1);
        QVERIFY(!o.contains(QLatin1String("file"))); // no server paths
        QCOMPARE(rig.get(QStringLiteral("/api/database/stats"))
                     .json()
                     .value(QLatin1String("statistics"))
                     .toObject()
                     .value(QLatin1String("requests"))
                     .toInt(),
                 123);
    }

    void v1ShapesAndPaging()
    {
        FakeHistory history;
        ApiRig rig(services(), {}, {}, &history);
        const QJsonObject first =
            rig
                .get(QStringLiteral(
                    "/api/v1/history/requests?outcome=failure&from=2024-01-01T00:00:00Z&to=1800000000000"))
                .json();
        QCOMPARE(first.value(QLatin1String("items")).toArray().size(), 1);
        QCOMPARE(first.value(QLatin1String("nextCursor")).toString(), QStringLiteral("c1"));
        QCOMPARE(history.last().outcome, QStringLiteral("failure"));
        QCOMPARE(history.last().fromMs, qint64(1704067200000));
        QCOMPARE(history.last().toMs, qint64(1800000000000));
        const QJsonObject second = rig.get(QStringLiteral("/api/v1/history/requests?cursor=c1")).json();
        QVERIFY(second.value(QLatin1String("nextCursor")).isNull());
        QCOMPARE(history.last().cursor, QStringLiteral("c1"));
        QVERIFY(rig.get(QStringLiteral("/api/v1/history/statistics"))
                    .json()
                    .value(QLatin1String("data"))
                    .isObject());
        QVERIFY(
            rig.get(QStringLiteral("/api/v1/history/trends")).json().value(QLatin1String("data")).isArray());
        QVERIFY(
            rig.get(QStringLiteral("/api/v1/history/errors")).json().value(QLatin1String("data")).isArray());
        QCOMPARE(
            rig.get(QStringLiteral("/api/v1/history/breakers")).json().value(QLatin1String("count")).toInt(),
            1);
        QCOMPARE(
            rig.get(QStringLiteral("/api/v1/history/chaos")).json().value(QLatin1String("count")).toInt(), 1);
        QCOMPARE(rig.get(QStringLiteral("/api/v1/database/stats")).status, 200);

        const HttpResult csv = rig.get(QStringLiteral("/api/v1/history/export?format=csv"));
        QCOMPARE(csv.status, 200);
        QCOMPARE(csv.header("Content-Type"), QByteArray("text/csv; charset=utf-8"));
        QCOMPARE(csv.body, QByteArray("id,service\r\n1,gemini\r\n"));
        QCOMPARE(csv.header("X-Next-Cursor"), QByteArray("more"));
        const HttpResult json = rig.get(QStringLiteral("/api/v1/history/export"));
        QCOMPARE(json.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(json.body).array().size(), 1);
    }

    void badParametersAre400_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addRow("limit 0") << QStringLiteral("/api/history/requests?limit=0");
        QTest::addRow("limit text") << QStringLiteral("/api/v1/history/requests?limit=ten");
        QTest::addRow("hours negative") << QStringLiteral("/api/history/statistics?hours=-1");
        QTest::addRow("interval huge") << QStringLiteral("/api/history/trends?interval=99999");
        QTest::addRow("bad service") << QStringLiteral("/api/v1/history/requests?service=Not%20A%20Name");
        QTest::addRow("bad outcome") << QStringLiteral("/api/v1/history/requests?outcome=meh");
        QTest::addRow("bad from") << QStringLiteral("/api/v1/history/requests?from=yesterday");
        QTest::addRow("from after to") << QStringLiteral("/api/v1/history/requests?from=2000&to=1000");
        QTest::addRow("bad format") << QStringLiteral("/api/v1/history/export?format=xml");
    }

    void badParametersAre400()
    {
        QFETCH(QString, path);
        FakeHistory history;
        ApiRig rig(services(), {}, {}, &history);
        const HttpResult r = rig.get(path);
        QCOMPARE(r.status, 400);
        QVERIFY(!r.json().value(QLatin1String("error")).toString().isEmpty());
    }

    void failingStorageIs503WithoutDetails()
    {
        FakeHistory history;
        history.fail = true;
        ApiRig rig(services(), {}, {}, &history);
        for (const char *path : {"/api/history/requests", "/api/v1/history/requests"}) {
            const HttpResult r = rig.get(QString::fromLatin1(path));
            QCOMPARE(r.status, 503);
            QVERIFY(!r.body.contains("/var/lib") && !r.body.contains("fire"));
        }
    }

    void logRequest()
    {
        FakeHistory history;
        ApiRig rig(services(), {}, {}, &history);
        const HttpResult ok =
            rig.post(QStringLiteral("/api/log-request"),
                     QByteArray(R"({"service":"gemini","success":false,"latency":1234.5,"responseSize":0,)"
                                R"("errorType":"timeout","errorMessage":"took too long","prompt":"hi",)"
                                R"("circuitBreakerState":"OPEN","chaosActive":true,"automated":true})"));
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json().value(QLatin1String("request_id")).toInt(), 77);
        QCOMPARE(ok.json().value(QLatin1String("message")).toString(),
                 QStringLiteral("Request logged successfully"));
        QCOMPARE(history.logged.size(), 1);
        const RequestRecord r = history.logged.first();
        QCOMPARE(r.service, QStringLiteral("gemini"));
        QCOMPARE(r.outcome, Outcome::Timeout);
        QCOMPARE(r.errorClass, ErrorClass::Timeout);
        QCOMPARE(r.latencyMs, 1234.5);
        QCOMPARE(r.breakerState, BreakerState::Open);
        QCOMPARE(r.origin, Origin::Automation);
        QVERIFY(r.chaosAffected());
        QCOMPARE(r.prompt, QStringLiteral("hi"));

        for (const QByteArray &bad :
             {QByteArray(R"({"success":true,"latency":1})"),
              QByteArray(R"({"service":"gemini","latency":1})"),
              QByteArray(R"({"service":"gemini","success":"yes","latency":1})"),
              QByteArray(R"({"service":"gemini","success":true,"latency":-1})"),
              QByteArray(R"({"service":"gemini","success":true})"),
              QByteArray(R"({"service":"Gemini!","success":true,"latency":1})"),
              QByteArray(R"({"service":"gemini","success":true,"latency":1,"circuitBreakerState":"AJAR"})"),
              QByteArray(R"({"service":"gemini","success":true,"latency":1,"responseSize":1.5})"),
              QByteArray("{"), QByteArray()}) {
            const HttpResult r2 = rig.post(QStringLiteral("/api/log-request"), bad);
            QVERIFY2(r2.status == 400, bad.constData());
        }
        QCOMPARE(history.logged.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestApiHistory)
#include "tst_apihistory.moc"
