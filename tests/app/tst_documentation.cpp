// The documentation and the program agree: every option --help prints is in the README's command line
// reference and in the man page, and neither documents an option the program does not have.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

class TestDocumentation : public QObject
{
    Q_OBJECT

    static QSet<QString> options(const QString &text)
    {
        static const QRegularExpression option(QStringLiteral("(?<![\\w-])--[a-z][a-z-]*[a-z]"));
        QSet<QString> out;
        auto it = option.globalMatch(text);
        while (it.hasNext())
            out.insert(it.next().captured(0));
        return out;
    }

    static QString read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    // Options --help lists in its Options: block (the first column of each entry).
    static QSet<QString> helpOptions()
    {
        QProcess p;
        p.start(QStringLiteral(AIRM_APP_PATH), {QStringLiteral("--help")});
        p.waitForFinished(10000);
        static const QRegularExpression entry(QStringLiteral("^\\s+(?:-\\w, )?(--[a-z][a-z-]*)"),
                                              QRegularExpression::MultilineOption);
        QSet<QString> out;
        auto it = entry.globalMatch(QString::fromUtf8(p.readAllStandardOutput()));
        while (it.hasNext())
            out.insert(it.next().captured(1));
        return out;
    }

private slots:
    void readmeListsEveryOption()
    {
        const QString readme = read(QFINDTESTDATA("../../README.md"));
        QVERIFY(!readme.isEmpty());
        const qsizetype from = readme.indexOf(QLatin1String("## Command line"));
        const qsizetype block = readme.indexOf(QLatin1String("```"), from);
        const qsizetype end = readme.indexOf(QLatin1String("```"), block + 3);
        QVERIFY(from > 0 && block > from && end > block);
        const QSet<QString> documented = options(readme.mid(block, end - block));
        const QSet<QString> help = helpOptions();
        QVERIFY(help.size() >= 30);
        QVERIFY2((help - documented).isEmpty(),
                 qPrintable(QStringLiteral("not in the README: ") + (help - documented).values().join(u' ')));
        QVERIFY2((documented - help).isEmpty(),
                 qPrintable(QStringLiteral("not in --help: ") + (documented - help).values().join(u' ')));
    }

    void manPageListsEveryOption()
    {
        QString man = read(QFINDTESTDATA("../../packaging/ai-resilience-monitor.1"));
        QVERIFY(!man.isEmpty());
        man.replace(QLatin1String("\\-"), QLatin1String("-"));
        const QSet<QString> documented = options(man);
        QSet<QString> help = helpOptions();
        help.remove(QStringLiteral("--help-all")); // Qt's own
        QVERIFY2((help - documented).isEmpty(), qPrintable(QStringLiteral("not in the man page: ") +
                                                           (help - documented).values().join(u' ')));
        QVERIFY2((documented - help).isEmpty(),
                 qPrintable(QStringLiteral("not in --help: ") + (documented - help).values().join(u' ')));
    }
};

QTEST_GUILESS_MAIN(TestDocumentation)
#include "tst_documentation.moc"
