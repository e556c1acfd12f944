#include "servicespage.h"

#include "breakerbadge.h"
#include "breakerconfigeditor.h"
#include "breakerpanel.h"
#include "card.h"
#include "enginequery.h"
#include "labels.h"
#include "livestate.h"
#include "sendrequestpanel.h"
#include "thememanager.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace airm::ui {
namespace {

QIcon stateDot(const QColor &color)
{
    QPixmap pm(24, 24);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QPointF(12, 12), 6, 6);
    return QIcon(pm);
}

} // namespace

ServicesPage::ServicesPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Services"), tr("Configuration, manual requests and the circuit breaker of each service"),
           false, parent)
    , m_list(new QListWidget)
    , m_configCard(new Card(tr("Configuration")))
    , m_configText(new QLabel)
    , m_breakerCard(new Card(tr("Circuit breaker")))
    , m_breaker(new BreakerPanel(ctx.host))
    , m_send(new SendRequestPanel(ctx.live))
    , m_editor(new BreakerConfigEditor(ctx.host))
    , m_resetAll(new QPushButton(tr("Reset all breakers")))
    , m_checkHealth(new QPushButton(tr("Check health")))
{
    m_checkHealth->setToolTip(
        tr("Probe every service now (real services with their keys; simulated ones report "
           "that they are simulated)"));
    m_resetAll->setToolTip(tr("Close every breaker and clear its counters (Ctrl+Shift+R)"));
    headerActions()->addWidget(m_checkHealth);
    headerActions()->addWidget(m_resetAll);

    m_list->setObjectName(QStringLiteral("serviceList"));
    m_list->setMinimumWidth(180);
    m_list->setMaximumWidth(280);
    m_list->setIconSize(QSize(14, 14));
    m_list->setAccessibleName(tr("Services"));

    auto *detail = new QWidget;
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 6, 0);
    detailLayout->setSpacing(14);

    m_configText->setTextFormat(Qt::RichText);
    m_configText->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_configText->setWordWrap(true);
    m_configText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_configCard->body()->addWidget(m_configText);
    m_configCard->body()->addStretch(1);

    auto *sendCard = new Card(tr("Send request"));
    sendCard->setHint(tr("Goes through the breaker, chaos and metrics like every other request."));
    sendCard->body()->addWidget(m_send);

    auto *top = new QHBoxLayout;
    top->setSpacing(14);
    top->addWidget(m_configCard, 2);
    top->addWidget(sendCard, 3);
    detailLayout->addLayout(top);

    m_breakerCard->body()->addWidget(m_breaker);
    detailLayout->addWidget(m_breakerCard);

    auto *editorCard = new Card(tr("Breaker configuration"));
    editorCard->setHint(
        tr("Trip rules, waits and probes. The engine checks every value and names the one at fault."));
    editorCard->body()->addWidget(m_editor);
    detailLayout->addWidget(editorCard);
    detailLayout->addStretch(1);

    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("pageScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    detail->setObjectName(QStringLiteral("pageScrollContents"));
    scroll->setWidget(detail);

    QSplitter *split = addSplitter(Qt::Horizontal, QStringLiteral("servicesSplit"));
    split->addWidget(m_list);
    split->addWidget(scroll);
    split->setStretchFactor(1, 1);
    split->setSizes({200, 1000});
    content()->addWidget(split, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0) return;
        const QString service = m_list->item(row)->data(Qt::UserRole).toString();
        if (service == m_service) return;
        m_service = service;
        m_breaker->setService(service);
        m_send->setService(service);
        m_editor->setService(service);
        loadConfig();
        refreshDetail();
    });
    connect(m_resetAll, &QPushButton::clicked, this, [this] {
        context().host->post([](RequestEngine &e) { e.resetBreaker(QStringLiteral("all")); });
        context().live->refreshSoon();
    });
    connect(m_checkHealth, &QPushButton::clicked, this,
            [this] { context().host->post([](RequestEngine &e) { e.checkHealth(); }); });
    connect(m_breaker, &BreakerPanel::actionRequested, ctx.live, &LiveState::refreshSoon);
    connect(ctx.live, &LiveState::snapshotChanged, this, [this] {
        if (isActive()) {
            refreshList();
            refreshDetail();
        }
    });
    connect(ctx.live, &LiveState::breakerTransitioned, this, [this] {
        if (isActive()) refreshDetail();
    });
    refreshList();
}

void ServicesPage::selectService(const QString &service)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == service) m_list->setCurrentRow(i);
}

void ServicesPage::onActivated()
{
    refreshList();
    loadConfig();
    refreshDetail();
}

