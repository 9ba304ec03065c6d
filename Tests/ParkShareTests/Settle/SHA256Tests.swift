import Testing

@testable import ParkShare

@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func standardVectors(input: String, digest: String) {
    #expect(SHA256.hex(Array(input.utf8)) == digest)
  }

  @Test func aMillionAsInPiecesOfAnySize() {
    var h = SHA256()
    var rng = SplitMix(seed: 7)
    var left = 1_000_000
    while left > 0 {
      let n = min(left, Int(rng.next() % 200))
      h.update(Array(repeating: UInt8(ascii: "a"), count: n))
      left -= n
    }
    #expect(h.finish() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}

/// BLAKE2b-256 against coreutils' `b2sum -l 256`.
@Suite struct BLAKE2bTests {
  @Test(arguments: [
    ("", "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"),
    ("abc", "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"),
  ])
  func knownDigests(input: String, digest: String) {
    #expect(BLAKE2b.hex(Array(input.utf8)) == digest)
  }

  @Test func piecesOfAnySizeGiveTheSameDigest() {
    var rng = SplitMix(seed: 3)
    let data = (0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let whole = BLAKE2b.hex(data)
    for _ in 0..<20 {
      var b = BLAKE2b()
      var i = 0
      while i < data.count {
        let n = min(data.count - i, Int(rng.next() % 300))
        b.update(data[i..<i + n])
        i += n
      }
      #expect(b.finish() == whole)
    }
    // Exactly one and two blocks, the edge of the kept-back last block.
    #expect(BLAKE2b.hex(Array(repeating: 0x61, count: 128)) == Self.b2sum128)
  }

  /// `printf 'a%.0s' $(seq 128) | b2sum -l 256`
  static let b2sum128 = "ae2aa48507885c4c950fb809b2076f959cde9f8ea6da260d9a3587df33dac450"
}
