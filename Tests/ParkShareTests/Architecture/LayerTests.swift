import Foundation
import Testing

/// The library's stages refer only downward: a file in a stage uses types of its own stage and
/// of the stages below it, never of one above (docs/architecture.md says why this is a test and
/// not a split into modules). The check reads the sources: every type a stage declares at top
/// level belongs to that stage, and every capitalised identifier outside comments and string
/// literals that names a higher stage's type is a violation, unless the stage declares a type
/// of that name itself (a nested `Contract.Step` is not the parser's `Step`).
@Suite struct LayerTests {
  /// From the ground up. A new folder must be placed here, which is the point: where it sits is
  /// a decision, not an accident.
  static let stages = [
    "Money", "Digest", "Diagnostics", "Model", "Syntax", "Ingest", "Check", "Format", "Revenue",
    "Tax", "Allocate", "Settle", "Finance", "Negotiate", "UseCases", "Render",
  ]

  static let library = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources/ParkShare")

  struct Source {
    var stage: String
    var file: String
    var text: String
  }

  static func sources() throws -> [Source] {
    var out: [Source] = []
    let fm = FileManager.default
    for entry in try fm.contentsOfDirectory(atPath: library.path).sorted() {
      let folder = library.appendingPathComponent(entry)
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
      else {
        out.append(Source(stage: "", file: entry, text: ""))
        continue
      }
      for file in try fm.contentsOfDirectory(atPath: folder.path).sorted()
      where file.hasSuffix(".swift") {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        out.append(Source(stage: entry, file: file, text: text))
      }
    }
    return out
  }

  @Test func everyFileIsInAStage() throws {
    let loose = try Self.sources().filter { !Self.stages.contains($0.stage) }
    #expect(loose.isEmpty, "not in a known stage folder: \(loose.map { "\($0.stage)/\($0.file)" })")
  }

  @Test func stagesReferOnlyDownward() throws {
    let sources = try Self.sources().filter { Self.stages.contains($0.stage) }
    var owner: [String: String] = [:]
    var declared: [String: Set<String>] = [:]
    for s in sources {
      for (name, topLevel) in Self.declarations(s.text) {
        declared[s.stage, default: []].insert(name)
        if topLevel && owner[name] == nil { owner[name] = s.stage }
      }
    }
    #expect(owner["Fraction"] == "Money" && owner["Allocator"] == "Allocate")
    var violations: [String] = []
    for s in sources {
      let level = Self.stages.firstIndex(of: s.stage)!
      for name in Self.identifiers(Self.code(s.text)).sorted() {
        guard let stage = owner[name], stage != s.stage,
          !(declared[s.stage]?.contains(name) ?? false),
          Self.stages.firstIndex(of: stage)! > level
        else { continue }
        violations.append("\(s.stage)/\(s.file) uses \(name) of \(stage)")
      }
    }
    #expect(violations.isEmpty, "references up the stages:\n\(violations.joined(separator: "\n"))")
  }

