#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream(stdout) << "ai-resilience-monitor " << AIRM_VERSION << Qt::endl;
    return 0;
}
