// Writing to a connected TCP socket without a detour through the event loop. QAbstractSocket::write() buffers
// and arms the socket's write notifier, flush() disarms it again; with the GLib event dispatcher each arm and
// disarm wakes the thread's event loop, which on a busy keep-alive connection costs more than the bytes.
// Thread affinity: the socket's thread.
#pragma once

#include <QByteArray>

class QAbstractSocket;

namespace airm {

// Sends bytes on socket now. When nothing is queued in the socket's own buffer, they go straight to the
// kernel; what the kernel does not take (or a send error) goes through QAbstractSocket::write(), so order is
// kept and errors surface through the socket's usual signals; flush() the socket to push such a rest out now.
void writeNow(QAbstractSocket *socket, const char *data, qsizetype size);
inline void writeNow(QAbstractSocket *socket, const QByteArray &bytes)
{
    writeNow(socket, bytes.constData(), bytes.size());
}

} // namespace airm
