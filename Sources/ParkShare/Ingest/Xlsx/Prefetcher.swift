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

  /// The queue between the two threads, guarded by its condition. Each side is woken only
  /// when it can do a run of work (the reader when half the queue is ready or the last element
  /// is, the producer when half the queue is free), not for every element, and after the lock
  /// is let go: three threads share two cores, and every wake-up is a switch of threads.
  private final class State: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Result<Element?, XlsxError>] = []
    private var cancelled = false
    /// The last result (the end or an error), once taken.
    private var last: Result<Element?, XlsxError>?
    private let depth: Int
    /// At or past this many waiting, a waiting reader is woken; at or below it, a waiting
    /// producer.
    private let half: Int
    private var readerWaits = false
    private var producerWaits = false

    init(depth: Int) {
      self.depth = max(1, depth)
      half = max(1, self.depth / 2)
    }

    /// Adds a result, waiting while `depth` wait; false once the reader has gone.
    func put(_ result: Result<Element?, XlsxError>) -> Bool {
      condition.lock()
      while queue.count >= depth && !cancelled {
        producerWaits = true
        condition.wait()
      }
      producerWaits = false
      if cancelled {
        condition.unlock()
        return false
      }
      queue.append(result)
      let final: Bool
      if case .success(.some) = result { final = false } else { final = true }
      let wake = readerWaits && (queue.count >= half || final)
      condition.unlock()
      // Woken after the lock is let go: woken inside it, the reader ran only to wait for it.
      if wake { condition.broadcast() }
      return true
    }

    func take() -> Result<Element?, XlsxError> {
      condition.lock()
      // After the last element (or an error) nothing more comes: repeat it.
      if let last {
        condition.unlock()
        return last
      }
      while queue.isEmpty {
        readerWaits = true
        condition.wait()
      }
      readerWaits = false
      // At most `depth` wait: taking from the front costs no more than moving those.
      let result = queue.removeFirst()
      if case .success(.some) = result {} else { last = result }
      let wake = producerWaits && queue.count <= half
      condition.unlock()
      if wake { condition.broadcast() }
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
