#include "commandline.h"

#include "scenarios/plan.h"
#include "storage/databaselocation.h"

#include <QCommandLineParser>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTextStream>

namespace airm {
namespace {

struct Options
{
    QCommandLineOption headless{
        QStringLiteral("headless"),
        QStringLiteral("Run without a window: engine, history and REST API until "
                       "SIGINT/SIGTERM (or --duration), a batch with --requests, or a "
                       "plan with --scenario.")};
    QCommandLineOption config{QStringLiteral("config"),
                              QStringLiteral("JSON config file: services, breakers, engine policies, API, "
                                             "database, alerts, automation runs."),
                              QStringLiteral("file")};
    QCommandLineOption requests{QStringLiteral("requests"),
                                QStringLiteral("Headless batch: send N requests, print the summary, exit."),
                                QStringLiteral("n")};
    QCommandLineOption service{
        QStringLiteral("service"),
        QStringLiteral("Target of the batch: all (round robin) or a service name. Default all."),
        QStringLiteral("name")};
    QCommandLineOption interval{
        QStringLiteral("interval-ms"),
        QStringLiteral(
            "Pause between sends of the batch in ms (0 = as fast as --concurrency allows). Default 0."),
        QStringLiteral("ms")};
    QCommandLineOption concurrency{QStringLiteral("concurrency"),
                                   QStringLiteral("Requests in flight at most during the batch. Default 1."),
                                   QStringLiteral("c")};
    QCommandLineOption chaos{
        QStringLiteral("chaos"),
        QStringLiteral("Inject chaos at start, SERVICE:TYPE[:PARAMS[:DURATION]], repeatable. Example: "
                       "gemini:failure:100:60s, cohere:latency:ms=500,jitter=100:2m."),
        QStringLiteral("spec")};
    QCommandLineOption seed{QStringLiteral("seed"),
                            QStringLiteral("Seed for the simulation, chaos and jitter (reproducible runs)."),
                            QStringLiteral("s")};
    QCommandLineOption summary{QStringLiteral("summary"),
                               QStringLiteral("Print the per-service summary table when the batch ends.")};
    QCommandLineOption summaryJson{QStringLiteral("summary-json"),
                                   QStringLiteral("Write the summary as JSON to a file."),
                                   QStringLiteral("file")};
    QCommandLineOption simLatency{
        QStringLiteral("simulation-latency"),
        QStringLiteral("Latency range of simulated services in ms, MIN-MAX. Default 500-2500."),
        QStringLiteral("range")};
    QCommandLineOption simFailure{QStringLiteral("simulation-failure-pct"),
                                  QStringLiteral("Failure share of simulated services in %. Default 10."),
                                  QStringLiteral("pct")};
    QCommandLineOption retry{
        QStringLiteral("retry"),
        QStringLiteral("Retry failed attempts with exponential backoff and full jitter, up to N attempts."),
        QStringLiteral("n")};
    QCommandLineOption fallback{
        QStringLiteral("fallback"),
        QStringLiteral("On failure, fall back to the other services in configured order.")};
    QCommandLineOption verbose{QStringLiteral("verbose"),
                               QStringLiteral("Log every request, breaker transition and chaos event.")};
    QCommandLineOption apiBind{
        QStringLiteral("api-bind"),
        QStringLiteral("Address the REST API listens on. Default 127.0.0.1; any other needs a token."),
        QStringLiteral("address")};
    QCommandLineOption apiPort{QStringLiteral("api-port"),
                               QStringLiteral("Port of the REST API (0 = any free port). Default 3000."),
                               QStringLiteral("port")};
    QCommandLineOption apiToken{
        QStringLiteral("api-token"),
        QStringLiteral("Bearer token the API requires on every route but /test. Default: $AIRM_API_TOKEN."),
        QStringLiteral("token")};
    QCommandLineOption noApi{QStringLiteral("no-api"),
                             QStringLiteral("Headless service without the REST API.")};
    QCommandLineOption db{
        QStringLiteral("db"),
        QStringLiteral("History database: an SQLite file, or "
                       "postgresql://user[:password]@host[:port]/dbname (password also from "
                       "$PGPASSWORD). Default: monitor.db in the data directory."),
        QStringLiteral("path-or-url")};
    QCommandLineOption noDb{QStringLiteral("no-db"), QStringLiteral("Do not record history.")};
    QCommandLineOption checkConfig{
        QStringLiteral("check-config"),
        QStringLiteral("Check the command line and the config file as a start would, print the effective "
                       "configuration as JSON (no secrets) and exit: 0 when valid, 2 otherwise.")};
    QCommandLineOption keychain{
        QStringLiteral("keychain"),
        QStringLiteral("Headless: read the keys of services that have none from the OS keychain, where the "
                       "window keeps the keys typed into Settings.")};
    QCommandLineOption logFormat{QStringLiteral("log-format"),
                                 QStringLiteral("Log lines on stderr as text or json. Default text."),
                                 QStringLiteral("format")};
    QCommandLineOption logLevel{QStringLiteral("log-level"),
                                QStringLiteral("Least severe log level shown: debug, info, warning or error. "
                                               "Default info."),
                                QStringLiteral("level")};
    QCommandLineOption scenario{
        QStringLiteral("scenario"),
        QStringLiteral(
            "Run an experiment plan headless and exit: validation, continuous, breaker-drill, or a "
            "plan file. Exit code 0 when every hypothesis held, 1 when one failed, 2 on errors."),
        QStringLiteral("plan")};
    QCommandLineOption timeScale{
        QStringLiteral("time-scale"),
        QStringLiteral("Run a plan F times faster than written (e.g. 60: minutes become seconds)."),
        QStringLiteral("f")};
    QCommandLineOption duration{
        QStringLiteral("duration"),
        QStringLiteral("Stop after this long (e.g. 90s, 10m, 2h): the plan of --scenario (plan time), or the "
                       "headless service."),
        QStringLiteral("d")};
    QCommandLineOption report{
        QStringLiteral("report"),
        QStringLiteral("Write a JSON report (docs/report-schema.json) to a file at the end of the run."),
        QStringLiteral("file")};
    QCommandLineOption automation{
        QStringLiteral("automation"),
        QStringLiteral(
            "Start an automation run in the headless service, repeatable. KEY=VALUE pairs separated by "
            "commas: strategy=round_robin|random|weighted|single, services=a+b, weights=a:3+b:1, "
            "interval=5s or rate=20 (requests/s), in-flight=N, max=N, duration=10m, "
            "prompts-file=FILE. Example: rate=5,services=gemini+cohere,duration=1h."),
        QStringLiteral("spec")};

