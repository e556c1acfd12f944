// API keys without an OS keychain, which is the case on CI machines: the test points D-Bus at a socket that
// does not exist, so every QtKeychain job fails. KeyStore then says the keychain is unavailable and why, and
// keeps keys in memory; a key typed into Settings reaches the engine's service (simulated -> real), the card
// says where it lives, and the key is never written to the settings file.
#include "uitestrig.h"

#include "settings/keystore.h"
#include "settingspage.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

namespace {

constexpr int kJobTimeoutMs = 3000;

KeyStore::Config testConfig()
{
    KeyStore::Config c;
    c.keychainService = QStringLiteral("ai-resilience-monitor-test"); // never the real entries
    c.timeoutMs = kJobTimeoutMs;
    return c;
}

} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

private slots:
    void loadReportsTheKeychainUnavailable()
    {
        KeyStore store(testConfig());
        QSignalSpy finished(&store, &KeyStore::loadFinished);
        QSignalSpy loaded(&store, &KeyStore::keyLoaded);
        QSignalSpy backend(&store, &KeyStore::backendChanged);
        QCOMPARE(store.backend(), KeyStore::Backend::Unknown);
        store.load({QStringLiteral("gemini"), QStringLiteral("cohere")});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kJobTimeoutMs + 2000);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(store.backend(), KeyStore::Backend::Unavailable);
        QCOMPARE(backend.count(), 1);
        QVERIFY(!store.unavailableReason().isEmpty());
    }

    void storeFallsBackToMemory_data()
    {
        QTest::addColumn<bool>("loadFirst");
        QTest::addRow("after load") << true;
        QTest::addRow("before the keychain answered") << false;
    }
    void storeFallsBackToMemory()
    {
        QFETCH(bool, loadFirst);
        KeyStore store(testConfig());
        if (loadFirst) {
            QSignalSpy finished(&store, &KeyStore::loadFinished);
            store.load({QStringLiteral("gemini")});
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kJobTimeoutMs + 2000);
        }
        QSignalSpy stored(&store, &KeyStore::keyStored);
        store.store(QStringLiteral("gemini"), QStringLiteral("sk-test-123"));
        QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 1, kJobTimeoutMs + 2000);
        QCOMPARE(stored.at(0).at(1).value<KeyStore::Location>(), KeyStore::Location::Memory);
        QCOMPARE(store.location(QStringLiteral("gemini")), KeyStore::Location::Memory);
        QCOMPARE(store.memoryKey(QStringLiteral("gemini")), QStringLiteral("sk-test-123"));
        QCOMPARE(store.backend(), KeyStore::Backend::Unavailable);
        QVERIFY(!store.unavailableReason().isEmpty());

        store.remove(QStringLiteral("gemini"));
        QCOMPARE(store.location(QStringLiteral("gemini")), KeyStore::Location::None);
        QVERIFY(store.memoryKey(QStringLiteral("gemini")).isEmpty());
    }

    void settingsKeyReachesTheEngineButNotTheSettingsFile()
    {
        UiRig rig;
        // A service that runs on its provider once it has a key (no request is sent: no network).
        rig.host->call([](RequestEngine &e) {
            ServiceConfig c = *e.serviceConfig(QStringLiteral("gemini"));
            c.forceSimulation = false;
            e.upsertService(c);
        });
        auto simulated = [&rig] {
            return rig.ask<bool>(
                [](RequestEngine &e) { return e.serviceConfig(QStringLiteral("gemini"))->simulated(); });
        };
        QVERIFY(simulated());

        SettingsPage page(rig.context);
        page.resize(1300, 900);
        page.show();
        page.setActive(true);
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_COMPARE_WITH_TIMEOUT(page.keyStore()->backend(), KeyStore::Backend::Unavailable,
                                  kJobTimeoutMs + 3000);
        QTRY_VERIFY(page.keychainStateLabel()->text().contains(page.keyStore()->unavailableReason()));
        QTRY_COMPARE(page.keyStatusLabel(QStringLiteral("gemini"))->text(),
                     QStringLiteral("missing: simulated"));

        const QString key = QStringLiteral("sk-never-in-ini-4711");
        QLineEdit *edit = page.keyEdit(QStringLiteral("gemini"));
        QTest::keyClicks(edit, key);
        QTest::mouseClick(page.useKeyButton(QStringLiteral("gemini")), Qt::LeftButton);

        QTRY_VERIFY(!simulated());
        QCOMPARE(rig.ask<QString>(
                     [](RequestEngine &e) { return e.serviceConfig(QStringLiteral("gemini"))->apiKey; }),
                 key);
        QVERIFY(edit->text().isEmpty());
        QTRY_COMPARE(page.keyStore()->location(QStringLiteral("gemini")), KeyStore::Location::Memory);
        QTRY_VERIFY(page.keyStatusLabel(QStringLiteral("gemini"))
                        ->text()
                        .startsWith(QStringLiteral("in memory for this session: no keychain available (")));

        // Something is written to the settings file, but not the key.
        page.privacyBox()->click();
        rig.settings->sync();
        QFile ini(rig.settings->fileName());
        QVERIFY2(ini.open(QIODevice::ReadOnly), qPrintable(ini.fileName()));
        const QByteArray text = ini.readAll();
        QVERIFY(!text.isEmpty());
        QVERIFY(!text.contains(key.toUtf8()));
    }
};

int main(int argc, char **argv)
{
    // No keychain daemon, whatever the machine runs: D-Bus points nowhere, before anything connects to it.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/airm-test-bus");
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestKeyStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keystore.moc"
