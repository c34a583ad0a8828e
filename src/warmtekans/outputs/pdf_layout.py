"""A4 pages from blocks: headings, paragraphs, tables, bars and images laid out top to bottom, split over pages
where they do not fit, and drawn with matplotlib into one PDF (``PdfPages``). The layout of ``rapport.pdf``
(:mod:`warmtekans.outputs.report_pdf` says what is on the pages).

Text is measured with the font's own glyph widths (:class:`matplotlib.textpath.TextToPath`), so wrapping and
page breaks are decided before anything is drawn: :func:`paginate` is pure and a test can count the pages.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence, Union

#: A4 in inches, portrait and landscape.
A4_PORTRAIT = (8.27, 11.69)
A4_LANDSCAPE = (11.69, 8.27)
#: Page margins (inches): sides, top, and bottom (the footer sits inside the bottom margin).
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 0.75, 0.7, 0.75
#: Font sizes (pt). Nothing a reader needs is smaller than 7.5 pt.
TITLE_PT, HEADING_PT, BODY_PT, TABLE_PT, SMALL_PT, CAPTION_PT, FOOTER_PT = 17.0, 11.5, 9.5, 8.0, 8.0, 8.5, 7.5
#: Line height as a multiple of the font size.
LEADING = 1.32
INK, GREY, RULE, HEADER_FILL, ZEBRA = "#263238", "#5f6b73", "#b0bec5", "#e3e8eb", "#f5f7f8"
#: Baseline of a line under the top of its line box, as a multiple of the font size (DejaVu Sans: cap height
#: 0.73, descent 0.24, centred in the 1.32 leading).
BASELINE = 0.9
#: Padding inside a table cell (inches).
CELL_PAD_X, CELL_PAD_Y = 0.05, 0.035
POINTS = 72.0


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 is the page title, level 2 a section on the page."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the text width."""

    text: str
    size: float = BODY_PT
    bold: bool = False
    italic: bool = False
    colour: str = INK
    space_after: float = 0.08


@dataclass(frozen=True)
class Table:
    """A table: ``widths`` are shares of the text width; ``align`` per column ``l`` or ``r``; ``bold`` the
    columns set in bold. A table longer than the page continues on the next with its header repeated."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    align: str = ""
    bold: tuple[int, ...] = ()
    size: float = TABLE_PT


@dataclass(frozen=True)
class Bar:
    """A stacked horizontal bar of counts with a legend underneath (label, count, colour)."""

    items: tuple[tuple[str, int, str], ...]


@dataclass(frozen=True)
class Image:
    """A PNG filling the rest of the page, its aspect kept, with a caption under it."""

    path: str
    caption: str


@dataclass(frozen=True)
class Spacer:
    height: float = 0.12


Block = Union[Heading, Text, Table, Bar, Image, Spacer]


@dataclass(frozen=True)
class Section:
    """Content that starts on a new page: its title heads every page it fills (with ', vervolg' after the first)."""

    title: str
    blocks: tuple[Block, ...]
    landscape: bool = False
    contents_title: str | None = None  # the name in the table of contents (default: the title)
    show_title: bool = True  # False: the title only names the section in the contents (a map has its own)


@dataclass
class Page:
    """One page: the blocks placed on it, top to bottom."""

    section: Section
    blocks: list[Block] = field(default_factory=list)
    continued: bool = False

    @property
    def size(self) -> tuple[float, float]:
        return A4_LANDSCAPE if self.section.landscape else A4_PORTRAIT


# --- measuring text -------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` in inches at ``size`` pt (DejaVu Sans, matplotlib's default font)."""
    from matplotlib.font_manager import FontProperties

    if not text:
        return 0.0
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _, _ = _TEXT_TO_PATH().get_text_width_height_descent(text, prop, ismath=False)
    return width / POINTS


@functools.lru_cache(maxsize=1)
def _TEXT_TO_PATH():
    from matplotlib.textpath import TextToPath

    return TextToPath()


