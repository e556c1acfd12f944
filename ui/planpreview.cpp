#include "planpreview.h"

#include "breakerbadge.h"
#include "labels.h"

#include <QHeaderView>
#include <QJsonArray>

namespace airm::ui {
namespace {

constexpr int kStepColumnWidth = 210;
constexpr int kLengthColumnWidth = 150;

struct Measure
{
    qint64 ms = 0;
    bool open = false;
    int steps = 0;
};

Measure measure(const StepSpec &s, const QStringList &services)
{
    Measure m;
    switch (s.type) {
    case StepType::Load:
    case StepType::Chaos:
    case StepType::Wait:
        m.steps = 1;
        if (s.durationMs >= 0)
            m.ms = s.durationMs;
        else
            m.open = true;
        break;
    case StepType::Check:
        m.steps = 1;
        break;
    case StepType::Group:
        for (const StepSpec &c : s.steps) {
            const Measure cm = measure(c, services);
            m.ms = std::max(m.ms, cm.ms);
            m.open = m.open || cm.open;
            m.steps += cm.steps;
        }
        break;
    case StepType::Sequence:
        for (const StepSpec &c : s.steps) {
            const Measure cm = measure(c, services);
            m.ms += cm.ms;
            m.open = m.open || cm.open;
            m.steps += cm.steps;
        }
        break;
    case StepType::ForEach: {
        QString error;
        const std::vector<StepSpec> expanded = expandForEach(
            s, s.forEachServices.isEmpty() ? services : s.forEachServices, QStringLiteral("method"), &error);
        if (!error.isEmpty()) {
            m.open = true;
            break;
        }
        for (const StepSpec &c : expanded) {
            const Measure cm = measure(c, services);
            m.ms += cm.ms;
            m.open = m.open || cm.open;
            m.steps += cm.steps;
        }
        break;
    }
    }
    return m;
}

// Plan times below a second are common in tests and fast plans: "200 ms" rather than "0 s".
QString planTime(qint64 ms)
{
    if (ms > 0 && ms < 1000) return PlanPreview::tr("%1 ms").arg(ms);
    return Labels::duration(ms);
}

QString stepKind(StepType t)
{
    switch (t) {
    case StepType::Load:
        return PlanPreview::tr("Load");
    case StepType::Chaos:
        return PlanPreview::tr("Chaos");
    case StepType::Wait:
        return PlanPreview::tr("Wait");
    case StepType::Check:
        return PlanPreview::tr("Check");
    case StepType::Group:
        return PlanPreview::tr("In parallel");
    case StepType::Sequence:
        return PlanPreview::tr("In order");
    case StepType::ForEach:
        return PlanPreview::tr("For each service");
    }
    return {};
}

QString targetsText(const QStringList &services)
{
    return services.isEmpty() ? PlanPreview::tr("every service") : services.join(QStringLiteral(", "));
}

QString loadText(const AutomationConfig &c)
{
    QString pace;
    if (c.targetRps > 0)
        pace = PlanPreview::tr("%1 requests/s").arg(QLocale().toString(c.targetRps, 'g', 3));
    else if (c.intervalMs > 0)
        pace = PlanPreview::tr("a request every %1").arg(planTime(c.intervalMs));
    else
        pace = PlanPreview::tr("as fast as %n in flight allow", nullptr, c.maxInFlight);
    if (c.maxInFlight > 1 && (c.targetRps > 0 || c.intervalMs > 0))
        pace += PlanPreview::tr(", %1 in flight").arg(c.maxInFlight);
    if (c.maxRequests > 0) pace += PlanPreview::tr(", %n request(s)", nullptr, int(c.maxRequests));
    return PlanPreview::tr("%1 to %2").arg(pace, targetsText(c.services));
}

QString probeWhat(const ProbeSpec &p)
{
    const QString service = p.service == QLatin1String("all") ? PlanPreview::tr("all") : p.service;
    switch (p.type) {
    case ProbeType::SuccessRate:
        return PlanPreview::tr("success rate of %1 %2 over %3")
            .arg(service, p.toleranceText(), planTime(p.windowMs));
    case ProbeType::LatencyP95:
        return PlanPreview::tr("p95 latency of %1 %2 over %3")
            .arg(service, p.toleranceText(), planTime(p.windowMs));
    case ProbeType::BreakerState:
        return p.service == QLatin1String("all")
                   ? PlanPreview::tr("every breaker %1").arg(BreakerBadge::label(p.state))
                   : PlanPreview::tr("breaker of %1 %2").arg(p.service, BreakerBadge::label(p.state));
    case ProbeType::NoRequestLost:
        return PlanPreview::tr("no request lost");
    }
    return {};
}

QString probeWhen(const ProbeSpec &p)
{
    QStringList when;
    if (p.before) when << PlanPreview::tr("before");
    if (p.during) when << PlanPreview::tr("during");
    if (p.after) when << PlanPreview::tr("after");
    return when.isEmpty() ? PlanPreview::tr("in check steps") : when.join(QStringLiteral(", "));
}

QString stepWhat(const StepSpec &s)
{
    switch (s.type) {
    case StepType::Load:
        return s.load ? loadText(*s.load) : QString();
    case StepType::Chaos: {
        if (!s.chaos) return {};
        const ChaosSpec &c = *s.chaos;
        QString text =
            PlanPreview::tr("%1 on %2").arg(Labels::chaosType(c.type), Labels::chaosTargets(c.targets));
        const QString parameters = Labels::chaosParameters(c.toJson());
        if (!parameters.isEmpty()) text += QStringLiteral(" · ") + parameters;
        if (s.load) text += PlanPreview::tr(" · load: %1").arg(loadText(*s.load));
        return text;
    }
    case StepType::Wait:
        return PlanPreview::tr("no requests of its own");
    case StepType::Check:
        return s.checkProbes.isEmpty() && s.inlineProbes.isEmpty()
                   ? PlanPreview::tr("every probe of the hypothesis")
                   : PlanPreview::tr("probes %1").arg(s.checkProbes.join(QStringLiteral(", ")));
    case StepType::Group:
    case StepType::Sequence:
        return PlanPreview::tr("%n step(s)", nullptr, int(s.steps.size()));
    case StepType::ForEach: {
        const QString services = s.forEachServices.isEmpty() ? PlanPreview::tr("every configured service")
                                                             : s.forEachServices.join(QStringLiteral(", "));
        return s.forEachVariants.isEmpty()
                   ? services
                   : PlanPreview::tr("%1 × %n variant(s)", nullptr, int(s.forEachVariants.size()))
                         .arg(services);
    }
    }
    return {};
}

QString stepLength(const StepSpec &s)
{
    QString text;
    if (s.type == StepType::Load || s.type == StepType::Chaos || s.type == StepType::Wait)
        text = s.durationMs >= 0 ? planTime(s.durationMs) : QString();
    if (s.until) {
        const QString until = PlanPreview::tr("until %1").arg(probeWhat(*s.until));
        text = text.isEmpty() ? until : PlanPreview::tr("%1 or %2").arg(text, until);
        if (s.timeoutMs > 0) text += PlanPreview::tr(" (at most %1)").arg(planTime(s.timeoutMs));
    }
    if (text.isEmpty() && s.load && s.load->maxRequests > 0)
        text = PlanPreview::tr("%n request(s)", nullptr, int(s.load->maxRequests));
    return text;
}

void addStep(QTreeWidgetItem *parent, const StepSpec &s)
{
    auto *item = new QTreeWidgetItem(parent);
    item->setText(0, s.title.isEmpty() ? stepKind(s.type) : s.title);
    item->setText(1, stepWhat(s));
    item->setText(2, stepLength(s));
    item->setToolTip(0, stepKind(s.type));
    item->setToolTip(1, item->text(1));
    item->setToolTip(2, item->text(2));
    if (s.type == StepType::ForEach) {
        // The template as written: ${service} and ${variant.*} are filled in at run time.
        for (const QJsonValue &v : s.forEachTemplate) {
            const QJsonObject o = v.toObject();
            auto *child = new QTreeWidgetItem(item);
            const QString title = o.value(QLatin1String("title")).toString();
            child->setText(0, title.isEmpty() ? o.value(QLatin1String("type")).toString() : title);
            child->setText(1, o.value(QLatin1String("type")).toString());
        }
    } else {
        for (const StepSpec &c : s.steps)
            addStep(item, c);
    }
}

} // namespace

PlanLength PlanLength::of(const Plan &plan, const QStringList &services)
{
    PlanLength l;
    for (const StepSpec &s : plan.method) {
        const Measure m = measure(s, services);
        l.knownMs += m.ms;
        l.open = l.open || m.open;
        l.steps += m.steps;
    }
    l.repeats = plan.repeat == 0;
    l.cycles = std::max(1, plan.repeat);
    return l;
}

QString PlanLength::text(double timeScale, bool brief) const
{
    QString time = planTime(knownMs);
    if (!brief && timeScale > 0 && timeScale != 1.0 && knownMs > 0)
        time = PlanPreview::tr("%1 (%2 at ×%3)")
                   .arg(time, planTime(qint64(double(knownMs) / timeScale)),
                        QLocale().toString(timeScale, 'g', 4));
    QString base;
    if (knownMs == 0 && open)
        base = brief ? PlanPreview::tr("on conditions") : PlanPreview::tr("as long as its conditions take");
    else if (open)
        base =
            brief
                ? PlanPreview::tr("≥ %1").arg(time)
                : PlanPreview::tr("at least %1; some steps end on a condition or a request count").arg(time);
    else
        base = time;
    if (repeats)
        return brief ? PlanPreview::tr("%1 a cycle, repeats").arg(base)
                     : PlanPreview::tr("%1 a cycle, repeated until stopped or the time limit").arg(base);
    if (cycles > 1) return PlanPreview::tr("%1 a cycle, %2 cycles").arg(base).arg(cycles);
    return base;
}

PlanPreview::PlanPreview(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(3);
    setHeaderLabels({tr("Step"), tr("What"), tr("Length / ends")});
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAccessibleName(tr("Plan preview"));
    // The description column takes what is left and elides; full texts are in the tooltips.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Interactive);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
    header()->setSectionResizeMode(2, QHeaderView::Interactive);
    setColumnWidth(0, kStepColumnWidth);
    setColumnWidth(2, kLengthColumnWidth);
}

void PlanPreview::clearPlan()
{
    clear();
}

void PlanPreview::setPlan(const Plan &plan, const QStringList &services)
{
    clear();
    const PlanLength length = PlanLength::of(plan, services);
    auto *method = new QTreeWidgetItem(this);
    method->setText(0, tr("Method"));
    method->setText(1, tr("%n step(s) to run", nullptr, length.steps));
    method->setText(2, length.text());
    method->setToolTip(2, method->text(2));
    for (const StepSpec &s : plan.method)
        addStep(method, s);

    auto *hypothesis = new QTreeWidgetItem(this);
    hypothesis->setText(0, tr("Hypothesis"));
    hypothesis->setText(1, plan.hypothesisTitle.isEmpty()
                               ? tr("%n probe(s)", nullptr, int(plan.probes.size()))
                               : plan.hypothesisTitle);
    hypothesis->setToolTip(1, hypothesis->text(1));
    for (const ProbeSpec &p : plan.probes) {
        auto *item = new QTreeWidgetItem(hypothesis);
        item->setText(0, p.name);
        item->setText(1, probeWhat(p));
        item->setText(2, probeWhen(p));
        item->setToolTip(1, item->text(1));
    }
    if (!plan.abortConditions.isEmpty()) {
        auto *abort = new QTreeWidgetItem(this);
        abort->setText(0, tr("Abort when"));
        abort->setText(1, tr("%n condition(s)", nullptr, int(plan.abortConditions.size())));
        for (const AbortCondition &a : plan.abortConditions) {
            auto *item = new QTreeWidgetItem(abort);
            item->setText(0, a.probe.name);
            item->setText(1, tr("%1 fails").arg(probeWhat(a.probe)));
            item->setText(2, tr("for %1").arg(planTime(a.forMs)));
        }
    }
    auto *rollback = new QTreeWidgetItem(this);
    rollback->setText(0, tr("Rollback"));
    rollback->setText(1, plan.resetBreakersOnRollback
                             ? tr("stop chaos and load, reset the breakers of the chaos targets")
                             : tr("stop chaos and load"));
    expandAll();
}

} // namespace airm::ui
