// Translations: the compiled-in German catalogue is found the way DesktopApp looks for it and turns the
// window German (navigation, menus, buttons, plurals); the English catalogue supplies the English plural
// forms; and translations/ai-resilience-monitor_de.ts is complete: every entry finished, non-empty, with the
// placeholders and accelerator of its source, and no tr() string of ui/, app/ or core/settings/ missing from
// it.
#include "uitestrig.h"

#include "mainwindow.h"

#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QListWidget>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace airm;
using namespace airm::ui;
using namespace airm::ui::test;

namespace {

const QString kCatalogue = QStringLiteral("ai-resilience-monitor");
const QString kResourceDir = QStringLiteral(":/i18n");

// Installs a catalogue from the resource for the lifetime of the object, as DesktopApp does at start.
class ScopedTranslator
{
public:
    explicit ScopedTranslator(const QLocale &locale)
    {
        m_loaded = m_translator.load(locale, kCatalogue, QStringLiteral("_"), kResourceDir);
        if (m_loaded) QCoreApplication::installTranslator(&m_translator);
    }
    ~ScopedTranslator()
    {
        if (m_loaded) QCoreApplication::removeTranslator(&m_translator);
    }
    bool loaded() const { return m_loaded; }
    QString file() const { return m_translator.filePath(); }

private:
    QTranslator m_translator;
    bool m_loaded = false;
};

// One <message> of a .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString type;             // "unfinished", "vanished", "obsolete" or empty when finished
    QStringList translations; // one, or one per numerus form
    bool numerus = false;
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> out;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{context,
                                {},
                                {},
                                {},
                                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement())
                    message.translations << xml.readElementText();
            } else {
                message.translations << xml.readElementText();
            }
            out << message;
        }
    }
    if (xml.hasError()) *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return out;
}

// %1…%99 as a sorted, duplicate-free list; %n separately, since a singular form may spell the number out.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d{1,2})"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.removeDuplicates();
    found.sort();
    return found;
}

// A keyboard accelerator: "&" before a character, not "&&" and not an entity written out in the text.
bool hasAccelerator(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("(?<!&)&(?!&|[a-zA-Z]+;|#\\d+;)\\S"));
    return re.match(text).hasMatch();
}

QString describe(const TsMessage &m)
{
    return QStringLiteral("%1: \"%2\"").arg(m.context, m.source.left(70).replace(QLatin1Char('\n'), u' '));
}

QStringList problemsOf(const QList<TsMessage> &messages)
{
    QStringList problems;
    for (const TsMessage &m : messages) {
        if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete")) continue;
        if (m.type == QLatin1String("unfinished")) {
            problems << QStringLiteral("unfinished: ") + describe(m);
            continue;
        }
        if (m.translations.isEmpty() || m.translations.contains(QString())) {
            problems << QStringLiteral("empty: ") + describe(m);
            continue;
        }
        for (const QString &t : m.translations)
            if (placeholders(t) != placeholders(m.source))
                problems << QStringLiteral("placeholders %1 instead of %2: %3")
                                .arg(placeholders(t).join(u','), placeholders(m.source).join(u','),
                                     describe(m));
        if (m.numerus && !m.translations.constLast().contains(QLatin1String("%n")))
            problems << QStringLiteral("plural form without %n: ") + describe(m);
        if (hasAccelerator(m.source) != hasAccelerator(m.translations.constFirst()))
            problems << QStringLiteral("accelerator lost or added: ") + describe(m);
    }
    return problems;
}

