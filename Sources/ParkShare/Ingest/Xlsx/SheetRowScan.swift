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

  private let b: UnsafePointer<UInt8>
  private let n: Int
  private let maxToken: Int
  private let shared: [String]
  private let options: SheetLineOptions
  private let out: UnsafeMutableBufferPointer<UInt8>
  /// A start tag's attributes (local name, raw value), the first `count`.
  private let attributes: UnsafeMutableBufferPointer<(name: Range<Int>, value: Range<Int>)>
  private(set) var written = 0
  /// The index after the row just read.
  private(set) var end = 0

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

  @inline(__always) private static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
  }

  @inline(__always) private func starts(_ i: Int, _ literal: StaticString) -> Bool {
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
      for _ in 0..<gap {
        out[written] = options.separator
        written += 1
      }
      lineColumn = column
      any = true
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

  private enum Text: Equatable {
    case text(end: Int)
    case more
    case slow
  }

  /// The text from `start` to the next `<`: no entity, no carriage return (which the tokens
  /// decode) and no longer than a token may be.
  private func text(from start: Int) -> Text {
    var j = start
    while j < n {
      let c = b[j]
      if c == UInt8(ascii: "<") { break }
      if c == UInt8(ascii: "&") || c == 0x0D { return .slow }
      j += 1
    }
    if j - start > maxToken { return .slow }
    return j < n ? .text(end: j) : .more
  }

  private enum Tag: Equatable {
    /// The index after its `>`, whether it closes itself, how many attributes it has.
    case tag(end: Int, closed: Bool, count: Int)
    case more
    case slow
  }

  /// The start tag at `start` whose name is the `nameLength` bytes after its `<` (the caller
  /// has checked them), with its attributes in `attributes`, read as `XMLTokenizer.tag` reads
  /// one: anything it would refuse, or a longer name, is `.slow`.
  private func startTag(_ start: Int, nameLength: Int) -> Tag {
    // Its `>`, outside quoted values.
    var i = start + 1
    var quote: UInt8 = 0
    while i < n {
      let c = b[i]
      if quote != 0 {
        if c == quote { quote = 0 }
      } else if c == UInt8(ascii: ">") {
        break
      } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
        quote = c
      }
      i += 1
    }
    guard i < n else { return i - start > maxToken ? .slow : .more }
    let end = i + 1
    guard end - start <= maxToken else { return .slow }
    var last = i
    let closed = b[last - 1] == UInt8(ascii: "/")
    if closed { last -= 1 }
    i = start + 1 + nameLength
    guard i <= last, i == last || Self.isSpace(b[i]) else { return .slow }
    var count = 0
    while true {
      while i < last && Self.isSpace(b[i]) { i += 1 }
      if i >= last { return .tag(end: end, closed: closed, count: count) }
      let nameStart = i
      var local = i
      while i < last && b[i] != UInt8(ascii: "=") && !Self.isSpace(b[i]) {
        if b[i] == UInt8(ascii: ":") { local = i + 1 }
        i += 1
      }
      let name = local..<i
      guard nameStart < i else { return .slow }
      while i < last && Self.isSpace(b[i]) { i += 1 }
      guard i < last, b[i] == UInt8(ascii: "=") else { return .slow }
      i += 1
      while i < last && Self.isSpace(b[i]) { i += 1 }
      guard i < last, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else { return .slow }
      let q = b[i]
      let valueStart = i + 1
      i = valueStart
      while i < last && b[i] != q { i += 1 }
      guard i < last, count < attributes.count else { return .slow }
      for k in 0..<count where attributes[k].name.count == name.count {
        if memcmp(b + attributes[k].name.lowerBound, b + name.lowerBound, name.count) == 0 {
          return .slow
        }
      }
      attributes[count] = (name, valueStart..<i)
      count += 1
      i += 1
    }
  }

  /// The raw value of the attribute whose local name is the one byte `name`.
  private func attribute(_ name: Unicode.Scalar, _ count: Int) -> Range<Int>? {
    for k in 0..<count where attributes[k].name.count == 1 {
      if b[attributes[k].name.lowerBound] == UInt8(name.value) { return attributes[k].value }
    }
    return nil
  }

  private static func type(_ b: UnsafePointer<UInt8>, _ t: Range<Int>) -> SheetParser.CellType? {
    func `is`(_ literal: StaticString) -> Bool {
      t.count == literal.utf8CodeUnitCount
        && memcmp(b + t.lowerBound, literal.utf8Start, t.count) == 0
    }
    if `is`("n") { return .number }
    if `is`("s") { return .shared }
    if `is`("str") { return .string }
    if `is`("inlineStr") { return .inline }
    if `is`("b") { return .bool }
    if `is`("e") { return .error }
    if `is`("d") { return .date }
    return nil
  }

  /// A decimal integer of at most 9 digits (`SheetParser.integer`).
  private func integer(_ r: Range<Int>) -> Int? {
    guard !r.isEmpty, r.count <= 9 else { return nil }
    var v = 0
    for k in r {
      let d = b[k] &- UInt8(ascii: "0")
      guard d <= 9 else { return nil }
      v = v &* 10 &+ Int(d)
    }
    return v
  }

  /// `B7` as (1, 7) (`SheetParser.reference`).
  private func reference(_ r: Range<Int>) -> (column: Int, row: Int)? {
    var column = 0
    var k = r.lowerBound
    while k < r.upperBound, b[k] >= UInt8(ascii: "A"), b[k] <= UInt8(ascii: "Z") {
      column = column * 26 + Int(b[k] - UInt8(ascii: "A")) + 1
      if column > 16_384 { return nil }
      k += 1
    }
    guard column > 0, let row = integer(k..<r.upperBound), row >= 1, row <= 1_048_576 else {
      return nil
    }
    return (column - 1, row)
  }

  private enum Number: Equatable {
    case number(end: Int, exponent: Bool)
    case more
    case slow
  }

  /// The number from `start` to the next `<` (`-?digits[.digits][(E|e)[+-]digits]`, `.5`, as
  /// `SheetParser.isNumber` reads one), whether it has an exponent; `.slow` for anything else.
  private func number(from start: Int) -> Number {
    var k = start
    @inline(__always) func digits() -> Int {
      let s = k
      while k < n, b[k] &- UInt8(ascii: "0") <= 9 { k += 1 }
      return k - s
    }
    if k < n && (b[k] == UInt8(ascii: "-") || b[k] == UInt8(ascii: "+")) { k += 1 }
    var count = digits()
    if k < n && b[k] == UInt8(ascii: ".") {
      k += 1
      count += digits()
    }
    var exponent = false
    if count > 0 && k < n && (b[k] == UInt8(ascii: "E") || b[k] == UInt8(ascii: "e")) {
      exponent = true
      k += 1
      if k < n && (b[k] == UInt8(ascii: "-") || b[k] == UInt8(ascii: "+")) { k += 1 }
      if digits() == 0 && k < n { return .slow }
    }
    guard k < n else { return k - start > maxToken ? .slow : .more }
    guard b[k] == UInt8(ascii: "<"), count > 0, k - start <= maxToken else { return .slow }
    return .number(end: k, exponent: exponent)
  }

  private enum CellTag: Equatable {
    /// The index after its `>`, whether it closes itself, its column and type.
    case cell(end: Int, closed: Bool, column: Int, type: SheetParser.CellType)
    case more
    case slow
  }

  /// The cell tag at `start` in row `row`, after the cell in `lastColumn`: the usual ones
  /// (`<c r="B7" s="3" t="s">`, each attribute once, after one space, in double quotes) read in
  /// one pass, any other by `startTag`.
  @inline(__always)
  private func cellTag(_ start: Int, row: Int, after lastColumn: Int) -> CellTag {
    var k = start + 2
    var column = lastColumn + 1
    var type = SheetParser.CellType.number
    var seen: UInt8 = 0
    while k + 4 <= n {
      let c = b[k]
      if c == UInt8(ascii: ">") || (c == UInt8(ascii: "/") && b[k + 1] == UInt8(ascii: ">")) {
        let end = c == UInt8(ascii: ">") ? k + 1 : k + 2
        guard end - start <= maxToken else { break }
        guard column <= 16_383, column > lastColumn else { return .slow }
        return .cell(end: end, closed: c == UInt8(ascii: "/"), column: column, type: type)
      }
      guard c == 0x20, b[k + 2] == UInt8(ascii: "="), b[k + 3] == UInt8(ascii: "\"") else { break }
      let name = b[k + 1]
      k += 4
      if name == UInt8(ascii: "r") && seen & 1 == 0 {
        seen |= 1
        var letters = 0
        while k < n, b[k] &- UInt8(ascii: "A") < 26, letters <= 16_384 {
          letters = letters &* 26 &+ Int(b[k] &- UInt8(ascii: "A")) &+ 1
          k += 1
        }
        var number = 0
        let digits = k
        while k < n, b[k] &- UInt8(ascii: "0") <= 9, k - digits < 10 {
          number = number &* 10 &+ Int(b[k] &- UInt8(ascii: "0"))
          k += 1
        }
        guard k < n, b[k] == UInt8(ascii: "\""), letters > 0, letters <= 16_384,
          k - digits >= 1, k - digits <= 9, number == row
        else { break }
        column = letters - 1
      } else if name == UInt8(ascii: "s") && seen & 2 == 0 {
        seen |= 2
        while k < n, b[k] != UInt8(ascii: "\"") { k += 1 }
      } else if name == UInt8(ascii: "t") && seen & 4 == 0 {
        seen |= 4
        let value = k
        while k < n, b[k] != UInt8(ascii: "\"") { k += 1 }
        guard k < n, let known = Self.type(b, value..<k) else { break }
        type = known
      } else {
        break
      }
      k += 1
    }
    // Anything else, or the buffer's end: the attributes one by one.
    let tag = startTag(start, nameLength: 1)
    guard case .tag(let end, let closed, let count) = tag else {
      return tag == .more ? .more : .slow
    }
    column = lastColumn + 1
    if let r = attribute("r", count) {
      guard let (c, n) = reference(r), n == row else { return .slow }
      column = c
    }
    guard column <= 16_383, column > lastColumn else { return .slow }
    type = .number
    if let t = attribute("t", count) {
      guard let known = Self.type(b, t) else { return .slow }
      type = known
    }
    return .cell(end: end, closed: closed, column: column, type: type)
  }

  @inline(__always) private func load32(_ k: Int) -> UInt32 {
    UInt32(littleEndian: UnsafeRawPointer(b + k).loadUnaligned(as: UInt32.self))
  }

  @inline(__always) private func load64(_ k: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self))
  }

  /// `</c>`, `<v>` and `</v></c>` as little-endian words.
  private static let cellClose: UInt32 = 0x3E63_2F3C
  private static let valueOpen: UInt32 = 0x3E_763C
  private static let valueAndCellClose: UInt64 = 0x3E63_2F3C_3E76_2F3C
}
