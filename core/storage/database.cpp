#include "database.h"

#include "schema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <atomic>

namespace airm {

// Connection names by thread, shared with the QThread::finished hooks (which may outlive the Database).
struct Database::Registry
{
    QMutex mutex;
    QHash<QThread *, QString> names;
    QHash<QThread *, QMetaObject::Connection> hooks;

    // Takes the entry of t; the caller removes the connection.
    QString take(QThread *t)
    {
        QMutexLocker lock(&mutex);
        QObject::disconnect(hooks.take(t));
        return names.take(t);
    }
};

namespace {

// ownThread: called on the connection's own thread, which may close it; otherwise removal alone lets Qt close
// it when the last handle goes (asking another thread's connection for a handle only earns a warning).
void removeConnection(const QString &name, bool ownThread = true)
{
    if (name.isEmpty()) return;
    if (ownThread) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen()) db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

bool execAll(QSqlDatabase &db, const QStringList &statements, QString *error)
{
    QSqlQuery q(db);
    for (const QString &s : statements) {
        if (!q.exec(s)) {
            *error = QStringLiteral("%1: %2").arg(s, q.lastError().text());
            return false;
        }
    }
    return true;
}

} // namespace

Database::Database(DatabaseLocation location)
    : Database(std::move(location), Options{})
{}

Database::Database(DatabaseLocation location, Options options)
    : m_location(std::move(location))
    , m_options(options)
    , m_dialect(m_location.isPostgres() ? SqlDialect::Kind::Postgres : SqlDialect::Kind::Sqlite)
    , m_registry(std::make_shared<Registry>())
{}

Database::~Database()
{
    QHash<QThread *, QString> names;
    {
        QMutexLocker lock(&m_registry->mutex);
        for (const auto &h : std::as_const(m_registry->hooks))
            QObject::disconnect(h);
        m_registry->hooks.clear();
        names.swap(m_registry->names);
    }
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        removeConnection(it.value(), it.key() == QThread::currentThread());
}

bool Database::driverAvailable() const
{
    return QSqlDatabase::isDriverAvailable(m_location.isPostgres() ? QStringLiteral("QPSQL")
                                                                   : QStringLiteral("QSQLITE"));
}

QSqlDatabase Database::connection(QString *error) const
{
    QThread *const thread = QThread::currentThread();
    QString name;
    {
        QMutexLocker lock(&m_registry->mutex);
        name = m_registry->names.value(thread);
    }
    if (!name.isEmpty()) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen()) return db;
        // Closed after an error: open it afresh under the same name.
        db = QSqlDatabase();
        releaseConnection();
    }

    static std::atomic<quint64> s_serial{1};
    name = QStringLiteral("airm-db-%1").arg(s_serial.fetch_add(1));
    QString openError;
    QSqlDatabase db = open(name, &openError);
    if (!db.isValid() || !db.isOpen()) {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        if (error) *error = openError;
        return {};
    }
    QMutexLocker lock(&m_registry->mutex);
    m_registry->names.insert(thread, name);
    // Runs in the finishing thread itself (finished is emitted from it), which owns the connection.
    std::weak_ptr<Registry> weak = m_registry;
    m_registry->hooks.insert(thread, QObject::connect(
                                         thread, &QThread::finished, thread,
                                         [weak, thread] {
                                             if (auto registry = weak.lock())
                                                 removeConnection(registry->take(thread));
                                         },
                                         Qt::DirectConnection));
    if (error) error->clear();
    return db;
}

void Database::releaseConnection() const
{
    removeConnection(m_registry->take(QThread::currentThread()));
}

QSqlDatabase Database::open(const QString &name, QString *error) const
{
    if (!driverAvailable()) {
        *error = m_location.isPostgres()
                     ? QStringLiteral(
                           "the Qt PostgreSQL driver (QPSQL, Debian package libqt6sql6-psql) is missing")
                     : QStringLiteral("the Qt SQLite driver (QSQLITE) is missing");
        return {};
    }
    if (!m_location.isPostgres()) {
        const QFileInfo info(m_location.path);
        if (!QDir().mkpath(info.absolutePath())) {
            *error = QStringLiteral("cannot create the directory %1").arg(info.absolutePath());
            return {};
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_location.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs));
        if (!db.open()) {
            *error = QStringLiteral("cannot open %1: %2").arg(m_location.path, db.lastError().text());
            return db;
        }
        QSqlQuery q(db);
        // journal_mode answers the mode in force; "wal" unless the file could not be switched. Switching
        // needs the file to itself for a moment and does not wait on the busy timeout, so a connection
        // opening while another switches (two processes starting at once) retries within that timeout.
        const auto switched = [&q] {
            return q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) && q.next() &&
                   q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
        };
        QElapsedTimer waited;
        waited.start();
        bool wal = switched();
        while (!wal && waited.elapsed() < m_options.busyTimeoutMs &&
               q.lastError().text().contains(QLatin1String("locked"))) {
            q.finish();
            QThread::msleep(5);
            wal = switched();
        }
        if (!wal) {
            *error = QStringLiteral("cannot switch %1 to WAL: %2").arg(m_location.path, q.lastError().text());
            q.finish();
            q = QSqlQuery();
            db.close();
            return db;
        }
        q.finish();
        if (!execAll(db,
                     {QStringLiteral("PRAGMA synchronous=NORMAL"), QStringLiteral("PRAGMA temp_store=MEMORY"),
                      QStringLiteral("PRAGMA cache_size=-%1").arg(m_options.sqliteCacheKib)},
                     error)) {
            q = QSqlQuery();
            db.close();
        }
        return db;
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(m_location.host);
    db.setPort(m_location.port);
    db.setDatabaseName(m_location.database);
    if (!m_location.user.isEmpty()) db.setUserName(m_location.user);
    if (!m_location.password.isEmpty()) db.setPassword(m_location.password);
    QString options = QStringLiteral("connect_timeout=%1").arg(m_options.connectTimeoutS);
    if (!m_location.libpqOptions.isEmpty()) options += QLatin1Char(';') + m_location.libpqOptions;
    db.setConnectOptions(options);
    if (!db.open()) {
        *error = QStringLiteral("cannot connect to %1: %2").arg(m_location.describe(), db.lastError().text());
        return db;
    }
    QStringList setup{QStringLiteral("SET client_min_messages TO warning"),
                      m_dialect.setLockTimeout(m_options.busyTimeoutMs)};
    if (!m_location.schema.isEmpty()) {
        // The schema name was validated as a plain identifier by DatabaseLocation::parse.
        setup << QStringLiteral("CREATE SCHEMA IF NOT EXISTS \"%1\"").arg(m_location.schema)
              << QStringLiteral("SET search_path TO \"%1\"").arg(m_location.schema);
    }
    if (!execAll(db, setup, error)) {
        // CREATE SCHEMA IF NOT EXISTS is not atomic: two connections creating it at once can both find it
        // missing, and one fails on the catalog's unique index. The schema then exists: run the setup again.
        const bool raced = error->contains(QLatin1String("pg_namespace_nspname_index"));
        if (!raced || !execAll(db, setup, error)) db.close();
    }
    return db;
}

bool Database::initialize(QString *error) const
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen()) return false;
    return Schema::migrate(db, m_dialect, Schema::kLatestVersion, error);
}

} // namespace airm
