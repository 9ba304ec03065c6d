/// The cell nearly every cell of a day row is, `<c r="C7"><v>12.5</v></c>`, read in one step.
extension SheetRowScan {
  /// `<c r="` as a little-endian word (its six bytes).
  static let cellOpen: UInt64 = 0x223D_7220_633C
  /// `><v>` as a little-endian word.
  static let tagEndValueOpen: UInt64 = 0x3E76_3C3E
  /// ` s="` as a little-endian word.
  static let styleOpen: UInt64 = 0x223D_7320

  /// The cells from `i` on, one after another, that are each the next column's (from the one
  /// after `lastColumn`, itself right after the last one written, `lineColumn`), with no
  /// attribute but their reference and perhaps a style (`s="3"`), in that order, and a plain
  /// number of at most 16 bytes (digits and a point) as their value: their separators and
  /// values written to the line. Returns the index after the last one and how many were read
  /// (0: the cell at `i` is not one, or lies too near the buffer's end). Every other cell is read by the general path, which reads these
  /// the same way (`XlsxRowScanTests`); by their tag, number and end in turn, reading them took
  /// three times as long.
  @inline(__always)
  mutating func plainNumbers(
    at i: Int, after lastColumn: Int, lineColumn: Int
  ) -> (end: Int, cells: Int) {
    var column = lastColumn + 1
    guard column == lineColumn + 1 else { return (i, 0) }
    // The scan's state in locals for the run: kept in registers, not read back cell by cell.
    let (b, n, to, room) = (self.b, self.n, out.baseAddress!, out.count)
    let (separator, date) = (options.separator, options.dateColumn ?? -1)
    let (reference, mask, length) = rowReference
    var w = written
    var k = i
    // 54 bytes hold the longest such cell (`<c r="XY1048576" s="99999"><v>` and 16 bytes of
    // number, read a word at a time): the bounds are checked once a cell, here. (A row longer
    // than a token may be is read by tokens: `scan` checks that at its end.)
    while k + 64 <= n, column < 702, column != date, w + 17 <= room {
      var p = k
      if column < 26 {
        let expected = Self.cellOpen | UInt64(65 + column) << 48
        guard Self.load64(b, p) & 0x00FF_FFFF_FFFF_FFFF == expected else { break }
        p += 7
      } else {
        let expected =
          Self.cellOpen | UInt64(64 + column / 26) << 48 | UInt64(65 + column % 26) << 56
        guard Self.load64(b, p) == expected else { break }
        p += 8
      }
      guard Self.load64(b, p) & mask == reference else { break }
      p += length
      if Self.load64(b, p) & 0xFFFF_FFFF != Self.tagEndValueOpen {
        // A style (`s="3"`), as Excel and WPS give most cells: no value depends on it.
        guard Self.load64(b, p) & 0xFFFF_FFFF == Self.styleOpen else { break }
        p += 4
        let style = p
        while p < style + 5, b[p] &- UInt8(ascii: "0") <= 9 { p += 1 }
        guard p > style, b[p] == UInt8(ascii: "\""),
          Self.load64(b, p + 1) & 0xFFFF_FFFF == Self.tagEndValueOpen
        else { break }
        p += 1
      }
      p += 4
      let start = p
      let bound = start + 17
      while p < bound, b[p] &- UInt8(ascii: "0") <= 9 { p += 1 }
      var digits = p - start
      if p < bound, b[p] == UInt8(ascii: ".") {
        p += 1
        let fraction = p
        while p < bound, b[p] &- UInt8(ascii: "0") <= 9 { p += 1 }
        digits += p - fraction
      }
      let count = p - start
      guard digits > 0, count <= 16, Self.load64(b, p) == Self.valueAndCellClose else { break }
      to[w] = separator
      Self.copy16(b + start, to: to + w + 1)
      w += 1 + count
      k = p + 8
      column += 1
    }
    written = w
    return (k, column - (lastColumn + 1))
  }

  @inline(__always) static func load64(_ b: UnsafePointer<UInt8>, _ k: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self))
  }

  /// Sixteen bytes from `from` to `to`, as two words: a plain number's bytes and those after
  /// it, which the line writes over or leaves unused (both buffers have them).
  @inline(__always)
  static func copy16(_ from: UnsafePointer<UInt8>, to: UnsafeMutablePointer<UInt8>) {
    let (from, to) = (UnsafeRawPointer(from), UnsafeMutableRawPointer(to))
    to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
    to.storeBytes(
      of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8,
      as: UInt64.self)
  }
}
