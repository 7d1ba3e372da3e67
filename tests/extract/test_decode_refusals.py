"""Decoding refuses what is not a text document: empty input and binary files."""

from __future__ import annotations

import gzip

import pytest

from storyline.errors import ExtractError
from storyline.extract.decode import decode


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n"])
def test_decode_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(ExtractError) as caught:
        decode(data, "blank.html")
    assert str(caught.value) == "blank.html: empty document"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        gzip.compress(b"<p>compressed</p>"),
        bytes(range(32)) * 50,
        "text in UTF-16 without a byte order mark".encode("utf-16-le"),
    ],
)
def test_decode_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(ExtractError) as caught:
        decode(data, "blob.bin")
    assert caught.value.document == "blob.bin"
    assert "binary" in caught.value.problem
