#include "alertsmodel.h"

#include "alertlabels.h"
#include "labels.h"

#include <QDateTime>

namespace airm::ui {
namespace {

constexpr AlertChannel kChannelOfColumn[] = {AlertChannel::Desktop, AlertChannel::Webhook,
                                             AlertChannel::Slack, AlertChannel::Email};

} // namespace

AlertsModel::AlertsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AlertsModel::setManager(AlertManager *manager)
{
    if (m_manager) m_manager->disconnect(this);
    beginResetModel();
    m_manager = manager;
    m_rows.clear();
    if (manager) {
        for (const AlertRecord &a : manager->recent()) {
            Row row;
            row.alert = a;
            row.deliveries = manager->deliveries(a.alertId);
            m_rows.append(row);
        }
    }
    endResetModel();
    if (!manager) return;
    connect(manager, &AlertManager::alertRaised, this, &AlertsModel::addAlert);
    connect(manager, &AlertManager::desktopNotificationRequested, this, &AlertsModel::markDesktop);
    connect(manager, &AlertManager::deliveryChanged, this, &AlertsModel::updateDelivery);
    connect(manager, &AlertManager::alertUpdated, this, &AlertsModel::updateAlert);
}

void AlertsModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

void AlertsModel::setDesktopAvailable(bool available)
{
    if (available == m_desktopAvailable) return;
    m_desktopAvailable = available;
    if (!m_rows.isEmpty()) emit dataChanged(index(0, Desktop), index(int(m_rows.size()) - 1, Desktop));
}

void AlertsModel::tick(qint64 nowMs)
{
    m_nowMs = nowMs;
    for (int i = 0; i < m_rows.size(); ++i)
        for (const AlertDelivery &d : std::as_const(m_rows.at(i).deliveries))
            if (d.status == AlertDelivery::Status::Pending && d.nextAttemptMs > 0) {
                emit dataChanged(index(i, Desktop), index(i, Email), {Qt::ToolTipRole});
                break;
            }
}

AlertRecord AlertsModel::alert(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).alert : AlertRecord{};
}

int AlertsModel::rowOf(const QString &alertId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).alert.alertId == alertId) return i;
    return -1;
}

bool AlertsModel::usedChannel(AlertChannel channel) const
{
    for (const Row &r : m_rows)
        if (delivery(r, channel) || (channel == AlertChannel::Desktop && r.desktop)) return true;
    return false;
}

