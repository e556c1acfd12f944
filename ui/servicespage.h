// Services and their breakers: the list of services on the left; for the selected one its configuration
// and key status, a "send request" form, the breaker panel (state, rates, overrides, transitions) and the
// breaker configuration with presets. "Check health" and "Reset all breakers" act on every service.
// GUI thread.
#pragma once

#include "page.h"

#include "model/serviceconfig.h"

class QLabel;
class QListWidget;
class QPushButton;

namespace airm::ui {

class BreakerConfigEditor;
class BreakerPanel;
class Card;
class SendRequestPanel;

class ServicesPage : public Page
{
    Q_OBJECT
public:
    explicit ServicesPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Services; }

    void selectService(const QString &service);
    QString currentService() const { return m_service; }
    BreakerPanel *breakerPanel() const { return m_breaker; }
    SendRequestPanel *sendPanel() const { return m_send; }
    BreakerConfigEditor *configEditor() const { return m_editor; }
    QPushButton *resetAllButton() const { return m_resetAll; }

protected:
    void onActivated() override;
    void applyTheme(const Theme &theme) override;

private:
    void refreshList();
    void refreshDetail();
    void loadConfig();
    void showConfig(const ServiceConfig &config);

    QString m_service;
    QListWidget *m_list;
    Card *m_configCard;
    QLabel *m_configText;
    Card *m_breakerCard;
    BreakerPanel *m_breaker;
    SendRequestPanel *m_send;
    BreakerConfigEditor *m_editor;
    QPushButton *m_resetAll;
    QPushButton *m_checkHealth;
};

} // namespace airm::ui
