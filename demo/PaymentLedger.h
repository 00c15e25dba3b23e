#pragma once
// The payment service's idempotency store and its bank statement in one: how many times
// each order id was charged. Payment instances charge through charge(), which refuses an
// order already charged — so a redelivered or replayed order is counted as a duplicate
// skipped and never charged twice. Shared by every payment instance (as a real service
// shares a database), owned by the scenario.

#include <QHash>
#include <QString>

namespace bs::demo {

class PaymentLedger
{
public:
    bool isCharged(const QString& orderId) const { return m_charges.contains(orderId); }
    /// Charges once; false (and a duplicate counted) when the order was charged already.
    bool charge(const QString& orderId);
    void noteDuplicate() { ++m_duplicatesSkipped; }

    /// Times the order was charged: 1 for every order paid, exactly once.
    int chargeCount(const QString& orderId) const { return m_charges.value(orderId); }
    qsizetype chargedOrders() const { return m_charges.size(); }
    quint64 duplicatesSkipped() const { return m_duplicatesSkipped; }
    void clear();

private:
    QHash<QString, int> m_charges;
    quint64 m_duplicatesSkipped = 0;
};

} // namespace bs::demo