#: Spaces a line never breaks at: between a number and '%', and between groups of thousands ('13 300').
_UNBREAKABLE = re.compile(r"(?<=\d) (?=%)|(?<=\d) (?=\d{3}\b)")
NBSP = "\u00a0"


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches (at spaces, never inside '12 %' or '13 300'; a
    word wider than the line is cut). Newlines in ``text`` are kept."""
    lines: list[str] = []
    for paragraph in _UNBREAKABLE.sub(NBSP, str(text)).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width(word, size, bold) > width and len(word) > 1:  # a word alone wider than the line
                cut = max(1, len(word) - 1)
                while cut > 1 and text_width(word[:cut], size, bold) > width:
                    cut -= 1
                joints = [i + 1 for i, char in enumerate(word[:cut]) if char in "_-./–" and 0 < i + 1 < cut]
                cut = joints[-1] if joints else cut  # after a '_', '-' or '.' of a file name where it can
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def line_height(size: float) -> float:
    """Height of one line of text (inches)."""
    return size * LEADING / POINTS


# --- block heights and splitting ------------------------------------------------------------------------------

def _text_lines(block: Text, width: float) -> list[str]:
    return wrap(block.text, width, block.size, block.bold)


def _heading_size(block: Heading) -> float:
    return TITLE_PT if block.level == 1 else HEADING_PT


def _cell_lines(table: Table, row: Sequence[str], width: float, *, header: bool = False
                ) -> list[list[tuple[str, bool]]]:
    """Per cell its lines with their weight: a header in bold; in a ``bold`` column the first paragraph in bold
    and what follows a newline in the regular weight (a name, then its details)."""
    cells = []
    for column, (cell, share) in enumerate(zip(row, table.widths)):
        room = share * width - 2 * CELL_PAD_X
        first, _, rest = str(cell).partition("\n")
        bold = header or column in table.bold
        lines = [(line, bold) for line in wrap(first, room, table.size, bold)]
        if rest:
            lines += [(line, header) for line in wrap(rest, room, table.size, header)]
        cells.append(lines)
    return cells


def _row_height(table: Table, row: Sequence[str], width: float, *, header: bool = False) -> float:
    lines = max((len(cell) for cell in _cell_lines(table, row, width, header=header)), default=1)
    return lines * line_height(table.size) + 2 * CELL_PAD_Y


def _bar_legend_lines(block: Bar, width: float) -> list[list[int]]:
    """The legend entries of a bar, per line (indices into ``block.items``)."""
    lines: list[list[int]] = [[]]
    used = 0.0
    for index, (label, count, _) in enumerate(block.items):
        entry = _legend_entry_width(label, count, block)
        if lines[-1] and used + entry > width:
            lines.append([])
            used = 0.0
        lines[-1].append(index)
        used += entry
    return lines


def _legend_entry_width(label: str, count: int, block: Bar) -> float:
    return 0.18 + text_width(legend_text(label, count, block), SMALL_PT) + 0.22


def legend_text(label: str, count: int, block: Bar) -> str:
    """'label: 1 234 (56 %)' for a bar's legend."""
    total = sum(c for _, c, _ in block.items)
    share = f" ({share_text(count / total)})" if total else ""
    return f"{label}: {count_text(count)}{share}"


def share_text(share: float) -> str:
    """A share (0–1) as '12 %', and a share above 0 that rounds to 0 as '< 1 %' (never '0 %' for 1 dwelling)."""
    return f"<{NBSP}1{NBSP}%" if 0 < share < 0.005 else f"{100 * share:.0f}{NBSP}%"


def count_text(value: float) -> str:
    """A count with a space between thousands, as Dutch reports write it: '13 300'."""
    return f"{value:,.0f}".replace(",", NBSP)


BAR_HEIGHT = 0.3


def block_height(block: Block, width: float) -> float:
    """Height (inches) of a block that is not an image, at text width ``width``."""
    if isinstance(block, Heading):
        size = _heading_size(block)
        before = 0.0 if block.level == 1 else 0.1
        return before + len(wrap(block.text, width, size, True)) * line_height(size) + 0.1
    if isinstance(block, Text):
        return len(_text_lines(block, width)) * line_height(block.size) + block.space_after
    if isinstance(block, Table):
        return (_row_height(block, block.header, width, header=True)
                + sum(_row_height(block, row, width) for row in block.rows) + 0.14)
    if isinstance(block, Bar):
        return BAR_HEIGHT + 0.1 + len(_bar_legend_lines(block, width)) * line_height(SMALL_PT) * 1.25 + 0.12
    if isinstance(block, Spacer):
        return block.height
    raise TypeError(f"no height for {block!r}")


def _page_body(page_size: tuple[float, float]) -> tuple[float, float]:
    """Text width and body height of a page (inches)."""
    width, height = page_size
    return width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM


def _title_block(section: Section, continued: bool) -> Block:
    if not section.show_title:
        return Spacer(0.0)
    return Heading(f"{section.title}, vervolg" if continued else section.title, level=1)


