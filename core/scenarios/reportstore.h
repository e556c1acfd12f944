// The report files under one directory (default: QStandardPaths::AppDataLocation/reports): lists, reads,
// writes and deletes them. File names are made by the core (report_/final_report_/experiment_log_/
// request_log_/service_comparison_ + yyyyMMdd_HHmmss[_N]) and a name from a client is only accepted when it
// is exactly one of the names list() returns, so no path, encoding or traversal trick reaches the disk.
// Thread affinity: none; an instance holds no state but its directory (concurrent writers of one directory
// should be one thread, e.g. the API's).
#pragma once

#include "reportbuilder.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace airm {

struct ReportFileInfo
{
    QString name;
    QString kind;  // report | summary | experiment_log | request_log | service_comparison
    QString stamp; // the run's stamp, shared by its files
    qint64 sizeBytes = 0;
    qint64 modifiedMs = 0;
    QJsonObject toJson() const;
};

class ReportStore
{
public:
    explicit ReportStore(QString directory = defaultDirectory());
    static QString defaultDirectory();
    const QString &directory() const { return m_directory; }

    // Report files in the directory, newest first. Anything else there is not listed.
    QList<ReportFileInfo> list() const;
    // True when name has the form of a core-made report file name (no directory part, no encoding).
    static bool isValidName(const QString &name);
    // Reads a listed file; false with *error ("not found") for anything not in list().
    bool read(const QString &name, QByteArray *content, QString *error) const;
    bool remove(const QString &name, QString *error);
    // Removes every file of one stamp; returns how many.
    int removeStamp(const QString &stamp);

    // A stamp no existing file uses: stampFor(atMs), or with _2, _3, ... appended.
    QString uniqueStamp(qint64 atMs) const;
    // Writes the bundle's five files; never overwrites. Returns the names written.
    QStringList save(const ReportBundle &bundle, QString *error);
    // Builds the report of a run under a fresh stamp and saves it. *bundle (optional) receives it.
    QStringList saveRun(const RunResult &run, QString *error, ReportBundle *bundle = nullptr);
    QStringList saveLive(const LiveReportInput &input, QString *error, ReportBundle *bundle = nullptr);

private:
    QString m_directory;
};

} // namespace airm
