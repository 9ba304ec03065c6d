extension ProfiledScanner {
  /// A reading's quality flag (NEM12's codes).
  enum Flag {
    case actual, estimated, none
  }

  /// The flag in `f`: empty or A actual; E, S or F estimated or substituted; N no reading; nil
  /// (and a problem) for anything else.
  func flag(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) -> Flag? {
    guard f.count <= 1 else { return badFlag(f, a, e, line: line, &s) }
    switch f.first.map({ $0 | 0x20 }) {
    case nil, 97: return .actual  // a
    case 101, 115, 102: return .estimated  // e, s, f
    case 110: return Flag.none  // n
    default: return badFlag(f, a, e, line: line, &s)
    }
  }

  func badFlag(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) -> Flag? {
    let text = ReadingsScanner.clip(String(decoding: f, as: UTF8.self))
    s.fail(
      .badRow, "quality flag '\(text)' is not A, E, S, F or N",
      hint:
        "A (or empty) actual; E, S, F estimated or substituted by the meter system; N no reading",
      a, e, field: s.locate(f, a, e), line: line)
    return nil
  }
}
