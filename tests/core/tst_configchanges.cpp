// ConfigChanges: what a reload of the configuration applies while the service runs, and what it leaves for a
// restart. Each case changes one thing and checks it lands in the right place and nothing else is touched.
#include "settings/configchanges.h"

#include <QJsonDocument>
#include <QTest>

using namespace airm;

namespace {

AppConfig fromJson(const char *json)
{
    AppConfig c;
    const QString error = c.mergeJson(QJsonDocument::fromJson(QByteArray(json)).object());
    if (!error.isEmpty()) qFatal("bad test config: %s", qPrintable(error));
    return c;
}

QStringList serviceNames(const QList<ServiceConfig> &services)
{
    QStringList out;
    for (const ServiceConfig &s : services)
        out << s.name;
    return out;
}

} // namespace

class TestConfigChanges : public QObject
{
    Q_OBJECT

private slots:
    void theSameConfigurationChangesNothing()
    {
        const AppConfig a = fromJson("{\"services\":[{\"name\":\"local\",\"kind\":\"openai\"}]}");
        const ConfigChanges c = ConfigChanges::between(a, a);
        QVERIFY(c.isEmpty());
        QCOMPARE(c.summary(), QStringLiteral("nothing changed"));
    }

    void servicesAreAddedUpdatedAndRemoved()
    {
        const AppConfig running = fromJson("{\"replaceDefaultServices\":true,\"services\":["
                                           "{\"name\":\"gemini\",\"kind\":\"gemini\",\"model\":\"one\"},"
                                           "{\"name\":\"cohere\",\"kind\":\"cohere\"},"
                                           "{\"name\":\"same\",\"kind\":\"openai\"}]}");
        const AppConfig fresh = fromJson("{\"replaceDefaultServices\":true,\"services\":["
                                         "{\"name\":\"gemini\",\"kind\":\"gemini\",\"model\":\"two\"},"
                                         "{\"name\":\"same\",\"kind\":\"openai\"},"
                                         "{\"name\":\"extra\",\"kind\":\"anthropic\"}]}");
        const ConfigChanges c = ConfigChanges::between(running, fresh);
        QCOMPARE(serviceNames(c.upserts), (QStringList{QStringLiteral("gemini"), QStringLiteral("extra")}));
        QCOMPARE(c.upserts.first().model, QStringLiteral("two"));
        QCOMPARE(c.added, QStringList{QStringLiteral("extra")});
        QCOMPARE(c.removals, QStringList{QStringLiteral("cohere")});
        // The added service gets its breaker from the fresh defaults; nobody else's breaker changed.
        QCOMPARE(c.breakers.keys(), QStringList{QStringLiteral("extra")});
        QVERIFY(c.needsRestart.isEmpty());
        QVERIFY(!c.retry && !c.fallback && !c.alerts && !c.defaultBreaker);
        QCOMPARE(c.summary(), QStringLiteral("services added: extra; services updated: gemini; services "
                                             "removed: cohere"));
    }

    void aNewKeyIsAChangeThoughTheJsonHidesIt()
    {
        AppConfig running = fromJson("{\"services\":[{\"name\":\"local\",\"kind\":\"openai\"}]}");
        AppConfig fresh = running;
        running.services.last().apiKey = QStringLiteral("old-key");
        running.services.last().keySource = QStringLiteral("config");
        fresh.services.last().apiKey = QStringLiteral("new-key");
        fresh.services.last().keySource = QStringLiteral("config");
        QCOMPARE(running.services.last().toJson(), fresh.services.last().toJson());
        const ConfigChanges c = ConfigChanges::between(running, fresh);
        QCOMPARE(serviceNames(c.upserts), QStringList{QStringLiteral("local")});
        QVERIFY(!c.summary().contains(QLatin1String("new-key")));
    }

