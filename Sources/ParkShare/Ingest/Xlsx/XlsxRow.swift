/// A cell's value as the sheet holds it. Numbers and dates stay text exactly as written
/// (`0.1`, `1E-3`, `45292.25`): the caller parses them exactly (money and energy are never
/// binary floating point here), and a date serial becomes a date with `XlsxDateTime`.
public enum XlsxValue: Equatable, Sendable {
  /// A shared string, an inline string or a formula's string result.
  case text(String)
  /// A number (`t="n"` or no type), as written in `<v>`.
  case number(String)
  case bool(Bool)
  /// An error value such as `#DIV/0!` or `#N/A`.
  case error(String)
  /// An ISO 8601 date (`t="d"`), as written.
  case date(String)
}

extension XlsxValue {
  /// A number as Excel writes it in `<v>` (`1.5E-3`, `2E+3`) as a plain decimal (`0.0015`,
  /// `2000`), exactly; anything else unchanged.
  public static func plainDecimal(_ n: String) -> String {
    guard let e = n.firstIndex(where: { $0 == "E" || $0 == "e" }),
      let exp = Int(n[n.index(after: e)...].replacingOccurrences(of: "+", with: "")),
      // No reading or date has a hundred digits: a larger exponent is left as written (and
      // refused where a number is read), never expanded into that many zeros.
      (-100...100).contains(exp), n.count <= 100
    else { return n }
    var mantissa = String(n[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
    var point = parts[0].count + exp
    if point <= 0 {
      digits = String(repeating: "0", count: 1 - point) + digits
      point = 1
    }
    if point >= digits.count { digits += String(repeating: "0", count: point - digits.count) }
    var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    while text.hasPrefix("0") && text.count > 1 && !text.hasPrefix("0.") { text.removeFirst() }
    return (negative ? "-" : "") + text
  }
}

/// One cell with a value (empty and styled-only cells are not reported).
public struct XlsxCell: Equatable, Sendable {
  /// 0-based: column A is 0.
  public let column: Int
  public let value: XlsxValue

  public init(column: Int, value: XlsxValue) {
    self.column = column
    self.value = value
  }

  /// The column's letters (0 is A, 26 is AA).
  public static func letters(_ column: Int) -> String {
    var n = column + 1
    var s: [Character] = []
    while n > 0 {
      let r = (n - 1) % 26
      s.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
      n = (n - 1) / 26
    }
    return String(s)
  }
}

/// One row of a sheet that holds at least one value.
public struct XlsxRow: Equatable, Sendable {
  /// 1-based, as Excel numbers rows.
  public let number: Int
  /// In column order.
  public let cells: [XlsxCell]

  public init(number: Int, cells: [XlsxCell]) {
    self.number = number
    self.cells = cells
  }

  /// The value in `column` (0-based), nil if that cell is empty.
  public subscript(column: Int) -> XlsxValue? {
    cells.first { $0.column == column }?.value
  }
}
