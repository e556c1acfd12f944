// The writer's append-only JSON Lines spill file. The first line is a header carrying a random journal id;
// every further line is one StorageItem (RecordCodec). Replay reads it in chunks; how many lines are already
// in the database is recorded in journal_state in the same transaction, so a crash during replay never
// duplicates rows. Thread affinity: the storage writer thread (one Journal per file and process).
#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace airm {

class Journal
{
public:
    explicit Journal(QString path);

    const QString &path() const { return m_path; }
    bool exists() const;
    // The journal id from the header line; empty when the file is missing or has no valid header.
    QString id();
    // Item lines (header excluded); counts by reading the file.
    qint64 countLines();

    // Appends one item line per entry, creating the file with a header first. Flushed to the OS before
    // returning (enough to survive the process being killed).
    bool append(const QList<QByteArray> &lines, QString *error);

    // Sequential reading for replay: open() positions after the header and skips `skip` item lines.
    bool openForReplay(qint64 skip, QString *error);
    // Up to max item lines; empty at the end.
    QList<QByteArray> readChunk(int max);
    void closeReplay();
    // Deletes the file (after a complete replay).
    bool remove(QString *error);

private:
    bool readHeader(QFile &f, QString *id);

    QString m_path;
    QString m_id;
    QFile m_replay;
};

} // namespace airm
