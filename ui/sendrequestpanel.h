// "Send request": a prompt box and a Send button for one service; shows the answer with its outcome,
// latency, tokens, HTTP status, attempts and error. The request goes through the engine like any other
// (breaker, chaos, metrics, history). GUI thread.
#pragma once

#include "theme.h"

#include "model/requestrecord.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace airm::ui {

class LiveState;

class SendRequestPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SendRequestPanel(LiveState *live, QWidget *parent = nullptr);

    void setService(const QString &service);
    void setTheme(const Theme &theme);
    QPlainTextEdit *promptEdit() const { return m_prompt; }
    QPushButton *sendButton() const { return m_send; }
    QString outcomeText() const;

signals:
    void finished(const airm::RequestRecord &record);

private:
    void send();
    void show(const RequestRecord &record);

    LiveState *m_live;
    QString m_service;
    Theme m_theme = Theme::dark();
    QPlainTextEdit *m_prompt;
    QPushButton *m_send;
    QLabel *m_status;
    QLabel *m_outcome;
    QLabel *m_latency;
    QLabel *m_tokens;
    QLabel *m_http;
    QLabel *m_attempts;
    QLabel *m_error;
    QPlainTextEdit *m_response;
    quint64 m_waitingId = 0;
    bool m_waiting = false;
};

} // namespace airm::ui
