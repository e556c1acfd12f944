// The built-in experiment plans (validation, continuous, breaker-drill), compiled into airm_core from
// resources/plans/, and plans read from files. Thread affinity: none (reads resources and files only).
#pragma once

#include "plan.h"

#include <QJsonObject>
#include <QList>

namespace airm {

struct PlanInfo
{
    QString name;
    QString title;
    QString description;
    QStringList tags;
    bool builtIn = true;
    QJsonObject toJson() const;
};

class PlanLibrary
{
public:
    static QStringList builtInNames();
    static bool isBuiltIn(const QString &name);
    static QList<PlanInfo> builtIns();
    // The JSON text of a built-in plan; empty when unknown.
    static QByteArray builtInText(const QString &name);
    // A built-in name, or else the path of a plan file. Errors name the file or the field.
    static Plan load(const QString &nameOrPath, QString *error);
};

} // namespace airm
