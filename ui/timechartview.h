// A chart over a real time axis (QDateTimeAxis) that also shows what happened: chaos experiments as shaded
// bands and breaker transitions as marked lines, so cause and effect are on one screen. Subclasses own the
// series and update them with replace(); this class owns the axes, the theme and the annotations. GUI thread.
#pragma once

#include "theme.h"

#include <QColor>
#include <QList>
#include <QtCharts/QChartView>

class QDateTimeAxis;
class QValueAxis;

namespace airm::ui {

class TimeChartView : public QChartView
{
    Q_OBJECT
public:
    struct Band
    {
        qint64 fromMs = 0;
        qint64 toMs = 0;
        QString label;
        QColor color;
    };
    struct Mark
    {
        qint64 atMs = 0;
        QString label;
        QColor color;
    };

    explicit TimeChartView(QWidget *parent = nullptr);

    QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }

    void setTimeRange(qint64 fromMs, qint64 toMs, const QString &format);
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }
    // Sets the value axis to [0, a round number above maxValue].
    void setValueCeiling(double maxValue);
    void setBands(const QList<Band> &bands);
    void setMarks(const QList<Mark> &marks);
    const QList<Band> &bands() const { return m_bands; }
    const QList<Mark> &marks() const { return m_marks; }
    // Shown across the plot while there is nothing to draw.
    void setEmptyText(const QString &text);
    void setHasData(bool hasData);
    bool hasData() const { return m_hasData; }

    virtual void applyTheme(const Theme &theme);
    // Width of the plot area in pixels: the number of points worth drawing.
    int plotPixelWidth() const;

    static double niceCeiling(double value);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void attach(QAbstractSeries *series);
    const Theme &theme() const { return m_theme; }

private:
    double xForTime(qint64 ms, const QRectF &plot) const;

    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 1;
    QList<Band> m_bands;
    QList<Mark> m_marks;
    QString m_emptyText;
    bool m_hasData = false;
    Theme m_theme = Theme::dark();
};

} // namespace airm::ui
