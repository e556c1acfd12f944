#include "reportstore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace airm {
namespace {

const QRegularExpression &namePattern()
{
    static const QRegularExpression re(QStringLiteral("^(report|final_report|experiment_log|request_log|"
                                                      "service_comparison)_(\\d{8}_\\d{6}(?:_\\d{1,4})?)\\."
                                                      "(json|txt|csv)$"));
    return re;
}

QString kindOf(const QString &prefix)
{
    return prefix == QLatin1String("final_report") ? QStringLiteral("summary") : prefix;
}

bool extensionFits(const QString &prefix, const QString &ext)
{
    if (prefix == QLatin1String("report")) return ext == QLatin1String("json");
    if (prefix == QLatin1String("final_report")) return ext == QLatin1String("txt");
    return ext == QLatin1String("csv");
}

} // namespace

QJsonObject ReportFileInfo::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("stamp"), stamp},
            {QStringLiteral("size"), sizeBytes},
            {QStringLiteral("modified"),
             QDateTime::fromMSecsSinceEpoch(modifiedMs, Qt::UTC).toString(Qt::ISODateWithMs)}};
}

ReportStore::ReportStore(QString directory)
    : m_directory(std::move(directory))
{}

QString ReportStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/reports");
}

bool ReportStore::isValidName(const QString &name)
{
    const auto m = namePattern().match(name);
    return m.hasMatch() && extensionFits(m.captured(1), m.captured(3));
}

QList<ReportFileInfo> ReportStore::list() const
{
    QList<ReportFileInfo> out;
    const QDir dir(m_directory);
    if (!dir.exists()) return out;
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QFileInfo &fi : entries) {
        if (fi.isSymLink() || !fi.isFile()) continue; // a link could point anywhere
        const auto m = namePattern().match(fi.fileName());
        if (!m.hasMatch() || !extensionFits(m.captured(1), m.captured(3))) continue;
        ReportFileInfo info;
        info.name = fi.fileName();
        info.kind = kindOf(m.captured(1));
        info.stamp = m.captured(2);
        info.sizeBytes = fi.size();
        info.modifiedMs = fi.lastModified().toMSecsSinceEpoch();
        out << info;
    }
    std::stable_sort(out.begin(), out.end(), [](const ReportFileInfo &a, const ReportFileInfo &b) {
        return a.stamp != b.stamp ? a.stamp > b.stamp : a.name < b.name;
    });
    return out;
}

bool ReportStore::read(const QString &name, QByteArray *content, QString *error) const
{
    error->clear();
    bool listed = false;
    if (isValidName(name))
        for (const ReportFileInfo &f : list())
            if (f.name == name) listed = true;
    if (!listed) {
        *error = QStringLiteral("not found");
        return false;
    }
    QFile f(QDir(m_directory).filePath(name));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read: ") + f.errorString();
        return false;
    }
    *content = f.readAll();
    return true;
}

bool ReportStore::remove(const QString &name, QString *error)
{
    error->clear();
    bool listed = false;
    if (isValidName(name))
        for (const ReportFileInfo &f : list())
            if (f.name == name) listed = true;
    if (!listed) {
        *error = QStringLiteral("not found");
        return false;
    }
    if (!QFile::remove(QDir(m_directory).filePath(name))) {
        *error = QStringLiteral("cannot delete");
        return false;
    }
    return true;
}

int ReportStore::removeStamp(const QString &stamp)
{
    int n = 0;
    QString ignored;
    for (const ReportFileInfo &f : list())
        if (f.stamp == stamp && remove(f.name, &ignored)) ++n;
    return n;
}

QString ReportStore::uniqueStamp(qint64 atMs) const
{
    const QString base = ReportBuilder::stampFor(atMs);
    QSet<QString> used;
    for (const ReportFileInfo &f : list())
        used.insert(f.stamp);
    if (!used.contains(base)) return base;
    for (int i = 2;; ++i) {
        const QString candidate = base + QLatin1Char('_') + QString::number(i);
        if (!used.contains(candidate)) return candidate;
    }
}

QStringList ReportStore::save(const ReportBundle &bundle, QString *error)
{
    error->clear();
    QStringList written;
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot create the report directory");
        return written;
    }
    const QDir dir(m_directory);
    for (const auto &[name, content] : bundle.files()) {
        if (!isValidName(name) || QFileInfo::exists(dir.filePath(name))) {
            *error = QStringLiteral("%1 already exists or is not a report file name").arg(name);
            return written;
        }
    }
    for (const auto &[name, content] : bundle.files()) {
        QSaveFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size() || !f.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(name, f.errorString());
            return written;
        }
        written << name;
    }
    return written;
}

QStringList ReportStore::saveRun(const RunResult &run, QString *error, ReportBundle *bundle)
{
    const ReportBundle b = ReportBuilder::fromRun(run, uniqueStamp(run.startedAtMs));
    if (bundle) *bundle = b;
    return save(b, error);
}

QStringList ReportStore::saveLive(const LiveReportInput &input, QString *error, ReportBundle *bundle)
{
    const qint64 at = input.fromMs > 0 ? input.fromMs : input.snapshot.startedAtMs;
    const ReportBundle b = ReportBuilder::fromLive(input, uniqueStamp(at));
    if (bundle) *bundle = b;
    return save(b, error);
}

} // namespace airm
