"""Images made in the tests with Pillow: a phone's JPEG with the EXIF a field photo carries
(time taken, GPS position, camera, orientation), a PNG with transparency, and files that only
pretend to be photos."""
from __future__ import annotations

import struct
import zlib
from io import BytesIO

from PIL import Image, ImageDraw
from PIL.ExifTags import IFD

TAKEN = "2026:11:30 09:41:07"  # the afternoon before the tests' Tuesday, in the city
# West Hollywood City Hall, as a phone's GPS writes it: the position the server must drop.
LATITUDE, LONGITUDE = ("N", (34.0, 5.0, 24.36)), ("W", (118.0, 21.0, 42.12))


def camera_jpeg(size: tuple[int, int] = (1200, 900), orientation: int = 1, taken: str = TAKEN,
                shade: int = 0) -> bytes:
    """A JPEG as a phone's camera writes it; ``shade`` makes another photo of the same size."""
    image = Image.new("RGB", size, (120 + shade % 100, 90, 60))
    draw = ImageDraw.Draw(image)
    # A mark in the top-left corner: where it ends up shows which way the photo was turned.
    draw.rectangle([0, 0, size[0] // 4, size[1] // 4], fill=(250, 250, 250))
    exif = Image.Exif()
    exif.update({0x010F: "Permitline test camera", 0x0110: "Field phone", 0x0112: orientation})
    # DateTimeOriginal and its offset; the position as latitude and longitude, each with its side.
    exif.get_ifd(IFD.Exif).update({0x9003: taken, 0x9011: "-08:00"})
    exif.get_ifd(IFD.GPSInfo).update(enumerate((*LATITUDE, *LONGITUDE), 1))
    out = BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


def transparent_png(size: tuple[int, int] = (400, 300)) -> bytes:
    image = Image.new("RGBA", size, (0, 128, 0, 0))
    ImageDraw.Draw(image).ellipse([50, 50, 250, 250], fill=(200, 30, 30, 255))
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(side: int = 70_000) -> bytes:
    """A few hundred bytes claiming a side × side picture: a decoding bomb."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + _chunk(b"IEND", b""))


def stored_exif(data: bytes) -> tuple[dict, dict, dict]:
    """(the main tags, the Exif sub-IFD, the GPS IFD) of a JPEG's bytes."""
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        return dict(exif), dict(exif.get_ifd(IFD.Exif)), dict(exif.get_ifd(IFD.GPSInfo))
