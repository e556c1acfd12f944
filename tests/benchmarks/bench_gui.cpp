// The GUI under load: the real main window (offscreen) while an automation run drives 1 000 requests/s
// through the engine. Measures the event-loop lag of the GUI thread (a 10 ms timer's lateness, p50/p99/max)
// and the GUI thread's CPU time, once with the Overview visible (cards and charts refreshing) and once with
// the Automation page's live log visible. Then a soak: as many requests as one hour at 100 requests/s
// (360 000, or argv[1]) as fast as the simulation allows, with the Overview visible, and the process's
// resident memory after it. Prints JSON. The bars: lag p99 under 50 ms, RSS at most 150 MB.
#include "automationpage.h"
#include "livestate.h"
#include "mainwindow.h"
#include "requestlogmodel.h"
#include "segmentedcontrol.h"
#include "thememanager.h"
#include "uisettings.h"

#include "engine/enginehost.h"
#include "metrics/latencyhistogram.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <cstdio>
#include <ctime>

using namespace airm;
using namespace airm::ui;

namespace {

constexpr int kProbeIntervalMs = 10;
constexpr double kTargetRps = 1000;
constexpr int kInFlight = 200;
constexpr int kPhaseMs = 8000;
constexpr int kWarmupMs = 2000;

// VmRSS or VmHWM of this process in MB, from /proc/self/status.
double procStatusMb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Phase
{
    LatencyHistogram lagMs;
    double maxLagMs = 0;
    double cpuPct = 0;
    qint64 requests = 0;
    double seconds = 0;
};

// Runs the event loop for durationMs while a 10 ms timer records how late each of its ticks is.
Phase measure(int durationMs, const std::function<qint64()> &requestsDone)
{
    Phase p;
    QElapsedTimer wall;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(kProbeIntervalMs);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const double lag = std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - kProbeIntervalMs);
        p.lagMs.record(lag);
        p.maxLagMs = std::max(p.maxLagMs, lag);
        sinceTick.restart();
    });
    const qint64 requestsBefore = requestsDone();
    const qint64 cpuBefore = threadCpuNs();
    wall.start();
    sinceTick.start();
    probe.start();
    QTimer::singleShot(durationMs, qApp, [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    probe.stop();
    p.seconds = double(wall.nsecsElapsed()) / 1e9;
    p.cpuPct = 100.0 * double(threadCpuNs() - cpuBefore) / double(wall.nsecsElapsed());
    p.requests = requestsDone() - requestsBefore;
    return p;
}

QJsonObject toJson(const char *name, const Phase &p)
{
    return {{QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("seconds"), p.seconds},
            {QStringLiteral("requestsPerSecond"), double(p.requests) / p.seconds},
            {QStringLiteral("lagP50Ms"), p.lagMs.quantileMs(0.50)},
            {QStringLiteral("lagP99Ms"), p.lagMs.quantileMs(0.99)},
            {QStringLiteral("lagMaxMs"), p.maxLagMs},
            {QStringLiteral("guiThreadCpuPct"), p.cpuPct},
            {QStringLiteral("lagP99UnderBudget"), p.lagMs.quantileMs(0.99) < 50.0}};
}

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;

    AppConfig config;
    for (ServiceConfig &s : config.services) {
        s.apiKey.clear();
        s.forceSimulation = true;
        s.simulation.latencyMinMs = 20;
        s.simulation.latencyMaxMs = 120;
        s.simulation.failurePct = 5;
    }
    config.engine.seed = 11;
    EngineHost host(config.engine, config.services);
    LiveState live(&host);
    UiSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    ThemeManager theme;
    theme.apply();
    UiContext context;
    context.host = &host;
    context.live = &live;
    context.theme = &theme;
    context.settings = &settings;
    context.config = config;
    MainWindow window(context);
    window.resize(1440, 900);
    window.show();

    // The run is started through the Automation page, as a user would.
    AutomationPage *automation = window.automationPage();
    automation->paceControl()->segment(5)->click();
    automation->rateBox()->setValue(kTargetRps);
    automation->inFlightBox()->setValue(kInFlight);
    automation->start();
    auto done = [&live] { return live.snapshot().overall.requests; };

    window.setCurrentPage(MainWindow::Overview);
    measure(kWarmupMs, done);
    const Phase overview = measure(kPhaseMs, done);
    window.setCurrentPage(MainWindow::Automation);
    const Phase log = measure(kPhaseMs, done);
    automation->stop();
    measure(500, done);

    // Soak: one hour's worth of requests at 100/s, as fast as the simulation answers.
    const qint64 soakRequests = argc > 1 ? QByteArray(argv[1]).toLongLong() : 360'000;
    window.setCurrentPage(MainWindow::Overview);
    automation->rateBox()->setValue(automation->rateBox()->maximum());
    automation->inFlightBox()->setValue(std::min(automation->inFlightBox()->maximum(), 400));
    automation->start();
    const qint64 soakStart = done();
    QElapsedTimer soakWall;
    soakWall.start();
    Phase soak;
    while (done() - soakStart < soakRequests && soakWall.elapsed() < 15 * 60 * 1000) {
        const Phase slice = measure(1000, done);
        soak.maxLagMs = std::max(soak.maxLagMs, slice.maxLagMs);
    }
    automation->stop();
    measure(500, done);
    const qint64 soaked = done() - soakStart;
    const double rssMb = procStatusMb("VmRSS:");

    const QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("gui")},
                          {QStringLiteral("targetRequestsPerSecond"), kTargetRps},
                          {QStringLiteral("probeIntervalMs"), kProbeIntervalMs},
                          {QStringLiteral("logLines"), window.automationPage()->logModel()->rowCount()},
                          {QStringLiteral("phases"), QJsonArray{toJson("overview visible", overview),
                                                                toJson("automation log visible", log)}},
                          {QStringLiteral("soak"),
                           QJsonObject{{QStringLiteral("requests"), soaked},
                                       {QStringLiteral("seconds"), double(soakWall.elapsed()) / 1000.0},
                                       {QStringLiteral("maxLagMs"), soak.maxLagMs},
                                       {QStringLiteral("rssMb"), rssMb},
                                       {QStringLiteral("peakRssMb"), procStatusMb("VmHWM:")},
                                       {QStringLiteral("rssTargetMb"), 150},
                                       {QStringLiteral("rssWithinTarget"), rssMb > 0 && rssMb <= 150}}}};
    std::fputs(QJsonDocument(out).toJson().constData(), stdout);
    host.stop(1000);
    return 0;
}
