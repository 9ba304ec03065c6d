import Foundation

/// The hot path of sheet data: a cell as spreadsheet programs write millions of them,
/// `<c r="C2" s="1"><v>0.125</v></c>`, read straight from the buffer in one step instead of
/// five tokens (start, start, text, end, end). Anything else (a formula, an inline string,
/// white space, an entity, a cell cut by the end of the buffer) is left to `next()`, so the
/// fast path changes how fast a sheet is read, never what is read.
extension XMLTokenizer {
  enum CellStart {
    /// Not a cell start, or not all of it in the buffer (or longer than the longest token):
    /// read on with `next()`.
    case none
    /// The cell's start tag was read (as `next()` would have); its content follows.
    case tag
    /// The whole cell was read: its start tag's attributes are current and its `<v>` text,
    /// which holds no `&`, `<` or carriage return, is `buffer[value]`.
    case tagAndValue(Range<Int>)
  }

  private static let valueOpen = Array("<v>".utf8)
  private static let valueClose = Array("</v></c>".utf8)

  mutating func cellStart() throws(XlsxError) -> CellStart {
    let n = buffer.count
    guard pos + 3 <= n, buffer[pos] == UInt8(ascii: "<"), buffer[pos + 1] == UInt8(ascii: "c"),
      buffer[pos + 2] == 0x20 || buffer[pos + 2] == UInt8(ascii: ">"),
      let end = tagEnd(), end - pos <= maxToken
    else { return .none }
    try tag(pos, end)
    pos = end
    if selfClosing { return .tag }
    let start = buffer.withUnsafeBufferPointer { b -> CellStart in
      guard end + 3 <= n, memcmp(b.baseAddress! + end, Self.valueOpen, 3) == 0 else { return .tag }
      var i = end + 3
      while i < n {
        let c = b[i]
        if c == UInt8(ascii: "<") { break }
        if c == UInt8(ascii: "&") || c == 0x0D { return .tag }
        i += 1
      }
      guard i - (end + 3) <= maxToken, i + 8 <= n,
        memcmp(b.baseAddress! + i, Self.valueClose, 8) == 0
      else { return .tag }
      return .tagAndValue((end + 3)..<i)
    }
    if case .tagAndValue(let v) = start { pos = v.upperBound + 8 }
    return start
  }
}
