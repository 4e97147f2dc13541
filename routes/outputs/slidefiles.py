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
from routes.outputs.slides import PAGE_PX, SLIDE_EMU, Slide


def pptx_bytes(slides: list[Slide], images: list[bytes], day: dt.date | None = None) -> bytes:
    """The slides as a PowerPoint file (``.pptx``), 16:9: a step's map on the left, its text
    and claims on the right; every box placed and sized here (the default template's
    placeholders are laid out for 4:3), text that is too long shrinks to fit its box. The
    same slides give the same bytes: the file's dates are ``day`` (the case's as-of date).
    """
    try:
        from pptx import Presentation
        from pptx.enum.text import MSO_AUTO_SIZE
        from pptx.util import Emu, Inches, Pt
    except ImportError:  # pragma: no cover - the brief extra is missing
        raise SlidesError("PowerPoint output needs python-pptx: pip install 'routes-map[brief]'") from None
    width, height = SLIDE_EMU
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(width), Emu(height)
    margin = Inches(0.5)
    inner = width - 2 * margin

    def place(shape, left, top, box_width, box_height):
        shape.left, shape.top, shape.width, shape.height = int(left), int(top), int(box_width), int(box_height)

    def fill(frame, paragraphs, *, fit: bool = True):
        """Paragraphs of (text, points, bold) into a text frame, wrapped, shrunk to fit."""
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE if fit else MSO_AUTO_SIZE.NONE
        for number, (text, points, bold) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.font.size = Pt(points)
            paragraph.font.bold = bold
            paragraph.space_after = Pt(4)

    def titled(slide: Slide, layout: int = 5):
        page = deck.slides.add_slide(deck.slide_layouts[layout])
        title = page.shapes.title
        place(title, margin, Inches(0.3), inner, Inches(0.85))
        title.text_frame.clear()
        fill(title.text_frame, [(slide.title, 28, True)])
        return page

    for slide in slides:
        if slide.kind == "title":
            page = deck.slides.add_slide(deck.slide_layouts[0])
            place(page.shapes.title, Inches(1), Inches(2.0), width - 2 * Inches(1), Inches(1.9))
            fill(page.shapes.title.text_frame, [(slide.title, 36, True)])
            subtitle = page.placeholders[1]
            place(subtitle, Inches(1), Inches(4.0), width - 2 * Inches(1), Inches(2.6))
            fill(subtitle.text_frame, [(slide.text, 18, False), *((line, 14, False) for line in slide.lines)])
        elif slide.kind == "step":
            page = titled(slide)
            assert slide.image is not None
            picture_width = int(inner * (0.55 if slide.table else 0.7))
            picture_height = int(picture_width * PAGE_PX[1] / PAGE_PX[0])
            page.shapes.add_picture(
                io.BytesIO(images[slide.image]), margin, Inches(1.25), picture_width, picture_height
            )
            left = margin + picture_width + Inches(0.25)
            box = page.shapes.add_textbox(left, Inches(1.25), width - margin - left, picture_height)
            text = [(slide.text, 14, False)] if slide.text else []
            fill(box.text_frame, [*text, *((line, 12, True) for line in slide.lines)])
            if slide.table:
                top = Inches(1.25) + picture_height + Inches(0.12)
                shape = page.shapes.add_table(
                    len(slide.table), len(slide.table[0]), margin, top, inner, height - top - Inches(0.1)
                )
                grid = shape.table
                for column, share in enumerate((0.22, 0.45, 0.23, 0.10)):
                    grid.columns[column].width = int(inner * share)
                for row_number, row in enumerate(slide.table):
                    grid.rows[row_number].height = Inches(0.24)
                    for column, value in enumerate(row):
                        cell = grid.cell(row_number, column)
                        cell.text = value
                        cell.margin_top = cell.margin_bottom = Inches(0.02)
                        for paragraph in cell.text_frame.paragraphs:
                            paragraph.font.size = Pt(9)
                            paragraph.font.bold = row_number == 0
        else:
            page = titled(slide)
            box = page.shapes.add_textbox(margin, Inches(1.25), inner, Inches(5.0))
            fill(box.text_frame, [(slide.text, 14, True), *((line, 11, False) for line in slide.lines)])
        if slide.footer:
            small = page.shapes.add_textbox(margin, height - Inches(1.15), inner, Inches(0.9))
            fill(small.text_frame, [(line, 8, False) for line in slide.footer.splitlines()])
        page.notes_slide.notes_text_frame.text = slide.notes
    when = dt.datetime.combine(day or dt.date(2000, 1, 1), dt.time())
    properties = deck.core_properties
    properties.title, properties.author, properties.last_modified_by = slides[0].title, "routes", "routes"
    properties.subject = slides[0].text
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


