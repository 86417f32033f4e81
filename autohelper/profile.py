"""The student's profile: validated identity data, stored as YAML readable only by its owner.

A profile lives in `<config dir>/profiles/<name>.yaml` (platformdirs' user config dir, which
honours XDG_CONFIG_HOME; AUTOHELPER_CONFIG_DIR replaces it) or at any path the person gives.
It is written atomically with mode 0600, and a file other users could read or write is refused,
as ssh refuses a private key with loose permissions. Scenarios read it via `{profile.x}`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import difflib
import errno
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import yaml

from autohelper import validation as v
from autohelper import yamlerrors
from autohelper.errors import ProfileError, UsageError
from autohelper.files import expand_home, probe_folder
from autohelper.messages import t
from autohelper.privacy import typed

if TYPE_CHECKING:
    # privacy reads PERSONAL_FIELDS from here: at run time it is imported where it is used.
    from autohelper.privacy import Redactor

DEFAULT_PROFILE = "default"
# Each institution names a procedure in scenarios/procedures/ (autohelper.status).
INSTITUTIONS = ("itson", "escolar")
# Older profiles said `generic` for a school with Servicios Escolares: still read, saved anew.
INSTITUTION_ALIASES = {"generic": "escolar"}
_NAME_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# A profile's name, at most: a file name the system takes, a name a person types.
MAX_NAME = 64
_HEADER = (
    "# autohelper: perfil del estudiante. Datos personales: no lo compartas (modo 0600).\n"
    "# autohelper: student profile. Personal data: do not share it (mode 0600).\n"
)

# A validator gets the raw text and the profile's other (already normalised) values, because
# some checks are cross-field: the NSS's birth year is compared with the CURP's.
Validator = Callable[[str, Mapping[str, str]], v.Result]


# The most problems a message lists: a file of thousands of unknown keys (a pasted export) is
# said in a screenful, "… y N más" for the rest; each listed one is worked out, not the others.
MAX_LISTED = 20


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """One stored field: how to validate it, whether a complete profile needs it, its type,
    whether the wizard asks it, and whether it is personal data. `personal` has no default:
    every field says it, so none can slip past the masks and the redactor by omission."""

    name: str
    validate: Validator
    required: bool = True
    is_bool: bool = False
    asked: bool = True  # False: a flow fills it in (the colonia), the wizard keeps what it has
    personal: bool = dataclasses.field(kw_only=True)


def profile_suffix(profile: str | None) -> str:
    """What the commands a message shows end with: ` --profile NAME` when a profile was named
    (quoted for a shell), else nothing. A name or file name that looks like personal data (a
    CURP, an email) is masked, as in every message (`shown_path`)."""
    if not profile:
        return ""
    import shlex

    from autohelper.privacy import looks_personal

    name = Path(profile).name
    name = name[: len(name) - len(_path_ending(name))]
    shown = shown_path(profile) if looks_personal(name) else profile
    return f" --profile {shlex.quote(shown)}"


def _unsigned(validate: Validator, plus: bool = False) -> Validator:
    """A number field's validator that refuses a sign in front (`-1`, `+1`): the validators
    drop dashes as digit grouping, so `-1` would otherwise be stored as `00000000001`.
    `plus`: a leading `+` is the validator's to judge (a phone's `+52`)."""

    def check(raw: str, context: Mapping[str, str]) -> v.Result:
        sign = raw.strip()[:1]
        if sign == "-" or (sign == "+" and not plus):
            return v.Result(raw.strip(), (v.Problem("profile.signed_number", {"sign": sign}),))
        return validate(raw, context)

    return check


# A character a name may hold, as `validation.validate_name` reads one: a letter, or one of
# the marks between words.
_NAME_CHARACTER = re.compile(r"[^\W\d_]|[ '.-]")
# The same for a street or a colonia (`validation._PLACE_RE`) and for a house number
# (`validation._HOUSE_NUMBER_RE`).
_PLACE_CHARACTER = re.compile(r"[\w .,#'/°º-]")
_HOUSE_NUMBER_CHARACTER = re.compile(r"[\w ./#-]")


def _naming_odd_character(
    result: v.Result, key: str, allowed: re.Pattern[str], character: str, invisible: str
) -> v.Result:
    """`result` with its one problem `key` (a value's form) made precise when a character in
    the value is none the field holds: that character named by its code point and Unicode
    name, since it may be invisible (a zero-width space pasted from a chat) and "letters
    only" would not show which one it is. The problem keys `character` and `invisible` say
    it; any other result is returned as it is."""
    if [p.key for p in result.problems] != [key]:
        return result
    odd = next((char for char in result.value if not allowed.fullmatch(char)), None)
    if odd is None:  # every character may be in the field, not in that order (`JOSÉ--LUIS`)
        return result
    code = f"U+{ord(odd):04X} {unicodedata.name(odd, '')}".rstrip()
    if odd.isprintable():
        problem = v.Problem(character, {"character": f"«{odd}» ({code})"})
    else:
        problem = v.Problem(invisible, {"character": code})
    return dataclasses.replace(result, problems=(problem,))


def _name(raw: str, _context: Mapping[str, str]) -> v.Result:
    """A name or surname as `validate_name` checks it, after NFKC as the CURP's characters
    (full-width `Ｊｏｓé` is `José`, what the portal takes); a character no name holds is
    named (`_naming_odd_character`)."""
    return _naming_odd_character(
        v.validate_name(unicodedata.normalize("NFKC", raw)),
        "validation.name.format",
        _NAME_CHARACTER,
        "validation.name.character",
        "validation.name.invisible",
    )


def _place(raw: str, _context: Mapping[str, str]) -> v.Result:
    """A street or a colonia as `validate_place` checks it; a character none holds is named."""
    return _naming_odd_character(
        v.validate_place(raw),
        "validation.place.format",
        _PLACE_CHARACTER,
        "validation.place.character",
        "validation.place.invisible",
    )


def _house_number(raw: str, _context: Mapping[str, str]) -> v.Result:
    """An exterior or interior number as `validate_house_number` checks it; a character none
    holds is named."""
    return _naming_odd_character(
        v.validate_house_number(raw),
        "validation.house_number.format",
        _HOUSE_NUMBER_CHARACTER,
        "validation.house_number.character",
        "validation.house_number.invisible",
    )


# The registry of stored fields, in the order the wizard asks them; FIELDS derives from it, and
# so does privacy.PERSONAL_FIELDS (what masks and the redactor treat as personal data).
SPECS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("curp", lambda raw, _: v.validate_curp(raw), personal=True),
        FieldSpec(
            "nss",
            _unsigned(lambda raw, ctx: v.validate_nss(raw, ctx.get("curp"))),
            required=False,
            personal=True,
        ),
        FieldSpec("email", lambda raw, _: v.validate_email(raw), personal=True),
        FieldSpec("names", _name, personal=True),
        FieldSpec("first_surname", _name, personal=True),
        FieldSpec("second_surname", _name, required=False, personal=True),
        FieldSpec(
            "postal_code", _unsigned(lambda raw, _: v.validate_postal_code(raw)), personal=True
        ),
        # The address beyond the postal code is optional: only the clinic registration needs
        # it, and that scenario's `needs` asks for it before a browser starts.
        FieldSpec("street", _place, required=False, personal=True),
        FieldSpec(
            "exterior_number",
            _house_number,
            required=False,
            personal=True,
        ),
        FieldSpec(
            "interior_number",
            _house_number,
            required=False,
            personal=True,
        ),
        FieldSpec(
            "colonia",
            _place,
            required=False,
            asked=False,
            personal=True,
        ),
        FieldSpec(
            "institution",
            lambda raw, _: v.validate_choice(
                INSTITUTION_ALIASES.get(raw.strip().lower(), raw), INSTITUTIONS
            ),
            personal=False,
        ),
        FieldSpec(
            "has_other_insurance", lambda raw, _: v.validate_bool(raw), is_bool=True, personal=False
        ),
        FieldSpec(
            "nss_from_employer", lambda raw, _: v.validate_bool(raw), is_bool=True, personal=False
        ),
        FieldSpec(
            "student_id",
            _unsigned(lambda raw, _: v.validate_student_id(raw)),
            required=False,
            personal=True,
        ),
        FieldSpec(
            "phone",
            _unsigned(lambda raw, _: v.validate_phone(raw), plus=True),
            required=False,
            personal=True,
        ),
    )
}
# Computed from the CURP: scenarios may read them, nobody may set them. The birth date is
# personal data like the CURP it comes from; the sex letter alone identifies nobody.
DERIVED_FIELDS = ("birth_date", "sex")
_DERIVED_PERSONAL = frozenset({"birth_date"})
STORED_FIELDS = tuple(SPECS)
REQUIRED_FIELDS = tuple(name for name, spec in SPECS.items() if spec.required)
# Every field a profile may hold; scenarios may only reference these as {profile.x}.
FIELDS = (*STORED_FIELDS, *DERIVED_FIELDS)
# Fields whose values are personal data: masked unless revealed, scrubbed by the redactor.
PERSONAL_FIELDS = frozenset(name for name, spec in SPECS.items() if spec.personal) | (
    _DERIVED_PERSONAL
)
MASKED_FIELDS = PERSONAL_FIELDS


@dataclasses.dataclass(frozen=True)
class Profile:
    """A student's validated data; None means "not set yet" (profiles fill in gradually)."""

    curp: str | None = None
    nss: str | None = None
    email: str | None = None
    names: str | None = None
    first_surname: str | None = None
    second_surname: str | None = None
    postal_code: str | None = None
    street: str | None = None
    exterior_number: str | None = None
    interior_number: str | None = None
    colonia: str | None = None
    institution: str | None = None
    has_other_insurance: bool | None = None
    nss_from_employer: bool | None = None
    student_id: str | None = None
    phone: str | None = None

    @property
    def birth_date(self) -> datetime.date | None:
        return v.curp_birth_date(self.curp) if self.curp else None

    @property
    def sex(self) -> str | None:
        return v.curp_sex(self.curp) if self.curp else None

    def stored_values(self) -> dict[str, str | bool]:
        """The fields that are set, in FIELDS order, as written to the YAML file."""
        values: dict[str, str | bool] = {}
        for name in STORED_FIELDS:
            value = getattr(self, name)
            if value is not None:
                values[name] = value
        return values

    def as_template_values(self) -> dict[str, str]:
        """What scenarios read via {profile.x}: set fields only; booleans as "true"/"false",
        the birth date as ISO YYYY-MM-DD."""
        values = {
            name: ("true" if value else "false") if isinstance(value, bool) else value
            for name, value in self.stored_values().items()
        }
        if self.birth_date is not None:
            values["birth_date"] = self.birth_date.isoformat()
        if self.sex is not None:
            values["sex"] = self.sex
        return values

    def missing(self, fields: Iterable[str]) -> list[str]:
        """Which of `fields` this profile cannot provide (unset, or not a profile field)."""
        present = self.as_template_values()
        return [name for name in fields if name not in present]


class InvalidProfile(ProfileError):
    """Values that failed validation; `problems` holds each, with its field (and line)."""

    key = "profile.invalid"

    def __init__(self, path: Path, problems: list[v.Problem]) -> None:
        super().__init__(path=shown_path(path), count=len(problems))
        self.path = path
        self.problems = problems

    def message(self, lang: str | None = None) -> str:
        # Rendered late, so the problems follow the language of whoever shows them.
        lines = "\n".join(listed_problems(self.problems, lang))
        return t(
            self.key, lang, path=shown_path(self.path), count=len(self.problems), problems=lines
        )


def listed_problems(problems: Sequence[v.Problem], lang: str | None = None) -> list[str]:
    """The lines that list `problems`: the first MAX_LISTED, then how many more there are."""
    lines = [t("profile.problem", lang, message=p.describe(lang)) for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(t("profile.problems_more", lang, count=len(problems) - MAX_LISTED))
    return lines


def listed_keys(keys: Sequence[str], lang: str | None = None) -> str:
    """Keys named in one line (`notas, telefono_casa`), as `shown_key` shows them, the first
    MAX_LISTED and how many more."""
    shown = ", ".join(shown_key(key) for key in keys[:MAX_LISTED])
    if len(keys) > MAX_LISTED:
        return t("profile.more_keys", lang, keys=shown, count=len(keys) - MAX_LISTED)
    return shown


@dataclasses.dataclass(frozen=True)
class ProfileUpdate:
    """What `update_profile` did: the saved profile, where, whether it was new, warnings."""

    profile: Profile
    path: Path
    created: bool
    warnings: tuple[v.Problem, ...]


# --- Where profiles live --------------------------------------------------------------------


def config_dir() -> Path:
    """autohelper's config directory: AUTOHELPER_CONFIG_DIR (a `~` in it is the home folder;
    blank is unset), else platformdirs' (XDG aware)."""
    override = os.environ.get("AUTOHELPER_CONFIG_DIR", "").strip()
    if override:
        try:
            return expand_home(override)
        except yamlerrors.FileProblem as problem:  # `~user` naming nobody with a home here
            raise UsageError(
                "path.variable_no_home",
                variable="AUTOHELPER_CONFIG_DIR",
                value=typed(override),
                reason=problem,
            ) from None
    return Path(platformdirs.user_config_dir("autohelper"))


def profiles_dir() -> Path:
    return config_dir() / "profiles"


# The endings that make a `--profile` value a file's path rather than a profile's name, in any
# case (`Ana.YAML`, `perfil.txt`, `p.json`): what a person names a file with. A name may hold a
# dot too (`ana.maria`); see `resolve_profile_path` for such a name beside a file of its own.
PATH_ENDINGS = frozenset(
    {".yaml", ".yml", ".json", ".toml", ".ini", ".txt", ".text", ".cfg", ".conf", ".md"}
    | {".csv", ".xml", ".bak", ".old", ".orig", ".tmp"}
)


def _path_ending(name: str) -> str:
    """The ending of `name` that says it is a file (`.YAML`, `.txt`), as written, or ""."""
    stem, dot, ending = name.rpartition(".")
    if dot and stem and f".{ending.lower()}" in PATH_ENDINGS:
        return f".{ending}"
    return ""


def resolve_profile_path(name_or_path: str | Path | None = None) -> Path:
    """A path when it contains a path separator or ends in a file's ending (`PATH_ENDINGS`, in
    any case: `Ana.YAML`, `perfil.txt`); otherwise a named profile. A name with a dot that is a
    file in the current folder while no profile has that name is refused as both (the person
    may mean the file: `./NAME` says so), never read as a new profile beside it."""
    if isinstance(name_or_path, Path):
        return name_or_path
    # None is no profile named: the default one. `--profile ''` (an unset shell variable,
    # `--profile "$P"`) is a profile named blank, refused as `--profile '  '` is: taken for the
    # default, `profile set` would change another student's data. (Click reads an empty
    # AUTOHELPER_PROFILE as unset, as shells mean it; one of spaces is blank.)
    text = (DEFAULT_PROFILE if name_or_path is None else name_or_path).strip()
    if not text:  # `--profile '  '`, AUTOHELPER_PROFILE=' ': echoed as '' it would say nothing
        raise UsageError("profile.blank_name")
    if "/" in text or os.sep in text or _path_ending(text):
        try:
            return expand_home(text)
        except yamlerrors.FileProblem as problem:  # `~user` naming nobody with a home here
            raise UsageError("path.profile_no_home", value=typed(text), reason=problem) from None

    # The name is echoed as `typed` shows it: an email or a CURP given here is masked.
    if len(text) > MAX_NAME:  # the system refuses a file name that long (255 bytes, often)
        raise UsageError(
            "profile.name_too_long", name=typed(text, limit=20), length=len(text), max=MAX_NAME
        )
    if not _NAME_RE.fullmatch(text):
        raise UsageError("profile.bad_name", name=typed(text))
    path = profiles_dir() / f"{text}.yaml"
    if "." in text and _is_file_here(text) and not _is_file_here(path):
        # `ana.maria` beside a file `ana.maria`: a profile made under that name would not be
        # the file the person named, nor would the file be read.
        raise UsageError("profile.name_or_file", name=typed(text), path=str(path.parent))
    return path


def _is_file_here(path: Path | str) -> bool:
    try:
        return Path(path).is_file()
    except OSError:  # a name the system cannot look up: no file there
        return False


def shown_path(path: Path | str) -> str:
    """A profile's path as messages may show it: its file name masked when it looks like
    personal data (a CURP or an email given as `--profile`: `BEML…S09.yaml`), as a value typed
    where a step or a key goes is; the folders and the `.yaml` as they are."""
    from autohelper.privacy import looks_personal, mask

    if not str(path):
        return ""
    path = Path(path)
    suffix = _path_ending(path.name)
    stem = path.name[: len(path.name) - len(suffix)]
    kind = looks_personal(stem)
    if kind is None:
        return str(path)
    return str(path.parent / f"{mask(stem.strip(), kind)}{suffix}")


def _suffix_of(path: Path) -> str:
    """The `--profile` that names the profile at `path` in a command a message shows: none for
    the default one, the name for one in the profiles folder, else the path."""
    if path == resolve_profile_path():
        return ""
    name = path.name.removesuffix(".yaml")
    if (
        path.parent == profiles_dir()
        and path.name.endswith(".yaml")
        and _NAME_RE.fullmatch(name)
        and not _path_ending(name)  # `x.txt` names a file, not profiles/x.txt.yaml
    ):
        return profile_suffix(name)
    return profile_suffix(str(path))


# File endings of formats a profile is not: YAML reads a JSON file (JSON is YAML), but a save
# writes YAML, and a `.json` file holding YAML would break whatever else reads it.
_OTHER_FORMATS = {".json": "JSON", ".toml": "TOML", ".ini": "INI"}


def _refuse_other_format(path: Path) -> None:
    """Refuse to write a profile whose file name says another format (`p.json`, `p.toml`):
    profiles are YAML files, and a save would silently turn that file into one."""
    kind = _OTHER_FORMATS.get(path.suffix.lower())
    if kind is not None:
        suggestion = shown_path(path.with_suffix(".yaml"))
        raise ProfileError(
            "profile.other_format", path=shown_path(path), kind=kind, suggestion=suggestion
        )


def _os_problem(exc: OSError, writing: bool = False) -> yamlerrors.FileProblem:
    """Why the system refused a profile's file, in the person's words (a name too long too)."""
    if exc.errno == errno.ENAMETOOLONG:
        return yamlerrors.FileProblem("os.name_too_long")
    return yamlerrors.os_problem(exc, writing=writing)


def _exists(path: Path) -> bool:
    """Whether a profile file is there; a path the system cannot even look up (a name too
    long, a folder that cannot be searched) is the person's, said as such."""
    try:
        return path.exists()
    except OSError as exc:
        raise ProfileError(
            "profile.unreadable", path=shown_path(path), reason=_os_problem(exc)
        ) from exc


# --- Validation of values -------------------------------------------------------------------


def shown_key(name: str) -> str:
    """A key as messages may show it: a field's name as is; anything else masked when it looks
    like personal data (a CURP or an email typed where the key goes), so that an error message
    or a log never carries it whole, its control characters escaped (`\\x1b`: a key cannot
    drive the terminal), cut when long. An ordinary typo (`emial`) is shown as typed."""
    from autohelper.privacy import typed

    return name if name in FIELDS else typed(name)


# What a student may write for a field besides its key and its label (both languages' labels
# count too): mostly Spanish, as on their documents and forms. An unknown key written so is
# answered with the field's key (a did-you-mean, never a silent alias: the file keeps its
# English keys, the ones scenarios read). Compared as `_fold_key` writes them.
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "curp": ("clave única de registro de población",),
    "nss": ("número de seguridad social", "número de seguro social", "seguro social", "ssn"),
    "email": ("correo electrónico", "e-mail", "mail", "correo_e"),
    "names": ("nombre", "nombres", "name", "given name", "first name"),
    "first_surname": ("apellido", "apellidos", "apellido paterno", "paterno", "apellido1"),
    "second_surname": ("apellido materno", "materno", "apellido2"),
    "postal_code": ("cp", "c.p.", "código", "zip", "zip code"),
    "street": ("domicilio", "dirección", "address"),
    "exterior_number": ("número", "num", "núm", "no. ext", "num ext", "número ext", "exterior"),
    "interior_number": ("num int", "no. int", "número int", "interior", "depto", "departamento"),
    "colonia": ("col", "fraccionamiento", "fracc", "barrio", "neighborhood"),
    "institution": ("escuela", "universidad", "school", "university"),
    "has_other_insurance": ("otro seguro", "tiene otro seguro", "seguro médico", "seguro"),
    "nss_from_employer": ("nss del empleador", "nss del patrón", "empleador", "patrón"),
    "student_id": ("matrícula", "id", "id itson", "id alumno", "número de control"),
    "phone": ("tel", "celular", "cel", "móvil", "número de teléfono", "número de celular"),
    "birth_date": ("nacimiento", "fecha nacimiento", "fecha de nac", "cumpleaños"),
    "sex": ("género", "gender"),
}
# Words that tell nothing about which field is meant (`número de teléfono`, `mi correo`).
_FILLER = frozenset({"de", "del", "la", "el", "los", "las", "mi", "tu", "su", "my", "your", "of"})


def _fold_key(text: str) -> str:
    """A key as the did-you-mean compares it: case and accents ignored, words joined by `_`
    whatever separated them, filler words left out; `CÓDIGO POSTAL`, `codigo-postal` and
    `código_postal` are all `codigo_postal`."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "_".join(w for w in re.split(r"[\W_]+", plain) if w and w not in _FILLER)


@cache
def _key_words() -> dict[str, str]:
    """Every spelling of a field a student may write, folded, to the field's key."""
    words: dict[str, str] = {}
    for name in FIELDS:
        labels = (t(f"profile.field.{name}", lang) for lang in ("es", "en"))
        for spelling in (name, *labels, *FIELD_WORDS.get(name, ())):
            words.setdefault(_fold_key(spelling), name)
    return words


def _meant_field(name: str) -> str | None:
    """The field an unknown key most likely means: the same key in capitals (`CURP`, as on the
    student's documents) or another case, a field's label or a word for it (`correo`, `cp`,
    `teléfono`), or one of these misspelt (`crup`); None when nothing is close. A derived
    field only by its exact name: a misspelling is not taken for one (`yes` is not `sex`)."""
    folded = _fold_key(name)
    words = _key_words()
    if folded in words:
        return words[folded]
    stored = [word for word, field in words.items() if field in SPECS]
    close = difflib.get_close_matches(folded, stored, n=1, cutoff=0.6)
    return words[close[0]] if close else None


def _unknown_field(name: str, suggest: bool = True) -> v.Problem:
    """An unknown key's problem, attributed to the key as messages may show it (`shown_key`);
    `suggest=False` spares the did-you-mean (a key no message will list)."""
    if name in DERIVED_FIELDS:
        return v.Problem("profile.derived_field", {"field": name}, field=name)
    shown = shown_key(name)
    meant = _meant_field(name) if suggest else None
    if meant in DERIVED_FIELDS:  # `sexo`, `FECHA DE NACIMIENTO`: nobody sets those
        return v.Problem("profile.derived_field", {"field": shown}, field=shown)
    if meant is not None:
        params = {"field": shown, "suggestion": meant}
        return v.Problem("profile.unknown_field", params, field=shown)
    params = {"field": shown, "fields": ", ".join(SPECS)}
    return v.Problem("profile.unknown_field_list", params, field=shown)


def validate_value(
    name: str, raw: str | bool, context: Mapping[str, str] | None = None
) -> v.Result:
    """Validate one field's raw value; `context` holds the other fields (for cross-checks)."""
    spec = SPECS.get(name)
    if spec is None:
        return v.Result(str(raw), (_unknown_field(name),))
    if isinstance(raw, bool) and not spec.is_bool:
        # `interior_number: no` in the file: YAML read the word as a boolean.
        return v.Result(str(raw), (v.Problem("profile.quote_bool", {"field": name}, name),))
    undecoded = v.undecoded_byte(raw) if isinstance(raw, str) else None
    if undecoded is not None:  # a terminal that does not send UTF-8, before any other check
        return v.Result(str(raw), (undecoded.at(field=name),))
    result = spec.validate(raw if isinstance(raw, str) else str(raw).lower(), context or {})
    return dataclasses.replace(
        result,
        problems=tuple(p.at(field=name) for p in result.problems),
        warnings=tuple(w.at(field=name) for w in result.warnings),
    )


def _check_data(
    data: Mapping[str, Any], lines: Mapping[str, int]
) -> tuple[dict[str, str], list[v.Problem], list[v.Problem]]:
    """Validate every entry of a raw mapping: (normalised values, problems, warnings)."""
    problems: list[v.Problem] = []
    warnings: list[v.Problem] = []
    values: dict[str, str] = {}
    # The CURP first: other fields are checked against it.
    ordered = sorted(data, key=lambda key: key != "curp")  # stable: file order otherwise
    for key in ordered:
        name, raw, line = str(key), data[key], lines.get(str(key))
        if name not in SPECS:
            # Whatever its value, the key is the problem; it may be personal data, so the
            # problem names it as `shown_key` does, never as typed. A did-you-mean only for
            # those a message may list: difflib over 40,000 keys takes seconds.
            suggest = len(problems) < MAX_LISTED
            problems.append(_unknown_field(name, suggest).at(line=line))
            continue
        if raw is None or raw == "":
            continue  # an empty entry means "not set", as in a fresh template
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            problems.append(v.Problem("profile.quote_value", {"field": name}, name, line))
            continue
        if isinstance(raw, datetime.date):  # `street: 2020-01-01`: YAML read a date
            key = "validation.bool" if SPECS[name].is_bool else "profile.quote_date"
            problems.append(v.Problem(key, {"field": name}, name, line))
            continue
        if not isinstance(raw, str | bool):
            problems.append(v.Problem("profile.not_text", field=name, line=line))
            continue
        result = validate_value(name, raw, values)
        problems.extend(p.at(field=name, line=line) for p in result.problems)
        warnings.extend(w.at(field=name, line=line) for w in result.warnings)
        if result.ok:
            values[name] = result.value
    return values, problems, warnings


def profile_from_values(values: Mapping[str, str]) -> Profile:
    """A Profile from already validated, normalised values (booleans as "true"/"false")."""
    kwargs: dict[str, Any] = {}
    for name, value in values.items():
        kwargs[name] = (value == "true") if SPECS[name].is_bool else value
    return Profile(**kwargs)


def with_values(profile: Profile, values: Mapping[str, str]) -> Profile:
    """The profile with some fields replaced by already validated, normalised values."""
    changes: dict[str, Any] = {
        name: (value == "true") if SPECS[name].is_bool else value for name, value in values.items()
    }
    return dataclasses.replace(profile, **changes)


def profile_warnings(profile: Profile) -> list[v.Problem]:
    """Suspicious but accepted values of a profile (e.g. NSS and CURP birth years differ)."""
    context = profile.as_template_values()
    warnings: list[v.Problem] = []
    for name, value in context.items():
        if name in SPECS:
            warnings.extend(validate_value(name, value, context).warnings)
    return warnings


# --- Reading and writing --------------------------------------------------------------------


def _check_permissions(path: Path) -> None:
    if os.name != "posix":
        return  # Windows has no group/other mode bits to check
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        if not _looks_like_profile(path):
            # `--profile /etc/passwd`: "chmod 600 /etc/passwd" would break the system.
            raise ProfileError("profile.not_a_profile", path=shown_path(path))
        raise ProfileError("profile.unsafe_permissions", path=shown_path(path), mode=f"{mode:04o}")


def _looks_like_profile(path: Path) -> bool:
    """Whether the file at `path` has a profile's shape: empty, or a YAML mapping with a key
    that is (or likely means) a field. Its content is read, never shown: it may be personal.
    A file that cannot be read at all is ProfileError (`profile.unreadable`), as any read."""
    try:
        node = yamlerrors.compose(yamlerrors.read_text(path))
    except yamlerrors.FileProblem as exc:
        if exc.key.startswith("file.") and exc.line is None:  # no permission, too big...
            raise ProfileError("profile.unreadable", path=shown_path(path), reason=exc) from exc
        return False  # not text, not YAML
    if node is None:
        return True
    if not isinstance(node, yaml.MappingNode):
        return False
    keys = [str(key.value) for key, _ in node.value[:MAX_LISTED]]
    return any(key in FIELDS or _meant_field(key) is not None for key in keys)


def _read(
    path: Path, trusted: bool = False
) -> tuple[dict[str, Any], dict[str, int], list[v.Problem]]:
    """The raw mapping of a profile file, the line of each key, and the problems of its shape
    (a key written twice); refuses unsafe or unreadable files."""
    return _entries(_read_node(path, trusted)[1])


def _read_node(path: Path, trusted: bool = False) -> tuple[str, yaml.MappingNode | None]:
    """The text of a profile file and its root mapping (None when it is empty); refuses
    unsafe or unreadable files, and a file that is no mapping."""
    if not _exists(path):
        if path.is_symlink():  # a link to nowhere, or one that loops (exists() says False)
            try:
                path.stat()
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    reason = _os_problem(exc)
                    raise ProfileError(
                        "profile.unreadable", path=shown_path(path), reason=reason
                    ) from exc
        if any(folder.exists() and not folder.is_dir() for folder in path.parents):
            # A file where a folder of the path goes (AUTOHELPER_CONFIG_DIR naming a file):
            # `autohelper init` could not make it either, so it is not suggested.
            reason = yamlerrors.FileProblem("file.not_a_folder")
            raise ProfileError("profile.unreadable", path=shown_path(path), reason=reason)
        raise ProfileError("profile.not_found", path=shown_path(path), suffix=_suffix_of(path))
    if not path.is_file():  # before the permission check: its advice fits files only
        kind = "file.is_directory" if path.is_dir() else "file.not_regular"
        raise ProfileError(
            "profile.unreadable", path=shown_path(path), reason=yamlerrors.FileProblem(kind)
        )
    try:
        if not trusted:
            _check_permissions(path)
        text = yamlerrors.read_text(path)
        node = yamlerrors.compose(text)
        data = yamlerrors.construct(node) if node is not None else None
    except OSError as exc:  # the permission check's stat
        raise ProfileError(
            "profile.unreadable", path=shown_path(path), reason=_os_problem(exc)
        ) from exc
    except yamlerrors.FileProblem as exc:
        # `file:line:column` when the problem has a place (YAML, or the first byte not UTF-8).
        shown = shown_path(path)
        where = f"{shown}:{exc.line}:{exc.column}" if exc.line is not None else shown
        key = "profile.yaml_error" if exc.key.startswith("yaml.") else "profile.unreadable"
        raise ProfileError(key, path=where, reason=exc) from exc
    if data is None:
        return text, None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise _not_mapping(path, text)
    return text, node


# `key = value`, as TOML and INI files write it: what a profile writes `key: value`.
_EQUALS_LINE = re.compile(r"^[ \t]*[A-Za-z_][\w.-]*[ \t]*(=)", re.MULTILINE)


def _not_mapping(path: Path, text: str) -> ProfileError:
    """A profile that is no `key: value` mapping. A file of `key = value` lines (TOML, INI) is
    said at its first one's `=` (`file:line:column`, as YAML's own errors): that is what to
    write as `key: value`."""
    text = text.removeprefix("\ufeff")
    equals = _EQUALS_LINE.search(text)
    if equals is None:
        return ProfileError("profile.not_mapping", path=shown_path(path))
    before = text[: equals.start(1)]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return ProfileError("profile.not_mapping_equals", path=f"{shown_path(path)}:{line}:{column}")


def _entries(
    node: yaml.MappingNode | None,
) -> tuple[dict[str, Any], dict[str, int], list[v.Problem]]:
    """The raw mapping of a profile's root node, the line of each key, and the problems of its
    shape (a key written twice)."""
    if node is None:
        return {}, {}, []
    # Each key as written, not as YAML reads it: `yes:` is the key "yes" (YAML says True),
    # `~:` the key "~" (YAML says None), with its line either way.
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    first: dict[str, int] = {}
    problems: list[v.Problem] = []
    for key, value in node.value:
        name, line = str(key.value), key.start_mark.line + 1
        if name in first:
            # YAML keeps the last value silently; a hand-edited profile means one of them.
            params = {"first_line": first[name]}
            problems.append(v.Problem("profile.duplicate_key", params, shown_key(name), line))
        else:
            first[name] = line
        # The value checked is the last one, as YAML reads it: its problems name its line.
        lines[name] = line
        values[name] = yamlerrors.construct(value)
    return values, lines, problems


def load_profile(name_or_path: str | Path | None = None, *, trusted: bool = False) -> Profile:
    """Read and validate a profile; raises ProfileError (InvalidProfile lists every problem).

    `trusted` skips the permission check, only for the synthetic profiles shipped with
    autohelper for QA (checked into git, so 0644, and holding no real person's data)."""
    path = resolve_profile_path(name_or_path)
    data, lines, problems = _read(path, trusted)
    values, found, _ = _check_data(data, lines)
    problems += found
    if problems:
        raise InvalidProfile(path, problems)
    return profile_from_values(values)


@dataclasses.dataclass(frozen=True)
class StrayEntry:
    """An entry of a profile file that is no stored field (`notas: llamar a mi tía`, a
    misspelt `emial:`): its key and its lines as written, which a save that rewrites the file
    keeps as comments. When its key likely means a field (`_meant_field`) that the file has no
    valid value for, and its value is valid there, `field` and `value` (normalised) say so:
    the wizard offers that value for that field."""

    key: str
    lines: tuple[str, ...]
    field: str | None = None
    value: str | None = None


def wizard_values(path: Path) -> tuple[dict[str, str], list[v.Problem], list[StrayEntry]]:
    """What the wizard starts from: the valid, normalised values of the profile at `path`, the
    problems of the others (an invalid value is left out, to be asked again; the rest are
    kept), and the entries of no field, to keep (`StrayEntry`). A file that cannot be read at
    all raises ProfileError."""
    text, node = _read_node(path)
    data, lines, problems = _entries(node)
    values, found, _ = _check_data(data, lines)
    return values, problems + found, _strays(text, node, values)


def _strays(
    text: str, node: yaml.MappingNode | None, values: Mapping[str, str]
) -> list[StrayEntry]:
    """The entries of `node` that are no stored field, each with its lines as written in
    `text` (YAML's line breaks; a flow mapping's entry dumped anew), and the field its value
    may fill (`StrayEntry`): one entry per field, only for the first MAX_LISTED entries
    (difflib over thousands of keys takes seconds), only a field the wizard asks."""
    if node is None:
        return []
    source = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    strays: list[StrayEntry] = []
    offered = set(values)
    for key, value in node.value:
        name = str(key.value)
        if name in SPECS:
            continue
        if node.flow_style:  # `{curp: ..., notas: ...}` on one line: the entry alone
            raw = yamlerrors.construct(value)
            dumped = yaml.safe_dump({name: raw}, allow_unicode=True, default_flow_style=False)
            lines = tuple(dumped.splitlines())
        else:
            lines = _lines_of(source, key, value)
        meant = _meant_field(name) if len(strays) < MAX_LISTED else None
        offer = None
        if meant in SPECS and meant not in offered and SPECS[meant].asked:
            raw = yamlerrors.construct(value)
            if isinstance(raw, str) or (isinstance(raw, bool) and SPECS[meant].is_bool):
                result = validate_value(meant, raw, values)
                if result.ok and result.value:
                    offered.add(meant)
                    offer = result.value
        field = meant if offer is not None else None
        strays.append(StrayEntry(name, lines, field, offer))
    return strays


def _lines_of(source: list[str], key: yaml.Node, value: yaml.Node) -> tuple[str, ...]:
    """The lines an entry of a block mapping takes in `source`: from its key's line to the end
    of its value (a block scalar ends at the start of the next line), without the blank or
    comment lines at its end (those are the next key's: `_own_comments`)."""
    start = key.start_mark.line
    end = max(value.end_mark.line + (1 if value.end_mark.column else 0), start + 1)
    lines = source[start:end]
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return tuple(lines)


def check_profile(
    name_or_path: str | Path | None = None, command_suffix: str = ""
) -> list[v.Problem]:
    """Every problem of a profile file, each naming its field and line; required fields that
    are missing count too, with the command that sets them (ending with `command_suffix`, the
    profile named: `profile_suffix`). A file that cannot be read at all raises ProfileError."""
    path = resolve_profile_path(name_or_path)
    data, lines, problems = _read(path)
    values, found, _ = _check_data(data, lines)
    problems += found
    for name in REQUIRED_FIELDS:
        if name not in values and not any(p.field == name for p in problems):
            params = {"field": name, "suffix": command_suffix}
            problems.append(v.Problem("profile.missing_field", params, field=name))
    return problems


def _write_target(path: Path) -> Path:
    """The file a save replaces: `path`, or, when `path` is a symbolic link, the file it leads
    to. A student who links their profile (to a synced folder, a USB stick) expects that file
    to get the update; replacing the link with a copy would leave it stale without a word. A
    link into a folder that is not there is refused (ProfileError), never made to work."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath stops inside a loop of links
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    if not target.parent.is_dir():
        # A disk not mounted, a folder moved: making the folder would put the profile where
        # the disk goes (a mount point), and the person would think it was saved on the disk.
        raise ProfileError(
            "profile.link_to_nowhere", path=shown_path(path), target=shown_path(target)
        )
    return target


def check_writable(name_or_path: str | Path | None = None) -> Path:
    """Fail now, as a save would, when the profile's folder cannot be created or written (a
    part of the path is a file, a folder without write permission), so that the wizard says
    it before the first question rather than after the last. Creates nothing: a file is
    created and removed in the first folder of the path that is there."""
    path = resolve_profile_path(name_or_path)
    _refuse_other_format(path)
    try:
        folder = _write_target(path).parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent  # the first folder that is there: the save starts from it
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
        probe_folder(folder)  # really tried: root, /proc and /sys pass os.access
    except OSError as exc:
        reason = _os_problem(exc, writing=True)
        raise ProfileError("profile.unwritable", path=shown_path(path), reason=reason) from exc
    return path


_KEY_LINE = re.compile(r"([^\s#'\"][^:#]*?)\s*:")


def _own_comments(path: Path) -> tuple[dict[str, list[str]], list[str], dict[str, str]]:
    """The person's own comments in the file a save replaces: the full-line ones above a key
    (by key), the rest (after the last key, or above a key the save drops), and those after a
    value on its line (by key). Our header is not theirs."""
    try:
        # utf-8-sig: an editor's byte order mark is no part of the first line (its comment).
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}, [], {}
    header = set(_HEADER.splitlines())
    above: dict[str, list[str]] = {}
    after: dict[str, str] = {}
    pending: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            if line not in header:
                pending.append(line.rstrip())
            continue
        match = _KEY_LINE.match(line)
        if not match:
            continue
        if pending:
            above.setdefault(match.group(1), []).extend(pending)
            pending = []
        comment = _line_comment(line)
        if comment:
            after[match.group(1)] = comment
    return above, pending, after


def _line_comment(line: str) -> str:
    """The comment after a `key: value` line's value (`# ...`), or "". A `#` is a comment's
    only where YAML reads one: after a space, outside quotes; the line without it must mean
    the same."""
    # libyaml, as the profile is read (it takes a tab before a comment; PyYAML does not).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for found in re.finditer(r"[ \t]#", line):
        try:
            if yaml.load(line[: found.start()], loader) == yaml.load(line, loader):
                return line[found.start() + 1 :].rstrip()
        except yaml.YAMLError:
            continue
    return ""


def _render(profile: Profile, target: Path, stray: Sequence[StrayEntry] = ()) -> str:
    """The file's text: our header, then one `key: value` per line, each key still under the
    comments the person wrote above it in the file it replaces (the others at the end), and
    with the comment they wrote after its value (above it, should the value take lines). The
    `stray` entries (keys of no field) last, as comments under a line saying why, each under
    its own comments: nothing the person wrote is lost."""
    above, rest, after = _own_comments(target)
    lines = [_HEADER.rstrip("\n")]
    for name, value in profile.stored_values().items():
        lines += above.pop(name, [])
        dumped = yaml.safe_dump(
            {name: value}, sort_keys=False, allow_unicode=True, default_flow_style=False
        ).rstrip("\n")
        comment = after.get(name, "")
        if comment and "\n" in dumped:
            lines.append(comment)
        elif comment:
            dumped = f"{dumped}  {comment}"
        lines.append(dumped)
    kept_stray: list[str] = []
    for entry in stray:
        kept_stray += above.pop(entry.key, [])
        # A comment after its value is on its line, kept with it.
        kept_stray += [f"# {line}".rstrip() for line in entry.lines]
    if kept_stray:
        kept_stray.insert(0, f"# {t('profile.stray_marker')}")
    kept = {*profile.stored_values(), *(entry.key for entry in stray)}
    dropped = [line for comments in above.values() for line in comments]
    dropped += [comment for name, comment in after.items() if name not in kept]
    return "\n".join([*lines, *dropped, *rest, *kept_stray]) + "\n"


def save_profile(
    profile: Profile, name_or_path: str | Path | None = None, stray: Sequence[StrayEntry] = ()
) -> Path:
    """Write the profile atomically (a temp file in the same directory, then os.replace) with
    mode 0600 from its first byte; the folders it creates get mode 0700. A symbolic link is
    written through: the file it leads to is replaced, the link stays. `stray`: entries of the
    file it replaces that are no field, kept as comments at its end. Returns the path."""
    from autohelper.privatefiles import make_dirs

    path = resolve_profile_path(name_or_path)
    _refuse_other_format(path)
    try:
        target = _write_target(path)
        directory = target.parent
        make_dirs(directory)
        if directory == profiles_dir():
            os.chmod(directory, 0o700)
        text = _render(profile, target, stray)
        # mkstemp creates the file 0600, so the data is never readable by others, even briefly.
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = _os_problem(exc, writing=True)
        raise ProfileError("profile.unwritable", path=shown_path(path), reason=reason) from exc
    return path


def update_profile(
    name_or_path: str | Path | None, assignments: Mapping[str, str]
) -> ProfileUpdate:
    """Set fields (creating the profile if needed). Every value is validated first, together
    with what the file already holds; if anything is invalid, InvalidProfile lists it all and
    nothing is written."""
    path = resolve_profile_path(name_or_path)
    _refuse_other_format(path)  # before the values are checked: none of them would be saved
    with _one_writer(path):  # read, change and write: never two at once (a field lost)
        created = not _exists(path)
        data, lines, problems = ({}, {}, []) if created else _read(path)
        merged: dict[str, Any] = dict(data)
        for key, raw in assignments.items():
            merged[key] = raw
            lines.pop(key, None)  # a value from the command line has no file line
        values, found, _ = _check_data(merged, lines)
        problems += found
        # An empty assignment (`nss=`) would silently unset a required field: say so instead.
        for key, raw in assignments.items():
            said = any(p.key == "validation.required" and p.field == key for p in problems)
            if key in SPECS and SPECS[key].required and not str(raw).strip() and not said:
                problems.append(v.Problem("validation.required", field=key))
        if problems:
            raise InvalidProfile(path, problems)
        profile = profile_from_values(values)
        save_profile(profile, path)
    return ProfileUpdate(profile, path, created, tuple(profile_warnings(profile)))


# How long a change waits for another one holding the profiles' folder (a change takes
# milliseconds): as long as the journal waits for another run, then it says so.
LOCK_WAIT = 10.0
_LOCK_POLL = 0.05


@contextlib.contextmanager
def _one_writer(path: Path) -> Iterator[None]:
    """Hold the profile's folder (an advisory lock on the folder itself: no file left beside
    the profile) while a change reads and writes it: two `profile set` at once, or a run saving
    the NSS beside one, each keep the other's fields. A folder not there yet (the first
    profile) or that cannot be opened: no lock, and the write says what is wrong. Another
    process holding it past LOCK_WAIT seconds is `profile.busy` (nothing changed), never a
    wait without end."""
    import fcntl
    import time

    try:
        fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ProfileError(
                        "profile.busy", path=shown_path(path), folder=shown_path(path.parent)
                    ) from None
                time.sleep(_LOCK_POLL)  # flock has no timeout of its own
        yield
    finally:
        os.close(fd)  # closing it lets go of the lock


def require_fields(
    profile: Profile,
    fields: Iterable[str],
    path: Path | str = "",
    providers: Mapping[str, str] | None = None,
    command_suffix: str = "",
) -> None:
    """Stop before a browser starts when a scenario needs fields the profile lacks; a field
    that another scenario provides (`providers`: field → scenario) says to run that one first.
    `command_suffix` goes after the commands the message shows (`profile_suffix`)."""
    missing = profile.missing(fields)
    if missing:
        raise MissingFields(path, missing, providers or {}, command_suffix)


class MissingFields(ProfileError):
    """Fields a scenario needs and the profile lacks: each one another scenario gets is named
    with that scenario's command; the others with the command that sets them. Each command
    ends with `command_suffix` (the `--profile` used: `profile_suffix`); the command that was
    given it may set it on the way out (`autohelper run`: the run's checks do not know it)."""

    key = "profile.needs_fields"

    def __init__(
        self,
        path: Path | str,
        missing: list[str],
        providers: Mapping[str, str],
        command_suffix: str = "",
    ) -> None:
        super().__init__(path=shown_path(path), fields=", ".join(missing))
        self.path = path
        self.missing = missing
        self.providers = {name: providers[name] for name in missing if name in providers}
        self.command_suffix = command_suffix

    def message(self, lang: str | None = None) -> str:
        lines = [
            t(
                "profile.needs_first",
                lang,
                field=t(f"profile.field.{name}", lang),
                scenario=scenario,
                name=name,
                suffix=self.command_suffix,
            )
            for name, scenario in self.providers.items()
        ]
        rest = [name for name in self.missing if name not in self.providers]
        if rest:
            example = " ".join(f"{name}=..." for name in rest)
            lines.append(
                t(
                    "profile.needs_fields",
                    lang,
                    path=shown_path(self.path),
                    fields=", ".join(rest),
                    example=example,
                    suffix=self.command_suffix,
                )
            )
        return "\n".join(lines)


# --- Showing without leaking ----------------------------------------------------------------


def display_rows(
    profile: Profile, reveal: bool = False, lang: str | None = None
) -> list[tuple[str, str]]:
    """(label, value) for every field, personal data masked unless `reveal`."""
    from autohelper.privacy import mask

    values = profile.as_template_values()
    rows: list[tuple[str, str]] = []
    for name in FIELDS:
        value = values.get(name)
        if value is None:
            shown = t("profile.unset", lang)
        elif SPECS.get(name) is not None and SPECS[name].is_bool:
            shown = t("profile.yes" if value == "true" else "profile.no", lang)
        elif name in MASKED_FIELDS and not reveal:
            shown = mask(value, name)
        else:
            shown = value
        rows.append((t(f"profile.field.{name}", lang), shown))
    return rows


def redactor_for(profile: Profile) -> Redactor:
    """A Redactor that scrubs this profile's personal data (and the birth date) from text."""
    from autohelper.privacy import Redactor

    redactor = Redactor()
    values = profile.as_template_values()
    redactor.add_profile(values)
    if profile.birth_date is not None:
        # Portals and reports write dates both ways; mask both spellings.
        redactor.add(values["birth_date"], "text")
        redactor.add(profile.birth_date.strftime("%d/%m/%Y"), "text")
    return redactor
