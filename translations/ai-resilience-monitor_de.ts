<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>airm::KeyStore</name>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>der Schlüsselbund hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
    <message>
        <source>no keychain service is running</source>
        <translation>kein Schlüsselbunddienst läuft</translation>
    </message>
    <message>
        <source>access to the keychain was denied</source>
        <translation>der Zugriff auf den Schlüsselbund wurde verweigert</translation>
    </message>
    <message>
        <source>this system has no supported keychain</source>
        <translation>dieses System hat keinen unterstützten Schlüsselbund</translation>
    </message>
    <message>
        <source>no keychain service answered (%1)</source>
        <translation>kein Schlüsselbunddienst hat geantwortet (%1)</translation>
    </message>
</context>
<context>
    <name>airm::ui::ActiveChaosModel</name>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Ends at %1</source>
        <translation>Endet um %1</translation>
    </message>
    <message>
        <source>Requests this experiment changed</source>
        <translation>Anfragen, die dieses Experiment verändert hat</translation>
    </message>
    <message>
        <source>Touched requests that did not succeed</source>
        <translation>Betroffene Anfragen, die nicht erfolgreich waren</translation>
    </message>
    <message>
        <source>Stop this experiment now</source>
        <translation>Dieses Experiment jetzt stoppen</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Touched</source>
        <translation>Betroffen</translation>
    </message>
    <message>
        <source>Failures caused</source>
        <translation>Verursachte Fehler</translation>
    </message>
</context>
<context>
    <name>airm::ui::AlertLabels</name>
    <message>
        <source>Circuit breaker opened</source>
        <translation>Circuit Breaker geöffnet</translation>
    </message>
    <message>
        <source>Circuit breaker closed</source>
        <translation>Circuit Breaker geschlossen</translation>
    </message>
    <message>
        <source>Breaker open too long</source>
        <translation>Breaker zu lange offen</translation>
    </message>
    <message>
        <source>High error rate</source>
        <translation>Hohe Fehlerquote</translation>
    </message>
    <message>
        <source>High p95 latency</source>
        <translation>Hohe p95-Latenz</translation>
    </message>
    <message>
        <source>Scenario hypothesis failed</source>
        <translation>Szenario-Hypothese widerlegt</translation>
    </message>
    <message>
        <source>Scenario aborted</source>
        <translation>Szenario abgebrochen</translation>
    </message>
    <message>
        <source>Database degraded</source>
        <translation>Datenbank beeinträchtigt</translation>
    </message>
    <message>
        <source>Test alert</source>
        <translation>Testalarm</translation>
    </message>
    <message>
        <source>A service&apos;s breaker trips from CLOSED to OPEN.</source>
        <translation>Der Breaker eines Dienstes wechselt von GESCHLOSSEN zu OFFEN.</translation>
    </message>
    <message>
        <source>A breaker that had tripped is CLOSED again.</source>
        <translation>Ein ausgelöster Breaker ist wieder GESCHLOSSEN.</translation>
    </message>
    <message>
        <source>A breaker has not been CLOSED for this long (OPEN and HALF_OPEN cycles count).</source>
        <translation>Ein Breaker war so lange nicht GESCHLOSSEN (Zyklen aus OFFEN und HALB OFFEN zählen mit).</translation>
    </message>
    <message>
        <source>Failures and timeouts reach this share of a service&apos;s calls over the last 5 minutes.</source>
        <translation>Fehler und Timeouts erreichen in den letzten 5 Minuten diesen Anteil an den Aufrufen eines Dienstes.</translation>
    </message>
    <message>
        <source>A service&apos;s p95 latency over the last 5 minutes reaches this value.</source>
        <translation>Die p95-Latenz eines Dienstes in den letzten 5 Minuten erreicht diesen Wert.</translation>
    </message>
    <message>
        <source>A scenario run finishes with its steady-state hypothesis failed.</source>
        <translation>Ein Szenariolauf endet mit widerlegter Hypothese zum stabilen Zustand.</translation>
    </message>
    <message>
        <source>A scenario run is aborted.</source>
        <translation>Ein Szenariolauf wird abgebrochen.</translation>
    </message>
    <message>
        <source>The history database cannot be written (records wait in memory and the journal).</source>
        <translation>In die Verlaufsdatenbank kann nicht geschrieben werden (Einträge warten im Speicher und im Journal).</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>notification shown</source>
        <translation>Benachrichtigung angezeigt</translation>
    </message>
    <message>
        <source>delivered (HTTP %1)</source>
        <translation>zugestellt (HTTP %1)</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message numerus="yes">
        <source>failed after %n attempt(s): %1</source>
        <translation>
            <numerusform>fehlgeschlagen nach %n Versuch: %1</numerusform>
            <numerusform>fehlgeschlagen nach %n Versuchen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>retrying in %1 (attempt %2 failed: %3)</source>
        <translation>neuer Versuch in %1 (Versuch %2 fehlgeschlagen: %3)</translation>
    </message>
    <message>
        <source>sending (attempt %1)…</source>
        <translation>wird gesendet (Versuch %1)…</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
</context>
<context>
    <name>airm::ui::AlertSettingsCard</name>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Raise alerts</source>
        <translation>Alarme auslösen</translation>
    </message>
    <message>
        <source>Show a desktop notification for each alert</source>
        <translation>Für jeden Alarm eine Desktop-Benachrichtigung anzeigen</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>First retry after</source>
        <translation>Erste Wiederholung nach</translation>
    </message>
    <message>
        <source>Timeout per attempt</source>
        <translation>Timeout pro Versuch</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Rules raise alerts from breaker transitions, live metrics, scenario runs and the database; each rule waits its cooldown before it alerts again for the same service. Changes take effect when applied.</source>
        <translation>Regeln lösen Alarme aus Breaker-Zustandswechseln, Live-Metriken, Szenarioläufen und der Datenbank aus; jede Regel wartet ihre Sperrzeit ab, bevor sie für denselben Dienst erneut alarmiert. Änderungen gelten, sobald sie angewendet sind.</translation>
    </message>
    <message>
        <source>The master switch: while off, no rule is evaluated and nothing is sent</source>
        <translation>Der Hauptschalter: Solange er aus ist, wird keine Regel ausgewertet und nichts gesendet</translation>
    </message>
    <message>
        <source>Validate the rules and channels, use them now and save them</source>
        <translation>Regeln und Kanäle prüfen, sofort verwenden und speichern</translation>
    </message>
    <message>
        <source>Show the rules in use again, dropping the changes not applied</source>
        <translation>Wieder die verwendeten Regeln anzeigen und nicht angewendete Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Settings are not saved in this window.</source>
        <translation>Einstellungen werden in diesem Fenster nicht gespeichert.</translation>
    </message>
    <message>
        <source>Showing the rules in use.</source>
        <translation>Die verwendeten Regeln werden angezeigt.</translation>
    </message>
    <message>
        <source>This window was started without alerts.</source>
        <translation>Dieses Fenster wurde ohne Alarme gestartet.</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Cooldown</source>
        <translation>Sperrzeit</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Severity of %1</source>
        <translation>Schweregrad von %1</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Cooldown of %1</source>
        <translation>Sperrzeit von %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>No second alert of this rule for the same service within this time</source>
        <translation>Kein zweiter Alarm dieser Regel für denselben Dienst innerhalb dieser Zeit</translation>
    </message>
    <message>
        <source>Open for at least</source>
        <translation>Mindestens offen für</translation>
    </message>
    <message>
        <source>not CLOSED for</source>
        <translation>nicht GESCHLOSSEN seit</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Error rate threshold</source>
        <translation>Schwelle der Fehlerquote</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>mindestens</translation>
    </message>
    <message>
        <source>p95 latency threshold</source>
        <translation>Schwelle der p95-Latenz</translation>
    </message>
    <message>
        <source>p95 at least</source>
        <translation>p95 mindestens</translation>
    </message>
    <message>
        <source>Minimum calls of %1</source>
        <translation>Mindestanzahl Aufrufe für %1</translation>
    </message>
    <message>
        <source>Fewer calls in the 5-minute window never raise this alert</source>
        <translation>Weniger Aufrufe im 5-Minuten-Fenster lösen diesen Alarm nie aus</translation>
    </message>
    <message>
        <source>over at least</source>
        <translation>bei mindestens</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>Aufrufen</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Send a test alert to %1</source>
        <translation>Einen Testalarm an %1 senden</translation>
    </message>
    <message>
        <source>Show a test notification now</source>
        <translation>Jetzt eine Testbenachrichtigung anzeigen</translation>
    </message>
    <message>
        <source>Send a test alert to the URL in the field now (applied or not)</source>
        <translation>Jetzt einen Testalarm an die URL im Feld senden (ob angewendet oder nicht)</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>https://example.com/hooks/alerts (empty: off)</source>
        <translation>https://example.com/hooks/alerts (leer: aus)</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>Webhook-URL</translation>
    </message>
    <message>
        <source>Receives each alert as a JSON object (POST)</source>
        <translation>Empfängt jeden Alarm als JSON-Objekt (POST)</translation>
    </message>
    <message>
        <source>https://hooks.slack.com/services/… (empty: off)</source>
        <translation>https://hooks.slack.com/services/… (leer: aus)</translation>
    </message>
    <message>
        <source>Slack URL</source>
        <translation>Slack-URL</translation>
    </message>
    <message>
        <source>A Slack incoming webhook: each alert as a message coloured by severity</source>
        <translation>Ein eingehender Slack-Webhook: jeder Alarm als Nachricht, nach Schweregrad eingefärbt</translation>
    </message>
    <message>
        <source>Attempts after a failed one (network error, timeout, 408, 429 or 5xx)</source>
        <translation>Versuche nach einem fehlgeschlagenen (Netzwerkfehler, Timeout, 408, 429 oder 5xx)</translation>
    </message>
    <message>
        <source>The wait before the first retry; each next wait is twice as long</source>
        <translation>Die Wartezeit vor der ersten Wiederholung; jede weitere ist doppelt so lang</translation>
    </message>
    <message>
        <source>retries, the first after</source>
        <translation>Wiederholungen, die erste nach</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Changes not applied yet.</source>
        <translation>Änderungen noch nicht angewendet.</translation>
    </message>
    <message>
        <source>Applied and saved: %1 of %2 rules on.</source>
        <translation>Angewendet und gespeichert: %1 von %2 Regeln aktiv.</translation>
    </message>
    <message>
        <source>Applied and saved: alerts are off.</source>
        <translation>Angewendet und gespeichert: Alarme sind aus.</translation>
    </message>
    <message>
        <source>The webhook URL must be an http:// or https:// address with a host, or empty to turn the webhook off.</source>
        <translation>Die Webhook-URL muss eine http://- oder https://-Adresse mit Host sein oder leer, um den Webhook auszuschalten.</translation>
    </message>
    <message>
        <source>The Slack URL must be an http:// or https:// address with a host, or empty to turn Slack off.</source>
        <translation>Die Slack-URL muss eine http://- oder https://-Adresse mit Host sein oder leer, um Slack auszuschalten.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not applied. %1</source>
        <translation>Nicht angewendet. %1</translation>
    </message>
    <message>
        <source>Enter a URL first.</source>
        <translation>Geben Sie zuerst eine URL ein.</translation>
    </message>
    <message>
        <source>This desktop has no system tray</source>
        <translation>Dieser Desktop hat keinen Infobereich</translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation>SMTP-Port</translation>
    </message>
    <message>
        <source>smtp.example.com (empty: no e-mail)</source>
        <translation>smtp.example.com (leer: keine E-Mail)</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP-Server</translation>
    </message>
    <message>
        <source>One e-mail per alert through this server. Test sends with the applied settings.</source>
        <translation>Eine E-Mail pro Alarm über diesen Server. Der Test sendet mit den angewendeten Einstellungen.</translation>
    </message>
    <message>
        <source>E-mail via</source>
        <translation>E-Mail über</translation>
    </message>
    <message>
        <source>Send a test e-mail now with the applied settings</source>
        <translation>Jetzt eine Test-E-Mail mit den angewendeten Einstellungen senden</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (Port 587)</translation>
    </message>
    <message>
        <source>TLS (port 465)</source>
        <translation>TLS (Port 465)</translation>
    </message>
    <message>
        <source>None (a local relay)</source>
        <translation>Keine (ein lokales Relay)</translation>
    </message>
    <message>
        <source>SMTP security</source>
        <translation>SMTP-Sicherheit</translation>
    </message>
    <message>
        <source>None is refused with a password unless the server is on this machine</source>
        <translation>Keine wird mit Passwort abgelehnt, außer der Server läuft auf diesem Rechner</translation>
    </message>
    <message>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>user (empty: no login)</source>
        <translation>Benutzer (leer: keine Anmeldung)</translation>
    </message>
    <message>
        <source>SMTP user</source>
        <translation>SMTP-Benutzer</translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation>SMTP-Passwort</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>monitor@example.com</source>
        <translation>monitor@example.com</translation>
    </message>
    <message>
        <source>E-mail sender</source>
        <translation>E-Mail-Absender</translation>
    </message>
    <message>
        <source>oncall@example.com, lead@example.com</source>
        <translation>oncall@example.com, lead@example.com</translation>
    </message>
    <message>
        <source>E-mail recipients</source>
        <translation>E-Mail-Empfänger</translation>
    </message>
    <message>
        <source>to</source>
        <translation>an</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>password (or AIRM_SMTP_PASSWORD)</source>
        <translation>Passwort (oder AIRM_SMTP_PASSWORD)</translation>
    </message>
    <message>
        <source>password set: type to replace</source>
        <translation>Passwort gesetzt: zum Ersetzen eintippen</translation>
    </message>
    <message>
        <source>Webhook and Slack URLs are stored in plain text in the settings file %1, like every setting here. A Slack URL contains its secret token: keep the file private. The SMTP password is never saved there: it goes to the OS keychain, or lasts until the window closes when there is none.</source>
        <translation>Webhook- und Slack-URLs werden wie jede Einstellung hier im Klartext in der Einstellungsdatei %1 gespeichert. Eine Slack-URL enthält ihr geheimes Token: Halten Sie die Datei privat. Das SMTP-Passwort wird dort nie gespeichert: Es kommt in den Schlüsselbund des Systems oder gilt, wenn es keinen gibt, bis das Fenster geschlossen wird.</translation>
    </message>