    void breakersFollowOverridesAndDefaults()
    {
        const AppConfig running = fromJson("{\"breakers\":{\"gemini\":{\"consecutiveFailureThreshold\":3}}}");
        const ConfigChanges overrideChanged = ConfigChanges::between(
            running, fromJson("{\"breakers\":{\"gemini\":{\"consecutiveFailureThreshold\":7}}}"));
        QCOMPARE(overrideChanged.breakers.keys(), QStringList{QStringLiteral("gemini")});
        QCOMPARE(overrideChanged.breakers.value(QStringLiteral("gemini")).consecutiveFailureThreshold, 7);
        QVERIFY(!overrideChanged.defaultBreaker);
        QVERIFY(overrideChanged.upserts.isEmpty());

        // A new default reaches every service without an override, and services created later.
        const AppConfig plain;
        const ConfigChanges defaultChanged =
            ConfigChanges::between(plain, fromJson("{\"breaker\":{\"consecutiveFailureThreshold\":9},"
                                                   "\"breakers\":{\"gemini\":{\"preset\":\"hystrix\"}}}"));
        QCOMPARE(
            defaultChanged.breakers.keys(),
            (QStringList{QStringLiteral("cohere"), QStringLiteral("gemini"), QStringLiteral("huggingface")}));
        QCOMPARE(defaultChanged.breakers.value(QStringLiteral("cohere")).consecutiveFailureThreshold, 9);
        QCOMPARE(defaultChanged.breakers.value(QStringLiteral("gemini")).preset, QStringLiteral("hystrix"));
        QVERIFY(defaultChanged.defaultBreaker);
        QCOMPARE(defaultChanged.defaultBreaker->consecutiveFailureThreshold, 9);
        QCOMPARE(defaultChanged.summary(),
                 QStringLiteral("breakers updated: cohere, gemini, huggingface; default breaker updated"));
    }

    void policiesAndAlertsApplyLive()
    {
        const AppConfig running;
        const ConfigChanges c = ConfigChanges::between(
            running, fromJson("{\"engine\":{\"retry\":{\"enabled\":true,\"maxAttempts\":4},"
                              "\"fallback\":{\"enabled\":true}},"
                              "\"alerts\":{\"enabled\":false}}"));
        QVERIFY(c.retry);
        QCOMPARE(c.retry->maxAttempts, 4);
        QVERIFY(c.fallback && c.fallback->enabled);
        QVERIFY(c.alerts && !c.alerts->enabled);
        QVERIFY(c.needsRestart.isEmpty());
        QVERIFY(c.upserts.isEmpty() && c.breakers.isEmpty());
    }

    void listenerDatabaseEngineAndAutomationWaitForARestart()
    {
        const AppConfig running;
        const ConfigChanges c =
            ConfigChanges::between(running, fromJson("{\"api\":{\"port\":4000,\"token\":\"abcdefghijklmnop\","
                                                     "\"corsOrigins\":[\"https://a.example\"]},"
                                                     "\"database\":\"/tmp/other.db\","
                                                     "\"engine\":{\"deadlineMs\":5000,\"privacyMode\":true},"
                                                     "\"automation\":[{\"intervalMs\":1000}]}"));
        QCOMPARE(c.needsRestart,
                 (QStringList{QStringLiteral("engine.deadlineMs"), QStringLiteral("engine.privacyMode"),
                              QStringLiteral("api.port"), QStringLiteral("api.token"),
                              QStringLiteral("api.corsOrigins"), QStringLiteral("database"),
                              QStringLiteral("automation")}));
        QVERIFY(!c.isEmpty());
        QVERIFY(c.summary().startsWith(QLatin1String("changed but applied only after a restart: ")));
        QVERIFY(!c.summary().contains(QLatin1String("abcdefghijklmnop"))); // the token is never echoed
        QVERIFY(c.upserts.isEmpty() && !c.retry && !c.alerts);
    }
};

QTEST_GUILESS_MAIN(TestConfigChanges)
#include "tst_configchanges.moc"