    void addTo(QCommandLineParser &p)
    {
        p.addOptions({headless, config,   requests,  service,     interval,    concurrency,
                      chaos,    seed,     summary,   summaryJson, simLatency,  simFailure,
                      retry,    fallback, verbose,   apiBind,     apiPort,     apiToken,
                      noApi,    db,       noDb,      keychain,    checkConfig, logFormat,
                      logLevel, scenario, timeScale, duration,    report,      automation});
    }
};

void configureParser(QCommandLineParser &p, Options &o)
{
    p.setApplicationDescription(QStringLiteral(
        "AI Resilience Monitor: circuit breakers, chaos injection and live metrics for AI provider APIs.\n"
        "Services without an API key run on an explicit simulation."));
    p.addHelpOption();
    p.addVersionOption();
    o.addTo(p);
}

// Where fail() puts its message while a parse() that was given an error string runs; stderr otherwise.
thread_local QString *t_failureSink = nullptr;

bool fail(const QString &message, int *exitCode)
{
    if (t_failureSink)
        *t_failureSink = message;
    else
        QTextStream(stderr) << "ai-resilience-monitor: " << message << Qt::endl;
    *exitCode = 2;
    return false;
}

bool toInt64(const QString &text, qint64 lo, qint64 hi, const QString &option, qint64 *out, int *exitCode)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < lo || v > hi)
        return fail(QStringLiteral("--%1 must be a whole number between %2 and %3, got \"%4\"")
                        .arg(option)
                        .arg(lo)
                        .arg(hi)
                        .arg(text),
                    exitCode);
    *out = v;
    return true;
}

