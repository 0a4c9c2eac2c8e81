<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nl_NL">
  <context>
    <name>App</name>
    <message>
      <source>De bibliotheek kan niet worden geopend</source>
      <translation>The library cannot be opened</translation>
    </message>
    <message>
      <source>Let op</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Terug in uw eigen bibliotheek.</source>
      <translation>Back in your own library.</translation>
    </message>
    <message>
      <source>Demo terugzetten</source>
      <translation>Reset demo</translation>
    </message>
    <message>
      <source>De demo-omgeving is teruggezet naar de beginstand.</source>
      <translation>The demo workspace has been reset to its starting state.</translation>
    </message>
    <message>
      <source>Voorbereide aanbestedingen en oefeningen: Demo &gt; Scenario's voor trainers ({n} stuks).</source>
      <translation>Prepared tenders and exercises: Demo &gt; Scenarios for trainers ({n} in all).</translation>
    </message>
  </context>
  <context>
    <name>CriteriaTableModel</name>
    <message>
      <source>Alle inkooppakketten</source>
      <translation>All procurement packages</translation>
    </message>
    <message>
      <source>%1: %2 criteria (zonder ingetrokken)</source>
      <translation>%1: %2 criteria (retired ones left out)</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Id</translation>
    </message>
    <message>
      <source>Titel</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>Soort</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>Niveau</source>
      <translation>Level</translation>
    </message>
    <message>
      <source>R-strategie</source>
      <translation>R-strategy</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Versie</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>%1, nieuwe versie: %2</source>
      <translation>%1, new version: %2</translation>
    </message>
  </context>
  <context>
    <name>CriterionDetails</name>
    <message>
      <source>eigen criterium (niet uit een release)</source>
      <translation>own criterion (not from a release)</translation>
    </message>
    <message>
      <source>%1, release %2</source>
      <translation>%1, release %2</translation>
    </message>
    <message>
      <source>conflict met een nieuwe versie van %1</source>
      <translation>conflict with a new version from %1</translation>
    </message>
    <message>
      <source>conflict met een nieuwe versie</source>
      <translation>conflict with a new version</translation>
    </message>
    <message>
      <source>hier gewijzigd</source>
      <translation>changed here</translation>
    </message>
    <message>
      <source>Soort</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>Ambitieniveau</source>
      <translation>Ambition level</translation>
    </message>
    <message>
      <source>R-strategie</source>
      <translation>R-strategy</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Versie</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Bron</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>Herkomst</source>
      <translation>Provenance</translation>
    </message>
    <message>
      <source>Nieuwe versie</source>
      <translation>New version</translation>
    </message>
    <message>
      <source>versie %1: %2 (%3)</source>
      <translation>version %1: %2 (%3)</translation>
    </message>
    <message>
      <source>Gewicht</source>
      <translation>Weight</translation>
    </message>
    <message>
      <source>Toelichting</source>
      <translation>Rationale</translation>
    </message>
    <message>
      <source>Voorbeeldtekst</source>
      <translation>Example clause</translation>
    </message>
    <message>
      <source>Invulvelden (standaardwaarde)</source>
      <translation>Placeholders (default value)</translation>
    </message>
    <message>
      <source>Bewijsmiddel</source>
      <translation>Verification</translation>
    </message>
    <message>
      <source>Beoordeling</source>
      <translation>Scoring</translation>
    </message>
    <message>
      <source>versie</source>
      <translation>version</translation>
    </message>
    <message>
      <source>en nog %n eerdere versie(s)</source>
      <translation>and %n earlier version(s)</translation>
    </message>
    <message>
      <source>Geschiedenis</source>
      <translation>History</translation>
    </message>
    <message>
      <source>Details van het criterium</source>
      <translation>Criterion details</translation>
    </message>
    <message>
      <source>Kies een criterium in de lijst om de details te zien.</source>
      <translation>Select a criterion in the list to see its details.</translation>
    </message>
  </context>
  <context>
    <name>CriterionEditor</name>
    <message>
      <source>Ter review aanbieden</source>
      <translation>Submit for review</translation>
    </message>
    <message>
      <source>Publiceren</source>
      <translation>Publish</translation>
    </message>
    <message>
      <source>Terug naar concept</source>
      <translation>Back to draft</translation>
    </message>
    <message>
      <source>Intrekken</source>
      <translation>Retire</translation>
    </message>
    <message>
      <source>Nieuwe versie &amp;verwerpen</source>
      <translation>&amp;Discard new version</translation>
    </message>
    <message>
      <source>Verschil met de &amp;gepubliceerde versie...</source>
      <translation>Difference with the &amp;published version...</translation>
    </message>
    <message>
      <source>naam = standaardwaarde, één per regel</source>
      <translation>name = default value, one per line</translation>
    </message>
    <message>
      <source>geen</source>
      <translation>none</translation>
    </message>
    <message>
      <source>Indeling</source>
      <translation>Classification</translation>
    </message>
    <message>
      <source>Invulvelden schrijft u als {{naam}}; ze worden geel gemarkeerd.</source>
      <translation>Write placeholders as {{name}}; they are highlighted in yellow.</translation>
    </message>
    <message>
      <source>Uit de tekst overnemen</source>
      <translation>Take from the text</translation>
    </message>
    <message>
      <source>Voeg elk {{invulveld}} uit de voorbeeldtekst toe aan de lijst</source>
      <translation>Add every {{placeholder}} in the example clause to the list</translation>
    </message>
    <message>
      <source>van</source>
      <translation>from</translation>
    </message>
    <message>
      <source>tot</source>
      <translation>to</translation>
    </message>
    <message>
      <source>Gewicht</source>
      <translation>Weight</translation>
    </message>
    <message>
      <source>waarom deze wijziging (komt in de geschiedenis)</source>
      <translation>why this change (goes into the history)</translation>
    </message>
    <message>
      <source>Notitie bij de wijziging</source>
      <translation>Note on the change</translation>
    </message>
    <message>
      <source>Notitie</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Gewijzigd door een ander programma</source>
      <translation>Changed by another program</translation>
    </message>
    <message>
      <source>Problemen</source>
      <translation>Problems</translation>
    </message>
    <message>
      <source>Ongedaan maken</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>Opnieuw</source>
      <translation>Redo</translation>
    </message>
    <message>
      <source>Opslaan</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Sluiten</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>... en nog %1</source>
      <translation>... and %1 more</translation>
    </message>
    <message>
      <source>Niet opgeslagen</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <source>Los eerst deze problemen op:</source>
      <translation>Solve these problems first:</translation>
    </message>
    <message>
      <source>%1 is intussen door een ander programma gewijzigd; de nieuwe inhoud (versie %2) is geladen.</source>
      <translation>%1 was changed by another program meanwhile; the new content (version %2) has been loaded.</translation>
    </message>
    <message>
      <source>Let op: %1 is intussen door een ander programma gewijzigd (versie %2). Uw wijzigingen zijn nog niet opgeslagen; bij Opslaan kiest u of u de nieuwe inhoud laadt of uw versie eroverheen zet.</source>
      <translation>Note: %1 was changed by another program meanwhile (version %2). Your changes are not saved yet; on Save you choose whether to load the new content or to put your version over it.</translation>
    </message>
    <message>
      <source>Intussen gewijzigd</source>
      <translation>Changed meanwhile</translation>
    </message>
    <message>
      <source>%1 is gewijzigd door een ander programma (bijvoorbeeld een import) sinds u het opende; nu versie %2. Opslaan zet uw versie over die wijziging heen.</source>
      <translation>%1 was changed by another program (an import, for example) since you opened it; now version %2. Saving puts your version over that change.</translation>
    </message>
    <message>
      <source>Nieuwe inhoud &amp;laden</source>
      <translation>&amp;Load the new content</translation>
    </message>
    <message>
      <source>&amp;Toch opslaan</source>
      <translation>&amp;Save anyway</translation>
    </message>
    <message>
      <source>Annuleren</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Eerst opslaan</source>
      <translation>Save first</translation>
    </message>
    <message>
      <source>Sla uw wijzigingen eerst op; daarna kunt u de status wijzigen.</source>
      <translation>Save your changes first; then you can change the status.</translation>
    </message>
    <message>
      <source>Nieuwe versie verwerpen</source>
      <translation>Discard new version</translation>
    </message>
    <message>
      <source>De nieuwe versie van %1 weggooien? De gepubliceerde versie blijft zoals ze is.</source>
      <translation>Throw away the new version of %1? The published version stays as it is.</translation>
    </message>
    <message>
      <source>nieuw</source>
      <translation>new</translation>
    </message>
    <message>
      <source>versie %1</source>
      <translation>version %1</translation>
    </message>
    <message>
      <source>nieuwe versie, nog niet goedgekeurd</source>
      <translation>new version, not yet approved</translation>
    </message>
    <message>
      <source>nieuwe versie; de gepubliceerde versie blijft zichtbaar tot deze is goedgekeurd</source>
      <translation>new version; the published version stays visible until this one is approved</translation>
    </message>
    <message>
      <source>Criterium bekijken (alleen-lezen)</source>
      <translation>View criterion (read-only)</translation>
    </message>
    <message>
      <source>Nieuw criterium</source>
      <translation>New criterion</translation>
    </message>
    <message>
      <source>Criterium bewerken</source>
      <translation>Edit criterion</translation>
    </message>
    <message>
      <source>Wijzigingen opslaan?</source>
      <translation>Save changes?</translation>
    </message>
    <message>
      <source>%1 heeft wijzigingen die nog niet zijn opgeslagen. Opslaan?</source>
      <translation>%1 has unsaved changes. Save them?</translation>
    </message>
    <message>
      <source>%1 terugzetten naar concept? Een gepubliceerd criterium wordt dan niet meer voorgesteld in nieuwe aanbestedingen tot het opnieuw is goedgekeurd.</source>
      <translation>Move %1 back to draft? A published criterion is then no longer suggested in new tenders until it is approved again.</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Er is een probleem</source>
      <translation>There is a problem</translation>
    </message>
    <message>
      <source>Er ging onverwacht iets mis. Er is niets gewijzigd aan de bibliotheek of uw bestanden.</source>
      <translation>Something unexpected went wrong. Nothing was changed in the library or your files.</translation>
    </message>
    <message>
      <source>Onverwachte fout</source>
      <translation>Unexpected error</translation>
    </message>
    <message>
      <source>De details staan in het logbestand:</source>
      <translation>The details are in the log file:</translation>
    </message>
  </context>
  <context>
    <name>Exchange</name>
    <message>
      <source>Afgebroken; er is niets gewijzigd.</source>
      <translation>Cancelled; nothing was changed.</translation>
    </message>
    <message>
      <source>Proefimport: %1</source>
      <translation>Dry run: %1</translation>
    </message>
    <message>
      <source>Er is nog niets gewijzigd. Bekijk de wijzigingen en kies Importeren om ze door te voeren; er wordt eerst een reservekopie van de bibliotheek gemaakt.</source>
      <translation>Nothing has changed yet. Review the changes and choose Import to apply them; a backup of the library is made first.</translation>
    </message>
    <message>
      <source>Wijziging</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>Titel</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>Wijzigingen van de import</source>
      <translation>Changes of the import</translation>
    </message>
    <message>
      <source>Details van de wijziging</source>
      <translation>Details of the change</translation>
    </message>
    <message>
      <source>Importeren</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>Annuleren</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Nieuwe pakketten (%1)</source>
      <translation>New packages (%1)</translation>
    </message>
    <message>
      <source>Gewijzigde pakketten (%1)</source>
      <translation>Changed packages (%1)</translation>
    </message>
    <message>
      <source>Nieuwe criteria (%1)</source>
      <translation>New criteria (%1)</translation>
    </message>
    <message>
      <source>Gewijzigde criteria (%1)</source>
      <translation>Changed criteria (%1)</translation>
    </message>
    <message>
      <source>Ingetrokken in het pakket, hier niet overgenomen (%1)</source>
      <translation>Retired in the pack, not taken over here (%1)</translation>
    </message>
    <message>
      <source>... en nog %1</source>
      <translation>... and %1 more</translation>
    </message>
    <message>
      <source>Ongewijzigd: %1 criteria</source>
      <translation>Unchanged: %1 criteria</translation>
    </message>
    <message>
      <source>Nieuw inkooppakket</source>
      <translation>New procurement package</translation>
    </message>
    <message>
      <source>Pakket lezen en vergelijken...</source>
      <translation>Reading and comparing the pack...</translation>
    </message>
    <message>
      <source>Import niet mogelijk</source>
      <translation>Import not possible</translation>
    </message>
    <message>
      <source>Criteria importeren...</source>
      <translation>Importing criteria...</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>Bibliotheekpakket importeren</source>
      <translation>Import library pack</translation>
    </message>
    <message>
      <source>Bibliotheekpakket (*.json *.xlsx)</source>
      <translation>Library pack (*.json *.xlsx)</translation>
    </message>
    <message>
      <source>Dit pakket brengt geen wijzigingen: alles is al zo in de bibliotheek.</source>
      <translation>This pack brings no changes: the library already has all of it.</translation>
    </message>
    <message>
      <source>%1 nieuw, %2 gewijzigd, %3 ongewijzigd.</source>
      <translation>%1 added, %2 changed, %3 unchanged.</translation>
    </message>
    <message>
      <source>Reservekopie: %1</source>
      <translation>Backup: %1</translation>
    </message>
    <message>
      <source>Import voltooid</source>
      <translation>Import finished</translation>
    </message>
    <message>
      <source>Bibliotheek exporteren</source>
      <translation>Export library</translation>
    </message>
    <message>
      <source>De hele bibliotheek</source>
      <translation>The whole library</translation>
    </message>
    <message>
      <source>Wat exporteren</source>
      <translation>What to export</translation>
    </message>
    <message>
      <source>Wat:</source>
      <translation>What:</translation>
    </message>
    <message>
      <source>Excel (XLSX)</source>
      <translation>Excel (XLSX)</translation>
    </message>
    <message>
      <source>Formaat:</source>
      <translation>Format:</translation>
    </message>
    <message>
      <source>Doelbestand</source>
      <translation>Target file</translation>
    </message>
    <message>
      <source>Bladeren...</source>
      <translation>Browse...</translation>
    </message>
    <message>
      <source>Bestand:</source>
      <translation>File:</translation>
    </message>
    <message>
      <source>Exporteren</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>Exporteren naar</source>
      <translation>Export to</translation>
    </message>
    <message>
      <source>Exporteren naar %1...</source>
      <translation>Exporting to %1...</translation>
    </message>
    <message>
      <source>%1 criteria geschreven naar %2.</source>
      <translation>%1 criteria written to %2.</translation>
    </message>
    <message>
      <source>Bibliotheek controleren</source>
      <translation>Check library</translation>
    </message>
    <message>
      <source>Alles in orde: %1 criteria gecontroleerd.</source>
      <translation>All is well: %1 criteria checked.</translation>
    </message>
    <message>
      <source>%1 problemen gevonden.</source>
      <translation>%1 problems found.</translation>
    </message>
    <message>
      <source>Bibliotheek controleren...</source>
      <translation>Checking the library...</translation>
    </message>
    <message>
      <source>Zoekindex opnieuw opbouwen</source>
      <translation>Rebuild search index</translation>
    </message>
    <message>
      <source>De zoekindex is opnieuw opgebouwd.</source>
      <translation>The search index has been rebuilt.</translation>
    </message>
    <message>
      <source>Zoekindex opnieuw opbouwen...</source>
      <translation>Rebuilding the search index...</translation>
    </message>
  </context>
  <context>
    <name>HelpDialog</name>
    <message>
      <source>Handleiding</source>
      <translation>Manual</translation>
    </message>
    <message>
      <source>&amp;Zoeken:</source>
      <translation>&amp;Search:</translation>
    </message>
    <message>
      <source>bijvoorbeeld: weging, release, F11</source>
      <translation>for example: weights, release, F11</translation>
    </message>
    <message>
      <source>Zoeken in de handleiding</source>
      <translation>Search the manual</translation>
    </message>
    <message>
      <source>Onderwerpen</source>
      <translation>Topics</translation>
    </message>
    <message>
      <source>Tekst van de handleiding</source>
      <translation>Text of the manual</translation>
    </message>
  </context>
  <context>
    <name>HistoryDialog</name>
    <message>
      <source>auteur</source>
      <translation>author</translation>
    </message>
    <message>
      <source>aangeboden door</source>
      <translation>submitted by</translation>
    </message>
    <message>
      <source>goedgekeurd door</source>
      <translation>approved by</translation>
    </message>
    <message>
      <source>Geschiedenis van %1</source>
      <translation>History of %1</translation>
    </message>
    <message>
      <source>Versies</source>
      <translation>Versions</translation>
    </message>
    <message>
      <source>Verschillen met de vorige versie</source>
      <translation>Differences from the previous version</translation>
    </message>
    <message>
      <source>Deze versie terugzetten</source>
      <translation>Restore this version</translation>
    </message>
    <message>
      <source>Sluiten</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>nieuwe versie, nog niet goedgekeurd</source>
      <translation>new version, not yet approved</translation>
    </message>
    <message>
      <source>huidige versie: %1</source>
      <translation>current version: %1</translation>
    </message>
    <message>
      <source>Versie %1</source>
      <translation>Version %1</translation>
    </message>
    <message>
      <source>Eerste versie. Inhoud:</source>
      <translation>First version. Content:</translation>
    </message>
    <message>
      <source>Gewijzigd ten opzichte van versie %1:</source>
      <translation>Changed compared with version %1:</translation>
    </message>
    <message>
      <source>Geen inhoudelijke wijzigingen.</source>
      <translation>No changes in content.</translation>
    </message>
    <message>
      <source>Versie terugzetten</source>
      <translation>Restore version</translation>
    </message>
    <message>
      <source>De inhoud van versie %1 terugzetten? Alleen de inhoud; de status verandert niet. Bij een gepubliceerd criterium wordt het een nieuwe conceptversie die nog goedgekeurd moet worden.</source>
      <translation>Restore the content of version %1? Content only; the status does not change. For a published criterion this becomes a new draft version that still has to be approved.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Zoeken in criteria (Ctrl+F)</source>
      <translation>Search criteria (Ctrl+F)</translation>
    </message>
    <message>
      <source>Zoeken in criteria</source>
      <translation>Search criteria</translation>
    </message>
    <message>
      <source>Alle soorten</source>
      <translation>All kinds</translation>
    </message>
    <message>
      <source>Filter op soort</source>
      <translation>Filter by kind</translation>
    </message>
    <message>
      <source>Alle niveaus</source>
      <translation>All levels</translation>
    </message>
    <message>
      <source>Filter op ambitieniveau</source>
      <translation>Filter by ambition level</translation>
    </message>
    <message>
      <source>Alle statussen</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <source>Filter op status</source>
      <translation>Filter by status</translation>
    </message>
    <message>
      <source>Criteria</source>
      <translation>Criteria</translation>
    </message>
    <message>
      <source>Versie</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>&amp;Nieuwe aanbesteding...</source>
      <translation>&amp;New tender...</translation>
    </message>
    <message>
      <source>Een nieuwe aanbesteding opstellen met de wizard</source>
      <translation>Draft a new tender with the wizard</translation>
    </message>
    <message>
      <source>Nieuw</source>
      <translation>New</translation>
    </message>
    <message>
      <source>Aanbesteding &amp;openen...</source>
      <translation>&amp;Open tender...</translation>
    </message>
    <message>
      <source>Een opgeslagen aanbesteding (.tender.json) openen</source>
      <translation>Open a saved tender (.tender.json)</translation>
    </message>
    <message>
      <source>Openen</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>Aanbesteding op&amp;slaan</source>
      <translation>&amp;Save tender</translation>
    </message>
    <message>
      <source>De geopende aanbesteding opslaan</source>
      <translation>Save the open tender</translation>
    </message>
    <message>
      <source>Opslaan</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Bibliotheekpakket &amp;importeren...</source>
      <translation>&amp;Import library pack...</translation>
    </message>
    <message>
      <source>Criteria uit een .json- of .xlsx-pakket importeren (eerst proefimport)</source>
      <translation>Import criteria from a .json or .xlsx pack (dry run first)</translation>
    </message>
    <message>
      <source>Importeren</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>Bibliotheek &amp;exporteren...</source>
      <translation>&amp;Export library...</translation>
    </message>
    <message>
      <source>De bibliotheek of een inkooppakket exporteren naar .json of .xlsx</source>
      <translation>Export the library or one package to .json or .xlsx</translation>
    </message>
    <message>
      <source>Exporteren</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>Bibliotheek &amp;bijwerken uit release...</source>
      <translation>&amp;Update library from release...</translation>
    </message>
    <message>
      <source>Een ondertekende release van een vertrouwde uitgever bekijken en overnemen</source>
      <translation>Review and apply a signed release from a trusted publisher</translation>
    </message>
    <message>
      <source>Uitge&amp;vers en sleutels...</source>
      <translation>Publishers and &amp;keys...</translation>
    </message>
    <message>
      <source>Vertrouwde uitgevers met hun vingerafdruk; sleutelpaar maken, release publiceren</source>
      <translation>Trusted publishers with their fingerprints; make a key pair, publish a release</translation>
    </message>
    <message>
      <source>Con&amp;flicten uit releases...</source>
      <translation>Release con&amp;flicts...</translation>
    </message>
    <message>
      <source>Criteria die hier én door de uitgever zijn gewijzigd: vergelijken en kiezen</source>
      <translation>Criteria changed both here and by the publisher: compare and choose</translation>
    </message>
    <message>
      <source>&amp;Verouderde criteria in aanbestedingen...</source>
      <translation>&amp;Outdated criteria in tenders...</translation>
    </message>
    <message>
      <source>Welke aanbestedingen gebruiken een criterium met een nieuwere versie of dat is ingetrokken</source>
      <translation>Which tenders use a criterion that has a newer version or was retired</translation>
    </message>
    <message>
      <source>Bibliotheek &amp;controleren</source>
      <translation>&amp;Check library</translation>
    </message>
    <message>
      <source>Database, zoekindex en alle criteria controleren</source>
      <translation>Check the database, the search index and every criterion</translation>
    </message>
    <message>
      <source>&amp;Zoekindex opnieuw opbouwen</source>
      <translation>Re&amp;build search index</translation>
    </message>
    <message>
      <source>De zoekindex opnieuw opbouwen als zoeken vreemde resultaten geeft</source>
      <translation>Rebuild the search index when search gives odd results</translation>
    </message>
    <message>
      <source>Reservekopie &amp;terugzetten...</source>
      <translation>&amp;Restore backup...</translation>
    </message>
    <message>
      <source>Een reservekopie (.db) terugzetten als bibliotheek; de huidige wordt eerst bewaard</source>
      <translation>Restore a backup (.db) as the library; the current one is kept first</translation>
    </message>
    <message>
      <source>&amp;Monitoring...</source>
      <translation>&amp;Monitoring...</translation>
    </message>
    <message>
      <source>Register van contracten en de monitoring: telt de organisatie circulair in?</source>
      <translation>Register of contracts and monitoring: is the organisation buying circular?</translation>
    </message>
    <message>
      <source>&amp;Instellingen...</source>
      <translation>&amp;Settings...</translation>
    </message>
    <message>
      <source>Taal en naam voor de geschiedenis instellen</source>
      <translation>Set the language and the name used in the history</translation>
    </message>
    <message>
      <source>&amp;Afsluiten</source>
      <translation>E&amp;xit</translation>
    </message>
    <message>
      <source>&amp;Nieuw criterium...</source>
      <translation>New &amp;criterion...</translation>
    </message>
    <message>
      <source>Een nieuw criterium toevoegen aan het gekozen pakket</source>
      <translation>Add a new criterion to the selected package</translation>
    </message>
    <message>
      <source>Criterium</source>
      <translation>Criterion</translation>
    </message>
    <message>
      <source>Criterium &amp;bewerken...</source>
      <translation>&amp;Edit criterion...</translation>
    </message>
    <message>
      <source>Het gekozen criterium bewerken</source>
      <translation>Edit the selected criterion</translation>
    </message>
    <message>
      <source>Bewerken</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>&amp;Dupliceren</source>
      <translation>&amp;Duplicate</translation>
    </message>
    <message>
      <source>Een kopie van het gekozen criterium maken (als concept)</source>
      <translation>Copy the selected criterion (as a draft)</translation>
    </message>
    <message>
      <source>&amp;Geschiedenis...</source>
      <translation>&amp;History...</translation>
    </message>
    <message>
      <source>Eerdere versies bekijken en terugzetten</source>
      <translation>View and restore earlier versions</translation>
    </message>
    <message>
      <source>Geschiedenis</source>
      <translation>History</translation>
    </message>
    <message>
      <source>Ter &amp;review aanbieden</source>
      <translation>Submit for &amp;review</translation>
    </message>
    <message>
      <source>&amp;Publiceren</source>
      <translation>&amp;Publish</translation>
    </message>
    <message>
      <source>Terug naar &amp;concept</source>
      <translation>Back to &amp;draft</translation>
    </message>
    <message>
      <source>&amp;Intrekken</source>
      <translation>Re&amp;tire</translation>
    </message>
    <message>
      <source>&amp;Zoeken</source>
      <translation>&amp;Find</translation>
    </message>
    <message>
      <source>Naar het zoekveld</source>
      <translation>Go to the search field</translation>
    </message>
    <message>
      <source>&amp;Vernieuwen</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <source>De lijst opnieuw uit de bibliotheek lezen</source>
      <translation>Read the list from the library again</translation>
    </message>
    <message>
      <source>&amp;Presentatiemodus</source>
      <translation>&amp;Presentation mode</translation>
    </message>
    <message>
      <source>Grote letters en hoog contrast voor de beamer</source>
      <translation>Large type and high contrast for a projector</translation>
    </message>
    <message>
      <source>Naar de pakketten</source>
      <translation>Go to the packages</translation>
    </message>
    <message>
      <source>Naar de criteria</source>
      <translation>Go to the criteria</translation>
    </message>
    <message>
      <source>Naar de details</source>
      <translation>Go to the details</translation>
    </message>
    <message>
      <source>Demo-omgeving &amp;openen</source>
      <translation>&amp;Open demo workspace</translation>
    </message>
    <message>
      <source>Een eigen kopie van de bibliotheek openen om te demonstreren</source>
      <translation>Open a separate copy of the library for demonstrations</translation>
    </message>
    <message>
      <source>Demo &amp;terugzetten</source>
      <translation>&amp;Reset demo</translation>
    </message>
    <message>
      <source>De demo-omgeving terugzetten naar de beginstand</source>
      <translation>Reset the demo workspace to its starting state</translation>
    </message>
    <message>
      <source>Demo &amp;sluiten, terug naar mijn bibliotheek</source>
      <translation>&amp;Close the demo, back to my library</translation>
    </message>
    <message>
      <source>De demo-omgeving sluiten en uw eigen bibliotheek weer openen, zonder de app te sluiten</source>
      <translation>Close the demo workspace and open your own library again, without quitting the app</translation>
    </message>
    <message>
      <source>&amp;Scenario's voor trainers...</source>
      <translation>&amp;Scenarios for trainers...</translation>
    </message>
    <message>
      <source>Een voorbereide aanbesteding of oefening uit de demo openen op de juiste pagina</source>
      <translation>Open a prepared tender or exercise from the demo at the right page</translation>
    </message>
    <message>
      <source>&amp;Handleiding</source>
      <translation>&amp;Guide</translation>
    </message>
    <message>
      <source>&amp;Sneltoetsen</source>
      <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
      <source>&amp;Over Tender Assistant</source>
      <translation>&amp;About Tender Assistant</translation>
    </message>
    <message>
      <source>&amp;Bestand</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>Be&amp;werken</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>Beel&amp;d</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>De&amp;mo</source>
      <translation>De&amp;mo</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;Recente aanbestedingen</source>
      <translation>&amp;Recent tenders</translation>
    </message>
    <message>
      <source>&amp;Status</source>
      <translation>&amp;Status</translation>
    </message>
    <message>
      <source>Werkbalk</source>
      <translation>Toolbar</translation>
    </message>
    <message>
      <source>Demo-omgeving: een eigen kopie van de bibliotheek met voorbeeldaanbestedingen. Voor een training: menu Demo &gt; Scenario's voor trainers. Uw echte bibliotheek wordt niet aangeraakt.</source>
      <translation>Demo workspace: a copy of the library of its own, with example tenders. For a training: menu Demo &gt; Scenarios for trainers. Your real library is not touched.</translation>
    </message>
    <message>
      <source>Demo terugzetten</source>
      <translation>Reset demo</translation>
    </message>
    <message>
      <source>Demo terugzetten naar de beginstand</source>
      <translation>Reset the demo to its starting state</translation>
    </message>
    <message>
      <source>Terug naar mijn bibliotheek</source>
      <translation>Back to my library</translation>
    </message>
    <message>
      <source>De demo sluiten en uw eigen bibliotheek openen</source>
      <translation>Close the demo and open your own library</translation>
    </message>
    <message>
      <source>Melding alleen-lezen</source>
      <translation>Read-only notice</translation>
    </message>
    <message>
      <source>Alleen-lezen: bewerken is uitgeschakeld.</source>
      <translation>Read-only: editing is disabled.</translation>
    </message>
    <message>
      <source>Inkooppakketten</source>
      <translation>Procurement packages</translation>
    </message>
    <message>
      <source>Bibliotheek: %1</source>
      <translation>Library: %1</translation>
    </message>
    <message>
      <source> - demo-omgeving</source>
      <translation> - demo workspace</translation>
    </message>
    <message>
      <source>1 resultaat voor de zoekterm</source>
      <translation>1 result for the search</translation>
    </message>
    <message numerus="yes">
      <source>%n resultaten voor de zoekterm, beste eerst</source>
      <translation>
        <numerusform>%n result for the search, best first</numerusform>
        <numerusform>%n results for the search, best first</numerusform>
      </translation>
    </message>
    <message>
      <source>1 criterium</source>
      <translation>1 criterion</translation>
    </message>
    <message numerus="yes">
      <source>%n criteria</source>
      <translation>
        <numerusform>%n criterion</numerusform>
        <numerusform>%n criteria</numerusform>
      </translation>
    </message>
    <message>
      <source>Criterium &amp;bekijken...</source>
      <translation>&amp;View criterion...</translation>
    </message>
    <message>
      <source>Bekijken</source>
      <translation>View</translation>
    </message>
    <message>
      <source>Nieuw criterium</source>
      <translation>New criterion</translation>
    </message>
    <message>
      <source>Er is nog geen inkooppakket; importeer eerst een bibliotheekpakket.</source>
      <translation>There is no procurement package yet; import a library pack first.</translation>
    </message>
    <message>
      <source>Kopie gemaakt: %1</source>
      <translation>Copy made: %1</translation>
    </message>
    <message>
      <source>%1 heeft nu status: %2</source>
      <translation>%1 now has status: %2</translation>
    </message>
    <message>
      <source>Reservekopie terugzetten</source>
      <translation>Restore backup</translation>
    </message>
    <message>
      <source>Bibliotheek (*.db)</source>
      <translation>Library (*.db)</translation>
    </message>
    <message>
      <source>De bibliotheek vervangen door %1? Wijzigingen van na die kopie gaan verloren; de huidige bibliotheek wordt eerst bewaard in de map backups.</source>
      <translation>Replace the library by %1? Changes made after that copy are lost; the current library is kept in the backups folder first.</translation>
    </message>
    <message>
      <source>Niet teruggezet</source>
      <translation>Not restored</translation>
    </message>
    <message>
      <source>Teruggezet: %1 criteria. De vervangen bibliotheek is bewaard als %2.</source>
      <translation>Restored: %1 criteria. The replaced library was kept as %2.</translation>
    </message>
    <message>
      <source>Aanbesteding openen</source>
      <translation>Open tender</translation>
    </message>
    <message>
      <source>Demo-omgeving</source>
      <translation>Demo workspace</translation>
    </message>
    <message>
      <source>De demo-omgeving is al geopend.</source>
      <translation>The demo workspace is already open.</translation>
    </message>
    <message>
      <source>Ook wat u in de demo-omgeving hebt gemaakt, gaat weg: %1. Bewaar het eerst elders als u het nog nodig hebt.</source>
      <translation>What you made in the demo workspace goes too: %1. Keep it somewhere else first if you still need it.</translation>
    </message>
    <message numerus="yes">
      <source> en nog %n</source>
      <translation>
        <numerusform> and %n more</numerusform>
        <numerusform> and %n more</numerusform>
      </translation>
    </message>
    <message>
      <source>De demo-omgeving terugzetten naar de beginstand? Alle wijzigingen in de demo gaan verloren; uw echte bibliotheek blijft ongewijzigd.</source>
      <translation>Reset the demo workspace to its starting state? All changes in the demo are lost; your real library stays as it is.</translation>
    </message>
    <message>
      <source>Sneltoetsen</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>Over Tender Assistant</source>
      <translation>About Tender Assistant</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;Tender Assistant&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Circulair inkopen voor de overheden in de Metropoolregio Amsterdam: van criteriabibliotheek tot aanbestedingsdocument, offline.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;Tender Assistant&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Circular procurement for the governments of the Amsterdam Metropolitan Area: from criteria library to tender document, offline.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>(geen recente aanbestedingen)</source>
      <translation>(no recent tenders)</translation>
    </message>
    <message>
      <source>Lijst wissen</source>
      <translation>Clear list</translation>
    </message>
  </context>
  <context>
    <name>Monitoring</name>
    <message>
      <source>Telt dit als circulair?</source>
      <translation>Does this count as circular?</translation>
    </message>
    <message>
      <source>Kies eerst criteria.</source>
      <translation>Choose criteria first.</translation>
    </message>
    <message>
      <source>Registreren in het monitoringregister</source>
      <translation>Register in the monitoring register</translation>
    </message>
    <message>
      <source>Deze aanbesteding registreren in het monitoringregister? Gunningsdatum en waarde bevestigt u later in het register.</source>
      <translation>Register this tender in the monitoring register? You confirm the award date and value later in the register.</translation>
    </message>
    <message>
      <source>Geregistreerd in %1.</source>
      <translation>Registered in %1.</translation>
    </message>
    <message>
      <source>%1 registraties (per perceel en per deelnemer) geregistreerd in %2.</source>
      <translation>%1 records (per lot and per participant) registered in %2.</translation>
    </message>
    <message>
      <source>Monitoring circulair inkopen</source>
      <translation>Circular procurement monitoring</translation>
    </message>
    <message>
      <source>Register</source>
      <translation>Register</translation>
    </message>
    <message>
      <source>Toevoegen...</source>
      <translation>Add...</translation>
    </message>
    <message>
      <source>Bewerken...</source>
      <translation>Edit...</translation>
    </message>
    <message>
      <source>Verwijderen</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>Ongedaan maken</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>Opnieuw</source>
      <translation>Redo</translation>
    </message>
    <message>
      <source>Importeren...</source>
      <translation>Import...</translation>
    </message>
    <message>
      <source>Exporteren voor de regisseur...</source>
      <translation>Export for the regisseur...</translation>
    </message>
    <message>
      <source>Register van contracten</source>
      <translation>Register of contracts</translation>
    </message>
    <message>
      <source>Verdeeld over de looptijd</source>
      <translation>Spread over the term</translation>
    </message>
    <message>
      <source>Jaar</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>Organisatie</source>
      <translation>Organisation</translation>
    </message>
    <message>
      <source>Minimale weging gunningscriterium</source>
      <translation>Minimum award criterion weight</translation>
    </message>
    <message>
      <source>Opslaan als Excel...</source>
      <translation>Save as Excel...</translation>
    </message>
    <message>
      <source>Opslaan als Word...</source>
      <translation>Save as Word...</translation>
    </message>
    <message>
      <source>Aandeel circulair per jaar tegen het doel</source>
      <translation>Circular share per year against the target</translation>
    </message>
    <message>
      <source>Circulaire euro's per inkooppakket</source>
      <translation>Circular euros per package</translation>
    </message>
    <message>
      <source>Binnen telling</source>
      <translation>In scope</translation>
    </message>
    <message>
      <source>Circulair</source>
      <translation>Circular</translation>
    </message>
    <message>
      <source>Aandeel €</source>
      <translation>Share €</translation>
    </message>
    <message>
      <source>Aandeel #</source>
      <translation>Share #</translation>
    </message>
    <message>
      <source>Dekking</source>
      <translation>Coverage</translation>
    </message>
    <message>
      <source>Tekort</source>
      <translation>Gap</translation>
    </message>
    <message>
      <source>Verklaard</source>
      <translation>Declared</translation>
    </message>
    <message>
      <source>Onbekend</source>
      <translation>Unknown</translation>
    </message>
    <message>
      <source>Circulair verklaard in de aankondiging (eForms BT-774), niet met criteria geverifieerd</source>
      <translation>Declared circular in the notice (eForms BT-774), not verified from criteria</translation>
    </message>
    <message>
      <source>Waarde waarvan niet bekend is welke criteria erin zaten</source>
      <translation>Value for which the criteria used are not known</translation>
    </message>
    <message>
      <source>Cijfers per organisatie</source>
      <translation>Figures per organisation</translation>
    </message>
    <message>
      <source>Rapport</source>
      <translation>Report</translation>
    </message>
    <message>
      <source>%1 registraties in %2</source>
      <translation>%1 records in %2</translation>
    </message>
    <message>
      <source>Alle organisaties (regio)</source>
      <translation>All organisations (region)</translation>
    </message>
    <message>
      <source>Contractenlijst, monitoringbestand of aankondigingen importeren</source>
      <translation>Import contract list, monitoring file or notices</translation>
    </message>
    <message>
      <source>Contractenlijsten, monitoringbestanden en eForms-aankondigingen (*.csv *.xlsx *.json *.xml)</source>
      <translation>Contract lists, monitoring files and eForms notices (*.csv *.xlsx *.json *.xml)</translation>
    </message>
    <message>
      <source>Is dit dezelfde aanbesteding?</source>
      <translation>Is this the same tender?</translation>
    </message>
    <message>
      <source>Aankondiging: %1 (%2, perceel %3), %4</source>
      <translation>Notice: %1 (%2, lot %3), %4</translation>
    </message>
    <message>
      <source>Uit de app: %1, %2</source>
      <translation>From the app: %1, %2</translation>
    </message>
    <message>
      <source>Bij ja worden ze één registratie: de criteria uit de app blijven, waarde, gunningsdatum en winnaar komen uit de aankondiging.</source>
      <translation>If yes, they become one record: the criteria from the app stay; value, award date and winner come from the notice.</translation>
    </message>
    <message>
      <source>Aankondiging samenvoegen?</source>
      <translation>Merge the notice?</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>%1 toegevoegd, %2 bijgewerkt, %3 stond(en) er al.</source>
      <translation>%1 added, %2 updated, %3 already there.</translation>
    </message>
    <message>
      <source>Gelezen: %1 contract(en), samen %2.</source>
      <translation>Read: %1 contract(s), together %2.</translation>
    </message>
    <message>
      <source>... en nog %1</source>
      <translation>... and %1 more</translation>
    </message>
    <message>
      <source>Import niet gelukt</source>
      <translation>Import failed</translation>
    </message>
    <message>
      <source>Register exporteren</source>
      <translation>Export register</translation>
    </message>
    <message>
      <source>Monitoringbestand (*.json)</source>
      <translation>Monitoring file (*.json)</translation>
    </message>
    <message>
      <source>Opgeslagen: %1 (%2 registraties)</source>
      <translation>Saved: %1 (%2 records)</translation>
    </message>
    <message>
      <source>%1 registratie(s) zonder gunningsdatum tellen in geen enkel jaar mee; vul de gunningsdatum in bij de registratie.</source>
      <translation>%1 registration(s) without an award date count in no year; fill in the award date in the registration.</translation>
    </message>
    <message>
      <source>Regio (som)</source>
      <translation>Region (sum)</translation>
    </message>
    <message>
      <source>Registraties: %1</source>
      <translation>Records: %1</translation>
    </message>
    <message>
      <source>Telregel</source>
      <translation>Counting rule</translation>
    </message>
    <message>
      <source>Aandeel circulair per jaar: %1</source>
      <translation>Circular share per year: %1</translation>
    </message>
    <message>
      <source>Circulair per inkooppakket, %1</source>
      <translation>Circular per package, %1</translation>
    </message>
    <message>
      <source>Rapport opslaan</source>
      <translation>Save report</translation>
    </message>
    <message>
      <source>Opgeslagen: %1</source>
      <translation>Saved: %1</translation>
    </message>
    <message>
      <source>Registratie toevoegen</source>
      <translation>Add record</translation>
    </message>
    <message>
      <source>Registratie bewerken</source>
      <translation>Edit record</translation>
    </message>
    <message>
      <source>Registratie verwijderen</source>
      <translation>Delete record</translation>
    </message>
    <message>
      <source>Titel</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>CPV-codes</source>
      <translation>CPV codes</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Procedure</translation>
    </message>
    <message>
      <source>Gunningsdatum (JJJJ-MM-DD)</source>
      <translation>Award date (YYYY-MM-DD)</translation>
    </message>
    <message>
      <source>Startdatum</source>
      <translation>Start date</translation>
    </message>
    <message>
      <source>Einddatum</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>Waarde in € excl. btw, met opties</source>
      <translation>Value in € excl. VAT, with options</translation>
    </message>
    <message>
      <source>Criteria (bijv. MEU-M-01 MEU-G-01=20)</source>
      <translation>Criteria (e.g. MEU-M-01 MEU-G-01=20)</translation>
    </message>
    <message>
      <source>Reden van het oordeel</source>
      <translation>Reason for the override</translation>
    </message>
    <message>
      <source>Aankondigings-ID (TenderNed/TED)</source>
      <translation>Notice ID (TenderNed/TED)</translation>
    </message>
    <message>
      <source>Perceel</source>
      <translation>Lot</translation>
    </message>
    <message>
      <source>(geen pakket)</source>
      <translation>(no package)</translation>
    </message>
    <message>
      <source>Leveringen</source>
      <translation>Supplies</translation>
    </message>
    <message>
      <source>Werken</source>
      <translation>Works</translation>
    </message>
    <message>
      <source>Diensten</source>
      <translation>Services</translation>
    </message>
    <message>
      <source>Fysieke producten of werken</source>
      <translation>Physical goods or works</translation>
    </message>
    <message>
      <source>Volgens de telregel</source>
      <translation>By the counting rule</translation>
    </message>
    <message>
      <source>Ja, circulair (oordeel organisatie)</source>
      <translation>Yes, circular (organisation's override)</translation>
    </message>
    <message>
      <source>Nee, niet circulair (oordeel organisatie)</source>
      <translation>No, not circular (organisation's override)</translation>
    </message>
    <message>
      <source>Pakket</source>
      <translation>Package</translation>
    </message>
    <message>
      <source>Aard</source>
      <translation>Nature</translation>
    </message>
    <message>
      <source>Oordeel</source>
      <translation>Override</translation>
    </message>
    <message>
      <source>Opslaan</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Annuleren</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>invoer</source>
      <translation>input</translation>
    </message>
    <message>
      <source>Registratie niet opgeslagen</source>
      <translation>Record not saved</translation>
    </message>
    <message>
      <source>Kolommen koppelen</source>
      <translation>Map columns</translation>
    </message>
    <message>
      <source>Dit bestand heeft andere kolomnamen. Kies bij elk gegeven de kolom uit het bestand.</source>
      <translation>This file has other column names. Choose the file's column for each item.</translation>
    </message>
    <message>
      <source>(niet in het bestand)</source>
      <translation>(not in the file)</translation>
    </message>
    <message>
      <source>Importeren</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>app</source>
      <translation>app</translation>
    </message>
    <message>
      <source>import</source>
      <translation>import</translation>
    </message>
    <message>
      <source>handmatig</source>
      <translation>typed in</translation>
    </message>
    <message>
      <source>aankondiging</source>
      <translation>notice</translation>
    </message>
    <message>
      <source>Gunningsdatum</source>
      <translation>Award date</translation>
    </message>
    <message>
      <source>Waarde (€)</source>
      <translation>Value (€)</translation>
    </message>
    <message>
      <source>Aandeel</source>
      <translation>Share</translation>
    </message>
    <message>
      <source>Fysiek</source>
      <translation>Physical</translation>
    </message>
    <message>
      <source>Niveau</source>
      <translation>Level</translation>
    </message>
    <message>
      <source>Bron</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>ja</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>nee</source>
      <translation>no</translation>
    </message>
    <message>
      <source>verklaard</source>
      <translation>declared</translation>
    </message>
    <message>
      <source>buiten telling</source>
      <translation>out of scope</translation>
    </message>
    <message>
      <source>Gelijk deel: voor deze deelnemer is geen aandeel opgegeven</source>
      <translation>Equal share: no share was stated for this participant</translation>
    </message>
    <message>
      <source>Aandeel zoals opgegeven (de volumetabel van de aanbesteding)</source>
      <translation>Share as stated (the tender's volume table)</translation>
    </message>
    <message>
      <source>Aankondiging %1, perceel %2; winnaar: %3</source>
      <translation>Notice %1, lot %2; winner: %3</translation>
    </message>
    <message>
      <source>Oordeel van de organisatie: %1</source>
      <translation>Organisation's override: %1</translation>
    </message>
    <message>
      <source>gelijk deel %1</source>
      <translation>equal share %1</translation>
    </message>
  </context>
  <context>
    <name>PublisherDialogs</name>
    <message>
      <source>Annuleren</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Uitgever vertrouwen</source>
      <translation>Trust a publisher</translation>
    </message>
    <message>
      <source>Kies de openbare sleutel (.pub) die de uitgever u gaf en vergelijk de vingerafdruk met de uitgever, bijvoorbeeld telefonisch.</source>
      <translation>Choose the public key (.pub) the publisher gave you and compare the fingerprint with the publisher, for example by phone.</translation>
    </message>
    <message>
      <source>De release is ondertekend met sleutel %1.</source>
      <translation>The release is signed with key %1.</translation>
    </message>
    <message>
      <source>Openbare sleutel</source>
      <translation>Public key</translation>
    </message>
    <message>
      <source>Bladeren...</source>
      <translation>Browse...</translation>
    </message>
    <message>
      <source>Openbare sleutel:</source>
      <translation>Public key:</translation>
    </message>
    <message>
      <source>Vingerafdruk van de sleutel</source>
      <translation>Fingerprint of the key</translation>
    </message>
    <message>
      <source>Vingerafdruk:</source>
      <translation>Fingerprint:</translation>
    </message>
    <message>
      <source>Naam van de uitgever</source>
      <translation>Name of the publisher</translation>
    </message>
    <message>
      <source>Naam van de uitgever:</source>
      <translation>Name of the publisher:</translation>
    </message>
    <message>
      <source>&amp;Vertrouwen</source>
      <translation>&amp;Trust</translation>
    </message>
    <message>
      <source>Openbare sleutel kiezen</source>
      <translation>Choose a public key</translation>
    </message>
    <message>
      <source>Openbare sleutels (*.pub);;Alle bestanden (*)</source>
      <translation>Public keys (*.pub);;All files (*)</translation>
    </message>
    <message>
      <source>(geen leesbare openbare sleutel)</source>
      <translation>(not a readable public key)</translation>
    </message>
    <message>
      <source>%1: een andere sleutel dan die van de release</source>
      <translation>%1: another key than the release's</translation>
    </message>
    <message>
      <source>Sleutelpaar maken</source>
      <translation>Make a key pair</translation>
    </message>
    <message>
      <source>Privésleutel</source>
      <translation>Private key</translation>
    </message>
    <message>
      <source>Privésleutel:</source>
      <translation>Private key:</translation>
    </message>
    <message>
      <source>Wachtwoordzin</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <source>Wachtwoordzin herhalen</source>
      <translation>Repeat the passphrase</translation>
    </message>
    <message>
      <source>Wachtwoordzin:</source>
      <translation>Passphrase:</translation>
    </message>
    <message>
      <source>Nogmaals:</source>
      <translation>Again:</translation>
    </message>
    <message>
      <source>De openbare sleutel komt ernaast (.pub): die geeft u aan wie uw releases ontvangt. Bewaar de privésleutel en de wachtwoordzin goed.</source>
      <translation>The public key goes beside it (.pub): give that to whoever receives your releases. Keep the private key and the passphrase safe.</translation>
    </message>
    <message>
      <source>&amp;Maken</source>
      <translation>&amp;Make</translation>
    </message>
    <message>
      <source>Privésleutel opslaan als</source>
      <translation>Save the private key as</translation>
    </message>
    <message>
      <source>Sleutelpaar gemaakt</source>
      <translation>Key pair made</translation>
    </message>
    <message>
      <source>Sleutel gemaakt: %1 (privé) en %1.pub (om te delen).
Vingerafdruk: %2</source>
      <translation>Key made: %1 (private) and %1.pub (to share).
Fingerprint: %2</translation>
    </message>
    <message>
      <source>Release publiceren</source>
      <translation>Publish a release</translation>
    </message>
    <message>
      <source>Map voor de release</source>
      <translation>Folder for the release</translation>
    </message>
    <message>
      <source>Map voor de release:</source>
      <translation>Folder for the release:</translation>
    </message>
    <message>
      <source>leeg: datum en tijd, of bijvoorbeeld 2026.3</source>
      <translation>empty: date and time, or for example 2026.3</translation>
    </message>
    <message>
      <source>Releaseversie</source>
      <translation>Release version</translation>
    </message>
    <message>
      <source>Versie:</source>
      <translation>Version:</translation>
    </message>
    <message>
      <source>Uitgever:</source>
      <translation>Publisher:</translation>
    </message>
    <message>
      <source>Toelichting bij deze release</source>
      <translation>Notes on this release</translation>
    </message>
    <message>
      <source>Toelichting:</source>
      <translation>Notes:</translation>
    </message>
    <message>
      <source>&amp;Publiceren</source>
      <translation>&amp;Publish</translation>
    </message>
    <message>
      <source>Privésleutel kiezen</source>
      <translation>Choose the private key</translation>
    </message>
    <message>
      <source>Map voor de release kiezen</source>
      <translation>Choose the folder for the release</translation>
    </message>
    <message>
      <source>Release schrijven...</source>
      <translation>Writing the release...</translation>
    </message>
    <message>
      <source>Niet gepubliceerd</source>
      <translation>Not published</translation>
    </message>
    <message>
      <source>Release gepubliceerd</source>
      <translation>Release published</translation>
    </message>
    <message>
      <source>Release %1 staat in %2: %3 criteria, ondertekend met sleutel %4.</source>
      <translation>Release %1 is in %2: %3 criteria, signed with key %4.</translation>
    </message>
    <message>
      <source>Uitgevers en sleutels</source>
      <translation>Publishers and keys</translation>
    </message>
    <message>
      <source>Vertrouwde uitgevers: alleen hun releases kunnen de bibliotheek bijwerken. Vergelijk een vingerafdruk met de uitgever, bijvoorbeeld telefonisch.</source>
      <translation>Trusted publishers: only their releases can update the library. Compare a fingerprint with the publisher, for example by phone.</translation>
    </message>
    <message>
      <source>Vertrouwde uitgevers</source>
      <translation>Trusted publishers</translation>
    </message>
    <message>
      <source>&amp;Vertrouwen...</source>
      <translation>&amp;Trust...</translation>
    </message>
    <message>
      <source>&amp;Niet meer vertrouwen</source>
      <translation>&amp;Stop trusting</translation>
    </message>
    <message>
      <source>&amp;Sleutelpaar maken...</source>
      <translation>Make a &amp;key pair...</translation>
    </message>
    <message>
      <source>Release &amp;publiceren...</source>
      <translation>&amp;Publish a release...</translation>
    </message>
    <message>
      <source>Sluiten</source>
      <translation>Close</translation>
    </message>
    <message>
      <source> (meegeleverd)</source>
      <translation> (built in)</translation>
    </message>
    <message>
      <source>Niet meer vertrouwen</source>
      <translation>Stop trusting</translation>
    </message>
    <message>
      <source>Releases van '%1' niet meer vertrouwen?</source>
      <translation>Stop trusting releases from '%1'?</translation>
    </message>
    <message>
      <source>Uitgever niet vertrouwd</source>
      <translation>Publisher not trusted</translation>
    </message>
    <message>
      <source>De release is ondertekend door '%1' met sleutel %2, die nog niet wordt vertrouwd. Er is niets gewijzigd.

Wilt u deze uitgever nu vertrouwen? U heeft de openbare sleutel (.pub) van de uitgever nodig; vergelijk de vingerafdruk met de uitgever.</source>
      <translation>The release is signed by '%1' with key %2, which is not trusted yet. Nothing was changed.

Do you want to trust this publisher now? You need the publisher's public key (.pub); compare the fingerprint with the publisher.</translation>
    </message>
  </context>
  <context>
    <name>ReleaseDialogs</name>
    <message>
      <source>Veld</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>Verschil</source>
      <translation>Difference</translation>
    </message>
    <message>
      <source>Release %1 van %2</source>
      <translation>Release %1 from %2</translation>
    </message>
    <message>
      <source>Nieuw</source>
      <translation>New</translation>
    </message>
    <message>
      <source>Gewijzigd (hier niet aangepast: de nieuwe versie wordt overgenomen)</source>
      <translation>Changed (not edited here: the new version is taken over)</translation>
    </message>
    <message>
      <source>Nu</source>
      <translation>Now</translation>
    </message>
    <message>
      <source>Ingetrokken door de uitgever</source>
      <translation>Retired by the publisher</translation>
    </message>
    <message>
      <source>Conflicten: hier én door de uitgever gewijzigd; uw versie blijft, de nieuwe wordt ernaast bewaard</source>
      <translation>Conflicts: changed both here and by the publisher; your version stays, the new one is kept beside it</translation>
    </message>
    <message>
      <source>ingetrokken door de uitgever</source>
      <translation>retired by the publisher</translation>
    </message>
    <message>
      <source>Uw versie</source>
      <translation>Your version</translation>
    </message>
    <message>
      <source>Nieuwe versie</source>
      <translation>New version</translation>
    </message>
    <message>
      <source>Bibliotheek bijwerken uit een release</source>
      <translation>Update the library from a release</translation>
    </message>
    <message>
      <source>Map of webadres (http/https) van de release:</source>
      <translation>Folder or web address (http/https) of the release:</translation>
    </message>
    <message>
      <source>Map of adres van de release</source>
      <translation>Folder or address of the release</translation>
    </message>
    <message>
      <source>Bladeren...</source>
      <translation>Browse...</translation>
    </message>
    <message>
      <source>Voorbeeld van de update</source>
      <translation>Preview of the update</translation>
    </message>
    <message>
      <source>Kies een release en druk op Controleren. Er verandert niets tot u Bijwerken kiest.</source>
      <translation>Choose a release and press Check. Nothing changes until you choose Update.</translation>
    </message>
    <message>
      <source>&amp;Controleren</source>
      <translation>&amp;Check</translation>
    </message>
    <message>
      <source>&amp;Bijwerken</source>
      <translation>&amp;Update</translation>
    </message>
    <message>
      <source>&amp;Herstel vorige toestand</source>
      <translation>&amp;Restore previous state</translation>
    </message>
    <message>
      <source>Sluiten</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Map van de release kiezen</source>
      <translation>Choose the release folder</translation>
    </message>
    <message>
      <source>Release geweigerd</source>
      <translation>Release refused</translation>
    </message>
    <message>
      <source>Release controleren...</source>
      <translation>Checking the release...</translation>
    </message>
    <message>
      <source>Deze release is al ontvangen; de bibliotheek is bij.</source>
      <translation>This release was already received; the library is up to date.</translation>
    </message>
    <message>
      <source>Bibliotheek bijwerken...</source>
      <translation>Updating the library...</translation>
    </message>
    <message>
      <source>Niet bijgewerkt</source>
      <translation>Not updated</translation>
    </message>
    <message>
      <source>De bibliotheek is bijgewerkt: %1.</source>
      <translation>The library was updated: %1.</translation>
    </message>
    <message>
      <source>Los de conflicten op via Bestand &gt; Conflicten uit releases.</source>
      <translation>Resolve the conflicts via File &gt; Release conflicts.</translation>
    </message>
    <message>
      <source>Reservekopie: %1</source>
      <translation>Backup: %1</translation>
    </message>
    <message>
      <source>Herstel vorige toestand</source>
      <translation>Restore previous state</translation>
    </message>
    <message>
      <source>De bibliotheek terugzetten naar %1 (de toestand van vóór de laatste update of import)? Wijzigingen van daarna gaan verloren; de huidige bibliotheek wordt eerst bewaard in de map backups.</source>
      <translation>Put the library back to %1 (as it was before the last update or import)? Changes made since then are lost; the current library is kept in the backups folder first.</translation>
    </message>
    <message>
      <source>Vorige toestand hersteld uit %1.</source>
      <translation>Previous state restored from %1.</translation>
    </message>
    <message>
      <source>Conflicten uit releases</source>
      <translation>Release conflicts</translation>
    </message>
    <message>
      <source>Criteria met een conflict</source>
      <translation>Criteria with a conflict</translation>
    </message>
    <message>
      <source>Verschil tussen uw versie en de nieuwe</source>
      <translation>Difference between your version and the new one</translation>
    </message>
    <message>
      <source>&amp;Nieuwe versie overnemen</source>
      <translation>&amp;Take over the new version</translation>
    </message>
    <message>
      <source>&amp;Eigen versie houden</source>
      <translation>&amp;Keep your version</translation>
    </message>
    <message>
      <source>Geen openstaande conflicten.</source>
      <translation>No open conflicts.</translation>
    </message>
    <message>
      <source>De uitgever heeft dit criterium ingetrokken; u heeft het aangepast.</source>
      <translation>The publisher retired this criterion; you changed it.</translation>
    </message>
    <message>
      <source>Verouderde criteria in aanbestedingen</source>
      <translation>Outdated criteria in tenders</translation>
    </message>
    <message>
      <source>Map met aanbestedingen</source>
      <translation>Folder with tenders</translation>
    </message>
    <message>
      <source>Aanbestedingen met verouderde criteria</source>
      <translation>Tenders with outdated criteria</translation>
    </message>
    <message>
      <source>&amp;Zoeken</source>
      <translation>&amp;Search</translation>
    </message>
    <message>
      <source>Map met aanbestedingen kiezen</source>
      <translation>Choose the folder with tenders</translation>
    </message>
    <message>
      <source>Geen aanbestedingen met verouderde of ingetrokken criteria.</source>
      <translation>No tenders with outdated or retired criteria.</translation>
    </message>
  </context>
  <context>
    <name>RetireDialog</name>
    <message>
      <source>Criterium intrekken</source>
      <translation>Retire criterion</translation>
    </message>
    <message>
      <source>%1 intrekken? Het wordt dan niet meer voorgesteld in nieuwe aanbestedingen. Terugzetten kan daarna alleen via 'Terug naar concept' en een nieuwe review.</source>
      <translation>Retire %1? It will no longer be suggested for new tenders. It can come back only through 'Back to draft' and a new review.</translation>
    </message>
    <message>
      <source>Reden van intrekken</source>
      <translation>Reason for retiring</translation>
    </message>
    <message>
      <source>bijvoorbeeld: vervangen door een strenger criterium (komt in de geschiedenis)</source>
      <translation>for example: replaced by a stricter criterion (goes into the history)</translation>
    </message>
    <message>
      <source>&amp;Reden:</source>
      <translation>&amp;Reason:</translation>
    </message>
    <message>
      <source>&amp;Intrekken</source>
      <translation>&amp;Retire</translation>
    </message>
    <message>
      <source>Annuleren</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>ScenarioDialog</name>
    <message>
      <source>Scenario's voor trainers</source>
      <translation>Scenarios for trainers</translation>
    </message>
    <message>
      <source>Elke kaart opent een voorbereide aanbesteding uit de demo-omgeving op de juiste pagina. Wat een cursist verandert, zet 'Demo terugzetten' weer terug.</source>
      <translation>Each card opens a prepared tender from the demo workspace at the right page. What a trainee changes, 'Reset demo' puts back.</translation>
    </message>
    <message>
      <source>Openen</source>
      <translation>Open</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Instellingen</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Taal</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Taal:</source>
      <translation>Language:</translation>
    </message>
    <message>
      <source>Opgeslagen instelling: %1 (geldt na herstart zonder --lang)</source>
      <translation>Stored setting: %1 (applies after a restart without --lang)</translation>
    </message>
    <message>
      <source>Uw naam</source>
      <translation>Your name</translation>
    </message>
    <message>
      <source>leeg: de gebruikersnaam van de computer</source>
      <translation>empty: the computer's user name</translation>
    </message>
    <message>
      <source>Uw naam (in de geschiedenis):</source>
      <translation>Your name (in the history):</translation>
    </message>
    <message>
      <source>Account: %1 (vastgelegd bij elke wijziging; een andere naam maakt u niet tot een ander persoon)</source>
      <translation>Account: %1 (recorded with every change; another name does not make you another person)</translation>
    </message>
    <message>
      <source>Vier-ogenprincipe</source>
      <translation>Four-eyes principle</translation>
    </message>
    <message>
      <source>Vier-ogenprincipe: publiceren door een ander account dan wie bewerkte of ter review aanbood</source>
      <translation>Four-eyes principle: publishing by another account than the one that edited or submitted for review</translation>
    </message>
    <message>
      <source>Een instelling van de organisatie: uitschakelen kan alleen direct in een bibliotheek met één gebruiker; anders moet een tweede persoon het bevestigen. Elke stap wordt vastgelegd.</source>
      <translation>An organisation setting: it can be switched off at once only in a library with one user; otherwise a second person must confirm it. Every step is recorded.</translation>
    </message>
    <message>
      <source>Publiceren door een ander account dan wie bewerkte of ter review aanbood.</source>
      <translation>Publishing by another account than the one that edited or submitted for review.</translation>
    </message>
    <message>
      <source>%1 vroeg het vier-ogenprincipe uit te schakelen; vink het uit om dat als tweede persoon te bevestigen.</source>
      <translation>%1 asked to switch the four-eyes principle off; untick it to confirm as the second person.</translation>
    </message>
    <message>
      <source>Presentatiemodus (grote letters, hoog contrast)</source>
      <translation>Presentation mode (large type, high contrast)</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>Annuleren</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Inkoopbeleid van de organisatie (leveringen en diensten)</source>
      <translation>Organisation's procurement policy (supplies and services)</translation>
    </message>
    <message>
      <source>Enkelvoudig onderhands tot</source>
      <translation>Single-quote private procedure up to</translation>
    </message>
    <message>
      <source>geen eigen grens</source>
      <translation>no own upper value</translation>
    </message>
    <message>
      <source>Meervoudig onderhands tot</source>
      <translation>Multiple-quote private procedure up to</translation>
    </message>
    <message>
      <source>Bron van het inkoopbeleid</source>
      <translation>Source of the procurement policy</translation>
    </message>
    <message>
      <source>bijvoorbeeld: Inkoopbeleid 2025, artikel 4</source>
      <translation>for example: Procurement policy 2025, article 4</translation>
    </message>
    <message>
      <source>Standaard&amp;waarden</source>
      <translation>Default &amp;values</translation>
    </message>
    <message>
      <source>Enkelvoudig onderhands tot:</source>
      <translation>Single-quote private up to:</translation>
    </message>
    <message>
      <source>Meervoudig onderhands tot:</source>
      <translation>Multiple-quote private up to:</translation>
    </message>
    <message>
      <source>Bron:</source>
      <translation>Source:</translation>
    </message>
    <message>
      <source>Voor werken geldt de Gids Proportionaliteit; voor leveringen en diensten de grenzen uit uw eigen inkoopbeleid. Geldt voor de hele bibliotheek.</source>
      <translation>For works the Gids Proportionaliteit applies; for supplies and services the upper values of your own procurement policy. Applies to the whole library.</translation>
    </message>
    <message>
      <source>Uw verzoek om het vier-ogenprincipe uit te schakelen is vastgelegd. Het gaat pas uit als een collega (een ander account) het in Instellingen bevestigt.</source>
      <translation>Your request to switch the four-eyes principle off is recorded. It goes off only when a colleague (another account) confirms it in Settings.</translation>
    </message>
  </context>
  <context>
    <name>SimulatorDialog</name>
    <message>
      <source>Staafdiagram: punten per onderdeel</source>
      <translation>Bar chart: points per part</translation>
    </message>
    <message>
      <source>Simuleer beoordeling</source>
      <translation>Simulate evaluation</translation>
    </message>
    <message>
      <source>Typ verzonnen inschrijvingen of laad ze uit een CSV- of Excel-bestand. Per criterium: punten (schaal), de aangeboden waarde (relatief) of het aantal eenheden (fictieve korting). De rangorde volgt elke wijziging, ook van de wegingen.</source>
      <translation>Type made-up bids or load them from a CSV or Excel file. Per criterion: points (scale), the offered value (relative) or the number of units (notional discount). The ranking follows every change, including the weights.</translation>
    </message>
    <message>
      <source>&amp;Perceel:</source>
      <translation>&amp;Lot:</translation>
    </message>
    <message>
      <source>Perceel</source>
      <translation>Lot</translation>
    </message>
    <message>
      <source>Inschrijvingen</source>
      <translation>Bids</translation>
    </message>
    <message>
      <source>Rangorde</source>
      <translation>Ranking</translation>
    </message>
    <message>
      <source>Rang</source>
      <translation>Rank</translation>
    </message>
    <message>
      <source>Inschrijver</source>
      <translation>Bidder</translation>
    </message>
    <message>
      <source>Beoordelingsprijs</source>
      <translation>Evaluation price</translation>
    </message>
    <message>
      <source>Totaal</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Melding</source>
      <translation>Message</translation>
    </message>
    <message>
      <source>Inschrijving &amp;toevoegen</source>
      <translation>&amp;Add bid</translation>
    </message>
    <message>
      <source>&amp;Verwijderen</source>
      <translation>&amp;Remove</translation>
    </message>
    <message>
      <source>&amp;Laden…</source>
      <translation>&amp;Load…</translation>
    </message>
    <message>
      <source>Laad inschrijvingen uit CSV of XLSX (kolommen: inschrijver, prijs, en per gunningscriterium de code)</source>
      <translation>Load bids from CSV or XLSX (columns: inschrijver, prijs, and one per award criterion id)</translation>
    </message>
    <message>
      <source>perceel %1</source>
      <translation>lot %1</translation>
    </message>
    <message>
      <source>Inschrijver %1</source>
      <translation>Bidder %1</translation>
    </message>
    <message>
      <source>Prijs (€)</source>
      <translation>Price (€)</translation>
    </message>
    <message>
      <source>Inschrijvingsprijs in euro, exclusief btw</source>
      <translation>Bid price in euros, excluding VAT</translation>
    </message>
    <message>
      <source>aangeboden waarde, plafond %1 (fictieve korting)</source>
      <translation>offered value, ceiling %1 (notional discount)</translation>
    </message>
    <message>
      <source>aantal %1 (fictieve korting)</source>
      <translation>number of %1 (notional discount)</translation>
    </message>
    <message>
      <source>eenheden</source>
      <translation>units</translation>
    </message>
    <message>
      <source>aangeboden waarde (relatief)</source>
      <translation>offered value (relative)</translation>
    </message>
    <message>
      <source>punten: %1</source>
      <translation>points: %1</translation>
    </message>
    <message>
      <source>punten 0-%1</source>
      <translation>points 0-%1</translation>
    </message>
    <message>
      <source>Inschrijvingen laden</source>
      <translation>Load bids</translation>
    </message>
    <message>
      <source>Inschrijvingen (*.csv *.xlsx)</source>
      <translation>Bids (*.csv *.xlsx)</translation>
    </message>
    <message>
      <source>Inschrijving</source>
      <translation>Bid</translation>
    </message>
    <message>
      <source>loting</source>
      <translation>lots drawn</translation>
    </message>
    <message>
      <source>ongeldig</source>
      <translation>invalid</translation>
    </message>
    <message>
      <source>Prijs</source>
      <translation>Price</translation>
    </message>
    <message>
      <source>Let op: de wegingen tellen op tot %1% in plaats van 100%.</source>
      <translation>Note: the weights add up to %1% instead of 100%.</translation>
    </message>
    <message>
      <source>Ongeldig, niet gerangschikt: %1</source>
      <translation>Invalid, not ranked: %1</translation>
    </message>
  </context>
  <context>
    <name>TenderWizard</name>
    <message>
      <source>&amp;Opslaan</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <source>Opslaan &amp;als...</source>
      <translation>Save &amp;as...</translation>
    </message>
    <message>
      <source>&lt; Vo&amp;rige</source>
      <translation>&lt; &amp;Back</translation>
    </message>
    <message>
      <source>&amp;Volgende &gt;</source>
      <translation>&amp;Next &gt;</translation>
    </message>
    <message>
      <source>&amp;Klaar</source>
      <translation>&amp;Finish</translation>
    </message>
    <message>
      <source>&amp;Sluiten</source>
      <translation>&amp;Close</translation>
    </message>
    <message>
      <source>Nieuwe aanbesteding</source>
      <translation>New tender</translation>
    </message>
    <message>
      <source>Aanbesteding opslaan</source>
      <translation>Save tender</translation>
    </message>
    <message>
      <source>Aanbesteding (*.tender.json)</source>
      <translation>Tender (*.tender.json)</translation>
    </message>
    <message>
      <source>Opslaan</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Geef de aanbesteding eerst een titel.</source>
      <translation>Give the tender a title first.</translation>
    </message>
    <message>
      <source>Niet opgeslagen</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <source>Exporteren</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>Afgebroken; er is geen document gemaakt.</source>
      <translation>Cancelled; no document was made.</translation>
    </message>
    <message>
      <source>Word-document maken...</source>
      <translation>Making the Word document...</translation>
    </message>
    <message>
      <source>Exporteren niet gelukt</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <source>Wijzigingen opslaan?</source>
      <translation>Save changes?</translation>
    </message>
    <message>
      <source>De aanbesteding '%1' heeft wijzigingen die nog niet zijn opgeslagen. Opslaan?</source>
      <translation>The tender '%1' has unsaved changes. Save them?</translation>
    </message>
  </context>
  <context>
    <name>UndoCommands</name>
    <message>
      <source>%1 wijzigen</source>
      <translation>Change %1</translation>
    </message>
  </context>
  <context>
    <name>WizardPages</name>
    <message>
      <source>Geen fouten of adviezen.</source>
      <translation>No errors or advice.</translation>
    </message>
    <message>
      <source>(ga naar het veld)</source>
      <translation>(go to the field)</translation>
    </message>
    <message>
      <source>CPV-code kiezen</source>
      <translation>Choose CPV code</translation>
    </message>
    <message>
      <source>Zoek op code of omschrijving, bijvoorbeeld 'meubilair' of '3913'</source>
      <translation>Search by code or description, for example 'furniture' or '3913'</translation>
    </message>
    <message>
      <source>Zoeken in de CPV-lijst</source>
      <translation>Search the CPV list</translation>
    </message>
    <message>
      <source>CPV-codes</source>
      <translation>CPV codes</translation>
    </message>
    <message>
      <source>Toevoegen</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>Annuleren</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>1 code getoond</source>
      <translation>1 code shown</translation>
    </message>
    <message>
      <source>%1 codes getoond</source>
      <translation>%1 codes shown</translation>
    </message>
    <message>
      <source>Gegevens van de aanbesteding</source>
      <translation>Tender details</translation>
    </message>
    <message>
      <source>Wat koopt u in, voor wie, hoe lang en via welke procedure? Met de titel en de omschrijving zoekt de app straks het passende inkooppakket.</source>
      <translation>What are you buying, for whom, for how long and through which procedure? The title and description are used to find the matching procurement package.</translation>
    </message>
    <message>
      <source>Titel</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>bijvoorbeeld: Circulair kantoormeubilair voor het stadhuis</source>
      <translation>for example: Circular office furniture for the town hall</translation>
    </message>
    <message>
      <source>&amp;Titel:</source>
      <translation>&amp;Title:</translation>
    </message>
    <message>
      <source>De titel is ingekort tot %1 tekens, het maximum; een langere tekst hoort in de omschrijving.</source>
      <translation>The title was cut to %1 characters, the maximum; longer text belongs in the description.</translation>
    </message>
    <message>
      <source>Opdrachtgever</source>
      <translation>Contracting authority</translation>
    </message>
    <message>
      <source>bijvoorbeeld: Gemeente Zaanstad</source>
      <translation>for example: Gemeente Zaanstad</translation>
    </message>
    <message>
      <source>Op&amp;drachtgever:</source>
      <translation>Contracting a&amp;uthority:</translation>
    </message>
    <message>
      <source>De naam van de opdrachtgever is ingekort tot %1 tekens, het maximum.</source>
      <translation>The contracting authority's name was cut to %1 characters, the maximum.</translation>
    </message>
    <message>
      <source>Omschrijving</source>
      <translation>Description</translation>
    </message>
    <message>
      <source>Wat wordt er gekocht, hoeveel, en wat is de circulaire ambitie?</source>
      <translation>What is bought, how much, and what is the circular ambition?</translation>
    </message>
    <message>
      <source>O&amp;mschrijving:</source>
      <translation>&amp;Description:</translation>
    </message>
    <message>
      <source>Gekozen CPV-codes</source>
      <translation>Chosen CPV codes</translation>
    </message>
    <message>
      <source>CPV-code &amp;zoeken...</source>
      <translation>&amp;Find CPV code...</translation>
    </message>
    <message>
      <source>Verwijderen</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>CPV-codes:</source>
      <translation>CPV codes:</translation>
    </message>
    <message>
      <source>onbekend</source>
      <translation>unknown</translation>
    </message>
    <message>
      <source>Geraamde waarde in euro</source>
      <translation>Estimated value in euros</translation>
    </message>
    <message>
      <source> maanden</source>
      <translation> months</translation>
    </message>
    <message>
      <source>Looptijd in maanden</source>
      <translation>Term in months</translation>
    </message>
    <message>
      <source>Looptijd:</source>
      <translation>Term:</translation>
    </message>
    <message>
      <source>Geraamde waarde:</source>
      <translation>Estimated value:</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Procedure</translation>
    </message>
    <message>
      <source>Decentrale overheid (gemeente, provincie)</source>
      <translation>Sub-central government (municipality, province)</translation>
    </message>
    <message>
      <source>Centrale overheid (Rijk)</source>
      <translation>Central government (national)</translation>
    </message>
    <message>
      <source>Soort overheid</source>
      <translation>Kind of government</translation>
    </message>
    <message>
      <source>Procedure:</source>
      <translation>Procedure:</translation>
    </message>
    <message>
      <source>gepland op</source>
      <translation>planned for</translation>
    </message>
    <message>
      <source>Zonder geplande datum gelden de Europese drempels van vandaag</source>
      <translation>Without a planned date the EU thresholds of today apply</translation>
    </message>
    <message>
      <source>Geplande publicatiedatum</source>
      <translation>Planned publication date</translation>
    </message>
    <message>
      <source>De Europese drempels gelden op de datum van publicatie</source>
      <translation>The EU thresholds apply on the date of publication</translation>
    </message>
    <message>
      <source>Richtlijn</source>
      <translation>Directive</translation>
    </message>
    <message>
      <source>uit de CPV-codes</source>
      <translation>from the CPV codes</translation>
    </message>
    <message>
      <source>Hoofdvoorwerp</source>
      <translation>Main object</translation>
    </message>
    <message>
      <source>Bij een gemengde opdracht beslist het hoofdvoorwerp naar waarde of het om werken gaat, niet de eerste CPV-code</source>
      <translation>For a mixed contract the main object by value decides whether it is works, not the first CPV code</translation>
    </message>
    <message>
      <source>&amp;Publicatie:</source>
      <translation>&amp;Publication:</translation>
    </message>
    <message>
      <source>&amp;Hoofdvoorwerp:</source>
      <translation>Main o&amp;bject:</translation>
    </message>
    <message>
      <source>R&amp;ichtlijn:</source>
      <translation>D&amp;irective:</translation>
    </message>
    <message>
      <source>Criteria</source>
      <translation>Criteria</translation>
    </message>
    <message>
      <source>De voorgestelde criteria zijn aangevinkt, per soort in de volgorde van de aanbesteding. Klik een criterium aan voor de toelichting.</source>
      <translation>The suggested criteria are ticked, by kind in tender order. Click a criterion for its rationale.</translation>
    </message>
    <message>
      <source>Ook criteria uit &amp;pakket:</source>
      <translation>Also criteria from &amp;package:</translation>
    </message>
    <message>
      <source>Ook criteria uit pakket</source>
      <translation>Also criteria from package</translation>
    </message>
    <message>
      <source>Toont ook de criteria van een ander inkooppakket, bijvoorbeeld voor een perceel met een ander onderwerp; vink ze aan voor dat perceel</source>
      <translation>Also shows the criteria of another procurement package, for example for a lot with another subject; tick them for that lot</translation>
    </message>
    <message>
      <source>Criterium</source>
      <translation>Criterion</translation>
    </message>
    <message>
      <source>Niveau</source>
      <translation>Level</translation>
    </message>
    <message>
      <source>Waarom voorgesteld</source>
      <translation>Why suggested</translation>
    </message>
    <message>
      <source>Criteria om te kiezen</source>
      <translation>Criteria to choose from</translation>
    </message>
    <message>
      <source>Toelichting bij het criterium</source>
      <translation>Rationale of the criterion</translation>
    </message>
    <message>
      <source>Voorstel &amp;herstellen</source>
      <translation>&amp;Restore suggestion</translation>
    </message>
    <message>
      <source>Weer precies de voorgestelde criteria kiezen</source>
      <translation>Choose exactly the suggested criteria again</translation>
    </message>
    <message>
      <source>(geen)</source>
      <translation>(none)</translation>
    </message>
    <message>
      <source>uit pakket %1</source>
      <translation>from package %1</translation>
    </message>
    <message>
      <source>Gekozen: %1</source>
      <translation>Chosen: %1</translation>
    </message>
    <message>
      <source>Boven het gekozen ambitieniveau; niet voorgesteld.</source>
      <translation>Above the chosen ambition level; not suggested.</translation>
    </message>
    <message>
      <source>Waarom circulair</source>
      <translation>Why circular</translation>
    </message>
    <message>
      <source>Voorbeeldtekst</source>
      <translation>Example clause</translation>
    </message>
    <message>
      <source>Bewijsmiddel</source>
      <translation>Verification</translation>
    </message>
    <message>
      <source>Teksten en invulvelden</source>
      <translation>Texts and placeholders</translation>
    </message>
    <message>
      <source>Vul per criterium de invulvelden in (gegevens van de aanbesteding, zoals de opdrachtgever, gelden voor alle criteria) en pas zo nodig de tekst aan. Onderaan ziet u het resultaat: geel is een standaardwaarde, rood moet nog worden ingevuld.</source>
      <translation>Fill in the placeholders per criterion (facts of the tender, such as the organisation, apply to all criteria) and adjust the text if needed. Below you see the result: yellow is a default value, red still has to be filled in.</translation>
    </message>
    <message>
      <source>Gekozen criteria</source>
      <translation>Chosen criteria</translation>
    </message>
    <message>
      <source>Invulvelden</source>
      <translation>Placeholders</translation>
    </message>
    <message>
      <source>Waarde geweigerd</source>
      <translation>Value refused</translation>
    </message>
    <message>
      <source>Tekst in deze aanbesteding:</source>
      <translation>Text in this tender:</translation>
    </message>
    <message>
      <source>&amp;Bibliotheektekst herstellen</source>
      <translation>&amp;Restore library text</translation>
    </message>
    <message>
      <source>Bijwerken naar de &amp;nieuwste versie</source>
      <translation>Update to the &amp;newest version</translation>
    </message>
    <message>
      <source>&amp;Alle bijwerken</source>
      <translation>Update &amp;all</translation>
    </message>
    <message>
      <source>Alle criteria waarvan de bibliotheek een nieuwere versie heeft</source>
      <translation>Every criterion of which the library has a newer version</translation>
    </message>
    <message>
      <source>Tekst van het criterium</source>
      <translation>Text of the criterion</translation>
    </message>
    <message>
      <source>Resultaat:</source>
      <translation>Result:</translation>
    </message>
    <message>
      <source>Resultaat met ingevulde waarden</source>
      <translation>Result with the values filled in</translation>
    </message>
    <message>
      <source>Komt uit de gegevens van de aanbesteding (stap 1)</source>
      <translation>Comes from the tender details (step 1)</translation>
    </message>
    <message>
      <source>vul dit in bij stap 1</source>
      <translation>fill this in at step 1</translation>
    </message>
    <message>
      <source>standaard: %1</source>
      <translation>default: %1</translation>
    </message>
    <message>
      <source>Toegestaan: %1 tot en met %2</source>
      <translation>Allowed: %1 to %2</translation>
    </message>
    <message>
      <source>Deze aanbesteding gebruikt versie %1; de bibliotheek heeft versie %2.</source>
      <translation>This tender uses version %1; the library has version %2.</translation>
    </message>
    <message>
      <source>%1: %2; de waarde is niet overgenomen.</source>
      <translation>%1: %2; the value was not taken.</translation>
    </message>
    <message>
      <source>%1: versie %2 -&gt; %3</source>
      <translation>%1: version %2 -&gt; %3</translation>
    </message>
    <message>
      <source>Bijgewerkt</source>
      <translation>Updated</translation>
    </message>
    <message>
      <source>Uw eigen tekst botst met de wijziging in de bibliotheek en is bewaard; vergelijk hem met de bibliotheektekst (knop Bibliotheektekst herstellen).</source>
      <translation>Your own text clashes with the change in the library and was kept; compare it with the library text (button Restore library text).</translation>
    </message>
    <message>
      <source>Bijwerken naar de nieuwste versie</source>
      <translation>Update to the newest version</translation>
    </message>
    <message>
      <source>Wat de nieuwste versie verandert (doorgestreept: vervalt, onderstreept: nieuw). Uw eigen aanpassingen blijven staan waar ze passen.</source>
      <translation>What the newest version changes (struck through: removed, underlined: new). Your own edits stay where they fit.</translation>
    </message>
    <message>
      <source>Verschil met de nieuwste versie</source>
      <translation>Difference from the newest version</translation>
    </message>
    <message>
      <source>&amp;Bijwerken</source>
      <translation>&amp;Update</translation>
    </message>
    <message>
      <source>&amp;Alle %1 bijwerken</source>
      <translation>Update &amp;all %1</translation>
    </message>
    <message>
      <source>&amp;Annuleren</source>
      <translation>&amp;Cancel</translation>
    </message>
    <message>
      <source>Exporteren naar Word</source>
      <translation>Export to Word</translation>
    </message>
    <message>
      <source>Kies waar het document komt en eventueel de huisstijl van uw organisatie (.docx of .dotx). Elke aanbesteding krijgt een eigen map.</source>
      <translation>Choose where the document goes and, optionally, your organisation's house style (.docx or .dotx). Each tender gets a folder of its own.</translation>
    </message>
    <message>
      <source>Word-bestand</source>
      <translation>Word file</translation>
    </message>
    <message>
      <source>Bladeren...</source>
      <translation>Browse...</translation>
    </message>
    <message>
      <source>Document:</source>
      <translation>Document:</translation>
    </message>
    <message>
      <source>Huisstijlsjabloon</source>
      <translation>House-style template</translation>
    </message>
    <message>
      <source>geen: standaardopmaak</source>
      <translation>none: default layout</translation>
    </message>
    <message>
      <source>Huisstijl:</source>
      <translation>House style:</translation>
    </message>
    <message>
      <source>Als concept (met 'CONCEPT' op elke pagina)</source>
      <translation>As a draft (with 'CONCEPT' on every page)</translation>
    </message>
    <message>
      <source>De hele documentenset, in één map</source>
      <translation>The whole document set, in one folder</translation>
    </message>
    <message>
      <source>Leidraad, programma van eisen, contractbijlage, eisenlijst en borgingsplan</source>
      <translation>Tender guidelines, requirements, contract annex, requirements list and verification plan</translation>
    </message>
    <message>
      <source>Ook als &amp;PDF</source>
      <translation>Also as &amp;PDF</translation>
    </message>
    <message>
      <source>Naast elk Word-document een PDF, gemaakt met LibreOffice</source>
      <translation>A PDF beside each Word document, made with LibreOffice</translation>
    </message>
    <message>
      <source>&amp;Exporteren</source>
      <translation>&amp;Export</translation>
    </message>
    <message>
      <source>Geschreven bestanden</source>
      <translation>Files written</translation>
    </message>
    <message>
      <source>Bestan&amp;d openen</source>
      <translation>Open &amp;file</translation>
    </message>
    <message>
      <source>&amp;Map openen</source>
      <translation>Open &amp;folder</translation>
    </message>
    <message>
      <source>Er zijn fouten; los ze op voor een definitief document.</source>
      <translation>There are errors; solve them for a final document.</translation>
    </message>
    <message>
      <source>Een PDF maken vraagt LibreOffice, en dat is op deze computer niet geïnstalleerd. Installeer LibreOffice (gratis) om ook PDF's te maken; de Word-documenten kunt u nu al maken.</source>
      <translation>Making a PDF needs LibreOffice, which is not installed on this computer. Install LibreOffice (free) to make PDFs as well; you can make the Word documents now.</translation>
    </message>
    <message>
      <source>Map:</source>
      <translation>Folder:</translation>
    </message>
    <message>
      <source>Map voor de documentenset</source>
      <translation>Folder for the document set</translation>
    </message>
    <message>
      <source>De set komt in de map: %1</source>
      <translation>The set goes into the folder: %1</translation>
    </message>
    <message>
      <source>Het document komt in de map: %1</source>
      <translation>The document goes into the folder: %1</translation>
    </message>
    <message>
      <source>Document opslaan als</source>
      <translation>Save document as</translation>
    </message>
    <message>
      <source>Word-document (*.docx)</source>
      <translation>Word document (*.docx)</translation>
    </message>
    <message>
      <source>Huisstijlsjabloon kiezen</source>
      <translation>Choose house-style template</translation>
    </message>
    <message>
      <source>Word-sjabloon (*.docx *.dotx)</source>
      <translation>Word template (*.docx *.dotx)</translation>
    </message>
    <message>
      <source>De nieuwe tekst is geladen; er is nog niets geëxporteerd. Bekijk de wijziging en druk opnieuw op Exporteren.</source>
      <translation>The new text is loaded; nothing has been exported yet. Look at the change and press Export again.</translation>
    </message>
    <message>
      <source>Overschrijven?</source>
      <translation>Overwrite?</translation>
    </message>
    <message>
      <source>Deze bestanden bestaan al en worden overschreven:
%1</source>
      <translation>These files exist already and will be overwritten:
%1</translation>
    </message>
    <message>
      <source>Exporteren niet gelukt</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <source>De map %1 kon niet worden gemaakt (%2).</source>
      <translation>The folder %1 could not be made (%2).</translation>
    </message>
    <message>
      <source>Klaar: %1</source>
      <translation>Done: %1</translation>
    </message>
    <message>
      <source>Klaar: %1 bestanden geschreven in %2</source>
      <translation>Done: %1 files written in %2</translation>
    </message>
    <message>
      <source>%1; de waarde is niet overgenomen.</source>
      <translation>%1; the value was not taken.</translation>
    </message>
    <message>
      <source>&amp;Gezamenlijke aanbesteding?</source>
      <translation>&amp;Joint tender?</translation>
    </message>
    <message>
      <source>Gezamenlijke aanbesteding</source>
      <translation>Joint tender</translation>
    </message>
    <message>
      <source>Eén organisatie (de penvoerder) voert de procedure namens meerdere aanbestedende diensten; elke deelnemer sluit een eigen overeenkomst</source>
      <translation>One organisation (the lead authority) runs the procedure for several contracting authorities; each participant signs its own agreement</translation>
    </message>
    <message>
      <source>Deelnemers</source>
      <translation>Participants</translation>
    </message>
    <message>
      <source>Deelnemer toevoegen</source>
      <translation>Add participant</translation>
    </message>
    <message>
      <source>Deelnemer verwijderen</source>
      <translation>Remove participant</translation>
    </message>
    <message>
      <source>Maak penvoerder</source>
      <translation>Make lead authority</translation>
    </message>
    <message>
      <source>De gekozen deelnemer voert de procedure namens alle deelnemers</source>
      <translation>The chosen participant runs the procedure for all participants</translation>
    </message>
    <message>
      <source>Mandaat van</source>
      <translation>Mandate of</translation>
    </message>
    <message>
      <source>Mandaat heeft een datum</source>
      <translation>Mandate has a date</translation>
    </message>
    <message>
      <source>Datum van het mandaat</source>
      <translation>Date of the mandate</translation>
    </message>
    <message>
      <source>Kenmerk van het mandaat</source>
      <translation>Reference of the mandate</translation>
    </message>
    <message>
      <source>kenmerk, bijvoorbeeld 2026-0412</source>
      <translation>reference, for example 2026-0412</translation>
    </message>
    <message>
      <source>kenmerk:</source>
      <translation>reference:</translation>
    </message>
    <message>
      <source>In perce&amp;len?</source>
      <translation>In &amp;lots?</translation>
    </message>
    <message>
      <source>In percelen</source>
      <translation>In lots</translation>
    </message>
    <message>
      <source>Elk perceel krijgt een eigen onderwerp, waarde, criteria en weging</source>
      <translation>Each lot gets its own subject, value, criteria and weights</translation>
    </message>
    <message>
      <source>Percelen</source>
      <translation>Lots</translation>
    </message>
    <message>
      <source>Perceel toevoegen</source>
      <translation>Add lot</translation>
    </message>
    <message>
      <source>Perceel verwijderen</source>
      <translation>Remove lot</translation>
    </message>
    <message>
      <source>Som van de percelen</source>
      <translation>Sum of the lots</translation>
    </message>
    <message>
      <source>Inschrijven op ten hoogste (aantal percelen)</source>
      <translation>Bid for at most (number of lots)</translation>
    </message>
    <message>
      <source>Winnen van ten hoogste (aantal percelen)</source>
      <translation>Win at most (number of lots)</translation>
    </message>
    <message>
      <source>inschrijven op max.:</source>
      <translation>bid for at most:</translation>
    </message>
    <message>
      <source>winnen max.:</source>
      <translation>win at most:</translation>
    </message>
    <message>
      <source>Volgorde van gunnen:</source>
      <translation>Order of award:</translation>
    </message>
    <message>
      <source>Volgorde van gunnen</source>
      <translation>Order of award</translation>
    </message>
    <message>
      <source>percelen in de volgorde waarin ze worden gegund, bijvoorbeeld 2, 1</source>
      <translation>lots in the order they are awarded, for example 2, 1</translation>
    </message>
    <message>
      <source>Nodig als een inschrijver niet alle percelen mag winnen</source>
      <translation>Needed when a bidder may not win every lot</translation>
    </message>
    <message>
      <source>Waarom niet in percelen (art. 1.5 Aanbestedingswet 2012):</source>
      <translation>Why not in lots (art. 1.5 Dutch Procurement Act 2012):</translation>
    </message>
    <message>
      <source>Motivering geen percelen</source>
      <translation>Reason for no lots</translation>
    </message>
    <message>
      <source>bijvoorbeeld: levering en onderhoud hangen technisch samen; splitsen maakt de opdracht duurder zonder meer kansen voor het mkb</source>
      <translation>for example: supply and maintenance are technically linked; splitting makes the contract dearer without more chances for SMEs</translation>
    </message>
    <message>
      <source>alle</source>
      <translation>all</translation>
    </message>
    <message>
      <source>Samen: %1</source>
      <translation>Together: %1</translation>
    </message>
    <message>
      <source>Geef elk perceel zijn waarde (opties inbegrepen)</source>
      <translation>Give each lot its value (options included)</translation>
    </message>
    <message>
      <source>V&amp;erlengingsopties:</source>
      <translation>&amp;Extension options:</translation>
    </message>
    <message>
      <source>Verlengingsopties in maanden</source>
      <translation>Extension options in months</translation>
    </message>
    <message>
      <source>maanden per optie, bijvoorbeeld 12, 12</source>
      <translation>months per option, for example 12, 12</translation>
    </message>
    <message>
      <source>Opties die de opdrachtgever eenzijdig kan lichten, in maanden, gescheiden door komma's</source>
      <translation>Options the contracting authority may exercise on its own, in months, separated by commas</translation>
    </message>
    <message>
      <source>Maximale looptijd</source>
      <translation>Maximum term</translation>
    </message>
    <message>
      <source>Raamoveree&amp;nkomst</source>
      <translation>Frame&amp;work agreement</translation>
    </message>
    <message>
      <source>Raamovereenkomst</source>
      <translation>Framework agreement</translation>
    </message>
    <message>
      <source>maximale waarde:</source>
      <translation>maximum value:</translation>
    </message>
    <message>
      <source>Maximale waarde van de raamovereenkomst in euro</source>
      <translation>Maximum value of the framework agreement in euros</translation>
    </message>
    <message>
      <source>elke optie 1 tot 120 maanden, hoogstens 10 opties</source>
      <translation>each option 1 to 120 months, at most 10 options</translation>
    </message>
    <message>
      <source>geen opties</source>
      <translation>no options</translation>
    </message>
    <message>
      <source>vul de looptijd in</source>
      <translation>fill in the term</translation>
    </message>
    <message>
      <source>ten hoogste %1 maanden</source>
      <translation>at most %1 months</translation>
    </message>
    <message>
      <source>%1 %2: ingetrokken in de bibliotheek; de documenten gebruiken nog de gekozen tekst (versie %3). Kies zo nodig een ander criterium.</source>
      <translation>%1 %2: retired in the library; the documents still use the chosen text (version %3). Choose another criterion if needed.</translation>
    </message>
    <message>
      <source>%1 %2: in de bibliotheek gewijzigd naar versie %3; de documenten gebruiken nog versie %4.</source>
      <translation>%1 %2: changed in the library to version %3; the documents still use version %4.</translation>
    </message>
    <message>
      <source>Intussen gewijzigd in de bibliotheek</source>
      <translation>Changed in the library meanwhile</translation>
    </message>
    <message>
      <source>Een ander programma heeft criteria van deze aanbesteding gewijzigd sinds u ze koos:

%1

Exporteren schrijft de gekozen tekst.</source>
      <translation>Another program changed criteria of this tender since you chose them:

%1

Exporting writes the chosen text.</translation>
    </message>
    <message>
      <source>Nieuwe tekst &amp;laden</source>
      <translation>Load the new te&amp;xt</translation>
    </message>
    <message>
      <source>Met de &amp;gekozen tekst exporteren</source>
      <translation>Export with the &amp;chosen text</translation>
    </message>
    <message>
      <source>Neemt de nieuwe versie over; uw eigen aanpassingen van de tekst blijven staan waar ze passen</source>
      <translation>Takes the new version; your own changes to the text stay where they fit</translation>
    </message>
    <message>
      <source>&amp;Gekozen versie houden</source>
      <translation>&amp;Keep the chosen version</translation>
    </message>
    <message>
      <source>De documenten houden de tekst die u koos; deze melding verdwijnt</source>
      <translation>The documents keep the text you chose; this notice goes away</translation>
    </message>
    <message>
      <source>Intussen gewijzigd in de bibliotheek:</source>
      <translation>Changed in the library meanwhile:</translation>
    </message>
    <message>
      <source>Uw eigen tekst van %1 botst met de wijziging in de bibliotheek en is bewaard; vergelijk hem met de bibliotheektekst bij Teksten en invulvelden.</source>
      <translation>Your own text of %1 conflicts with the change in the library and was kept; compare it with the library text under Texts and placeholders.</translation>
    </message>
    <message>
      <source>Perc&amp;eel:</source>
      <translation>&amp;Lot:</translation>
    </message>
    <message>
      <source>Perceel</source>
      <translation>Lot</translation>
    </message>
    <message>
      <source>keuze kopiëren naar:</source>
      <translation>copy choice to:</translation>
    </message>
    <message>
      <source>Perceel om naar te kopiëren</source>
      <translation>Lot to copy to</translation>
    </message>
    <message>
      <source>Kopiëren</source>
      <translation>Copy</translation>
    </message>
    <message>
      <source>Het andere perceel krijgt de criteria, wegingen en prijsregel van dit perceel</source>
      <translation>The other lot gets this lot's criteria, weights and price rule</translation>
    </message>
    <message>
      <source>alle percelen</source>
      <translation>all lots</translation>
    </message>
    <message>
      <source>Inkooppakket</source>
      <translation>Procurement package</translation>
    </message>
    <message>
      <source>De best passende pakketten staan bovenaan, met de woorden en CPV-codes waarop ze gevonden zijn. Kies er een, of kies zelf uit alle pakketten.</source>
      <translation>The best matching packages come first, with the words and CPV codes they were found by. Pick one, or choose from all packages.</translation>
    </message>
    <message>
      <source>Voorgestelde inkooppakketten</source>
      <translation>Suggested procurement packages</translation>
    </message>
    <message>
      <source>Of kies zelf:</source>
      <translation>Or choose:</translation>
    </message>
    <message>
      <source>Alle inkooppakketten</source>
      <translation>All procurement packages</translation>
    </message>
    <message>
      <source>gevonden op: %1</source>
      <translation>found by: %1</translation>
    </message>
    <message>
      <source>Geen pakket gevonden bij deze omschrijving; kies hieronder zelf.</source>
      <translation>No package found for this description; choose one below.</translation>
    </message>
    <message>
      <source>(kies een inkooppakket)</source>
      <translation>(choose a procurement package)</translation>
    </message>
    <message>
      <source>Gekozen: &lt;b&gt;%1&lt;/b&gt;</source>
      <translation>Chosen: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
      <source>Kerncriteria die eenvoudig te controleren zijn; een goede eerste stap.</source>
      <translation>Core criteria that are easy to verify; a good first step.</translation>
    </message>
    <message>
      <source>Meer en strengere criteria over de hele levenscyclus, zoals hergebruik, reparatie en terugname.</source>
      <translation>More and stricter criteria over the whole life cycle, such as re-use, repair and take-back.</translation>
    </message>
    <message>
      <source>Nieuwe verdienmodellen: product-as-a-service, terugname en herfabricage; voor wie voorop wil lopen.</source>
      <translation>New business models: product-as-a-service, take-back and remanufacturing; for front-runners.</translation>
    </message>
    <message>
      <source>Ambitieniveau</source>
      <translation>Ambition level</translation>
    </message>
    <message>
      <source>Hoe ver wilt u gaan? Elk niveau bevat ook de criteria van de niveaus eronder.</source>
      <translation>How far do you want to go? Each level includes the criteria of the levels below.</translation>
    </message>
    <message>
      <source>%1 criteria in dit pakket tot en met dit niveau</source>
      <translation>%1 criteria in this package up to this level</translation>
    </message>
    <message>
      <source>bekend</source>
      <translation>known</translation>
    </message>
    <message>
      <source>%1 is bekend</source>
      <translation>%1 is known</translation>
    </message>
    <message>
      <source>Procedure en planning</source>
      <translation>Procedure and planning</translation>
    </message>
    <message>
      <source>De feiten die de leidraad noemt: de data van de procedure, wie vragen en klachten behandelt, de uitsluitingsgronden en de regel bij gelijke scores. Wat u hier invult, staat op zijn plaats in elk document.</source>
      <translation>The facts the tender guide states: the procedure's dates, who handles questions and complaints, the exclusion grounds and the rule for equal scores. What you fill in here appears in its place in every document.</translation>
    </message>
    <message>
      <source>Planning</source>
      <translation>Planning</translation>
    </message>
    <message>
      <source>Publicatie</source>
      <translation>Publication</translation>
    </message>
    <message>
      <source>Uiterste datum vragen</source>
      <translation>Questions deadline</translation>
    </message>
    <message>
      <source>Nota van inlichtingen</source>
      <translation>Clarifications</translation>
    </message>
    <message>
      <source>Uiterste inschrijfdatum</source>
      <translation>Submission deadline</translation>
    </message>
    <message>
      <source>Voorgenomen gunningsbeslissing</source>
      <translation>Intended award decision</translation>
    </message>
    <message>
      <source>Ingangsdatum overeenkomst</source>
      <translation>Contract start</translation>
    </message>
    <message>
      <source> dagen</source>
      <translation> days</translation>
    </message>
    <message>
      <source>Gestanddoeningstermijn in dagen</source>
      <translation>Bid validity in days</translation>
    </message>
    <message>
      <source>Vooraankondiging gepubliceerd</source>
      <translation>Prior information notice published</translation>
    </message>
    <message>
      <source>Een vooraankondiging kan de minimale inschrijftermijn verkorten</source>
      <translation>A prior information notice can shorten the minimum submission term</translation>
    </message>
    <message>
      <source>Elektronisch inschrijven</source>
      <translation>Electronic submission</translation>
    </message>
    <message>
      <source>Inschrijven via een platform zoals TenderNed verkort de minimale termijn</source>
      <translation>Submitting through a platform such as TenderNed shortens the minimum term</translation>
    </message>
    <message>
      <source>Gestanddoeningstermijn:</source>
      <translation>Bid validity:</translation>
    </message>
    <message>
      <source>Contact, klachten en voorwaarden</source>
      <translation>Contact, complaints and conditions</translation>
    </message>
    <message>
      <source>bijvoorbeeld: %1</source>
      <translation>for example: %1</translation>
    </message>
    <message>
      <source>Facultatieve uitsluitingsgronden</source>
      <translation>Optional exclusion grounds</translation>
    </message>
    <message>
      <source>codes gescheiden door komma's, bijvoorbeeld 2.87.1.c, 2.87.1.d</source>
      <translation>codes separated by commas, for example 2.87.1.c, 2.87.1.d</translation>
    </message>
    <message>
      <source>De facultatieve uitsluitingsgronden van art. 2.87 Aanbestedingswet 2012 die u toepast; de verplichte gronden (art. 2.86) gelden altijd</source>
      <translation>The optional exclusion grounds of art. 2.87 Dutch Procurement Act 2012 you apply; the mandatory grounds (art. 2.86) always apply</translation>
    </message>
    <message>
      <source>Facultatieve uitsluitingsgronden:</source>
      <translation>Optional exclusion grounds:</translation>
    </message>
    <message>
      <source>Regel bij gelijke score</source>
      <translation>Rule for equal scores</translation>
    </message>
    <message>
      <source>Zo staat de regel in de leidraad</source>
      <translation>How the tender guide states the rule</translation>
    </message>
    <message>
      <source>Bij gelijke score:</source>
      <translation>Equal scores:</translation>
    </message>
    <message>
      <source>Inkoopvoorwaarden</source>
      <translation>Purchase conditions</translation>
    </message>
    <message>
      <source>bijvoorbeeld: ARIV 2018 of de eigen algemene inkoopvoorwaarden</source>
      <translation>for example: ARIV 2018 or your own general purchase conditions</translation>
    </message>
    <message>
      <source>Inkoopvoorwaarden:</source>
      <translation>Purchase conditions:</translation>
    </message>
    <message>
      <source>Motivering laagste prijs</source>
      <translation>Reason for lowest price</translation>
    </message>
    <message>
      <source>alleen bij gunnen op laagste prijs (art. 2.114 Aanbestedingswet 2012): waarom kwaliteit niet meeweegt</source>
      <translation>only when the lowest price decides (art. 2.114 Dutch Procurement Act 2012): why quality does not count</translation>
    </message>
    <message>
      <source>Motivering laagste prijs:</source>
      <translation>Reason for lowest price:</translation>
    </message>
    <message>
      <source>Motivering looptijd raamovereenkomst</source>
      <translation>Reason for the framework agreement's term</translation>
    </message>
    <message>
      <source>alleen bij een raamovereenkomst langer dan vier jaar (art. 2.140 Aanbestedingswet 2012)</source>
      <translation>only for a framework agreement longer than four years (art. 2.140 Dutch Procurement Act 2012)</translation>
    </message>
    <message>
      <source>Motivering looptijd:</source>
      <translation>Reason for the term:</translation>
    </message>
    <message>
      <source>Controle en voorbeeld</source>
      <translation>Check and preview</translation>
    </message>
    <message>
      <source>Links de tekst van het document zoals het wordt gemaakt, rechts alle fouten en adviezen. Met een fout kunt u alleen een concept exporteren.</source>
      <translation>On the left the text of the document as it will be made, on the right every error and piece of advice. With an error you can only export a draft.</translation>
    </message>
    <message>
      <source>Voorbeeld van het document</source>
      <translation>Preview of the document</translation>
    </message>
    <message>
      <source>Fouten en adviezen</source>
      <translation>Errors and advice</translation>
    </message>
    <message>
      <source>%1 fout(en): alleen een concept is mogelijk.</source>
      <translation>%1 error(s): only a draft is possible.</translation>
    </message>
    <message>
      <source>Geen fouten: klaar om te exporteren.</source>
      <translation>No errors: ready to export.</translation>
    </message>
    <message>
      <source>inhoudsopgave: Word vult de paginanummers in</source>
      <translation>table of contents: Word fills in the page numbers</translation>
    </message>
    <message>
      <source>een bedrag kan niet negatief zijn</source>
      <translation>an amount cannot be negative</translation>
    </message>
    <message>
      <source>Naam</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Penvoerder</source>
      <translation>Lead authority</translation>
    </message>
    <message>
      <source>Aandeel (€)</source>
      <translation>Share (€)</translation>
    </message>
    <message>
      <source>KvK/OIN</source>
      <translation>KvK/OIN</translation>
    </message>
    <message>
      <source>penvoerder</source>
      <translation>lead authority</translation>
    </message>
    <message>
      <source>deelnemer</source>
      <translation>participant</translation>
    </message>
    <message>
      <source>gelijk deel</source>
      <translation>equal share</translation>
    </message>
    <message>
      <source>een deelnemer heeft een naam</source>
      <translation>a participant has a name</translation>
    </message>
    <message>
      <source>%1 staat al bij de deelnemers</source>
      <translation>%1 is already among the participants</translation>
    </message>
    <message>
      <source>hoogstens %1 deelnemers</source>
      <translation>at most %1 participants</translation>
    </message>
    <message>
      <source>Deelnemer %1</source>
      <translation>Participant %1</translation>
    </message>
    <message>
      <source>Waarde (€)</source>
      <translation>Value (€)</translation>
    </message>
    <message>
      <source>een perceel heeft een korte code (1 tot 20 tekens), zoals 1 of 2a</source>
      <translation>a lot has a short id (1 to 20 characters), such as 1 or 2a</translation>
    </message>
    <message>
      <source>perceel %1 bestaat al</source>
      <translation>lot %1 already exists</translation>
    </message>
    <message>
      <source>hoogstens %1 percelen</source>
      <translation>at most %1 lots</translation>
    </message>
    <message>
      <source>Weging</source>
      <translation>Weighting</translation>
    </message>
    <message>
      <source>Verdeel 100% over de prijs en de gunningscriteria (beste prijs-kwaliteitverhouding). Het totaal en het advies werken direct bij.</source>
      <translation>Divide 100% over price and the award criteria (best price-quality ratio). The total and the advice update as you type.</translation>
    </message>
    <message>
      <source>Onderdeel</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>Wegingen</source>
      <translation>Weights</translation>
    </message>
    <message>
      <source>Totaal van de wegingen</source>
      <translation>Total of the weights</translation>
    </message>
    <message>
      <source>Ver&amp;delen volgens advies</source>
      <translation>&amp;Divide as advised</translation>
    </message>
    <message>
      <source>Verdeel wat na de prijs overblijft naar de voorgestelde gewichten</source>
      <translation>Divide what remains after price by the suggested weights</translation>
    </message>
    <message>
      <source>Si&amp;muleer beoordeling…</source>
      <translation>Si&amp;mulate evaluation…</translation>
    </message>
    <message>
      <source>Bereken met verzonnen inschrijvingen wie zou winnen met deze wegingen</source>
      <translation>Compute with made-up bids who would win with these weights</translation>
    </message>
    <message>
      <source>Advies over de weging</source>
      <translation>Advice on the weighting</translation>
    </message>
    <message>
      <source>Prijsregel:</source>
      <translation>Price rule:</translation>
    </message>
    <message>
      <source>Prijsregel</source>
      <translation>Price rule</translation>
    </message>
    <message>
      <source>Laagste prijs / prijs (relatief)</source>
      <translation>Lowest price / price (relative)</translation>
    </message>
    <message>
      <source>Lineair tussen laagste en hoogste prijs</source>
      <translation>Linear between lowest and highest price</translation>
    </message>
    <message>
      <source>Bandbreedte: 0 punten vanaf een vast percentage boven de laagste prijs</source>
      <translation>Band: 0 points from a fixed percentage above the lowest price</translation>
    </message>
    <message>
      <source>Bandbreedte:</source>
      <translation>Band:</translation>
    </message>
    <message>
      <source>Bandbreedte in procent boven de laagste prijs</source>
      <translation>Band in percent above the lowest price</translation>
    </message>
    <message>
      <source>Een prijs die dit percentage of meer boven de laagste prijs ligt, krijgt 0 punten voor de prijs</source>
      <translation>A price this percentage or more above the lowest price scores 0 points for price</translation>
    </message>
    <message>
      <source>vul in</source>
      <translation>fill in</translation>
    </message>
    <message>
      <source>Vaste prijs, gunnen op kwaliteit</source>
      <translation>Fixed price, award on quality</translation>
    </message>
    <message>
      <source>De prijs weegt 0%; het budget staat in het document</source>
      <translation>Price weighs 0%; the budget is stated in the document</translation>
    </message>
    <message>
      <source>Budget:</source>
      <translation>Budget:</translation>
    </message>
    <message>
      <source>Vast budget in euro</source>
      <translation>Fixed budget in euros</translation>
    </message>
    <message>
      <source>Prijs</source>
      <translation>Price</translation>
    </message>
    <message>
      <source>Weging van de prijs</source>
      <translation>Weight of price</translation>
    </message>
    <message>
      <source>fictieve korting, geen weging</source>
      <translation>notional discount, no weight</translation>
    </message>
    <message>
      <source>advies</source>
      <translation>advice</translation>
    </message>
    <message>
      <source>Weging van %1</source>
      <translation>Weight of %1</translation>
    </message>
    <message>
      <source>perceel %1</source>
      <translation>lot %1</translation>
    </message>
    <message>
      <source>Totaal: %1%</source>
      <translation>Total: %1%</translation>
    </message>
    <message>
      <source>(moet 100% zijn)</source>
      <translation>(must be 100%)</translation>
    </message>
  </context>
  <context>
    <name>Worker</name>
    <message>
      <source>Annuleren</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Even geduld</source>
      <translation>Please wait</translation>
    </message>
  </context>
</TS>
