"""Unsigned LEB128 varints: 7 bits a byte, the high bit saying another byte
follows. Positions (``analysis.CompactPositions``), the posting codec and the
term tables all write them."""

from __future__ import annotations


def put_varint(out: bytearray, number: int) -> None:
    """Append ``number`` as an unsigned LEB128 varint."""
    while number >= 0x80:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    out.append(number)


def get_varint(data, position: int) -> tuple[int, int]:
    """The varint at ``position`` and the position after it."""
    byte = data[position]
    if byte < 0x80:
        return byte, position + 1
    number, shift = byte & 0x7F, 7
    while True:
        position += 1
        byte = data[position]
        number |= (byte & 0x7F) << shift
        if byte < 0x80:
            return number, position + 1
        shift += 7


def varints(numbers) -> bytes:
    """``numbers`` as consecutive varints."""
    out = bytearray()
    for number in numbers:
        put_varint(out, number)
    return bytes(out)


def read_varints(data: bytes) -> list[int]:
    """Every whole varint of ``data``, in order (a varint cut off at the end is
    left out: callers read a frequency from the first few bytes of a value)."""
    numbers, number, shift = [], 0, 0
    for byte in data:
        number |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            numbers.append(number)
            number, shift = 0, 0
    return numbers