def paginate(sections: Sequence[Section]) -> list[Page]:
    """Lay the sections out on pages: each section starts a page, blocks follow top to bottom, a table that does
    not fit is split between rows (its header repeated), a paragraph between lines; an image takes the rest of
    its page. Pure: nothing is drawn."""
    pages: list[Page] = []
    for section in sections:
        size = A4_LANDSCAPE if section.landscape else A4_PORTRAIT
        width, body = _page_body(size)
        page = Page(section)
        free = body - block_height(_title_block(section, False), width)
        queue = list(section.blocks)
        while queue:
            block = queue.pop(0)
            if isinstance(block, Image):
                page.blocks.append(block)
                continue
            need = block_height(block, width)
            keep_with_next = isinstance(block, Heading) and bool(queue)
            if keep_with_next:  # a heading never ends a page: it needs room for the start of what follows
                need += _first_part_height(queue[0], width)
            if need <= free:
                page.blocks.append(block)
                free -= block_height(block, width)
                continue
            part, rest = (None, block) if keep_with_next else _split(block, free, width)
            if part is None and not page.blocks:  # not even a part fits an empty page: place it whole
                part, rest = block, None
            if part is not None:
                page.blocks.append(part)
                free -= block_height(part, width)
            if rest is not None:
                queue.insert(0, rest)
                pages.append(page)
                page = Page(section, continued=True)
                free = body - block_height(_title_block(section, True), width)
        pages.append(page)
    return pages


def _first_part_height(block: Block, width: float) -> float:
    """The least of ``block`` that must follow a heading on the same page: a table's header and first row, two
    lines of a paragraph, a whole bar."""
    if isinstance(block, Table) and block.rows:
        return _row_height(block, block.header, width, header=True) + _row_height(block, block.rows[0], width)
    if isinstance(block, Text):
        return min(2, len(_text_lines(block, width))) * line_height(block.size)
    if isinstance(block, Image):
        return 2.0
    return block_height(block, width)


