import Testing

@testable import ParkShare

/// The scanner divides a minute of the period by a meter's interval with a multiplier
/// (`ReadingsLayout.slot`): it must give the quotient and the grid test a division gives, for
/// every minute of the longest period and every interval a registry allows.
@Suite struct ReadingsLayoutTests {
  @Test func theMultiplierDividesEveryMinuteOfALeapYearExactly() {
    let meters = MeterRegistry.intervals.enumerated().map { i, interval in
      RegisteredMeter(
        id: "M\(i)", kind: .consumption, party: nil, interval: interval, stampAtEnd: false,
        asset: "", row: "meters.csv:\(i + 2)")
    }
    let layout = ReadingsLayout(meters: meters, period: Period("2028")!)
    #expect(layout.minutes == 366 * 1440)
    #expect(layout.fastDivision)
    var wrong = 0
    for m in meters.indices {
      let step = meters[m].interval
      for rel in 0..<layout.minutes {
        let (slot, onGrid) = layout.slot(m, rel)
        if slot != rel / step || onGrid != (rel % step == 0) { wrong += 1 }
      }
    }
    #expect(wrong == 0)
    // The last minute of the year of a 5-minute meter: slot 105,407, not on the grid.
    let last = layout.slot(0, layout.minutes - 1)
    #expect(last.slot == 105_407 && !last.onGrid)
  }
}