QString translationsDir()
{
    return QFileInfo(QFINDTESTDATA("../../translations/ai-resilience-monitor_de.ts")).absolutePath();
}

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT
private slots:
    void germanCatalogueIsFoundForGermanLocales_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addRow("de") << QStringLiteral("de");
        QTest::addRow("de_DE") << QStringLiteral("de_DE");
        QTest::addRow("de_AT") << QStringLiteral("de_AT");
        QTest::addRow("de_CH") << QStringLiteral("de_CH");
    }
    void germanCatalogueIsFoundForGermanLocales()
    {
        QFETCH(QString, locale);
        ScopedTranslator translator{QLocale(locale)};
        QVERIFY2(translator.loaded(), "no German catalogue under :/i18n");
        QCOMPARE(translator.file(), QStringLiteral(":/i18n/ai-resilience-monitor_de.qm"));
    }

    void windowIsGermanWithTheGermanCatalogue_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("german");
        QTest::addRow("title") << QStringLiteral("window") << QStringLiteral("AI Resilience Monitor");
        QTest::addRow("nav overview") << QStringLiteral("nav") << QStringLiteral("Übersicht");
        QTest::addRow("nav services") << QStringLiteral("nav") << QStringLiteral("Dienste");
        QTest::addRow("nav automation") << QStringLiteral("nav") << QStringLiteral("Automatisierung");
        QTest::addRow("nav history") << QStringLiteral("nav") << QStringLiteral("Verlauf");
        QTest::addRow("nav analytics") << QStringLiteral("nav") << QStringLiteral("Analysen");
        QTest::addRow("nav scenarios") << QStringLiteral("nav") << QStringLiteral("Szenarien");
        QTest::addRow("nav settings") << QStringLiteral("nav") << QStringLiteral("Einstellungen");
        QTest::addRow("menu file") << QStringLiteral("menu") << QStringLiteral("&Datei");
        QTest::addRow("menu view") << QStringLiteral("menu") << QStringLiteral("&Ansicht");
        QTest::addRow("menu tools") << QStringLiteral("menu") << QStringLiteral("E&xtras");
        QTest::addRow("menu help") << QStringLiteral("menu") << QStringLiteral("&Hilfe");
        QTest::addRow("start traffic") << QStringLiteral("button") << QStringLiteral("Verkehr starten");
        QTest::addRow("reset all breakers")
            << QStringLiteral("button") << QStringLiteral("Alle Breaker zurücksetzen");
        QTest::addRow("inject chaos") << QStringLiteral("button") << QStringLiteral("Chaos injizieren");
    }
    void windowIsGermanWithTheGermanCatalogue()
    {
        QFETCH(QString, where);
        QFETCH(QString, german);
        ScopedTranslator translator{QLocale(QLocale::German, QLocale::Germany)};
        QVERIFY(translator.loaded());
        UiRig rig;
        MainWindow w(rig.context);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        QStringList seen;
        if (where == QLatin1String("window")) {
            seen << w.windowTitle();
        } else if (where == QLatin1String("nav")) {
            auto *nav = w.findChild<QListWidget *>(QStringLiteral("navigation"));
            QVERIFY(nav);
            for (int i = 0; i < nav->count(); ++i)
                seen << nav->item(i)->text();
        } else if (where == QLatin1String("menu")) {
            const QList<QAction *> menus = w.menuBar()->actions();
            for (const QAction *a : menus)
                seen << a->text();
        } else {
            const QList<QPushButton *> buttons = w.findChildren<QPushButton *>();
            for (const QPushButton *b : buttons)
                seen << b->text();
        }
        QVERIFY2(seen.contains(german), qPrintable(seen.join(QStringLiteral(" | "))));
    }

    void pluralFormsFollowTheCount_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("expected");
        QTest::addRow("de one") << QStringLiteral("de_DE") << 1 << QStringLiteral("1 Prompt");
        QTest::addRow("de many") << QStringLiteral("de_DE") << 3 << QStringLiteral("3 Prompts");
        QTest::addRow("en one") << QStringLiteral("en_US") << 1 << QStringLiteral("1 prompt");
        QTest::addRow("en many") << QStringLiteral("en_GB") << 3 << QStringLiteral("3 prompts");
    }
    void pluralFormsFollowTheCount()
    {
        QFETCH(QString, locale);
        QFETCH(int, count);
        QFETCH(QString, expected);
        ScopedTranslator translator{QLocale(locale)};
        QVERIFY(translator.loaded());
        QCOMPARE(QCoreApplication::translate("airm::ui::AutomationPage", "%n prompt(s)", nullptr, count),
                 expected);
    }

    void translationFilesAreComplete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("atLeast");
        // The English file holds only the plural forms; the German one every string of the window.
        QTest::addRow("de") << QStringLiteral("ai-resilience-monitor_de.ts") << 500;
        QTest::addRow("en") << QStringLiteral("ai-resilience-monitor_en.ts") << 1;
    }
    void translationFilesAreComplete()
    {
        QFETCH(QString, file);
        QFETCH(int, atLeast);
        const QString dir = translationsDir();
        QVERIFY2(!dir.isEmpty(), "translations/ not found next to the sources");
        QString error;
        const QList<TsMessage> messages = readTs(dir + u'/' + file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() >= atLeast, qPrintable(QString::number(messages.size())));
        const QStringList problems = problemsOf(messages);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("%1 entries to fix in %2 (run `make translations`, "
                                           "then translate):\n  ")
                                .arg(problems.size())
                                .arg(file) +
                            problems.join(QStringLiteral("\n  "))));
    }

    // The checker itself: each kind of defect in a .ts is reported.
    void checkerReportsEachDefect_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("problem");
        QTest::addRow("unfinished") << QStringLiteral("<message><source>Stop</source><translation "
                                                      "type=\"unfinished\">Stopp</translation></message>")
                                    << QStringLiteral("unfinished");
        QTest::addRow("empty") << QStringLiteral(
                                      "<message><source>Stop</source><translation></translation></message>")
                               << QStringLiteral("empty");
        QTest::addRow("placeholder lost")
            << QStringLiteral(
                   "<message><source>Send to %1</source><translation>Senden</translation></message>")
            << QStringLiteral("placeholders");
        QTest::addRow("placeholder renumbered")
            << QStringLiteral(
                   "<message><source>%1 of %2</source><translation>%1 von %3</translation></message>")
            << QStringLiteral("placeholders");
        QTest::addRow("plural without the count")
            << QStringLiteral(
                   "<message numerus=\"yes\"><source>%n file(s)</source><translation><numerusform>eine "
                   "Datei</numerusform><numerusform>Dateien</numerusform></translation></message>")
            << QStringLiteral("without %n");
        QTest::addRow("accelerator lost")
            << QStringLiteral("<message><source>&amp;File</source><translation>Datei</translation></message>")
            << QStringLiteral("accelerator");
        QTest::addRow("fine")
            << QStringLiteral(
                   "<message><source>&amp;File &amp;gt; %1</source><translation>&amp;Datei &amp;gt; "
                   "%1</translation></message>")
            << QString();
    }
    void checkerReportsEachDefect()
    {
        QFETCH(QString, message);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.ts"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            QStringLiteral("<?xml version=\"1.0\" encoding=\"utf-8\"?><TS version=\"2.1\" language=\"de\">"
                           "<context><name>C</name>%1</context></TS>")
                .arg(message)
                .toUtf8());
        f.close();
        QString error;
        const QStringList problems = problemsOf(readTs(path, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (problem.isEmpty())
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        else
            QVERIFY2(problems.size() == 1 && problems.constFirst().contains(problem),
                     qPrintable(problems.join(u'\n')));
    }

    // Every tr() string of the sources is in the German file: lupdate, run over a copy, adds nothing.
    void germanFileCoversTheSources()
    {
        const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        if (!QFileInfo(lupdate).isExecutable()) QSKIP("lupdate is not installed (qt6-l10n-tools)");
        const QString dir = translationsDir();
        QVERIFY(!dir.isEmpty());
        const QString root = QFileInfo(dir).absolutePath();
        QTemporaryDir tmp;
        const QString copy = tmp.filePath(QStringLiteral("ai-resilience-monitor_de.ts"));
        QVERIFY(QFile::copy(dir + QStringLiteral("/ai-resilience-monitor_de.ts"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess p;
        p.setWorkingDirectory(root);
        p.start(lupdate, {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                          QStringLiteral("none"), QStringLiteral("ui"), QStringLiteral("app"),
                          QStringLiteral("core/settings"), QStringLiteral("-ts"), copy});
        QVERIFY(p.waitForFinished(60'000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QString error;
        const QStringList problems = problemsOf(readTs(copy, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(problems.isEmpty(),
                 qPrintable(
                     QStringLiteral("%1 strings of the sources are not translated (run `make translations`, "
                                    "then translate):\n  ")
                         .arg(problems.size()) +
                     problems.join(QStringLiteral("\n  "))));
    }
};

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