</context>
<context>
    <name>airm::ui::AlertTester</name>
    <message>
        <source>Alerts are not available in this window</source>
        <translation>Alarme sind in diesem Fenster nicht verfügbar</translation>
    </message>
    <message>
        <source>Not sent: enter a URL first</source>
        <translation>Nicht gesendet: Geben Sie zuerst eine URL ein</translation>
    </message>
    <message>
        <source>Not sent: the URL must be http:// or https:// with a host</source>
        <translation>Nicht gesendet: Die URL muss mit http:// oder https:// beginnen und einen Host haben</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Test notification sent to the desktop</source>
        <translation>Testbenachrichtigung an den Desktop gesendet</translation>
    </message>
    <message>
        <source>Test alert: %1</source>
        <translation>Testalarm: %1</translation>
    </message>
</context>
<context>
    <name>airm::ui::AlertsModel</name>
    <message>
        <source>✓ shown</source>
        <translation>✓ angezeigt</translation>
    </message>
    <message>
        <source>Shown as a desktop notification</source>
        <translation>Als Desktop-Benachrichtigung angezeigt</translation>
    </message>
    <message>
        <source>No desktop notification (switched off when the alert was raised)</source>
        <translation>Keine Desktop-Benachrichtigung (war beim Auslösen des Alarms ausgeschaltet)</translation>
    </message>
    <message>
        <source>Not sent: no %1 URL was configured when the alert was raised</source>
        <translation>Nicht gesendet: Beim Auslösen des Alarms war keine %1-URL konfiguriert</translation>
    </message>
    <message>
        <source>✓ delivered</source>
        <translation>✓ zugestellt</translation>
    </message>
    <message>
        <source>✗ failed</source>
        <translation>✗ fehlgeschlagen</translation>
    </message>
    <message>
        <source>↻ retrying</source>
        <translation>↻ neuer Versuch</translation>
    </message>
    <message>
        <source>… sending</source>
        <translation>… wird gesendet</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n Versuch</numerusform>
            <numerusform>%n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>no tray</source>
        <translation>kein Infobereich</translation>
    </message>
    <message>
        <source>This desktop has no system tray: the notification could not be shown</source>
        <translation>Dieser Desktop hat keinen Infobereich: Die Benachrichtigung konnte nicht angezeigt werden</translation>
    </message>
</context>
<context>
    <name>airm::ui::AlertsPage</name>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>What the alert rules raised in this run, and where each alert was delivered</source>
        <translation>Was die Alarmregeln in diesem Lauf ausgelöst haben und wohin jeder Alarm zugestellt wurde</translation>
    </message>
    <message>
        <source>Configure rules…</source>
        <translation>Regeln konfigurieren…</translation>
    </message>
    <message>
        <source>Edit the rules, thresholds and channels in Settings &gt; Alerts</source>
        <translation>Regeln, Schwellen und Kanäle unter Einstellungen &gt; Alarme bearbeiten</translation>
    </message>
    <message>
        <source>Alerts are switched off: no rule is evaluated and nothing is sent.</source>
        <translation>Alarme sind ausgeschaltet: Keine Regel wird ausgewertet, nichts wird gesendet.</translation>
    </message>
    <message>
        <source>Open Settings &gt; Alerts</source>
        <translation>Einstellungen &gt; Alarme öffnen</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Suppressed</source>
        <translation>Unterdrückt</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Alerts the rules raised in this run</source>
        <translation>Alarme, die die Regeln in diesem Lauf ausgelöst haben</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>Letzte Alarme</translation>
    </message>
    <message>
        <source>Newest first, at most %1. Hover a delivery for its attempts and errors.</source>
        <translation>Neueste zuerst, höchstens %1. Mit der Maus über einer Zustellung erscheinen ihre Versuche und Fehler.</translation>
    </message>
    <message>
        <source>No alert in this run yet.

One appears here when a breaker opens or stays open, the error rate or p95 latency of a service crosses its threshold, a scenario fails or is aborted, or the database degrades.</source>
        <translation>In diesem Lauf gab es noch keinen Alarm.

Einer erscheint hier, wenn ein Breaker öffnet oder offen bleibt, die Fehlerquote oder p95-Latenz eines Dienstes ihre Schwelle überschreitet, ein Szenario fehlschlägt oder abgebrochen wird oder die Datenbank beeinträchtigt ist.</translation>
    </message>
    <message>
        <source>This window runs without alerts.</source>
        <translation>Dieses Fenster läuft ohne Alarme.</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>Where alerts go. Send a test to check a channel end to end.</source>
        <translation>Wohin Alarme gehen. Senden Sie einen Test, um einen Kanal von Ende zu Ende zu prüfen.</translation>
    </message>
    <message>
        <source>Send test</source>
        <translation>Test senden</translation>
    </message>
    <message>
        <source>Send a test alert to %1</source>
        <translation>Einen Testalarm an %1 senden</translation>
    </message>
    <message>
        <source>this run</source>
        <translation>dieser Lauf</translation>
    </message>
    <message>
        <source>by cooldowns</source>
        <translation>durch Sperrzeiten</translation>
    </message>
    <message>
        <source>%1 pending · %2 retried</source>
        <translation>%1 ausstehend · %2 wiederholt</translation>
    </message>
    <message>
        <source>%1 retried</source>
        <translation>%1 wiederholt</translation>
    </message>
    <message>
        <source>after every retry</source>
        <translation>nach allen Wiederholungen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>This desktop has no system tray: notifications cannot be shown.</source>
        <translation>Dieser Desktop hat keinen Infobereich: Benachrichtigungen können nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>A tray notification for each alert.</source>
        <translation>Eine Benachrichtigung im Infobereich für jeden Alarm.</translation>
    </message>
    <message>
        <source>Switched off in Settings &gt; Alerts.</source>
        <translation>Ausgeschaltet unter Einstellungen &gt; Alarme.</translation>
    </message>
    <message>
        <source>This desktop has no system tray</source>
        <translation>Dieser Desktop hat keinen Infobereich</translation>
    </message>
    <message>
        <source>No URL: set one in Settings &gt; Alerts.</source>
        <translation>Keine URL: Legen Sie eine unter Einstellungen &gt; Alarme fest.</translation>
    </message>
    <message>
        <source>Set a URL in Settings &gt; Alerts first</source>
        <translation>Legen Sie zuerst eine URL unter Einstellungen &gt; Alarme fest</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Send a test alert through this channel now</source>
        <translation>Jetzt einen Testalarm über diesen Kanal senden</translation>
    </message>
    <message>
        <source>Desktop: notification shown</source>
        <translation>Desktop: Benachrichtigung angezeigt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not sent to any channel</source>
        <translation>An keinen Kanal gesendet</translation>
    </message>
    <message>
        <source>Alerts not raised again because the rule&apos;s cooldown for that service had not passed</source>
        <translation>Alarme, die nicht erneut ausgelöst wurden, weil die Sperrzeit der Regel für diesen Dienst noch lief</translation>
    </message>
    <message>
        <source>Webhook, Slack and e-mail deliveries that succeeded</source>
        <translation>Erfolgreiche Zustellungen per Webhook, Slack und E-Mail</translation>
    </message>
    <message>
        <source>Webhook, Slack and e-mail deliveries that failed for good, after their last retry</source>
        <translation>Zustellungen per Webhook, Slack und E-Mail, die nach der letzten Wiederholung endgültig fehlschlugen</translation>
    </message>
    <message>
        <source>To %1 through %2:%3 (%4)</source>
        <translation>An %1 über %2:%3 (%4)</translation>
    </message>
    <message>
        <source>No SMTP server: set one in Settings &gt; Alerts.</source>
        <translation>Kein SMTP-Server: Legen Sie einen unter Einstellungen &gt; Alarme fest.</translation>
    </message>
    <message>
        <source>Set an SMTP server in Settings &gt; Alerts first</source>
        <translation>Legen Sie zuerst einen SMTP-Server unter Einstellungen &gt; Alarme fest</translation>
    </message>
</context>
<context>
    <name>airm::ui::AnalyticsPage</name>
    <message>
        <source>Analytics</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <source>What the stored history says about each service</source>
        <translation>Was der gespeicherte Verlauf über jeden Dienst aussagt</translation>
    </message>
    <message>
        <source>Analytics are computed from the history database, which is not available%1.</source>
        <translation>Analysen werden aus der Verlaufsdatenbank berechnet, die nicht verfügbar ist%1.</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>Analytics window</source>
        <translation>Analysezeitraum</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Overall health</source>
        <translation>Gesamtzustand</translation>
    </message>
    <message>
        <source>Most reliable</source>
        <translation>Am zuverlässigsten</translation>
    </message>
    <message>
        <source>Fastest</source>
        <translation>Am schnellsten</translation>
    </message>
    <message>
        <source>Best hour</source>
        <translation>Beste Stunde</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Request volume</source>
        <translation>Anfragevolumen</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <source>Hour of the day with the lowest average latency of successes</source>
        <translation>Tagesstunde mit der niedrigsten durchschnittlichen Latenz erfolgreicher Anfragen</translation>
    </message>
    <message>
        <source>Minutes with at least one success among minutes with traffic</source>
        <translation>Anteil der Minuten mit mindestens einem Erfolg an den Minuten mit Verkehr</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Avg latency</source>
        <translation>Ø Latenz</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>Episoden</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Erholt</translation>
    </message>
    <message>
        <source>Mean recovery</source>
        <translation>Ø Erholung</translation>
    </message>
    <message>
        <source>Longest</source>
        <translation>Längste</translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Experiment</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Breaker at end</source>
        <translation>Breaker am Ende</translation>
    </message>
    <message>
        <source>Closed again after</source>
        <translation>Wieder geschlossen nach</translation>
    </message>
    <message>
        <source>Average latency of successes</source>
        <translation>Durchschnittliche Latenz erfolgreicher Anfragen</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Error class</source>
        <translation>Fehlerklasse</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>Rangliste</translation>
    </message>
    <message>
        <source>Score = 0.6 × success rate + 0.4 × max(0, 100 − average success latency / 30 ms).</source>
        <translation>Punktzahl = 0,6 × Erfolgsquote + 0,4 × max(0, 100 − durchschnittliche Erfolgslatenz / 30 ms).</translation>
    </message>
    <message>
        <source>Failure recovery</source>
        <translation>Erholung nach Fehlern</translation>
    </message>
    <message>
        <source>From the first failure of an episode to the first success after it.</source>
        <translation>Vom ersten Fehler einer Episode bis zum ersten Erfolg danach.</translation>
    </message>
    <message>
        <source>Recovery after chaos</source>
        <translation>Erholung nach Chaos</translation>
    </message>
    <message>
        <source>From the end of an experiment to its breaker closing again.</source>
        <translation>Vom Ende eines Experiments, bis sein Breaker wieder schließt.</translation>
    </message>
    <message>
        <source>Performance trends</source>
        <translation>Leistungstrends</translation>
    </message>
    <message>
        <source>Error patterns</source>
        <translation>Fehlermuster</translation>
    </message>
    <message>
        <source>Failures grouped by error class and message, numbers and ids normalised.</source>
        <translation>Fehler nach Fehlerklasse und Meldung gruppiert, Zahlen und IDs vereinheitlicht.</translation>
    </message>
    <message>
        <source>Computing: %1…</source>
        <translation>Wird berechnet: %1…</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 · %2 requests · from %3</source>
        <translation>%1 · %2 Anfragen · aus %3</translation>
    </message>
    <message>
        <source>Some figures could not be computed: %1</source>
        <translation>Einige Kennzahlen konnten nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Formula: %1</source>
        <translation>Formel: %1</translation>
    </message>
    <message>
        <source>%1 success · %2 requests</source>
        <translation>%1 Erfolg · %2 Anfragen</translation>
    </message>
    <message>
        <source>needs %1 requests per service</source>
        <translation>braucht %1 Anfragen je Dienst</translation>
    </message>
    <message>
        <source>%1 average</source>
        <translation>%1 im Schnitt</translation>
    </message>
    <message>
        <source>%1:00</source>
        <translation>%1:00 Uhr</translation>
    </message>
    <message>
        <source>no successes yet</source>
        <translation>noch keine Erfolge</translation>
    </message>
    <message>
        <source>minutes with a success</source>
        <translation>Minuten mit Erfolg</translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <source>Failing for %1</source>
        <translation>Fehlerhaft seit %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>not closed yet</source>
        <translation>noch nicht geschlossen</translation>
    </message>
    <message>
        <source>never opened</source>
        <translation>nie geöffnet</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <source>last %1 against the %1 before</source>
        <translation>letzte %1 im Vergleich zu den %1 davor</translation>
    </message>
