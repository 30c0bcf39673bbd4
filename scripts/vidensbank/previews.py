"""Link-preview images (1200×627 PNG) for LinkedIn and other sites, drawn offline with Pillow.

The font is Source Sans Pro (SIL Open Font License) from the font-source-sans-pro package, so no
font is downloaded at build time. Images are cached by a hash of what they show: an unchanged card
is not drawn again.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import font_source_sans_pro
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 627
VERSION = "1"  # change to redraw every cached image when the design changes
INK = (33, 33, 33)
BRAND = (48, 63, 159)  # the site's indigo header
PAPER = (255, 255, 255)
BADGE = {"staerk": (217, 242, 221), "moderat": (227, 239, 217), "begraenset": (251, 241, 211),
         "erfaring": (241, 241, 241)}


@dataclass(frozen=True)
class Preview:
    """What a preview image shows."""

    site_name: str
    title: str
    kind: str = ""  # the card type, e.g. "Forskningsresumé"
    evidence: str = ""  # the evidence level's label
    evidence_id: str = ""

    def key(self) -> str:
        text = "\x1f".join([VERSION, self.site_name, self.title, self.kind, self.evidence])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _font(size: int, weight: str = "Semibold") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_source_sans_pro.font_files_ttf[f"SourceSansPro{weight}"], size)


def draw(preview: Preview) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 96), fill=BRAND)
    pen.text((60, 26), preview.site_name, font=_font(38), fill=PAPER)
    y = 150
    if preview.kind:
        pen.text((60, y), preview.kind.upper(), font=_font(32, "Bold"), fill=BRAND)
        y += 60
    title_font = _font(56, "Bold")
    lines = _wrap(pen, preview.title, title_font, WIDTH - 120)
    if len(lines) > 4:
        lines = [*lines[:3], lines[3].rstrip(" .,;:") + " …"]
    for line in lines:
        pen.text((60, y), line, font=title_font, fill=INK)
        y += 68
    if preview.evidence:
        label = f"Evidens: {preview.evidence}"
        font = _font(34)
        width = pen.textlength(label, font=font)
        box = (60, HEIGHT - 110, 60 + width + 40, HEIGHT - 50)
        pen.rounded_rectangle(box, radius=8, fill=BADGE.get(preview.evidence_id, (241, 241, 241)),
                              outline=INK, width=2)
        pen.text((80, HEIGHT - 104), label, font=font, fill=INK)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _wrap(pen: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
          width: int) -> list[str]:
    """Words into lines no wider than ``width`` pixels."""
    lines: list[str] = []
    for word in text.split():
        if lines and pen.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def cached(preview: Preview, cache: Path) -> Path:
    """The image's file in the cache, drawn only if it is not there yet."""
    path = cache / f"{preview.key()}.png"
    if path.is_file():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(draw(preview))
    temporary.replace(path)  # a half-written image never enters the cache
    return path
