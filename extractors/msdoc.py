"""The main text of a Word 97-2003 binary document (MS-DOC), read from its OLE compound file.

Belongs here: the FIB, the piece table (CLX) and the paragraph properties needed to tell a table's
row end from a cell end. Text comes out in reading order with paragraphs as lines, table rows as
lines of tab-separated cells, fields reduced to their results, other control characters dropped.
Does not belong: ReadError wording (`formats`), text clean-up (`normalize`).

Spec: [MS-DOC] Word (.doc) Binary File Format. "Retrieving Text": FibBase → FibRgFcLcb97.fcClx/
lcbClx → Clx in the 0Table/1Table stream → PlcPcd: CPs and Pcds, each Pcd.fc with fCompressed
(0x40000000): 8-bit cp1252 at fc/2, else UTF-16LE at fc. Tables: a cell ends with \\x07; the row
ends with a \\x07 paragraph whose properties (PlcBtePapx → PapxFkp) carry sprmPFTtp.
"""

from __future__ import annotations

import io
import struct
from bisect import bisect_right
from dataclasses import dataclass

_WIDENT = 0xA5EC
_NFIB_WORD97 = 0x00C0  # Word 97 and later write 0x00C1; Word 6/95 write 0x0065-0x0068
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_F_OBFUSCATED = 0x8000
_COMPRESSED = 0x40000000
_FC_MASK = 0x3FFFFFFF
_PAGE = 512  # FKP pages
_FCLCB_PLCF_BTE_CHPX = 12  # index of fcPlcfBteChpx/lcbPlcfBteChpx in FibRgFcLcb97
_FCLCB_PLCF_BTE_PAPX = 13  # index of fcPlcfBtePapx/lcbPlcfBtePapx
_FCLCB_CLX = 33  # index of fcClx/lcbClx
_SPRM_IN_TABLE, _SPRM_TTP, _SPRM_HUGE_PAPX = 0x2416, 0x2417, 0x6646
_SPRM_DEF_TABLE, _SPRM_CHG_TABS = 0xD608, 0xC615
_SPRM_DELETED = 0x0800  # sprmCFRMarkDel: text deleted with change tracking on, still in the file
_SPRA_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # spra 6: variable

# 8-bit pieces are cp1252; the five bytes cp1252 leaves undefined map to their Latin-1 code points.
_CP1252 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\x0e": "\n"}  # line, page/section, column breaks
_KEPT_CONTROLS = {"\t": "\t", "\x1e": "-"}  # tab, non-breaking hyphen
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_CELL_MARK = "\x07"


# Streams that name what another OLE file is (an Excel sheet or a PowerPoint deck renamed .doc).
_OTHER_OLE = (
    ("Workbook", "an Excel workbook"),
    ("Book", "an Excel 5.0/95 workbook"),
    ("PowerPoint Document", "a PowerPoint presentation"),
    ("CONTENTS", "a Microsoft Works or Publisher file"),
)


class DocError(ValueError):
    """Why a file cannot be read as a Word 97-2003 document; `kind`: encrypted, version, not_word, corrupt."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(detail or kind)
        self.kind = kind


@dataclass(frozen=True)
class _Piece:
    cp: int  # first character position
    fc: int  # byte offset of that character in the WordDocument stream
    compressed: bool

    def fc_after(self, cp: int) -> int:
        """The byte offset just past character `cp` of this piece (where its paragraph would end)."""
        return self.fc + (cp - self.cp + 1) * (1 if self.compressed else 2)


def is_ole(data: bytes) -> bool:
    """An OLE compound file (Word 97-2003, WPS, Excel 97…): its 8-byte signature."""
    return data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def doc_text(data: bytes) -> str:
    """The main document's text. Raises DocError (encrypted, version, corrupt, not_word)."""
    import olefile  # lazy: only .doc files need it

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return _word_text(ole)
    except DocError:
        raise
    except Exception as exc:  # olefile and struct raise many types on damaged files
        raise DocError("corrupt", f"{type(exc).__name__}: {exc}") from exc


