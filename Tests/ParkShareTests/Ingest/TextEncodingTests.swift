import Foundation
import Testing

@testable import ParkShare

/// GB18030 (GBK) text as Chinese Windows saves CSV, decoded exactly; bytes that are not text in
/// the encoding named are reported at their line, never guessed.
@Suite struct TextEncodingTests {
  /// 宁夏 is C4FE CFC4 in GBK; € is A2E3 in GB18030; 𠀀 (U+20000, outside GBK) is the
  /// four-byte 95 32 82 36; GB18030's byte-order mark is 84 31 95 33.
  @Test func gb18030DecodesTwoAndFourByteCharacters() throws {
    let bytes: [UInt8] =
      [0x84, 0x31, 0x95, 0x33] + Array("id,name\n".utf8) + [0x54, 0x31, 0x2C]
      + [0xC4, 0xFE, 0xCF, 0xC4, 0xA2, 0xE3, 0x95, 0x32, 0x82, 0x36, 0x0A]
    let text = try TextEncoding.gb18030.decode(Data(bytes)).get()
    #expect(text == "id,name\nT1,宁夏€\u{20000}\n")
  }

  @Test func aByteOutsideTheEncodingIsReportedAtItsLine() {
    let gb = Data([0x61, 0x0A, 0x62, 0x0A, 0xC4, 0xFE, 0xFF, 0x0A])
    #expect(TextEncoding.gb18030.decode(gb) == .failure(.init(line: 3)))
    // The same GBK bytes are not UTF-8: refused at the line, not read as something else.
    #expect(TextEncoding.utf8.decode(gb) == .failure(.init(line: 3)))
    // A character cut off at the end of the file.
    #expect(TextEncoding.gb18030.decode(Data([0x61, 0x0A, 0xC4])) == .failure(.init(line: 2)))
  }

  @Test func namesUsersGive() {
    #expect(TextEncoding(named: "GBK") == .gb18030)
    #expect(TextEncoding(named: "gb2312") == .gb18030)
    #expect(TextEncoding(named: "UTF8") == .utf8)
    #expect(TextEncoding(named: "big5") == nil)
  }
}
