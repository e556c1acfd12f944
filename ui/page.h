// Base of the main window's pages: a header (title, subtitle, actions on the right) over the content, which
// scrolls when the page asks for it. Pages refresh only while active (visible), and once when they become
// active, so a hidden page costs nothing at a thousand requests a second. GUI thread.
#pragma once

#include "glyphiconengine.h"
#include "theme.h"
#include "uicontext.h"

#include <QList>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QSplitter;
class QVBoxLayout;

namespace airm::ui {

class Page : public QWidget
{
    Q_OBJECT
public:
    Page(const UiContext &context, const QString &title, const QString &subtitle, bool scrollable,
         QWidget *parent = nullptr);

    QString title() const { return m_title; }
    virtual GlyphIconEngine::Glyph glyph() const = 0;

    void setActive(bool active);
    bool isActive() const { return m_active; }
    // Splitters whose positions persist (saved by the main window under their objectName).
    const QList<QSplitter *> &splitters() const { return m_splitters; }

protected:
    const UiContext &context() const { return m_context; }
    const Theme &theme() const;
    QVBoxLayout *content() const { return m_content; }
    QHBoxLayout *headerActions() const { return m_actions; }
    void setSubtitle(const QString &subtitle);
    QSplitter *addSplitter(Qt::Orientation orientation, const QString &name);

    // Called when the page becomes visible; refresh what was skipped while hidden.
    virtual void onActivated() {}
    virtual void applyTheme(const Theme &) {}

private:
    UiContext m_context;
    QString m_title;
    QLabel *m_subtitle;
    QHBoxLayout *m_actions;
    QVBoxLayout *m_content;
    QList<QSplitter *> m_splitters;
    bool m_active = false;
};

} // namespace airm::ui
