"""A synthetic library pack of realistic shape: many packages, Dutch-like texts, for benchmarks."""

from __future__ import annotations

import random
from typing import Any

WORDS = (
    "hergebruik gerecycled materiaal terugname reparatie reserveonderdelen levensduur circulair grondstoffen "
    "demontabel modulair opknappen refurbished meubilair bureaustoelen verkeersborden palen aluminium staal "
    "bedrijfskleding vezels textiel catering voedselverspilling servies laptops batterijen beeldschermen asfalt "
    "beton hout kunststof verpakking afval inzameling sortering recycling matrassen luiers papier drukwerk "
    "voertuigen banden onderhoud garantie rapportage materialenpaspoort milieuprestatie keurmerk certificaat "
    "opdrachtnemer inschrijver leverancier aanbestedende dienst contract looptijd percentage gewicht score"
).split()
KINDS = [("geschiktheidseis", "S"), ("minimumeis", "M"), ("gunningscriterium", "G"), ("contractbepaling", "C")]


def _letters(i: int) -> str:
    """Three letters for a number, so generated ids look like real ones (PAAB-G-001)."""
    return "".join(chr(65 + (i // 26**k) % 26) for k in (2, 1, 0))


def sentence(rng: random.Random, n: int, words: tuple[str, ...] | list[str] = WORDS) -> str:
    """A capitalised sentence of n random domain words."""
    chosen = [rng.choice(words) for _ in range(n)]
    return " ".join(chosen).capitalize() + "."


def synthetic_pack(criteria: int = 20_000, packages: int = 100, seed: int = 7,
                   words: tuple[str, ...] | list[str] = WORDS) -> dict[str, Any]:
    """A valid library pack with the given number of criteria spread over the packages, its texts made of words."""
    rng = random.Random(seed)
    pkgs = [
        {"slug": f"pakket-{i:03d}", "name_nl": f"Pakket {i} {rng.choice(words)}", "name_en": f"Package {i}",
         "prefix": "P" + _letters(i), "cpv": ["39100000-3"], "synonyms": rng.sample(list(words), 4), "description": ""}
        for i in range(packages)
    ]
    crit = []
    counters: dict[tuple[str, str], int] = {}
    for n in range(criteria):
        pkg = pkgs[n % packages]
        kind, letter = KINDS[n % 4]
        award = kind == "gunningscriterium"
        number = counters[(pkg["slug"], letter)] = counters.get((pkg["slug"], letter), 0) + 1
        crit.append({
            "id": f"{pkg['prefix']}-{letter}-{number:03d}", "package": pkg["slug"], "kind": kind,
            "level": 1 + n % 3, "r_strategy": f"R{n % 10}", "title": sentence(rng, 5, words)[:-1],
            "rationale": sentence(rng, 25, words) + " " + sentence(rng, 20, words),
            "clause": "Opdrachtnemer " + sentence(rng, 30, words).lower() + " binnen {{termijn}} maanden.",
            "placeholders": {"termijn": "12"}, "verification": sentence(rng, 15, words), "source": "Synthetisch",
            "status": "gepubliceerd", "version": 1, "weight_min": 5 if award else None,
            "weight_max": 15 if award else None, "scoring": "0-10 punten" if award else "",
        })
    return {"format": "tender-assistant.library", "version": 1, "packages": pkgs, "criteria": crit}


def typed_queries(count: int = 200, seed: int = 11) -> list[str]:
    """What buyers type: prefixes of 1-4 characters, whole words, two-word queries and typos."""
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        word = rng.choice(WORDS)
        roll = len(queries) % 5
        if roll == 0:
            queries.append(word[: rng.randint(1, 4)])
        elif roll == 1:
            queries.append(word)
        elif roll == 2:
            queries.append(f"{word} {rng.choice(WORDS)}")
        elif roll == 3:
            i = rng.randrange(1, len(word) - 1)
            queries.append(word[:i] + word[i + 1 :])  # a dropped letter
        else:
            i = rng.randrange(0, len(word) - 1)
            queries.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped letters
    return queries
