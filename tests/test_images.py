"""routes.load.images: evidence images as metadata-free, size-capped data URLs."""

from __future__ import annotations

import base64
import io
import random
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from routes.errors import RoutesError
from routes.load.images import JPEG_QUALITIES, MAX_BYTES, MAX_SIDE_PX, EncodedImage, ImageError, encode_image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _decoded(result: EncodedImage) -> Image.Image:
    """The image inside a data URL, checked against the fields of ``result``."""
    header, payload = result.data_url.split(",", 1)
    assert header == f"data:{result.mime};base64"
    data = base64.b64decode(payload, validate=True)
    assert len(data) == result.size_bytes
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size == (result.width, result.height)
    assert image.format == {"image/jpeg": "JPEG", "image/png": "PNG"}[result.mime]
    return image


def _assert_no_metadata(image: Image.Image) -> None:
    assert len(image.getexif()) == 0
    for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Comment", "dpi"):
        assert key not in image.info, key
    if isinstance(image, PngImagePlugin.PngImageFile):
        assert image.text == {}


def _noise(size: tuple[int, int], seed: int = 7) -> Image.Image:
    return Image.frombytes("RGB", size, random.Random(seed).randbytes(size[0] * size[1] * 3))


def test_jpeg_exif_gps_and_orientation(tmp_path: Path) -> None:
    # A landscape 200x100 image: left half red, right half blue, tagged "rotate 90 CW to view"
    # (orientation 6), so the viewer sees a 100x200 portrait with red on top.
    image = Image.new("RGB", (200, 100), "blue")
    image.paste((255, 0, 0), (0, 0, 100, 100))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x0131] = "secret-firmware"  # Software
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (38.0, 0.0, 0.0), 3: "E", 4: (125.0, 0.0, 0.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = tmp_path / "photo.jpg"
    image.save(path, quality=95, exif=exif, icc_profile=icc, comment=b"analyst note")
    with Image.open(path) as source:  # the input really carries what must go
        assert source.getexif()[ORIENTATION] == 6
        assert source.getexif().get_ifd(GPS_IFD)
        assert "icc_profile" in source.info and "comment" in source.info

    result = encode_image(path)

    assert (result.mime, result.width, result.height) == ("image/jpeg", 100, 200)
    decoded = _decoded(result)
    _assert_no_metadata(decoded)
    assert b"SpyCam" not in base64.b64decode(result.data_url.split(",", 1)[1])
    rgb = decoded.convert("RGB")
    top, bottom = rgb.getpixel((50, 30)), rgb.getpixel((50, 170))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 and top[2] < 60  # red on top
    assert bottom[2] > 200 and bottom[0] < 60  # blue below


def test_png_text_chunk_is_dropped(tmp_path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "source-name")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>gps</x:xmpmeta>")
    path = tmp_path / "chart.png"
    Image.new("RGB", (64, 48), (10, 200, 30)).save(path, pnginfo=info)
    with Image.open(path) as source:
        assert source.info["Author"] == "source-name"

    result = encode_image(path)

    assert result.mime == "image/jpeg"  # no transparency: a JPEG
    decoded = _decoded(result)
    _assert_no_metadata(decoded)
    assert "Author" not in decoded.info


def test_large_image_is_capped_on_the_long_side(tmp_path: Path) -> None:
    path = tmp_path / "satellite.png"
    image = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    image.save(path)

    result = encode_image(path)

    assert (result.width, result.height) == (MAX_SIDE_PX, 960)
    assert result.size_bytes <= MAX_BYTES
    assert _decoded(result).size == (1280, 960)


def test_small_image_is_not_upscaled(tmp_path: Path) -> None:
    path = tmp_path / "tiny.png"
    Image.new("RGB", (30, 20), "white").save(path)
    result = encode_image(path)
    assert (result.width, result.height) == (30, 20)


def test_noisy_image_still_fits_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.png"
    _noise((1280, 1280)).save(path)
    assert encode_image(path, max_bytes=10_000_000).size_bytes > MAX_BYTES  # it really compresses badly

    result = encode_image(path)

    assert result.size_bytes <= MAX_BYTES
    assert max(result.width, result.height) < 1280  # quality alone was not enough
    assert _decoded(result).size == (result.width, result.height)


def _jpeg_tables(quality: int) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="JPEG", quality=quality)
    return Image.open(buffer).quantization


