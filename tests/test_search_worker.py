"""The search worker and the storage it opens: one clear line, exit status 2, never a password or a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from regviz import search

ROOT = Path(__file__).resolve().parent.parent
SECRET = "Pa55-s3cret"

MALFORMED = [
    f"postgresql://u:{SECRET}@127.0.0.1:notaport/x",  # a port that is not a number
    f"postgresql://u:{SECRET}@[::1/x",  # a broken IPv6 host
    f"postgresql+psycopg2://u:{SECRET}@@127.0.0.1:5432/x",  # an @ too many
    f"postgresql://u:{SECRET.replace('-', '@')}@127.0.0.1:1/x",  # an @ inside the password
    f"mysql://u:{SECRET}@127.0.0.1/x",  # a driver that is not installed
    f"postgresql://u:{SECRET}@127.0.0.1:1/x",  # a valid URL, nothing listening
]


def _fragments(url: str) -> list[str]:
    password = url.split("://", 1)[1].split(":", 1)[1].rsplit("@", 1)[0]
    return [p for p in password.replace("@", " ").split() if len(p) >= 3]


@pytest.mark.parametrize("url", MALFORMED)
def test_hide_password_redacts_urls_no_parser_accepts(url: str) -> None:
    shown = search._hide_password(url)
    assert "***" in shown and not any(f in shown for f in _fragments(url))


@pytest.mark.parametrize("url", MALFORMED)
def test_open_storage_never_shows_the_password(url: str) -> None:
    with pytest.raises((ValueError, search.StorageError)) as info:
        search.open_storage(url, connect_timeout=1)
    text = "".join(traceback.format_exception(info.value))  # the message and everything a traceback would print
    assert not any(f in text for f in _fragments(url)), text


def _worker(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGVIZ_DEVICE": "cpu", "CUDA_VISIBLE_DEVICES": ""}
    cmd = [sys.executable, "-m", "regviz.search_worker", "--study", "s", "--n-trials", "1", "--connect-timeout", "1"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=tmp, env=env, timeout=120, check=False)


def _assert_one_clean_line(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode == 2, done
    assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("search_worker: error: ") and "Traceback" not in done.stderr
    for text in expected:
        assert text in done.stderr, done.stderr


@pytest.mark.parametrize("url", MALFORMED[:4])
def test_worker_cli_never_prints_the_password(url: str, tmp_path: Path) -> None:
    done = _worker("--storage", url, "--objective", "quadratic", tmp=tmp_path)
    _assert_one_clean_line(done, "***")
    assert not any(f in done.stderr + done.stdout for f in _fragments(url))


def test_worker_journal_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "study.log").mkdir()
    done = _worker("--storage", f"journal://{tmp_path}/study.log", "--objective", "quadratic", tmp=tmp_path)
    _assert_one_clean_line(done, "is a folder")


def test_worker_journal_that_cannot_be_created(tmp_path: Path) -> None:
    done = _worker("--storage", "journal:///proc/regviz-study.log", "--objective", "quadratic", tmp=tmp_path)
    _assert_one_clean_line(done, "/proc")


def test_worker_journal_full_of_garbage_is_named(tmp_path: Path) -> None:
    journal = tmp_path / "study.log"
    journal.write_text("this is not a journal {{{\n", encoding="utf-8")
    done = _worker("--storage", f"journal://{journal}", "--objective", "quadratic", tmp=tmp_path)
    _assert_one_clean_line(done, str(journal), "is damaged")


def test_worker_with_damaged_data_creates_no_study(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "SHA256SUMS").write_text((ROOT / "data" / "SHA256SUMS").read_text(encoding="utf-8"), encoding="utf-8")
    (data / "mnist_5k.npz").write_bytes(b"damaged")
    journal = tmp_path / "study.log"
    env_cmd = ["--storage", f"journal://{journal}", "--objective", "mnist"]
    os.environ["REGVIZ_DATA_DIR"] = str(data)
    try:
        done = _worker(*env_cmd, tmp=tmp_path)
    finally:
        del os.environ["REGVIZ_DATA_DIR"]
    _assert_one_clean_line(done, "mnist_5k.npz is corrupted")
    assert not journal.exists() or journal.stat().st_size == 0  # the data were loaded before the study was created
