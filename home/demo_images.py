"""Illustrations for the demo content, drawn with Pillow at load time.

The portal ships no downloaded photos: every demo article gets a poster made of simple shapes
and its Vietnamese title, in the department's colours.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 675
GOLD = (246, 195, 68)
WHITE = (255, 255, 255)

FONT_CANDIDATES = {
    True: [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/Library/Fonts/Arial Bold.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
    ],
    False: [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/Library/Fonts/Arial.ttf",
        "C:/Windows/Fonts/arial.ttf",
    ],
}

THEMES = {
    "shield": ((92, 8, 8), (163, 21, 21)),
    "warning": ((58, 12, 40), (140, 30, 30)),
    "chart": ((70, 10, 10), (122, 12, 12)),
    "traffic": ((12, 36, 74), (28, 74, 130)),
    "fire": ((110, 20, 6), (196, 64, 16)),
    "patrol": ((20, 28, 48), (92, 8, 8)),
    "people": ((92, 8, 8), (150, 40, 20)),
    "phone": ((40, 16, 60), (122, 12, 12)),
}


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A TrueType font with Vietnamese glyphs when the machine has one (DejaVu on Debian)."""
    for candidate in FONT_CANDIDATES[bold]:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _wrap(draw: ImageDraw.ImageDraw, text: str, face, max_width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=face) <= max_width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _gradient(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), top)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        ratio = y / (HEIGHT - 1)
        colour = tuple(round(top[i] + (bottom[i] - top[i]) * ratio) for i in range(3))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    return image


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    import math

    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def _draw_icon(draw: ImageDraw.ImageDraw, kind: str, cx: int, cy: int, size: int) -> None:
    s = size
    if kind in {"shield", "people", "patrol"}:
        shield = [
            (cx - s, cy - s),
            (cx + s, cy - s),
            (cx + s, cy + s * 0.2),
            (cx, cy + s * 1.2),
            (cx - s, cy + s * 0.2),
        ]
        draw.polygon(shield, fill=GOLD)
        inner = [(x * 0.86 + cx * 0.14, y * 0.86 + cy * 0.14) for x, y in shield]
        draw.polygon(inner, fill=(163, 21, 21))
        draw.polygon(_star(cx, cy, s * 0.55, s * 0.22), fill=GOLD)
        if kind == "people":
            for dx in (-1.45, 1.45):
                hx = cx + dx * s
                draw.ellipse([hx - s * 0.28, cy + s * 0.35, hx + s * 0.28, cy + s * 0.91], fill=WHITE)
                draw.rounded_rectangle(
                    [hx - s * 0.45, cy + s * 0.98, hx + s * 0.45, cy + s * 1.6], radius=int(s * 0.2), fill=WHITE
                )
        if kind == "patrol":
            draw.rectangle([cx - s * 1.4, cy + s * 1.35, cx + s * 1.4, cy + s * 1.45], fill=WHITE)
    elif kind == "warning":
        draw.polygon([(cx, cy - s * 1.1), (cx + s * 1.2, cy + s), (cx - s * 1.2, cy + s)], fill=GOLD)
        draw.rectangle([cx - s * 0.1, cy - s * 0.45, cx + s * 0.1, cy + s * 0.35], fill=(30, 30, 30))
        draw.ellipse([cx - s * 0.13, cy + s * 0.5, cx + s * 0.13, cy + s * 0.76], fill=(30, 30, 30))
    elif kind == "chart":
        base = cy + s
        for i, height in enumerate((0.6, 1.3, 0.9, 1.8)):
            left = cx - s * 1.2 + i * s * 0.62
            draw.rectangle([left, base - height * s, left + s * 0.45, base], fill=GOLD if i == 3 else WHITE)
        draw.line([(cx - s * 1.3, base + 6), (cx + s * 1.3, base + 6)], fill=GOLD, width=6)
    elif kind == "traffic":
        draw.rounded_rectangle(
            [cx - s * 0.5, cy - s * 1.2, cx + s * 0.5, cy + s * 1.2], radius=int(s * 0.25), fill=(25, 25, 25)
        )
        for i, colour in enumerate(((220, 40, 40), GOLD, (40, 190, 90))):
            y = cy - s * 0.8 + i * s * 0.8
            draw.ellipse([cx - s * 0.3, y - s * 0.3, cx + s * 0.3, y + s * 0.3], fill=colour)
    elif kind == "fire":
        draw.polygon(
            [
                (cx, cy - s * 1.3),
                (cx + s * 0.9, cy + s * 0.2),
                (cx + s * 0.6, cy + s),
                (cx - s * 0.6, cy + s),
                (cx - s * 0.9, cy + s * 0.2),
            ],
            fill=GOLD,
        )
        draw.polygon(
            [
                (cx, cy - s * 0.4),
                (cx + s * 0.45, cy + s * 0.4),
                (cx + s * 0.3, cy + s),
                (cx - s * 0.3, cy + s),
                (cx - s * 0.45, cy + s * 0.4),
            ],
            fill=WHITE,
        )
        draw.rectangle([cx - s * 1.1, cy + s * 1.05, cx + s * 1.1, cy + s * 1.2], fill=WHITE)
    elif kind == "phone":
        draw.rounded_rectangle([cx - s * 0.6, cy - s * 1.1, cx + s * 0.6, cy + s * 1.1], radius=int(s * 0.2), fill=GOLD)
        draw.rectangle([cx - s * 0.48, cy - s * 0.9, cx + s * 0.48, cy + s * 0.75], fill=(30, 30, 30))
        draw.text((cx, cy - s * 0.1), "!", font=font(int(s * 0.9)), fill=GOLD, anchor="mm")
        draw.ellipse([cx - s * 0.1, cy + s * 0.85, cx + s * 0.1, cy + s * 1.02], fill=(30, 30, 30))


def poster(*, title: str, label: str, kind: str = "shield", footer: str = "CÔNG AN THÀNH PHỐ · ẢNH MINH HỌA") -> bytes:
    """A 1200×675 PNG: gradient, an icon for `kind`, the category `label` and the `title`."""
    top, bottom = THEMES.get(kind, THEMES["shield"])
    image = _gradient(top, bottom)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        radius = 260 + i * 70
        draw.ellipse(
            [930 - radius, 300 - radius, 930 + radius, 300 + radius],
            outline=tuple(min(c + 18, 255) for c in bottom),
            width=3,
        )
    _draw_icon(draw, kind, 930, 290, 130)
    draw.rectangle([0, 0, WIDTH, 14], fill=GOLD)
    draw.rectangle([0, HEIGHT - 64, WIDTH, HEIGHT], fill=(20, 20, 20))
    draw.text((48, HEIGHT - 32), footer, font=font(24), fill=GOLD, anchor="lm")

    label_face = font(28)
    label_text = label.upper()
    label_width = draw.textlength(label_text, font=label_face)
    draw.rounded_rectangle([48, 56, 48 + label_width + 36, 106], radius=10, fill=GOLD)
    draw.text((66, 81), label_text, font=label_face, fill=(30, 20, 0), anchor="lm")

    size = 54
    title_face = font(size)
    lines = _wrap(draw, title, title_face, 660)
    while len(lines) > 6 and size > 30:
        size -= 4
        title_face = font(size)
        lines = _wrap(draw, title, title_face, 660)
    y = 150
    for line in lines:
        draw.text((48, y), line, font=title_face, fill=WHITE)
        y += int(size * 1.25)

    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
