// ApiJson: the POST /ai answer (written by hand with JsonWriter, not through QJsonObject) carries every field
// of the seed's answer and ours, with the right types, for success and failure.
#include "api/apijson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace airm;

class TestApiJson : public QObject
{
    Q_OBJECT

private slots:
    void aiAnswerHasEveryFieldOfTheSeedAndOurs()
    {
        RequestRecord r;
        r.id = 42;
        r.service = QStringLiteral("gemini");
        r.servedBy = QStringLiteral("cohere");
        r.model = QStringLiteral("m\"1");
        r.outcome = Outcome::Success;
        r.latencyMs = 12.5;
        r.attempts = 2;
        r.fallbackUsed = true;
        r.chaosIds = {QStringLiteral("c1")};
        r.inputTokens = 3;
        r.outputTokens = 9;
        r.costUsd = 0.00012;
        r.httpStatus = 200;
        r.responseText = QStringLiteral("line\nbreak");
        r.finishedAtMs = 1'714'564'800'123;
        r.retryAfterMs = 1500;
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(ApiJson::aiAnswer(r), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QLatin1String("success")), QJsonValue(true));
        QCOMPARE(o.value(QLatin1String("service")).toString(), QStringLiteral("gemini"));
        QCOMPARE(o.value(QLatin1String("servedBy")).toString(), QStringLiteral("cohere"));
        QCOMPARE(o.value(QLatin1String("model")).toString(), QStringLiteral("m\"1"));
        QCOMPARE(o.value(QLatin1String("latency")).toDouble(), 12.5);
        QCOMPARE(o.value(QLatin1String("timestamp")).toString(), QStringLiteral("2024-05-01T12:00:00.123Z"));
        QCOMPARE(o.value(QLatin1String("isRealAPI")), QJsonValue(true));
        QCOMPARE(o.value(QLatin1String("requestId")).toString(), QStringLiteral("42"));
        QCOMPARE(o.value(QLatin1String("outcome")).toString(), QStringLiteral("success"));
        QCOMPARE(o.value(QLatin1String("attempts")).toInt(), 2);
        QCOMPARE(o.value(QLatin1String("fallbackUsed")), QJsonValue(true));
        QCOMPARE(o.value(QLatin1String("chaosIds")).toArray(), QJsonArray{QStringLiteral("c1")});
        QCOMPARE(o.value(QLatin1String("simulated")), QJsonValue(false));
        QCOMPARE(o.value(QLatin1String("tokens")).toObject(),
                 (QJsonObject{{QStringLiteral("input"), 3}, {QStringLiteral("output"), 9}}));
        QCOMPARE(o.value(QLatin1String("costUsd")).toDouble(), 0.00012);
        QCOMPARE(o.value(QLatin1String("httpStatus")).toInt(), 200);
        QCOMPARE(o.value(QLatin1String("response")).toString(), QStringLiteral("line\nbreak"));
        QCOMPARE(o.value(QLatin1String("retryAfterMs")).toInt(), 1500);
        QVERIFY(!o.contains(QLatin1String("error")));

        r.outcome = Outcome::Failure;
        r.errorClass = ErrorClass::ServerError;
        r.errorMessage = QStringLiteral("HTTP 500");
        r.retryAfterMs = -1;
        const QJsonObject failed = QJsonDocument::fromJson(ApiJson::aiAnswer(r)).object();
        QCOMPARE(failed.value(QLatin1String("success")), QJsonValue(false));
        QCOMPARE(failed.value(QLatin1String("error")).toString(), QStringLiteral("HTTP 500"));
        QVERIFY(!failed.contains(QLatin1String("response")));
        QVERIFY(!failed.contains(QLatin1String("retryAfterMs")));
    }
};

QTEST_GUILESS_MAIN(TestApiJson)
#include "tst_apijson.moc"
