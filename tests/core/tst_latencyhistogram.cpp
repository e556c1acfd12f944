#include "metrics/latencyhistogram.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace airm;

namespace {

enum class Distribution { Uniform, LogNormal, Exponential, Bimodal, Constant, Wide };

std::vector<double> generate(Distribution d, int n, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::vector<double> v;
    v.reserve(static_cast<std::size_t>(n));
    std::uniform_real_distribution<double> uniform(1.0, 1000.0);
    std::lognormal_distribution<double> logNormal(6.0, 1.0); // median ~400 ms, long tail
    std::exponential_distribution<double> exponential(1.0 / 250.0);
    std::normal_distribution<double> fast(120.0, 15.0), slow(4000.0, 600.0);
    std::uniform_real_distribution<double> exponent(-0.5, 6.5); // 0.3 ms .. 50 min
    std::bernoulli_distribution coin(0.8);
    for (int i = 0; i < n; ++i) {
        switch (d) {
        case Distribution::Uniform:
            v.push_back(uniform(rng));
            break;
        case Distribution::LogNormal:
            v.push_back(logNormal(rng));
            break;
        case Distribution::Exponential:
            v.push_back(0.2 + exponential(rng));
            break;
        case Distribution::Bimodal:
            v.push_back(std::max(0.2, coin(rng) ? fast(rng) : slow(rng)));
            break;
        case Distribution::Constant:
            v.push_back(742.25);
            break;
        case Distribution::Wide:
            v.push_back(std::pow(10.0, exponent(rng)));
            break;
        }
    }
    return v;
}

// Nearest rank, the definition the histogram documents.
double exactQuantile(const std::vector<double> &sorted, double q)
{
    const auto n = static_cast<qint64>(sorted.size());
    const auto rank = std::clamp<qint64>(static_cast<qint64>(std::ceil(q * double(n) - 1e-9)), 1, n);
    return sorted[static_cast<std::size_t>(rank - 1)];
}

} // namespace

class TestLatencyHistogram : public QObject
{
    Q_OBJECT

private slots:
    void quantilesWithinOnePercent_data()
    {
        QTest::addColumn<int>("distribution");
        QTest::addColumn<int>("samples");
        QTest::addColumn<quint64>("seed");
        QTest::addRow("uniform 1..1000 ms, 10k") << int(Distribution::Uniform) << 10000 << quint64(1);
        QTest::addRow("uniform, 7 samples") << int(Distribution::Uniform) << 7 << quint64(2);
        QTest::addRow("log-normal, 50k") << int(Distribution::LogNormal) << 50000 << quint64(3);
        QTest::addRow("exponential, 20k") << int(Distribution::Exponential) << 20000 << quint64(4);
        QTest::addRow("bimodal, 20k") << int(Distribution::Bimodal) << 20000 << quint64(5);
        QTest::addRow("constant, 1000") << int(Distribution::Constant) << 1000 << quint64(6);
        QTest::addRow("0.3 ms .. 50 min, 30k") << int(Distribution::Wide) << 30000 << quint64(7);
    }

    void quantilesWithinOnePercent()
    {
        QFETCH(int, distribution);
        QFETCH(int, samples);
        QFETCH(quint64, seed);
        std::vector<double> values = generate(Distribution(distribution), samples, seed);
        LatencyHistogram h;
        double sum = 0;
        for (double v : values) {
            h.record(v);
            sum += v;
        }
        std::sort(values.begin(), values.end());

        QCOMPARE(h.count(), qint64(samples));
        QCOMPARE(h.minMs(), values.front());
        QCOMPARE(h.maxMs(), values.back());
        QVERIFY(std::abs(h.sumMs() - sum) <= 1e-9 * sum);
        QVERIFY(std::abs(h.meanMs() - sum / samples) <= 1e-9 * sum);
        for (double q : {0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0}) {
            const double exact = exactQuantile(values, q);
            const double got = h.quantileMs(q);
            if (std::abs(got - exact) > 0.01 * exact)
                QFAIL(qPrintable(QStringLiteral("q=%1: got %2, exact %3").arg(q).arg(got).arg(exact)));
            // The answer is a bucket's upper edge clamped to the range, so it never undershoots.
            QVERIFY2(got >= exact, qPrintable(QString::number(q)));
        }

        const LatencySummary s = h.summary();
        QCOMPARE(s.count, qint64(samples));
        QCOMPARE(s.p50Ms, h.quantileMs(0.5));
        QCOMPARE(s.p90Ms, h.quantileMs(0.9));
        QCOMPARE(s.p95Ms, h.quantileMs(0.95));
        QCOMPARE(s.p99Ms, h.quantileMs(0.99));
        QCOMPARE(s.minMs, values.front());
        QCOMPARE(s.maxMs, values.back());
    }

