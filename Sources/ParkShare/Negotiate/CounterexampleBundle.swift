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
    // The reading files by their path in the folder (however the folder was written: `a//b`).
    let root = (dir as NSString).standardizingPath
    let readings = Set(
      base.readingFiles.map { ($0 as NSString).standardizingPath }
        .filter { $0.hasPrefix(root + "/") }.map { String($0.dropFirst(root.count + 1)) })
    for path in all {
      var isDir: ObjCBool = false
      let full = dir + "/" + path
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue
      else { continue }
      if path == "facts.csv" {
        out.append((path, Data(facts(contract: contract, moved.facts).utf8)))
      } else if readings.contains(path), !scaled.isEmpty {
        guard let data = FileManager.default.contents(atPath: full) else {
          throw Refusal(message: "\(full) cannot be read to be written scaled")
        }
        out.append((path, try scale(data, scaled, kinds, file: full)))
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

  /// Long-CSV readings (`meter`, `timestamp` and `kwh` columns in any order, as the reader
  /// takes them) with the kWh of the scaled kinds' meters multiplied by their factor. Read as
  /// bytes: lines end in LF or CR LF (a CR LF is kept), a UTF-8 byte-order mark is dropped,
  /// quotes around a field are taken off.
  static func scale(
    _ data: Data, _ factors: [MeterKind: Exact], _ kinds: [String: MeterKind], file: String
  ) throws(Refusal) -> Data {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    func unquoted(_ field: ArraySlice<UInt8>) -> String {
      var f = String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces)
      if f.count >= 2, f.hasPrefix("\""), f.hasSuffix("\"") { f = String(f.dropFirst().dropLast()) }
      return f
    }
    func fields(_ line: [UInt8]) -> (fields: [ArraySlice<UInt8>], cr: Bool) {
      let cr = line.last == 0x0D
      return (
        line.dropLast(cr ? 1 : 0).split(separator: 0x2C, omittingEmptySubsequences: false), cr
      )
    }
    guard let header = lines.first else { return data }
    let names = fields(header).fields.map { unquoted($0).lowercased() }
    guard let meterAt = names.firstIndex(of: "meter"), let kwhAt = names.firstIndex(of: "kwh")
    else {
      throw Refusal(message: "\(file): no meter and kwh columns to scale")
    }
    for n in lines.indices.dropFirst() {
      let (f, cr) = fields(lines[n])
      guard f.count > max(meterAt, kwhAt), let kind = kinds[unquoted(f[meterAt])],
        let factor = factors[kind]
      else { continue }
      guard let kwh = Exact(unquoted(f[kwhAt])),
        let moved = try? (kwh * factor).rounded(scale: 6, .halfEven)
      else {
        throw Refusal(message: "\(file):\(n + 1): '\(unquoted(f[kwhAt]))' cannot be scaled")
      }
      var out: [UInt8] = []
      for (i, field) in f.enumerated() {
        if i > 0 { out.append(0x2C) }
        out += i == kwhAt ? Array(moved.trimmed.description.utf8) : Array(field)
      }
      if cr { out.append(0x0D) }
      lines[n] = out
    }
    return Data(lines.joined(separator: [0x0A]))
  }
}
