import Foundation
import Testing

@testable import ParkShare

/// The DEFLATE decoder against streams Python's zlib wrote at every level, hand-made streams at
/// the edges (a 32,768-byte back-reference, empty stored blocks) and one corrupt stream per
/// error.
@Suite struct XlsxInflateTests {
  struct Input {
    let name: String
    let size: Int
    let sha256: String
  }

  static func manifest() throws -> [Input] {
    let text = String(decoding: try XlsxFixtures.bytes("deflate/manifest.txt"), as: UTF8.self)
    return text.split(separator: "\n").map { line in
      let f = line.split(separator: " ")
      return Input(name: String(f[0]), size: Int(f[1])!, sha256: String(f[2]))
    }
  }

  @Test func zlibStreamsAtEveryLevelDecode() throws {
    let inputs = try Self.manifest()
    #expect(inputs.count == 5)
    for input in inputs {
      for level in 0...9 {
        let stream = try XlsxFixtures.bytes("deflate/\(input.name)-\(level).deflate")
        let plain = try Inflater.inflateAll(stream)
        #expect(plain.count == input.size, "\(input.name) level \(level)")
        #expect(SHA256.hex(plain) == input.sha256, "\(input.name) level \(level)")
      }
    }
  }

  /// Output in small pieces and input in pieces of odd sizes give the same bytes: the decoder
  /// stops and resumes inside stored blocks, Huffman blocks and block headers.
  @Test func piecesOfAnySizeGiveTheSameBytes() throws {
    for input in try Self.manifest() where input.size > 0 {
      for level in [0, 1, 6, 9] {
        let stream = try XlsxFixtures.bytes("deflate/\(input.name)-\(level).deflate")
        for (inPiece, outPiece) in [(1, 1000), (7, 4096), (333, 1), (65_536, 100_000)] {
          var at = 0
          let inflater = Inflater(chunkSize: outPiece) {
            let end = min(stream.count, at + inPiece)
            defer { at = end }
            return Array(stream[at..<end])
          }
          var sha = SHA256()
          var total = 0
          while let piece = try inflater.next() {
            #expect(piece.count <= outPiece && !piece.isEmpty)
            sha.update(piece)
            total += piece.count
          }
          #expect(total == input.size)
          #expect(sha.finish() == input.sha256, "\(input.name) \(level) \(inPiece)/\(outPiece)")
        }
      }
    }
  }

