#include "LoadReport.h"

#include "LoadOptions.h"
#include "LoadPublisher.h"
#include "LoadSubscriber.h"

#include <algorithm>
#include <cstdio>

namespace bs::bench {

namespace {

struct DeliveryCounts
{
    quint64 unique = 0;
    quint64 duplicates = 0;
};

/// Adds one subscriber's per-sequence counters (limited to sequences actually sent).
void accumulate(std::vector<std::vector<quint32>>& into, const LoadSubscriber& subscriber)
{
    const auto& seen = subscriber.seenCounts();
    for (size_t p = 0; p < seen.size() && p < into.size(); ++p) {
        const size_t n = std::min(seen[p].size(), into[p].size());
        for (size_t s = 0; s < n; ++s)
            into[p][s] += seen[p][s];
    }
}

DeliveryCounts count(const std::vector<std::vector<quint32>>& counts)
{
    DeliveryCounts result;
    for (const auto& perPublisher : counts) {
        for (quint32 c : perPublisher) {
            if (c > 0) {
                ++result.unique;
                result.duplicates += c - 1;
            }
        }
    }
    return result;
}

double percentileUs(const std::vector<qint64>& sorted, double fraction)
{
    if (sorted.empty())
        return 0;
    const auto index = std::min(sorted.size() - 1, size_t(fraction * double(sorted.size())));
    return double(sorted[index]) / 1000.0;
}

} // namespace

void printLoadReport(const LoadOptions& options, const LoadTimes& times,
                     const std::vector<LoadPublisher*>& publishers,
                     const std::vector<LoadSubscriber*>& subscribers)
{
    quint64 sent = 0;
    quint64 received = 0;
    quint64 protocolErrors = 0;
    quint64 foreign = 0;
    std::vector<size_t> sentPerPublisher;
    for (const LoadPublisher* publisher : publishers) {
        sent += publisher->sent();
        protocolErrors += publisher->protocolErrors();
        sentPerPublisher.push_back(size_t(publisher->sent()));
    }
    auto emptyCounts = [&] {
        std::vector<std::vector<quint32>> counts;
        for (size_t n : sentPerPublisher)
            counts.emplace_back(n, 0);
        return counts;
    };

    // Each subscriber of a plain subscription should see every message once; a shared group
    // as a whole should see every message once.
    DeliveryCounts delivered;
    quint64 expected = 0;
    if (options.sharedGroup.isEmpty()) {
        for (const LoadSubscriber* subscriber : subscribers) {
            auto counts = emptyCounts();
            accumulate(counts, *subscriber);
            const DeliveryCounts one = count(counts);
            delivered.unique += one.unique;
            delivered.duplicates += one.duplicates;
            expected += sent;
        }
    } else if (!subscribers.empty()) {
        auto counts = emptyCounts();
        for (const LoadSubscriber* subscriber : subscribers)
            accumulate(counts, *subscriber);
        delivered = count(counts);
        expected = sent;
    }

    std::vector<qint64> latencies;
    for (const LoadSubscriber* subscriber : subscribers) {
        received += subscriber->received();
        protocolErrors += subscriber->protocolErrors();
        foreign += subscriber->foreignMessages();
        latencies.insert(latencies.end(), subscriber->latenciesNs().begin(),
                         subscriber->latenciesNs().end());
    }
    std::sort(latencies.begin(), latencies.end());

    const quint64 lost = expected - std::min(expected, delivered.unique);
    const double publishSeconds = double(times.publishNs) / 1e9;
    const double deliverySeconds = std::max(double(times.deliveryNs) / 1e9, 1e-9);
    const double sendRate = publishSeconds > 0 ? double(sent) / publishSeconds : 0;
    const double throughput = double(received) / deliverySeconds;
    const double lossPercent = expected ? 100.0 * double(lost) / double(expected) : 0;
    const double p50 = percentileUs(latencies, 0.50);
    const double p99 = percentileUs(latencies, 0.99);
    const double maxUs = latencies.empty() ? 0 : double(latencies.back()) / 1000.0;

    std::printf("mqtt_load: %d pub -> %d sub%s, QoS %u, %d-byte payloads, %.1f s\n",
                options.publishers, options.subscribers,
                options.sharedGroup.isEmpty() ? "" : " (shared group)", unsigned(options.qos),
                options.payloadBytes, publishSeconds);
    std::printf("  sent        %llu (%.0f msg/s)\n", static_cast<unsigned long long>(sent), sendRate);
    std::printf("  received    %llu of %llu expected (%.0f msg/s over %.2f s)\n",
                static_cast<unsigned long long>(received), static_cast<unsigned long long>(expected),
                throughput, deliverySeconds);
    std::printf("  lost        %llu (%.3f%%)  duplicates %llu\n", static_cast<unsigned long long>(lost),
                lossPercent, static_cast<unsigned long long>(delivered.duplicates));
    std::printf("  latency     p50 %.0f us  p99 %.0f us  max %.0f us\n", p50, p99, maxUs);
    if (protocolErrors || foreign)
        std::printf("  anomalies   %llu protocol errors, %llu unstamped payloads\n",
                    static_cast<unsigned long long>(protocolErrors), static_cast<unsigned long long>(foreign));
    std::printf("RESULT label=%s sent=%llu received=%llu expected=%llu lost=%llu duplicates=%llu "
                "send_rate=%.0f throughput=%.0f p50_us=%.0f p99_us=%.0f max_us=%.0f errors=%llu\n",
                options.label.isEmpty() ? "-" : qUtf8Printable(options.label),
                static_cast<unsigned long long>(sent), static_cast<unsigned long long>(received),
                static_cast<unsigned long long>(expected), static_cast<unsigned long long>(lost),
                static_cast<unsigned long long>(delivered.duplicates), sendRate, throughput, p50, p99,
                maxUs, static_cast<unsigned long long>(protocolErrors + foreign));
    std::fflush(stdout);
}

} // namespace bs::bench
