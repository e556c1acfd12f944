// The API part of the config file: corsOrigins (exact origins only, never "*"), maxBodyBytes, idleTimeoutMs
// and maxConnections, with errors that name the field.
#include "settings/appconfig.h"

#include <QJsonDocument>
#include <QTest>

using namespace airm;

class TestApiConfig : public QObject
{
    Q_OBJECT
private slots:
    void apiFieldsAreRead()
    {
        AppConfig c;
        const QString error = c.mergeJson(
            QJsonDocument::fromJson(
                "{\"api\":{\"bind\":\"127.0.0.1\",\"port\":8080,\n            \"corsOrigins\":[\"https:/"
                "/dash.example:8443\",\"http:/"
                "/localhost:5173\"],\n            "
                "\"maxBodyBytes\":65536,\"idleTimeoutMs\":5000,\"maxConnections\":32}}")
                .object());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.api.port, 8080);
        QCOMPARE(c.api.corsOrigins, (QStringList{QStringLiteral("https://dash.example:8443"),
                                                 QStringLiteral("http://localhost:5173")}));
        QCOMPARE(c.api.maxBodyBytes, 65536);
        QCOMPARE(c.api.idleTimeoutMs, 5000);
        QCOMPARE(c.api.maxConnections, 32);
    }

    void badApiFieldsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addRow("wildcard origin")
            << QByteArray(R"({"api":{"corsOrigins":["*"]}})") << QStringLiteral("corsOrigins");
        QTest::addRow("origin with path") << QByteArray("{\"api\":{\"corsOrigins\":[\"https:/"
                                                        "/a.example/app\"]}}")
                                          << QStringLiteral("corsOrigins");
        QTest::addRow("origin not a URL")
            << QByteArray(R"({"api":{"corsOrigins":["dash"]}})") << QStringLiteral("corsOrigins");
        QTest::addRow("origins not a list") << QByteArray("{\"api\":{\"corsOrigins\":\"https:/"
                                                          "/a.example\"}}")
                                            << QStringLiteral("corsOrigins");
        QTest::addRow("body limit too small")
            << QByteArray(R"({"api":{"maxBodyBytes":10}})") << QStringLiteral("maxBodyBytes");
        QTest::addRow("idle timeout text")
            << QByteArray(R"({"api":{"idleTimeoutMs":"60s"}})") << QStringLiteral("idleTimeoutMs");
        QTest::addRow("no connections")
            << QByteArray(R"({"api":{"maxConnections":0}})") << QStringLiteral("maxConnections");
    }

    void badApiFieldsAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        AppConfig c;
        const ApiSettings before = c.api;
        const QString error = c.mergeJson(QJsonDocument::fromJson(json).object());
        QVERIFY2(error.contains(QStringLiteral("api.") + field), qPrintable(error));
        QCOMPARE(c.api.maxBodyBytes, before.maxBodyBytes); // nothing applied
        QVERIFY(c.api.corsOrigins.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestApiConfig)
#include "tst_apiconfig.moc"
