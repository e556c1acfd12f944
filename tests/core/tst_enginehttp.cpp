// The engine end to end over real HTTP against the loopback mock provider: every wire format, timeouts,
// retries with Retry-After, fallback, the concurrency cap, health checks, and chaos keeping calls off the
// network.
#include "engine/requestengine.h"
#include "mockproviderserver.h"
#include "testprinters.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace airm;
using airm::test::MockProviderServer;

namespace {

ServiceConfig realService(const QString &name, ProviderKind kind, const QUrl &base,
                          const QString &variant = {})
{
    ServiceConfig c = defaultServiceFor(kind, name);
    c.baseUrl = base;
    if (!variant.isEmpty()) c.variant = variant;
    c.apiKey = QStringLiteral("test-key");
    c.keySource = QStringLiteral("config");
    c.timeoutMs = 5000;
    return c;
}

class Harness
{
public:
    explicit Harness(QList<ServiceConfig> services, EngineConfig config = {})
    {
        config.seed = 3;
        engine = std::make_unique<RequestEngine>(config, services);
        QObject::connect(engine.get(), &RequestEngine::requestFinished, engine.get(),
                         [this](const RequestRecord &r) { records.insert(r.id, r); });
    }
    RequestRecord run(const QString &service, int timeoutMs = 10000)
    {
        const quint64 id = engine->submit({service, QStringLiteral("Tell me about breakers")});
        if (!QTest::qWaitFor([&] { return records.contains(id); }, timeoutMs)) return {};
        return records.value(id);
    }
    std::unique_ptr<RequestEngine> engine;
    QHash<quint64, RequestRecord> records;
};

} // namespace

class TestEngineHttp : public QObject
{
    Q_OBJECT
    MockProviderServer *m_mock = nullptr;

private slots:
    void init()
    {
        m_mock = new MockProviderServer;
        QVERIFY(m_mock->isListening());
    }
    void cleanup()
    {
        delete m_mock;
        m_mock = nullptr;
    }