// "rate=5,services=a+b,duration=1h" -> the JSON AutomationConfig::fromJson reads.
std::optional<AutomationConfig> parseAutomation(const QString &text, QString *error)
{
    QJsonObject o;
    for (const QString &pair : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = QStringLiteral("\"%1\" is not KEY=VALUE").arg(pair);
            return std::nullopt;
        }
        const QString key = pair.left(eq).trimmed();
        const QString value = pair.mid(eq + 1).trimmed();
        bool isNumber = false;
        const double number = value.toDouble(&isNumber);
        if (key == QLatin1String("strategy")) {
            o.insert(QStringLiteral("strategy"), QString(value).replace(QLatin1Char('-'), QLatin1Char('_')));
        } else if (key == QLatin1String("services")) {
            o.insert(QStringLiteral("services"),
                     QJsonArray::fromStringList(value.split(QLatin1Char('+'), Qt::SkipEmptyParts)));
        } else if (key == QLatin1String("weights")) {
            QJsonObject weights;
            for (const QString &w : value.split(QLatin1Char('+'), Qt::SkipEmptyParts)) {
                const QStringList parts = w.split(QLatin1Char(':'));
                bool ok = false;
                const double weight = parts.size() == 2 ? parts.at(1).toDouble(&ok) : 0.0;
                if (!ok) {
                    *error = QStringLiteral("weights must be SERVICE:WEIGHT+..., got \"%1\"").arg(value);
                    return std::nullopt;
                }
                weights.insert(parts.at(0), weight);
            }
            o.insert(QStringLiteral("weights"), weights);
        } else if (key == QLatin1String("interval") || key == QLatin1String("duration")) {
            o.insert(key, isNumber ? QJsonValue(number) : QJsonValue(value));
        } else if (key == QLatin1String("rate") || key == QLatin1String("in-flight") ||
                   key == QLatin1String("max")) {
            if (!isNumber) {
                *error = QStringLiteral("%1 must be a number, got \"%2\"").arg(key, value);
                return std::nullopt;
            }
            o.insert(key == QLatin1String("rate")        ? QStringLiteral("targetRps")
                     : key == QLatin1String("in-flight") ? QStringLiteral("maxInFlight")
                                                         : QStringLiteral("maxRequests"),
                     number);
        } else if (key == QLatin1String("prompts-file")) {
            QFile f(value);
            if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
                *error = QStringLiteral("cannot read prompts file %1: %2").arg(value, f.errorString());
                return std::nullopt;
            }
            QStringList prompts;
            for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n')))
                if (!line.trimmed().isEmpty()) prompts.append(line.trimmed());
            if (prompts.isEmpty()) {
                *error = QStringLiteral("prompts file %1 has no prompt").arg(value);
                return std::nullopt;
            }
            o.insert(QStringLiteral("prompts"), QJsonArray::fromStringList(prompts));
        } else {
            *error =
                QStringLiteral("unknown key \"%1\" (strategy, services, weights, interval, rate, in-flight, "
                               "max, duration, prompts-file)")
                    .arg(key);
            return std::nullopt;
        }
    }
    AutomationConfig c = AutomationConfig::fromJson(o, error);
    if (!error->isEmpty()) return std::nullopt;
    return c;
}

} // namespace

QString CommandLine::helpText()
{
    QCommandLineParser p;
    Options o;
    configureParser(p, o);
    return p.helpText();
}

