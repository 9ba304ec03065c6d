/// JSON read with the place of every key and value, for files people write by hand (scenarios):
/// a mistake is reported at its line and column, and a number keeps the digits it was written
/// with, so `0.08` is read exactly, never through a binary float.
public struct PlacedJSON: Sendable {
  public indirect enum Value: Sendable {
    case object([Member])
    case array([PlacedJSON])
    case string(String)
    /// The number as written (`0.08`, `-1e3`): the reader decides how to take it exactly.
    case number(String)
    case bool(Bool)
    case null
  }

  public struct Member: Sendable {
    public var key: String
    public var keyRange: SourceRange
    public var value: PlacedJSON
  }

  public var value: Value
  public var range: SourceRange

  /// What a value is, for messages: "an object", "a string", ...
  public var kind: String {
    switch value {
    case .object: "an object"
    case .array: "a list"
    case .string: "a string"
    case .number: "a number"
    case .bool: "true or false"
    case .null: "null"
    }
  }

  /// Parses `text` (the contents of `file`); a syntax error comes back as the diagnostic that
  /// names where it is. Nesting deeper than `maxDepth` is refused rather than recursed into.
  public static func parse(_ text: String, file: String, maxDepth: Int = 64) -> Result<
    PlacedJSON, Diagnostic
  > {
    var reader = Reader(chars: Array(text.unicodeScalars), file: file, maxDepth: maxDepth)
    do throws(Reader.Failure) {
      reader.skipSpace()
      let v = try reader.value(depth: 0)
      reader.skipSpace()
      guard reader.at >= reader.chars.count else {
        throw reader.failure("unexpected text after the end of the JSON value")
      }
      return .success(v)
    } catch {
      return .failure(
        .error(
          .badJSON, error.message, at: error.range,
          hint: "check the JSON near this place: quotes, commas, brackets"))
    }
  }

  struct Reader {
    struct Failure: Error {
      var message: String
      var range: SourceRange
    }

    let chars: [Unicode.Scalar]
    let file: String
    let maxDepth: Int
    var at = 0
    var line = 1
    var column = 1

    init(chars: [Unicode.Scalar], file: String, maxDepth: Int) {
      self.chars = chars
      self.file = file
      self.maxDepth = maxDepth
    }

    var here: SourceLocation { SourceLocation(line: line, column: column) }

    func failure(_ message: String) -> Failure {
      Failure(
        message: message,
        range: SourceRange(
          file: file, start: here, end: SourceLocation(line: line, column: column + 1)))
    }

    mutating func advance() {
      // CR LF, LF and a lone CR each end a line: a Windows or old Mac file keeps its line numbers.
      if chars[at] == "\n"
        || (chars[at] == "\r" && (at + 1 == chars.count || chars[at + 1] != "\n"))
      {
        line += 1
        column = 1
      } else {
        column += 1
      }
      at += 1
    }

    mutating func skipSpace() {
      while at < chars.count, [" ", "\t", "\n", "\r"].contains(chars[at]) { advance() }
    }

    mutating func expect(_ c: Unicode.Scalar, _ what: String) throws(Failure) {
      skipSpace()
      guard at < chars.count, chars[at] == c else {
        throw failure(
          at < chars.count ? "expected \(what), found '\(chars[at])'" : "expected \(what)")
      }
      advance()
    }

    mutating func value(depth: Int) throws(Failure) -> PlacedJSON {
      skipSpace()
      guard at < chars.count else { throw failure("expected a value, found the end of the file") }
      guard depth < maxDepth else { throw failure("nested deeper than \(maxDepth) levels") }
      let start = here
      let v: Value
      switch chars[at] {
      case "{":
        advance()
        var members: [Member] = []
        try items(until: "}") { r throws(Failure) in
          r.skipSpace()
          let keyStart = r.here
          guard r.at < r.chars.count, r.chars[r.at] == "\"" else {
            throw r.failure("expected a key in double quotes")
          }
          let key = try r.string()
          let keyRange = SourceRange(file: r.file, start: keyStart, end: r.here)
          try r.expect(":", "':' after the key")
          members.append(
            Member(key: key, keyRange: keyRange, value: try r.value(depth: depth + 1)))
        }
        v = .object(members)
      case "[":
        advance()
        var list: [PlacedJSON] = []
        try items(until: "]") { r throws(Failure) in list.append(try r.value(depth: depth + 1)) }
        v = .array(list)
      case "\"":
        v = .string(try string())
      case "-", "0"..."9":
        var text = ""
        while at < chars.count, "+-.eE0123456789".unicodeScalars.contains(chars[at]) {
          text.unicodeScalars.append(chars[at])
          advance()
        }
        v = .number(text)
      default:
        var word = ""
        while at < chars.count, chars[at].properties.isAlphabetic {
          word.unicodeScalars.append(chars[at])
          advance()
        }
        switch word {
        case "true": v = .bool(true)
        case "false": v = .bool(false)
        case "null": v = .null
        default:
          column = start.column
          line = start.line
          throw failure(
            word.isEmpty
              ? "unexpected '\(chars[at])'" : "'\(word)' is not a JSON value (strings need quotes)")
        }
      }
      return PlacedJSON(value: v, range: SourceRange(file: file, start: start, end: here))
    }

    /// Comma-separated items up to `close`, the opening bracket already read; `item` reads one.
    mutating func items(
      until close: Unicode.Scalar, _ item: (inout Reader) throws(Failure) -> Void
    ) throws(Failure) {
      skipSpace()
      if at < chars.count, chars[at] == close {
        advance()
        return
      }
      while true {
        try item(&self)
        skipSpace()
        if at < chars.count, chars[at] == "," {
          advance()
          continue
        }
        try expect(close, "',' or '\(close)'")
        return
      }
    }

    /// A string at `at` (which is its opening quote), escapes decoded.
    mutating func string() throws(Failure) -> String {
      advance()
      var out = String.UnicodeScalarView()
      while true {
        guard at < chars.count, chars[at] != "\n", chars[at] != "\r" else {
          throw failure("a string is not closed on its line")
        }
        let c = chars[at]
        advance()
        if c == "\"" { return String(out) }
        guard c == "\\" else {
          out.append(c)
          continue
        }
        guard at < chars.count else { throw failure("a string is not closed") }
        let e = chars[at]
        advance()
        switch e {
        case "\"", "\\", "/": out.append(e)
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        case "b": out.append("\u{8}")
        case "f": out.append("\u{C}")
        case "u":
          var code: UInt32 = 0
          for _ in 0..<4 {
            guard at < chars.count, let d = UInt32(String(chars[at]), radix: 16) else {
              throw failure("'\\u' takes four hexadecimal digits")
            }
            code = code * 16 + d
            advance()
          }
          guard let scalar = Unicode.Scalar(code) else {
            throw failure("'\\u' names no character (surrogate pairs are not supported)")
          }
          out.append(scalar)
        default:
          throw failure("'\\\(e)' is not a JSON escape")
        }
      }
    }
  }
}
