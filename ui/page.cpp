#include "page.h"

#include "thememanager.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace airm::ui {

Page::Page(const UiContext &context, const QString &title, const QString &subtitle, bool scrollable,
           QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_title(title)
    , m_subtitle(new QLabel(subtitle))
    , m_actions(new QHBoxLayout)
    , m_content(new QVBoxLayout)
{
    setObjectName(QStringLiteral("page"));
    setAttribute(Qt::WA_StyledBackground);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(24, 18, 24, 10);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    auto *titleLabel = new QLabel(title);
    titleLabel->setObjectName(QStringLiteral("pageTitle"));
    m_subtitle->setObjectName(QStringLiteral("pageSubtitle"));
    m_subtitle->setWordWrap(true);
    titles->addWidget(titleLabel);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    m_actions->setSpacing(8);
    header->addLayout(m_actions);
    outer->addLayout(header);

    m_content->setContentsMargins(24, 6, 24, 20);
    m_content->setSpacing(14);
    if (scrollable) {
        auto *scroll = new QScrollArea;
        scroll->setObjectName(QStringLiteral("pageScroll"));
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        auto *inner = new QWidget;
        inner->setObjectName(QStringLiteral("pageScrollContents"));
        inner->setLayout(m_content);
        scroll->setWidget(inner);
        outer->addWidget(scroll, 1);
    } else {
        outer->addLayout(m_content, 1);
    }

    if (m_context.theme) {
        connect(m_context.theme, &ThemeManager::themeChanged, this,
                [this](const Theme &t) { applyTheme(t); });
        // Subclasses build their widgets after this constructor; theme them once they exist.
        QTimer::singleShot(0, this, [this] { applyTheme(theme()); });
    }
}

const Theme &Page::theme() const
{
    static const Theme fallback = Theme::dark();
    return m_context.theme ? m_context.theme->theme() : fallback;
}

void Page::setActive(bool active)
{
    if (active == m_active) return;
    m_active = active;
    if (active) onActivated();
}

void Page::setSubtitle(const QString &subtitle)
{
    m_subtitle->setText(subtitle);
}

QSplitter *Page::addSplitter(Qt::Orientation orientation, const QString &name)
{
    auto *splitter = new QSplitter(orientation);
    splitter->setObjectName(name);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(10);
    m_splitters.append(splitter);
    return splitter;
}

} // namespace airm::ui
