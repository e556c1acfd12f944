#include "serviceconfig.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace airm {
namespace {

// Values the seed's .env template shipped; treating them as keys would send them to the provider.
bool isPlaceholderKey(const QString &key)
{
    return key.isEmpty() || (key.startsWith(QLatin1String("your_")) && key.endsWith(QLatin1String("_here")));
}

QString originOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
}

// The seed's URL variables hold the full generation URL; split them into base URL, model and wire variant.
void applySeedUrl(ServiceConfig &c, const QString &value)
{
    const QUrl url(value);
    if (!url.isValid() || url.scheme().isEmpty()) return;
    const QString path = url.path();
    switch (c.kind) {
    case ProviderKind::Gemini: {
        const int at = path.indexOf(QLatin1String("/models/"));
        if (at < 0) {
            c.baseUrl = url;
            return;
        }
        c.baseUrl =
            QUrl(originOf(url) + path.left(std::max<qsizetype>(0, path.indexOf(QLatin1String("/v1beta")))));
        QString model = path.mid(at + 8);
        model =
            model.left(model.indexOf(QLatin1Char(':')) < 0 ? model.size() : model.indexOf(QLatin1Char(':')));
        if (!model.isEmpty()) c.model = model;
        return;
    }
    case ProviderKind::Cohere:
        c.baseUrl = QUrl(originOf(url));
        if (path.endsWith(QLatin1String("/v1/generate")))
            c.variant = QStringLiteral("v1");
        else if (path.endsWith(QLatin1String("/v2/chat")))
            c.variant = QStringLiteral("v2");
        return;
    case ProviderKind::HuggingFace: {
        const int at = path.indexOf(QLatin1String("/models/"));
        if (at >= 0) { // legacy serverless inference URL: .../models/<model>
            c.variant = QStringLiteral("tgi");
            c.baseUrl = url;
            c.model = path.mid(at + 8);
        } else {
            c.baseUrl = QUrl(originOf(url));
        }
        return;
    }
    default:
        c.baseUrl = url;
    }
}

template<typename T>
bool readNumber(const QJsonObject &o, const char *key, T &out, double lo, double hi, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isDouble() || v.toDouble() < lo || v.toDouble() > hi) {
        *error =
            QStringLiteral("%1 must be a number between %2 and %3").arg(QLatin1String(key)).arg(lo).arg(hi);
        return false;
    }
    out = static_cast<T>(v.toDouble());
    return true;
}

bool readString(const QJsonObject &o, const char *key, QString &out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isString()) {
        *error = QStringLiteral("%1 must be a string").arg(QLatin1String(key));
        return false;
    }
    out = v.toString();
    return true;
}

bool readBool(const QJsonObject &o, const char *key, bool &out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) return true;
    if (!v.isBool()) {
        *error = QStringLiteral("%1 must be true or false").arg(QLatin1String(key));
        return false;
    }
    out = v.toBool();
    return true;
}

} // namespace

QJsonObject SimulationProfile::toJson() const
{
    return {{QStringLiteral("latencyMinMs"), latencyMinMs},
            {QStringLiteral("latencyMaxMs"), latencyMaxMs},
            {QStringLiteral("failurePct"), failurePct},
            {QStringLiteral("rateLimitPct"), rateLimitPct},
            {QStringLiteral("retryAfterS"), retryAfterS},
            {QStringLiteral("overloadedPct"), overloadedPct},
            {QStringLiteral("timeoutPct"), timeoutPct},
            {QStringLiteral("outputTokensMin"), outputTokensMin},
            {QStringLiteral("outputTokensMax"), outputTokensMax}};
}

QString SimulationProfile::mergeJson(const QJsonObject &o)
{
    SimulationProfile p = *this;
    QString e;
    const bool ok = readNumber(o, "latencyMinMs", p.latencyMinMs, 0, 600000, &e) &&
                    readNumber(o, "latencyMaxMs", p.latencyMaxMs, 0, 600000, &e) &&
                    readNumber(o, "failurePct", p.failurePct, 0, 100, &e) &&
                    readNumber(o, "rateLimitPct", p.rateLimitPct, 0, 100, &e) &&
                    readNumber(o, "retryAfterS", p.retryAfterS, 0, 3600, &e) &&
                    readNumber(o, "overloadedPct", p.overloadedPct, 0, 100, &e) &&
                    readNumber(o, "timeoutPct", p.timeoutPct, 0, 100, &e) &&
                    readNumber(o, "outputTokensMin", p.outputTokensMin, 0, 1000000, &e) &&
                    readNumber(o, "outputTokensMax", p.outputTokensMax, 0, 1000000, &e);
    if (!ok) return QStringLiteral("simulation.") + e;
    if (p.latencyMaxMs < p.latencyMinMs)
        return QStringLiteral("simulation.latencyMaxMs must be >= latencyMinMs");
    if (p.outputTokensMax < p.outputTokensMin)
        return QStringLiteral("simulation.outputTokensMax must be >= outputTokensMin");
    if (p.failurePct + p.rateLimitPct + p.overloadedPct + p.timeoutPct > 100.0)
        return QStringLiteral(
            "simulation: failurePct + rateLimitPct + overloadedPct + timeoutPct must not exceed 100");
    *this = p;
    return {};
}