def test_a_jpeg_that_had_to_shrink_keeps_the_lowest_quality(tmp_path: Path) -> None:
    # Noise fits 150 kB at no quality at full size; once it shrinks, it stays at the last quality
    # tried rather than climbing back up (each quality in turn at each size is slower and larger).
    path = tmp_path / "noise.png"
    _noise((1200, 1200)).save(path)
    result = encode_image(path, max_bytes=150_000)
    assert result.mime == "image/jpeg" and result.width < 1200 and result.size_bytes <= 150_000
    assert _decoded(result).quantization == _jpeg_tables(JPEG_QUALITIES[-1])
    assert _jpeg_tables(JPEG_QUALITIES[-1]) != _jpeg_tables(JPEG_QUALITIES[-2])


def test_noisy_transparent_png_shrinks_to_fit(tmp_path: Path) -> None:
    image = _noise((600, 600)).convert("RGBA")
    image.putalpha(128)
    path = tmp_path / "noise-alpha.png"
    image.save(path)

    result = encode_image(path, max_bytes=200_000)

    assert result.mime == "image/png"
    assert result.size_bytes <= 200_000
    assert result.width < 600


def test_transparent_png_stays_png_with_alpha(tmp_path: Path) -> None:
    image = Image.new("RGBA", (80, 60), (255, 0, 0, 255))
    image.paste((0, 0, 0, 0), (0, 0, 40, 60))
    path = tmp_path / "overlay.png"
    image.save(path, icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    with Image.open(path) as source:
        assert "icc_profile" in source.info

    result = encode_image(path)

    assert result.mime == "image/png"
    assert result.data_url.startswith("data:image/png;base64,")
    decoded = _decoded(result)
    _assert_no_metadata(decoded)
    assert decoded.mode == "RGBA"
    assert decoded.getpixel((10, 10)) == (0, 0, 0, 0)
    assert decoded.getpixel((70, 10)) == (255, 0, 0, 255)


def test_opaque_rgba_and_palette_become_jpeg(tmp_path: Path) -> None:
    opaque = tmp_path / "opaque.png"
    Image.new("RGBA", (40, 40), (0, 0, 255, 255)).save(opaque)
    palette = tmp_path / "palette.gif"
    Image.new("RGB", (40, 40), (0, 128, 0)).convert("P").save(palette)
    cmyk = tmp_path / "print.jpg"
    Image.new("CMYK", (40, 40), (0, 255, 255, 0)).save(cmyk)

    for path in (opaque, palette, cmyk):
        result = encode_image(path)
        assert result.mime == "image/jpeg", path
        assert _decoded(result).mode == "RGB", path


def test_animated_gif_gives_its_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (32, 32), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)

    pixel = _decoded(encode_image(path)).convert("RGB").getpixel((16, 16))

    assert isinstance(pixel, tuple)
    assert pixel[0] > 200 and pixel[2] < 60  # the red first frame


def test_sixteen_bit_grey_is_scaled_to_eight_bits(tmp_path: Path) -> None:
    path = tmp_path / "grey16.png"
    Image.new("I;16", (20, 20), 32768).save(path)

    result = encode_image(path)

    value = _decoded(result).convert("L").getpixel((10, 10))
    assert isinstance(value, int) and 120 <= value <= 136  # mid-grey, not clipped to white


def test_same_input_gives_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.jpg"
    _noise((2000, 1500), seed=3).save(path, quality=95)

    first = encode_image(path)
    second = encode_image(path)

    assert first == second
    assert first.data_url == second.data_url
    assert first.size_bytes <= MAX_BYTES


