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
