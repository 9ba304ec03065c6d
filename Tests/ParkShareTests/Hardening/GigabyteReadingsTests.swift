import Foundation
import Testing

@testable import ParkShare

/// A readings file of any size is streamed: a gigabyte of readings is summed by the built
/// binary under a 128 MiB data-segment limit, and a gigabyte without a line end is refused at
/// that line (issue 7). The files are generated here and removed afterwards.
@Suite(.serialized) struct GigabyteReadingsTests {
  static let contract = """
    contract big "1 GiB of readings"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2026Q4
    party op "运营方" operator
    meter export on-grid-export
    input price CNY/kWh
    revenue sales = export x price
    pool p = sales
      split op 100%

    """
  /// 3,300 meters x 8,640 quarter-hours x 38 bytes: 1,083,456,000 bytes, just over 1 GiB.
  static let meters = 3_300

  /// Writes the rows meter by meter from one quarter's block, patching the meter id in place,
  /// so generating a gigabyte takes seconds even in a debug build.
  static func writeReadings(to url: URL) throws -> Int {
    let start = Timestamp.parkMinutes(month: Period("2026-01")!.firstMonth)
    var block: [UInt8] = []
    var idOffsets: [Int] = []
    for t in stride(from: start, to: start + 90 * 1440, by: 15) {
      idOffsets.append(block.count + 1)
      let stamp = Timestamp.text(parkMinutes: t).replacingOccurrences(
        of: "+08:00", with: ":00+08:00")
      block += Array("M0000,\(stamp),0.250\n".utf8)
    }
    _ = FileManager.default.createFile(
      atPath: url.path, contents: Data("meter,timestamp,kwh\n".utf8))
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.seekToEnd()
    var written = 20
    for m in 1...meters {
      let digits = Array(String(format: "%04d", m).utf8)
      block.withUnsafeMutableBufferPointer { b in
        for o in idOffsets {
          b[o] = digits[0]
          b[o + 1] = digits[1]
          b[o + 2] = digits[2]
          b[o + 3] = digits[3]
        }
      }
      try handle.write(contentsOf: block)
      written += block.count
    }
    return written
  }

  @Test func aGigabyteOfReadingsIsSummedInBoundedMemory() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let registry = (1...Self.meters).map { String(format: "M%04d,on-grid-export,,15\n", $0) }
    let dir = try t.bundle(
      "q1",
      [
        "meters.csv": "meter,kind,party,interval\n" + registry.joined(),
        "facts.csv": "fact,value\nprice,0.5\n",
      ])
    let bytes = try Self.writeReadings(to: URL(fileURLWithPath: dir + "/readings.csv"))
    #expect(bytes == 1_083_456_020)
    #expect(bytes > 1 << 30)
    // RLIMIT_DATA bounds the heap: a reader that held the file, or even its rows, would abort.
    let contract = t.folder.appendingPathComponent("test.contract").path
    let run = try runParkshare(
      [
        "-c", "ulimit -d 131072 && exec \"$0\" revenue \"$1\" --data \"$2\" --period 2026Q1 --json",
        Paths.binary.path, contract, dir,
      ], shell: true)
    #expect(run.status == 0, "\(run.err)")
    // 3,300 meters x 8,640 intervals x 0.25 kWh = 7,128,000 kWh, at 0.5 CNY/kWh.
    let total = #/"total" : "3564000(\.0*)?"/#
    #expect(run.out.contains(total), "\(run.out.prefix(2_000))")
  }

  @Test func aGigabyteWithoutALineEndIsRefusedAtItsLine() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try t.bundle(
      "q1",
      [
        "meters.csv": "meter,kind,party,interval\nM1,on-grid-export,,15\n",
        "facts.csv": "fact,value\nprice,0.5\n",
      ])
    let url = URL(fileURLWithPath: dir + "/readings.csv")
    _ = FileManager.default.createFile(
      atPath: url.path, contents: Data("meter,timestamp,kwh\nM1,".utf8))
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: 1 << 30)  // sparse: a gigabyte of NUL bytes, no line end
    try handle.close()
    let r = t.revenue(dir, period: "2026Q1")
    #expect(r.revenue == nil)
    #expect(r.messages.contains("readings.csv:2:"), "\(r.messages)")
    #expect(r.messages.contains("line is longer than 64 KiB"), "\(r.messages)")
  }
}
