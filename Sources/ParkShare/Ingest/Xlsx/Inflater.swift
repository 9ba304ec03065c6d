import Foundation

/// A streaming DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Compressed bytes come from `source` in pieces of any size (an empty piece is the end);
/// decoded bytes come out of `next()` in pieces of at most `chunkSize`, so a sheet of hundreds of
/// megabytes is never held whole: the decoder keeps the 32 KiB window back-references may reach,
/// one piece, and one piece of input. A corrupt or truncated stream throws an `InflateError`.
public final class Inflater {
  /// How far back a DEFLATE back-reference can reach.
  static let window = 32_768

  public let chunkSize: Int
  private let source: () -> [UInt8]
  private var input: [UInt8] = []
  private var inPos = 0
  private var sourceDone = false
  /// Input bits not yet used, least significant first; `bitCount` of them are valid.
  private var bitBuf: UInt64 = 0
  private var bitCount = 0
  /// The window followed by new output; `handedOut` marks what `next()` has returned.
  private let out: UnsafeMutablePointer<UInt8>
  private var outEnd = 0
  private var handedOut = 0
  private var state = State.header
  private var lastBlock = false
  private var lit = HuffmanTable()
  private var dist = HuffmanTable()
  private var codeLengths = HuffmanTable()

  private enum State: Equatable {
    case header
    case stored(remaining: Int)
    case huffman
    case done
  }

  /// Decodes what `source` returns, piece after piece, until it returns an empty piece.
  public init(chunkSize: Int = 1 << 18, source: @escaping () -> [UInt8]) {
    self.chunkSize = max(1, chunkSize)
    self.source = source
    // A symbol may copy 258 bytes past the piece's limit, and a copy 7 bytes past its end
    // (or 13 past a match shorter than 16 bytes, which starts before the limit).
    out = .allocate(capacity: Self.window + self.chunkSize + 258 + 8)
  }

  /// Decodes `data`, one stream held in memory.
  public convenience init(_ data: [UInt8], chunkSize: Int = 1 << 18) {
    var given = false
    self.init(chunkSize: chunkSize) {
      if given { return [] }
      given = true
      return data
    }
  }

  deinit { out.deallocate() }

  /// The next piece of output (1 to `chunkSize` bytes), or nil once the final block has ended.
  public func next() throws(InflateError) -> [UInt8]? {
    if handedOut == outEnd {
      if state == .done { return nil }
      if outEnd > Self.window {
        // Keep only the window back-references can reach.
        memmove(out, out + (outEnd - Self.window), Self.window)
        outEnd = Self.window
        handedOut = outEnd
      }
      try fill(limit: handedOut + chunkSize)
      if outEnd == handedOut { return nil }
    }
    // A match may have run up to 257 bytes past the limit: those wait for the next call.
    let count = min(outEnd - handedOut, chunkSize)
    let piece = Array(UnsafeBufferPointer(start: out + handedOut, count: count))
    handedOut += count
    return piece
  }

  /// The whole output of `data` (tests and small parts); throws past `limit` bytes.
  static func inflateAll(_ data: [UInt8], limit: Int = 1 << 30) throws(InflateError) -> [UInt8] {
    let inflater = Inflater(data)
    var all: [UInt8] = []
    while let piece = try inflater.next() {
      all += piece
      if all.count > limit { break }
    }
    return all
  }

  // MARK: decoding

  private func fill(limit: Int) throws(InflateError) {
    while outEnd < limit {
      switch state {
      case .done:
        return
      case .header:
        if lastBlock {
          state = .done
          return
        }
        let header = try bits(3)
        lastBlock = header & 1 == 1
        switch header >> 1 {
        case 0: try startStored()
        case 1: try buildFixed()
        case 2: try readDynamicTables()
        default: throw .badBlockType
        }
      case .stored(let remaining):
        try copyStored(remaining, limit)
      case .huffman:
        try decodeHuffman(limit)
      }
    }
  }

  /// Adds input bytes to the bit buffer until it holds `n` bits, fetching pieces as needed.
  private func ensure(_ n: Int) throws(InflateError) {
    while bitCount < n {
      if inPos < input.count {
        bitBuf |= UInt64(input[inPos]) << UInt64(bitCount)
        inPos += 1
        bitCount += 8
      } else if !fetch() {
        throw .truncated
      }
    }
  }

