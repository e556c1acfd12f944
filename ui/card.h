// A rounded panel with an optional title row (title, hint, widgets on the right) and a body: the building
// block of every page, styled by the theme (QFrame#card). GUI thread.
#pragma once

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QVBoxLayout;

namespace airm::ui {

class Card : public QFrame
{
    Q_OBJECT
public:
    explicit Card(const QString &title = {}, QWidget *parent = nullptr);

    QVBoxLayout *body() const { return m_body; }
    void setTitle(const QString &title);
    void setHint(const QString &hint);
    void addHeaderWidget(QWidget *widget);
    // Sets a dynamic property and re-polishes, so style-sheet rules on it (chaos="true") apply at once.
    void setStyleProperty(const char *name, const QVariant &value);

private:
    QLabel *m_title;
    QLabel *m_hint;
    QHBoxLayout *m_header;
    QVBoxLayout *m_body;
};

// Re-polishes a widget after a dynamic property used by the style sheet changed.
void repolish(QWidget *widget);

} // namespace airm::ui
