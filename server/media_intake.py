"""Pictures and narration that content editors upload, made into what a kiosk needs.

A phone photo arrives as a 4032x3024 JPEG of several MB, turned sideways by its EXIF orientation
and carrying the phone's GPS position; a kiosk needs an upright picture no bigger than it can show,
with nothing about where it was taken. ``take_picture`` reads any common picture format (Pillow),
turns it upright, converts it to sRGB, shrinks it to fit PICTURE_BOUND and encodes it again
(photos as JPEG, screenshots and drawings as PNG), so no metadata survives. SVG drawings are kept
as they are once they are known to hold no script and nothing from elsewhere.
``take_narration`` accepts the recordings a kiosk plays (kiosk/content/loader.py's
AUDIO_SUFFIXES and magic bytes): PCM WAV (the browser's recorder makes these), OGG and MP3.

Whatever cannot be used is refused with IntakeError, whose message says in plain words what is
wrong and what to do, in the admin's language (``say``); Korean in locale/ko/LC_MESSAGES/media.po.
"""

from __future__ import annotations

import io
import re
import wave
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# MP3_FRAME_STARTS: the first bytes the kiosk's loader accepts; anything else it would refuse.
from kiosk.content.loader import MP3_FRAME_STARTS
from server.i18n import N_, PlainError

# The largest picture slot a kiosk has, at 1920x1080 (ui/widgets/task_layout.py, step_view.py):
# a practice screen's mock picture beside its words gets up to 70% of the width inside the 32 px
# margins (about 1300 x 1016); a portrait panel (1080x1920) draws a step picture up to 1016 px wide
# and about 1500 px tall. 1600 px on the longer side covers every slot in either orientation with
# no upscaling, and keeps a photo near 300 KB instead of several MB.
PICTURE_BOUND = (1600, 1600)
PICTURE_LIMIT_MB = 50  # bigger than any phone's photo; more is not a picture meant for a kiosk
# Pillow's own guard against decompression bombs (about 89 million pixels: a 108 MP phone photo
# is more, and would need over 300 MB of memory to decode): refused, with what to do.
PIXEL_LIMIT = Image.MAX_IMAGE_PIXELS
JPEG_QUALITY = 85
# A picture with no more colours than this is a drawing or a screenshot: PNG keeps it sharp.
FEW_COLOURS = 4096
# Any other picture stays PNG unless its PNG is this many times its JPEG (a photo saved as PNG
# is 5-10 times; a screenshot's PNG is about as big as a JPEG that blurs its letters).
PNG_AT_MOST_TIMES_JPEG = 2.0
RASTER_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF", "HEIF", "AVIF"}

NARRATION_LIMIT_MB = 20
NARRATION_MAX_SECONDS = 5 * 60
NAME_SHOWN_CHARS = 60

MB = 1024 * 1024

# Messages (English msgids; Korean in media.po) -----------------------------------------------------
EMPTY = N_("%(file)s is empty (0 bytes). Choose the file again.")
NOT_A_PICTURE = N_("%(file)s is not a picture. Choose a photo or drawing saved as JPEG, PNG or SVG.")
HEIC_UNREADABLE = N_("%(file)s is an HEIC photo (an iPhone's own kind), which the server cannot read. "
                     "Choose it from the phone's photos in the browser (it is then sent as JPEG), "
                     "or save it as JPEG first.")
PICTURE_TOO_LARGE = N_("%(file)s is %(size)s MB; a picture can be at most %(limit)d MB. "
                       "Choose a smaller copy of it.")
TOO_MANY_PIXELS = N_("%(file)s has too many pixels for the server to open. "
                     "Save it smaller (for example 4000 pixels wide) and choose it again.")
PICTURE_DAMAGED = N_("%(file)s is damaged or cut short, so it cannot be read. "
                     "Save or copy the picture again and choose it once more.")
SVG_UNREADABLE = N_("%(file)s is not a readable SVG drawing. "
                    "Save it again from the drawing program, or as PNG, and choose it again.")
SVG_SCRIPT = N_("%(file)s contains a script, which a kiosk never runs. "
                "Save the drawing again without scripts, or as PNG, and choose it again.")
SVG_EXTERNAL = N_("%(file)s uses something from elsewhere (%(link)s), which a kiosk cannot reach. "
                  "Put it inside the drawing, or save the drawing as PNG, and choose it again.")