void ServicesPage::applyTheme(const Theme &t)
{
    m_breaker->setTheme(t);
    m_send->setTheme(t);
    refreshList();
}

void ServicesPage::refreshList()
{
    const MetricsSnapshot &snap = context().live->snapshot();
    bool rebuilt = false;
    if (m_list->count() != snap.services.size()) {
        m_list->clear();
        for (const ServiceMetrics &m : snap.services) {
            auto *item = new QListWidgetItem(m.name);
            item->setData(Qt::UserRole, m.name);
            m_list->addItem(item);
        }
        rebuilt = true;
    }
    for (int i = 0; i < snap.services.size(); ++i) {
        const ServiceMetrics &m = snap.services.at(i);
        QListWidgetItem *item = m_list->item(i);
        item->setIcon(stateDot(theme().breakerColor(m.breaker.state)));
        item->setToolTip(
            tr("%1 · breaker %2").arg(Labels::providerKind(m.kind), BreakerBadge::label(m.breaker.state)));
    }
    if (rebuilt && m_list->count() > 0 && m_list->currentRow() < 0) m_list->setCurrentRow(0);
}

void ServicesPage::refreshDetail()
{
    if (m_service.isEmpty()) return;
    const MetricsSnapshot &snap = context().live->snapshot();
    const ServiceMetrics *m = snap.service(m_service);
    if (!m) return;
    QList<BreakerTransition> transitions;
    for (const BreakerTransition &t : context().live->transitions())
        if (t.service == m_service) transitions.append(t);
    m_breakerCard->setTitle(tr("Circuit breaker · %1").arg(m_service));
    m_breaker->update(*m, transitions, QDateTime::currentMSecsSinceEpoch());
}

void ServicesPage::loadConfig()
{
    if (m_service.isEmpty()) return;
    const QString service = m_service;
    queryEngine(
        context().host, this,
        [service](RequestEngine &e) {
            const ServiceConfig *c = e.serviceConfig(service);
            return c ? *c : ServiceConfig{};
        },
        [this, service](const ServiceConfig &c) {
            if (service == m_service && !c.name.isEmpty()) showConfig(c);
        });
}

void ServicesPage::showConfig(const ServiceConfig &c)
{
    const Theme &t = theme();
    QString keyStatus;
    if (!c.requiresKey) {
        keyStatus = tr("<span style='color:%1'>not required</span>").arg(t.textMuted.name());
    } else if (!c.apiKey.isEmpty()) {
        const QString source = c.keySource.startsWith(QLatin1String("env:"))
                                   ? tr("from the environment (%1)").arg(c.keySource.mid(4))
                               : c.keySource == QLatin1String("config")
                                   ? tr("from the configuration file")
                                   : tr("entered in Settings (memory only)");
        keyStatus = tr("<span style='color:%1'>set</span> %2").arg(t.success.name(), source.toHtmlEscaped());
    } else {
        keyStatus = tr("<span style='color:%1'>missing</span>: set %2 or enter one in Settings")
                        .arg(t.warning.name(), c.keyEnv.join(tr(" or ")).toHtmlEscaped());
    }
    const QString mode = c.simulated()
                             ? tr("<span style='color:%1'>Simulated</span>: %2–%3 ms, %4 % failures")
                                   .arg(t.info.name())
                                   .arg(c.simulation.latencyMinMs)
                                   .arg(c.simulation.latencyMaxMs)
                                   .arg(c.simulation.failurePct)
                             : tr("<span style='color:%1'>Real API</span>").arg(t.success.name());
    auto row = [&t](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td style='color:%1; padding:3px 14px 3px 0'>%2</td><td "
                              "style='padding:3px 0'>%3</td></tr>")
            .arg(t.textMuted.name(), name.toHtmlEscaped(), value);
    };
    QString html = QStringLiteral("<table>");
    html +=
        row(tr("Provider"),
            Labels::providerKind(c.kind).toHtmlEscaped() +
                (c.variant.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(c.variant.toHtmlEscaped())));
    html += row(tr("Mode"), mode);
    html += row(tr("Base URL"), c.baseUrl.toString().toHtmlEscaped());
    html += row(tr("Model"), c.model.toHtmlEscaped());
    html += row(tr("API key"), keyStatus);
    html += row(tr("Timeout"), Labels::duration(c.timeoutMs).toHtmlEscaped());
    html += row(tr("Max tokens"), QString::number(c.maxTokens));
    html += row(tr("Concurrency"), c.maxConcurrent > 0 ? QString::number(c.maxConcurrent) : tr("unlimited"));
    html += QStringLiteral("</table>");
    m_configText->setText(html);
    m_configCard->setTitle(tr("Configuration · %1").arg(c.name));
}

} // namespace airm::ui
