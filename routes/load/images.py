"""Evidence images as safe, self-contained ``data:`` URLs for HTML pages.

Analysts attach images to claims (satellite imagery, photos). A page must not leak what such a
file carries besides its pixels (EXIF with GPS positions and camera serials, XMP, ICC profiles,
PNG text chunks, comments), must stay small, and must render to the same bytes for the same
input. :func:`encode_image` reads a local file defensively, applies its EXIF orientation,
re-encodes the pixels only (PNG where there is real transparency, JPEG otherwise), caps the size
in pixels and in bytes, and returns an :class:`EncodedImage`.

A file that cannot be used raises :class:`ImageError` with one line that names the file, says
what is wrong and how to fix it.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from routes.errors import ImageError, _one_line
from routes.load.reads import note_read

#: Longest side of an encoded image, in pixels.
MAX_SIDE_PX = 1280
#: Largest encoded image (before base64), in bytes.
MAX_BYTES = 350_000
#: Largest input file read at all, in bytes; checked before decoding.
MAX_INPUT_BYTES = 40_000_000
#: Largest image decoded, in pixels (width x height); checked before the pixels are loaded,
#: so a small file that claims a huge canvas (a decompression bomb) is refused cheaply.
MAX_PIXELS = 50_000_000

#: JPEG qualities tried in turn before the image is made smaller.
JPEG_QUALITIES = (85, 75, 65, 55)
#: Factor applied to both sides each time an image must shrink to fit ``max_bytes``.
SHRINK_FACTOR = 0.75

_READABLE = "PNG, JPEG, WebP, GIF, TIFF"
_ALPHA_MODES = frozenset({"RGBA", "RGBa", "LA", "La", "PA"})


@dataclass(frozen=True)
class EncodedImage:
    """An image re-encoded for embedding in a page.

    Parameters
    ----------
    data_url
        ``data:image/jpeg;base64,...`` or ``data:image/png;base64,...``.
    width, height
        Size of the encoded image in pixels (after orientation and downscaling).
    mime
        ``image/jpeg`` or ``image/png``.
    size_bytes
        Length of the encoded image in bytes, before base64.
    """

    data_url: str
    width: int
    height: int
    mime: str
    size_bytes: int


def encode_image(path: str | Path, *, max_side_px: int = MAX_SIDE_PX, max_bytes: int = MAX_BYTES) -> EncodedImage:
    """Turn a local image file into a metadata-free, size-capped data URL.

    Parameters
    ----------
    path
        The image file: anything Pillow decodes (PNG, JPEG, WebP, GIF, TIFF, ...). Animated
        images give their first frame.
    max_side_px
        Longest side of the result in pixels; larger images are scaled down (LANCZOS), smaller
        ones are never scaled up.
    max_bytes
        Cap of the encoded image in bytes. A JPEG steps its quality down through
        :data:`JPEG_QUALITIES`, then both JPEG and PNG shrink by :data:`SHRINK_FACTOR` until they
        fit.

    Returns
    -------
    EncodedImage
        PNG when the image has real transparency (some pixel with alpha below 255), JPEG
        otherwise. Only pixels survive: no EXIF, GPS, XMP, ICC profile, text chunk or comment.
        The same input file always gives the same bytes.

    Raises
    ------
    ImageError
        The file is missing, a directory, empty, over :data:`MAX_INPUT_BYTES`, not an image
        Pillow can decode, over :data:`MAX_PIXELS`, or cannot fit ``max_bytes``.
    ValueError
        ``max_side_px`` or ``max_bytes`` is below 1.
    """
    if max_side_px < 1:
        raise ValueError(f"max_side_px must be at least 1, not {max_side_px}")
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, not {max_bytes}")
    path = Path(path)
    image = _to_clean_pixels(_decode(path, _read(path), max_side_px), path)
    base = _downscaled(image, max_side_px)
    data, mime, final = _encode_to_fit(base, max_bytes, path)
    return EncodedImage(
        data_url=f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}",
        width=final.width,
        height=final.height,
        mime=mime,
        size_bytes=len(data),
    )


def _fail(path: Path, message: str, fix: str) -> ImageError:
    """The error for ``path``: one line, ``<file>: <what is wrong>; <fix>``."""
    return ImageError(_one_line(f"{path}: {message}; {fix}"))


def _read(path: Path) -> bytes:
    """The bytes of ``path``, refusing what cannot be an image before any decoding."""
    note_read(path)
    if not path.exists():
        raise _fail(path, "image file not found", "check the path")
    if path.is_dir():
        raise _fail(path, "is a directory, not an image file", "give the path of an image file inside it")
    if not path.is_file():
        raise _fail(path, "is not a regular file (a pipe or a device?)", "give the path of an image file")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise _fail(
                path,
                f"image file is {size:,} bytes, over the limit of {MAX_INPUT_BYTES:,} bytes",
                "downscale or re-export it smaller (e.g. as JPEG) first",
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)  # the file may grow between stat and read
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror or exc})", "check the file's permissions") from None
    if len(data) > MAX_INPUT_BYTES:
        raise _fail(path, f"image file is over the limit of {MAX_INPUT_BYTES:,} bytes", "downscale it first")
    if not data:
        raise _fail(path, "image file is empty", "give the image file itself, not an empty placeholder")
    return data


#: EXIF orientation -> the transpose that shows the picture upright (TIFF/EXIF tag 0x0112).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1 when there is none or the EXIF data is damaged)."""
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - damaged EXIF: the pixels are still the picture
        return 1
    return value if isinstance(value, int) and value in _UPRIGHT else 1