</context>
<context>
    <name>airm::ui::AutomationPage</name>
    <message>
        <source>larger than 4 MiB</source>
        <translation>größer als 4 MiB</translation>
    </message>
    <message>
        <source>Automation</source>
        <translation>Automatisierung</translation>
    </message>
    <message>
        <source>Send requests on a schedule and watch every answer live</source>
        <translation>Anfragen nach Zeitplan senden und jede Antwort live verfolgen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Start the automated run (F5)</source>
        <translation>Automatischen Lauf starten (F5)</translation>
    </message>
    <message>
        <source>Stop the run; requests in flight still finish (Shift+F5)</source>
        <translation>Lauf stoppen; laufende Anfragen werden noch beendet (Umschalt+F5)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>Round Robin</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>Gewichtet</translation>
    </message>
    <message>
        <source>One service</source>
        <translation>Ein Dienst</translation>
    </message>
    <message>
        <source>Round robin visits the services in turn, strictly; random picks uniformly; weighted picks by the weights; one service sends everything to it.</source>
        <translation>Round Robin fragt die Dienste strikt der Reihe nach an; Zufällig wählt gleichverteilt; Gewichtet wählt nach den Gewichten; Ein Dienst schickt alles an diesen einen.</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>5 s</source>
        <translation>5 s</translation>
    </message>
    <message>
        <source>One request every 5 seconds</source>
        <translation>Eine Anfrage alle 5 Sekunden</translation>
    </message>
    <message>
        <source>10 s</source>
        <translation>10 s</translation>
    </message>
    <message>
        <source>One request every 10 seconds (the seed&apos;s default)</source>
        <translation>Eine Anfrage alle 10 Sekunden (Vorgabe des Seeds)</translation>
    </message>
    <message>
        <source>30 s</source>
        <translation>30 s</translation>
    </message>
    <message>
        <source>One request every 30 seconds</source>
        <translation>Eine Anfrage alle 30 Sekunden</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 min</translation>
    </message>
    <message>
        <source>One request a minute</source>
        <translation>Eine Anfrage pro Minute</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Frei</translation>
    </message>
    <message>
        <source>Your own interval</source>
        <translation>Ein eigenes Intervall</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>A target rate in requests per second</source>
        <translation>Eine Zielrate in Anfragen pro Sekunde</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>Takt</translation>
    </message>
    <message>
        <source> s between requests</source>
        <translation> s zwischen Anfragen</translation>
    </message>
    <message>
        <source>0: as fast as the in-flight limit allows</source>
        <translation>0: so schnell, wie das Limit gleichzeitiger Anfragen erlaubt</translation>
    </message>
    <message>
        <source> requests/s</source>
        <translation> Anfragen/s</translation>
    </message>
    <message>
        <source>Requests in flight at most; 1 means no overlap (the next waits for the last)</source>
        <translation>Höchstens so viele Anfragen gleichzeitig; 1 heißt ohne Überlappung (die nächste wartet auf die vorige)</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Gleichzeitig</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source> requests</source>
        <translation> Anfragen</translation>
    </message>
    <message>
        <source>Stop after</source>
        <translation>Stoppen nach</translation>
    </message>
    <message>
        <source>no time limit</source>
        <translation>ohne Zeitlimit</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>or after</source>
        <translation>oder nach</translation>
    </message>
    <message>
        <source>Prompts, one per line</source>
        <translation>Prompts, einer pro Zeile</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Read prompts from a text file, one per line</source>
        <translation>Prompts aus einer Textdatei lesen, einer pro Zeile</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>The seed&apos;s ten prompts</source>
        <translation>Die zehn Prompts des Seeds</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Verstrichen</translation>
    </message>
    <message>
        <source>Live log</source>
        <translation>Live-Protokoll</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>Alle Anfragen</translation>
    </message>
    <message>
        <source>Automation only</source>
        <translation>Nur Automatisierung</translation>
    </message>
    <message>
        <source>Failures only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Freeze the log to read it; new lines are counted, not shown</source>
        <translation>Protokoll anhalten, um es zu lesen; neue Zeilen werden gezählt, nicht angezeigt</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Request log</source>
        <translation>Anfrageprotokoll</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s)</source>
        <translation>
            <numerusform>%n Prompt</numerusform>
            <numerusform>%n Prompts</numerusform>
        </translation>
    </message>
    <message>
        <source>Load prompts</source>
        <translation>Prompts laden</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Relative weight of %1</source>
        <translation>Relatives Gewicht von %1</translation>
    </message>
    <message>
        <source>Choose at least one service.</source>
        <translation>Wählen Sie mindestens einen Dienst.</translation>
    </message>
    <message>
        <source>Write at least one prompt.</source>
        <translation>Geben Sie mindestens einen Prompt ein.</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Gestoppt: %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>%1 /s</source>
        <translation>%1 /s</translation>
    </message>
    <message>
        <source>paused · %1 new</source>
        <translation>angehalten · %1 neu</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no prompts.</source>
        <translation>%1 enthält keine Prompts.</translation>
    </message>
</context>
<context>
    <name>airm::ui::BreakerBadge</name>
    <message>
        <source>CLOSED</source>
        <translation>GESCHLOSSEN</translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation>OFFEN</translation>
    </message>
    <message>
        <source>HALF-OPEN</source>
        <translation>HALB OFFEN</translation>
    </message>
    <message>
        <source>FORCED OPEN</source>
        <translation>ERZWUNGEN OFFEN</translation>
    </message>
    <message>
        <source>DISABLED</source>
        <translation>DEAKTIVIERT</translation>
    </message>
    <message>
        <source>METRICS ONLY</source>
        <translation>NUR METRIKEN</translation>
    </message>
    <message>
        <source>Closed: calls pass through; failures are counted.</source>
        <translation>Geschlossen: Aufrufe gehen durch; Fehler werden gezählt.</translation>
    </message>
    <message>
        <source>Open: calls are rejected without reaching the service until the wait ends.</source>
        <translation>Offen: Aufrufe werden abgewiesen, ohne den Dienst zu erreichen, bis die Wartezeit endet.</translation>
    </message>
    <message>
        <source>Half-open: a few probe calls decide whether the breaker closes again.</source>
        <translation>Halb offen: Einige Probeaufrufe entscheiden, ob der Breaker wieder schließt.</translation>
    </message>
    <message>
        <source>Forced open by an operator: every call is rejected until reset.</source>
        <translation>Von Hand geöffnet: Jeder Aufruf wird abgewiesen, bis der Breaker zurückgesetzt wird.</translation>
    </message>
    <message>
        <source>Disabled by an operator: every call passes, nothing is counted.</source>
        <translation>Von Hand deaktiviert: Jeder Aufruf geht durch, nichts wird gezählt.</translation>
    </message>
    <message>
        <source>Metrics only: every call passes; rates are counted but never trip.</source>
        <translation>Nur Metriken: Jeder Aufruf geht durch; Quoten werden gezählt, lösen aber nie aus.</translation>
    </message>
</context>
<context>
    <name>airm::ui::BreakerConfigEditor</name>
    <message>
        <source>Open after this many failures in a row (0: rule off)</source>
        <translation>Öffnen nach so vielen Fehlern in Folge (0: Regel aus)</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Open when the failure rate of the window reaches this (0: off)</source>
        <translation>Öffnen, wenn die Fehlerquote des Fensters diesen Wert erreicht (0: aus)</translation>
    </message>
    <message>
        <source>Open when the slow-call rate reaches this (0: off)</source>
        <translation>Öffnen, wenn die Quote langsamer Aufrufe diesen Wert erreicht (0: aus)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>A call this slow or slower counts as slow</source>
        <translation>Ein Aufruf, der so lange oder länger dauert, gilt als langsam</translation>
    </message>
    <message>
        <source>Calls (count based) or seconds (time based)</source>
        <translation>Aufrufe (anzahlbasiert) oder Sekunden (zeitbasiert)</translation>
    </message>
    <message>
        <source>Rates are judged only once the window holds this many calls</source>
        <translation>Quoten werden erst bewertet, wenn das Fenster so viele Aufrufe enthält</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Time in OPEN before probing (HALF_OPEN)</source>
        <translation>Zeit im Zustand OFFEN vor den Probeaufrufen (HALB OFFEN)</translation>
    </message>
    <message>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <source>Each consecutive re-open multiplies the wait by this</source>
        <translation>Jedes erneute Öffnen in Folge multipliziert die Wartezeit hiermit</translation>
    </message>
    <message>
        <source>Upper bound of the open wait with backoff</source>
        <translation>Obergrenze der Wartezeit im Zustand OFFEN mit Backoff</translation>
    </message>
    <message>
        <source>Probe calls admitted in HALF_OPEN</source>
        <translation>Im Zustand HALB OFFEN zugelassene Probeaufrufe</translation>
    </message>
    <message>
        <source>Probe successes needed to close</source>
        <translation>Zum Schließen nötige erfolgreiche Probeaufrufe</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>eigene</translation>
    </message>
    <message>
        <source>seed: 3 failures in a row, 20 s open, 2 probes (the original dashboard). resilience4j, hystrix, polly: those libraries&apos; defaults.</source>
        <translation>seed: 3 Fehler in Folge, 20 s offen, 2 Probeaufrufe (das ursprüngliche Dashboard). resilience4j, hystrix, polly: die Standardwerte dieser Bibliotheken.</translation>
    </message>
    <message>
        <source>Count based</source>
        <translation>Anzahlbasiert</translation>
    </message>
    <message>
        <source>Time based</source>
        <translation>Zeitbasiert</translation>
    </message>
    <message>
        <source>Consecutive failures</source>
        <translation>Fehler in Folge</translation>
    </message>
    <message>
        <source>Failure rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <source>Slow-call rate</source>
        <translation>Quote langsamer Aufrufe</translation>
    </message>
    <message>
        <source>Slow call from</source>
        <translation>Langsam ab</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Window size</source>
        <translation>Fenstergröße</translation>
    </message>
    <message>
        <source>Minimum calls</source>
        <translation>Mindestanzahl Aufrufe</translation>
    </message>
    <message>
        <source>Open wait</source>
        <translation>Wartezeit offen</translation>
    </message>
    <message>
        <source>Open backoff</source>
        <translation>Backoff beim Öffnen</translation>
    </message>
    <message>
        <source>Max open wait</source>
        <translation>Max. Wartezeit offen</translation>
    </message>
    <message>
        <source>Half-open probes</source>
        <translation>Probeaufrufe halb offen</translation>
    </message>
    <message>
        <source>Successes to close</source>
        <translation>Erfolge zum Schließen</translation>
    </message>
    <message>
        <source>Preset %1 loaded: Apply to use it.</source>
        <translation>Vorlage %1 geladen: zum Verwenden „Anwenden“ wählen.</translation>
    </message>
    <message>
        <source>Applied to %1.</source>
        <translation>Auf %1 angewendet.</translation>
    </message>
