"""The types of a LATINNO case (format 1.1.1), for type checkers:

    from latinno_lint.types import Case

    case: Case = {"id": "x", "name": "X", "country": "PE", "description": "...", "means": ["deliberation"]}

The codes are ``Literal`` types and the optional keys ``NotRequired``, so that
mypy or pyright reject a wrong code or key; what types cannot say (patterns,
lengths, year ranges, unique items) only the schema's validator checks.

Generated from schema/case.schema.json (urn:latinno-lint:schema:case:1.1.1) by ``python3 dev.py generate``
(latinno_lint/data/typegen.py, which writes the npm package's TypeScript
types from the same walk). Do not edit: tests/test_types.py fails when this
file and the schema disagree."""

from typing import Literal, NotRequired, TypedDict

# Formalization: Whether the innovation is embedded in the constitution or legislation, in an
# administrative act, or not formalized at all.
Formalization = Literal["constitution_or_legislation", "government_program", "not_formalized", "unknown"]

# Frequency: How often the innovation takes place: only once, sporadically, or permanently or
# regularly.
Frequency = Literal["single", "sporadic", "regular", "unknown"]

# Mode of selection of participants: Whether the innovation is open to all participants, restricted by
# some condition, or both methods apply.
Selection = Literal["open", "restricted", "both", "unknown"]

ParticipantsCode = Literal["citizens", "civil_society", "private_stakeholders"]

# Type of participants: Who participates: individual citizens, civil-society organizations, private
# stakeholders, or a combination of those. A list of one or more codes.
Participants = list[ParticipantsCode]

# Decisiveness: Whether the innovation takes binding, non-binding or no decision at all.
Decisiveness = Literal["binding", "non_binding", "no_decision", "unknown"]

# Co-Governance: Whether the government is involved in the process (true) or not (false).
CoGovernance = Literal[True, False]


class InstitutionalDesign(TypedDict):
    # Institutional design: The six institutional-design dimensions LATINNO codes. A dimension the
    # source does not state is left out, never guessed.
    formalization: NotRequired[Formalization]
    frequency: NotRequired[Frequency]
    selection: NotRequired[Selection]
    participants: NotRequired[Participants]
    decisiveness: NotRequired[Decisiveness]
    co_governance: NotRequired[CoGovernance]


MeansCode = Literal["deliberation", "direct_voting", "e_participation", "citizen_representation"]

# Means: The means the innovation combines to pursue its ends. A list of one or more codes.
Means = list[MeansCode]

EndsCode = Literal["accountability", "responsiveness", "rule_of_law", "political_inclusion", "social_equality"]

# Ends: The ends the innovation pursues. A list of one or more codes.
Ends = list[EndsCode]

PolicyCycleCode = Literal["agenda_setting", "formulation_and_decision_making", "implementation", "policy_evaluation"]

# Policy cycle: The stages of the policy cycle in which citizens participate. A list of one or more
# codes.
PolicyCycle = list[PolicyCycleCode]

Text = str

# Reason: Why the sources do not allow this dimension to be coded, e.g. that the page marks the coded
# means only by styling.
UndeterminedReason = Text


class Undetermined(TypedDict):
    # Cannot be determined from the sources: LATINNO dimensions that cannot be determined from the
    # sources, each with the reason. A dimension named here is left out of the case on purpose; a
    # dimension neither coded nor named here is not yet coded.
    formalization: NotRequired[UndeterminedReason]
    frequency: NotRequired[UndeterminedReason]
    selection: NotRequired[UndeterminedReason]
    participants: NotRequired[UndeterminedReason]
    decisiveness: NotRequired[UndeterminedReason]
    co_governance: NotRequired[UndeterminedReason]
    means: NotRequired[UndeterminedReason]
    ends: NotRequired[UndeterminedReason]
    policy_cycle: NotRequired[UndeterminedReason]


class Source(TypedDict):
    # URL: Address of the source (http or https), without spaces or other white space.
    url: str
    # Title: Title of the source.
    title: NotRequired[Text]
    # Accessed: Date the source was read, as YYYY-MM-DD (quoted in YAML).
    accessed: NotRequired[str]


Slug = str

# Relation: How this case relates to the other one.
Relation = Literal["implements", "succeeds", "part_of", "related_to"]


class RelationEntry(TypedDict):
    # Related case id: The id of another case in the dataset.
    id: Slug
    relation: Relation


class CaseFields(TypedDict):
    # The keys every LATINNO case may have, whatever its country.
    # Case id: Stable slug of the case, unique in the dataset and equal to the file name without
    # .yaml.
    id: str
    # latinno.net case number: The number of the case on latinno.net (the number in
    # latinno.net/en/case/<number>/), when known; unique in the dataset.
    latinno_id: NotRequired[int]
    # Name: English name of the innovation as published by LATINNO.
    name: str
    # Original name: Name of the innovation in its original language.
    name_original: NotRequired[str]
    # Description: What the innovation is and how it works, in prose.
    description: str
    # Start year: Year the innovation started.
    start_year: NotRequired[int]
    # End year: Year the innovation ended; absent when it is ongoing or the end is unknown.
    end_year: NotRequired[int]
    # Institutional design: The six institutional-design dimensions LATINNO codes. A dimension the
    # source does not state is left out, never guessed.
    institutional_design: NotRequired[InstitutionalDesign]
    means: NotRequired[Means]
    ends: NotRequired[Ends]
    policy_cycle: NotRequired[PolicyCycle]
    # Cannot be determined from the sources: LATINNO dimensions that cannot be determined from the
    # sources, each with the reason. A dimension named here is left out of the case on purpose; a
    # dimension neither coded nor named here is not yet coded.
    undetermined: NotRequired[Undetermined]
    # Sources: Where the information on the case comes from.
    sources: NotRequired[list[Source]]
    # Related cases: Other cases in the dataset this case is related to.
    related: NotRequired[list[RelationEntry]]
    # Notes: Provenance and reviewer notes: where the coding comes from, what could not be read, what
    # was decided.
    notes: NotRequired[str]


# LATINNO country: ISO 3166-1 alpha-2 code of one of the 18 LATINNO countries.
CountryCode = Literal["AR", "BO", "BR", "CL", "CO", "CR", "DO", "EC", "SV", "GT", "HN", "MX", "NI", "PA", "PY", "PE", "UY", "VE"]

# Country: ISO 3166-1 alpha-2 code of the LATINNO country, or transnational when the same design runs
# in more than one country.
Country = Literal["AR", "BO", "BR", "CL", "CO", "CR", "DO", "EC", "SV", "GT", "HN", "MX", "NI", "PA", "PY", "PE", "UY", "VE", "transnational"]


class TransnationalCase(CaseFields):
    # A case whose country is 'transnational': it names its countries.
    # Country: ISO 3166-1 alpha-2 code of the LATINNO country, or transnational when the same design
    # runs in more than one country.
    country: Literal["transnational"]
    # Countries: For a transnational case: the two or more LATINNO countries it takes place in.
    countries: list[CountryCode]


class NonTransnationalCase(CaseFields):
    # A case whose country is not 'transnational': it has no countries.
    # Country: ISO 3166-1 alpha-2 code of the LATINNO country, or transnational when the same design
    # runs in more than one country.
    country: CountryCode


# LATINNO case: a TransnationalCase or a NonTransnationalCase, by its country.
Case = TransnationalCase | NonTransnationalCase
