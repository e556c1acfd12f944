#include "statcard.h"

#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace airm::ui {

StatCard::StatCard(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title.toUpper()))
    , m_value(new QLabel(QStringLiteral("–")))
    , m_subtitle(new QLabel)
    , m_detail(new QLabel)
{
    setObjectName(QStringLiteral("card"));
    setAttribute(Qt::WA_StyledBackground);
    m_title->setObjectName(QStringLiteral("cardTitle"));
    m_value->setObjectName(QStringLiteral("cardValue"));
    m_subtitle->setObjectName(QStringLiteral("cardSubtitle"));
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setWordWrap(true);
    m_title->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 14, 12);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_subtitle);
    m_detail->setObjectName(QStringLiteral("hint"));
    m_detail->setWordWrap(true);
    m_detail->hide();
    layout->addSpacing(4);
    layout->addWidget(m_detail);
    layout->addStretch(1);
    setMinimumWidth(140);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void StatCard::setValue(const QString &value, const QColor &color)
{
    m_value->setText(value);
    m_value->setStyleSheet(color.isValid() ? QStringLiteral("color: %1;").arg(color.name()) : QString());
}

void StatCard::setSubtitle(const QString &subtitle, const QColor &color)
{
    m_subtitle->setText(subtitle);
    m_subtitle->setStyleSheet(color.isValid() ? QStringLiteral("color: %1;").arg(color.name()) : QString());
    if (m_accent != color) {
        m_accent = color;
        update();
    }
}

void StatCard::setDetail(const QString &detail)
{
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

QString StatCard::value() const
{
    return m_value->text();
}

QString StatCard::subtitle() const
{
    return m_subtitle->text();
}

void StatCard::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (!m_accent.isValid()) return;
    // A thin accent along the left edge repeats the verdict's colour, readable at a glance across the room.
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath clip;
    clip.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10);
    p.setClipPath(clip);
    p.fillRect(QRectF(0, 0, 4, height()), m_accent);
}

} // namespace airm::ui
