#include "journal.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace airm {
namespace {
constexpr char kHeaderKey[] = "airmJournal";
constexpr int kFormatVersion = 1;
} // namespace

Journal::Journal(QString path)
    : m_path(std::move(path))
{}

bool Journal::exists() const
{
    return QFileInfo::exists(m_path);
}

bool Journal::readHeader(QFile &f, QString *id)
{
    const QByteArray first = f.readLine();
    const QJsonObject o = QJsonDocument::fromJson(first).object();
    if (o.value(QLatin1String(kHeaderKey)).toInt() != kFormatVersion) {
        // No header (or a torn one): treat every line as an item, with no replay bookkeeping.
        f.seek(0);
        id->clear();
        return false;
    }
    *id = o.value(QLatin1String("id")).toString();
    return true;
}

QString Journal::id()
{
    if (!m_id.isEmpty()) return m_id;
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    readHeader(f, &m_id);
    return m_id;
}

qint64 Journal::countLines()
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly)) return 0;
    QString id;
    readHeader(f, &id);
    qint64 n = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine();
        if (!line.trimmed().isEmpty()) ++n;
    }
    return n;
}

bool Journal::append(const QList<QByteArray> &lines, QString *error)
{
    if (lines.isEmpty()) return true;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile f(m_path);
    const bool fresh = !f.exists() || f.size() == 0;
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = QStringLiteral("cannot open the journal %1: %2").arg(m_path, f.errorString());
        return false;
    }
    QByteArray buffer;
    if (!fresh) {
        // A torn last line (the process died mid-write) must not swallow the first new line.
        QFile tail(m_path);
        if (tail.open(QIODevice::ReadOnly) && tail.seek(tail.size() - 1) && tail.read(1) != "\n")
            buffer += '\n';
    }
    if (fresh) {
        m_id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        buffer = QJsonDocument(
                     QJsonObject{{QLatin1String(kHeaderKey), kFormatVersion}, {QStringLiteral("id"), m_id}})
                     .toJson(QJsonDocument::Compact) +
                 '\n';
    }
    for (const QByteArray &l : lines) {
        buffer += l;
        buffer += '\n';
    }
    if (f.write(buffer) != buffer.size() || !f.flush()) {
        *error = QStringLiteral("cannot write the journal %1: %2").arg(m_path, f.errorString());
        // A torn tail is skipped at replay; the caller keeps the items in memory.
        return false;
    }
    return true;
}

bool Journal::openForReplay(qint64 skip, QString *error)
{
    m_replay.close();
    m_replay.setFileName(m_path);
    if (!m_replay.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the journal %1: %2").arg(m_path, m_replay.errorString());
        return false;
    }
    readHeader(m_replay, &m_id);
    for (qint64 i = 0; i < skip && !m_replay.atEnd();) {
        if (!m_replay.readLine().trimmed().isEmpty()) ++i;
    }
    return true;
}

QList<QByteArray> Journal::readChunk(int max)
{
    QList<QByteArray> out;
    while (out.size() < max && !m_replay.atEnd()) {
        QByteArray line = m_replay.readLine();
        if (line.endsWith('\n')) line.chop(1);
        if (!line.trimmed().isEmpty()) out << line;
    }
    return out;
}

void Journal::closeReplay()
{
    m_replay.close();
}

bool Journal::remove(QString *error)
{
    m_replay.close();
    m_id.clear();
    if (!QFileInfo::exists(m_path)) return true;
    if (!QFile::remove(m_path)) {
        *error = QStringLiteral("cannot remove the replayed journal %1").arg(m_path);
        return false;
    }
    return true;
}

} // namespace airm
