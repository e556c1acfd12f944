// What every page is given: the engine host, the live state, the theme, the settings, the history source
// (null when the history cannot be read), the scenario service, the REST API controller and the alert
// manager (null when the owner has none) and the configuration the program started with. Non-owning
// pointers; MainWindow's owner keeps them alive longer than any page.
#pragma once

#include "settings/appconfig.h"

namespace airm {
class AlertManager;
class EngineHost;
class ScenarioService;
} // namespace airm

namespace airm::ui {

class ApiController;
class HistorySource;
class LiveState;
class StorageStatus;
class ThemeManager;
class UiSettings;

struct UiContext
{
    EngineHost *host = nullptr;
    LiveState *live = nullptr;
    ThemeManager *theme = nullptr;
    UiSettings *settings = nullptr;
    HistorySource *history = nullptr;
    StorageStatus *storage = nullptr;
    ScenarioService *scenarios = nullptr; // lives on the GUI thread
    ApiController *api = nullptr;
    AlertManager *alerts = nullptr; // lives on the GUI thread
    AppConfig config;
};

} // namespace airm::ui
