// The headless mode: builds the engine on its thread, injects the command line's chaos, runs a batch (and
// prints its summary) or serves until SIGINT/SIGTERM, then shuts down gracefully.
#pragma once

#include "commandline.h"

#include <QObject>

namespace airm {

class EngineHost;

class HeadlessApp : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessApp(CommandLine options, QObject *parent = nullptr);
    ~HeadlessApp() override;
    int exec();

private:
    void logLine(const QString &line) const;
    int finishBatch(qint64 elapsedMs);

    CommandLine m_options;
    EngineHost *m_host = nullptr;
};

} // namespace airm
