#include "batchwriter.h"

#include "minuterollup.h"
#include "recordcodec.h"
#include "sqlitestatement.h"

#include "storagecodes.h"
#include <QVarLengthArray>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QVariant>

namespace airm {

struct BatchWriter::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : insertMany(db)
        , insertOne(db)
        , transition(db)
        , chaos(db)
        , scenario(db)
        , alert(db)
        , rollup(db)
        , journal(db)
        , control(db)
    {}
    QSqlQuery insertMany, insertOne, transition, chaos, scenario, alert, rollup, journal, control;
};

namespace {

QString placeholders(int n)
{
    QString s = QStringLiteral("(");
    for (int i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s + QLatin1Char(')');
}

QString insertRequestsSql(int rows)
{
    const QStringList &columns = RecordCodec::requestInsertColumns();
    QString sql = QStringLiteral("INSERT INTO requests (") + columns.join(QStringLiteral(", ")) +
                  QStringLiteral(") VALUES ");
    const QString one = placeholders(int(columns.size()));
    for (int i = 0; i < rows; ++i) {
        if (i) sql += QStringLiteral(", ");
        sql += one;
    }
    return sql;
}

QString upsertRollupSql(const SqlDialect &d)
{
    const QStringList &additive = MinuteRollup::additiveColumns();
    QStringList updates;
    for (const QString &c : additive)
        updates << QStringLiteral("%1 = rollups_minute.%1 + excluded.%1").arg(c);
    auto merged = [&](const QString &c, bool min) {
        const QString a = QStringLiteral("COALESCE(rollups_minute.%1, excluded.%1)").arg(c);
        const QString b = QStringLiteral("COALESCE(excluded.%1, rollups_minute.%1)").arg(c);
        return QStringLiteral("%1 = %2").arg(c, min ? d.least(a, b) : d.greatest(a, b));
    };
    updates << merged(QStringLiteral("lat_min_us"), true) << merged(QStringLiteral("lat_max_us"), false);
    return QStringLiteral(
               "INSERT INTO rollups_minute (service, minute, %1, lat_min_us, lat_max_us) VALUES %2 "
               "ON CONFLICT (service, minute) DO UPDATE SET %3")
        .arg(additive.join(QStringLiteral(", ")), placeholders(int(additive.size()) + 4),
             updates.join(QStringLiteral(", ")));
}

QString sqlError(const QString &what, const QSqlQuery &q)
{
    return QStringLiteral("%1: %2").arg(what, q.lastError().text());
}

const QVariant kNullInt{QMetaType::fromType<qint64>()};

} // namespace

BatchWriter::BatchWriter(QSqlDatabase db, SqlDialect dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{}

BatchWriter::~BatchWriter()
{
    m_fastInsertMany.reset(); // finalised before the connection can close
    m_fastInsert.reset();
    m_fastRollup.reset();
    m_st.reset();
}

bool BatchWriter::prepare(QString *error)
{
    if (m_st) return true;
    auto st = std::make_unique<Statements>(m_db);
    const struct
    {
        QSqlQuery *query;
        QString sql;
    } statements[] = {
        {&st->insertMany, insertRequestsSql(kRowsPerInsert)},
        {&st->insertOne, insertRequestsSql(1)},
        {&st->transition,
         QStringLiteral("INSERT INTO breaker_transitions (ts, service, from_state, to_state, "
                        "reason) VALUES (?, ?, ?, ?, ?)")},
        {&st->chaos,
         QStringLiteral("INSERT INTO chaos_experiments (exp_id, started_ms, type, targets, params, "
                        "ends_ms, ended_ms, status, touched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (exp_id, started_ms) DO UPDATE SET type = excluded.type, "
                        "targets = excluded.targets, params = excluded.params, "
                        "ends_ms = excluded.ends_ms, ended_ms = excluded.ended_ms, "
                        "status = excluded.status, touched = excluded.touched")},
        {&st->scenario,
         QStringLiteral("INSERT INTO scenario_runs (run_id, name, started_ms, ended_ms, status, "
                        "report) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET "
                        "name = excluded.name, started_ms = excluded.started_ms, "
                        "ended_ms = excluded.ended_ms, status = excluded.status, "
                        "report = excluded.report")},
        {&st->alert,
         QStringLiteral("INSERT INTO alerts (alert_id, ts, rule, severity, service, message, "
                        "delivered) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO UPDATE "
                        "SET ts = excluded.ts, rule = excluded.rule, severity = excluded.severity, "
                        "service = excluded.service, message = excluded.message, "
                        "delivered = excluded.delivered")},
        {&st->rollup, upsertRollupSql(m_dialect)},
        {&st->journal,
         QStringLiteral("INSERT INTO journal_state (journal_id, lines_done) VALUES (?, ?) "
                        "ON CONFLICT (journal_id) DO UPDATE SET lines_done = excluded.lines_done")},
    };
    for (const auto &s : statements) {
        if (!s.query->prepare(s.sql)) {
            *error = sqlError(QStringLiteral("preparing the writer's statements"), *s.query);
            return false;
        }
    }
    m_st = std::move(st);
    if (!m_dialect.isPostgres()) {
        m_fastInsertMany = std::make_unique<SqliteStatement>(m_db, insertRequestsSql(kRowsPerInsert));
        m_fastInsert = std::make_unique<SqliteStatement>(m_db, insertRequestsSql(1));
        m_fastRollup = std::make_unique<SqliteStatement>(m_db, upsertRollupSql(m_dialect));
        if (!m_fastInsertMany->isValid() || !m_fastInsert->isValid() || !m_fastRollup->isValid()) {
            m_fastInsertMany.reset();
            m_fastInsert.reset();
            m_fastRollup.reset();
        }
    }
    return true;
}

bool BatchWriter::writeRequests(const std::vector<const RequestRecord *> &requests, QString *error)
{
    if (m_fastInsert) {
        // The statement binds texts without copying them: keep each alive until exec().
        struct Sink
        {
            SqliteStatement *st;
            QVarLengthArray<QString, 10 * kRowsPerInsert> texts;
            int index = 1;
            void null() { st->bindNull(index++); }
            void integer(qint64 v) { st->bindInt64(index++, v); }
            void text(const QString &t)
            {
                texts.append(t);
                st->bindText(index++, texts.back());
            }
        };
        Sink sink{nullptr, {}};
        std::size_t i = 0;
        while (i < requests.size()) {
            // Many rows per statement: SQLite opens its table and index cursors once per statement.
            const bool many = requests.size() - i >= std::size_t(kRowsPerInsert);
            sink.st = many ? m_fastInsertMany.get() : m_fastInsert.get();
            sink.index = 1;
            sink.texts.clear();
            const std::size_t rows = many ? std::size_t(kRowsPerInsert) : 1;
            for (std::size_t k = 0; k < rows; ++k)
                RecordCodec::visitRequest(*requests[i + k], sink);
            if (!sink.st->exec(error)) {
                *error = QStringLiteral("inserting requests: ") + *error;
                return false;
            }
            i += rows;
        }
        return true;
    }
    std::size_t i = 0;
    const std::size_t n = requests.size();
    while (i < n) {
        const bool many = n - i >= std::size_t(kRowsPerInsert);
        QSqlQuery &q = many ? m_st->insertMany : m_st->insertOne;
        const std::size_t rows = many ? std::size_t(kRowsPerInsert) : 1;
        int pos = 0;
        for (std::size_t k = 0; k < rows; ++k)
            RecordCodec::bindRequest(q, pos, *requests[i + k]);
        if (!q.exec()) {
            *error = sqlError(QStringLiteral("inserting requests"), q);
            return false;
        }
        i += rows;
    }
    return true;
}

bool BatchWriter::writeRollup(const MinuteRollup &m, QString *error)
{
    if (m_fastRollup) {
        SqliteStatement &st = *m_fastRollup;
        int i = 1;
        st.bindText(i++, m.service);
        st.bindInt64(i++, m.minute);
        for (qint64 v : m.additiveValues())
            st.bindInt64(i++, v);
        if (m.hasLatency()) {
            st.bindInt64(i++, m.latMinUs);
            st.bindInt64(i++, m.latMaxUs);
        } else {
            st.bindNull(i++);
            st.bindNull(i++);
        }
        if (st.exec(error)) return true;
        *error = QStringLiteral("updating the minute roll-ups: ") + *error;
        return false;
    }
    QSqlQuery &up = m_st->rollup;
    int pos = 0;
    up.bindValue(pos++, m.service);
    up.bindValue(pos++, m.minute);
    for (qint64 v : m.additiveValues())
        up.bindValue(pos++, v);
    up.bindValue(pos++, m.hasLatency() ? QVariant(m.latMinUs) : kNullInt);
    up.bindValue(pos++, m.hasLatency() ? QVariant(m.latMaxUs) : kNullInt);
    if (up.exec()) return true;
    *error = sqlError(QStringLiteral("updating the minute roll-ups"), up);
    return false;
}

bool BatchWriter::write(const Items &items, std::size_t first, std::size_t count, QString *error,
                        const JournalProgress *progress)
{
    if (!prepare(error)) return false;
    QSqlQuery &control = m_st->control;
    if (!control.exec(m_dialect.beginWrite())) {
        *error = sqlError(QStringLiteral("starting a write transaction"), control);
        return false;
    }
    auto fail = [&](const QString &message) {
        *error = message;
        control.exec(QStringLiteral("ROLLBACK"));
        return false;
    };

    std::vector<const RequestRecord *> requests;
    requests.reserve(count);
    QHash<QPair<QString, qint64>, MinuteRollup> rollups;
    const std::size_t last = std::min(items.size(), first + count);
    for (std::size_t i = first; i < last; ++i) {
        const StorageItem &item = items[i];
        if (const auto *r = std::get_if<RequestRecord>(&item)) {
            requests.push_back(r);
            const qint64 minute = r->startedAtMs / MinuteRollup::kMsPerMinute;
            MinuteRollup &m = rollups[qMakePair(r->service, minute)];
            if (m.requests == 0) {
                m.service = r->service;
                m.minute = minute;
            }
            m.add(*r);
        } else if (const auto *t = std::get_if<BreakerTransition>(&item)) {
            QSqlQuery &q = m_st->transition;
            q.bindValue(0, t->atMs);
            q.bindValue(1, t->service);
            q.bindValue(2, storagecodes::code(t->from));
            q.bindValue(3, storagecodes::code(t->to));
            q.bindValue(4, t->reason);
            if (!q.exec()) return fail(sqlError(QStringLiteral("inserting a breaker transition"), q));
        } else if (const auto *c = std::get_if<ChaosRecord>(&item)) {
            QSqlQuery &q = m_st->chaos;
            q.bindValue(0, c->id);
            q.bindValue(1, c->startedMs);
            q.bindValue(2, storagecodes::code(c->type));
            q.bindValue(
                3, QString::fromUtf8(
                       QJsonDocument(QJsonArray::fromStringList(c->targets)).toJson(QJsonDocument::Compact)));
            q.bindValue(4, QString::fromUtf8(QJsonDocument(c->params).toJson(QJsonDocument::Compact)));
            q.bindValue(5, c->endsMs);
            q.bindValue(6, c->endedMs > 0 ? QVariant(c->endedMs) : kNullInt);
            q.bindValue(7, c->status.isEmpty() ? QStringLiteral("active") : c->status);
            q.bindValue(8, c->touched);
            if (!q.exec()) return fail(sqlError(QStringLiteral("storing a chaos experiment"), q));
        } else if (const auto *s = std::get_if<ScenarioRunRecord>(&item)) {
            QSqlQuery &q = m_st->scenario;
            q.bindValue(0, s->runId);
            q.bindValue(1, s->name);
            q.bindValue(2, s->startedMs);
            q.bindValue(3, s->endedMs > 0 ? QVariant(s->endedMs) : kNullInt);
            q.bindValue(4, s->status);
            q.bindValue(5, QString::fromUtf8(QJsonDocument(s->report).toJson(QJsonDocument::Compact)));
            if (!q.exec()) return fail(sqlError(QStringLiteral("storing a scenario run"), q));
        } else if (const auto *a = std::get_if<AlertRecord>(&item)) {
            QSqlQuery &q = m_st->alert;
            q.bindValue(0, a->alertId);
            q.bindValue(1, a->atMs);
            q.bindValue(2, a->rule);
            q.bindValue(3, a->severity);
            q.bindValue(4, a->service.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                : QVariant(a->service));
            q.bindValue(5, a->message);
            q.bindValue(6, int(a->delivered));
            if (!q.exec()) return fail(sqlError(QStringLiteral("storing an alert"), q));
        }
    }
    if (!writeRequests(requests, error)) return fail(*error);

    for (const MinuteRollup &m : std::as_const(rollups))
        if (!writeRollup(m, error)) return fail(*error);
    if (progress && !progress->journalId.isEmpty()) {
        QSqlQuery &q = m_st->journal;
        q.bindValue(0, progress->journalId);
        q.bindValue(1, progress->linesDone);
        if (!q.exec()) return fail(sqlError(QStringLiteral("recording the journal position"), q));
    }
    if (!control.exec(QStringLiteral("COMMIT"))) return fail(sqlError(QStringLiteral("committing"), control));
    return true;
}

} // namespace airm
