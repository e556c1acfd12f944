<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>airm::ui::AlertLabels</name>
    <message numerus="yes">
        <source>failed after %n attempt(s): %1</source>
        <translation>
            <numerusform>failed after %n attempt: %1</numerusform>
            <numerusform>failed after %n attempts: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::AlertsModel</name>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::AutomationPage</name>
    <message numerus="yes">
        <source>%n prompt(s)</source>
        <translation>
            <numerusform>%n prompt</numerusform>
            <numerusform>%n prompts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::DatabaseHistorySource</name>
    <message numerus="yes">
        <source>%n request(s) written to %1</source>
        <translation>
            <numerusform>%n request written to %1</numerusform>
            <numerusform>%n requests written to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) deleted.</source>
        <translation>
            <numerusform>%n request deleted.</numerusform>
            <numerusform>%n requests deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::MainWindow</name>
    <message numerus="yes">
        <source>%1 · %n new alert(s)</source>
        <translation>
            <numerusform>%1 · %n new alert</numerusform>
            <numerusform>%1 · %n new alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n new alert(s)</source>
        <translation>
            <numerusform>%1, %n new alert</numerusform>
            <numerusform>%1, %n new alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::PlanPreview</name>
    <message numerus="yes">
        <source>as fast as %n in flight allow</source>
        <translation>
            <numerusform>as fast as %n in flight allows</numerusform>
            <numerusform>as fast as %n in flight allow</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n request(s)</source>
        <translation>
            <numerusform>, %n request</numerusform>
            <numerusform>, %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 × %n variant(s)</source>
        <translation>
            <numerusform>%1 × %n variant</numerusform>
            <numerusform>%1 × %n variants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) to run</source>
        <translation>
            <numerusform>%n step to run</numerusform>
            <numerusform>%n steps to run</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n probe(s)</source>
        <translation>
            <numerusform>%n probe</numerusform>
            <numerusform>%n probes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n condition(s)</source>
        <translation>
            <numerusform>%n condition</numerusform>
            <numerusform>%n conditions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::RequestHistoryPage</name>
    <message numerus="yes">
        <source>%n matching request(s)</source>
        <translation>
            <numerusform>%n matching request</numerusform>
            <numerusform>%n matching requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::ScenariosPage</name>
    <message numerus="yes">
        <source> (%n sample(s))</source>
        <translation>
            <numerusform> (%n sample)</numerusform>
            <numerusform> (%n samples)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) lost</source>
        <translation>
            <numerusform>%n request lost</numerusform>
            <numerusform>%n requests lost</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Report: %1 and %n more file(s)</source>
        <translation>
            <numerusform>Report: %1 and %n more file</numerusform>
            <numerusform>Report: %1 and %n more files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::TrayController</name>
    <message numerus="yes">
        <source>%n breaker change(s)</source>
        <translation>
            <numerusform>%n breaker change</numerusform>
            <numerusform>%n breaker changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n alert</numerusform>
            <numerusform>%n alerts</numerusform>
        </translation>
    </message>
</context>
</TS>