QJsonObject ServiceConfig::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("kind"), airm::toString(kind)},
                  {QStringLiteral("baseUrl"), baseUrl.toString()},
                  {QStringLiteral("model"), model},
                  {QStringLiteral("keyEnv"), QJsonArray::fromStringList(keyEnv)},
                  {QStringLiteral("keyStatus"), !requiresKey       ? QStringLiteral("not_required")
                                                : apiKey.isEmpty() ? QStringLiteral("missing")
                                                                   : QStringLiteral("set")},
                  {QStringLiteral("keySource"), apiKey.isEmpty() ? QString() : keySource},
                  {QStringLiteral("requiresKey"), requiresKey},
                  {QStringLiteral("simulated"), simulated()},
                  {QStringLiteral("forceSimulation"), forceSimulation},
                  {QStringLiteral("enabled"), enabled},
                  {QStringLiteral("timeoutMs"), timeoutMs},
                  {QStringLiteral("maxConcurrent"), maxConcurrent},
                  {QStringLiteral("maxTokens"), maxTokens},
                  {QStringLiteral("pricing"),
                   QJsonObject{{QStringLiteral("inputPerMillionUsd"), pricing.inputPerMillionUsd},
                               {QStringLiteral("outputPerMillionUsd"), pricing.outputPerMillionUsd}}},
                  {QStringLiteral("simulation"), simulation.toJson()}};
    if (!variant.isEmpty()) o.insert(QStringLiteral("variant"), variant);
    if (kind == ProviderKind::Anthropic) o.insert(QStringLiteral("anthropicVersion"), anthropicVersion);
    return o;
}

ServiceConfig defaultServiceFor(ProviderKind kind, const QString &name)
{
    ServiceConfig c;
    c.name = name;
    c.kind = kind;
    switch (kind) {
    case ProviderKind::Gemini:
        c.baseUrl = QUrl(QStringLiteral("https://generativelanguage.googleapis.com"));
        c.model = QStringLiteral("gemini-2.0-flash");
        c.keyEnv = {QStringLiteral("GEMINI_API_KEY"), QStringLiteral("GOOGLE_API_KEY")};
        c.pricing = {0.10, 0.40};
        break;
    case ProviderKind::Cohere:
        c.baseUrl = QUrl(QStringLiteral("https://api.cohere.com"));
        c.model = QStringLiteral("command-r-08-2024");
        c.variant = QStringLiteral("v2");
        c.keyEnv = {QStringLiteral("COHERE_API_KEY")};
        c.pricing = {0.15, 0.60};
        break;
    case ProviderKind::HuggingFace:
        c.baseUrl = QUrl(QStringLiteral("https://router.huggingface.co"));
        c.model = QStringLiteral("meta-llama/Llama-3.1-8B-Instruct");
        c.variant = QStringLiteral("router");
        c.keyEnv = {QStringLiteral("HF_TOKEN"), QStringLiteral("HUGGINGFACE_API_KEY")};
        break;
    case ProviderKind::OpenAi:
        c.baseUrl = QUrl(QStringLiteral("https://api.openai.com"));
        c.model = QStringLiteral("gpt-4o-mini");
        c.keyEnv = {QStringLiteral("OPENAI_API_KEY")};
        c.pricing = {0.15, 0.60};
        break;
    case ProviderKind::Anthropic:
        c.baseUrl = QUrl(QStringLiteral("https://api.anthropic.com"));
        c.model = QStringLiteral("claude-3-5-haiku-latest");
        c.keyEnv = {QStringLiteral("ANTHROPIC_API_KEY")};
        c.pricing = {0.80, 4.00};
        break;
    }
    return c;
}

void resolveKeyFromEnvironment(ServiceConfig &config)
{
    if (!config.apiKey.isEmpty()) return;
    for (const QString &var : std::as_const(config.keyEnv)) {
        const QString value = qEnvironmentVariable(var.toLatin1().constData()).trimmed();
        if (!isPlaceholderKey(value)) {
            config.apiKey = value;
            config.keySource = QStringLiteral("env:") + var;
            return;
        }
    }
}

QList<ServiceConfig> defaultServices()
{
    struct Seed
    {
        ProviderKind kind;
        const char *name;
        const char *urlVar;
    };
    const Seed seeds[] = {{ProviderKind::Gemini, "gemini", "GOOGLE_API_URL"},
                          {ProviderKind::Cohere, "cohere", "COHERE_API_URL"},
                          {ProviderKind::HuggingFace, "huggingface", "HUGGINGFACE_API_URL"}};
    QList<ServiceConfig> out;
    for (const Seed &s : seeds) {
        ServiceConfig c = defaultServiceFor(s.kind, QLatin1String(s.name));
        const QString url = qEnvironmentVariable(s.urlVar);
        if (!url.isEmpty()) applySeedUrl(c, url);
        resolveKeyFromEnvironment(c);
        out.append(c);
    }
    return out;
}

