#include "databasehistorysource.h"

#include "storage/analytics.h"
#include "storage/database.h"
#include "storage/historyexporter.h"
#include "storage/historystore.h"
#include "storage/retention.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimeZone>

namespace airm::ui {
namespace {

constexpr int kExportPageSize = 1000;
constexpr int kErrorPatternLimit = 10;

} // namespace

DatabaseHistorySource::DatabaseHistorySource(std::shared_ptr<const Database> database, QObject *parent)
    : HistorySource(parent)
    , m_db(std::move(database))
    , m_store(std::make_shared<HistoryStore>(m_db))
    , m_reader(new QObject)
    , m_exporter(new QObject)
{
    m_readerThread.setObjectName(QStringLiteral("history-reader"));
    m_exportThread.setObjectName(QStringLiteral("history-export"));
    m_reader->moveToThread(&m_readerThread);
    m_exporter->moveToThread(&m_exportThread);
    m_readerThread.start();
    m_exportThread.start();
}

DatabaseHistorySource::~DatabaseHistorySource()
{
    for (const auto &flag : std::as_const(m_cancel))
        flag->store(true);
    for (auto [thread, context] :
         {std::pair{&m_readerThread, m_reader}, std::pair{&m_exportThread, m_exporter}}) {
        const std::shared_ptr<const Database> db = m_db;
        QMetaObject::invokeMethod(context, [db, context] {
            db->releaseConnection();
            delete context;
        });
        thread->quit();
        thread->wait();
    }
}

QString DatabaseHistorySource::describe() const
{
    return m_db->location().describe();
}

void DatabaseHistorySource::onReader(std::function<void()> fn)
{
    QMetaObject::invokeMethod(m_reader, std::move(fn), Qt::QueuedConnection);
}

void DatabaseHistorySource::onExporter(std::function<void()> fn)
{
    QMetaObject::invokeMethod(m_exporter, std::move(fn), Qt::QueuedConnection);
}

HistorySource::Ticket DatabaseHistorySource::requestPage(const HistoryFilter &filter, int limit,
                                                         const std::optional<HistoryCursor> &after)
{
    const Ticket ticket = nextTicket();
    onReader([this, store = m_store, ticket, filter, limit, after] {
        QString error;
        const HistoryPage page = store->history(filter, limit, after, &error);
        QMetaObject::invokeMethod(this, [this, ticket, page, error] {
            if (!error.isEmpty())
                emit failed(ticket, error);
            else
                emit pageReady(ticket, page);
        });
    });
    return ticket;
}

HistorySource::Ticket DatabaseHistorySource::requestCount(const HistoryFilter &filter)
{
    const Ticket ticket = nextTicket();
    onReader([this, store = m_store, ticket, filter] {
        QString error;
        const qint64 n = store->count(filter, &error);
        QMetaObject::invokeMethod(this, [this, ticket, n, error] {
            if (!error.isEmpty())
                emit failed(ticket, error);
            else
                emit countReady(ticket, n);
        });
    });
    return ticket;
}

HistorySource::Ticket DatabaseHistorySource::requestTrends(qint64 fromMs, qint64 toMs, TrendBucket bucket,
                                                           const QStringList &services)
{
    const Ticket ticket = nextTicket();
    onReader([this, store = m_store, ticket, fromMs, toMs, bucket, services] {
        QString error;
        const QList<TrendPoint> points = store->trends(fromMs, toMs, bucket, services, false, true, &error);
        QMetaObject::invokeMethod(this, [this, ticket, points, error] {
            if (!error.isEmpty())
                emit failed(ticket, error);
            else
                emit trendsReady(ticket, points);
        });
    });
    return ticket;
}

HistorySource::Ticket DatabaseHistorySource::requestAnalytics(qint64 fromMs, qint64 toMs)
{
    const Ticket ticket = nextTicket();
    onReader([this, store = m_store, ticket, fromMs, toMs] {
        AnalyticsReport report;
        report.fromMs = fromMs;
        report.toMs = toMs;
        AnalyticsOptions o;
        o.nowMs = toMs;
        o.windowMs = toMs - fromMs;
        o.utcOffsetMinutes = QDateTime::currentDateTime().offsetFromUtc() / 60;
        report.recentWindowMs = o.recentWindowMs;
        report.minRequests = o.minRequests;
        const Analytics analytics(*store);
        QString error;
        auto keep = [&report, &error] {
            if (!error.isEmpty() && report.error.isEmpty()) report.error = error;
            error.clear();
        };
        report.insights = analytics.keyInsights(o, &error);
        keep();
        report.leaderboard = analytics.leaderboard(o, &error);
        keep();
        report.recovery = analytics.recovery(o, &error);
        keep();
        report.trends = analytics.performanceTrends(o, &error);
        keep();
        report.health = analytics.overallHealth(o, &error);
        keep();
        report.errorPatterns = store->errorPatterns(fromMs, toMs, {}, kErrorPatternLimit, &error);
        keep();
        report.stats = store->statistics(fromMs, toMs, {}, &error);
        keep();
        QMetaObject::invokeMethod(this, [this, ticket, report] { emit analyticsReady(ticket, report); });
    });
    return ticket;
}

HistorySource::Ticket DatabaseHistorySource::requestChaosHistory(qint64 fromMs, qint64 toMs, int limit)
{
    const Ticket ticket = nextTicket();
    onReader([this, store = m_store, ticket, fromMs, toMs, limit] {
        QString error;
        const QList<ChaosRecord> records = store->chaosExperiments(fromMs, toMs, limit, &error);
        QMetaObject::invokeMethod(this, [this, ticket, records, error] {
            if (!error.isEmpty())
                emit failed(ticket, error);
            else
                emit chaosHistoryReady(ticket, records);
        });
    });
    return ticket;
}

HistorySource::Ticket DatabaseHistorySource::exportRequests(const HistoryFilter &filter, const QString &path,
                                                            ExportFormat format)
{
    const Ticket ticket = nextTicket();
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_cancel.insert(ticket, cancelled);
    onExporter([this, store = m_store, ticket, filter, path, format, cancelled] {
        auto finish = [this, ticket](bool ok, const QString &message) {
            QMetaObject::invokeMethod(this, [this, ticket, ok, message] {
                m_cancel.remove(ticket);
                emit exportFinished(ticket, ok, message);
            });
        };
        QString error;
        const qint64 total = store->count(filter, &error);
        if (!error.isEmpty()) return finish(false, error);
        QSaveFile file(path); // nothing replaces the target unless the export completes
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return finish(false, file.errorString());

        // Rows are streamed page by page with the exporter's own CSV rules; this loop adds progress and
        // cancellation, which HistoryExporter does not offer yet.
        qint64 done = 0;
        bool first = true;
        if (format == ExportFormat::Csv) {
            QStringList header;
            for (const QString &c : HistoryExporter::csvColumns())
                header << HistoryExporter::csvField(c);
            file.write(header.join(QLatin1Char(',')).toUtf8() + "\r\n");
        } else {
            const QJsonObject head{
                {QStringLiteral("exportedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                {QStringLiteral("filter"), filter.toJson()}};
            QByteArray opening = QJsonDocument(head).toJson(QJsonDocument::Compact);
            opening.chop(1); // reopen the object to stream the array into it
            file.write(opening + ",\"requests\":[");
        }
        store->forEach(
            filter, kExportPageSize,
            [&](const StoredRequest &row) {
                if (format == ExportFormat::Csv) {
                    QStringList fields;
                    for (const QString &v : HistoryExporter::csvValues(row))
                        fields << HistoryExporter::csvField(v);
                    file.write(fields.join(QLatin1Char(',')).toUtf8() + "\r\n");
                } else {
                    if (!first) file.write(",");
                    file.write(QJsonDocument(row.toJson()).toJson(QJsonDocument::Compact));
                }
                first = false;
                ++done;
                if (done % kExportPageSize == 0)
                    QMetaObject::invokeMethod(
                        this, [this, ticket, done, total] { emit exportProgress(ticket, done, total); });
                return !cancelled->load();
            },
            &error);
        if (cancelled->load()) {
            file.cancelWriting();
            return finish(false, tr("Export cancelled; nothing was written."));
        }
        if (!error.isEmpty()) {
            file.cancelWriting();
            return finish(false, error);
        }
        if (format == ExportFormat::Json) file.write("],\"count\":" + QByteArray::number(done) + "}\n");
        if (!file.commit()) return finish(false, file.errorString());
        QMetaObject::invokeMethod(this,
                                  [this, ticket, done, total] { emit exportProgress(ticket, done, total); });
        finish(true, tr("%n request(s) written to %1", nullptr, int(done)).arg(path));
    });
    return ticket;
}

void DatabaseHistorySource::cancel(Ticket ticket)
{
    if (const auto flag = m_cancel.value(ticket)) flag->store(true);
}

bool DatabaseHistorySource::canClear(QString *reason) const
{
    if (reason) reason->clear();
    return true;
}

HistorySource::Ticket DatabaseHistorySource::clearHistory()
{
    const Ticket ticket = nextTicket();
    onReader([this, db = m_db, ticket] {
        QString error;
        QSqlDatabase connection = db->connection(&error);
        RetentionResult result;
        if (connection.isValid()) {
            // Retention that keeps nothing: everything older than tomorrow goes, in chunks, beside the
            // writer.
            const qint64 tomorrow = QDateTime::currentMSecsSinceEpoch() + Retention::kMsPerDay;
            result = Retention::run(connection, db->dialect(), 0, 0, tomorrow);
        } else {
            result.ok = false;
            result.error = error;
        }
        QMetaObject::invokeMethod(this, [this, ticket, result] {
            emit cleared(ticket, result.ok,
                         result.ok ? tr("%n request(s) deleted.", nullptr, int(result.requests))
                                   : result.error);
        });
    });
    return ticket;
}

} // namespace airm::ui