namespace {

// The service, storage, logging, c.scenario and automation options.
bool parseServiceOptions(const QCommandLineParser &p, const Options &o, const QStringList &names,
                         CommandLine &c, int *exitCode)
{
    // API: on in the headless service unless --no-api; a batch or scenario run serves it only when asked.
    c.apiExplicit = p.isSet(o.apiBind) || p.isSet(o.apiPort);
    c.noApi = p.isSet(o.noApi);
    if (p.isSet(o.apiBind)) {
        if (QHostAddress(p.value(o.apiBind)).isNull())
            return fail(
                QStringLiteral("--api-bind must be an IP address, got \"%1\"").arg(p.value(o.apiBind)),
                exitCode);
        c.config.api.bind = p.value(o.apiBind);
    }
    qint64 v = 0;
    if (p.isSet(o.apiPort)) {
        if (!toInt64(p.value(o.apiPort), 0, 65535, QStringLiteral("api-port"), &v, exitCode)) return false;
        c.config.api.port = int(v);
    }
    if (p.isSet(o.apiToken))
        c.config.api.token = p.value(o.apiToken);
    else if (c.config.api.token.isEmpty() && qEnvironmentVariableIsSet("AIRM_API_TOKEN"))
        c.config.api.token = qEnvironmentVariable("AIRM_API_TOKEN");
    if (p.isSet(o.db)) {
        if (p.value(o.db).isEmpty()) return fail(QStringLiteral("--db needs a path or a URL"), exitCode);
        QString error;
        DatabaseLocation::parse(p.value(o.db), &error);
        if (!error.isEmpty()) return fail(QStringLiteral("--db: %1").arg(error), exitCode);
        c.config.databasePath = p.value(o.db);
    }
    c.noDb = p.isSet(o.noDb);
    c.keychain = p.isSet(o.keychain);
    c.checkConfig = p.isSet(o.checkConfig);
    if (c.noDb && p.isSet(o.db)) return fail(QStringLiteral("--db and --no-db exclude each other"), exitCode);
    if (p.isSet(o.logFormat)) {
        c.logFormat = p.value(o.logFormat);
        if (c.logFormat != QLatin1String("text") && c.logFormat != QLatin1String("json"))
            return fail(QStringLiteral("--log-format must be text or json, got \"%1\"").arg(c.logFormat),
                        exitCode);
    }
    if (p.isSet(o.logLevel)) {
        c.logLevel = p.value(o.logLevel);
        if (!QStringList{QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                         QStringLiteral("error")}
                 .contains(c.logLevel))
            return fail(QStringLiteral("--log-level must be debug, info, warning or error, got \"%1\"")
                            .arg(c.logLevel),
                        exitCode);
    }
    c.scenario = p.value(o.scenario);
    if (p.isSet(o.scenario) && c.scenario.isEmpty())
        return fail(QStringLiteral("--scenario needs a plan name or file"), exitCode);
    if (p.isSet(o.timeScale)) {
        bool ok = false;
        c.timeScale = p.value(o.timeScale).toDouble(&ok);
        if (!ok || c.timeScale < 0.001 || c.timeScale > 1e6)
            return fail(QStringLiteral("--time-scale must be a number between 0.001 and 1000000, got \"%1\"")
                            .arg(p.value(o.timeScale)),
                        exitCode);
        if (c.scenario.isEmpty()) return fail(QStringLiteral("--time-scale needs --scenario"), exitCode);
    }
    if (p.isSet(o.duration)) {
        c.durationMs = Plan::parseDuration(p.value(o.duration));
        if (c.durationMs <= 0)
            return fail(
                QStringLiteral("--duration must be a positive duration like 90s, 10m or 2h, got \"%1\"")
                    .arg(p.value(o.duration)),
                exitCode);
    }
    c.reportPath = p.value(o.report);
    if (p.isSet(o.report) && c.reportPath.isEmpty())
        return fail(QStringLiteral("--report needs a file"), exitCode);
    for (const QString &text : p.values(o.automation)) {
        QString error;
        std::optional<AutomationConfig> run = parseAutomation(text, &error);
        if (run)
            for (const QString &s : std::as_const(run->services))
                if (!names.contains(s)) error = QStringLiteral("unknown service \"%1\"").arg(s);
        if (!error.isEmpty()) return fail(QStringLiteral("--automation %1: %2").arg(text, error), exitCode);
        c.automations.append(*run);
    }
    if (!c.scenario.isEmpty() && c.requests > 0)
        return fail(QStringLiteral("--scenario and --requests exclude each other"), exitCode);
    if (!c.automations.isEmpty() && (c.requests > 0 || !c.scenario.isEmpty()))
        return fail(
            QStringLiteral("--automation runs in the headless service, not with --requests or --scenario"),
            exitCode);
    if (!c.scenario.isEmpty() || c.requests > 0 || !c.automations.isEmpty()) c.headless = true;
    return true;
}

} // namespace

