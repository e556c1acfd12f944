#include "scenarioservice.h"

#include "engine/enginehost.h"
#include "planlibrary.h"
#include "storage/storagewriter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMutexLocker>

namespace airm {
namespace {

constexpr int kLinesKept = 200;
constexpr double kSeedContinuousHours = 24.0; // what the seed's dashboard asked for

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

bool looksLikeError(const QString &line)
{
    return line.contains(QLatin1String("error:")) || line.contains(QLatin1String(": failed")) ||
           line.contains(QLatin1String("abort")) || line.contains(QLatin1String("not_recovered"));
}

} // namespace

ScenarioService::ScenarioService(EngineHost &host, ReportStore store, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_store(std::move(store))
{
    qRegisterMetaType<airm::RunResult>("airm::RunResult");
}

ScenarioService::~ScenarioService()
{
    if (m_runner && m_host.engine()) {
        ScenarioRunner *runner = m_runner;
        m_host.call([runner](RequestEngine &) { delete runner; }); // its destructor rolls back
    }
    m_runner = nullptr;
}

bool ScenarioService::isRunning() const
{
    return m_running;
}

bool ScenarioService::start(const Plan &plan, const ScenarioRunner::Options &options, QString *error)
{
    error->clear();
    if (m_running) {
        *error = QStringLiteral("a scenario is already running (%1)").arg(status().runId);
        return false;
    }
    if (!m_host.engine()) {
        *error = QStringLiteral("the engine is not running");
        return false;
    }
    if (m_runner) { // the previous run's object, finished: free it on its thread
        ScenarioRunner *old = m_runner;
        m_host.post([old](RequestEngine &) { delete old; });
        m_runner = nullptr;
    }
    ScenarioRunner *runner = nullptr;
    QString startError;
    m_host.call([&](RequestEngine &engine) {
        auto *r = new ScenarioRunner(engine, plan, options);
        // Mirrors, written on the engine thread as things happen.
        connect(r, &ScenarioRunner::output, r, [this, r](const QString &line) {
            {
                QMutexLocker lock(&m_mutex);
                m_lines.push_back({QDateTime::currentMSecsSinceEpoch(), line});
                while (m_lines.size() > std::size_t(kLinesKept))
                    m_lines.pop_front();
            }
            publish(r->status());
            QMetaObject::invokeMethod(this, [this, line] { emit output(line); });
        });
        connect(r, &ScenarioRunner::stepStarted, r, [this, r] { publish(r->status()); });
        connect(r, &ScenarioRunner::stepFinished, r, [this, r] { publish(r->status()); });
        connect(&engine, &RequestEngine::snapshotPublished, r, [this, r] {
            if (r->isRunning()) publish(r->status());
        });
        connect(r, &ScenarioRunner::finished, this, &ScenarioService::onFinished); // queued to this thread
        if (!r->start(&startError)) {
            delete r;
            return;
        }
        publish(r->status());
        runner = r;
    });
    if (!runner) {
        *error = startError;
        return false;
    }
    m_runner = runner;
    m_running = true;
    m_durationMs = options.maxDurationMs >= 0 ? options.maxDurationMs : plan.maxDurationMs;
    if (m_mode.isEmpty()) m_mode = plan.name;
    const QString runId = status().runId;
    if (m_writer) {
        ScenarioRunRecord record;
        record.runId = runId;
        record.name = plan.name;
        record.startedMs = QDateTime::currentMSecsSinceEpoch();
        record.status = QStringLiteral("running");
        m_writer->enqueueScenarioRun(record);
    }
    emit started(runId);
    return true;
}

bool ScenarioService::startSeedMode(const QString &mode, double durationHours, QString *error)
{
    if (mode != QLatin1String("validation") && mode != QLatin1String("continuous")) {
        *error = QStringLiteral("mode must be \"validation\" or \"continuous\"");
        return false;
    }
    if (mode == QLatin1String("continuous") && (!(durationHours > 0) || durationHours > 24.0 * 365)) {
        if (durationHours != 0) {
            *error = QStringLiteral("duration must be a number of hours between 0 and 8760");
            return false;
        }
        durationHours = kSeedContinuousHours;
    }
    const Plan plan = PlanLibrary::load(mode, error);
    if (!error->isEmpty()) return false;
    ScenarioRunner::Options options;
    if (mode == QLatin1String("continuous")) options.maxDurationMs = qint64(durationHours * 3'600'000.0);
    m_mode = mode;
    const bool ok = start(plan, options, error);
    if (!ok) m_mode.clear();
    return ok;
}

bool ScenarioService::stop(const QString &reason)
{
    if (!m_running || !m_runner) return false;
    ScenarioRunner *runner = m_runner;
    m_host.post([runner, reason](RequestEngine &) { runner->stop(reason); });
    return true;
}

void ScenarioService::publish(const ScenarioStatus &s)
{
    QMutexLocker lock(&m_mutex);
    m_status = s;
}

void ScenarioService::onFinished(const RunResult &result)
{
    m_running = false;
    QString saveError;
    ReportBundle bundle;
    const QStringList files = m_store.saveRun(result, &saveError, &bundle);
    {
        QMutexLocker lock(&m_mutex);
        m_last = result;
        m_lastReport = bundle;
        m_lastFiles = files;
        m_lastSaveError = saveError;
        m_status.status = result.status;
        m_status.phase = QStringLiteral("finished");
        m_status.endedAtMs = result.endedAtMs;
        m_status.currentSteps.clear();
        m_status.pendingRecoveries = 0;
        m_status.activeChaos = 0;
        m_status.requests = result.requestsObserved;
    }
    if (m_writer) {
        // Upserted on runId over the "running" row: the verdict and the whole report.
        ScenarioRunRecord record;
        record.runId = result.runId;
        record.name = result.plan.name;
        record.startedMs = result.startedAtMs;
        record.endedMs = result.endedAtMs;
        record.status = result.verdict();
        record.report = bundle.report;
        m_writer->enqueueScenarioRun(record);
    }
    emit finished(result, files, saveError);
    m_mode.clear();
}

ScenarioStatus ScenarioService::status() const
{
    QMutexLocker lock(&m_mutex);
    ScenarioStatus s = m_status;
    s.lastLines.clear();
    for (const Line &l : m_lines)
        s.lastLines << l.text;
    return s;
}

std::optional<RunResult> ScenarioService::lastResult() const
{
    QMutexLocker lock(&m_mutex);
    return m_last;
}

ReportBundle ScenarioService::lastReport() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastReport;
}

QStringList ScenarioService::lastReportFiles() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastFiles;
}

