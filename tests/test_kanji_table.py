"""pykakasi's kanji dictionary opened entry by entry (kiosk/speech/kanji_table.py): the same kana,
without reading the whole 9.7 MB pickle at once."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

pykakasi = pytest.importorskip("pykakasi")

from pykakasi.kanji import Kanwa  # noqa: E402
from pykakasi.properties import Configurations  # noqa: E402

from kiosk.speech import kanji_table  # noqa: E402

SOURCE = Path(Configurations.dictpath(Configurations.jisyo_kanwa))


@pytest.fixture
def fresh_pykakasi():
    """pykakasi's table is shared by the whole process: each test starts without one, and leaves
    the process as it found it."""
    before = Kanwa._shared_state["_jisyo_table"]
    Kanwa._shared_state["_jisyo_table"] = None
    yield
    Kanwa._shared_state["_jisyo_table"] = before


@pytest.fixture(scope="module")
def full_table() -> dict:
    with SOURCE.open("rb") as file:
        return pickle.load(file)


def readings(texts: list[str]) -> list[list[str]]:
    converter = pykakasi.kakasi()
    return [[part["hira"] for part in converter.convert(text)] for text in texts]


def test_the_lazy_table_gives_the_same_kana_as_pykakasis_own(tmp_path, fresh_pykakasi, full_table):
    words = [word for entry in list(full_table.values())[::40] for word in list(entry)[:2]]
    texts = [f"{a}の{b}で{c}" for a, b, c in zip(words, words[1:], words[2:])][:150] + ["日本語の公園で公開講座"]
    Kanwa._shared_state["_jisyo_table"] = full_table
    expected = readings(texts)
    Kanwa._shared_state["_jisyo_table"] = None

    assert kanji_table.install(tmp_path)
    table = Kanwa._shared_state["_jisyo_table"]
    assert isinstance(table, kanji_table.LazyKanjiTable) and len(table) == len(full_table)
    pykakasi.kanji.JConv.convert.cache_clear()  # pykakasi's own memo of conversions done above
    assert readings(texts) == expected
    assert table.get(ord("a")) is None  # a key the dictionary does not have


def test_the_next_start_reads_the_file_the_first_one_made(tmp_path, fresh_pykakasi, monkeypatch):
    assert kanji_table.install(tmp_path)
    made = kanji_table.table_path(tmp_path, SOURCE)
    assert made.exists() and [p.name for p in tmp_path.iterdir()] == [made.name]

    Kanwa._shared_state["_jisyo_table"] = None
    monkeypatch.setattr(kanji_table, "build_table", lambda *_: pytest.fail("built again"))
    assert kanji_table.install(tmp_path)
    assert pykakasi.kakasi().convert("公園")[0]["hira"] == "こうえん"


def test_a_damaged_file_is_made_again_and_one_from_an_older_pykakasi_is_removed(tmp_path, fresh_pykakasi):
    older = tmp_path / f"{kanji_table.TABLE_PREFIX}1-2.pickle"
    older.write_bytes(b"an older pykakasi's table")
    made = kanji_table.table_path(tmp_path, SOURCE)
    made.write_bytes(b"half a fi")
    assert kanji_table.install(tmp_path)
    assert pickle.loads(made.read_bytes())  # whole again
    assert not older.exists()
    assert pykakasi.kakasi().convert("公開")[0]["hira"] == "こうかい"


def test_a_table_pykakasi_loaded_already_is_left_alone(tmp_path, fresh_pykakasi, full_table):
    Kanwa._shared_state["_jisyo_table"] = full_table
    assert not kanji_table.install(tmp_path)
    assert Kanwa._shared_state["_jisyo_table"] is full_table
    assert list(tmp_path.iterdir()) == []
