// The recent alerts as a table, newest first: time, severity, rule, service, message, and the state of each
// channel (desktop notification, webhook, Slack, e-mail), updated live from the AlertManager's signals. Rows
// keep their identity (inserted at the top, changed in place), so a selection survives new alerts. At most
// AlertManager::kRecentLimit rows, like the manager. GUI thread.
#pragma once

#include "theme.h"

#include "alerts/alertmanager.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace airm::ui {

class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Severity, Rule, Service, Message, Desktop, Webhook, Slack, Email, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1, // the core's severity name ("error")
        AlertIdRole,
        EmphasisRole, // true for a critical alert's severity cell (painted filled)
        StatusRole,   // channel columns: int(AlertDelivery::Status), or -1 when nothing was sent
    };

    explicit AlertsModel(QObject *parent = nullptr);

    // Loads the manager's recent alerts and follows its signals; null empties the model.
    void setManager(AlertManager *manager);
    void setTheme(const Theme &theme);
    // Without a system tray a requested desktop notification shows nowhere: the Desktop column says so.
    void setDesktopAvailable(bool available);
    // Moves the retry countdowns of pending deliveries to nowMs.
    void tick(qint64 nowMs);

    AlertRecord alert(int row) const;
    int rowOf(const QString &alertId) const;
    // Whether any row was sent through channel (the page shows the column then).
    bool usedChannel(AlertChannel channel) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        AlertRecord alert;
        bool desktop = false; // a desktop notification was requested
        QList<AlertDelivery> deliveries;
    };

    void addAlert(const AlertRecord &alert);
    void markDesktop(const AlertRecord &alert);
    void updateDelivery(const AlertDelivery &delivery);
    void updateAlert(const AlertRecord &alert);
    const AlertDelivery *delivery(const Row &row, AlertChannel channel) const;
    QVariant channelData(const Row &row, AlertChannel channel, int role) const;

    QPointer<AlertManager> m_manager;
    QList<Row> m_rows; // newest first
    Theme m_theme = Theme::dark();
    qint64 m_nowMs = 0;
    bool m_desktopAvailable = true;
};

} // namespace airm::ui
