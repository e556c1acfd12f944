#include "historydatabase.h"

#include "databasehistorysource.h"
#include "storagestatus.h"

#include "storage/historyrecorder.h"

namespace airm::ui {

HistoryDatabase::HistoryDatabase(const QString &locationText, StorageConfig config, StorageStatus *status,
                                 QObject *parent)
    : QObject(parent)
    , m_status(status)
{
    m_recorder = new HistoryRecorder(locationText, std::move(config), this);
    if (!m_recorder->isOpen()) {
        m_error = m_recorder->error();
        m_status->setUnavailable(m_error);
        return;
    }
    m_status->setLocation(m_recorder->location());
    connect(m_recorder, &HistoryRecorder::stateChanged, m_status, &StorageStatus::setState);
    m_status->setState(m_recorder->state());
    m_source = new DatabaseHistorySource(m_recorder->database(), this);
}

HistoryDatabase::~HistoryDatabase()
{
    stop(5000);
}

bool HistoryDatabase::isOpen() const
{
    return m_recorder->isOpen();
}

QString HistoryDatabase::location() const
{
    return m_recorder->location();
}

StorageWriter *HistoryDatabase::writer() const
{
    return m_recorder->writer();
}

std::shared_ptr<const Database> HistoryDatabase::database() const
{
    return m_recorder->isOpen() ? m_recorder->database() : nullptr;
}

void HistoryDatabase::attach(EngineHost *host)
{
    m_recorder->attach(host);
}

void HistoryDatabase::stop(int timeoutMs)
{
    // The source's readers go first: they hold connections of the same database.
    delete m_source;
    m_source = nullptr;
    m_recorder->stop(timeoutMs);
}

} // namespace airm::ui
