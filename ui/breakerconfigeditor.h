// Edits one service's breaker configuration: a preset (seed, resilience4j, hystrix, polly) fills the fields,
// any field can be changed (the preset becomes "custom"), Apply sends it to the engine, which validates it
// and answers with the field at fault. GUI thread.
#pragma once

#include "resilience/breakerconfig.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace airm {
class EngineHost;
}

namespace airm::ui {

class BreakerConfigEditor : public QWidget
{
    Q_OBJECT
public:
    explicit BreakerConfigEditor(EngineHost *host, QWidget *parent = nullptr);

    void setService(const QString &service); // loads the service's current configuration
    BreakerConfig config() const;            // what the fields say
    void setConfig(const BreakerConfig &config);
    QComboBox *presetBox() const { return m_preset; }
    QPushButton *applyButton() const { return m_apply; }

signals:
    void applied(const QString &service);

private:
    void applyPreset(const QString &name);
    void markCustom();
    void apply();
    void setStatus(const QString &text, const QString &style);

    EngineHost *m_host;
    QString m_service;
    bool m_loading = false;
    QSet<ErrorClass> m_recordedErrors;
    QComboBox *m_preset;
    QSpinBox *m_consecutive;
    QDoubleSpinBox *m_failureRate;
    QDoubleSpinBox *m_slowRate;
    QSpinBox *m_slowMs;
    QComboBox *m_windowType;
    QSpinBox *m_windowSize;
    QSpinBox *m_minimumCalls;
    QSpinBox *m_openWaitS;
    QDoubleSpinBox *m_backoff;
    QSpinBox *m_maxOpenWaitS;
    QSpinBox *m_halfOpenCalls;
    QSpinBox *m_halfOpenSuccesses;
    QPushButton *m_apply;
    QLabel *m_status;
};

} // namespace airm::ui
