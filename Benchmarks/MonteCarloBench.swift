import Foundation
import ParkShare

/// The Monte Carlo benchmark: 1,000 runs of a 40-quarter term of a contract with 50 parties
/// (four named parties and 46 enterprises sharing a green-points rebate), random CCER and CEA
/// prices; the release `parkshare simulate` timed as a child process.
enum MonteCarloBench {
  static let contract = """
    contract mc-park "Monte Carlo benchmark park"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2035Q4

    party gov "committee" government capital 3,000,000 CNY
    party op "operator" operator capital 5,000,000 CNY
    party esco "esco" energy-service capital 12,000,000 CNY
    party verifier "verifier" other
    parties tenants from "tenants.csv" enterprise

    input ccer_issued tCO2e
    input ccer_price CNY/tCO2e
    input allowance tCO2e
    input verified tCO2e
    input cea_price CNY/tCO2e
    input green_kwh kWh per tenants
    input total_kwh kWh per tenants
    input reported per tenants

    revenue ccer = ccer_issued x ccer_price
    revenue cea_surplus = max(allowance - verified, 0 tCO2e) x cea_price
    let green_share = green_kwh / total_kwh

    points green for tenants cap 100
      2 per % green_share
      5 if reported >= 1

    pool carbon = ccer + cea_surplus
      pay verifier 30,000 CNY
      pay op 3% of pool
      rebate 20% to tenants by green
      split tiered
        from 0 CNY to 1,000,000 CNY: gov 40%, op 30%, esco 30%
        from 1,000,000 CNY: gov 30%, op 30%, esco 40%

    """

  /// The same park with terms over time (issue 14): the operator's bonus unlocks once the
  /// year's CCER revenue (drawn prices) passes 1,000,000 CNY, and the ESCO's share drops once
  /// it has received its 12,000,000 CNY capital from the pool (the payback switch, crossed in
  /// the third or fourth year depending on the draws), so every run carries running totals and
  /// receipts from quarter to quarter and splits a quarter at the crossing. The tenants' green
  /// points carry over and expire after four quarters (lots first in, first out), and the
  /// rebate goes by each tenant's balance.
  static let overTime = contract.replacingOccurrences(
    of: """
        5 if reported >= 1
      """,
    with: """
        5 if reported >= 1
        carry over, expire after 4 quarters

      let green_balance = balance(green)
      """
  ).replacingOccurrences(
    of: """
      let green_share = green_kwh / total_kwh
      """,
    with: """
      let green_share = green_kwh / total_kwh
      kpi esco_paid = received(esco, carbon)
      """
  ).replacingOccurrences(
    of: """
        pay op 3% of pool
        rebate 20% to tenants by green
        split tiered
          from 0 CNY to 1,000,000 CNY: gov 40%, op 30%, esco 30%
          from 1,000,000 CNY: gov 30%, op 30%, esco 40%
      """,
    with: """
        pay op 3% of pool
        pay op 100,000 CNY if to-date(ccer, year) >= 1,000,000 CNY
        rebate 20% to tenants by green_balance
        split on esco_paid
          below 12,000,000 CNY: gov 30%, op 30%, esco 40%
          from 12,000,000 CNY: gov 40%, op 35%, esco 25%
      """)

  /// `variant` is `plain` (the contract above) or `overtime` (`overTime`).
  static func run(_ root: String, runs: Int, variant: String = "plain") throws {
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
    guard variant == "plain" || variant == "overtime" else {
      print("montecarlo: the variant is 'plain' or 'overtime', not '\(variant)'")
      exit(64)
    }
    let text = variant == "overtime" ? overTime : contract
    precondition(
      overTime.contains("kpi esco_paid") && overTime.contains("split on esco_paid"),
      "the over-time edits did not apply")
    try text.write(toFile: root + "/mc.contract", atomically: true, encoding: .utf8)
    var tenants = "id,name\n"
    var facts = "fact,value,member\nccer_issued,5000,\nccer_price,70.76,\nallowance,1000000,\n"
    facts += "verified,950000,\ncea_price,62.36,\n"
    for i in 1...46 {
      let id = "E" + String(format: "%03d", i)
      tenants += "\(id),Enterprise \(i)\n"
      facts += "green_kwh,\(10_000 * (i % 9 + 1)),\(id)\ntotal_kwh,\(100_000 + 7_000 * i),\(id)\n"
      facts += "reported,\(i % 5 == 0 ? 0 : 1),\(id)\n"
    }
    try tenants.write(toFile: root + "/tenants.csv", atomically: true, encoding: .utf8)
    try facts.write(toFile: root + "/data/facts.csv", atomically: true, encoding: .utf8)
    try """
    {
      "data": "data", "period": "2026Q1", "discountRate": "0.08",
      "prices": {
        "ccer_price": { "growth": "0.03", "uniform": ["0.7", "1.3"] },
        "cea_price": { "growth": "0.02", "uniform": ["0.8", "1.2"] },
        "verified": { "growth": "-0.01" }
      },
      "investments": [
        { "party": "esco", "amount": "12000000", "period": "2026Q1" },
        { "party": "op", "amount": "5000000", "period": "2026Q1" }
      ]
    }
    """.write(toFile: root + "/scenario.json", atomically: true, encoding: .utf8)
    let binary =
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("parkshare").path
    var walls: [Double] = []
    var peak = 0
    for _ in 0..<3 {
      let (wall, rss, status) = try ReferencePark.measure(
        binary,
        [
          "simulate", root + "/mc.contract", "--scenario", root + "/scenario.json", "--runs",
          String(runs), "--seed", "7", "--format", "json",
        ])
      guard status == 0 else {
        print("parkshare simulate failed with status \(status)")
        exit(1)
      }
      walls.append(wall)
      peak = max(peak, rss)
    }
    walls.sort()
    print(
      String(
        format:
          "simulate (\(variant)): %d Monte Carlo runs x 40 quarters, 50 parties: wall best %.3f s, median %.3f s (3 runs); %.1f us per settled period; peak RSS %.1f MB",
        runs, walls[0], walls[1], walls[0] / Double(runs * 40) * 1e6, Double(peak) / 1024))
  }
}
