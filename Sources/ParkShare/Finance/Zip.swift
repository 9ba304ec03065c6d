/// A ZIP archive of stored (uncompressed) entries with CRC-32, enough for an .xlsx. Entries keep
/// their order and a fixed date (1980-01-01), so the same content gives the same bytes.
public struct Zip: Sendable {
  private var entries: [(name: String, data: [UInt8])] = []

  public init() {}

  public mutating func add(_ name: String, _ text: String) {
    entries.append((name, Array(text.utf8)))
  }

  /// An entry of any bytes (tests write broken text with it).
  mutating func add(_ name: String, bytes: [UInt8]) {
    entries.append((name, bytes))
  }

  public static func crc32(_ data: [UInt8]) -> UInt32 { CRC32.checksum(data) }

  /// The archive's bytes.
  public func bytes() -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    func le16(_ v: Int, _ into: inout [UInt8]) {
      into += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)]
    }
    func le32(_ v: UInt32, _ into: inout [UInt8]) {
      into += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }
    let date = (1980 - 1980) << 9 | 1 << 5 | 1  // 1980-01-01, time 00:00
    for (name, data) in entries {
      let offset = UInt32(out.count)
      let crc = Zip.crc32(data)
      let nameBytes = Array(name.utf8)
      // Local file header.
      le32(0x0403_4b50, &out)
      le16(20, &out)
      le16(0x0800, &out)  // UTF-8 names
      le16(0, &out)  // stored
      le16(0, &out)
      le16(date, &out)
      le32(crc, &out)
      le32(UInt32(data.count), &out)
      le32(UInt32(data.count), &out)
      le16(nameBytes.count, &out)
      le16(0, &out)
      out += nameBytes
      out += data
      // Central directory entry.
      le32(0x0201_4b50, &central)
      le16(20, &central)
      le16(20, &central)
      le16(0x0800, &central)
      le16(0, &central)
      le16(0, &central)
      le16(date, &central)
      le32(crc, &central)
      le32(UInt32(data.count), &central)
      le32(UInt32(data.count), &central)
      le16(nameBytes.count, &central)
      le16(0, &central)
      le16(0, &central)
      le16(0, &central)
      le16(0, &central)
      le32(0, &central)
      le32(offset, &central)
      central += nameBytes
    }
    let centralOffset = UInt32(out.count)
    out += central
    le32(0x0605_4b50, &out)
    le16(0, &out)
    le16(0, &out)
    le16(entries.count, &out)
    le16(entries.count, &out)
    le32(UInt32(central.count), &out)
    le32(centralOffset, &out)
    le16(0, &out)
    return out
  }
}