void AlertsModel::addAlert(const AlertRecord &alert)
{
    if (rowOf(alert.alertId) >= 0) return;
    if (m_rows.size() >= AlertManager::kRecentLimit) {
        const int last = int(m_rows.size()) - 1;
        beginRemoveRows({}, last, last);
        m_rows.removeLast();
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    Row row;
    row.alert = alert;
    m_rows.prepend(row);
    endInsertRows();
}

void AlertsModel::markDesktop(const AlertRecord &alert)
{
    const int i = rowOf(alert.alertId);
    if (i < 0) return; // a test alert: not listed
    m_rows[i].desktop = true;
    emit dataChanged(index(i, Desktop), index(i, Desktop));
}

void AlertsModel::updateDelivery(const AlertDelivery &d)
{
    const int i = rowOf(d.alertId);
    if (i < 0) return;
    QList<AlertDelivery> &list = m_rows[i].deliveries;
    auto it = std::find_if(list.begin(), list.end(),
                           [&d](const AlertDelivery &x) { return x.channel == d.channel; });
    if (it == list.end())
        list.append(d);
    else
        *it = d;
    m_nowMs = std::max(m_nowMs, d.updatedAtMs);
    emit dataChanged(index(i, Desktop), index(i, Email));
}

void AlertsModel::updateAlert(const AlertRecord &alert)
{
    const int i = rowOf(alert.alertId);
    if (i < 0) return;
    m_rows[i].alert.delivered = alert.delivered;
    emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
}

const AlertDelivery *AlertsModel::delivery(const Row &row, AlertChannel channel) const
{
    for (const AlertDelivery &d : row.deliveries)
        if (d.channel == channel) return &d;
    return nullptr;
}

QVariant AlertsModel::channelData(const Row &row, AlertChannel channel, int role) const
{
    const AlertDelivery *d = delivery(row, channel);
    if (channel == AlertChannel::Desktop && !d) {
        const bool shown = row.desktop && m_desktopAvailable;
        switch (role) {
        case Qt::DisplayRole:
            return shown ? tr("✓ shown") : row.desktop ? tr("no tray") : QStringLiteral("–");
        case Qt::ToolTipRole:
            return shown         ? tr("Shown as a desktop notification")
                   : row.desktop ? tr("This desktop has no system tray: the notification could not be shown")
                                 : tr("No desktop notification (switched off when the alert was raised)");
        case Qt::ForegroundRole:
            return shown ? m_theme.success : m_theme.textMuted;
        case StatusRole:
            return shown ? int(AlertDelivery::Status::Delivered) : -1;
        default:
            return {};
        }
    }
    if (!d) {
        switch (role) {
        case Qt::DisplayRole:
            return QStringLiteral("–");
        case Qt::ToolTipRole:
            return tr("Not sent: no %1 URL was configured when the alert was raised")
                .arg(AlertLabels::channel(channel));
        case Qt::ForegroundRole:
            return m_theme.textMuted;
        case StatusRole:
            return -1;
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (d->status) {
        case AlertDelivery::Status::Delivered:
            return tr("✓ delivered");
        case AlertDelivery::Status::Failed:
            return tr("✗ failed");
        case AlertDelivery::Status::Pending:
            return d->nextAttemptMs > 0 ? tr("↻ retrying") : tr("… sending");
        }
        return {};
    case Qt::ToolTipRole: {
        QString text = tr("%1: %2").arg(AlertLabels::channel(channel), AlertLabels::delivery(*d, m_nowMs));
        if (d->attempts > 0) text += QLatin1Char('\n') + tr("%n attempt(s)", nullptr, d->attempts);
        if (d->updatedAtMs > 0)
            text += QLatin1Char('\n') + tr("Updated %1").arg(Labels::clock(d->updatedAtMs));
        return text;
    }
    case Qt::ForegroundRole:
        return AlertLabels::deliveryColor(m_theme, d->status);
    case StatusRole:
        return int(d->status);
    default:
        return {};
    }
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row &row = m_rows.at(index.row());
    const AlertRecord &a = row.alert;
    const int column = index.column();
    if (column >= Desktop) return channelData(row, kChannelOfColumn[column - Desktop], role);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Time:
            return Labels::shortDateTime(a.atMs);
        case Severity:
            return AlertLabels::severity(a.severity);
        case Rule:
            return AlertLabels::rule(a.rule);
        case Service:
            return a.service.isEmpty() ? QStringLiteral("–") : a.service;
        case Message:
            return a.message;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case Time:
            return Labels::dateTime(a.atMs);
        case Rule:
            if (const std::optional<AlertRuleId> id = alertRuleFromString(a.rule))
                return AlertLabels::ruleHelp(*id);
            return {};
        case Message:
            return a.message;
        }
        return {};
    case Qt::ForegroundRole:
        if (column == Severity) return AlertLabels::severityColor(m_theme, a.severity);
        if (column == Time || column == Service) return m_theme.textMuted;
        return {};
    case SeverityRole:
        return a.severity;
    case AlertIdRole:
        return a.alertId;
    case EmphasisRole:
        return column == Severity && a.severity == QLatin1String("critical");
    }
    return {};
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Severity:
        return tr("Severity");
    case Rule:
        return tr("Rule");
    case Service:
        return tr("Service");
    case Message:
        return tr("Message");
    case Desktop:
        return AlertLabels::channel(AlertChannel::Desktop);
    case Webhook:
        return AlertLabels::channel(AlertChannel::Webhook);
    case Slack:
        return AlertLabels::channel(AlertChannel::Slack);
    case Email:
        return AlertLabels::channel(AlertChannel::Email);
    }
    return {};
}

} // namespace airm::ui
