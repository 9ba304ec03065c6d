import Foundation
import Testing

@testable import ParkShare

/// A clause is the source range the checker read it from, in whichever file wrote it (the
/// contract, or a party registry beside it): its line and column, not a `file:line` text that is
/// looked up again. JSON and ledgers still cite it as `file:line`, and read that back.
@Suite struct ClauseRangeTests {
  static let contract = """
    contract clauses "clause ranges"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    party op "op" operator
    parties tenants from "tenants.csv" enterprise
    input amount CNY
    revenue income = amount
    kpi ratio = amount / 2,000 CNY
    pool p = income
      pay op 10% of pool
      split on ratio
        below 50%: op 50%, t1 50%
        from 50%: op 40%, t1 60%
    """

  static func settle() throws -> (Settlement, Contract) {
    let t = try TestBundle(
      contract: contract, files: ["tenants.csv": "id,name,capital\nt1,Tenant One,1\n"])
    defer { t.remove() }
    let (s, messages) = t.settle(try t.facts("2026Q1", [("amount", "1200")]), period: "2026Q1")
    return (try #require(s, "\(messages)"), t.contract)
  }

  static func at(_ line: Int, _ column: Int, in file: String = "test.contract")
    -> (SourceRange) -> Bool
  {
    { $0.file.hasSuffix("/" + file) && $0.start == SourceLocation(line: line, column: column) }
  }

  @Test func linesStepsAndRevenueItemsCiteTheirRanges() throws {
    let (s, contract) = try Self.settle()
    // A party from the registry is cited at its row of that file.
    let t1 = try #require(contract.parties.first { $0.id == "t1" })
    #expect(Self.at(2, 1, in: "tenants.csv")(t1.clause))
    #expect(t1.clause.end.column == "t1,Tenant One,1".count + 1)

    // The pool and its steps, as the contract model keeps them.
    let pool = try #require(contract.pools.first)
    #expect(Self.at(9, 1)(pool.clause))
    #expect(
      pool.steps.map(\.clause.start) == [.init(line: 10, column: 3), .init(line: 11, column: 3)])

    // The lines paid cite their step; the KPI row the ratio (60%) falls in cites its row.
    let result = try #require(s.pools.first)
    #expect(Self.at(9, 1)(result.clause))
    #expect(Self.at(7, 1)(try #require(result.sources.first).clause))
    let pay = try #require(result.lines.first { $0.kind == .pay })
    #expect(Self.at(10, 3)(pay.clause))
    let split = try #require(
      result.lines.first { $0.kind == .split && $0.recipient == .party("t1") })
    #expect(Self.at(11, 3)(split.clause))
    guard case .kpiRow(let row) = split.basis else {
      Issue.record("a KPI step's line has a KPI row basis, not \(split.basis)")
      return
    }
    #expect(Self.at(13, 5)(row.clause))
    let statement = try #require(s.statements.first { $0.party == "t1" })
    #expect(statement.lines.map(\.clause.start) == [.init(line: 11, column: 3)])

    // Revenue items cite their declarations.
    #expect(Self.at(7, 1)(try #require(s.revenue.item("income")).clause))
    #expect(Self.at(8, 1)(try #require(s.revenue.item("ratio")).clause))
  }

  /// JSON (and so a ledger) cites a clause as `file:line`, as before clauses were ranges; read
  /// back, the clause is the start of that line.
  @Test func jsonCitesFileAndLineAndReadsItBack() throws {
    let (s, _) = try Self.settle()
    let pool = try #require(s.pools.first)
    let pay = try #require(pool.lines.first { $0.kind == .pay })
    let json = try JSONEncoder().encode(pay)
    let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    #expect(object["clause"] as? String == pay.clause.file + ":10")
    let back = try JSONDecoder().decode(AllocationLine.self, from: json)
    #expect(back.clause.file == pay.clause.file)
    #expect(back.clause.start == SourceLocation(line: 10, column: 1))
    #expect(back.clause.clause == pay.clause.clause)
  }

  /// A comparison's clause that one variant lacks is left out of its JSON, not `null`.
  @Test func anAbsentClauseIsLeftOut() throws {
    let d = Comparison.ClauseDifference(
      pool: "p", kind: .pay, clauseA: nil,
      clauseB: SourceRange(clause: "b.contract:12"), a: .zero, b: .zero, difference: .zero)
    let json = String(decoding: try JSONEncoder().encode(d), as: UTF8.self)
    #expect(!json.contains("clauseA"))
    #expect(json.contains(#""clauseB":"b.contract:12""#))
    let back = try JSONDecoder().decode(Comparison.ClauseDifference.self, from: Data(json.utf8))
    #expect(back.clauseA == nil && back.clauseB?.clause == "b.contract:12")
  }
}
