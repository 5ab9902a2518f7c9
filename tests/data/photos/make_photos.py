"""Makes the test photos: camera-sized JPEGs with a camera's EXIF (time taken, GPS, orientation)."""
import random

from PIL import Image, ImageDraw, ImageFilter
from PIL.ExifTags import IFD

# West Hollywood City Hall, as a phone's GPS writes it: the position the server must drop.
LATITUDE, LONGITUDE = ("N", (34.0, 5.0, 24.36)), ("W", (118.0, 21.0, 42.12))


def make(name: str, size: tuple[int, int], seed: int, orientation: int = 1,
         taken: str = "2026:11:30 09:41:07") -> None:
    shapes = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(120 + 100 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade, shade - 30, shade - 60))
    for _ in range(140):
        x0, y0 = shapes.randrange(width), shapes.randrange(height)
        draw.rectangle([x0, y0, x0 + shapes.randrange(40, 600), y0 + shapes.randrange(40, 400)],
                       fill=tuple(shapes.randrange(256) for _ in range(3)))
    # Sensor noise, so the JPEG weighs what a photo does rather than a flat drawing.
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(2)),
                        Image.effect_noise(size, 24).convert("RGB"), 0.12)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Permitline test camera", "Field phone", orientation
    taken_ifd = exif.get_ifd(IFD.Exif)
    taken_ifd[0x9003], taken_ifd[0x9011] = taken, "-08:00"  # DateTimeOriginal, its offset
    gps = exif.get_ifd(IFD.GPSInfo)
    (gps[1], gps[2]), (gps[3], gps[4]) = LATITUDE, LONGITUDE
    image.save(f"tests/data/photos/{name}", "JPEG", quality=88, exif=exif.tobytes())


if __name__ == "__main__":
    make("smoke-alarm.jpg", (2400, 1800), 1)
    make("framing-nails.jpg", (2400, 1800), 2, orientation=6, taken="2026:11:30 10:02:55")
    make("panel-label.jpg", (1800, 2400), 3, taken="2026:11:30 10:15:31")
