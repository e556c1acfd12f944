#include "errornormalizer.h"

#include <QRegularExpression>

namespace airm {

QString ErrorNormalizer::normalize(const QString &message)
{
    static const QRegularExpression uuid(
        QStringLiteral("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"));
    // Hex runs of 8+ characters with at least one digit (request ids, hashes).
    static const QRegularExpression hex(QStringLiteral("\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,}\\b"));
    // Tokens mixing letters and digits, 6+ characters, possibly with _ or - (req_01HXYZ..., chaos-12 is kept
    // short enough to fall to the number rule).
    static const QRegularExpression mixed(
        QStringLiteral("\\b(?=[A-Za-z0-9_-]*[A-Za-z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{12,}\\b"));
    // Numbers, including decimals; a unit glued to them stays ("12s" -> "Ns", "1.5ms" -> "Nms").
    static const QRegularExpression number(QStringLiteral("\\d+(?:[.,]\\d+)?"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));

    QString s = message;
    s.replace(uuid, QStringLiteral("<id>"));
    s.replace(hex, QStringLiteral("<id>"));
    s.replace(mixed, QStringLiteral("<id>"));
    s.replace(number, QStringLiteral("N"));
    s.replace(spaces, QStringLiteral(" "));
    s = s.trimmed();
    if (s.size() > kMaxPatternChars) s = s.left(kMaxPatternChars - 1) + QChar(0x2026);
    return s;
}

} // namespace airm
