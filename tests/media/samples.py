"""Real media files made in the tests: photos with GPS and owner, sounds and videos with tags."""

import io
import math
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw
from PIL.ExifTags import GPS, IFD, Base

SECRET_TAGS = {
    "title": "Secret title",
    "artist": "Jane Doe",
    "comment": "recorded at 12 rue des Écoles",
    "location": "+44.8378-000.5792/",
}
OWNER = "Jane Doe's camera"


def marked_picture(size=(1200, 800), color=(200, 60, 30)) -> Image.Image:
    """A picture whose top-left quarter is blue, so that orientation can be checked."""
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size[0] // 4, size[1] // 4], fill=(0, 0, 255))
    return image


def noisy_picture(size=(1200, 800)) -> Image.Image:
    """A picture with detail everywhere (for blur checks and realistic encoding times)."""
    noise = Image.effect_noise(size, 60).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    return Image.blend(noise, gradient, 0.4)


def private_exif(orientation: int = 1) -> Image.Exif:
    """EXIF with a GPS position, a camera owner, a maker and an orientation."""
    exif = Image.Exif()
    exif[Base.Orientation] = orientation
    exif[Base.Make] = "Canon"
    exif[Base.Artist] = "Jane Doe"
    exif[Base.ImageDescription] = "Our street, 12 rue des Écoles"
    exif.get_ifd(IFD.Exif)[Base.CameraOwnerName] = OWNER
    exif.get_ifd(IFD.GPSInfo).update(
        {
            GPS.GPSLatitudeRef: "N",
            GPS.GPSLatitude: (44.0, 50.0, 16.0),
            GPS.GPSLongitudeRef: "W",
            GPS.GPSLongitude: (0.0, 34.0, 45.0),
        }
    )
    return exif


def jpeg(size=(1200, 800), orientation=1, image=None, **extra) -> bytes:
    """A JPEG with private EXIF, XMP, an ICC profile and a comment."""
    buffer = io.BytesIO()
    (image or marked_picture(size)).save(
        buffer,
        "JPEG",
        quality=90,
        exif=private_exif(orientation),
        comment=b"Jane's phone",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>Jane Doe</rdf:Description></x:xmpmeta>',
        icc_profile=_srgb_profile(),
        **extra,
    )
    return buffer.getvalue()


def _srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def png_with_text(size=(800, 600), mode="RGBA") -> bytes:
    """A PNG with text chunks (where editors put authors and places) and EXIF."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Jane Doe")
    info.add_text("Location", "12 rue des Écoles, Bordeaux")
    info.add_itxt("Comment", "Notre rue", lang="fr")
    image = marked_picture(size).convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, exif=private_exif())
    return buffer.getvalue()


def webp(size=(1000, 700)) -> bytes:
    """A WebP with EXIF and XMP."""
    buffer = io.BytesIO()
    marked_picture(size).save(
        buffer, "WEBP", quality=85, exif=private_exif(), xmp=b"<x:xmpmeta>Jane</x:xmpmeta>"
    )
    return buffer.getvalue()


def heic(size=(900, 600)) -> bytes:
    """A HEIC, as iPhones send, with EXIF."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    marked_picture(size).save(buffer, "HEIF", quality=80, exif=private_exif())
    return buffer.getvalue()


def panorama(size=(4096, 2048)) -> bytes:
    """An equirectangular JPEG, with GPS as 360° cameras write it."""
    return jpeg(size, image=noisy_picture(size))


def png_bomb(side: int = 30000) -> bytes:
    """A small PNG that claims side × side pixels of greyscale (900 megapixels by default)."""
    row = b"\x00" + b"\x00" * side
    compressor = zlib.compressobj(9)
    chunks = [compressor.compress(row) for _ in range(side)]
    data = b"".join(chunks) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(1)</script><rect width="10" height="10"/></svg>'
)
SVG_PLAIN = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


def polyglot_jpeg() -> bytes:
    """A valid JPEG with a web page after its end (a browser sniffing it would run the script)."""
    return jpeg((200, 200)) + HTML


def jpeg_with_script_comment() -> bytes:
    """A valid JPEG whose comment segment carries a script."""
    buffer = io.BytesIO()
    marked_picture((200, 200)).save(buffer, "JPEG", comment=b"<script>alert(1)</script>")
    return buffer.getvalue()


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    """The first part of a file, as a failed transfer leaves it."""
    return data[: int(len(data) * keep)]


# --- sound and video, written with PyAV ------------------------------------------------------


def _tone(samples: int, rate: int, start: int = 0, channels: int = 1) -> bytes:
    values = (int(9000 * math.sin(2 * math.pi * 440 * (start + i) / rate)) for i in range(samples))
    return b"".join(struct.pack("<h", v) * channels for v in values)


