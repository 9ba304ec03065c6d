import Foundation

/// Reads an opening state file (`--opening`): what `--closing` wrote, or that file edited by
/// hand. A hand edit can write what no settlement could close with: a negative amount received,
/// negative arrears or fund balance, a kWh remainder of a certificate or more, an amount that is
/// not a plain decimal, a key the contract does not have (a typo, silently never read), a key
/// given twice. Each is refused at its line and column with how to fix it; nothing is dropped.
public struct CarryStateReader {
  let path: String
  let contract: Contract
  var problems: [Diagnostic] = []
  /// The period the state closes, read first: lots and running totals are judged against it.
  var statePeriod: Period? = nil

  static let keys = [
    "arrears", "contract", "funds", "gecRemainderKWh", "period", "received", "totals",
    "triggered",
  ]
  static let hint = "correct it to what the previous period's --closing file holds"

  /// The state in the file at `path` for `contract`, or every problem found in it.
  public static func read(_ path: String, contract: Contract) -> (CarryState?, [Diagnostic]) {
    let top = SourceRange.whole(path)
    let data: Data
    switch RegularFile.read(path, maxBytes: Limits.tableBytes) {
    case .success(let d): data = d
    case .failure(.notRegular(let kind)):
      return (nil, [Limits.notRegular(path, kind: kind, at: top)])
    case .failure(.tooLarge(let bytes)):
      return (
        nil, [Limits.diagnostic(.tooLarge(bytes: bytes), path: path, maxBytes: Limits.tableBytes)]
      )
    case .failure:
      return (nil, [.error(.missingFile, "cannot read state file '\(path)'", at: top)])
    }
    let json: PlacedJSON
    switch PlacedJSON.parse(String(decoding: data, as: UTF8.self), file: path) {
    case .success(let j): json = j
    case .failure(let d):
      return (
        nil,
        [
          .error(
            .badState, "'\(path)' is not a parkshare state file: \(d.message)", at: d.range,
            hint: "pass the file written by --closing for the previous period")
        ]
      )
    }
    var reader = CarryStateReader(path: path, contract: contract)
    let state = reader.state(json)
    return (reader.problems.isEmpty ? state : nil, reader.problems)
  }

  mutating func fail(_ message: String, at range: SourceRange, hint: String? = Self.hint) {
    problems.append(.error(.badState, message, at: range, hint: hint))
  }

  mutating func state(_ json: PlacedJSON) -> CarryState? {
    guard let members = members(json, "the state file", known: knownKeys) else { return nil }
    var state = CarryState(contract: "")
    var sawContract = false
    for m in members where m.key == "period" {
      if case .string(let s) = m.value.value { statePeriod = Period(s) }
    }
    for m in members {
      switch m.key {
      case "contract":
        sawContract = true
        if case .string(let s) = m.value.value {
          state.contract = s
        } else {
          fail("'contract' must be the contract's id in double quotes", at: m.value.range)
        }
      case "period":
        if case .null = m.value.value { break }
        guard case .string(let s) = m.value.value, let p = Period(s) else {
          fail(
            "'period' must be the period the state closes, such as \"2026Q1\"", at: m.value.range)
          break
        }
        state.period = p
      case "triggered": state.triggered = triggered(m.value)
      case "gecRemainderKWh":
        state.gecRemainders = amounts(m.value, m.key) { _, v in
          v.isNegative || v >= Exact(1000)
            ? Problem(why: "a remainder toward the next certificate is from 0 to under 1,000 kWh")
            : nil
        }
      case "arrears":
        state.arrears = keyed(
          amounts(m.value, m.key) { [contract] in Self.arrears($0, $1, contract) }, ArrearsKey.init)
      case "points": state.points = points(m.value)
      case "certificates": state.certificates = certificates(m.value)
      case "funds":
        state.funds = amounts(m.value, m.key) { [contract] in Self.fund($0, $1, contract) }
      case "totals": state.totals = totals(m.value)
      default:
        state.received = keyed(
          amounts(m.value, m.key) { [contract] in Self.received($0, $1, contract) },
          PoolParty.init)
      }
    }
    if !sawContract {
      fail("the state file names no contract ('contract')", at: json.range)
    }
    // After the first period every closing state keeps each running total the contract reads:
    // one missing would count nothing before, silently.
    if statePeriod != nil {
      for id in contract.runningTotals.keys.sorted() where state.totals[id] == nil {
        fail(
          "the state keeps no running total of '\(id)', which '\(contract.id)' reads with to-date",
          at: json.range)
      }
    }
    return state
  }

