"""Unsigned LEB128 varints, one at a time: 7 bits a byte, the high bit saying
another byte follows. The posting codec and the term tables both write them."""

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