def _tag(container, stream=None) -> None:
    container.metadata.update(SECRET_TAGS)
    if stream is not None:
        stream.metadata.update({"title": "Secret stream", "handler_name": "Jane's recorder"})


def audio(path: Path, fmt: str, codec: str, seconds: float = 1.0, rate: int = 48000) -> Path:
    """A short 440 Hz tone, tagged with a title, an artist, a comment and a location."""
    import av

    with av.open(str(path), "w", format=fmt) as out:
        _tag(out)
        stream = out.add_stream(codec, rate=rate, layout="mono")
        _tag(out, stream)
        frame_size = stream.codec_context.frame_size or 1024
        written = 0
        total = int(seconds * rate)
        while written < total:
            frame = av.AudioFrame(format="s16", layout="mono", samples=frame_size)
            frame.planes[0].update(_tone(frame_size, rate, written))
            frame.sample_rate = rate
            frame.pts = written
            written += frame_size
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def video(
    path: Path,
    fmt: str = "mp4",
    codec: str = "libx264",
    audio_codec: str | None = "aac",
    seconds: float = 1.0,
    size=(320, 240),
    rotation: int = 0,
) -> Path:
    """A short tagged video: a moving square, and a tone when audio_codec is given."""
    import av

    fps = 25
    with av.open(str(path), "w", format=fmt) as out:
        _tag(out)
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        if rotation:
            stream.set_display_rotation(rotation)
        sound = out.add_stream(audio_codec, rate=48000, layout="mono") if audio_codec else None
        _tag(out, stream)
        for index in range(int(seconds * fps)):
            picture = marked_picture(size)
            ImageDraw.Draw(picture).rectangle([index * 4, 100, index * 4 + 40, 140], fill="white")
            out.mux(stream.encode(av.VideoFrame.from_image(picture)))
        out.mux(stream.encode(None))
        if sound is not None:
            _write_tone(av, out, sound, seconds)
    return path


def _write_tone(av, out, stream, seconds: float) -> None:
    frame_size = stream.codec_context.frame_size or 1024
    written, total = 0, int(seconds * 48000)
    while written < total:
        frame = av.AudioFrame(format="s16", layout="mono", samples=frame_size)
        frame.planes[0].update(_tone(frame_size, 48000, written))
        frame.sample_rate = 48000
        frame.pts = written
        written += frame_size
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def tags_of(data_or_path) -> tuple[dict, list[dict]]:
    """Container tags and the tags of each stream, read back with PyAV."""
    import av

    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else str(data_or_path)
    with av.open(source) as container:
        return dict(container.metadata), [dict(s.metadata) for s in container.streams]


def face_picture(size=(1200, 800), box=(450, 150, 750, 570)) -> Image.Image:
    """A drawn face (hair, brows, eyes, nose, mouth) that OpenCV's frontal Haar cascade finds."""
    from PIL import ImageFilter

    image = Image.new("RGB", size, (120, 160, 200))
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = box
    w, h = right - left, bottom - top

    def at(fx0, fy0, fx1, fy1):
        return [left + fx0 * w, top + fy0 * h, left + fx1 * w, top + fy1 * h]

    skin, dark = (225, 185, 150), (40, 30, 30)
    draw.ellipse(at(0, 0.07, 1, 1), fill=skin)
    draw.ellipse(at(-0.025, 0, 1.025, 0.39), fill=(60, 40, 30))
    draw.ellipse(at(0, 0.18, 1, 1), fill=skin)
    draw.rectangle(at(0.15, 0.32, 0.425, 0.36), fill=(70, 50, 40))
    draw.rectangle(at(0.575, 0.32, 0.85, 0.36), fill=(70, 50, 40))
    draw.ellipse(at(0.2, 0.39, 0.4, 0.48), fill=(255, 255, 255))
    draw.ellipse(at(0.6, 0.39, 0.8, 0.48), fill=(255, 255, 255))
    draw.ellipse(at(0.25, 0.4, 0.36, 0.48), fill=dark)
    draw.ellipse(at(0.64, 0.4, 0.75, 0.48), fill=dark)
    draw.polygon(
        [
            tuple(at(0.5, 0.46, 0, 0)[:2]),
            tuple(at(0.425, 0.7, 0, 0)[:2]),
            tuple(at(0.575, 0.7, 0, 0)[:2]),
        ],
        fill=(205, 160, 130),
    )
    draw.ellipse(at(0.35, 0.75, 0.65, 0.86), fill=(170, 70, 70))
    return image.filter(ImageFilter.GaussianBlur(2))


def face_jpeg(size=(1200, 800)) -> bytes:
    """A JPEG of a drawn face, with the private EXIF of a phone (GPS, owner)."""
    return jpeg(size, image=face_picture(size))