bool isValidServiceName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}$"));
    return re.match(name).hasMatch() && name != QLatin1String("all");
}

QString mergeServiceJson(ServiceConfig &config, const QJsonObject &o)
{
    static const QSet<QString> known{QStringLiteral("name"),
                                     QStringLiteral("kind"),
                                     QStringLiteral("variant"),
                                     QStringLiteral("baseUrl"),
                                     QStringLiteral("model"),
                                     QStringLiteral("keyEnv"),
                                     QStringLiteral("apiKey"),
                                     QStringLiteral("requiresKey"),
                                     QStringLiteral("forceSimulation"),
                                     QStringLiteral("enabled"),
                                     QStringLiteral("timeoutMs"),
                                     QStringLiteral("maxConcurrent"),
                                     QStringLiteral("maxTokens"),
                                     QStringLiteral("anthropicVersion"),
                                     QStringLiteral("pricing"),
                                     QStringLiteral("simulation"),
                                     QStringLiteral("keyStatus"),
                                     QStringLiteral("keySource"),
                                     QStringLiteral("simulated")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key())) return QStringLiteral("unknown service field \"%1\"").arg(it.key());

    ServiceConfig c = config;
    QString e;
    QString kind = airm::toString(c.kind);
    QString baseUrl = c.baseUrl.toString();
    if (!readString(o, "kind", kind, &e)) return e;
    const auto parsedKind = providerKindFromString(kind);
    if (!parsedKind)
        return QStringLiteral("kind must be one of gemini, cohere, huggingface, openai, anthropic");
    c.kind = *parsedKind;
    if (!readString(o, "name", c.name, &e) || !readString(o, "variant", c.variant, &e) ||
        !readString(o, "baseUrl", baseUrl, &e) || !readString(o, "model", c.model, &e) ||
        !readString(o, "anthropicVersion", c.anthropicVersion, &e) ||
        !readBool(o, "requiresKey", c.requiresKey, &e) ||
        !readBool(o, "forceSimulation", c.forceSimulation, &e) || !readBool(o, "enabled", c.enabled, &e) ||
        !readNumber(o, "timeoutMs", c.timeoutMs, 1, 600000, &e) ||
        !readNumber(o, "maxConcurrent", c.maxConcurrent, 0, 10000, &e) ||
        !readNumber(o, "maxTokens", c.maxTokens, 1, 1000000, &e))
        return e;
    if (!isValidServiceName(c.name))
        return QStringLiteral("name must match [a-z0-9][a-z0-9_-]{0,63} and not be \"all\"");
    c.baseUrl = QUrl(baseUrl);
    if (!c.baseUrl.isValid() ||
        (c.baseUrl.scheme() != QLatin1String("http") && c.baseUrl.scheme() != QLatin1String("https")))
        return QStringLiteral("baseUrl must be an http or https URL");
    if (c.kind == ProviderKind::Cohere && !c.variant.isEmpty() && c.variant != QLatin1String("v1") &&
        c.variant != QLatin1String("v2"))
        return QStringLiteral("variant of a cohere service must be v1 or v2");
    if (c.kind == ProviderKind::HuggingFace && !c.variant.isEmpty() && c.variant != QLatin1String("router") &&
        c.variant != QLatin1String("tgi"))
        return QStringLiteral("variant of a huggingface service must be router or tgi");
    if (o.contains(QLatin1String("keyEnv"))) {
        const QJsonValue v = o.value(QLatin1String("keyEnv"));
        QStringList vars;
        if (v.isString())
            vars << v.toString();
        else if (v.isArray())
            for (const QJsonValue &x : v.toArray()) {
                if (!x.isString()) return QStringLiteral("keyEnv must be a string or an array of strings");
                vars << x.toString();
            }
        else
            return QStringLiteral("keyEnv must be a string or an array of strings");
        c.keyEnv = vars;
    }
    if (o.contains(QLatin1String("apiKey"))) {
        QString key;
        if (!readString(o, "apiKey", key, &e)) return e;
        c.apiKey = key.trimmed();
        c.keySource = c.apiKey.isEmpty() ? QString() : QStringLiteral("config");
    }
    if (o.contains(QLatin1String("pricing"))) {
        const QJsonObject p = o.value(QLatin1String("pricing")).toObject();
        if (!readNumber(p, "inputPerMillionUsd", c.pricing.inputPerMillionUsd, 0, 1e6, &e) ||
            !readNumber(p, "outputPerMillionUsd", c.pricing.outputPerMillionUsd, 0, 1e6, &e))
            return QStringLiteral("pricing.") + e;
    }
    if (o.contains(QLatin1String("simulation"))) {
        const QString err = c.simulation.mergeJson(o.value(QLatin1String("simulation")).toObject());
        if (!err.isEmpty()) return err;
    }
    config = c;
    return {};
}

} // namespace airm
