"""Text encodings of input files: detection, decoding that names the bad line, transcoding."""

from __future__ import annotations

import codecs
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cockpit.ingest.problems import IngestError, Problem

CHUNK = 1 << 20
# (byte order mark, encoding name reported, codec that decodes what follows the mark)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
WITHOUT_BOM = ("utf-8", "gb18030")  # GB18030 is a superset of GBK and GB2312
_DEFAULT_ORDER = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
_SAVE_AS = "save the file as CSV UTF-8 (Excel: 另存为 → CSV UTF-8) and try again"


class _Undecodable(Exception):
    def __init__(self, encoding: str, line: int) -> None:
        super().__init__(encoding, line)
        self.encoding, self.line = encoding, line


def sniff_bom(head: bytes) -> tuple[str, str, int] | None:
    """(encoding name, codec after the mark, mark length) if `head` starts with a BOM."""
    for bom, name, codec in BOMS:
        if head.startswith(bom):
            return name, codec, len(bom)
    return None


def detect_encoding(path: str | Path, chunk_size: int = CHUNK) -> str:
    """'utf-8-sig', 'utf-16' or 'utf-32' when the file starts with a BOM, else 'utf-8' when the
    whole file is valid UTF-8 (checked in a streaming pass), else 'gb18030' (not checked here:
    decoding or transcoding with it reports the first bad line)."""
    with open(path, "rb") as stream:
        found = sniff_bom(stream.read(4))
        if found:
            return found[0]
        stream.seek(0)
        try:
            for _ in _blocks(stream, "utf-8", chunk_size, allow_nul=True):
                pass
        except _Undecodable:
            return "gb18030"
    return "utf-8"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of `data` (any BOM removed) and the encoding name used: the given one, else
    the one its BOM names, else UTF-8, else GB18030. NUL characters are refused."""
    if encoding:
        candidates: tuple[str, ...] = (encoding,)
    else:
        found = sniff_bom(data[:4])
        candidates = (found[0],) if found else WITHOUT_BOM
    failures = []
    for name in candidates:
        stream = io.BytesIO(data)
        codec, head = _start(stream, name)
        start = stream.tell() - len(head)
        try:
            text = str(memoryview(data)[start:], codec)
        except UnicodeDecodeError as exc:
            before = data[start:start + exc.start].decode(codec, "replace")
            failures.append(_Undecodable(name, before.count("\n") + 1))
            continue
        _refuse_nul(text, name, 0)
        return text, name
    raise IngestError([_cannot_decode(failures)])


def transcode_to_utf8(source: str | Path, target: str | Path | None = None, *,
                      encoding: str | None = None, chunk_size: int = CHUNK) -> Path:
    """Copy `source` as UTF-8 (no BOM, line ends untouched) into `target`, or into a new temp
    file that the caller removes, reading `chunk_size` bytes at a time; returns the target.
    An undecodable byte raises IngestError naming its line, and removes the target."""
    name = encoding or detect_encoding(source, chunk_size)
    if target is None:
        fd, tmp = tempfile.mkstemp(prefix=f"{Path(source).stem}.", suffix=".utf8.csv")
        os.close(fd)
        target = tmp
    target = Path(target)
    try:
        with open(source, "rb") as src, open(target, "w", encoding="utf-8", newline="") as dst:
            for text in _blocks(src, name, chunk_size):
                dst.write(text)
    except _Undecodable as exc:
        target.unlink(missing_ok=True)
        raise IngestError([_cannot_decode([exc])]) from None
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _blocks(stream: BinaryIO, encoding: str, chunk_size: int, *,
            allow_nul: bool = False) -> Iterator[str]:
    """Decoded text in blocks that end on whole lines (ASCII-compatible encodings) or whole
    characters (UTF-16/32), so each block decodes on its own and errors know their line."""
    codec, pending = _start(stream, encoding)
    unit = 4 if codec.startswith("utf-32") else 2 if codec.startswith("utf-16") else 1
    newlines = 0
    while True:
        chunk = stream.read(chunk_size)
        data = pending + chunk
        cut = _cut(data, unit, codec) if chunk else len(data)
        block, pending = data[:cut], data[cut:]
        if block:
            try:
                text = block.decode(codec)
            except UnicodeDecodeError as exc:
                before = block[:exc.start].decode(codec, "replace")
                raise _Undecodable(encoding, newlines + before.count("\n") + 1) from None
            if not allow_nul:
                _refuse_nul(text, encoding, newlines)
            newlines += text.count("\n")
            yield text
        if not chunk:
            return


def _refuse_nul(text: str, encoding: str, newlines_before: int) -> None:
    if "\x00" in text:
        line = newlines_before + text[:text.index("\x00")].count("\n") + 1
        raise IngestError([Problem(
            rule="nul_bytes", lines=(line,),
            message=f"the file contains NUL characters ({encoding}): a binary file, or UTF-16 "
                    "text without a byte order mark", hint=_SAVE_AS)])


def _start(stream: BinaryIO, encoding: str) -> tuple[str, bytes]:
    """The codec for the bytes after any BOM that `encoding` implies, and the bytes read."""
    name = codecs.lookup(encoding).name
    if name not in _DEFAULT_ORDER:
        return name, b""
    head = stream.read(4)
    found = sniff_bom(head)
    if found and found[0] == name:
        return found[1], head[found[2]:]
    return _DEFAULT_ORDER[name], head


def _cut(data: bytes, unit: int, codec: str) -> int:
    if unit == 1:  # 0x0A never occurs inside a UTF-8 or GB18030 multi-byte character
        return data.rfind(b"\n") + 1
    cut = len(data) - len(data) % unit
    if codec.startswith("utf-16") and cut >= 2:  # keep a surrogate pair together
        high = data[cut - 1] if codec == "utf-16-le" else data[cut - 2]
        if 0xD8 <= high <= 0xDB:
            cut -= 2
    return cut


def _cannot_decode(failures: list[_Undecodable]) -> Problem:
    lines = tuple(sorted({f.line for f in failures}))
    tried = "; ".join(f"as {f.encoding} it fails on line {f.line}" for f in failures)
    names = " nor ".join(_label(f.encoding) for f in failures)
    return Problem(rule="encoding", lines=lines,
                   message=f"cannot decode the file: it is neither {names} ({tried})",
                   hint=_SAVE_AS)


def _label(encoding: str) -> str:
    return "GBK/GB18030" if encoding == "gb18030" else encoding.upper()
