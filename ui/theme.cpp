#include "theme.h"

#include <QFile>
#include <QRegularExpression>

namespace airm::ui {

Theme Theme::dark()
{
    Theme t;
    t.kind = Kind::Dark;
    // The seed dashboard's palette (slate), kept so its users recognise it.
    t.window = QColor(0x0f, 0x17, 0x2a);
    t.navigation = QColor(0x0b, 0x12, 0x22);
    t.surface = QColor(0x1e, 0x29, 0x3b);
    t.surfaceAlt = QColor(0x26, 0x33, 0x48);
    t.border = QColor(0x33, 0x41, 0x55);
    t.text = QColor(0xf1, 0xf5, 0xf9);
    t.textMuted = QColor(0x94, 0xa3, 0xb8);
    t.primary = QColor(0x3b, 0x82, 0xf6);
    t.primaryStrong = QColor(0x1e, 0x40, 0xaf);
    t.success = QColor(0x10, 0xb9, 0x81);
    t.warning = QColor(0xf5, 0x9e, 0x0b);
    t.error = QColor(0xef, 0x44, 0x44);
    t.neutral = QColor(0x64, 0x74, 0x8b);
    t.info = QColor(0xa7, 0x8b, 0xfa);
    t.chartGrid = QColor(0x2a, 0x37, 0x4c);
    t.seriesColors = {QColor(0x60, 0xa5, 0xfa), QColor(0xc0, 0x84, 0xfc), QColor(0x2d, 0xd4, 0xbf),
                      QColor(0xfb, 0x92, 0x3c), QColor(0xf4, 0x72, 0xb6), QColor(0xa3, 0xe6, 0x35)};
    return t;
}

Theme Theme::light()
{
    Theme t;
    t.kind = Kind::Light;
    t.window = QColor(0xf1, 0xf5, 0xf9);
    t.navigation = QColor(0xe2, 0xe8, 0xf0);
    t.surface = QColor(0xff, 0xff, 0xff);
    t.surfaceAlt = QColor(0xf8, 0xfa, 0xfc);
    t.border = QColor(0xcb, 0xd5, 0xe1);
    t.text = QColor(0x0f, 0x17, 0x2a);
    t.textMuted = QColor(0x47, 0x55, 0x69);
    t.primary = QColor(0x25, 0x63, 0xeb);
    t.primaryStrong = QColor(0x1e, 0x40, 0xaf);
    t.success = QColor(0x05, 0x96, 0x69);
    t.warning = QColor(0xd9, 0x77, 0x06);
    t.error = QColor(0xdc, 0x26, 0x26);
    t.neutral = QColor(0x64, 0x74, 0x8b);
    t.info = QColor(0x7c, 0x3a, 0xed);
    t.chartGrid = QColor(0xe2, 0xe8, 0xf0);
    t.seriesColors = {QColor(0x25, 0x63, 0xeb), QColor(0x93, 0x33, 0xea), QColor(0x0d, 0x94, 0x88),
                      QColor(0xea, 0x58, 0x0c), QColor(0xdb, 0x27, 0x77), QColor(0x65, 0xa3, 0x0d)};
    return t;
}

Theme Theme::forKind(Kind kind)
{
    return kind == Kind::Light ? light() : dark();
}

QString Theme::kindName(Kind kind)
{
    return kind == Kind::Light ? QStringLiteral("light") : QStringLiteral("dark");
}

std::optional<Theme::Kind> Theme::kindFromName(const QString &name)
{
    if (name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0) return Kind::Dark;
    if (name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0) return Kind::Light;
    return std::nullopt;
}

QColor Theme::serviceColor(int index) const
{
    if (seriesColors.isEmpty() || index < 0) return primary;
    return seriesColors.at(index % seriesColors.size());
}

QColor Theme::outcomeColor(Outcome outcome) const
{
    switch (outcome) {
    case Outcome::Success:
        return success;
    case Outcome::Failure:
        return error;
    case Outcome::Timeout:
        return warning;
    case Outcome::Rejected:
        return neutral;
    }
    return neutral;
}

QColor Theme::breakerColor(BreakerState state) const
{
    switch (state) {
    case BreakerState::Closed:
        return success;
    case BreakerState::Open:
        return error;
    case BreakerState::HalfOpen:
        return warning;
    case BreakerState::ForcedOpen:
        return error;
    case BreakerState::Disabled:
        return neutral;
    case BreakerState::MetricsOnly:
        return info;
    }
    return neutral;
}

QColor Theme::healthColor(HealthState state) const
{
    switch (state) {
    case HealthState::Healthy:
        return success;
    case HealthState::Degraded:
    case HealthState::NotConfigured:
        return warning;
    case HealthState::Down:
    case HealthState::AuthError:
        return error;
    case HealthState::Simulated:
        return info;
    case HealthState::Unknown:
        return neutral;
    }
    return neutral;
}

QColor Theme::successRateColor(double pct) const
{
    if (pct < 0) return textMuted;
    if (pct >= 95.0) return success;
    if (pct >= 85.0) return warning;
    return error;
}

QColor Theme::withAlpha(const QColor &c, double alpha)
{
    QColor out = c;
    out.setAlphaF(float(alpha));
    return out;
}

QPalette Theme::palette() const
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, surface);
    p.setColor(QPalette::AlternateBase, surfaceAlt);
    p.setColor(QPalette::ToolTipBase, surface);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, textMuted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, surfaceAlt);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, error);
    p.setColor(QPalette::Highlight, primary);
    p.setColor(QPalette::HighlightedText, QColor(Qt::white));
    p.setColor(QPalette::Link, primary);
    p.setColor(QPalette::Light, surfaceAlt.lighter(120));
    p.setColor(QPalette::Midlight, surfaceAlt);
    p.setColor(QPalette::Mid, border);
    p.setColor(QPalette::Dark, navigation);
    p.setColor(QPalette::Shadow, QColor(0, 0, 0));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, withAlpha(textMuted, 0.6));
    return p;
}

QString Theme::styleSheet() const
{
    // Compiled into the binary (qrc): reading it is not file I/O.
    QFile file(QStringLiteral(":/themes/app.qss"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    QString qss = QString::fromUtf8(file.readAll());
    const QList<std::pair<QLatin1String, QColor>> tokens{
        {QLatin1String("window"), window},
        {QLatin1String("navigation"), navigation},
        {QLatin1String("surfaceAlt"), surfaceAlt},
        {QLatin1String("surface"), surface},
        {QLatin1String("border"), border},
        {QLatin1String("textMuted"), textMuted},
        {QLatin1String("text"), text},
        {QLatin1String("primaryStrong"), primaryStrong},
        {QLatin1String("primarySoft"), withAlpha(primary, kind == Kind::Dark ? 0.22 : 0.14)},
        {QLatin1String("primary"), primary},
        {QLatin1String("success"), success},
        {QLatin1String("warning"), warning},
        {QLatin1String("errorSoft"), withAlpha(error, 0.18)},
        {QLatin1String("error"), error},
        {QLatin1String("neutral"), neutral},
        {QLatin1String("info"), info},
    };
    // Longest names first in the list above, so "@surfaceAlt" is not eaten by "@surface".
    for (const auto &[name, colour] : tokens) {
        const QString value = colour.alpha() == 255 ? colour.name(QColor::HexRgb)
                                                    : QStringLiteral("rgba(%1, %2, %3, %4)")
                                                          .arg(colour.red())
                                                          .arg(colour.green())
                                                          .arg(colour.blue())
                                                          .arg(colour.alpha());
        qss.replace(QLatin1Char('@') + name, value);
    }
    return qss;
}

} // namespace airm::ui
