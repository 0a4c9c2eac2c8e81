"""The optional exclusion grounds of art. 2.87 Aanbestedingswet 2012 a buyer may choose, by the code the tender file uses.

The mandatory grounds (art. 2.86) always apply and have no code. The optional ones follow art. 57(4) of directive
2014/24/EU, which art. 2.87 implements; the buyer chooses them in `optional_exclusion_grounds`.
"""

from __future__ import annotations

# code -> (Dutch text as the leidraad states it, English label)
OPTIONAL_GROUNDS: dict[str, tuple[str, str]] = {
    "milieu-sociaal-arbeid": (
        "de ondernemer heeft verplichtingen op het gebied van milieu-, sociaal en arbeidsrecht geschonden",
        "breach of environmental, social or labour law obligations"),
    "faillissement": (
        "de ondernemer verkeert in staat van faillissement of surseance van betaling, of in een vergelijkbare "
        "toestand", "bankruptcy, suspension of payments or a similar situation"),
    "beroepsfout": (
        "de ondernemer heeft in de uitoefening van zijn beroep een ernstige fout begaan die zijn integriteit in "
        "twijfel trekt", "grave professional misconduct"),
    "mededinging": (
        "de ondernemer heeft met andere ondernemers afspraken gemaakt die gericht zijn op vervalsing van de "
        "mededinging", "agreements aimed at distorting competition"),
    "belangenconflict": (
        "er is een belangenconflict dat niet met minder ingrijpende maatregelen kan worden opgelost",
        "a conflict of interest that cannot be remedied otherwise"),
    "voorbereiding": (
        "de ondernemer was betrokken bij de voorbereiding van deze aanbesteding en de vervalsing van de mededinging "
        "die daaruit volgt, kan niet met minder ingrijpende maatregelen worden opgeheven",
        "distortion of competition from prior involvement in preparing the procedure"),
    "eerdere-tekortkoming": (
        "de ondernemer is bij de uitvoering van een eerdere overheidsopdracht aanzienlijk of voortdurend tekortgeschoten, "
        "wat tot ontbinding, schadevergoeding of een vergelijkbare sanctie heeft geleid",
        "significant or persistent deficiencies in performing an earlier public contract"),
    "valse-verklaring": (
        "de ondernemer heeft bij het verstrekken van informatie over uitsluitingsgronden of geschiktheidseisen "
        "ernstig verkeerde verklaringen afgelegd of informatie achtergehouden",
        "serious misrepresentation in supplying information"),
    "beinvloeding": (
        "de ondernemer heeft geprobeerd de besluitvorming van de aanbestedende dienst onrechtmatig te beïnvloeden of "
        "vertrouwelijke informatie te verkrijgen die hem een onrechtmatig voordeel kan geven",
        "undue influence on the decision-making or obtaining confidential information"),
}


def unknown_grounds(codes: list[str]) -> list[str]:
    """The codes that are not optional exclusion grounds."""
    return [c for c in codes if c not in OPTIONAL_GROUNDS]