  /// An object's members, each key once; with `known`, each key one of them.
  mutating func members(_ v: PlacedJSON, _ what: String, known: [String]?) -> [PlacedJSON.Member]? {
    guard case .object(let all) = v.value else {
      fail("\(what) must be an object { ... }, not \(v.kind)", at: v.range)
      return nil
    }
    var seen: Set<String> = []
    var out: [PlacedJSON.Member] = []
    for m in all {
      guard seen.insert(m.key).inserted else {
        fail("'\(m.key)' is given twice in \(what)", at: m.keyRange, hint: "keep one of them")
        continue
      }
      if let known, !known.contains(m.key) {
        fail(
          "'\(m.key)' is not a key of \(what): it would not be read", at: m.keyRange,
          hint: Spelling.nearest(m.key, in: known).map { "did you mean '\($0)'?" }
            ?? "the keys are: \(known.joined(separator: ", "))")
        continue
      }
      out.append(m)
    }
    return out
  }

  /// Why a key (`atKey`) or a value of a state file cannot be.
  struct Problem {
    var why: String
    var atKey = false
  }

  /// Amounts whose keys `amounts` has checked, under the keys as values.
  func keyed<K: Hashable>(_ map: [String: Exact], _ parse: (String) -> K?) -> [K: Exact] {
    var out: [K: Exact] = [:]
    for (text, v) in map { if let k = parse(text) { out[k] = v } }
    return out
  }

  /// A map of amounts, each a plain decimal (in a string, as `--closing` writes it, or a JSON
  /// number, read from its digits); `problem` says why a key or a value cannot be.
  mutating func amounts(
    _ v: PlacedJSON, _ field: String, _ problem: (String, Exact) -> Problem?
  ) -> [String: Exact] {
    var out: [String: Exact] = [:]
    for m in members(v, "'\(field)'", known: nil) ?? [] {
      let text: String
      switch m.value.value {
      case .string(let s), .number(let s): text = s
      default:
        fail("'\(field)' \"\(m.key)\" must be an amount, not \(m.value.kind)", at: m.value.range)
        continue
      }
      guard let value = try? Exact(parsing: text) else {
        fail(
          "'\(field)' \"\(m.key)\" is '\(text)', not an amount", at: m.value.range,
          hint:
            "write a plain decimal with a point, such as \"1234.50\": no separators, no exponent")
        continue
      }
      if let p = problem(m.key, value) {
        if p.atKey {
          fail("'\(field)' names \"\(m.key)\": \(p.why)", at: m.keyRange)
        } else {
          fail("'\(field)' \"\(m.key)\" cannot be \(text): \(p.why)", at: m.value.range)
        }
        continue
      }
      out[m.key] = value
    }
    return out
  }

  /// Subsidy triggers that fired (`SUBSIDY: CONDITION`), each with the period it fired in.
  mutating func triggered(_ v: PlacedJSON) -> [String: Period] {
    var out: [String: Period] = [:]
    for m in members(v, "'triggered'", known: nil) ?? [] {
      let id = String(m.key.prefix { $0 != ":" })
      guard contract.subsidies.contains(where: { $0.id == id }) else {
        fail(
          "'triggered' names '\(id)', which is not a subsidy of '\(contract.id)'", at: m.keyRange)
        continue
      }
      guard case .string(let s) = m.value.value, let p = Period(s) else {
        fail(
          "'triggered' \"\(m.key)\" must be the period it fired in, such as \"2026Q1\"",
          at: m.value.range)
        continue
      }
      out[m.key] = p
    }
    return out
  }
}
