#pragma once
// Measures how late the GUI thread's event loop runs a 10 ms timer: each timeout records
// (time since the previous one) - 10 ms. A blocked event loop shows up as lateness.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

class StallMeter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 10;

    explicit StallMeter(QObject* parent = nullptr);
    void start();
    void stop() { m_timer.stop(); }

    /// q in [0, 1]: 0.5 is the median, 1 the maximum. Milliseconds.
    double percentile(double q) const;
    std::size_t samples() const { return m_latenessMs.size(); }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    std::vector<double> m_latenessMs;
};
