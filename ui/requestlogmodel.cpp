#include "requestlogmodel.h"

#include "labels.h"

#include <QDateTime>

namespace airm::ui {
namespace {

constexpr int kPromptPreviewChars = 60;

} // namespace

RequestLogModel::RequestLogModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void RequestLogModel::setCapacity(int lines)
{
    m_capacity = std::max(1, lines);
    const int excess = int(m_lines.size()) - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_lines.erase(m_lines.begin(), m_lines.begin() + excess);
        endRemoveRows();
    }
}

void RequestLogModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (!m_lines.empty()) emit dataChanged(index(0), index(int(m_lines.size()) - 1), {Qt::ForegroundRole});
}

bool RequestLogModel::accepts(const RequestRecord &r) const
{
    switch (m_filter) {
    case Filter::All:
        return true;
    case Filter::Automation:
        return r.origin == Origin::Automation;
    case Filter::Failures:
        return r.outcome != Outcome::Success;
    }
    return true;
}

QString RequestLogModel::format(const RequestRecord &r)
{
    QString prompt = r.prompt.simplified();
    if (prompt.size() > kPromptPreviewChars) prompt = prompt.left(kPromptPreviewChars - 1) + QChar(0x2026);
    const QString time =
        QDateTime::fromMSecsSinceEpoch(r.finishedAtMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    QString line = QStringLiteral("%1  %2  %3  %4")
                       .arg(time, r.service.leftJustified(12, QLatin1Char(' ')),
                            toString(r.outcome).toUpper().leftJustified(8, QLatin1Char(' ')),
                            Labels::latency(r.latencyMs).rightJustified(9, QLatin1Char(' ')));
    if (r.errorClass != ErrorClass::None) line += QStringLiteral("  ") + toString(r.errorClass);
    if (!r.chaosIds.isEmpty())
        line += QStringLiteral("  [") + r.chaosIds.join(QLatin1Char(',')) + QLatin1Char(']');
    if (r.simulated) line += QStringLiteral("  sim");
    if (!prompt.isEmpty()) line += QStringLiteral("  ") + prompt;
    return line;
}

int RequestLogModel::append(const QList<RequestRecord> &records)
{
    std::vector<Line> incoming;
    incoming.reserve(records.size());
    for (const RequestRecord &r : records) {
        if (!accepts(r)) continue;
        Line l;
        l.text = format(r);
        l.outcome = r.outcome;
        l.id = r.id;
        l.service = r.service;
        if (!r.errorMessage.isEmpty()) l.detail = r.errorMessage;
        incoming.push_back(std::move(l));
    }
    if (incoming.empty()) return 0;
    m_totalAppended += qint64(incoming.size());
    // Only the newest `capacity` lines can survive this batch.
    if (int(incoming.size()) > m_capacity) incoming.erase(incoming.begin(), incoming.end() - m_capacity);
    const int overflow = int(m_lines.size() + incoming.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_lines.erase(m_lines.begin(), m_lines.begin() + overflow);
        endRemoveRows();
    }
    const int first = int(m_lines.size());
    beginInsertRows({}, first, first + int(incoming.size()) - 1);
    for (Line &l : incoming)
        m_lines.push_back(std::move(l));
    endInsertRows();
    return int(incoming.size());
}

void RequestLogModel::clear()
{
    if (m_lines.empty()) return;
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Line &l = m_lines.at(std::size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        return l.text;
    case Qt::ForegroundRole:
        return l.outcome == Outcome::Success ? m_theme.text : m_theme.outcomeColor(l.outcome);
    case Qt::ToolTipRole:
        return l.detail.isEmpty() ? QVariant() : QVariant(l.detail);
    case OutcomeRole:
        return int(l.outcome);
    case RequestIdRole:
        return l.id;
    case ServiceRole:
        return l.service;
    }
    return {};
}

} // namespace airm::ui
