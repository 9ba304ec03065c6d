import Foundation
import Testing

@testable import ParkShare

/// Demand charges (issue 17): `peak(METERS)` is each month's largest demand in kW, the meters
/// added and subtracted interval by interval before the maximum is taken.
@Suite struct PeakDemandTests {
  static let contract = """
    contract d "demand"
    currency CNY
    settle monthly from 2026-01 to 2026-12
    party op "op" operator
    party esco "esco" energy-service
    meter grid grid-import
    meter discharge storage-discharge
    meter charge storage-charge
    input demand_price CNY/kW
    revenue saving = (peak(grid + discharge - charge) - peak(grid)) x demand_price
    pool p = saving
      split esco 100%
    """

  /// The contract with its saving revenue and pool replaced by `revenueAndPool`.
  static func contract(revenueAndPool: String) -> String {
    contract.replacingOccurrences(
      of: """
        revenue saving = (peak(grid + discharge - charge) - peak(grid)) x demand_price
        pool p = saving
          split esco 100%
        """,
      with: revenueAndPool)
  }

  /// The first error `text` checks to.
  static func firstError(_ text: String) throws -> Diagnostic {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-peak-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("d.contract").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let (_, checked) = Checker.check(path: path)
    #expect(checked.contract == nil)
    return try #require(checked.diagnostics.first { $0.severity == .error })
  }

  /// January 2026 every 15 minutes: the grid imports 100 kWh an interval, except
  /// - A, 2026-01-15 10:00: 180 kWh while the storage discharges 120 (300 without it);
  /// - B, 2026-01-20 14:00: 250 kWh, the storage idle;
  /// - C, 2026-01-03 02:00: 180 kWh while the storage charges 80 (100 without it).
  /// With the storage the month's peak is B: 250 kWh x 4 = 1,000 kW. Without it, A: 300 x 4 =
  /// 1,200 kW. At 40 CNY/kW the saving is 200 kW x 40 = 8,000 CNY. (Peaks taken meter by meter
  /// and then added would give 1,000 + 480 - 320 = 1,160 kW: wrong, the storage's peaks are not
  /// in the grid's peak interval.)
  static func readings(_ t: TestBundle, _ name: String, chargeInterval: Int = 15) throws -> String {
    let start = Timestamp.parkMinutes(month: Period("2026-01")!.firstMonth)
    let day = 1440
    let a = start + 14 * day + 10 * 60
    let b = start + 19 * day + 14 * 60
    let c = start + 2 * day + 2 * 60
    var rows = "meter,timestamp,kwh\n"
    for minute in stride(from: start, to: start + 31 * day, by: 15) {
      let stamp = Timestamp.text(parkMinutes: minute)
      let grid = minute == a ? "180" : minute == b ? "250" : minute == c ? "180" : "100"
      rows += "G1,\(stamp),\(grid)\nD1,\(stamp),\(minute == a ? "120" : "0")\n"
      if (minute - start) % chargeInterval == 0 {
        rows += "C1,\(stamp),\(minute == c ? "80" : "0")\n"
      }
    }
    return try t.bundle(
      name,
      [
        "meters.csv":
          "meter,kind,interval\nG1,grid-import,15\nD1,storage-discharge,15\nC1,storage-charge,\(chargeInterval)\n",
        "facts.csv": "fact,value\ndemand_price,40\n",
        "readings.csv": rows,
      ])
  }

