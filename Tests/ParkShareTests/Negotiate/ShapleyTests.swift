import Foundation
import Testing

@testable import ParkShare

@Suite struct ShapleyTests {
  /// The published profit game: v(A)=12, v(B)=6, v(C)=9, v(AB)=24, v(AC)=27, v(BC)=15,
  /// v(ABC)=36, whose Shapley value is (17, 8, 11).
  @Test func thePublishedProfitGame() throws {
    let v: [Int: Int] = [0: 0, 1: 12, 2: 6, 4: 9, 3: 24, 5: 27, 6: 15, 7: 36]
    let phi = try Shapley.values(players: 3) { Exact(v[$0]!) }
    #expect(phi == [Exact(17), Exact(8), Exact(11)])
  }

  @Test func efficiencySymmetryAndDummies() throws {
    // Two symmetric players and a dummy: the dummy gets nothing, the others split equally,
    // and the values add up to the grand coalition's worth (thirds stay exact enough).
    let phi = try Shapley.values(players: 3) { s in
      (s & 1 != 0 && s & 2 != 0) ? Exact(100) : .zero
    }
    #expect(phi == [Exact(50), Exact(50), .zero])
    let odd = try Shapley.values(players: 3) { s in Exact(s.nonzeroBitCount == 3 ? 10 : 0) }
    #expect(try odd.sum().rounded(scale: 20, .halfEven) == Exact(10))
  }
}

/// `parkshare fairness` on the 苏银 sample with contracts/suyin-assets.txt.
@Suite struct FairnessTests {
  static let args = [
    "fairness", "contracts/suyin-microgrid.contract", "--data",
    "contracts/data/suyin-microgrid/2026Q1", "--period", "2026Q1", "--assets",
    "contracts/suyin-assets.txt",
  ]

  @Test func shapleyValuesShareOutTheWholeValue() throws {
    let r = try runParkshare(Self.args + ["--format", "json"])
    #expect(r.status == 0, "\(r.err)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let rows = try #require(json["parties"] as? [[String: Any]])
    #expect(rows.map { $0["party"] as? String } == ["esco", "gov", "op"])
    let phi = try rows.map { x(try #require($0["shapley"] as? String)) }
    let total = x(try #require(json["total"] as? String))
    #expect(try phi.sum().rounded(scale: 10, .halfEven) == total)
    // The arbitrage is the ESCO's alone: its Shapley value is at least that.
    #expect(phi[0] > x("6900.00102"))
  }

  @Test func anUnknownRevenueIsRefused() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-assets-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: dir) }
    try "solar: esco\n".write(to: dir, atomically: true, encoding: .utf8)
    let r = try runParkshare(Array(Self.args.dropLast()) + [dir.path])
    #expect(r.status == 1)
    #expect(r.err.contains("'solar' is not a revenue or subsidy of 'suyin-microgrid'"))
  }
}