    void singleSampleIsExact_data()
    {
        QTest::addColumn<double>("ms");
        QTest::addRow("zero") << 0.0;
        QTest::addRow("1 us") << 0.001;
        QTest::addRow("sub-ms") << 0.4567;
        QTest::addRow("1 ms") << 1.0;
        QTest::addRow("odd") << 37.31;
        QTest::addRow("seconds") << 1234.567;
        QTest::addRow("one minute") << 60000.0;
        QTest::addRow("one hour") << 3600000.0;
        QTest::addRow("above range") << 1e9;
    }

    void singleSampleIsExact()
    {
        QFETCH(double, ms);
        LatencyHistogram h;
        h.record(ms);
        QCOMPARE(h.count(), qint64(1));
        for (double q : {0.0, 0.5, 0.9, 0.99, 1.0})
            QCOMPARE(h.quantileMs(q), ms);
        const LatencySummary s = h.summary();
        QCOMPARE(s.minMs, ms);
        QCOMPARE(s.maxMs, ms);
        QCOMPARE(s.meanMs, ms);
        QCOMPARE(s.p50Ms, ms);
        QCOMPARE(s.p99Ms, ms);
        QCOMPARE(h.countAtOrBelow(ms), qint64(1));
    }

    void clampsOutOfRangeValues_data()
    {
        QTest::addColumn<double>("ms");
        QTest::addColumn<double>("expected");
        QTest::addRow("negative") << -5.0 << 0.0;
        QTest::addRow("nan") << std::nan("") << 0.0;
        QTest::addRow("far above range") << 5e10 << 5e10;
    }

    void clampsOutOfRangeValues()
    {
        QFETCH(double, ms);
        QFETCH(double, expected);
        LatencyHistogram h;
        h.record(ms);
        h.record(ms);
        QCOMPARE(h.count(), qint64(2));
        QCOMPARE(h.minMs(), expected);
        QCOMPARE(h.maxMs(), expected);
        QCOMPARE(h.quantileMs(0.5), expected);
    }

    void valuesAboveRangeStayWithinMinAndMax()
    {
        // 2 h and 3 h are both above the ~71 min bucket range: they share the top bucket, and the answers
        // come from the exact min and max.
        LatencyHistogram h;
        h.record(2 * 3600000.0);
        h.record(3 * 3600000.0);
        QCOMPARE(h.minMs(), 2 * 3600000.0);
        QCOMPARE(h.maxMs(), 3 * 3600000.0);
        QVERIFY(h.quantileMs(0.5) >= 2 * 3600000.0);
        QVERIFY(h.quantileMs(0.5) <= 3 * 3600000.0);
        QCOMPARE(h.quantileMs(1.0), 3 * 3600000.0);
        QCOMPARE(h.countAtOrBelow(3 * 3600000.0), qint64(2));
    }

    void emptyHistogram()
    {
        LatencyHistogram h;
        QCOMPARE(h.count(), qint64(0));
        QCOMPARE(h.quantileMs(0.5), 0.0);
        QCOMPARE(h.quantileMs(1.0), 0.0);
        QCOMPARE(h.minMs(), 0.0);
        QCOMPARE(h.maxMs(), 0.0);
        QCOMPARE(h.meanMs(), 0.0);
        QCOMPARE(h.countAtOrBelow(1e9), qint64(0));
        const LatencySummary s = h.summary();
        QCOMPARE(s.count, qint64(0));
        QCOMPARE(s.p50Ms, 0.0);
        QCOMPARE(s.p99Ms, 0.0);
        QCOMPARE(s.maxMs, 0.0);
    }

