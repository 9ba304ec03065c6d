import Dispatch

/// The digest of every file of a bundle, each file read once: the CSV readings are hashed by
/// their reader on the chunks it scans (`ChunkQueue`); the small files (facts, registry, import
/// profile, replacements) and workbooks are hashed on a thread of their own while the readings
/// are read; CSV readings the reader did not open (a contract that reads no meters, a registry
/// or profile that stopped the reading, a file refused at its header) are hashed at the end.
final class BundleDigests: @unchecked Sendable {
  /// Every file, in the order digests are listed: facts, registry, readings, profile and
  /// replacements.
  let files: [String]
  let csvReadings: Set<String>
  private let readings: Set<String>
  private let group = DispatchGroup()
  private var apart: [(path: String, read: (digest: FileDigest?, bytes: Int))] = []

  /// Starts hashing the files the readings reader does not hash.
  init(files: [String], readings: [String]) {
    self.files = files
    self.readings = Set(readings)
    csvReadings = Set(readings.filter { !$0.hasSuffix(".xlsx") })
    let others = files.filter { !csvReadings.contains($0) }
    DispatchQueue.global().async(group: group) { [self] in
      apart = others.map { ($0, FileDigest.read($0)) }
    }
  }

  /// Waits for the thread, hashes what the reader left, and returns each file's digest (nil:
  /// it could not be read) and the bytes read from the readings for them, beyond the reader's.
  func finish(reader: [String: String], opened: Set<String>) -> (
    digests: [(path: String, digest: FileDigest?)], readingsBytesRead: Int
  ) {
    group.wait()
    var csv = reader
    var bytes = 0
    for path in csvReadings.subtracting(opened).sorted() {
      let read = FileDigest.read(path)
      if let d = read.digest { csv[path] = d.blake2b256 }
      bytes += read.bytes
    }
    // Workbooks are hashed apart from their reading (the ZIP reader reads only the parts it
    // needs, in its own order): their bytes are read twice, and counted so.
    bytes += apart.filter { readings.contains($0.path) }.reduce(0) { $0 + $1.read.bytes }
    let small = Dictionary(apart.map { ($0.path, $0.read.digest) }) { a, _ in a }
    let digests = files.map { path in
      (
        path: path,
        digest: csvReadings.contains(path)
          ? csv[path].map { FileDigest(path: path, blake2b256: $0) } : small[path] ?? nil
      )
    }
    return (digests, bytes)
  }
}
