// The colours of one theme and what they mean. Everything that paints (style sheet, palette, charts, badges,
// log colours) asks the theme; no widget spells a colour literal. Plain value type, GUI thread.
#pragma once

#include "model/types.h"

#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>
#include <optional>

namespace airm::ui {

struct Theme
{
    enum class Kind { Dark, Light };

    Kind kind = Kind::Dark;
    QColor window;     // page background
    QColor navigation; // side bar, status bar, menu bar
    QColor surface;    // cards, tables
    QColor surfaceAlt; // inputs, table headers, hover
    QColor border;
    QColor text;
    QColor textMuted;
    QColor primary;
    QColor primaryStrong;
    QColor success;
    QColor warning;
    QColor error;
    QColor neutral;
    QColor info; // forced and metrics-only states, chart marks that are neither good nor bad
    QColor chartGrid;
    QList<QColor> seriesColors; // one per service, in configured order

    static Theme dark();
    static Theme light();
    static Theme forKind(Kind kind);
    static QString kindName(Kind kind); // "dark" | "light", for settings
    static std::optional<Kind> kindFromName(const QString &name);

    QColor serviceColor(int index) const;
    QColor outcomeColor(Outcome outcome) const;
    QColor breakerColor(BreakerState state) const;
    QColor healthColor(HealthState state) const;
    // The seed's thresholds: >= 95 % excellent (success), >= 85 % good (warning), below degraded (error).
    QColor successRateColor(double pct) const;
    // A colour at the given opacity, for fills and shading.
    static QColor withAlpha(const QColor &c, double alpha);

    QPalette palette() const;
    // The application style sheet: resources/themes/app.qss with this theme's colours substituted.
    QString styleSheet() const;
};

} // namespace airm::ui
