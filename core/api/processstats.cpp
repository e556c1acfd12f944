#include "processstats.h"

#include <QByteArray>
#include <QFile>

#ifdef Q_OS_LINUX
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace airm {
namespace {

QByteArray readSmallFile(const char *path)
{
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.read(64 * 1024);
}

} // namespace

void ProcessStats::fill(PrometheusExtras *extras)
{
    if (!m_age.isValid() || m_age.elapsed() >= kCacheMs) refresh();
    extras->processKnown = m_cached.processKnown;
    extras->residentMemoryBytes = m_cached.residentMemoryBytes;
    extras->virtualMemoryBytes = m_cached.virtualMemoryBytes;
    extras->cpuUserSeconds = m_cached.cpuUserSeconds;
    extras->cpuSystemSeconds = m_cached.cpuSystemSeconds;
    extras->startTimeSeconds = m_cached.startTimeSeconds;
    extras->openFds = m_cached.openFds;
    extras->maxFds = m_cached.maxFds;
}

qint64 ProcessStats::residentBytes()
{
#ifdef Q_OS_LINUX
    const QList<QByteArray> fields = readSmallFile("/proc/self/statm").split(' ');
    if (fields.size() < 2) return 0;
    return fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE);
#else
    return 0;
#endif
}

void ProcessStats::refresh()
{
    m_age.start();
#ifdef Q_OS_LINUX
    // /proc/self/stat: the command name (field 2) may contain spaces, so fields are counted after its ')'.
    const QByteArray stat = readSmallFile("/proc/self/stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0) return;
    const QList<QByteArray> f = stat.mid(close + 2).split(' '); // f[0] is field 3 (state)
    constexpr int kUtime = 14 - 3, kStime = 15 - 3, kStartTime = 22 - 3, kVsize = 23 - 3, kRss = 24 - 3;
    if (f.size() <= kRss) return;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const double page = double(sysconf(_SC_PAGESIZE));
    m_cached.cpuUserSeconds = f.at(kUtime).toDouble() / ticks;
    m_cached.cpuSystemSeconds = f.at(kStime).toDouble() / ticks;
    m_cached.virtualMemoryBytes = f.at(kVsize).toDouble();
    m_cached.residentMemoryBytes = f.at(kRss).toDouble() * page;

    double bootTime = 0;
    for (const QByteArray &line : readSmallFile("/proc/stat").split('\n'))
        if (line.startsWith("btime ")) bootTime = line.mid(6).trimmed().toDouble();
    m_cached.startTimeSeconds = bootTime + f.at(kStartTime).toDouble() / ticks;

    int fds = 0;
    if (DIR *dir = opendir("/proc/self/fd")) {
        while (const dirent *e = readdir(dir))
            if (e->d_name[0] != '.') ++fds;
        closedir(dir);
        --fds; // the directory stream's own descriptor
    }
    m_cached.openFds = fds;
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) m_cached.maxFds = double(limit.rlim_cur);
    m_cached.processKnown = true;
#endif
}

} // namespace airm
