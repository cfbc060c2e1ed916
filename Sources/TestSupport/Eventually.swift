/// Waits until `condition` holds, checking every 100 ms, for at most `timeout`; whether it came to hold.
public func eventually(
    timeout: Duration = .seconds(120), _ condition: () async throws -> Bool
) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return false
}
