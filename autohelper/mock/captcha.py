"""CAPTCHA texts and images for the mock, and the NSS it assigns.

The image is an SVG so it can be screenshotted and shown to a person like the real one; nothing
in the project ever reads it back: QA gets the text from the `/__mock__/captcha` oracle.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from html import escape

# Mixed case and digits, leaving out what a person cannot tell apart in an image: 0/O/o, 1/l/I,
# and letters whose capital looks like the small one (c, k, p, s, u, v, w, x, y, z).
ALPHABET = "abdefghmnqrtABDEFGHJLMNQRT23456789"


def new_text() -> str:
    """A fresh CAPTCHA text, 5 or 6 characters."""
    length = 5 + secrets.randbelow(2)
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def svg(text: str) -> bytes:
    """The text drawn with a slight rotation per character and some noise, as SVG."""
    rng = random.Random(secrets.randbits(64))
    width, height = 30 + 26 * len(text), 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        f'<rect width="{width}" height="{height}" fill="#f1efe6"/>',
    ]
    for _ in range(6):
        parts.append(
            f'<line x1="{rng.randint(0, width)}" y1="{rng.randint(0, height)}" '
            f'x2="{rng.randint(0, width)}" y2="{rng.randint(0, height)}" '
            f'stroke="#{rng.randint(0x777777, 0xBBBBBB):06x}" stroke-width="1"/>'
        )
    for index, char in enumerate(text):
        x, y = 18 + 26 * index, 34 + rng.randint(-4, 4)
        angle = rng.randint(-18, 18)
        # Dark on every channel, so each character stays readable for the person.
        color = "#" + "".join(f"{rng.randint(0x10, 0x70):02x}" for _ in range(3))
        parts.append(
            f'<text x="{x}" y="{y}" transform="rotate({angle} {x} {y})" fill="{color}" '
            f'font-family="DejaVu Sans, Arial, sans-serif" font-size="26" '
            f'font-weight="bold">{escape(char)}</text>'
        )
    for _ in range(40):
        parts.append(
            f'<circle cx="{rng.randint(0, width)}" cy="{rng.randint(0, height)}" r="1" '
            f'fill="#{rng.randint(0x555555, 0x999999):06x}"/>'
        )
    parts.append("</svg>")
    return "".join(parts).encode("utf-8")


def luhn_digit(payload: str) -> str:
    """The Luhn check digit that makes `payload + digit` valid."""
    total = 0
    # Double every second digit counting from the right of the payload (the check digit's left).
    for position, char in enumerate(reversed(payload)):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


def nss_for(curp: str) -> str:
    """An 11-digit NSS derived from the CURP, always the same for the same CURP.

    Subdelegación (2) + affiliation year (2) + birth year from the CURP (2) + sequence (4) +
    Luhn digit, the known shape of a real NSS.
    """
    seed = int.from_bytes(hashlib.sha256(curp.upper().encode()).digest()[:8], "big")
    birth_year = curp[4:6] if curp[4:6].isdigit() else "00"
    subdelegacion = 1 + seed % 99
    affiliation = (int(birth_year) + 18 + (seed >> 8) % 5) % 100
    sequence = (seed >> 16) % 10000
    payload = f"{subdelegacion:02d}{affiliation:02d}{birth_year}{sequence:04d}"
    return payload + luhn_digit(payload)
