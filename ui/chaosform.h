// The chaos experiment form: targets (one, several or all services), the type with its own fields, units,
// ranges and help, injection rate and duration. The spec it describes is checked with ChaosSpec::validate()
// as the user types, and Inject stays disabled while it is invalid. GUI thread.
#pragma once

#include "model/chaosspec.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace airm::ui {

class ChaosForm : public QWidget
{
    Q_OBJECT
public:
    explicit ChaosForm(QWidget *parent = nullptr);

    void setServices(const QStringList &services);
    ChaosSpec spec() const;
    // Empty when the form describes a valid experiment; otherwise what to fix.
    QString validationMessage() const;
    void setStatus(const QString &text, bool error);

    QComboBox *typeBox() const { return m_type; }
    QCheckBox *allTargetsBox() const { return m_all; }
    QCheckBox *targetBox(const QString &service) const { return m_targets.value(service); }
    QSpinBox *latencyBox() const { return m_latency; }
    QSpinBox *durationBox() const { return m_duration; }
    QDoubleSpinBox *probabilityBox() const { return m_probability; }
    QDoubleSpinBox *injectionBox() const { return m_injection; }
    QPushButton *injectButton() const { return m_inject; }
    QLabel *validationLabel() const { return m_validation; }

signals:
    void injectRequested(const airm::ChaosSpec &spec);

private:
    void updateFields();
    void validate();

    QComboBox *m_type;
    QLabel *m_help;
    QCheckBox *m_all;
    QWidget *m_targetBox;
    QMap<QString, QCheckBox *> m_targets;
    QStringList m_order;
    QFormLayout *m_form;
    QSpinBox *m_latency;
    QSpinBox *m_jitter;
    QDoubleSpinBox *m_probability;
    QSpinBox *m_status;
    QSpinBox *m_failSeconds;
    QSpinBox *m_healthySeconds;
    QComboBox *m_corruption;
    QSpinBox *m_retryAfter;
    QDoubleSpinBox *m_injection;
    QSpinBox *m_duration;
    QLabel *m_validation;
    QLabel *m_result;
    QPushButton *m_inject;
};

} // namespace airm::ui
