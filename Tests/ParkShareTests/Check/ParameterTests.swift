import Foundation
import Testing

@testable import ParkShare

/// `param NAME = VALUE` and `--set NAME=VALUE`: a variant by `--set` settles exactly as the
/// contract with the value written in; a date parameter moves a step; overrides of another form
/// are refused.
@Suite struct ParameterTests {
  static let contract = """
    contract par "params"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    param esco_share = 30%
    param op_share = 70%
    param fee = 1,000 CNY
    param change = 2027Q1
    party op "op" operator
    party esco "esco" energy-service
    input cash CNY
    revenue sales = cash
    pool p = sales
      pay op fee
      split esco esco_share, op op_share until 2026Q4
      split esco 50%, op 50% from change
    """

  /// Settles `text` written as `par.contract` in `folder` (one path, so that the records of two
  /// texts compare byte for byte).
  static func settle(
    _ text: String, _ parameters: [(name: String, value: String)], period: String,
    in folder: URL = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-param-\(UUID().uuidString)")
  ) throws -> Settlement {
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let contract = folder.appendingPathComponent("par.contract")
    try text.write(to: contract, atomically: true, encoding: .utf8)
    let data = folder.appendingPathComponent("q")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try "fact,value\ncash,10000\n".write(
      to: data.appendingPathComponent("facts.csv"), atomically: true, encoding: .utf8)
    let outcome = SettleUseCase.run(
      .init(
        inputs: PeriodRequest(
          contract: contract.path, data: data.path, period: Period(period)!,
          parameters: parameters)))
    return try #require(outcome.value, "\(outcome.diagnostics.map(\.message))")
  }

  static func json<T: Encodable>(_ value: T) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return String(decoding: try e.encode(value), as: UTF8.self)
  }

  @Test func aVariantBySetIsTheContractWithTheValueWrittenIn() throws {
    let set: [(name: String, value: String)] = [
      ("esco_share", "25%"), ("op_share", "75%"), ("fee", "2,000 CNY"),
    ]
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-param-\(UUID().uuidString)")
    let variant = try Self.settle(Self.contract, set, period: "2026Q1", in: folder)
    let written = Self.contract.replacingOccurrences(of: "= 30%", with: "= 25%")
      .replacingOccurrences(of: "= 70%", with: "= 75%")
      .replacingOccurrences(of: "= 1,000 CNY", with: "= 2,000 CNY")
    let plain = try Self.settle(written, [], period: "2026Q1", in: folder)
    #expect(try Self.json(variant.pools) == Self.json(plain.pools))
    #expect(try Self.json(variant.statements) == Self.json(plain.statements))
    // 10,000 - 2,000 = 8,000: esco 25% = 2,000; op 2,000 + 6,000.
    #expect(variant.statements.map { "\($0.party) \($0.net)" } == ["esco 2000.00", "op 8000.00"])
    // The variant says so; the contract with the values written in has nothing to say.
    #expect(variant.contract.parameters?.map(\.name) == ["esco_share", "op_share", "fee"])
    #expect(plain.contract.parameters == nil)
    #expect(StatementText.render(variant).contains("esco_share = 25% (the contract: 30%)"))
  }

  /// `from change` reads the date parameter: 2027Q1 splits 50/50, and the contract's values
  /// elsewhere are untouched.
  @Test func aDateParameterMovesAStep() throws {
    let s = try Self.settle(Self.contract, [], period: "2027Q1")
    #expect(s.statements.map { "\($0.party) \($0.net)" } == ["esco 4500.00", "op 5500.00"])
  }

  @Test func overridesOfAnotherFormAreRefusedWithTheirPlace() throws {
    let source = SourceFile(path: "par.contract", text: Self.contract)
    let r = Checker.check(source, parameters: [("fee", "2000"), ("change", "25%"), ("nope", "1")]) {
      _ in throw CocoaError(.fileNoSuchFile)
    }
    #expect(r.contract == nil)
    let found = r.diagnostics.map { "\($0.id.rawValue) \($0.range.start.line)" }
    #expect(found == ["unknown-parameter 1", "bad-parameter 6", "bad-parameter 7"])
  }
}

/// `--set` on the command line: refused with a ledger (a ledger records the contract's text),
/// and `compare` of one contract with itself under `--set-b` names B's parameters.
@Suite struct ParameterCommandTests {
  @Test func setIsRefusedWithALedgerAndNamesCompareVariants() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-param-cli-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let contract = folder.appendingPathComponent("par.contract").path
    try ParameterTests.contract.write(toFile: contract, atomically: true, encoding: .utf8)
    let data = folder.appendingPathComponent("q").path
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    try "fact,value\ncash,10000\n".write(
      toFile: data + "/facts.csv", atomically: true, encoding: .utf8)
    let ledger = try runParkshare([
      "settle", contract, "--data", data, "--period", "2026Q1", "--ledger",
      folder.appendingPathComponent("ledger").path, "--set", "esco_share=25%",
    ])
    #expect(ledger.status == 64)
    #expect(ledger.err.contains("--set settles a variant"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ledger").path))
    let compare = try runParkshare([
      "compare", contract, contract, "--data", data, "--period", "2026Q1", "--set-b",
      "esco_share=25%", "--set-b", "op_share=75%",
    ])
    #expect(compare.status == 0, "\(compare.err)")
    #expect(compare.out.contains("esco_share = 25% (the contract: 30%)"))
    #expect(compare.out.contains("esco   esco  2,700.00  2,250.00  -450.00"))
    // revenue says it computed a variant too.
    let revenue = try runParkshare([
      "revenue", contract, "--data", data, "--period", "2026Q1", "--set", "fee=2000CNY",
    ])
    #expect(revenue.status == 0, "\(revenue.err)")
    #expect(revenue.out.contains("fee = 2000 CNY (the contract: 1,000 CNY)"))
  }
}
