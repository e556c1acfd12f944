// Typed reads of a JSON request body with messages that name the field: "prompt is required", "maxTokens must
// be an integer between 1 and 100000". The first problem is kept; later reads return their defaults. The API
// answers 400 with error(). Value type; any thread.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace airm {

class JsonFields
{
public:
    explicit JsonFields(QJsonObject object)
        : m_object(std::move(object))
    {}

    bool has(const QString &key) const;
    // Missing or null counts as absent for the optional readers.
    QString string(const QString &key, const QString &fallback = {}, bool required = false,
                   qsizetype maxLength = 1 << 20);
    std::optional<QString> optionalString(const QString &key, qsizetype maxLength = 1 << 20);
    bool boolean(const QString &key, bool fallback, bool required = false);
    double number(const QString &key, double fallback, double min, double max, bool required = false);
    qint64 integer(const QString &key, qint64 fallback, qint64 min, qint64 max, bool required = false);
    QStringList stringList(const QString &key, bool required = false);

    // Records a problem found by the caller.
    void fail(const QString &field, const QString &message);
    // Fails on the first key that is not in known.
    void rejectUnknown(const QStringList &known);

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    const QString &field() const { return m_field; }
    const QJsonObject &object() const { return m_object; }

private:
    QJsonObject m_object;
    QString m_error;
    QString m_field;
};

} // namespace airm
