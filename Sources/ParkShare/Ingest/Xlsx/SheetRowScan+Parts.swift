import Foundation

/// The parts of a row `SheetRowScan` reads: start tags, a cell's tag, a number, a text.
/// Those read for every cell are `mutating` though they change nothing: called from the
/// mutating `scan`, a non-mutating method had the whole scan copied for it, cell after cell.
extension SheetRowScan {
  enum Text: Equatable {
    case text(end: Int)
    case more
    case slow
  }

  /// The text from `start` to the next `<`: no entity, no carriage return (which the tokens
  /// decode) and no longer than a token may be.
  mutating func text(from start: Int) -> Text {
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

  enum Tag: Equatable {
    /// The index after its `>`, whether it closes itself, how many attributes it has.
    case tag(end: Int, closed: Bool, count: Int)
    case more
    case slow
  }

  /// The start tag at `start` whose name is the `nameLength` bytes after its `<` (the caller
  /// has checked them), with its attributes in `attributes`, read as `XMLTokenizer.tag` reads
  /// one: anything it would refuse, or a longer name, is `.slow`.
  func startTag(_ start: Int, nameLength: Int) -> Tag {
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
  func attribute(_ name: Unicode.Scalar, _ count: Int) -> Range<Int>? {
    for k in 0..<count where attributes[k].name.count == 1 {
      if b[attributes[k].name.lowerBound] == UInt8(name.value) { return attributes[k].value }
    }
    return nil
  }

  static func type(_ b: UnsafePointer<UInt8>, _ t: Range<Int>) -> SheetParser.CellType? {
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

  func bytes(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: b + r.lowerBound, count: r.count)
  }

  func integer(_ r: Range<Int>) -> Int? { SheetParser.integer(bytes(r)) }

  func reference(_ r: Range<Int>) -> (column: Int, row: Int)? {
    SheetParser.reference(bytes(r))
  }

  enum Number: Equatable {
    case number(end: Int, exponent: Bool)
    case more
    case slow
  }

  /// The number from `start` to the next `<` (`-?digits[.digits][(E|e)[+-]digits]`, `.5`, as
  /// `SheetParser.isNumber` reads one), whether it has an exponent; `.slow` for anything else.
  mutating func number(from start: Int) -> Number {
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

  enum CellTag: Equatable {
    /// The index after its `>`, whether it closes itself, its column and type.
    case cell(end: Int, closed: Bool, column: Int, type: SheetParser.CellType)
    case more
    case slow
  }

  /// The cell tag at `start` in row `row`, after the cell in `lastColumn`: the usual ones
  /// (`<c r="B7" s="3" t="s">`, each attribute once, after one space, in double quotes) read in
  /// one pass, any other by `startTag`.
  mutating func cellTag(_ start: Int, row: Int, after lastColumn: Int) -> CellTag {
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
        // The next column's reference in this row (`B7"`), compared whole: parsing letters
        // and digits was a third of reading a cell. Anything else is parsed below.
        let next = lastColumn + 1
        if next < 702, k + 10 <= n {
          let two = next >= 26
          let first = UInt8(truncatingIfNeeded: 65 + (two ? next / 26 - 1 : next))
          let width = two ? 2 : 1
          if b[k] == first, !two || b[k + 1] == UInt8(truncatingIfNeeded: 65 + next % 26),
            load64(k + width) & rowReference.mask == rowReference.bytes
          {
            column = next
            k += width + rowReference.count
            continue
          }
        }
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

  @inline(__always) func load32(_ k: Int) -> UInt32 {
    UInt32(littleEndian: UnsafeRawPointer(b + k).loadUnaligned(as: UInt32.self))
  }

  @inline(__always) func load64(_ k: Int) -> UInt64 { Self.load64(b, k) }

  /// `</c>`, `<v>` and `</v></c>` as little-endian words.
  static let cellClose: UInt32 = 0x3E63_2F3C
  static let valueOpen: UInt32 = 0x3E_763C
  static let valueAndCellClose: UInt64 = 0x3E63_2F3C_3E76_2F3C
}