SVG_NO_SIZE = N_("%(file)s does not say its size (it has no viewBox). "
                 "Save it again with a viewBox, or as PNG, and choose it again.")
NOT_A_SOUND = N_("%(file)s is not a sound recording. Upload WAV, OGG or MP3, or record with the microphone button.")
SOUND_TOO_LARGE = N_("%(file)s is %(size)s MB; a recording can be at most %(limit)d MB. "
                     "Record it shorter, or save it as MP3.")
SOUND_SILENT = N_("%(file)s has no sound in it. Check that the microphone is on and record the narration again.")
SOUND_TOO_LONG = N_("%(file)s lasts %(minutes)d min %(seconds)d s; a step's narration can be at most "
                    "%(limit)d minutes. Record it in shorter parts.")
WAV_NOT_PCM = N_("%(file)s is a WAV file in a compressed form a kiosk cannot play. "
                 "Save it as ordinary (PCM) WAV, or as MP3.")
SOUND_DAMAGED = N_("%(file)s is damaged or cut short, so it cannot be played. Save or record it again.")


class IntakeError(PlainError):
    """An upload that cannot be used; ``message`` an English msgid with %(name)s fields."""


@dataclass(frozen=True)
class Picture:
    data: bytes
    suffix: str  # ".jpg", ".png" or ".svg"
    width: int  # the kiosk's picture_size for it (an SVG's viewBox)
    height: int


@dataclass(frozen=True)
class Narration:
    data: bytes
    suffix: str  # ".wav", ".ogg" or ".mp3"
    seconds: float | None  # None where it is not known without decoding (MP3)


def shown_name(filename: str) -> str:
    """The file's own name as the person chose it (no folders), short enough for a message."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name.strip() or "?"
    return name if len(name) <= NAME_SHOWN_CHARS else name[: NAME_SHOWN_CHARS - 1] + "…"


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}"


# Pictures -----------------------------------------------------------------------------------------
def _named_within(data: bytes, filename: str, limit_mb: int, too_large: str) -> str:
    """The file's name as the admin knows it, once it is neither empty nor over ``limit_mb``."""
    name = shown_name(filename)
    if not data:
        raise IntakeError(EMPTY, file=name)
    if len(data) > limit_mb * MB:
        raise IntakeError(too_large, file=name, size=_megabytes(len(data)), limit=limit_mb)
    return name


def take_picture(data: bytes, filename: str) -> Picture:
    name = _named_within(data, filename, PICTURE_LIMIT_MB, PICTURE_TOO_LARGE)
    if _looks_like_xml(data):
        return _take_svg(data, name)
    return _take_raster(data, name)


def _take_raster(data: bytes, name: str) -> Picture:
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise IntakeError(TOO_MANY_PIXELS, file=name) from None
    except UnidentifiedImageError:
        raise IntakeError(HEIC_UNREADABLE if _is_heic(data) else NOT_A_PICTURE, file=name) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise IntakeError(PICTURE_DAMAGED, file=name) from None
    with image:
        if image.format not in RASTER_FORMATS:
            raise IntakeError(NOT_A_PICTURE, file=name)
        width, height = image.size
        if width * height > PIXEL_LIMIT:
            raise IntakeError(TOO_MANY_PIXELS, file=name)
        source_format = image.format
        try:
            upright = _upright_srgb(image)
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
            # Pillow reads lazily: a file cut short fails here ("image file is truncated").
            raise IntakeError(PICTURE_DAMAGED, file=name) from None
    upright.thumbnail(PICTURE_BOUND, Image.Resampling.LANCZOS)
    return _encode(upright, source_format)


# The ISO media "ftyp" brands of HEIF pictures (Pillow reads them only with the pillow-heif plugin).
HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}


