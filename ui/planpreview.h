// What an experiment plan will do, for people: its method as a tree of steps (load, chaos with its
// parameters, waits, checks, parallel groups, for-each templates) with their lengths and end conditions,
// the steady-state hypothesis (probes and tolerances), abort conditions and rollback; plus how long a plan
// takes and how many steps it runs once its for-each steps are expanded for the configured services.
// GUI thread.
#pragma once

#include "scenarios/plan.h"

#include <QTreeWidget>

namespace airm::ui {

// The length of a plan in plan time (divide by the time scale for real time).
struct PlanLength
{
    qint64 knownMs = 0;   // steps with a fixed length
    bool open = false;    // some step ends on a condition or a request count: add its time
    bool repeats = false; // repeat 0: until stopped or the duration limit
    int cycles = 1;
    int steps = 0; // leaf steps (load, chaos, wait, check) after expanding for_each

    static PlanLength of(const Plan &plan, const QStringList &services);
    // "23 min", "at least 2 min, and steps that end on a condition", "10 h a cycle, until stopped";
    // timeScale != 1 adds the real time. brief: for a table column ("≥ 2 min", "on conditions").
    QString text(double timeScale = 1.0, bool brief = false) const;
};

class PlanPreview : public QTreeWidget
{
    Q_OBJECT
public:
    explicit PlanPreview(QWidget *parent = nullptr);

    // services: the configured services, for for_each steps that name none.
    void setPlan(const Plan &plan, const QStringList &services);
    void clearPlan();
};

} // namespace airm::ui
