// How one AI service is reached: provider kind and wire variant, endpoint, model, limits, prices, simulation.
// The API key is held here at run time but is never serialised: toJson() reports only whether a key is set.
#pragma once

#include "types.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QUrl>

namespace airm {

struct Pricing
{
    double inputPerMillionUsd = 0.0;  // USD per 1M input tokens
    double outputPerMillionUsd = 0.0; // USD per 1M output tokens
};

// The simulation a service without a key runs on. Defaults reproduce the seed: U(500, 2500) ms, 10 %
// failures.
struct SimulationProfile
{
    int latencyMinMs = 500;
    int latencyMaxMs = 2500;
    double failurePct = 10.0;  // share of calls answered with a 500 server error
    double rateLimitPct = 0.0; // share answered 429 with Retry-After
    int retryAfterS = 5;
    double overloadedPct = 0.0; // share answered 503 overloaded
    double timeoutPct = 0.0;    // share that never answers (the attempt timeout fires)
    int outputTokensMin = 20;
    int outputTokensMax = 120;

    QJsonObject toJson() const;
    // Fills from JSON over the current values; returns an error naming the bad field, or an empty string.
    QString mergeJson(const QJsonObject &o);
};

struct ServiceConfig
{
    QString name; // unique, [a-z0-9_-]+
    ProviderKind kind = ProviderKind::OpenAi;
    QString variant; // cohere: "v2" | "v1"; huggingface: "router" | "tgi"; others: empty
    QUrl baseUrl;
    QString model;
    QStringList keyEnv;      // environment variables tried in order for the key
    QString apiKey;          // never logged, stored or exported
    QString keySource;       // "env:NAME", "config", or empty
    bool requiresKey = true; // false for local OpenAI-compatible servers (Ollama, vLLM, ...)
    bool forceSimulation = false;
    bool enabled = true;
    int timeoutMs = 30'000; // per attempt
    int maxConcurrent = 0;  // 0 = unlimited
    int maxTokens = 256;
    QString anthropicVersion = QStringLiteral("2023-06-01");
    Pricing pricing;
    SimulationProfile simulation;

    // A service runs on the simulation when it has to have a key and has none, or when forced to.
    bool simulated() const { return forceSimulation || (requiresKey && apiKey.isEmpty()); }

    QJsonObject toJson() const; // keys never included; "keyStatus": "set" | "missing" | "not_required"
};

// The three seed services with their defaults, keys and URLs read from the environment
// (GEMINI_API_KEY/GOOGLE_API_KEY, COHERE_API_KEY, HF_TOKEN/HUGGINGFACE_API_KEY; GOOGLE_API_URL,
// COHERE_API_URL, HUGGINGFACE_API_URL).
QList<ServiceConfig> defaultServices();

// Defaults for a service of the given kind (base URL, model, key variables), before config-file overrides.
ServiceConfig defaultServiceFor(ProviderKind kind, const QString &name);

// Reads the key from keyEnv into apiKey/keySource when apiKey is empty.
void resolveKeyFromEnvironment(ServiceConfig &config);

// Applies a JSON service object (from a config file or the API) over config. Returns an error that names the
// field and the accepted values, or an empty string. "apiKey" is accepted on input only.
QString mergeServiceJson(ServiceConfig &config, const QJsonObject &o);

bool isValidServiceName(const QString &name);

} // namespace airm
