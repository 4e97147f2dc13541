"""The slides of a briefing pack as files: a PowerPoint deck (:func:`pptx_bytes`, python-pptx,
the ``brief`` extra) and one HTML document of 16:9 pages that Chromium prints to a PDF with the
same pages (:func:`pdf_page_html`; text stays text). What each slide holds comes from
:mod:`routes.outputs.slides`. Every string reaches the HTML escaped; the same slides give the
same bytes (:func:`stable_zip`, :func:`stable_pdf`).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io

from routes.errors import SlidesError
from routes.model.hiddentext import html_isolated, isolated, visible
from routes.outputs.slides import (
    BODY_PT,
    FOOT_BOX,
    FOOT_PT,
    MAP_BOX,
    PAGE_PX,
    SLIDE_EMU,
    TABLE_PT,
    TEXT_BOX,
    TITLE_BOX,
    TITLE_PT,
    Box,
    Slide,
    Theme,
    row_height_in,
    text_lines,
    theme_named,
)
from routes.render.assets import font_css  # the map pages' own typeface, carried in the deck too


def pptx_bytes(slides: list[Slide], images: list[bytes], day: dt.date | None = None, theme: str = "light") -> bytes:
    """The slides as a PowerPoint file (``.pptx``), 16:9, laid out for a projector: a step's
    title across the top, its map picture on the left, its text, the day the map shows and
    its claims (a native table) on the right, its sources and credits in one line at the foot
    and in full in the speaker notes (boxes of :mod:`routes.outputs.slides`). Every box is
    placed and sized here (the default template's placeholders are laid out for 4:3); type
    is never under 12 pt and never shrunk by the file; colours from ``theme``
    (:data:`routes.outputs.slides.THEMES`). The same slides give the same bytes: the file's
    dates are ``day`` (the case's as-of date).
    """
    try:
        from pptx import Presentation
        from pptx.dml.color import RGBColor
        from pptx.enum.text import MSO_AUTO_SIZE
        from pptx.util import Emu, Inches, Pt
    except ImportError:  # pragma: no cover - the brief extra is missing
        raise SlidesError("PowerPoint output needs python-pptx: pip install 'routes-map[brief]'") from None
    width, height = SLIDE_EMU
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(width), Emu(height)
    colours = theme_named(theme)
    ink, grey = RGBColor.from_string(colours.text), RGBColor.from_string(colours.muted)

    def place(shape, box: Box):
        shape.left, shape.top = Inches(box.left), Inches(box.top)
        shape.width, shape.height = Inches(box.width), Inches(box.height)

    def fill(frame, paragraphs, *, wrap: bool = True):
        """Paragraphs of (text, points, bold) into a text frame, as they are (no shrinking)."""
        frame.word_wrap = wrap
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for number, (text, points, bold) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.text = isolated(text)  # hidden characters escaped, RTL text isolated
            paragraph.font.size = Pt(points)
            paragraph.font.bold = bold
            paragraph.font.color.rgb = ink
            paragraph.space_after = Pt(points * 0.35)
        return frame

    def titled(slide: Slide, layout: int = 5):
        page = deck.slides.add_slide(deck.slide_layouts[layout])
        title = page.shapes.title
        place(title, TITLE_BOX)
        title.text_frame.clear()
        fill(title.text_frame, [(slide.title, TITLE_PT, True)])
        return page

    def paint(page):
        page.background.fill.solid()
        page.background.fill.fore_color.rgb = RGBColor.from_string(colours.background)

    for slide in slides:
        if slide.kind == "title":
            page = deck.slides.add_slide(deck.slide_layouts[0])
            place(page.shapes.title, Box(1, 1.4, 11.33, 2.2))
            fill(page.shapes.title.text_frame, [(slide.title, 36, True)])
            subtitle = page.placeholders[1]
            place(subtitle, Box(1, 3.8, 11.33, 3.2))
            fill(subtitle.text_frame, [(slide.text, 20, False), *((line, BODY_PT, False) for line in slide.lines)])
        elif slide.kind == "step":
            page = titled(slide)
            assert slide.image is not None
            page.shapes.add_picture(
                io.BytesIO(images[slide.image]),
                Inches(MAP_BOX.left),
                Inches(MAP_BOX.top),
                Inches(MAP_BOX.width),
                Inches(MAP_BOX.height),
            )
            column = TEXT_BOX  # boxes stacked in whole EMU: each starts where the one above ends
            left, right, bottom = (
                Inches(column.left),
                Inches(column.left + column.width),
                Inches(column.top + column.height),
            )
            text = [(slide.text, slide.body_pt, False)] if slide.text else []
            lines = [*text, *((line, slide.body_pt, True) for line in slide.lines)]
            used = sum(text_lines(t, column.width - 0.1, p) * p * 1.25 / 72 for t, p, _ in lines) + 0.12
            box = page.shapes.add_textbox(left, Inches(column.top), right - left, Inches(used))
            fill(box.text_frame, lines)
            top = box.top + box.height
            if slide.table:
                rows = [Inches(row_height_in(tuple(r))) for r in slide.table]
                shape = page.shapes.add_table(len(slide.table), 2, left, top, right - left, sum(rows))
                grid = shape.table
                grid.columns[0].width = Inches(column.width * 0.55)
                grid.columns[1].width = right - left - grid.columns[0].width
                for row_number, (row, row_emu) in enumerate(zip(slide.table, rows, strict=True)):
                    grid.rows[row_number].height = row_emu
                    for number, value in enumerate(row):
                        cell = grid.cell(row_number, number)
                        cell.text = isolated(value)
                        cell.margin_top = cell.margin_bottom = Inches(0.03)
                        for paragraph in cell.text_frame.paragraphs:
                            paragraph.font.size = Pt(TABLE_PT)
                            paragraph.font.bold = row_number == 0
                            paragraph.font.color.rgb = ink
                        cell.fill.solid()
                        cell.fill.fore_color.rgb = RGBColor.from_string(
                            colours.header if row_number == 0 else colours.background
                        )
                top = shape.top + sum(rows) + Inches(0.1)
            if slide.more:
                more = page.shapes.add_textbox(left, top, right - left, max(Inches(0.3), bottom - top))
                fill(more.text_frame, [(slide.more, TABLE_PT, False)])
        else:
            page = titled(slide)
            box = page.shapes.add_textbox(0, 0, 0, 0)
            place(box, Box(TITLE_BOX.left, MAP_BOX.top, TITLE_BOX.width, FOOT_BOX.top - MAP_BOX.top))
            licences = slide.footer.splitlines() if slide.footer else []
            fill(
                box.text_frame,
                [
                    (slide.text, BODY_PT, True),
                    *((line, TABLE_PT, False) for line in slide.lines),
                    *(("Map data", TABLE_PT, True),) * bool(licences),
                    *((line, TABLE_PT, False) for line in licences),
                ],
            )
        if slide.kind == "step" and slide.footer:
            small = page.shapes.add_textbox(0, 0, 0, 0)
            place(small, FOOT_BOX)
            fill(small.text_frame, [(slide.footer, FOOT_PT, False)], wrap=False)
            small.text_frame.paragraphs[0].font.color.rgb = grey
        paint(page)
        page.notes_slide.notes_text_frame.text = isolated(slide.notes)
    when = dt.datetime.combine(day or dt.date(2000, 1, 1), dt.time())
    properties = deck.core_properties
    properties.title, properties.author, properties.last_modified_by = isolated(slides[0].title), "routes", "routes"
    properties.subject = isolated(slides[0].text)
    properties.comments = "Made with routes; figures from different claimants are never added up."
    properties.created = properties.modified = when
    properties.revision = 1
    buffer = io.BytesIO()
    deck.save(buffer)
    return stable_zip(buffer.getvalue(), when)


def stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """A zip file (a ``.pptx``) with every member dated ``when``: the same content, the same bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def stable_pdf(data: bytes, day: dt.date | None) -> bytes:
    """Chromium's PDF with its creation and modification dates set to ``day`` (same length,
    so the file's offsets stay right): the same pages, the same bytes."""
    import re

    stamp = f"D:{(day or dt.date(2000, 1, 1)):%Y%m%d}000000+00'00'".encode("ascii")

    def fix(match: re.Match) -> bytes:
        return match.group(1) + stamp + b")" if len(match.group(2)) == len(stamp) else match.group(0)

    return re.sub(rb"(/(?:CreationDate|ModDate) \()(D:[0-9]{14}[^)]{0,8})\)", fix, data)


def _css(colours: Theme) -> str:
    """The PDF's page style: the same boxes, points and colours as the PowerPoint deck."""

    def at(box: Box) -> str:
        left, top, w, h = box.px()
        return f"position: absolute; left: {left}px; top: {top}px; width: {w}px; height: {h}px;"

    return f"""
@page {{ size: {PAGE_PX[0]}px {PAGE_PX[1]}px; margin: 0; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: "Noto Sans", "Liberation Sans", Arial, sans-serif; color: #{colours.text};
  background: #{colours.background}; }}
section {{ position: relative; width: {PAGE_PX[0]}px; height: {PAGE_PX[1]}px; overflow: hidden;
  page-break-after: always; break-after: page; }}
section:last-child {{ page-break-after: auto; break-after: auto; }}
h1 {{ {at(TITLE_BOX)} margin: 0; font-size: {TITLE_PT}pt; line-height: 1.1; display: flex; align-items: center; }}
.title h1 {{ {at(Box(1, 1.4, 11.33, 2.2))} font-size: 36pt; align-items: flex-end; }}
.title .sub {{ {at(Box(1, 3.8, 11.33, 3.2))} font-size: 20pt; color: #{colours.muted}; }}
.title .sub p {{ font-size: {BODY_PT}pt; margin: 10px 0 0 0; }}
.map {{ {at(MAP_BOX)} object-fit: fill; }}
.column {{ {at(TEXT_BOX)} }}
.column p {{ margin: 0 0 0.35em 0; line-height: 1.25; }}
.shown {{ font-weight: 700; }}
table.claims {{ border-collapse: collapse; width: 100%; font-size: {TABLE_PT}pt; margin-top: 6px; }}
table.claims th {{ background: #{colours.header}; }}
table.claims th, table.claims td {{ text-align: left; padding: 3px 8px 3px 4px; border-bottom: 1px solid #{colours.rule};
  vertical-align: top; width: 55%; }}
table.claims td + td, table.claims th + th {{ width: 45%; }}
.more {{ font-size: {TABLE_PT}pt; margin-top: 6px; line-height: 1.25; }}
.foot {{ {at(FOOT_BOX)} font-size: {FOOT_PT}pt; color: #{colours.muted}; white-space: nowrap; overflow: hidden;
  display: flex; align-items: center; }}
.list {{ {at(Box(TITLE_BOX.left, MAP_BOX.top, TITLE_BOX.width, FOOT_BOX.top - MAP_BOX.top))} }}
.list p {{ font-size: {TABLE_PT}pt; margin: 0 0 4px 0; line-height: 1.25; }}
.list p.head {{ font-size: {BODY_PT}pt; font-weight: 700; margin-bottom: 8px; }}
"""


def pdf_page_html(slides: list[Slide], images: list[bytes], theme: str = "light") -> str:
    """One HTML document with a 13.33 x 7.5 in page (1280x720 CSS pixels) per slide, the same
    boxes and type as :func:`pptx_bytes` (pictures as ``data:`` URLs), for Chromium to print
    as the PDF deck. What the deck puts in speaker notes is on the page or on the sources
    pages, never referred to. Colours from ``theme``. Escapes every string; hidden characters
    show as escapes and right-to-left text is isolated in ``<bdi>`` (:mod:`routes.model.hiddentext`)."""
    esc = html_isolated

    def attribute(text: str) -> str:
        return html.escape(visible(text), quote=True)

    sections = []
    for slide in slides:
        parts = [f"<h1>{esc(slide.title)}</h1>"]
        if slide.kind == "title":
            lines = "".join(f"<p>{esc(line)}</p>" for line in slide.lines)
            parts.append(f'<div class="sub">{esc(slide.text)}{lines}</div>')
        elif slide.kind == "step":
            assert slide.image is not None
            data = base64.b64encode(images[slide.image]).decode("ascii")
            parts.append(f'<img class="map" alt="{attribute(slide.title)}: map" src="data:image/png;base64,{data}">')
            body = f"font-size: {slide.body_pt}pt"
            column = [f'<p style="{body}">{esc(slide.text)}</p>'] if slide.text else []
            column += [f'<p class="shown" style="{body}">{esc(line)}</p>' for line in slide.lines]
            if slide.table:
                head, *rows = slide.table
                cells = "<tr>" + "".join(f"<th>{esc(c)}</th>" for c in head) + "</tr>"
                cells += "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
                column.append(f'<table class="claims">{cells}</table>')
            if slide.more:
                column.append(f'<div class="more">{esc(slide.more)}</div>')
            parts.append(f'<div class="column">{"".join(column)}</div>')
            if slide.footer:
                parts.append(f'<div class="foot">{esc(slide.footer)}</div>')
        else:
            items = "".join(f"<p>{esc(line)}</p>" for line in slide.lines)
            licences = slide.footer.splitlines() if slide.footer else []
            if licences:
                items += '<p class="head">Map data</p>' + "".join(f"<p>{esc(line)}</p>" for line in licences)
            parts.append(f'<div class="list"><p class="head">{esc(slide.text)}</p>{items}</div>')
        sections.append(f'<section class="{slide.kind}">{"".join(parts)}</section>')
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>'
        f"{attribute(slides[0].title)}</title><style>{font_css()}</style>"
        f"<style>{_css(theme_named(theme))}</style></head><body>\n" + "\n".join(sections) + "\n</body></html>\n"
    )
