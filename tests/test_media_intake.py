"""Uploads for the content editors (server/media_intake.py): real pictures and recordings made
here with Pillow and the wave module, checked the way the kiosk's loader checks a pack's files."""

from __future__ import annotations

import io
import math
import struct
import time
import wave
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="Pillow is the server's (pip install -e .[server])")

from PIL import Image, ImageDraw  # noqa: E402

from kiosk.content import loader  # noqa: E402
from server.i18n import Translator  # noqa: E402
from server.media_intake import (  # noqa: E402
    NARRATION_MAX_SECONDS,
    NOT_A_PICTURE,
    NOT_A_SOUND,
    PICTURE_BOUND,
    IntakeError,
    take_narration,
    take_picture,
)

ORIENTATION = 0x0112
GPS_IFD = 0x8825
EN, KO = Translator("en"), Translator("ko")


def phone_photo(width: int = 4032, height: int = 3024, quality: int = 95) -> bytes:
    """A phone's landscape sensor picture held upright: orientation 6 (turn 90° clockwise to
    show), with where it was taken. Its top-left quarter is red, so the turn can be seen."""
    red = Image.new("RGB", (width // 2, height // 2), (220, 20, 20))
    picture = Image.merge("RGB", [Image.linear_gradient("L").resize((width, height)),
                                  Image.effect_noise((width, height), 60),
                                  Image.radial_gradient("L").resize((width, height))])
    picture.paste(red, (0, 0))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (37.0, 33.0, 59.0), "E", (126.0, 58.0, 41.0)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality, exif=exif)
    return out.getvalue()


def png(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def loader_accepts(tmp_path: Path, data: bytes, suffix: str) -> bool:
    """The kiosk's own check of a pack's media file (kiosk/content/loader.py)."""
    (tmp_path / f"file{suffix}").write_bytes(data)
    reader = loader._PackReader(tmp_path, strict=True)
    field = "steps[0].narration.ko" if suffix in loader.AUDIO_SUFFIXES else "steps[0].picture"
    reader.check_media("lesson.json", "lesson-1", field, f"file{suffix}")
    return not reader.problems


def test_a_phone_photo_is_turned_upright_shrunk_and_keeps_no_location(tmp_path):
    data = phone_photo()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test's photo has a location
    started = time.perf_counter()
    picture = take_picture(data, "IMG_0042.JPG")
    elapsed = time.perf_counter() - started

    assert picture.suffix == ".jpg"
    # Upright (portrait) and within the bound, proportions kept: 3024x4032 -> 1200x1600.
    assert (picture.width, picture.height) == (1200, 1600)
    out = Image.open(io.BytesIO(picture.data))
    assert out.size == (1200, 1600) and out.format == "JPEG" and out.mode == "RGB"
    assert out.info.get("progressive") or out.info.get("progression")
    assert not out.getexif(), "no EXIF (orientation, GPS) may leave the server"
    assert "exif" not in out.info and "icc_profile" not in out.info
    assert b"Exif" not in picture.data[:4096]
    # Turned clockwise: the sensor's red top-left corner is now the top-right one.
    assert out.getpixel((1150, 50))[0] > 180 and out.getpixel((1150, 50))[1] < 80
    assert out.getpixel((50, 50))[0] < 180 or out.getpixel((50, 50))[1] > 80
    assert len(picture.data) < len(data) / 5
    assert loader_accepts(tmp_path, picture.data, picture.suffix)
    assert elapsed < 10, f"{elapsed:.1f} s for one photo"


def test_a_screenshot_with_transparency_stays_png(tmp_path):
    shot = Image.new("RGBA", (2400, 1350), (0, 0, 0, 0))
    draw = ImageDraw.Draw(shot)
    draw.rounded_rectangle((100, 100, 2300, 1250), radius=40, fill=(30, 90, 200, 255))
    draw.text((200, 200), "Send", fill=(255, 255, 255, 255))
    picture = take_picture(png(shot), "screen.png")
    assert picture.suffix == ".png"
    assert (picture.width, picture.height) == (PICTURE_BOUND[0], 900)
    out = Image.open(io.BytesIO(picture.data))
    assert out.mode == "RGBA" and out.getpixel((5, 5))[3] == 0 and out.getpixel((800, 450))[3] == 255
    assert loader_accepts(tmp_path, picture.data, picture.suffix)


def test_a_small_drawing_is_not_enlarged_and_stays_sharp():
    drawing = Image.new("RGB", (640, 480), "white")
    ImageDraw.Draw(drawing).rectangle((100, 100, 300, 200), outline="black", width=6)
    picture = take_picture(png(drawing), "drawing.png")
    assert (picture.suffix, picture.width, picture.height) == (".png", 640, 480)
    assert Image.open(io.BytesIO(picture.data)).getpixel((100, 150)) == (0, 0, 0)


def test_gif_webp_and_bmp_are_taken_as_pictures():
    frame = Image.new("RGB", (300, 200), (10, 120, 40))
    for format_name in ("GIF", "WEBP", "BMP"):
        out = io.BytesIO()
        frame.save(out, format_name)
        picture = take_picture(out.getvalue(), f"picture.{format_name.lower()}")
        assert picture.suffix in (".png", ".jpg") and (picture.width, picture.height) == (300, 200), format_name


@pytest.mark.parametrize("translator, words", [
    (EN, "notes.txt is not a picture. Choose a photo or drawing saved as JPEG, PNG or SVG."),
    (KO, "notes.txt 파일은 사진이나 그림이 아니에요. JPEG, PNG, SVG로 저장된 사진이나 그림을 골라 주세요."),
])
def test_a_text_file_is_refused_in_plain_words(translator, words):
    with pytest.raises(IntakeError) as refused:
        take_picture(b"Shopping list: rice, kimchi\n", "C:\\Users\\me\\notes.txt")
    assert refused.value.message == NOT_A_PICTURE
    assert refused.value.say(translator) == words


def test_an_empty_file_is_refused():
    with pytest.raises(IntakeError) as refused:
        take_picture(b"", "photo.jpg")
    assert "photo.jpg" in refused.value.say(KO) and "비어" in refused.value.say(KO)


def test_a_decompression_bomb_is_refused():
    # 20000 x 20000 pixels of one colour: a PNG of a few hundred KB that would need 1.2 GB to open.
    bomb = Image.new("1", (20000, 20000))
    out = io.BytesIO()
    bomb.save(out, "PNG")
    assert len(out.getvalue()) < 2 * 1024 * 1024
    with pytest.raises(IntakeError) as refused:
        take_picture(out.getvalue(), "bomb.png")
    assert "too many pixels" in refused.value.say(EN)
    assert "화소가 너무 많아서" in refused.value.say(KO)


def test_a_photo_cut_short_is_refused():
    data = phone_photo(1600, 1200)
    with pytest.raises(IntakeError) as refused:
        take_picture(data[: len(data) // 2], "half.jpg")
    assert "damaged or cut short" in refused.value.say(EN)


def test_a_file_too_large_is_refused_before_it_is_read():
    with pytest.raises(IntakeError) as refused:
        take_picture(b"\xff\xd8\xff" + bytes(51 * 1024 * 1024), "huge.jpg")
    assert "at most 50 MB" in refused.value.say(EN)


SVG_CLEAN = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
             b'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 800 600" width="100%">'
             b'<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
             b'<rect width="800" height="600" fill="url(#g)"/><use xlink:href="#g"/></svg>')


def test_a_clean_svg_is_kept_as_it_is_with_its_viewbox_size(tmp_path):
    picture = take_picture(SVG_CLEAN, "screen.svg")
    assert (picture.data, picture.suffix, picture.width, picture.height) == (SVG_CLEAN, ".svg", 800, 600)
    assert loader_accepts(tmp_path, picture.data, picture.suffix)


@pytest.mark.parametrize("svg, words", [
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>',
     "contains a script"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect onclick="x()"/></svg>',
     "contains a script"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
     b'<image xlink:href="http://tracker.example/pixel.png"/></svg>', "uses something from elsewhere"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="file:///etc/passwd"/></svg>',
     "uses something from elsewhere"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>@import url(https://fonts.example/a.css);'
     b'</style></svg>', "uses something from elsewhere"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>', "does not say its size"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect></svg>', "not a readable SVG"),
])
def test_an_unsafe_or_broken_svg_is_refused(svg, words):
    with pytest.raises(IntakeError) as refused:
        take_picture(svg, "drawing.svg")
    assert words in refused.value.say(EN)
    assert refused.value.say(KO) != refused.value.say(EN)


# Narration ----------------------------------------------------------------------------------------
def tone_wav(seconds: float, rate: int = 22050, frames: int | None = None) -> bytes:
    count = round(seconds * rate) if frames is None else frames
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                                 for i in range(count)))
    return out.getvalue()


def test_a_wav_recording_is_taken_with_its_length(tmp_path):
    narration = take_narration(tone_wav(1.5), "step1.wav")
    assert narration.suffix == ".wav" and narration.seconds == pytest.approx(1.5)
    assert loader_accepts(tmp_path, narration.data, narration.suffix)


def test_an_empty_or_silent_wav_is_refused():
    for data in (tone_wav(0, frames=0), tone_wav(0, frames=0)[:44] + bytes(0)):
        with pytest.raises(IntakeError) as refused:
            take_narration(data, "recording.wav")
        assert "has no sound in it" in refused.value.say(EN)
    silent = io.BytesIO()
    with wave.open(silent, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(bytes(44100))
    with pytest.raises(IntakeError) as refused:
        take_narration(silent.getvalue(), "recording.wav")
    assert "마이크가 켜져 있는지" in refused.value.say(KO)


def test_a_wav_longer_than_five_minutes_is_refused():
    rate = 8000
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(1)
        wav.setframerate(rate)
        wav.writeframes(bytes([128, 140]) * (rate * (NARRATION_MAX_SECONDS + 10) // 2))
    with pytest.raises(IntakeError) as refused:
        take_narration(out.getvalue(), "long.wav")
    assert refused.value.say(EN).startswith("long.wav lasts 5 min 10 s;")


def test_a_compressed_wav_is_refused():
    data = bytearray(tone_wav(0.5))
    data[20:22] = struct.pack("<H", 0x11)  # IMA ADPCM instead of PCM
    with pytest.raises(IntakeError) as refused:
        take_narration(bytes(data), "adpcm.wav")
    assert "compressed form" in refused.value.say(EN)


def test_ogg_and_mp3_are_taken_by_their_first_bytes(tmp_path):
    # An Ogg Vorbis identification page (rate 44100) and a last page at granule 88200: 2 s.
    ident = b"\x01vorbis" + struct.pack("<IBI", 0, 1, 44100) + bytes(15)
    first = b"OggS\x00\x02" + struct.pack("<q", 0) + bytes(12) + bytes([1, len(ident)]) + ident
    last = b"OggS\x00\x04" + struct.pack("<q", 88200) + bytes(12) + bytes([1, 4]) + bytes(4)
    ogg = take_narration(first + last, "voice.ogg")
    assert ogg.suffix == ".ogg" and ogg.seconds == pytest.approx(2.0)
    assert loader_accepts(tmp_path, ogg.data, ogg.suffix)
    frame = b"\xff\xfb\x90\x64" + bytes(413)  # MPEG-1 layer III, 128 kbit/s, 44.1 kHz
    tagged = b"ID3\x04\x00\x00\x00\x00\x00\x05" + bytes(5) + frame
    for data in (frame * 3, tagged):
        mp3 = take_narration(data, "voice.mp3")
        assert mp3.suffix == ".mp3" and mp3.seconds is None
        assert loader_accepts(tmp_path, mp3.data, mp3.suffix)


@pytest.mark.parametrize("data", [b"This is not music, only words in a text file.\n" * 20,
                                  b"ID3 tag and then nothing", b"\xff\xfb\xf0\x00broken frame"])
def test_a_text_named_mp3_is_refused(data):
    with pytest.raises(IntakeError) as refused:
        take_narration(data, "song.mp3")
    assert refused.value.message == NOT_A_SOUND
    assert refused.value.say(EN) == ("song.mp3 is not a sound recording. Upload WAV, OGG or MP3, "
                                     "or record with the microphone button.")
    assert refused.value.say(KO).startswith("song.mp3 파일은 녹음 파일이 아니에요.")


def test_a_colour_profile_and_text_notes_do_not_stay_in_the_picture():
    from PIL import ImageCms, PngImagePlugin

    drawing = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(drawing).ellipse((50, 50, 350, 250), outline=(0, 0, 200), width=8)
    notes = PngImagePlugin.PngInfo()
    notes.add_text("Author", "Kim Minji, 010-1234-5678")
    out = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    drawing.save(out, "PNG", icc_profile=srgb, pnginfo=notes)
    picture = take_picture(out.getvalue(), "drawing.png")
    kept = Image.open(io.BytesIO(picture.data))
    assert picture.suffix == ".png" and "icc_profile" not in kept.info and "Author" not in kept.info
    assert b"Kim Minji" not in picture.data


def test_a_photo_saved_as_png_becomes_jpeg():
    photo = Image.open(io.BytesIO(phone_photo(1600, 1200))).convert("RGB")
    data = png(photo)
    picture = take_picture(data, "photo.png")
    assert picture.suffix == ".jpg" and len(picture.data) < len(data) / 3


def test_an_iphone_heic_the_server_cannot_read_is_named_as_such():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)
    with pytest.raises(IntakeError) as refused:
        take_picture(heic, "IMG_0001.HEIC")
    if ".heic" not in Image.registered_extensions():  # no HEIF plugin registered with Pillow
        assert "HEIC photo" in refused.value.say(EN) and "HEIC 사진" in refused.value.say(KO)
    else:
        assert "damaged" in refused.value.say(EN)  # with the plugin: read, and this one is no photo


def test_a_16_bit_grey_scan_keeps_its_greys():
    scan = Image.linear_gradient("L").resize((300, 200)).convert("I").point(lambda value: value * 256)
    picture = take_picture(png(scan.convert("I;16")), "scan.png")
    assert Image.open(io.BytesIO(picture.data)).getpixel((150, 100))[0] in range(120, 136)