  @Test func aBackReferenceOfTheWholeWindow() throws {
    // 32,768 literals through a stored block, then a fixed block copying 258 bytes from
    // 32,768 back (distance code 29, extra 8191) and ending.
    let prefix = (0..<32_768).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) }
    var w = BitWriter()
    w.bits(0, 1)
    w.bits(0, 2)
    w.flush()
    w.bytes += [0x00, 0x80, 0xFF, 0x7F] + prefix
    w.bits(1, 1)
    w.bits(1, 2)
    w.fixed(285)
    w.code(29, 5)
    w.bits(8191, 13)
    w.fixed(256)
    w.flush()
    let plain = try Inflater.inflateAll(w.bytes)
    #expect(plain == prefix + prefix[0..<258])
  }

  @Test func emptyStoredAndFixedBlocksGiveNothing() throws {
    var w = BitWriter()
    w.bits(0, 1)
    w.bits(0, 2)
    w.flush()
    w.bytes += [0, 0, 0xFF, 0xFF]
    w.bits(1, 1)
    w.bits(1, 2)
    w.fixed(256)
    w.flush()
    #expect(try Inflater.inflateAll(w.bytes) == [])
    #expect(try Inflater(w.bytes).next() == nil)
  }

  /// Blocks that give no output still use input (10 bits each here), so a long run of them ends
  /// with the input: truncated without a final block, empty with one.
  @Test func emptyBlocksEndWithTheInput() throws {
    var w = BitWriter()
    for _ in 0..<10_000 {
      w.bits(0, 1)
      w.bits(1, 2)
      w.fixed(256)
    }
    var open = w
    open.flush()
    #expect(throws: InflateError.truncated) { try Inflater.inflateAll(open.bytes) }
    w.bits(1, 1)
    w.bits(1, 2)
    w.fixed(256)
    w.flush()
    #expect(try Inflater.inflateAll(w.bytes) == [])
  }

  // MARK: corrupt streams, one per error

  static func dynamicHeader(_ w: inout BitWriter, lit: Int, dist: Int, codeLengths: [Int]) {
    w.bits(1, 1)
    w.bits(2, 2)
    w.bits(lit - 257, 5)
    w.bits(dist - 1, 5)
    w.bits(codeLengths.count - 4, 4)
    for l in codeLengths { w.bits(l, 3) }
  }

  /// A code-length code where symbols 16, 17, 18 and 0 have two bits each (the first four in
  /// the order lengths are sent); canonical codes go by symbol: 0 is 00, 16 is 01, 17 is 10,
  /// 18 is 11.
  static let fourTwoBitCodes = [2, 2, 2, 2]

  static func corrupt() -> [(String, [UInt8], InflateError)] {
    var cases: [(String, [UInt8], InflateError)] = []
    cases.append(("reserved block type", [0x07], .badBlockType))
    cases.append(("stored NLEN", [0x01, 0x05, 0x00, 0x00, 0x00], .storedLengthMismatch))
    cases.append(("stored cut short", [0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61, 0x62], .truncated))
    cases.append(("nothing at all", [], .truncated))
    var w = BitWriter()
    dynamicHeader(&w, lit: 287, dist: 1, codeLengths: fourTwoBitCodes)
    w.flush()
    cases.append(("287 literal/length codes", w.bytes, .tooManyCodes))
    w = BitWriter()
    dynamicHeader(&w, lit: 257, dist: 1, codeLengths: [1, 1, 1, 1])
    w.flush()
    cases.append(("four one-bit codes", w.bytes, .overSubscribed))
    w = BitWriter()
    dynamicHeader(&w, lit: 257, dist: 1, codeLengths: [2, 2, 2, 0])
    w.flush()
    cases.append(("three two-bit codes", w.bytes, .incomplete))
    w = BitWriter()
    dynamicHeader(&w, lit: 257, dist: 1, codeLengths: fourTwoBitCodes)
    w.code(1, 2)  // 16 first: nothing to repeat
    w.bits(0, 2)
    w.flush()
    cases.append(("repeat first", w.bytes, .repeatWithoutPrevious))
    w = BitWriter()
    dynamicHeader(&w, lit: 257, dist: 1, codeLengths: fourTwoBitCodes)
    w.code(3, 2)  // 18: 138 zeros
    w.bits(127, 7)
    w.code(3, 2)  // 18: 138 more, past 258
    w.bits(127, 7)
    w.flush()
    cases.append(("repeat past the end", w.bytes, .repeatOverrun))
    w = BitWriter()
    dynamicHeader(&w, lit: 257, dist: 1, codeLengths: fourTwoBitCodes)
    w.code(3, 2)  // 18: 138 zeros
    w.bits(127, 7)
    w.code(3, 2)  // 18: 120 zeros: all 258 lengths are zero, 256 among them
    w.bits(109, 7)
    w.flush()
    cases.append(("no end-of-block code", w.bytes, .missingEndOfBlock))
    w = BitWriter()
    w.bits(1, 1)
    w.bits(1, 2)
    w.fixed(286)
    w.flush()
    cases.append(("literal/length 286", w.bytes, .invalidSymbol))
    w = BitWriter()
    w.bits(1, 1)
    w.bits(1, 2)
    w.fixed(65)
    w.fixed(257)
    w.code(30, 5)
    w.flush()
    cases.append(("distance code 30", w.bytes, .invalidSymbol))
    w = BitWriter()
    w.bits(1, 1)
    w.bits(1, 2)
    w.fixed(65)
    w.fixed(257)
    w.code(1, 5)  // distance 2 after one byte
    w.fixed(256)
    w.flush()
    cases.append(("distance before the start", w.bytes, .distanceTooFar))
    // The same three inside a long block, where the fast loop (8 bytes of input ahead) meets
    // them rather than the careful path.
    let run = [UInt8](repeating: 65, count: 40)
    func long(_ end: (inout BitWriter) -> Void) -> [UInt8] {
      var w = BitWriter()
      w.bits(1, 1)
      w.bits(1, 2)
      for b in run { w.fixed(Int(b)) }
      end(&w)
      w.flush()
      return w.bytes + run
    }
    cases.append(("literal/length 286 in a long block", long { $0.fixed(286) }, .invalidSymbol))
    cases.append(
      (
        "distance code 31 in a long block",
        long {
          $0.fixed(257)
          $0.code(31, 5)
        }, .invalidSymbol
      ))
    cases.append(
      (
        "distance before the start in a long block",
        long {
          $0.fixed(257)
          $0.code(13, 5)  // distance 97 + 3 = 100 after 40 bytes
          $0.bits(3, 5)
          $0.fixed(256)
        }, .distanceTooFar
      ))
    w = BitWriter()
    w.bits(0, 1)  // not final
    w.bits(1, 2)
    w.fixed(65)
    w.fixed(256)
    w.flush()
    cases.append(("no final block", w.bytes, .truncated))
    return cases
  }

  @Test(arguments: corrupt())
  func corruptStreamsThrow(_ name: String, _ stream: [UInt8], _ error: InflateError) {
    #expect(throws: error, "\(name)") { try Inflater.inflateAll(stream) }
  }

  /// Every prefix of a real stream is refused as truncated (or decodes no further than the
  /// data it holds); never a crash or a hang.
  @Test func everyPrefixOfAStreamIsTruncated() throws {
    let stream = try XlsxFixtures.bytes("deflate/text-6.deflate")
    for cut in stride(from: 0, to: stream.count - 1, by: 97) {
      #expect(throws: InflateError.truncated) { try Inflater.inflateAll(Array(stream[..<cut])) }
    }
  }
}