_PAGE_CSS = """
@page { size: 1920px 1080px; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; color: #111; }
section { width: 1920px; height: 1080px; padding: 40px 72px; overflow: hidden; page-break-after: always;
  break-after: page; display: flex; flex-direction: column; }
section:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 42px; margin: 0 0 24px 0; text-align: center; }
.title { justify-content: center; text-align: center; }
.title h1 { font-size: 56px; }
.sub { font-size: 26px; color: #444; margin-bottom: 18px; }
.text { font-size: 24px; line-height: 1.35; }
.title .text { font-size: 20px; color: #444; }
.step-body { display: flex; gap: 36px; flex: 0 0 auto; height: 600px; }
.step-body img { flex: 0 0 auto; width: 1066px; height: 600px; border: 1px solid #999; }
.step-text { flex: 1; min-width: 0; overflow: hidden; }
.shown { font-size: 20px; font-weight: 700; margin-top: 12px; }
table.claims { margin-top: 16px; border-collapse: collapse; width: 100%; font-size: 17px; }
table.claims th, table.claims td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid #ccc; vertical-align: top; }
ul { margin: 10px 0 0 0; padding-left: 24px; font-size: 19px; line-height: 1.35; }
li { margin-bottom: 6px; }
.sources .sub { font-weight: 700; color: #111; }
.sources ul { list-style: none; padding-left: 0; flex: 1; min-height: 0; overflow: hidden; }
.notes { margin-top: auto; font-size: 14px; color: #444; white-space: pre-line; }
"""


# Text too long for its box shrinks until it fits (as the deck's text boxes do), never cut.
_FIT_SCRIPT = """
document.querySelectorAll(".step-text, .sources ul, .title").forEach(function (box) {
  var size = parseFloat(getComputedStyle(box).fontSize);
  while (box.scrollHeight > box.clientHeight + 1 && size > 7) {
    size -= 1;
    box.style.fontSize = size + "px";
    box.querySelectorAll("*").forEach(function (child) { child.style.fontSize = "inherit"; });
  }
});
"""


def pdf_page_html(slides: list[Slide], images: list[bytes]) -> str:
    """One HTML document with a 1920x1080 page per slide (pictures as ``data:`` URLs), for
    Chromium to print as the PDF deck. Escapes every string."""
    esc = html.escape
    sections = []
    for slide in slides:
        parts = [f"<h1>{esc(slide.title)}</h1>"]
        if slide.kind == "title":
            parts.append(f'<div class="sub">{esc(slide.text)}</div>')
            parts += [f'<div class="text">{esc(line)}</div>' for line in slide.lines]
        elif slide.kind == "step":
            assert slide.image is not None
            data = base64.b64encode(images[slide.image]).decode("ascii")
            text = f'<div class="text">{esc(slide.text)}</div>' if slide.text else ""
            shown = "".join(f'<div class="shown">{esc(line)}</div>' for line in slide.lines)
            parts.append(
                f'<div class="step-body"><img alt="{esc(slide.title)}: map" src="data:image/png;base64,{data}">'
                f'<div class="step-text">{text}{shown}</div></div>'
            )
            if slide.table:
                head, *rows = slide.table
                cells = "<tr>" + "".join(f"<th>{esc(c)}</th>" for c in head) + "</tr>"
                cells += "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
                parts.append(f'<table class="claims">{cells}</table>')
        else:
            parts.append(f'<div class="sub">{esc(slide.text)}</div>')
            parts.append("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in slide.lines) + "</ul>")
        if slide.footer:
            parts.append(f'<div class="notes">{esc(slide.footer)}</div>')
        sections.append(f'<section class="{slide.kind}">{"".join(parts)}</section>')
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>'
        f"{esc(slides[0].title)}</title><style>{_PAGE_CSS}</style></head><body>\n"
        + "\n".join(sections)
        + f"\n<script>{_FIT_SCRIPT}</script>\n</body></html>\n"
    )
