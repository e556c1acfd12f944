#include "scenariospage.h"

#include "card.h"

#include "scenarios/planlibrary.h"

#include <QLabel>
#include <QVBoxLayout>

namespace airm::ui {

ScenariosPage::ScenariosPage(const UiContext &ctx, QWidget *parent)
    : Page(ctx, tr("Scenarios"), tr("Chaos test suites with hypotheses and reports"), true, parent)
{
    auto *notice = new Card(tr("Not available in the window yet"));
    auto *text = new QLabel(tr(
        "Running the validation suite, the continuous chaos mode and experiment plans from here arrives with "
        "the scenario runner, which is still being built. This page will then start and stop runs, show "
        "their status, elapsed time and live output, and list past reports to open and export.\n\n"
        "Until then, chaos experiments run from the Chaos page and automated load from the Automation page; "
        "both are recorded in the history."));
    text->setWordWrap(true);
    text->setObjectName(QStringLiteral("sectionHint"));
    notice->body()->addWidget(text);
    content()->addWidget(notice);

    const QList<PlanInfo> plans = PlanLibrary::builtIns();
    if (!plans.isEmpty()) {
        auto *list = new Card(tr("Built-in plans"));
        list->setHint(tr("Shipped with this version; shown for reference."));
        for (const PlanInfo &p : plans) {
            auto *name = new QLabel(QStringLiteral("<b>%1</b> <span>· %2</span>")
                                        .arg(p.title.toHtmlEscaped(), p.name.toHtmlEscaped()));
            auto *description = new QLabel(p.description);
            description->setObjectName(QStringLiteral("hint"));
            description->setWordWrap(true);
            list->body()->addWidget(name);
            list->body()->addWidget(description);
        }
        content()->addWidget(list);
    }
    content()->addStretch(1);
}

} // namespace airm::ui
