// Chaos engineering: the experiment form on the left; on the right the running experiments with a live
// countdown, requests touched, failures caused and a Stop per row, and below them the experiments that
// ended (this run's and, when there is a database, earlier ones). GUI thread.
#pragma once

#include "chaosimpact.h"
#include "page.h"

#include "model/chaosspec.h"
#include "model/requestrecord.h"
#include "storage/storagerecords.h"

#include <QHash>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace airm::ui {

class ActiveChaosModel;
class ButtonDelegate;
class ChaosForm;
class ChaosHistoryModel;

class ChaosPage : public Page
{
    Q_OBJECT
public:
    explicit ChaosPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Chaos; }

    ChaosForm *form() const { return m_form; }
    ActiveChaosModel *activeModel() const { return m_activeModel; }
    ChaosHistoryModel *historyModel() const { return m_historyModel; }
    QTableView *activeView() const { return m_activeView; }
    QPushButton *stopAllButton() const { return m_stopAll; }
    void stopExperiment(const QString &id);

protected:
    void onActivated() override;
    void applyTheme(const Theme &theme) override;

private:
    void inject(const ChaosSpec &spec);
    void refreshActive();
    void refreshHistory();
    void countRecords(const QList<RequestRecord> &records);

    ChaosForm *m_form;
    ActiveChaosModel *m_activeModel;
    ChaosHistoryModel *m_historyModel;
    ButtonDelegate *m_stopDelegate;
    QTableView *m_activeView;
    QTableView *m_historyView;
    QLabel *m_activeEmpty;
    QPushButton *m_stopAll;
    QTimer *m_countdown;
    QHash<QString, ChaosImpact> m_impact;
    QList<ChaosRecord> m_storedHistory;
    quint64 m_historyTicket = 0;
};

} // namespace airm::ui
