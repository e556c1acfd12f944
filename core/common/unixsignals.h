// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), for graceful shutdown; and
// SIGHUP, when asked to watch it, into reloadRequested (otherwise SIGHUP keeps its default: it ends the
// process).
#pragma once

#include <QObject>

class QSocketNotifier;

namespace airm {

class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

    // From now on SIGHUP emits reloadRequested instead of ending the process.
    void watchHangup();

signals:
    void terminationRequested(int signalNumber);
    void reloadRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
    bool m_watchingHangup = false;
};

} // namespace airm
