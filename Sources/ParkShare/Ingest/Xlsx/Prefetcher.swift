import Foundation

/// Elements produced ahead of their reader on a thread of their own: a sheet's pieces are
/// inflated and checked (CRC-32) while the piece before is tokenized, and its rows tokenized
/// into lines while the lines before are read, so a sheet reads in about the time of its
/// slowest stage instead of their sum. At most `depth` elements wait (memory stays bounded);
/// they come out in order, and an error comes out where it happened, after the elements
/// before it. Dropping the prefetcher stops its thread.
final class Prefetcher<Element> {
  private let state: State

  init(depth: Int = 4, produce: @escaping () throws(XlsxError) -> Element?) {
    state = State(depth: depth)
    let state = state
    let producer = Producer(produce: produce)
    let thread = Thread {
      while true {
        let result: Result<Element?, XlsxError>
        do throws(XlsxError) {
          result = .success(try producer.produce())
        } catch {
          result = .failure(error)
        }
        guard state.put(result) else { return }
        if case .success(.some) = result { continue }
        return
      }
    }
    thread.start()
  }

  deinit { state.cancel() }

  /// The next element, nil after the last.
  func next() throws(XlsxError) -> Element? {
    try state.take().get()
  }

  /// The producing closure, used by the producer thread alone once it has started.
  private struct Producer: @unchecked Sendable {
    let produce: () throws(XlsxError) -> Element?
  }

  /// The queue between the two threads, guarded by its condition.
  private final class State: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Result<Element?, XlsxError>] = []
    private var cancelled = false
    /// The last result (the end or an error), once taken.
    private var last: Result<Element?, XlsxError>?
    private let depth: Int

    init(depth: Int) { self.depth = max(1, depth) }

    /// Adds a result, waiting while `depth` wait; false once the reader has gone.
    func put(_ result: Result<Element?, XlsxError>) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      while queue.count >= depth && !cancelled { condition.wait() }
      if cancelled { return false }
      queue.append(result)
      condition.broadcast()
      return true
    }

    func take() -> Result<Element?, XlsxError> {
      condition.lock()
      defer { condition.unlock() }
      // After the last element (or an error) nothing more comes: repeat it.
      if let last { return last }
      while queue.isEmpty { condition.wait() }
      // At most `depth` wait: taking from the front costs no more than moving those.
      let result = queue.removeFirst()
      if case .success(.some) = result {} else { last = result }
      condition.broadcast()
      return result
    }

    func cancel() {
      condition.lock()
      cancelled = true
      condition.broadcast()
      condition.unlock()
    }
  }
}