  private func fetch() -> Bool {
    if sourceDone { return false }
    input = source()
    inPos = 0
    if input.isEmpty { sourceDone = true }
    return !sourceDone
  }

  private func bits(_ n: Int) throws(InflateError) -> Int {
    if n == 0 { return 0 }
    try ensure(n)
    let v = Int(bitBuf & (1 << UInt64(n) - 1))
    bitBuf >>= UInt64(n)
    bitCount -= n
    return v
  }

  /// One symbol of `table`, reading input as needed (the careful path near the end of a piece).
  private func decode(_ table: HuffmanTable) throws(InflateError) -> Int {
    while bitCount < 15 {
      if inPos < input.count {
        bitBuf |= UInt64(input[inPos]) << UInt64(bitCount)
        inPos += 1
        bitCount += 8
      } else if !fetch() {
        break
      }
    }
    let entry = table.fast[Int(bitBuf & HuffmanTable.fastMask)]
    var symbol = Int(entry & 0x1FF)
    var length = Int(entry >> 9)
    if entry == 0 { (symbol, length) = table.slowDecode(bitBuf, available: bitCount) }
    if symbol == HuffmanTable.needMore || length > bitCount { throw .truncated }
    if symbol == HuffmanTable.noCode { throw .invalidSymbol }
    bitBuf >>= UInt64(length)
    bitCount -= length
    return symbol
  }

  private func startStored() throws(InflateError) {
    let skip = bitCount % 8
    bitBuf >>= UInt64(skip)
    bitCount -= skip
    let len = try bits(16)
    let nlen = try bits(16)
    if len != ~nlen & 0xFFFF { throw .storedLengthMismatch }
    state = .stored(remaining: len)
  }

  private func copyStored(_ remaining: Int, _ limit: Int) throws(InflateError) {
    var left = remaining
    while left > 0 && outEnd < limit {
      if bitCount >= 8 {
        out[outEnd] = UInt8(truncatingIfNeeded: bitBuf)
        bitBuf >>= 8
        bitCount -= 8
        outEnd += 1
        left -= 1
      } else if inPos < input.count {
        let n = min(left, limit - outEnd, input.count - inPos)
        input.withUnsafeBufferPointer {
          (out + outEnd).update(from: $0.baseAddress! + inPos, count: n)
        }
        inPos += n
        outEnd += n
        left -= n
      } else if !fetch() {
        throw .truncated
      }
    }
    state = left == 0 ? .header : .stored(remaining: left)
  }

  private func buildFixed() throws(InflateError) {
    var lengths = [UInt8](repeating: 8, count: 288)
    for i in 144..<256 { lengths[i] = 9 }
    for i in 256..<280 { lengths[i] = 7 }
    try lit.build(lengths[...], .data)
    // 32 five-bit codes make the fixed distance code complete; 30 and 31 are refused on use.
    try dist.build([UInt8](repeating: 5, count: 32)[...], .data)
    lit.buildPacked(.literalLength)
    dist.buildPacked(.distance)
    state = .huffman
  }

