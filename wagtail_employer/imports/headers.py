"""Matching a file's header row to an import's columns, and choice values to their
canonical form, in English, Norwegian bokmål, nynorsk and Swedish.

Each import kind declares its columns once (:class:`ColumnSpec`) and registers them with
:func:`register_columns`; the survey-results import adds its own the same way.
Matching is case-insensitive and ignores surrounding spaces, repeated spaces, and
underscores or hyphens used instead of spaces (``parent_code`` = ``Parent code``).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .reading import to_dataset


def normalise_label(text):
    return re.sub(r"[\s_\-]+", " ", str(text)).strip().casefold()


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an import.

    ``key`` is the canonical header: the column name of the django-import-export
    resource field, and what exports write.
    """

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    @property
    def accepted_names(self):
        names = [self.key, *self.aliases]
        return list(dict.fromkeys(names))

    def matches(self, header):
        wanted = normalise_label(header)
        return any(normalise_label(name) == wanted for name in self.accepted_names)


class ChoiceAliases:
    """Canonical choice values and the words people use for them.

    ``ChoiceAliases({"team": ("arbeidslag", "lag")})`` accepts "Team", "ARBEIDSLAG" or
    " lag " and returns "team"; the canonical value itself is always accepted.
    """

    def __init__(self, aliases):
        self.aliases = {canonical: tuple(names) for canonical, names in aliases.items()}
        self._lookup = {}
        for canonical, names in self.aliases.items():
            for name in (canonical, *names):
                self._lookup[normalise_label(name)] = canonical

    def canonical(self, value):
        """Return the canonical value for ``value``, or None when it is not accepted."""
        return self._lookup.get(normalise_label(value))

    @property
    def accepted_values(self):
        return [name for canonical, names in self.aliases.items() for name in (canonical, *names)]


class HeaderMismatch(Exception):
    """The header row lacks required columns or names a column twice."""

    def __init__(self, messages):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass
class ColumnMapping:
    """Where each column of an import is in one file."""

    specs: tuple[ColumnSpec, ...]
    positions: dict[str, int]  # column key → index in the file's rows
    file_headers: dict[str, str]  # column key → header as written in the file
    ignored_headers: list[str] = field(default_factory=list)

    @property
    def keys(self):
        return [spec.key for spec in self.specs if spec.key in self.positions]

    def header_for(self, key):
        """The column as the person named it in the file, for messages."""
        return self.file_headers.get(key, key)

    def values(self, cells):
        """Map one row's cells to ``{column key: value}``; short rows are padded."""
        return {
            key: cells[position] if position < len(cells) else ""
            for key, position in self.positions.items()
        }

    def to_dataset(self, records):
        """A ``tablib.Dataset`` with canonical headers from ``{key: value}`` records."""
        keys = self.keys
        return to_dataset(keys, ([record.get(key, "") for key in keys] for record in records))


def match_headers(headers, specs, header_row_number=1):
    """Locate ``specs`` in the file's ``headers``; raise :class:`HeaderMismatch`."""
    positions, file_headers, ignored, messages = {}, {}, [], []
    for index, header in enumerate(headers):
        if not header:
            continue
        spec = next((spec for spec in specs if spec.matches(header)), None)
        if spec is None:
            ignored.append(header)
        elif spec.key in positions:
            messages.append(
                gettext("The columns “%(first)s” and “%(second)s” both mean “%(column)s”.")
                % {"first": file_headers[spec.key], "second": header, "column": spec.label}
            )
        else:
            positions[spec.key] = index
            file_headers[spec.key] = header
    for spec in specs:
        if spec.required and spec.key not in positions:
            messages.append(
                gettext(
                    "The column “%(column)s” is missing from the header row (row %(row)s). "
                    "Name it one of: %(names)s."
                )
                % {
                    "column": spec.label,
                    "row": header_row_number,
                    "names": ", ".join(spec.accepted_names),
                }
            )
    if messages:
        raise HeaderMismatch(messages)
    return ColumnMapping(tuple(specs), positions, file_headers, ignored)


