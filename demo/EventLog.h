#pragma once
// The demo's narration: timestamped sentences ("12:04:05.120 analytics: lag 340 passed
// 100, added an instance (2 -> 3)") from the autoscaler, the fault switches and the
// instances. Bounded: the oldest sentences go first.

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <deque>

namespace bs::demo {

class EventLog : public QObject
{
    Q_OBJECT
public:
    explicit EventLog(int capacity, QObject* parent = nullptr);

    void append(const QString& sentence);
    /// Oldest first, each "hh:mm:ss.zzz sentence".
    QStringList lines() const;
    bool contains(const QString& text) const;
    void clear() { m_lines.clear(); }

signals:
    void logged(const QString& line);

private:
    int m_capacity;
    std::deque<QString> m_lines;
};

} // namespace bs::demo
