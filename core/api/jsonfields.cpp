#include "jsonfields.h"

#include <QJsonArray>
#include <cmath>

namespace airm {
namespace {

bool absent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 12);
}

} // namespace

bool JsonFields::has(const QString &key) const
{
    return !absent(m_object.value(key));
}

void JsonFields::fail(const QString &field, const QString &message)
{
    if (!m_error.isEmpty()) return;
    m_field = field;
    m_error = message;
}

QString JsonFields::string(const QString &key, const QString &fallback, bool required, qsizetype maxLength)
{
    const QJsonValue v = m_object.value(key);
    if (absent(v)) {
        if (required) fail(key, key + QStringLiteral(" is required"));
        return fallback;
    }
    if (!v.isString()) {
        fail(key, key + QStringLiteral(" must be a string"));
        return fallback;
    }
    const QString s = v.toString();
    if (s.size() > maxLength) {
        fail(key, key + QStringLiteral(" must be at most %1 characters").arg(maxLength));
        return fallback;
    }
    return s;
}

std::optional<QString> JsonFields::optionalString(const QString &key, qsizetype maxLength)
{
    if (!has(key)) return std::nullopt;
    const QString s = string(key, {}, false, maxLength);
    if (!ok()) return std::nullopt;
    return s;
}

bool JsonFields::boolean(const QString &key, bool fallback, bool required)
{
    const QJsonValue v = m_object.value(key);
    if (absent(v)) {
        if (required) fail(key, key + QStringLiteral(" is required"));
        return fallback;
    }
    if (!v.isBool()) {
        fail(key, key + QStringLiteral(" must be true or false"));
        return fallback;
    }
    return v.toBool();
}

double JsonFields::number(const QString &key, double fallback, double min, double max, bool required)
{
    const QJsonValue v = m_object.value(key);
    if (absent(v)) {
        if (required) fail(key, key + QStringLiteral(" is required"));
        return fallback;
    }
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::isnan(d) || d < min || d > max) {
        fail(key, key + QStringLiteral(" must be a number between %1 and %2")
                            .arg(formatNumber(min), formatNumber(max)));
        return fallback;
    }
    return d;
}

qint64 JsonFields::integer(const QString &key, qint64 fallback, qint64 min, qint64 max, bool required)
{
    const QJsonValue v = m_object.value(key);
    if (absent(v)) {
        if (required) fail(key, key + QStringLiteral(" is required"));
        return fallback;
    }
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::isnan(d) || d != std::floor(d) || d < double(min) || d > double(max)) {
        fail(key, key + QStringLiteral(" must be an integer between %1 and %2").arg(min).arg(max));
        return fallback;
    }
    return qint64(d);
}

QStringList JsonFields::stringList(const QString &key, bool required)
{
    const QJsonValue v = m_object.value(key);
    if (absent(v)) {
        if (required) fail(key, key + QStringLiteral(" is required"));
        return {};
    }
    if (!v.isArray()) {
        fail(key, key + QStringLiteral(" must be a list of strings"));
        return {};
    }
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString()) {
            fail(key, key + QStringLiteral(" must be a list of strings"));
            return {};
        }
        out << item.toString();
    }
    return out;
}

void JsonFields::rejectUnknown(const QStringList &known)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!known.contains(it.key())) {
            fail(it.key(), QStringLiteral("unknown field \"%1\" (known: %2)")
                               .arg(it.key(), known.join(QLatin1String(", "))));
            return;
        }
}

} // namespace airm
