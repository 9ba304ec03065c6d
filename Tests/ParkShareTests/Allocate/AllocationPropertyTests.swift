import Foundation
import Testing

@testable import ParkShare

/// Properties of allocation over generated contracts and data.
@Suite struct AllocationPropertyTests {
  /// A generated deal: parties, a pool filled from one income, a random waterfall.
  struct Deal {
    var parties: [(id: String, capital: Int)]
    var tenants: [(id: String, use: Int)]
    var steps: [String]
    var amount: String
    /// Basis points of the final fixed split, by party.
    var split: [Int]

    init(seed: UInt64) {
      var rng = SplitMix(seed: seed)
      func r(_ n: UInt64) -> Int { Int(rng.next() % n) }
      parties = (0..<(2 + r(5))).map { ("p\($0)", 1 + r(1_000_000)) }
      tenants = (0..<(1 + r(6))).map { ("t\($0)", r(3) == 0 ? 0 : r(10_000)) }
      if tenants.allSatisfy({ $0.use == 0 }) { tenants[0].use = 1 }
      amount = "\(r(100_000_000)).\(String(format: "%04d", r(10_000)))"
      var steps: [String] = []
      for _ in 0..<r(4) {
        switch r(4) {
        case 0: steps.append("  pay \(parties[r(UInt64(parties.count))].id) \(r(5_000_000)) CNY")
        case 1: steps.append("  pay \(parties[r(UInt64(parties.count))].id) \(1 + r(30))% of pool")
        case 2: steps.append("  reserve \(1 + r(20))% to fund\(r(2))")
        default: steps.append("  rebate \(1 + r(40))% of remainder to tenants by use")
        }
      }
      // A fixed split in basis points that sum to 10,000.
      var left = 10_000
      split =
        parties.dropLast().map { _ in
          let v = r(UInt64(left + 1))
          left -= v
          return v
        } + [0]
      split[split.count - 1] = left
      self.steps = steps
    }

    func text(order: [Int]? = nil, split override: [Int]? = nil) -> String {
      let shares = override ?? split
      let lines = (order ?? Array(parties.indices)).map {
        "party \(parties[$0].id) \"P\($0)\" operator capital \(parties[$0].capital) CNY"
      }
      let splitText = parties.indices.map { i in
        "\(parties[i].id) \(Exact(shares[i]).description == "0" ? "0" : (try! Exact(shares[i]) / Exact(100)).description)%"
      }.joined(separator: ", ")
      return """
        contract gen "generated"
        currency CNY rounding half-up
        settle quarterly from 2026Q1 to 2026Q4
        \(lines.joined(separator: "\n"))
        parties tenants from "tenants.csv" enterprise
        input amount CNY
        input use kWh per tenants
        revenue income = amount
        pool p = income
        \(steps.joined(separator: "\n"))
          split \(splitText)
        """
    }

    var registry: String { "id,name\n" + tenants.map { "\($0.id),\($0.id)\n" }.joined() }
    var facts: String {
      "fact,value,member\namount,\(amount),\n" + tenants.map { "use,\($0.use),\($0.id)\n" }.joined()
    }

    func settle(_ text: String) throws -> (Settlement, String) {
      let t = try TestBundle(contract: text, files: ["tenants.csv": registry])
      defer { t.remove() }
      let dir = try t.bundle("q1", ["facts.csv": facts])
      let (s, messages) = t.settle(dir, period: "2026Q1")
      let settlement = try #require(s, "\(messages)\n\(text)")
      // The temporary folder differs between runs; everything else must not.
      let json = String(decoding: try JSONEncoder.sorted.encode(settlement), as: UTF8.self)
      return (settlement, json.replacingOccurrences(of: t.folder.path, with: "<dir>"))
    }
  }

  @Test(arguments: Array(1...40) as [UInt64])
  func everyPoolIsConservedToTheFen(seed: UInt64) throws {
    let deal = Deal(seed: seed)
    let (s, json) = try deal.settle(deal.text())
    for pool in s.pools {
      let paid = try pool.lines.map(\.amount).sum()
      #expect(try paid + pool.unallocated == pool.total, "seed \(seed)")
      for line in pool.lines where !line.exact.isNegative {
        // Each payment is its exact amount rounded once: within one fen.
        #expect(
          try (Fraction(line.amount) - line.exact).magnitude < Fraction(x("0.01")),
          "seed \(seed) \(line)")
      }
    }
    #expect(s.reconciliation.residual == x("0"))
    // Same inputs, same bytes.
    #expect(try deal.settle(deal.text()).1 == json)
  }

  @Test(arguments: Array(1...20) as [UInt64])
  func theOrderOfPartiesChangesNothing(seed: UInt64) throws {
    let deal = Deal(seed: seed)
    var rng = SplitMix(seed: seed &+ 99)
    let order = deal.parties.indices.shuffled(using: &rng)
    let a = try deal.settle(deal.text()).0
    let b = try deal.settle(deal.text(order: order)).0
    #expect(a.statements.map(\.party) == b.statements.map(\.party))
    #expect(a.statements.map(\.net) == b.statements.map(\.net), "seed \(seed)")
  }

  @Test(arguments: Array(1...20) as [UInt64])
  func raisingAShareNeverLowersThePayout(seed: UInt64) throws {
    let deal = Deal(seed: seed)
    // Move up to 10 points from the party with the largest share to party 0.
    guard let donor = deal.split.indices.dropFirst().max(by: { deal.split[$0] < deal.split[$1] }),
      deal.split[donor] > 0
    else { return }
    var raised = deal.split
    let moved = min(1000, raised[donor])
    raised[donor] -= moved
    raised[0] += moved
    let before = try #require(try deal.settle(deal.text()).0.net("p0"))
    let after = try #require(try deal.settle(deal.text(split: raised)).0.net("p0"))
    #expect(before <= after, "seed \(seed): \(before) -> \(after)")
  }
}

extension JSONEncoder {
  static var sorted: JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }
}
