#include "chaospage.h"

#include "activechaosmodel.h"
#include "buttondelegate.h"
#include "card.h"
#include "chaosform.h"
#include "chaoshistorymodel.h"
#include "enginequery.h"
#include "historysource.h"
#include "livestate.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

constexpr int kCountdownMs = 1000;
constexpr int kStoredHistoryLimit = 200;
constexpr qint64 kStoredHistoryDays = 30;

QTableView *makeTable(QAbstractItemModel *model, const QString &name)
{
    auto *view = new QTableView;
    view->setModel(model);
    view->setAccessibleName(name);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(30);
    view->horizontalHeader()->setHighlightSections(false);
    view->setMouseTracking(true);
    view->setWordWrap(false);
    return view;
}

ChaosRecord toRecord(const ChaosWindow &w)
{
    ChaosRecord r;
    r.id = w.chaos.id;
    r.type = w.chaos.type;
    r.targets = w.chaos.targets;
    r.params = w.chaos.spec;
    r.startedMs = w.chaos.startedAtMs;
    r.endsMs = w.chaos.endsAtMs;
    r.endedMs = w.endedAtMs;
    r.status = w.active() ? QStringLiteral("active") : w.endReason;
    r.touched = w.chaos.touched;
    return r;
}

} // namespace

ChaosPage::ChaosPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Chaos"), tr("Inject faults into services and watch the breakers react"), false, parent)
    , m_form(new ChaosForm)
    , m_activeModel(new ActiveChaosModel(this))
    , m_historyModel(new ChaosHistoryModel(this))
    , m_stopDelegate(new ButtonDelegate(this))
    , m_activeView(makeTable(m_activeModel, tr("Active experiments")))
    , m_historyView(makeTable(m_historyModel, tr("Experiment history")))
    , m_activeEmpty(new QLabel(tr("No chaos experiment is running. Choose targets and a type, then Inject.")))
    , m_stopAll(new QPushButton(tr("Stop all")))
    , m_countdown(new QTimer(this))
{
    m_stopAll->setProperty("role", QStringLiteral("danger"));
    m_stopAll->setToolTip(tr("Stop every running experiment (Ctrl+Shift+X)"));
    headerActions()->addWidget(m_stopAll);

    m_activeModel->setImpact(&m_impact);
    m_historyModel->setImpact(&m_impact);

    auto *formCard = new Card(tr("New experiment"));
    formCard->body()->addWidget(m_form);
    formCard->setMinimumWidth(340);
    formCard->setMaximumWidth(480);

    auto *activeCard = new Card(tr("Active experiments"));
    activeCard->setHint(
        tr("Counting down live. Touched: requests the experiment changed; failures caused: those "
           "of them that did not succeed."));
    m_activeView->setItemDelegateForColumn(ActiveChaosModel::Stop, m_stopDelegate);
    QHeaderView *activeHeader = m_activeView->horizontalHeader();
    activeHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    activeHeader->setSectionResizeMode(ActiveChaosModel::Parameters, QHeaderView::Stretch);
    m_activeView->setMinimumHeight(150);
    m_activeEmpty->setObjectName(QStringLiteral("emptyState"));
    m_activeEmpty->setAlignment(Qt::AlignCenter);
    m_activeEmpty->setWordWrap(true);
    activeCard->body()->addWidget(m_activeEmpty);
    activeCard->body()->addWidget(m_activeView);

    auto *historyCard = new Card(tr("History"));
    historyCard->setHint(ctx.history
                             ? tr("Experiments that ended, newest first, from this run and the database.")
                             : tr("Experiments that ended in this run, newest first."));
    QHeaderView *historyHeader = m_historyView->horizontalHeader();
    historyHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    historyHeader->setSectionResizeMode(ChaosHistoryModel::Parameters, QHeaderView::Stretch);
    historyCard->body()->addWidget(m_historyView);

    QSplitter *right = addSplitter(Qt::Vertical, QStringLiteral("chaosRight"));
    right->addWidget(activeCard);
    right->addWidget(historyCard);
    right->setSizes({300, 400});
    QSplitter *split = addSplitter(Qt::Horizontal, QStringLiteral("chaosSplit"));
    split->addWidget(formCard);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    content()->addWidget(split, 1);

    connect(m_form, &ChaosForm::injectRequested, this, &ChaosPage::inject);
    connect(m_stopAll, &QPushButton::clicked, this, [this] {
        context().host->post([](RequestEngine &e) { e.stopAllChaos(); });
        context().live->refreshSoon();
    });
    connect(m_stopDelegate, &ButtonDelegate::clicked, this,
            [this](const QModelIndex &index) { stopExperiment(m_activeModel->experimentId(index.row())); });
    auto *stopSelected = new QShortcut(QKeySequence::Delete, m_activeView);
    stopSelected->setContext(Qt::WidgetShortcut);
    connect(stopSelected, &QShortcut::activated, this, [this] {
        const QModelIndex current = m_activeView->currentIndex();
        if (current.isValid()) stopExperiment(m_activeModel->experimentId(current.row()));
    });

    m_countdown->setInterval(kCountdownMs);
    connect(m_countdown, &QTimer::timeout, this, [this] {
        if (isActive()) m_activeModel->tick(QDateTime::currentMSecsSinceEpoch());
    });
    m_countdown->start();
    connect(ctx.live, &LiveState::snapshotChanged, this, [this] {
        if (isActive()) refreshActive();
    });
    connect(ctx.live, &LiveState::chaosChanged, this, [this] {
        refreshActive();
        if (isActive()) refreshHistory();
    });
    connect(ctx.live, &LiveState::recordsArrived, this, &ChaosPage::countRecords);
    if (ctx.history)
        connect(ctx.history, &HistorySource::chaosHistoryReady, this,
                [this](quint64 ticket, const QList<ChaosRecord> &records) {
                    if (ticket != m_historyTicket) return;
                    m_storedHistory = records;
                    refreshHistory();
                });
    m_form->setServices(ctx.live->serviceNames());
    refreshActive();
}

