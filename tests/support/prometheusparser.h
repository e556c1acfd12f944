// A strict reader of the Prometheus text format 0.0.4 for tests: it collects every rule violation instead of
// stopping at the first. Checked: HELP and TYPE once each and before the family's samples, metric and label
// names, label value escapes, values, contiguous families, no series twice, and histograms cumulative in
// rising le order, ending in +Inf equal to _count, with a _sum.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace airm::test {

struct PrometheusSample
{
    QByteArray name;
    QMap<QString, QString> labels;
    double value = 0;
};

struct PrometheusText
{
    QMap<QByteArray, QByteArray> types; // family -> type
    QList<PrometheusSample> samples;
    QStringList errors; // empty when the text is valid

    // The samples called name whose labels include match.
    QList<PrometheusSample> find(const QByteArray &name, const QMap<QString, QString> &match = {}) const;
    // The value of the one sample find() gives, or NaN when there is none or more than one.
    double value(const QByteArray &name, const QMap<QString, QString> &match = {}) const;
};

PrometheusText parsePrometheusText(const QByteArray &text);
// A sample value: a decimal number, NaN, +Inf or -Inf.
bool parsePrometheusNumber(const QByteArray &text, double *out);

} // namespace airm::test