def _word_text(ole) -> str:
    if not ole.exists("WordDocument"):
        if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
            raise DocError("encrypted", "a password-protected Office document")
        other = next((kind for stream, kind in _OTHER_OLE if ole.exists(stream)), None)
        if other:
            raise DocError("not_word", other)
        raise DocError("corrupt", "no WordDocument stream")
    word = ole.openstream("WordDocument").read()
    ident, nfib = struct.unpack_from("<HH", word, 0)
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if ident != _WIDENT:
        raise DocError("corrupt", f"WordDocument stream starts with {ident:#06x}, not the Word signature")
    if nfib < _NFIB_WORD97:
        raise DocError("version", f"Word 6.0/95 format (nFib {nfib:#x})")
    if flags & (_F_ENCRYPTED | _F_OBFUSCATED):
        raise DocError("encrypted", "the document is encrypted")
    table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
    if not ole.exists(table_name):
        raise DocError("corrupt", f"the {table_name} stream is missing")
    table = ole.openstream(table_name).read()
    data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
    ccp_text, fclcb = _fib(word)
    pieces, text = _pieces(word, table, fclcb[_FCLCB_CLX], ccp_text)
    try:
        marks = _paragraph_marks(word, table, data_stream, fclcb[_FCLCB_PLCF_BTE_PAPX])
    except (struct.error, IndexError, ValueError):
        marks = None
    if marks is not None and _CELL_MARK in text and not marks.row_end:
        marks = None  # cell marks but no row ends found: rows and cells are told apart by a heuristic
    try:
        deleted = _deleted(pieces, len(text), _deleted_runs(word, table, fclcb[_FCLCB_PLCF_BTE_CHPX]))
    except (struct.error, IndexError, ValueError):
        deleted = None  # no character properties: tracked deletions, if any, are read as text
    return _plain(text, pieces, marks, deleted)


def _fib(word: bytes) -> tuple[int, list[tuple[int, int]]]:
    """ccpText and the (fc, lcb) pairs of FibRgFcLcb, located through the csw/cslw/cbRgFcLcb counts."""
    pos = 32
    csw = struct.unpack_from("<H", word, pos)[0]
    pos += 2 + 2 * csw
    cslw = struct.unpack_from("<H", word, pos)[0]
    lw = pos + 2
    ccp_text = struct.unpack_from("<i", word, lw + 12)[0]
    pos = lw + 4 * cslw
    count = struct.unpack_from("<H", word, pos)[0]
    if count <= _FCLCB_CLX:
        raise DocError("corrupt", f"FibRgFcLcb has {count} entries")
    pairs = struct.unpack_from(f"<{2 * count}I", word, pos + 2)
    return ccp_text, list(zip(pairs[0::2], pairs[1::2], strict=True))


