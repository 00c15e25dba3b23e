#pragma once
// The end-of-run report: counts, loss and duplicates (from the subscribers' per-sequence
// counters), throughput and latency percentiles. Printed as readable lines followed by one
// machine-readable "RESULT key=value ..." line for scripts.

#include <QtGlobal>
#include <vector>

namespace bs::bench {

struct LoadOptions;
class LoadPublisher;
class LoadSubscriber;

struct LoadTimes
{
    qint64 publishNs = 0;  ///< from start of publishing to stop
    qint64 deliveryNs = 0; ///< from start of publishing to the last observed delivery
};

void printLoadReport(const LoadOptions& options, const LoadTimes& times,
                     const std::vector<LoadPublisher*>& publishers,
                     const std::vector<LoadSubscriber*>& subscribers);

} // namespace bs::bench
