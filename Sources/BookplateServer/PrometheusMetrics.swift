import Metrics
import Prometheus
import Synchronization

/// The process's one Prometheus registry, installed as the swift-metrics backend on first use.
public enum PrometheusMetrics {
    private static let installed = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The registry, bootstrapping swift-metrics with it the first time.
    public static var registry: PrometheusCollectorRegistry {
        installed.withLock { current in
            if let current { return current }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            current = registry
            return registry
        }
    }
}
