// Long-running chaos test suites. Running them from the window arrives with the scenarios work (the
// experiment runner is still being built in core/scenarios); until then this page says so plainly and lists
// the built-in plans that exist, without pretending to run anything. GUI thread.
#pragma once

#include "page.h"

namespace airm::ui {

class ScenariosPage : public Page
{
    Q_OBJECT
public:
    explicit ScenariosPage(const UiContext &context, QWidget *parent = nullptr);

    GlyphIconEngine::Glyph glyph() const override { return GlyphIconEngine::Glyph::Scenarios; }
};

} // namespace airm::ui
