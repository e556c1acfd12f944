#include "thememanager.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace airm::ui {

ThemeManager::ThemeManager(Theme::Kind kind, QObject *parent)
    : QObject(parent)
    , m_theme(Theme::forKind(kind))
{}

void ThemeManager::setKind(Theme::Kind kind)
{
    if (kind == m_theme.kind) return;
    m_theme = Theme::forKind(kind);
    apply();
    emit themeChanged(m_theme);
}

void ThemeManager::apply()
{
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    if (!app) return;
    // Fusion draws the same on every platform and takes the palette fully, so both themes look as designed.
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(m_theme.palette());
    app->setStyleSheet(m_theme.styleSheet());
}

QIcon ThemeManager::icon(GlyphIconEngine::Glyph glyph) const
{
    return GlyphIconEngine::icon(glyph, m_theme.text);
}

QIcon ThemeManager::mutedIcon(GlyphIconEngine::Glyph glyph) const
{
    return GlyphIconEngine::icon(glyph, m_theme.textMuted);
}

} // namespace airm::ui