  private static let codeLengthOrder = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
  ]

  private func readDynamicTables() throws(InflateError) {
    let nlit = try bits(5) + 257
    let ndist = try bits(5) + 1
    let ncode = try bits(4) + 4
    if nlit > 286 || ndist > 30 { throw .tooManyCodes }
    var clens = [UInt8](repeating: 0, count: 19)
    for i in 0..<ncode { clens[Self.codeLengthOrder[i]] = UInt8(try bits(3)) }
    try codeLengths.build(clens[...], .codeLengths)
    var lengths = [UInt8](repeating: 0, count: nlit + ndist)
    var i = 0
    while i < lengths.count {
      let symbol = try decode(codeLengths)
      if symbol < 16 {
        lengths[i] = UInt8(symbol)
        i += 1
        continue
      }
      var value: UInt8 = 0
      let count: Int
      switch symbol {
      case 16:
        if i == 0 { throw .repeatWithoutPrevious }
        value = lengths[i - 1]
        count = 3 + (try bits(2))
      case 17: count = 3 + (try bits(3))
      default: count = 11 + (try bits(7))
      }
      if i + count > lengths.count { throw .repeatOverrun }
      for k in i..<(i + count) { lengths[k] = value }
      i += count
    }
    if lengths[256] == 0 { throw .missingEndOfBlock }
    try lit.build(lengths[0..<nlit], .data)
    try dist.build(lengths[nlit...], .data)
    lit.buildPacked(.literalLength)
    dist.buildPacked(.distance)
    state = .huffman
  }

  // MARK: Huffman blocks

  static let lengthBase = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
    131, 163, 195, 227, 258,
  ]
  static let lengthExtra = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distanceBase = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]

  private enum Stop {
    case limitOrInput
    case endOfBlock
    case invalidSymbol
    case distanceTooFar
  }

  /// Decodes symbols until the block ends or the output reaches `limit`: a fast loop while at
  /// least 8 input bytes remain in the piece (one refill then covers a whole symbol: at most
  /// 15 + 5 + 15 + 13 = 48 bits), and the careful `decode`/`bits` path across pieces.
  private func decodeHuffman(_ limit: Int) throws(InflateError) {
    while outEnd < limit {
      if inPos + 8 <= input.count {
        switch fastLoop(limit) {
        case .limitOrInput: continue
        case .endOfBlock:
          state = .header
          return
        case .invalidSymbol: throw .invalidSymbol
        case .distanceTooFar: throw .distanceTooFar
        }
      }
      if try carefulSymbol() {
        state = .header
        return
      }
    }
  }

  /// One symbol through the careful path; true at the end of the block.
  private func carefulSymbol() throws(InflateError) -> Bool {
    let symbol = try decode(lit)
    if symbol < 256 {
      out[outEnd] = UInt8(symbol)
      outEnd += 1
      return false
    }
    if symbol == 256 { return true }
    let li = symbol - 257
    if li >= 29 { throw .invalidSymbol }
    let length = Self.lengthBase[li] + (try bits(Self.lengthExtra[li]))
    let ds = try decode(dist)
    if ds >= 30 { throw .invalidSymbol }
    let distance = Self.distanceBase[ds] + (try bits(Self.distanceExtra[ds]))
    if distance > outEnd { throw .distanceTooFar }
    Self.copyMatch(out, at: outEnd, distance: distance, length: length)
    outEnd += length
    return false
  }

  /// The literal or two of a packed entry, written at `oe`; their bits used. (The second byte
  /// is written either way: the buffer has room past any output.)
  @inline(__always)
  private static func literals(
    _ e: UInt32, _ bb: inout UInt64, _ bc: inout Int, _ o: UnsafeMutablePointer<UInt8>,
    _ oe: inout Int
  ) {
    let used = Int(e & 63)
    bb >>= UInt64(used)
    bc -= used
    o[oe] = UInt8(truncatingIfNeeded: e >> 16)
    o[oe + 1] = UInt8(truncatingIfNeeded: e >> 24)
    oe += e & HuffmanTable.pair != 0 ? 2 : 1
  }

  @inline(__always)
  private static func copyMatch(
    _ o: UnsafeMutablePointer<UInt8>, at end: Int, distance: Int, length: Int
  ) {
    if distance >= 8 {
      // Eight bytes a step: each read lies at least 8 bytes back, so it is already final even
      // when source and destination overlap. The first two steps are taken whatever the
      // length (most matches in a sheet are 3 to 16 bytes: one branch fewer a match); the
      // copy may so write up to 13 bytes past the match, inside the buffer's slack (a match
      // starts before the limit) and before anything is handed out.
      var from = UnsafeRawPointer(o + end - distance)
      var to = UnsafeMutableRawPointer(o + end)
      to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
      to.storeBytes(
        of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8,
        as: UInt64.self)
      var left = length - 16
      from += 16
      to += 16
      while left > 0 {
        to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
        from += 8
        to += 8
        left -= 8
      }
    } else if distance == 1 {
      (o + end).update(repeating: o[end - 1], count: length)
    } else {
      // Overlapping: the copy reads bytes it has just written (a run).
      var from = end - distance
      for to in end..<(end + length) {
        o[to] = o[from]
        from += 1
      }
    }
  }

  private func fastLoop(_ limit: Int) -> Stop {
    var bb = bitBuf
    var bc = bitCount
    var ip = inPos
    var oe = outEnd
    let o = out
    let stop = input.withUnsafeBufferPointer { inb -> Stop in
      lit.packed.withUnsafeBufferPointer { lf -> Stop in
        dist.packed.withUnsafeBufferPointer { df -> Stop in
          let inp = UnsafeRawPointer(inb.baseAddress!)
          let inEnd = inb.count
          let lt = lf.baseAddress!
          let dt = df.baseAddress!
          guard oe < limit && ip + 8 <= inEnd else { return .limitOrInput }
          // Refill to 56..63 bits with one unaligned 8-byte load; the bits above `bc` are
          // the next input bits, so OR-ing the next load over them changes nothing.
          bb |=
            UInt64(littleEndian: inp.loadUnaligned(fromByteOffset: ip, as: UInt64.self))
            << UInt64(bc)
          ip += (63 - bc) >> 3
          bc |= 56
          // The entry of the next symbol, looked up as soon as its bits are there (before a
          // match is copied, while the refill loads): a refill adds bits above those it used.
          var e = lt[Int(bb & HuffmanTable.packedMask)]
          while true {
            if e & HuffmanTable.literal != 0 {
              // One or two literals, then once more from the bits held (at least 45 after an
              // entry of at most 11 bits): text is mostly literals between matches.
              Self.literals(e, &bb, &bc, o, &oe)
              e = lt[Int(bb & HuffmanTable.packedMask)]
              if e & HuffmanTable.literal != 0 {
                Self.literals(e, &bb, &bc, o, &oe)
                e = lt[Int(bb & HuffmanTable.packedMask)]
              }
            } else {
              var length: Int
              if e & 0xFFFF_0000 != 0 {
                // A length: its base, and its extra bits just above its code.
                let used = Int(e & 63)
                length =
                  Int(e >> 16) + Int((bb & (1 << UInt64(used) - 1)) >> UInt64(e >> 8 & 15))
                bb >>= UInt64(used)
                bc -= used
              } else if e & HuffmanTable.endOfBlock != 0 {
                let used = Int(e & 63)
                bb >>= UInt64(used)
                bc -= used
                return .endOfBlock
              } else {
                // A code longer than the table's index, or no length at all.
                let (symbol, len) = lit.slowDecode(bb, available: bc)
                if symbol < 0 { return .invalidSymbol }
                bb >>= UInt64(len)
                bc -= len
                if symbol == 256 { return .endOfBlock }
                if symbol < 256 {
                  o[oe] = UInt8(truncatingIfNeeded: symbol)
                  oe += 1
                  length = 0
                } else {
                  let li = symbol - 257
                  if li >= 29 { return .invalidSymbol }
                  let lx = Self.lengthExtra[li]
                  length = Self.lengthBase[li] + Int(bb & (1 << UInt64(lx) - 1))
                  bb >>= UInt64(lx)
                  bc -= lx
                }
              }
              if length > 0 {
                let d = dt[Int(bb & HuffmanTable.packedMask)]
                let distance: Int
                if d != 0 {
                  let used = Int(d & 63)
                  distance =
                    Int(d >> 16) + Int((bb & (1 << UInt64(used) - 1)) >> UInt64(d >> 8 & 15))
                  bb >>= UInt64(used)
                  bc -= used
                } else {
                  let (symbol, len) = dist.slowDecode(bb, available: bc)
                  if symbol < 0 || symbol >= 30 { return .invalidSymbol }
                  bb >>= UInt64(len)
                  bc -= len
                  let dx = Self.distanceExtra[symbol]
                  distance = Self.distanceBase[symbol] + Int(bb & (1 << UInt64(dx) - 1))
                  bb >>= UInt64(dx)
                  bc -= dx
                }
                if distance > oe { return .distanceTooFar }
                e = lt[Int(bb & HuffmanTable.packedMask)]
                Self.copyMatch(o, at: oe, distance: distance, length: length)
                oe += length
              } else {
                e = lt[Int(bb & HuffmanTable.packedMask)]
              }
            }
            guard oe < limit && ip + 8 <= inEnd else { return .limitOrInput }
            // The entry holds if at least its index's bits were there; else look it up again.
            let short = bc < HuffmanTable.packedBits
            bb |=
              UInt64(littleEndian: inp.loadUnaligned(fromByteOffset: ip, as: UInt64.self))
              << UInt64(bc)
            ip += (63 - bc) >> 3
            bc |= 56
            if short { e = lt[Int(bb & HuffmanTable.packedMask)] }
          }
        }
      }
    }
    // Keep only the bits that count, so the careful path can add bytes above them.
    bitBuf = bc == 64 ? bb : bb & (1 << UInt64(bc) - 1)
    bitCount = bc
    inPos = ip
    outEnd = oe
    return stop
  }
}
