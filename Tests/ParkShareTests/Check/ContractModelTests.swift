import Foundation
import Testing

@testable import ParkShare

/// What the checker resolves: values in base units, dated terms, dependency order.
@Suite struct ContractModelTests {
  static func load(_ name: String) throws -> Contract {
    let text = try String(contentsOf: Paths.contracts.appendingPathComponent(name), encoding: .utf8)
    return try #require(checkContract(text, name: name, folder: Paths.contracts).result.contract)
  }

  @Test func suyinHeaderPartiesAndRegistry() throws {
    let c = try Self.load("suyin-microgrid.contract")
    #expect(c.id == "suyin-microgrid")
    #expect(c.title == "苏银产业园微电网与共享储能收益分配")
    #expect(c.currency == Currency(code: "CNY", decimals: 2, rounding: .halfUp))
    #expect(c.term.periods(c.frequency).count == 40)
    #expect(c.parties.first { $0.id == "esco" }?.capital == Exact(12_000_000))
    let tenants = try #require(c.groups.first { $0.id == "tenants" })
    #expect(tenants.members == ["T001", "T002", "T003", "T004", "T005", "T006"])
    // A quoted registry name with a comma survives intact.
    #expect(c.parties.first { $0.id == "T002" }?.name == "银川隆基光伏组件二期, 苏银园区")
  }

  @Test func discountedTariffAndUnits() throws {
    let c = try Self.load("suyin-microgrid.contract")
    let direct = try #require(c.tariffs.first { $0.id == "park_direct" })
    #expect(
      direct.bands.map(\.price) == [
        try Exact(parsing: "1.341"), try Exact(parsing: "0.702"), try Exact(parsing: "0.2601"),
      ])
    #expect(direct.bands[2].spans == [[23 * 60, 7 * 60]])
    let certificates = try #require(c.definitions.first { $0.id == "certificates" })
    #expect(certificates.formula.description == "gec(pv_export - green_traded) x gec_price")
    #expect(certificates.unit == .base("CNY"))
    // Every definition comes after the ones it uses.
    let order = c.definitions.map(\.id)
    #expect(try #require(order.firstIndex(of: "green_share")) >= 0)
  }

  @Test func datedSplitsAndSubsidySchedule() throws {
    let c = try Self.load("suyin-microgrid.contract")
    let carbon = try #require(c.pools.first { $0.id == "carbon" })
    let splits = carbon.steps.filter { if case .split = $0.kind { true } else { false } }
    #expect(splits.count == 2)
    #expect(splits[0].applies(to: Period("2027Q4")!) && !splits[0].applies(to: Period("2028Q1")!))
    #expect(splits[1].applies(to: Period("2028Q1")!) && !splits[1].applies(to: Period("2027Q4")!))
    let subsidy = try #require(c.subsidies.first)
    #expect(subsidy.schedule.map(\.from.description) == ["2026Q1", "2027Q1", "2028Q1", "2029Q1"])
    #expect(
      subsidy.schedule.map(\.factor) == [
        Exact(1), try Exact(parsing: "0.75"), try Exact(parsing: "0.5"), .zero,
      ])
  }

  @Test func literalsConvertToBaseUnits() throws {
    let c = try Self.load("emc-shared-savings.contract")
    let baseline = try #require(c.definitions.first { $0.id == "adjusted_baseline" })
    #expect(baseline.unit == .kWh)
    let pool = try #require(c.pools.first)
    guard case .split(.tiered(let tiers)) = pool.steps[0].kind else {
      Issue.record("expected tiers")
      return
    }
    #expect(tiers.map(\.lower) == [.zero, Exact(1_000_000)])
    #expect(tiers.map(\.upper) == [Exact(1_000_000), nil])
    guard case .cap(_, let amount, let span, _) = pool.steps[2].kind else {
      Issue.record("expected a cap")
      return
    }
    #expect(span == .term)
    #expect(try Checker.fold(amount) == Exact(9_000_000))
  }

  @Test func megawattHoursConvert() throws {
    let text = """
      contract t "t"
      currency CNY
      settle yearly from 2026 to 2027
      party a "A" operator
      input e MWh
      input price CNY/MWh
      revenue r = e x price + 2 MWh x 0.5 CNY/kWh
      pool p = r
        split a 100%
      """
    let c = try #require(
      checkContract(text, name: "t.contract", folder: Paths.contracts).result.contract)
    #expect(c.inputs.map(\.factor) == [Exact(1000), try Exact(parsing: "0.001")])
    #expect(c.definitions[0].formula.description == "(e x price) + (2000 x 0.5)")
  }
}

@Suite struct FormatterTests {
  @Test func messyInputBecomesCanonical() throws {
    let messy = """
      # header comment   
      contract  t   "t"
      currency CNY
      settle quarterly from 2026Q1 to 2026Q4



      party a "A \\"quoted\\"" operator
      party b "B" operator
      input e kWh
      input price   CNY/kWh
      tariff g CNY/kWh
          band peak 1.2   08:00-20:00
          band valley 0.3 20:00 - 08:00
      meter m consumption
      revenue r = e*price+(e  -  -1 kWh) × price + max( e ,e ) / 2 x price + tou( m , g )
      pool p = r
          # about the split
          split a 50% ,b 50%   # trailing
      """
    let out = try #require(Formatter.format(SourceFile(path: "t", text: messy)).text)
    let expected = """
      # header comment
      contract t "t"
      currency CNY
      settle quarterly from 2026Q1 to 2026Q4

      party a "A \\"quoted\\"" operator
      party b "B" operator
      input e kWh
      input price CNY/kWh
      tariff g CNY/kWh
        band peak 1.2 08:00-20:00
        band valley 0.3 20:00-08:00
      meter m consumption
      revenue r = e x price + (e - -1 kWh) x price + max(e, e) / 2 x price + tou(m, g)
      pool p = r
        # about the split
        split a 50%, b 50%  # trailing

      """
    #expect(out == expected)
    #expect(Formatter.format(SourceFile(path: "t", text: out)).text == out)
  }

  @Test func brokenFilesAreNotFormatted() {
    let (text, diagnostics) = Formatter.format(SourceFile(path: "t", text: "contract t \"t\n"))
    #expect(text == nil)
    #expect(diagnostics.hasErrors)
  }
}