</context>
<context>
    <name>airm::ui::BreakerPanel</name>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Force open</source>
        <translation>Öffnen erzwingen</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Metrics only</source>
        <translation>Nur Metriken</translation>
    </message>
    <message>
        <source>Close the breaker and clear its counters</source>
        <translation>Breaker schließen und seine Zähler leeren</translation>
    </message>
    <message>
        <source>Failure rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <source>Failed calls in the sliding window; shown once the window holds the minimum number of calls</source>
        <translation>Fehlgeschlagene Aufrufe im gleitenden Fenster; angezeigt, sobald das Fenster die Mindestanzahl an Aufrufen enthält</translation>
    </message>
    <message>
        <source>Slow-call rate</source>
        <translation>Quote langsamer Aufrufe</translation>
    </message>
    <message>
        <source>Calls slower than the slow-call threshold</source>
        <translation>Aufrufe, die langsamer als die Schwelle für langsame Aufrufe sind</translation>
    </message>
    <message>
        <source>Time in state</source>
        <translation>Zeit im Zustand</translation>
    </message>
    <message>
        <source>Since the last transition</source>
        <translation>Seit dem letzten Zustandswechsel</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Calls refused without reaching the service</source>
        <translation>Aufrufe, die abgewiesen wurden, ohne den Dienst zu erreichen</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Calls the breaker counted: successful / failed</source>
        <translation>Vom Breaker gezählte Aufrufe: erfolgreich / fehlgeschlagen</translation>
    </message>
    <message>
        <source>Times opened</source>
        <translation>Mal geöffnet</translation>
    </message>
    <message>
        <source>How often the breaker opened since start</source>
        <translation>Wie oft der Breaker seit dem Start geöffnet hat</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Configuration preset (see below)</source>
        <translation>Konfigurationsvorlage (siehe unten)</translation>
    </message>
    <message>
        <source>Consecutive failures</source>
        <translation>Fehler in Folge</translation>
    </message>
    <message>
        <source>Consecutive failures against the threshold that opens the breaker</source>
        <translation>Fehler in Folge im Vergleich zur Schwelle, die den Breaker öffnet</translation>
    </message>
    <message>
        <source>Last 10 minutes</source>
        <translation>Letzte 10 Minuten</translation>
    </message>
    <message>
        <source>Breaker transitions</source>
        <translation>Breaker-Zustandswechsel</translation>
    </message>
    <message>
        <source>Half-open in %1.</source>
        <translation>Halb offen in %1.</translation>
    </message>
    <message>
        <source>Probes: %1 of %2 successes needed, %3 in flight.</source>
        <translation>Probeaufrufe: %1 von %2 nötigen Erfolgen, %3 laufend.</translation>
    </message>
    <message>
        <source>not enough calls</source>
        <translation>zu wenige Aufrufe</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 (rule off)</source>
        <translation>%1 (Regel aus)</translation>
    </message>
</context>
<context>
    <name>airm::ui::BreakerTimeline</name>
    <message>
        <source>Breaker state over the last 10 minutes: green closed, red open, amber half-open</source>
        <translation>Breaker-Zustand der letzten 10 Minuten: grün geschlossen, rot offen, gelb halb offen</translation>
    </message>
    <message>
        <source>-%1</source>
        <translation>-%1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
</context>
<context>
    <name>airm::ui::ChaosForm</name>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <source>Inject chaos</source>
        <translation>Chaos injizieren</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Every configured service, including ones added later</source>
        <translation>Jeder konfigurierte Dienst, auch später hinzugefügte</translation>
    </message>
    <message>
        <source>Chaos type</source>
        <translation>Chaos-Typ</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>0 to %1 ms added to every touched call</source>
        <translation>0 bis %1 ms zusätzlich für jeden betroffenen Aufruf</translation>
    </message>
    <message>
        <source>A random extra delay between 0 and this</source>
        <translation>Eine zufällige zusätzliche Verzögerung zwischen 0 und diesem Wert</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Share of touched calls that get the fault</source>
        <translation>Anteil der betroffenen Aufrufe, die den Fehler bekommen</translation>
    </message>
    <message>
        <source>HTTP status to answer with, 400 to 599</source>
        <translation>HTTP-Status der Antwort, 400 bis 599</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Retry-After header value sent with the 429</source>
        <translation>Wert des Retry-After-Headers, der mit der 429 gesendet wird</translation>
    </message>
    <message>
        <source>Share of the targets&apos; requests the experiment touches (more than 0, at most 100 %)</source>
        <translation>Anteil der Anfragen an die Ziele, den das Experiment betrifft (mehr als 0, höchstens 100 %)</translation>
    </message>
    <message>
        <source>1 s to 24 h; the experiment ends by itself</source>
        <translation>1 s bis 24 h; das Experiment endet von selbst</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>Failing for</source>
        <translation>Fehlerhaft für</translation>
    </message>
    <message>
        <source>Then healthy for</source>
        <translation>Danach fehlerfrei für</translation>
    </message>
    <message>
        <source>Corruption</source>
        <translation>Beschädigung</translation>
    </message>
    <message>
        <source>Retry-After</source>
        <translation>Retry-After</translation>
    </message>
    <message>
        <source>Injection rate</source>
        <translation>Injektionsrate</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Set the duration to %1</source>
        <translation>Dauer auf %1 setzen</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Start the experiment (Ctrl+I)</source>
        <translation>Experiment starten (Strg+I)</translation>
    </message>
    <message>
        <source>Choose at least one target service.</source>
        <translation>Wählen Sie mindestens einen Zieldienst.</translation>
    </message>
</context>
<context>
    <name>airm::ui::ChaosHistoryModel</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Counted from the requests this window saw; experiments of earlier runs show –</source>
        <translation>Gezählt aus den Anfragen, die dieses Fenster gesehen hat; Experimente früherer Läufe zeigen –</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Ran for</source>
        <translation>Lief für</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Touched</source>
        <translation>Betroffen</translation>
    </message>
    <message>
        <source>Failures caused</source>
        <translation>Verursachte Fehler</translation>
    </message>
</context>
<context>
    <name>airm::ui::ChaosPage</name>
    <message>
        <source>Chaos</source>
        <translation>Chaos</translation>
    </message>
    <message>
        <source>Inject faults into services and watch the breakers react</source>
        <translation>Fehler in Dienste injizieren und die Reaktion der Breaker beobachten</translation>
    </message>
    <message>
        <source>Active experiments</source>
        <translation>Aktive Experimente</translation>
    </message>
    <message>
        <source>Experiment history</source>
        <translation>Experimentverlauf</translation>
    </message>
    <message>
        <source>No chaos experiment is running. Choose targets and a type, then Inject.</source>
        <translation>Es läuft kein Chaos-Experiment. Wählen Sie Ziele und einen Typ, dann „Chaos injizieren“.</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Alle stoppen</translation>
    </message>
    <message>
        <source>Stop every running experiment (Ctrl+Shift+X)</source>
        <translation>Alle laufenden Experimente stoppen (Strg+Umschalt+X)</translation>
    </message>
    <message>
        <source>New experiment</source>
        <translation>Neues Experiment</translation>
    </message>
    <message>
        <source>Counting down live. Touched: requests the experiment changed; failures caused: those of them that did not succeed.</source>
        <translation>Live-Countdown. Betroffen: Anfragen, die das Experiment verändert hat; verursachte Fehler: die davon, die nicht erfolgreich waren.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Experiments that ended, newest first, from this run and the database.</source>
        <translation>Beendete Experimente, neueste zuerst, aus diesem Lauf und der Datenbank.</translation>
    </message>
    <message>
        <source>Experiments that ended in this run, newest first.</source>
        <translation>In diesem Lauf beendete Experimente, neueste zuerst.</translation>
    </message>
    <message>
        <source>Started %1.</source>
        <translation>%1 gestartet.</translation>
    </message>
</context>
<context>
    <name>airm::ui::DatabaseHistorySource</name>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) written to %1</source>
        <translation>
            <numerusform>%n Anfrage nach %1 geschrieben</numerusform>
            <numerusform>%n Anfragen nach %1 geschrieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) deleted.</source>
        <translation>
            <numerusform>%n Anfrage gelöscht.</numerusform>
            <numerusform>%n Anfragen gelöscht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::HistoryTableModel</name>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>sim</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>real</source>
        <translation>echt</translation>
    </message>
    <message>
        <source>Answered by the built-in simulation (no API key)</source>
        <translation>Von der eingebauten Simulation beantwortet (kein API-Schlüssel)</translation>
    </message>
    <message>
        <source>Answered by the real provider</source>
        <translation>Vom echten Anbieter beantwortet</translation>
    </message>
    <message>
        <source>Started %1, finished %2</source>
        <translation>Gestartet %1, beendet %2</translation>
    </message>
    <message>
        <source>Time ↓</source>
        <translation>Zeit ↓</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>Breaker</translation>
    </message>
    <message>
        <source>Chaos</source>
        <translation>Chaos</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
