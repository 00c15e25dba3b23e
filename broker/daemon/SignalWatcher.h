#pragma once
// Turns POSIX signals into a Qt signal on the main thread (the self-pipe trick): the
// handler only writes the signal number to a socket pair that a QSocketNotifier reads.

#include <QObject>
#include <csignal>
#include <initializer_list>

class QSocketNotifier;

namespace bs::broker {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void signalled(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace bs::broker
