#include "logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <cstdio>

namespace airm::logging {
namespace {

bool g_json = false;
int g_minRank = 1;
QMutex g_mutex; // one line at a time

int rank(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
    case QtFatalMsg:
        return 3;
    }
    return 1;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (rank(type) < g_minRank && type != QtFatalMsg) return;
    const QString ts = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString category = context.category ? QString::fromLatin1(context.category) : QString();
    QByteArray line;
    if (g_json) {
        QJsonObject o{{QStringLiteral("ts"), ts},
                      {QStringLiteral("level"), QLatin1String(levelName(type))},
                      {QStringLiteral("msg"), message}};
        if (!category.isEmpty() && category != QLatin1String("default"))
            o.insert(QStringLiteral("category"), category);
        line = QJsonDocument(o).toJson(QJsonDocument::Compact);
    } else {
        line = ts.toUtf8() + ' ' + QByteArray(levelName(type)).leftJustified(8, ' ') + message.toUtf8();
    }
    line += '\n';
    QMutexLocker lock(&g_mutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

void install(const QString &format, const QString &level)
{
    g_json = format == QLatin1String("json");
    g_minRank = level == QLatin1String("debug")     ? 0
                : level == QLatin1String("warning") ? 2
                : level == QLatin1String("error")   ? 3
                                                    : 1;
    qInstallMessageHandler(handler);
}

} // namespace airm::logging
