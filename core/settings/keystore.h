// Where API keys typed into the window live: the OS keychain (QtKeychain) when one answers, otherwise memory
// for this session; the headless service reads them from there with --keychain. Never QSettings: the keychain
// jobs get no QSettings and no insecure fallback. Nothing blocks: every keychain job is asynchronous and
// bounded by Config::timeoutMs, after which the keychain counts as unavailable for the rest of the session.
// Thread affinity: the thread that created it (the GUI thread in the window, the main thread headless).
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace QKeychain {
class Job;
}

namespace airm {

class KeyStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend { Unknown, Available, Unavailable };
    enum class Location { None, Keychain, Memory };
    Q_ENUM(Backend)
    Q_ENUM(Location)

    struct Config
    {
        QString keychainService = QStringLiteral("ai-resilience-monitor"); // the keychain's "service" field
        QString keyPrefix = QStringLiteral("apikey/");                     // + service name = the entry's key
        int timeoutMs = 5000;                                              // per job
    };

    // Where Settings > Alerts keeps the SMTP password of the e-mail alerts: the entry smtpPasswordName() of a
    // store with this configuration (next to the API keys, "apikey/<service>").
    static Config smtpPasswordConfig();
    static QString smtpPasswordName() { return QStringLiteral("password"); }

    explicit KeyStore(QObject *parent = nullptr);
    explicit KeyStore(const Config &config, QObject *parent = nullptr);

    // Reads each service's key; keyLoaded for those found, loadFinished once all have answered. The first
    // answer decides backend().
    void load(const QStringList &services);
    // To the keychain when it is (or may be) available, else memory. keyStored tells where it went.
    void store(const QString &service, const QString &key);
    void remove(const QString &service);

    Backend backend() const { return m_backend; }
    // Why the keychain is unavailable (translated); empty while it is not.
    QString unavailableReason() const { return m_reason; }
    Location location(const QString &service) const { return m_locations.value(service, Location::None); }
    // The key kept in memory for service (Location::Memory), else empty.
    QString memoryKey(const QString &service) const { return m_memory.value(service); }

signals:
    void keyLoaded(const QString &service, const QString &key);
    void loadFinished();
    void keyStored(const QString &service, airm::KeyStore::Location where);
    void backendChanged(airm::KeyStore::Backend backend);

private:
    // Starts job with a timeout; done runs once, with the job or with nullptr after a timeout.
    void run(QKeychain::Job *job, std::function<void(QKeychain::Job *)> done);
    void setAvailable();
    void setUnavailable(const QString &reason);
    QString describe(const QKeychain::Job *job) const;
    void storeInMemory(const QString &service, const QString &key);

    Config m_config;
    Backend m_backend = Backend::Unknown;
    QString m_reason;
    QHash<QString, Location> m_locations;
    QHash<QString, QString> m_memory;
    int m_pendingLoads = 0;
};

} // namespace airm
