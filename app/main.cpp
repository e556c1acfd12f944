// ai-resilience-monitor: parse the command line, then run the window or the headless service. One binary
// picks QApplication or QCoreApplication at run time: the window needs a display, --headless and batch runs
// do not.
#include "commandline.h"
#include "headlessapp.h"

#include "desktopapp.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <memory>

namespace {

// Options that never open a window: they run (or print) and exit, so they must work without a display.
bool wantsHeadless(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        const QByteArray name = arg.left(arg.indexOf('=') < 0 ? arg.size() : arg.indexOf('='));
        for (const char *headlessOption :
             {"--headless", "--requests", "--summary", "--summary-json", "--scenario", "--automation",
              "--check-config", "--help", "-h", "--help-all", "--version", "-v", "-?"})
            if (name == headlessOption) return true;
    }
    return false;
}

// Why there is no display, or an empty string when there is one.
QString missingDisplay()
{
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY") ||
        qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))
        return {};
    return QStringLiteral("DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are unset");
}

std::unique_ptr<QCoreApplication> createApplication(int &argc, char *argv[], bool gui)
{
    if (gui) return std::make_unique<QApplication>(argc, argv);
    return std::make_unique<QCoreApplication>(argc, argv);
}

} // namespace

int main(int argc, char *argv[])
{
    const bool headlessRequested = wantsHeadless(argc, argv);
    const QString noDisplay = missingDisplay();
    const bool gui = !headlessRequested && noDisplay.isEmpty();
    const std::unique_ptr<QCoreApplication> app = createApplication(argc, argv, gui);
    QCoreApplication::setApplicationName(QStringLiteral("ai-resilience-monitor"));
    QCoreApplication::setOrganizationName(QStringLiteral("ai-resilience-monitor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIRM_VERSION));

    airm::CommandLine options;
    int exitCode = 0;
    if (options.parse(QCoreApplication::arguments(), &exitCode) == airm::CommandLine::Result::Exit)
        return exitCode;

    if (gui) {
        QGuiApplication::setApplicationDisplayName(QStringLiteral("AI Resilience Monitor"));
        QGuiApplication::setDesktopFileName(QStringLiteral("io.github.airm.ResilienceMonitor"));
        const bool databaseFromCommandLine = !options.config.databasePath.isEmpty();
        airm::ui::DesktopApp desktop(options.config, options.chaos, databaseFromCommandLine);
        return desktop.exec();
    }
    if (!headlessRequested)
        QTextStream(stderr) << "ai-resilience-monitor: no display (" << noDisplay
                            << "): starting the headless service" << Qt::endl;
    airm::HeadlessApp headless(std::move(options));
    return headless.exec();
}
