"""Link-preview images (1200×627 PNG) for LinkedIn and other sites, drawn offline with Pillow.

The font is Source Sans Pro (SIL Open Font License) from the font-source-sans-pro package, so no
font is downloaded at build time. Images are cached by a hash of what they show: an unchanged card
is not drawn again, and a cold build draws the missing ones on every core.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import font_source_sans_pro
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 627
VERSION = "3"  # change to redraw every cached image when the design changes
PALETTE = 24  # colours: smooth text in the four inks, and the badge keeps its colour
COMPRESSION = 6  # zlib level (the default): every image under 20 KB
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


@functools.cache  # loading a font file costs more than drawing with it
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
    # A 24-colour palette keeps the anti-aliased text smooth at a third of the size of a full-
    # colour PNG (under 20 KB), and the fast octree quantizer is quick.
    # optimize=True took longer than drawing the image itself.
    buffer = io.BytesIO()
    image.quantize(PALETTE, method=Image.Quantize.FASTOCTREE).save(
        buffer, format="PNG", compress_level=COMPRESSION)
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
    return cached_all([preview], cache)[0]


# Below this many missing images, starting worker processes costs more than it saves.
PARALLEL_FROM = 16


def cached_all(wanted: list[Preview], cache: Path) -> list[Path]:
    """Each image's file in the cache, in order. Only images whose inputs changed (a new hash)
    are drawn; on a cold build, with many missing, they are drawn on every core."""
    paths = [cache / f"{preview.key()}.png" for preview in wanted]
    missing = {path: preview for path, preview in zip(paths, wanted, strict=True)
               if not path.is_file()}
    if not missing:
        return paths
    cache.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    if len(missing) < PARALLEL_FROM or cores < 2:
        for path, preview in missing.items():
            _store(path, preview)
    else:
        with ProcessPoolExecutor(max_workers=cores) as pool:
            chunk = max(1, len(missing) // (cores * 4))
            list(pool.map(_store, missing.keys(), missing.values(), chunksize=chunk))
    return paths


def _store(path: Path, preview: Preview) -> None:
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    temporary.write_bytes(draw(preview))
    temporary.replace(path)  # a half-written image never enters the cache