def _split(block: Block, free: float, width: float) -> tuple[Block | None, Block | None]:
    """The part of ``block`` that fits in ``free`` inches and the rest (``None`` when nothing fits or nothing
    is left). Headings, bars and spacers do not split."""
    if isinstance(block, Table):
        used = _row_height(block, block.header, width, header=True) + 0.14
        count = 0
        for row in block.rows:
            used += _row_height(block, row, width)
            if used > free:
                break
            count += 1
        if count == 0:
            return None, block
        if count == len(block.rows):
            return block, None
        return (Table(block.header, block.rows[:count], block.widths, block.align, block.bold, block.size),
                Table(block.header, block.rows[count:], block.widths, block.align, block.bold, block.size))
    if isinstance(block, Text):
        lines = _text_lines(block, width)
        fit = int((free - block.space_after) // line_height(block.size))
        if fit <= 0:
            return None, block
        if fit >= len(lines):
            return block, None
        first = Text("\n".join(lines[:fit]), block.size, block.bold, block.italic, block.colour, 0.0)
        return first, Text("\n".join(lines[fit:]), block.size, block.bold, block.italic, block.colour,
                           block.space_after)
    return None, block


# --- drawing --------------------------------------------------------------------------------------------------

def write_pdf(path: str | Path, pages: Sequence[Page], *, footer: str, title: str, subject: str = "") -> None:
    """Draw ``pages`` into the PDF ``path`` (written as it is: the caller makes it atomic); every page gets
    ``footer`` and 'pagina i van n'. The PDF's metadata carry ``title`` and no creation date, so the file
    depends only on its content."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    metadata = {"Title": title, "Subject": subject, "Creator": "warmtekans", "CreationDate": None}
    with PdfPages(str(path), metadata=metadata) as pdf:
        for number, page in enumerate(pages, start=1):
            figure = Figure(figsize=page.size)
            _draw_page(figure, page, f"{footer}  ·  pagina {number} van {len(pages)}")
            pdf.savefig(figure)


def _draw_page(figure, page: Page, footer: str) -> None:
    width, height = page.size
    text_width_in, _ = _page_body(page.size)
    y = height - MARGIN_TOP
    blocks = [_title_block(page.section, page.continued), *page.blocks]
    for block in blocks:
        if isinstance(block, Image):
            _draw_image(figure, block, y, page.size)
            continue
        _DRAW[type(block)](figure, block, MARGIN_X, y, text_width_in)
        y -= block_height(block, text_width_in)
    figure.text(MARGIN_X / width, 0.4 / height, footer, fontsize=FOOTER_PT, color=GREY, va="baseline",
                parse_math=False)
    figure.add_artist(_rule(figure, MARGIN_X, width - MARGIN_X, 0.55, RULE, 0.5))


def _rule(figure, x0: float, x1: float, y: float, colour: str, width_pt: float):
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=figure.dpi_scale_trans, color=colour, linewidth=width_pt)


def _put(figure, x: float, y: float, text: str, size: float, *, bold=False, italic=False, colour=INK,
         ha="left") -> None:
    """Text whose first line's top is at (x, y) inches from the lower-left corner, one line every
    :func:`line_height` (the height the layout measured)."""
    for number, line in enumerate(text.split("\n")):
        if line:
            figure.text(x, y - number * line_height(size) - BASELINE * size / POINTS, line,
                        transform=figure.dpi_scale_trans, fontsize=size, va="baseline", ha=ha,
                        fontweight="bold" if bold else "normal", fontstyle="italic" if italic else "normal",
                        color=colour, parse_math=False)


def _draw_heading(figure, block: Heading, x: float, y: float, width: float) -> None:
    size = _heading_size(block)
    before = 0.0 if block.level == 1 else 0.1
    _put(figure, x, y - before, "\n".join(wrap(block.text, width, size, True)), size, bold=True)
    if block.level == 1:
        lines = len(wrap(block.text, width, size, True))
        figure.add_artist(_rule(figure, x, x + width, y - lines * line_height(size) - 0.03, INK, 0.8))


def _draw_text(figure, block: Text, x: float, y: float, width: float) -> None:
    _put(figure, x, y, "\n".join(_text_lines(block, width)), block.size, bold=block.bold, italic=block.italic,
         colour=block.colour)


def _draw_table(figure, block: Table, x: float, y: float, width: float) -> None:
    from matplotlib.patches import Rectangle

    align = block.align or "l" * len(block.header)
    rows = [(block.header, True), *[(row, False) for row in block.rows]]
    for index, (row, header) in enumerate(rows):
        row_height = _row_height(block, row, width, header=header)
        fill = HEADER_FILL if header else (ZEBRA if index % 2 == 0 else None)
        if fill:
            figure.add_artist(Rectangle((x, y - row_height), width, row_height, transform=figure.dpi_scale_trans,
                                        facecolor=fill, edgecolor="none"))
        left = x
        for column, lines in enumerate(_cell_lines(block, row, width, header=header)):
            cell_width = block.widths[column] * width
            right = align[column] == "r"
            for number, (line, bold) in enumerate(lines):
                _put(figure, left + (cell_width - CELL_PAD_X if right else CELL_PAD_X),
                     y - CELL_PAD_Y - number * line_height(block.size), line, block.size, bold=bold,
                     ha="right" if right else "left")
            left += cell_width
        y -= row_height
        figure.add_artist(_rule(figure, x, x + width, y, INK if header else RULE, 0.6 if header else 0.3))


def _draw_bar(figure, block: Bar, x: float, y: float, width: float) -> None:
    from matplotlib.patches import Rectangle

    total = sum(count for _, count, _ in block.items)
    left = x
    for label, count, colour in block.items:
        share = count / total if total else 0.0
        figure.add_artist(Rectangle((left, y - BAR_HEIGHT), share * width, BAR_HEIGHT,
                                    transform=figure.dpi_scale_trans, facecolor=colour, edgecolor="white",
                                    linewidth=0.6))
        label_text = share_text(share)
        if share * width > text_width(label_text, SMALL_PT) + 0.08:
            _put(figure, left + share * width / 2, y - (BAR_HEIGHT - line_height(SMALL_PT)) / 2 - 0.01,
                 label_text, SMALL_PT, colour=_contrast(colour), ha="center")
        left += share * width
    top = y - BAR_HEIGHT - 0.1
    for line in _bar_legend_lines(block, width):
        left = x
        for index in line:
            label, count, colour = block.items[index]
            figure.add_artist(Rectangle((left, top - 0.12), 0.12, 0.12, transform=figure.dpi_scale_trans,
                                        facecolor=colour, edgecolor="#616161", linewidth=0.3))
            _put(figure, left + 0.18, top + 0.005, legend_text(label, count, block), SMALL_PT)
            left += _legend_entry_width(label, count, block)
        top -= line_height(SMALL_PT) * 1.25


def _contrast(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (relative luminance, WCAG)."""
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return INK if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45 else "white"


def _draw_image(figure, block: Image, y: float, page_size: tuple[float, float]) -> None:
    """The image under ``y``, as large as the page allows above its caption (the text width), centred."""
    from matplotlib.image import imread

    width, _ = _page_body(page_size)
    caption = wrap(block.caption, width, CAPTION_PT)
    room = y - 0.1 - MARGIN_BOTTOM - len(caption) * line_height(CAPTION_PT) - 0.15
    pixels = imread(block.path)
    aspect = pixels.shape[1] / pixels.shape[0]
    shown_w = min(width, room * aspect)
    shown_h = shown_w / aspect
    left, top = MARGIN_X + (width - shown_w) / 2, y - 0.1
    page_w, page_h = page_size
    axes = figure.add_axes((left / page_w, (top - shown_h) / page_h, shown_w / page_w, shown_h / page_h))
    axes.imshow(pixels, interpolation="none")  # a vector backend embeds the PNG unsampled
    axes.set_axis_off()
    _put(figure, MARGIN_X, top - shown_h - 0.12, "\n".join(caption), CAPTION_PT, italic=True, colour=GREY)


_DRAW = {Heading: _draw_heading, Text: _draw_text, Table: _draw_table, Bar: _draw_bar,
         Spacer: lambda *args: None}