def _pieces(word: bytes, table: bytes, clx_at: tuple[int, int], ccp_text: int) -> tuple[list[_Piece], str]:
    """The pieces of the main document (CP < ccpText) and their text, in CP order."""
    plc = _plc_pcd(table, *clx_at)
    n = (len(plc) - 4) // 12
    if n <= 0 or (len(plc) - 4) % 12:
        raise DocError("corrupt", "the piece table is empty or malformed")
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    pieces: list[_Piece] = []
    parts: list[str] = []
    cp_total = 0
    for i in range(n):
        start, end = cps[i], min(cps[i + 1], ccp_text)
        if end <= start:
            continue
        raw_fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        piece = _Piece(cp_total, raw_fc & _FC_MASK, bool(raw_fc & _COMPRESSED))
        if piece.compressed:
            piece = _Piece(cp_total, piece.fc // 2, True)
        parts.append(_piece_text(word, piece, end - start))
        pieces.append(piece)
        cp_total += end - start
    return pieces, "".join(parts)


def _plc_pcd(table: bytes, fc: int, lcb: int) -> bytes:
    """The PlcPcd inside the Clx: skip any Prc (0x01) blocks, then the Pcdt (0x02)."""
    clx = table[fc : fc + lcb]
    if lcb == 0 or len(clx) != lcb:
        raise DocError("corrupt", "the piece table (Clx) lies outside the table stream")
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:
        size = struct.unpack_from("<h", clx, pos + 1)[0]
        if size < 0:
            raise DocError("corrupt", "a Prc of negative size in the Clx")
        pos += 3 + size
    if pos >= len(clx) or clx[pos] != 0x02:
        raise DocError("corrupt", "no Pcdt in the Clx")
    size = struct.unpack_from("<I", clx, pos + 1)[0]
    return clx[pos + 5 : pos + 5 + size]


def _piece_text(word: bytes, piece: _Piece, count: int) -> str:
    width = 1 if piece.compressed else 2
    raw = word[piece.fc : piece.fc + count * width]
    if len(raw) != count * width:
        raise DocError("corrupt", "a piece of text lies past the end of the WordDocument stream")
    if piece.compressed:
        return (
            "".join(_CP1252.get(b, chr(b)) for b in raw)
            if max(raw, default=0) >= 0x80
            else raw.decode("ascii")
        )
    return raw.decode("utf-16-le", errors="replace")


@dataclass(frozen=True)
class _Marks:
    """Byte offsets (in WordDocument) where paragraphs end that are in a table / end a table row."""

    in_table: frozenset[int]
    row_end: frozenset[int]


def _paragraph_marks(word: bytes, table: bytes, data: bytes, bte_at: tuple[int, int]) -> _Marks:
    fc, lcb = bte_at
    n = (lcb - 4) // 8
    if n <= 0:
        return _Marks(frozenset(), frozenset())
    plc = table[fc : fc + lcb]
    pns = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))
    in_table: set[int] = set()
    row_end: set[int] = set()
    for pn in pns:
        base = (pn & 0x3FFFFF) * _PAGE
        page = word[base : base + _PAGE]
        if len(page) != _PAGE:
            raise ValueError("PapxFkp page outside the stream")
        crun = page[-1]
        rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for j in range(crun):
            offset = 2 * page[4 * (crun + 1) + 13 * j]
            if not offset:
                continue
            flags = _papx_flags(page, offset, data)
            if _SPRM_IN_TABLE in flags:
                in_table.add(rgfc[j + 1])
            if _SPRM_TTP in flags:
                row_end.add(rgfc[j + 1])
    return _Marks(frozenset(in_table), frozenset(row_end))


def _papx_flags(page: bytes, offset: int, data: bytes) -> set[int]:
    """The table sprms (sprmPFInTable, sprmPFTtp) set to 1 in one PapxInFkp."""
    cb = page[offset]
    if cb:
        start, size = offset + 1, 2 * cb - 1
    else:
        start, size = offset + 2, 2 * page[offset + 1]
    grpprl = page[start + 2 : start + size]  # after the istd
    found: set[int] = set()
    for sprm, operand in _sprms(grpprl):
        if sprm in (_SPRM_IN_TABLE, _SPRM_TTP) and operand[:1] not in (b"", b"\x00"):
            found.add(sprm)
        elif sprm == _SPRM_HUGE_PAPX and len(operand) == 4 and data:
            at = struct.unpack("<I", operand)[0]
            cb_huge = struct.unpack_from("<H", data, at)[0]
            found |= {
                s
                for s, op in _sprms(data[at + 2 : at + 2 + cb_huge])
                if s in (_SPRM_IN_TABLE, _SPRM_TTP) and op[:1] not in (b"", b"\x00")
            }
    return found


def _sprms(grpprl: bytes):
    """(sprm, operand) pairs of a grpprl; stops at the first one that does not fit."""
    pos = 0
    while pos + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        spra = sprm >> 13
        if spra != 6:
            size = _SPRA_SIZE[spra]
        elif sprm == _SPRM_DEF_TABLE and pos + 2 <= len(grpprl):
            size = 2 + struct.unpack_from("<H", grpprl, pos)[0] - 1
        elif pos < len(grpprl) and not (sprm == _SPRM_CHG_TABS and grpprl[pos] == 255):
            size = 1 + grpprl[pos]
        else:
            return
        if pos + size > len(grpprl):
            return
        operand = grpprl[pos : pos + size]
        yield sprm, operand if spra != 6 or sprm == _SPRM_DEF_TABLE else operand[1:]
        pos += size


