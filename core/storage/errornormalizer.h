// Turns an error message into its pattern, so that messages differing only in numbers, ids or durations are
// counted together: "Retry in 12s" and "Retry in 3s" both become "Retry in Ns". Pure functions, any thread.
#pragma once

#include <QString>

namespace airm {

class ErrorNormalizer
{
public:
    static constexpr int kMaxPatternChars = 200;

    // Replaces UUIDs and long hex or mixed letter-digit tokens with "<id>", durations with "N" plus their
    // unit
    // ("12s" -> "Ns", "350 ms" -> "N ms"), other numbers with "N"; collapses whitespace; truncates.
    static QString normalize(const QString &message);
};

} // namespace airm
