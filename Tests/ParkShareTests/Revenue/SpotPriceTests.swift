import Foundation
import Testing

@testable import ParkShare

/// Spot arbitrage (issue 17): `spot(METERS, PRICES)` values each interval's energy at that
/// interval's price from prices.csv, negative prices included.
@Suite struct SpotPriceTests {
  static func contract(price: String = "input spot_price CNY/kWh every 15 minutes") -> String {
    """
    contract s "spot"
    currency CNY
    settle monthly from 2026-01 to 2026-12
    party op "op" operator
    party esco "esco" energy-service
    meter discharge storage-discharge
    meter charge storage-charge
    \(price)
    revenue arbitrage = spot(discharge - charge, spot_price)
    pool p = arbitrage
      split esco 80%, op 20%
    """
  }

  /// January 2026 every 15 minutes, the price 0.40 CNY/kWh except:
  /// - 2026-01-10 03:00-04:00: the storage charges 100 kWh an interval at -0.05 (negative);
  /// - 2026-01-10 18:00-19:00: it discharges 90 kWh an interval at 1.20, 1.25, 1.30, 1.35.
  /// Discharge: 90 x (1.20 + 1.25 + 1.30 + 1.35) = 90 x 5.10 = 459 CNY. Charging at a negative
  /// price earns: -(400 x -0.05) = +20 CNY. Arbitrage 479 CNY on net -40 kWh; 4 intervals below
  /// zero. (At a flat 0.40 it would be 360 x 0.40 - 400 x 0.40 = -16 CNY.)
  static let charging = 9 * 1440 + 3 * 60
  static let discharging = 9 * 1440 + 18 * 60

  static func price(_ offset: Int) -> String {
    switch offset - discharging {
    case 0: return "1.20"
    case 15: return "1.25"
    case 30: return "1.30"
    case 45: return "1.35"
    default: return (charging..<charging + 60).contains(offset) ? "-0.05" : "0.40"
    }
  }

  /// The bundle's files: readings and prices stamped by `stamp` (offset minutes from the
  /// month's start to text), prices from `price` (nil drops an interval's row).
  static func files(
    stamp: (Int) -> String = { Timestamp.text(parkMinutes: start + $0) },
    price: (Int) -> String? = { SpotPriceTests.price($0) }, priceEvery: Int = 15,
    priceHeader: String = "input,timestamp,value"
  ) -> [String: String] {
    var readings = "meter,timestamp,kwh\n"
    var prices = priceHeader + "\n"
    for offset in stride(from: 0, to: 31 * 1440, by: 15) {
      let charge = (charging..<charging + 60).contains(offset) ? "100" : "0"
      let discharge = (discharging..<discharging + 60).contains(offset) ? "90" : "0"
      readings += "C1,\(stamp(offset)),\(charge)\nD1,\(stamp(offset)),\(discharge)\n"
      if offset % priceEvery == 0, let p = price(offset) {
        prices += "spot_price,\(stamp(offset)),\(p)\n"
      }
    }
    return [
      "meters.csv": "meter,kind,interval\nC1,storage-charge,15\nD1,storage-discharge,15\n",
      "readings.csv": readings, "prices.csv": prices,
    ]
  }

  static let start = Timestamp.parkMinutes(month: Period("2026-01")!.firstMonth)

