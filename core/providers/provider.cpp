#include "provider.h"

#include "anthropicprovider.h"
#include "cohereprovider.h"
#include "geminiprovider.h"
#include "huggingfaceprovider.h"
#include "openaiprovider.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <climits>
#include <cmath>

namespace airm {
namespace {

// An error message quotes at most this much of an unparsable error body.
constexpr int kSnippetChars = 200;
// Decoding more than this of a body cannot change a 200-character snippet much.
constexpr int kSnippetBytes = 4 * kSnippetChars;

QString displayName(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::Gemini:
        return QStringLiteral("Gemini");
    case ProviderKind::Cohere:
        return QStringLiteral("Cohere");
    case ProviderKind::HuggingFace:
        return QStringLiteral("Hugging Face");
    case ProviderKind::OpenAi:
        return QStringLiteral("OpenAI");
    case ProviderKind::Anthropic:
        return QStringLiteral("Anthropic");
    }
    return toString(kind);
}

ErrorClass errorClassForTransport(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return ErrorClass::None;
    case TransportError::Timeout:
        return ErrorClass::Timeout;
    case TransportError::Aborted:
        return ErrorClass::Cancelled;
    case TransportError::ConnectionRefused:
    case TransportError::ConnectionReset:
    case TransportError::HostNotFound:
    case TransportError::Tls:
    case TransportError::Other:
        return ErrorClass::Network;
    }
    return ErrorClass::Network;
}

QString defaultTransportMessage(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return {};
    case TransportError::ConnectionRefused:
        return QStringLiteral("Connection refused");
    case TransportError::ConnectionReset:
        return QStringLiteral("Connection closed by the remote host");
    case TransportError::HostNotFound:
        return QStringLiteral("Host not found");
    case TransportError::Timeout:
        return QStringLiteral("Timed out waiting for a response");
    case TransportError::Aborted:
        return QStringLiteral("Request cancelled");
    case TransportError::Tls:
        return QStringLiteral("TLS handshake failed");
    case TransportError::Other:
        return QStringLiteral("Network error");
    }
    return QStringLiteral("Network error");
}

// Providers sometimes echo (part of) a credential in an error; the message must never carry one onwards.
QString redactSecrets(QString text)
{
    static const QRegularExpression secret(
        QStringLiteral(R"((sk-[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{20,}|hf_[A-Za-z0-9]{8,}|)"
                       R"((?i:bearer)\s+[A-Za-z0-9._~+/=\-]{8,}))"));
    text.replace(secret, QStringLiteral("[redacted]"));
    return text;
}

QString snippet(const QByteArray &body)
{
    QString s = QString::fromUtf8(body.left(kSnippetBytes));
    for (QChar &c : s)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) c = QLatin1Char(' ');
    s = redactSecrets(s.simplified());
    if (s.size() > kSnippetChars) s = s.left(kSnippetChars - 3) + QStringLiteral("...");
    return s;
}

int clampMs(double ms)
{
    if (ms <= 0) return 0;
    if (ms >= double(INT_MAX)) return INT_MAX;
    return int(std::llround(ms));
}

// retry-after-ms (OpenAI, Azure and others): milliseconds as a number.
int parseRetryAfterMsHeader(const QByteArray &value)
{
    bool ok = false;
    const double ms = value.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(ms) || ms < 0) return -1;
    return clampMs(ms);
}

QDateTime parseHttpDate(const QString &text)
{
    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"): Qt 6.4's RFC 2822 parser wants a numeric zone.
    static const QRegularExpression gmtSuffix(QStringLiteral(R"(\s+(GMT|UTC|UT|Z)$)"),
                                              QRegularExpression::CaseInsensitiveOption);
    QString normalized = text;
    normalized.replace(gmtSuffix, QStringLiteral(" +0000"));
    QDateTime date = QDateTime::fromString(normalized, Qt::RFC2822Date); // also takes asctime()
    if (date.isValid()) return date;

    // Obsolete RFC 850 form: "Sunday, 06-Nov-94 08:49:37 GMT". The weekday is dropped because Qt checks it
    // against the two-digit year read as 19yy.
    QString rfc850 = text.mid(text.indexOf(QLatin1Char(',')) + 1).trimmed();
    rfc850.remove(gmtSuffix);
    date = QLocale::c().toDateTime(rfc850, QStringLiteral("dd-MMM-yy HH:mm:ss"));
    if (!date.isValid()) return {};
    date.setTimeSpec(Qt::UTC);
    if (date.date().year() < 1970) date = date.addYears(100);
    return date;
}

} // namespace