def _is_heic(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in HEIC_BRANDS


def _upright_srgb(image: Image.Image) -> Image.Image:
    """The first frame, turned as the camera meant, in sRGB, as RGB or RGBA, with no metadata.
    (Pillow's LOAD_TRUNCATED_IMAGES stays off: a file cut short is refused, never shown half grey.)"""
    if image.format in ("JPEG", "MPO"):
        # Decode at 1/2, 1/4 or 1/8 scale straight from the DCT while still no smaller than the
        # final size: a 12 MP photo takes a quarter of the memory and time.
        image.draft("RGB", _fitted(image.size, PICTURE_BOUND))
    image.seek(0)  # GIF, APNG, WebP, MPO: the first frame
    image.load()
    profile = image.info.get("icc_profile")
    turned = ImageOps.exif_transpose(image)
    has_alpha = turned.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        turned.mode == "P" and "transparency" in turned.info)
    target = "RGBA" if has_alpha else "RGB"
    if turned.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        # 16-bit grey (a scanner's PNG): Pillow's RGB of it would clip everything to white.
        wide = turned.convert("I")
        turned = wide.point(lambda value: value / 256).convert("L") if wide.getextrema()[1] > 255 else wide.convert("L")
    converted = None
    if profile:
        converted = _to_srgb(turned if turned.mode in ("RGB", "RGBA", "CMYK", "L") else turned.convert(target),
                             profile, target)
    if converted is None:
        converted = turned.convert(target)  # no profile (or a broken one): the numbers as they are
    if converted.mode != target:
        converted = converted.convert(target)
    if target == "RGBA" and converted.getchannel("A").getextrema()[0] == 255:
        converted = converted.convert("RGB")  # an alpha channel that hides nothing
    clean = converted.copy() if converted is image else converted
    clean.info = {}  # no EXIF (GPS), ICC, XMP or comments leave the server
    return clean


