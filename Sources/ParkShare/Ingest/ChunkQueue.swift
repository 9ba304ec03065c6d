import Foundation

/// The chunks of the readings files, handed to the reading threads in file order, and the
/// BLAKE2b-256 of each file taken from the same buffers the scanner reads, so a settle reads no
/// byte of its readings twice (a separate hashing pass used to read them all again).
///
/// BLAKE2b is sequential: chunk k can only be hashed after chunk k - 1. A worker that has scanned
/// chunk k waits for its turn, hashes it from its own buffer and passes the turn on. Workers take
/// chunks in order from a shared counter (`take`), so the chunk whose turn it is always belongs
/// to a worker that is running: however few threads the system gives, no worker waits for a chunk
/// nobody has taken.
final class ChunkQueue: @unchecked Sendable {
  private let lock = NSCondition()
  private var taken = 0
  private var turn = 0
  private var states: [BLAKE2b]
  private var failed: [Bool]
  private var done: [String?]
  /// Bytes read from the files by every thread: a test holds that each byte is read once.
  private(set) var bytesRead = 0
  private let chunks: [ReadingsReader.Chunk]
  private let files: [ReadingsReader.OpenFile]
  /// False when only the chunk counter is wanted (a read without digests).
  let hashing: Bool

  init(files: [ReadingsReader.OpenFile], chunks: [ReadingsReader.Chunk], hashing: Bool) {
    self.files = files
    self.chunks = chunks
    self.hashing = hashing
    states = Array(repeating: BLAKE2b(), count: files.count)
    failed = Array(repeating: false, count: files.count)
    done = Array(repeating: nil, count: files.count)
  }

  /// The next chunk to read, or nil when every chunk has been taken.
  func take() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard taken < chunks.count else { return nil }
    taken += 1
    return taken - 1
  }

  /// Chunk `k` has been scanned from `bytes` (`nil`: it could not be read whole, so its file
  /// has no digest), `read` bytes having been read for it: hashes it once every earlier chunk
  /// has been hashed.
  func scanned(_ k: Int, _ bytes: UnsafeRawBufferPointer?, read: Int) {
    lock.lock()
    bytesRead += read
    guard hashing else { return lock.unlock() }
    while turn != k { lock.wait() }
    lock.unlock()
    // Only the worker whose turn it is touches the states until it passes the turn on.
    let c = chunks[k]
    let f = files[c.file]
    if c.start == f.dataStart {
      // The file's first chunk: its header lines go first, from the bytes the header was read
      // from when the file was opened.
      if f.head.count != f.dataStart { failed[c.file] = true }
      f.head.withUnsafeBytes { states[c.file].update($0) }
    }
    if let bytes { states[c.file].update(bytes) } else { failed[c.file] = true }
    if c.end == f.size { done[c.file] = failed[c.file] ? nil : states[c.file].finish() }
    lock.lock()
    turn += 1
    lock.broadcast()
    lock.unlock()
  }

  /// Each file's digest by path, once every chunk has been added: a file with no chunk (a
  /// header and nothing after it) is its header.
  func digests() -> [String: String] {
    var out: [String: String] = [:]
    for (i, f) in files.enumerated() {
      if f.dataStart >= f.size, f.head.count == f.size {
        var h = BLAKE2b()
        f.head.withUnsafeBytes { h.update($0) }
        out[f.path] = h.finish()
      } else if let d = done[i] {
        out[f.path] = d
      }
    }
    return out
  }
}
