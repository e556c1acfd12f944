// Icons drawn as vector glyphs at whatever size and device pixel ratio they are asked for (no SVG module is
// needed, and they stay sharp on high-DPI screens), in the colour of the current theme. GUI thread.
#pragma once

#include <QColor>
#include <QIcon>
#include <QIconEngine>

class QPainterPath;

namespace airm::ui {

class GlyphIconEngine : public QIconEngine
{
public:
    enum class Glyph {
        Overview,
        Services,
        Chaos,
        Automation,
        History,
        Analytics,
        Scenarios,
        Alerts,
        Settings,
        Play,
        Stop,
        Reset,
        Export,
        Trash,
        Send,
        Shield,
        Pause,
        Folder,
        Heart,
        Check,
        App,
    };

    GlyphIconEngine(Glyph glyph, const QColor &color, const QColor &accent = {});

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QIconEngine *clone() const override;
    QString key() const override;

    // The icon for glyph in color; accent fills the shield of Glyph::App and Glyph::Shield when valid.
    static QIcon icon(Glyph glyph, const QColor &color, const QColor &accent = {});

private:
    static QPainterPath path(Glyph glyph);

    Glyph m_glyph;
    QColor m_color;
    QColor m_accent;
};

} // namespace airm::ui
