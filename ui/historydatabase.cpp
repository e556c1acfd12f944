#include "historydatabase.h"

#include "databasehistorysource.h"
#include "storagestatus.h"

#include "engine/enginehost.h"
#include "storage/database.h"
#include "storage/storagewriter.h"

namespace airm::ui {
namespace {

ChaosRecord toRecord(const ActiveChaos &a, qint64 endedMs, const QString &status)
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

} // namespace

HistoryDatabase::HistoryDatabase(const QString &locationText, StorageConfig config, StorageStatus *status,
                                 QObject *parent)
    : QObject(parent)
    , m_status(status)
{
    qRegisterMetaType<airm::StorageState>("airm::StorageState");
    QString error;
    const DatabaseLocation location = DatabaseLocation::parse(locationText, &error);
    if (!error.isEmpty()) {
        m_error = error;
        m_status->setUnavailable(tr("Database location: %1").arg(error));
        return;
    }
    m_db = std::make_shared<Database>(location);
    m_status->setLocation(location.describe());
    if (!m_db->driverAvailable()) {
        m_error = tr("The Qt SQL driver for %1 is not installed").arg(location.describe());
        m_status->setUnavailable(m_error);
        m_db.reset();
        return;
    }
    m_writer = new StorageWriter(m_db, std::move(config), this);
    connect(m_writer, &StorageWriter::stateChanged, m_status, &StorageStatus::setState);
    m_writer->start();
    m_status->setState(m_writer->state());
    m_source = new DatabaseHistorySource(m_db, this);
}

HistoryDatabase::~HistoryDatabase()
{
    stop(5000);
}

QString HistoryDatabase::location() const
{
    return m_db ? m_db->location().describe() : QString();
}

void HistoryDatabase::attach(EngineHost *host)
{
    if (!m_writer || !host->engine()) return;
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

void HistoryDatabase::stop(int timeoutMs)
{
    // The source's readers go first: they hold connections of the same database.
    delete m_source;
    m_source = nullptr;
    if (m_writer) {
        m_writer->stop(timeoutMs);
        delete m_writer;
        m_writer = nullptr;
    }
}

} // namespace airm::ui