CommandLine::Result CommandLine::parse(const QStringList &args, int *exitCode, QString *errorOut)
{
    struct SinkScope
    {
        explicit SinkScope(QString *sink) { t_failureSink = sink; }
        ~SinkScope() { t_failureSink = nullptr; }
    } sinkScope(errorOut);
    *exitCode = 0;
    QCommandLineParser p;
    Options o;
    configureParser(p, o);
    if (!p.parse(args)) {
        fail(p.errorText(), exitCode);
        return Result::Exit;
    }
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Result::Exit;
    }
    if (p.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "ai-resilience-monitor " << AIRM_VERSION << Qt::endl;
        return Result::Exit;
    }
    if (!p.positionalArguments().isEmpty()) {
        fail(QStringLiteral("unexpected argument \"%1\" (see --help)")
                 .arg(p.positionalArguments().constFirst()),
             exitCode);
        return Result::Exit;
    }
    headless = p.isSet(o.headless);
    summary = p.isSet(o.summary);
    summaryJsonPath = p.value(o.summaryJson);
    verbose = p.isSet(o.verbose);
    if (p.isSet(o.config)) {
        configPath = p.value(o.config);
        const QString error = config.loadFile(configPath);
        if (!error.isEmpty()) {
            fail(error, exitCode);
            return Result::Exit;
        }
    }
    qint64 v = 0;
    if (p.isSet(o.requests)) {
        if (!toInt64(p.value(o.requests), 1, 100'000'000, QStringLiteral("requests"), &v, exitCode))
            return Result::Exit;
        requests = v;
    }
    if (p.isSet(o.interval)) {
        if (!toInt64(p.value(o.interval), 0, 86'400'000, QStringLiteral("interval-ms"), &v, exitCode))
            return Result::Exit;
        intervalMs = v;
    }
    if (p.isSet(o.concurrency)) {
        if (!toInt64(p.value(o.concurrency), 1, 10'000, QStringLiteral("concurrency"), &v, exitCode))
            return Result::Exit;
        concurrency = int(v);
    }
    if (p.isSet(o.seed)) {
        if (!toInt64(p.value(o.seed), 1, std::numeric_limits<qint64>::max(), QStringLiteral("seed"), &v,
                     exitCode))
            return Result::Exit;
        config.engine.seed = quint64(v);
    }
    if (p.isSet(o.retry)) {
        if (!toInt64(p.value(o.retry), 1, 20, QStringLiteral("retry"), &v, exitCode)) return Result::Exit;
        config.engine.retry.enabled = v > 1;
        config.engine.retry.maxAttempts = int(v);
    }
    if (p.isSet(o.fallback)) config.engine.fallback.enabled = true;
    if (p.isSet(o.simLatency)) {
        static const QRegularExpression re(QStringLiteral("^(\\d+)-(\\d+)$"));
        const auto m = re.match(p.value(o.simLatency));
        if (!m.hasMatch() || m.captured(1).toInt() > m.captured(2).toInt() ||
            m.captured(2).toInt() > 600000) {
            fail(QStringLiteral(
                     "--simulation-latency must be MIN-MAX in ms with MIN <= MAX <= 600000, got \"%1\"")
                     .arg(p.value(o.simLatency)),
                 exitCode);
            return Result::Exit;
        }
        for (ServiceConfig &s : config.services) {
            s.simulation.latencyMinMs = m.captured(1).toInt();
            s.simulation.latencyMaxMs = m.captured(2).toInt();
        }
    }
    if (p.isSet(o.simFailure)) {
        bool ok = false;
        const double pct = p.value(o.simFailure).toDouble(&ok);
        if (!ok || pct < 0 || pct > 100) {
            fail(QStringLiteral("--simulation-failure-pct must be between 0 and 100, got \"%1\"")
                     .arg(p.value(o.simFailure)),
                 exitCode);
            return Result::Exit;
        }
        for (ServiceConfig &s : config.services)
            s.simulation.failurePct = pct;
    }
    service = p.isSet(o.service) ? p.value(o.service) : QStringLiteral("all");
    QStringList names;
    for (const ServiceConfig &s : std::as_const(config.services))
        names << s.name;
    if (service != QLatin1String("all") && !names.contains(service)) {
        fail(QStringLiteral("unknown service \"%1\" (configured: %2)")
                 .arg(service, names.join(QLatin1String(", "))),
             exitCode);
        return Result::Exit;
    }
    for (const QString &text : p.values(o.chaos)) {
        QString error;
        ChaosSpec spec = ChaosSpec::fromCommandLine(text, &error);
        if (error.isEmpty() && !spec.targetsAll())
            for (const QString &t : std::as_const(spec.targets))
                if (!names.contains(t)) error = QStringLiteral("unknown service \"%1\"").arg(t);
        if (!error.isEmpty()) {
            fail(QStringLiteral("--chaos %1: %2").arg(text, error), exitCode);
            return Result::Exit;
        }
        chaos.append(spec);
    }
    if ((summary || !summaryJsonPath.isEmpty()) && requests < 0) {
        fail(QStringLiteral("--summary and --summary-json need --requests N"), exitCode);
        return Result::Exit;
    }
    if (!parseServiceOptions(p, o, names, *this, exitCode)) return Result::Exit;
    return Result::Run;
}

} // namespace airm