# Column declarations per import kind.

_COLUMNS = {}


def register_columns(kind, specs):
    _COLUMNS[kind] = tuple(specs)


def get_columns(kind):
    return _COLUMNS[kind]


UNIT_COLUMNS = (
    ColumnSpec(
        "code",
        _("code"),
        ("kode", "kod", "enhetskode", "unit code"),
    ),
    ColumnSpec("name", _("name"), ("navn", "namn")),
    ColumnSpec(
        "parent code",
        _("parent code"),
        (
            "parent",
            "overordnet",
            "overordnet kode",
            "overordna",
            "overordna kode",
            "forelder",
            "överordnad",
            "överordnad kod",
        ),
    ),
    ColumnSpec("kind", _("kind"), ("type", "typ", "nivå", "level")),
)

UNIT_KIND_VALUES = ChoiceAliases(
    {
        "municipality": ("kommune", "kommun"),
        "sector": (
            "sektor",
            "kommunalområde",
            "kommunalomrade",
            "verksamhet",
            "virksomhet",
            "område",
        ),
        "unit": ("enhet", "eining"),
        "team": ("arbeidslag", "arbetslag", "lag"),
    }
)

register_columns("units", UNIT_COLUMNS)


# Survey results (see imports/surveys.py). Besides these columns, a file may name the
# survey's dimensions as columns (wide layout, one row per unit) or name units as columns
# (a results table with one row per dimension, as in a report).
SURVEY_RESULT_COLUMNS = (
    ColumnSpec(
        "unit",
        _("unit"),
        (
            "enhet",
            "eining",
            "enhetskode",
            "einingskode",
            "unit code",
            "avdeling",
            "organisasjonsenhet",
            "organisationsenhet",
            "arbetsplats",
            "arbeidssted",
        ),
    ),
    ColumnSpec(
        "dimension",
        _("dimension"),
        ("dimensjon", "faktor", "factor", "område", "indeks", "index", "delindex", "delindeks"),
        required=False,
    ),
    ColumnSpec(
        "score",
        _("score"),
        (
            "snitt",
            "gjennomsnitt",
            "middelverdi",
            "medelvärde",
            "medelvarde",
            "indexvärde",
            "mean",
            "average",
            "resultat",
        ),
        required=False,
    ),
    ColumnSpec(
        "respondents",
        _("respondents"),
        (
            "antall svar",
            "tal svar",
            "antal svar",
            "svar",
            "respondenter",
            "respondentar",
            "antall respondenter",
            "tal respondentar",
            "antal respondenter",
            "answers",
            "n",
        ),
        required=False,
    ),
    ColumnSpec(
        "invited",
        _("invited"),
        (
            "inviterte",
            "antall inviterte",
            "tal inviterte",
            "inbjudna",
            "antal inbjudna",
            "utvalg",
            "utval",
            "urval",
        ),
        required=False,
    ),
    ColumnSpec(
        "response rate",
        _("response rate"),
        (
            "svarprosent",
            "svarandel",
            "svarfrekvens",
            "svarsfrekvens",
            "svarsandel",
            "response rate (%)",
        ),
        required=False,
    ),
)

register_columns("survey_results", SURVEY_RESULT_COLUMNS)


def find_column(header, specs):
    """The spec whose names include ``header``, or None."""
    return next((spec for spec in specs if spec.matches(header)), None)


def match_named_columns(headers, names):
    """Columns named after things the import knows (a survey's dimensions, units).

    ``names`` maps each accepted name to what it stands for; returns
    ``{index in the row: (header, what)}`` for the headers that match one of them.
    """
    lookup = {normalise_label(name): value for name, value in names.items()}
    found = {}
    for index, header in enumerate(headers):
        value = lookup.get(normalise_label(header)) if header else None
        if value is not None:
            found[index] = (header, value)
    return found
