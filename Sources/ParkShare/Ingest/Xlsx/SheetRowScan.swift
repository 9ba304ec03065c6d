import Foundation

/// The common row of sheet data read straight from the tokenizer's buffer into its line, in
/// one pass over its bytes: `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>0.125</v></c>
/// ...</row>`, as Excel, WPS and the platforms' exporters write millions of them a quarter.
///
/// It reads cells with a `<v>` value, inline strings of one `<t>`, empty cells and white space
/// between cells and rows. Anything else (a formula, an entity, a comment, CDATA, a prefixed
/// name, an `_xHHHH_` escape, and every error) gives `.slow`: the row is then read again from
/// its start by `SheetParser`'s tokens, which decide what it holds and which error it is. So
/// the scan accepts only rows the tokens read the same way, and changes how fast a sheet is
/// read, never what is read (`XlsxRowScanTests` reads the same sheets both ways).
struct SheetRowScan {
  enum Outcome: Equatable {
    /// A row with a value, its number; its line is `out[0..<written]`, and it ends at `end`.
    case row(Int)
    /// A row without a value (it ends at `end`).
    case empty(Int)
    /// The buffer ends inside the row.
    case more
    /// A row the scan does not read: read it by tokens.
    case slow
    /// The line needs more room than `out` has.
    case grow
  }

  let b: UnsafePointer<UInt8>
  let n: Int
  let maxToken: Int
  let shared: [String]
  let options: SheetLineOptions
  let out: UnsafeMutableBufferPointer<UInt8>
  /// A start tag's attributes (local name, raw value), the first `count`.
  let attributes: UnsafeMutableBufferPointer<(name: Range<Int>, value: Range<Int>)>
  /// How many bytes of `out` the line holds (written here and by `plainNumbers`).
  var written = 0
  /// The index after the row just read.
  private(set) var end = 0
  /// The row's number and a closing quote as the bytes of a cell reference end (`7"`), loaded
  /// little-endian, its length and mask: a cell's reference is compared whole (`cellTag`).
  private(set) var rowReference: (bytes: UInt64, mask: UInt64, count: Int) = (0, 0, 0)

  init(
    _ buffer: UnsafeBufferPointer<UInt8>, maxToken: Int, shared: [String],
    options: SheetLineOptions, out: UnsafeMutableBufferPointer<UInt8>,
    attributes: UnsafeMutableBufferPointer<(name: Range<Int>, value: Range<Int>)>
  ) {
    // An empty array's buffer may have no address: nothing is read from it then.
    b = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
    n = buffer.baseAddress == nil ? 0 : buffer.count
    self.maxToken = maxToken
    self.shared = shared
    self.options = options
    self.out = out
    self.attributes = attributes
  }

  /// `number`'s digits and a quote, first byte lowest (at most 7 digits and the quote).
  static func reference(row number: Int) -> (bytes: UInt64, mask: UInt64, count: Int) {
    var (v, bytes, count) = (number, UInt64(0), 0)
    repeat {
      bytes = bytes << 8 | UInt64(48 + v % 10)
      v /= 10
      count += 1
    } while v > 0 && count < 7
    bytes |= UInt64(UInt8(ascii: "\"")) << UInt64(8 * count)
    count += 1
    return (bytes, count == 8 ? ~0 : (1 << UInt64(8 * count)) - 1, count)
  }

