#!/usr/bin/env python3
"""Write N realistic LATINNO case files for benchmarks: DIR/cases/<country-slug>/<id>.yaml.

    python benchmarks/generate.py N DIR [--seed S] [--bad-share F]

The corpus is deterministic for a given N and seed. Every country and
'transnational' and every code of every dimension occur (all read from
latinno_lint.vocabulary, nothing is listed here). Cases have ~1,000-character
descriptions, sources and relations. A share of the files (``--bad-share``,
default 0.01 per kind) carries a finding of each kind:

- schema errors: unknown code, unknown key, missing key, wrong type;
- YAML hazards: duplicate key, unquoted yes/no read as a boolean, unquoted
  date, a syntax error (tab indentation);
- consistency warnings: restricted selection of citizens only, end before start,
  binding without a formal basis;
- cross-file: a duplicated id, a duplicated latinno.net number, a duplicated name in the same
  country, a relation to a case that does not exist, an id that differs from
  the file name.

Prints what it wrote (files and counts per kind) to standard output.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from latinno_lint import vocabulary  # noqa: E402
from latinno_lint.data.writer import dump  # noqa: E402

WORDS = (
    "the council brings together citizens civil society organisations and officials of the municipal "
    "government to discuss priorities for public investment in the neighbourhoods members are chosen "
    "in open assemblies and serve two years proposals are voted on by residents and the results are "
    "published on the city portal the programme was created by a decree and later enshrined in law "
    "monitoring committees follow the execution of the approved projects and report every year to the "
    "assembly an online platform lets residents submit ideas comment on drafts and track the budget "
    "indigenous communities take part through their own authorities according to their customs"
).split()
PLACES = (
    "Rosario,Cochabamba,Recife,Valparaiso,Medellin,Cartago,Santiago,Cuenca,Soyapango,Quetzaltenango,"
    "Tegucigalpa,Oaxaca,Leon,Colon,Encarnacion,Arequipa,Montevideo,Maracaibo,Porto Alegre,Belo Horizonte,"
    "La Paz,Cali,Quito,Lima,Asuncion,Caracas,Managua,Panama,Guadalajara,Bogota"
).split(",")
KINDS = (
    "Participatory Budget",
    "Citizen Council",
    "Public Consultation",
    "Health Council",
    "Open Government Forum",
    "Youth Parliament",
    "Community Monitoring Committee",
    "Online Consultation Platform",
    "Popular Initiative",
    "Neighbourhood Assembly",
    "Water Users Board",
    "Prior Consultation",
)

SCHEMA_KINDS = ("unknown_code", "unknown_key", "missing_key", "wrong_type")
YAML_KINDS = ("duplicate_key", "yes_no", "unquoted_date", "tab_syntax")
CONSISTENCY_KINDS = ("restricted_citizens_only", "end_before_start", "binding_unformalized")
CROSS_KINDS = ("duplicate_id", "duplicate_latinno_id", "duplicate_name", "dangling_relation", "id_mismatch")
ALL_KINDS = SCHEMA_KINDS + YAML_KINDS + CONSISTENCY_KINDS + CROSS_KINDS


def slugify(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def description(rng: random.Random, place: str, kind: str) -> str:
    sentences = [f"The {kind} of {place} is a democratic innovation that gives residents a voice."]
    while sum(len(s) + 1 for s in sentences) < 1000:
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


class Corpus:
    def __init__(self, n: int, seed: int):
        self.n, self.rng = n, random.Random(seed)
        self.countries = [str(c.value) for c in vocabulary.countries().codes]
        self.dims = {d.name: d for d in vocabulary.coding_dimensions()}
        self.relations = [str(c.value) for c in vocabulary.dimension("relation").codes]
        self.cases: list[dict] = []

    def pick(self, name: str, i: int):
        """Round-robin over every code first, then random: every code occurs."""
        codes = [c.value for c in self.dims[name].codes]
        if name == "co_governance":
            return codes[i % len(codes)]
        return codes[i % len(codes)] if i < len(codes) * 2 else self.rng.choice(codes)

    def pick_list(self, name: str, i: int) -> list:
        codes = [c.value for c in self.dims[name].codes]
        first = codes[i % len(codes)]
        chosen = {first} | set(self.rng.sample(codes, self.rng.randint(0, len(codes) - 1)))
        return [c for c in codes if c in chosen]

    def case(self, i: int) -> dict:
        rng = self.rng
        transnational = i % 25 == 24
        country = "transnational" if transnational else self.countries[i % len(self.countries)]
        place, kind = PLACES[(i // 7) % len(PLACES)], KINDS[i % len(KINDS)]
        name = f"{kind} of {place} {i + 1}"
        start = rng.randint(1990, 2020)
        case = {
            "id": slugify(name),
            "latinno_id": 10000 + i,
            "name": name,
            "name_original": f"{kind} de {place} {i + 1}",
            "country": country,
        }
        if transnational:
            case["countries"] = sorted(rng.sample(self.countries, rng.randint(2, 4)))
        case["description"] = description(rng, place, kind)
        case["start_year"] = start
        if rng.random() < 0.5:
            case["end_year"] = rng.randint(start, 2024)
        case["institutional_design"] = {name: (self.pick_list(name, i) if self.dims[name].multiple else self.pick(name, i)) for name in self.dims if name not in ("means", "ends", "policy_cycle")}
        for name in ("means", "ends", "policy_cycle"):
            case[name] = self.pick_list(name, i)
        case["sources"] = [
            {"url": f"https://latinno.net/en/case/{10000 + i}/", "title": "LATINNO case page", "accessed": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"},
            *([{"url": f"https://www.example.gob/{slugify(place)}/{i}", "title": f"{kind}, official page"}] if rng.random() < 0.6 else []),
        ]
        if self.cases and rng.random() < 0.4:
            others = rng.sample(self.cases, min(len(self.cases), rng.randint(1, 2)))
            case["related"] = [{"id": o["id"], "relation": self.relations[(i + k) % len(self.relations)]} for k, o in enumerate(others)]
        case["notes"] = "Generated for the benchmark of this linter; not a real case."
        return case


def mutate(kind: str, case: dict, text: str, corpus: Corpus, rng: random.Random) -> tuple[dict, str]:
    """Give one case a finding of ``kind``: by data (rewritten) or by text."""
    design = case.setdefault("institutional_design", {})
    if kind == "unknown_code":
        design["frequency"] = "regularly"
    elif kind == "unknown_key":
        design["decisivness"] = design.pop("decisiveness", "binding")
    elif kind == "missing_key":
        case.pop("description")
    elif kind == "wrong_type":
        case["policy_cycle"] = " ".join(case.get("policy_cycle", ["implementation"]))
    elif kind == "restricted_citizens_only":
        design.update(selection="restricted", participants=["citizens"])
    elif kind == "end_before_start":
        case["end_year"] = case["start_year"] - rng.randint(1, 5)
    elif kind == "binding_unformalized":
        design.update(decisiveness="binding", formalization="not_formalized")
    elif kind == "duplicate_id" and corpus.cases:
        case["id"] = rng.choice(corpus.cases)["id"]  # a copied file whose id was not changed
    elif kind == "duplicate_latinno_id" and corpus.cases:
        case["latinno_id"] = rng.choice(corpus.cases)["latinno_id"]
    elif kind == "duplicate_name":
        same = [c for c in corpus.cases if c["country"] == case["country"]]
        if same:
            case["name"] = rng.choice(same)["name"]
    elif kind == "dangling_relation":
        case["related"] = [{"id": "no-such-case-" + case["id"], "relation": corpus.relations[0]}]
    elif kind == "id_mismatch":
        case["id"] = case["id"] + "-renamed"
    else:
        text = dump(case)
        if kind == "duplicate_key":
            text = text.replace("\nname:", f"\nname: {case['name']} (draft)\nname:", 1)
        elif kind == "yes_no":
            text = re.sub(r"^name_original: .*$", "name_original: no", text, count=1, flags=re.M)
        elif kind == "unquoted_date":
            text = re.sub(r'^(\s*accessed: )"([0-9-]+)"$', r"\1\2", text, count=1, flags=re.M)
        elif kind == "tab_syntax":
            text = text.replace("\n  frequency:", "\n\tfrequency:", 1)
        return case, text
    return case, dump(case)


def generate(n: int, out: Path, seed: int = 7, bad_share: float = 0.01) -> dict:
    """Write the corpus; return counts per kind (and 'valid')."""
    cases_dir = out / "cases"
    if cases_dir.exists():
        shutil.rmtree(cases_dir)
    corpus = Corpus(n, seed)
    rng = random.Random(seed + 1)
    counts = {kind: 0 for kind in ("valid",) + ALL_KINDS}
    for i in range(n):
        case = corpus.case(i)
        file_id = case["id"]
        roll = rng.random()
        kind = ALL_KINDS[int(roll / bad_share)] if roll < bad_share * len(ALL_KINDS) else "valid"
        case, text = (case, dump(case)) if kind == "valid" else mutate(kind, case, dump(case), corpus, rng)
        counts[kind] += 1
        folder = cases_dir / vocabulary.country_slug(case["country"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{file_id}.yaml").write_text(text, encoding="utf-8")
        corpus.cases.append({**case, "id": file_id})
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of case files")
    parser.add_argument("dir", type=Path, help="output folder (DIR/cases/ is replaced)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--bad-share", type=float, default=0.01, help="share of files per finding kind (default 0.01)")
    args = parser.parse_args(argv)
    if args.n < 1 or not 0 <= args.bad_share * len(ALL_KINDS) <= 1:
        parser.error("N must be positive and --bad-share at most 1/number of kinds")
    counts = generate(args.n, args.dir, args.seed, args.bad_share)
    print(f"wrote {args.n} case files to {args.dir / 'cases'}: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
