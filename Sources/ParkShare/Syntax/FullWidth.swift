/// Full-width punctuation and digits (，％（１２３ typed with a Chinese input method) look like
/// their ASCII twins but are other characters: the lexer names the ASCII one to type instead.
enum FullWidth {
  /// ASCII characters the language uses: only these are read in place of their full-width
  /// forms (a full-width `！` is just an unexpected character, as `!` would be).
  static let language = Set("_-=,:()+*/<>%.\"# ")

  /// The ASCII character `ch` stands for, when it is a full-width or ideographic form of one
  /// the language uses.
  static func ascii(_ ch: Character) -> Character? {
    guard ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value else { return nil }
    let a: Character
    switch v {
    // The full-width block mirrors printable ASCII ! to ~ at a fixed offset.
    case 0xFF01...0xFF5E: a = Character(Unicode.Scalar(v - 0xFEE0)!)
    case 0x3000: a = " "  // ideographic space
    case 0x3001: a = ","  // 、
    case 0x3002: a = "."  // 。
    case 0x201C, 0x201D: a = "\""  // “ ”
    default: return nil
    }
    return a.isLetter || a.isNumber || language.contains(a) ? a : nil
  }
}
