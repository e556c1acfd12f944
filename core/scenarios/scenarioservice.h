// One scenario at a time for a front end on another thread than the engine (command line, REST API, GUI):
// creates the ScenarioRunner on the engine thread, mirrors its status and output for any thread, stops it,
// and saves the report files through a ReportStore when it finishes. Also speaks the seed's
// /chaos-testing/* shapes (mode validation|continuous, status with output lines, results list).
// Thread affinity: the thread that created it (start, stop, signals); status(), seedStatusJson() and
// lastResult() are thread-safe. Never create or call it on the engine thread (it waits on it).
#pragma once

#include "reportstore.h"
#include "scenariorunner.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <deque>
#include <optional>

namespace airm {

class EngineHost;
class StorageWriter;

class ScenarioService : public QObject
{
    Q_OBJECT
public:
    ScenarioService(EngineHost &host, ReportStore store, QObject *parent = nullptr);
    ~ScenarioService() override; // a run still going is rolled back (chaos and load stopped) before return

    // Validates the plan against the engine and starts it. False with *error when the plan cannot run here or
    // a run is already going (the message says which).
    bool start(const Plan &plan, const ScenarioRunner::Options &options, QString *error);
    // The seed's modes: "validation" (the built-in plan) or "continuous" (the built-in plan for
    // durationHours, default 24). Any other mode is an error, not a silent continuous run.
    bool startSeedMode(const QString &mode, double durationHours, QString *error);
    // Asks the run to end (rollback, drain, after-check, report). False when nothing runs.
    bool stop(const QString &reason = QStringLiteral("stopped by user"));

    bool isRunning() const;
    ScenarioStatus status() const;
    std::optional<RunResult> lastResult() const;
    // Report of the last finished run and the names it was saved under (empty when saving failed).
    ReportBundle lastReport() const;
    QStringList lastReportFiles() const;
    const ReportStore &store() const { return m_store; }
    // Records every run in the history database's scenario_runs table (running, then its verdict and
    // report). Not owned; may be null. Call before start().
    void setWriter(StorageWriter *writer) { m_writer = writer; }

    // GET /chaos-testing/status: {running, startTime, endTime, mode, plan, runId, duration, totalRequests,
    // successfulRequests, failedRequests, currentScenario, lastOutput, outputLines:[{timestamp, message,
    // error}], verdict, exitCode, reportFiles}. Timestamps are when each line was written.
    QJsonObject seedStatusJson(int lines = 100) const;
    // GET /chaos-testing/results: {success, results:[{filename, kind, size, modified}]}, newest first, no
    // paths.
    QJsonObject seedResultsJson() const;

signals:
    void started(const QString &runId);
    void output(const QString &line);
    void finished(const airm::RunResult &result, const QStringList &reportFiles, const QString &saveError);

private:
    void onFinished(const RunResult &result);
    void publish(const ScenarioStatus &s); // engine thread

    struct Line
    {
        qint64 atMs;
        QString text;
    };

    EngineHost &m_host;
    ReportStore m_store;
    StorageWriter *m_writer = nullptr;
    ScenarioRunner *m_runner = nullptr; // lives on the engine thread; touched only there
    bool m_running = false;             // this thread's view
    QString m_mode;
    qint64 m_durationMs = 0;

    mutable QMutex m_mutex; // guards the mirrors below
    ScenarioStatus m_status;
    std::deque<Line> m_lines;
    std::optional<RunResult> m_last;
    ReportBundle m_lastReport;
    QStringList m_lastFiles;
    QString m_lastSaveError;
};

} // namespace airm
