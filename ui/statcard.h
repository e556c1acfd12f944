// A headline figure: small caps title, a large value, and a subtitle whose colour carries the verdict
// (excellent / good / degraded). GUI thread.
#pragma once

#include <QColor>
#include <QFrame>

class QLabel;

namespace airm::ui {

class StatCard : public QFrame
{
    Q_OBJECT
public:
    explicit StatCard(const QString &title, QWidget *parent = nullptr);

    void setValue(const QString &value, const QColor &color = {});
    void setSubtitle(const QString &subtitle, const QColor &color = {});
    // A small explanatory line under the subtitle (hidden while empty).
    void setDetail(const QString &detail);
    QString value() const;
    QString subtitle() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_subtitle;
    QLabel *m_detail;
    QColor m_accent;
};

} // namespace airm::ui