ProviderReply Provider::parseReply(const HttpResponse &response) const
{
    ProviderReply reply;
    reply.httpStatus = response.status;

    if (response.error != TransportError::None) {
        reply.errorClass = errorClassForTransport(response.error);
        reply.errorMessage = redactSecrets(
            response.errorString.isEmpty() ? defaultTransportMessage(response.error) : response.errorString);
        return reply;
    }
    if (response.status <= 0) {
        reply.errorClass = ErrorClass::Network;
        reply.errorMessage = QStringLiteral("No HTTP response");
        return reply;
    }

    if (response.status / 100 == 2) {
        ProviderReply parsed = reply;
        // A parser returns true with an error class set when the body is well-formed but reports a refusal
        // (Gemini's safety block): the schema matched, yet there is no answer.
        if (!response.body.isEmpty() && parseSuccess(response.body, parsed)) {
            parsed.ok = parsed.errorClass == ErrorClass::None;
            if (parsed.ok) {
                parsed.errorMessage.clear();
            } else {
                parsed.text.clear();
                parsed.errorMessage = redactSecrets(parsed.errorMessage);
            }
            return parsed;
        }
        reply.errorClass = ErrorClass::CorruptResponse;
        reply.errorMessage = QStringLiteral("Response did not match the %1 schema").arg(displayName(kind()));
        return reply;
    }

    reply.errorClass = errorClassForStatus(response.status);
    parseErrorBody(response.body, response.status, reply);
    reply.ok = false;
    reply.text.clear();
    if (reply.errorMessage.isEmpty()) {
        const QString quoted = snippet(response.body);
        reply.errorMessage = QStringLiteral("HTTP %1").arg(response.status);
        if (!quoted.isEmpty()) reply.errorMessage += QStringLiteral(": ") + quoted;
    } else {
        reply.errorMessage = redactSecrets(reply.errorMessage);
    }

    // Headers beat a hint from the body; the millisecond header beats the second one.
    int retryAfterMs = parseRetryAfterMsHeader(response.header(QByteArrayLiteral("retry-after-ms")));
    if (retryAfterMs < 0)
        retryAfterMs = parseRetryAfterMs(response.header(QByteArrayLiteral("Retry-After")),
                                         QDateTime::currentMSecsSinceEpoch());
    if (retryAfterMs >= 0) reply.retryAfterMs = retryAfterMs;
    return reply;
}

std::unique_ptr<Provider> makeProvider(ProviderKind kind, const QString &variant)
{
    switch (kind) {
    case ProviderKind::Gemini:
        return std::make_unique<GeminiProvider>();
    case ProviderKind::Cohere:
        return std::make_unique<CohereProvider>(variant.compare(QLatin1String("v1"), Qt::CaseInsensitive) == 0
                                                    ? CohereProvider::Api::V1Generate
                                                    : CohereProvider::Api::V2Chat);
    case ProviderKind::HuggingFace:
        return std::make_unique<HuggingFaceProvider>(
            variant.compare(QLatin1String("tgi"), Qt::CaseInsensitive) == 0
                ? HuggingFaceProvider::Api::Tgi
                : HuggingFaceProvider::Api::Router);
    case ProviderKind::OpenAi:
        return std::make_unique<OpenAiProvider>();
    case ProviderKind::Anthropic:
        return std::make_unique<AnthropicProvider>();
    }
    return std::make_unique<OpenAiProvider>();
}

ErrorClass errorClassForStatus(int httpStatus)
{
    switch (httpStatus) {
    case 429:
        return ErrorClass::RateLimited;
    case 401:
    case 403:
        return ErrorClass::Auth;
    case 408:
    case 504:
        return ErrorClass::Timeout;
    case 503:
    case 529:
        return ErrorClass::Overloaded;
    default:
        break;
    }
    if (httpStatus <= 0) return ErrorClass::Network;
    if (httpStatus / 100 == 2) return ErrorClass::None;
    if (httpStatus >= 500) return ErrorClass::ServerError;
    // 4xx, and 1xx/3xx which an API call should never end on (an unfollowed redirect is a configuration
    // error).
    return ErrorClass::BadRequest;
}

int parseRetryAfterMs(const QByteArray &value, qint64 nowWallMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty()) return -1;
    bool ok = false;
    const double seconds = trimmed.toDouble(&ok);
    if (ok) {
        if (!std::isfinite(seconds) || seconds < 0) return -1;
        return clampMs(seconds * 1000.0);
    }
    const QDateTime date = parseHttpDate(QString::fromLatin1(trimmed));
    if (!date.isValid()) return -1;
    return clampMs(double(date.toMSecsSinceEpoch() - nowWallMs));
}

} // namespace airm
