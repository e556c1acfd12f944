// Placeholder translation unit until the main window lands.
namespace airm::ui {
int uiVersion() { return 1; }
} // namespace airm::ui