QJsonObject ScenarioService::seedStatusJson(int lines) const
{
    QMutexLocker lock(&m_mutex);
    const ScenarioStatus &s = m_status;
    QJsonArray out;
    const int skip = std::max(0, int(m_lines.size()) - lines);
    for (int i = skip; i < int(m_lines.size()); ++i)
        out.append(QJsonObject{{QStringLiteral("timestamp"), iso(m_lines[std::size_t(i)].atMs)},
                               {QStringLiteral("message"), m_lines[std::size_t(i)].text},
                               {QStringLiteral("error"), looksLikeError(m_lines[std::size_t(i)].text)}});
    const bool running = s.status == RunStatus::Running;
    QJsonObject o{{QStringLiteral("running"), running},
                  {QStringLiteral("runId"), s.runId},
                  {QStringLiteral("mode"), s.plan},
                  {QStringLiteral("plan"), s.plan},
                  {QStringLiteral("title"), s.title},
                  {QStringLiteral("state"), runStatusName(s.status)},
                  {QStringLiteral("phase"), s.phase},
                  {QStringLiteral("startTime"), iso(s.startedAtMs)},
                  {QStringLiteral("endTime"), iso(s.endedAtMs)},
                  {QStringLiteral("elapsedMs"), s.elapsedMs},
                  {QStringLiteral("duration"), double(m_durationMs) / 3'600'000.0},
                  {QStringLiteral("timeScale"), s.timeScale},
                  {QStringLiteral("totalRequests"), s.requests},
                  {QStringLiteral("successfulRequests"), s.successes},
                  {QStringLiteral("failedRequests"), s.failures},
                  {QStringLiteral("currentScenario"), s.currentSteps.join(QStringLiteral("; "))},
                  {QStringLiteral("activeChaos"), s.activeChaos},
                  {QStringLiteral("pendingRecoveries"), s.pendingRecoveries},
                  {QStringLiteral("lastOutput"), m_lines.empty() ? QString() : m_lines.back().text},
                  {QStringLiteral("outputLines"), out}};
    if (m_last && !running) {
        o.insert(QStringLiteral("verdict"), m_last->verdict());
        o.insert(QStringLiteral("exitCode"), m_last->exitCode());
        o.insert(QStringLiteral("reason"), m_last->reason);
        o.insert(QStringLiteral("reportFiles"), QJsonArray::fromStringList(m_lastFiles));
        if (!m_lastSaveError.isEmpty()) o.insert(QStringLiteral("error"), m_lastSaveError);
    }
    return o;
}

QJsonObject ScenarioService::seedResultsJson() const
{
    QJsonArray results;
    for (const ReportFileInfo &f : m_store.list()) {
        QJsonObject o = f.toJson();
        o.insert(QStringLiteral("filename"), f.name);
        results.append(o);
    }
    return {{QStringLiteral("success"), true}, {QStringLiteral("results"), results}};
}

} // namespace airm
