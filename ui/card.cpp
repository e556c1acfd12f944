#include "card.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>
#include <QVariant>

namespace airm::ui {

void repolish(QWidget *widget)
{
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
    widget->update();
}

Card::Card(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title))
    , m_hint(new QLabel)
    , m_header(new QHBoxLayout)
    , m_body(new QVBoxLayout)
{
    setObjectName(QStringLiteral("card"));
    setAttribute(Qt::WA_StyledBackground);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(16, 14, 16, 16);
    outer->setSpacing(10);

    m_title->setObjectName(QStringLiteral("sectionTitle"));
    m_hint->setObjectName(QStringLiteral("sectionHint"));
    m_hint->setWordWrap(true);
    m_hint->hide();
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(m_title);
    titles->addWidget(m_hint);
    m_header->addLayout(titles, 1);
    m_header->setSpacing(8);
    outer->addLayout(m_header);
    if (title.isEmpty()) m_title->hide();

    m_body->setSpacing(10);
    m_body->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_body, 1);
}

void Card::setTitle(const QString &title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
}

void Card::setHint(const QString &hint)
{
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

void Card::addHeaderWidget(QWidget *widget)
{
    m_header->addWidget(widget, 0, Qt::AlignTop);
}

void Card::setStyleProperty(const char *name, const QVariant &value)
{
    if (property(name) == value) return;
    setProperty(name, value);
    repolish(this);
}

} // namespace airm::ui
