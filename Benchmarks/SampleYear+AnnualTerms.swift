import Foundation
import ParkShare

extension SampleYear {
  /// contracts/storage-emc-annual.contract: a year of quarters (2026Q3 to 2027Q2) of the
  /// battery's peak discharge and valley charge with the quarter's TOU prices. Savings of
  /// 484,000, 435,000, 298,300 and 517,100 CNY: in 2026Q4 the ESCO reaches 2026's cap (half a
  /// year's, 600,000: the term holds two quarters of 2026); in 2027Q1 (fewer cycles in winter)
  /// the host is topped up to its floor to date (75,000) and gives the top-up back in 2027Q2.
  static func annualTerms(_ root: String) throws {
    let quarters = [
      ("2026Q3", "720000", "800000", "0.95", "0.25", "summer peaks"),
      ("2026Q4", "700000", "780000", "0.90", "0.25", ""),
      ("2027Q1", "520000", "590000", "0.88", "0.27", "winter: fewer cycles"),
      ("2027Q2", "760000", "850000", "0.96", "0.25", ""),
    ]
    for (quarter, discharged, charged, peak, valley, note) in quarters {
      try SampleData.write(
        root + "/storage-emc-annual/" + quarter, period: Period(quarter)!, meters: [],
        facts: """
          fact,value,unit,member,vintage,month,note
          discharged,\(discharged),kWh,,,,\(note)
          charged,\(charged),kWh,,,,
          peak_price,\(peak),CNY/kWh,,,,
          valley_price,\(valley),CNY/kWh,,,,

          """, byMonth: false)
    }
  }
}
