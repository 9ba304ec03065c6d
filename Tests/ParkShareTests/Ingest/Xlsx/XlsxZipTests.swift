import Foundation
import Testing

@testable import ParkShare

/// The ZIP reader on a workbook Python's zipfile deflated, one this project's `Zip` stored, and
/// every refusal: a zip bomb (honest and lying), a name outside the archive, an encrypted
/// entry, another method, ZIP64, a cut file, a bad CRC, the limits.
@Suite struct XlsxZipTests {
  @Test func readsADeflatedWorkbook() throws {
    let zip = try ZipArchive(path: XlsxFixtures.path("book.xlsx"))
    #expect(
      zip.entries.map(\.name).prefix(3) == [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
      ])
    #expect(zip.entries.allSatisfy { $0.method == 8 })
    let sheet = try zip.read("xl/worksheets/sheet1.xml", maxBytes: 1 << 20)
    #expect(sheet.count == zip.entry("xl/worksheets/sheet1.xml")!.size)
    #expect(String(decoding: sheet.prefix(5), as: UTF8.self) == "<?xml")
    #expect(throws: ZipError.missingEntry("xl/nothing.xml")) {
      try zip.read("xl/nothing.xml", maxBytes: 100)
    }
    #expect(
      throws: ZipError.tooLarge(entry: "xl/worksheets/sheet1.xml", size: sheet.count, limit: 10)
    ) {
      try zip.read("xl/worksheets/sheet1.xml", maxBytes: 10)
    }
  }

  @Test func readsWhatThisProjectsZipStores() throws {
    var z = Zip()
    let long = String(repeating: "0123456789abcdef", count: 40_000)
    z.add("xl/workbook.xml", "<workbook/>")
    z.add("long.txt", long)
    z.add("empty.txt", "")
    let zip = try ZipArchive(bytes: z.bytes())
    #expect(zip.entries.map(\.method) == [0, 0, 0])
    #expect(try zip.read("xl/workbook.xml", maxBytes: 100) == Array("<workbook/>".utf8))
    #expect(try zip.read("empty.txt", maxBytes: 100) == [])
    // In pieces: the stored path reads 64 KiB at a time.
    let reader = try zip.open(zip.entry("long.txt")!)
    var pieces = 0
    var all: [UInt8] = []
    while let piece = try reader.next() {
      pieces += 1
      all += piece
    }
    #expect(all == Array(long.utf8))
    #expect(pieces == (long.utf8.count + 65_535) / 65_536)
  }

  @Test func aZipBombIsRefusedBeforeItIsInflated() throws {
    // 100 MB of zeros in about 100 KB: 1,000:1 against the limit of 100:1.
    let bomb = XlsxFixtures.path("bomb.xlsx")
    #expect(
      throws: ZipError.ratioExceeded(
        entry: "xl/worksheets/sheet1.xml", size: 100 * 1024 * 1024, compressed: 101_923, limit: 100)
    ) { try ZipArchive(path: bomb) }
    // With the ratio raised, the absolute size bound still holds.
    var limits = ZipLimits()
    limits.maxRatio = 10_000
    limits.maxEntrySize = 50 * 1024 * 1024
    #expect(
      throws: ZipError.tooLarge(
        entry: "xl/worksheets/sheet1.xml", size: 100 * 1024 * 1024, limit: 50 * 1024 * 1024)
    ) { try ZipArchive(path: bomb, limits: limits) }
  }

  @Test func aBombThatLiesAboutItsSizeStopsAtTheDeclaredSize() throws {
    let zip = try ZipArchive(path: XlsxFixtures.path("bomb-lying.xlsx"))
    let reader = try zip.open(zip.entry("xl/worksheets/sheet1.xml")!, chunkSize: 4096)
    var produced = 0
    let error = #expect(throws: ZipError.self) {
      while let piece = try reader.next() { produced += piece.count }
    }
    guard case .sizeMismatch(_, 1000, let actual) = error else {
      Issue.record("\(String(describing: error))")
      return
    }
    #expect(actual > 1000 && actual <= 4096 && produced <= 1000)
  }

  @Test func refusals() throws {
    let cases: [(String, ZipError)] = [
      ("evil.xlsx", .unsafeName("../evil")),
      ("encrypted.xlsx", .encrypted(entry: "[Content_Types].xml")),
      ("truncated.xlsx", .notAZip),
      ("bzip2.xlsx", .unsupportedMethod(entry: "xl/workbook.xml", method: 12)),
    ]
    for (file, error) in cases {
      #expect(throws: error, "\(file)") { try ZipArchive(path: XlsxFixtures.path(file)) }
    }
    let crc = try ZipArchive(path: XlsxFixtures.path("badcrc.xlsx"))
    #expect(throws: ZipError.crcMismatch(entry: "xl/worksheets/sheet1.xml")) {
      try crc.read("xl/worksheets/sheet1.xml", maxBytes: 1 << 20)
    }
    #expect(throws: ZipError.unreadable("cannot be opened")) {
      try ZipArchive(path: XlsxFixtures.path("no-such.xlsx"))
    }
    #expect(throws: ZipError.unreadable("is a directory, not a file")) {
      try ZipArchive(path: XlsxFixtures.dir.path)
    }
  }

  /// Every prefix of a workbook, and the workbook with any single byte of its directory
  /// changed, is refused or read; never a crash.
  @Test func cutAndDamagedArchivesAreRefused() throws {
    let book = try XlsxFixtures.bytes("book.xlsx")
    for cut in stride(from: 0, to: book.count, by: 61) {
      #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: Array(book[..<cut])) }
    }
    // Cut the last entry's data short while keeping the directory: the sizes no longer fit.
    var z = Zip()
    z.add("a.txt", String(repeating: "a", count: 1000))
    var bytes = z.bytes()
    bytes.removeSubrange(100..<600)
    #expect(throws: ZipError.self) { try ZipArchive(bytes: bytes) }
  }

  @Test func anEntryShorterThanDeclared() throws {
    let zip = try ZipArchive(path: XlsxFixtures.path("short.xlsx"))
    let entry = zip.entry("xl/worksheets/sheet1.xml")!
    #expect(
      throws: ZipError.sizeMismatch(entry: entry.name, declared: entry.size, actual: entry.size - 1)
    ) {
      try zip.read(entry.name, maxBytes: 1 << 20)
    }
  }

  /// The end record is found behind an archive comment, even one that holds the record's
  /// signature; a comment length that does not reach the end of the file is no record.
  @Test func anArchiveComment() throws {
    var z = Zip()
    z.add("a.txt", "a")
    var bytes = z.bytes()
    let comment = Array("exported by 能碳平台 PK\u{05}\u{06} and more".utf8)
    bytes[bytes.count - 2] = UInt8(comment.count & 0xFF)
    bytes[bytes.count - 1] = UInt8(comment.count >> 8)
    let zip = try ZipArchive(bytes: bytes + comment)
    #expect(try zip.read("a.txt", maxBytes: 10) == [UInt8(ascii: "a")])
    #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: bytes + comment + [0]) }
    #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: bytes + comment.dropLast()) }
  }

  @Test func zip64AndSeveralDisksAreRefused() throws {
    var z = Zip()
    z.add("a.txt", "a")
    let bytes = z.bytes()
    var many = bytes
    many[many.count - 12] = 0xFF  // entries in the directory: 0xFFFF
    many[many.count - 11] = 0xFF
    many[many.count - 14] = 0xFF
    many[many.count - 13] = 0xFF
    #expect(throws: ZipError.zip64) { try ZipArchive(bytes: many) }
    var disk = bytes
    disk[disk.count - 18] = 1
    #expect(throws: ZipError.multiDisk) { try ZipArchive(bytes: disk) }
  }

  @Test func limitsOnEntries() throws {
    var limits = ZipLimits()
    limits.maxEntries = 2
    #expect(throws: ZipError.tooManyEntries(count: 9, limit: 2)) {
      try ZipArchive(path: XlsxFixtures.path("book.xlsx"), limits: limits)
    }
    var z = Zip()
    z.add("a.txt", "a")
    z.add("a.txt", "b")
    #expect(throws: ZipError.duplicateName("a.txt")) { try ZipArchive(bytes: z.bytes()) }
  }

  @Test func namesOutsideTheArchive() {
    for bad in ["/etc/passwd", "a/../../b", "..", "..\\evil", "\\x", "C:\\x", "c:/x", "a\0b", ""] {
      #expect(!ZipArchive.isSafe(bad), "\(bad)")
    }
    for good in ["xl/workbook.xml", "a..b/c", "[Content_Types].xml", "docProps/app.xml"] {
      #expect(ZipArchive.isSafe(good), "\(good)")
    }
  }
}
