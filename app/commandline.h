// The command line: every option, its parsing and validation, in one place (so --help and the README agree).
#pragma once

#include "engine/automationrun.h"
#include "model/chaosspec.h"
#include "settings/appconfig.h"

#include <QStringList>

class QCommandLineParser;

namespace airm {

struct CommandLine
{
    bool headless = false;
    bool summary = false;
    QString summaryJsonPath;
    qint64 requests = -1; // -1: run as a service until SIGINT/SIGTERM
    QString service = QStringLiteral("all");
    qint64 intervalMs = 0;
    int concurrency = 1;
    QList<ChaosSpec> chaos;
    bool verbose = false;
    bool noApi = false;       // --no-api
    bool apiExplicit = false; // --api-bind or --api-port given
    bool noDb = false;
    bool keychain = false;    // --keychain: keys of services without one from the OS keychain
    bool checkConfig = false; // --check-config: validate, print the effective configuration, exit
    QString logFormat = QStringLiteral("text");
    QString logLevel = QStringLiteral("info");
    QString scenario;       // plan name or file; implies headless
    double timeScale = 0.0; // 0: the plan's
    qint64 durationMs = -1; // --duration; -1: not given
    QString reportPath;     // --report
    QList<AutomationConfig> automations;
    QString configPath; // --config, empty when not given
    AppConfig config;

    enum class Result { Run, Exit };
    // Parses args; on --help/--version prints and returns Exit with exitCode 0; on errors prints one line to
    // stderr (or, with errorOut given, puts it there instead) and returns Exit with exitCode 2.
    Result parse(const QStringList &args, int *exitCode, QString *errorOut = nullptr);
    static QString helpText();
};

} // namespace airm
