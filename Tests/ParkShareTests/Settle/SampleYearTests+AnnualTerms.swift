import Foundation
import Testing

@testable import ParkShare

extension SampleYearTests {
  /// contracts/storage-emc-annual.contract over its sample year, 2026Q3 to 2027Q2, by hand.
  /// Savings: 720,000 x 0.95 - 800,000 x 0.25 = 484,000; 700,000 x 0.90 - 780,000 x 0.25 =
  /// 435,000; 520,000 x 0.88 - 590,000 x 0.27 = 298,300; 760,000 x 0.96 - 850,000 x 0.25 =
  /// 517,100, all below the year's 1,500,000 tier: esco 80%, host 20%.
  /// - 2026Q3: esco 387,200, host 96,800 (the floor to date, 300,000 x 1/4 = 75,000, is met).
  /// - 2026Q4: the term holds two quarters of 2026: the cap is 1,200,000 x 2/4 = 600,000, of
  ///   which esco had 387,200: its 80% (348,000) is held at 212,800, and host takes the
  ///   135,200 cut besides its 87,000: host 222,200.
  /// - 2027Q1: esco 238,640, host 59,660, below its floor to date of 75,000: topped up 15,340
  ///   from esco (esco 223,300, host 75,000).
  /// - 2027Q2: host's own 103,420 brings its year to 59,660 + 103,420 = 163,080, above the
  ///   150,000 due: it gives the 15,340 back (host 88,080, esco 413,680 + 15,340 = 429,020).
  @Test func storageEMCAnnualCapsTheCutYearAndFloorsToDate() throws {
    let s = try Self.settleYear("storage-emc-annual")
    func net(_ party: String) throws -> [Exact] {
      try s.map { out in
        try ["split", "cap", "cap-share", "floor", "floor-share"].flatMap {
          Self.lines(out, "savings", $0, party)
        }.reduce(Exact.zero) { try $0 + $1 }
      }
    }
    #expect(try net("esco") == ["387200", "212800", "223300", "429020"].map(x))
    #expect(try net("host") == ["96800", "222200", "75000", "88080"].map(x))
    #expect(Self.lines(s[1], "savings", "cap", "esco") == [x("-135200")])
    #expect(Self.lines(s[2], "savings", "floor", "host") == [x("15340")])
    #expect(Self.lines(s[3], "savings", "floor", "host") == [x("-15340")])
  }
}