  /// A conformance lives in the stage that owns the type (`extension LineBasis: Codable` in
  /// Allocate): one added by a higher stage is invisible to the stages below that rely on it
  /// (a JSON output, a ledger record encoding a line), and no reference names it, so the check
  /// above cannot see it. A stage's own extensions without a conformance are fine anywhere.
  @Test func conformancesLiveWithTheirType() throws {
    let sources = try Self.sources().filter { Self.stages.contains($0.stage) }
    var owner: [String: String] = [:]
    for s in sources {
      for (name, topLevel) in Self.declarations(s.text) where topLevel && owner[name] == nil {
        owner[name] = s.stage
      }
    }
    var elsewhere: [String] = []
    for s in sources {
      for type in Self.conformances(Self.code(s.text)) {
        guard let stage = owner[type], stage != s.stage else { continue }
        elsewhere.append("\(s.stage)/\(s.file) adds a conformance to \(type) of \(stage)")
      }
    }
    #expect(
      elsewhere.isEmpty, "conformances away from their type:\n\(elsewhere.joined(separator: "\n"))")
    let probe =
      "extension LineRate: Codable {}\nextension Exact {}\nextension Journal.Entry: Hashable {}\n"
    #expect(Self.conformances(probe) == ["LineRate", "Journal"])
  }

  /// The types `code` extends with a conformance (`extension T: P`, `extension T.U: P`; the
  /// outermost type's name).
  static func conformances(_ code: String) -> [String] {
    code.matches(
      of:
        /(?m)^(?:public |package |internal )?extension ([A-Z][A-Za-z0-9_]*)(?:\.[A-Za-z0-9_.]+)?\s*:/
    )
    .map { String($0.output.1) }
  }

  /// The check itself: a reference up the stages in a source is found.
  @Test func aReferenceUpIsFound() {
    let text =
      "struct Fake {\n  // Allocator in a comment\n  let a: Allocator\n  let s = \"Ledger\"\n}\n"
    #expect(Self.identifiers(Self.code(text)).contains("Allocator"))
    #expect(!Self.identifiers(Self.code(text)).contains("Ledger"))
    #expect(Self.declarations(text).map(\.name) == ["Fake"])
  }

  /// Names of types declared in `text`, and whether at top level (no indentation).
  static func declarations(_ text: String) -> [(name: String, topLevel: Bool)] {
    let kinds: Set<Substring> = ["struct", "enum", "class", "protocol", "typealias", "actor"]
    var out: [(String, Bool)] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let words = line.split(whereSeparator: {
        !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "@")
      })
      for (i, w) in words.enumerated() where kinds.contains(w) && i + 1 < words.count {
        let name = words[i + 1]
        guard let first = name.first, first.isUppercase else { continue }
        // Only modifiers and attributes may come before the keyword.
        let before = words[..<i].filter { !$0.hasPrefix("@") }
        let modifiers: Set<Substring> = [
          "public", "package", "internal", "fileprivate", "private", "final", "indirect",
        ]
        guard before.allSatisfy({ modifiers.contains($0) }) else { continue }
        out.append((String(name), !(line.first?.isWhitespace ?? true)))
        break
      }
    }
    return out
  }

  /// The code of a Swift source without comments and string literals (interpolations inside
  /// strings are dropped with them: a reference there goes unseen).
  static func code(_ text: String) -> String {
    var out = ""
    let s = Array(text.unicodeScalars)
    var i = 0
    func at(_ k: Int, _ c: Character) -> Bool { k < s.count && Character(s[k]) == c }
    while i < s.count {
      if at(i, "/") && at(i + 1, "/") {
        while i < s.count && !at(i, "\n") { i += 1 }
      } else if at(i, "/") && at(i + 1, "*") {
        var depth = 0
        repeat {
          if at(i, "/") && at(i + 1, "*") {
            depth += 1
            i += 2
          } else if at(i, "*") && at(i + 1, "/") {
            depth -= 1
            i += 2
          } else {
            i += 1
          }
        } while depth > 0 && i < s.count
      } else if at(i, "\"") && at(i + 1, "\"") && at(i + 2, "\"") {
        i += 3
        while i < s.count && !(at(i, "\"") && at(i + 1, "\"") && at(i + 2, "\"")) { i += 1 }
        i += 3
        out += "\"\""
      } else if at(i, "\"") {
        i += 1
        while i < s.count && !at(i, "\"") && !at(i, "\n") { i += at(i, "\\") ? 2 : 1 }
        i += 1
        out += "\"\""
      } else {
        out.unicodeScalars.append(s[i])
        i += 1
      }
    }
    return out
  }

  /// Capitalised identifiers in `code`.
  static func identifiers(_ code: String) -> Set<String> {
    var out: Set<String> = []
    for word in code.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
      if let first = word.first, first.isUppercase, first.isASCII { out.insert(String(word)) }
    }
    return out
  }
}