  @Test func eachIntervalIsValuedAtItsOwnPriceNegativeOnesIncluded() throws {
    let t = try TestBundle(contract: Self.contract())
    defer { t.remove() }
    let dir = try t.bundle("jan", Self.files())
    let (r, messages) = t.revenue(dir, period: "2026-01")
    let revenue = try #require(r, "\(messages)")
    let item = try #require(revenue.items.first { $0.id == "arbitrage" })
    #expect(try item.total == Exact(479))
    let lines = item.details.map { Wording.en.detail($0) }
    #expect(
      lines.contains {
        $0.what == "spot(discharge - charge, spot_price) 2026-01"
          && $0.value == "-40 kWh at 2,976 interval prices, 4 below zero = 479 CNY"
          && $0.source == dir + "/prices.csv:2-2977"
      }, "\(lines)")
    let zh = item.details.map { Wording.zh.detail($0) }
    #expect(zh.contains { $0.value == "-40 kWh 按 2,976 个时段电价计（其中 4 个为负电价） = 479 CNY" }, "\(zh)")
    let (s, _) = t.settle(dir, period: "2026-01")
    let settlement = try #require(s)
    #expect(settlement.statements.first { $0.party == "esco" }.map { "\($0.net)" } == "383.20")
    #expect(settlement.statements.first { $0.party == "op" }.map { "\($0.net)" } == "95.80")
  }

  @Test func hourlyPricesInCNYPerMWhValueEveryQuarterHourOfTheirHour() throws {
    // The same month priced hourly in CNY/MWh: 18:00 at 1,250 CNY/MWh (1.25 CNY/kWh), 03:00 at
    // -50 CNY/MWh. 360 kWh x 1.25 = 450, + 400 x 0.05 = 20: 470 CNY.
    let t = try TestBundle(contract: Self.contract(price: "input spot_price CNY/MWh hourly"))
    defer { t.remove() }
    let dir = try t.bundle(
      "jan",
      Self.files(
        price: { o in
          o == Self.discharging ? "1250" : o == Self.charging ? "-50" : "400"
        }, priceEvery: 60))
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(try r?.total("arbitrage") == Exact(470), "\(messages)")
  }

  @Test func localTimeLabelledByTheIntervalsEndReadsAsTheSameIntervals() throws {
    // A trading centre's export: `2026-01-01 00:15` for the first interval, `24:00` for the
    // last of a day, no offset; the import profile says the clock and the labelling.
    let t = try TestBundle(contract: Self.contract())
    defer { t.remove() }
    func local(_ offset: Int) -> String {
      let end = offset + 15
      var (day, minute) = (end / 1440, end % 1440)
      if minute == 0 {
        day -= 1
        minute = 1440
      }
      let d = day + 1
      return
        "2026-01-\(d < 10 ? "0" : "")\(d) \(minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60)"
    }
    var files = Self.files(stamp: local)
    files["import.profile"] = "time-zone = +08:00\nstamp = end\n"
    let dir = try t.bundle("jan", files)
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(try r?.total("arbitrage") == Exact(479), "\(messages)")
  }

  @Test func aLineOfSpacesIsABlankLineAndAnImpossibleDayIsNamed() throws {
    let t = try TestBundle(contract: Self.contract())
    defer { t.remove() }
    var files = Self.files()
    files["prices.csv"] = files["prices.csv"]!.replacingOccurrences(
      of: "input,timestamp,value\n", with: "input,timestamp,value\n   \n\t\n")
    let dir = try t.bundle("jan", files)
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(try r?.total("arbitrage") == Exact(479), "\(messages)")
    let day = try PeakDemandTests.firstError(
      Self.contract() + "\nlet lease = prorate(100 CNY, 2027-02-29)\n")
    #expect(day.id == .badPeriod)
    #expect(day.message == "'2027-02-29' is not a valid day")
  }

  @Test func aMissingPriceIsAnErrorNamingTheFirstMissingInterval() throws {
    let t = try TestBundle(contract: Self.contract())
    defer { t.remove() }
    let dir = try t.bundle(
      "jan", Self.files(price: { o in o == 2 * 1440 || o == 5 * 1440 ? nil : Self.price(o) }))
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(r == nil)
    #expect(
      messages.contains(
        "error[gap]: 'spot_price' has no price for 2 of the 2976 intervals of 2026-01, the first from 2026-01-03T00:00+08:00"
      ), "\(messages)")
  }

  @Test func everyBadRowOfThePricesIsReportedAtItsLine() throws {
    let t = try TestBundle(contract: Self.contract())
    defer { t.remove() }
    var files = Self.files()
    files["prices.csv"]! += """
      spot_price,2026-01-10T18:00+08:00,9.99
      spot_price,2026-01-10T18:05+08:00,0.5
      spot_price,2026-02-01T00:00+08:00,0.5
      spot_price,2026-01-10T19:00,0.5
      spot_price,2026-01-10T19:00+08:00,cheap
      spot_prices,2026-01-10T19:00+08:00,0.5
      spot_price,2026-01-10T20:00+08:00,0.1111111111111
      spot_price,2026-01-10T20:15+08:00,9000

      """
    let dir = try t.bundle("jan", files)
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(r == nil)
    for expected in [
      "error[duplicate-interval]: 'spot_price' has two prices for the interval from 2026-01-10T18:00+08:00",
      "prices.csv:2978",
      "error[misaligned]: '2026-01-10T18:05+08:00' is not on the 15-minute grid of 'spot_price'",
      "error[outside-period]: the price of 'spot_price' at 2026-02-01T00:00+08:00 is outside 2026-01",
      "error[no-offset]: timestamp '2026-01-10T19:00' of 'spot_price' has no UTC offset",
      "error[bad-value]: 'cheap' is not a number (price of 'spot_price', in CNY/kWh)",
      "warning[unused-fact]: 'spot_prices' is not a price series of contract 's'",
      "did you mean 'spot_price'?",
      "prices.csv:2984:1: error[bad-value]: '0.1111111111111' has more than 12 decimals",
      "prices.csv:2985:1: error[bad-value]: '9000' CNY/kWh is beyond ±9000 CNY/kWh",
    ] {
      #expect(messages.contains(expected), "\(expected)\n\(messages)")
    }
  }

  @Test func aBundleWithoutPricesIsRefused() throws {
    let t = try TestBundle(contract: Self.contract())
    defer { t.remove() }
    var files = Self.files()
    files["prices.csv"] = nil
    let dir = try t.bundle("jan", files)
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(r == nil)
    #expect(messages.contains("error[missing-file]"), "\(messages)")
    #expect(messages.contains("prices.csv"), "\(messages)")
  }

  @Test func hourlyReadingsUnderQuarterHourPricesAreRefused() throws {
    let t = try TestBundle(contract: Self.contract())
    defer { t.remove() }
    var files = Self.files()
    files["meters.csv"] = "meter,kind,interval\nC1,storage-charge,60\nD1,storage-discharge,15\n"
    var readings = "meter,timestamp,kwh\n"
    for offset in stride(from: 0, to: 31 * 1440, by: 15) {
      let stamp = Timestamp.text(parkMinutes: Self.start + offset)
      readings += "D1,\(stamp),0\n" + (offset % 60 == 0 ? "C1,\(stamp),0\n" : "")
    }
    files["readings.csv"] = readings
    let dir = try t.bundle("jan", files)
    let (r, messages) = t.revenue(dir, period: "2026-01")
    #expect(r == nil)
    #expect(
      messages.contains(
        "storage-charge is read every 60 minutes, 'spot_price' priced every 15"), "\(messages)")
  }

  @Test func aPriceSeriesIsDeclaredOnAnHoursGridAndReadOnlyBySpot() throws {
    let seven = try PeakDemandTests.firstError(
      Self.contract(price: "input spot_price CNY/kWh every 7 minutes"))
    #expect(seven.id == .badInterval)
    #expect(seven.message == "a price every 7 minutes does not divide an hour")
    let outside = try PeakDemandTests.firstError(
      Self.contract() + "\nlet mean = spot_price x 2\n")
    #expect(outside.id == .badInterval)
    #expect(outside.message.contains("it is read only by spot(METERS, spot_price)"))
    let perMember = try PeakDemandTests.firstError(
      Self.contract(price: "input spot_price CNY/kWh monthly every 15 minutes"))
    #expect(perMember.id == .badInterval)
    let unit = try PeakDemandTests.firstError(
      Self.contract(price: "input spot_price CNY every 15 minutes"))
    #expect(unit.id == .unitMismatch)
    let plain = try PeakDemandTests.firstError(
      Self.contract(price: "input spot_price CNY/kWh"))
    #expect(plain.id == .badInterval)
    #expect(plain.message == "'spot_price' is one value a period, not a price every interval")
  }
}