def _decode(path: Path, data: bytes, max_side_px: int = MAX_SIDE_PX) -> Image.Image:
    """Decode the first frame of ``data`` upright, guarding against bombs and damaged files.

    The EXIF orientation is read and applied here (not with ``ImageOps.exif_transpose``,
    which writes the EXIF back and fails on damaged tags); a JPEG is decoded at a reduced
    scale when it is much larger than ``max_side_px`` (less memory, same result).
    """
    not_an_image = (
        f"is not an image Pillow can read ({_READABLE})",
        "convert it to PNG or JPEG",
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns about damaged metadata and past its own pixel limit (and our tests turn
            # warnings into errors); the checks here decide, and the metadata is dropped anyway.
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _fail(
                    path,
                    f"image is {width}x{height} pixels, over the limit of {MAX_PIXELS:,} pixels",
                    "downscale it before attaching it",
                )
            if getattr(image, "n_frames", 1) > 1:
                image.seek(0)
            if image.format == "JPEG":
                image.draft(None, (2 * max_side_px, 2 * max_side_px))
            image.load()
            icc = image.info.get("icc_profile")
            method = _UPRIGHT.get(_orientation(image))
            oriented = image.transpose(method) if method is not None else image
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise _fail(
            path, f"image is over the limit of {MAX_PIXELS:,} pixels", "downscale it before attaching it"
        ) from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds (OSError, TypeError, struct.error, ...)
        raise _fail(path, *not_an_image) from None
    if isinstance(icc, bytes) and icc:
        oriented.info["icc_profile"] = icc  # read by _to_clean_pixels, never written out
    return oriented


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert an RGB or CMYK image with an embedded ICC profile to sRGB, so that dropping the
    profile keeps its colours; fall back to the plain pixels when the profile is unusable."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "CMYK"):
        return image
    try:
        from PIL import ImageCms  # needs Pillow built with LittleCMS, as the wheels are
    except ImportError:  # pragma: no cover - a Pillow without LittleCMS
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(image, source, target, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image


def _to_clean_pixels(image: Image.Image, path: Path) -> Image.Image:
    """The pixels of ``image`` as a new RGB, RGBA or L image with no metadata at all.

    Palette, CMYK, 1-bit, 16-bit and float images are converted; an alpha channel is kept only
    where some pixel is not fully opaque.
    """
    try:
        image = _to_srgb(image)
        mode = image.mode
        if mode.startswith("I;16") or mode == "I":
            image = image.convert("I").point(lambda value: value / 256).convert("L")  # 16 bits to 8
        elif mode == "F":
            extrema = image.getextrema()
            low, high = float(extrema[0]), float(extrema[1])  # type: ignore[arg-type]  # one band
            scale = 255 / (high - low) if high > low else 1.0
            image = image.point(lambda value: (value - low) * scale).convert("L")
        elif mode in _ALPHA_MODES or (mode == "P" and "transparency" in image.info):
            image = image.convert("RGBA")
        elif mode in ("1", "L"):
            image = image.convert("L")
        elif mode != "RGB":
            image = image.convert("RGB")
        if image.mode == "RGBA":
            low_alpha, _ = image.getchannel("A").getextrema()
            if low_alpha == 255:
                image = image.convert("RGB")
        # A new image from the raw pixels carries no info dict: nothing but pixels can leak.
        return Image.frombytes(image.mode, image.size, image.tobytes())
    except Exception as exc:  # noqa: BLE001 - a damaged file can fail while its pixels are read
        raise _fail(path, f"image pixels cannot be converted ({exc})", "convert it to PNG or JPEG") from None


def _downscaled(image: Image.Image, max_side_px: int) -> Image.Image:
    """``image`` scaled down (LANCZOS) so that its longest side is at most ``max_side_px``."""
    longest = max(image.size)
    if longest <= max_side_px:
        return image
    return _resized(image, max_side_px / longest)


def _resized(image: Image.Image, scale: float) -> Image.Image:
    """``image`` with both sides multiplied by ``scale`` (rounded, at least 1 pixel)."""
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _encode(image: Image.Image, quality: int) -> bytes:
    """``image`` as PNG (RGBA) or baseline JPEG, with nothing but the pixels written."""
    buffer = io.BytesIO()
    if image.mode == "RGBA":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=False)
    return buffer.getvalue()


def _encode_to_fit(base: Image.Image, max_bytes: int, path: Path) -> tuple[bytes, str, Image.Image]:
    """Encode ``base`` within ``max_bytes``: JPEG qualities first, then smaller sizes.

    Every smaller size is resampled from ``base`` (not from the previous attempt), so the
    result depends on the input only.
    """
    mime = "image/png" if base.mode == "RGBA" else "image/jpeg"
    qualities = (0,) if mime == "image/png" else JPEG_QUALITIES
    scale = 1.0
    image = base
    while True:
        for quality in qualities:
            data = _encode(image, quality)
            if len(data) <= max_bytes:
                return data, mime, image
        if image.width == 1 and image.height == 1:
            raise _fail(
                path,
                f"image does not fit {max_bytes:,} bytes even at 1x1 pixel",
                "raise max_bytes",
            )
        qualities = qualities[-1:]  # a JPEG keeps its lowest quality while it shrinks
        scale *= SHRINK_FACTOR
        image = _resized(base, scale)
