#include "glyphiconengine.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QtMath>

namespace airm::ui {
namespace {

constexpr double kGrid = 24.0;  // glyphs are designed on a 24 x 24 grid
constexpr double kStroke = 1.9; // in grid units

QPainterPath roundedRect(double x, double y, double w, double h, double r)
{
    QPainterPath p;
    p.addRoundedRect(QRectF(x, y, w, h), r, r);
    return p;
}

QPainterPath circle(double cx, double cy, double r)
{
    QPainterPath p;
    p.addEllipse(QPointF(cx, cy), r, r);
    return p;
}

QPainterPath polyline(std::initializer_list<QPointF> points, bool closed = false)
{
    QPainterPath p;
    bool first = true;
    for (const QPointF &pt : points) {
        if (first)
            p.moveTo(pt);
        else
            p.lineTo(pt);
        first = false;
    }
    if (closed) p.closeSubpath();
    return p;
}

QPainterPath shieldPath()
{
    QPainterPath p;
    p.moveTo(12, 2.5);
    p.lineTo(19.5, 5.5);
    p.lineTo(19.5, 11.5);
    p.cubicTo(19.5, 16.5, 16.2, 19.8, 12, 21.5);
    p.cubicTo(7.8, 19.8, 4.5, 16.5, 4.5, 11.5);
    p.lineTo(4.5, 5.5);
    p.closeSubpath();
    return p;
}

} // namespace

GlyphIconEngine::GlyphIconEngine(Glyph glyph, const QColor &color, const QColor &accent)
    : m_glyph(glyph)
    , m_color(color)
    , m_accent(accent)
{}

QPainterPath GlyphIconEngine::path(Glyph glyph)
{
    QPainterPath p;
    switch (glyph) {
    case Glyph::Overview:
        p.addPath(roundedRect(3.5, 3.5, 7, 7, 1.5));
        p.addPath(roundedRect(13.5, 3.5, 7, 7, 1.5));
        p.addPath(roundedRect(3.5, 13.5, 7, 7, 1.5));
        p.addPath(roundedRect(13.5, 13.5, 7, 7, 1.5));
        break;
    case Glyph::Services:
        p.addPath(roundedRect(3.5, 3.5, 17, 7, 2));
        p.addPath(roundedRect(3.5, 13.5, 17, 7, 2));
        p.addPath(polyline({{7, 7}, {7.01, 7}}));
        p.addPath(polyline({{7, 17}, {7.01, 17}}));
        break;
    case Glyph::Chaos: // lightning bolt
        p.addPath(
            polyline({{13, 2.5}, {4.5, 13.5}, {11.5, 13.5}, {10.5, 21.5}, {19.5, 10.5}, {12.5, 10.5}}, true));
        break;
    case Glyph::Automation: // two arrows in a loop
        p.moveTo(4.5, 11);
        p.arcTo(QRectF(4.5, 4.5, 15, 13), 180, -180);
        p.addPath(polyline({{16.5, 9}, {19.5, 11}, {21.5, 8}}));
        p.moveTo(19.5, 13);
        p.arcTo(QRectF(4.5, 6.5, 15, 13), 0, -180);
        p.addPath(polyline({{7.5, 15}, {4.5, 13}, {2.5, 16}}));
        break;
    case Glyph::History:
        p.addPath(circle(12, 12, 8.5));
        p.addPath(polyline({{12, 7}, {12, 12}, {15.5, 14}}));
        break;
    case Glyph::Analytics:
        p.addPath(polyline({{3.5, 20.5}, {20.5, 20.5}}));
        p.addPath(roundedRect(5, 12, 3.5, 6, 0.8));
        p.addPath(roundedRect(10.25, 6, 3.5, 12, 0.8));
        p.addPath(roundedRect(15.5, 9, 3.5, 9, 0.8));
        break;
    case Glyph::Scenarios: // flask
        p.addPath(polyline({{9, 3}, {15, 3}}));
        p.addPath(
            polyline({{10, 3}, {10, 9}, {4.5, 19}, {5.5, 21}, {18.5, 21}, {19.5, 19}, {14, 9}, {14, 3}}));
        p.addPath(polyline({{7.2, 15}, {16.8, 15}}));
        break;
    case Glyph::Alerts: // bell
        p.moveTo(5, 17);
        p.lineTo(6.5, 15);
        p.lineTo(6.5, 10.5);
        p.cubicTo(6.5, 7, 9, 4.5, 12, 4.5);
        p.cubicTo(15, 4.5, 17.5, 7, 17.5, 10.5);
        p.lineTo(17.5, 15);
        p.lineTo(19, 17);
        p.closeSubpath();
        p.addPath(polyline({{12, 2.5}, {12, 4.5}}));
        p.moveTo(9.8, 19.5);
        p.cubicTo(10.3, 21, 13.7, 21, 14.2, 19.5);
        break;
    case Glyph::Settings: { // gear: eight teeth around a ring
        QPainterPath gear;
        const int teeth = 8;
        for (int i = 0; i < teeth * 4; ++i) {
            const double a = (i / double(teeth * 4)) * 2 * M_PI;
            const double r = (i % 4 == 0 || i % 4 == 1) ? 9.0 : 7.0;
            const QPointF pt(12 + r * qCos(a), 12 + r * qSin(a));
            if (i == 0)
                gear.moveTo(pt);
            else
                gear.lineTo(pt);
        }
        gear.closeSubpath();
        p.addPath(gear);
        p.addPath(circle(12, 12, 3));
        break;
    }
    case Glyph::Play:
        p.addPath(polyline({{7, 4.5}, {19, 12}, {7, 19.5}}, true));
        break;
    case Glyph::Stop:
        p.addPath(roundedRect(5.5, 5.5, 13, 13, 2));
        break;
    case Glyph::Pause:
        p.addPath(roundedRect(6, 5, 4, 14, 1));
        p.addPath(roundedRect(14, 5, 4, 14, 1));
        break;
    case Glyph::Reset:
        p.moveTo(19.5, 12);
        p.arcTo(QRectF(4.5, 4.5, 15, 15), 0, 300);
        p.addPath(polyline({{19.5, 4.5}, {19.5, 10}, {14, 10}}));
        break;
    case Glyph::Export:
        p.addPath(polyline({{12, 3.5}, {12, 15}}));
        p.addPath(polyline({{7.5, 10.5}, {12, 15}, {16.5, 10.5}}));
        p.addPath(polyline({{4, 15.5}, {4, 20}, {20, 20}, {20, 15.5}}));
        break;
    case Glyph::Trash:
        p.addPath(polyline({{4, 6.5}, {20, 6.5}}));
        p.addPath(polyline({{9.5, 6.5}, {9.5, 3.5}, {14.5, 3.5}, {14.5, 6.5}}));
        p.addPath(polyline({{6, 6.5}, {7, 20.5}, {17, 20.5}, {18, 6.5}}));
        break;
    case Glyph::Send:
        p.addPath(polyline({{3, 11}, {21, 3}, {14, 21}, {11, 13}}, true));
        p.addPath(polyline({{11, 13}, {21, 3}}));
        break;
    case Glyph::Folder:
        p.addPath(polyline({{3, 6}, {3, 19}, {21, 19}, {21, 8}, {11.5, 8}, {9.5, 5}, {3, 5}}, true));
        break;
    case Glyph::Heart: // a pulse line
        p.addPath(polyline({{2.5, 12.5}, {7, 12.5}, {9.5, 6}, {13.5, 19}, {16, 12.5}, {21.5, 12.5}}));
        break;
    case Glyph::Check:
        p.addPath(polyline({{5, 12.5}, {10, 17.5}, {19, 7}}));
        break;
    case Glyph::Shield:
    case Glyph::App:
        p.addPath(shieldPath());
        break;
    }
    return p;
}

void GlyphIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const double side = qMin(rect.width(), rect.height());
    painter->translate(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0);
    painter->scale(side / kGrid, side / kGrid);
    QColor color = m_color;
    if (mode == QIcon::Disabled) color.setAlphaF(0.4f);

