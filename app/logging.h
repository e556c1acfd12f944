// Log lines of the headless service on stderr: "2026-11-28T18:00:00.000Z info  message" or one JSON
// object per line ({"ts","level","category","msg"}), below a chosen level suppressed. Installed once as Qt's
// message handler, so the core's qC*() messages follow the same format. Any thread.
#pragma once

#include <QString>

namespace airm::logging {

// format: "text" or "json"; level: "debug", "info", "warning" or "error".
void install(const QString &format, const QString &level);

} // namespace airm::logging
