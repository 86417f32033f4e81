"""How an employer's printed name compares with a school's: the same school (in full, glued, or
with the abbreviations employers' names carry: "INST. TECNOLOGICO DE SONORA"), a name close to
it that could be the school misprinted or another one (only a person can tell), or another name.

Word by word: a printed word is the expected one when it is spelled the same (case, accents
and punctuation aside), is a known abbreviation of it ("INST", "TEC", "UNIV": `ABBREVIATIONS`,
with or without a dot), or, written with a dot, starts it with at least
`MIN_DOTTED_PREFIX` letters ("TECNOL."). A shorter dotted word ("S.", "GUA.") could start the
names of several places, so it only makes a name close. A different word of the expected
name ("HERMOSILLO" for "SONORA") makes it another school, never a close one. The school's
acronym alone ("ITSON") is close: another school's may spell the same.
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Literal

from autohelper.documents.text import fold, name_key, prepare

NameMatch = Literal["same", "close", "other"]

# Abbreviations of the words of schools' names, as registered employers print them; each
# stands for any word it starts ("TEC" for TECNOLOGICO or TECNOLOGICA).
ABBREVIATIONS = frozenset(
    {"INST", "INSTIT", "TEC", "TECN", "TECNOL", "TECNOLOG", "UNIV", "UNIVERS", "ESC", "AUT"}
)
# A word ending in a dot and at least this long abbreviates the one word it starts.
MIN_DOTTED_PREFIX = 4
# Two spellings of one word this alike (difflib's ratio) are a misprint of each other:
# "SONOR"/"SONORA" 0.91, "S0NORA"/"SONORA" 0.83; another place is far ("SONOYTA" 0.77,
# "NOGALES" 0.46).
NEAR_RATIO = 0.8
# Words a name may lose or gain without naming something else ("DE", "LA", "Y").
_SHORT = 3

Word = tuple[str, bool]  # folded letters and digits; whether a dot followed them


def words(name: str) -> list[Word]:
    """The words of a printed name, folded, each with whether it ended in a dot."""
    folded = fold(prepare(name))
    return [(m.group(1), bool(m.group(2))) for m in re.finditer(r"([A-Z0-9]+)(\s*\.)?", folded)]


def compare_name(printed: str, expected: str) -> NameMatch:
    """Whether `printed` names the school `expected`: "same" (it may carry more words, e.g. a
    wrapped cell or "(ITSON)"), "close" (alike but not the same: a person must look) or
    "other"."""
    if name_key(expected) and name_key(expected) in name_key(printed):
        return "same"
    seen, wanted = words(printed), [word for word, _ in words(expected)]
    if not wanted:
        return "other"
    for start in range(len(seen) - len(wanted) + 1):
        window = seen[start : start + len(wanted)]
        if all(_same(word, written) for word, written in zip(wanted, window, strict=True)):
            return "same"
    if _close(seen, wanted) or any(_acronym(text, wanted) for text, _ in seen):
        return "close"
    return "other"


def _same(word: str, written: Word) -> bool:
    text, dotted = written
    if text == word:
        return True
    if not word.startswith(text):
        return False
    return text in ABBREVIATIONS or (dotted and len(text) >= MIN_DOTTED_PREFIX)


def _near(word: str, written: Word, follows: bool) -> bool:
    """Whether `written` may be `word` misprinted, cut short ("SONOR", "SON"), or, right after
    the word before it (`follows`), an initial ("S."; elsewhere it may be "S.A.")."""
    text = written[0]
    if _same(word, written) or difflib.SequenceMatcher(None, word, text).ratio() >= NEAR_RATIO:
        return True
    return word.startswith(text) and (len(text) > 1 or follows)


def _close(seen: list[Word], wanted: list[str]) -> bool:
    """Every long word of the expected name has a near one in the printed name, in order,
    with at most one other long word among them (a word lost or gained, e.g. "SUPERIOR")."""
    position, extra, matched = 0, 0, False
    for word in wanted:
        if len(word) <= _SHORT:
            continue  # "DE" may be lost, or glued to a neighbour
        for index in range(position, len(seen)):
            between = sum(1 for text, _ in seen[position:index] if len(text) > _SHORT)
            if _near(word, seen[index], follows=matched and not between):
                extra += between if matched else 0
                position, matched = index + 1, True
                break
        else:
            return False
    return matched and extra <= 1


def _acronym(text: str, wanted: list[str]) -> bool:
    """Whether `text` is made of the starts of the expected name's words, in order, each long
    word giving at least a letter ("ITSON": I-nstituto T-ecnologico SON-ora): the school's
    acronym, or another's that happens to spell like it."""
    if sum(len(word) > _SHORT for word in wanted) < 2:
        return False

    @functools.cache  # each (rest, index) once: no blow-up on repetitive names
    def fits(rest: str, index: int) -> bool:
        if index == len(wanted):
            return not rest
        word = wanted[index]
        least = 0 if len(word) <= _SHORT else 1
        longest = min(len(word), len(rest))
        return any(
            rest.startswith(word[:size]) and fits(rest[size:], index + 1)
            for size in range(least, longest + 1)
        )

    return fits(text, 0)
