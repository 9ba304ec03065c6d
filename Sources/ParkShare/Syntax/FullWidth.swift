/// Full-width punctuation and digits (，％（１２３ typed with a Chinese input method) look like
/// their ASCII twins but are other characters: the lexer names the ASCII one to type instead.
enum FullWidth {
  /// The ASCII character `ch` stands for, when it is a full-width or ideographic form of one.
  static func ascii(_ ch: Character) -> Character? {
    guard ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value else { return nil }
    switch v {
    // The full-width block mirrors printable ASCII ! to ~ at a fixed offset.
    case 0xFF01...0xFF5E: return Character(Unicode.Scalar(v - 0xFEE0)!)
    case 0x3000: return " "  // ideographic space
    case 0x3001: return ","  // 、
    case 0x3002: return "."  // 。
    case 0x201C, 0x201D: return "\""  // “ ”
    case 0x2018, 0x2019: return "'"  // ‘ ’
    default: return nil
    }
  }

  /// The ASCII text for a run of full-width characters, or nil if one of them has none.
  static func ascii(_ run: some Sequence<Character>) -> String? {
    var out = ""
    for ch in run {
      guard let a = ascii(ch) else { return nil }
      out.append(a)
    }
    return out
  }
}
