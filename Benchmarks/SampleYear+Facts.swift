import Foundation
import ParkShare

extension SampleYear {
  /// One enterprise's quarter for the carbon-asset pool's green points.
  struct Enterprise {
    var id: String
    var green: String
    var total: String
    var reduction: String
    var onTime: Bool
  }

  static func carbonFacts(_ head: String, _ enterprises: [Enterprise]) -> String {
    var text = "fact,value,unit,member,vintage,month,note\n" + head
    for e in enterprises {
      // E002 meters its green power in MWh, as in the first quarter.
      let green = e.id == "E002" ? "\(e.green),MWh" : "\(e.green),kWh"
      text += "green_kwh,\(green),\(e.id),,,\n"
    }
    for e in enterprises { text += "total_kwh,\(e.total),kWh,\(e.id),,,\n" }
    for e in enterprises { text += "reduction,\(e.reduction),tCO2e,\(e.id),,,\n" }
    for e in enterprises {
      text += "reported_on_time,\(e.onTime ? 1 : 0),,\(e.id),,,\(e.onTime ? "" : "reported late")\n"
    }
    return text + "\n"
  }

  /// The carbon-asset pool 2026Q2-Q4 after the sample 2026Q1. Q2: no CCER issued and the
  /// smelter emits more than its allowance (a deficit is a cost, not revenue), so the pool is
  /// 0 and the verifier's 30,000 CNY fee carries as arrears, paid first in Q3. E004 starts
  /// buying green power in Q3.
  static func carbon(_ root: String) throws {
    let quarters: [(String, String, [Enterprise])] = [
      (
        "2026Q2",
        """
        ccer_issued,0,tCO2e,,,,no CCER issued this quarter
        ccer_price,72.10,CNY/tCO2e,,,,
        allowance,1000000,tCO2e,,,,the smelter's allowance
        verified,1012400,tCO2e,,,,a new pot line: emissions above the allowance
        cea_price,64.80,CNY/tCO2e,,,,

        """,
        [
          Enterprise(id: "E001", green: "1350000", total: "4100000", reduction: "38", onTime: true),
          Enterprise(id: "E002", green: "320", total: "1550000", reduction: "13", onTime: true),
          Enterprise(id: "E003", green: "480000", total: "520000", reduction: "42", onTime: true),
          Enterprise(id: "E004", green: "0", total: "920000", reduction: "0", onTime: false),
          Enterprise(id: "E005", green: "95000", total: "330000", reduction: "3.5", onTime: true),
        ]
      ),
      (
        "2026Q3",
        """
        ccer_issued,8000,tCO2e,,,,CCER issued this quarter (distributed PV methodology)
        ccer_price,78.50,CNY/tCO2e,,,,
        allowance,1000000,tCO2e,,,,the smelter's allowance
        verified,968000,tCO2e,,,,verified emissions
        cea_price,68.90,CNY/tCO2e,,,,

        """,
        [
          Enterprise(id: "E001", green: "1480000", total: "4250000", reduction: "44", onTime: true),
          Enterprise(id: "E002", green: "410", total: "1600000", reduction: "15", onTime: false),
          Enterprise(id: "E003", green: "505000", total: "540000", reduction: "47", onTime: true),
          Enterprise(id: "E004", green: "120000", total: "950000", reduction: "6", onTime: true),
          Enterprise(id: "E005", green: "110000", total: "345000", reduction: "4", onTime: true),
        ]
      ),
      (
        "2026Q4",
        """
        ccer_issued,3000,tCO2e,,,,CCER issued this quarter
        ccer_price,84.30,CNY/tCO2e,,,,
        allowance,1000000,tCO2e,,,,the smelter's allowance
        verified,941500,tCO2e,,,,verified emissions
        cea_price,74.10,CNY/tCO2e,,,,compliance season

        """,
        [
          Enterprise(id: "E001", green: "1150000", total: "4050000", reduction: "36", onTime: true),
          Enterprise(id: "E002", green: "280", total: "1480000", reduction: "11.5", onTime: true),
          Enterprise(id: "E003", green: "430000", total: "510000", reduction: "39", onTime: true),
          Enterprise(id: "E004", green: "90000", total: "900000", reduction: "5", onTime: true),
          Enterprise(id: "E005", green: "70000", total: "315000", reduction: "2.5", onTime: true),
        ]
      ),
    ]
    for (name, head, enterprises) in quarters {
      try SampleData.write(
        root + "/park-carbon-assets/" + name, period: Period(name)!, meters: [],
        facts: carbonFacts(head, enterprises), byMonth: false)
    }
  }

  /// The EMC deals 2027-2029 after the sample 2026. Shared savings: a mild 2027, a cold 2028
  /// with a downturn in output (savings under the first 1,000,000 CNY tier), a busy 2029; the
  /// ESCO's receipts grow towards its cap. Guaranteed savings: in 2028 a new production line
  /// lifts use, savings (324,000 CNY) fall short of the 400,000 CNY guarantee and the ESCO pays
  /// the 76,000 CNY difference; in 2027 and 2029 the intensity cut passes 20% (75% tier).
  static func emc(_ root: String) throws {
    let shared = [
      ("2027", "2760", "53500", "10300000", "0.662", "a mild year"),
      ("2028", "3020", "49000", "10900000", "0.648", "a cold year; output down"),
      ("2029", "2880", "55000", "10450000", "0.671", ""),
    ]
    for (year, hdd, output, use, price, note) in shared {
      try SampleData.write(
        root + "/emc-shared-savings/" + year, period: Period(year)!, meters: [],
        facts: """
          fact,value,unit,member,vintage,month,note
          base_use,12000000,kWh,,,,baseline year 2025
          base_hdd,2800,dd,,,,
          base_output,50000,t,,,,
          hdd,\(hdd),dd,,,,\(note)
          output,\(output),t,,,,
          actual_use,\(use),kWh,,,,
          energy_price,\(price),CNY/kWh,,,,

          """, byMonth: false)
    }
    let guaranteed = [
      ("2027", "10100000", "680000000", "0.662", ""),
      ("2028", "11500000", "700000000", "0.648", "a new production line"),
      ("2029", "10600000", "720000000", "0.671", ""),
    ]
    for (year, use, value, price, note) in guaranteed {
      try SampleData.write(
        root + "/emc-guaranteed-savings/" + year, period: Period(year)!, meters: [],
        facts: """
          fact,value,unit,member,vintage,month,note
          base_use,12000000,kWh,,,,baseline year 2025
          actual_use,\(use),kWh,,,,\(note)
          base_output_value,600000000,CNY,,,,
          output_value,\(value),CNY,,,,
          energy_price,\(price),CNY/kWh,,,,

          """, byMonth: false)
    }
  }
}
