import Foundation

/// A counterexample as a data bundle `settle` reads: the starting bundle's files copied, its
/// `facts.csv` written from the case's facts (every value in the unit the contract declares),
/// and where the case scales a meter kind's readings, the readings written scaled (rounded
/// half-even to the six decimals a reading may have; the caller settles the written bundle to
/// see whether the promise still breaks).
public enum CounterexampleBundle {
  public struct Refusal: Error, Sendable {
    public var message: String
  }

  /// The bundle's files, by path relative to its folder, in a fixed order.
  public static func files(contract: Contract, base: DataBundle, moved: DataBundle)
    throws(Refusal) -> [(path: String, data: Data)]
  {
    let dir = base.directory.hasSuffix("/") ? String(base.directory.dropLast()) : base.directory
    let scaled = moved.scale.filter { $0.value != .one }
    let kinds = Dictionary(
      base.meters.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    var out: [(path: String, data: Data)] = []
    let all = (FileManager.default.subpaths(atPath: dir) ?? []).sorted()
    if !scaled.isEmpty, all.contains("import.profile") {
      throw Refusal(
        message:
          "the starting bundle is read through an import profile, so its readings cannot be written scaled: give the kWh ranges a bundle of long-CSV readings, or prove with input ranges only"
      )
    }
    let readings = Set(base.readingFiles.map { String($0.dropFirst(dir.count + 1)) })
    for path in all {
      var isDir: ObjCBool = false
      let full = dir + "/" + path
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue
      else { continue }
      if path == "facts.csv" {
        out.append((path, Data(facts(contract: contract, moved.facts).utf8)))
      } else if readings.contains(path), !scaled.isEmpty {
        guard let data = FileManager.default.contents(atPath: full),
          let text = String(data: data, encoding: .utf8)
        else {
          throw Refusal(message: "\(full) cannot be read as UTF-8 to be written scaled")
        }
        out.append((path, Data(try scale(text, scaled, kinds, file: full).utf8)))
      } else if let data = FileManager.default.contents(atPath: full) {
        out.append((path, data))
      } else {
        throw Refusal(message: "\(full) cannot be read")
      }
    }
    return out
  }

  /// `facts.csv` with every input's values of the case, in the contract's order.
  static func facts(contract: Contract, _ facts: Facts) -> String {
    var lines = ["fact,value,unit,member,vintage,month,note"]
    for input in contract.inputs {
      for (facet, v) in (facts.values[input.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
        // Stored in the input's base unit; written in the unit the contract declares.
        let written = (try? v.value / input.factor) ?? v.value
        let month = facet.month.map { Period(containing: $0, length: .month).description }
        lines.append(
          [
            input.id, written.description, "", facet.member ?? "",
            facet.vintage.map(String.init) ?? "", month ?? "", "",
          ].map(csvField).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return s
    }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Long-CSV readings (`meter,timestamp,kwh`) with the kWh of the scaled kinds' meters
  /// multiplied by their factor.
  static func scale(
    _ text: String, _ factors: [MeterKind: Exact], _ kinds: [String: MeterKind], file: String
  ) throws(Refusal) -> String {
    var out: [String] = []
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = String(raw)
      if line.hasSuffix("\r") { line.removeLast() }
      if n == 0 || line.isEmpty {
        out.append(line)
        continue
      }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 3 else {
        throw Refusal(message: "\(file):\(n + 1): not a long-CSV reading (meter,timestamp,kwh)")
      }
      let meter = fields[0].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
      guard let kind = kinds[meter], let f = factors[kind] else {
        out.append(line)
        continue
      }
      guard let kwh = Exact(fields[2].trimmingCharacters(in: .whitespaces)),
        let moved = try? (kwh * f).rounded(scale: 6, .halfEven)
      else {
        throw Refusal(message: "\(file):\(n + 1): '\(fields[2])' cannot be scaled")
      }
      out.append([fields[0], fields[1], moved.trimmed.description].joined(separator: ","))
    }
    return out.joined(separator: "\n")
  }
}
