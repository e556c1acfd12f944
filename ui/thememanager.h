// Owns the current theme and applies it to the application (Fusion style, palette, style sheet); widgets
// that paint themselves or hold charts connect to themeChanged. GUI thread.
#pragma once

#include "glyphiconengine.h"
#include "theme.h"

#include <QObject>

namespace airm::ui {

class ThemeManager : public QObject
{
    Q_OBJECT
public:
    explicit ThemeManager(Theme::Kind kind = Theme::Kind::Dark, QObject *parent = nullptr);

    const Theme &theme() const { return m_theme; }
    Theme::Kind kind() const { return m_theme.kind; }
    // Applies the theme to qApp (when it is a QApplication) and emits themeChanged when it changed.
    void setKind(Theme::Kind kind);
    // Re-applies the current theme, e.g. after widgets were created.
    void apply();

    // A glyph in the theme's text colour (or muted/primary), for buttons, actions and navigation.
    QIcon icon(GlyphIconEngine::Glyph glyph) const;
    QIcon mutedIcon(GlyphIconEngine::Glyph glyph) const;

signals:
    void themeChanged(const airm::ui::Theme &theme);

private:
    Theme m_theme;
};

} // namespace airm::ui
