#include "demo/EventLog.h"

#include <algorithm>

namespace bs::demo {

EventLog::EventLog(int capacity, QObject* parent) : QObject(parent), m_capacity(std::max(1, capacity)) {}

void EventLog::append(const QString& sentence)
{
    const QString line = QTime::currentTime().toString(QStringLiteral("hh:mm:ss.zzz")) + u' ' + sentence;
    m_lines.push_back(line);
    while (qsizetype(m_lines.size()) > m_capacity)
        m_lines.pop_front();
    emit logged(line);
}

QStringList EventLog::lines() const
{
    return QStringList(m_lines.begin(), m_lines.end());
}

bool EventLog::contains(const QString& text) const
{
    return std::any_of(m_lines.begin(), m_lines.end(), [&](const QString& line) { return line.contains(text); });
}

} // namespace bs::demo
