// The e-mail alert channel's SMTP client against a local SMTP server: the message as sent (envelope, headers,
// base64 body, dot-stuffing), AUTH PLAIN and LOGIN, transient (4xx, timeout) versus permanent (5xx, refused
// certificate, no STARTTLS) failures, STARTTLS with a private CA, and the settings that are refused before
// connecting.
#include "alerts/smtpclient.h"
#include "mocksmtpserver.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace airm;
using namespace airm::test;

namespace {

struct Outcome
{
    bool ok = false;
    bool permanent = false;
    QString error;
};

Outcome sendMail(const SmtpSettings &settings, const QString &subject = QStringLiteral("Breaker opened"),
                 const QString &body = QStringLiteral("gemini opened"), int timeoutMs = 5000)
{
    SmtpClient client(settings, timeoutMs);
    QSignalSpy finished(&client, &SmtpClient::finished);
    client.send(subject, body);
    if (!finished.wait(timeoutMs + 5000)) return {false, false, QStringLiteral("no finished() signal")};
    const QList<QVariant> args = finished.takeFirst();
    return {args.at(0).toBool(), args.at(1).toBool(), args.at(2).toString()};
}

SmtpSettings local(quint16 port)
{
    SmtpSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    s.security = SmtpSettings::Security::None;
    s.from = QStringLiteral("monitor@example.com");
    s.to = {QStringLiteral("oncall@example.com"), QStringLiteral("lead@example.com")};
    return s;
}

QByteArray bodyOf(const QByteArray &data)
{
    const qsizetype start = data.indexOf("\r\n\r\n");
    return QByteArray::fromBase64(data.mid(start + 4).replace("\r\n", ""));
}

} // namespace

class TestSmtpClient : public QObject
{
    Q_OBJECT

private slots:
    void aLocalRelayGetsTheMessage()
    {
        MockSmtpServer server;
        const quint16 port = server.listenOnLoopback();
        QVERIFY(port != 0);
        const QString body = QStringLiteral("First line\n.a line that starts with a dot\n.\nGrüße");
        const Outcome o = sendMail(local(port), QStringLiteral("[error] Breaker of gemini öffnete"), body);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(server.messages().size(), 1);
        const MockSmtpServer::Message m = server.messages().first();
        QCOMPARE(m.mailFrom, QStringLiteral("monitor@example.com"));
        QCOMPARE(m.rcptTo,
                 (QStringList{QStringLiteral("oncall@example.com"), QStringLiteral("lead@example.com")}));
        QVERIFY(m.authMechanism.isEmpty()); // no username: no AUTH
        QVERIFY(m.data.contains("From: AI Resilience Monitor <monitor@example.com>\r\n"));
        QVERIFY(m.data.contains("To: oncall@example.com, lead@example.com\r\n"));
        const QByteArray subject = "Subject: =?UTF-8?B?" +
                                   QStringLiteral("[error] Breaker of gemini öffnete").toUtf8().toBase64() +
                                   "?=\r\n";
        QVERIFY(m.data.contains(subject));
        QVERIFY(m.data.contains("Content-Type: text/plain; charset=UTF-8\r\n"));
        QVERIFY(m.data.contains("Message-ID: <"));
        QVERIFY(m.data.contains("Date: "));
        QCOMPARE(QString::fromUtf8(bodyOf(m.data)),
                 QString(body).replace(QLatin1String("\n"), QLatin1String("\r\n")));
    }

    void aServerClosingOnQuitStillDelivered()
    {
        MockSmtpServer server;
        server.setCloseOnQuit(true);
        const Outcome o = sendMail(local(server.listenOnLoopback()));
        QVERIFY2(o.ok, qPrintable(o.error)); // the message was accepted before QUIT
        QCOMPARE(server.messages().size(), 1);
    }

    void authPlainOrLogin_data()
    {
        QTest::addColumn<QString>("offered");
        QTest::addColumn<QString>("used");
        QTest::newRow("plain preferred") << QStringLiteral("LOGIN PLAIN") << QStringLiteral("PLAIN");
        QTest::newRow("login only") << QStringLiteral("LOGIN") << QStringLiteral("LOGIN");
    }

    void authPlainOrLogin()
    {
        QFETCH(QString, offered);
        QFETCH(QString, used);
        MockSmtpServer server;
        server.setAuthMechanisms(offered);
        server.setCredentials(QStringLiteral("monitor"), QStringLiteral("s3cret"));
        SmtpSettings s = local(server.listenOnLoopback());
        s.username = QStringLiteral("monitor");
        s.password = QStringLiteral("s3cret"); // unencrypted is allowed to a loopback relay only
        const Outcome o = sendMail(s);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(server.messages().first().authMechanism, used);

        s.password = QStringLiteral("wrong");
        const Outcome refused = sendMail(s);
        QVERIFY(!refused.ok);
        QVERIFY(refused.permanent);
        QVERIFY2(refused.error.contains(QLatin1String("535")), qPrintable(refused.error));
    }

    void noUsableAuthMechanismIsPermanent()
    {
        MockSmtpServer server;
        server.setAuthMechanisms(QStringLiteral("CRAM-MD5"));
        SmtpSettings s = local(server.listenOnLoopback());
        s.username = QStringLiteral("monitor");
        s.password = QStringLiteral("x");
        const Outcome o = sendMail(s);
        QVERIFY(!o.ok && o.permanent);
        QVERIFY2(o.error.contains(QLatin1String("CRAM-MD5")), qPrintable(o.error));
        QVERIFY(server.messages().isEmpty());
    }

