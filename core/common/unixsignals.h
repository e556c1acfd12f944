// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), for graceful shutdown.
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

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace airm
