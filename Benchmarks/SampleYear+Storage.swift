import Foundation
import ParkShare

extension SampleYear {
  /// Shared storage in Suzhou from the start of its term, 2026Q1-2027Q1, before the sample
  /// 2027Q2 (a ledger starts at the first period of the term). More cycles in the summer peak,
  /// fewer over the Spring Festival. The capital subsidy (2,000,000 CNY) falls in 2026Q2, the
  /// operation subsidy drops to 75% in 2027, and the top-up degresses 1% from 2027H1; 5% of each
  /// quarter's pool goes into the replacement fund. Hourly readings: the tariff's bands start
  /// on the hour, so they price exactly what 15-minute readings would (and are a quarter the
  /// size).
  static func storage(_ root: String) throws {
    let quarters = ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1"]
    let discharge = milli([
      "26000", "21500", "28400", "34000", "36500", "37800", "42500", "43800", "39600", "35200",
      "33900", "36700", "30100", "24800", "33500",
    ])
    let notes = [
      "approved investment", "approved investment; the capital subsidy is paid this quarter",
      "approved investment", "approved investment", "approved investment",
    ]
    for (q, name) in quarters.enumerated() {
      let dis = Array(discharge[(3 * q)..<(3 * q + 3)])
      try SampleData.write(
        root + "/storage-subsidy/" + name, period: Period(name)!,
        meters: [
          MeterProfile(
            id: "BESS-CHG", kind: "storage-charge", party: "", interval: 60,
            hours: Array(0...5), monthly: charge(dis)),
          MeterProfile(
            id: "BESS-DIS", kind: "storage-discharge", party: "", interval: 60,
            hours: [8, 9, 10, 17, 18, 19, 20, 21], monthly: dis),
        ],
        facts: """
          fact,value,unit,member,vintage,month,note
          investment,8000000,CNY,,,,\(notes[q])

          """, byMonth: false)
    }
  }
}
