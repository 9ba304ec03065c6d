import Foundation

/// A file read for a settlement and its BLAKE2b-256 digest (`b2sum -l 256 FILE` prints the
/// same), so a statement names exactly the data it came from.
public struct FileDigest: Sendable, Codable, Hashable {
  public var path: String
  public var blake2b256: String

  /// The digest of the file at `path`, read in 8 MiB pieces; nil when it cannot be read.
  public static func of(_ path: String) -> FileDigest? { read(path).digest }

  /// `of`, with the bytes read for it (a test holds that a command reads each input once).
  static func read(_ path: String) -> (digest: FileDigest?, bytes: Int) {
    // A FIFO put in place of a file already read would block here forever.
    guard case .success(let fd) = RegularFile.open(path) else { return (nil, 0) }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    var hash = BLAKE2b()
    var bytes = 0
    do {
      // `read(upToCount:)` gives nil or empty data at the end of the file.
      while let data = try handle.read(upToCount: 8 << 20), !data.isEmpty {
        data.withUnsafeBytes { hash.update($0) }
        bytes += data.count
      }
    } catch {
      return (nil, bytes)
    }
    return (FileDigest(path: path, blake2b256: hash.finish()), bytes)
  }
}