  @Test func theStorageMovesTheMonthsPeakToAnotherInterval() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try Self.readings(t, "jan")
    let (r, messages) = t.revenue(dir, period: "2026-01")
    let revenue = try #require(r, "\(messages)")
    let saving = try #require(revenue.items.first { $0.id == "saving" })
    #expect(try saving.total == Exact(8000))
    // Each peak explained with the interval it was met in.
    let lines = saving.details.map { Wording.en.detail($0) }
    #expect(
      lines.contains {
        $0.what == "peak((grid + discharge) - charge) 2026-01"
          && $0.value == "1,200 kW, in the 15-minute interval from 2026-01-15T10:00+08:00"
      }, "\(lines)")
    #expect(
      lines.contains {
        $0.what == "peak(grid) 2026-01"
          && $0.value == "1,000 kW, in the 15-minute interval from 2026-01-20T14:00+08:00"
      }, "\(lines)")
    // Settled: the ESCO is paid the saving.
    let (s, _) = t.settle(dir, period: "2026-01")
    let settlement = try #require(s)
    #expect(
      settlement.statements.first { $0.party == "esco" }.map { "\($0.net)" } == "8000.00")
  }

  @Test func metersOfAKindOnTwoIntervalsAreRefusedAtTheRegistry() throws {
    let t = try TestBundle(
      contract: Self.contract + "\n",
      files: [:])
    defer { t.remove() }
    let dir = try Self.readings(t, "mixed", chargeInterval: 15)
    // A second charge meter read hourly: its readings cannot be added interval by interval.
    try t.write(
      "mixed/meters.csv",
      "meter,kind,interval\nG1,grid-import,15\nD1,storage-discharge,15\nC1,storage-charge,15\nC2,storage-charge,60\n"
    )
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(r == nil)
    #expect(
      messages.contains(
        "error[bad-registry]: meter 'C2' is read every 60 minutes, meter 'C1' of the same kind (storage-charge) every 15: peak(...) adds them interval by interval"
      ), "\(messages)")
    #expect(messages.contains("meters.csv:5:"), "\(messages)")
  }

  @Test func peakTakesMetersAddedAndSubtracted() throws {
    let text = Self.contract.replacingOccurrences(
      of: "peak(grid + discharge - charge)", with: "peak(grid x 2)")
    let d = try Self.firstError(text)
    #expect(d.id == .badCall)
    #expect(
      d.message
        == "peak() takes meters added and subtracted, such as peak(grid + discharge - charge)")
    #expect(d.range.start.line == 10)
  }

  /// In a projection the readings are scaled by kind before the interval's demand is formed:
  /// twice the discharge makes A's counterfactual 180 + 240 = 420 kWh, 1,680 kW; the saving
  /// (1,680 - 1,000) x 40 = 27,200 CNY.
  @Test func aProjectionScalesEachKindBeforeThePeak() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try Self.readings(t, "jan")
    let loaded = DataBundle.load(
      directory: dir, contract: t.contract, period: Period("2026-01")!)
    let bundle = try #require(loaded.bundle)
    let projected = bundle.projected(
      to: Period("2026-01")!, scale: [.storageDischarge: Exact(2)], facts: bundle.facts)
    let r = Evaluator.run(contract: t.contract, bundle: projected, opening: nil)
    let saving = try #require(r.revenue?.items.first { $0.id == "saving" })
    #expect(try saving.total == Exact(27200))
  }

  /// Contracted-capacity billing with the 105% rule (国家电网财〔2016〕633号): p x C + 2p x
  /// max(0, D - 1.05 C), month by month. C = 900 kW, p = 40 CNY/kW: with the storage D = 1,000
  /// kW, 55 kW over 945: 36,000 + 80 x 55 = 40,400 CNY; without it D = 1,200, 255 over:
  /// 36,000 + 20,400 = 56,400 CNY; the saving 16,000 CNY.
  @Test func contractedCapacityWithThe105PercentRule() throws {
    let contract = Self.contract.replacingOccurrences(
      of: """
        revenue saving = (peak(grid + discharge - charge) - peak(grid)) x demand_price
        """,
      with: """
        input capacity kW
        let bill_with = (capacity + 2 x above(peak(grid), 105% x capacity)) x demand_price
        let bill_without = (capacity + 2 x above(peak(grid + discharge - charge), 105% x capacity)) x demand_price
        revenue saving = bill_without - bill_with
        """)
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let dir = try Self.readings(t, "cap")
    try t.write("cap/facts.csv", "fact,value\ndemand_price,40\ncapacity,900\n")
    let (r, messages) = t.revenue(dir, period: "2026-01")
    let revenue = try #require(r, "\(messages)")
    #expect(try revenue.items.first { $0.id == "saving" }?.total == Exact(16000))
    let lines = revenue.items.flatMap(\.details).map { Wording.en.detail($0) }
    #expect(
      lines.contains { $0.what == "bill_with" && $0.value == "2026-01: 40,400 CNY" }, "\(lines)")
    #expect(
      lines.contains { $0.what == "bill_without" && $0.value == "2026-01: 56,400 CNY" }, "\(lines)")
  }

  /// A peak is computed wherever it is written: here a pool step pays the operator the month's
  /// demand bill (1,000 kW x 40 = 40,000 CNY) with no revenue reading peak(...) at all.
  @Test func aPeakInAPoolStepIsComputed() throws {
    let contract = Self.contract(
      revenueAndPool: """
        revenue energy = grid x 1 CNY/kWh
        pool p = energy
          pay op demand_price x peak(grid)
          split esco 100%
        """)
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let dir = try Self.readings(t, "step")
    let (s, messages) = t.settle(dir, period: "2026-01")
    let settlement = try #require(s, "\(messages)")
    #expect(settlement.statements.first { $0.party == "op" }.map { "\($0.net)" } == "40000.00")
  }

  /// A pool whose terms change inside the month is split on the peak through the day before
  /// the change: through 2026-01-15 the grid's peak is 180 kWh (the 3rd and the 15th), 720 kW,
  /// 28,800 CNY to the ESCO; the month's 1,000 kW on the 20th bills 40,000, the rest (11,200) to
  /// the operator.
  @Test func aPoolCutInsideTheMonthSplitsThePeakThroughTheDay() throws {
    let contract = Self.contract(
      revenueAndPool: """
        revenue bill = peak(grid) x demand_price
        pool p = bill
          split esco 100% until 2026-01-15
          split op 100% from 2026-01-16
        """)
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let dir = try Self.readings(t, "cut")
    let (s, messages) = t.settle(dir, period: "2026-01")
    let settlement = try #require(s, "\(messages)")
    let net = Dictionary(
      uniqueKeysWithValues: settlement.statements.map { ($0.party, "\($0.net)") })
    #expect(net["esco"] == "28800.00" && net["op"] == "11200.00", "\(net)")
  }

  /// Peaks do not add up over periods: a running total of one is refused.
  @Test func aRunningTotalOfAPeakIsRefused() throws {
    let contract = Self.contract.replacingOccurrences(
      of: "revenue saving = (peak(grid + discharge - charge) - peak(grid)) x demand_price\n",
      with: """
        kpi pk = peak(grid)
        revenue saving = to-date(pk) x demand_price

        """)
    let d = try Self.firstError(contract)
    #expect(d.id == .cannotAccumulate)
    #expect(d.message == "'pk' is kW: a peak demand does not add up over periods")
  }

  /// Two meters of a kind whose readings of one interval add up past Int64 micro-kWh: the
  /// kind's interval sum is named, not one meter that is within range on its own.
  @Test func aKindsIntervalSumPastTheRangeIsNamedAsTheKinds() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try Self.readings(t, "big")
    let start = Timestamp.parkMinutes(month: Period("2026-01")!.firstMonth)
    var rows = try String(contentsOfFile: dir + "/readings.csv", encoding: .utf8)
    rows = rows.replacingOccurrences(
      of: "G1,\(Timestamp.text(parkMinutes: start)),100\n",
      with: "G1,\(Timestamp.text(parkMinutes: start)),5000000000000\n")
    for minute in stride(from: start, to: start + 31 * 1440, by: 15) {
      rows +=
        "G2,\(Timestamp.text(parkMinutes: minute)),\(minute == start ? "5000000000000" : "0")\n"
    }
    try t.write("big/readings.csv", rows)
    try t.write(
      "big/meters.csv",
      "meter,kind,interval\nG1,grid-import,15\nG2,grid-import,15\nD1,storage-discharge,15\nC1,storage-charge,15\n"
    )
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(r == nil)
    #expect(
      messages.contains(
        "error[kwh-overflow]: the meters of kind grid-import add up past 9.2 trillion kWh in one interval of 2026-01"
      ), "\(messages)")
    #expect(!messages.contains("meter 'G2'"), "\(messages)")
  }

  /// Each member's own demand (`peak` of a meter read per member) against the park's: tenant A
  /// peaks at 300 kWh on the 10th at 09:00 (1,200 kW), B at 200 on the 20th at 18:00 (800 kW);
  /// billed one by one at 40 CNY/kW they pay 80,000 CNY; the park's meters together peak at
  /// 300 + 50 = 350 kWh (1,400 kW, the 10th at 09:00), 56,000 CNY: the 24,000 a shared
  /// connection saves.
  @Test func eachMembersOwnPeakAndThePooledOne() throws {
    let contract = """
      contract m "member peaks"
      currency CNY
      settle monthly from 2026-01 to 2026-12
      party op "op" operator
      parties tenants from "tenants.csv" enterprise
      meter use consumption per tenants
      meter park consumption
      input demand_price CNY/kW
      let individual = sum(peak(use)) x demand_price
      let pooled = peak(park) x demand_price
      let own_peak = peak(use)
      revenue diversity = individual - pooled
      pool p = diversity
        split tenants by own_peak
      """
    let t = try TestBundle(contract: contract, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    let start = Timestamp.parkMinutes(month: Period("2026-01")!.firstMonth)
    let a = start + 9 * 1440 + 9 * 60
    let b = start + 19 * 1440 + 18 * 60
    var rows = "meter,timestamp,kwh\n"
    for minute in stride(from: start, to: start + 31 * 1440, by: 15) {
      let stamp = Timestamp.text(parkMinutes: minute)
      rows += "UA,\(stamp),\(minute == a ? 300 : 100)\nUB,\(stamp),\(minute == b ? 200 : 50)\n"
    }
    let dir = try t.bundle(
      "m",
      [
        "meters.csv": "meter,kind,party,interval\nUA,consumption,A,15\nUB,consumption,B,15\n",
        "facts.csv": "fact,value\ndemand_price,40\n", "readings.csv": rows,
      ])
    let (r, messages) = t.revenue(dir, period: "2026-01")
    let revenue = try #require(r, "\(messages)")
    #expect(try revenue.items.first { $0.id == "diversity" }?.total == Exact(24000))
    let lines = revenue.items.flatMap(\.details).map { Wording.en.detail($0) }
    #expect(lines.contains { $0.what == "individual" && $0.value == "2026-01: 80,000 CNY" })
    #expect(
      lines.contains { $0.what == "pooled" && $0.value == "2026-01: 56,000 CNY" }, "\(lines)")
    #expect(
      lines.contains {
        $0.what == "peak(use) A 2026-01"
          && $0.value == "1,200 kW, in the 15-minute interval from 2026-01-10T09:00+08:00"
      }, "\(lines)")
    #expect(
      lines.contains {
        $0.what == "peak(park) 2026-01"
          && $0.value == "1,400 kW, in the 15-minute interval from 2026-01-10T09:00+08:00"
      }, "\(lines)")
    // The 24,000 saved, shared by each tenant's own peak: 1,200 : 800.
    let (s, _) = t.settle(dir, period: "2026-01")
    let net = Dictionary(
      uniqueKeysWithValues: try #require(s).statements.map { ($0.party, "\($0.net)") })
    #expect(net["A"] == "14400.00" && net["B"] == "9600.00", "\(net)")
  }
}