</context>
<context>
    <name>airm::ui::Labels</name>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Rate Limit erreicht</translation>
    </message>
    <message>
        <source>Overloaded</source>
        <translation>Überlastet</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <source>Context too long</source>
        <translation>Kontext zu lang</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Corrupt response</source>
        <translation>Beschädigte Antwort</translation>
    </message>
    <message>
        <source>Rejected by breaker</source>
        <translation>Vom Breaker abgewiesen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ausgefallen</translation>
    </message>
    <message>
        <source>Key rejected</source>
        <translation>Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>No API key</source>
        <translation>Kein API-Schlüssel</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>Simuliert</translation>
    </message>
    <message>
        <source>No health check has run yet. Use &quot;Check health&quot; on the Services page.</source>
        <translation>Es lief noch keine Zustandsprüfung. Nutzen Sie „Zustand prüfen“ auf der Seite „Dienste“.</translation>
    </message>
    <message>
        <source>The last health check got a good answer.</source>
        <translation>Die letzte Zustandsprüfung erhielt eine gute Antwort.</translation>
    </message>
    <message>
        <source>The provider answered but is rate limiting or overloaded.</source>
        <translation>Der Anbieter hat geantwortet, drosselt aber oder ist überlastet.</translation>
    </message>
    <message>
        <source>The last health check failed.</source>
        <translation>Die letzte Zustandsprüfung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The provider refused the API key.</source>
        <translation>Der Anbieter hat den API-Schlüssel abgelehnt.</translation>
    </message>
    <message>
        <source>No API key is configured.</source>
        <translation>Es ist kein API-Schlüssel konfiguriert.</translation>
    </message>
    <message>
        <source>No API key: this service runs on the built-in simulation, not the real provider.</source>
        <translation>Kein API-Schlüssel: Dieser Dienst läuft auf der eingebauten Simulation, nicht beim echten Anbieter.</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Intermittent</source>
        <translation>Sporadisch</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>Corruption</source>
        <translation>Beschädigung</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Rate Limit</translation>
    </message>
    <message>
        <source>Adds a delay to every touched call: the latency, plus a random jitter up to the given amount. Calls slower than the breaker&apos;s slow-call threshold count as slow.</source>
        <translation>Verzögert jeden betroffenen Aufruf: um die Latenz plus einen zufälligen Jitter bis zum angegebenen Wert. Aufrufe über der Schwelle des Breakers für langsame Aufrufe gelten als langsam.</translation>
    </message>
    <message>
        <source>Answers touched calls with an HTTP error instead of asking the provider. 5xx statuses count as server errors, 429 as rate limiting.</source>
        <translation>Beantwortet betroffene Aufrufe mit einem HTTP-Fehler, statt den Anbieter zu fragen. 5xx-Status zählen als Serverfehler, 429 als Rate Limit.</translation>
    </message>
    <message>
        <source>Touched calls never answer: the attempt timeout of the service fires.</source>
        <translation>Betroffene Aufrufe antworten nie: Der Timeout des Versuchs für den Dienst greift.</translation>
    </message>
    <message>
        <source>Alternates between failing and healthy periods, starting with a failing one: flapping dependencies.</source>
        <translation>Wechselt zwischen fehlerhaften und fehlerfreien Phasen, beginnend mit einer fehlerhaften: instabile Abhängigkeiten.</translation>
    </message>
    <message>
        <source>The service cannot be reached at all (connection refused), as in an outage.</source>
        <translation>Der Dienst ist überhaupt nicht erreichbar (Verbindung abgelehnt), wie bei einem Ausfall.</translation>
    </message>
    <message>
        <source>The provider&apos;s answer is damaged on the way back: truncated, invalid JSON, a wrong schema or an empty body.</source>
        <translation>Die Antwort des Anbieters wird auf dem Rückweg beschädigt: abgeschnitten, ungültiges JSON, falsches Schema oder leerer Body.</translation>
    </message>
    <message>
        <source>Answers touched calls with 429 Too Many Requests and a Retry-After header.</source>
        <translation>Beantwortet betroffene Aufrufe mit 429 Too Many Requests und einem Retry-After-Header.</translation>
    </message>
    <message>
        <source>%1 ms ± %2 ms</source>
        <translation>%1 ms ± %2 ms</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>HTTP %1 at %2</source>
        <translation>HTTP %1 bei %2</translation>
    </message>
    <message>
        <source>%1 s failing / %2 s healthy, HTTP %3</source>
        <translation>%1 s fehlerhaft / %2 s fehlerfrei, HTTP %3</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>429 at %1, Retry-After %2 s</source>
        <translation>429 bei %1, Retry-After %2 s</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>%1, on %2 of requests</source>
        <translation>%1, bei %2 der Anfragen</translation>
    </message>
    <message>
        <source>all services</source>
        <translation>alle Dienste</translation>
    </message>
    <message>
        <source>Truncated body</source>
        <translation>Abgeschnittener Body</translation>
    </message>
    <message>
        <source>Invalid JSON</source>
        <translation>Ungültiges JSON</translation>
    </message>
    <message>
        <source>Wrong schema</source>
        <translation>Falsches Schema</translation>
    </message>
    <message>
        <source>Empty body</source>
        <translation>Leerer Body</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Automation</source>
        <translation>Automatisierung</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Health check</source>
        <translation>Zustandsprüfung</translation>
    </message>
    <message>
        <source>Google Gemini</source>
        <translation>Google Gemini</translation>
    </message>
    <message>
        <source>Cohere</source>
        <translation>Cohere</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation>OpenAI-kompatibel</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>Gestört</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>Improving</source>
        <translation>Verbessert sich</translation>
    </message>
    <message>
        <source>Declining</source>
        <translation>Verschlechtert sich</translation>
    </message>
    <message>
        <source>Stable</source>
        <translation>Stabil</translation>
    </message>
    <message>
        <source>Rising</source>
        <translation>Steigend</translation>
    </message>
    <message>
        <source>Falling</source>
        <translation>Fallend</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>Langsamer</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>Schneller</translation>
    </message>
    <message>
        <source>Not enough data</source>
        <translation>Zu wenige Daten</translation>
    </message>
    <message>
        <source>No failures</source>
        <translation>Keine Fehler</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Erholt</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>Hervorragend</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Schwach</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation>Noch keine Anfragen</translation>
    </message>
    <message>
        <source>Excellent performance</source>
        <translation>Hervorragende Leistung</translation>
    </message>
    <message>
        <source>Good performance</source>
        <translation>Gute Leistung</translation>
    </message>
    <message>
        <source>Degraded performance</source>
        <translation>Beeinträchtigte Leistung</translation>
    </message>
    <message>
        <source>No latency measured yet</source>
        <translation>Noch keine Latenz gemessen</translation>
    </message>
    <message>
        <source>Excellent response time</source>
        <translation>Hervorragende Antwortzeit</translation>
    </message>
    <message>
        <source>Good response time</source>
        <translation>Gute Antwortzeit</translation>
    </message>
    <message>
        <source>Slow response time</source>
        <translation>Langsame Antwortzeit</translation>
    </message>
</context>
<context>
    <name>airm::ui::LatencyChartView</name>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>No latency yet: send a request or start automation</source>
        <translation>Noch keine Latenz: Senden Sie eine Anfrage oder starten Sie die Automatisierung</translation>
    </message>
</context>
<context>
    <name>airm::ui::MainWindow</name>
    <message>
        <source>AI Resilience Monitor</source>
        <translation>AI Resilience Monitor</translation>
    </message>
    <message>
        <source>Resilience</source>
        <translation>Resilience</translation>
    </message>
    <message>
        <source>AI service monitor</source>
        <translation>Monitor für KI-Dienste</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Export history…</source>
        <translation>Verlauf exportieren…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation>Diagrammzeitraum</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>Reset all breakers</source>
        <translation>Alle Breaker zurücksetzen</translation>
    </message>
    <message>
        <source>Stop all chaos</source>
        <translation>Alle Chaos-Experimente stoppen</translation>
    </message>
    <message>
        <source>Reset live metrics</source>
        <translation>Live-Metriken zurücksetzen</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Verlauf löschen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>API documentation</source>
        <translation>API-Dokumentation</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>Engine running</source>
        <translation>Engine läuft</translation>
    </message>
    <message>
        <source>Engine not responding</source>
        <translation>Engine reagiert nicht</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1 Anfr./s</translation>
    </message>
    <message>
        <source>Database off</source>
        <translation>Datenbank aus</translation>
    </message>
    <message>
        <source>No history database</source>
        <translation>Keine Verlaufsdatenbank</translation>
    </message>
    <message>
        <source>Database OK</source>
        <translation>Datenbank OK</translation>
    </message>
    <message>
        <source>Database degraded: %1</source>
        <translation>Datenbank beeinträchtigt: %1</translation>
    </message>
    <message>
        <source>Database %1</source>
        <translation>Datenbank %1</translation>
    </message>
    <message>
        <source>%1
%2 written, %3 queued, %4 in the journal</source>
        <translation>%1
%2 geschrieben, %3 in der Warteschlange, %4 im Journal</translation>
    </message>
    <message>
        <source>API %1</source>
        <translation>API %1</translation>
    </message>
    <message>
        <source>The REST API, WebSocket events and Prometheus metrics are served here%1</source>
        <translation>Die REST-API, WebSocket-Ereignisse und Prometheus-Metriken werden hier bereitgestellt%1</translation>
    </message>
    <message>
        <source> (token required)</source>
        <translation> (Token erforderlich)</translation>
    </message>
    <message>
        <source>API error: %1</source>
        <translation>API-Fehler: %1</translation>
    </message>
    <message>
        <source>API off</source>
        <translation>API aus</translation>
    </message>
    <message>
        <source>Serve the REST API from Settings &gt; API server</source>
        <translation>REST-API bereitstellen unter Einstellungen &gt; API-Server</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>%1 services · %2 open</source>
        <translation>%1 Dienste · %2 offen</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>Läuft weiter</translation>
    </message>
    <message>
        <source>The monitor keeps running in the tray. Quit from its menu or with Ctrl+Q.</source>
        <translation>Der Monitor läuft im Infobereich weiter. Beenden über dessen Menü oder mit Strg+Q.</translation>
    </message>
    <message>
        <source>Every breaker reset to CLOSED</source>
        <translation>Alle Breaker auf GESCHLOSSEN zurückgesetzt</translation>
    </message>
    <message>
        <source>Every chaos experiment stopped</source>
        <translation>Alle Chaos-Experimente gestoppt</translation>
    </message>
    <message>
        <source>Live metrics reset; the stored history is untouched</source>
        <translation>Live-Metriken zurückgesetzt; der gespeicherte Verlauf bleibt unverändert</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Verlauf löschen</translation>
    </message>
    <message>
        <source>Delete every stored request, breaker transition and chaos experiment from %1?

This cannot be undone. Live metrics are not affected.</source>
        <translation>Alle gespeicherten Anfragen, Breaker-Zustandswechsel und Chaos-Experimente aus %1 löschen?

Dies kann nicht rückgängig gemacht werden. Live-Metriken sind nicht betroffen.</translation>
    </message>
    <message>
        <source>History cleared: %1</source>
        <translation>Verlauf gelöscht: %1</translation>
    </message>
    <message>
        <source>Could not clear the history: %1</source>
        <translation>Verlauf konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>About AI Resilience Monitor</source>
        <translation>Über AI Resilience Monitor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AI Resilience Monitor %1&lt;/h3&gt;&lt;p&gt;Circuit breakers, chaos injection and live metrics for AI provider APIs.&lt;/p&gt;&lt;p&gt;Services without an API key run on an explicit simulation, marked SIMULATED everywhere.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AI Resilience Monitor %1&lt;/h3&gt;&lt;p&gt;Circuit Breaker, Chaos-Injektion und Live-Metriken für die APIs von KI-Anbietern.&lt;/p&gt;&lt;p&gt;Dienste ohne API-Schlüssel laufen auf einer ausdrücklichen Simulation und sind überall als SIMULIERT gekennzeichnet.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This window serves it now at &lt;code&gt;%1/&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Dieses Fenster stellt sie jetzt unter &lt;code&gt;%1/&lt;/code&gt; bereit.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Switch it on in Settings &amp;gt; API server, or run the headless service: &lt;code&gt;ai-resilience-monitor --headless&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Schalten Sie sie unter Einstellungen &amp;gt; API-Server ein oder starten Sie den Dienst ohne Oberfläche: &lt;code&gt;ai-resilience-monitor --headless&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The REST API (seed-compatible paths and &lt;code&gt;/api/v1/&lt;/code&gt;), the WebSocket event stream and Prometheus metrics.&lt;/p&gt;%1&lt;p&gt;The reference is &lt;code&gt;docs/openapi.yaml&lt;/code&gt; in the source tree.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die REST-API (Seed-kompatible Pfade und &lt;code&gt;/api/v1/&lt;/code&gt;), der WebSocket-Ereignisstrom und Prometheus-Metriken.&lt;/p&gt;%1&lt;p&gt;Die Referenz ist &lt;code&gt;docs/openapi.yaml&lt;/code&gt; im Quellbaum.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n new alert(s)</source>
        <translation>
            <numerusform>%1 · %n neuer Alarm</numerusform>
            <numerusform>%1 · %n neue Alarme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n new alert(s)</source>
        <translation>
            <numerusform>%1, %n neuer Alarm</numerusform>
            <numerusform>%1, %n neue Alarme</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>airm::ui::OutcomeChartView</name>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>No requests</source>
        <translation>Keine Anfragen</translation>
    </message>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
</context>
<context>
    <name>airm::ui::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Live state of every service, breaker and experiment</source>
        <translation>Live-Zustand aller Dienste, Breaker und Experimente</translation>
    </message>
    <message>
        <source>Start traffic</source>
        <translation>Verkehr starten</translation>
    </message>
    <message>
        <source>Start an automation run: 2 requests a second, round robin over every service. Change or stop it on the Automation page.</source>
        <translation>Startet einen automatischen Lauf: 2 Anfragen pro Sekunde, Round Robin über alle Dienste. Ändern oder stoppen auf der Seite „Automatisierung“.</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>From the stored history (per-minute roll-ups)</source>
        <translation>Aus dem gespeicherten Verlauf (Minuten-Aggregate)</translation>
    </message>
    <message>
        <source>From the live per-second series</source>
        <translation>Aus der Live-Sekundenreihe</translation>
    </message>
    <message>
        <source>Needs the history database, which is not available</source>
        <translation>Braucht die Verlaufsdatenbank, die nicht verfügbar ist</translation>
    </message>
    <message>
        <source>Total requests</source>
        <translation>Anfragen gesamt</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Latency p50 / p95</source>
        <translation>Latenz p50 / p95</translation>
    </message>
    <message>
        <source>Requests / s</source>
        <translation>Anfragen / s</translation>
    </message>
    <message>
        <source>Active chaos</source>
        <translation>Aktives Chaos</translation>
    </message>
    <message>
        <source>Breakers open</source>
        <translation>Offene Breaker</translation>
    </message>
    <message>
        <source>Successful requests among all finished ones (failures, timeouts and breaker rejections count against it). 95 % and more is excellent, 85 % and more good.</source>
        <translation>Anteil erfolgreicher an allen abgeschlossenen Anfragen (Fehler, Timeouts und Abweisungen durch den Breaker zählen dagegen). Ab 95 % hervorragend, ab 85 % gut.</translation>
    </message>
    <message>
        <source>Median (p50) and 95th percentile (p95) latency over the last minute, all services. Under 200 ms is excellent, under 500 ms good.</source>
        <translation>Median (p50) und 95. Perzentil (p95) der Latenz in der letzten Minute, alle Dienste. Unter 200 ms hervorragend, unter 500 ms gut.</translation>
    </message>
    <message>
        <source>Finished requests per second, averaged over the last 10 seconds</source>
        <translation>Abgeschlossene Anfragen pro Sekunde, gemittelt über die letzten 10 Sekunden</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Throughput and errors</source>
        <translation>Durchsatz und Fehler</translation>
    </message>
    <message>
        <source>Outcome mix</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Shaded bands: chaos experiments. Dashed markers: breaker transitions, in the colour of the new state.</source>
        <translation>Schattierte Bereiche: Chaos-Experimente. Gestrichelte Markierungen: Breaker-Zustandswechsel, in der Farbe des neuen Zustands.</translation>
    </message>
    <message>
        <source>+%1 last minute</source>
        <translation>+%1 letzte Minute</translation>
    </message>
    <message>
        <source>last minute</source>
        <translation>letzte Minute</translation>
    </message>
    <message>
        <source>since start</source>
        <translation>seit dem Start</translation>
    </message>
    <message>
        <source>p95 %1 · %2</source>
        <translation>p95 %1 · %2</translation>
    </message>
    <message>
        <source>%1
