#include "databaselocation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace airm {

namespace {
constexpr int kDefaultPgPort = 5432;

bool isIdentifier(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return re.match(s).hasMatch();
}
} // namespace

QString DatabaseLocation::defaultSqlitePath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty()) dir = QDir::homePath() + QStringLiteral("/.local/share/ai-resilience-monitor");
    return dir + QStringLiteral("/monitor.db");
}

DatabaseLocation DatabaseLocation::sqlite(const QString &path)
{
    DatabaseLocation l;
    l.kind = Kind::Sqlite;
    l.path = path;
    return l;
}

DatabaseLocation DatabaseLocation::parse(const QString &pathOrUrl, QString *error)
{
    error->clear();
    const QString text = pathOrUrl.trimmed();
    if (text.isEmpty()) return sqlite(defaultSqlitePath());
    if (!text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) &&
        !text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive)) {
        if (text.contains(QLatin1String("://"))) {
            *error =
                QStringLiteral("unsupported database URL scheme in \"%1\" (use a file path or postgresql://)")
                    .arg(text.section(QLatin1String("://"), 0, 0));
            return {};
        }
        return sqlite(text);
    }

    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        *error = QStringLiteral("invalid PostgreSQL URL: %1").arg(url.errorString());
        return {};
    }
    DatabaseLocation l;
    l.kind = Kind::Postgres;
    l.host = url.host(QUrl::FullyDecoded);
    if (l.host.isEmpty()) l.host = QStringLiteral("localhost");
    l.port = url.port(kDefaultPgPort);
    l.user = url.userName(QUrl::FullyDecoded);
    l.password = url.password(QUrl::FullyDecoded);
    if (l.password.isEmpty()) l.password = qEnvironmentVariable("PGPASSWORD");
    l.database = url.path(QUrl::FullyDecoded);
    if (l.database.startsWith(QLatin1Char('/'))) l.database.remove(0, 1);
    if (l.database.isEmpty() || l.database.contains(QLatin1Char('/'))) {
        *error = QStringLiteral(
            "PostgreSQL URL needs a database name: postgresql://user:password@host:port/dbname");
        return {};
    }
    if (l.user.isEmpty()) l.user = qEnvironmentVariable("PGUSER");

    QStringList options;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("schema")) {
            if (!isIdentifier(value)) {
                *error = QStringLiteral("schema must be a plain identifier (letters, digits, _), got \"%1\"")
                             .arg(value);
                return {};
            }
            l.schema = value;
        } else if (key == QLatin1String("sslmode") || key == QLatin1String("connect_timeout") ||
                   key == QLatin1String("application_name") || key == QLatin1String("sslrootcert")) {
            if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')) ||
                value.contains(QLatin1Char('\''))) {
                *error = QStringLiteral("invalid value for %1 in the PostgreSQL URL").arg(key);
                return {};
            }
            options << key + QLatin1Char('=') + value;
        } else {
            *error = QStringLiteral("unknown PostgreSQL URL parameter \"%1\" (known: schema, sslmode, "
                                    "connect_timeout, application_name, sslrootcert)")
                         .arg(key);
            return {};
        }
    }
    l.libpqOptions = options.join(QLatin1Char(';'));
    return l;
}

QString DatabaseLocation::describe() const
{
    if (kind == Kind::Sqlite) return QStringLiteral("sqlite:%1").arg(path);
    QString s = QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
    if (!schema.isEmpty()) s += QStringLiteral("?schema=") + schema;
    return s;
}

QString DatabaseLocation::defaultJournalPath() const
{
    if (kind == Kind::Sqlite) return path + QStringLiteral(".journal.jsonl");
    const QString key = QString::fromLatin1(
        QCryptographicHash::hash(describe().toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    return QFileInfo(defaultSqlitePath()).absolutePath() + QStringLiteral("/postgres-") + key +
           QStringLiteral(".journal.jsonl");
}

} // namespace airm
