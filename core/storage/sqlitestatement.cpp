#include "sqlitestatement.h"

#include <QSqlDriver>
#include <QVariant>

#include <type_traits>

#if defined(Q_OS_UNIX)
#include <dlfcn.h>
#endif

namespace airm {
namespace {

struct sqlite3;
struct sqlite3_stmt;

constexpr int kSqliteOk = 0;
constexpr int kSqliteRow = 100;
constexpr int kSqliteDone = 101;

struct Api
{
    int (*prepare)(sqlite3 *, const char *, int, sqlite3_stmt **, const char **) = nullptr;
    int (*bindInt64)(sqlite3_stmt *, int, long long) = nullptr;
    int (*bindNull)(sqlite3_stmt *, int) = nullptr;
    int (*bindText16)(sqlite3_stmt *, int, const void *, int, void (*)(void *)) = nullptr;
    int (*step)(sqlite3_stmt *) = nullptr;
    int (*reset)(sqlite3_stmt *) = nullptr;
    int (*finalize)(sqlite3_stmt *) = nullptr;
    const char *(*errmsg)(sqlite3 *) = nullptr;
    bool ok = false;
};

const Api &api()
{
    static const Api instance = [] {
        Api a;
#if defined(Q_OS_UNIX)
        // Only the library instance the QSQLITE plugin already uses: RTLD_NOLOAD never loads another.
        void *lib = dlopen("libsqlite3.so.0", RTLD_LAZY | RTLD_NOLOAD);
        if (!lib) return a;
        auto resolve = [lib](auto &fn, const char *name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name));
            return fn != nullptr;
        };
        a.ok = resolve(a.prepare, "sqlite3_prepare_v2") && resolve(a.bindInt64, "sqlite3_bind_int64") &&
               resolve(a.bindNull, "sqlite3_bind_null") && resolve(a.bindText16, "sqlite3_bind_text16") &&
               resolve(a.step, "sqlite3_step") && resolve(a.reset, "sqlite3_reset") &&
               resolve(a.finalize, "sqlite3_finalize") && resolve(a.errmsg, "sqlite3_errmsg");
        dlclose(lib); // drops only our reference; the plugin keeps the library loaded
#endif
        return a;
    }();
    return instance;
}

sqlite3_stmt *stmt(void *p)
{
    return static_cast<sqlite3_stmt *>(p);
}

} // namespace

bool SqliteStatement::available()
{
    return api().ok;
}

SqliteStatement::SqliteStatement(const QSqlDatabase &db, const QString &sql)
{
    if (!db.isOpen() || !db.driver() || db.driverName() != QLatin1String("QSQLITE") || !api().ok) return;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) return;
    auto *h = *static_cast<sqlite3 *const *>(handle.data());
    if (!h) return;
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *s = nullptr;
    if (api().prepare(h, utf8.constData(), int(utf8.size()), &s, nullptr) != kSqliteOk) {
        if (s) api().finalize(s);
        return;
    }
    m_db = h;
    m_stmt = s;
}

SqliteStatement::~SqliteStatement()
{
    if (m_stmt) api().finalize(stmt(m_stmt));
}

void SqliteStatement::keep(int code)
{
    if (m_bindError == kSqliteOk) m_bindError = code;
}

void SqliteStatement::bindNull(int index)
{
    keep(api().bindNull(stmt(m_stmt), index));
}

void SqliteStatement::bindInt64(int index, qint64 value)
{
    keep(api().bindInt64(stmt(m_stmt), index, value));
}

void SqliteStatement::bindText(int index, const QString &text)
{
    // SQLITE_STATIC (null destructor): the caller keeps the text alive until exec().
    keep(api().bindText16(stmt(m_stmt), index, text.utf16(), int(text.size() * qsizetype(sizeof(char16_t))),
                          nullptr));
}

bool SqliteStatement::exec(QString *error)
{
    const Api &a = api();
    int rc = m_bindError;
    if (rc == kSqliteOk) {
        do {
            rc = a.step(stmt(m_stmt));
        } while (rc == kSqliteRow);
    }
    a.reset(stmt(m_stmt));
    m_bindError = kSqliteOk;
    if (rc != kSqliteDone && rc != kSqliteOk) {
        *error = QStringLiteral("%1 (SQLite code %2)")
                     .arg(QString::fromUtf8(a.errmsg(static_cast<sqlite3 *>(m_db))))
                     .arg(rc);
        return false;
    }
    return true;
}

} // namespace airm
