// Asking the engine from the GUI without waiting: the query runs on the engine thread, its result comes back
// to the GUI thread through the event loop, and is dropped when the receiver is gone by then.
#pragma once

#include "engine/enginehost.h"

#include <QCoreApplication>
#include <QPointer>

namespace airm::ui {

// query: R(RequestEngine &), runs on the engine thread. reply: void(R), runs on the GUI thread while receiver
// lives. Both are copied into std::function, so they must be copyable.
template<typename Query, typename Reply>
void queryEngine(EngineHost *host, QObject *receiver, Query query, Reply reply)
{
    if (!host) return;
    QPointer<QObject> guard(receiver);
    host->post([guard, query = std::move(query), reply = std::move(reply)](RequestEngine &engine) {
        auto result = query(engine);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, reply, result = std::move(result)]() {
                if (guard) reply(result);
            },
            Qt::QueuedConnection);
    });
}

} // namespace airm::ui