Window: %2</source>
        <translation>%1
Zeitraum: %2</translation>
    </message>
    <message>
        <source>10 s average</source>
        <translation>Mittel über 10 s</translation>
    </message>
    <message>
        <source>None running</source>
        <translation>Keines aktiv</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Open: %1</source>
        <translation>Offen: %1</translation>
    </message>
    <message>
        <source>Half-open: %1</source>
        <translation>Halb offen: %1</translation>
    </message>
    <message>
        <source>All closed</source>
        <translation>Alle geschlossen</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p95 solid, p50 dashed · per second · last %1</source>
        <translation>p95 durchgezogen, p50 gestrichelt · pro Sekunde · letzte %1</translation>
    </message>
    <message>
        <source>all services · %1</source>
        <translation>alle Dienste · %1</translation>
    </message>
    <message>
        <source>last %1</source>
        <translation>letzte %1</translation>
    </message>
    <message>
        <source>loading the history…</source>
        <translation>Verlauf wird geladen…</translation>
    </message>
    <message>
        <source>avg</source>
        <translation>Ø</translation>
    </message>
    <message>
        <source>p95 solid, average dashed · per %1 · stored history</source>
        <translation>p95 durchgezogen, Mittelwert gestrichelt · pro %1 · gespeicherter Verlauf</translation>
    </message>
    <message>
        <source>all services · per %1 · stored history</source>
        <translation>alle Dienste · pro %1 · gespeicherter Verlauf</translation>
    </message>
    <message>
        <source>last %1 · stored history</source>
        <translation>letzte %1 · gespeicherter Verlauf</translation>
    </message>
    <message>
        <source>all services</source>
        <translation>alle Dienste</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>airm::ui::PlanPreview</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>Chaos</source>
        <translation>Chaos</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Warten</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>In parallel</source>
        <translation>Parallel</translation>
    </message>
    <message>
        <source>In order</source>
        <translation>Nacheinander</translation>
    </message>
    <message>
        <source>For each service</source>
        <translation>Für jeden Dienst</translation>
    </message>
    <message>
        <source>every service</source>
        <translation>jeder Dienst</translation>
    </message>
    <message>
        <source>%1 requests/s</source>
        <translation>%1 Anfragen/s</translation>
    </message>
    <message>
        <source>a request every %1</source>
        <translation>eine Anfrage alle %1</translation>
    </message>
    <message numerus="yes">
        <source>as fast as %n in flight allow</source>
        <translation>
            <numerusform>so schnell, wie %n gleichzeitige Anfrage erlaubt</numerusform>
            <numerusform>so schnell, wie %n gleichzeitige Anfragen erlauben</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 in flight</source>
        <translation>, %1 gleichzeitig</translation>
    </message>
    <message numerus="yes">
        <source>, %n request(s)</source>
        <translation>
            <numerusform>, %n Anfrage</numerusform>
            <numerusform>, %n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 an %2</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>success rate of %1 %2 over %3</source>
        <translation>Erfolgsquote von %1 %2 über %3</translation>
    </message>
    <message>
        <source>p95 latency of %1 %2 over %3</source>
        <translation>p95-Latenz von %1 %2 über %3</translation>
    </message>
    <message>
        <source>every breaker %1</source>
        <translation>jeder Breaker %1</translation>
    </message>
    <message>
        <source>breaker of %1 %2</source>
        <translation>Breaker von %1 %2</translation>
    </message>
    <message>
        <source>no request lost</source>
        <translation>keine Anfrage verloren</translation>
    </message>
    <message>
        <source>before</source>
        <translation>davor</translation>
    </message>
    <message>
        <source>during</source>
        <translation>währenddessen</translation>
    </message>
    <message>
        <source>after</source>
        <translation>danach</translation>
    </message>
    <message>
        <source>in check steps</source>
        <translation>in Prüfschritten</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source> · load: %1</source>
        <translation> · Last: %1</translation>
    </message>
    <message>
        <source>no requests of its own</source>
        <translation>keine eigenen Anfragen</translation>
    </message>
    <message>
        <source>every probe of the hypothesis</source>
        <translation>jede Probe der Hypothese</translation>
    </message>
    <message>
        <source>probes %1</source>
        <translation>Proben %1</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>every configured service</source>
        <translation>jeder konfigurierte Dienst</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %n variant(s)</source>
        <translation>
            <numerusform>%1 × %n Variante</numerusform>
            <numerusform>%1 × %n Varianten</numerusform>
        </translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source> (at most %1)</source>
        <translation> (höchstens %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 at ×%3)</source>
        <translation>%1 (%2 bei ×%3)</translation>
    </message>
    <message>
        <source>on conditions</source>
        <translation>nach Bedingungen</translation>
    </message>
    <message>
        <source>as long as its conditions take</source>
        <translation>so lange, wie seine Bedingungen brauchen</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>at least %1; some steps end on a condition or a request count</source>
        <translation>mindestens %1; manche Schritte enden bei einer Bedingung oder nach einer Anzahl Anfragen</translation>
    </message>
    <message>
        <source>%1 a cycle, repeats</source>
        <translation>%1 pro Zyklus, wiederholt</translation>
    </message>
    <message>
        <source>%1 a cycle, repeated until stopped or the time limit</source>
        <translation>%1 pro Zyklus, wiederholt bis zum Stoppen oder Zeitlimit</translation>
    </message>
    <message>
        <source>%1 a cycle, %2 cycles</source>
        <translation>%1 pro Zyklus, %2 Zyklen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Length / ends</source>
        <translation>Dauer / Ende</translation>
    </message>
    <message>
        <source>Plan preview</source>
        <translation>Planvorschau</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) to run</source>
        <translation>
            <numerusform>%n auszuführender Schritt</numerusform>
            <numerusform>%n auszuführende Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>Hypothese</translation>
    </message>
    <message numerus="yes">
        <source>%n probe(s)</source>
        <translation>
            <numerusform>%n Probe</numerusform>
            <numerusform>%n Proben</numerusform>
        </translation>
    </message>
    <message>
        <source>Abort when</source>
        <translation>Abbrechen, wenn</translation>
    </message>
    <message numerus="yes">
        <source>%n condition(s)</source>
        <translation>
            <numerusform>%n Bedingung</numerusform>
            <numerusform>%n Bedingungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 fails</source>
        <translation>%1 fehlschlägt</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>für %1</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source>stop chaos and load, reset the breakers of the chaos targets</source>
        <translation>Chaos und Last stoppen, die Breaker der Chaos-Ziele zurücksetzen</translation>
    </message>
    <message>
        <source>stop chaos and load</source>
        <translation>Chaos und Last stoppen</translation>
    </message>
</context>
<context>
    <name>airm::ui::ReportExportDialog</name>
    <message>
        <source>The last hour</source>
        <translation>Die letzte Stunde</translation>
    </message>
    <message>
        <source>Since the monitor started</source>
        <translation>Seit dem Start des Monitors</translation>
    </message>
    <message>
        <source>From – to</source>
        <translation>Von – bis</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>A window report in the scenario report schema (JSON): per-service statistics, breaker transitions, chaos experiments and the recovery after each, resilience scores and insights.</source>
        <translation>Ein Zeitraumbericht im Schema der Szenarioberichte (JSON): Statistiken je Dienst, Breaker-Zustandswechsel, Chaos-Experimente und die Erholung danach, Resilienz-Punktzahlen und Erkenntnisse.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Request counts come from the live counters, which start when the monitor starts or its metrics are reset; breaker transitions and chaos experiments are taken from the chosen window.</source>
        <translation>Die Anzahl der Anfragen stammt aus den Live-Zählern, die beim Start des Monitors oder beim Zurücksetzen seiner Metriken beginnen; Breaker-Zustandswechsel und Chaos-Experimente stammen aus dem gewählten Zeitraum.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>The start must be before the end.</source>
        <translation>Der Anfang muss vor dem Ende liegen.</translation>
    </message>
