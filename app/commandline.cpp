#include "commandline.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QTextStream>

namespace airm {
namespace {

struct Options
{
    QCommandLineOption headless{QStringLiteral("headless"),
                                QStringLiteral("Run without a window: engine (and, when configured, API) "
                                               "until SIGINT/SIGTERM, or a batch with --requests.")};
    QCommandLineOption config{QStringLiteral("config"),
                              QStringLiteral("JSON config file: services, breakers, engine policies."),
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

    void addTo(QCommandLineParser &p)
    {
        p.addOptions({headless, config, requests, service, interval, concurrency, chaos, seed, summary,
                      summaryJson, simLatency, simFailure, retry, fallback, verbose});
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

bool fail(const QString &message, int *exitCode)
{
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

} // namespace

QString CommandLine::helpText()
{
    QCommandLineParser p;
    Options o;
    configureParser(p, o);
    return p.helpText();
}

CommandLine::Result CommandLine::parse(const QStringList &args, int *exitCode)
{
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
        const QString error = config.loadFile(p.value(o.config));
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
    return Result::Run;
}

} // namespace airm
