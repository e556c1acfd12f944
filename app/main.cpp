// ai-resilience-monitor: parse the command line, then run the window or the headless service.
#include "commandline.h"
#include "headlessapp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ai-resilience-monitor"));
    QCoreApplication::setOrganizationName(QStringLiteral("ai-resilience-monitor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIRM_VERSION));

    airm::CommandLine options;
    int exitCode = 0;
    if (options.parse(QCoreApplication::arguments(), &exitCode) == airm::CommandLine::Result::Exit)
        return exitCode;
    // The window arrives with the GUI issue; until then every run is headless.
    airm::HeadlessApp headless(std::move(options));
    return headless.exec();
}
