import Testing

@testable import ParkShare

/// Timestamps as platforms and Excel write them, on the park clock (UTC+08:00).
@Suite struct LocalTimestampTests {
  static func parse(_ text: String, zone: Int? = 480) -> Result<Int, TimestampError> {
    Array(text.utf8).withUnsafeBufferPointer { LocalTimestamp.parse($0, zone: zone) }
  }

  /// 2026-01-01 00:15 on the park clock.
  static let quarterPast = Timestamp.days(year: 2026, month: 1, day: 1) * 1440 + 15

  @Test(arguments: [
    "2026-01-01 00:15", "2026/1/1 0:15", "2026.1.1 0:15", "20260101 00:15",
    "2026年1月1日 0:15", "2026-01-01T00:15:00", "2026-01-01 00:15:00+08:00", "2026-1-1  0:15",
    "2025-12-31T16:15Z", "2025-12-31 17:15+0100",
  ])
  func everyFormatNamesTheSameInstant(_ text: String) {
    #expect(Self.parse(text) == .success(Self.quarterPast), "\(text)")
  }

  @Test func aZoneMovesTheClock() {
    // 00:15 in UTC is 08:15 on the park clock.
    #expect(Self.parse("2026-01-01 00:15", zone: 0) == .success(Self.quarterPast + 480))
  }

  @Test func twentyFourHundredIsTheEndOfTheDay() {
    let midnight = Timestamp.days(year: 2026, month: 1, day: 2) * 1440
    #expect(Self.parse("2026-01-01 24:00") == .success(midnight))
    #expect(Self.parse("2026-01-01 24:15") == .failure(.init(.invalidDate)))
  }

  @Test func refusals() {
    #expect(Self.parse("2026-01-01 00:15", zone: nil) == .failure(.init(.noOffset)))
    #expect(Self.parse("01/01/2026 00:15") == .failure(.init(.malformed)))
    #expect(Self.parse("2026-02-30 00:15") == .failure(.init(.invalidDate)))
    #expect(Self.parse("2026-01-01 00:15:30") == .failure(.init(.notOnMinute)))
    #expect(Self.parse("2026-01-01") == .failure(.init(.malformed)))
    #expect(Self.parse("2026/1-1 00:15") == .failure(.init(.malformed)))
  }

  @Test func zonesAreReadAsOffsets() {
    #expect(ImportProfile.zone("+08:00") == 480)
    #expect(ImportProfile.zone("UTC+8") == 480)
    #expect(ImportProfile.zone("Asia/Shanghai") == 480)
    #expect(ImportProfile.zone("-05:30") == -330)
    #expect(ImportProfile.zone("Z") == 0)
    #expect(ImportProfile.zone("Europe/Berlin") == nil)
    #expect(ImportProfile.zone("+15:00") == nil)
  }
}
