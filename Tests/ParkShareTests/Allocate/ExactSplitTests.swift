import Foundation
import Testing

@testable import ParkShare

/// Pro-rata splits are exact fractions until the pool is rounded once: the lines sum to the pool
/// exactly and the declared tie-break (larger remainder, larger amount, earlier line), not a
/// decimal cut at 28 digits, decides who gets the last fen.
@Suite struct ExactSplitTests {
  static func stakes(_ weights: [Int]) -> String {
    weights.enumerated().map { i, w in
      "party p\(i + 1) \"P\(i + 1)\" operator capital \(w) CNY"
    }.joined(separator: "\n")
  }

  static func byStake(_ weights: [Int], amount: String) throws -> Settlement {
    let names = weights.indices.map { "p\($0 + 1)" }.joined(separator: ", ")
    return try AllocationTests.settle(
      AllocationTests.contract(stakes(weights), "  split \(names) by stake"), amount: amount)
  }

  /// 100 CNY by stake 5 : 17 : 38 is 8.333..., 28.333..., 63.333...: three remainders of
  /// exactly a third of a fen, so the tie goes to the largest amount.
  @Test func fiveSeventeenThirtyEight() throws {
    let s = try Self.byStake([5, 17, 38], amount: "100")
    #expect(s.net("p1") == x("8.33"))
    #expect(s.net("p2") == x("28.33"))
    #expect(s.net("p3") == x("63.34"))
    let lines = try #require(s.pools.first?.lines)
    #expect(lines.map(\.exact.description) == ["25/3", "85/3", "190/3"])
    #expect(try lines.map(\.exact).sum() == Fraction(x("100")))
    #expect(s.pools.first?.unallocatedExact == .zero)
  }

  /// 1 : 1 : 10 of 100 CNY: three remainders of a third of a fen. Cut at 28 digits, the two
  /// small parties' shares carried more noise than the large one's, and the noise gave the fen
  /// to p1; the declared rule gives it to the largest amount.
  @Test func aTieIsBrokenByTheRuleNotByNoise() throws {
    let s = try Self.byStake([1, 1, 10], amount: "100")
    #expect(s.net("p1") == x("8.33"))
    #expect(s.net("p2") == x("8.33"))
    #expect(s.net("p3") == x("83.34"))
  }

  /// An exact four-way tie (equal stakes, a seventh of a fen each) goes to the earlier parties
  /// by id.
  @Test func fourWayTiesGoToTheEarlierParties() throws {
    let s = try Self.byStake([3, 3, 3, 3], amount: "0.07")
    #expect(["p1", "p2", "p3", "p4"].map { s.net($0) } == ["0.02", "0.02", "0.02", "0.01"].map(x))
  }

  /// The engine against a plain reference in integers: floor(T x w / W) fen each, the rest one
  /// fen each by larger remainder T x w mod W, then larger weight, then earlier party.
  static func reference(_ fen: Int128, _ weights: [Int]) -> [Int128] {
    let sum = Int128(weights.reduce(0, +))
    var parts = weights.map { fen * Int128($0) / sum }
    let remainders = weights.map { fen * Int128($0) % sum }
    let order = weights.indices.sorted {
      remainders[$0] != remainders[$1]
        ? remainders[$0] > remainders[$1]
        : (weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1)
    }
    for i in order.prefix(Int(fen - parts.reduce(0, +))) { parts[i] += 1 }
    return parts
  }

  static let primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 97, 101, 997, 7919, 104_729]

  @Test(arguments: Array(1...30) as [UInt64])
  func matchesTheIntegerReference(seed: UInt64) throws {
    var rng = SplitMix(seed: seed)
    let count = Int(rng.next() % 12) + 2
    var weights: [Int] = []
    for _ in 0..<count {
      switch rng.next() % 4 {
      case 0: weights.append(Self.primes[Int(rng.next() % UInt64(Self.primes.count))])
      case 1: weights.append(weights.last ?? 7)  // ties
      default: weights.append(Int(rng.next() % 1_000_000) + 1)
      }
    }
    let fen = Int128(rng.next() % 10_000_000_000) + 1
    let amount = try Exact(minorUnits: fen, decimals: 2)
    // Ids p1..p9 sort as numbers only below 10: name them so id order is index order.
    let text = weights.enumerated().map { i, w in
      "party p\(String(format: "%02d", i)) \"P\(i)\" operator capital \(w) CNY"
    }.joined(separator: "\n")
    let names = weights.indices.map { "p\(String(format: "%02d", $0))" }.joined(separator: ", ")
    let s = try AllocationTests.settle(
      AllocationTests.contract(text, "  split \(names) by stake"), amount: amount.description)
    let paid = weights.indices.map { s.net("p\(String(format: "%02d", $0))") }
    let expected = try Self.reference(fen, weights).map { try Exact(minorUnits: $0, decimals: 2) }
    #expect(paid == expected, "seed \(seed): \(weights) of \(amount)")
  }

  /// 10,000 registry members by capital (primes and ties), through the whole engine.
  @Test func tenThousandParties() throws {
    var rng = SplitMix(seed: 10_000)
    var weights: [Int] = []
    var csv = "id,name,capital\n"
    for i in 0..<10_000 {
      let w =
        i % 3 == 0 ? Self.primes[i % Self.primes.count] : Int(rng.next() % 100_000) + 1
      weights.append(w)
      csv += "m\(String(format: "%05d", i)),M\(i),\(w)\n"
    }
    let t = try TestBundle(
      contract: AllocationTests.contract(
        "parties members from \"members.csv\" enterprise", "  split members by stake"),
      files: ["members.csv": csv])
    defer { t.remove() }
    let (s, messages) = t.settle(
      try t.facts("2026Q1", [("amount", "12345678.91")]), period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    var net: [String: Exact] = [:]
    for st in settlement.statements { net[st.party] = st.net }
    let expected = Self.reference(1_234_567_891, weights)
    for i in weights.indices {
      #expect(
        net["m\(String(format: "%05d", i))"] == (try Exact(minorUnits: expected[i], decimals: 2)))
    }
  }

  /// The apportionment itself against the reference: many random cases, fast.
  @Test func apportionmentMatchesTheReference() throws {
    var rng = SplitMix(seed: 4242)
    for _ in 0..<2_000 {
      let count = Int(rng.next() % 6) + 1
      var weights: [Int] = []
      for _ in 0..<count {
        weights.append(
          rng.next() % 3 == 0
            ? (weights.last ?? 5) : Self.primes[Int(rng.next() % UInt64(Self.primes.count))])
      }
      let fen = Int128(rng.next() % 100_000)
      let parts = try Apportionment.largestRemainder(fen, weights: weights.map { Exact($0) })
      #expect(parts == Self.reference(fen, weights), "\(weights) of \(fen)")
    }
  }
}
