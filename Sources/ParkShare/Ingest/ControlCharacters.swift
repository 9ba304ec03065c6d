/// Characters a party's name or id may not hold: they would rewrite what a reader sees. A line
/// break in a name forges a row of the text statement (and of any line-based export), a tab
/// shifts its columns, a NUL cuts the name short in C tools, and a bidi override (U+202E)
/// shows `T1 pays 5,000` as something else. They are refused where the name is read, at its
/// file and line; no diagnostic echoes them.
public enum ControlCharacters {
  /// C0 and C1 controls (line breaks, tab, NUL, DEL...), the Unicode line and paragraph
  /// separators, and the bidirectional formatting characters.
  public static func isRefused(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x2028, 0x2029: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// The first refused character of `text` and its place (1-based, in characters as a person
  /// counts them), or nil.
  public static func first(in text: String) -> (scalar: Unicode.Scalar, position: Int)? {
    for (i, ch) in text.enumerated() {
      if let s = ch.unicodeScalars.first(where: isRefused) { return (s, i + 1) }
    }
    return nil
  }

  /// `U+202E (right-to-left override)`: a refused character named without printing it.
  public static func describe(_ s: Unicode.Scalar) -> String {
    let code =
      "U+" + String(repeating: "0", count: max(0, 4 - String(s.value, radix: 16).count))
      + String(s.value, radix: 16, uppercase: true)
    let names: [UInt32: String] = [
      0x00: "NUL", 0x09: "tab", 0x0A: "line break", 0x0D: "carriage return", 0x0B: "vertical tab",
      0x0C: "form feed", 0x1B: "escape", 0x7F: "delete", 0x85: "next line",
      0x2028: "line separator", 0x2029: "paragraph separator",
      0x061C: "Arabic letter mark", 0x200E: "left-to-right mark", 0x200F: "right-to-left mark",
      0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
      0x202C: "pop directional formatting", 0x202D: "left-to-right override",
      0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
      0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
      0x2069: "pop directional isolate", 0x00AD: "soft hyphen", 0x180E: "Mongolian vowel separator",
      0x200B: "zero-width space", 0x200C: "zero-width non-joiner", 0x200D: "zero-width joiner",
      0x2060: "word joiner", 0xFEFF: "zero-width no-break space",
    ]
    return "\(code) (\(names[s.value] ?? "control character"))"
  }

  /// `text` with every refused character but line ends shown as U+FFFD, so a file's lines can
  /// be quoted in a diagnostic without acting on the terminal.
  public static func masked(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      out.append(isRefused(s) && s != "\n" && s != "\r" ? "\u{FFFD}" : s)
    }
    return String(out)
  }
}