</context>
<context>
    <name>airm::ui::RequestHistoryPage</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Every request, from the database</source>
        <translation>Jede Anfrage, aus der Datenbank</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Chaos</source>
        <translation>Chaos</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Write the filtered requests to a JSON file (Ctrl+E)</source>
        <translation>Die gefilterten Anfragen in eine JSON-Datei schreiben (Strg+E)</translation>
    </message>
    <message>
        <source>Write the filtered requests to a CSV file (RFC 4180)</source>
        <translation>Die gefilterten Anfragen in eine CSV-Datei schreiben (RFC 4180)</translation>
    </message>
    <message>
        <source>The history database is not available%1. Live figures are on the Overview; the history appears here once the database opens.</source>
        <translation>Die Verlaufsdatenbank ist nicht verfügbar%1. Live-Zahlen stehen in der Übersicht; der Verlauf erscheint hier, sobald die Datenbank geöffnet ist.</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Not successful</source>
        <translation>Nicht erfolgreich</translation>
    </message>
    <message>
        <source>All origins</source>
        <translation>Alle Herkünfte</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>With or without chaos</source>
        <translation>Mit oder ohne Chaos</translation>
    </message>
    <message>
        <source>Chaos-affected</source>
        <translation>Von Chaos betroffen</translation>
    </message>
    <message>
        <source>Not affected</source>
        <translation>Nicht betroffen</translation>
    </message>
    <message>
        <source>Search prompt or error…</source>
        <translation>Prompt oder Fehler suchen…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Load the newest requests</source>
        <translation>Die neuesten Anfragen laden</translation>
    </message>
    <message>
        <source>Request history</source>
        <translation>Anfrageverlauf</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Select a request to see its prompt, response and attempts.</source>
        <translation>Wählen Sie eine Anfrage, um Prompt, Antwort und Versuche zu sehen.</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Exported %1 of %2 requests…</source>
        <translation>%1 von %2 Anfragen exportiert…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>%n matching request(s)</source>
        <translation>
            <numerusform>%n passende Anfrage</numerusform>
            <numerusform>%n passende Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 loaded · newest first · %2</source>
        <translation> · %1 geladen · neueste zuerst · %2</translation>
    </message>
    <message>
        <source> · loading…</source>
        <translation> · wird geladen…</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>none: not sent</source>
        <translation>keiner: nicht gesendet</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>Beantwortet von</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>simulated</source>
        <translation>simuliert</translation>
    </message>
    <message>
        <source>real API</source>
        <translation>echte API</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>%1 in / %2 out</source>
        <translation>%1 ein / %2 aus</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>Breaker</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>&lt;i&gt;not stored (privacy mode)&lt;/i&gt;</source>
        <translation>&lt;i&gt;nicht gespeichert (Datenschutzmodus)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>&lt;i&gt;not stored (responses are kept only when enabled)&lt;/i&gt;</source>
        <translation>&lt;i&gt;nicht gespeichert (Antworten werden nur aufbewahrt, wenn aktiviert)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>JSON exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>airm::ui::ScenariosPage</name>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>Experimente</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>The JSON report (docs/report-schema.json)</source>
        <translation>Der JSON-Bericht (docs/report-schema.json)</translation>
    </message>
    <message>
        <source>The text summary with the verdict</source>
        <translation>Die Textzusammenfassung mit dem Urteil</translation>
    </message>
    <message>
        <source>CSV: one row per chaos experiment and target, and per load step</source>
        <translation>CSV: eine Zeile je Chaos-Experiment und Ziel sowie je Lastschritt</translation>
    </message>
    <message>
        <source>CSV: one row per request the run observed</source>
        <translation>CSV: eine Zeile je Anfrage, die der Lauf beobachtet hat</translation>
    </message>
    <message>
        <source>CSV: one row per service, with its resilience score</source>
        <translation>CSV: eine Zeile je Dienst, mit seiner Resilienz-Punktzahl</translation>
    </message>
    <message>
        <source>Checking the steady state</source>
        <translation>Stabiler Zustand wird geprüft</translation>
    </message>
    <message>
        <source>Running the method</source>
        <translation>Methode läuft</translation>
    </message>
    <message>
        <source>Measuring recovery</source>
        <translation>Erholung wird gemessen</translation>
    </message>
    <message>
        <source>Waiting for requests in flight</source>
        <translation>Warten auf laufende Anfragen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <source>Experiment plans with hypotheses, measured recovery and reports</source>
        <translation>Experimentpläne mit Hypothesen, gemessener Erholung und Berichten</translation>
    </message>
    <message>
        <source>Open plan file…</source>
        <translation>Plandatei öffnen…</translation>
    </message>
    <message>
        <source>Save plan as…</source>
        <translation>Plan speichern unter…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>Bericht öffnen</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>Ordner anzeigen</translation>
    </message>
    <message>
        <source>Run the selected plan</source>
        <translation>Den gewählten Plan ausführen</translation>
    </message>
    <message>
        <source>End the run now: chaos and load stop, requests in flight finish, the report is written</source>
        <translation>Lauf jetzt beenden: Chaos und Last stoppen, laufende Anfragen werden beendet, der Bericht wird geschrieben</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Pläne</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Length at ×1</source>
        <translation>Dauer bei ×1</translation>
    </message>
    <message>
        <source>Add an experiment plan from a JSON file (docs/plan-schema.json)</source>
        <translation>Einen Experimentplan aus einer JSON-Datei hinzufügen (docs/plan-schema.json)</translation>
    </message>
    <message>
        <source>Write the selected plan&apos;s JSON to a file, to edit it or run it elsewhere</source>
        <translation>Das JSON des gewählten Plans in eine Datei schreiben, um ihn zu bearbeiten oder anderswo auszuführen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Divides plan time: 1 is real time; 100 runs the 23-minute validation suite&apos;s method in about 14 s. Provider latencies, breaker waits and recovery timeouts stay real time.</source>
        <translation>Teilt die Planzeit: 1 ist Echtzeit; 100 führt die Methode der 23-minütigen Validierungssuite in etwa 14 s aus. Latenzen der Anbieter, Wartezeiten der Breaker und Erholungs-Timeouts bleiben in Echtzeit.</translation>
    </message>
    <message>
        <source>Time scale</source>
        <translation>Zeitfaktor</translation>
    </message>
    <message>
        <source>as the plan says</source>
        <translation>wie im Plan angegeben</translation>
    </message>
    <message>
        <source> min of plan time</source>
        <translation> min Planzeit</translation>
    </message>
    <message>
        <source>Steps that would not end before this are not started; the run then ends with &quot;duration reached&quot;</source>
        <translation>Schritte, die nicht vorher enden würden, werden nicht gestartet; der Lauf endet dann mit „duration reached“</translation>
    </message>
    <message>
        <source>Maximum duration</source>
        <translation>Höchstdauer</translation>
    </message>
    <message>
        <source>Stop after</source>
        <translation>Stoppen nach</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Verstrichen</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Chaos active</source>
        <translation>Chaos aktiv</translation>
    </message>
    <message>
        <source>Recoveries pending</source>
        <translation>Ausstehende Erholungen</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>Aktueller Schritt</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Scenario output</source>
        <translation>Szenarioausgabe</translation>
    </message>
    <message>
        <source>The run&apos;s progress appears here: steps, chaos, probes, recoveries.</source>
        <translation>Hier erscheint der Fortschritt des Laufs: Schritte, Chaos, Proben, Erholungen.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Report files</source>
        <translation>Berichtsdateien</translation>
    </message>
    <message>
        <source>Length: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>Plan öffnen</translation>
    </message>
    <message>
        <source>Plans (*.json);;All files (*)</source>
        <translation>Pläne (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Plan speichern</translation>
    </message>
    <message>
        <source>Plans (*.json)</source>
        <translation>Pläne (*.json)</translation>
    </message>
    <message>
        <source>Files in %1</source>
        <translation>Dateien in %1</translation>
    </message>
    <message>
        <source>not available here</source>
        <translation>hier nicht verfügbar</translation>
    </message>
    <message>
        <source>Runs are not available in this window: it was started without the scenario service.</source>
        <translation>Läufe sind in diesem Fenster nicht verfügbar: Es wurde ohne den Szenariodienst gestartet.</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>Eingebaut</translation>
    </message>
    <message>
        <source>Built-in plan</source>
        <translation>Eingebauter Plan</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Aus %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>This plan cannot be used: %1</source>
        <translation>Dieser Plan ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Plan %1 opened from %2</source>
        <translation>Plan %1 aus %2 geöffnet</translation>
    </message>
    <message>
        <source>Choose a plan first.</source>
        <translation>Wählen Sie zuerst einen Plan.</translation>
    </message>
    <message>
        <source>Plan written to %1</source>
        <translation>Plan nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird gestoppt…</translation>
    </message>
    <message>
        <source>Running · %1</source>
        <translation>Läuft · %1</translation>
    </message>
    <message>
        <source>Hypothesis held</source>
        <translation>Hypothese bestätigt</translation>
    </message>
    <message>
        <source>Hypothesis failed</source>
        <translation>Hypothese widerlegt</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 · run %2 · exit code %3</source>
        <translation>%1 · Lauf %2 · Exit-Code %3</translation>
    </message>
    <message>
        <source>Ended: %1</source>
        <translation>Beendet: %1</translation>
    </message>
    <message>
        <source>Probe &lt;b&gt;%1&lt;/b&gt; failed %2: %3, needs %4</source>
        <translation>Probe &lt;b&gt;%1&lt;/b&gt; fehlgeschlagen (%2): %3, nötig %4</translation>
    </message>
    <message numerus="yes">
        <source> (%n sample(s))</source>
        <translation>
            <numerusform> (%n Stichprobe)</numerusform>
            <numerusform> (%n Stichproben)</numerusform>
        </translation>
    </message>
    <message>
        <source>Step %1 %2 waited for a condition that never came</source>
        <translation>Schritt %1 %2 wartete auf eine Bedingung, die nie eintrat</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) lost</source>
        <translation>
            <numerusform>%n Anfrage verloren</numerusform>
            <numerusform>%n Anfragen verloren</numerusform>
        </translation>
    </message>
    <message>
        <source>The report files were not saved: %1</source>
        <translation>Die Berichtsdateien wurden nicht gespeichert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Report: %1 and %n more file(s)</source>
        <translation>
            <numerusform>Bericht: %1 und %n weitere Datei</numerusform>
            <numerusform>Bericht: %1 und %n weitere Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>Finished · %1</source>
        <translation>Beendet · %1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 – report</source>
        <translation>%1 – Bericht</translation>
    </message>
    <message>
        <source>%1 · %2 · showing the first %3; the whole file is in the report folder</source>
        <translation>%1 · %2 · die ersten %3 werden angezeigt; die ganze Datei liegt im Berichtsordner</translation>
    </message>
    <message>
        <source>%1 · %2 · read-only</source>
        <translation>%1 · %2 · schreibgeschützt</translation>
    </message>
    <message>
        <source>Delete report file</source>
        <translation>Berichtsdatei löschen</translation>
    </message>
    <message>
        <source>Delete %1 from %2?

This cannot be undone.</source>
        <translation>%1 aus %2 löschen?

Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>Cannot delete %1: %2</source>
        <translation>%1 kann nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>No file manager could open %1</source>
        <translation>Kein Dateimanager konnte %1 öffnen</translation>
    </message>
    <message>
        <source>%1: larger than %2 bytes</source>
        <translation>%1: größer als %2 Bytes</translation>
    </message>
    <message>
        <source>not deleted</source>
        <translation>nicht gelöscht</translation>
    </message>
</context>
<context>
    <name>airm::ui::SendRequestPanel</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Prompt, e.g. &quot;Explain circuit breakers in one sentence&quot;</source>
        <translation>Prompt, z. B. „Erkläre Circuit Breaker in einem Satz“</translation>
    </message>
    <message>
        <source>What is a circuit breaker in software?</source>
        <translation>Was ist ein Circuit Breaker in Software?</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Send the prompt to this service (Ctrl+Return)</source>
        <translation>Den Prompt an diesen Dienst senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>Tokens ein / aus</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>The response appears here.</source>
        <translation>Die Antwort erscheint hier.</translation>
    </message>
    <message>
        <source>Send to %1</source>
        <translation>An %1 senden</translation>
    </message>
    <message>
        <source>Write a prompt first.</source>
        <translation>Geben Sie zuerst einen Prompt ein.</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>Warten auf %1…</translation>
    </message>
    <message>
        <source>Answered by %1%2 at %3</source>
        <translation>Beantwortet von %1%2 um %3</translation>
    </message>
    <message>
        <source> (simulated)</source>
        <translation> (simuliert)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>%1 (fallback)</source>
        <translation>%1 (Fallback)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>no message</source>
        <translation>keine Meldung</translation>
    </message>
</context>
<context>
    <name>airm::ui::ServiceCard</name>
    <message>
        <source>Requests per 5 s, last 5 min; failures in red</source>
        <translation>Anfragen pro 5 s, letzte 5 min; Fehler in Rot</translation>
    </message>
    <message>
        <source>Service %1</source>
        <translation>Dienst %1</translation>
    </message>
    <message>
        <source>Open %1 on the Services page</source>
        <translation>%1 auf der Seite „Dienste“ öffnen</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Median latency over the last minute</source>
        <translation>Median der Latenz in der letzten Minute</translation>
    </message>
    <message>
        <source>95th percentile latency over the last minute</source>
        <translation>95. Perzentil der Latenz in der letzten Minute</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>SIMULATED</source>
        <translation>SIMULIERT</translation>
    </message>
    <message>
        <source>REAL API</source>
        <translation>ECHTE API</translation>
    </message>
    <message>
        <source>Requests go to the real provider with your API key.</source>
        <translation>Anfragen gehen mit Ihrem API-Schlüssel an den echten Anbieter.</translation>
    </message>
    <message>
        <source>%1 failed, %2 timed out, %3 rejected by the breaker</source>
        <translation>%1 fehlgeschlagen, %2 mit Timeout, %3 vom Breaker abgewiesen</translation>
    </message>
    <message>
        <source>chaos: %1</source>
        <translation>Chaos: %1</translation>
    </message>
    <message>
        <source>A chaos experiment targets this service: %1</source>
        <translation>Ein Chaos-Experiment zielt auf diesen Dienst: %1</translation>
    </message>
</context>
<context>
    <name>airm::ui::ServicesPage</name>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Configuration, manual requests and the circuit breaker of each service</source>
        <translation>Konfiguration, manuelle Anfragen und der Circuit Breaker jedes Dienstes</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Circuit breaker</source>
        <translation>Circuit Breaker</translation>
    </message>
    <message>
        <source>Reset all breakers</source>
        <translation>Alle Breaker zurücksetzen</translation>
    </message>
    <message>
        <source>Check health</source>
        <translation>Zustand prüfen</translation>
    </message>
    <message>
        <source>Probe every service now (real services with their keys; simulated ones report that they are simulated)</source>
        <translation>Jeden Dienst jetzt prüfen (echte Dienste mit ihren Schlüsseln; simulierte melden, dass sie simuliert sind)</translation>
    </message>
    <message>
        <source>Close every breaker and clear its counters (Ctrl+Shift+R)</source>
        <translation>Alle Breaker schließen und ihre Zähler leeren (Strg+Umschalt+R)</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>Anfrage senden</translation>
    </message>
    <message>
        <source>Goes through the breaker, chaos and metrics like every other request.</source>
        <translation>Läuft wie jede andere Anfrage durch Breaker, Chaos und Metriken.</translation>
    </message>
    <message>
        <source>Breaker configuration</source>
        <translation>Breaker-Konfiguration</translation>
    </message>
    <message>
        <source>Trip rules, waits and probes. The engine checks every value and names the one at fault.</source>
        <translation>Auslöseregeln, Wartezeiten und Probeaufrufe. Die Engine prüft jeden Wert und nennt den fehlerhaften.</translation>
    </message>
    <message>
        <source>%1 · breaker %2</source>
        <translation>%1 · Breaker %2</translation>
    </message>
    <message>
        <source>Circuit breaker · %1</source>
        <translation>Circuit Breaker · %1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;not required&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;nicht erforderlich&lt;/span&gt;</translation>
    </message>
    <message>
        <source>from the environment (%1)</source>
        <translation>aus der Umgebung (%1)</translation>
    </message>
    <message>
        <source>from the configuration file</source>
        <translation>aus der Konfigurationsdatei</translation>
    </message>
    <message>
        <source>entered in Settings (memory only)</source>
        <translation>in den Einstellungen eingegeben (nur im Speicher)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;set&lt;/span&gt; %2</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;gesetzt&lt;/span&gt; %2</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;missing&lt;/span&gt;: set %2 or enter one in Settings</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;fehlt&lt;/span&gt;: %2 setzen oder einen in den Einstellungen eingeben</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;Simulated&lt;/span&gt;: %2–%3 ms, %4 % failures</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;Simuliert&lt;/span&gt;: %2–%3 ms, %4 % Fehler</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;Real API&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;Echte API&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Max. Tokens</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Parallelität</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>Configuration · %1</source>
        <translation>Konfiguration · %1</translation>
    </message>
