// Asks which time window File > Export report covers: the last hour, everything since the engine started
// (or its metrics were last reset), or a custom from-to. The report itself is built by the main window.
// GUI thread.
#pragma once

#include <QDialog>

class QDateTimeEdit;
class QLabel;
class QRadioButton;

namespace airm::ui {

class ReportExportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ReportExportDialog(QWidget *parent = nullptr);

    // Wall-clock milliseconds; 0 = the engine's start (from) or now (to).
    qint64 fromMs() const;
    qint64 toMs() const;

    QRadioButton *lastHourButton() const { return m_lastHour; }
    QRadioButton *sinceStartButton() const { return m_sinceStart; }
    QRadioButton *customButton() const { return m_custom; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }

private:
    void updateFields();

    QRadioButton *m_lastHour;
    QRadioButton *m_sinceStart;
    QRadioButton *m_custom;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLabel *m_error;
};

} // namespace airm::ui