void ChaosPage::onActivated()
{
    m_form->setServices(context().live->serviceNames());
    refreshActive();
    refreshHistory();
    if (context().history) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_historyTicket = context().history->requestChaosHistory(now - kStoredHistoryDays * 86'400'000, now,
                                                                 kStoredHistoryLimit);
    }
}

void ChaosPage::applyTheme(const Theme &t)
{
    m_stopDelegate->setTheme(t);
    m_activeModel->setTheme(t);
    m_historyModel->setTheme(t);
}

void ChaosPage::inject(const ChaosSpec &spec)
{
    m_form->injectButton()->setEnabled(false);
    queryEngine(
        context().host, this,
        [spec](RequestEngine &e) {
            QString error;
            const QString id = e.injectChaos(spec, &error);
            return std::pair{id, error};
        },
        [this](const std::pair<QString, QString> &result) {
            m_form->injectButton()->setEnabled(m_form->validationMessage().isEmpty());
            if (result.second.isEmpty())
                m_form->setStatus(tr("Started %1.").arg(result.first), false);
            else
                m_form->setStatus(result.second, true);
            context().live->refreshSoon();
        });
}

void ChaosPage::stopExperiment(const QString &id)
{
    if (id.isEmpty()) return;
    context().host->post([id](RequestEngine &e) { e.stopChaos(id); });
    context().live->refreshSoon();
}

void ChaosPage::refreshActive()
{
    const MetricsSnapshot &snap = context().live->snapshot();
    m_activeModel->setExperiments(snap.activeChaos);
    m_activeModel->tick(QDateTime::currentMSecsSinceEpoch());
    const bool empty = snap.activeChaos.isEmpty();
    m_activeEmpty->setVisible(empty);
    m_activeView->setVisible(!empty);
    m_stopAll->setEnabled(!empty);
}

void ChaosPage::refreshHistory()
{
    QList<ChaosRecord> records = m_storedHistory;
    for (const ChaosWindow &w : context().live->chaosWindows())
        if (!w.active()) records.append(toRecord(w));
    records.erase(
        std::remove_if(records.begin(), records.end(), [](const ChaosRecord &r) { return r.endedMs == 0; }),
        records.end());
    m_historyModel->setRecords(records);
}

void ChaosPage::countRecords(const QList<RequestRecord> &records)
{
    for (const RequestRecord &r : records) {
        for (const QString &id : r.chaosIds) {
            ChaosImpact &impact = m_impact[id];
            ++impact.requests;
            if (r.outcome != Outcome::Success) ++impact.failures;
        }
    }
}

} // namespace airm::ui
