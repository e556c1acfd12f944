// Collects request records on the engine thread and hands them to the GUI in batches (every intervalMs), so a
// thousand requests a second cost the GUI ten queued events, not a thousand. Thread affinity: created on the
// GUI thread, moved to the engine thread by attach(); destroyed with the engine.
#pragma once

#include "model/requestrecord.h"

#include <QList>
#include <QObject>

namespace airm {
class EngineHost;
class RequestEngine;
} // namespace airm

class QTimer;

namespace airm::ui {

class RecordBatcher : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        int intervalMs = 100;
        int maxBatch = 20'000; // a GUI that falls behind gets the newest records, and a count of the rest
    };

    RecordBatcher();
    explicit RecordBatcher(Config config);
    // Moves this object to the engine thread and starts batching there; the engine becomes its parent.
    void attach(EngineHost *host);

signals:
    void batchReady(const QList<airm::RequestRecord> &records, qint64 dropped);

private:
    void start(RequestEngine &engine);
    void flush();

    Config m_config;
    QList<RequestRecord> m_pending;
    qint64 m_dropped = 0;
    QTimer *m_timer = nullptr;
};

} // namespace airm::ui
