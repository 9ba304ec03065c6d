import Foundation
import ParkShare

/// The reference park of the revenue and settle benchmarks: 1,000 meters read every 15 minutes
/// for a quarter (8,640,000 rows, about 380 MB of CSV), 1,000 enterprises, and a contract that
/// values every meter kind (TOU-priced direct supply per tenant, green-power trade, monthly
/// certificates, storage arbitrage) and pays it out through fees, a reserve, a green-points
/// rebate to all 1,000 enterprises and marginal tiers. Rows are written time-major (every meter
/// for 00:00, then 00:15, ...) as a meter system exports them, which defeats the reader's
/// last-meter cache.
enum ReferencePark {
  /// Tenants with meters; the registry holds `enterprises` in all.
  static let tenants = 450
  static let enterprises = 1000

  /// Meter ids and kinds: 450 supply + 450 use (per tenant), 40 PV, 30 export, 10 traded,
  /// 10 charge, 10 discharge.
  static func meters() -> [(id: String, kind: String, party: String)] {
    var out: [(String, String, String)] = []
    func tenant(_ i: Int) -> String { "T" + String(format: "%04d", i + 1) }
    for i in 0..<tenants { out.append(("PK-SUP-\(tenant(i))", "direct-supply", tenant(i))) }
    for i in 0..<tenants { out.append(("PK-USE-\(tenant(i))", "consumption", tenant(i))) }
    for i in 0..<40 { out.append(("PK-PVG-\(i + 1)", "pv-generation", "")) }
    for i in 0..<30 { out.append(("PK-EXP-\(i + 1)", "on-grid-export", "")) }
    for i in 0..<10 { out.append(("PK-GTR-\(i + 1)", "green-trade", "")) }
    for i in 0..<10 { out.append(("PK-CHG-\(i + 1)", "storage-charge", "")) }
    for i in 0..<10 { out.append(("PK-DIS-\(i + 1)", "storage-discharge", "")) }
    return out
  }

  static let contract = """
    contract reference-park "Benchmark reference park"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2030Q4

    party op "operator" operator capital 5,000,000 CNY
    party esco "esco" energy-service capital 15,000,000 CNY
    parties tenants from "tenants.csv" enterprise

    meter pv_gen pv-generation
    meter pv_export on-grid-export
    meter green_traded green-trade
    meter supply direct-supply per tenants
    meter use consumption per tenants
    meter charge storage-charge
    meter discharge storage-discharge

    input trade_price CNY/kWh
    input gec_price CNY/cert by vintage
    input reduction tCO2e per tenants
    input reported per tenants

    tariff grid_tou CNY/kWh
      band peak 1.49 08:00-11:00, 18:00-23:00
      band flat 0.78 07:00-08:00, 11:00-18:00
      band valley 0.289 23:00-07:00
    tariff park_direct = grid_tou discount 10%

    kpi direct_green_ratio = sum(supply) / sum(use)

    revenue direct_supply = sum(tou(supply, park_direct))
    revenue green_trade = green_traded x trade_price
    revenue certificates = gec(pv_export - green_traded) x gec_price
    revenue arbitrage = tou(discharge, grid_tou) - tou(charge, grid_tou)

    points green for tenants cap 100
      1 per tCO2e reduction
      5 if reported >= 1

    pool energy = direct_supply + green_trade + certificates + arbitrage
      pay esco 0.05 CNY/kWh x pv_gen
      reserve 3% to storage_fund
      rebate 15% to tenants by green
      split tiered
        from 0 CNY to 50,000,000 CNY: op 40%, esco 60%
        from 50,000,000 CNY: op 30%, esco 70%

    """

