#include "socketwrite.h"

#include <QAbstractSocket>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#endif

namespace airm {

void writeNow(QAbstractSocket *socket, const char *data, qsizetype size)
{
    if (size <= 0) return;
#ifdef Q_OS_LINUX
    if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState) {
        const ssize_t sent =
            ::send(int(socket->socketDescriptor()), data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == size) return;
        if (sent > 0) {
            data += sent;
            size -= sent;
        }
    }
#endif
    socket->write(data, size);
}

} // namespace airm