    if (m_glyph == Glyph::App || m_glyph == Glyph::Shield) {
        const QPainterPath shield = shieldPath();
        const QColor fill = m_accent.isValid() ? m_accent : color;
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_glyph == Glyph::App ? QColor(0x1e, 0x40, 0xaf) : fill);
        painter->drawPath(shield);
        painter->setBrush(Qt::NoBrush);
        QPen pulse(m_glyph == Glyph::App ? QColor(0x10, 0xb9, 0x81) : QColor(Qt::white), 2.0, Qt::SolidLine,
                   Qt::RoundCap, Qt::RoundJoin);
        painter->setPen(pulse);
        painter->drawPath(polyline({{6.5, 12.5}, {9, 12.5}, {10.5, 9}, {13, 16}, {14.5, 12}, {17.5, 12}}));
        if (m_glyph == Glyph::App) {
            painter->setPen(QPen(QColor(0x60, 0xa5, 0xfa), 1.4));
            painter->drawPath(shield);
        }
        painter->restore();
        return;
    }

    QPen pen(color, kStroke, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    const bool filled = m_glyph == Glyph::Play || m_glyph == Glyph::Stop || m_glyph == Glyph::Pause;
    if (filled) painter->setBrush(color);
    painter->drawPath(path(m_glyph));
    painter->restore();
}

QPixmap GlyphIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    return scaledPixmap(size, mode, state, 1.0);
}

QPixmap GlyphIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale)
{
    QPixmap pm(size * scale);
    pm.fill(Qt::transparent);
    pm.setDevicePixelRatio(scale);
    QPainter painter(&pm);
    paint(&painter, QRect(QPoint(0, 0), size), mode, state);
    return pm;
}

QIconEngine *GlyphIconEngine::clone() const
{
    return new GlyphIconEngine(m_glyph, m_color, m_accent);
}

QString GlyphIconEngine::key() const
{
    return QStringLiteral("airm-glyph");
}

QIcon GlyphIconEngine::icon(Glyph glyph, const QColor &color, const QColor &accent)
{
    return QIcon(new GlyphIconEngine(glyph, color, accent));
}

} // namespace airm::ui
