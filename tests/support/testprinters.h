// Lets QCOMPARE print the core's enums by their edge names ("OPEN", "rate_limited", ...).
#pragma once

#include "model/types.h"

#include <QTest>

namespace QTest {
template<> inline char *toString(const airm::Outcome &v)
{
    return qstrdup(qPrintable(airm::toString(v)));
}
template<> inline char *toString(const airm::ErrorClass &v)
{
    return qstrdup(qPrintable(airm::toString(v)));
}
template<> inline char *toString(const airm::BreakerState &v)
{
    return qstrdup(qPrintable(airm::toString(v)));
}
template<> inline char *toString(const airm::ChaosType &v)
{
    return qstrdup(qPrintable(airm::toString(v)));
}
template<> inline char *toString(const airm::ProviderKind &v)
{
    return qstrdup(qPrintable(airm::toString(v)));
}
template<> inline char *toString(const airm::Origin &v)
{
    return qstrdup(qPrintable(airm::toString(v)));
}
template<> inline char *toString(const airm::HealthState &v)
{
    return qstrdup(qPrintable(airm::toString(v)));
}
template<> inline char *toString(const airm::CorruptionMode &v)
{
    return qstrdup(qPrintable(airm::toString(v)));
}
} // namespace QTest
