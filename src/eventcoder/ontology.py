"""PLOVER's fixed vocabulary: categories, quad classes, conflict/cooperation scores.

Scores come from the PLOVER manual's table "PLOVER conflict--cooperation scores".
The table gives ACCUSE a base score of +3, which contradicts its own modes (all
negative) and ACCUSE's quad class (verbal conflict); we use -3 (see docs/record.md).
Quad classes follow the per-category sections of the manual, which put SANCTION in
material conflict (the summary table disagrees with itself on this).
"""

CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

BASE_SCORES = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5,
    "COOPERATE": 9.5, "AID": 10.0, "RETREAT": 6.5,
    "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5,
    "PROTEST": -5.0, "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}

MODE_SCORES = {
    ("CONSULT", "visit"): 4.0, ("CONSULT", "third-party"): 1.0,
    ("CONSULT", "multilateral"): 4.0, ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8.0, ("RETREAT", "release"): 6.5, ("RETREAT", "disarm"): 10.0,
    ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5, ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1.0, ("REQUEST", "yield"): -1.0,
    ("REQUEST", "meet"): 0.0,
    ("ACCUSE", "disapprove"): -2.0, ("ACCUSE", "investigate"): -3.5, ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2.0, ("REJECT", "yield"): -2.0,
    ("REJECT", "meet"): -2.0,
    ("THREATEN", "restrict"): -3.0, ("THREATEN", "arrest"): -3.5, ("THREATEN", "relations"): -3.5,
    ("THREATEN", "expel"): -3.5, ("THREATEN", "territory"): -4.0, ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5.0, ("PROTEST", "riot"): -7.0, ("PROTEST", "strike"): -5.0,
    ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5, ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6.0, ("SANCTION", "expel"): -5.5, ("SANCTION", "withdraw"): -6.0,
    ("SANCTION", "discontinue"): -6.0,
    ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5, ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6.0,
    ("COERCE", "seize"): -7.0, ("COERCE", "restrict"): -7.0, ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5, ("COERCE", "arrest"): -7.0,
    ("COERCE", "deport"): -7.0, ("COERCE", "withhold"): -7.0, ("COERCE", "misinformation"): -6.5,
    ("COERCE", "cyber"): -7.0,
    ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5, ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5, ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8.0, ("ASSAULT", "firearms"): -9.0, ("ASSAULT", "explosives"): -9.0,
    ("ASSAULT", "suicide-attack"): -9.5, ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5, ("ASSAULT", "crowd-control"): -7.5,
    ("ASSAULT", "unconventional"): -10.0,
}

# Names used by PLOVER 0.5 (and its gold file) for categories that were later renamed or merged.
LEGACY_NAMES = {
    "DEMAND": ("REQUEST", ""),
    "DISAPPROVE": ("ACCUSE", ""),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", ""),
}

SECTORS = (
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
)


def quad_class(category: str) -> int:
    return QUAD[category]


def conflict_score(category: str, mode: str = "") -> float:
    """The PLOVER score for a category, refined by its mode when the table lists one."""
    return MODE_SCORES.get((category, mode), BASE_SCORES[category])


def normalize_category(name: str) -> tuple[str, str]:
    """Map an old or current PLOVER category name to (current name, implied mode)."""
    upper = name.strip().upper()
    if upper in LEGACY_NAMES:
        return LEGACY_NAMES[upper]
    return upper, ""

CATEGORY_GOVERNORS = frozenset({"AGREE", "REJECT", "THREATEN", "REQUEST"})
"""Governor effects (knowledge/data/triggers/_governors.tsv) that name the act itself, with
the governed event as its content: "agreed to", "refused to", "threatened to", "demanded"."""
