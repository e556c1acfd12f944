// Turns a finished scenario run, or live engine data for any time window, into a report: JSON in the
// versioned schema of docs/report-schema.json, the seed's three CSV files (complete, RFC 4180) and a short
// text summary. Computes per-step and per-service statistics, breaker trips, recovery times, the seed's
// resilience score and chaos impact levels. Thread affinity: any thread for fromRun()/fromLive() (pure
// functions of their input); environment() and LiveReportInput::capture() read the engine, so call them on
// the engine thread.
#pragma once

#include "chaos/chaosregistry.h"
#include "model/requestrecord.h"
#include "runresult.h"

#include <QByteArray>
#include <QJsonObject>

namespace airm {

class RequestEngine;

struct ReportBundle
{
    static constexpr int kSchemaVersion = 1;

    QString stamp; // yyyyMMdd_HHmmss[_N], shared by all files of one report
    QJsonObject report;
    QByteArray summaryText;
    QByteArray experimentLogCsv;
    QByteArray requestLogCsv;
    QByteArray serviceComparisonCsv;

    QByteArray json() const;
    QString reportName() const { return QStringLiteral("report_") + stamp + QStringLiteral(".json"); }
    QString summaryName() const { return QStringLiteral("final_report_") + stamp + QStringLiteral(".txt"); }
    QString experimentLogName() const
    {
        return QStringLiteral("experiment_log_") + stamp + QStringLiteral(".csv");
    }
    QString requestLogName() const { return QStringLiteral("request_log_") + stamp + QStringLiteral(".csv"); }
    QString serviceComparisonName() const
    {
        return QStringLiteral("service_comparison_") + stamp + QStringLiteral(".csv");
    }
    QStringList fileNames() const;
    // name -> content, in fileNames() order
    QList<QPair<QString, QByteArray>> files() const;
};

// Live data for a window report. Without records, per-service counts come from the snapshot (since the
// engine started or its metrics were reset) and recovery is measured from breaker transitions only.
struct LiveReportInput
{
    qint64 fromMs = 0; // wall; 0 = the snapshot's start
    qint64 toMs = 0;   // wall; 0 = the snapshot's time
    MetricsSnapshot snapshot;
    QList<BreakerTransition> transitions;
    QList<ChaosExperiment> chaos; // ended (history) and active
    QList<RequestRecord> records; // e.g. from the history database; used when haveRecords
    bool haveRecords = false;
    QJsonObject environment;
    int successWindow = 10;
    double tolerancePts = 5.0;
    qint64 baselineWindowMs = 60'000;

    // Reads snapshot, transitions, chaos history and environment from the engine (engine thread).
    static LiveReportInput capture(RequestEngine &engine, qint64 fromMs = 0, qint64 toMs = 0);
};

class ReportBuilder
{
public:
    // The seed's columns (inventory 6.2), in order.
    static QStringList experimentLogColumns();
    static QStringList requestLogColumns();
    static QStringList serviceComparisonColumns();

    // Version, platform, services (no keys), breaker settings and engine policies.
    static QJsonObject environment(const RequestEngine &engine);

    // stamp empty = from the run's start time.
    static ReportBundle fromRun(const RunResult &run, const QString &stamp = {});
    static ReportBundle fromLive(const LiveReportInput &input, const QString &stamp = {});

    // The seed's formula (inventory 5.5): SR*0.4 + (100-min(lat/50,100))*0.3 + (100-min(trips*10,100))*0.2
    // + (100-min(recoveryS/10,100))*0.1. A service without a successful answer gets 0 for the latency term.
    static double resilienceScore(double successRatePct, double avgLatencyMs, qint64 breakerTrips,
                                  double avgRecoveryS);
    // High below 50 % success, Medium below 75 %, Low otherwise.
    static QString impactLevel(double avgSuccessRatePct);
    static QString stampFor(qint64 wallMs);
};

} // namespace airm
