#include "planlibrary.h"

#include <QFile>
#include <QJsonArray>

// Q_INIT_RESOURCE declares the initializer in the enclosing namespace, so it is called from the global one.
static void initPlanResources()
{
    Q_INIT_RESOURCE(plans);
}

namespace airm {
namespace {

constexpr qint64 kMaxPlanBytes = 4 * 1024 * 1024;

void ensureResources()
{
    static const bool done = [] {
        initPlanResources();
        return true;
    }();
    Q_UNUSED(done);
}

} // namespace

QJsonObject PlanInfo::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("title"), title},
            {QStringLiteral("description"), description},
            {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
            {QStringLiteral("builtIn"), builtIn}};
}

QStringList PlanLibrary::builtInNames()
{
    return {QStringLiteral("validation"), QStringLiteral("continuous"), QStringLiteral("breaker-drill")};
}

bool PlanLibrary::isBuiltIn(const QString &name)
{
    return builtInNames().contains(name);
}

QByteArray PlanLibrary::builtInText(const QString &name)
{
    if (!isBuiltIn(name)) return {};
    ensureResources();
    QFile f(QStringLiteral(":/plans/") + name + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

QList<PlanInfo> PlanLibrary::builtIns()
{
    QList<PlanInfo> out;
    for (const QString &name : builtInNames()) {
        QString error;
        const Plan p = Plan::fromJsonText(builtInText(name), &error);
        if (!error.isEmpty()) continue; // a test guards every built-in plan
        out << PlanInfo{p.name, p.title, p.description, p.tags, true};
    }
    return out;
}

Plan PlanLibrary::load(const QString &nameOrPath, QString *error)
{
    error->clear();
    if (isBuiltIn(nameOrPath)) {
        const QByteArray text = builtInText(nameOrPath);
        if (text.isEmpty()) {
            *error = QStringLiteral("built-in plan %1 is missing from the resources").arg(nameOrPath);
            return {};
        }
        Plan p = Plan::fromJsonText(text, error);
        if (!error->isEmpty()) *error = QStringLiteral("built-in plan %1: %2").arg(nameOrPath, *error);
        return p;
    }
    QFile f(nameOrPath);
    if (!f.exists()) {
        *error = QStringLiteral("%1: no such built-in plan (%2) or file")
                     .arg(nameOrPath, builtInNames().join(QStringLiteral(", ")));
        return {};
    }
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(nameOrPath, f.errorString());
        return {};
    }
    if (f.size() > kMaxPlanBytes) {
        *error = QStringLiteral("%1: larger than %2 bytes").arg(nameOrPath).arg(kMaxPlanBytes);
        return {};
    }
    Plan p = Plan::fromJsonText(f.readAll(), error);
    if (!error->isEmpty()) *error = nameOrPath + QStringLiteral(": ") + *error;
    return p;
}

} // namespace airm
