#include "demo/PaymentLedger.h"

namespace bs::demo {

bool PaymentLedger::charge(const QString& orderId)
{
    int& count = m_charges[orderId];
    if (count > 0) {
        noteDuplicate();
        return false;
    }
    ++count;
    return true;
}

void PaymentLedger::clear()
{
    m_charges.clear();
    m_duplicatesSkipped = 0;
}

} // namespace bs::demo
