import Foundation
import Testing

@testable import ParkShare

/// Issue 20: a command reads each readings byte once. The digests a settlement records are
/// taken on the chunks the scanner reads, and variants of a contract share one read.
@Suite struct OneReadTests {
  /// A month of the readings suite's six meters (about 12,000 rows) in one file.
  static func whole(_ t: TestBundle, _ name: String) throws -> String {
    let rows = ReadingsTests.rows(seed: 3)
    return try t.bundle(
      name,
      ReadingsTests.bundleFiles([
        "readings.csv": "meter,timestamp,kwh\r\n" + rows.joined(separator: "\r\n") + "\r\n"
      ]))
  }

  static func size(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
  }

  @Test(arguments: [(333, 1), (4096, 2), (65_536, 3), (DataBundle.defaultChunkSize, 4)])
  func digestsAreTakenOnTheScannersOwnReads(chunkSize: Int, threads: Int) throws {
    let t = try TestBundle(
      contract: ReadingsTests.contract, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    let dir = try Self.whole(t, "b")
    let loaded = DataBundle.load(
      directory: dir, contract: t.contract, period: Period("2026-01")!, threads: threads,
      chunkSize: chunkSize, digests: true)
    let bundle = try #require(loaded.bundle, "\(loaded.diagnostics)")
    // The same digests, in the same order, as reading each file on its own (`b2sum -l 256`).
    let files = ["facts.csv", "meters.csv", "readings.csv"].map { dir + "/" + $0 }
    #expect(bundle.digests == files.compactMap { FileDigest.of($0) })
    // Each byte once: the chunks, the few bytes each chunk reads past its end to finish its
    // last line, and the header read when the file was opened. A separate hashing pass would
    // read the whole file again.
    let size = try Self.size(dir + "/readings.csv")
    let chunks = (size + chunkSize - 1) / chunkSize
    #expect(bundle.readingsBytesRead >= size)
    #expect(
      bundle.readingsBytesRead
        <= size + chunks * (ReadingsReader.overlap + 1) + min(size, ReadingsReader.lineLimit))
    if chunkSize >= 65_536 {
      #expect(
        Double(bundle.readingsBytesRead) < 1.2 * Double(size),
        "\(bundle.readingsBytesRead) of \(size)")
    }
  }

  @Test func aFileOfAHeaderAloneHasItsDigest() throws {
    let t = try TestBundle(
      contract: """
        contract h "header"
        currency CNY
        settle monthly from 2026-01 to 2026-12
        party op "op" operator
        meter pv pv-generation
        revenue r = pv x 1 CNY/kWh
        pool p = r
          split op 100%
        """)
    defer { t.remove() }
    let dir = try t.bundle(
      "h",
      [
        "meters.csv": "meter,kind,interval\nPV,pv-generation,60\n",
        "readings.csv": "meter,timestamp,kwh\n",
        "readings-2.csv": "meter,timestamp,kwh\n"
          + (0..<(31 * 24)).map { h in
            "PV,\(Timestamp.text(parkMinutes: Timestamp.parkMinutes(month: Period("2026-01")!.firstMonth) + h * 60)),1.5\n"
          }.joined(),
      ])
    let loaded = DataBundle.load(
      directory: dir, contract: t.contract, period: Period("2026-01")!, digests: true)
    let bundle = try #require(loaded.bundle, "\(loaded.diagnostics)")
    let files = ["meters.csv", "readings-2.csv", "readings.csv"].map { dir + "/" + $0 }
    #expect(bundle.digests == files.compactMap { FileDigest.of($0) })
    #expect(bundle.digests.count == 3)
  }

  @Test func variantsThatReadTheSameWayShareOneRead() throws {
    let t = try TestBundle(
      contract: ReadingsTests.contract, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    // Variant B pays another price for the same readings; variant C cuts its tariff on
    // 2026-01-16, so the readings are summed on either side of that day: read again.
    let b = ReadingsTests.contract.replacingOccurrences(
      of: "band peak 1.2", with: "band peak 1.5")
    let c = ReadingsTests.contract.replacingOccurrences(
      of: """
        tariff tou CNY/kWh
          band peak 1.2 08:00-11:00, 18:00-23:00
          band flat 0.7 07:00-08:00, 11:00-18:00
          band valley 0.3 23:00-07:00
        """,
      with: """
        tariff tou CNY/kWh
          band peak 1.2 08:00-11:00, 18:00-23:00
          band flat 0.7 07:00-08:00, 11:00-18:00
          band valley 0.3 23:00-07:00
        tariff tou CNY/kWh from 2026-01-16
          band peak 1.4 08:00-11:00, 18:00-23:00
          band flat 0.7 07:00-08:00, 11:00-18:00
          band valley 0.3 23:00-07:00
        """)
    #expect(c != ReadingsTests.contract)
    var contracts = [t.contract]
    for (name, text) in [("b.contract", b), ("c.contract", c)] {
      try t.write(name, text)
      let (_, checked) = Checker.check(path: t.folder.appendingPathComponent(name).path)
      contracts.append(try #require(checked.contract, "\(checked.diagnostics)"))
    }
    let dir = try Self.whole(t, "v")
    let period = Period("2026-01")!
    let loaded = DataBundle.load(
      directory: dir, contracts: contracts, period: period, digests: true)
    let bundles = try loaded.map { try #require($0.bundle, "\($0.diagnostics)") }
    let size = try Self.size(dir + "/readings.csv")
    #expect(bundles[0].readingsBytesRead >= size)
    #expect(bundles[1].readingsBytesRead == 0)
    #expect(bundles[2].readingsBytesRead >= size)
    // What each variant computes is what it computes from a read of its own.
    for (i, contract) in contracts.enumerated() {
      let alone = try #require(
        DataBundle.load(directory: dir, contract: contract, period: period, digests: true).bundle)
      #expect(bundles[i].digests == alone.digests)
      let shared = Evaluator.run(contract: contract, bundle: bundles[i], opening: nil).revenue
      let own = Evaluator.run(contract: contract, bundle: alone, opening: nil).revenue
      #expect(
        ReadingsTests.fingerprint(shared) == ReadingsTests.fingerprint(own), "variant \(i)")
    }
    let prices = try bundles.indices.map { i in
      let item = Evaluator.run(contract: contracts[i], bundle: bundles[i], opening: nil).revenue?
        .items.first { $0.id == "direct" }
      return try #require(item).total
    }
    #expect(prices[0] < prices[1] && prices[0] < prices[2] && prices[2] < prices[1])
  }

  /// Readings the reader does not open still get their digest: a contract that reads no meters
  /// (the readings are only warned about), a file refused at its header (only its own error).
  @Test func readingsTheReaderDoesNotOpenAreHashedApart() throws {
    let t = try TestBundle(
      contract: """
        contract f "facts only"
        currency CNY
        settle monthly from 2026-01 to 2026-12
        party op "op" operator
        input sales CNY
        revenue r = sales
        pool p = r
          split op 100%
        """)
    defer { t.remove() }
    let dir = try Self.whole(t, "n")
    try t.write("n/facts.csv", "fact,value\nsales,100\n")
    let period = Period("2026-01")!
    let loaded = DataBundle.load(
      directory: dir, contract: t.contract, period: period, digests: true)
    let bundle = try #require(loaded.bundle, "\(loaded.diagnostics.map(\.message))")
    #expect(loaded.diagnostics.map(\.id) == [.unusedReadings])
    let files = ["facts.csv", "meters.csv", "readings.csv"].map { dir + "/" + $0 }
    #expect(bundle.digests == files.compactMap { FileDigest.of($0) })

    // A readings file refused at its header: that error alone, no word of its digest.
    let m = try TestBundle(
      contract: ReadingsTests.contract, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { m.remove() }
    let bad = try Self.whole(m, "h")
    try m.write("h/readings-2.csv", "meter,time,kwh\n")
    let refused = DataBundle.load(
      directory: bad, contract: m.contract, period: period, digests: true)
    #expect(refused.bundle == nil)
    #expect(refused.diagnostics.map(\.id) == [.badHeader], "\(refused.diagnostics.map(\.message))")
  }
}