  /// Writes the contract, registry and a bundle for `period` with `interval`-minute readings.
  /// Writes the park's contract, registry and facts under `root` and the readings of `period`
  /// (2026Q1 in `data-MINUTESmin`, another quarter in `data-MINUTESmin-PERIOD`), unless there.
  static func generate(
    _ root: String, interval: Int, period: Period = Period("2026Q1")!
  ) throws -> String {
    let fm = FileManager.default
    try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
    try contract.write(toFile: root + "/reference.contract", atomically: true, encoding: .utf8)
    var tenantsCSV = "id,name\n"
    for i in 0..<enterprises { tenantsCSV += "T\(String(format: "%04d", i + 1)),Tenant \(i + 1)\n" }
    try tenantsCSV.write(toFile: root + "/tenants.csv", atomically: true, encoding: .utf8)
    let dir =
      root + "/data-\(interval)min" + (period == Period("2026Q1")! ? "" : "-\(period)")
    try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var facts = "fact,value,unit,member,vintage\ntrade_price,0.3865,CNY/kWh,,\n"
    facts += "gec_price,5.15,CNY/cert,,2026\ngec_price,5.15,CNY/cert,,2025\n"
    for i in 0..<enterprises {
      let id = "T\(String(format: "%04d", i + 1))"
      facts +=
        "reduction,\((i * 37) % 120).5,tCO2e,\(id),\nreported,\(i % 7 == 0 ? 0 : 1),,\(id),\n"
    }
    try facts.write(toFile: dir + "/facts.csv", atomically: true, encoding: .utf8)
    if fm.fileExists(atPath: dir + "/readings.csv") { return dir }
    let meters = meters()
    var registry = "meter,kind,party,interval\n"
    for m in meters { registry += "\(m.id),\(m.kind),\(m.party),\(interval)\n" }
    try registry.write(toFile: dir + "/meters.csv", atomically: true, encoding: .utf8)

    let start = Timestamp.parkMinutes(month: period.firstMonth)
    let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
    let ids = meters.map { Array($0.id.utf8) + [44] }
    let kinds = meters.map(\.kind)
    _ = FileManager.default.createFile(atPath: dir + "/readings.csv.part", contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/readings.csv.part"))
    var buffer: [UInt8] = Array("meter,timestamp,kwh\n".utf8)
    buffer.reserveCapacity(4 << 20)
    var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
    for t in stride(from: start, to: end, by: interval) {
      let stamp = Array(ReadingsWriter.stamp(t).utf8) + [44]
      let hour = ((t - start) % 1440) / 60
      for (i, id) in ids.enumerated() {
        let milli = value(kinds[i], hour: hour, &rng)
        buffer += id
        buffer += stamp
        buffer += ReadingsWriter.kwh(milli).utf8
        buffer.append(10)
        if buffer.count >= 4 << 20 {
          out.write(Data(buffer))
          buffer.removeAll(keepingCapacity: true)
        }
      }
    }
    out.write(Data(buffer))
    try out.close()
    try fm.moveItem(atPath: dir + "/readings.csv.part", toPath: dir + "/readings.csv")
    return dir
  }

  /// The next generated reading of a meter of `kind` at `hour`, in milli-kWh: the same sequence
  /// for every layout written from it (LayoutsBench).
  static func value(_ kind: String, hour: Int, _ rng: inout UInt64) -> Int64 {
    rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let r = Int64((rng >> 33) % 1_000_000)  // 0...999,999 milli-kWh
    let sunny = (8...16).contains(hour)
    switch kind {
    case "pv-generation", "on-grid-export": return sunny ? 50_000 + r : 0
    case "green-trade": return sunny ? (r / 8) : 0
    case "direct-supply": return sunny ? r / 4 : 0
    case "storage-charge": return hour < 6 ? r / 2 : 0
    case "storage-discharge": return (18...22).contains(hour) ? r / 3 : 0
    default: return 20_000 + r / 2
    }
  }

  /// Runs the release `parkshare revenue` on the reference park and prints wall time, MB/s,
  /// rows/s and the peak memory of that process.
  static func run(_ root: String, intervals: [Int], repeats: Int) throws {
    let binary =
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("parkshare").path
    for interval in intervals {
      let dir = try generate(root, interval: interval)
      let size =
        (try FileManager.default.attributesOfItem(atPath: dir + "/readings.csv")[.size]
          as? Int) ?? 0
      let rows =
        1000
        * ((Timestamp.parkMinutes(month: Period("2026Q1")!.lastMonth + 1)
          - Timestamp.parkMinutes(month: Period("2026Q1")!.firstMonth)) / interval)
      var walls: [Double] = []
      var peak = 0
      for _ in 0..<repeats {
        let (wall, rss, status) = try measure(
          binary,
          [
            "revenue", root + "/reference.contract", "--data", dir, "--period", "2026Q1", "--json",
          ])
        guard status == 0 else {
          print("parkshare revenue failed with status \(status)")
          exit(1)
        }
        walls.append(wall)
        peak = max(peak, rss)
      }
      walls.sort()
      let best = walls[0]
      let median = walls[walls.count / 2]
      let mb = Double(size) / 1_000_000
      print(
        String(
          format:
            "revenue %2d-min: %d rows, %.0f MB: wall best %.3f s, median %.3f s (%d runs); %.0f MB/s, %.1f M rows/s; peak RSS %.1f MB",
          interval, rows, mb, best, median, repeats, mb / best, Double(rows) / best / 1e6,
          Double(peak) / 1024))
    }
  }

  /// Runs the release `parkshare settle ... --format all --out` (text, JSON, CSV and HTML for
  /// 1,002 parties) on the reference park and prints the same figures.
  static func settle(_ root: String, repeats: Int) throws {
    let binary =
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("parkshare").path
    let dir = try generate(root, interval: 15)
    var walls: [Double] = []
    var peak = 0
    var sizes = 0
    for run in 0..<repeats {
      let out = root + "/statements-\(run)"
      try? FileManager.default.removeItem(atPath: out)
      let (wall, rss, status) = try measure(
        binary,
        [
          "settle", root + "/reference.contract", "--data", dir, "--period", "2026Q1", "--format",
          "all", "--out", out,
        ])
      guard status == 0 else {
        print("parkshare settle failed with status \(status)")
        exit(1)
      }
      walls.append(wall)
      peak = max(peak, rss)
      sizes = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).reduce(0) {
        $0
          + ((try? FileManager.default.attributesOfItem(atPath: out + "/" + $1)[.size] as? Int) ?? 0)
      }
      try? FileManager.default.removeItem(atPath: out)
    }
    walls.sort()
    print(
      String(
        format:
          "settle 15-min, 1,000 enterprises, all formats (%.1f MB written): wall best %.3f s, median %.3f s (%d runs); peak RSS %.1f MB",
        Double(sizes) / 1e6, walls[0], walls[walls.count / 2], repeats, Double(peak) / 1024))
  }

  /// Runs a child process, its output discarded; returns wall seconds, its peak RSS in KiB and
  /// its exit status.
  static func measure(_ binary: String, _ args: [String]) throws -> (Double, Int, Int32) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    let clock = ContinuousClock.now
    try p.run()
    var status: Int32 = 0
    var usage = rusage()
    wait4(p.processIdentifier, &status, 0, &usage)
    let d = ContinuousClock.now - clock
    let wall = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    return (wall, Int(usage.ru_maxrss), (status >> 8) & 0xff)
  }
}
