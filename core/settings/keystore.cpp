#include "keystore.h"

#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>
#include <utility>

namespace airm {

KeyStore::Config KeyStore::smtpPasswordConfig()
{
    Config c;
    c.keyPrefix = QStringLiteral("smtp/");
    return c;
}

KeyStore::KeyStore(QObject *parent)
    : KeyStore(Config{}, parent)
{}

KeyStore::KeyStore(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{}

void KeyStore::load(const QStringList &services)
{
    if (services.isEmpty() || m_backend == Backend::Unavailable) {
        QTimer::singleShot(0, this, [this] { emit loadFinished(); });
        return;
    }
    m_pendingLoads += int(services.size());
    for (const QString &service : services) {
        auto *job = new QKeychain::ReadPasswordJob(m_config.keychainService, this);
        job->setKey(m_config.keyPrefix + service);
        run(job, [this, service](QKeychain::Job *done) {
            if (done) {
                if (done->error() == QKeychain::NoError) {
                    setAvailable();
                    const QString key = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
                    // A key typed in meanwhile wins over the stored one.
                    if (!key.isEmpty() && location(service) == Location::None) {
                        m_locations.insert(service, Location::Keychain);
                        emit keyLoaded(service, key);
                    }
                } else if (done->error() == QKeychain::EntryNotFound) {
                    setAvailable();
                } else {
                    setUnavailable(describe(done));
                }
            }
            if (--m_pendingLoads == 0) emit loadFinished();
        });
    }
}

void KeyStore::store(const QString &service, const QString &key)
{
    if (key.isEmpty()) {
        remove(service);
        return;
    }
    if (m_backend == Backend::Unavailable) {
        storeInMemory(service, key);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_config.keychainService, this);
    job->setKey(m_config.keyPrefix + service);
    job->setTextData(key);
    // Until the keychain confirms, the key is in memory (the engine has it already).
    m_memory.insert(service, key);
    m_locations.insert(service, Location::Memory);
    run(job, [this, service, key](QKeychain::Job *done) {
        if (m_memory.value(service) != key) return; // replaced or removed meanwhile
        if (done && done->error() == QKeychain::NoError) {
            setAvailable();
            m_memory.remove(service);
            m_locations.insert(service, Location::Keychain);
            emit keyStored(service, Location::Keychain);
            return;
        }
        if (done) setUnavailable(describe(done));
        storeInMemory(service, key);
    });
}

void KeyStore::remove(const QString &service)
{
    const bool inKeychain = location(service) == Location::Keychain;
    m_memory.remove(service);
    m_locations.remove(service);
    emit keyStored(service, Location::None);
    // Also when the entry was not loaded (the keychain was late): deleting a missing entry is harmless.
    if (m_backend == Backend::Unavailable && !inKeychain) return;
    auto *job = new QKeychain::DeletePasswordJob(m_config.keychainService, this);
    job->setKey(m_config.keyPrefix + service);
    run(job, [this](QKeychain::Job *done) {
        if (done && done->error() != QKeychain::NoError && done->error() != QKeychain::EntryNotFound &&
            m_backend != Backend::Available)
            setUnavailable(describe(done));
    });
}

void KeyStore::run(QKeychain::Job *job, std::function<void(QKeychain::Job *)> done)
{
    // Whichever comes first, the job's answer or the timeout, calls done; the other is ignored.
    auto pending = std::make_shared<std::function<void(QKeychain::Job *)>>(std::move(done));
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, pending, timer] {
        timer->deleteLater();
        if (!*pending) return;
        auto callback = std::exchange(*pending, nullptr);
        setUnavailable(tr("the keychain did not answer within %1 s").arg(m_config.timeoutMs / 1000.0));
        callback(nullptr);
    });
    connect(job, &QKeychain::Job::finished, this, [pending, timer](QKeychain::Job *finished) {
        timer->stop();
        timer->deleteLater();
        if (!*pending) return;
        auto callback = std::exchange(*pending, nullptr);
        callback(finished);
    });
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain file
    timer->start(m_config.timeoutMs);
    job->start();
}

void KeyStore::setAvailable()
{
    if (m_backend != Backend::Unknown) return; // unavailable stays so for the session
    m_backend = Backend::Available;
    emit backendChanged(m_backend);
}

void KeyStore::setUnavailable(const QString &reason)
{
    if (m_backend == Backend::Unavailable) return;
    m_backend = Backend::Unavailable;
    m_reason = reason;
    emit backendChanged(m_backend);
}

QString KeyStore::describe(const QKeychain::Job *job) const
{
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
        return tr("no keychain service is running");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return tr("access to the keychain was denied");
    case QKeychain::NotImplemented:
        return tr("this system has no supported keychain");
    default:
        return tr("no keychain service answered (%1)").arg(job->errorString());
    }
}

void KeyStore::storeInMemory(const QString &service, const QString &key)
{
    m_memory.insert(service, key);
    m_locations.insert(service, Location::Memory);
    emit keyStored(service, Location::Memory);
}

} // namespace airm