</context>
<context>
    <name>airm::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Saved as you change them</source>
        <translation>Werden beim Ändern gespeichert</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Do not store prompts and responses (privacy mode)</source>
        <translation>Prompts und Antworten nicht speichern (Datenschutzmodus)</translation>
    </message>
    <message>
        <source>Closing the window keeps the monitor running in the tray</source>
        <translation>Schließen des Fensters lässt den Monitor im Infobereich weiterlaufen</translation>
    </message>
    <message>
        <source>Notify when a breaker opens or closes</source>
        <translation>Benachrichtigen, wenn ein Breaker öffnet oder schließt</translation>
    </message>
    <message>
        <source>Serve the REST API</source>
        <translation>REST-API bereitstellen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Translations ship as they are completed; the language applies at the next start.</source>
        <translation>Übersetzungen kommen hinzu, sobald sie fertig sind; die Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Providers and API keys</source>
        <translation>Anbieter und API-Schlüssel</translation>
    </message>
    <message>
        <source>Breaker defaults</source>
        <translation>Breaker-Standardwerte</translation>
    </message>
    <message>
        <source>As configured</source>
        <translation>Wie konfiguriert</translation>
    </message>
    <message>
        <source>Apply to all services now</source>
        <translation>Jetzt auf alle Dienste anwenden</translation>
    </message>
    <message>
        <source>Preset at start</source>
        <translation>Vorlage beim Start</translation>
    </message>
    <message>
        <source>Every service&apos;s breaker starts with this preset. Fine-tune one service on the Services page.</source>
        <translation>Der Breaker jedes Dienstes startet mit dieser Vorlage. Einzelne Dienste lassen sich auf der Seite „Dienste“ feinjustieren.</translation>
    </message>
    <message>
        <source>Choose a preset first.</source>
        <translation>Wählen Sie zuerst eine Vorlage.</translation>
    </message>
    <message>
        <source>%1 applied to every service.</source>
        <translation>%1 auf alle Dienste angewendet.</translation>
    </message>
    <message>
        <source>History database</source>
        <translation>Verlaufsdatenbank</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Requests, breaker transitions and alerts older than this are deleted daily</source>
        <translation>Anfragen, Breaker-Zustandswechsel und Warnungen, die älter sind, werden täglich gelöscht</translation>
    </message>
    <message>
        <source>Per-minute roll-ups (long charts, analytics) older than this are deleted daily</source>
        <translation>Minuten-Aggregate (lange Diagramme, Analysen), die älter sind, werden täglich gelöscht</translation>
    </message>
    <message>
        <source>roll-ups</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <source>Keep requests</source>
        <translation>Anfragen aufbewahren</translation>
    </message>
    <message>
        <source>A different location or retention applies at the next start. A database named in the configuration file (--config) takes precedence.</source>
        <translation>Ein anderer Speicherort oder eine andere Aufbewahrungsdauer gilt ab dem nächsten Start. Eine in der Konfigurationsdatei (--config) genannte Datenbank hat Vorrang.</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>In privacy mode the engine keeps no prompt or response text: not in the history, the log or exports. Applies at the next start (this run: %1).</source>
        <translation>Im Datenschutzmodus behält die Engine keinen Prompt- oder Antworttext: weder im Verlauf noch im Protokoll oder in Exporten. Gilt ab dem nächsten Start (dieser Lauf: %1).</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>API server</source>
        <translation>API-Server</translation>
    </message>
    <message>
        <source>Tray and notifications</source>
        <translation>Infobereich und Benachrichtigungen</translation>
    </message>
    <message>
        <source>The seed&apos;s endpoints, /api/v1/, WebSocket events and Prometheus metrics, served by this window while it runs</source>
        <translation>Die Endpunkte des Seeds, /api/v1/, WebSocket-Ereignisse und Prometheus-Metriken, bereitgestellt von diesem Fenster, solange es läuft</translation>
    </message>
    <message>
        <source>API bind address</source>
        <translation>API-Bind-Adresse</translation>
    </message>
    <message>
        <source>An IP address of this machine, 127.0.0.1 for this machine only, or 0.0.0.0 for every interface (needs a token)</source>
        <translation>Eine IP-Adresse dieses Rechners, 127.0.0.1 nur für diesen Rechner oder 0.0.0.0 für alle Schnittstellen (braucht ein Token)</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>API port</source>
        <translation>API-Port</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Clients send it as &quot;Authorization: Bearer &lt;token&gt;&quot;. Without a token only clients on this machine may change state.</source>
        <translation>Clients senden es als „Authorization: Bearer &lt;token&gt;“. Ohne Token dürfen nur Clients auf diesem Rechner den Zustand ändern.</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>The switch, address and port are saved and apply at every start. The token is kept in memory only, never in the settings file: set AIRM_API_TOKEN or the configuration file to have one at start. Serving on an address other than 127.0.0.1 requires a token.</source>
        <translation>Schalter, Adresse und Port werden gespeichert und gelten bei jedem Start. Das Token bleibt nur im Speicher, nie in der Einstellungsdatei: Setzen Sie AIRM_API_TOKEN oder nutzen Sie die Konfigurationsdatei, um beim Start eines zu haben. Für eine andere Adresse als 127.0.0.1 ist ein Token erforderlich.</translation>
    </message>
    <message>
        <source>This window was started without an API server.</source>
        <translation>Dieses Fenster wurde ohne API-Server gestartet.</translation>
    </message>
    <message>
        <source>Serving at %1</source>
        <translation>Bereitgestellt unter %1</translation>
    </message>
    <message>
        <source>Serving at %1 · token required</source>
        <translation>Bereitgestellt unter %1 · Token erforderlich</translation>
    </message>
    <message>
        <source>Not serving: %1</source>
        <translation>Nicht bereitgestellt: %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>This desktop has no system tray</source>
        <translation>Dieser Desktop hat keinen Infobereich</translation>
    </message>
    <message>
        <source>Paste an API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>No key needed</source>
        <translation>Kein Schlüssel nötig</translation>
    </message>
    <message>
        <source>API key for %1</source>
        <translation>API-Schlüssel für %1</translation>
    </message>
    <message>
        <source>Use key</source>
        <translation>Schlüssel verwenden</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Drop the key: the service runs on the simulation again</source>
        <translation>Schlüssel verwerfen: Der Dienst läuft wieder auf der Simulation</translation>
    </message>
    <message>
        <source>no key needed</source>
        <translation>kein Schlüssel nötig</translation>
    </message>
    <message>
        <source>missing: simulated</source>
        <translation>fehlt: simuliert</translation>
    </message>
    <message>
        <source>
Next start: %1</source>
        <translation>
Nächster Start: %1</translation>
    </message>
    <message>
        <source>not open</source>
        <translation>nicht geöffnet</translation>
    </message>
    <message>
        <source>OK · %1 written · %2 queued</source>
        <translation>OK · %1 geschrieben · %2 in der Warteschlange</translation>
    </message>
    <message>
        <source>Degraded: %1 · %2 kept in memory, %3 in the journal; nothing is lost</source>
        <translation>Beeinträchtigt: %1 · %2 im Speicher, %3 im Journal; nichts geht verloren</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Restart the monitor to use this language.</source>
        <translation>Starten Sie den Monitor neu, um diese Sprache zu verwenden.</translation>
    </message>
    <message>
        <source>Desktop notifications come from the alert rules: one per alert, switched on or off in the Alerts card below.</source>
        <translation>Desktop-Benachrichtigungen kommen von den Alarmregeln: eine pro Alarm, ein- oder ausgeschaltet in der Karte „Alarme“ unten.</translation>
    </message>
    <message>
        <source>Keys entered here are stored in the OS keychain when one is available, otherwise kept in memory while the program runs; they are never written to settings files. Keys from the environment or the configuration file are used automatically and take precedence at start.</source>
        <translation>Hier eingegebene Schlüssel werden im Schlüsselbund des Betriebssystems gespeichert, wenn einer verfügbar ist, sonst nur im Speicher gehalten, solange das Programm läuft; in Einstellungsdateien werden sie nie geschrieben. Schlüssel aus der Umgebung oder der Konfigurationsdatei werden automatisch verwendet und haben beim Start Vorrang.</translation>
    </message>
    <message>
        <source>OS keychain: checking…</source>
        <translation>Schlüsselbund des Betriebssystems: wird geprüft…</translation>
    </message>
    <message>
        <source>OS keychain: available. Keys entered here are kept there.</source>
        <translation>Schlüsselbund des Betriebssystems: verfügbar. Hier eingegebene Schlüssel werden dort gespeichert.</translation>
    </message>
    <message>
        <source>OS keychain: not available (%1). Keys entered here are kept in memory until the program ends.</source>
        <translation>Schlüsselbund des Betriebssystems: nicht verfügbar (%1). Hier eingegebene Schlüssel bleiben im Speicher, bis das Programm endet.</translation>
    </message>
    <message>
        <source>from the environment (%1)</source>
        <translation>aus der Umgebung (%1)</translation>
    </message>
    <message>
        <source>from the configuration</source>
        <translation>aus der Konfiguration</translation>
    </message>
    <message>
        <source>in the OS keychain</source>
        <translation>im Schlüsselbund des Betriebssystems</translation>
    </message>
    <message>
        <source>in memory for this session: no keychain available (%1)</source>
        <translation>im Speicher für diese Sitzung: kein Schlüsselbund verfügbar (%1)</translation>
    </message>
    <message>
        <source>in memory for this session</source>
        <translation>im Speicher für diese Sitzung</translation>
    </message>
</context>
<context>
    <name>airm::ui::ThroughputChartView</name>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>No traffic in this window</source>
        <translation>Kein Verkehr in diesem Zeitraum</translation>
    </message>
</context>
<context>
    <name>airm::ui::TimeWindows</name>
    <message>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>requests per 5 s</source>
        <translation>Anfragen pro 5 s</translation>
    </message>
    <message>
        <source>requests per minute</source>
        <translation>Anfragen pro Minute</translation>
    </message>
    <message>
        <source>requests per 15 min</source>
        <translation>Anfragen pro 15 min</translation>
    </message>
    <message>
        <source>requests per hour</source>
        <translation>Anfragen pro Stunde</translation>
    </message>
</context>
<context>
    <name>airm::ui::TransitionModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>airm::ui::TrayController</name>
    <message>
        <source>Show window</source>
        <translation>Fenster anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>AI Resilience Monitor: open %1</source>
        <translation>AI Resilience Monitor: Breaker offen bei %1</translation>
    </message>
    <message>
        <source>AI Resilience Monitor: probing %1</source>
        <translation>AI Resilience Monitor: Probeaufrufe bei %1</translation>
    </message>
    <message>
        <source>AI Resilience Monitor: all breakers closed</source>
        <translation>AI Resilience Monitor: alle Breaker geschlossen</translation>
    </message>
    <message>
        <source>%1 breaker opened: %2</source>
        <translation>Breaker von %1 geöffnet: %2</translation>
    </message>
    <message>
        <source>%1 breaker closed again</source>
        <translation>Breaker von %1 wieder geschlossen</translation>
    </message>
    <message>
        <source>Circuit breaker</source>
        <translation>Circuit Breaker</translation>
    </message>
    <message numerus="yes">
        <source>%n breaker change(s)</source>
        <translation>
            <numerusform>%n Breaker-Wechsel</numerusform>
            <numerusform>%n Breaker-Wechsel</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n Alarm</numerusform>
            <numerusform>%n Alarme</numerusform>
        </translation>
    </message>
</context>
</TS>
