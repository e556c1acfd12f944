#include "historyrecorder.h"

#include "database.h"
#include "databaselocation.h"
#include "engine/enginehost.h"
#include "model/metricssnapshot.h"
#include "storagerecords.h"
#include "storagewriter.h"

namespace airm {

HistoryRecorder::HistoryRecorder(const QString &locationText, StorageConfig config, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<airm::StorageState>("airm::StorageState");
    QString error;
    const DatabaseLocation location = DatabaseLocation::parse(locationText, &error);
    if (!error.isEmpty()) {
        m_error = QStringLiteral("database location: %1").arg(error);
        return;
    }
    m_db = std::make_shared<Database>(location);
    if (!m_db->driverAvailable()) {
        m_error = QStringLiteral("the Qt SQL driver for %1 is not installed (%2)")
                      .arg(location.describe(), location.isPostgres() ? QStringLiteral("libqt6sql6-psql")
                                                                      : QStringLiteral("libqt6sql6-sqlite"));
        return;
    }
    m_writer = new StorageWriter(m_db, std::move(config), this);
    connect(m_writer, &StorageWriter::stateChanged, this, &HistoryRecorder::stateChanged);
    m_writer->start();
}

HistoryRecorder::~HistoryRecorder()
{
    stop(5000);
}

QString HistoryRecorder::location() const
{
    return m_db ? m_db->location().describe() : QString();
}

StorageState HistoryRecorder::state() const
{
    return m_writer ? m_writer->state() : m_finalState;
}

ChaosRecord HistoryRecorder::toRecord(const ActiveChaos &a, qint64 endedMs, const QString &status)
{
    ChaosRecord r;
    r.id = a.id;
    r.type = a.type;
    r.targets = a.targets;
    r.params = a.spec;
    r.startedMs = a.startedAtMs;
    r.endsMs = a.endsAtMs;
    r.endedMs = endedMs;
    r.status = status;
    r.touched = a.touched;
    return r;
}

void HistoryRecorder::attach(EngineHost *host)
{
    if (!m_writer || !host || !host->engine()) return;
    StorageWriter *writer = m_writer;
    RequestEngine *engine = host->engine();
    // Direct connections: the lambdas run on the engine thread; enqueue*() only append to the writer's queue.
    connect(
        engine, &RequestEngine::requestFinished, writer,
        [writer](const RequestRecord &r) { writer->enqueue(r); }, Qt::DirectConnection);
    connect(
        engine, &RequestEngine::breakerTransitioned, writer,
        [writer](const BreakerTransition &t) { writer->enqueueTransition(t); }, Qt::DirectConnection);
    connect(
        engine, &RequestEngine::chaosStarted, writer,
        [writer](const ActiveChaos &a) { writer->enqueueChaos(toRecord(a, 0, QStringLiteral("active"))); },
        Qt::DirectConnection);
    connect(
        engine, &RequestEngine::chaosEnded, writer,
        [writer, engine](const ActiveChaos &a, const QString &reason) {
            writer->enqueueChaos(toRecord(a, engine->clock().wallMs(), reason));
        },
        Qt::DirectConnection);
}

void HistoryRecorder::stop(int timeoutMs)
{
    if (!m_writer) return;
    m_writer->stop(timeoutMs);
    m_finalState = m_writer->state();
    delete m_writer;
    m_writer = nullptr;
}

} // namespace airm