    void everyWireFormat_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("path");
        QTest::addRow("gemini") << int(ProviderKind::Gemini) << QString()
                                << "/v1beta/models/gemini-2.0-flash:generateContent";
        QTest::addRow("cohere v2") << int(ProviderKind::Cohere) << "v2"
                                   << "/v2/chat";
        QTest::addRow("cohere v1") << int(ProviderKind::Cohere) << "v1"
                                   << "/v1/generate";
        QTest::addRow("huggingface router") << int(ProviderKind::HuggingFace) << "router"
                                            << "/v1/chat/completions";
        QTest::addRow("openai") << int(ProviderKind::OpenAi) << QString() << "/v1/chat/completions";
        QTest::addRow("anthropic") << int(ProviderKind::Anthropic) << QString() << "/v1/messages";
    }

    void everyWireFormat()
    {
        QFETCH(int, kind);
        QFETCH(QString, variant);
        QFETCH(QString, path);
        Harness h({realService(QStringLiteral("svc"), ProviderKind(kind), m_mock->baseUrl(), variant)});
        const RequestRecord r = h.run(QStringLiteral("svc"));
        QCOMPARE(r.outcome, Outcome::Success);
        QVERIFY(!r.simulated);
        QVERIFY(r.responseText.contains(QLatin1String("Tell me about breakers")));
        QVERIFY(r.inputTokens > 0);
        QVERIFY(r.outputTokens > 0);
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(m_mock->lastRequest().path, path);
        QVERIFY(!m_mock->lastRequest().query.contains(QLatin1String("test-key"))); // the key never in the URL
        if (ProviderKind(kind) != ProviderKind::HuggingFace) QVERIFY(r.costUsd > 0);
    }

    void attemptTimeoutFires()
    {
        ServiceConfig s = realService(QStringLiteral("svc"), ProviderKind::OpenAi, m_mock->baseUrl());
        s.timeoutMs = 200;
        m_mock->setDefaultScript(MockProviderServer::success(3000));
        Harness h({s});
        QElapsedTimer t;
        t.start();
        const RequestRecord r = h.run(QStringLiteral("svc"));
        QCOMPARE(r.outcome, Outcome::Timeout);
        QCOMPARE(r.errorClass, ErrorClass::Timeout);
        QVERIFY2(r.latencyMs >= 199 && r.latencyMs < 1000, qPrintable(QString::number(r.latencyMs)));
        QVERIFY(t.elapsed() < 2000);
    }

    void retryHonoursRetryAfterThenSucceeds()
    {
        EngineConfig cfg;
        cfg.retry.enabled = true;
        cfg.retry.baseDelayMs = 1;
        cfg.retry.maxDelayMs = 1;
        m_mock->enqueue(MockProviderServer::openAiRateLimited(300));
        Harness h({realService(QStringLiteral("svc"), ProviderKind::OpenAi, m_mock->baseUrl())}, cfg);
        const RequestRecord r = h.run(QStringLiteral("svc"));
        QCOMPARE(r.outcome, Outcome::Success);
        QCOMPARE(r.attempts, 2);
        QCOMPARE(r.attemptList[0].errorClass, ErrorClass::RateLimited);
        QCOMPARE(r.attemptList[0].httpStatus, 429);
        QVERIFY2(r.latencyMs >= 300, qPrintable(QString::number(r.latencyMs)));
        QCOMPARE(m_mock->requestCount(), 2);
    }

    void realFailureIsAFailureAndFallbackServesIt()
    {
        m_mock->setScript(QStringLiteral("/v1beta"), MockProviderServer::geminiOverloaded());
        EngineConfig cfg;
        Harness plain({realService(QStringLiteral("gemini"), ProviderKind::Gemini, m_mock->baseUrl())}, cfg);
        const RequestRecord failed = plain.run(QStringLiteral("gemini"));
        QCOMPARE(failed.outcome, Outcome::Failure); // never replaced by a simulated success
        QCOMPARE(failed.errorClass, ErrorClass::Overloaded);
        QVERIFY(!failed.simulated);

        cfg.fallback.enabled = true;
        Harness h({realService(QStringLiteral("gemini"), ProviderKind::Gemini, m_mock->baseUrl()),
                   realService(QStringLiteral("anthropic"), ProviderKind::Anthropic, m_mock->baseUrl())},
                  cfg);
        const RequestRecord r = h.run(QStringLiteral("gemini"));
        QCOMPARE(r.outcome, Outcome::Success);
        QVERIFY(r.fallbackUsed);
        QCOMPARE(r.servedBy, QStringLiteral("anthropic"));
        QCOMPARE(r.attemptList.size(), 2);
    }

    void droppedConnectionIsNetworkError()
    {
        m_mock->setDefaultScript(MockProviderServer::dropped());
        Harness h({realService(QStringLiteral("svc"), ProviderKind::Cohere, m_mock->baseUrl())});
        const RequestRecord r = h.run(QStringLiteral("svc"));
        QCOMPARE(r.outcome, Outcome::Failure);
        QCOMPARE(r.errorClass, ErrorClass::Network);
    }

    void concurrencyCapHoldsOnTheWire()
    {
        ServiceConfig s = realService(QStringLiteral("svc"), ProviderKind::OpenAi, m_mock->baseUrl());
        s.maxConcurrent = 2;
        m_mock->setDefaultScript(MockProviderServer::success(150));
        Harness h({s});
        QElapsedTimer t;
        t.start();
        QList<quint64> ids;
        for (int i = 0; i < 6; ++i)
            ids << h.engine->submit({QStringLiteral("svc"), QStringLiteral("p")});
        QTRY_COMPARE_WITH_TIMEOUT(h.records.size(), 6, 10000);
        QVERIFY2(t.elapsed() >= 3 * 150, qPrintable(QString::number(t.elapsed()))); // three waves of two
        for (quint64 id : ids)
            QCOMPARE(h.records.value(id).outcome, Outcome::Success);
    }

    void chaosTripsTheBreakerAndKeepsCallsOffTheNetwork()
    {
        Harness h({realService(QStringLiteral("svc"), ProviderKind::Anthropic, m_mock->baseUrl())});
        QString error;
        ChaosSpec spec;
        spec.type = ChaosType::Failure;
        spec.targets = {QStringLiteral("svc")};
        h.engine->injectChaos(spec, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(h.run(QStringLiteral("svc")).outcome, Outcome::Failure);
        const RequestRecord rejected = h.run(QStringLiteral("svc"));
        QCOMPARE(rejected.outcome, Outcome::Rejected);
        QCOMPARE(m_mock->requestCount(), 0); // failure chaos answers before the wire, the breaker after
    }

    void corruptionOnARealResponse()
    {
        Harness h({realService(QStringLiteral("svc"), ProviderKind::Gemini, m_mock->baseUrl())});
        QString error;
        ChaosSpec spec;
        spec.type = ChaosType::Corruption;
        spec.corruptionMode = CorruptionMode::Truncated;
        h.engine->injectChaos(spec, &error);
        const RequestRecord r = h.run(QStringLiteral("svc"));
        QCOMPARE(r.errorClass, ErrorClass::CorruptResponse);
        QCOMPARE(m_mock->requestCount(), 1); // the call was made; its answer was mangled
    }

    void healthChecksAreRealOrSaySimulated()
    {
        ServiceConfig sim = defaultServiceFor(ProviderKind::Gemini, QStringLiteral("sim"));
        sim.apiKey.clear();
        ServiceConfig badKey = realService(QStringLiteral("bad"), ProviderKind::OpenAi, m_mock->baseUrl());
        badKey.apiKey = QStringLiteral("wrong");
        m_mock->setAcceptedKey("test-key");
        Harness h(
            {realService(QStringLiteral("good"), ProviderKind::Anthropic, m_mock->baseUrl()), sim, badKey});
        QSignalSpy spy(h.engine.get(), &RequestEngine::healthChecked);
        h.engine->checkHealth();
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 3, 10000);
        QMap<QString, HealthState> states;
        for (const auto &args : spy) {
            const HealthReport r = args[0].value<HealthReport>();
            states.insert(r.service, r.state);
        }
        QCOMPARE(states.value(QStringLiteral("good")), HealthState::Healthy);
        QCOMPARE(states.value(QStringLiteral("sim")), HealthState::Simulated);
        QCOMPARE(states.value(QStringLiteral("bad")), HealthState::AuthError);
        // Health checks are not breaker calls.
        QCOMPARE(h.engine->snapshot().service(QStringLiteral("good"))->breaker.totalCalls, 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineHttp)
#include "tst_enginehttp.moc"