    void transientAndPermanentRefusals_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<bool>("permanent");
        QTest::newRow("greylisted sender")
            << QByteArray("MAIL") << QByteArray("451 4.7.1 try later") << false;
        QTest::newRow("unknown recipient")
            << QByteArray("RCPT") << QByteArray("550 5.1.1 no such user") << true;
        QTest::newRow("message refused") << QByteArray("MESSAGE") << QByteArray("554 5.7.1 spam") << true;
        QTest::newRow("server busy at the end")
            << QByteArray("MESSAGE") << QByteArray("452 4.3.1 full") << false;
    }

    void transientAndPermanentRefusals()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QByteArray, reply);
        QFETCH(bool, permanent);
        MockSmtpServer server;
        server.failNext(verb, reply);
        const Outcome o = sendMail(local(server.listenOnLoopback()));
        QVERIFY(!o.ok);
        QCOMPARE(o.permanent, permanent);
        QVERIFY2(o.error.contains(QString::fromUtf8(reply.left(3))), qPrintable(o.error));
        QVERIFY(server.messages().isEmpty());
    }

    void aServerThatNeverGreetsTimesOut()
    {
        MockSmtpServer server;
        server.setSilent(true);
        const Outcome o =
            sendMail(local(server.listenOnLoopback()), QStringLiteral("s"), QStringLiteral("b"), 300);
        QVERIFY(!o.ok);
        QVERIFY(!o.permanent);
        QVERIFY2(o.error.contains(QLatin1String("within 300 ms")), qPrintable(o.error));
    }

    void nobodyListeningIsTransient()
    {
        quint16 port = 0;
        {
            MockSmtpServer gone;
            port = gone.listenOnLoopback();
        }
        const Outcome o = sendMail(local(port));
        QVERIFY(!o.ok);
        QVERIFY(!o.permanent);
        QVERIFY2(o.error.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(o.error));
    }

    void startTlsThatIsNotOfferedIsPermanent()
    {
        MockSmtpServer server;
        SmtpSettings s = local(server.listenOnLoopback());
        s.security = SmtpSettings::Security::StartTls;
        const Outcome o = sendMail(s);
        QVERIFY(!o.ok && o.permanent);
        QVERIFY2(o.error.contains(QLatin1String("does not offer STARTTLS")), qPrintable(o.error));
    }

    // STARTTLS with a certificate of a private CA: refused without caFile, accepted with it, and the password
    // then goes over the encrypted connection.
    void startTlsWithAPrivateCa()
    {
        if (!QSslSocket::supportsSsl()) QSKIP("no TLS backend");
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty()) QSKIP("openssl is not installed");
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        QProcess p;
        p.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                          QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                          key, QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("2"),
                          QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                          QStringLiteral("subjectAltName=DNS:localhost")});
        QVERIFY(p.waitForFinished(60'000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QFile keyFile(key);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        MockSmtpServer server;
        server.setTls(QSslCertificate::fromPath(cert).value(0), QSslKey(&keyFile, QSsl::Rsa));
        server.setCredentials(QStringLiteral("monitor"), QStringLiteral("s3cret"));
        SmtpSettings s = local(server.listenOnLoopback());
        s.host = QStringLiteral("localhost");
        s.security = SmtpSettings::Security::StartTls;
        s.username = QStringLiteral("monitor");
        s.password = QStringLiteral("s3cret");

        const Outcome untrusted = sendMail(s);
        QVERIFY(!untrusted.ok);
        QVERIFY(untrusted.permanent);
        QVERIFY2(untrusted.error.startsWith(QLatin1String("TLS to localhost refused")),
                 qPrintable(untrusted.error));
        QVERIFY(server.messages().isEmpty());

        s.caFile = cert;
        QVERIFY(s.validate().isEmpty());
        const Outcome trusted = sendMail(s);
        QVERIFY2(trusted.ok, qPrintable(trusted.error));
        QCOMPARE(server.messages().size(), 1);
        QVERIFY(server.messages().first().tls);
        QCOMPARE(server.messages().first().authPassword, QStringLiteral("s3cret"));
    }

    void settingsThatAreRefusedBeforeConnecting_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("password in clear to a remote host")
            << QStringLiteral("host") << QStringLiteral("smtp.example.com") << QStringLiteral("unencrypted");
        QTest::newRow("header injection in from")
            << QStringLiteral("from") << QStringLiteral("a@example.com\r\nBcc: x@evil.example")
            << QStringLiteral("from must be one address");
        QTest::newRow("no recipient") << QStringLiteral("to") << QString() << QStringLiteral("at least one");
        QTest::newRow("recipient without @") << QStringLiteral("to") << QStringLiteral("oncall")
                                             << QStringLiteral("\"oncall\" is not an address");
        QTest::newRow("missing CA file") << QStringLiteral("caFile") << QStringLiteral("/nonexistent/ca.pem")
                                         << QStringLiteral("no readable PEM");
    }

    void settingsThatAreRefusedBeforeConnecting()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        MockSmtpServer server;
        SmtpSettings s = local(server.listenOnLoopback());
        s.username = QStringLiteral("monitor");
        s.password = QStringLiteral("s3cret");
        if (field == QLatin1String("host")) s.host = value;
        if (field == QLatin1String("from")) s.from = value;
        if (field == QLatin1String("to")) s.to = value.isEmpty() ? QStringList() : QStringList{value};
        if (field == QLatin1String("caFile")) s.caFile = value;
        QVERIFY2(s.validate().contains(message), qPrintable(s.validate()));
        const Outcome o = sendMail(s);
        QVERIFY(!o.ok && o.permanent);
        QCOMPARE(o.error, s.validate());
        QCOMPARE(server.connectionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSmtpClient)
#include "tst_smtpclient.moc"
