import Foundation
import Testing

@testable import ParkShare

/// Costs that come off the top of green direct supply and revenues computed from production
/// (issue 17; ../shared/DOMAIN.md section 8), written with the language as it is:
/// - the monthly T&D capacity fee of 绿电直连 (发改价格〔2025〕1192号): grid-connection kVA x the
///   local average load rate x 730 hours x the voltage level's energy T&D price, paid to the
///   grid company before the split;
/// - a cement plant's allowance from production: clinker output x the benchmark intensity,
///   and the surplus over verified emissions at the CEA price;
/// - the incremental distribution network margin: each customer's kWh x (the T&D price at its
///   voltage level - the price at the network's connection voltage), plus basic charges
///   collected less those paid.
@Suite struct CostsOffTheTopTests {
  static let contract = """
    contract direct "green direct supply, costs off the top"
    currency CNY
    settle quarterly from 2026Q1 to 2026Q4
    unit t
    party gen "PV developer" energy-service
    party grid "grid company" government
    party park "park operator" operator
    parties customers from "customers.csv" enterprise
    input connection kVA
    input load_rate
    input td_price CNY/kWh
    input direct_kwh kWh
    input direct_price CNY/kWh
    input clinker t
    input benchmark tCO2e/t
    input verified tCO2e
    input cea_price CNY/tCO2e
    input use kWh per customers
    input voltage_td CNY/kWh per customers
    input connection_td CNY/kWh
    input basic_collected CNY
    input basic_paid CNY
    revenue direct_supply = direct_kwh x direct_price
    let td_fee = connection x load_rate x 730 kWh/kVA x 3 x td_price
    let allowance = clinker x benchmark
    revenue cea_surplus = max(allowance - verified, 0 tCO2e) x cea_price
    revenue network_margin = sum(use x (voltage_td - connection_td)) + basic_collected - basic_paid
    pool green = direct_supply
      pay grid td_fee
      split gen 100%
    pool carbon = cea_surplus
      split park 100%
    pool network = network_margin
      split park 100%
    """

  static let facts = """
    fact,value,member
    connection,10000,
    load_rate,0.45,
    td_price,0.1523,
    direct_kwh,20000000,
    direct_price,0.38,
    clinker,1000000,
    benchmark,0.8,
    verified,780000,
    cea_price,62.36,
    use,1000000,C1
    use,2500000,C2
    voltage_td,0.21,C1
    voltage_td,0.18,C2
    connection_td,0.12,
    basic_collected,50000,
    basic_paid,30000,

    """

  /// T&D capacity fee: 10,000 kVA x 0.45 x 730 h x 3 months = 9,855,000 kWh x 0.1523 =
  /// 1,500,916.50 CNY, off the 7,600,000 of direct supply (20 GWh at 0.38): the developer gets
  /// 6,099,083.50. Allowance 1,000,000 t x 0.8 = 800,000 tCO2e, 20,000 above the verified
  /// 780,000, at 62.36 = 1,247,200. Network margin 1,000,000 x (0.21 - 0.12) + 2,500,000 x
  /// (0.18 - 0.12) = 90,000 + 150,000, + 50,000 - 30,000 = 260,000.
  @Test func capacityFeesAllowancesAndTheNetworkMarginByHand() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["customers.csv": "id,name\nC1,一号用户\nC2,二号用户\n"])
    defer { t.remove() }
    let (s, messages) = t.settle(try t.bundle("q1", ["facts.csv": Self.facts]), period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let net = Dictionary(uniqueKeysWithValues: settlement.statements.map { ($0.party, $0.net) })
    #expect(net["grid"] == Exact("1500916.50"))
    #expect(net["gen"] == Exact("6099083.50"))
    #expect(net["park"] == Exact("1507200.00"))
    let (r, _) = t.revenue(try t.bundle("q1r", ["facts.csv": Self.facts]), period: "2026Q1")
    let revenue = try #require(r)
    #expect(revenue.total("td_fee") == Exact("1500916.5"))
    #expect(revenue.total("allowance") == Exact(800_000))
    #expect(revenue.total("cea_surplus") == Exact(1_247_200))
    #expect(revenue.total("network_margin") == Exact(260_000))
  }

  /// kVA is a power of its own: a kVA capacity priced per kWh without the hours is refused.
  @Test func kVAIsNotKWh() {
    let text = Self.contract.replacingOccurrences(
      of: "connection x load_rate x 730 kWh/kVA x 3 x td_price",
      with: "connection x load_rate x td_price")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-kva-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try? "id,name\nC1,a\nC2,b\n".write(
      to: folder.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
    let (ok, _) = checkContract(Self.contract, name: "c.contract", folder: folder)
    #expect(ok.contract != nil)
    let (result, rendered) = checkContract(text, name: "c.contract", folder: folder)
    #expect(result.contract == nil)
    #expect(rendered.contains("error[unit-mismatch]"), "\(rendered)")
  }
}