    void mergeEqualsRecordingEverything_data()
    {
        QTest::addColumn<int>("split"); // samples that go to the first half
        QTest::addRow("halves") << 5000;
        QTest::addRow("all in first") << 10000;
        QTest::addRow("all in second") << 0;
        QTest::addRow("one in first") << 1;
    }

    void mergeEqualsRecordingEverything()
    {
        QFETCH(int, split);
        const std::vector<double> values = generate(Distribution::LogNormal, 10000, 11);
        LatencyHistogram a, b, whole;
        for (int i = 0; i < int(values.size()); ++i) {
            (i < split ? a : b).record(values[std::size_t(i)]);
            whole.record(values[std::size_t(i)]);
        }
        a.merge(b);
        QCOMPARE(a.count(), whole.count());
        QCOMPARE(a.minMs(), whole.minMs());
        QCOMPARE(a.maxMs(), whole.maxMs());
        QVERIFY(std::abs(a.sumMs() - whole.sumMs()) < 1e-6 * whole.sumMs());
        for (double q : {0.0, 0.1, 0.5, 0.9, 0.99, 1.0})
            QCOMPARE(a.quantileMs(q), whole.quantileMs(q));
        for (double ms : {10.0, 100.0, 500.0, 2000.0})
            QCOMPARE(a.countAtOrBelow(ms), whole.countAtOrBelow(ms));
    }

    void mergeOfDisjointRangesKeepsOrder()
    {
        LatencyHistogram fast, slow;
        for (int i = 0; i < 90; ++i)
            fast.record(10.0);
        for (int i = 0; i < 10; ++i)
            slow.record(5000.0);
        slow.merge(fast);
        QCOMPARE(slow.count(), qint64(100));
        QCOMPARE(slow.minMs(), 10.0);
        QVERIFY(slow.quantileMs(0.9) >= 10.0 && slow.quantileMs(0.9) <= 10.1); // a bucket's upper edge
        QCOMPARE(slow.quantileMs(0.91), 5000.0);
        LatencyHistogram empty;
        slow.merge(empty);
        QCOMPARE(slow.count(), qint64(100));
        empty.merge(slow);
        QCOMPARE(empty.quantileMs(0.95), 5000.0);
        QCOMPARE(empty.minMs(), 10.0);
    }

    void countAtOrBelow_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::addRow("below min") << 0.5;
        QTest::addRow("5 ms") << 5.0;
        QTest::addRow("100 ms") << 100.0;
        QTest::addRow("2.5 s") << 2500.0;
        QTest::addRow("above max") << 1e8;
    }

    void countAtOrBelow()
    {
        QFETCH(double, threshold);
        // Values sit on a threshold or 2 % or more away from it, so bucket resolution gives the exact count.
        const std::vector<double> values{1.0,  4.0,   4.9,   5.0,    7.0,    60.0,
                                         97.0, 103.0, 900.0, 2400.0, 2600.0, 9000.0};
        LatencyHistogram h;
        for (double v : values)
            h.record(v);
        const auto expected =
            std::count_if(values.begin(), values.end(), [&](double v) { return v <= threshold; });
        QCOMPARE(h.countAtOrBelow(threshold), qint64(expected));
    }

    void clearEmpties()
    {
        LatencyHistogram h;
        for (double v : generate(Distribution::Uniform, 100, 9))
            h.record(v);
        h.clear();
        QCOMPARE(h.count(), qint64(0));
        QCOMPARE(h.sumMs(), 0.0);
        QCOMPARE(h.quantileMs(0.5), 0.0);
        h.record(3.0);
        QCOMPARE(h.quantileMs(0.5), 3.0);
        QCOMPARE(h.countAtOrBelow(2.0), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
