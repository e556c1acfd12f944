#include "minuterollup.h"

#include <algorithm>
#include <cmath>

namespace airm {

qint64 latencyToUs(double ms)
{
    if (!std::isfinite(ms) || ms <= 0.0) return 0;
    return qint64(std::llround(ms * 1000.0));
}

qint64 costToNanoUsd(double usd)
{
    if (!std::isfinite(usd) || usd <= 0.0) return 0;
    return qint64(std::llround(usd * 1e9));
}

void MinuteRollup::add(const RequestRecord &r)
{
    ++requests;
    switch (r.outcome) {
    case Outcome::Success:
        ++successes;
        break;
    case Outcome::Failure:
        ++failures;
        break;
    case Outcome::Rejected:
        ++rejected;
        break;
    case Outcome::Timeout:
        ++timeouts;
        break;
    }
    if (r.chaosAffected()) ++chaos;
    if (r.simulated) ++simulated;
    tokensIn += r.inputTokens;
    tokensOut += r.outputTokens;
    costNusd += costToNanoUsd(r.costUsd);
    respLenSum += r.responseLength;
    if (r.outcome == Outcome::Rejected) return;
    const qint64 us = latencyToUs(r.latencyMs);
    ++latCount;
    latSumUs += us;
    latMinUs = latMinUs < 0 ? us : std::min(latMinUs, us);
    latMaxUs = std::max(latMaxUs, us);
    if (r.outcome == Outcome::Success) okLatSumUs += us;
    ++buckets[std::size_t(LatencyBuckets::indexFor(double(us) / 1000.0))];
}

void MinuteRollup::merge(const MinuteRollup &o)
{
    requests += o.requests;
    successes += o.successes;
    failures += o.failures;
    rejected += o.rejected;
    timeouts += o.timeouts;
    chaos += o.chaos;
    simulated += o.simulated;
    if (o.latCount > 0) {
        latMinUs = latMinUs < 0 ? o.latMinUs : std::min(latMinUs, o.latMinUs);
        latMaxUs = std::max(latMaxUs, o.latMaxUs);
    }
    latCount += o.latCount;
    latSumUs += o.latSumUs;
    okLatSumUs += o.okLatSumUs;
    tokensIn += o.tokensIn;
    tokensOut += o.tokensOut;
    costNusd += o.costNusd;
    respLenSum += o.respLenSum;
    for (std::size_t i = 0; i < buckets.size(); ++i)
        buckets[i] += o.buckets[i];
}

const QStringList &MinuteRollup::additiveColumns()
{
    static const QStringList columns = [] {
        QStringList c{
            QStringLiteral("requests"),      QStringLiteral("successes"),   QStringLiteral("failures"),
            QStringLiteral("rejected"),      QStringLiteral("timeouts"),    QStringLiteral("chaos"),
            QStringLiteral("simulated"),     QStringLiteral("lat_count"),   QStringLiteral("lat_sum_us"),
            QStringLiteral("ok_lat_sum_us"), QStringLiteral("tokens_in"),   QStringLiteral("tokens_out"),
            QStringLiteral("cost_nusd"),     QStringLiteral("resp_len_sum")};
        for (int i = 0; i < LatencyBuckets::kCount; ++i)
            c << LatencyBuckets::columnName(i);
        return c;
    }();
    return columns;
}

QList<qint64> MinuteRollup::additiveValues() const
{
    QList<qint64> v{requests, successes, failures,   rejected, timeouts,  chaos,    simulated,
                    latCount, latSumUs,  okLatSumUs, tokensIn, tokensOut, costNusd, respLenSum};
    for (qint64 b : buckets)
        v << b;
    return v;
}

void MinuteRollup::setAdditiveValues(const QList<qint64> &v)
{
    if (v.size() < additiveColumns().size()) return;
    qint64 *fields[] = {&requests, &successes, &failures,   &rejected, &timeouts,  &chaos,    &simulated,
                        &latCount, &latSumUs,  &okLatSumUs, &tokensIn, &tokensOut, &costNusd, &respLenSum};
    qsizetype i = 0;
    for (qint64 *f : fields)
        *f = v[i++];
    for (qint64 &b : buckets)
        b = v[i++];
}

} // namespace airm