  @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
  }

  @inline(__always) func starts(_ i: Int, _ literal: StaticString) -> Bool {
    memcmp(b + i, literal.utf8Start, literal.utf8CodeUnitCount) == 0
  }

  /// Reads the row at `start` (white space before it skipped), after row `lastRow`.
  mutating func scan(at start: Int, lastRow: Int) -> Outcome {
    var i = start
    while i < n && Self.isSpace(b[i]) { i += 1 }
    guard i + 5 <= n else { return .more }
    guard starts(i, "<row") else { return .slow }
    let rowTag = startTag(i, nameLength: 3)
    guard case .tag(let rowEnd, let rowClosed, let rowCount) = rowTag else {
      return rowTag == .more ? .more : .slow
    }
    var number = lastRow + 1
    if let r = attribute("r", rowCount) {
      guard let v = integer(r), v >= 1, v <= 1_048_576 else { return .slow }
      number = v
    }
    guard number > lastRow else { return .slow }
    rowReference = Self.reference(row: number)
    if rowClosed {
      guard rowEnd - start <= maxToken else { return .slow }
      end = rowEnd
      return .empty(number)
    }
    i = rowEnd
    written = 0
    var lastColumn = -1
    // The column of the last cell written to the line; separators fill the columns between.
    var lineColumn = 0
    var any = false
    while true {
      let run = plainNumbers(at: i, after: lastColumn, lineColumn: lineColumn)
      if run.cells > 0 {
        lastColumn += run.cells
        lineColumn = lastColumn
        any = true
        i = run.end
      }
      while i < n && Self.isSpace(b[i]) { i += 1 }
      guard i + 6 <= n else { return .more }
      guard b[i] == UInt8(ascii: "<") else { return .slow }
      if b[i + 1] == UInt8(ascii: "/") {
        guard starts(i, "</row>") else { return .slow }
        end = i + 6
        // A row longer than a token could be is read by tokens, which bound every run of text.
        guard end - start <= maxToken else { return .slow }
        break
      }
      guard b[i + 1] == UInt8(ascii: "c") else { return .slow }
      let tag = cellTag(i, row: number, after: lastColumn)
      guard case .cell(let tagEnd, let closed, let column, let type) = tag else {
        return tag == .more ? .more : .slow
      }
      lastColumn = column
      i = tagEnd
      if closed { continue }
      guard i + 4 <= n else { return .more }
      if load32(i) == Self.cellClose {
        i += 4
        continue
      }
      let value: Range<Int>
      var exponent = false
      if load32(i) & 0xFF_FFFF == Self.valueOpen {
        var e = i + 3
        if type == .number {
          // A number read as the text is found (`SheetParser.isNumber`).
          let number = self.number(from: e)
          guard case .number(let end, let hasExponent) = number else {
            return number == .more ? .more : .slow
          }
          e = end
          exponent = hasExponent
        } else {
          let text = self.text(from: e)
          guard case .text(let end) = text else { return text == .more ? .more : .slow }
          e = end
        }
        guard e + 8 <= n else { return .more }
        guard load64(e) == Self.valueAndCellClose else { return .slow }
        value = (i + 3)..<e
        i = e + 8
      } else if type == .inline && starts(i, "<is>") {
        guard i + 6 <= n else { return .more }
        guard starts(i + 4, "<t") else { return .slow }
        let t = startTag(i + 4, nameLength: 1)
        guard case .tag(let tEnd, let tClosed, _) = t else { return t == .more ? .more : .slow }
        guard !tClosed else { return .slow }
        let text = self.text(from: tEnd)
        guard case .text(let e) = text else { return text == .more ? .more : .slow }
        guard e + 13 <= n else { return .more }
        guard starts(e, "</t></is></c>") else { return .slow }
        value = tEnd..<e
        i = e + 13
      } else {
        return .slow
      }
      // The separators before the cell, then its value.
      let gap = column - lineColumn
      guard written + gap <= out.count else { return .grow }
      // One separator, the usual gap, written as one byte: the loop was made a call of
      // `memset` per cell.
      if gap == 1 {
        out[written] = options.separator
        written += 1
      } else {
        for _ in 0..<gap {
          out[written] = options.separator
          written += 1
        }
      }
      lineColumn = column
      any = true
      // A plain number of up to 16 bytes (nearly every cell of a day row) is copied as two
      // words: the bytes after it, in either buffer, are there and are written over or unused.
      if type == .number, !exponent, column != options.dateColumn, value.count <= 16,
        value.lowerBound + 16 <= n, written + 16 <= out.count
      {
        Self.copy16(b + value.lowerBound, to: out.baseAddress! + written)
        written += value.count
        continue
      }
      let put = self.put(type, value, column, exponent: exponent)
      guard put == .done else { return put == .grow ? .grow : .slow }
    }
    let pad = max(options.fields, lineColumn + 1) - (lineColumn + 1)
    guard written + pad <= out.count else { return .grow }
    for _ in 0..<pad {
      out[written] = options.separator
      written += 1
    }
    return any ? .row(number) : .empty(number)
  }

  private enum Put {
    case done
    case grow
    case slow
  }

  /// Writes the value in `value` of a cell of `type` in `column` to the line, as
  /// `SheetParser.line` writes it.
  private mutating func put(
    _ type: SheetParser.CellType, _ value: Range<Int>, _ column: Int, exponent: Bool
  ) -> Put {
    switch type {
    case .number:
      // Checked as a number when it was found.
      let bytes = UnsafeBufferPointer(start: b + value.lowerBound, count: value.count)
      if exponent || column == options.dateColumn,
        let converted = SheetParser.numberText(bytes, column: column, options)
      {
        return copy(converted)
      }
      guard written + bytes.count <= out.count else { return .grow }
      // A few digits: copied here, not through a call.
      for c in bytes {
        out[written] = c
        written += 1
      }
      return .done
    case .shared:
      guard let k = integer(value), k < shared.count else { return .slow }
      var text = shared[k]
      return text.withUTF8 { copyText($0) }
    case .bool:
      guard value.count == 1,
        b[value.lowerBound] == UInt8(ascii: "0") || b[value.lowerBound] == UInt8(ascii: "1")
      else { return .slow }
      return copy(b[value.lowerBound] == UInt8(ascii: "1") ? "TRUE" : "FALSE")
    case .string, .inline, .error, .date:
      // `_xHHHH_` escapes of strings are decoded by the tokens' path.
      var ascii = true
      for k in value {
        if b[k] >= 0x80 { ascii = false }
        if b[k] == UInt8(ascii: "_") && (type == .string || type == .inline) { return .slow }
      }
      let bytes = UnsafeBufferPointer(start: b + value.lowerBound, count: value.count)
      if !ascii && String(validating: bytes, as: UTF8.self) == nil { return .slow }
      return copyText(bytes)
    }
  }

  private mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> Put {
    guard written + bytes.count <= out.count else { return .grow }
    if let base = bytes.baseAddress, bytes.count > 0 {
      (out.baseAddress! + written).update(from: base, count: bytes.count)
    }
    written += bytes.count
    return .done
  }

  private mutating func copy(_ bytes: [UInt8]) -> Put {
    bytes.withUnsafeBufferPointer { copy($0) }
  }

  private mutating func copy(_ literal: StaticString) -> Put {
    copy(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Text, with the separator (which no field may hold) made a space.
  private mutating func copyText(_ bytes: UnsafeBufferPointer<UInt8>) -> Put {
    guard written + bytes.count <= out.count else { return .grow }
    for c in bytes {
      out[written] = c == options.separator ? 0x20 : c
      written += 1
    }
    return .done
  }
}