def test_decompression_bomb_is_refused_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    Image.new("1", (12_000, 10_000)).save(path)  # 120 megapixels in a few kilobytes
    assert path.stat().st_size < 1_000_000

    with pytest.raises(ImageError) as caught:
        encode_image(path)

    assert "12000x10000" in str(caught.value) and "bomb.png" in str(caught.value)


@pytest.mark.parametrize("case", ["missing", "text", "empty", "directory", "truncated"])
def test_bad_files_raise_one_line_image_error(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.jpg"
    if case == "text":
        path.write_text("not an image, just notes\n")
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "directory":
        path.mkdir()
    elif case == "truncated":
        _noise((300, 300)).save(path, quality=90)
        path.write_bytes(path.read_bytes()[:400])

    with pytest.raises(ImageError) as caught:
        encode_image(path)

    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    assert "; " in message  # what is wrong; the fix
    assert isinstance(caught.value, RoutesError) and isinstance(caught.value, ValueError)
    expected = {
        "missing": "not found",
        "text": "is not an image Pillow can read",
        "empty": "empty",
        "directory": "directory",
        "truncated": "is not an image Pillow can read",
    }[case]
    assert expected in message


def test_too_large_file_is_refused_before_decoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import routes.load.images

    monkeypatch.setattr(routes.load.images, "MAX_INPUT_BYTES", 1_000)
    path = tmp_path / "big.png"
    _noise((100, 100)).save(path)

    with pytest.raises(ImageError, match=r"big\.png: image file is [\d,]+ bytes, over the limit of 1,000 bytes"):
        encode_image(path)


def test_bad_limits_are_value_errors(tmp_path: Path) -> None:
    path = tmp_path / "ok.png"
    Image.new("RGB", (4, 4)).save(path)
    with pytest.raises(ValueError, match="max_side_px"):
        encode_image(path, max_side_px=0)
    with pytest.raises(ValueError, match="max_bytes"):
        encode_image(path, max_bytes=0)


def _exif_with_a_damaged_tag(orientation: int) -> bytes:
    """EXIF (little-endian TIFF) with an orientation and an ASCII tag whose data lies past the
    end of the block, as truncated downloads have: Pillow reads it with a warning and cannot
    write it back."""
    import struct

    entries = [(0x0112, 3, 1, struct.pack("<HH", orientation, 0)), (0x010F, 2, 400, struct.pack("<I", 5000))]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHI", t, k, n) + v for t, k, n, v in entries)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0)


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP", "PNG"])
def test_damaged_exif_keeps_the_picture_upright_and_never_crashes(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"damaged.{fmt.lower()}"
    image = Image.new("RGB", (100, 60), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 100, 20))  # red along the top
    exif = _exif_with_a_damaged_tag(6)
    image.save(path, fmt, exif=b"Exif\x00\x00" + exif if fmt == "JPEG" else exif)  # JPEG's APP1 is prefixed
    result = encode_image(path)  # warnings are errors in the tests: none may escape
    decoded = _decoded(result)
    assert (result.width, result.height) == (60, 100)  # orientation 6: turned upright
    assert decoded.getpixel((55, 50))[0] > 200  # the red band is now on the right
    _assert_no_metadata(decoded)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF", "GIF"])
def test_mutated_files_give_an_image_or_one_image_error(tmp_path: Path, fmt: str) -> None:
    """Bytes flipped at random in a valid file (seeded): never any other exception."""
    source = tmp_path / f"source.{fmt.lower()}"
    image = _noise((48, 64))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Camera"
    image.save(source, fmt, **({"exif": exif.tobytes()} if fmt != "GIF" else {}))
    data = bytearray(source.read_bytes())
    generator = random.Random(fmt)
    outcomes = {"image": 0, "error": 0}
    for number in range(150):
        mutant = bytearray(data)
        for _ in range(generator.randint(1, 8)):
            mutant[generator.randrange(len(mutant))] = generator.randrange(256)
        path = tmp_path / f"mutant-{number}.{fmt.lower()}"
        path.write_bytes(bytes(mutant))
        try:
            encode_image(path)
            outcomes["image"] += 1
        except ImageError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)
            outcomes["error"] += 1
    assert sum(outcomes.values()) == 150
