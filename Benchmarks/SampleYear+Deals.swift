import Foundation
import ParkShare

/// The deals over time (issue 14), four periods each from the start of the term, with figures
/// chosen so that each term acts within them: the EMC payback completes in the third year, the
/// storage station passes 20 GWh inside 2026Q3, loses money on the spot market in 2026Q2 and
/// has its central grant clawed back in 2026Q3, and the REIT's year passes its forecast in Q4.
extension SampleYear {
  static func deals(_ root: String) throws {
    try emcPayback(root)
    try storageSpotGrant(root)
    try pvReit(root)
  }

  /// Waste-heat power valued at the plant's grid price: 4,960,000, 5,700,000, 5,490,000 and
  /// 5,544,000 CNY of savings. The ESCO's 80% of the first two years (8,528,000 CNY) leaves
  /// 3,472,000 of its 12,000,000 CNY for 2028.
  static func emcPayback(_ root: String) throws {
    let years = [
      ("2026", "8000000", "0.62", "first year: commissioning in January"),
      ("2027", "9500000", "0.60", ""),
      ("2028", "9000000", "0.61", "two weeks' kiln maintenance in March"),
      ("2029", "8800000", "0.63", ""),
    ]
    for (year, recovered, price, note) in years {
      try SampleData.write(
        root + "/emc-payback/" + year, period: Period(year)!, meters: [],
        facts: """
          fact,value,unit,member,vintage,month,note
          recovered,\(recovered),kWh,,,,\(note)
          energy_price,\(price),CNY/kWh,,,,

          """, byMonth: false)
    }
  }

  /// A 50 MW / 100 MWh station: 5.4, 7.3, 8.2 and 6.5 GWh discharged (12.7 GWh after Q2, so
  /// 20 GWh is passed in September), charged at 85% round-trip efficiency. Spot margins
  /// 1,473,880, -486,500 (spring wind surplus: dispatched for peak regulation into collapsed
  /// evening prices), 2,826,600 and 1,915,000 CNY. The completion acceptance fails in Q3.
  static func storageSpotGrant(_ root: String) throws {
    let quarters = ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    let discharge = milli([
      "1850000", "1500000", "2050000", "2300000", "2450000", "2550000", "2750000", "2800000",
      "2650000", "2400000", "2100000", "2000000",
    ])
    let spot = [
      ("2808000", "1334120", ""),
      ("2920000", "3406500", "peak regulation in the spring wind surplus: a loss"),
      ("4756000", "1929400", ""),
      ("3445000", "1530000", ""),
    ]
    let failed = [
      ("0", "acceptance scheduled for Q3"), ("0", ""),
      ("1", "completion acceptance failed: the grid performance test"),
      ("1", ""),
    ]
    for (q, name) in quarters.enumerated() {
      let dis = Array(discharge[(3 * q)..<(3 * q + 3)])
      try SampleData.write(
        root + "/storage-spot-grant/" + name, period: Period(name)!,
        meters: [
          MeterProfile(
            id: "ESS-CHG", kind: "storage-charge", party: "", interval: 60,
            hours: Array(0...5), monthly: charge(dis)),
          MeterProfile(
            id: "ESS-DIS", kind: "storage-discharge", party: "", interval: 60,
            hours: [8, 9, 10, 17, 18, 19, 20, 21], monthly: dis),
        ],
        facts: """
          fact,value,unit,member,vintage,month,note
          spot_sales,\(spot[q].0),CNY,,,,\(spot[q].2)
          spot_charging,\(spot[q].1),CNY,,,,
          investment,60000000,CNY,,,,approved investment
          acceptance_failed,\(failed[q].0),,,,,\(failed[q].1)

          """, byMonth: false)
    }
  }

  /// 400 MWp in Ningxia: 118.4, 176.25, 166.8 and 112.6 GWh on-grid, so the year passes the
  /// 560 GWh forecast in Q4 (574.05 GWh).
  static func pvReit(_ root: String) throws {
    let quarters = [
      ("2026Q1", "118400000", "0.2512"), ("2026Q2", "176250000", "0.2468"),
      ("2026Q3", "166800000", "0.2535"), ("2026Q4", "112600000", "0.2590"),
    ]
    for (name, generation, price) in quarters {
      try SampleData.write(
        root + "/pv-reit/" + name, period: Period(name)!, meters: [],
        facts: """
          fact,value,unit,member,vintage,month,note
          generation,\(generation),kWh,,,,grid company settlement statements
          power_price,\(price),CNY/kWh,,,,average settled price

          """, byMonth: false)
    }
  }
}

extension SampleYear {
  /// A hospital's energy-cost trusteeship (contracts/emc-trusteeship.contract), 2027Q1-Q4:
  /// degree days, bed-days and the power bills the ESCO paid. Q3 is a hot summer in which a
  /// chiller failed and was replaced by rented units: the bills pass the fee, the ESCO's loss.
  static func trusteeship(_ root: String) throws {
    let quarters = [
      ("2027Q1", "0", "820", "72000", "1702000.00", ""),
      ("2027Q2", "310", "120", "73500", "1745300.00", ""),
      ("2027Q3", "980", "0", "74200", "2790000.00", "7月冷水机组故障，租用临时机组"),
      ("2027Q4", "120", "410", "73000", "1610000.00", ""),
    ]
    for (quarter, cdd, hdd, beds, bill, note) in quarters {
      try SampleData.write(
        root + "/emc-trusteeship/" + quarter, period: Period(quarter)!, meters: [],
        facts: """
          fact,value,unit,member,vintage,month,note
          cdd,\(cdd),,,,,气象站 26°C 基准
          hdd,\(hdd),,,,,气象站 18°C 基准
          bed_days,\(beds),,,,,医院信息系统
          electricity_bill,\(bill),CNY,,,,\(note)

          """, byMonth: false)
    }
  }
}
