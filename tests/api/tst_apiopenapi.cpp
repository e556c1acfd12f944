// docs/openapi.yaml and the server's route table describe the same API: every path and method registered is
// in the spec and the reverse, public routes (no token) are the ones the spec marks with "security: []", and
// each route answers something other than 404/405 on a running server.
#include "apitestrig.h"

#include "api/routetable.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

using namespace airm;
using namespace airm::test;

namespace {

struct Spec
{
    QSet<QString> operations; // "GET /path/{x}"
    QSet<QString> publicOperations;
    QString error;
};

// Reads only what the comparison needs: path keys at two spaces under "paths:", method keys at four spaces,
// and "security: []" at six spaces inside an operation.
Spec readSpec(const QString &file)
{
    Spec spec;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        spec.error = QStringLiteral("cannot read ") + file;
        return spec;
    }
    static const QRegularExpression pathRe(QStringLiteral("^  (/\\S*):\\s*$"));
    static const QRegularExpression methodRe(
        QStringLiteral("^    (get|post|put|patch|delete|head|options):\\s*$"));
    bool inPaths = false;
    QString path, operation;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line == QLatin1String("paths:")) {
            inPaths = true;
            continue;
        }
        if (!inPaths) continue;
        if (!line.isEmpty() && !line.startsWith(QLatin1Char(' '))) break; // the next top-level key
        if (const auto m = pathRe.match(line); m.hasMatch()) {
            path = m.captured(1);
            operation.clear();
        } else if (const auto m2 = methodRe.match(line); m2.hasMatch()) {
            operation = m2.captured(1).toUpper() + QLatin1Char(' ') + path;
            if (spec.operations.contains(operation)) spec.error = QStringLiteral("duplicate ") + operation;
            spec.operations.insert(operation);
        } else if (!operation.isEmpty() && line.trimmed() == QLatin1String("security: []") &&
                   line.startsWith(QLatin1String("      s"))) {
            spec.publicOperations.insert(operation);
        }
    }
    return spec;
}

QString specFile()
{
    return QStringLiteral(QT_TESTCASE_SOURCEDIR "/../docs/openapi.yaml");
}

} // namespace

class TestApiOpenApi : public QObject
{
    Q_OBJECT
private slots:
    void specAndRoutesMatch()
    {
        const Spec spec = readSpec(specFile());
        QVERIFY2(spec.error.isEmpty(), qPrintable(spec.error));
        QVERIFY(spec.operations.size() > 40);
        QSet<QString> code, publicCode;
        for (const Route &r : RouteTable::instance().routes()) {
            const QString op = QString::fromLatin1(r.method + ' ' + r.path);
            QVERIFY2(!code.contains(op), qPrintable(QStringLiteral("registered twice: ") + op));
            code.insert(op);
            if (r.isPublic) publicCode.insert(op);
            QVERIFY2(qstrlen(r.summary) > 0, qPrintable(op));
        }
        QStringList notInSpec = (code - spec.operations).values();
        QStringList notInCode = (spec.operations - code).values();
        notInSpec.sort();
        notInCode.sort();
        QVERIFY2(notInSpec.isEmpty(), qPrintable(QStringLiteral("routes missing from openapi.yaml: ") +
                                                 notInSpec.join(QLatin1String(", "))));
        QVERIFY2(notInCode.isEmpty(), qPrintable(QStringLiteral("openapi.yaml operations with no route: ") +
                                                 notInCode.join(QLatin1String(", "))));
        QCOMPARE(spec.publicOperations, publicCode);
    }

    void theParserSeesWhatItShould()
    {
        // The comparison is only as good as the reader: it must find a known operation and its public flag.
        const Spec spec = readSpec(specFile());
        QVERIFY(spec.operations.contains(QStringLiteral("PATCH /api/v1/services/{name}")));
        QVERIFY(spec.operations.contains(QStringLiteral("GET /api/v1/events")));
        QVERIFY(spec.publicOperations.contains(QStringLiteral("GET /test")));
        QVERIFY(!spec.operations.contains(QStringLiteral("POST /metrics/rig")));
    }

    void everyRouteIsServed()
    {
        ApiRig rig({simulatedService(QStringLiteral("gemini"))});
        QVERIFY2(rig.error.isEmpty(), qPrintable(rig.error));
        for (const Route &r : RouteTable::instance().routes()) {
            QString path = QString::fromLatin1(r.path);
            path.replace(QRegularExpression(QStringLiteral("\\{[^}]+\\}")), QStringLiteral("gemini"));
            const HttpResult res =
                rig.request(r.method, path, r.method == "GET" ? QByteArray() : QByteArray("{}"));
            QVERIFY2(res.status != 405 && res.status != 0,
                     qPrintable(QString::fromLatin1(r.method) + QLatin1Char(' ') + path));
            if (res.status == 404) // only a resource that does not exist, never an unknown route
                QVERIFY2(res.json().value(QLatin1String("error")).toString() != QLatin1String("Not found"),
                         qPrintable(QString::fromLatin1(r.method) + QLatin1Char(' ') + path));
        }
    }
};

QTEST_GUILESS_MAIN(TestApiOpenApi)
#include "tst_apiopenapi.moc"