def _fitted(size: tuple[int, int], bound: tuple[int, int]) -> tuple[int, int]:
    scale = min(1.0, bound[0] / size[0], bound[1] / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _to_srgb(image: Image.Image, profile: bytes, mode: str) -> Image.Image | None:
    """Colours as the camera's profile meant them (an iPhone's Display P3, a print shop's CMYK)
    in sRGB, which is what an untagged picture means to the kiosk; None if the profile is broken."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


def _encode(image: Image.Image, source_format: str) -> Picture:
    """PNG for what has transparency, and for drawings and screenshots (few colours, or a PNG
    not much bigger than a JPEG that would blur their edges); JPEG for photos (any JPEG: its
    PNG would only be bigger)."""
    width, height = image.size
    if image.mode == "RGBA":
        return Picture(_png(image), ".png", width, height)
    if source_format in ("JPEG", "MPO"):
        return Picture(_jpeg(image), ".jpg", width, height)
    if image.getcolors(FEW_COLOURS) is not None:
        return Picture(_png(image), ".png", width, height)
    jpeg, png = _jpeg(image), _png(image)
    if len(png) <= PNG_AT_MOST_TIMES_JPEG * len(jpeg):
        return Picture(png, ".png", width, height)
    return Picture(jpeg, ".jpg", width, height)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


# SVG ----------------------------------------------------------------------------------------------
_XML_START = re.compile(rb"^(\xef\xbb\xbf)?\s*<")
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?['\"]?([^'\");\s]*)", re.IGNORECASE)
_SAFE_DATA = re.compile(r"^data:(image/(png|jpeg|gif|webp)|font/|application/font-woff)", re.IGNORECASE)
HREF_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src"}


def _looks_like_xml(data: bytes) -> bool:
    return bool(_XML_START.match(data[:1024]))


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _take_svg(data: bytes, name: str) -> Picture:
    # expat (2.4+ here) limits entity expansion itself, and ElementTree never fetches an
    # external entity, so a "billion laughs" drawing fails to parse instead of filling memory.
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise IntakeError(SVG_UNREADABLE, file=name) from None
    if _local(root.tag) != "svg":
        raise IntakeError(NOT_A_PICTURE, file=name)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in ("script", "foreignobject") or any(_local(key).startswith("on") for key in element.attrib):
            raise IntakeError(SVG_SCRIPT, file=name)
        for key, value in element.attrib.items():
            if key in HREF_ATTRIBUTES or _local(key) == "href":
                link = value.strip()
                if link.lower().startswith("javascript:"):
                    raise IntakeError(SVG_SCRIPT, file=name)
                if link and not link.startswith("#") and not _SAFE_DATA.match(link):
                    raise IntakeError(SVG_EXTERNAL, file=name, link=link[:80])
        styles = [element.attrib.get("style", "")] + ([element.text or ""] if tag == "style" else [])
        for style in styles:
            for link in _CSS_URL.findall(style) + _CSS_IMPORT.findall(style):
                if link and not link.startswith("#") and not _SAFE_DATA.match(link):
                    raise IntakeError(SVG_EXTERNAL, file=name, link=link[:80])
    width, height = _svg_size(root)
    if width is None or height is None:
        raise IntakeError(SVG_NO_SIZE, file=name)
    return Picture(data, ".svg", width, height)


def _svg_size(root: ElementTree.Element) -> tuple[int | None, int | None]:
    """The drawing's coordinate space: its viewBox (the kiosk's picture_size), else width/height."""
    view_box = root.attrib.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            width = height = 0.0
        if width > 0 and height > 0:
            return round(width), round(height)
    sizes = [_NUMBER.match(root.attrib.get(key, "")) for key in ("width", "height")]
    if all(sizes) and all(float(size.group(1)) > 0 for size in sizes):
        return round(float(sizes[0].group(1))), round(float(sizes[1].group(1)))
    return None, None


# Narration ----------------------------------------------------------------------------------------


def take_narration(data: bytes, filename: str) -> Narration:
    name = _named_within(data, filename, NARRATION_LIMIT_MB, SOUND_TOO_LARGE)
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        seconds = _wav_seconds(data, name)
        return Narration(data, ".wav", _within_limit(seconds, name))
    if data[:4] == b"OggS":
        return Narration(data, ".ogg", _within_limit(_ogg_seconds(data), name))
    if _is_mp3(data):
        return Narration(data, ".mp3", None)
    raise IntakeError(NOT_A_SOUND, file=name)


def _within_limit(seconds: float | None, name: str) -> float | None:
    if seconds is not None and seconds > NARRATION_MAX_SECONDS:
        whole = int(seconds)
        raise IntakeError(SOUND_TOO_LONG, file=name, minutes=whole // 60, seconds=whole % 60,
                          limit=NARRATION_MAX_SECONDS // 60)
    return seconds


def _wav_seconds(data: bytes, name: str) -> float:
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            rate, width, channels = wav.getframerate(), wav.getsampwidth(), wav.getnchannels()
            frames = wav.readframes(wav.getnframes())
    except wave.Error as error:
        if "unknown format" in str(error):
            raise IntakeError(WAV_NOT_PCM, file=name) from None
        raise IntakeError(SOUND_DAMAGED, file=name) from None
    except (EOFError, ValueError, OSError):
        raise IntakeError(SOUND_DAMAGED, file=name) from None
    if rate <= 0 or width <= 0 or channels <= 0:
        raise IntakeError(SOUND_DAMAGED, file=name)
    # What is really there, not what the header promises (a recording cut short).
    count = len(frames) // (width * channels)
    silence = b"\x80" if width == 1 else b"\x00"  # 8-bit WAV is unsigned, the others signed
    if count == 0 or not frames.strip(silence):
        raise IntakeError(SOUND_SILENT, file=name)
    return count / rate


def _ogg_seconds(data: bytes) -> float | None:
    """From the last page's granule position and the first packet's sample rate (Vorbis or Opus);
    None where neither is found (the kiosk's player still decides whether it plays)."""
    last = data.rfind(b"OggS")
    if last < 0 or len(data) < last + 14 or len(data) < 28 + 8:
        return None
    granule = int.from_bytes(data[last + 6:last + 14], "little", signed=True)
    segments = data[26]
    packet = data[27 + segments:27 + segments + 20]
    if packet.startswith(b"\x01vorbis") and len(packet) >= 16:
        rate = int.from_bytes(packet[12:16], "little")
        return granule / rate if rate > 0 and granule >= 0 else None
    if packet.startswith(b"OpusHead") and len(packet) >= 12:
        pre_skip = int.from_bytes(packet[10:12], "little")
        return max(0, granule - pre_skip) / 48000 if granule >= 0 else None
    return None


def _is_mp3(data: bytes) -> bool:
    start = 0
    if data.startswith(b"ID3") and len(data) >= 10:
        # An ID3v2 tag (its size is "syncsafe": 7 bits a byte), then the first MPEG frame.
        size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F)
        start = 10 + size + (10 if data[5] & 0x10 else 0)
        while start < len(data) and data[start] == 0:  # padding after the tag
            start += 1
        return _mp3_frame_at(data, start, any_sync=True)
    return data.startswith(MP3_FRAME_STARTS) and _mp3_frame_at(data, 0, any_sync=False)


def _mp3_frame_at(data: bytes, start: int, any_sync: bool) -> bool:
    header = data[start:start + 4]
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return False
    if not any_sync and header[:2] not in MP3_FRAME_STARTS:
        return False
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 0x3
    layer = (header[1] >> 1) & 0x3
    return layer != 0 and bitrate_index not in (0, 0xF) and rate_index != 3
