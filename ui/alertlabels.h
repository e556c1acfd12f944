// The words and colours people see for alerts: rule titles and what each rule watches, severities, channels
// and the state of one delivery. The core's names ("breakerOpened", "warning", "webhook") stay for JSON and
// SQL; these are translatable. GUI thread (uses the application locale).
#pragma once

#include "theme.h"

#include "alerts/alertmanager.h"

#include <QCoreApplication>
#include <QString>

namespace airm::ui {

class AlertLabels
{
    Q_DECLARE_TR_FUNCTIONS(airm::ui::AlertLabels)
public:
    // "Circuit breaker opened"; the core's rule name ("test" too) or the name itself when unknown.
    static QString rule(AlertRuleId id);
    static QString rule(const QString &name);
    // One sentence: when the rule raises an alert.
    static QString ruleHelp(AlertRuleId id);
    static QString severity(AlertSeverity v);
    static QString severity(const QString &name);
    static QString channel(AlertChannel v);
    // "delivered (HTTP 200)", "retrying in 2 s (attempt 2 of 4)", "failed: HTTP 500 …", "sending…"
    static QString delivery(const AlertDelivery &d, qint64 nowMs);
    // The theme's colour for a severity: info, warning, error; critical is the error colour too (filled).
    static QColor severityColor(const Theme &theme, const QString &severity);
    static QColor deliveryColor(const Theme &theme, AlertDelivery::Status status);
};

} // namespace airm::ui
