// Base of the storage test classes that read one prepared history: run once per backend
// (AIRM_STORAGE_TEST_MAIN), initTestCase creates the database, lets seed() write into it and opens a
// HistoryStore on it; cleanupTestCase drops both. The PostgreSQL run skips itself without AIRM_TEST_PG_URL.
#pragma once

#include "../core/storagetestenv.h" // the storage test environment lives beside the storage tests
#include "storage/historystore.h"

#include <QObject>
#include <memory>

namespace airm::testenv {

class HistoryStoreTest : public QObject
{
    Q_OBJECT
public:
    explicit HistoryStoreTest(Backend backend)
        : m_backend(backend)
    {}

protected:
    // Writes what the test functions read; called once, before the first of them.
    virtual void seed(TestDatabase &db) = 0;

    Backend backend() const { return m_backend; }
    const HistoryStore &store() const { return *m_store; }

private slots:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(backendName(m_backend)));
        if (m_backend == Backend::Postgres && pgUrl().isEmpty()) QSKIP(pgSkipMessage());
        m_db = std::make_unique<TestDatabase>(m_backend);
        seed(*m_db);
        m_store = std::make_unique<HistoryStore>(m_db->db());
    }
    void cleanupTestCase()
    {
        m_store.reset();
        m_db.reset();
    }

private:
    Backend m_backend;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<HistoryStore> m_store;
};

} // namespace airm::testenv