def _deleted_runs(word: bytes, table: bytes, bte_at: tuple[int, int]) -> list[tuple[int, int]]:
    """Byte ranges (in WordDocument) of the character runs marked deleted (PlcBteChpx → ChpxFkp)."""
    fc, lcb = bte_at
    n = (lcb - 4) // 8
    if n <= 0:
        return []
    pns = struct.unpack_from(f"<{n}I", table[fc : fc + lcb], 4 * (n + 1))
    runs = []
    for pn in pns:
        base = (pn & 0x3FFFFF) * _PAGE
        page = word[base : base + _PAGE]
        if len(page) != _PAGE:
            raise ValueError("ChpxFkp page outside the stream")
        crun = page[-1]
        rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for j in range(crun):
            offset = 2 * page[4 * (crun + 1) + j]
            if offset and any(
                sprm == _SPRM_DELETED and operand[:1] in (b"\x01", b"\x81")
                for sprm, operand in _sprms(page[offset + 1 : offset + 1 + page[offset]])
            ):
                runs.append((rgfc[j], rgfc[j + 1]))
    return runs


def _deleted(pieces: list[_Piece], length: int, runs: list[tuple[int, int]]) -> bytearray | None:
    """A mask over the text's characters: 1 where the character lies in a deleted run."""
    if not runs:
        return None
    mask = bytearray(length)
    ends = [p.cp for p in pieces[1:]] + [length]
    for piece, end in zip(pieces, ends, strict=True):
        width = 1 if piece.compressed else 2
        for start_fc, end_fc in runs:
            first = max(piece.cp, piece.cp + -(-(start_fc - piece.fc) // width))
            last = min(end, piece.cp + -(-(end_fc - piece.fc) // width))
            if first < last:
                mask[first:last] = b"\x01" * (last - first)
    return mask


def _plain(text: str, pieces: list[_Piece], marks: _Marks | None, deleted: bytearray | None = None) -> str:
    """Paragraphs as lines, rows as lines of tab-separated cells, field results only, controls dropped."""
    starts = [p.cp for p in pieces]
    out: list[str] = []
    fields: list[bool] = []  # one entry per open field: True once its result has begun
    for cp, ch in enumerate(text):
        if deleted is not None and deleted[cp]:
            continue  # tracked deletion: not part of the document as it reads
        if ch == _FIELD_BEGIN:
            fields.append(False)
            continue
        if ch == _FIELD_SEPARATOR and fields:
            fields[-1] = True
            continue
        if ch == _FIELD_END and fields:
            fields.pop()
            continue
        if not all(fields):
            continue  # inside a field's instructions (HYPERLINK "…", PAGE, TOC \o …)
        if ch == "\r" or ch == _CELL_MARK:
            out.append(_paragraph_end(ch, cp, text, pieces[bisect_right(starts, cp) - 1], marks, out))
        elif ch >= " ":
            out.append(ch)
        else:
            out.append(_LINE_BREAKS.get(ch) or _KEPT_CONTROLS.get(ch, ""))
    return "".join(out)


def _paragraph_end(ch: str, cp: int, text: str, piece: _Piece, marks: _Marks | None, out: list[str]) -> str:
    """A paragraph mark: newline; inside a table cell a space; a cell mark a tab; a row end a newline."""
    if marks is None:  # heuristic: a row ends with a second cell mark right after the last cell's
        row_end = ch == _CELL_MARK and cp > 0 and text[cp - 1] == _CELL_MARK
        in_table = False
    else:
        end = piece.fc_after(cp)
        row_end, in_table = end in marks.row_end, end in marks.in_table
    if row_end:
        while out and out[-1] == "\t":
            out.pop()
        return "\n"
    if ch == _CELL_MARK:
        return "\t"
    return " " if in_table else "\n"
